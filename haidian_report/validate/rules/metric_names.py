"""A fact's metric is named where the fact is printed.

Every shipped fact's paragraph prints its metric's ``name_zh`` or one of its ``aliases_zh``
(地区生产总值 in 地区生产总值由2016年的5908亿元预计增至9500亿元; 中关村科学城北区建设 heads the
paragraph whose next sentences give its floor areas). So a fact moved to another metric of the
same unit (为企业减免税费650亿元 filed under export_value, 出口额) or a metric renamed to
another's name (gdp called 社会消费品零售额) leaves facts whose paragraph names a different
thing: each is reported on its row, with the names that were looked for.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import section_spans
from haidian_report.validate.rules.engine import Hits, rule

ALIAS_SEPARATOR: Final = " | "


def _paragraphs(ctx: Context) -> pl.DataFrame | None:
    """(sentence_id, __paragraph text) for every sentence of the package."""
    sentences = ctx.tables.get("sentences")
    if sentences is None or not sentences.has("sentence_id", "section_id", "text", "start"):
        return None
    s = sentences.frame.filter(pl.col("section_id").is_not_null() & pl.col("text").is_not_null())
    texts = _from_source(ctx, s)
    if texts is None:
        texts = (
            s.sort("start", maintain_order=True)  # (sentences of one start: in row order)
            .group_by("section_id")
            .agg(pl.col("text").str.join("").alias("__paragraph"))
        )
    return s.select("sentence_id", pl.col("section_id").cast(pl.String)).join(
        texts.with_columns(pl.col("section_id").cast(pl.String)), on="section_id"
    )


def _from_source(ctx: Context, sentences: pl.DataFrame) -> pl.DataFrame | None:
    """(section_id, __paragraph): each paragraph as the source prints it (its span in
    ``sections``), so a row subset of ``sentences`` still sees the whole paragraph; None
    without the source or a usable sections table (the sentences are joined instead)."""
    spans, source = section_spans(ctx), ctx.source
    if spans is None or source is None:
        return None
    spans = spans.unique("section_id", keep="none").join(
        sentences.select(pl.col("section_id").cast(pl.String)).unique(), on="section_id"
    )
    return pl.DataFrame(
        {
            "section_id": spans["section_id"],
            "__paragraph": [source[a:b] for a, b in zip(spans["start"], spans["end"], strict=True)],
        },
        schema={"section_id": pl.String, "__paragraph": pl.String},
    )


def name_and_aliases(ctx: Context) -> pl.DataFrame | None:
    """(metric_id, __name) for every name and alias of every metric."""
    metrics = ctx.tables.get("metrics")
    if metrics is None or not metrics.has("metric_id", "name_zh"):
        return None
    aliases = (
        pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
        if metrics.typed("aliases_zh", "string")
        else pl.lit([], pl.List(pl.String))
    )
    names = metrics.frame.select(
        "metric_id", pl.concat_list(pl.col("name_zh"), aliases).alias("__name")
    )
    return names.explode("__name").filter(pl.col("__name").str.len_chars() > 0)


def _shared(ctx: Context) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The paragraphs (:func:`_paragraphs`) and, per metric, its names (``__name``, a list)
    and their display (``__names``): built once per run, as both fact tables read them."""
    metrics = ctx.tables.get("metrics")
    if metrics is None:
        return _paragraphs(ctx), None
    key = "helper:metric_names._shared"
    if key not in metrics.cache:
        metrics.cache[key] = (_paragraphs(ctx), _by_metric(ctx, metrics))
    found: tuple[pl.DataFrame | None, pl.DataFrame | None] = metrics.cache[key]
    return found


def _by_metric(ctx: Context, metrics: Table) -> pl.DataFrame | None:
    """(metric_id, __name, __names) of :func:`_shared`. Where every metric_id is one row's,
    each distinct (name_zh, aliases_zh) is split once (copies of a metric share theirs)."""
    if not metrics.has("metric_id", "name_zh"):
        return None
    if (
        not metrics.typed("aliases_zh", "string")
        or metrics.frame["metric_id"].is_duplicated().any()
    ):
        names = name_and_aliases(ctx)
        return (
            None
            if names is None
            else names.group_by("metric_id")
            .agg(pl.col("__name"))
            .with_columns(pl.col("__name").list.join(ALIAS_SEPARATOR).alias("__names"))
        )
    pair = ["name_zh", "aliases_zh"]
    rows = metrics.frame.select("metric_id", *pair)
    lists = (
        rows.select(pair)
        .unique()
        .with_columns(
            pl.concat_list(
                pl.col("name_zh"), pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
            )
            .list.eval(pl.element().filter(pl.element().str.len_chars() > 0))
            .alias("__name")
        )
        .filter(pl.col("__name").list.len() > 0)
        .with_columns(pl.col("__name").list.join(ALIAS_SEPARATOR).alias("__names"))
    )
    return rows.join(lists, on=pair, how="inner", nulls_equal=True).select(
        "metric_id", "__name", "__names"
    )


@rule(
    "metric-name",
    needs={"metric_id": "string", "sentence_id": "string", "value_text": "string"},
    tables=("indicators", "targets"),
    field="metric_id",
)
def metric_is_named_in_the_paragraph(ctx: Context, table: Table) -> Hits:
    """The paragraph a fact is printed in names its metric (``name_zh`` or an alias)."""
    paragraphs, by_metric = _shared(ctx)
    if paragraphs is None or by_metric is None:
        return None
    # each (names, paragraph) pair once: scaled copies of the package repeat them; the rows
    # carry only the names' display, the lists are read once per distinct display
    # its casts are to text, which cannot fail
    frame = (
        table.frame.lazy()
        .select(ROW, "metric_id", "sentence_id")
        .join(paragraphs.lazy().select("sentence_id", "section_id"), on="sentence_id", how="inner")
        .join(by_metric.lazy().select("metric_id", "__names"), on="metric_id", how="inner")
    )
    # (one paragraph per section, one list of names per display: any row of a key is its row)
    texts = paragraphs.lazy().select("section_id", "__paragraph").unique("section_id", keep="first")
    lists = by_metric.lazy().select("__names", "__name").unique("__names", keep="first")
    unnamed = (
        frame.select("__names", "section_id")
        .unique()
        .join(lists, on="__names")
        .join(texts, on="section_id")
        .explode("__name")
        .group_by("__names", "section_id")
        .agg(
            pl.col("__paragraph")
            .str.contains(pl.col("__name"), literal=True)
            .any()
            .alias("__named")
        )
        .filter(~pl.col("__named"))
    )
    return frame.join(unnamed, on=["__names", "section_id"], how="inner").select(
        ROW,
        pl.format(
            "metric {} ({}) is not named in paragraph {}, where this fact is printed: the fact "
            "belongs to another metric, or the metric's name_zh/aliases_zh were changed",
            "metric_id",
            "__names",
            "section_id",
        ).alias("message"),
    )
