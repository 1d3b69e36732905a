"""The arithmetic of the checks, as the build computes it: figures with their rounding bands,
and one formula per check kind and set of input roles (:data:`FORMULAS`).

Used by :mod:`~haidian_report.validate.rules.arithmetic` to recompute every check from its
inputs with :mod:`haidian_report.growth`; a kind the table gains is one more entry here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any, Final

from haidian_report import growth as g

STORED: Final = (
    "computed_point", "computed_low", "computed_high", "stated_value", "stated_low", "stated_high",
)  # fmt: skip


@dataclass(frozen=True)
class Fig:
    """A numeric fact with the band of true values its printing allows."""

    value: float
    printed: g.Interval  # band in printed units (亿元)
    band: g.Interval  # band in the fact's unit, negated for decreases
    scale: float
    year: int
    first_year: int
    single: bool
    measure: str
    rate_basis: g.Basis
    level_basis: g.Basis


def _scale(value: float, printed: float) -> float:
    if printed == 0 or value == 0:
        return 1.0
    ratio = abs(value) / abs(printed)
    power = 10.0 ** round(math.log10(ratio))
    return power if math.isclose(ratio, power, rel_tol=1e-9) else ratio


def _basis(fact: dict[str, Any], metric: dict[str, Any] | None, rate: bool) -> g.Basis:
    """The price basis of a fact: its own ``price_basis`` where it has one, else as the build
    reads it (a rate marked real in its note or its metric's definition)."""
    own = fact.get("price_basis")
    if own in ("nominal", "comparable"):
        return own  # type: ignore[no-any-return]
    money = metric is not None and metric.get("price_basis") is not None
    level: g.Basis = (
        "comparable" if money and metric and metric["price_basis"] == "comparable" else "nominal"
    )
    if not rate:
        return level
    if "comparable price" in str(fact.get("note") or "").lower():
        return "comparable"
    definition = str((metric or {}).get("definition_en") or "").lower()
    return "comparable" if "growth rates at comparable prices" in definition else level


def figure(fact: dict[str, Any], metric: dict[str, Any] | None) -> Fig | None:
    """The figure of a numeric fact; None for qualitative, ordinal or unreadable ones."""
    return _figure(
        fact.get("value"),
        fact.get("value_printed"),
        fact.get("period"),
        fact.get("qualifier"),
        fact.get("unit"),
        str(fact.get("measure")),
        _basis(fact, metric, rate=True),
        _basis(fact, metric, rate=False),
    )


@lru_cache(maxsize=4096)
def _figure(
    value: float | None,
    printed_text: str | None,
    period: object,
    qualifier: str | None,
    unit: str | None,
    measure: str,
    rate_basis: g.Basis,
    level_basis: g.Basis,
) -> Fig | None:
    """:func:`figure` of the fields that make it (figures repeat: computed once each)."""
    if value is None or printed_text is None or not isinstance(period, str):
        return None
    if qualifier == "qualitative" or unit in ("class", "rank"):
        return None
    try:
        printed = g.printed_band(printed_text, qualifier=qualifier or "exact")  # type: ignore[arg-type]
        shown = float(Decimal(printed_text.replace(",", "")))
        first, last = g.period_span(period)
    except (ValueError, ArithmeticError, TypeError):
        return None
    scale = _scale(value, shown)
    sign = -1.0 if value < 0 < shown else 1.0
    single = "-" not in period
    return Fig(
        float(value),
        printed,
        g.scale_interval(printed, sign * scale),
        scale,
        last,
        last if single else first + 1,
        single,
        measure,
        rate_basis,
        level_basis,
    )


def _round(x: float | None, how: str) -> float | None:
    """Six significant digits: ``floor``/``ceiling`` outwards, ``half`` for points (as built)."""
    if x is None or not math.isfinite(x):
        return None
    if x == 0:
        return 0.0
    d = Decimal(repr(x))
    d = d.quantize(Decimal(1).scaleb(d.adjusted() - 11), rounding=ROUND_HALF_EVEN)
    mode = {"floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}.get(how, ROUND_HALF_EVEN)
    return float(d.quantize(Decimal(1).scaleb(d.adjusted() - 5), rounding=mode))


def _open_floor(iv: g.Interval, floor: float) -> g.Interval:
    if iv.low == floor and not iv.low_closed:
        return g.Interval(-math.inf, iv.high, False, iv.high_closed)
    return iv


def _shift(iv: g.Interval, d: float) -> g.Interval:
    return g.Interval(iv.low + d, iv.high + d, iv.low_closed, iv.high_closed)


@dataclass(frozen=True)
class Result:
    """What a check's inputs imply: its point, bounds, stated figure and verdict."""

    point: float
    computed: g.Interval
    verdict: str
    stated_value: float | None = None
    stated: g.Interval | None = None


Formula = Callable[[dict[str, Fig]], Result]
P = dict[str, Fig]


def _compare(point: float, computed: g.Interval, stated: Fig, mixed: bool = False) -> Result:
    verdict = (
        "not_comparable"
        if mixed
        else ("consistent" if computed.overlaps(stated.band) else "inconsistent")
    )
    return Result(point, computed, verdict, stated.value, stated.band)


def _cagr_levels(f: P) -> Result:
    s, e, n = f["start"], f["end"], f["end"].year - f["start"].year
    implied, point = g.cagr_interval(s.printed, e.printed, n), g.cagr(s.value, e.value, n)
    if "rate" not in f:
        return Result(point, implied, "derived")
    r = f["rate"]
    if r.printed.contains(r.value):
        verdict = g.check_cagr(
            s.value / s.scale,
            e.value / e.scale,
            n,
            r.value,
            start_printed=s.printed,
            end_printed=e.printed,
            rate_printed=r.printed,
            rate_basis=r.rate_basis,
            level_basis=s.level_basis,
        ).verdict
        return Result(point, implied, verdict, r.value, r.band)
    return _compare(point, implied, r, mixed=r.rate_basis != s.level_basis)


def _change(f: P) -> Result:
    s, e = f["before"], f["after"]
    if s.measure == "share":
        computed = g.pp_change_interval(s.printed, e.printed)
        point = float(Decimal(repr(e.value)) - Decimal(repr(s.value)))
    else:
        computed, point = g.cagr_interval(s.printed, e.printed, 1), (e.value / s.value - 1) * 100
    return (
        _compare(point, computed, f["other"])
        if "other" in f
        else Result(point, computed, "derived")
    )


def _implied_start(f: P) -> Result:
    end, rate = f["end"], f["rate"]
    n = end.year - rate.first_year + 1
    computed = _open_floor(g.implied_start_interval(end.band, rate.band, n), 0.0)
    return Result(end.value / (1 + rate.value / 100) ** n, computed, "derived")


def _chained(f: P) -> Result:
    five, last = f["rate"], f["other"]
    n = five.year - five.first_year + 1
    computed = _open_floor(g.chained_rate_interval(five.band, n, last.band, 1), -100.0)
    point = (((1 + five.value / 100) ** n / (1 + last.value / 100)) ** (1 / (n - 1)) - 1) * 100
    return Result(point, computed, "derived")


def _intensity(f: P) -> Result:
    change, growth_ = f["other"], f["rate"]
    n = growth_.year - growth_.first_year + 1
    computed = _shift(g.implied_end_interval(_shift(change.band, 100.0), growth_.band, n), -100.0)
    point = ((1 + change.value / 100) * (1 + growth_.value / 100) ** n - 1) * 100
    return Result(point, computed, "derived")


def _stock(f: P) -> Result:
    ratio, pop = f["other"], f["level"]
    stock = g.product_interval(ratio.band, g.scale_interval(pop.band, 1e-4))
    return Result(ratio.value * pop.value / 1e4, stock, "derived")


def _employment(f: P) -> Result:
    level, lp = f["level"], f["other"]
    return Result(level.value / lp.value, g.quotient_interval(level.band, lp.band), "derived")


def _total(part: Fig, share: Fig) -> tuple[float, g.Interval]:
    return part.value / share.value * 100, g.implied_total_interval(part.band, share.band)


def _within(part: Fig, whole: g.Interval, point_whole: float) -> Result:
    ok = part.band.low < whole.high or (
        part.band.low == whole.high and part.band.low_closed and whole.high_closed
    )
    return Result(
        part.value / point_whole * 100,
        g.share_interval(part.band, whole),
        "consistent" if ok else "inconsistent",
    )


def _target(f: P) -> Result:
    base, rate = f["base"], f["rate"]
    implied = _open_floor(g.implied_end_interval(base.band, rate.band, 1), 0.0)
    point = base.value * (1 + rate.value / 100)
    if "target" not in f:
        return Result(point, implied, "derived")
    return _compare(point, implied, f["target"], mixed=rate.rate_basis != f["target"].level_basis)


def _pace(f: P) -> Result:
    cum = f["base"]
    n = cum.year - cum.first_year + 1
    return Result(cum.value / n, g.scale_interval(cum.band, 1 / n), "derived")


def _agree(f: P) -> Result:
    (pa, a), (_, b) = _total(f["part"], f["share"]), _total(f["level"], f["other"])
    return Result(pa, a, "consistent" if a.overlaps(b) else "inconsistent", None, b)


def _beijing_growth(f: P) -> Result:
    (pa, a), (pb, b) = _total(f["start"], f["before"]), _total(f["end"], f["after"])
    n = f["after"].year - f["before"].year
    return Result(g.cagr(pa, pb, n), g.cagr_interval(a, b, n), "derived")


#: (kind, roles) → the candidate formulas (the first that reproduces the row wins).
FORMULAS: Final[dict[tuple[str, frozenset[str]], list[Formula]]] = {
    ("cagr_vs_levels", frozenset({"start", "end"})): [_cagr_levels],
    ("cagr_vs_levels", frozenset({"start", "end", "rate"})): [_cagr_levels],
    ("change_both_ways", frozenset({"before", "after"})): [_change],
    ("change_both_ways", frozenset({"before", "after", "other"})): [_change],
    ("implied_value", frozenset({"end", "rate"})): [_implied_start],
    ("implied_value", frozenset({"rate", "other"})): [_chained, _intensity],
    ("implied_value", frozenset({"share", "whole"})): [
        lambda f: Result(
            f["whole"].value * f["share"].value / 100,
            g.implied_part_interval(f["whole"].band, f["share"].band),
            "derived",
        )
    ],
    ("implied_value", frozenset({"other", "level"})): [_stock, _employment],
    ("share_implied_total", frozenset({"part", "share"})): [
        lambda f: Result(*_total(f["part"], f["share"]), "derived")
    ],
    ("share_implied_total", frozenset({"start", "end", "before", "after"})): [_beijing_growth],
    ("share_totals_agree", frozenset({"part", "share", "level", "other"})): [_agree],
    ("part_within_whole", frozenset({"part", "whole"})): [
        lambda f: _within(f["part"], f["whole"].band, f["whole"].value)
    ],
    ("part_within_whole", frozenset({"part", "whole", "other"})): [
        lambda f: _within(
            f["part"],
            g.product_interval(f["whole"].band, g.scale_interval(f["other"].band, 1e-4)),
            f["whole"].value * f["other"].value / 1e4,
        )
    ],
    ("target_vs_base", frozenset({"base", "rate"})): [_target],
    ("target_vs_base", frozenset({"base", "rate", "target"})): [_target],
    ("target_vs_base", frozenset({"base", "target"})): [_pace],
}
#: The derivations table's kinds: the same formulas (a derivation states no figure).
FORMULAS.update({
    ("endpoint_cagr", frozenset({"start", "end"})): [_cagr_levels],
    ("endpoint_change", frozenset({"before", "after"})): [_change],
    ("implied_start", frozenset({"end", "rate"})): [_implied_start],
    ("implied_rate", frozenset({"rate", "other"})): [_chained],
    ("share_implied_part", frozenset({"share", "whole"})): FORMULAS[
        ("implied_value", frozenset({"share", "whole"}))
    ],
    ("implied_total_change", frozenset({"other", "rate"})): [_intensity],
    ("implied_stock", frozenset({"other", "level"})): [_stock],
    ("implied_employment", frozenset({"level", "other"})): [_employment],
    ("share_implied_total_growth", frozenset({"start", "end", "before", "after"})): [
        _beijing_growth
    ],
    ("target_implied_level", frozenset({"base", "rate"})): [_target],
    ("average_pace", frozenset({"base", "target"})): [_pace],
})  # fmt: skip
KINDS: Final = frozenset(kind for kind, _ in FORMULAS)


def rounded(result: Result) -> dict[str, float | None]:
    iv = result.computed
    return {
        "computed_point": _round(result.point, "half"),
        "computed_low": _round(iv.low, "floor"),
        "computed_high": _round(iv.high, "ceiling"),
        **_stated(result.stated_value, result.stated),
    }


def stated_figures(fig: Fig) -> dict[str, float | None]:
    """The stated figure of a check whose stated input is ``fig`` (its value and printed band),
    as built."""
    return _stated(fig.value, fig.band)


def _stated(value: float | None, band: g.Interval | None) -> dict[str, float | None]:
    return {
        "stated_value": value,
        "stated_low": _round(band.low, "floor") if band else None,
        "stated_high": _round(band.high, "ceiling") if band else None,
    }
