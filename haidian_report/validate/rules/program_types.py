"""Rules on a program's type: where its printed name decides it, the type is that one.

curation/README.md ("Program types") decides the types that overlap by what the text calls
the thing; its name-based rules (:mod:`haidian_report.program_types`: a name ending 行动计划 or
计划 is a plan, 行动 an action, 试点 a pilot, 改革 a reform, 机制 a mechanism…) hold for every
shipped row. A type edited against its name (“疏解整治促提升”专项行动 made a campaign) is a
problem; a name no rule covers leaves its type to the curator, and so to the package. A
program's ``domain`` is not decided by its name, and no rule holds it.
"""

from __future__ import annotations

import polars as pl

from haidian_report.program_types import ENDINGS, QUOTES
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import enum_of, first_match
from haidian_report.validate.rules.engine import Hits, rule


def _type_by_name(name: pl.Expr) -> pl.Expr:
    """:func:`haidian_report.program_types.type_by_name` as a polars expression."""
    bare = name.str.strip_chars(QUOTES)
    return first_match(bare, ((kind, f"(?:{pattern})$") for pattern, kind in ENDINGS))


@rule(
    "program-type-name",
    needs={"name_zh": "string", "type": "string"},
    tables=("programs",),
    field="type",
)
def type_is_the_one_the_name_gives(ctx: Context, table: Table) -> Hits:
    """A program whose printed name ends in a word the type rules read (计划, 行动, 试点,
    改革, 机制, 基金…) has the type that word gives."""
    # each distinct name read once: copies of a program share theirs (one query, for the
    # engine to run with the others)
    names = (
        table.frame.lazy()
        .select("name_zh")
        .unique()
        .filter(pl.col("name_zh").is_not_null())
        .with_columns(__want=_type_by_name(pl.col("name_zh")))
    )
    known = enum_of(table, "type")  # a type off the list is the schema's to report
    frame = (
        table.frame.lazy()
        .join(names, on="name_zh", how="inner")
        .filter(pl.col("type").is_in(known) if known else pl.lit(True))
    )
    bad = frame.filter(pl.col("__want").is_not_null() & pl.col("type").ne_missing(pl.col("__want")))
    return bad.select(
        ROW,
        pl.format(
            "found {}, but the name {} ends in a word that makes it a {} (curation/README.md, "
            "Program types)",
            pl.col("type").fill_null("empty"),
            "name_zh",
            "__want",
        ).alias("message"),
    )
