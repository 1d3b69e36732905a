"""Rules on printed values: ``value_text`` re-parsed must give the row's numbers, exactly.

A value parsed from printed text is exact ("5908亿元" is 590800000000 yuan, not a yuan more),
so values are compared exactly, as numbers and as decimal text. Each distinct
(``value_text``, unit) pair is parsed once with :func:`haidian_report.figures.parse_value`.
Rows whose ``value_text`` is not the source's text are left to ``source-mismatch``.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Final

import polars as pl

from haidian_report.figures import UNITS, parse_value
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, Hits, rule
from haidian_report.validate.text import number, show

#: Units whose values count things: never negative unless the text says they decreased.
COUNT_UNITS: Final = ("count", "person", "household", "dwelling", "sample")
NEEDS: Final = {"value_text": "string", "value": "number"}
#: A row with no value whose value_text the parser cannot read and holds no digit (深耕,
#: 加快建设): words, not a misprinted figure, so its qualifier is the field at fault
#: (``qualifier-mismatch``). With a value, the value_text is (``value-unparseable``).
_WORDS_ONLY: Final = ~pl.col("value_text").str.contains("[0-9]") & pl.col("value").is_null()


def _canonical(value: Decimal) -> str:
    """A decimal as plain text ("590800000000", "7.6")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def parse_printed(text: str, hint: str | None) -> tuple[str | None, ...]:
    """(error, canonical value, unit, qualifier, number printed, unit printed)."""
    try:
        parsed = parse_value(text, unit=hint)
        if not math.isfinite(parsed.value):
            return (
                f"{show(text)} gives a number too large to be a value",
                None,
                None,
                None,
                None,
                None,
            )
    except Exception as exc:  # ValueParseError, or anything a hostile text provokes
        return (str(exc), None, None, None, None, None)
    return (
        None,
        _canonical(parsed.decimal),
        parsed.unit,
        parsed.qualifier,
        parsed.number_printed,
        parsed.unit_printed or None,
    )


def parsed(ctx: Context, table: Table) -> pl.DataFrame:
    """Rows with a value to check, joined to what their ``value_text`` gives (cached)."""
    if "parsed" in table.cache:
        frame: pl.DataFrame = table.cache["parsed"]
        return frame
    columns = [
        c
        for c in (
            "unit",
            "qualifier",
            "direction",
            "unit_inferred",
            "unit_printed",
            "value_printed",
        )
        if table.has(c)
    ]
    # only the columns the value rules read (the frame is kept for the run: a copy of the
    # table's quotes and notes would cost memory at scale)
    kept = [ROW, "value", "value_text", *columns]
    kept += [c for c in ("sentence_id", "indicator_id", "target_id") if table.has(c)]
    # a lazy chain, each step of it one query less (a query's fixed cost is most of the work
    # at the shipped package's size)
    lazy = table.frame.lazy().filter(table.clean("value", "value_text", *columns)).select(kept)
    skip = table.cache.get("mismatch:value")
    if skip is not None and len(skip):
        lazy = lazy.filter(~pl.col(ROW).is_in(skip.implode()))
    if table.has("qualifier"):
        lazy = lazy.filter(pl.col("qualifier").fill_null("") != "qualitative")
    lazy = lazy.filter(pl.col("value_text").is_not_null())
    unit = pl.col("unit") if table.typed("unit", "string") else pl.lit(None, pl.String)
    if table.typed("unit_inferred", "boolean"):
        inferred = pl.col("unit_inferred").fill_null(False)
    elif table.typed("unit_printed", "string"):
        stripped = pl.col("unit_printed").str.replace(r"^第", "").str.replace(r"^(万亿|亿|万)", "")
        inferred = stripped.is_null() | (stripped == "") | ~stripped.is_in(list(UNITS))
    else:
        inferred = pl.lit(False)
    frame = lazy.with_columns(
        pl.when(inferred).then(unit).otherwise(pl.lit("")).fill_null("").alias("__hint")
    ).collect(engine="in-memory")
    pairs = frame.select("value_text", "__hint").unique()
    results = [parse_printed(t, h or None) for t, h in pairs.iter_rows()]
    names = ["__error", "__value", "__unit", "__qualifier", "__number", "__unit_printed"]
    found = pairs.hstack(
        [pl.Series(n, [r[i] for r in results], dtype=pl.String) for i, n in enumerate(names)]
    )
    negate = (
        (pl.col("direction") == "decrease").fill_null(False)
        if table.has("direction")
        else pl.lit(False)
    )
    raw = table.raw.lazy().select(ROW, pl.col("value").alias("__raw"))
    frame = (
        frame.lazy()
        .join(found.lazy(), on=["value_text", "__hint"], how="left")
        .with_columns(
            __negate=negate,
            __expected=pl.when(negate)
            .then(-pl.col("__value").cast(pl.Float64))
            .otherwise(pl.col("__value").cast(pl.Float64)),
        )
        .join(raw, on=ROW, how="left")
        .collect(engine="in-memory")
    )
    table.cache["parsed"] = frame
    return frame


@rule("value-unparseable", needs=NEEDS, field="value_text")
def value_text_parses(ctx: Context, table: Table) -> Hits:
    """``value_text`` is a printed figure :func:`~haidian_report.figures.parse_value` reads."""
    frame = parsed(ctx, table).lazy().filter(pl.col("__error").is_not_null() & ~_WORDS_ONLY)
    return frame.select(ROW, pl.col("__error").alias("message"))


@rule("value-mismatch", needs=NEEDS, field="value")
def value_is_the_printed_value(ctx: Context, table: Table) -> Hits:
    """``value`` is exactly what ``value_text`` gives (negated when direction is decrease)."""
    frame = parsed(ctx, table).lazy().filter(pl.col("__error").is_null())
    wanted = (
        pl.when(pl.col("__negate"))
        .then(pl.lit("-") + pl.col("__value"))
        .otherwise(pl.col("__value"))
    )
    frame = frame.with_columns(__want=wanted.str.replace(r"^--", "").str.replace(r"^-0$", "0"))
    suspect = frame.filter(
        pl.col("value").is_not_null()
        & ((pl.col("value") != pl.col("__expected")) | (pl.col("__raw") != pl.col("__want")))
    )
    hits: list[Hit] = []
    for row, raw, want, text, negate in (
        suspect.select(ROW, "__raw", "__want", "value_text", "__negate")
        .collect(engine="in-memory")
        .iter_rows()
    ):
        try:
            if Decimal(raw) == Decimal(want):
                continue  # the same number written another way ("5.0", "1e3")
        except InvalidOperation:
            pass
        why = f"value_text {show(text)} gives {want}" + (
            " (negated: direction is decrease)" if negate else ""
        )
        hits.append(Hit(row, f"found {raw}; {why}"))
    return hits


@rule("missing-value", needs=NEEDS, field="value")
def value_is_present(ctx: Context, table: Table) -> Hits:
    """A row whose ``value_text`` prints a number has a ``value``."""
    frame = parsed(ctx, table).lazy()
    frame = frame.filter(pl.col("__error").is_null() & pl.col("value").is_null())
    return frame.select(
        ROW, pl.format("empty; value_text {} gives {}", "value_text", "__value").alias("message")
    )


def _printed(
    ctx: Context, table: Table, column: str, parsed_column: str, what: str
) -> pl.LazyFrame:
    differs = pl.col(column).ne_missing(pl.col(parsed_column))
    frame = parsed(ctx, table).lazy().filter(pl.col("__error").is_null() & differs)
    return frame.select(
        ROW,
        pl.format(
            "found {}; value_text {} {} {}",
            pl.col(column).fill_null("empty"),
            "value_text",
            pl.lit(what),
            pl.col(parsed_column).fill_null("nothing"),
        ).alias("message"),
    )


@rule("unit-mismatch", needs={**NEEDS, "unit": "string"}, field="unit")
def unit_is_the_printed_unit(ctx: Context, table: Table) -> Hits:
    """``unit`` is the unit code ``value_text`` prints (or the curator's, where none is printed)."""
    return _printed(ctx, table, "unit", "__unit", "gives")


@rule("qualifier-mismatch", needs={**NEEDS, "qualifier": "string"}, field="qualifier")
def qualifier_is_the_printed_qualifier(ctx: Context, table: Table) -> Hits:
    """``qualifier`` is what ``value_text`` says (以上 at_least, 超过/多 more_than, 约 approx…),
    and ``qualitative`` where it prints words the parser cannot read as a figure."""
    printed = _printed(ctx, table, "qualifier", "__qualifier", "gives")
    words = (
        parsed(ctx, table)
        .lazy()
        .filter(pl.col("__error").is_not_null() & _WORDS_ONLY)
        .select(
            ROW,
            pl.format(
                "found {}; value_text {} prints no figure (words only): the row is qualitative",
                pl.col("qualifier").fill_null("empty"),
                "value_text",
            ).alias("message"),
        )
    )
    return pl.concat([printed, words])


@rule("printed-mismatch", needs={**NEEDS, "value_printed": "string"}, field="value_printed")
def number_printed_is_in_value_text(ctx: Context, table: Table) -> Hits:
    """``value_printed`` is the number printed in ``value_text``."""
    return _printed(ctx, table, "value_printed", "__number", "prints")


@rule("printed-mismatch", needs={**NEEDS, "unit_printed": "string"}, field="unit_printed")
def unit_printed_is_in_value_text(ctx: Context, table: Table) -> Hits:
    """``unit_printed`` is the multiplier and unit printed in ``value_text``."""
    return _printed(ctx, table, "unit_printed", "__unit_printed", "prints")


@rule("qualitative-value", needs={**NEEDS, "qualifier": "string"}, field="value")
def qualitative_rows_have_no_value(ctx: Context, table: Table) -> Hits:
    """A qualitative row (a goal with no number) has an empty value."""
    frame = table.frame.lazy().filter(
        table.clean("value")
        & (pl.col("qualifier") == "qualitative")
        & pl.col("value").is_not_null()
    )
    raw = table.raw.lazy().select(ROW, pl.col("value").alias("__raw"))
    return frame.join(raw, on=ROW).select(
        ROW,
        pl.format("found {}; qualitative rows have an empty value", "__raw").alias("message"),
    )


@rule(
    "printed-mismatch",
    needs={**NEEDS, "qualifier": "string", "value_printed": "string", "unit_printed": "string"},
)
def qualitative_rows_print_no_number(ctx: Context, table: Table) -> Hits:
    """A qualitative row has no ``value_printed`` and no ``unit_printed``."""
    frame = table.frame.lazy().filter(pl.col("qualifier") == "qualitative")
    parts = [
        frame.filter(pl.col(c).is_not_null()).select(
            ROW,
            pl.format("found {}; qualitative rows print no number", pl.col(c)).alias("message"),
            pl.lit(c).alias("field"),
        )
        for c in ("value_printed", "unit_printed")
    ]
    return pl.concat(parts)


@rule("qualitative-unit", needs={"qualifier": "string", "unit": "string"})
def qualitative_rows_have_no_unit(ctx: Context, table: Table) -> Hits:
    """A qualitative row (a goal or claim with no number) has no ``unit`` and none inferred
    (true of every shipped row: a unit there would enter a sum or a join by unit)."""
    frame = table.frame.lazy().filter(pl.col("qualifier") == "qualitative")
    parts = [
        frame.filter(pl.col("unit").is_not_null()).select(
            ROW,
            pl.format(
                "found {}; a qualitative row prints no number, so it has no unit", "unit"
            ).alias("message"),
            pl.lit("unit").alias("field"),
        )
    ]
    if table.typed("unit_inferred", "boolean"):
        parts.append(
            frame.filter(
                table.clean("unit_inferred") & pl.col("unit_inferred").fill_null(False)
            ).select(
                ROW,
                pl.lit("true; a qualitative row has no unit to infer").alias("message"),
                pl.lit("unit_inferred").alias("field"),
            )
        )
    return pl.concat(parts)


@rule("negative-count", needs={**NEEDS, "unit": "string"}, field="value")
def counts_are_not_negative(ctx: Context, table: Table) -> Hits:
    """A count (persons, households, items…) is negative only when its direction is decrease."""
    decrease = (
        (pl.col("direction") == "decrease").fill_null(False)
        if table.has("direction")
        else pl.lit(False)
    )
    frame = table.frame.lazy().filter(
        table.clean("value") & (pl.col("value") < 0) & pl.col("unit").is_in(COUNT_UNITS) & ~decrease
    )
    return [
        Hit(row, f"found {number(v)} {u}; counts are negative only when direction is decrease")
        for row, v, u in frame.select(ROW, "value", "unit").collect(engine="in-memory").iter_rows()
    ]
