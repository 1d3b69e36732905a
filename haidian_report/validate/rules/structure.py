"""Rules on the structure of the source: the section tree and the sentences.

The sections are a tree whose levels match their kinds (the kind vocabulary's order is the
level: part 1, subsection 2, paragraph 3), each section's parent is at a higher level (so no
section is its own parent or ancestor), a paragraph is one whole line of the source, and ids,
lines and headings agree with the text. Sentences carry their line and position in their id.
Paragraphs and sentences never overlap (``strict`` also requires that they tile the source).
"""

from __future__ import annotations

from typing import Any, Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.provenance import good_spans, main_pair
from haidian_report.validate.rules.common import enum_of, spans_text
from haidian_report.validate.rules.engine import Hits, rule

SECTION: Final = {"section_id": "string", "level": "integer", "kind": "string"}
SPAN: Final = {"start": "integer", "end": "integer"}
#: The front matter (title, date, speaker) before part one: a part with no heading or line.
FRONT: Final = "front"


@rule("section-tree", needs={**SECTION, "parent_id": "string"}, field="parent_id")
def sections_form_a_tree(ctx: Context, table: Table) -> Hits:
    """A section's level is its kind's (part 1, subsection 2, paragraph 3); a part has no
    parent, every other section one at a higher level (never itself)."""
    kinds = enum_of(table, "kind")
    levels = {k: i + 1 for i, k in enumerate(kinds)}
    parents = table.frame.select(
        pl.col("section_id").alias("parent_id"), pl.col("level").alias("__pl")
    ).unique("parent_id", keep="first")  # a section_id given twice: its first row
    columns = [ROW, "section_id", "parent_id", "level", "kind"]
    frame = table.frame.select(columns).join(parents, on="parent_id", how="left").lazy()
    want = pl.col("kind").replace_strict(levels, default=None, return_dtype=pl.Int64)
    top = kinds[0] if kinds else None
    checks: list[tuple[pl.Expr, str, str, list[Any]]] = [
        (
            pl.col("parent_id") == pl.col("section_id"),
            "section {} is its own parent",
            "parent_id",
            ["section_id"],
        ),
        (
            want.is_not_null() & (pl.col("level") != want),
            "level {} does not match kind {} (level {})",
            "level",
            ["level", "kind", want],
        ),
        (
            (pl.col("kind") == top) & pl.col("parent_id").is_not_null(),
            "a {} has no parent; found {}",
            "parent_id",
            ["kind", "parent_id"],
        ),
        (
            (pl.col("kind") != top) & pl.col("parent_id").is_null(),
            "a {} needs a parent section",
            "parent_id",
            ["kind"],
        ),
        (
            pl.col("__pl") >= pl.col("level"),
            "parent {} is at level {}, not above this section's {}",
            "parent_id",
            ["parent_id", "__pl", "level"],
        ),
    ]
    parts = [
        frame.filter(cond.fill_null(False)).select(
            ROW, pl.format(template, *args).alias("message"), pl.lit(field).alias("field")
        )
        for cond, template, field, args in checks
    ]
    # one query, not five; a row gets the first check its field breaks, not every check one
    # wrong cell breaks (a section made its own parent is also a parent "not above" it)
    return pl.concat(parts).unique([ROW, "field"], keep="first", maintain_order=True)


@rule(
    "section-line",
    needs={"section_id": "string", "kind": "string", **SPAN, "line": "integer"},
    field="line",
    source=True,
)
def section_line_is_where_it_starts(ctx: Context, table: Table) -> Hits:
    """A section's line is the source line its span starts on, given for every section but the
    front matter (which prints none); a paragraph's id is p<line>."""
    if ctx.source is None:
        return None
    spans = good_spans(ctx, table, main_pair(table))  # type: ignore[arg-type]
    line_of = pl.Series(ctx.source_index.line_of).gather(spans["a"])
    # left: a row whose span is not good (provenance reports it) still needs its line
    lines = spans.select(ROW, line_of.alias("__line")).lazy()
    frame = table.frame.lazy().join(lines, on=ROW, how="left")
    wrong_line = pl.col("line").is_not_null() & (pl.col("line") != pl.col("__line"))
    missing = pl.col("line").is_null() & (pl.col("section_id") != FRONT)
    para_id = pl.format("p{}", pl.col("__line").cast(pl.String).str.zfill(2))
    wrong_id = (pl.col("kind") == "paragraph") & (pl.col("section_id") != para_id)
    found = pl.col("__line").cast(pl.String).fill_null("?")
    wrong_id_message = pl.format(
        "paragraph {} starts on line {}; expected id {}", "section_id", "__line", para_id
    )
    checks = [
        (
            wrong_line,
            pl.format("found {}; the section starts on line {}", "line", "__line"),
            "line",
        ),
        (missing, pl.format("empty; the section starts on line {}", found), "line"),
        (wrong_id, wrong_id_message, "section_id"),
    ]
    return pl.concat(
        [
            frame.filter(cond.fill_null(False)).select(
                ROW, message.alias("message"), pl.lit(field).alias("field")
            )
            for cond, message, field in checks
        ]
    )


@rule(
    "section-heading", needs={**SECTION, **SPAN, "heading": "string"}, field="heading", source=True
)
def heading_is_printed_where_the_section_starts(ctx: Context, table: Table) -> Hits:
    """A section's heading is printed at the start of its span."""
    if ctx.source is None:
        return None
    frame = table.frame.filter(pl.col("heading").is_not_null() & table.clean("start"))
    frame = frame.with_columns(__he=pl.col("start") + pl.col("heading").str.len_chars())
    frame = spans_text(ctx, frame, "start", "__he", "__printed")
    bad = frame.lazy().filter(pl.col("__printed").ne_missing(pl.col("heading")))
    return bad.select(
        ROW,
        pl.format(
            "found {}; the source prints {} at the section's start",
            "heading",
            pl.col("__printed").fill_null("nothing"),
        ).alias("message"),
    )


@rule("paragraph-line", needs={**SECTION, **SPAN}, field="start", source=True)
def paragraph_is_a_whole_line(ctx: Context, table: Table) -> Hits:
    """A paragraph's span is one whole line of the source (without its line end)."""
    if ctx.source is None:
        return None
    spans = good_spans(ctx, table, main_pair(table))  # type: ignore[arg-type]
    frame = (
        table.frame.select(ROW, "kind").join(spans, on=ROW).filter(pl.col("kind") == "paragraph")
    )
    frame = spans_text(
        ctx,
        frame.with_columns(__a1=(pl.col("a") - 1).clip(0), __b1=pl.col("b") + 1),
        "__a1",
        "a",
        "__before",
    )
    frame = spans_text(ctx, frame, "b", "__b1", "__after")
    frame = spans_text(ctx, frame, "a", "b", "__text")
    starts_line = (pl.col("a") == 0) | (pl.col("__before") == "\n")
    ends_line = (pl.col("__after").is_in(["\n", ""])) | pl.col("__after").is_null()
    trimmed = pl.col("__text").str.strip_chars() == pl.col("__text")
    bad = frame.lazy().filter(
        ~(starts_line & ends_line & trimmed & ~pl.col("__text").str.contains("\n", literal=True))
    )
    return bad.select(
        ROW,
        pl.format("paragraph [{}:{}] is not one whole line of the source", "a", "b").alias(
            "message"
        ),
    )


@rule("span-overlap", needs={**SPAN})
def spans_do_not_overlap(ctx: Context, table: Table) -> Hits:
    """Sentences never overlap one another, nor do paragraphs."""
    pair = main_pair(table)
    if pair is None or pair.prefix or table.name not in ("sentences", "sections"):
        return None
    spans = good_spans(ctx, table, pair)
    if table.name == "sections":
        if not table.typed("kind", "string"):
            return None  # which spans are paragraphs is unknown
        spans = spans.join(table.frame.select(ROW, "kind"), on=ROW).filter(
            pl.col("kind") == "paragraph"
        )
    # (row last: of two equal spans the later row is the one that overlaps the earlier)
    ordered = (
        spans.lazy()
        .sort("a", "b", ROW)
        .with_columns(__prev_b=pl.col("b").shift(1), __prev_row=pl.col(ROW).shift(1))
    )
    bad = ordered.filter(pl.col("a") < pl.col("__prev_b"))
    # the message is made from plain strings: pl.format over the shifted integer columns has
    # panicked in polars on a corrupted sections table (fuzz)
    text = [pl.col(c).cast(pl.String).fill_null("?") for c in ("a", "b", "__prev_row", "__prev_b")]
    return bad.select(
        ROW,
        pl.concat_str(
            pl.lit("["),
            text[0],
            pl.lit(":"),
            text[1],
            pl.lit("] overlaps row "),
            text[2],
            pl.lit(" (which ends at "),
            text[3],
            pl.lit(")"),
        ).alias("message"),
        pl.lit("start").alias("field"),
    )


@rule(
    "sentence-id",
    needs={"sentence_id": "string", "section_id": "string", "line": "integer", "index": "integer"},
    field="sentence_id",
)
def sentence_id_is_line_and_index(ctx: Context, table: Table) -> Hits:
    """A sentence's id is p<line>.s<index>, its section the paragraph p<line>, and its line
    the one its span starts on."""
    line2 = pl.col("line").cast(pl.String).str.zfill(2)
    want_id = pl.format("p{}.s{}", line2, pl.col("index").cast(pl.String).str.zfill(2))
    frame = table.frame.lazy().filter(table.clean("line", "index"))
    parts = [
        frame.filter(pl.col("sentence_id") != want_id).select(
            ROW,
            pl.format(
                "found {}; line {} and index {} give {}", "sentence_id", "line", "index", want_id
            ).alias("message"),
            pl.lit("sentence_id").alias("field"),
        ),
        frame.filter(pl.col("section_id") != pl.format("p{}", line2)).select(
            ROW,
            pl.format(
                "found {}; a sentence on line {} is in paragraph p{}", "section_id", "line", line2
            ).alias("message"),
            pl.lit("section_id").alias("field"),
        ),
    ]
    if ctx.source is not None and table.has("start", "end"):
        spans = good_spans(ctx, table, main_pair(table))  # type: ignore[arg-type]
        line_of = pl.Series(ctx.source_index.line_of).gather(spans["a"])
        joined = frame.join(spans.select(ROW, line_of.alias("__line")).lazy(), on=ROW)
        parts.append(
            joined.filter(pl.col("line") != pl.col("__line")).select(
                ROW,
                pl.format("found {}; the sentence starts on line {}", "line", "__line").alias(
                    "message"
                ),
                pl.lit("line").alias("field"),
            )
        )
    return pl.concat(parts)
