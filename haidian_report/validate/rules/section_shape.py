"""The section tree against what the source prints (attack round 10, M6 and M7).

:mod:`~haidian_report.validate.rules.structure` holds levels to kinds, a parent above its
child, and a line or heading that is given to the source. What held for every shipped row but
no rule read (dictionary ``sections``):

* a section's parent is the innermost section holding it (p16, 1447-1670, lies in part1.1,
  1346-3155, inside part1: its parent is part1.1, never part1), ``section-tree``;
* its kind is the one its id names: ``front`` and ``partN`` are parts, ``partN.M`` a
  subsection, ``pNN`` "the paragraph on line NN", ``section-kind``;
* "Heading as printed, for parts and subsections; empty for paragraphs": a paragraph has no
  heading, a part or subsection has one (the front matter, before part one, prints none),
  ``section-heading``.

(That every section but the front matter has its source line is ``section-line``, in
:mod:`~haidian_report.validate.rules.structure`, with the line's value.)
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.structure import FRONT

SECTION: Final = {"section_id": "string", "kind": "string"}
SPAN: Final = {"start": "integer", "end": "integer"}
#: Each id form (the schema's pattern) and the kind it names.
ID_KINDS: Final = (
    (r"^(front|part[0-9])$", "part"),
    (r"^part[0-9]\.[0-9]$", "subsection"),
    (r"^p[0-9]{2}$", "paragraph"),
)
HEADED: Final = ("part", "subsection")
LEVELS: Final = {"part": 1, "subsection": 2, "paragraph": 3}


@rule("section-kind", needs=SECTION, field="kind")
def kind_is_the_one_the_id_names(ctx: Context, table: Table) -> Hits:
    """``front``/``partN`` are parts, ``partN.M`` subsections, ``pNN`` paragraphs."""
    named: pl.Expr = pl.lit(None, pl.String)
    for pattern, kind in reversed(ID_KINDS):
        named = (
            pl.when(pl.col("section_id").str.contains(pattern)).then(pl.lit(kind)).otherwise(named)
        )
    frame = table.frame.lazy().select(ROW, "section_id", "kind", named.alias("__named"))
    wrong = frame.filter(
        pl.col("__named").is_not_null() & pl.col("kind").ne_missing(pl.col("__named"))
    )
    return wrong.select(
        ROW,
        pl.format("found {}; the id {} names a {}", "kind", "section_id", "__named").alias(
            "message"
        ),
    )


@rule("section-heading", needs={**SECTION, "heading": "string"}, field="heading")
def heading_only_where_one_is_printed(ctx: Context, table: Table) -> Hits:
    """A paragraph has no heading; a part (but the front matter) or subsection has one."""
    heading = pl.col("heading").is_not_null() & (pl.col("heading") != "")
    kind = pl.col("kind")
    given = (kind == "paragraph") & heading
    missing = kind.is_in(HEADED) & ~heading & (pl.col("section_id") != FRONT)
    return pl.concat(
        [
            table.frame.lazy()
            .filter(given.fill_null(False))
            .select(
                ROW, pl.format("found {}; a paragraph has no heading", "heading").alias("message")
            ),
            table.frame.lazy()
            .filter(missing.fill_null(False))
            .select(
                ROW,
                pl.format("empty; a {} has the heading printed on its first line", "kind").alias(
                    "message"
                ),
            ),
        ]
    )


@rule(
    "section-tree",
    needs={**SECTION, **SPAN, "level": "integer", "parent_id": "string"},
    field="parent_id",
)
def parent_is_the_innermost_holder(ctx: Context, table: Table) -> Hits:
    """A section's parent is the innermost section of a higher level whose span holds it."""
    columns = [ROW, "section_id", "parent_id", "level", "kind", "start", "end"]
    frame = table.frame.lazy().filter(table.clean("start", "end", "level")).select(columns)
    placed = ("section_id", "level", "start", "end")
    frame = frame.filter(pl.all_horizontal([pl.col(c).is_not_null() for c in placed]))
    # rows whose level is their kind's (else section-tree reports the level): only they
    # are judged, and only such parts and subsections hold others
    frame = frame.filter(
        pl.col("level")
        == pl.col("kind").replace_strict(LEVELS, default=None, return_dtype=pl.Int64)
    )
    holders = frame.filter(pl.col("kind").is_in(HEADED)).select(  # parts have no parent: kept here
        pl.col("section_id").alias("__holder"),
        pl.col("level").alias("__hl"),
        pl.col("start").alias("__hs"),
        pl.col("end").alias("__he"),
    )
    parents = holders.select(
        pl.col("__holder").alias("parent_id"),
        pl.col("__hl").alias("__pl"),
        pl.col("__hs").alias("__ps"),
        pl.col("__he").alias("__pe"),
    ).unique("parent_id", keep="first")
    # the parent must hold the row (else span-outside-parent says so), be another section
    # and be above it (else the structure's section-tree rule says so, once)
    frame = (
        frame.filter(pl.col("parent_id").is_not_null())
        .join(parents, on="parent_id", how="inner")
        .filter((pl.col("__ps") <= pl.col("start")) & (pl.col("end") <= pl.col("__pe")))
        .filter((pl.col("parent_id") != pl.col("section_id")) & (pl.col("__pl") < pl.col("level")))
    )
    # per holder level: the holder starting last at or before the row (holders of one level
    # do not overlap), kept when it holds the row and is below the row's level
    found = []
    for level in (1, 2):
        of_level = holders.filter(pl.col("__hl") == level).sort("__hs")
        near = frame.sort("start").join_asof(
            of_level, left_on="start", right_on="__hs", strategy="backward"
        )
        found.append(
            near.filter(
                (pl.col("__he") >= pl.col("end"))
                & (pl.col("__hl") < pl.col("level"))
                & (pl.col("__holder") != pl.col("section_id"))
            ).select(ROW, "parent_id", "__holder", "__hl", "__hs", "__he")
        )
    best = (
        pl.concat(found)
        .sort("__hl", descending=True)
        .unique(ROW, keep="first", maintain_order=True)
    )
    wrong = best.filter(pl.col("__holder") != pl.col("parent_id"))
    return wrong.select(
        ROW,
        pl.format(
            "found {}; the innermost section holding it is {} ({}-{})",
            "parent_id",
            "__holder",
            "__hs",
            "__he",
        ).alias("message"),
    )
