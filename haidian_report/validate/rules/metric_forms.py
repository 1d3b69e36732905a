"""The printed forms of every metric (its name_zh and aliases_zh), for the rules that look for
a metric's words in a fact's text (:mod:`~haidian_report.validate.rules.printed`,
:mod:`~haidian_report.validate.rules.lists`).

Both helpers are built once per run (in the metrics table's cache), and each distinct
(name_zh, aliases_zh) is split once: copies of a metric (a scaled package repeats the metrics
under new ids) share their forms.
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import Context, Table
from haidian_report.validate.rules.distinct import exact_key


def printed_forms(ctx: Context) -> pl.DataFrame | None:
    """(metric_id, __f): every printed form of every metric (name_zh and aliases_zh), built
    once per run (kept in the metrics table's cache: four rules on two tables read it)."""
    metrics = ctx.tables.get("metrics")
    if metrics is None or not metrics.has("metric_id", "name_zh"):
        return None
    key = "helper:printed._forms"
    if key not in metrics.cache:
        ids, _, forms = _pairs(metrics)
        found = ids.join(forms, on="__p").select("metric_id", "__f")
        # each pair's forms are distinct: a metric_id given twice may repeat one
        if metrics.frame["metric_id"].n_unique() < metrics.height:
            found = found.unique()
        metrics.cache[key] = found
    built: pl.DataFrame = metrics.cache[key]
    return built


def _names(metrics: Table) -> pl.DataFrame:
    """(metric_id, __n, __a): each metric's id, name_zh and aliases_zh as text."""
    aliases = pl.col("aliases_zh") if metrics.has("aliases_zh") else pl.lit(None)
    return metrics.frame.select(
        pl.col("metric_id").cast(pl.String),
        pl.col("name_zh").cast(pl.String).alias("__n"),
        aliases.cast(pl.String).alias("__a"),
    )


def _split(pairs: pl.DataFrame) -> pl.DataFrame:
    """(__n, __a, __f): the forms of each distinct (name, aliases) pair: the name and each
    alias (split at `` | ``), empty ones left out."""
    return (
        pairs.with_columns(__f=pl.concat_list("__n", pl.col("__a").fill_null("").str.split(" | ")))
        .explode("__f")
        .filter(pl.col("__f").fill_null("") != "")
    )


def _pairs(metrics: Table) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """((metric_id, __p), (__p, __n, __a), (__p, __f)): a number per distinct (name_zh,
    aliases_zh) pair, the pair of each metric, and each pair's distinct forms. Built once per
    run (in the metrics table's cache): a scaled package repeats its metrics under new ids,
    and each distinct pair is split once."""
    key = "helper:metric_forms._pairs"
    if key not in metrics.cache:
        rows = _names(metrics)
        pairs = rows.select("__n", "__a").unique().with_row_index("__p")
        ids = rows.join(pairs, on=["__n", "__a"], nulls_equal=True).select("metric_id", "__p")
        forms = _split(pairs).select("__p", "__f").unique()
        metrics.cache[key] = (ids, pairs, forms)
    found: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] = metrics.cache[key]
    return found


def form_keys(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """((metric_id, __fk), (__fk, __f)): a key per metric that metrics with the same printed
    forms share (copies of a metric), and the forms of each key, so that a quote is searched
    once per distinct (forms, quote). The key is a number per distinct name and aliases a
    metric's forms are read from when each metric_id is one row's; otherwise the metric_id
    itself. Built once per run (in the metrics table's cache)."""
    metrics = ctx.tables.get("metrics")
    if metrics is None or not metrics.has("metric_id", "name_zh"):
        return None
    key = "helper:printed._form_keys"
    if key not in metrics.cache:
        shared = (
            metrics.typed("name_zh", "string")
            and (metrics.typed("aliases_zh", "string") or not metrics.has("aliases_zh"))
            and metrics.frame["metric_id"].n_unique() == metrics.height
        )
        if shared:
            ids, pairs, forms = _pairs(metrics)
            parts = [pl.col("__n").fill_null("")]
            if metrics.has("aliases_zh"):
                parts.append(pl.col("__a").fill_null(""))
            # the pairs that read as one text share a key (a null name or alias reads as "")
            text = exact_key(*parts)
            pairs = pairs.select("__p", text.rank("dense").alias("__fk"))
            keyforms = forms.join(pairs, on="__p").select("__fk", "__f").unique()
            ids = (
                ids.join(pairs, on="__p")
                .join(keyforms.select("__fk").unique(), on="__fk", how="semi")
                .select("metric_id", "__fk")
            )
        else:
            each = printed_forms(ctx)
            assert each is not None
            ids = each.select("metric_id", pl.col("metric_id").alias("__fk")).unique()
            keyforms = each.select(pl.col("metric_id").alias("__fk"), "__f")
        metrics.cache[key] = (ids, keyforms)
    found: tuple[pl.DataFrame, pl.DataFrame] = metrics.cache[key]
    return found


def keyed(ctx: Context, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """``frame`` (with ``metric_id``) with ``__fk``, the key of its metric's printed forms (null
    where the metric has none), and the forms of each key (:func:`form_keys`); None without
    a metrics table to read them from."""
    keys = form_keys(ctx)
    if keys is None:
        return None
    ids, keyforms = keys
    return frame.join(ids, on="metric_id", how="left"), keyforms


def others_named(judged: pl.LazyFrame, keyforms: pl.DataFrame, key: list[str]) -> pl.LazyFrame:
    """(``key``, __seg, __names): the rows of ``judged`` (distinct ``key`` rows, ``sentence_id``
    and ``__fk`` among them, each with a segment of text ``__seg``) whose segment prints the
    forms ``__names`` of other metrics of the sentence's rows (in ``judged``) and none of the
    row's own metric."""
    said = (
        judged.select("sentence_id", "__fk")
        .unique()
        .join(keyforms.lazy(), on="__fk", how="inner")
        .select("sentence_id", "__f")
        .unique()
    )
    found = (
        judged.select("sentence_id", "__seg")
        .unique()
        .join(said, on="sentence_id", how="inner")
        .filter(pl.col("__seg").str.contains(pl.col("__f"), literal=True).fill_null(False))
    )
    own = keyforms.lazy().with_columns(__own=pl.lit(True))
    return (
        judged.join(found, on=["sentence_id", "__seg"], how="inner")
        .join(own, on=["__fk", "__f"], how="left")
        .group_by(*key, "__seg")
        .agg(
            __own=pl.col("__own").fill_null(False).any(),
            __names=pl.col("__f").filter(pl.col("__own").is_null()).unique().sort(),
        )
        .filter(~pl.col("__own") & (pl.col("__names").list.len() > 0))
    )
