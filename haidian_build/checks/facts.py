"""The facts the rules read, indexed by what they are: series, measure, period, scope.

Which figures pair up is decided here from the tables' own columns, in one place:

* the *measure families* (:data:`STOCKS`, :data:`FLOWS`, :data:`AMOUNTS`) are read from the
  models' ``Measure`` type, so that a measure added or dropped there (``flow`` in, ``count`` and
  ``stock`` out) changes every rule at once;
* a *series* is a metric with its variant (a stage of work: started, completed...): figures of
  different series are never compared;
* the *price basis* of a rate is the row's own ``price_basis`` where the tables have that column,
  and of a level its metric's ``price_basis``.
"""

from __future__ import annotations

import typing
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from haidian_build.checks.figures import Fact, Figure, figure
from haidian_report.models import CheckReason, Indicator, Measure, Metric, Target

#: Measures that are not an amount of something in one year or at one date.
_NOT_AMOUNTS = frozenset(
    {"growth_yoy", "cagr", "share", "change", "cumulative", "rate", "rank", "duration", "ratio"}
)
#: Every measure the models know.
MEASURES = frozenset(typing.get_args(Measure))
#: Amounts during one year (新增…, 建成… in 2022).
FLOWS = MEASURES & {"flow"}
#: Amounts at one date: a level or stock, or (before data 2.0.0) a count.
STOCKS = MEASURES - _NOT_AMOUNTS - FLOWS
#: Amounts in one year, at a date or during it: what growth rates apply to.
AMOUNTS = STOCKS | FLOWS
#: Amounts that can be the part a share is a share of.
PARTS = AMOUNTS | {"cumulative"}
#: Scopes whose figures are about the district (or a part of it).
DISTRICT_SCOPES = frozenset({"haidian", "subset"})

PriceBasisText = typing.Literal["nominal", "comparable", "unknown"]


def _has_column(model: type[Indicator] | type[Target], name: str) -> bool:
    return name in model.model_fields


@dataclass
class Facts:
    """Every numeric indicator and target of the report, as figures, with the metrics."""

    metrics: dict[str, Metric]
    figures: list[Figure]
    targets: list[Figure]
    by_series: dict[str, list[Figure]] = field(init=False)
    by_id: dict[str, Figure] = field(init=False)
    keys: Counter[tuple[str, str, str, str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_series = defaultdict(list)
        for fig in self.figures:
            self.by_series[fig.series].append(fig)
        self.by_id = {f.id: f for f in self.figures}
        self.keys = Counter(f.key for f in [*self.figures, *self.targets])

    @classmethod
    def of_rows(
        cls, indicators: Sequence[Indicator], targets: Sequence[Target], metrics: Sequence[Metric]
    ) -> Facts:
        return cls({m.metric_id: m for m in metrics}, _figures(indicators), _figures(targets))

    # -- looking figures up ------------------------------------------------------------------

    def metric_named(self, name_zh: str) -> Metric | None:
        found = [m for m in self.metrics.values() if m.name_zh == name_zh]
        return found[0] if len(found) == 1 else None

    def of(self, series: str, *measures: str) -> list[Figure]:
        """Indicators of a series (a metric id, or ``<metric>.<variant>``) in these measures."""
        return [f for f in self.by_series.get(series, []) if f.measure in measures]

    def one(self, figs: Iterable[Figure]) -> Figure | None:
        """The figure when there is exactly one."""
        found = list(figs)
        return found[0] if len(found) == 1 else None

    def level(self, series: str, year: int, measures: Iterable[str] = AMOUNTS) -> Figure | None:
        """The district's single-year amount (level or flow) of a series in a year, if exactly
        one is printed."""
        wanted = set(measures)
        return self.one(
            f
            for f in self.of(series, *wanted)
            if f.single_year and f.year == year and f.scope == "haidian"
        )

    def rate(self, series: str, measure: str, period: str) -> Figure | None:
        """The district's rate of a series over a period, if exactly one is printed."""
        return self.one(
            f for f in self.of(series, measure) if f.fact.period == period and f.scope == "haidian"
        )

    # -- what the figures are ----------------------------------------------------------------

    def name(self, metric_id: str) -> str:
        metric = self.metrics.get(metric_id)
        return metric.name_en if metric else metric_id

    def is_money(self, metric_id: str) -> bool:
        metric = self.metrics.get(metric_id)
        return metric is not None and metric.price_basis is not None

    def level_basis(self, metric_id: str) -> PriceBasisText:
        """The price basis of a metric's levels (nominal unless the metric says comparable)."""
        metric = self.metrics.get(metric_id)
        return "comparable" if metric and metric.price_basis == "comparable" else "nominal"

    @property
    def bases_on_rows(self) -> bool:
        """True when the tables carry each rate's ``price_basis`` (data 2.0.0 on)."""
        return _has_column(Indicator, "price_basis")

    def rate_basis(self, rate: Figure) -> PriceBasisText:
        """The price basis of a growth rate: the row's own ``price_basis`` when the tables have
        the column (empty: not money, compared as it stands); before data 2.0.0, ``comparable``
        where the rate's note or its metric's definition says so."""
        fact = rate.fact
        if _has_column(type(fact), "price_basis"):
            value = getattr(fact, "price_basis", None)
            return typing.cast(PriceBasisText, value) if value else "nominal"
        if "comparable price" in (fact.note or "").lower():
            return "comparable"
        metric = self.metrics.get(rate.metric_id)
        if metric and "growth rates at comparable prices" in metric.definition_en.lower():
            return "comparable"
        return self.level_basis(rate.metric_id) if metric and metric.price_basis else "nominal"

    def unlike(self, base: Figure, other: Figure) -> CheckReason | None:
        """Why two figures of one metric measure different things, or ``None`` if they do not.

        ``different_variant``: their variants (stages of work) differ. ``variant_unstated``:
        one of them shares its natural key with another row, so the report counts the thing
        in more than one way and the tables do not say which one matches the other figure.
        """
        if base.variant != other.variant:
            return "different_variant"
        if self.keys[base.key] > 1 or self.keys[other.key] > 1:
            return "variant_unstated"
        return None


def _figures(facts: Sequence[Fact]) -> list[Figure]:
    out = [figure(f) for f in facts]
    return [f for f in out if f is not None]
