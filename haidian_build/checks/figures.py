"""A figure: a numeric fact (indicator or target) with the band of true values its printing allows.

"5908" 亿元 is [5907.5, 5908.5) 亿元, "7.6" % is [7.55, 7.65), "10%以上" is [9.5, inf):
:func:`~haidian_report.growth.printed_band` of ``value_printed`` with the fact's qualifier, in
printed units, then scaled to the fact's unit. The fields that say what a figure is (metric,
variant, measure, period, scope, price basis) are read here once, so that rules never reach
into the rows: the ``variant`` and row ``price_basis`` columns are read when the tables have them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias

from haidian_build.checks.text import num, span
from haidian_report.growth import Interval, period_span, printed_band, scale_interval
from haidian_report.models import Indicator, InputRole, Target

Fact: TypeAlias = Indicator | Target
#: One input of a row: its role and the figure.
Use: TypeAlias = tuple[InputRole, "Figure"]

#: Units of figures that are not quantities (water-quality classes, ranks).
ORDINAL_UNITS = frozenset({"class", "rank"})


@dataclass(frozen=True)
class Figure:
    """A numeric fact with the band of true values its printing allows."""

    fact: Fact
    printed: Interval
    """Band in printed units (e.g. 亿元)."""
    band: Interval
    """Band in the fact's unit (e.g. CNY); negated for decreases."""
    scale: float
    """Fact units per printed unit (1e8 for 亿元); positive."""

    @property
    def id(self) -> str:
        fact = self.fact
        return fact.indicator_id if isinstance(fact, Indicator) else fact.target_id

    @property
    def is_target(self) -> bool:
        return isinstance(self.fact, Target)

    @property
    def value(self) -> float:
        assert self.fact.value is not None
        return self.fact.value

    @property
    def metric_id(self) -> str:
        return self.fact.metric_id

    @property
    def variant(self) -> str | None:
        """The stage of work or second goal that tells apart figures of one metric, if any."""
        value = getattr(self.fact, "variant", None)
        return value if isinstance(value, str) and value else None

    @property
    def series(self) -> str:
        """The metric, with the variant when there is one (``<metric>.<variant>``)."""
        return f"{self.metric_id}.{self.variant}" if self.variant else self.metric_id

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """The natural key: metric, measure, period, scope, variant."""
        fact = self.fact
        return (fact.metric_id, fact.measure, fact.period, fact.scope, self.variant or "")

    @property
    def measure(self) -> str:
        return self.fact.measure

    @property
    def scope(self) -> str:
        return self.fact.scope

    @property
    def unit(self) -> str | None:
        return self.fact.unit

    @property
    def text(self) -> str:
        """The figure as printed: ``5908亿元``."""
        return self.fact.value_text

    @property
    def year(self) -> int:
        """The year the figure refers to (the last year of a range)."""
        return period_span(self.fact.period)[1]

    @property
    def first_year(self) -> int:
        """The first year of the period (the year itself for a single year)."""
        base, end = period_span(self.fact.period)
        return end if self.single_year else base + 1

    @property
    def single_year(self) -> bool:
        return "-" not in self.fact.period

    @property
    def open_ended(self) -> bool:
        """True for "以上", "超过"...: the band has no upper end."""
        return self.fact.qualifier in ("at_least", "more_than")

    @property
    def estimated(self) -> bool:
        return isinstance(self.fact, Indicator) and self.fact.estimated

    def cite(self) -> str:
        """The figure as printed, with its period: ``9500亿元 (2021, est.)``."""
        est = ", est." if self.estimated else ""
        return f"{self.fact.value_text} ({self.fact.period}{est})"

    def show(self, x: float) -> str:
        """``x`` (in the fact's unit) in the printed unit: ``862.6亿元``."""
        return f"{num(x / self.scale)}{self.fact.unit_printed or ''}"

    def span(self, iv: Interval) -> str:
        """An interval in the printed unit: ``799.9 to 928.1亿元``, ``≥3.668万亿元``."""
        return span(iv, self.show)


def _scale(value: float, printed: float) -> float:
    """Fact units per printed unit, snapped to a power of ten when it is one."""
    if printed == 0:
        return 1.0
    ratio = abs(value) / abs(printed)
    if ratio == 0:
        return 1.0
    power = 10.0 ** round(math.log10(ratio))
    return power if math.isclose(ratio, power, rel_tol=1e-9) else ratio


def figure(fact: Fact) -> Figure | None:
    """The figure of a numeric fact; ``None`` for qualitative or non-numeric ones."""
    if (
        fact.value is None
        or fact.value_printed is None
        or fact.qualifier == "qualitative"
        or fact.unit in ORDINAL_UNITS
    ):
        return None
    try:
        printed = printed_band(fact.value_printed, qualifier=fact.qualifier)
        number = float(Decimal(fact.value_printed.replace(",", "")))
    except (ValueError, ArithmeticError):
        return None
    scale = _scale(fact.value, number)
    sign = -1.0 if fact.value < 0 < number else 1.0
    return Figure(fact, printed, scale_interval(printed, sign * scale), scale)
