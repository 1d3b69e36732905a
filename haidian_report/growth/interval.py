"""A real interval with open or closed ends: the band of true values a figure stands for."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Interval"]

_INF = math.inf


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
