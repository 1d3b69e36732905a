"""Hypothesis strategies shared by the growth tests."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def printed_numbers(draw: st.DrawFn, positive: bool = False) -> str:
    """Decimal strings as a report prints them, with up to 10 significant digits."""
    whole = draw(st.integers(0, 10**6))
    decimals = draw(st.integers(0, 3))
    text = str(whole)
    if decimals:
        text += "." + "".join(str(draw(st.integers(0, 9))) for _ in range(decimals))
    if positive and float(text) == 0:
        text = "1" + text
    elif not positive and draw(st.booleans()):
        text = "-" + text
    return text
