"""Growth arithmetic that is honest about rounding and price bases.

Government work reports print rounded levels and rates and then relate them,
for example "地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%".
This module provides:

* scalar helpers — :func:`growth_rate`, :func:`cagr`, :func:`implied_end`,
  :func:`implied_start`, and period arithmetic (:func:`period_span`,
  :func:`years_between`);
* Polars expression versions (:func:`growth_rate_expr`, :func:`cagr_expr`,
  :func:`implied_end_expr`, :func:`implied_start_expr`) so whole columns are
  computed without Python loops;
* rounding-aware intervals: :func:`printed_interval` turns a printed figure
  such as ``"7.6"`` into the band of true values it can stand for, and
  :func:`cagr_interval`, :func:`implied_end_interval`,
  :func:`implied_start_interval`, :func:`pp_change_interval` and
  :func:`share_interval` propagate those bands with interval arithmetic;
* checks that return a verdict and a one-line explanation:
  :func:`check_cagr`, :func:`check_pp_change`, :func:`check_share`.

Rates are in percent throughout: ``7.6`` means 7.6 %.

>>> round(cagr(5908, 9500, 5), 2)
9.97
>>> check_cagr(5908, 9500, 5, 7.6, rate_basis="comparable").verdict
'not_comparable'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeAlias

import polars as pl

__all__ = [
    "Basis",
    "CagrCheck",
    "ExprLike",
    "Interval",
    "IntervalCheck",
    "IntervalQualifier",
    "Verdict",
    "cagr",
    "cagr_expr",
    "cagr_interval",
    "chained_rate_interval",
    "check_cagr",
    "check_pp_change",
    "check_share",
    "deflator_interval",
    "growth_rate",
    "growth_rate_expr",
    "implied_end",
    "implied_end_expr",
    "implied_end_interval",
    "implied_part_interval",
    "implied_start",
    "implied_start_expr",
    "implied_start_interval",
    "implied_total_interval",
    "period_span",
    "pp_change_interval",
    "printed_band",
    "printed_interval",
    "product_interval",
    "qualifier_from_text",
    "quotient_interval",
    "scale_interval",
    "share_interval",
    "years_between",
]

IntervalQualifier: TypeAlias = Literal[
    "exact", "approx", "at_least", "more_than", "at_most", "less_than"
]
"""How a printed figure relates to the true value (see :func:`printed_interval`)."""

Basis: TypeAlias = Literal["nominal", "comparable"]
"""Price basis: ``nominal`` (current prices) or ``comparable`` (real)."""

Verdict: TypeAlias = Literal["consistent", "inconsistent", "not_comparable"]

ExprLike: TypeAlias = pl.Expr | str | float
"""A Polars expression, a column name, or a numeric literal."""

_QUALIFIERS: tuple[IntervalQualifier, ...] = (
    "exact",
    "approx",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
)
_BASES: tuple[Basis, ...] = ("nominal", "comparable")
_INF = math.inf


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _finite(func: str, name: str, value: float) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{func}: {name} must be a real number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{func}: {name} must be finite, got {value!r}")
    return result


def _positive(func: str, name: str, value: float) -> float:
    result = _finite(func, name, value)
    if result <= 0:
        raise ValueError(f"{func}: {name} must be > 0, got {value!r}")
    return result


def _rate(func: str, name: str, value: float) -> float:
    result = _finite(func, name, value)
    if result <= -100:
        raise ValueError(f"{func}: {name} must be > -100 (percent), got {value!r}")
    return result


# ---------------------------------------------------------------------------
# Scalar growth arithmetic
# ---------------------------------------------------------------------------


def growth_rate(start: float, end: float) -> float:
    """Percent change from ``start`` to ``end``: ``(end - start) / start * 100``.

    ``start`` must be positive (a percent change of a zero or negative base
    has no meaning); ``end`` may be any finite number.

    >>> growth_rate(100, 110)
    10.0
    >>> round(growth_rate(364, 313.2), 2)  # resident population, 万
    -13.96
    """
    s = _positive("growth_rate", "start", start)
    e = _finite("growth_rate", "end", end)
    return (e - s) / s * 100.0


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent: ``((end/start)**(1/years) - 1)*100``.

    The rate that, compounded ``years`` times, takes ``start`` to ``end``.
    Both levels must be positive and ``years`` must be positive (it may be
    fractional).

    >>> round(cagr(5908, 9500, 5), 4)  # (9500/5908)**0.2 - 1 = 0.099655…
    9.9655
    >>> round(cagr(100, 121, 2), 10)  # 1.21**0.5 = 1.1
    10.0
    >>> cagr(-1, 5, 1)
    Traceback (most recent call last):
    ...
    ValueError: cagr: start must be > 0, got -1
    """
    s = _positive("cagr", "start", start)
    e = _positive("cagr", "end", end)
    n = _positive("cagr", "years", years)
    return (math.pow(e / s, 1.0 / n) - 1.0) * 100.0


def implied_end(start: float, rate_percent: float, years: float) -> float:
    """Level reached from ``start`` after ``years`` years at ``rate_percent``.

    >>> round(implied_end(5908, 7.6, 5), 1)  # 5908 * 1.076**5 = 5908 * 1.442319
    8521.2
    >>> round(implied_end(100, 10, 2), 10)
    121.0
    """
    s = _positive("implied_end", "start", start)
    r = _rate("implied_end", "rate_percent", rate_percent)
    n = _positive("implied_end", "years", years)
    return s * math.pow(1.0 + r / 100.0, n)


def implied_start(end: float, rate_percent: float, years: float) -> float:
    """Level that grows to ``end`` after ``years`` years at ``rate_percent``.

    >>> round(implied_start(9500, 7.6, 5), 1)  # 9500 / 1.076**5
    6586.6
    >>> round(implied_start(121, 10, 2), 10)
    100.0
    """
    e = _positive("implied_start", "end", end)
    r = _rate("implied_start", "rate_percent", rate_percent)
    n = _positive("implied_start", "years", years)
    return e / math.pow(1.0 + r / 100.0, n)


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------

_PERIOD = re.compile(r"^\s*(?P<a>\d{4})\s*年?\s*(?:[-–—~～至到]\s*(?P<b>\d{4})\s*年?)?\s*$")


def _parse_period(func: str, period: str | int) -> tuple[int, int, bool]:
    """Return ``(base_year, end_year, is_range)``."""
    if isinstance(period, bool) or not isinstance(period, str | int):
        raise TypeError(f"{func}: period must be a str or int, got {period!r}")
    m = _PERIOD.match(str(period))
    if m is None:
        raise ValueError(f"{func}: period must look like '2016' or '2017-2021', got {period!r}")
    first = int(m.group("a"))
    is_range = m.group("b") is not None
    last = int(m.group("b")) if is_range else first
    if last < first:
        raise ValueError(f"{func}: period {period!r} ends before it starts")
    return first - 1, last, is_range


def period_span(period: str | int) -> tuple[int, int]:
    """Return ``(base_year, end_year)`` for a period label.

    A single year ``"2016"`` is one year of growth, from the 2015 level to the
    2016 level. A range ``"2017-2021"`` is the growth from the 2016 level (the
    year before its first year) to the 2021 level: five years. Accepts ``-``,
    ``–``, ``—``, ``~``, ``至``, ``到`` as separators and an optional ``年``.

    >>> period_span("2017-2021")
    (2016, 2021)
    >>> period_span("2016")
    (2015, 2016)
    >>> period_span("2017年至2021年")
    (2016, 2021)
    """
    base, end, _ = _parse_period("period_span", period)
    return base, end


def years_between(period_a: str | int, period_b: str | int) -> int:
    """Years of growth from the ``period_a`` level to the end of ``period_b``.

    ``period_a`` names the base level by its end year (``"2016"``: the 2016
    level). ``period_b`` names the end level (``"2021"``) or a growth period
    whose base must be ``period_a`` (``"2017-2021"`` grows from 2016). A range
    that does not start right after ``period_a`` raises, because a rate printed
    for it would not describe growth from ``period_a``.

    >>> years_between("2016", "2021")
    5
    >>> years_between("2016", "2017-2021")
    5
    >>> years_between("2016", "2018-2021")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: years_between: period_b '2018-2021' measures growth from 2017, ...
    """
    func = "years_between"
    _, end_a, _ = _parse_period(func, period_a)
    base_b, end_b, b_is_range = _parse_period(func, period_b)
    if b_is_range and base_b != end_a:
        raise ValueError(
            f"{func}: period_b {period_b!r} measures growth from {base_b}, not from {end_a}"
        )
    if end_b <= end_a:
        raise ValueError(f"{func}: period_b {period_b!r} must end after period_a {period_a!r}")
    return end_b - end_a


# ---------------------------------------------------------------------------
# Polars expressions
# ---------------------------------------------------------------------------


def _expr(value: ExprLike) -> pl.Expr:
    if isinstance(value, pl.Expr):
        expr = value
    elif isinstance(value, str):
        expr = pl.col(value)
    else:
        expr = pl.lit(float(value))
    return expr.cast(pl.Float64)


def _valid_positive(expr: pl.Expr) -> pl.Expr:
    return expr.is_finite() & (expr > 0)


def growth_rate_expr(start: ExprLike, end: ExprLike) -> pl.Expr:
    """Polars version of :func:`growth_rate`, aliased ``"growth_rate"``.

    Strings name columns, numbers are literals. Rows where :func:`growth_rate`
    would raise (start not > 0, non-finite values) give null instead.

    >>> df = pl.DataFrame({"a": [100.0, -1.0], "b": [110.0, 5.0]})
    >>> df.select(growth_rate_expr("a", "b"))["growth_rate"].to_list()
    [10.0, None]
    """
    s, e = _expr(start), _expr(end)
    valid = _valid_positive(s) & e.is_finite()
    return pl.when(valid).then((e - s) / s * 100.0).otherwise(None).alias("growth_rate")


def cagr_expr(start: ExprLike, end: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`cagr`, aliased ``"cagr"``; invalid rows give null.

    >>> df = pl.DataFrame({"s": [100.0, 5908.0], "e": [121.0, 9500.0], "n": [2, 5]})
    >>> [round(x, 4) for x in df.select(cagr_expr("s", "e", "n"))["cagr"]]
    [10.0, 9.9655]
    """
    s, e, n = _expr(start), _expr(end), _expr(years)
    valid = _valid_positive(s) & _valid_positive(e) & _valid_positive(n)
    value = ((e / s) ** (1.0 / n) - 1.0) * 100.0
    return pl.when(valid).then(value).otherwise(None).alias("cagr")


def implied_end_expr(start: ExprLike, rate_percent: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`implied_end`, aliased ``"implied_end"``.

    >>> df = pl.DataFrame({"s": [100.0], "r": [10.0]})
    >>> round(df.select(implied_end_expr("s", "r", 2)).item(), 10)
    121.0
    """
    s, r, n = _expr(start), _expr(rate_percent), _expr(years)
    valid = _valid_positive(s) & r.is_finite() & (r > -100.0) & _valid_positive(n)
    value = s * (1.0 + r / 100.0) ** n
    return pl.when(valid).then(value).otherwise(None).alias("implied_end")


def implied_start_expr(end: ExprLike, rate_percent: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`implied_start`, aliased ``"implied_start"``.

    >>> df = pl.DataFrame({"e": [121.0]})
    >>> round(df.select(implied_start_expr("e", 10, 2)).item(), 10)
    100.0
    """
    e, r, n = _expr(end), _expr(rate_percent), _expr(years)
    valid = _valid_positive(e) & r.is_finite() & (r > -100.0) & _valid_positive(n)
    value = e / (1.0 + r / 100.0) ** n
    return pl.when(valid).then(value).otherwise(None).alias("implied_start")


# ---------------------------------------------------------------------------
# Intervals
# ---------------------------------------------------------------------------


def _fmt(x: float, spec: str) -> str:
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return format(x, spec)


@dataclass(frozen=True)
class Interval:
    """A real interval with open or closed ends; infinite ends are always open.

    >>> iv = Interval(5907.5, 5908.5)
    >>> str(iv), iv.width, iv.midpoint, iv.contains(5908.5)
    ('[5907.5, 5908.5)', 1.0, 5908.0, False)
    >>> f"{Interval(9.8477, 10.0829, False, False):.2f}"
    '(9.85, 10.08)'
    """

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = False

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high):
            raise ValueError("Interval: bounds must not be NaN")
        if self.low == _INF or self.high == -_INF:
            raise ValueError(f"Interval: empty interval ({self.low}, {self.high})")
        if math.isinf(self.low):
            object.__setattr__(self, "low_closed", False)
        if math.isinf(self.high):
            object.__setattr__(self, "high_closed", False)
        if self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed)
        ):
            raise ValueError(f"Interval: empty interval {self._render('g')}")

    @classmethod
    def point(cls, x: float) -> Interval:
        """The degenerate closed interval ``[x, x]``."""
        return cls(x, x, True, True)

    def _render(self, spec: str) -> str:
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{_fmt(self.low, spec)}, {_fmt(self.high, spec)}{right}"

    def __str__(self) -> str:
        return self._render(".10g")

    def __format__(self, spec: str) -> str:
        return self._render(spec) if spec else str(self)

    @property
    def is_bounded(self) -> bool:
        """Whether both ends are finite."""
        return math.isfinite(self.low) and math.isfinite(self.high)

    @property
    def width(self) -> float:
        """``high - low`` (``inf`` if unbounded)."""
        return self.high - self.low

    @property
    def midpoint(self) -> float:
        """``(low + high) / 2``; raises ``ValueError`` if unbounded."""
        if not self.is_bounded:
            raise ValueError(f"Interval.midpoint: {self} is unbounded")
        return (self.low + self.high) / 2.0

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies in the interval (NaN never does)."""
        if math.isnan(x):
            return False
        above = x >= self.low if self.low_closed else x > self.low
        below = x <= self.high if self.high_closed else x < self.high
        return above and below

    def overlaps(self, other: Interval) -> bool:
        """Whether the two intervals share at least one point.

        >>> Interval(1, 2).overlaps(Interval(2, 3))
        False
        >>> Interval(1, 2, high_closed=True).overlaps(Interval(2, 3))
        True
        """
        lo = max(self.low, other.low)
        hi = min(self.high, other.high)
        if lo < hi:
            return True
        if lo == hi:
            return self.contains(lo) and other.contains(lo)
        return False

    def distance(self, other: Interval) -> float:
        """Gap between the intervals; ``0.0`` when they touch or overlap.

        >>> Interval(1, 2).distance(Interval(5, 6))
        3.0
        """
        if self.high <= other.low:
            return float(other.low - self.high)
        if other.high <= self.low:
            return float(self.low - other.high)
        return 0.0


def _coerce_interval(func: str, name: str, value: str | Interval) -> Interval:
    if isinstance(value, Interval):
        return value
    if isinstance(value, str):
        return printed_interval(value)
    raise TypeError(f"{func}: {name} must be a printed figure (str) or an Interval, got {value!r}")


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def _parse_printed(printed: str) -> Decimal:
    if not isinstance(printed, str):
        raise TypeError(f"printed_interval: printed must be a str, got {printed!r}")
    text = printed.strip().replace(",", "").replace("，", "").replace("−", "-")
    text = text.removesuffix("%").removesuffix("％").strip()
    if not _NUMBER.match(text):
        raise ValueError(
            f"printed_interval: printed must be a plain decimal number, got {printed!r}"
        )
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ValueError(f"printed_interval: cannot parse {printed!r}") from exc


def _implied_half_unit(value: Decimal) -> Decimal:
    """Half of the place of the last significant printed digit."""
    printed_exp = value.as_tuple().exponent
    if not isinstance(printed_exp, int):  # pragma: no cover - NaN/inf rejected
        raise ValueError(f"printed_interval: not a finite number: {value}")
    place: int = printed_exp
    if printed_exp >= 0 and value != 0:
        # No fractional digits printed: trailing zeros are not significant.
        normalized_exp = value.normalize().as_tuple().exponent
        if isinstance(normalized_exp, int):
            place = max(printed_exp, normalized_exp)
    return Decimal(5) * Decimal(10) ** (place - 1)


def printed_interval(
    printed: str,
    *,
    half_unit: float | None = None,
    qualifier: IntervalQualifier = "exact",
) -> Interval:
    """The band of true values that a printed figure can stand for.

    Precision comes from how the figure is printed. With a decimal point the
    last printed digit is significant: ``"7.6"`` → ``[7.55, 7.65)``, and
    ``"9500.0"`` → ``[9499.95, 9500.05)``. Without one, trailing zeros are
    taken as *not* significant, the conservative reading: ``"9500"`` is
    rounded to the hundreds, ``[9450, 9550)``; ``"5908"`` → ``[5907.5,
    5908.5)``. Pass ``half_unit`` to override (e.g. ``half_unit=0.5`` when
    ``"10"`` is known to be rounded to units, ``half_unit=0`` for an exact
    figure). Commas and a trailing ``%`` are ignored.

    ``qualifier`` (names as in the curation parser; see
    :func:`qualifier_from_text`), with ``h`` the half unit and ``u = 2h`` the
    unit of the last significant digit:

    * ``"exact"`` — plain rounding, ``[x - h, x + h)``.
    * ``"approx"`` (约, 近, 左右) — ``[x - u, x + u]``, the symmetric reading of
      约 with the width of one unit of the last significant digit each way.
    * ``"at_least"`` (以上) — ``[x - h, +inf)``: the threshold itself may be
      a rounded figure, as in "增长10%以上".
    * ``"more_than"`` (超过, 多, 余) — ``(x, +inf)``: "90余个" is 90-odd, more
      than 90.
    * ``"at_most"`` (以内, 以下) — ``(-inf, x + h]``.
    * ``"less_than"`` (不足, 不到) — ``(-inf, x)``.

    >>> str(printed_interval("5908")), str(printed_interval("7.6"))
    ('[5907.5, 5908.5)', '[7.55, 7.65)')
    >>> str(printed_interval("9500")), str(printed_interval("9500", half_unit=0.5))
    ('[9450, 9550)', '[9499.5, 9500.5)')
    >>> str(printed_interval("90", qualifier="approx"))
    '[80, 100]'
    >>> str(printed_interval("2.3%", qualifier="at_most"))
    '(-inf, 2.35]'
    >>> str(printed_interval("10", qualifier="at_least", half_unit=0.5))
    '[9.5, inf)'
    """
    if qualifier not in _QUALIFIERS:
        raise ValueError(
            f"printed_interval: qualifier must be one of {_QUALIFIERS}, got {qualifier!r}"
        )
    x = _parse_printed(printed)
    if half_unit is None:
        h = _implied_half_unit(x)
    else:
        hu = _finite("printed_interval", "half_unit", half_unit)
        if hu < 0:
            raise ValueError(f"printed_interval: half_unit must be >= 0, got {half_unit!r}")
        h = Decimal(repr(hu))
    u = 2 * h
    exact = h == 0
    if qualifier == "exact":
        if exact:
            return Interval.point(float(x))
        return Interval(float(x - h), float(x + h), True, False)
    if qualifier == "approx":
        return Interval(float(x - u), float(x + u), True, True)
    if qualifier == "at_least":
        return Interval(float(x - h), _INF, True, False)
    if qualifier == "more_than":
        return Interval(float(x), _INF, False, False)
    if qualifier == "at_most":
        return Interval(-_INF, float(x + h), False, True)
    return Interval(-_INF, float(x), False, False)  # less_than


_QUALIFIER_WORDS: tuple[tuple[str, IntervalQualifier], ...] = (
    # Longer words first so that 不超过 is not read as 超过.
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("不低于", "at_least"),
    ("不少于", "at_least"),
    ("以上", "at_least"),
    ("以内", "at_most"),
    ("以下", "at_most"),
    ("超过", "more_than"),
    ("多于", "more_than"),
    ("高于", "more_than"),
    ("不足", "less_than"),
    ("不到", "less_than"),
    ("低于", "less_than"),
    ("左右", "approx"),
    ("约", "approx"),
    ("近", "approx"),
    ("余", "more_than"),
    ("多", "more_than"),
)


def qualifier_from_text(text: str) -> IntervalQualifier:
    """Read the qualifier of one printed figure from its adjoining words.

    Pass only the figure and the words attached to it (``"90余个"``,
    ``"10%以上"``, ``"超过1万亿元"``), not a whole sentence: ``多`` in
    particular also occurs in ordinary words. Mapping follows the curation
    parser: 以上 → at_least, 超过/多/余 → more_than, 以内 → at_most,
    约/近/左右 → approx; also 以下/不超过 → at_most, 不足/不到/低于 →
    less_than. Anything else is ``"exact"``.

    >>> [qualifier_from_text(t) for t in ["90余个", "10%以上", "不超过5%", "5908亿元"]]
    ['more_than', 'at_least', 'at_most', 'exact']
    """
    for word, qual in _QUALIFIER_WORDS:
        if word in text:
            return qual
    return "exact"


# ---------------------------------------------------------------------------
# Interval arithmetic for growth
# ---------------------------------------------------------------------------


def _cagr_bound(start: float, end: float, years: float) -> float:
    """CAGR with limits: start in [0, inf], end in [0, inf], not both degenerate."""
    if end <= 0 or math.isinf(start):
        return -100.0
    if start <= 0 or math.isinf(end):
        return _INF
    return cagr(start, end, years)


def cagr_interval(start: str | Interval, end: str | Interval, years: float) -> Interval:
    """All CAGRs (percent) compatible with the start and end bands.

    CAGR falls with the start level and rises with the end level, so the lowest
    rate pairs the highest start with the lowest end and the highest rate the
    lowest start with the highest end. Levels are positive: a band reaching
    zero or below gives an unbounded rate.

    Lowest: (9450/5908.5)**0.2 - 1; highest: (9550/5907.5)**0.2 - 1.

    >>> f"{cagr_interval('5908', '9500', 5):.4f}"
    '(9.8477, 10.0829)'
    """
    func = "cagr_interval"
    s = _coerce_interval(func, "start", start)
    e = _coerce_interval(func, "end", end)
    n = _positive(func, "years", years)
    if s.high <= 0 or e.high <= 0:
        raise ValueError(f"{func}: levels must be positive, got start {s}, end {e}")
    low = _cagr_bound(s.high, e.low, n)
    high = _cagr_bound(s.low, e.high, n)
    low_closed = s.high_closed and e.low_closed and math.isfinite(s.high) and e.low > 0
    high_closed = s.low_closed and e.high_closed and s.low > 0 and math.isfinite(e.high)
    return Interval(low, high, low_closed, high_closed)


def _growth_factor(rate: float, years: float) -> float:
    if rate <= -100:
        return 0.0
    if math.isinf(rate):
        return _INF
    return math.pow(1.0 + rate / 100.0, years)


def implied_end_interval(start: str | Interval, rate: str | Interval, years: float) -> Interval:
    """All end levels compatible with the start band and the rate band.

    Lowest: 5907.5 * 1.0755**5; highest: 5908.5 * 1.0765**5.

    >>> f"{implied_end_interval('5908', '7.6', 5):.1f}"
    '[8500.7, 8541.8)'
    """
    func = "implied_end_interval"
    s = _coerce_interval(func, "start", start)
    r = _coerce_interval(func, "rate", rate)
    n = _positive(func, "years", years)
    if s.high <= 0 or r.high <= -100:
        raise ValueError(f"{func}: start must be positive and rate > -100, got {s}, {r}")
    s_low = max(s.low, 0.0)
    lo_factor = _growth_factor(r.low, n)
    low = s_low * lo_factor
    high = s.high * _growth_factor(r.high, n)
    low_closed = s.low_closed and r.low_closed and s.low > 0 and r.low > -100
    high_closed = s.high_closed and r.high_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def implied_start_interval(end: str | Interval, rate: str | Interval, years: float) -> Interval:
    """All start levels compatible with the end band and the rate band.

    Start falls with the rate, so the lowest start pairs the lowest end with
    the highest rate.

    Lowest: 9450 / 1.0765**5; highest: 9550 / 1.0755**5.

    >>> f"{implied_start_interval('9500', '7.6', 5):.1f}"
    '(6536.7, 6636.7)'
    """
    func = "implied_start_interval"
    e = _coerce_interval(func, "end", end)
    r = _coerce_interval(func, "rate", rate)
    n = _positive(func, "years", years)
    if e.high <= 0 or r.high <= -100:
        raise ValueError(f"{func}: end must be positive and rate > -100, got {e}, {r}")
    e_low = max(e.low, 0.0)
    hi_factor = _growth_factor(r.high, n)
    lo_factor = _growth_factor(r.low, n)
    low = 0.0 if math.isinf(hi_factor) else e_low / hi_factor
    high = _INF if lo_factor == 0 or math.isinf(e.high) else e.high / lo_factor
    low_closed = e.low_closed and r.high_closed and e.low > 0 and math.isfinite(r.high)
    high_closed = e.high_closed and r.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def _sub(x: float, y: float) -> float:
    """``x - y``, exact in decimal when both are finite (``23.95 - 21.85 == 2.1``)."""
    if math.isfinite(x) and math.isfinite(y):
        return float(Decimal(repr(x)) - Decimal(repr(y)))
    return x - y


def pp_change_interval(before: str | Interval, after: str | Interval) -> Interval:
    """Change in percentage points, ``after - before``, as an interval.

    >>> str(pp_change_interval("21.8", "24.0"))  # (23.95-21.85, 24.05-21.75)
    '(2.1, 2.3)'
    """
    func = "pp_change_interval"
    b = _coerce_interval(func, "before", before)
    a = _coerce_interval(func, "after", after)
    low = _sub(a.low, b.high)
    high = _sub(a.high, b.low)
    return Interval(low, high, a.low_closed and b.high_closed, a.high_closed and b.low_closed)


def share_interval(part: str | Interval, whole: str | Interval) -> Interval:
    """Share of ``part`` in ``whole``, in percent, as an interval.

    Both are levels, so bands reaching below zero are cut at zero.

    >>> f"{share_interval('25', '125'):.2f}"  # 24.5/125.5, 25.5/124.5
    '(19.52, 20.48)'
    """
    func = "share_interval"
    p = _coerce_interval(func, "part", part)
    w = _coerce_interval(func, "whole", whole)
    if w.high <= 0 or p.high < 0:
        raise ValueError(f"{func}: part must be >= 0 and whole > 0, got {p}, {w}")
    p_low, w_low = max(p.low, 0.0), max(w.low, 0.0)
    low = 0.0 if math.isinf(w.high) else p_low / w.high * 100.0
    high = _INF if w_low == 0 or math.isinf(p.high) else p.high / w_low * 100.0
    low_closed = p.low_closed and p.low >= 0 and w.high_closed and math.isfinite(w.high)
    high_closed = p.high_closed and w.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IntervalCheck:
    """A computed interval compared with a stated one."""

    computed: Interval
    stated: Interval
    verdict: Literal["consistent", "inconsistent"]
    gap: float
    """Distance between the intervals (0 when they overlap), in their unit."""
    explanation: str


def _span(iv: Interval, unit: str) -> str:
    """``"9.85% to 10.08%"`` for bounded intervals, interval notation otherwise."""
    if iv.is_bounded:
        return f"{iv.low:.4g}{unit} to {iv.high:.4g}{unit}"
    return f"{iv:.4g}{unit}"


def _pct(iv: Interval) -> str:
    if iv.is_bounded:
        return f"{iv.low:.2f}% to {iv.high:.2f}%"
    return f"{iv:.2f}%"


_BASIS_TEXT: dict[str, str] = {
    "nominal": "at current (nominal) prices",
    "comparable": "at comparable (real) prices",
}


def _compare(what: str, computed: Interval, stated: Interval, unit: str) -> IntervalCheck:
    ok = computed.overlaps(stated)
    gap = 0.0 if ok else computed.distance(stated)
    if ok:
        text = (
            f"{what} {_span(computed, unit)} overlaps the stated "
            f"{_span(stated, unit)}: consistent within rounding."
        )
    else:
        text = (
            f"{what} {_span(computed, unit)} misses the stated "
            f"{_span(stated, unit)} by {gap:.3g}{unit}: inconsistent beyond rounding."
        )
    return IntervalCheck(computed, stated, "consistent" if ok else "inconsistent", gap, text)


def check_pp_change(
    before: str | Interval, after: str | Interval, stated_pp: str | Interval
) -> IntervalCheck:
    """Check a stated change in percentage points against the two printed shares.

    >>> check_pp_change("21.8", "24", "2.2").verdict   # 24 -> [23.5, 24.5)
    'consistent'
    >>> check_pp_change("21.8", "24.0", "3").verdict   # (2.1, 2.3) vs [2.5, 3.5)
    'inconsistent'
    """
    func = "check_pp_change"
    computed = pp_change_interval(before, after)
    stated = _coerce_interval(func, "stated_pp", stated_pp)
    return _compare("Change", computed, stated, " pp")


def check_share(
    part: str | Interval, whole: str | Interval, stated_share: str | Interval
) -> IntervalCheck:
    """Check a stated share (percent) of ``part`` in ``whole`` against both levels.

    >>> check_share("25", "125", "20.0").verdict   # (19.52, 20.48) vs [19.95, 20.05)
    'consistent'
    >>> check_share("25", "125", "21.0").verdict   # (19.52, 20.48) vs [20.95, 21.05)
    'inconsistent'
    """
    func = "check_share"
    computed = share_interval(part, whole)
    stated = _coerce_interval(func, "stated_share", stated_share)
    return _compare("Share", computed, stated, "%")


@dataclass(frozen=True)
class CagrCheck:
    """Result of :func:`check_cagr`. Rates and intervals are in percent."""

    start: float
    end: float
    years: float
    stated_rate: float
    start_interval: Interval
    end_interval: Interval
    stated_interval: Interval
    point_cagr: float
    """CAGR of the printed point values."""
    implied_interval: Interval
    """All CAGRs compatible with the start and end bands."""
    rate_basis: Basis
    level_basis: Basis
    verdict: Verdict
    gap_pp: float
    """Distance between implied and stated intervals in points (0 if they overlap)."""
    implied_deflator: Interval | None
    """For mixed bases: average deflator ``(1+nominal)/(1+real)-1``, percent."""
    point_deflator: float | None
    reason: str | None
    """Why the verdict is not ``consistent``; ``None`` when it is."""
    explanation: str
    """One line of English summarising the check."""


def _printed_of(value: float) -> str:
    """The shortest text that prints ``value`` (``5908.0`` → ``"5908"``)."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _band(
    func: str,
    name: str,
    value: float,
    printed: str | Interval | None,
    half_unit: float | None,
) -> Interval:
    if isinstance(printed, Interval):
        if half_unit is not None:
            raise ValueError(
                f"{func}: {name}_half_unit cannot be combined with an Interval {name}_printed"
            )
        band = printed
    else:
        text = _printed_of(value) if printed is None else printed
        band = printed_interval(text, half_unit=half_unit)
    if not band.contains(value):
        raise ValueError(f"{func}: {name} {value!r} is outside its printed band {band}")
    return band


def _deflator_bound(nominal: float, real: float) -> float:
    """``((1+n)/(1+r)-1)*100`` with limits for unbounded or degenerate rates."""
    if real <= -100 or math.isinf(nominal):
        return _INF if nominal > -100 else -100.0
    if nominal <= -100 or math.isinf(real):
        return -100.0
    return ((1.0 + nominal / 100.0) / (1.0 + real / 100.0) - 1.0) * 100.0


def _deflator(nominal: Interval, real: Interval) -> Interval:
    """Average deflator interval, percent: increasing in nominal, decreasing in real."""
    low = _deflator_bound(nominal.low, real.high)
    high = _deflator_bound(nominal.high, real.low)
    return Interval(
        low,
        high,
        nominal.low_closed and real.high_closed and low > -100,
        nominal.high_closed and real.low_closed and math.isfinite(high),
    )


def check_cagr(
    start: float,
    end: float,
    years: float,
    stated_rate: float,
    *,
    start_printed: str | Interval | None = None,
    end_printed: str | Interval | None = None,
    rate_printed: str | Interval | None = None,
    start_half_unit: float | None = None,
    end_half_unit: float | None = None,
    rate_half_unit: float | None = None,
    rate_basis: Basis = "nominal",
    level_basis: Basis = "nominal",
) -> CagrCheck:
    """Is a stated average annual growth rate consistent with its two levels?

    Each figure is widened to the band its printing allows
    (:func:`printed_interval`; when ``*_printed`` is omitted the shortest text
    of the number is used, so ``5908`` is read as ``"5908"``; an
    :class:`Interval` may be passed instead, e.g. for a qualified figure). The
    endpoint bands give the implied CAGR interval (:func:`cagr_interval`).

    Verdicts:

    * ``"consistent"`` — the implied and stated intervals overlap: rounding
      alone can explain any difference.
    * ``"inconsistent"`` — they do not overlap, on the same price basis.
    * ``"not_comparable"`` — the rate and the levels are on different price
      bases. Chinese GDP growth is stated at comparable (real) prices while
      levels are nominal, so an endpoint CAGR above the stated rate is an
      implied price deflator, not an error; ``implied_deflator`` gives the
      average deflator interval ``(1+nominal)/(1+real)-1`` and ``reason``
      states it.

    >>> c = check_cagr(5908, 9500, 5, 7.6, rate_basis="comparable")
    >>> c.verdict, round(c.point_cagr, 2), round(c.point_deflator or 0, 2)
    ('not_comparable', 9.97, 2.2)
    >>> f"{c.implied_deflator:.2f}"   # (1.098477/1.0765-1, 1.100829/1.0755-1)
    '(2.04, 2.36)'
    >>> check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5).verdict  # [9.5, 10.5)
    'consistent'
    >>> check_cagr(5908, 9500, 5, 7.6).verdict
    'inconsistent'
    """
    func = "check_cagr"
    s = _positive(func, "start", start)
    e = _positive(func, "end", end)
    n = _positive(func, "years", years)
    r = _rate(func, "stated_rate", stated_rate)
    for name, basis in (("rate_basis", rate_basis), ("level_basis", level_basis)):
        if basis not in _BASES:
            raise ValueError(f"{func}: {name} must be one of {_BASES}, got {basis!r}")

    s_band = _band(func, "start", s, start_printed, start_half_unit)
    e_band = _band(func, "end", e, end_printed, end_half_unit)
    r_band = _band(func, "stated_rate", r, rate_printed, rate_half_unit)
    point = cagr(s, e, n)
    implied = cagr_interval(s_band, e_band, n)
    overlap = implied.overlaps(r_band)
    gap = 0.0 if overlap else implied.distance(r_band)

    head = (
        f"{_printed_of(s)} -> {_printed_of(e)} over {_printed_of(n)} years gives "
        f"a CAGR of {point:.2f}% ({_pct(implied)} given rounding); "
        f"stated {_printed_of(r)}% ({_pct(r_band)})"
    )
    deflator: Interval | None = None
    point_deflator: float | None = None
    reason: str | None
    verdict: Verdict
    if rate_basis != level_basis:
        verdict = "not_comparable"
        if level_basis == "nominal":
            deflator = _deflator(implied, r_band)
            point_deflator = ((1 + point / 100) / (1 + r / 100) - 1) * 100
        else:
            deflator = _deflator(r_band, implied)
            point_deflator = ((1 + r / 100) / (1 + point / 100) - 1) * 100
        reason = (
            f"the stated rate is {_BASIS_TEXT[rate_basis]} but the levels are "
            f"{_BASIS_TEXT[level_basis]}; the difference is an implied average "
            f"deflator of {point_deflator:.2f}% a year ({_pct(deflator)}), "
            "not an arithmetic error"
        )
        tail = f" is not comparable: {reason}."
    elif overlap:
        verdict = "consistent"
        reason = None
        tail = ": consistent within rounding."
    else:
        verdict = "inconsistent"
        side = "below" if r_band.high <= implied.low else "above"
        reason = f"the stated rate is {gap:.2f} points {side} every CAGR the printed levels allow"
        tail = f": inconsistent, {reason}."
    return CagrCheck(
        start=s,
        end=e,
        years=n,
        stated_rate=r,
        start_interval=s_band,
        end_interval=e_band,
        stated_interval=r_band,
        point_cagr=point,
        implied_interval=implied,
        rate_basis=rate_basis,
        level_basis=level_basis,
        verdict=verdict,
        gap_pp=gap,
        implied_deflator=deflator,
        point_deflator=point_deflator,
        reason=reason,
        explanation=head + tail,
    )


# ---------------------------------------------------------------------------
# Further interval helpers (used by the checks table)
# ---------------------------------------------------------------------------


def printed_band(
    printed: str, *, qualifier: IntervalQualifier = "exact", min_significant: int = 2
) -> Interval:
    """Like :func:`printed_interval`, but a figure keeps ``min_significant`` digits.

    :func:`printed_interval` reads trailing zeros of an integer as not
    significant, so ``"10"`` (percent) becomes ``[5, 15)`` and ``"1000"``
    (亿元) ``[500, 1500)``: readings with a single significant digit that no
    report intends (a rate rounded to tens of percent). Here trailing zeros
    are dropped only down to ``min_significant`` significant digits:
    ``"10"`` → ``[9.5, 10.5)``, ``"40"`` → ``[39.5, 40.5)``, ``"1000"`` →
    ``[950, 1050)``, while ``"9500"`` stays ``[9450, 9550)`` and ``"3"`` stays
    ``[2.5, 3.5)``. Figures with a decimal point are unchanged. ``approx``
    keeps the wide reading of :func:`printed_interval` (约90 is ``[80, 100]``).

    >>> [str(printed_band(t)) for t in ("10", "40", "1000", "9500", "3", "7.6")]
    ['[9.5, 10.5)', '[39.5, 40.5)', '[950, 1050)', '[9450, 9550)', '[2.5, 3.5)', '[7.55, 7.65)']
    >>> str(printed_band("6", qualifier="at_least")), str(printed_band("1", qualifier="more_than"))
    ('[5.5, inf)', '(1, inf)')
    >>> str(printed_band("90", qualifier="approx"))
    '[80, 100]'
    """
    if isinstance(min_significant, bool) or not isinstance(min_significant, int):
        raise TypeError(f"printed_band: min_significant must be an int, got {min_significant!r}")
    if min_significant < 1:
        raise ValueError(f"printed_band: min_significant must be >= 1, got {min_significant!r}")
    x = _parse_printed(printed)
    exp = x.as_tuple().exponent
    if qualifier == "approx" or x == 0 or not isinstance(exp, int) or exp < 0:
        return printed_interval(printed, qualifier=qualifier)
    normalized = x.normalize().as_tuple().exponent
    place = normalized if isinstance(normalized, int) else exp
    place = max(exp, min(place, x.adjusted() - (min_significant - 1)))
    half = Decimal(5) * Decimal(10) ** (place - 1)
    return printed_interval(printed, half_unit=float(half), qualifier=qualifier)


def _mul(x: float, k: float) -> float:
    """``x * k`` with ``0 * inf`` read as 0 (an empty factor stays empty)."""
    if x == 0 or k == 0:
        return 0.0
    return x * k


def scale_interval(iv: Interval, factor: float) -> Interval:
    """``iv`` multiplied by a finite non-zero ``factor``; a negative one flips the ends.

    >>> str(scale_interval(Interval(5907.5, 5908.5), 100))
    '[590750, 590850)'
    >>> str(scale_interval(Interval(45.35, 45.45), -1))
    '(-45.45, -45.35]'
    """
    k = _finite("scale_interval", "factor", factor)
    if k == 0:
        raise ValueError("scale_interval: factor must not be 0")
    if k > 0:
        return Interval(_mul(iv.low, k), _mul(iv.high, k), iv.low_closed, iv.high_closed)
    return Interval(_mul(iv.high, k), _mul(iv.low, k), iv.high_closed, iv.low_closed)


def _nonneg(func: str, name: str, iv: Interval) -> Interval:
    """``iv`` cut at zero: levels, counts and shares are never negative."""
    if iv.high < 0 or (iv.high == 0 and not iv.high_closed):
        raise ValueError(f"{func}: {name} must reach zero or above, got {iv}")
    if iv.low >= 0:
        return iv
    return Interval(0.0, iv.high, True, iv.high_closed)


def product_interval(a: Interval, b: Interval) -> Interval:
    """All products ``x * y`` of non-negative ``x`` in ``a`` and ``y`` in ``b``.

    >>> str(product_interval(Interval(545, 555), Interval(313.15, 313.25)))
    '[170666.75, 173853.75)'
    """
    func = "product_interval"
    a, b = _nonneg(func, "a", a), _nonneg(func, "b", b)
    low = _mul(a.low, b.low)
    high = _mul(a.high, b.high)
    return Interval(
        low, high, a.low_closed and b.low_closed, a.high_closed and b.high_closed and high < _INF
    )


def quotient_interval(a: Interval, b: Interval) -> Interval:
    """All quotients ``x / y`` of non-negative ``x`` in ``a`` and positive ``y`` in ``b``.

    >>> f"{quotient_interval(Interval(9450, 9550), Interval(34.5, 35.5)):.2f}"
    '(266.20, 276.81)'
    """
    func = "quotient_interval"
    a, b = _nonneg(func, "a", a), _nonneg(func, "b", b)
    if b.high == 0:
        raise ValueError(f"quotient_interval: b must reach above zero, got {b}")
    low = 0.0 if math.isinf(b.high) else a.low / b.high
    high = _INF if b.low == 0 or math.isinf(a.high) else a.high / b.low
    low_closed = a.low_closed and b.high_closed and math.isfinite(b.high)
    high_closed = a.high_closed and b.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def _share_cap(func: str, share: str | Interval) -> Interval:
    """A share band cut to ``[0, 100]`` percent."""
    s = _nonneg(func, "share", _coerce_interval(func, "share", share))
    if s.low > 100:
        raise ValueError(f"{func}: share must reach 100% or below, got {s}")
    if s.high <= 100:
        return s
    return Interval(s.low, 100.0, s.low_closed, True)


def implied_total_interval(part: str | Interval, share: str | Interval) -> Interval:
    """All totals ``part / share`` (share in percent) compatible with both bands.

    A share is at most 100%, so the total is never below the part; an
    open-ended share such as "40%以上" gives a total bounded above only.

    >>> f"{implied_total_interval('10604', '37'):.1f}"  # 10603.5/0.375, 10604.5/0.365
    '(28276.0, 29053.4)'
    >>> f"{implied_total_interval('3.4', Interval(39.5, math.inf)):.3f}"  # 3.35/1, 3.45/0.395
    '[3.350, 8.734)'
    """
    func = "implied_total_interval"
    p = _nonneg(func, "part", _coerce_interval(func, "part", part))
    s = _share_cap(func, share)
    if s.high == 0:
        raise ValueError(f"{func}: share must reach above zero, got {s}")
    low = p.low / s.high * 100.0
    high = _INF if s.low == 0 or math.isinf(p.high) else p.high / s.low * 100.0
    low_closed = p.low_closed and s.high_closed
    high_closed = p.high_closed and s.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def implied_part_interval(whole: str | Interval, share: str | Interval) -> Interval:
    """All parts ``whole * share / 100`` compatible with both bands (share cut at 100%).

    >>> str(implied_part_interval('9500', Interval(69.5, math.inf)))  # 9450*0.695, 9550*1
    '[6567.75, 9550)'
    """
    func = "implied_part_interval"
    w = _nonneg(func, "whole", _coerce_interval(func, "whole", whole))
    s = _share_cap(func, share)
    low = _mul(w.low, s.low) / 100.0
    high = _mul(w.high, s.high) / 100.0
    low_closed = w.low_closed and s.low_closed
    high_closed = w.high_closed and s.high_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def _chain_bound(total: float, total_years: float, last: float, last_years: float) -> float:
    """Average rate over the first ``total_years - last_years`` years, with limits."""
    if total <= -100 or math.isinf(last):
        return -100.0
    if last <= -100 or math.isinf(total):
        return _INF
    factor = math.pow(1.0 + total / 100.0, total_years) / math.pow(1.0 + last / 100.0, last_years)
    return (math.pow(factor, 1.0 / (total_years - last_years)) - 1.0) * 100.0


def chained_rate_interval(
    total_rate: str | Interval,
    total_years: float,
    last_rate: str | Interval,
    last_years: float = 1,
) -> Interval:
    """Average annual rate of the earlier years, given the whole period's and the last years'.

    If a quantity grew ``total_rate`` a year over ``total_years`` years and
    ``last_rate`` a year over the last ``last_years`` of them, the first
    ``total_years - last_years`` years grew at
    ``((1+R)**N / (1+r)**m) ** (1/(N-m)) - 1``: rising with ``R``, falling
    with ``r``.

    Lowest: (1.0485**5 / 1.085) ** 0.25 - 1; highest: (1.0495**5 / 1.075) ** 0.25 - 1.

    >>> f"{chained_rate_interval('4.9', 5, '8'):.2f}"
    '(3.96, 4.32)'
    """
    func = "chained_rate_interval"
    big = _coerce_interval(func, "total_rate", total_rate)
    last = _coerce_interval(func, "last_rate", last_rate)
    n = _positive(func, "total_years", total_years)
    m = _positive(func, "last_years", last_years)
    if m >= n:
        raise ValueError(f"{func}: last_years must be < total_years, got {m} and {n}")
    low = _chain_bound(big.low, n, last.high, m)
    high = _chain_bound(big.high, n, last.low, m)
    low_closed = big.low_closed and last.high_closed and low > -100
    high_closed = big.high_closed and last.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def deflator_interval(nominal: str | Interval, real: str | Interval) -> Interval:
    """Average deflator ``(1+nominal)/(1+real)-1`` in percent, as an interval.

    >>> f"{deflator_interval(Interval(9.8477, 10.0829), '7.6'):.2f}"
    '(2.04, 2.36)'
    """
    func = "deflator_interval"
    return _deflator(
        _coerce_interval(func, "nominal", nominal), _coerce_interval(func, "real", real)
    )
