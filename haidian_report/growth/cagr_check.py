"""Is a stated average annual growth rate consistent with its two levels? (:func:`check_cagr`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from haidian_report.growth._args import positive, rate
from haidian_report.growth.interval import Interval
from haidian_report.growth.printed import printed_interval, printed_of
from haidian_report.growth.rate_intervals import cagr_interval, deflator_interval
from haidian_report.growth.rates import cagr
from haidian_report.growth.verdicts import Verdict, pct

__all__ = ["Basis", "CagrCheck", "check_cagr"]

Basis: TypeAlias = Literal["nominal", "comparable"]
"""Price basis: ``nominal`` (current prices) or ``comparable`` (real)."""

_BASES: tuple[Basis, ...] = ("nominal", "comparable")

_BASIS_TEXT: dict[str, str] = {
    "nominal": "at current (nominal) prices",
    "comparable": "at comparable (real) prices",
}


@dataclass(frozen=True)
class CagrCheck:
    """Result of :func:`check_cagr`. Rates and intervals are in percent."""

    start: float
    end: float
    years: float
    stated_rate: float
    start_interval: Interval
    end_interval: Interval
    stated_interval: Interval
    point_cagr: float
    """CAGR of the printed point values."""
    implied_interval: Interval
    """All CAGRs compatible with the start and end bands."""
    rate_basis: Basis
    level_basis: Basis
    verdict: Verdict
    gap_pp: float
    """Distance between implied and stated intervals in points (0 if they overlap)."""
    implied_deflator: Interval | None
    """For mixed bases: average deflator ``(1+nominal)/(1+real)-1``, percent."""
    point_deflator: float | None
    reason: str | None
    """Why the verdict is not ``consistent``; ``None`` when it is."""
    explanation: str
    """One line of English summarising the check."""


def _band(
    func: str,
    name: str,
    value: float,
    printed: str | Interval | None,
    half_unit: float | None,
) -> Interval:
    if isinstance(printed, Interval):
        if half_unit is not None:
            raise ValueError(
                f"{func}: {name}_half_unit cannot be combined with an Interval {name}_printed"
            )
        band = printed
    else:
        text = printed_of(value) if printed is None else printed
        band = printed_interval(text, half_unit=half_unit)
    if not band.contains(value):
        raise ValueError(f"{func}: {name} {value!r} is outside its printed band {band}")
    return band


def check_cagr(
    start: float,
    end: float,
    years: float,
    stated_rate: float,
    *,
    start_printed: str | Interval | None = None,
    end_printed: str | Interval | None = None,
    rate_printed: str | Interval | None = None,
    start_half_unit: float | None = None,
    end_half_unit: float | None = None,
    rate_half_unit: float | None = None,
    rate_basis: Basis = "nominal",
    level_basis: Basis = "nominal",
) -> CagrCheck:
    """Is a stated average annual growth rate consistent with its two levels?

    Each figure is widened to the band its printing allows
    (:func:`printed_interval`; when ``*_printed`` is omitted the shortest text
    of the number is used, so ``5908`` is read as ``"5908"``; an
    :class:`Interval` may be passed instead, e.g. for a qualified figure). The
    endpoint bands give the implied CAGR interval (:func:`cagr_interval`).

    Verdicts:

    * ``"consistent"`` — the implied and stated intervals overlap: rounding
      alone can explain any difference.
    * ``"inconsistent"`` — they do not overlap, on the same price basis.
    * ``"not_comparable"`` — the rate and the levels are on different price
      bases. Chinese GDP growth is stated at comparable (real) prices while
      levels are nominal, so an endpoint CAGR above the stated rate is an
      implied price deflator, not an error; ``implied_deflator`` gives the
      average deflator interval ``(1+nominal)/(1+real)-1`` and ``reason``
      states it.

    >>> c = check_cagr(5908, 9500, 5, 7.6, rate_basis="comparable")
    >>> c.verdict, round(c.point_cagr, 2), round(c.point_deflator or 0, 2)
    ('not_comparable', 9.97, 2.2)
    >>> f"{c.implied_deflator:.2f}"   # (1.098477/1.0765-1, 1.100829/1.0755-1)
    '(2.04, 2.36)'
    >>> check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5).verdict  # [9.5, 10.5)
    'consistent'
    >>> check_cagr(5908, 9500, 5, 7.6).verdict
    'inconsistent'
    """
    func = "check_cagr"
    s = positive(func, "start", start)
    e = positive(func, "end", end)
    n = positive(func, "years", years)
    r = rate(func, "stated_rate", stated_rate)
    for name, basis in (("rate_basis", rate_basis), ("level_basis", level_basis)):
        if basis not in _BASES:
            raise ValueError(f"{func}: {name} must be one of {_BASES}, got {basis!r}")

    s_band = _band(func, "start", s, start_printed, start_half_unit)
    e_band = _band(func, "end", e, end_printed, end_half_unit)
    r_band = _band(func, "stated_rate", r, rate_printed, rate_half_unit)
    point = cagr(s, e, n)
    implied = cagr_interval(s_band, e_band, n)
    overlap = implied.overlaps(r_band)
    gap = 0.0 if overlap else implied.distance(r_band)

    head = (
        f"{printed_of(s)} -> {printed_of(e)} over {printed_of(n)} years gives "
        f"a CAGR of {point:.2f}% ({pct(implied)} given rounding); "
        f"stated {printed_of(r)}% ({pct(r_band)})"
    )
    deflator: Interval | None = None
    point_deflator: float | None = None
    reason: str | None
    verdict: Verdict
    if rate_basis != level_basis:
        verdict = "not_comparable"
        if level_basis == "nominal":
            deflator = deflator_interval(implied, r_band)
            point_deflator = ((1 + point / 100) / (1 + r / 100) - 1) * 100
        else:
            deflator = deflator_interval(r_band, implied)
            point_deflator = ((1 + r / 100) / (1 + point / 100) - 1) * 100
        reason = (
            f"the stated rate is {_BASIS_TEXT[rate_basis]} but the levels are "
            f"{_BASIS_TEXT[level_basis]}; the difference is an implied average "
            f"deflator of {point_deflator:.2f}% a year ({pct(deflator)}), "
            "not an arithmetic error"
        )
        tail = f" is not comparable: {reason}."
    elif overlap:
        verdict = "consistent"
        reason = None
        tail = ": consistent within rounding."
    else:
        verdict = "inconsistent"
        side = "below" if r_band.high <= implied.low else "above"
        reason = f"the stated rate is {gap:.2f} points {side} every CAGR the printed levels allow"
        tail = f": inconsistent, {reason}."
    return CagrCheck(
        start=s,
        end=e,
        years=n,
        stated_rate=r,
        start_interval=s_band,
        end_interval=e_band,
        stated_interval=r_band,
        point_cagr=point,
        implied_interval=implied,
        rate_basis=rate_basis,
        level_basis=level_basis,
        verdict=verdict,
        gap_pp=gap,
        implied_deflator=deflator,
        point_deflator=point_deflator,
        reason=reason,
        explanation=head + tail,
    )
