"""Is a stated average annual growth rate consistent with its two levels? (:func:`check_cagr`).

What each figure stands for is decided by how it is passed, never guessed from a float:

* a **string** is a printed figure and carries its printed precision (``"7.6"`` is
  ``[7.55, 7.65)``, ``"10"`` or ``"10%"`` is ``[9.5, 10.5)``, ``"9500"`` is ``[9450, 9550)``:
  :func:`~haidian_report.growth.printed_band`);
* a **number** is exact (up to floating-point error), unless ``*_half_unit`` gives its
  rounding or ``*_printed`` the text or band it was read from.

The explanation of every result names the band used for each figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeAlias

from haidian_report.growth._args import positive, rate
from haidian_report.growth.interval import Interval
from haidian_report.growth.printed import (
    parse_printed,
    printed_band,
    printed_interval,
    printed_of,
    read_figure,
)
from haidian_report.growth.rate_intervals import cagr_interval, deflator_interval
from haidian_report.growth.rates import cagr
from haidian_report.growth.verdicts import Verdict, pct

__all__ = ["Basis", "CagrCheck", "check_cagr"]

Basis: TypeAlias = Literal["nominal", "comparable", "unknown"]
"""Price basis: ``nominal`` (current prices), ``comparable`` (real) or ``unknown``.

The values of the fact tables' ``price_basis`` column, so a row's value can be passed as is.
"""

_BASES: tuple[Basis, ...] = ("nominal", "comparable", "unknown")

_BASIS_TEXT: dict[str, str] = {
    "nominal": "at current (nominal) prices",
    "comparable": "at comparable (real) prices",
    "unknown": "on an unknown price basis",
}

#: Relative slack for exact numbers: floating-point error is not a disagreement.
_FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class CagrCheck:
    """Result of :func:`check_cagr`. Rates and intervals are in percent.

    >>> c = check_cagr("5908", "11376", 5, "10", rate_basis="nominal", level_basis="nominal")
    >>> c.verdict, str(c.stated_interval), round(c.gap_pp, 2)
    ('inconsistent', '[9.5, 10.5)', 3.5)
    """

    start: float
    end: float
    years: float
    stated_rate: float
    start_interval: Interval
    end_interval: Interval
    stated_interval: Interval
    point_cagr: float
    """CAGR of the point values."""
    implied_interval: Interval
    """All CAGRs compatible with the start and end bands."""
    rate_basis: Basis
    level_basis: Basis
    verdict: Verdict
    gap_pp: float
    """Distance between implied and stated intervals in points (0 if they overlap)."""
    implied_deflator: Interval | None
    """For known, different bases: average deflator ``(1+nominal)/(1+real)-1``, percent."""
    point_deflator: float | None
    reason: str | None
    """Why the verdict is not ``consistent``; ``None`` when it is."""
    explanation: str
    """One line of English: the figures, the band each was read as, the verdict and why."""


@dataclass(frozen=True)
class _Figure:
    value: float
    shown: str
    """The figure as given: its printed text, or the shortest text of the number."""
    band: Interval
    reading: str
    """How the band was chosen, e.g. ``"'10' as printed: [9.5, 10.5)"`` or ``"10, exact"``."""

    @property
    def exact(self) -> bool:
        return self.band.width == 0


def _figure(
    func: str,
    name: str,
    figure: float | str,
    printed: str | Interval | None,
    half_unit: float | None,
) -> _Figure:
    """The value and band of one argument of :func:`check_cagr`, and how it was read. A
    stated rate may be printed with its qualifier (``"6%以上"``, as ``stated_rate`` or as
    ``rate_printed``): its band is the qualifier's, and its number the threshold (which an
    open band such as 超过6%'s does not hold)."""
    arg = "rate" if name == "stated_rate" else name  # rate_printed, rate_half_unit
    if isinstance(printed, Interval) and half_unit is not None:
        raise ValueError(f"{func}: {arg}_half_unit cannot be combined with an Interval printed")
    if isinstance(figure, str):
        if printed is not None:
            raise ValueError(
                f"{func}: {name} {figure!r} is already a printed figure; drop {arg}_printed"
            )
        printed, number = figure, _read(func, name, figure)[0]
        value = float(number)
    else:
        value = figure
    value = rate(func, name, value) if name == "stated_rate" else positive(func, name, value)
    shown = printed if isinstance(printed, str) else printed_of(value)
    threshold = False
    if isinstance(printed, Interval):
        band, reading = printed, f"{shown}, band given: {printed}"
    elif isinstance(printed, str):
        which = name if printed is figure else f"{arg}_printed"
        number, band, threshold = _read(func, which, printed)
        if threshold and half_unit is not None:
            raise ValueError(f"{func}: {printed!r} carries its qualifier; drop {arg}_half_unit")
        if half_unit is not None:
            band = printed_interval(printed, half_unit=half_unit)
            reading = f"{printed!r} ± {printed_of(float(half_unit))}: {{band}}"
        else:
            reading = f"{printed!r} as printed: {{band}}"
        if threshold and float(number) != value:
            raise ValueError(
                f"{func}: {name} {value!r} is not the {number} that {printed!r} prints"
            )
    elif half_unit is not None:
        band = printed_interval(shown, half_unit=half_unit)
        reading = f"{shown!r} ± {printed_of(float(half_unit))}: {{band}}"
    else:
        band, reading = Interval.point(value), f"{shown}, exact"
    if not threshold and not band.contains(value):
        raise ValueError(f"{func}: {name} {value!r} is outside its printed band {band}")
    return _Figure(value, shown, band, reading.replace("{band}", str(band)))


def _read(func: str, name: str, text: str) -> tuple[Decimal, Interval, bool]:
    """A printed figure's number and band, and whether it is a threshold (a rate with its
    qualifier words, read only for the stated rate; a level is a plain number)."""
    if not name.startswith(("stated_rate", "rate_")):
        return parse_printed(text, func, name), printed_band(text), False
    number, band = read_figure(func, name, text)
    return number, band, band != printed_band(str(number))


def _rate_text(shown: str) -> str:
    """A stated rate as the explanation prints it: ``7.6%`` (a per-cent sign added once), or
    the rate with its qualifier as printed (``6%以上``)."""
    bare = shown.removesuffix("%")
    return shown if "%" in bare or "％" in bare else f"{bare}%"


def _band_text(iv: Interval, suffix: str = "") -> str:
    """`` (9.85% to 10.08%…)`` for a rate band, nothing for a single value."""
    return f" ({pct(iv)}{suffix})" if iv.width > 0 else ""


def check_cagr(
    start: float | str,
    end: float | str,
    years: float,
    stated_rate: float | str,
    *,
    start_printed: str | Interval | None = None,
    end_printed: str | Interval | None = None,
    rate_printed: str | Interval | None = None,
    start_half_unit: float | None = None,
    end_half_unit: float | None = None,
    rate_half_unit: float | None = None,
    rate_basis: Basis = "unknown",
    level_basis: Basis = "unknown",
) -> CagrCheck:
    """Is a stated average annual growth rate consistent with its two levels?

    **Pass printed figures as strings.** A string carries its printed precision
    (:func:`~haidian_report.growth.printed_band`: ``"7.6"`` is ``[7.55, 7.65)``, ``"10"``
    or ``"10%"`` is ``[9.5, 10.5)``, ``"9500"`` is ``[9450, 9550)``). A number is exact: a
    float has no printed precision, so ``10`` is 10, not "anything that rounds to 10".
    To give a number a precision, pass ``*_half_unit`` (``rate_half_unit=0.5``: ±0.5), or
    ``*_printed`` with the text it was read from or an
    :class:`~haidian_report.growth.Interval`. A stated rate may be printed with its qualifier
    as the report prints it (``"6%以上"`` is 6% or more, ``[5.5, inf)``; ``"超过6%"`` more
    than 6%), as :func:`~haidian_report.growth.bands` reads it. The explanation names the
    band used for every figure.

    The start and end bands give the interval of CAGRs they allow
    (:func:`~haidian_report.growth.cagr_interval`), which is compared with the stated band.

    Verdicts:

    * ``"consistent"`` — the two intervals overlap: rounding alone can explain any
      difference (for exact numbers: equal up to floating-point error).
    * ``"inconsistent"`` — they do not overlap, on the same price basis; ``gap_pp`` says
      by how much.
    * ``"not_comparable"`` — the rate and the levels are on different price bases, or
      either basis is ``"unknown"``. Chinese GDP growth is stated at comparable (real)
      prices while levels are nominal, so an endpoint CAGR above the stated rate is an
      implied price deflator, not an error: ``implied_deflator`` gives the average
      deflator interval ``(1+nominal)/(1+real)-1``. With an unknown basis a gap cannot be
      told from a price change; ``reason`` says how the figures compare on one basis.

    ``rate_basis`` and ``level_basis`` take the values of the fact tables' ``price_basis``
    column (``"nominal"``, ``"comparable"``, ``"unknown"``), so a row's value can be passed
    as is. Both default to ``"unknown"``: a call that does not say the bases can never be
    told "inconsistent" by a price change it did not mention (the verdict is then
    ``"not_comparable"`` and ``reason`` says how the figures compare on one basis). For
    the report's own figures, :func:`haidian_report.check_stated_cagr` takes the bases
    from the rows. For plain arithmetic on one basis, pass both as ``"nominal"``.

    The report prints GDP of 5908亿元 in 2016 and 9500亿元 in 2021, five-year average
    growth of 7.6% at comparable prices:

    >>> c = check_cagr("5908", "9500", 5, "7.6", rate_basis="comparable", level_basis="nominal")
    >>> c.verdict, round(c.point_cagr, 2), round(c.point_deflator or 0, 2)
    ('not_comparable', 9.97, 2.2)
    >>> f"{c.implied_deflator:.2f}"   # (1.098477/1.0765-1, 1.100829/1.0755-1)
    '(2.04, 2.36)'

    A printed "10" is [9.5, 10.5), not [5, 15); a number 10 is exactly 10:

    >>> one = {"rate_basis": "nominal", "level_basis": "nominal"}
    >>> check_cagr("5908", "11376", 5, "10", **one).verdict   # levels allow 13.9984%-14.0042%
    'inconsistent'
    >>> print(check_cagr(5908, 11376, 5, 10, **one).explanation)  # doctest: +NORMALIZE_WHITESPACE
    5908 -> 11376 over 5 years gives a CAGR of 14.00%; stated 10%: inconsistent, the
    stated rate is 4.00 points below every CAGR the levels allow. Read as: start 5908,
    exact; end 11376, exact; rate 10, exact (a number is exact: pass a printed figure as
    a string, e.g. '10', to allow for its rounding).
    >>> check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5, **one).verdict  # 9.97% in [9.5, 10.5)
    'consistent'

    An unknown basis (a ``price_basis`` of ``"unknown"``, or bases not given) is never called
    inconsistent:

    >>> c = check_cagr("5908", "9500", 5, "7.6", level_basis="nominal")
    >>> c.verdict, c.reason
    ('not_comparable', 'the price basis of the rate is unknown, so a gap cannot be told \
from a change in prices; on one basis the stated rate would be 2.20 points below every \
CAGR the levels allow')
    """
    func = "check_cagr"
    for name, basis in (("rate_basis", rate_basis), ("level_basis", level_basis)):
        if basis not in _BASES:
            raise ValueError(f"{func}: {name} must be one of {_BASES}, got {basis!r}")
    s = _figure(func, "start", start, start_printed, start_half_unit)
    e = _figure(func, "end", end, end_printed, end_half_unit)
    n = positive(func, "years", years)
    r = _figure(func, "stated_rate", stated_rate, rate_printed, rate_half_unit)
    point = cagr(s.value, e.value, n)
    implied = cagr_interval(s.band, e.band, n)
    gap = implied.distance(r.band)
    agree = implied.overlaps(r.band) or (
        any(f.exact for f in (s, e, r)) and gap <= _FLOAT_SLACK * max(1.0, abs(point))
    )
    gap = 0.0 if agree else gap
    side = "below" if r.band.high <= implied.low else "above"
    comparison = (
        "consistent within rounding"
        if agree
        else f"{gap:.2f} points {side} every CAGR the levels allow"
    )

    head = (
        f"{s.shown} -> {e.shown} over {printed_of(n)} years gives a CAGR of {point:.2f}%"
        f"{_band_text(implied, ' given rounding')}; stated {_rate_text(r.shown)}"
        f"{_band_text(r.band)}"
    )
    deflator: Interval | None = None
    point_deflator: float | None = None
    reason: str | None
    verdict: Verdict
    if "unknown" in (rate_basis, level_basis):
        verdict = "not_comparable"
        unknown = [w for w, b in (("rate", rate_basis), ("levels", level_basis)) if b == "unknown"]
        reason = (
            f"the price basis of the {' and the '.join(unknown)} is unknown, so a gap cannot "
            f"be told from a change in prices; on one basis the stated rate would be {comparison}"
        )
        tail = f" is not comparable: {reason}."
    elif rate_basis != level_basis:
        verdict = "not_comparable"
        nominal, real = (implied, r.band) if level_basis == "nominal" else (r.band, implied)
        deflator = deflator_interval(nominal, real)
        p_nominal, p_real = (point, r.value) if level_basis == "nominal" else (r.value, point)
        point_deflator = ((1 + p_nominal / 100) / (1 + p_real / 100) - 1) * 100
        reason = (
            f"the stated rate is {_BASIS_TEXT[rate_basis]} but the levels are "
            f"{_BASIS_TEXT[level_basis]}; the difference is an implied average "
            f"deflator of {point_deflator:.2f}% a year{_band_text(deflator)}, "
            "not an arithmetic error"
        )
        tail = f" is not comparable: {reason}."
    elif agree:
        verdict, reason = "consistent", None
        tail = ": consistent within rounding." if implied.width or r.band.width else ": consistent."
    else:
        verdict, reason = "inconsistent", f"the stated rate is {comparison}"
        tail = f": inconsistent, {reason}."
    read = f" Read as: start {s.reading}; end {e.reading}; rate {r.reading}"
    if any(f.exact for f in (s, e, r)):
        example = r.shown if r.exact else s.shown
        read += (
            f" (a number is exact: pass a printed figure as a string, e.g. {example!r}, "
            "to allow for its rounding)"
        )
    return CagrCheck(
        start=s.value,
        end=e.value,
        years=n,
        stated_rate=r.value,
        start_interval=s.band,
        end_interval=e.band,
        stated_interval=r.band,
        point_cagr=point,
        implied_interval=implied,
        rate_basis=rate_basis,
        level_basis=level_basis,
        verdict=verdict,
        gap_pp=gap,
        implied_deflator=deflator,
        point_deflator=point_deflator,
        reason=reason,
        explanation=head + tail + read + ".",
    )
