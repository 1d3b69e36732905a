"""Checks of a stated figure against the interval its inputs imply: the verdict and why."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeAlias

from haidian_report.growth.interval import Interval
from haidian_report.growth.printed import Figure, bands
from haidian_report.growth.share_intervals import pp_change_interval, share_interval

__all__ = ["IntervalCheck", "Verdict", "check_pp_change", "check_share"]

#: Relative distance within which two intervals meet: floating-point error, not rounding (a
#: printed figure's band is wider by many orders of magnitude).
FLOAT_SLACK = 1e-9

Verdict: TypeAlias = Literal["consistent", "inconsistent", "not_comparable"]
"""The outcome of a check; ``not_comparable`` when the figures are on different bases."""


@dataclass(frozen=True)
class IntervalCheck:
    """A computed interval against a stated one: :func:`check_share`, :func:`check_pp_change`.

    >>> c = check_share("25", "125", "21.0")
    >>> c.verdict, round(c.gap, 3)
    ('inconsistent', 0.468)
    >>> print(c.explanation)  # doctest: +NORMALIZE_WHITESPACE
    Share 19.52% to 20.48% misses the stated 20.95% to 21.05% by 0.468%:
    inconsistent beyond rounding.
    """

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


def pct(iv: Interval) -> str:
    """``"9.85% to 10.08%"`` for a bounded rate interval; words for a threshold (``"5.50% or
    more"``, ``"less than 3.00%"``), interval notation when neither end is finite.

    Four decimals where two would print both ends alike (``"13.9984% to 14.0042%"``).

    >>> pct(Interval(5.5, math.inf)), pct(Interval(6, math.inf, False)), pct(Interval(-math.inf, 3))
    ('5.50% or more', 'more than 6.00%', 'less than 3.00%')
    """
    spec = ".2f" if f"{iv.low:.2f}" != f"{iv.high:.2f}" else ".4f"
    if iv.is_bounded:
        return f"{iv.low:{spec}}% to {iv.high:{spec}}%"
    if math.isfinite(iv.low):
        return f"{iv.low:{spec}}% or more" if iv.low_closed else f"more than {iv.low:{spec}}%"
    if math.isfinite(iv.high):
        return f"{iv.high:{spec}}% or less" if iv.high_closed else f"less than {iv.high:{spec}}%"
    return f"{iv:{spec}}%"


def _compare(
    func: str, what: str, computed: Interval, unit: str, **stated_figure: Figure
) -> IntervalCheck:
    """``computed`` against the one stated figure, with the verdict and a line saying why."""
    (stated,) = bands(func, **stated_figure)
    ends = [abs(x) for x in (computed.low, computed.high, stated.low, stated.high)]
    slack = FLOAT_SLACK * max([1.0, *(x for x in ends if math.isfinite(x))])
    # exact numbers meet up to floating-point error: 57 / 100 × 100 is 57.00000000000001
    ok = computed.overlaps(stated) or computed.distance(stated) <= slack
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


def check_pp_change(before: Figure, after: Figure, stated_pp: Figure) -> IntervalCheck:
    """Check a stated change in percentage points against the two printed shares.

    >>> check_pp_change("21.8", "24", "2.2").verdict   # 24 -> [23.5, 24.5)
    'consistent'
    >>> check_pp_change("21.8", "24.0", "3").verdict   # (2.1, 2.3) vs [2.5, 3.5)
    'inconsistent'
    """
    computed = pp_change_interval(before, after)
    return _compare("check_pp_change", "Change", computed, " pp", stated_pp=stated_pp)


def check_share(part: Figure, whole: Figure, stated_share: Figure) -> IntervalCheck:
    """Check a stated share (percent) of ``part`` in ``whole`` against both levels.

    >>> check_share("25", "125", "20.0").verdict   # (19.52, 20.48) vs [19.95, 20.05)
    'consistent'
    >>> check_share("25", "125", "21.0").verdict   # (19.52, 20.48) vs [20.95, 21.05)
    'inconsistent'
    >>> check_share(57, 100, 57).verdict   # exact numbers: 57.00000000000001 is 57
    'consistent'
    """
    computed = share_interval(part, whole)
    return _compare("check_share", "Share", computed, "%", stated_share=stated_share)
