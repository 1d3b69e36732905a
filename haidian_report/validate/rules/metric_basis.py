"""A money metric states the price basis of its levels (attack round 10, M8).

Dictionary ``metrics.price_basis``: "Money metrics only: the price basis of the metric's level
values, nominal (current prices) or comparable (constant prices); empty for metrics that are
not money. Every level of money in the report is nominal." Every shipped metric whose unit is
money (CNY, USD, or CNY per something) has one, ``nominal``, and no other metric (nor one with
no unit) has any; the rules on growth of money (``price-basis-stated``) and the recomputed
checks read the metric's basis, so an emptied one hides its figures' basis and a ``comparable``
one turns the GDP checks' verdicts (a cold attack: metrics.gdp set to comparable, and the
verdicts of two checks flipped with it, passed).
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
    """A metric in money has a ``price_basis``, ``nominal`` (the report prints every level of
    money at current prices); a metric in another unit, or in none, has none."""
    money = pl.col("unit").str.contains(MONEY).fill_null(False)
    basis = pl.col("price_basis").is_not_null()
    missing = money & ~basis
    extra = ~money & basis
    constant = (money & (pl.col("price_basis") != "nominal")).fill_null(False)
    return pl.concat(
        [
            table.frame.lazy()
            .filter(constant)
            .select(
                ROW,
                pl.format(
                    "found {}; every level of money in the report is nominal (printed at "
                    "current prices: a growth rate's basis is on its own fact row)",
                    "price_basis",
                ).alias("message"),
            ),
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
                pl.format(
                    "found {}; a metric in {} is not money",
                    "price_basis",
                    pl.col("unit").fill_null("no unit"),
                ).alias("message"),
            ),
        ]
    )
