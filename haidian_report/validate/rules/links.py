"""Program links against the build's link rule (curation/README.md, "Program links").

``link-sentence`` (:mod:`~haidian_report.validate.rules.mentions`) holds that a linked
figure's sentence mentions its program. Two more parts of the rule are mechanical:

* a figure that counts an open group naming the program as one member (地铁13号线拆分等4条
  轨道建设) is not the member's: :func:`link_is_not_a_group_members`, with the pattern the
  build uses (:mod:`haidian_report.link_rule`);
* a figure is linked only where its own clause names the program or it counts what the
  program builds, so a figure whose own clause names one of its linked programs is not
  also another's that its clause does not name (605个政务服务区块链场景落地,1407个事项全程网办:
  the 1407 items are 全程网办's, not 区块链+政务服务's): :func:`link_follows_the_figures_clause`.
"""

from __future__ import annotations

import polars as pl

from haidian_report.link_rule import GROUP_TAIL
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import around, first_clause, last_clause
from haidian_report.validate.rules.common import spans_text
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.sentence_names import joined

LINK = {"program_id": "string", "indicator_id": "string", "target_id": "string"}


def _facts(ctx: Context, linked: pl.DataFrame) -> pl.DataFrame | None:
    """(__fact, sentence_id, value_start, __cs, __ce): each figure of both fact tables that
    ``linked`` (its ``__fact`` column) names, with the span of its own clause (from the comma,
    semicolon, colon or full stop before its value to the one after it)."""
    parts = []
    for name, key in (("indicators", "indicator_id"), ("targets", "target_id")):
        table = ctx.tables.get(name)
        if table is None or not table.has(key, "sentence_id", "value_start", "value_end", "quote"):
            continue
        frame = around(ctx, table)
        if frame.height:
            parts.append(
                frame.lazy()
                .select(
                    pl.col(key).cast(pl.String).alias("__fact"),
                    pl.col("sentence_id").cast(pl.String),
                    "value_start",
                    "value_end",
                    "head",
                    "tail",
                )
                # only the linked figures' clauses are read (a fact id of several rows keeps
                # them all, and is left out below)
                .join(linked.lazy(), on="__fact", how="semi")
                .select(
                    "__fact",
                    "sentence_id",
                    "value_start",
                    (pl.col("value_start") - last_clause("head").str.len_chars()).alias("__cs"),
                    (pl.col("value_end") + first_clause("tail").str.len_chars()).alias("__ce"),
                )
            )
    if not parts:
        return None
    return pl.concat(parts).unique("__fact", keep="none").collect(engine="in-memory")


def _mentions(ctx: Context) -> pl.DataFrame | None:
    """(program_id, sentence_id, quote_start, quote_end) of every program mention."""
    mentions = ctx.tables.get("program_mentions")
    columns = ("program_id", "sentence_id", "quote_start", "quote_end")
    if mentions is None or not mentions.has(*columns):
        return None
    if not (mentions.typed("quote_start", "integer") and mentions.typed("quote_end", "integer")):
        return None
    return (
        mentions.frame.filter(mentions.clean("quote_start", "quote_end"))
        .select(pl.col(c).cast(pl.String) if c in columns[:2] else pl.col(c) for c in columns)
        .drop_nulls()
        .unique()
    )


def _linked(ctx: Context, table: Table) -> pl.DataFrame | None:
    """The link rows with their figure (:func:`_facts`) and the program's mentions in the
    figure's sentence (one row per mention); built once per table (both rules read it)."""
    if "links._linked" not in table.cache:
        links = table.frame.select(
            ROW, "program_id", __fact=pl.coalesce("indicator_id", "target_id")
        )
        facts, mentions = _facts(ctx, links.select("__fact")), _mentions(ctx)
        table.cache["links._linked"] = (
            None
            if facts is None or mentions is None
            else links.join(facts, on="__fact", how="inner").join(
                mentions, on=["program_id", "sentence_id"], how="inner"
            )
        )
    linked: pl.DataFrame | None = table.cache["links._linked"]
    return linked


@rule("link-group-member", needs=LINK, tables=("program_links",), field="program_id",
      source=True)  # fmt: skip
def link_is_not_a_group_members(ctx: Context, table: Table) -> Hits:
    """A linked figure does not count an open group (…等N) that names the program as one
    member: 推进地铁13号线拆分等4条轨道建设 gives the 4 lines to no member."""
    frame = _linked(ctx, table)
    if frame is None or not frame.height:
        return None
    pairs = (
        frame.lazy()
        .filter(pl.col("quote_end") <= pl.col("value_start"))
        .select(pl.col("quote_end").alias("a"), pl.col("value_start").alias("b"))
        .unique()
        .with_columns(__b1=pl.col("b") + 1, **{ROW: pl.int_range(pl.len())})
        .collect(engine="in-memory")
    )
    cut = spans_text(ctx, pairs, "a", "b", "__between")
    cut = spans_text(ctx, cut, "b", "__b1", "__first")
    members = (
        cut.lazy()
        .filter(
            pl.col("__between").str.contains(f"^(?:{GROUP_TAIL})$").fill_null(False)
            & pl.col("__first").str.contains("^[0-9]$").fill_null(False)
        )
        .select(pl.col("a").alias("quote_end"), pl.col("b").alias("value_start"))
    )
    # a link row with several such mentions names the first (the one ending earliest)
    bad = (
        frame.lazy()
        .join(members, on=["quote_end", "value_start"], how="semi")
        .sort(ROW, "quote_end")
        .unique(ROW, keep="first", maintain_order=True)
    )
    return bad.select(
        ROW,
        pl.format(
            "{} counts an open group (…等N) that names program {} as one member (its mention "
            "ends at {}): the figure is not the member's",
            "__fact",
            "program_id",
            "quote_end",
        ).alias("message"),
    )


@rule("link-clause", needs=LINK, tables=("program_links",), field="program_id")
def link_follows_the_figures_clause(ctx: Context, table: Table) -> Hits:
    """A figure linked to a program its own clause names is not also linked to one its clause
    does not name (1407个事项全程网办 is 全程网办's, not 区块链+政务服务's)."""
    frame = _linked(ctx, table)
    if frame is None or not frame.height:
        return None
    inside = (pl.col("quote_start") >= pl.col("__cs")) & (pl.col("quote_end") <= pl.col("__ce"))
    links = frame.lazy().group_by(ROW, "program_id", "__fact").agg(__in=inside.any())
    named = (
        links.filter(pl.col("__in"))
        .group_by("__fact")
        .agg(pl.col("program_id").alias("__p"))
        .pipe(joined, "__p", "__named", ", ")
    )
    bad = links.filter(~pl.col("__in")).join(named, on="__fact", how="inner")
    return bad.select(
        ROW,
        pl.format(
            "{} is also linked to {}, which its own clause names; its clause does not name "
            "program {}: the figure is the named program's",
            "__fact",
            "__named",
            "program_id",
        ).alias("message"),
    )
