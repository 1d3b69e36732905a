"""Rules on two single-year figures of one series: growth between them, and the change.

``cagr_vs_levels``
    The endpoint average annual growth against the stated rate over the same years; without a
    stated rate, the ``endpoint_cagr`` derivation. A rate on another price basis than the
    levels (real GDP growth against nominal GDP), or on an unstated one, is ``not_comparable``:
    the explanation gives the implied deflator where there is one.
``change_both_ways``
    The change from one figure to the other (percent, or percentage points for shares) against
    a printed change over the same years; without one, the ``endpoint_change`` derivation.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

from haidian_build.checks.facts import AMOUNTS, DISTRICT_SCOPES, Facts
from haidian_build.checks.figures import Figure, Use
from haidian_build.checks.rows import Entry, agreement, check, derive
from haidian_build.checks.text import basis_words, cid, num, pct, signed_pct, span
from haidian_report.growth import (
    Interval,
    cagr,
    cagr_interval,
    check_cagr,
    deflator_interval,
    pp_change_interval,
)
from haidian_report.models import CheckReason


def level_pairs(facts: Facts) -> list[tuple[Figure, Figure, list[str]]]:
    """Consecutive single-year figures of one series and measure (amounts and shares), each
    with the id suffix that tells it apart (the years, when a series has more than one pair)."""
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in facts.figures:
        if (
            fig.single_year
            and fig.measure in AMOUNTS | {"share"}
            and fig.scope in DISTRICT_SCOPES | {"share_of_beijing"}
        ):
            groups[(fig.series, fig.measure)].append(fig)
    pairs: list[tuple[Figure, Figure]] = []
    for key in sorted(groups):
        figs = sorted(groups[key], key=lambda f: f.year)
        pairs.extend((a, b) for a, b in itertools.pairwise(figs) if a.year < b.year)
    counts = Counter((a.series, a.measure) for a, _ in pairs)
    return [
        (a, b, [f"{a.year}-{b.year}"] if counts[(a.series, a.measure)] > 1 else [])
        for a, b in pairs
    ]


def cagr_vs_levels(facts: Facts) -> Iterator[Entry]:
    for start, end, suffix in level_pairs(facts):
        if start.measure != "share" and start.value > 0 and end.value > 0:
            yield _cagr(facts, start, end, suffix)


def _cagr(facts: Facts, start: Figure, end: Figure, suffix: list[str]) -> Entry:
    n = end.year - start.year
    period = f"{start.year + 1}-{end.year}" if n > 1 else str(end.year)
    rate = facts.rate(start.series, "cagr" if n > 1 else "growth_yoy", period)
    implied = cagr_interval(start.printed, end.printed, n)
    point = cagr(start.value, end.value, n)
    what = f"{start.cite()} → {end.cite()}"
    uses: list[Use] = [("start", start), ("end", end)]
    level_basis = facts.level_basis(start.metric_id)
    if rate is None:
        return derive(
            "endpoint_cagr",
            start.series,
            *suffix,
            unit="percent",
            point=point,
            computed=implied,
            uses=uses,
            explanation=f"Not printed: {what} is {pct(point)} a year ({span(implied, pct)} given "
            "rounding)"
            + (f", {basis_words(level_basis)}." if facts.is_money(start.metric_id) else "."),
        )
    uses.append(("rate", rate))
    rate_basis = facts.rate_basis(rate)
    deflator: Interval | None = None
    point_deflator: float | None = None
    reason: CheckReason = agreement(implied, rate.band)
    if rate.printed.contains(rate.value):
        result = check_cagr(
            start.value / start.scale,
            end.value / end.scale,
            n,
            rate.value,
            start_printed=start.printed,
            end_printed=end.printed,
            rate_printed=rate.printed,
            rate_basis=rate_basis,
            level_basis=level_basis,
        )
        deflator, point_deflator = result.implied_deflator, result.point_deflator
        reason = "within_rounding" if result.verdict == "consistent" else "beyond_rounding"
    elif rate_basis != level_basis and rate_basis != "unknown":
        # an open-ended rate ("超过"): the deflator without the point check
        deflator = deflator_interval(implied, rate.band)
        point_deflator = ((1 + point / 100) / (1 + rate.value / 100) - 1) * 100
    if rate_basis == "unknown":
        reason = "price_basis_unknown"
        tail = (
            ": the report does not state the rate's price basis, so it cannot be held against "
            f"levels {basis_words(level_basis)}."
        )
    elif rate_basis != level_basis:
        assert deflator is not None and point_deflator is not None
        reason = "price_basis_differs"
        tail = (
            f" {basis_words(rate_basis)} while the levels are {basis_words(level_basis)}: "
            f"implied average deflator {pct(point_deflator)} ({span(deflator, pct)}); not an "
            "inconsistency."
        )
    else:
        tail = f" ({span(rate.band, pct)}): " + (
            "consistent within rounding."
            if reason == "within_rounding"
            else f"inconsistent, {implied.distance(rate.band):.2f} points beyond what rounding "
            "allows."
        )
    return check(
        "cagr_vs_levels",
        start.series,
        *suffix,
        reason=reason,
        unit="percent",
        point=point,
        computed=implied,
        stated=rate,
        uses=uses,
        explanation=f"Endpoint CAGR {pct(point)} ({span(implied, pct)}) from {what} vs stated "
        f"{rate.text} a year" + tail,
    )


def change_both_ways(facts: Facts) -> Iterator[Entry]:
    for start, end, suffix in level_pairs(facts):
        if start.measure == "share" or start.value > 0:
            yield _change(facts, start, end, suffix)


def _change(facts: Facts, start: Figure, end: Figure, suffix: list[str]) -> Entry:
    key = cid(start.series, start.measure, *suffix)
    stated = facts.one(
        f
        for f in facts.of(start.series, "change")
        if f.fact.base_period == str(start.year) and f.year == end.year and f.single_year
    )
    if start.measure == "share":
        computed = pp_change_interval(start.printed, end.printed)
        point = float(Decimal(repr(end.value)) - Decimal(repr(start.value)))
        unit, units = "percentage_point", ("pp", "percentage_point")
        said = f"{'+' if point >= 0 else '−'}{num(abs(point))} percentage points"
        rng = span(computed, lambda x: f"{x:+.2f}".replace("-", "−"))
    else:
        computed = cagr_interval(start.printed, end.printed, 1)
        point = (end.value / start.value - 1) * 100
        unit, units = "percent", ("percent", "percent")
        said = f"a change of {signed_pct(point)}"
        rng = span(computed, signed_pct)
    what = f"{start.cite()} → {end.cite()}"
    uses: list[Use] = [("before", start), ("after", end)]
    if stated is None or stated.unit not in units:
        return derive(
            "endpoint_change",
            key,
            unit=unit,
            point=point,
            computed=computed,
            uses=uses,
            explanation=f"Not printed: {what} is {said} ({rng} given rounding); the report "
            "prints the endpoints, not the change.",
        )
    reason = agreement(computed, stated.band)
    return check(
        "change_both_ways",
        key,
        reason=reason,
        unit=unit,
        point=point,
        computed=computed,
        stated=stated,
        uses=[*uses, ("other", stated)],
        explanation=f"{what} is {said} ({rng} given rounding) vs stated {stated.text}: "
        + (
            "consistent within rounding."
            if reason == "within_rounding"
            else "inconsistent beyond rounding."
        ),
    )
