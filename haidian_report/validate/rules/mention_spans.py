"""No two mentions of one table share characters of the source.

An occurrence of a name inside a longer name's occurrence belongs to the longer name only
(curation/README.md, "Mentions": 中关村科学城管理机构 is one mention, of the 管理机构, never
also one of 中关村科学城). A mention added inside another inflates the shorter name's count
and lends it the longer one's frame verb and status signal. No two shipped program mentions
(nor term mentions) overlap.
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.provenance import good_spans, main_pair
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.mentions import QUOTED


@rule("mention-overlap", needs={**QUOTED, "mention_id": "string"}, field="quote_start")
def mentions_do_not_overlap(ctx: Context, table: Table) -> Hits:
    """A mention's span shares no character with another span of the same table: each is
    reported against the earliest-starting (then longest) mention it lies in or across.

    Mentions of one span are not compared with each other: two programs given one occurrence
    have one name (``mention-name``), and the benchmark's scaled package repeats every mention
    under new program ids."""
    pair = main_pair(table)
    if pair is None or pair.prefix != "quote":
        return None
    # spans in range whose quote is the source's (a moved span is provenance's to report)
    skip = flagged(ctx, table.name, "quote", "quote_start", "quote_end")
    spans = (
        good_spans(ctx, table, pair)
        .lazy()
        .filter(~pl.col(ROW).is_in(skip))
        .group_by("a", "b")
        .agg(pl.col(ROW).sort())
        .sort("a", pl.col("b"), descending=[False, True])
    )
    # the span reaching furthest among those before each one, and its first row
    first = pl.col(ROW).list.first()
    holder = pl.when(pl.col("b") == pl.col("b").cum_max()).then(first).forward_fill()
    spans = spans.with_columns(__reach=pl.col("b").cum_max().shift(1), __row=holder.shift(1))
    bad = spans.filter(pl.col("a") < pl.col("__reach"))
    other = spans.select(__row=first, __oa="a", __ob="b")
    bad = bad.join(other, on="__row", how="left", maintain_order="left").explode(ROW)
    text = [pl.col(c).cast(pl.String) for c in ("a", "b", "__row", "__oa", "__ob")]
    return bad.select(
        ROW,
        pl.format(
            "[{}:{}] shares characters with the mention of row {} [{}:{}]: an occurrence "
            "inside a longer name's belongs to the longer name only",
            *text,
        ).alias("message"),
    )
