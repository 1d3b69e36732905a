"""Interval arithmetic for levels and shares: changes, shares, parts, totals, products.

Levels, counts and shares are never negative, so bands reaching below zero are cut at zero.
Figures are printed strings or :class:`~haidian_report.growth.Interval` bands.
"""

from __future__ import annotations

import math
from decimal import Decimal

from haidian_report.growth._args import finite
from haidian_report.growth.interval import Interval
from haidian_report.growth.printed import Figure, bands

__all__ = [
    "implied_part_interval",
    "implied_total_interval",
    "pp_change_interval",
    "product_interval",
    "quotient_interval",
    "scale_interval",
    "share_interval",
]

_INF = math.inf


def _sub(x: float, y: float) -> float:
    """``x - y``, exact in decimal when both are finite (``23.95 - 21.85 == 2.1``)."""
    if math.isfinite(x) and math.isfinite(y):
        return float(Decimal(repr(x)) - Decimal(repr(y)))
    return x - y


def pp_change_interval(before: Figure, after: Figure) -> Interval:
    """Change in percentage points, ``after - before``, as an interval.

    >>> str(pp_change_interval("21.8", "24.0"))  # (23.95-21.85, 24.05-21.75)
    '(2.1, 2.3)'
    """
    b, a = bands("pp_change_interval", before=before, after=after)
    low = _sub(a.low, b.high)
    high = _sub(a.high, b.low)
    return Interval(low, high, a.low_closed and b.high_closed, a.high_closed and b.low_closed)


def share_interval(part: Figure, whole: Figure) -> Interval:
    """Share of ``part`` in ``whole``, in percent, as an interval.

    Both are levels, so bands reaching below zero are cut at zero.

    >>> f"{share_interval('25', '125'):.2f}"  # 24.5/125.5, 25.5/124.5
    '(19.52, 20.48)'
    >>> f"{share_interval('0', '100'):.2f}"  # a printed 0 may be none at all: 0 is held
    '[0.00, 0.53)'
    """
    func = "share_interval"
    p, w = bands(func, part=part, whole=whole)
    if w.high <= 0 or p.high < 0:
        raise ValueError(f"{func}: part must be >= 0 and whole > 0, got {p}, {w}")
    p_low, w_low = max(p.low, 0.0), max(w.low, 0.0)
    low = 0.0 if math.isinf(w.high) else p_low / w.high * 100.0
    high = _INF if w_low == 0 or math.isinf(p.high) else p.high / w_low * 100.0
    # a part band cut at zero holds 0 (a printed "0" is [0, 0.5)), and a zero part is a zero
    # share whatever the whole
    part_low_held = p.low_closed or p.low < 0
    low_closed = part_low_held and (p_low == 0 or (w.high_closed and math.isfinite(w.high)))
    high_closed = p.high_closed and w.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


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
    k = finite("scale_interval", "factor", factor)
    if k == 0:
        raise ValueError("scale_interval: factor must not be 0")
    if k > 0:
        return Interval(_mul(iv.low, k), _mul(iv.high, k), iv.low_closed, iv.high_closed)
    return Interval(_mul(iv.high, k), _mul(iv.low, k), iv.high_closed, iv.low_closed)


def _nonneg(func: str, name: str, figure: Figure) -> Interval:
    """The band of ``figure`` cut at zero: levels, counts and shares are never negative."""
    (iv,) = bands(func, **{name: figure})
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


def _share_cap(func: str, share: Figure) -> Interval:
    """A share band cut to ``[0, 100]`` percent."""
    s = _nonneg(func, "share", share)
    if s.low > 100:
        raise ValueError(f"{func}: share must reach 100% or below, got {s}")
    if s.high <= 100:
        return s
    return Interval(s.low, 100.0, s.low_closed, True)


def implied_total_interval(part: Figure, share: Figure) -> Interval:
    """All totals ``part / share`` (share in percent) compatible with both bands.

    A share is at most 100%, so the total is never below the part; an
    open-ended share such as "40%以上" gives a total bounded above only.

    >>> f"{implied_total_interval('10604', '37'):.1f}"  # 10603.5/0.375, 10604.5/0.365
    '(28276.0, 29053.4)'
    >>> f"{implied_total_interval('3.4', Interval(39.5, math.inf)):.3f}"  # 3.35/1, 3.45/0.395
    '[3.350, 8.734)'
    """
    func = "implied_total_interval"
    p = _nonneg(func, "part", part)
    s = _share_cap(func, share)
    if s.high == 0:
        raise ValueError(f"{func}: share must reach above zero, got {s}")
    low = p.low / s.high * 100.0
    high = _INF if s.low == 0 or math.isinf(p.high) else p.high / s.low * 100.0
    low_closed = p.low_closed and s.high_closed
    high_closed = p.high_closed and s.low_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)


def implied_part_interval(whole: Figure, share: Figure) -> Interval:
    """All parts ``whole * share / 100`` compatible with both bands (share cut at 100%).

    >>> str(implied_part_interval('9500', Interval(69.5, math.inf)))  # 9450*0.695, 9550*1
    '[6567.75, 9550)'
    """
    func = "implied_part_interval"
    w = _nonneg(func, "whole", whole)
    s = _share_cap(func, share)
    low = _mul(w.low, s.low) / 100.0
    high = _mul(w.high, s.high) / 100.0
    low_closed = w.low_closed and s.low_closed
    high_closed = w.high_closed and s.high_closed and math.isfinite(high)
    return Interval(low, high, low_closed, high_closed)
