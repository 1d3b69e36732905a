"""Period labels ("2016", "2017-2021") as the years of growth they span."""

from __future__ import annotations

import re

__all__ = ["period_span", "years_between"]

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
