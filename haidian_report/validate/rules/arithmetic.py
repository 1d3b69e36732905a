"""Rules on the arithmetic checks: each is recomputed from its inputs, its verdict re-derived.

A check row states what its inputs (``check_inputs``: role → indicator or target) imply. Here
each is computed again with the package's own helpers (:mod:`haidian_report.growth`), from
the printed figures of its inputs and their rounding bands, exactly as the build computes it,
and the stored point, bounds and verdict must be what comes out. A check kind or a set of roles
that no formula here knows is left alone (a future kind), unless the kind is one of these and
only its roles are wrong.

Kept apart from the other rules: the checks table is about to be split (checks that test the
report, derivations that compute from it), and its formulas live here alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any, Final

import polars as pl

from haidian_report import growth as g
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.text import number

CHECK: Final = {
    "kind": "string",
    "verdict": "string",
    "computed_point": "number",
    "computed_low": "number",
    "computed_high": "number",
}
STORED: Final = (
    "computed_point",
    "computed_low",
    "computed_high",
    "stated_value",
    "stated_low",
    "stated_high",
)


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
KINDS: Final = frozenset(kind for kind, _ in FORMULAS)


def _rounded(result: Result) -> dict[str, float | None]:
    iv, st = result.computed, result.stated
    return {
        "computed_point": _round(result.point, "half"),
        "computed_low": _round(iv.low, "floor"),
        "computed_high": _round(iv.high, "ceiling"),
        "stated_value": result.stated_value,
        "stated_low": _round(st.low, "floor") if st else None,
        "stated_high": _round(st.high, "ceiling") if st else None,
    }


_FACT_COLUMNS: Final = ("value", "value_printed", "period", "qualifier", "unit", "measure",
                        "note", "price_basis", "metric_id")  # fmt: skip


def _links(ctx: Context, table: Table) -> tuple[str, pl.DataFrame] | None:
    """(key of ``table``, its inputs: check, role and the facts' fields, one row per input)."""
    key = table.spec.primary_key[0] if len(table.spec.primary_key) == 1 else None
    source = next(
        (
            t
            for t in ctx.tables.values()
            for fk in t.spec.foreign_keys
            if fk.resource == table.name and t.has("role") and key and fk.reference_fields == (key,)
        ),
        None,
    )
    metrics = ctx.tables.get("metrics")
    if key is None or source is None or metrics is None or not metrics.has("metric_id"):
        return None  # price bases come from the metrics: without them nothing is recomputed
    ref = next(fk.fields[0] for fk in source.spec.foreign_keys if fk.resource == table.name)
    facts = []
    for name, fact_key in (("indicators", "indicator_id"), ("targets", "target_id")):
        t = ctx.tables.get(name)
        if t is None or not t.has(fact_key) or not source.has(fact_key):
            continue
        frame = t.frame.filter(t.clean("value") & ~pl.col(ROW).is_in(flawed(ctx, name)))
        columns = [pl.col(c) if t.has(c) else pl.lit(None).alias(c) for c in _FACT_COLUMNS]
        frame = frame.select((pl.lit(f"{fact_key}:") + pl.col(fact_key)).alias("__fact"), *columns)
        facts.append(
            frame.with_columns(pl.col("value").cast(pl.Float64), pl.col(pl.Null).cast(pl.String))
        )
    if not facts:
        return None
    m = metrics.frame.select(
        "metric_id",
        (pl.col("price_basis") if metrics.has("price_basis") else pl.lit(None, pl.String)).alias(
            "__mpb"
        ),
        (pl.col("definition_en") if metrics.has("definition_en") else pl.lit(None, pl.String))
        .str.to_lowercase()
        .str.contains("growth rates at comparable prices")
        .alias("__mdef"),
    ).unique("metric_id")
    fact_frame = (
        pl.concat(facts, how="vertical_relaxed")
        .unique("__fact")
        .join(m, on="metric_id", how="left")
    )
    ident = [pl.lit(f"{k}:") + pl.col(k) for k in ("indicator_id", "target_id") if source.has(k)]
    rows = source.frame.select(
        pl.col(ref).cast(pl.String).alias("__check"),
        pl.col("role").cast(pl.String),
        pl.coalesce(ident).alias("__fact"),
    )
    return key, rows.join(fact_frame, on="__fact", how="left")


def _figure_of(row: dict[str, Any]) -> Fig | None:
    if row.get("value") is None and row.get("value_printed") is None:
        return None
    metric = {"price_basis": row.get("__mpb"), "definition_en": ""}
    if row.get("__mdef"):
        metric["definition_en"] = "growth rates at comparable prices"
    return figure(row, metric)


@rule(
    "check-recomputed",
    needs={**CHECK, "stated_value": "number", "stated_low": "number", "stated_high": "number"},
)
def check_is_what_its_inputs_give(ctx: Context, table: Table) -> Hits:
    """A check's point, bounds, stated figure and verdict are what its inputs give, recomputed
    with :mod:`haidian_report.growth` from their printed figures and rounding bands.

    Checks with the same kind, stored figures and inputs (the same printed facts) are
    recomputed once: the cost is one polars pass plus one computation per distinct check.
    """
    found = _links(ctx, table)
    if found is None:
        return None
    key, links = found
    fields = [c for c in (*_FACT_COLUMNS, "__mpb", "__mdef") if c != "metric_id"]
    text = [pl.col(c).cast(pl.String).fill_null("∅") for c in fields]
    signed = links.with_columns(
        __in=pl.concat_str(
            [pl.col("role"), *text, pl.col("__fact").is_null().cast(pl.String)], separator="\x1f"
        )
    )
    per_check = signed.group_by("__check").agg(pl.col("__in").sort().str.join("\x1e"))
    checks = table.frame.filter(table.clean(*STORED)).with_columns(
        pl.col(key).cast(pl.String).alias("__check")
    )
    checks = checks.join(per_check, on="__check", how="left").with_columns(
        __sig=pl.concat_str(
            [
                pl.col(c).cast(pl.String).fill_null("∅")
                for c in ("kind", "verdict", *STORED, "__in")
            ],
            separator="\x1d",
        )
    )
    reps = checks.unique("__sig", keep="first", maintain_order=True)
    inputs: dict[str, dict[str, Fig | None]] = {}
    chosen = links.filter(pl.col("__check").is_in(reps["__check"].implode()))
    for row in chosen.iter_rows(named=True):
        inputs.setdefault(row["__check"], {})[row["role"]] = _figure_of(row)
    verdicts: dict[str, tuple[str, str]] = {}
    for row in reps.iter_rows(named=True):
        outcome = _check(row, inputs.get(row["__check"], {}))
        if outcome is not None:
            verdicts[row["__sig"]] = outcome
    if not verdicts:
        return None
    found_sigs = pl.DataFrame(
        {
            "__sig": list(verdicts),
            "field": [v[0] for v in verdicts.values()],
            "message": [v[1] for v in verdicts.values()],
        },
        schema={"__sig": pl.String, "field": pl.String, "message": pl.String},
    )
    return checks.join(found_sigs, on="__sig").select(ROW, "field", "message")


def _check(row: dict[str, Any], roles: dict[str, Fig | None]) -> tuple[str, str] | None:
    """(field, message) when the check is not what its inputs give; None when it is."""
    kind = row["kind"]
    formulas = FORMULAS.get((kind, frozenset(roles)))
    if formulas is None:
        if kind in KINDS:
            return (
                "kind",
                f"a {kind} check has inputs {sorted(roles)}, which no {kind} formula uses",
            )
        return None
    if any(f is None for f in roles.values()):
        return None  # an input that is missing or not numeric is reported by other rules
    result = _judge(formulas, {r: f for r, f in roles.items() if f is not None}, row)
    return result if isinstance(result, tuple) else None


def _judge(
    formulas: list[Formula], figs: dict[str, Fig], row: dict[str, Any]
) -> Result | tuple[str, str]:
    """The first formula that reproduces the stored numbers, or (field, message) of what
    differs."""
    first: tuple[str, str] | None = None
    for formula in formulas:
        try:
            result = formula(figs)
        except (ValueError, ArithmeticError, KeyError):
            continue
        want = _rounded(result)
        differs = [c for c in STORED if want[c] != row[c]]
        if not differs:
            if result.verdict != row["verdict"]:
                return (
                    "verdict",
                    f"found {row['verdict']}; recomputed from the inputs it is {result.verdict}",
                )
            return result
        if first is None:
            c = differs[0]
            shown = "empty" if row[c] is None else number(row[c])
            wanted = "empty" if want[c] is None else number(want[c])  # type: ignore[arg-type]
            first = c, f"found {shown}; recomputed from the inputs it is {wanted}"
    return first or ("kind", f"no {row['kind']} formula gives a value from these inputs")


@rule("check-bounds", needs=CHECK, field="computed_low")
def bounds_hold_their_points(ctx: Context, table: Table) -> Hits:
    """computed_low <= computed_point <= computed_high, and the same for the stated figure."""
    parts = []
    for low, point, high in (
        ("computed_low", "computed_point", "computed_high"),
        ("stated_low", "stated_value", "stated_high"),
    ):
        if not table.has(low, point, high):
            continue
        bad = table.frame.filter(
            table.clean(low, point, high)
            & ((pl.col(low) > pl.col(point)) | (pl.col(point) > pl.col(high))).fill_null(False)
        )
        parts.append(
            bad.select(
                ROW,
                pl.lit(low).alias("field"),
                pl.format(
                    f"{low} {{}}, {point} {{}}, {high} {{}}: not in order", low, point, high
                ).alias("message"),
            )
        )
    return pl.concat(parts) if parts else None


@rule(
    "check-derived-stated",
    needs={
        "verdict": "string",
        "stated_value": "number",
        "stated_low": "number",
        "stated_high": "number",
    },
    field="verdict",
)
def derived_rows_state_nothing(ctx: Context, table: Table) -> Hits:
    """A derived row (a value implied, not a test) has empty stated columns."""
    stated = pl.any_horizontal(
        pl.col(c).is_not_null() for c in ("stated_value", "stated_low", "stated_high")
    )
    bad = table.frame.filter((pl.col("verdict") == "derived") & stated)
    return bad.select(
        ROW,
        pl.lit("a derived row states no figure, but its stated_* columns are filled").alias(
            "message"
        ),
    )
