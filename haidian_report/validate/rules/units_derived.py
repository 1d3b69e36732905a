"""The unit of a check or derivation is the one its kind and inputs give (attack 5, F9).

A check's or derivation's ``unit`` is printed nowhere: it follows from what is computed (a
CAGR is a percent, a change of a share is in percentage points, a pace is in its input's
unit). :func:`haidian_report.derived_units.derived_unit` says which; the build refuses a row
whose unit differs, and this rule re-derives it, so ``percentage_point`` on a CAGR, ``km`` on a
count of streets or ``USD`` on an amount printed in 元 is a problem on that row. Rows whose
inputs are not all in the package (a row subset) are left alone.
"""

from __future__ import annotations

import polars as pl

from haidian_report.derived_units import RATIO_KINDS, derived_unit
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.arithmetic import input_links
from haidian_report.validate.rules.engine import Hits, per_table, rule


@per_table  # two rules read the derived units
def _derived(ctx: Context, table: Table) -> pl.DataFrame | None:
    """Rows whose inputs are all sound, with their roles and the unit they give (__wanted)."""
    found = input_links(ctx, table)
    if found is None:
        return None
    key, links = found
    per = (
        links.sort("__check", "role", maintain_order=True)  # a role given twice: in row order
        .group_by("__check")
        .agg(
            pl.col("role").alias("__roles"),
            pl.col("unit").alias("__units"),
            pl.col("measure").alias("__measures"),
            pl.col("measure").null_count().alias("__unknown"),
        )
        .filter(pl.col("__unknown") == 0)  # every input's fact is in the package and sound
    )
    frame = table.frame.filter(table.clean("kind", "unit")).with_columns(
        pl.col(key).cast(pl.String).alias("__check")
    )
    rows = frame.join(per, on="__check")
    if rows.is_empty():
        return None
    combos = rows.select("kind", "__roles", "__units", "__measures").unique()
    wanted = [
        derived_unit(
            kind, dict(reversed(list(zip(roles, zip(units, measures, strict=True), strict=True))))
        )
        for kind, roles, units, measures in combos.iter_rows()
    ]
    combos = combos.with_columns(pl.Series("__wanted", wanted, dtype=pl.String))
    return rows.join(combos, on=["kind", "__roles", "__units", "__measures"], nulls_equal=True)


@rule("derived-unit", needs={"kind": "string", "unit": "string"}, field="unit")
def unit_follows_kind_and_inputs(ctx: Context, table: Table) -> Hits:
    """A check's or derivation's unit is :func:`~haidian_report.derived_units.derived_unit` of
    its kind and its inputs' units and measures."""
    rows = _derived(ctx, table)
    if rows is None:
        return None
    # an empty unit differs from the one wanted too (!= would read it as unknown)
    bad = rows.lazy().filter(
        pl.col("__wanted").is_not_null() & pl.col("unit").ne_missing(pl.col("__wanted"))
    )
    return bad.select(
        ROW,
        pl.format(
            "found {}; kind {} with inputs {} gives {}",
            pl.col("unit").fill_null("empty"),
            "kind",
            pl.col("__roles").list.join(", "),
            "__wanted",
        ).alias("message"),
    )


@rule("derived-roles", needs={"kind": "string", "unit": "string"}, field="kind")
def ratio_input_is_a_ratio(ctx: Context, table: Table) -> Hits:
    """The ``other`` input of an implied stock or implied employment is the ratio (550 per
    10,000 residents, yuan per person), the ``level`` input the amount it scales: with the
    roles swapped the recomputed value is the same (a product), so the roles are checked by
    their units (attack 5, F19)."""
    rows = _derived(ctx, table)
    if rows is None:
        return None
    bad = rows.lazy().filter(
        pl.col("kind").is_in(list(RATIO_KINDS))
        & pl.col("__roles").list.contains("other")
        & pl.col("__wanted").is_null()
    )
    return bad.select(
        ROW,
        pl.format(
            "kind {} with inputs {} in {}: its 'other' input must be the ratio "
            "(…/10k_person, …/person); are the roles swapped?",
            "kind",
            pl.col("__roles").list.join(", "),
            pl.col("__units").list.join(", "),
        ).alias("message"),
    )
