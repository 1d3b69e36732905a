"""Lists of figures: which figure of a list belongs to which name.

``metric-word`` (:mod:`~haidian_report.validate.rules.printed`) reads the words right before
a figure, which decides lists printed name-then-number (人大建议1551件、政协提案1268件). Two
list forms escape it, and a swap of their figures kept every span round-tripping:

* number-then-name (建成6个综合医联体、5个专科医联体; 组建29支常驻接种队和31支上门服务接种队):
  the name follows its figure, so :func:`the_metric_printed_after_the_value_is_the_facts`
  reads the words right after it;
* 分别 (respectively: 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%): the figures after
  分别 go to the names before it in order, so :func:`respectively_keeps_the_order_of_the_names`
  ranks each figure among its list and each metric's name among the names.

Both hold on every shipped row; both read each distinct (sentence, words) pair once.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import SPANS, around, last_clause
from haidian_report.validate.rules.engine import Hits, per_table, rule
from haidian_report.validate.rules.metric_forms import keyed, others_named, printed_forms
from haidian_report.validate.rules.printed import SEPARATORS

#: What a fact needs for its list to be read.
NEEDS: Final = {**SPANS, "metric_id": "string", "qualifier": "string"}


@per_table  # both rules read it
def _figures(ctx: Context, table: Table) -> pl.DataFrame:
    """The table's figures (not qualitative facts) with the words around them: the columns
    the rules read, narrowed before the filter (which copies every column it keeps)."""
    return (
        around(ctx, table)
        .select(ROW, "sentence_id", "metric_id", "value_start", "head", "tail", "qualifier")
        .filter(pl.col("qualifier").fill_null("") != "qualitative")
    )


@rule("metric-word-after", needs=NEEDS, tables=("indicators", "targets"), field="metric_id",
      source=True)  # fmt: skip
def the_metric_printed_after_the_value_is_the_facts(ctx: Context, table: Table) -> Hits:
    """The words right after a figure (up to the next 、 , 和…) name no other figure's metric of
    the sentence unless they name its own: 建成6个综合医联体、5个专科医联体 gives 5个 to the
    specialist alliances, never to the comprehensive ones."""
    frame = _figures(ctx, table).select(ROW, "sentence_id", "metric_id", "tail")
    found = keyed(ctx, frame)
    if found is None or not frame.height:
        return None
    lazy, keyforms = found[0].lazy(), found[1]
    # each distinct (sentence, forms, tail) judged once: copies of a fact share theirs
    key = ["sentence_id", "__fk", "tail"]
    judged = (
        lazy.select(key)
        .unique()
        .with_columns(__seg=pl.col("tail").str.extract(f"^([^{SEPARATORS}]*)", 1))
        .filter(pl.col("__seg").fill_null("") != "")
    )
    named = others_named(judged, keyforms, key)
    bad = lazy.join(named, on=key, how="inner", nulls_equal=True)
    return bad.select(
        ROW,
        pl.format(
            "the words right after the value ({}) name {}, another fact's metric of the "
            "sentence, and not {}: in a list printed number-then-name the figure is that fact's",
            "__seg",
            pl.col("__names").list.join("、"),
            "metric_id",
        ).alias("message"),
    )


@rule("respectively-order", needs=NEEDS, tables=("indicators", "targets"), field="value_start",
      source=True)  # fmt: skip
def respectively_keeps_the_order_of_the_names(ctx: Context, table: Table) -> Hits:
    """In a clause with 分别, the i-th figure after it belongs to the i-th name before it:
    党组织和物业服务覆盖率分别达100%、97.3% gives 100% to party organisations and 97.3% to
    property services."""
    forms = printed_forms(ctx)
    frame = _figures(ctx, table)
    if forms is None or not frame.height:
        return None
    clauses = (
        frame.lazy()
        .select("head")
        .unique()
        .with_columns(__clause=last_clause("head"))
        .with_columns(__list=pl.col("__clause").str.extract("^(.*)分别", 1))
    )
    listed = (
        frame.lazy()
        .select(ROW, "sentence_id", "metric_id", "value_start", "head")
        .join(clauses, on="head", how="left")
        .filter(pl.col("__list").is_not_null())
    )
    where = (
        listed.select("metric_id", "__list")
        .unique()
        .join(forms.lazy(), on="metric_id", how="inner")
        .with_columns(__at=pl.col("__list").str.find(pl.col("__f"), literal=True))
        .group_by("metric_id", "__list")
        .agg(pl.col("__at").min())
        .filter(pl.col("__at").is_not_null())
    )
    group = ["sentence_id", "__list"]
    ranked = listed.join(where, on=["metric_id", "__list"], how="inner").with_columns(
        __nth_value=pl.col("value_start").rank("dense").over(group),
        __nth_name=pl.col("__at").rank("dense").over(group),
        __n=pl.col("metric_id").n_unique().over(group),
    )
    bad = ranked.filter((pl.col("__n") > 1) & (pl.col("__nth_value") != pl.col("__nth_name")))
    return bad.select(
        ROW,
        pl.format(
            "分别 gives the figures after it to the names before it ({}) in order: this is "
            "figure {} of the list, but its metric {} is name {}",
            "__list",
            "__nth_value",
            "metric_id",
            "__nth_name",
        ).alias("message"),
    )
