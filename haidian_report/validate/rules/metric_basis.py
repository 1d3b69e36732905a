"""A money metric states the price basis of its levels (attack round 10, M8).

Dictionary ``metrics.price_basis``: "Money metrics only: the price basis of the metric's level
values, nominal (current prices) or comparable (constant prices); empty for metrics that are
not money. Every level of money in the report is nominal." Every shipped metric whose unit is
money (CNY, USD, or CNY per something) has one, and no other metric does; the rules on growth
of money (``price-basis-stated``) read the metric's basis, so an emptied one hides its figures'
basis.
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.measures import MONEY


@rule(
    "price-basis",
    needs={"metric_id": "string", "unit": "string", "price_basis": "string"},
    tables=("metrics",),
    field="price_basis",
)
def money_metric_states_its_basis(ctx: Context, table: Table) -> Hits:
    """A metric in money has a ``price_basis``; a metric in another unit has none."""
    money = pl.col("unit").str.contains(MONEY)
    basis = pl.col("price_basis").is_not_null()
    missing = (money & ~basis).fill_null(False)
    extra = (~money & basis).fill_null(False)
    return pl.concat(
        [
            table.frame.lazy()
            .filter(missing)
            .select(
                ROW,
                pl.format(
                    "empty; a metric in {} is money, and every level of money in the report is "
                    "nominal",
                    "unit",
                ).alias("message"),
            ),
            table.frame.lazy()
            .filter(extra)
            .select(
                ROW,
                pl.format("found {}; a metric in {} is not money", "price_basis", "unit").alias(
                    "message"
                ),
            ),
        ]
    )
