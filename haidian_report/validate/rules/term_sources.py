"""Rules on the sentences a term's explanation rests on: each is about the term.

A ``report`` explanation names the sentences of the report that spell the term out
(``explanation_source``: "p24.s04, p58.s05"); ``term-explanation-source`` (:mod:`~.explanations`)
holds them to be sentences of the source. Every shipped one is about its term: it prints the
term's name or an alias (违法群租房、占道经营、开墙打洞“动态清零”), or three characters running of
it (三个走在最前头 is spelt out as 走在…的最前头 three times), or it stands in the paragraph of a
cited sentence that does (“两区” is 加快推进“两区”建设, and the next sentence names the two
zones). A real sentence about something else (三水 pointed at 全国双拥模范城创建实现“九连冠”) is
none of these; nor is a sentence id the explanation's own words name but its source does not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.distinct import exact_key
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.explanations import (
    SENTENCE_ID,
    SENTENCE_IDS,
    source_sentences,
)

#: The shortest run of a name's characters that ties a sentence to the term.
RUN: Final = 3
#: Quote marks around a printed name, which are not part of it.
QUOTES: Final = "“”\"'"


@lru_cache(maxsize=2)
def _sentences(source: str) -> dict[str, tuple[str, str]]:
    """sentence id → (paragraph id, text), as the build segments the source (segmented once
    a run, with the explanation rules)."""
    return {s.sentence_id: (s.section_id, s.text) for s in source_sentences(source)}


def _runs(names: list[str]) -> set[str]:
    """Every run of :data:`RUN` characters of the names (none of a shorter name)."""
    return {n[i : i + RUN] for n in names for i in range(len(n) - RUN + 1)}


def unrelated(
    names: list[str], cited: list[str], sentences: dict[str, tuple[str, str]]
) -> list[str]:
    """The cited sentences (known ones only) about something else than the term ``names``.

    >>> s = {"p01.s01": ("p01", "加快推进“两区”建设。"), "p01.s02": ("p01", "建设示范区。"),
    ...      "p02.s01": ("p02", "实现“九连冠”。")}
    >>> unrelated(["两区"], ["p01.s01", "p01.s02", "p02.s01"], s)
    ['p02.s01']
    """
    bare = [n.strip(QUOTES) for n in names if n and n.strip(QUOTES)]
    runs = _runs(bare)
    known = [c for c in cited if c in sentences]
    holds = {c for c in known if any(n in sentences[c][1] for n in bare)}
    near = {c for c in known if any(r in sentences[c][1] for r in runs)}
    paragraphs = {sentences[c][0] for c in holds}
    return [c for c in known if c not in holds | near and sentences[c][0] not in paragraphs]


@rule(
    "term-explanation-sentence",
    needs={"term_zh": "string", "explanation_basis": "string", "explanation_source": "string"},
    field="explanation_source",
    source=True,
)
def cited_sentences_are_about_the_term(ctx: Context, table: Table) -> Hits:
    """Each sentence a report explanation cites prints the term (its name, an alias, or
    three characters running of the name) or shares a paragraph with a cited one that does;
    a sentence id the explanation names is one its source cites."""
    assert ctx.source is not None
    sentences = _sentences(ctx.source)
    aliases = pl.col("aliases_zh") if table.has("aliases_zh") else pl.lit(None, pl.String)
    english = pl.col("explanation_en") if table.has("explanation_en") else pl.lit(None, pl.String)
    key = exact_key(*(pl.col(c) for c in ("term_zh", "__aliases", "explanation_source", "__en")))
    frame = (
        table.frame.lazy()
        .filter(
            (pl.col("explanation_basis") == "report")
            & pl.col("explanation_source").str.contains(SENTENCE_IDS).fill_null(False)
            & pl.col("term_zh").is_not_null()
        )
        .select(
            ROW,
            "term_zh",
            aliases.cast(pl.String).alias("__aliases"),
            "explanation_source",
            english.cast(pl.String).alias("__en"),
        )
        .with_columns(__k=key)
        .collect(engine="in-memory")
    )
    # each distinct (term, aliases, source, explanation) read once: copies share theirs
    found: list[tuple[str, str, str]] = []
    distinct = frame.unique("__k", keep="first").select(  # (__k is the columns read)
        "__k", "term_zh", "__aliases", "explanation_source", "__en"
    )
    for k, term, alias_text, cited_text, text in distinct.iter_rows():
        names = [term, *(alias_text.split(" | ") if alias_text else [])]
        cited = cited_text.split(", ")
        found.extend(
            (
                k,
                f"cites {c} ({sentences[c][1][:40]}…), which prints neither {term} nor its "
                "aliases, nor shares a paragraph with a cited sentence that does",
                "explanation_source",
            )
            for c in unrelated(names, cited, sentences)
        )
        named = sorted(set(re.findall(SENTENCE_ID, text or "")) - set(cited))
        if named:
            found.append(
                (
                    k,
                    f"the explanation names {', '.join(named)}, which its source "
                    f"({cited_text}) does not cite",
                    "explanation_en",
                )
            )
    if not found:  # (the usual case)
        return None
    hits = pl.LazyFrame(
        found, schema={"__k": pl.String, "message": pl.String, "field": pl.String}, orient="row"
    )
    return frame.lazy().join(hits, on="__k").select(ROW, "message", "field")
