"""A program's ``generic`` flag, where its printed name decides it.

``generic`` says a row names a kind of work (老旧小区改造, 疏堵工程) rather than one program, so
a count of named programs can leave it out. curation/README.md ("Which names are generic")
decides it by the name for some rows, shared with the tests that hold the curation
(:func:`haidian_report.program_types.generic_by_name`): a name the report prints in quote
marks (“一刻钟社区服务圈”), a 专项 (施工围挡专项整治) or a name ending in a title word of one
reform, system, pilot or law (…改革, 河长制, …试点, …法) is never generic; work named by its field
with none of those (城市绿线管控, 国家减税降费政策) always is. All hold for every shipped row; a
flag flipped against them changes what a count of named programs says. Other rows (plans and
works among them: 8个重点地区…综合实施方案 and 疏堵工程 count several of a kind) leave the flag to
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
    """A quoted name, a 专项 or a titled reform, system, pilot or law is not generic; work
    named by its field (…政策, …管控, …整治) with none of those is."""
    source = ctx.source or ""
    # each distinct name read once: copies of a program share theirs
    names = table.frame.get_column("name_zh").drop_nulls().unique().to_list()
    want = {name: flag for name in names if (flag := generic_by_name(name, source)) is not None}
    if not want:
        return None
    wanted = pl.LazyFrame(
        {"name_zh": list(want), "__want": list(want.values())},
        schema={"name_zh": pl.String, "__want": pl.Boolean},
    )
    bad = (
        table.frame.lazy()
        .select(ROW, "name_zh", "generic")
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
                "generic, but {} is printed in quote marks, is a 专项 or ends in a title word "
                "(改革, 机制, 制, 试点, 法…): it names one program (curation/README.md, Which "
                "names are generic)",
                "name_zh",
            )
        )
        .alias("message"),
    )
