"""Rules on facts (indicators, targets): every field agrees with the text it cites.

A number can round-trip through its span and still say the wrong thing: moved to another
metric, dated to another year, flipped by ``direction``, marked estimated where the report
does not say 预计. Each rule below is a relation that holds for every shipped row; each reads
the printed text before the value (the quote, or the sentence, up to ``value_start``).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import (
    PERIOD_RANGES,
    PERIOD_RE,
    before_value,
    clause,
    enum_of,
    first_year,
    last_year,
)
from haidian_report.validate.rules.distinct import flagged_once, judged_once
from haidian_report.validate.rules.engine import Hits, rule

FACT: Final = {"metric_id": "string", "measure": "string", "period": "string"}
PRINTED: Final = {"quote": "string", "quote_start": "integer", "value_start": "integer"}
#: Measures stated in percent whatever their metric's unit.
PERCENT_MEASURES: Final = ("growth_yoy", "cagr", "share")
#: Units a duration is counted in.
TIME_UNITS: Final = ("year", "quarter", "month", "day", "hour", "minute")
#: Words that say a figure fell (下降, 减少, 降低, 压减, 回落, 下滑, 缩小).
DECLINE: Final = r"[降减]|回落|下滑|缩小"
#: The word each firmness is printed with.
FIRMNESS_WORDS: Final = {"expected": "预期", "strive": "力争", "ensure": "确保"}
_YEAR_BEFORE: Final = r"((?:19|20)[0-9]{2})年(?:的|末|底)?$"


def with_text(ctx: Context, table: Table) -> pl.DataFrame:
    """The table's frame with ``pre`` (quote up to the value) and ``sentence_pre``, set
    beside its own columns (shared, not copied: the cached frame costs only the two)."""
    if "before" not in table.cache:
        texts = before_value(ctx, table).select(ROW, "pre", "sentence_pre")
        aligned = table.frame.select(ROW).join(texts, on=ROW, how="left", maintain_order="left")
        table.cache["before"] = table.frame.hstack(aligned.drop(ROW).get_columns())
    frame: pl.DataFrame = table.cache["before"]
    return frame


@rule("id-mismatch", needs=FACT, field=None)
def id_names_metric_measure_period(ctx: Context, table: Table) -> Hits:
    """A fact's id starts with its metric and measure (``gdp.level.``), then its period."""
    key = table.spec.single_key
    if key is None or not table.typed(key, "string") or table.typed("variant", "string"):
        return None  # with a variant column the exact id is checked (rules.variants)
    prefix = pl.col("metric_id") + "." + pl.col("measure") + "."
    third = pl.col(key).str.split(".").list.get(2, null_on_oob=True)
    printed_period = pl.when(third.str.contains(r"^[0-9]{4}(?:-[0-9]{4})?$")).then(third)
    frame = table.frame.lazy().filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in (key, *FACT))
    )
    wrong_prefix = ~pl.col(key).str.starts_with(prefix)
    wrong_period = printed_period.is_not_null() & (printed_period != pl.col("period"))
    return frame.filter(wrong_prefix | wrong_period).select(
        ROW,
        pl.lit(key).alias("field"),
        pl.when(wrong_prefix)
        .then(pl.format("id {} does not start with its metric and measure {}", pl.col(key), prefix))
        .otherwise(
            pl.format(
                "id {} names period {}; the row's period is {}",
                pl.col(key),
                printed_period,
                "period",
            )
        )
        .alias("message"),
    )


@rule("period-format", needs={"period": "string"}, field="period")
def period_is_a_year_or_range(ctx: Context, table: Table) -> Hits:
    """A period is YYYY or YYYY-YYYY (checked here where no pattern constraint says so)."""
    field = table.spec.field("period")
    if field is not None and "pattern" in field.constraints:
        return None
    bad = table.frame.lazy().filter(
        pl.col("period").is_not_null() & ~pl.col("period").str.contains(PERIOD_RE)
    )
    return bad.select(
        ROW, pl.format("found {}; expected YYYY or YYYY-YYYY", "period").alias("message")
    )


@rule("period-order", needs={"period": "string"}, field="period")
def period_runs_forwards(ctx: Context, table: Table) -> Hits:
    """A period range runs from an earlier year to a later one; a base period precedes it."""
    frame, a, z = table.frame, first_year("period"), last_year("period")
    ranged = pl.col("period").str.contains("-") & (a >= z)  # judged once per distinct period
    backwards = flagged_once(frame.select(ROW, "period"), ["period"], ranged)
    parts = [
        backwards.select(
            ROW,
            pl.format("found {}; a range runs from an earlier year to a later one", "period").alias(
                "message"
            ),
            pl.lit("period").alias("field"),
        )
    ]
    if table.typed("base_period", "string"):
        pair = ["period", "base_period"]
        late = flagged_once(frame.select(ROW, *pair), pair, last_year(pair[1]) >= z)
        parts.append(
            late.select(
                ROW,
                pl.format(
                    "base period {} does not precede period {}", "base_period", "period"
                ).alias("message"),
                pl.lit("base_period").alias("field"),
            )
        )
    return pl.concat(parts)


@rule("period-range", needs={"period": "string"})
def period_lies_in_the_reports_years(ctx: Context, table: Table) -> Hits:
    """Indicators refer to 2016-2021 (the reviewed years), targets to 2022-2026 (the plan)."""
    span = PERIOD_RANGES.get(table.name)
    if span is None:
        return None
    lo, hi = span
    parts = []
    for column, low in (("period", lo), ("base_period", min(lo, 2016))):
        if not table.typed(column, "string"):
            continue
        cut = (first_year(column) < low) | (last_year(column) > hi)  # per distinct period
        out = flagged_once(table.frame.select(ROW, column), [column], cut)
        parts.append(
            out.select(
                ROW,
                pl.lit(column).alias("field"),
                pl.format(f"found {{}}; {table.name} refer to {low}-{hi}", column).alias("message"),
            )
        )
    return pl.concat(parts) if parts else None


@rule("period-year", needs={**FACT, **PRINTED}, field="period", source=True)
def period_is_the_year_printed_before_the_value(ctx: Context, table: Table) -> Hits:
    """A year printed right before the value ("2016年的5908亿元") is the period's year."""
    # each distinct (pre, period) judged once: copies of a fact share theirs
    return judged_once(with_text(ctx, table), ["pre", "period"], _YEAR_MESSAGE)


_PRINTED_YEAR: Final = pl.col("pre").str.extract(_YEAR_BEFORE, 1).cast(pl.Int64)
_YEAR_MESSAGE: Final = pl.when(
    _PRINTED_YEAR.is_not_null() & (last_year("period") != _PRINTED_YEAR)
).then(pl.format("found {}; the text prints {}年 right before the value", "period", _PRINTED_YEAR))


@rule("period-year", needs={**FACT, "quote": "string"}, field="period")
def period_is_not_before_the_years_printed(ctx: Context, table: Table) -> Hits:
    """A period is one of the years printed in its quote, or later than all of them."""
    return judged_once(table.frame, ["quote", "period"], _BEFORE_MESSAGE, derived=_QUOTE_YEARS)


_YEARS: Final = pl.element().filter(pl.element().str.contains(r"^(?:19|20)[0-9]{2}$"))
_QUOTE_YEARS: Final = {
    "__ys": pl.col("quote").str.extract_all("[0-9]+").list.eval(_YEARS.cast(pl.Int64))
}


def _before_message() -> pl.Expr:
    """:func:`period_is_not_before_the_years_printed`'s message, of the years ``__ys``."""
    years = pl.col("__ys")
    a, z = first_year("period"), last_year("period")
    inside = years.list.contains(z) | years.list.contains(a) | years.list.contains(a - 1)
    return pl.when((years.list.len() > 0) & ~inside & (z <= years.list.max())).then(
        pl.format(
            "found {}; the quote prints the year(s) {} and no later one",
            "period",
            years.cast(pl.List(pl.String)).list.join(", "),
        )
    )


_BEFORE_MESSAGE: Final = _before_message()


@rule("cagr-annual-average", needs={**FACT, **PRINTED}, field="measure", source=True)
def cagr_says_annual_average(ctx: Context, table: Table) -> Hits:
    """A CAGR (average annual growth) row's quote says 年均 before its value."""
    if "cagr" not in enum_of(table, "measure"):
        return None
    frame = (
        with_text(ctx, table)
        .lazy()
        .filter((pl.col("measure") == "cagr") & ~pl.col("pre").str.contains("年均|年平均|平均每年"))
    )
    return frame.select(
        ROW,
        pl.format(
            "measure cagr, but the quote before the value ({}) does not say 年均", "pre"
        ).alias("message"),
    )


@rule(
    "decrease-decline-word",
    needs={**PRINTED, "direction": "string"},
    field="direction",
    source=True,
)
def decrease_says_so(ctx: Context, table: Table) -> Hits:
    """direction = decrease only where the text before the value says it fell (下降, 减少…)."""
    frame = (
        with_text(ctx, table)
        .lazy()
        .filter((pl.col("direction") == "decrease") & ~pl.col("pre").str.contains(DECLINE))
    )
    return frame.select(
        ROW,
        pl.format(
            "direction decrease, but the quote before the value ({}) says no decline (下降, 减少…)",
            "pre",
        ).alias("message"),
    )


#: A decline verb right before the value (after 分别…、 lists): 下降51%, 分别下降45.4%、27.9%.
DECLINE_BEFORE: Final = r"(?:下降|减少|降低|回落|下滑|缩小)(?:[0-9.]+%?、)*$"
#: Measures whose value carries a sign (a change or a growth rate).
SIGNED_MEASURES: Final = ("change", "growth_yoy", "cagr")


@rule(
    "decline-word-without-decrease",
    needs={**PRINTED, "measure": "string", "direction": "string"},
    field="direction",
    source=True,
)
def decline_is_a_decrease(ctx: Context, table: Table) -> Hits:
    """A change or growth rate printed right after a decline verb (下降51%) has direction
    decrease: without it the value reads as a rise, its sign flipped."""
    frame = (
        with_text(ctx, table)
        .lazy()
        .filter(
            pl.col("measure").is_in(SIGNED_MEASURES)
            & pl.col("pre").str.contains(DECLINE_BEFORE).fill_null(False)
            & (pl.col("direction").fill_null("") != "decrease")
        )
    )
    return frame.select(
        ROW,
        pl.format(
            "the quote prints a decline right before the value ({}), but direction is not decrease",
            clause("pre"),
        ).alias("message"),
    )


@rule("estimated-marker", needs={**PRINTED, "estimated": "boolean"}, field="estimated", source=True)
def estimated_where_the_text_says_so(ctx: Context, table: Table) -> Hits:
    """estimated is true where 预计 precedes the value in its clause, and only where the
    sentence says 预计 before the value."""
    frame = with_text(ctx, table).lazy().filter(table.clean("estimated"))
    said = clause("pre").str.contains("预计").fill_null(False)
    # a sentence that is not there to read (its own problem says so) cannot deny the marker
    anywhere = pl.col("sentence_pre").str.contains("预计").fill_null(True)
    bad = frame.filter((pl.col("estimated") & ~anywhere) | (~pl.col("estimated") & said))
    return bad.select(
        ROW,
        pl.when(pl.col("estimated"))
        .then(pl.lit("estimated is true, but the sentence does not say 预计 before the value"))
        .otherwise(
            pl.format(
                "estimated is false, but the text says 预计 right before the value ({})",
                clause("pre"),
            )
        )
        .alias("message"),
    )


@rule("firmness-marker", needs={**PRINTED, "firmness": "string"}, field="firmness", source=True)
def firmness_where_the_text_says_so(ctx: Context, table: Table) -> Hits:
    """firmness expected/strive/ensure only where the sentence says 预期/力争/确保 before the
    value; no firmness where the quote says one of them before the value."""
    words = {k: w for k, w in FIRMNESS_WORDS.items() if k in enum_of(table, "firmness")}
    if not words:
        return None
    frame = with_text(ctx, table).lazy()
    word = pl.col("firmness").replace_strict(words, default=None, return_dtype=pl.String)
    missing = (
        pl.col("firmness").is_not_null()
        & word.is_not_null()
        & ~pl.col("sentence_pre").str.contains(word, literal=True).fill_null(True)
    )
    unmarked = pl.col("firmness").is_null() & pl.col("pre").str.contains(
        "|".join(words.values())
    ).fill_null(False)
    bad = frame.filter(missing | unmarked)
    return bad.select(
        ROW,
        pl.when(pl.col("firmness").is_not_null())
        .then(
            pl.format(
                "firmness {}, but the sentence does not say {} before the value", "firmness", word
            )
        )
        .otherwise(pl.format("no firmness, but the quote says one before the value ({})", "pre"))
        .alias("message"),
    )
