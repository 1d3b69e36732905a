"""Stage 8 (``strict``): the full package accounts for the whole source.

* ``strict-missing-table`` — every table the package defines is present;
* ``strict-empty-table`` — and holds rows (an emptied table of links, which no digit run or
  quoted phrase needs, would otherwise pass);
* ``unaccounted-digits`` / ``unaccounted-quote`` — every digit run and quoted phrase of the
  source is a fact's value or period, a mention, or an exclusion
  (:mod:`haidian_report.completeness`);
* ``sentence-tiling`` / ``paragraph-tiling`` — every non-whitespace character is in exactly
  one sentence and one paragraph.

Only rows whose spans are in range and whose periods are well formed take part: the others
are reported by the earlier stages, and must not stop this one.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from haidian_report.completeness import unaccounted_digits, unaccounted_quotes
from haidian_report.validate.model import Context, Table
from haidian_report.validate.provenance import good_spans, main_pair, pairs
from haidian_report.validate.rules.common import PERIOD_RE
from haidian_report.validate.text import show


def check(ctx: Context) -> None:
    """Every strict rule."""
    for name in ctx.canonical:
        if name not in ctx.declared:
            ctx.add(
                "strict-missing-table",
                f"--strict needs the full package; {name!r} is missing",
                name,
            )
        elif (table := ctx.tables.get(name)) is not None and not table.height:
            ctx.add(
                "strict-empty-table",
                f"--strict needs the full package; {name!r} has no rows",
                name,
            )
    if ctx.source is None:
        return
    source, label = ctx.source, ctx.source_name
    facts, mentions, exclusions = _rows(ctx)
    for piece in unaccounted_digits(source, facts, exclusions)[: ctx.problems.room(label)]:
        context = source[max(0, piece.start - 12) : piece.end + 8].replace("\n", " ")
        ctx.add(
            "unaccounted-digits",
            f"line {piece.line}: digit run {piece.text!r} at [{piece.start}:{piece.end}] is in no "
            f"fact value, fact period or digits exclusion (…{context}…)",
            label,
        )
    for piece in unaccounted_quotes(source, mentions, exclusions)[: ctx.problems.room(label)]:
        ctx.add(
            "unaccounted-quote",
            f"line {piece.line}: quoted phrase “{piece.text}” at [{piece.start}:{piece.end}] is in "
            "no program or term mention and no quoted exclusion",
            label,
        )
    sentences = ctx.tables.get("sentences")
    if sentences is not None:
        _tiling(ctx, sentences, None, "sentence-tiling", "sentences")
    sections = ctx.tables.get("sections")
    if sections is not None and sections.has("kind"):
        _tiling(ctx, sections, "paragraph", "paragraph-tiling", "paragraphs")


def _spans(ctx: Context, table: Table, prefix: str) -> pl.DataFrame:
    pair = next((p for p in pairs(table) if p.prefix == prefix), None)
    if pair is None:
        return pl.DataFrame()
    frame = good_spans(ctx, table, pair)
    return frame.rename(
        {"a": f"{prefix}_start" if prefix else "start", "b": f"{prefix}_end" if prefix else "end"}
    )


def _rows(ctx: Context) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Facts, mentions and exclusions whose spans (and periods) can be used."""
    from haidian_report.validate.model import ROW

    facts: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    exclusions: list[dict[str, Any]] = []
    for table in ctx.tables.values():
        main = main_pair(table)
        if main is None or main.prefix != "quote":
            continue
        quotes = _spans(ctx, table, "quote")
        if table.has("value_start", "value_end") and table.typed("value_start", "integer"):
            frame = quotes.join(_spans(ctx, table, "value"), on=ROW)
            periods = [c for c in ("period", "base_period") if table.typed(c, "string")]
            frame = frame.join(
                table.frame.select(
                    ROW,
                    *(
                        pl.when(pl.col(c).str.contains(PERIOD_RE)).then(pl.col(c)).alias(c)
                        for c in periods
                    ),
                ),
                on=ROW,
            )
            facts += frame.to_dicts()
        if table.name.endswith("_mentions"):
            mentions += quotes.to_dicts()
        if table.name == "exclusions" and table.has("kind"):
            kinds = quotes.join(table.frame.select(ROW, "kind"), on=ROW)
            exclusions += kinds.filter(pl.col("kind").is_not_null()).to_dicts()
    return facts, mentions, exclusions


def _tiling(ctx: Context, table: Table, kind: str | None, code: str, what: str) -> None:
    """Every non-whitespace character of the source is in exactly one span of ``table``."""
    assert ctx.source is not None
    source = ctx.source
    spans = _spans(ctx, table, "")
    if kind is not None:
        from haidian_report.validate.model import ROW

        spans = spans.join(table.frame.select(ROW, "kind"), on=ROW).filter(pl.col("kind") == kind)
    depth = [0] * (len(source) + 1)
    for a, b in spans.select("start", "end").iter_rows():
        depth[a] += 1
        depth[b] -= 1
    runs: list[list[int]] = []  # [start, end, spans covering it]
    level = 0
    open_run = False
    for i, ch in enumerate(source):
        level += depth[i]
        if ch.isspace():
            continue  # whitespace may be in none, and does not end a stretch
        if level == 1:
            open_run = False
        elif open_run and runs[-1][2] == level:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, level])
            open_run = True
    for a, b, count in runs[: ctx.problems.room(table.name)]:
        ctx.add(
            code,
            f"source[{a}:{b}] {show(source[a:b])} is in {count} {what}; expected 1",
            table.name,
        )
