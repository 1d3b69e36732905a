"""Argument checks shared by the growth helpers: finite, positive, above -100 %."""

from __future__ import annotations

import math


def finite(func: str, name: str, value: float) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{func}: {name} must be a real number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{func}: {name} must be finite, got {value!r}")
    return result


def positive(func: str, name: str, value: float) -> float:
    """``value`` as a float, or raise if it is not finite and > 0."""
    result = finite(func, name, value)
    if result <= 0:
        raise ValueError(f"{func}: {name} must be > 0, got {value!r}")
    return result


def rate(func: str, name: str, value: float) -> float:
    """``value`` as a float, or raise if it is not a finite percent rate above -100."""
    result = finite(func, name, value)
    if result <= -100:
        raise ValueError(f"{func}: {name} must be > -100 (percent), got {value!r}")
    return result
