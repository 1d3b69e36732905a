"""Scalar growth arithmetic: percent change, CAGR, and the level a rate implies.

Rates are in percent throughout: ``7.6`` means 7.6 %.
"""

from __future__ import annotations

import math

from haidian_report.growth._args import finite, positive, rate

__all__ = ["cagr", "growth_rate", "implied_end", "implied_start"]


def growth_rate(start: float, end: float) -> float:
    """Percent change from ``start`` to ``end``: ``(end - start) / start * 100``.

    ``start`` must be positive (a percent change of a zero or negative base
    has no meaning); ``end`` may be any finite number.

    >>> growth_rate(100, 110)
    10.0
    >>> round(growth_rate(364, 313.2), 2)  # resident population, 万
    -13.96
    """
    s = positive("growth_rate", "start", start)
    e = finite("growth_rate", "end", end)
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
    s = positive("cagr", "start", start)
    e = positive("cagr", "end", end)
    n = positive("cagr", "years", years)
    return (math.pow(e / s, 1.0 / n) - 1.0) * 100.0


def implied_end(start: float, rate_percent: float, years: float) -> float:
    """Level reached from ``start`` after ``years`` years at ``rate_percent``.

    >>> round(implied_end(5908, 7.6, 5), 1)  # 5908 * 1.076**5 = 5908 * 1.442319
    8521.2
    >>> round(implied_end(100, 10, 2), 10)
    121.0
    """
    return _compounded("implied_end", "start", start, rate_percent, years)


def implied_start(end: float, rate_percent: float, years: float) -> float:
    """Level that grows to ``end`` after ``years`` years at ``rate_percent``.

    >>> round(implied_start(9500, 7.6, 5), 1)  # 9500 / 1.076**5
    6586.6
    >>> round(implied_start(121, 10, 2), 10)
    100.0
    """
    return _compounded("implied_start", "end", end, rate_percent, years)


def _compounded(func: str, name: str, level: float, rate_percent: float, years: float) -> float:
    """``level`` grown (``name == "start"``) or discounted (``"end"``) over ``years`` years."""
    x = positive(func, name, level)
    r = rate(func, "rate_percent", rate_percent)
    n = positive(func, "years", years)
    factor = math.pow(1.0 + r / 100.0, n)
    return x * factor if name == "start" else x / factor
