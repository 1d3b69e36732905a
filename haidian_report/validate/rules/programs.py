"""Rules on programs and their mentions: the written status rule, re-derived from the source.

The build writes each mention's ``status_signal`` and ``frame_verb`` with
:mod:`haidian_report.status_rule` (curation/README.md, "Status rule"); here the same functions
read them again from the printed clause, so that a derived package cannot change them against
the text. A program's ``status`` must then be one its mentions allow, in the part of the rule
that holds for every subset of the mentions (a derived package may drop some):

* a program named in part one (the review) is never ``planned``;
* a ``planned`` program has no mention whose clause gives a signal, and no ``status_evidence``;
* a ``done`` program has no part-two mention without a signal (new work on it in the plan).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

import polars as pl

from haidian_report.status_rule import clause_bounds, clause_signal, frame_verb
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, Hits, rule
from haidian_report.validate.text import show

SPAN: Final = {"quote_start": "integer", "quote_end": "integer", "part": "string"}
PARTS: Final = ("part1", "part2")


def _misplaced(ctx: Context, table: str) -> list[int]:
    """Rows with a problem already in the fields that place the mention (reported once)."""
    placing = ("quote", "quote_start", "quote_end", "part", "sentence_id", None)
    return [
        p.row
        for p in ctx.problems.kept
        if p.resource == table and p.row is not None and p.field in placing
    ]


def _spans(ctx: Context, table: Table, *columns: str) -> pl.DataFrame:
    """Rows whose span and part can be read again in the source (and had no problem yet)."""
    assert ctx.source is not None
    size = len(ctx.source)
    ok = (
        (pl.col("quote_start") >= 0)
        & (pl.col("quote_start") <= pl.col("quote_end"))
        & (pl.col("quote_end") <= size)
        & pl.col("part").is_in(PARTS)
        & ~pl.col(ROW).is_in(_misplaced(ctx, table.name))
    )
    frame = table.frame.filter(table.clean("quote_start", "quote_end"))
    return frame.filter(ok.fill_null(False)).select(
        ROW, "quote_start", "quote_end", "part", *columns
    )


def _rederived(
    frame: pl.DataFrame, keys: list[str], derive: Callable[..., str | None]
) -> pl.DataFrame:
    """Rows of ``frame`` whose last column differs from ``derive(*keys)``, with it as
    ``__want``; ``derive`` runs once per distinct key (scaled copies repeat spans)."""
    column = frame.columns[-1]
    distinct = frame.select(keys).unique()
    said = distinct.with_columns(
        pl.Series("__want", [derive(*k) for k in distinct.iter_rows()], dtype=pl.String)
    )
    return frame.join(said, on=keys).filter(pl.col("__want").ne_missing(pl.col(column)))


@rule(
    "mention-status-signal",
    needs={**SPAN, "status_signal": "string"},
    tables=("program_mentions",),
    field="status_signal",
    source=True,
)
def signal_is_what_the_clause_says(ctx: Context, table: Table) -> Iterator[Hit]:
    """A mention's ``status_signal`` is what the words governing it in its clause say."""
    source = ctx.source
    assert source is not None
    frame = _spans(ctx, table, "status_signal")
    keys = ["quote_start", "quote_end", "part"]
    wrong = _rederived(frame, keys, lambda a, b, part: clause_signal(source, a, b, part))
    for row, a, b, part, signal, want in wrong.iter_rows():
        left, right = clause_bounds(source, a, b)
        yield Hit(
            row,
            f"found {signal or 'none'}; in {part} the clause {show(source[left:right], 80)} "
            f"gives {want or 'none'} (the status rule of curation/README.md)",
        )


@rule(
    "mention-frame-verb",
    needs={**SPAN, "frame_verb": "string"},
    tables=("program_mentions",),
    field="frame_verb",
    source=True,
)
def frame_verb_is_printed_before_the_name(ctx: Context, table: Table) -> Iterator[Hit]:
    """A mention's ``frame_verb`` is the listed verb printed right before its quote (or none)."""
    source = ctx.source
    assert source is not None
    frame = _spans(ctx, table, "frame_verb")
    wrong = _rederived(frame, ["quote_start"], lambda a: frame_verb(source, a))
    for row, a, _b, _part, verb, want in wrong.iter_rows():
        yield Hit(
            row,
            f"found {verb or 'none'}; the text before the quote, "
            f"{show(source[max(0, a - 6) : a])}, gives {want or 'none'}",
        )


@rule("program-status", needs={"program_id": "string", "status": "string"}, field="status")
def status_is_one_the_mentions_allow(ctx: Context, table: Table) -> Hits:
    """A program's status is one its mentions allow (never ``planned`` once named in part one
    or given a signal; never ``done`` while part two plans new work on it)."""
    mentions = ctx.tables.get("program_mentions")
    if mentions is None or not mentions.has("program_id", "part", "status_signal", "mention_id"):
        return None
    # only programs planned or done can break the rule: their mentions alone are grouped
    evidence = (
        pl.col("status_evidence").is_not_null() if table.has("status_evidence") else pl.lit(False)
    )
    frame = table.frame.filter(pl.col("status").is_in(("planned", "done"))).select(
        ROW, "program_id", "status", evidence.alias("__evidence")
    )
    m = mentions.frame.select("program_id", "part", "status_signal", "mention_id").filter(
        pl.col("program_id").is_not_null()
    )
    m = m.join(frame.select("program_id").unique(), on="program_id", how="semi")

    def first(where: pl.Expr) -> pl.Expr:
        return pl.col("mention_id").filter(where).min()

    by_program = m.group_by("program_id").agg(
        first(pl.col("part") == "part1").alias("__part1"),
        first(pl.col("status_signal").is_not_null()).alias("__signal"),
        first((pl.col("part") == "part2") & pl.col("status_signal").is_null()).alias("__new"),
    )
    frame = frame.join(by_program, on="program_id", how="inner")
    evidence = pl.col("__evidence")
    planned = pl.col("status") == "planned"
    messages = [
        (
            planned & pl.col("__part1").is_not_null(),
            pl.format("planned, but part one (the review) names it: mention {}", "__part1"),
        ),
        (
            planned & pl.col("__signal").is_not_null(),
            pl.format("planned, but the clause of mention {} gives a signal", "__signal"),
        ),
        (
            planned & evidence,
            pl.lit("planned, but status_evidence quotes words saying it exists (ongoing)"),
        ),
        (
            (pl.col("status") == "done") & pl.col("__new").is_not_null(),
            pl.format("done, but part two plans new work on it: mention {} has no signal", "__new"),
        ),
    ]
    hits = [
        frame.filter(cond.fill_null(False)).select(ROW, message.alias("message"))
        for cond, message in messages
    ]
    return pl.concat(hits).unique(ROW, keep="first")
