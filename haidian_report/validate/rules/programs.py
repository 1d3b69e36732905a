"""Rules on program mentions: the written status rule's words, re-derived from the source.

The build writes each mention's ``status_signal`` and ``frame_verb`` with
:mod:`haidian_report.status_rule` (curation/README.md, "Status rule"); here the same functions
read them again from the printed clause, so that a derived package cannot change them against
the text. A program's ``status`` must then be one its mentions allow: that is
:mod:`~haidian_report.validate.rules.status`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

import polars as pl

from haidian_report.status_rule import clause_bounds, clause_signal, frame_verb
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, rule
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
