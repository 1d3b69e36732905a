"""Derivations from a ratio and the quantity it is a ratio of.

``share_implied_part``
    A part from its share of a district total printed as a level ("占地区生产总值的50%").
``implied_total_change``
    The change of total use from the change of use per unit of GDP ("万元地区生产总值能耗下降")
    and real GDP growth over the same years.
``implied_stock``
    A stock from a per-10,000-residents ratio and the resident population.
``implied_employment``
    Employment from GDP and labour productivity (GDP per employed person).

The metric a ratio refers to is named by the report (地区生产总值, 常住人口, 劳动生产率): those
names are the one thing the tables cannot say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from haidian_build.checks.facts import Facts
from haidian_build.checks.figures import Figure
from haidian_build.checks.rows import Entry, derive
from haidian_build.checks.text import num, shift, signed_pct, span
from haidian_report.growth import (
    Interval,
    implied_end_interval,
    implied_part_interval,
    product_interval,
    quotient_interval,
    scale_interval,
)

GDP_NAME = "地区生产总值"
POPULATION_NAME = "常住人口"
LABOUR_PRODUCTIVITY_NAME = "劳动生产率"
_INTENSITY = re.compile(r"^(单位|万元)地区生产总值")
_SHARE_OF = re.compile(r"占(?P<whole>[^,，。；;的]+)的")
_PER_10K_UNIT = "/10k_person"
_PER_10K_NAME = "每万人"


def share_implied_part(facts: Facts) -> Iterator[Entry]:
    for share in facts.figures:
        if share.measure != "share" or share.scope != "haidian":
            continue
        m = _SHARE_OF.search(share.fact.quote)
        whole_metric = facts.metric_named(m.group("whole")) if m else None
        whole = facts.level(whole_metric.metric_id, share.year) if whole_metric else None
        if whole is None:
            continue
        computed = implied_part_interval(whole.band, share.band)
        point = whole.value * share.value / 100
        bound = "at no less than" if share.open_ended else "at"
        yield derive(
            "share_implied_part",
            share.series,
            share.year,
            unit=whole.unit,
            point=point,
            computed=computed,
            uses=[("share", share), ("whole", whole)],
            explanation=f"Not printed: {share.text} of {facts.name(whole.metric_id)} "
            f"{whole.cite()} puts {facts.name(share.metric_id)} {bound} {whole.show(point)} "
            f"({whole.span(computed)} given rounding; a share cannot exceed 100%).",
        )


def implied_total_change(facts: Facts) -> Iterator[Entry]:
    gdp = facts.metric_named(GDP_NAME)
    for change in facts.figures:
        metric = facts.metrics.get(change.metric_id)
        if (
            gdp is None
            or change.measure != "change"
            or metric is None
            or not _INTENSITY.match(metric.name_zh)
            or change.fact.base_period is None
        ):
            continue
        base = int(change.fact.base_period)
        n = change.year - base
        growth = facts.rate(gdp.metric_id, "cagr", f"{base + 1}-{change.year}")
        if n < 1 or growth is None or facts.rate_basis(growth) != "comparable":
            continue
        computed = shift(implied_end_interval(shift(change.band, 100.0), growth.band, n), -100.0)
        point = ((1 + change.value / 100) * (1 + growth.value / 100) ** n - 1) * 100
        total = metric.name_en.split(" per unit")[0]
        yield derive(
            "implied_total_change",
            change.series,
            change.year,
            unit="percent",
            point=point,
            computed=computed,
            uses=[("other", change), ("rate", growth)],
            explanation=f"Not printed: {metric.name_en} {'down' if change.value < 0 else 'up'} "
            f"{change.text} with real GDP growth of {growth.text} a year over "
            f"{growth.fact.period} (×{(1 + growth.value / 100) ** n:.4f}) means total "
            f"{total.lower()} changed by {signed_pct(point)} from {base} to {change.year} "
            f"({span(computed, signed_pct)} given rounding), assuming the intensity is measured "
            "against GDP at comparable prices (the usual convention).",
        )


@dataclass(frozen=True)
class Stock:
    """A stock implied by a per-10,000-residents ratio and the population."""

    ratio: Figure
    population: Figure
    unit: str | None
    computed: Interval
    point: float

    def held(self, x: float) -> str:
        return num(x) + (self.ratio.fact.unit_printed or "")


def _is_per_10k(facts: Facts, fig: Figure) -> bool:
    """A per-10,000-residents ratio: its unit says so (``count/10k_person``) or, in data
    before 2.0.0, its measure is ``ratio`` and its name starts 每万人."""
    if (fig.unit or "").endswith(_PER_10K_UNIT):
        return True
    metric = facts.metrics.get(fig.metric_id)
    return (
        fig.measure == "ratio" and metric is not None and metric.name_zh.startswith(_PER_10K_NAME)
    )


def per_10k_stocks(facts: Facts) -> list[Stock]:
    """Every stock a per-10,000-residents ratio implies with the population of its year."""
    population = facts.metric_named(POPULATION_NAME)
    stocks: list[Stock] = []
    for ratio in facts.figures:
        pop = facts.level(population.metric_id, ratio.year) if population else None
        if pop is None or not _is_per_10k(facts, ratio):
            continue
        computed = product_interval(ratio.band, scale_interval(pop.band, 1e-4))
        unit = (ratio.unit or "").removesuffix(_PER_10K_UNIT) or None
        stocks.append(Stock(ratio, pop, unit, computed, ratio.value * pop.value / 1e4))
    return stocks


def implied_stock(facts: Facts) -> Iterator[Entry]:
    for s in per_10k_stocks(facts):
        yield derive(
            "implied_stock",
            s.ratio.series,
            s.ratio.year,
            unit=s.unit,
            point=s.point,
            computed=s.computed,
            uses=[("other", s.ratio), ("level", s.population)],
            explanation=f"Not printed: {s.ratio.cite()} per 10,000 residents × "
            f"{s.population.cite()} residents = {s.held(s.point)} held "
            f"({span(s.computed, s.held)} given rounding).",
        )


def implied_employment(facts: Facts) -> Iterator[Entry]:
    gdp = facts.metric_named(GDP_NAME)
    lp_metric = facts.metric_named(LABOUR_PRODUCTIVITY_NAME)
    if gdp is None or lp_metric is None:
        return
    for lp in facts.of(lp_metric.metric_id, "level"):
        level = facts.level(gdp.metric_id, lp.year, ["level"])
        if level is None or not lp.single_year or level.unit is None:
            continue
        if lp.unit != f"{level.unit}/person":
            continue
        computed = quotient_interval(level.band, lp.band)
        point = level.value / lp.value
        yield derive(
            "implied_employment",
            lp.series,
            lp.year,
            unit="person",
            point=point,
            computed=computed,
            uses=[("other", lp), ("level", level)],
            explanation=f"Not printed: GDP {level.cite()} ÷ labour productivity {lp.cite()} = "
            f"{num(point / 1e4)}万 employed persons in {lp.year} "
            f"({span(computed, lambda x: num(x / 1e4) + '万')} given rounding), reading labour "
            "productivity as GDP per employed person (the usual definition).",
        )
