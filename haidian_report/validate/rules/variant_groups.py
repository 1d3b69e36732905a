"""Rules on facts that share what they measure: each names the variant that tells it apart.

Two facts of one table may share metric, measure, period and scope only when their variants
tell them apart (curation/README.md, variant): two stages of work (开复工 and 竣工 of the north
zone's floor area in 2022), or two goals for one thing (``assigned_task``, 完成市政府下达的…
空气质量改善任务, beside ``sustained``, 确保空气质量持续改善). ``natural-key`` reports two
facts that share the variant too; this rule the one that names none beside one that does: with
its variant dropped (``sustained`` emptied), a second goal reads as the whole of the year's
goal for that thing.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.printed import GOAL_WORDS, STAGE_WORDS

#: What a variant tells apart: the natural key without it.
SHARED: Final = ("metric_id", "measure", "period", "scope")
#: The variants curation/README.md lists: stages of work and goal variants.
KNOWN: Final = sorted({*STAGE_WORDS, *GOAL_WORDS})


@rule("variant-unnamed", needs={c: "string" for c in (*SHARED, "variant")}, field="variant")
def facts_that_share_a_key_name_their_variants(ctx: Context, table: Table) -> Hits:
    """A fact that shares metric, measure, period and scope with another fact of its table
    names a variant (a stage, or a goal variant such as sustained), as the other does."""
    frame = table.frame.lazy().filter(pl.all_horizontal(pl.col(c).is_not_null() for c in SHARED))
    # a variant of the curated lists (stages, goal variants): an invented one proves nothing
    named = (
        frame.filter(pl.col("variant").is_in(KNOWN))
        .group_by(SHARED)
        .agg(pl.col("variant").unique().sort().str.join(", ").alias("__others"))
    )
    bad = frame.filter(pl.col("variant").is_null()).join(named, on=list(SHARED), how="inner")
    return bad.select(
        ROW,
        pl.format(
            "no variant, but other facts of {} {} {} ({}) name theirs ({}): a variant tells "
            "this one apart",
            "metric_id",
            "measure",
            "period",
            "scope",
            "__others",
        ).alias("message"),
    )
