"""Rules on a fact against its metric and the facts it names: its unit fits the metric and
measure, it is a unit code of the package, and a target's base indicator is of the same
metric in the year before (the tail of :mod:`~haidian_report.validate.rules.facts`, which
reads the text around a value)."""

from __future__ import annotations

import polars as pl

from haidian_report.figures import UNIT_CODES
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import first_year, flawed, last_year
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.facts import FACT, PERCENT_MEASURES, TIME_UNITS


@rule(
    "unit-metric",
    needs={"metric_id": "string", "measure": "string", "unit": "string"},
    field="unit",
)
def unit_agrees_with_the_metric(ctx: Context, table: Table) -> Hits:
    """A fact's unit is its metric's (percent for rates and shares, rank for ranks, a time
    unit or the metric's for durations (九连冠 counts titles); a change may also be in percent
    or percentage points)."""
    metrics = ctx.tables.get("metrics")
    if metrics is None or not metrics.has("metric_id", "unit") or table.name == "metrics":
        return None
    units = metrics.frame.select("metric_id", __mu="unit").unique("metric_id", keep="first")
    # a qualitative row has no unit at all: qualitative-unit reports one it has
    numeric = (
        pl.col("qualifier").ne_missing("qualitative")
        if table.typed("qualifier", "string")
        else pl.lit(True)
    )
    frame = table.frame.filter(pl.col("unit").is_not_null() & numeric).select(
        ROW, "metric_id", "measure", "unit"
    )
    frame = frame.join(units, on="metric_id").rechunk()  # (polars 2.1 may panic on chunks)
    m, u, mu = pl.col("measure"), pl.col("unit"), pl.col("__mu")
    ok = (
        pl.when(m.is_in(PERCENT_MEASURES))
        .then(u == "percent")
        .when(m == "rank")
        .then(u == "rank")
        .when(m == "duration")
        .then(u.is_in(TIME_UNITS) | u.eq_missing(mu))
        .when(m == "change")
        .then(u.is_in(("percent", "percentage_point")) | (u == mu) | mu.is_null())
        .otherwise(u.eq_missing(mu))  # a unit where the metric has none does not fit
    )
    return (
        frame.lazy()
        # an empty measure is the schema's to report (required): no measure, nothing to fit
        .filter(m.is_not_null() & ~ok.fill_null(True))
        .select(
            ROW,
            pl.format(
                "unit {} does not fit measure {} of metric {} (measured in {})",
                u,
                m,
                "metric_id",
                mu.fill_null("no unit"),
            ).alias("message"),
        )
    )


@rule(
    "unit-unknown",
    needs={"unit": "string"},
    tables=("indicators", "targets", "metrics", "checks"),
    field="unit",
)
def unit_is_a_known_code(ctx: Context, table: Table) -> Hits:
    """A unit is one of the package's unit codes (:data:`haidian_report.figures.UNIT_CODES`)."""
    frame = table.frame.lazy().filter(
        pl.col("unit").is_not_null() & ~pl.col("unit").is_in(list(UNIT_CODES))
    )
    return frame.select(
        ROW,
        pl.format(
            "found {}; expected a unit code of the package ({}…)",
            "unit",
            pl.lit(", ".join(list(UNIT_CODES)[:6])),
        ).alias("message"),
    )


@rule("base-indicator", needs={**FACT, "base_indicator_id": "string"}, field="base_indicator_id")
def base_is_the_same_metric_a_year_before(ctx: Context, table: Table) -> Hits:
    """A target's base indicator is of the same metric, in the year before the target's."""
    facts = ctx.tables.get("indicators")
    if facts is None or not facts.has("indicator_id", "metric_id", "period"):
        return None
    base = (
        facts.frame.filter(~pl.col(ROW).is_in(flawed(ctx, facts.name)))
        .select(
            pl.col("indicator_id").alias("base_indicator_id"),
            pl.col("metric_id").alias("__bm"),
            last_year("period").alias("__by"),
        )
        .unique("base_indicator_id", keep="first")  # an id given twice: its first row
    )
    frame = table.frame.select(ROW, "base_indicator_id", "metric_id", "period").join(
        base, on="base_indicator_id", how="inner"
    )
    bad = frame.filter(
        (pl.col("__bm") != pl.col("metric_id")) | (pl.col("__by") != first_year("period") - 1)
    )  # eager still (the years now cast leniently, so it could be a query; left as tested)
    return bad.lazy().select(
        ROW,
        pl.format(
            "base indicator {} is of metric {} in {}; expected metric {} in the year before {}",
            "base_indicator_id",
            "__bm",
            "__by",
            "metric_id",
            "period",
        ).alias("message"),
    )
