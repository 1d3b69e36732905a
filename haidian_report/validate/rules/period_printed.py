"""A period that is said to be printed is one of the years its quote prints (attack round 10, W1).

``period_inferred`` false says the sentence prints the period's year. When the quote itself
prints a year the fact is of (2022年全区经济社会发展主要预期目标是:地区生产总值超过1万亿元) and
the period is none of those years, the period is what is wrong: changed 2022 to 2023, it was
reported only on ``period_inferred`` (``period-inferred``), and a user following that message
would have set the flag, not mended the period. So ``period-year`` names ``period`` here, and
the rule on ``period_inferred`` (which skips rows with a problem on ``period``) says nothing
more. A base year (由2016年的…, 较2016年, 比2016年) is not a year the fact is of; a range's year
before its first is its base (2017-2021 against 2016). Every shipped fact with
``period_inferred`` false whose quote prints a year other than a base year prints its period's.
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import before_value, flagged, last_year, sound_period
from haidian_report.validate.rules.engine import Hits, rule

#: A year in a quote and the character before it (a base year follows 由, 较, 比, 从 or 与).
_YEAR: Final = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=年)")
_BASE: Final = ("由", "较", "比", "从", "与")
_PERIOD: Final = re.compile(r"^([0-9]{4})(?:-([0-9]{4}))?$")


def _years_of(quote: str) -> list[int]:
    """The years ``quote`` prints with 年 that are not a base year, in order."""
    return [
        int(m.group(1))
        for m in _YEAR.finditer(quote)
        if not (m.start() and quote[m.start() - 1] in _BASE)
    ]


def _wrong(quote: str, period: str) -> list[int] | None:
    """The quote's years when none is the period's (a range's first or last, or the year
    before its first); None when the period agrees or cannot be read."""
    years, found = _years_of(quote), _PERIOD.match(period)
    if not years or found is None:
        return None
    first = int(found.group(1))
    last = int(found.group(2) or first)
    agree = {first, last, first - 1} if found.group(2) else {first}
    return None if agree & set(years) else years


@rule(
    "period-year",
    needs={"period": "string", "period_inferred": "boolean", "quote": "string"},
    field="period",
)
def printed_period_is_a_year_of_its_quote(ctx: Context, table: Table) -> Hits:
    """With ``period_inferred`` false, a quote that prints a year (not a base year) prints
    the period's."""
    frame = table.frame.filter(
        table.clean("period_inferred") & (pl.col("period_inferred") == False)  # noqa: E712
    ).select(ROW, "quote", "period")
    frame = frame.filter(~pl.col(ROW).is_in(flagged(ctx, table.name, "period")))  # reported
    # each distinct (quote, period) judged once: copies of a fact share their quote and period
    judged = frame.drop_nulls().group_by("quote", "period").agg(pl.col(ROW))
    rows: list[int] = []
    messages: list[str] = []
    for quote, period, copies in judged.iter_rows():
        years = _wrong(quote, period)
        if years is not None:
            shown = ", ".join(f"{y}年" for y in years)
            rows += copies
            messages += [
                f"found {period}; period_inferred is false and the quote prints {shown}, "
                "no year of the period"
            ] * len(copies)
    if not rows:
        return None
    return pl.DataFrame(
        {ROW: rows, "message": messages}, schema={ROW: pl.Int64, "message": pl.String}
    )


#: The end of a from-to pair: the value's clause runs from 由 to 至 (or 到) right up to it.
_PAIR_END: Final = r"由[^,，;；。由]*(?:至|到)$"
#: The start year of a from-to pair (由2016年的364万).
_FROM_YEAR: Final = r"由(?:19|20)[0-9]{2}年"


@rule(
    "period-year",
    needs={"period": "string", "quote_start": "integer", "value_start": "integer"},
    field="period",
    source=True,
)
def pair_end_is_later_than_the_pairs_start(ctx: Context, table: Table) -> Hits:
    """The end figure of a from-to pair (常住人口由2016年的364万减至313.2万) is dated after
    every year its sentence starts such a pair in (由2016年): a cold attack dated 313.2万 2016
    (a derived package without the 364万 row), and the year printed before the value let it
    pass. So are the pairs that print no year of their own (全市占比由21.8%增至24%, after
    地区生产总值由2016年的5908亿元…)."""
    starts = (
        pl.col("sentence_pre")
        .str.extract_all(_FROM_YEAR)
        .list.eval(pl.element().str.slice(1, 4).cast(pl.Int64))
        .list.max()
    )
    frame = (
        before_value(ctx, table)
        .lazy()
        .join(table.frame.lazy().select(ROW, "period"), on=ROW, maintain_order="left")
        .filter(
            sound_period("period")
            & ~pl.col(ROW).is_in(flagged(ctx, table.name, "period"))
            & pl.col("sentence_pre").str.contains(_PAIR_END).fill_null(False)
        )
        .with_columns(__from=starts)
    )
    bad = frame.filter((last_year("period") <= pl.col("__from")).fill_null(False))
    return bad.select(
        ROW,
        pl.format(
            "found {}; the value ends a from-to pair (…至), and its sentence starts the pair "
            "in {}年 (由{}年): the end figure is a later year's",
            "period",
            "__from",
            "__from",
        ).alias("message"),
    )
