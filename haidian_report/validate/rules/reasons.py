"""Rules on why a check is not comparable: its reason re-derived from its inputs, as built.

``check-reason-verdict`` (:mod:`~.checkmeta`) holds a reason to its verdict; a
``not_comparable`` verdict has four reasons, and switching one for another keeps every number.
The build (``haidian_build/checks/rules``) picks the reason from the inputs alone:

* a check with a computed figure (a CAGR or growth against levels) is not comparable because
  of the rate's price basis: ``price_basis_unknown`` where the rate's ``price_basis`` is
  ``unknown`` (the report does not say), else ``price_basis_differs`` (real growth against
  nominal levels);
* a check with none (a target against the total before it) is not comparable because the two
  count different things: ``different_variant`` where the target's and the base's variants
  (stages of work) differ, else ``variant_unstated`` (one metric counted in more than one way,
  the tables not saying which).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.inputs import inputs

#: The reasons of a not_comparable verdict: by price basis, and by what is counted.
BASIS_REASONS: Final = ("price_basis_differs", "price_basis_unknown")
VARIANT_REASONS: Final = ("different_variant", "variant_unstated")


@rule(
    "check-reason",
    needs={"verdict": "string", "reason": "string", "computed_point": "number"},
    field="reason",
)
def reason_is_what_the_inputs_give(ctx: Context, table: Table) -> Hits:
    """A not_comparable check's reason is the one its inputs give: price_basis_unknown where
    its rate's basis is unknown, else price_basis_differs (a computed check); different_variant
    where its target's and base's variants differ, else variant_unstated (a check with no
    computed figure)."""
    found = inputs(ctx, table)
    if found is None:
        return None
    key, links = found
    role = pl.col("role")
    # a group keeps the inputs' order, so first() is the same input every run
    per = (
        links.lazy()
        .group_by("__check")
        .agg(
            pl.col("__found").all().alias("__all"),
            pl.col("price_basis").filter(role == "rate").first().alias("__rate_basis"),
            (role == "rate").any().alias("__rated"),
            pl.col("variant").filter(role == "target").fill_null("").first().alias("__tv"),
            pl.col("variant").filter(role == "base").fill_null("").first().alias("__bv"),
            ((role == "target").any() & (role == "base").any()).alias("__paired"),
        )
    )
    frame = (
        table.frame.lazy()
        .filter(
            table.clean("verdict", "reason", "computed_point")
            & (pl.col("verdict") == "not_comparable")
            & pl.col("reason").is_in([*BASIS_REASONS, *VARIANT_REASONS])
        )
        .with_columns(pl.col(key).cast(pl.String).alias("__check"))
    )
    computed = pl.col("computed_point").is_not_null()
    want = (
        pl.when(computed & pl.col("__rated"))
        .then(
            pl.when(pl.col("__rate_basis") == "unknown")
            .then(pl.lit(BASIS_REASONS[1]))
            .otherwise(pl.lit(BASIS_REASONS[0]))
        )
        .when(~computed & pl.col("__paired"))
        .then(
            pl.when(pl.col("__tv") != pl.col("__bv"))
            .then(pl.lit(VARIANT_REASONS[0]))
            .otherwise(pl.lit(VARIANT_REASONS[1]))
        )
    )
    why = (
        pl.when(computed)
        .then(pl.format("its rate's price basis is {}", pl.col("__rate_basis").fill_null("empty")))
        .otherwise(
            pl.format(
                "its target's variant is {} and its base's {}",
                pl.when(pl.col("__tv") == "").then(pl.lit("empty")).otherwise("__tv"),
                pl.when(pl.col("__bv") == "").then(pl.lit("empty")).otherwise("__bv"),
            )
        )
    )
    bad = (
        frame.join(per, on="__check", how="inner")
        .filter(pl.col("__all"))
        .with_columns(__want=want)
        .filter(pl.col("__want").is_not_null() & (pl.col("__want") != pl.col("reason")))
    )
    return bad.select(
        ROW,
        pl.format("found {}, but {}: the reason is {}", "reason", why, "__want").alias("message"),
    )
