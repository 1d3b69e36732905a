"""Helpers the meaning rules share: source slices, periods and the words that mark meaning.

The periods the report covers are facts about the source (DESIGN.md): part one reviews
2016-2021 (2016 is the base year of the five-year comparisons), part two plans 2022 and the
five years to 2026.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.provenance import slices

#: Years an indicator may refer to (the reviewed years, with the 2016 base year).
REVIEWED: Final = (2016, 2021)
#: Years a target may refer to (2022 and the five years of the plan).
PLANNED: Final = (2022, 2026)
#: The period ranges by table.
PERIOD_RANGES: Final = {"indicators": REVIEWED, "targets": PLANNED}
PERIOD_RE: Final = r"^[0-9]{4}(?:-[0-9]{4})?$"


def first_year(column: str) -> pl.Expr:
    """The first year of a well-formed period column ("2017-2021" → 2017), else null."""
    c = pl.col(column)
    return pl.when(c.str.contains(PERIOD_RE)).then(c.str.slice(0, 4).cast(pl.Int64))


def last_year(column: str) -> pl.Expr:
    """The last year of a well-formed period column ("2017-2021" → 2021), else null."""
    c = pl.col(column)
    return pl.when(c.str.contains(PERIOD_RE)).then(c.str.slice(-4).cast(pl.Int64))


def spans_text(ctx: Context, frame: pl.DataFrame, a: str, b: str, alias: str) -> pl.DataFrame:
    """``frame`` with ``alias = source[a:b]`` (null where the span is out of range)."""
    assert ctx.source is not None
    size = len(ctx.source)
    ok = (pl.col(a) >= 0) & (pl.col(a) <= pl.col(b)) & (pl.col(b) <= size)
    spans = frame.filter(ok.fill_null(False)).select(
        ROW, pl.col(a).alias("a"), pl.col(b).alias("b")
    )
    cut = slices(ctx.source, spans).select(ROW, pl.col("actual").alias(alias))
    return frame.join(cut, on=ROW, how="left")


def before_value(ctx: Context, table: Table) -> pl.DataFrame:
    """(ROW, value_start, pre, sentence_pre): the quote, and the sentence, up to the value.

    ``sentence_pre`` runs from the start of the row's sentence (when the package has the
    sentences table) or of its quote.
    """
    frame = table.frame.filter(table.clean("quote_start", "value_start"))
    frame = frame.select(
        ROW, "quote_start", "value_start", *(["sentence_id"] if table.has("sentence_id") else [])
    )
    sentences = ctx.tables.get("sentences")
    if sentences is not None and table.has("sentence_id") and sentences.has("sentence_id", "start"):
        starts = sentences.frame.select("sentence_id", pl.col("start").alias("__s")).unique(
            "sentence_id"
        )
        frame = frame.join(starts, on="sentence_id", how="left")
        frame = frame.with_columns(
            pl.min_horizontal(pl.col("__s").fill_null(pl.col("quote_start")), "quote_start").alias(
                "__s"
            )
        )
    else:
        frame = frame.with_columns(pl.col("quote_start").alias("__s"))
    frame = spans_text(ctx, frame, "quote_start", "value_start", "pre")
    frame = spans_text(ctx, frame, "__s", "value_start", "sentence_pre")
    return frame.select(ROW, "value_start", "pre", "sentence_pre")


def clause(column: str) -> pl.Expr:
    """The last clause of a text column: what follows its last comma, semicolon or colon."""
    return pl.col(column).str.extract(r"([^,，;；:：。、]*)$", 1)


def enum_of(table: Table, column: str) -> list[str]:
    """The declared categories of a column (empty when it declares none)."""
    f = table.spec.field(column)
    values = f.constraints.get("enum") if f is not None else None
    return [str(v) for v in values] if isinstance(values, list) else []


def key_column(table: Table) -> str | None:
    """The table's single-column primary key, if it has one."""
    key = table.spec.primary_key
    return key[0] if len(key) == 1 else None


def flawed(ctx: Context, table: str) -> list[int]:
    """Rows of ``table`` with a problem already: rules comparing other rows with them skip
    them, so that one wrong row is reported once, not again through every row naming it."""
    return [p.row for p in ctx.problems.kept if p.resource == table and p.row is not None]
