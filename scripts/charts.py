"""Draw the documentation charts from the package itself: ``python scripts/charts.py``.

Run on demand (not in CI) after the data change; it needs ``pip install '.[docs]'``
(matplotlib) and a CJK font (``apt-get install fonts-noto-cjk``) so that Chinese labels render.
Writes PNG files into ``docs/charts/`` (deterministic for a given matplotlib and font):

* ``levels_2016_2021.png``: every metric with both a 2016 and a 2021 value of the same
  measure, one small panel each (units differ, so each panel has its own scale);
* ``cagr_2017_2021.png``: five-year average annual growth by indicator;
* ``targets_vs_base.png``: 2022 targets against the 2021 figure they build on
  (``targets.base_indicator_id``);
* ``programs_by_domain.png``: named programs by domain and status.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import polars as pl
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import haidian_report as hr

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "charts"
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC")
COLOURS = {"2016": "#9aa5b1", "2021": "#3f51b5", "base": "#9aa5b1", "target": "#e8710a"}
STATUS_COLOURS = {"done": "#2e7d32", "ongoing": "#3f51b5", "planned": "#e8710a"}
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
MEASURE_EN = {"level": "", "share": "% of Beijing", "per_capita": "per capita"}
QUALIFIER_MARK = {"at_least": "≥", "more_than": ">", "at_most": "≤", "approx": "≈"}


def setup_fonts() -> str:
    """Use a CJK font (with DejaVu Sans as fallback for Latin); fail clearly if none."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = next((name for name in CJK_FONTS if name in installed), None)
    if cjk is None:
        sys.exit(
            "no CJK font found (tried " + ", ".join(CJK_FONTS) + "): "
            "apt-get install fonts-noto-cjk, then delete matplotlib's font cache"
        )
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [cjk, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "svg.hashsalt": "haidian_report",
        }
    )
    return cjk


def save(fig: Figure, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    fig.savefig(path, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return path


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _footer(fig: Figure, text: str) -> None:
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=8, color="#555555")


# --------------------------------------------------------------------------------------------


def levels_frame() -> pl.DataFrame:
    """Pairs of 2016 and 2021 values of the same metric, measure and scope."""
    ind = hr.indicators().filter(
        pl.col("period").is_in(["2016", "2021"]) & pl.col("value").is_not_null()
    )
    pairs = (
        ind.group_by("metric_id", "measure", "scope")
        .agg(pl.col("period").n_unique().alias("n"))
        .filter(pl.col("n") == 2)
        .drop("n")
    )
    names = hr.metrics().select("metric_id", "name_zh", "name_en")
    return (
        ind.join(pairs, on=["metric_id", "measure", "scope"])
        .join(names, on="metric_id", how="left")
        .sort("metric_id", "measure", "scope", "period")
    )


def _change_label(unit: str, v16: float, v21: float) -> str:
    if unit == "percent":
        return f"{v21 - v16:+.1f} pp"
    if unit in ("class", "rank") or v16 == 0:
        return ""
    return f"{(v21 / v16 - 1) * 100:+.1f}%"


def chart_levels() -> Path:
    frame = levels_frame()
    groups = frame.partition_by(["metric_id", "measure", "scope"], maintain_order=True)
    ncols = 3
    nrows = max(1, math.ceil(len(groups) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(11, 3.3 * nrows), squeeze=False)
    flat: list[Axes] = [ax for row in axes for ax in row]
    for ax, group in zip(flat, groups, strict=False):
        rows = {r["period"]: r for r in group.iter_rows(named=True)}
        r16, r21 = rows["2016"], rows["2021"]
        values = [float(r16["value"]), float(r21["value"])]
        bars = ax.bar(
            ["2016", "2021"],
            values,
            color=[COLOURS["2016"], COLOURS["2021"]],
            hatch=["", "//" if r21["estimated"] else ""],
            edgecolor="white",
            width=0.6,
        )
        labels = [str(r["value_text"]) for r in (r16, r21)]  # as printed, qualifier included
        if r21["estimated"]:
            labels[1] += "\n(预计 est.)"
        ax.bar_label(bars, labels=labels, padding=2, fontsize=9)
        ax.set_ylim(0, max(values) * 1.35)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        measure = MEASURE_EN.get(str(r16["measure"]), str(r16["measure"]))
        name_en = str(r16["name_en"]) + (f" ({measure})" if measure else "")
        ax.set_title(f"{r16['name_zh']}\n{wrap(name_en, 30)}", fontsize=10, loc="left")
        change = _change_label(str(r16["unit"]), values[0], values[1])
        if change:
            ax.set_title(change, loc="right", fontsize=11, fontweight="bold", color=COLOURS["2021"])
    for ax in flat[len(groups) :]:
        ax.set_visible(False)
    fig.suptitle(
        "2016 vs 2021: every metric the report gives for both years\n"
        "2016年与2021年对比(报告同时给出两年数值的全部指标)",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout()
    _footer(
        fig,
        "Labels are the figures as printed; hatched = 2021 estimate (预计). Each panel has its "
        "own scale. Water quality: class V+ (劣Ⅴ类) to IV, lower is cleaner.\n"
        "Source: haidian_report, table indicators (measure level/share, periods 2016 and 2021).",
    )
    return save(fig, "levels_2016_2021.png")


# --------------------------------------------------------------------------------------------


def chart_cagr() -> Path:
    cagr = (
        hr.indicators()
        .filter((pl.col("measure") == "cagr") & pl.col("value").is_not_null())
        .join(hr.metrics().select("metric_id", "name_zh", "name_en"), on="metric_id", how="left")
        .sort("value", "metric_id")
    )
    n = cagr.height
    fig, ax = plt.subplots(figsize=(10, 0.45 * n + 1.6))
    labels = [
        f"{r['name_zh']}  {r['name_en']}"
        + (f" ({r['period']})" if r["period"] != "2017-2021" else "")
        for r in cagr.iter_rows(named=True)
    ]
    values = cagr["value"].to_list()
    colours = [COLOURS["2021"]] * n
    bars = ax.barh(range(n), values, color=colours, height=0.65)
    ax.set_yticks(range(n), labels=labels, fontsize=9.5)
    ax.bar_label(
        bars,
        labels=[
            QUALIFIER_MARK.get(q, "") + f"{v:g}%"
            for q, v in zip(cagr["qualifier"], values, strict=True)
        ],
        padding=3,
        fontsize=9.5,
    )
    ax.set_xlim(0, max(values, default=1) * 1.15)
    ax.set_xlabel("average annual growth, % (年均增长)")
    ax.grid(axis="x", color="#e0e0e0")
    ax.set_axisbelow(True)
    ax.set_title(
        "Five-year average annual growth, 2017–2021 (CAGR)\n过去五年年均增长",
        fontsize=13,
        loc="left",
    )
    fig.tight_layout()
    estimated = int(cagr["estimated"].sum())
    _footer(
        fig,
        f"{estimated} of {n} rates are estimates (预计): the report was delivered before the "
        "2021 statistics were final. Rates as printed; price basis as the report states it.\n"
        "Source: haidian_report, table indicators (measure cagr).",
    )
    return save(fig, "cagr_2017_2021.png")


# --------------------------------------------------------------------------------------------


def targets_frame() -> pl.DataFrame:
    """2022 targets that name a 2021 base indicator, joined to that base."""
    base = hr.indicators().select(
        pl.col("indicator_id").alias("base_indicator_id"),
        pl.col("value").alias("base_value"),
        pl.col("unit").alias("base_unit"),
        pl.col("value_text").alias("base_text"),
        pl.col("qualifier").alias("base_qualifier"),
        pl.col("estimated").alias("base_estimated"),
        pl.col("direction").alias("base_direction"),
        pl.col("base_period").alias("base_since"),
    )
    return (
        hr.targets()
        .filter(pl.col("base_indicator_id").is_not_null())
        .join(base, on="base_indicator_id", how="left")
        .join(hr.metrics().select("metric_id", "name_zh", "name_en"), on="metric_id", how="left")
        .sort("target_id")
    )


def _comparable(row: dict[str, Any]) -> bool:
    return (
        row["value"] is not None
        and row["base_value"] is not None
        and row["unit"] == row["base_unit"]
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _base_text(row: dict[str, Any]) -> str:
    if row["base_text"] is None:
        return "—"
    text = str(row["base_text"])
    since = f" since {row['base_since']}" if row["base_since"] else ""
    if row["base_direction"] == "decrease":
        return f"下降 {text}{since}"
    return text + since


def chart_targets() -> Path:
    frame = targets_frame()
    rows = list(frame.iter_rows(named=True))
    numeric = [r for r in rows if _comparable(r)]
    other = [r for r in rows if not _comparable(r)]
    ncols = max(1, min(4, len(numeric)))
    nrows = max(1, math.ceil(len(numeric) / ncols))
    text_height = 0.3 * len(other) + 0.5 if other else 0
    fig = plt.figure(figsize=(11, 3.4 * nrows + text_height + 0.6))
    grid = fig.add_gridspec(
        nrows + (1 if other else 0),
        ncols,
        height_ratios=[3.4] * nrows + ([text_height] if other else []),
    )
    for i, r in enumerate(numeric):
        ax = fig.add_subplot(grid[i // ncols, i % ncols])
        values = [float(r["base_value"]), float(r["value"])]
        bars = ax.bar(
            ["2021", "2022 target"],
            values,
            color=[COLOURS["base"], COLOURS["target"]],
            hatch=["//" if r["base_estimated"] else "", ""],
            edgecolor="white",
            width=0.6,
        )
        labels = [str(r["base_text"]), str(r["value_text"])]  # as printed
        if r["base_estimated"]:
            labels[0] += "\n(预计 est.)"
        ax.bar_label(bars, labels=labels, padding=2, fontsize=9)
        ax.set_ylim(0, max(values) * 1.4)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        what = "growth, %" if r["measure"] == "growth_yoy" else str(r["measure"])
        ax.set_title(
            f"{r['name_zh']}\n{wrap(str(r['name_en']) + f' ({what})', 30)}",
            fontsize=9.5,
            loc="left",
        )
    if other:
        ax = fig.add_subplot(grid[nrows, :])
        ax.axis("off")
        lines = [
            "Targets without a number to compare (qualitative, or another unit than the base):"
        ]
        for r in other:
            lines.append(
                f"•  {r['name_zh']} ({r['name_en']}): 2021 {_base_text(r)}  →  2022 "
                f"“{_shorten(str(r['quote'] if r['value'] is None else r['value_text']), 32)}”"
            )
        ax.text(
            0,
            1,
            "\n".join(lines),
            va="top",
            ha="left",
            fontsize=9.5,
            linespacing=1.7,
            transform=ax.transAxes,
        )
    fig.suptitle(
        "2022 targets against the 2021 figure they build on\n2022年目标与2021年基数",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout()
    _footer(
        fig,
        "Labels as printed (以上 = at least, 超过 = more than); hatched = 2021 estimate (预计). "
        "Only targets whose base_indicator_id is set are shown; qualitative ones quote the "
        "report.\n"
        "Source: haidian_report, tables targets and indicators (targets.base_indicator_id).",
    )
    return save(fig, "targets_vs_base.png")


# --------------------------------------------------------------------------------------------


def chart_programs() -> Path:
    programs = hr.programs().filter(~pl.col("generic"))  # named programs, not categories
    counts = programs.group_by("domain", "status").len()
    totals = counts.group_by("domain").agg(pl.col("len").sum().alias("total"))
    order = totals.sort(["total", "domain"], descending=[False, True])["domain"].to_list()
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(order) + 1.8))
    left = [0.0] * len(order)
    for status in ("done", "ongoing", "planned"):
        lookup = {
            r["domain"]: r["len"]
            for r in counts.filter(pl.col("status") == status).iter_rows(named=True)
        }
        widths = [float(lookup.get(d, 0)) for d in order]
        bars = ax.barh(
            range(len(order)),
            widths,
            left=left,
            color=STATUS_COLOURS[status],
            height=0.65,
            label=f"{status} ({STATUS_ZH[status]})",
        )
        ax.bar_label(
            bars,
            labels=[str(int(w)) if w >= 2 else "" for w in widths],
            label_type="center",
            color="white",
            fontsize=8.5,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(
        range(len(order)), labels=[f"{DOMAIN_ZH.get(d, d)}  {d}" for d in order], fontsize=10
    )
    for i, total in enumerate(left):
        ax.text(total + 0.5, i, f"{int(total)}", va="center", fontsize=9)
    ax.set_xlabel("named programs (具名项目数)")
    ax.set_xlim(0, max(left, default=1) * 1.08)
    ax.legend(loc="lower right", frameon=False)
    ax.set_title(
        f"Named programs by domain and status ({programs.height} programs)\n具名项目:按领域和状态",
        fontsize=13,
        loc="left",
    )
    fig.tight_layout()
    _footer(
        fig,
        "Status as the report frames each program: done in 2017–2021, ongoing, or planned "
        "for 2022 onwards.\nSource: haidian_report, table programs (domain, status).",
    )
    return save(fig, "programs_by_domain.png")


CHARTS = {
    "levels": chart_levels,
    "cagr": chart_cagr,
    "targets": chart_targets,
    "programs": chart_programs,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("only", nargs="*", help="charts to draw: " + ", ".join(CHARTS))
    args = parser.parse_args(argv)
    unknown = [name for name in args.only if name not in CHARTS]
    if unknown:
        parser.error(f"unknown chart(s) {unknown}; choose from {', '.join(CHARTS)}")
    font = setup_fonts()
    for name in args.only or CHARTS:
        path = CHARTS[name]()
        print(f"{path.relative_to(ROOT)} ({font})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
