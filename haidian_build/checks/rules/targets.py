"""2022 targets against what the report says of 2021 and of 2017-2021.

``target_vs_base`` (check)
    A growth target applied to the 2021 base, against a level target for the same year: the
    two targets are compatible or cannot both be met; ``not_comparable`` when the growth is
    real and the level nominal (the explanation gives the break-even deflator) or the growth's
    price basis is not stated. Also, a 2022 amount target against a 2017-2021 total of the
    same metric that counts something else (a different stage of work, or one the tables do
    not tell apart): ``not_comparable``, and no pace is derived.
``target_implied_level`` (derivation)
    A growth target applied to the 2021 base, where no level target is printed.
``average_pace`` (derivation)
    The 2017-2021 total spread over its years, with the 2022 target as a multiple of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from haidian_build.checks.facts import AMOUNTS, FLOWS, Facts
from haidian_build.checks.figures import Figure
from haidian_build.checks.rows import Entry, check, derive
from haidian_build.checks.text import basis_words, open_floor, pct, span
from haidian_report.growth import (
    Interval,
    deflator_interval,
    implied_end_interval,
    printed_band,
    scale_interval,
)
from haidian_report.models import CheckReason, Target


def _base(facts: Facts, target: Figure) -> Figure | None:
    """The 2021 level a target builds on: the one the target names, else the only one."""
    assert isinstance(target.fact, Target)
    linked = facts.by_id.get(target.fact.base_indicator_id or "")
    if linked is not None and linked.measure in AMOUNTS and linked.single_year:
        return linked
    return facts.level(target.series, target.year - 1)


def growth_targets(facts: Facts) -> Iterator[Entry]:
    for rate in facts.targets:
        if rate.measure != "growth_yoy" or not rate.single_year:
            continue
        base = _base(facts, rate)
        if base is None or base.year != rate.year - 1 or base.value <= 0:
            continue
        implied = open_floor(implied_end_interval(base.band, rate.band, 1), 0.0)
        point = base.value * (1 + rate.value / 100)
        head = (
            f"{base.cite()} grown {rate.text} gives {base.show(point)} in {rate.year} "
            f"({base.span(implied)} given rounding)"
        )
        levels = [
            t
            for t in facts.targets
            if t.series == rate.series
            and t.measure in AMOUNTS
            and t.fact.period == rate.fact.period
            and t.unit == base.unit
        ]
        for level in levels:
            yield _against_level(facts, base, rate, level, implied, point, head)
        if not levels:
            money = facts.is_money(rate.metric_id)
            yield derive(
                "target_implied_level",
                rate.id,
                unit=base.unit,
                point=point,
                computed=implied,
                uses=[("rate", rate), ("base", base)],
                explanation=f"Not printed: {head}"
                + (f", {basis_words(facts.rate_basis(rate))}" if money else "")
                + f"; the report gives the {rate.year} growth target, not the level.",
            )


def _against_level(
    facts: Facts,
    base: Figure,
    rate: Figure,
    level: Figure,
    implied: Interval,
    point: float,
    head: str,
) -> Entry:
    rate_basis = facts.rate_basis(rate)
    level_basis = facts.level_basis(level.metric_id)
    need = (level.value / base.value - 1) * 100
    low, high = (level.value / base.band.high - 1) * 100, (level.value / base.band.low - 1) * 100
    need_iv = Interval(low, high, True, True)
    need_text = (
        f"the level target needs nominal growth of {pct(need)} ({span(need_iv, pct)} given the "
        f"rounding of {base.text})"
    )
    reason: CheckReason
    if rate_basis == "unknown":
        reason = "price_basis_unknown"
        tail = (
            f"{need_text}; the report does not state the price basis of the {rate.text} growth "
            "target, so the two cannot be compared."
        )
    elif rate_basis != level_basis:
        reason = "price_basis_differs"
        breakeven = ((1 + need / 100) / (1 + rate.value / 100) - 1) * 100
        be_iv = deflator_interval(need_iv, printed_band(rate.fact.value_printed or str(rate.value)))
        tail = (
            f"the {rate.text} growth target is "
            f"{'real' if rate_basis == 'comparable' else 'nominal'} and the level "
            f"{'nominal' if level_basis == 'nominal' else 'real'}; {need_text} at current "
            f"prices, which {rate.text} real growth delivers unless the {rate.year} GDP deflator "
            f"is below {pct(breakeven)} ({span(be_iv, pct)} given rounding)."
        )
    else:
        reason = "within_rounding" if implied.overlaps(level.band) else "beyond_rounding"
        tail = f"{need_text}; " + (
            "the targets are compatible."
            if reason == "within_rounding"
            else "the targets cannot both be met."
        )
    return check(
        "target_vs_base",
        level.id,
        reason=reason,
        unit=level.unit,
        point=point,
        computed=implied,
        stated=level,
        uses=[("target", level), ("base", base), ("rate", rate)],
        explanation=f"{head} vs target {level.text}: {tail}",
    )


def pace_targets(facts: Facts) -> Iterator[Entry]:
    """A year's target of additions (a flow; before data 2.0.0, any amount) against the
    average annual pace of the five years before."""
    for target in facts.targets:
        if target.measure not in (FLOWS or AMOUNTS) or not target.single_year:
            continue
        done = _total_before(facts, target)
        if done is None:
            continue
        n = done.year - done.first_year + 1
        pace = scale_interval(done.band, 1 / n)
        point = done.value / n
        unlike = facts.unlike(done, target)
        if unlike is not None:
            yield _unlike_pace(facts, done, target, unlike)
            continue
        yield derive(
            "average_pace",
            target.id,
            unit=target.unit,
            point=point,
            computed=pace,
            uses=[("target", target), ("base", done)],
            explanation=f"Not printed: {done.cite()} is {done.show(point)} a year on average "
            f"({done.span(pace)} given rounding); the {target.year} target of {target.text} is "
            f"{target.value / point:.2f}× that pace.",
        )


def _total_before(facts: Facts, target: Figure) -> Figure | None:
    """The metric's total over the years before the target's: of the target's own variant,
    else the metric's only one (which :meth:`Facts.unlike` then tells apart)."""
    totals = [
        f
        for f in facts.figures
        if f.metric_id == target.metric_id
        and f.measure == "cumulative"
        and not f.single_year
        and f.year == target.year - 1
        and f.unit == target.unit
        and f.scope == "haidian"
    ]
    return facts.one(f for f in totals if f.variant == target.variant) or facts.one(totals)


def _unlike_pace(facts: Facts, done: Figure, target: Figure, reason: CheckReason) -> Entry:
    if reason == "different_variant":
        stages = [(f.variant or "an unnamed stage").replace("_", " ") for f in (target, done)]
        why = f"the target counts {stages[0]} and the {done.fact.period} total {stages[1]}"
    else:
        why = (
            f"the report gives more than one {target.year} figure for "
            f"{facts.name(target.metric_id).lower()} and the tables do not say which one "
            f"counts what the {done.fact.period} total counts"
        )
    return check(
        "target_vs_base",
        target.id,
        reason=reason,
        unit=target.unit,
        point=None,
        computed=None,
        stated=target,
        uses=[("target", target), ("base", done)],
        explanation=f"{target.text} ({target.year}) against {done.cite()}: not comparable, "
        f"{why}; no pace or ratio is given.",
    )
