"""Rules on the fields the semantic review added to facts (#12): variants and price bases.

* a fact's id is exactly ``<metric>.<measure>.<period>[.<variant>]``;
* no two facts of a table share the natural key (metric, measure, period, scope, variant);
* a price basis is said of growth rates only, and its source is given exactly when the basis
  is known (nominal or comparable);
* a metric counted at several stages (started, completed…) names the stage on every fact.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule

NATURAL: Final = ("metric_id", "measure", "period", "scope", "variant")
#: Measures whose values depend on a price basis (growth of money at current or constant prices).
GROWTH_MEASURES: Final = ("growth_yoy", "cagr")
KNOWN_BASES: Final = ("nominal", "comparable")


@rule("id-mismatch", needs={c: "string" for c in (*NATURAL[:3], "variant")})
def id_is_metric_measure_period_variant(ctx: Context, table: Table) -> Hits:
    """A fact's id is exactly ``<metric>.<measure>.<period>``, then ``.<variant>`` if any."""
    key = table.spec.single_key
    if key is None or not table.typed(key, "string"):
        return None
    want = pl.concat_str([pl.col(c) for c in NATURAL[:3]], separator=".") + pl.when(
        pl.col("variant").is_not_null()
    ).then(pl.lit(".") + pl.col("variant")).otherwise(pl.lit(""))
    frame = table.frame.lazy().filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in (key, *NATURAL[:3]))
    )
    bad = frame.filter(pl.col(key) != want)
    return bad.select(
        ROW,
        pl.lit(key).alias("field"),
        pl.format("found {}; metric, measure, period and variant give {}", key, want).alias(
            "message"
        ),
    )


@rule("natural-key", needs={c: "string" for c in NATURAL}, field=",".join(NATURAL))
def one_fact_per_natural_key(ctx: Context, table: Table) -> Hits:
    """No two facts share metric, measure, period, scope and variant."""
    key = pl.struct(*(pl.col(c).fill_null("") for c in NATURAL))
    frame = table.frame.lazy().with_columns(__first=pl.col(ROW).min().over(key))
    bad = frame.filter(pl.col(ROW) != pl.col("__first"))
    return bad.select(
        ROW,
        pl.format(
            "the same metric, measure, period, scope and variant ({}, {}, {}, {}, {}) as row {}",
            *(pl.col(c).fill_null("-") for c in NATURAL),
            "__first",
        ).alias("message"),
    )


@rule("price-basis", needs={"measure": "string", "price_basis": "string"}, field="price_basis")
def price_basis_only_on_growth(ctx: Context, table: Table) -> Hits:
    """A price basis is said of growth rates (growth_yoy, cagr) only."""
    bad = table.frame.lazy().filter(
        pl.col("price_basis").is_not_null() & ~pl.col("measure").is_in(GROWTH_MEASURES)
    )
    return bad.select(
        ROW, pl.format("price basis {} on a {} row; only growth rates have one", "price_basis",
                       "measure").alias("message"),
    )  # fmt: skip


@rule(
    "price-basis",
    needs={"price_basis": "string", "price_basis_source": "string"},
    field="price_basis_source",
)
def price_basis_source_when_known(ctx: Context, table: Table) -> Hits:
    """``price_basis_source`` is given exactly when the basis is nominal or comparable."""
    known = pl.col("price_basis").is_in(KNOWN_BASES).fill_null(False)
    given = pl.col("price_basis_source").is_not_null()
    bad = table.frame.lazy().filter(known != given)
    return bad.select(
        ROW,
        pl.when(known)
        .then(pl.format("price basis {} with no source (text or convention)", "price_basis"))
        .otherwise(pl.format("a source {} for a basis that is not known", "price_basis_source"))
        .alias("message"),
    )


@rule(
    "variant-word",
    needs={"metric_id": "string", "variant": "string"},
    tables=("indicators", "targets"),
    field="variant",
)
def staged_metric_names_every_stage(ctx: Context, table: Table) -> Hits:
    """A metric counted at several stages (a fact of it, in indicators or targets, has a stage
    variant) names the stage on every fact of it: a fact without one reads as the whole."""
    from haidian_report.validate.rules.printed import STAGE_WORDS  # (printed imports this module)

    staged: set[str] = set()
    for name in ("indicators", "targets"):
        other = ctx.tables.get(name)
        if other is not None and other.typed("variant", "string") and other.has("metric_id"):
            staged |= set(
                other.frame.filter(pl.col("variant").is_in(list(STAGE_WORDS)))["metric_id"]
                .drop_nulls()
                .to_list()
            )
    bad = table.frame.lazy().filter(
        pl.col("metric_id").is_in(sorted(staged))
        & ~pl.col("variant").is_in(list(STAGE_WORDS)).fill_null(False)
    )
    return bad.select(
        ROW,
        pl.format(
            "metric {} is counted at several stages (开工, 竣工…): every fact of it names its "
            "stage, and this one names none",
            "metric_id",
        ).alias("message"),
    )
