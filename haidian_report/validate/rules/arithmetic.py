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

from typing import Any, Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed, readable
from haidian_report.validate.rules.engine import Hits, per_table, rule
from haidian_report.validate.rules.formulas import (
    FORMULAS,
    KINDS,
    STORED,
    Fig,
    Formula,
    Result,
    figure,
    rounded,
    stated_figures,
)
from haidian_report.validate.rules.input_roles import hollow_inputs, roles_shown, unused_inputs
from haidian_report.validate.text import number

CHECK: Final = {
    "kind": "string",
    "verdict": "string",
    "computed_point": "number",
    "computed_low": "number",
    "computed_high": "number",
}


#: The engine of the lazy queries here: the streaming one costs more on frames this small.
ENGINE: Final = "in-memory"

#: Reasons of a not_comparable check whose inputs are unlike quantities (another stage of
#: work): nothing is computed. Any other check is recomputed, whatever its own cells say.
UNCOMPUTED: Final = ("different_variant", "variant_unstated")
_FACT_COLUMNS: Final = ("value", "value_printed", "period", "qualifier", "unit", "measure",
                        "note", "price_basis", "metric_id")  # fmt: skip


@per_table  # three rules read the same links
def input_links(ctx: Context, table: Table) -> tuple[str, pl.DataFrame] | None:
    """(key of ``table``, its inputs: check, role and the facts' fields, one row per input)."""
    key = table.spec.single_key
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
    ident = [pl.lit(f"{k}:") + pl.col(k) for k in ("indicator_id", "target_id") if source.has(k)]
    rows = source.frame.select(
        pl.col(ref).cast(pl.String).alias("__check"),
        pl.col("role").cast(pl.String),
        pl.coalesce(ident).alias("__fact"),
    )
    # only the facts (and metrics) the inputs name are read
    facts = []
    for name, fact_key in (("indicators", "indicator_id"), ("targets", "target_id")):
        t = ctx.tables.get(name)
        if t is None or not t.has(fact_key) or not source.has(fact_key):
            continue
        if not readable(ctx, t, _FACT_COLUMNS):
            return None  # a check reading facts whose fields are gone is not recomputed
        named = source.frame.lazy().select(pl.col(fact_key).cast(pl.String).alias("__k"))
        columns = [pl.col(c) if t.has(c) else pl.lit(None).alias(c) for c in _FACT_COLUMNS]
        frame = (
            t.frame.lazy()
            .filter(t.clean("value") & ~pl.col(ROW).is_in(flawed(ctx, name)))
            .select(pl.col(fact_key).cast(pl.String).alias("__k"), *columns)
            .join(named.drop_nulls().unique(), on="__k", how="semi", maintain_order="left")
            .select((pl.lit(f"{fact_key}:") + pl.col("__k")).alias("__fact"), *_FACT_COLUMNS)
        )
        facts.append(
            frame.with_columns(pl.col("value").cast(pl.Float64), pl.col(pl.Null).cast(pl.String))
        )
    if not facts:
        return None
    # a fact id given twice (primary-key reports it) is read from its first row
    fact_frame = (
        pl.concat(facts, how="vertical_relaxed")
        .unique("__fact", keep="first")
        .collect(engine=ENGINE)
    )
    m = (
        metrics.frame.lazy()
        .join(
            fact_frame.lazy().select("metric_id").unique(),
            on="metric_id",
            how="semi",
            maintain_order="left",
        )
        .select(
            "metric_id",
            (
                pl.col("price_basis") if metrics.has("price_basis") else pl.lit(None, pl.String)
            ).alias("__mpb"),
            (pl.col("definition_en") if metrics.has("definition_en") else pl.lit(None, pl.String))
            .str.to_lowercase()
            .str.contains("growth rates at comparable prices")
            .alias("__mdef"),
        )
        .unique("metric_id", keep="first")
        .collect(engine=ENGINE)
    )
    fact_frame = fact_frame.join(m, on="metric_id", how="left")
    return key, rows.join(fact_frame, on="__fact", how="left", maintain_order="left")


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
    return _recompute(ctx, table, table.frame.lazy().filter(table.clean(*STORED)), {}, "check")


@rule(
    "check-recomputed",
    needs={"kind": "string", "point": "number", "low": "number", "high": "number"},
)
def derivation_is_what_its_inputs_give(ctx: Context, table: Table) -> Hits:
    """A derivation's point and bounds are what its inputs give, recomputed as the checks'."""
    names = {"point": "computed_point", "low": "computed_low", "high": "computed_high"}
    frame = (
        table.frame.lazy()
        .filter(table.clean(*names))
        .with_columns(
            *(pl.col(a).alias(b) for a, b in names.items()),
            *(pl.lit(None, pl.Float64).alias(c) for c in STORED[3:]),
            pl.lit("derived").alias("verdict"),
        )
    )
    return _recompute(ctx, table, frame, {b: a for a, b in names.items()}, "derivation")


def _recompute(
    ctx: Context, table: Table, frame: pl.LazyFrame, shown: dict[str, str], noun: str
) -> Hits:
    """Recompute the rows of ``frame`` (a query of the table with the columns of
    :data:`STORED`, ``kind``, ``verdict``); ``shown`` names the table's own columns where they
    differ, ``noun`` what a row is (check, derivation)."""
    found = input_links(ctx, table)
    if found is None:
        return None
    key, links = found
    fields = [c for c in (*_FACT_COLUMNS, "__mpb", "__mdef") if c != "metric_id"]
    # each distinct input (its role and its fact's fields as text, exact) numbered by a dense
    # rank; a check's inputs are the sorted list of their numbers (copies of a check share it)
    content = pl.struct(
        pl.col("role"), *(pl.col(c).cast(pl.String) for c in fields), pl.col("__fact").is_null()
    )
    per_check = (
        links.lazy()
        .select("__check", content.rank("dense").alias("__in"))
        .sort("__check", "__in")
        .group_by("__check", maintain_order=True)
        .agg("__in")
    )
    reason = pl.col("reason") if "reason" in frame.collect_schema() else pl.lit(None, pl.String)
    signature = [
        *(pl.col(c).cast(pl.String).alias(f"__sig_{c}") for c in ("kind", "verdict", *STORED)),
        reason.cast(pl.String).alias("__sig_reason"),
        "__in",
    ]
    # one query: checks grouped by what decides (kind, verdict, stored figures, reason,
    # inputs); each group's first row (in the table's order) is recomputed for all of them
    groups = (
        frame.with_columns(pl.col(key).cast(pl.String).alias("__check"))
        .join(per_check, on="__check", how="left", maintain_order="left")
        .group_by(signature)
        .agg(pl.col(ROW).alias("__rows"), pl.exclude(ROW).first())
        .collect(engine=ENGINE)
    )
    inputs: dict[str, dict[str, Fig | None]] = {}
    hollow: dict[str, list[str]] = {}  # "role (fact id)" of inputs that are facts with no figure
    chosen = links.filter(pl.col("__check").is_in(groups["__check"].implode()))
    for row in chosen.iter_rows(named=True):
        fig = inputs.setdefault(row["__check"], {})[row["role"]] = _figure_of(row)
        if fig is None and row["metric_id"] is not None:  # (a missing fact has no metric)
            fact = str(row["__fact"]).split(":", 1)[-1]
            hollow.setdefault(row["__check"], []).append(f"{row['role']} ({fact})")
    rows: list[int] = []
    said: list[str] = []
    messages: list[str] = []
    for row in groups.iter_rows(named=True):
        empty = hollow.get(row["__check"])
        outcome = (
            ("kind", hollow_inputs(row["kind"], empty, noun))
            if empty and row["kind"] in KINDS
            else _check(row, inputs.get(row["__check"], {}), noun)
        )
        if outcome is not None:
            rows += row["__rows"]
            said += [shown.get(outcome[0], outcome[0])] * len(row["__rows"])
            messages += [outcome[1]] * len(row["__rows"])
    if not rows:
        return None
    return pl.DataFrame(
        {ROW: rows, "field": said, "message": messages},
        schema={ROW: pl.Int64, "field": pl.String, "message": pl.String},
    )


def _check(
    row: dict[str, Any], roles: dict[str, Fig | None], noun: str = "check"
) -> tuple[str, str] | None:
    """(field, message) when the check is not what its inputs give; None when it is."""
    kind = row["kind"]
    uncomputed = (
        row["verdict"] == "not_comparable"
        and row["computed_point"] is None
        and row.get("reason") in UNCOMPUTED
    )
    formulas = FORMULAS.get((kind, frozenset(roles)))
    if uncomputed and formulas is not None:
        return _uncomputed(row, roles)  # unlike quantities (another variant…)
    if formulas is None:
        return ("kind", unused_inputs(kind, roles, noun)) if kind in KINDS else None
    if any(f is None for f in roles.values()):
        return None  # an input that is missing or not numeric is reported by other rules
    result = _judge(formulas, {r: f for r, f in roles.items() if f is not None}, row)
    return result if isinstance(result, tuple) else None


def _uncomputed(row: dict[str, Any], roles: dict[str, Fig | None]) -> tuple[str, str] | None:
    """(field, message) when a check of unlike quantities is not what its inputs give: nothing
    is computed (its bounds are empty, as its point is), and its stated figure is still its
    target's, as printed (a cold attack: 6条 stated as 60, between 55 and 65, passed)."""
    for c in ("computed_low", "computed_high"):
        if row[c] is not None:
            return c, f"found {number(row[c])}; a check of unlike quantities computes nothing"
    if "target" not in roles and any("target" in r for k, r in FORMULAS if k == row["kind"]):
        return (
            "kind",
            "a check of unlike quantities states its target's figure; it has no target "
            f"input (its inputs: {roles_shown(roles)})",
        )
    target = roles.get("target")
    if target is None:
        return None  # a target that is missing: reported by other rules
    want = stated_figures(target)
    for c, wanted in want.items():
        if wanted != row[c]:
            shown = "empty" if row[c] is None else number(row[c])
            said = "empty" if wanted is None else number(wanted)
            return c, f"found {shown}; its target input gives {said}"
    return None


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
        want = rounded(result)
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
        bad = table.frame.lazy().filter(
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
