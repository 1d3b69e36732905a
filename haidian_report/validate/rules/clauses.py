"""The printed words around a fact's value, read from its sentence (for the rules of
:mod:`~haidian_report.validate.rules.printed` and :mod:`~haidian_report.validate.rules.measures`).

Each rule here reads the sentence, never only the quote: the word that decides a field (预计,
预期目标, 较2016年, 开工) may stand before the quote begins. A row whose sentence is not in the
package (a derived package without the sentences table, a sentence id that names nothing, a
sentence whose span does not hold the value) is skipped: its sentence is reported by the rules
that check references and spans, and guessing from the quote alone would blame correct rows.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table

#: What ends a clause: the commas, semicolons, colons and full stops of the report.
CLAUSE_END: Final = "[,，;；:：。]"
#: What ends a group of clauses (the reach of 预计): semicolons and full stops.
GROUP_END: Final = "[;；。]"
#: Up to this many rows, :func:`around` cuts the words row by row (no polars query).
_CUT_ROW_BY_ROW: Final = 1000
#: The columns a fact needs for its words to be read.
SPANS: Final = {
    "sentence_id": "string",
    "value_start": "integer",
    "value_end": "integer",
    "quote": "string",
}


def around(ctx: Context, table: Table) -> pl.DataFrame:
    """The table's frame with ``head`` (the sentence up to the value), ``tail`` (the sentence
    after the value) and ``printed`` (the value's span), for rows whose sentence holds the
    value; other rows are left out.

    Computed once per table (the rules share it).
    """
    cached = table.cache.get("clauses.around")
    if isinstance(cached, pl.DataFrame):
        return cached
    sentences = ctx.tables.get("sentences")
    frame = table.frame.filter(table.clean("value_start", "value_end"))
    if (
        ctx.source is None
        or sentences is None
        or not sentences.has("sentence_id", "start", "end")
        or not (sentences.typed("start", "integer") and sentences.typed("end", "integer"))
    ):
        empty = pl.lit(None, pl.String)
        frame = frame.clear().with_columns(head=empty, tail=empty, printed=empty)
    else:
        bounds = (
            sentences.frame.filter(sentences.clean("start", "end"))
            .select("sentence_id", pl.col("start").alias("__ss"), pl.col("end").alias("__se"))
            .drop_nulls()
            .unique("sentence_id", keep="none")
        )
        # the words are cut from narrow frames, then set beside the table's own columns
        # (shared, not copied: the frame kept for the table's rules costs only the words)
        spans = frame.select(ROW, "sentence_id", "value_start", "value_end")
        spans = spans.join(bounds, on="sentence_id", how="inner").filter(
            (pl.col("__ss") <= pl.col("value_start"))
            & (pl.col("value_start") <= pl.col("value_end"))
            & (pl.col("value_end") <= pl.col("__se"))
        )
        words = _words(ctx, spans).filter(pl.col("head").is_not_null())
        words = words.sort(ROW)
        if words[ROW].equals(table.frame[ROW]):  # every row (the usual case): aligned
            frame = table.frame.hstack(words.drop(ROW).get_columns())
        else:
            frame = frame.join(words, on=ROW, how="inner", maintain_order="left")
    table.cache["clauses.around"] = frame
    return frame


def _words(ctx: Context, spans: pl.DataFrame) -> pl.DataFrame:
    """(ROW, head, tail, printed) of ``spans`` (ROW, __ss, value_start, value_end, __se): each
    slice of the source, null where out of range. A large frame cuts each distinct span once
    (copies of a fact share theirs) and joins the words back; a small one is cut row by row,
    without a polars query (whose fixed cost is most of the work at that size)."""
    source = ctx.source
    assert source is not None
    columns = ["__ss", "value_start", "value_end", "__se"]
    distinct = spans.height > _CUT_ROW_BY_ROW
    quads = spans.select(columns).unique() if distinct else spans
    ss, vs, ve, se = (quads[c].to_list() for c in columns)
    words = pl.DataFrame(
        {
            "head": _cut(source, ss, vs),
            "tail": _cut(source, ve, se),
            "printed": _cut(source, vs, ve),
        },
        schema=dict.fromkeys(("head", "tail", "printed"), pl.String),
    )
    if distinct:
        words = spans.select(ROW, *columns).join(quads.hstack(words), on=columns, how="left")
        return words.select(ROW, "head", "tail", "printed")
    return words.insert_column(0, spans[ROW])


def _cut(source: str, starts: list[int], ends: list[int]) -> list[str | None]:
    """``source[a:b]`` for each pair, None where it is out of range."""
    size = len(source)
    return [source[a:b] if 0 <= a <= b <= size else None for a, b in zip(starts, ends, strict=True)]


def last_clause(column: str) -> pl.Expr:
    """What follows the last comma, semicolon, colon or full stop of a text column.

    >>> pl.DataFrame({"x": ["增长8%,五年年均增长"]}).select(last_clause("x"))["x"][0]
    '五年年均增长'
    """
    return pl.col(column).str.extract(f"([^{CLAUSE_END[1:-1]}]*)$", 1)


def first_clause(column: str) -> pl.Expr:
    """What precedes the first comma, semicolon, colon or full stop of a text column."""
    return pl.col(column).str.extract(f"^([^{CLAUSE_END[1:-1]}]*)", 1)


def last_group(column: str) -> pl.Expr:
    """What follows the last semicolon or full stop of a text column (the reach of 预计)."""
    return pl.col(column).str.extract(f"([^{GROUP_END[1:-1]}]*)$", 1)


def quote_tail(column: str, n: int = 12) -> pl.Expr:
    """The last ``n`` characters of a text column, for messages."""
    return pl.col(column).str.slice(-n)
