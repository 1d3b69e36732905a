"""A program's ``generic`` flag, where its printed name decides it.

``generic`` says a row names a kind of work (老旧小区改造, 疏堵工程) rather than one program, so
a count of named programs can leave it out. curation/README.md ("Which names are generic")
decides it by the name for two kinds of row, shared with the tests that hold the curation
(:func:`haidian_report.program_types.generic_by_name`): a name the report prints in quote
marks (“一刻钟社区服务圈”) is never generic, and work named by its field with no quote marks
and no 专项 (城市绿线管控, 国家减税降费政策) always is. Both hold for every shipped row; a flag
flipped against them changes what a count of named programs says. Other rows leave the flag to
the curator, and so to the package.
"""

from __future__ import annotations

import polars as pl

from haidian_report.program_types import generic_by_name
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule


@rule(
    "program-generic",
    needs={"name_zh": "string", "generic": "boolean"},
    tables=("programs",),
    field="generic",
)
def generic_is_the_one_the_name_gives(ctx: Context, table: Table) -> Hits:
    """A quoted name is not generic; work named by its field (…政策, …管控, …整治), unquoted
    and with no 专项, is."""
    source = ctx.source or ""
    # each distinct name read once: copies of a program share theirs
    names = table.frame.get_column("name_zh").drop_nulls().unique().to_list()
    want = {
        name: flag
        for name in names
        if (flag := generic_by_name(name, "“" in name or f"“{name}”" in source)) is not None
    }
    if not want:
        return None
    wanted = pl.DataFrame(
        {"name_zh": list(want), "__want": list(want.values())},
        schema={"name_zh": pl.String, "__want": pl.Boolean},
    )
    bad = (
        table.frame.select(ROW, "name_zh", "generic")
        .join(wanted, on="name_zh")
        .filter(pl.col("generic") != pl.col("__want"))
    )
    return bad.select(
        ROW,
        pl.when(pl.col("__want"))
        .then(
            pl.format(
                "not generic, but {} names work by its field (…政策, …管控, …整治) with no quote "
                "marks and no 专项: a kind of work (curation/README.md, Which names are generic)",
                "name_zh",
            )
        )
        .otherwise(
            pl.format(
                "generic, but the report prints {} in quote marks, its sign of a coined name "
                "(curation/README.md, Which names are generic)",
                "name_zh",
            )
        )
        .alias("message"),
    )
