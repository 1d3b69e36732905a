"""Rules on what explains a term and why text is excluded: the source named agrees with its kind.

* A term's ``explanation_basis`` says where its explanation comes from, and
  ``explanation_source`` names it (curation/README.md): ``report`` — the report's own sentences,
  given as sentence ids ("p24.s04, p58.s05"), each a sentence of the source text; ``official`` —
  an official document, given by its title (not sentence ids); ``unconfirmed`` — no source.
* A ``claim`` exclusion (a part-one statement that records no claim) lies in part one, a
  ``goal`` exclusion (a part-two statement that sets no goal) in part two.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.segment import SentenceSpan, segment
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule

#: One sentence id, and a list of them as ``explanation_source`` gives them.
SENTENCE_ID: Final = r"p[0-9]{2}\.s[0-9]{2}"
SENTENCE_IDS: Final = rf"^{SENTENCE_ID}(?:, {SENTENCE_ID})*$"
#: The part of the report each exclusion kind that names one belongs to.
KIND_PART: Final = {"claim": "part1", "goal": "part2"}


@lru_cache(maxsize=2)
def source_sentences(source: str) -> list[SentenceSpan]:
    """The sentences of the source text, as the build segments it."""
    return segment(source)[1]


@rule(
    "term-explanation-source",
    needs={"explanation_basis": "string", "explanation_source": "string"},
    field="explanation_source",
)
def source_is_what_the_basis_says(ctx: Context, table: Table) -> Hits:
    """``report`` names sentence ids of the source text, ``official`` a document's title,
    ``unconfirmed`` nothing."""
    basis, source = pl.col("explanation_basis"), pl.col("explanation_source")
    ids = source.str.contains(SENTENCE_IDS).fill_null(False)
    # each distinct (basis, source) is judged once, then joined back to its rows
    pair = ["explanation_basis", "explanation_source"]
    frame = (
        table.frame.lazy()
        .select(pair)
        .unique()
        .with_columns(__ids=source.str.split(", "), __unknown=pl.lit(""))
    )
    known = pl.lit(True)
    # the cited ids must be sentences of the source text (not merely rows of this package: a
    # derived package may keep fewer sentences than the terms cite)
    if ctx.source is not None:
        have = pl.Series([s.sentence_id for s in source_sentences(ctx.source)])
        frame = frame.with_columns(
            __unknown=pl.col("__ids").list.set_difference(have.implode()).list.join(", ")
        )
        known = (pl.col("__unknown") == "").fill_null(True)
    wrong = [
        (
            (basis == "report") & ~ids,
            pl.format("found {}; a report explanation names sentence ids (p24.s04, …)", source),
        ),
        (
            (basis == "report") & ids & ~known,
            pl.format("no sentence {} in the source text", pl.col("__unknown")),
        ),
        (
            (basis == "official") & (source.is_null() | ids),
            pl.format(
                "found {}; an official explanation names the document's title",
                source.fill_null("nothing"),
            ),
        ),
        (
            (basis == "unconfirmed") & source.is_not_null(),
            pl.format("found {}; an unconfirmed explanation names no source", source),
        ),
    ]
    first: pl.Expr = pl.lit(None, pl.Int64)  # the first condition a pair meets
    for i, (cond, _) in reversed(list(enumerate(wrong))):
        first = pl.when(cond.fill_null(False)).then(pl.lit(i, pl.Int64)).otherwise(first)
    message: pl.Expr = pl.lit(None, pl.String)
    for i, (_, said) in enumerate(wrong):
        message = pl.when(pl.col("__hit") == i).then(said).otherwise(message)
    judged = (
        frame.with_columns(__hit=first)
        .filter(pl.col("__hit").is_not_null())
        .with_columns(message.alias("message"))
        .select(*pair, "message")
    )
    rows = table.frame.lazy().select(ROW, *pair)
    return rows.join(judged, on=pair, how="inner", nulls_equal=True).select(ROW, "message")


@rule(
    "exclusion-part",
    needs={"kind": "string", "quote_start": "integer"},
    tables=("exclusions",),
    field="kind",
)
def claim_and_goal_exclusions_lie_in_their_part(ctx: Context, table: Table) -> Hits:
    """A ``claim`` exclusion lies in part one (the review), a ``goal`` one in part two."""
    sections = ctx.tables.get("sections")
    if sections is None or not sections.has("section_id", "parent_id", "start", "end"):
        return None
    tops = (
        sections.frame.filter(pl.col("parent_id").is_null() & pl.col("start").is_not_null())
        .select(pl.col("start").alias("__a"), "end", pl.col("section_id").alias("__part"))
        .sort("__a", "end", "__part")  # (parts of one start: the same one every run)
    )
    frame = table.frame.filter(
        pl.col("kind").is_in(list(KIND_PART)) & pl.col("quote_start").is_not_null()
    ).sort("quote_start")
    if not frame.height or not tops.height:
        return None
    # one query from here (sorted as join_asof wants above: the sort flags go with the frames)
    placed = frame.lazy().join_asof(
        tops.lazy(), left_on="quote_start", right_on="__a", strategy="backward"
    )
    want = pl.col("kind").replace_strict(KIND_PART, default=None)
    inside = (pl.col("quote_start") < pl.col("end")).fill_null(False)
    bad = placed.filter(inside & pl.col("__part").ne_missing(want))
    return bad.select(
        ROW,
        pl.format(
            "a {} exclusion, but its quote at {} lies in {} (claims are made in part1, "
            "goals set in part2)",
            "kind",
            "quote_start",
            "__part",
        ).alias("message"),
    )
