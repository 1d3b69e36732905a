"""How checks and derivations write numbers: readable figures, percentages, intervals.

>>> num(862.6089), pct(7.6), signed_pct(-3.5), span(Interval(1.0, 2.0, True, False), num)
('862.6', '7.60%', '−3.50%', '1 to 2')
>>> round6(3.6681234567, "floor"), round6(3.6681234567, "ceiling"), round6(float("inf"), "half")
(3.66812, 3.66813, None)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Literal

from haidian_report.growth import Basis, Interval


def num(x: float, digits: int = 4) -> str:
    """A readable number with about ``digits`` significant digits, never scientific."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else ("inf" if x > 0 else "-inf")
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "−" + text[1:] if text.startswith("-") else text


def pct(x: float) -> str:
    """``7.60%``, with a true minus sign."""
    text = f"{x:.2f}%"
    return "−" + text[1:] if text.startswith("-") else text


def signed_pct(x: float) -> str:
    """``+7.60%`` or ``−7.60%``."""
    return ("+" if x >= 0 else "") + pct(x)


def span(iv: Interval, fmt: Callable[[float], str]) -> str:
    """An interval in words: ``a to b``, ``≥a``, ``≤b`` or ``unbounded``."""
    lo_ok, hi_ok = math.isfinite(iv.low), math.isfinite(iv.high)
    if lo_ok and hi_ok:
        return f"{fmt(iv.low)} to {fmt(iv.high)}"
    if lo_ok:
        return f"≥{fmt(iv.low)}"
    if hi_ok:
        return f"≤{fmt(iv.high)}"
    return "unbounded"


def basis_words(basis: Basis | str) -> str:
    """How a price basis reads in an explanation."""
    return {
        "comparable": "at comparable (real) prices",
        "nominal": "at current prices",
    }.get(basis, "on a price basis the report does not state")


def round6(x: float | None, how: Literal["floor", "ceiling", "half"]) -> float | None:
    """Six significant digits: ``floor``/``ceiling`` round bounds outwards, ``half`` points."""
    if x is None or not math.isfinite(x):
        return None
    if x == 0:
        return 0.0
    d = Decimal(repr(x))
    d = d.quantize(Decimal(1).scaleb(d.adjusted() - 11), rounding=ROUND_HALF_EVEN)
    quantum = Decimal(1).scaleb(d.adjusted() - 5)
    mode = {"floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}.get(how, ROUND_HALF_EVEN)
    return float(d.quantize(quantum, rounding=mode))


def open_floor(iv: Interval, floor: float) -> Interval:
    """``iv`` without a lower end at the open ``floor`` (0 for levels, −100 for rates).

    Such an end is reached only through an open-ended input ("10%以上"), so it says nothing.
    """
    if iv.low == floor and not iv.low_closed:
        return Interval(-math.inf, iv.high, False, iv.high_closed)
    return iv


def shift(iv: Interval, d: float) -> Interval:
    """``iv`` moved by ``d``."""
    return Interval(iv.low + d, iv.high + d, iv.low_closed, iv.high_closed)


def cid(*parts: object) -> str:
    """A row id from its parts: ``cid("endpoint_cagr", "gdp") == "endpoint_cagr.gdp"``."""
    return ".".join(str(p) for p in parts)
