"""``part_within_whole``: a part can be no larger than its whole.

Three sorts of part, each found from the tables: a subset (scope ``subset``, "其中…") within the
district figure printed before it in the same sentence, in the same unit and year; the
additions of a period (``cumulative``) within the stock at its end (what is left existed
before, net of exits); a year's flow within the stock a per-10,000-residents ratio implies.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from haidian_build.checks.facts import FLOWS, PARTS, STOCKS, Facts
from haidian_build.checks.figures import Figure, Use
from haidian_build.checks.rows import Entry, check
from haidian_build.checks.rules.ratios import per_10k_stocks
from haidian_build.checks.text import pct, span
from haidian_report.growth import Interval, share_interval


def _within(
    key: tuple[object, ...],
    part: Figure,
    whole: Interval,
    point_whole: float,
    *,
    whole_text: str,
    uses: Sequence[Use],
    note: str = "",
) -> Entry:
    ok = part.band.low < whole.high or (
        part.band.low == whole.high and part.band.low_closed and whole.high_closed
    )
    computed = share_interval(part.band, whole)
    point = part.value / point_whole * 100
    return check(
        "part_within_whole",
        *key,
        reason="within_rounding" if ok else "beyond_rounding",
        unit="percent",
        point=point,
        computed=computed,
        uses=uses,
        explanation=f"{part.cite()} is {pct(point)} of {whole_text} ({span(computed, pct)} "
        f"given rounding), leaving {part.show(point_whole - part.value)}{note}: "
        + ("the part lies within the whole." if ok else "the part exceeds the whole."),
    )


def subsets_within_wholes(facts: Facts) -> Iterator[Entry]:
    for part in facts.figures:
        if part.scope != "subset" or part.measure not in PARTS:
            continue
        wholes = [
            f
            for f in facts.figures
            if f.fact.sentence_id == part.fact.sentence_id
            and f.fact.value_start < part.fact.value_start
            and f.scope == "haidian"
            and f.measure in PARTS
            and f.unit == part.unit
            and f.year == part.year
        ]
        if wholes:
            whole = max(wholes, key=lambda f: f.fact.value_start)
            yield _within(
                (part.series, part.year),
                part,
                whole.band,
                whole.value,
                whole_text=f"{facts.name(whole.metric_id).lower()} {whole.cite()}",
                uses=[("part", part), ("whole", whole)],
            )


def additions_within_stock(facts: Facts) -> Iterator[Entry]:
    for new in facts.figures:
        if new.measure != "cumulative" or new.single_year or new.scope != "haidian":
            continue
        stock = facts.one(
            f
            for f in facts.of(new.series, *STOCKS)
            if f.year == new.year and f.scope == "haidian" and f.single_year
        )
        if stock is not None and stock.unit == new.unit:
            yield _within(
                (new.series, "new_vs_stock"),
                new,
                stock.band,
                stock.value,
                whole_text=f"the stock of {stock.cite()}",
                uses=[("part", new), ("whole", stock)],
                note=f" that existed before {new.first_year} (net of exits)",
            )


def flows_within_implied_stock(facts: Facts) -> Iterator[Entry]:
    for s in per_10k_stocks(facts):
        metric = facts.metrics[s.ratio.metric_id]
        stem = metric.name_zh.removeprefix("每万人").removesuffix("拥有量")
        for flow in facts.figures:
            flow_metric = facts.metrics.get(flow.metric_id)
            if (
                flow_metric is None
                or flow.metric_id == s.ratio.metric_id
                or not flow_metric.name_zh.startswith(stem)
                or flow.measure not in (FLOWS or STOCKS)
                or flow.year != s.ratio.year
                or flow.unit != s.unit
            ):
                continue
            yield _within(
                (flow.series, flow.year),
                flow,
                s.computed,
                s.point,
                whole_text=f"the {s.held(s.point)} held implied by {s.ratio.text} per 10,000 of "
                f"{s.population.text} residents",
                uses=[("part", flow), ("whole", s.ratio), ("other", s.population)],
                note=" (this year's grants should be among the patents held at year end)"
                if "专利" in stem
                else "",
            )
