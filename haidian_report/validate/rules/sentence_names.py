"""A fact's own sentence names its metric; a metric's alias never names another metric.

:mod:`~haidian_report.validate.rules.metric_names` looks for a metric's name in the fact's
whole paragraph, so two facts of one paragraph could trade sentence, quote and value (99% of
重点食品安全监测抽检合格率99% filed as the 业委会(物管会)组建率) and each still find its name
somewhere in the paragraph. Every shipped fact's sentence prints its metric's name or an
alias, except where the sentence names no metric at all and leaves its subject to the
paragraph (累计开复工1203万平方米 is about 中关村科学城北区建设, named the sentence before):
:func:`metric_is_named_in_its_sentence` holds exactly that — no metric of the package, not
only none of the sentence's facts (a cold attack filed 2020年高质量发展综合绩效评价全市第一, the
only fact of its sentence, as the economic aggregate's rank, and it passed).

An alias that is another metric's ``name_zh`` lets a fact move to the wrong metric with every
name still printed (出口额 given the alias 减免税费): :func:`alias_is_not_another_metrics_name`
allows it only as the shared stem of the metric's own name (老旧小区改造 of 老旧小区改造小区).
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.metric_names import ALIAS_SEPARATOR, name_and_aliases

#: The fewest characters of a metric's name that names it in a sentence naming no metric of its
#: facts (shorter ones are words of many sentences).
NAME_CHARS = 4
#: Columns of what a sentence is found to name: its id and the names, joined.
NAMED = {"sentence_id": pl.String, "__others": pl.String}

FACT_TABLES = ("indicators", "targets")
F = TypeVar("F", pl.DataFrame, pl.LazyFrame)
#: Metric rows above which the names are built on distinct (name_zh, aliases_zh) pairs (below,
#: the checks and joins that takes cost more than splitting every row).
PAIRS_ABOVE = 2000


def _sentence_texts(ctx: Context) -> pl.DataFrame | None:
    """(sentence_id, __text) of every sentence with text, one row each."""
    sentences = ctx.tables.get("sentences")
    if sentences is None or not sentences.has("sentence_id", "text"):
        return None
    return (
        sentences.frame.select(
            pl.col("sentence_id").cast(pl.String), pl.col("text").cast(pl.String).alias("__text")
        )
        .drop_nulls()
        .unique("sentence_id", keep="none")
    )


def _shared(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None:
    """What both fact tables read, built once per run on distinct inputs (copies of a fact
    share their sentence and names; copies of a metric share their names):

    - said (sentence_id, __name, __said): for each sentence that prints a fact (of either
      fact table), each name of each metric of its facts, and whether the sentence prints it;
    - keyed (metric_id, __names): every named metric's names, sorted and joined (each distinct
      list of names once);
    - others (sentence_id, __others): the names ``said`` finds printed in each sentence.
    """
    metrics = ctx.tables.get("metrics")
    if metrics is None:
        return None
    key = "helper:sentence_names._shared"
    if key not in metrics.cache:
        metrics.cache[key] = _build(ctx, metrics)
    shared: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None = metrics.cache[key]
    return shared


def _build(ctx: Context, metrics: Table) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None:
    """:func:`_shared`. Where the metrics are many, one row each with text names, built on the
    distinct (name_zh, aliases_zh) pairs (copies of a metric share theirs, split once)."""
    texts = _sentence_texts(ctx)
    facts = [
        t.frame.lazy().select(pl.col("sentence_id").cast(pl.String), pl.col("metric_id"))
        for n in FACT_TABLES
        if (t := ctx.tables.get(n)) is not None
        and t.typed("sentence_id", "string")
        and t.typed("metric_id", "string")
    ]
    if not (
        metrics.frame.height > PAIRS_ABOVE
        and metrics.typed("metric_id", "string")
        and metrics.typed("name_zh", "string")
        and not metrics.frame["metric_id"].is_duplicated().any()
    ):
        return _by_rows(ctx, texts, facts)
    if texts is None or not facts:
        return None
    pair = ["name_zh", "aliases_zh"]
    rows = metrics.frame.lazy().select(
        "metric_id",
        "name_zh",
        (
            pl.col("aliases_zh")
            if metrics.typed("aliases_zh", "string")
            else pl.lit(None, pl.String)
        ).alias("aliases_zh"),
    )
    names = pl.concat_list(
        pl.col("name_zh"), pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
    ).alias("__name")
    said = (
        pl.concat(facts)  # joined as they are: one unique after the join costs less than two
        .join(rows, on="metric_id")
        .select("sentence_id", *pair)
        .unique()
        .select("sentence_id", names)
        .explode("__name")
        .filter(pl.col("__name").str.len_chars() > 0)
        .unique()
        .join(texts.lazy(), on="sentence_id")
        .with_columns(__said=pl.col("__text").str.contains(pl.col("__name"), literal=True))
        .drop("__text")
        .collect(engine="in-memory")
    )
    displays = (
        rows.select(pair)
        .unique()
        .with_columns(names.list.eval(pl.element().filter(pl.element().str.len_chars() > 0)))
        .filter(pl.col("__name").list.len() > 0)
        .with_columns(_display("__name", ALIAS_SEPARATOR).alias("__names"))
    )
    keyed = rows.join(displays, on=pair, nulls_equal=True).select("metric_id", "__names")
    keyed_frame, others = pl.collect_all([keyed, _others(said)], engine="in-memory")
    return said, keyed_frame, others


def _by_rows(
    ctx: Context, texts: pl.DataFrame | None, facts: list[pl.LazyFrame]
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None:
    """:func:`_shared` from every name of every metric row (a metric of several rows has the
    names of all)."""
    names = name_and_aliases(ctx)
    if names is None or texts is None or not facts:
        return None
    said = (
        pl.concat(facts)
        .unique()
        .join(names.lazy(), on="metric_id")
        .select("sentence_id", "__name")
        .unique()
        .join(texts.lazy(), on="sentence_id")
        .with_columns(__said=pl.col("__text").str.contains(pl.col("__name"), literal=True))
        .drop("__text")
        .collect(engine="in-memory")
    )
    lists = names.lazy().group_by("metric_id").agg(pl.col("__name"))
    displays = (
        lists.select(pl.col("__name").alias("__list"))
        .unique()
        .with_columns(_display("__list", ALIAS_SEPARATOR).alias("__names"))
    )
    keyed = lists.join(displays, left_on="__name", right_on="__list").select("metric_id", "__names")
    keyed_frame, others = pl.collect_all([keyed, _others(said)], engine="in-memory")
    return said, keyed_frame, others


def _others(said: pl.DataFrame) -> pl.LazyFrame:
    """(sentence_id, __others): the names ``said`` finds printed in each sentence."""
    return (
        said.lazy()
        .filter(pl.col("__said"))
        .group_by("sentence_id")
        .agg(pl.col("__name"))
        .select("sentence_id", _display("__name", "、").alias("__others"))
    )


def _display(column: str, sep: str) -> pl.Expr:
    """The distinct texts of list ``column``, sorted and joined by ``sep``."""
    return pl.col(column).list.unique().list.sort().list.join(sep)


def joined(frame: F, column: str, alias: str, sep: str = ALIAS_SEPARATOR) -> F:
    """``frame`` (or a query) with ``alias``: the distinct texts of list ``column``, sorted
    and joined (a list joined after the group-by: joining strings inside it is many times
    slower)."""
    return frame.with_columns(_display(column, sep).alias(alias)).drop(column)


@rule(
    "metric-sentence",
    needs={"metric_id": "string", "sentence_id": "string"},
    tables=FACT_TABLES,
    field="sentence_id",
)
def metric_is_named_in_its_sentence(ctx: Context, table: Table) -> Hits:
    """A fact's sentence prints its metric's name_zh or an alias, unless it names no metric at
    all (a subject left to the paragraph, which ``metric-name`` checks)."""
    shared = _shared(ctx)
    if shared is None:
        return None
    said, keyed, others = shared
    # each distinct (names, sentence) pair once: copies of a metric share their names
    frame = (
        table.frame.lazy()
        .select(ROW, "metric_id", "sentence_id")
        .join(keyed.lazy(), on="metric_id")
    )
    own = (
        frame.select("__names", "sentence_id")
        .unique()
        .with_columns(__name=pl.col("__names").str.split(ALIAS_SEPARATOR))
        .explode("__name")
        .join(said.lazy(), on=["sentence_id", "__name"], how="inner")
        .group_by("__names", "sentence_id")
        .agg(__own=pl.col("__said").any())
    )
    # a fact whose metric is already reported (not named in its paragraph, or another fact's
    # word at its value) is reported once
    skip = flagged(ctx, table.name, "metric_id")
    unnamed = frame.filter(~pl.col(ROW).is_in(skip)).join(
        own.filter(~pl.col("__own")), on=["__names", "sentence_id"], how="inner"
    )
    printed = pl.concat([others.lazy(), _unlisted(ctx, unnamed, others)])
    bad = unnamed.join(printed, on="sentence_id", how="inner")
    return bad.select(
        ROW,
        pl.format(
            "sentence {} names {} (other metrics) but not this fact's metric {} ({}): the "
            "figure is another fact's, or the fact cites the wrong sentence",
            "sentence_id",
            "__others",
            "metric_id",
            "__names",
        ).alias("message"),
    )


def _unlisted(ctx: Context, unnamed: pl.LazyFrame, others: pl.DataFrame) -> pl.LazyFrame:
    """(sentence_id, __others) for the sentences of ``unnamed`` facts that name no metric of
    the facts printed in them: the names of any metric of the package they print (each distinct
    sentence and name once; such sentences are few)."""
    none = pl.LazyFrame(schema=NAMED)
    texts, names = _sentence_texts(ctx), name_and_aliases(ctx)
    if texts is None or names is None:
        return none
    sentences = (
        unnamed.select("sentence_id")
        .unique()
        .join(others.lazy(), on="sentence_id", how="anti")
        .join(texts.lazy(), on="sentence_id")
        .collect(engine="in-memory")
    )
    if sentences.is_empty():
        return none
    # a name of two or three characters (竣工, 开复工) is a word printed in many sentences: a
    # metric added with it would not make a sentence that names no metric name one
    distinct = [n for n in names.get_column("__name").unique().to_list() if len(n) >= NAME_CHARS]
    if not distinct:
        return none
    # every name found in every sentence at once (Aho-Corasick: linear in the text)
    return (
        sentences.lazy()
        .select(
            "sentence_id",
            pl.col("__text")
            .str.extract_many(distinct, overlapping=True)
            .list.unique()
            .list.sort()
            .list.join("、")
            .alias("__others"),
        )
        .filter(pl.col("__others").str.len_chars() > 0)
    )


@rule(
    "metric-alias-name",
    needs={"metric_id": "string", "name_zh": "string", "aliases_zh": "string"},
    tables=("metrics",),
    field="aliases_zh",
)
def alias_is_not_another_metrics_name(ctx: Context, table: Table) -> Hits:
    """An alias that is another metric's name_zh, or a part of it, is part of the metric's own
    name_zh (the stem a family of metrics shares: 老旧小区改造 of 老旧小区改造小区); otherwise it
    names that other metric's thing, and facts filed under the alias belong there (a cold
    attack gave the economic aggregate the alias 综合绩效评价, part of 高质量发展综合绩效评价, so
    that the evaluation's rank moved to it still found "its" name in its sentence)."""
    frame = (
        table.frame.lazy()
        .select(ROW, "metric_id", "name_zh", "aliases_zh")
        .filter(pl.col("name_zh").is_not_null() & pl.col("aliases_zh").is_not_null())
    )
    aliases = (
        frame.with_columns(__alias=pl.col("aliases_zh").str.split(ALIAS_SEPARATOR))
        .explode("__alias")
        .filter(pl.col("__alias").str.len_chars() > 0)
        .filter(~pl.col("name_zh").str.contains(pl.col("__alias"), literal=True))
    )
    names = (
        table.frame.lazy()
        .select(pl.col("name_zh").alias("__name"), pl.col("metric_id").alias("__of"))
        .drop_nulls()
        .group_by("__name", maintain_order=True)
        .agg(pl.col("__of").first())
    )
    pairs, named = pl.collect_all(
        [aliases.select("__alias", "name_zh").unique(), names], engine="in-memory"
    )
    if pairs.is_empty():
        return None
    # the aliases found in each distinct name at once (Aho-Corasick: linear in the names'
    # length, however many aliases), then each (alias, own name) given a name that is not its own
    within = (
        named.lazy()
        .select(
            "__name",
            "__of",
            pl.col("__name")
            .str.extract_many(pairs["__alias"].unique().to_list(), overlapping=True)
            .alias("__alias"),
        )
        .explode("__alias")
        .drop_nulls("__alias")
    )
    hits = (
        pairs.lazy()
        .join(within, on="__alias", how="inner")
        .filter(pl.col("__name") != pl.col("name_zh"))
        .sort("__of")
        .group_by("__alias", "name_zh", maintain_order=True)
        .agg(pl.col("__of").first())
    )
    return aliases.join(hits, on=["__alias", "name_zh"], how="inner").select(
        ROW,
        pl.format(
            "alias {} of metric {} ({}) is (part of) the name_zh of metric {}: an alias is "
            "another printed form of the metric's own thing, never another metric's name",
            "__alias",
            "metric_id",
            "name_zh",
            "__of",
        ).alias("message"),
    )
