"""Interval arithmetic for compound growth: rates, implied levels, chained rates, deflators.

Each helper takes figures as printed strings or :class:`~haidian_report.growth.Interval`
bands and returns every value compatible with them, using the monotonicity of the formula:
the lowest result pairs the inputs' ends that push it down.
"""

from __future__ import annotations

import math

from haidian_report.growth._args import positive
from haidian_report.growth.interval import Interval
from haidian_report.growth.printed import Figure, bands
from haidian_report.growth.rates import cagr
from haidian_report.growth.share_intervals import product_interval, quotient_interval

__all__ = [
    "cagr_interval",
    "chained_rate_interval",
    "deflator_interval",
    "implied_end_interval",
    "implied_start_interval",
]

_INF = math.inf


def _cagr_bound(start: float, end: float, years: float) -> float:
    """CAGR with limits: start in [0, inf], end in [0, inf], not both degenerate."""
    if end <= 0 or math.isinf(start):
        return -100.0
    if start <= 0 or math.isinf(end):
        return _INF
    return cagr(start, end, years)


def cagr_interval(start: Figure, end: Figure, years: float) -> Interval:
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
    s, e = bands(func, start=start, end=end)
    n = positive(func, "years", years)
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


def _level_and_factor(
    func: str, name: str, level: Figure, rate: Figure, years: float
) -> tuple[Interval, Interval]:
    """The level band (positive: cut open at zero) and the growth factor band ``(1+r)**years``.

    The factor rises with the rate; a rate of -100 % or below (factor 0) is not a rate, so an
    end there is open.
    """
    x, r = bands(func, **{name: level, "rate": rate})
    n = positive(func, "years", years)
    if x.high <= 0 or r.high <= -100:
        raise ValueError(f"{func}: {name} must be positive and rate > -100, got {x}, {r}")
    if x.low <= 0:
        x = Interval(0.0, x.high, False, x.high_closed)
    factor = Interval(
        _growth_factor(r.low, n),
        _growth_factor(r.high, n),
        r.low_closed and r.low > -100,
        r.high_closed,
    )
    return x, factor


def implied_end_interval(start: Figure, rate: Figure, years: float) -> Interval:
    """All end levels compatible with the start band and the rate band: start × (1+rate)**years.

    Lowest: 5907.5 * 1.0755**5; highest: 5908.5 * 1.0765**5.

    >>> f"{implied_end_interval('5908', '7.6', 5):.1f}"
    '[8500.7, 8541.8)'
    """
    return product_interval(*_level_and_factor("implied_end_interval", "start", start, rate, years))


def implied_start_interval(end: Figure, rate: Figure, years: float) -> Interval:
    """All start levels compatible with the end band and the rate band: end / (1+rate)**years.

    Start falls with the rate, so the lowest start pairs the lowest end with
    the highest rate.

    Lowest: 9450 / 1.0765**5; highest: 9550 / 1.0755**5.

    >>> f"{implied_start_interval('9500', '7.6', 5):.1f}"
    '(6536.7, 6636.7)'
    """
    return quotient_interval(*_level_and_factor("implied_start_interval", "end", end, rate, years))


def _chain_bound(total: float, total_years: float, last: float, last_years: float) -> float:
    """Average rate over the first ``total_years - last_years`` years, with limits."""
    if total <= -100 or math.isinf(last):
        return -100.0
    if last <= -100 or math.isinf(total):
        return _INF
    factor = math.pow(1.0 + total / 100.0, total_years) / math.pow(1.0 + last / 100.0, last_years)
    return (math.pow(factor, 1.0 / (total_years - last_years)) - 1.0) * 100.0


def chained_rate_interval(
    total_rate: Figure,
    total_years: float,
    last_rate: Figure,
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
    big, last = bands(func, total_rate=total_rate, last_rate=last_rate)
    n = positive(func, "total_years", total_years)
    m = positive(func, "last_years", last_years)
    if m >= n:
        raise ValueError(f"{func}: last_years must be < total_years, got {m} and {n}")
    low = _chain_bound(big.low, n, last.high, m)
    high = _chain_bound(big.high, n, last.low, m)
    low_closed = big.low_closed and last.high_closed and low > -100
    high_closed = big.high_closed and last.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def _deflator_bound(nominal: float, real: float) -> float:
    """``((1+n)/(1+r)-1)*100`` with limits for unbounded or degenerate rates."""
    if real <= -100 or math.isinf(nominal):
        return _INF if nominal > -100 else -100.0
    if nominal <= -100 or math.isinf(real):
        return -100.0
    return ((1.0 + nominal / 100.0) / (1.0 + real / 100.0) - 1.0) * 100.0


def deflator_interval(nominal: Figure, real: Figure) -> Interval:
    """Average deflator ``(1+nominal)/(1+real)-1`` in percent, as an interval.

    It rises with the nominal rate and falls with the real one.

    >>> f"{deflator_interval(Interval(9.8477, 10.0829), '7.6'):.2f}"
    '(2.04, 2.36)'
    """
    n, r = bands("deflator_interval", nominal=nominal, real=real)
    low = _deflator_bound(n.low, r.high)
    high = _deflator_bound(n.high, r.low)
    low_closed = n.low_closed and r.high_closed and low > -100
    high_closed = n.high_closed and r.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)
