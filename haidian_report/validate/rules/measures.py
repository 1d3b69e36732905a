"""Rules that re-derive what a fact measures from the words around its value.

Each mirrors a written rule of the build (``haidian_build/fact_rules.py``: measure_words,
measure_period, metric_printed, estimated, firmness), read on the package alone:

* ``measure-words`` — the value's clause prints the measure: 年均增长 exactly for a cagr;
  增长 for a growth_yoy, 占 for a share, 率 for a rate;
* ``measure-period`` — a numeric level, flow or growth_yoy is of one year; a cumulative or
  cagr of several;
* ``metric-printed`` — the metric's name or one of its aliases is printed in the paragraph,
  up to the end of the quote (a fact moved to another metric names a thing not printed);
* ``estimated-marker`` (besides the rule in :mod:`.facts`) — a 2021 figure is estimated
  exactly when 预计 stands before it in its group of clauses (back to the last ; or 。);
* ``firmness-marker`` (besides the rule in :mod:`.facts`) — a target's firmness is the marker
  whose reach covers the value: 力争/确保 in the value's own clause, else 预期目标 before it.

A row whose sentence (or metric) is not there to read is skipped: its own problem says why;
so is a row whose field was already reported (by the rules of :mod:`.facts`, which run first).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import (
    REVIEWED,
    flagged,
    flawed,
    last_year,
    sound_period,
    spans_text,
)
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.facts import with_text
from haidian_report.validate.rules.mentions import ALIAS_SEPARATOR

FACT: Final = {"metric_id": "string", "measure": "string", "period": "string"}
SPANS: Final = {"quote_start": "integer", "value_start": "integer", "value_text": "string"}
_CLAUSE_END: Final = "[,，;；:：。]"
#: The words each measure's clause prints.
MEASURE_WORDS: Final = {"growth_yoy": "增长", "share": "占", "rate": "率"}
AVERAGE_GROWTH: Final = "年均(?:增长|增速|递增)"
SINGLE_YEAR: Final = ("level", "flow", "growth_yoy")
SEVERAL_YEARS: Final = ("cumulative", "cagr")


def value_clause() -> pl.Expr:
    """The sentence's clause up to the value (back to , ; : 。), then the value as printed."""
    return pl.col("sentence_pre").str.extract(f"([^{_CLAUSE_END[1:-1]}]*)$", 1) + pl.col(
        "value_text"
    )


@rule("measure-words", needs={**FACT, **SPANS}, field="measure", source=True)
def measure_is_printed_in_the_value_clause(ctx: Context, table: Table) -> Hits:
    """The value's clause prints its measure: 年均增长 exactly for a cagr, 增长 for a
    growth_yoy, 占 for a share, 率 for a rate."""
    frame = with_text(ctx, table).with_columns(__clause=value_clause())
    measure, words = pl.col("measure"), pl.col("__clause")
    average = words.str.contains(AVERAGE_GROWTH)
    needs = measure.replace_strict(MEASURE_WORDS, default=None, return_dtype=pl.String)
    missing = needs.is_not_null() & ~words.str.contains(needs, literal=True)
    message = (
        pl.when(average & (measure != "cagr"))
        .then(
            pl.format(
                "the value's clause ({}) prints 年均增长: measure cagr, not {}", words, measure
            )
        )
        .when(~average & (measure == "cagr"))
        .then(pl.format("measure cagr, but the value's clause ({}) does not print 年均增长", words))
        .when(missing)
        .then(pl.format("a {} prints {} in the value's clause ({})", measure, needs, words))
    )
    skip = flagged(ctx, table.name, "measure")
    out = frame.filter(words.is_not_null() & ~pl.col(ROW).is_in(skip))
    out = out.select(ROW, message.alias("message"))
    return out.filter(pl.col("message").is_not_null())


@rule("measure-period", needs=FACT, field="period")
def measure_spans_its_years(ctx: Context, table: Table) -> Hits:
    """A numeric level, flow or growth_yoy is of one year (a qualitative goal may hold over a
    period); a cumulative or a cagr is over several years."""
    ranged = pl.col("period").str.contains("-")
    numeric = (
        (pl.col("qualifier").fill_null("") != "qualitative")
        if table.typed("qualifier", "string")
        else pl.lit(True)
    )
    skip = flagged(ctx, table.name, "measure", "period")
    frame = table.frame.filter(sound_period("period") & ~pl.col(ROW).is_in(skip))
    single = pl.col("measure").is_in(SINGLE_YEAR) & ranged & numeric
    several = pl.col("measure").is_in(SEVERAL_YEARS) & ~ranged
    return frame.filter(single | several).select(
        ROW,
        pl.when(single)
        .then(pl.format("a {} is of one year, not {}", "measure", "period"))
        .otherwise(pl.format("a {} is over several years, not {}", "measure", "period"))
        .alias("message"),
    )


@rule(
    "metric-printed",
    needs={**FACT, "sentence_id": "string", "quote_end": "integer"},
    field="metric_id",
    source=True,
)
def metric_is_printed_before_its_quote(ctx: Context, table: Table) -> Hits:
    """The metric's Chinese name or one of its aliases is printed in the fact's paragraph, up
    to the end of its quote."""
    metrics, sentences = ctx.tables.get("metrics"), ctx.tables.get("sentences")
    sections = ctx.tables.get("sections")
    if (
        metrics is None
        or sentences is None
        or sections is None
        or table.name == "metrics"
        or not metrics.typed("name_zh", "string")
        or not sentences.has("sentence_id", "section_id")
        or not sections.has("section_id", "start")
        or not sections.typed("start", "integer")
    ):
        return None
    aliases = (
        pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
        if metrics.typed("aliases_zh", "string")
        else pl.lit([], pl.List(pl.String))
    )
    forms = metrics.frame.select(
        "metric_id", pl.concat_list(pl.col("name_zh"), aliases).alias("__forms")
    ).unique("metric_id", keep="first")
    # the paragraph's start from the sections table: a derived package may drop sentences
    starts = sections.frame.filter(
        sections.clean("start") & ~pl.col(ROW).is_in(flawed(ctx, sections.name))
    ).select(pl.col("section_id").cast(pl.String), pl.col("start").alias("__ps"))
    sents = sentences.frame.filter(~pl.col(ROW).is_in(flawed(ctx, sentences.name)))
    paragraph = sents.select(
        pl.col("sentence_id").cast(pl.String), pl.col("section_id").cast(pl.String)
    ).join(starts.unique("section_id", keep="first"), on="section_id")
    paragraph = paragraph.unique("sentence_id", keep="first").drop("section_id")
    frame = (
        table.frame.filter(table.clean("quote_end"))
        .select(ROW, "metric_id", pl.col("sentence_id").cast(pl.String), "quote_end")
        .join(paragraph, on="sentence_id", how="inner")
        .join(forms, on="metric_id", how="inner")
    )
    frame = spans_text(ctx, frame, "__ps", "quote_end", "__text").filter(
        pl.col("__text").is_not_null()
    )
    found = (
        frame.select(ROW, "__text", pl.col("__forms").alias("__form"))
        .explode("__form")
        .filter(pl.col("__form").is_not_null() & (pl.col("__form") != ""))
        .filter(pl.col("__text").str.contains(pl.col("__form"), literal=True))
        .select(ROW)
        .unique()
    )
    bad = frame.join(found, on=ROW, how="anti")
    return bad.select(
        ROW,
        pl.format(
            "neither the name nor an alias of metric {} ({}) is printed in the paragraph up to "
            "the quote: a different printed thing is a different metric",
            "metric_id",
            pl.col("__forms").list.join(" | "),
        ).alias("message"),
    )


@rule(
    "estimated-marker",
    needs={**FACT, **SPANS, "estimated": "boolean"},
    tables=("indicators",),
    field="estimated",
    source=True,
)
def estimated_where_expected_reaches(ctx: Context, table: Table) -> Hits:
    """A figure of 2021 (the year the report was written in) is estimated exactly when 预计
    stands before it in its group of clauses (back to the last ; or 。); no other is."""
    group = pl.col("sentence_pre").str.extract("([^;；。]*)$", 1)
    want = (last_year("period") == REVIEWED[1]) & group.str.contains("预计")
    frame = (
        with_text(ctx, table)
        .filter(
            table.clean("estimated") & pl.col("sentence_pre").is_not_null() & sound_period("period")
        )
        .filter(~pl.col(ROW).is_in(flagged(ctx, table.name, "estimated", "period")))
    )
    bad = frame.filter(want.fill_null(False) != pl.col("estimated"))
    return bad.select(
        ROW,
        pl.when(pl.col("estimated"))
        .then(pl.lit("estimated is true, but 预计 does not reach this figure of 2021"))
        .otherwise(pl.format("estimated is false, but 预计 reaches it ({})", group))
        .alias("message"),
    )


@rule(
    "firmness-marker",
    needs={**SPANS, "firmness": "string"},
    tables=("targets",),
    field="firmness",
    source=True,
)
def firmness_is_the_marker_that_reaches(ctx: Context, table: Table) -> Hits:
    """firmness is the marker whose reach covers the value: 确保 or 力争 in the value's own
    clause (确保 first), else 预期目标 anywhere before the value in its sentence, else none."""
    pre = pl.col("sentence_pre")
    reach = {w: pre.str.contains(f"{w}[^{_CLAUSE_END[1:-1]}]*$") for w in ("确保", "力争")}
    want = (
        pl.when(reach["确保"])
        .then(pl.lit("ensure"))
        .when(reach["力争"])
        .then(pl.lit("strive"))
        .when(pre.str.contains("预期目标"))
        .then(pl.lit("expected"))
        .otherwise(pl.lit(None, pl.String))
    )
    skip = flagged(ctx, table.name, "firmness", "period")
    frame = with_text(ctx, table).filter(pre.is_not_null() & ~pl.col(ROW).is_in(skip))
    frame = frame.with_columns(__want=want)
    bad = frame.filter(pl.col("firmness").ne_missing(pl.col("__want")))
    return bad.select(
        ROW,
        pl.format(
            "firmness {}; the marker that reaches the value says {}",
            pl.col("firmness").fill_null("none"),
            pl.col("__want").fill_null("none"),
        ).alias("message"),
    )
