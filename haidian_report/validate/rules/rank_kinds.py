"""Rules on a rank's kind (data 2.2.0): ``rank_kind`` is what the printed word gives.

A ``rank`` is a place, 1 = first, in a ranking (全市第一: ``standing``) or in an order of
precedence (在全市率先…, 全国首家…, 全市第九家5A级景区: ``precedence``); the build writes which
with :func:`haidian_report.rank_rule.rank_kind`, and this rule reads it again from the value's
words in the source, so a derived package cannot count a first-to-do as a first place. A
package of an earlier release has no ``rank_kind`` column (it may lack it:
:mod:`~haidian_report.validate.superseded`), and the rule does not run on it.
"""

from __future__ import annotations

import polars as pl

from haidian_report.rank_rule import rank_kind
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.text import show

#: Fields whose problems (a span that does not hold its words, a measure or a kind off its
#: list) leave the kind unknowable or reported already: those rows are not judged again here.
PLACING = ("measure", "rank_kind", "value_text", "value_start", "value_end")


@rule(
    "rank-kind",
    needs={
        "measure": "string",
        "rank_kind": "string",
        "value_start": "integer",
        "value_end": "integer",
    },
    tables=("indicators", "targets"),
    field="rank_kind",
    source=True,
)
def rank_kind_is_the_printed_words(ctx: Context, table: Table) -> Hits:
    """A rank's ``rank_kind`` is the one its printed words give (率先, 首家, 第九家…:
    precedence; 全市第一, 城六区最优, 首位, 前列: standing), and only a rank has one."""
    source = ctx.source
    assert source is not None
    rows = table.frame.filter(
        table.clean("value_start", "value_end")
        & ~pl.col(ROW).is_in(flagged(ctx, table.name, *PLACING))
    ).select(ROW, "measure", "rank_kind", "value_start", "value_end")
    ranks = rows.filter(
        (pl.col("measure") == "rank")
        & pl.col("value_start").is_between(0, pl.col("value_end"))
        & (pl.col("value_end") <= len(source))
    )
    # each distinct span read once (copies of a fact share theirs)
    spans = ranks.select("value_start", "value_end").unique()
    pairs = spans.rows()
    words = spans.with_columns(
        pl.Series("__want", [rank_kind(source, a, b) for a, b in pairs], dtype=pl.String),
        pl.Series("__words", [show(source[a : b + 1]) for a, b in pairs], dtype=pl.String),
    )
    wrong = ranks.join(words, on=["value_start", "value_end"]).filter(
        pl.col("__want").ne_missing(pl.col("rank_kind"))
    )
    stray = rows.filter((pl.col("measure") != "rank") & pl.col("rank_kind").is_not_null())
    return pl.concat(
        [
            wrong.select(
                ROW,
                pl.format(
                    "found {}; the rank's printed words with the character after them, {}, give {}",
                    pl.col("rank_kind").fill_null("none"),
                    "__words",
                    "__want",
                ).alias("message"),
            ),
            stray.select(
                ROW,
                pl.format(
                    "found {}; only a rank has a rank_kind (the measure is {})",
                    "rank_kind",
                    "measure",
                ).alias("message"),
            ),
        ]
    )
