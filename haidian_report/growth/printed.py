"""Printed figures as bands: what a rounded, possibly qualified number can stand for.

A report prints ``"7.6"`` for anything in ``[7.55, 7.65)`` and ``"10%以上"`` for anything
from 9.5 up. :func:`printed_interval` and :func:`printed_band` turn printed text into that
band; :func:`qualifier_from_text` reads the qualifier (以上, 超过, 余, …) next to a figure.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal, InvalidOperation
from typing import Final, Literal, TypeAlias

from haidian_report.growth._args import finite
from haidian_report.growth.interval import Interval

__all__ = ["IntervalQualifier", "printed_band", "printed_interval", "qualifier_from_text"]

IntervalQualifier: TypeAlias = Literal[
    "exact", "approx", "at_least", "more_than", "at_most", "less_than"
]
"""How a printed figure relates to the true value (see :func:`printed_interval`)."""
Figure: TypeAlias = str | float | Interval
"""A figure argument of the interval helpers: printed text, an exact number or a band."""

_QUALIFIERS: tuple[IntervalQualifier, ...] = (
    "exact",
    "approx",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
)
_INF = math.inf
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def parse_printed(printed: str, func: str = "printed_interval", name: str = "printed") -> Decimal:
    """The number a printed figure shows: commas, a minus sign and a trailing ``%`` allowed."""
    if not isinstance(printed, str):
        raise TypeError(f"{func}: {name} must be a str, got {printed!r}")
    text = printed.strip().replace(",", "").replace("，", "").replace("−", "-")
    text = text.removesuffix("%").removesuffix("％").strip()
    if not _NUMBER.match(text):
        raise ValueError(f"{func}: {name} must be a plain decimal number, got {printed!r}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ValueError(f"{func}: cannot parse {name} {printed!r}") from exc


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

    This is the widest reading of a round number (``"10"`` is ``[5, 15)``). The helpers
    that take a printed figure as a string (:func:`~haidian_report.growth.check_cagr`,
    :func:`~haidian_report.growth.cagr_interval`, …) read it with :func:`printed_band`,
    which keeps at least two significant digits (``"10"`` is ``[9.5, 10.5)``).

    ``qualifier`` (names as in the curation parser; see
    :func:`qualifier_from_text`), with ``h`` the half unit and ``u = 2h`` the
    unit of the last significant digit:

    * ``"exact"`` — plain rounding, ``[x - h, x + h)``.
    * ``"approx"`` (约, 近, 左右) — ``[x - u, x + u]``, the symmetric reading of
      约 with the width of one unit of the last significant digit each way.
    * ``"at_least"`` (以上) — ``[x - h, +inf)``: the threshold itself may be
      a rounded figure, as in "增长10%以上".
    * ``"more_than"`` (超过, 多) — ``(x, +inf)``.
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
    x = parse_printed(printed)
    if half_unit is None:
        h = _implied_half_unit(x)
    else:
        hu = finite("printed_interval", "half_unit", half_unit)
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
    parser: 以上 → at_least, 超过/多/余 → more_than (90余个 is "90-odd"),
    以内 → at_most, 约/近/左右 → approx; also 以下/不超过 → at_most, 不足/不到/低于 →
    less_than. Anything else is ``"exact"``.

    >>> [qualifier_from_text(t) for t in ["90余个", "10%以上", "不超过5%", "5908亿元"]]
    ['more_than', 'at_least', 'at_most', 'exact']
    """
    for word, qual in _QUALIFIER_WORDS:
        if word in text:
            return qual
    return "exact"


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
    x = parse_printed(printed, "printed_band")
    exp = x.as_tuple().exponent
    if qualifier == "approx" or x == 0 or not isinstance(exp, int) or exp < 0:
        return printed_interval(printed, qualifier=qualifier)
    normalized = x.normalize().as_tuple().exponent
    place = normalized if isinstance(normalized, int) else exp
    place = max(exp, min(place, x.adjusted() - (min_significant - 1)))
    half = Decimal(5) * Decimal(10) ** (place - 1)
    return printed_interval(printed, half_unit=float(half), qualifier=qualifier)


def printed_of(value: float) -> str:
    """The shortest text that prints ``value`` (``5908.0`` → ``"5908"``)."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def bands(func: str, **figures: Figure) -> tuple[Interval, ...]:
    """The band each figure argument of ``func`` stands for, in the order given.

    An :class:`Interval` is taken as given; a number is exact (``9500`` is ``[9500, 9500]``,
    as :func:`~haidian_report.growth.check_cagr` reads numbers); a string is a printed
    figure, read by :func:`printed_band` (``"10"`` is ``[9.5, 10.5)``, ``"9500"``
    ``[9450, 9550)``), the reading the package's own checks use. A rate may be printed with
    its qualifier as the report prints it (``"6%以上"`` is ``[5.5, inf)``, ``"7.6%左右"`` the
    wide band of 约). Anything else is refused with the argument's name.

    >>> [str(b) for b in bands("f", a=9500, b="9500", c="6%以上", d="约90%")]
    ['[9500, 9500]', '[9450, 9550)', '[5.5, inf)', '[80, 100]']
    """
    out: list[Interval] = []
    for name, figure in figures.items():
        if isinstance(figure, Interval):
            out.append(figure)
        elif isinstance(figure, (numbers.Real, Decimal)) and not isinstance(figure, bool):
            if not math.isfinite(float(figure)):
                raise ValueError(f"{func}: {name} must be a finite number, got {figure!r}")
            out.append(Interval.point(float(figure)))  # (numpy, Fraction and Decimal too)
        elif isinstance(figure, str):
            out.append(_text_band(func, name, figure))
        else:
            raise TypeError(
                f"{func}: {name} must be a printed figure (str), a number or an Interval, "
                f"got {figure!r}"
            )
    return tuple(out)


#: A rate printed with its qualifier words: 6%以上, 约90%, 不低于6%, 7.6%左右 (the words
#: before and after the figure; its number and per-cent sign in between).
_QUALIFIED_RATE: Final = re.compile(r"([^0-9.,%％]{0,4})([0-9][0-9.,]*)\s*[%％]([^0-9.,%％]{0,3})")


def _text_band(func: str, name: str, text: str) -> Interval:
    """The band of a printed figure; a rate may carry its qualifier (6%以上, 约90%, 不低于6%),
    read by :func:`qualifier_from_text` as the curation parser reads it."""
    return read_figure(func, name, text)[1]


def read_figure(func: str, name: str, text: str) -> tuple[Decimal, Interval]:
    """The number a figure prints and the band it stands for: a plain figure (``"7.6"``) as
    :func:`printed_band` reads it, or a rate with its qualifier words (``"6%以上"`` is 6 and
    ``[5.5, inf)``). Anything else is a ValueError naming ``func`` and ``name``.

    >>> [(str(n), str(b)) for n, b in (read_figure("f", "r", t) for t in ("7.6", "不低于6%"))]
    [('7.6', '[7.55, 7.65)'), ('6', '[5.5, inf)')]
    """
    text = text.strip()
    try:
        number = parse_printed(text, func, name)  # an error names the helper and the argument
    except ValueError as plain:
        found = _QUALIFIED_RATE.fullmatch(text)
        words = (found.group(1) + found.group(3)) if found else ""
        qualifier = qualifier_from_text(words) if found else "exact"
        if found is None or qualifier == "exact":
            raise ValueError(
                f"{plain}; a rate may be printed with its qualifier ('6%以上', '约90%'), a "
                "level is given as its printed number, all levels in one unit ('9500')"
            ) from None
        printed = found.group(2)
        return parse_printed(printed, func, name), printed_band(printed, qualifier=qualifier)
    return number, printed_band(text)
