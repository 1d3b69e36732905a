"""Numbers in the English names and descriptions of programs, terms and metrics (attack 5, F14).

A program's ``name_en``, ``aliases_en``, ``description_en`` and ``note``, a term's
``term_en``, ``aliases_en`` and ``explanation_en``, and a metric's ``name_en`` say in English
what the report prints; a number in them (人工智能15条 → "15 Measures", 重点关注企业141家 →
"141 key enterprises", 连续8年 → "8 years running") must be one the Chinese prints: in the
row's Chinese name or aliases, or in a sentence that prints one of them or mentions it (a term's
``explanation_source`` as well, a sentence id or an official document's title; a metric's
facts). A renumbered name ("25 Measures") or an invented figure is a problem on that field.
True of every shipped row. Numbers written as words are not read here: the shipped notes and
explanations say "two parts", "four principles" of lists the Chinese does not count. (Metric
definitions may state a period or a convention from outside the text, so they are not held to
this; fact notes are held to their sentence by :mod:`~.note_numbers`, years aside.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english_numbers import chinese_values, english_numbers
from haidian_report.validate.rules.explanations import SENTENCE_IDS
from haidian_report.validate.rules.mentions import ALIAS_SEPARATOR

#: Per table: its key, its Chinese columns, its English columns, and the tables whose rows
#: link it to sentences (table, key column, sentence column).
CHECKED: Final = {
    "programs": (
        "program_id",
        ("name_zh", "aliases_zh"),
        ("name_en", "aliases_en", "description_en", "note"),
        (("program_mentions", "program_id", "sentence_id"),),
    ),
    "terms": (
        "term_id",
        ("term_zh", "aliases_zh", "explanation_source"),
        ("term_en", "aliases_en", "explanation_en"),
        (("term_mentions", "term_id", "sentence_id"), ("terms", "term_id", "explanation_source")),
    ),
    "metrics": (
        "metric_id",
        ("name_zh", "aliases_zh"),
        ("name_en",),
        (("indicators", "metric_id", "sentence_id"), ("targets", "metric_id", "sentence_id")),
    ),
}


@lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[tuple[str, Decimal], ...]:
    return tuple(english_numbers(text))


def _sentences(
    ctx: Context, links: tuple[tuple[str, str, str], ...], wanted: pl.LazyFrame
) -> pl.LazyFrame | None:
    """(``__key``, ``__linked``): each key (of those ``wanted``, a ``__key`` column) with the
    Chinese text of every sentence its link tables name."""
    sentences = ctx.tables.get("sentences")
    if sentences is None or not sentences.has("sentence_id", "text"):
        return None
    text = (  # a sentence_id given twice: its first row
        sentences.frame.lazy().select("sentence_id", "text").unique("sentence_id", keep="first")
    )
    parts = []
    for name, key, column in links:
        t = ctx.tables.get(name)
        if t is None or not t.has(key, column):
            continue
        ids = (
            t.frame.lazy()
            .select(pl.col(key).cast(pl.String).alias("__key"), pl.col(column).cast(pl.String))
            .join(wanted, on="__key", how="semi")
            .select("__key", pl.col(column).str.extract_all(r"[a-z0-9]+\.s[0-9]+").alias("__ids"))
            .explode("__ids")
        )
        parts.append(ids.filter(pl.col("__ids").is_not_null()))
    if not parts:
        return None
    return (
        pl.concat(parts)
        .unique()
        .join(text, left_on="__ids", right_on="sentence_id")
        .group_by("__key")
        .agg(pl.col("text").sort().alias("__linked"))
    )


def _titled(source: str | None) -> bool:
    """True when an ``explanation_source`` is a document's title, not sentence ids."""
    return source is not None and re.fullmatch(SENTENCE_IDS, source) is None


def _split(cell: str | None) -> list[str]:
    return [n.strip() for n in (cell or "").split(ALIAS_SEPARATOR) if n.strip()]


def _naming(ctx: Context, rows: pl.DataFrame, cols: list[str]) -> dict[str, list[str]]:
    """Each Chinese name or alias of ``rows`` → the sentences that print it (found in the
    Chinese alone, so a row subset of the mention tables changes nothing)."""
    sentences = ctx.tables.get("sentences")
    if ctx.source:  # the source itself: a row subset of sentences changes nothing
        all_text = [t for t in re.split(r"(?<=[。！？\n])", ctx.source) if t.strip()]
    elif sentences is not None and sentences.has("text"):
        all_text = sentences.frame["text"].drop_nulls().unique().to_list()
    else:
        return {}
    names = {n for c in cols for cell in rows[c].unique().to_list() for n in _split(cell)}
    return {n: [t for t in all_text if n in t] for n in names if len(n) >= 2}


def _texts(naming: dict[str, list[str]], names: list[str]) -> list[str]:
    return [t for n in names for t in naming.get(n, [])]


@rule("english-number", needs={}, tables=tuple(CHECKED))
def english_names_print_no_new_number(ctx: Context, table: Table) -> Iterator[Hit]:
    """Every number in a row's English name or description is printed in its Chinese."""
    key, chinese, english, links = CHECKED[table.name]
    english = tuple(c for c in english if table.typed(c, "string"))
    if not table.has(key) or not english:
        return
    digit = pl.any_horizontal(pl.col(c).str.contains("[0-9]").fill_null(False) for c in english)
    cols = [c for c in chinese if table.typed(c, "string")]
    keyed = (
        table.frame.lazy()
        .filter(digit)
        .select(ROW, pl.col(key).cast(pl.String).alias("__key"), *cols, *english)
        .with_row_index("__i")
    )
    texts = _sentences(ctx, links, keyed.select("__key").drop_nulls().unique())
    if texts is not None:
        keyed = keyed.join(texts, on="__key", how="left")
    else:
        keyed = keyed.with_columns(pl.lit(None, pl.List(pl.String)).alias("__linked"))
    # each distinct (Chinese, linked sentences, English) judged once, in one query: rows
    # copied at scale share theirs
    groups = (
        keyed.group_by(*cols, "__linked", *english)
        .agg("__i", ROW, "__key")
        .collect(engine="in-memory")  # the streaming engine costs more on small frames
    )
    if groups.is_empty():
        return
    naming = _naming(ctx, groups, [c for c in cols if c != "explanation_source"])
    hits: list[tuple[int, int, Hit]] = []
    for record in groups.iter_rows(named=True):
        found: set[Decimal] = set()
        names = [n for c in cols if c != "explanation_source" for n in _split(record[c])]
        linked = record["__linked"] or []
        # a source that is sentence ids is read through the sentences: p58.s07 prints no 58
        own = [record[c] or "" for c in cols if c != "explanation_source" or _titled(record[c])]
        for part in [*own, *linked, *_texts(naming, names)]:
            if part:  # a linked sentence whose text is empty (a bare CR cut it) prints nothing
                found |= chinese_values(part)
        for at, column in enumerate(english):
            said = [s for s, v in _numbers(record[column] or "") if v not in found]
            if not said:
                continue
            states = ", ".join(dict.fromkeys(said))
            hits += [
                (
                    i,
                    at,
                    Hit(
                        row,
                        f"the English states {states}, which neither the Chinese name nor a "
                        f"sentence naming {name} prints",
                        column,
                    ),
                )
                for i, row, name in zip(record["__i"], record[ROW], record["__key"], strict=True)
            ]
    yield from (hit for *_, hit in sorted(hits, key=lambda h: h[:2]))
