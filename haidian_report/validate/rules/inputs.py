"""The facts a check or derivation reads, one row per input, with the fields rules need.

``check_inputs`` (and ``derivation_inputs``) name, for each role of a row (start, end, rate,
target, base…), the indicator or target it reads. Rules that re-derive a check's words (its
reason, the numbers of its explanation) read those facts through :func:`inputs`: the facts'
variant, price basis, quote and printed figure, joined once per table and run.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed, readable
from haidian_report.validate.rules.engine import per_table

#: Fact tables and their key.
FACT_TABLES: Final = (("indicators", "indicator_id"), ("targets", "target_id"))
#: The text fields of an input fact that rules read (null where its table lacks the column).
TEXT_FIELDS: Final = ("variant", "price_basis", "quote", "value_printed", "period", "measure",
                      "unit", "qualifier", "note")  # fmt: skip
#: Fact rows above which only the facts an input names are read (below, finding them costs
#: more than reading all).
NAMED_ONLY_ABOVE: Final = 2000
#: The numeric fields of an input fact.
NUMBER_FIELDS: Final = ("value",)


@per_table
def inputs(ctx: Context, table: Table) -> tuple[str, pl.DataFrame] | None:
    """(key of ``table``, its inputs): one row per input with ``__check`` (the row's key as
    text), ``role``, ``__fact`` (``indicator_id:<id>``), ``__found`` (the fact is there to read:
    present, and with no problem of its own) and the fact's :data:`TEXT_FIELDS` and
    :data:`NUMBER_FIELDS`. None when the table has no inputs table or no single-column key."""
    key = table.spec.single_key
    if key is None:
        return None
    found = [
        (t, fk.fields[0])
        for t in ctx.tables.values()
        for fk in t.spec.foreign_keys
        if fk.resource == table.name and fk.reference_fields == (key,) and t.has("role")
    ]
    if not found:
        return None
    source, ref = found[0]
    shown = tuple(
        (name, fact_key)
        for name, fact_key in FACT_TABLES
        if (t := ctx.tables.get(name)) is not None and t.has(fact_key) and source.has(fact_key)
    )
    fact_frame = _facts(ctx, shown)
    if fact_frame is None:
        return None
    ident = [pl.lit(f"{k}:") + pl.col(k).cast(pl.String) for _, k in FACT_TABLES if source.has(k)]
    rows = source.frame.select(
        pl.col(ref).cast(pl.String).alias("__check"),
        pl.col("role").cast(pl.String),
        pl.coalesce(ident).alias("__fact"),
    )
    # in the order of the inputs table: a rule that reads one of a check's inputs of a role
    # (the first) reads the same one every run
    links = rows.join(fact_frame, on="__fact", how="left", maintain_order="left").with_columns(
        pl.col("__found").fill_null(False)
    )
    return key, links


def _facts(ctx: Context, tables: tuple[tuple[str, str], ...]) -> pl.DataFrame | None:
    """(``__fact``, ``__found``, :data:`TEXT_FIELDS`, :data:`NUMBER_FIELDS`) of every fact of
    ``tables`` (name, key) that is there to read, ambiguous ids left out. Kept in the first
    fact table's cache under the rows found flawed so far (checks and derivations read the
    same facts: built once while no rule finds a flawed fact)."""
    if not tables:
        return None
    skip = {name: tuple(flawed(ctx, name)) for name, _ in tables}
    key = f"inputs.facts:{tables!r}:{tuple(skip.values())!r}"
    cache = ctx.tables[tables[0][0]].cache
    if key in cache:
        kept: pl.DataFrame = cache[key]
        return kept
    facts = []
    # only the facts an input names (in any table of inputs: the frame is shared by all),
    # found by their key before their ids are written
    named_only = sum(ctx.tables[name].frame.height for name, _ in tables) > NAMED_ONLY_ABOVE
    for name, fact_key in tables:
        t = ctx.tables[name]
        if not readable(ctx, t, (*TEXT_FIELDS, *NUMBER_FIELDS)):
            continue  # its inputs are not found: nothing is judged from fields it lacks
        numbers = [
            (
                pl.col(c).cast(pl.Float64)
                if t.has(c) and t.typed(c, "number")
                else pl.lit(None, pl.Float64)
            ).alias(c)
            for c in NUMBER_FIELDS
        ]
        texts = [
            (pl.col(c).cast(pl.String) if t.has(c) else pl.lit(None, pl.String)).alias(c)
            for c in TEXT_FIELDS
        ]
        good = t.frame.lazy().filter(  # lazy: only the columns read are filtered
            t.clean(*(c for c in (*TEXT_FIELDS, *NUMBER_FIELDS) if t.has(c)))
            & ~pl.col(ROW).is_in(list(skip[name]))
        )
        if named_only:
            good = good.join(
                _named(ctx, fact_key),
                left_on=pl.col(fact_key).cast(pl.String),
                right_on="__k",
                how="semi",
            )
        facts.append(
            good.select(
                (pl.lit(f"{fact_key}:") + pl.col(fact_key).cast(pl.String)).alias("__fact"),
                pl.lit(True).alias("__found"),
                *texts,
                *numbers,
            )
        )
    if not facts:
        return None
    kept = pl.concat(facts).unique("__fact", keep="none").collect(engine="in-memory")
    cache[key] = kept
    return kept


def _named(ctx: Context, key: str) -> pl.LazyFrame:
    """(__k) of every value of fact key column ``key`` (``indicator_id``) that a table of
    inputs (one with ``role``) names, as text; a fact named twice is in it twice, which the
    semi-join that reads it does not mind."""
    named = [
        t.frame.lazy().select(pl.col(key).cast(pl.String).alias("__k"))
        for t in ctx.tables.values()
        if t.has("role") and t.has(key)
    ]
    if not named:
        return pl.LazyFrame(schema={"__k": pl.String})
    return pl.concat(named)
