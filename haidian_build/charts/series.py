"""What each documentation chart plots, computed from the tables alone (no matplotlib).

A :class:`Chart` holds every number and every label a chart shows; drawing
(:mod:`haidian_build.charts.draw`) reads nothing else. The build writes each chart's series as
JSON beside its PNG, so a change in the data shows in a diff, the byte-for-byte rebuild test
covers it, and a test can hold the drawn figure to it.

Each bar carries the id of what it plots (an ``indicator_id``, a ``target_id``, or
``domain/status`` for program counts) so that a test can check it against the tables.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import polars as pl

Frames = dict[str, pl.DataFrame]
ChartKind = Literal["panels", "hbar", "stacked_hbar"]

MEASURE_EN = {"level": "", "share": "% of Beijing", "per_capita": "per capita"}
QUALIFIER_MARK = {"at_least": "≥", "more_than": ">", "at_most": "≤", "approx": "≈"}
STATUSES = ("done", "ongoing", "planned")
STATUS_ZH = {"done": "已完成", "ongoing": "进行中", "planned": "计划"}
DOMAIN_ZH = {
    "economy": "经济",
    "innovation": "创新",
    "fiscal": "财政",
    "trade": "开放",
    "industry": "产业",
    "environment": "生态环境",
    "transport": "交通",
    "urban": "城市",
    "land": "土地",
    "housing": "住房",
    "education": "教育",
    "health": "卫生健康",
    "culture": "文化",
    "social": "社会",
    "security": "安全",
    "governance": "治理",
    "population": "人口",
    "employment": "就业",
}


@dataclass(frozen=True)
class Bar:
    """One bar (or one segment of a stacked bar)."""

    id: str
    category: str
    group: str
    value: float
    text: str
    hatched: bool = False


@dataclass(frozen=True)
class Panel:
    """One set of axes: its titles and bars (categories in axis order)."""

    title: str
    title_right: str
    categories: list[str]
    bars: list[Bar]
    xlabel: str = ""


@dataclass(frozen=True)
class Chart:
    """Everything one chart shows."""

    name: str
    kind: ChartKind
    title: str
    footer: str
    panels: list[Panel]
    notes: list[str] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _names(frames: Frames) -> pl.DataFrame:
    return frames["metrics"].select("metric_id", "name_zh", "name_en")


def _change_label(unit: str, v16: float, v21: float) -> str:
    if unit == "percent":
        return f"{v21 - v16:+.1f} pp"
    if unit in ("class", "rank") or v16 == 0:
        return ""
    return f"{(v21 / v16 - 1) * 100:+.1f}%"


def levels(frames: Frames) -> Chart:
    """2016 vs 2021: every metric, measure and scope with a value for both years."""
    ind = frames["indicators"].filter(
        pl.col("period").is_in(["2016", "2021"]) & pl.col("value").is_not_null()
    )
    pairs = (
        ind.group_by("metric_id", "measure", "scope")
        .agg(pl.col("period").n_unique().alias("n"))
        .filter(pl.col("n") == 2)
        .drop("n")
    )
    frame = (
        ind.join(pairs, on=["metric_id", "measure", "scope"])
        .join(_names(frames), on="metric_id", how="left")
        .sort("metric_id", "measure", "scope", "period")
    )
    panels = []
    for group in frame.partition_by(["metric_id", "measure", "scope"], maintain_order=True):
        rows = {r["period"]: r for r in group.iter_rows(named=True)}
        r16, r21 = rows["2016"], rows["2021"]
        bars = [
            Bar(
                id=str(r["indicator_id"]),
                category=period,
                group=period,
                value=float(r["value"]),
                text=str(r["value_text"]) + ("\n(预计 est.)" if r["estimated"] else ""),
                hatched=bool(r["estimated"]),
            )
            for period, r in (("2016", r16), ("2021", r21))
        ]
        measure = MEASURE_EN.get(str(r16["measure"]), str(r16["measure"]))
        name_en = str(r16["name_en"]) + (f" ({measure})" if measure else "")
        panels.append(
            Panel(
                title=f"{r16['name_zh']}\n{wrap(name_en, 30)}",
                title_right=_change_label(str(r16["unit"]), bars[0].value, bars[1].value),
                categories=["2016", "2021"],
                bars=bars,
            )
        )
    return Chart(
        name="levels_2016_2021",
        kind="panels",
        title="2016 vs 2021: every metric the report gives for both years\n"
        "2016年与2021年对比(报告同时给出两年数值的全部指标)",
        footer="Labels are the figures as printed; hatched = 2021 estimate (预计). Each panel "
        "has its own scale. Water quality: class V+ (劣Ⅴ类) to IV, lower is cleaner.\n"
        "Source: haidian_report, table indicators (periods 2016 and 2021, same metric, "
        "measure and scope).",
        panels=panels,
    )


#: How the CAGR chart marks a money rate's price_basis (a count's rate has none).
BASIS_MARK: Final = {"comparable": "real", "nominal": "nominal", "unknown": "basis?"}


def cagr(frames: Frames) -> Chart:
    """Five-year average annual growth by indicator."""
    rows = (
        frames["indicators"]
        .filter((pl.col("measure") == "cagr") & pl.col("value").is_not_null())
        .join(_names(frames), on="metric_id", how="left")
        .sort("value", "metric_id")
    )
    categories, bars = [], []
    for r in rows.iter_rows(named=True):
        basis = BASIS_MARK.get(str(r["price_basis"]), "")
        label = f"{r['name_zh']}  {r['name_en']}" + (
            f" ({r['period']})" if r["period"] != "2017-2021" else ""
        )
        label += f" [{basis}]" if basis else ""
        categories.append(label)
        value = float(r["value"])
        text = QUALIFIER_MARK.get(str(r["qualifier"]), "") + f"{value:g}%"
        hatched = bool(r["estimated"])
        bars.append(Bar(str(r["indicator_id"]), label, "rate", value, text, hatched))
    estimated = int(rows["estimated"].sum())
    return Chart(
        name="cagr_2017_2021",
        kind="hbar",
        title="Five-year average annual growth, 2017–2021 (CAGR)\n过去五年年均增长",
        footer=f"{estimated} of {rows.height} rates are estimates (预计): the report was "
        "delivered before the 2021 statistics were final; hatched = estimate.\nRates as "
        "printed. The report prints no price basis: [real] and [nominal] are the statistical "
        "convention\n(GDP at comparable prices, other money at current prices; "
        "price_basis_source), [basis?] unknown; a count has none.\nSource: haidian_report, "
        "table indicators (measure cagr).",
        panels=[Panel("", "", categories, bars, xlabel="average annual growth, % (年均增长)")],
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _base_text(row: dict[str, Any]) -> str:
    if row["base_text"] is None:
        return "—"
    text = str(row["base_text"])
    since = f" since {row['base_since']}" if row["base_since"] else ""
    return (f"下降 {text}" if row["base_direction"] == "decrease" else text) + since


def targets(frames: Frames) -> Chart:
    """2022 targets against the 2021 figure they build on (``base_indicator_id``)."""
    base = frames["indicators"].select(
        pl.col("indicator_id").alias("base_indicator_id"),
        pl.col("value").alias("base_value"),
        pl.col("unit").alias("base_unit"),
        pl.col("value_text").alias("base_text"),
        pl.col("estimated").alias("base_estimated"),
        pl.col("direction").alias("base_direction"),
        pl.col("base_period").alias("base_since"),
    )
    frame = (
        frames["targets"]
        .filter(pl.col("base_indicator_id").is_not_null())
        .join(base, on="base_indicator_id", how="left")
        .join(_names(frames), on="metric_id", how="left")
        .sort("target_id")
    )
    panels, notes = [], []
    for r in frame.iter_rows(named=True):
        comparable = (
            r["value"] is not None and r["base_value"] is not None and r["unit"] == r["base_unit"]
        )
        if not comparable:
            shown = r["quote"] if r["value"] is None else r["value_text"]
            notes.append(
                f"•  {r['name_zh']} ({r['name_en']}): 2021 {_base_text(r)}  →  2022 "
                f"“{_shorten(str(shown), 32)}”"
            )
            continue
        what = "growth, %" if r["measure"] == "growth_yoy" else str(r["measure"])
        base_label = str(r["base_text"]) + ("\n(预计 est.)" if r["base_estimated"] else "")
        bars = [
            Bar(
                str(r["base_indicator_id"]),
                "2021",
                "base",
                float(r["base_value"]),
                base_label,
                bool(r["base_estimated"]),
            ),
            Bar(str(r["target_id"]), "2022 target", "target", float(r["value"]), r["value_text"]),
        ]
        title = f"{r['name_zh']}\n{wrap(str(r['name_en']) + f' ({what})', 30)}"
        panels.append(Panel(title, "", ["2021", "2022 target"], bars))
    if notes:
        notes.insert(
            0, "Targets without a number to compare (qualitative, or another unit than the base):"
        )
    return Chart(
        name="targets_vs_base",
        kind="panels",
        title="2022 targets against the 2021 figure they build on\n2022年目标与2021年基数",
        footer="Labels as printed (以上 = at least, 超过 = more than); hatched = 2021 estimate "
        "(预计). Only targets whose base_indicator_id is set are shown; qualitative ones quote "
        "the report.\nSource: haidian_report, tables targets and indicators "
        "(targets.base_indicator_id).",
        panels=panels,
        notes=notes,
    )


def programs(frames: Frames) -> Chart:
    """Named programs by domain and status (stacked); generic categories of work left out."""
    progs = frames["programs"]
    if "generic" in progs.columns:
        progs = progs.filter(~pl.col("generic"))
    counts = progs.group_by("domain", "status").len()
    totals = counts.group_by("domain").agg(pl.col("len").sum().alias("total"))
    order = totals.sort(["total", "domain"], descending=[False, True])["domain"].to_list()
    lookup = {(r["domain"], r["status"]): r["len"] for r in counts.iter_rows(named=True)}
    categories = [f"{DOMAIN_ZH.get(d, d)}  {d}" for d in order]
    bars = [
        Bar(f"{d}/{status}", label, status, float(n), str(n) if n >= 2 else "")
        for status in STATUSES
        for d, label in zip(order, categories, strict=True)
        if (n := lookup.get((d, status), 0))
    ]
    return Chart(
        name="programs_by_domain",
        kind="stacked_hbar",
        title=f"Named programs by domain and status ({progs.height} programs)\n"
        "具名项目:按领域和状态",
        footer="Status by the written rule of curation/README.md: done, ongoing, or planned. "
        "Rows marked generic (a category of work, not one named program) are left out.\n"
        "Source: haidian_report, table programs (domain, status, generic).",
        panels=[Panel("", "", categories, bars, xlabel="named programs (具名项目数)")],
        legend={s: f"{s} ({STATUS_ZH[s]})" for s in STATUSES},
    )


CHARTS = (levels, cagr, targets, programs)


def all_charts(frames: Frames) -> list[Chart]:
    """Every chart's series, in the order of the charts page."""
    return [make(frames) for make in CHARTS]


def grid(n: int, ncols: int) -> tuple[int, int]:
    """Rows and columns of a grid of ``n`` small panels, at most ``ncols`` wide."""
    cols = max(1, min(ncols, n))
    return max(1, math.ceil(n / cols)), cols
