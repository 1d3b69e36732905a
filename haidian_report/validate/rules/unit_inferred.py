"""``unit_inferred`` is true only where the printed figure does not give the unit (attack 5, F19).

A curator sets ``unit_inferred`` when the text prints no unit (364万 residents) or only its
numerator (每万人…550件 is count/10k_person), and the value is then re-parsed with the row's
unit. The other way round is checked here: a row whose ``value_text`` alone already gives its
unit (9500亿元 prints 元: CNY) has nothing inferred. True of every shipped row.
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.values import parse_printed


@rule(
    "unit-inferred",
    needs={"value_text": "string", "unit": "string", "unit_inferred": "boolean"},
    field="unit_inferred",
)
def inferred_only_when_unprinted(ctx: Context, table: Table) -> Hits:
    """A row whose value_text prints its unit has unit_inferred false."""
    frame = table.frame.filter(
        table.clean("value_text", "unit", "unit_inferred")
        & pl.col("unit_inferred").fill_null(False)
        & pl.col("value_text").is_not_null()
        & pl.col("unit").is_not_null()
    )
    if table.has("qualifier"):
        frame = frame.filter(pl.col("qualifier").fill_null("") != "qualitative")
    if table.typed("quote", "string"):  # 每万人…550件: the per-word rules judge the unit
        frame = frame.filter(~pl.col("quote").fill_null("").str.contains("每"))
    if frame.is_empty():
        return None
    texts = frame["value_text"].unique().to_list()
    units = {text: parse_printed(text, None)[2] for text in texts}
    printed = pl.DataFrame(
        {"value_text": texts, "__printed": [units[t] for t in texts]},
        schema={"value_text": pl.String, "__printed": pl.String},
    )
    bad = (
        frame.lazy()
        .join(printed.lazy(), on="value_text")
        .filter(pl.col("__printed") == pl.col("unit"))
    )
    return bad.select(
        ROW,
        pl.format(
            "true, but {} prints its unit ({}): unit_inferred is for a unit the text does not "
            "print",
            "value_text",
            "unit",
        ).alias("message"),
    )
