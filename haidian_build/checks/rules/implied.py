"""Derivations from a level and a rate: the earlier level, and the rate of the earlier years.

``implied_start``
    The level a rate implies at the start of its period, from the printed end level (the 2016
    level from the 2021 level and the five-year rate; 2020 from the 2021 growth), where the
    start level itself is not printed (both printed: :mod:`.levels` checks them instead).
``implied_rate``
    The average rate of the years before the last, from the average over the whole period and
    the last year's rate (2017-2020 from 2017-2021 and 2021), on one price basis.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from haidian_build.checks.facts import AMOUNTS, Facts
from haidian_build.checks.figures import Figure
from haidian_build.checks.rows import Entry, derive
from haidian_build.checks.text import basis_words, open_floor, pct, span
from haidian_report.growth import chained_rate_interval, implied_start_interval


def implied_start(facts: Facts) -> Iterator[Entry]:
    for series in sorted(facts.by_series):
        for end in facts.of(series, *AMOUNTS):
            if not end.single_year or end.scope != "haidian" or end.value <= 0:
                continue
            for rate in facts.of(series, "cagr", "growth_yoy"):
                if (
                    rate.year != end.year
                    or rate.scope != "haidian"
                    or (rate.measure == "cagr") == rate.single_year
                ):
                    continue
                n = end.year - rate.first_year + 1
                if facts.level(series, end.year - n, [end.measure]) is None:
                    yield _start(facts, end, rate, n)


def _start(facts: Facts, end: Figure, rate: Figure, n: int) -> Entry:
    base_year = end.year - n
    computed = open_floor(implied_start_interval(end.band, rate.band, n), 0.0)
    point = end.value / (1 + rate.value / 100) ** n
    rate_basis = facts.rate_basis(rate)
    if not facts.is_money(end.metric_id):
        basis = ""
    elif rate_basis == "unknown":
        basis = (
            " The report does not state the rate's price basis: if it is nominal this is the "
            f"nominal {base_year} level; if real, the {base_year} volume at {end.year} prices."
        )
    elif rate_basis != facts.level_basis(end.metric_id):
        basis = (
            f" The rate is real and the level nominal, so this is the {base_year} volume at "
            f"{end.year} prices, not the nominal {base_year} level."
        )
    else:
        said = "nominal" if facts.bases_on_rows else "not marked as real"
        basis = f" At current prices (the rate is {said})."
    power = f"^{n}" if n > 1 else ""
    bound = "at most " if not math.isfinite(computed.low) else ""
    return derive(
        "implied_start",
        end.series,
        base_year,
        unit=end.unit,
        point=point,
        computed=computed,
        uses=[("end", end), ("rate", rate)],
        explanation=f"Not printed: {facts.name(end.metric_id)} of {end.cite()} ÷ "
        f"(1 + {rate.text}){power} gives {bound}{end.show(point)} in {base_year} "
        f"({end.span(computed)} given rounding).{basis}",
    )


def implied_rate(facts: Facts) -> Iterator[Entry]:
    for series in sorted(facts.by_series):
        for whole in facts.of(series, "cagr"):
            last = facts.rate(series, "growth_yoy", str(whole.year))
            if (
                last is None
                or whole.scope != "haidian"
                or whole.single_year
                or facts.rate_basis(whole) != facts.rate_basis(last)
            ):
                continue
            yield _chained(facts, whole, last)


def _chained(facts: Facts, whole: Figure, last: Figure) -> Entry:
    n = whole.year - whole.first_year + 1
    computed = open_floor(chained_rate_interval(whole.band, n, last.band, 1), -100.0)
    point = (((1 + whole.value / 100) ** n / (1 + last.value / 100)) ** (1 / (n - 1)) - 1) * 100
    period = f"{whole.first_year}-{whole.year - 1}"
    bound = "at most " if not math.isfinite(computed.low) else ""
    money = facts.is_money(whole.metric_id)
    return derive(
        "implied_rate",
        whole.series,
        "cagr",
        period,
        unit="percent",
        point=point,
        computed=computed,
        uses=[("rate", whole), ("other", last)],
        explanation=f"Not printed: {whole.text} a year over {whole.fact.period} with "
        f"{last.text} in {last.year} leaves {bound}{pct(point)} a year for {period} "
        f"({span(computed, pct)} given rounding)"
        + (f", {basis_words(facts.rate_basis(whole))}." if money else "."),
    )
