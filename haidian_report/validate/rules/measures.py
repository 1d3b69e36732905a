"""Rules that tie a fact's measure, sign, base and marks to the words of its sentence.

The written rules of curation/README.md (measure, period, variant, estimated, firmness) are
code in the build (``haidian_build/fact_rules.py``); the rules below are the ones a derived
package can break, read the way the build reads them (the sentence's clause up to the value),
so that a package the build would refuse is not VALID either:

* a value is negative only on a change or a growth rate, and only those have a direction
  (减免税费650亿元 is a positive amount of tax cut);
* the measure agrees with the words: 年均增长 only for a CAGR, 增长 for growth, 占 for a share,
  率 for a rate; a level, flow or growth rate is of one year, a cumulative total or a CAGR of
  several; a part-one flow has its year printed; a flow is never of money;
* a base year printed (较2016年) is the base period; a base indicator has the target's measure
  (or is the level a growth or change builds on);
* estimated ⇔ 预计 reaches the value (its clause group) in a figure of 2021; firmness is the
  marker whose reach covers the value (力争, 确保 in its clause; 预期目标 before it).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import SPANS, around, last_clause, last_group
from haidian_report.validate.rules.common import first_year, flagged, flawed, last_year
from haidian_report.validate.rules.distinct import judged_once
from haidian_report.validate.rules.engine import Hits, rule

#: Measures whose value carries a sign: a change against a base, a growth rate.
SIGNED: Final = ("change", "growth_yoy", "cagr")
#: Measures of one year (numeric) and of several years.
SINGLE_YEAR: Final = ("level", "flow", "growth_yoy")
RANGE: Final = ("cumulative", "cagr")
#: The word each measure needs in its value's clause (the build's rule_measure_words).
MEASURE_WORDS: Final = {"growth_yoy": "增长", "share": "占", "rate": "率"}
AVERAGE_GROWTH: Final = "年均(?:增长|增速|递增)"
#: Units of money: a year's amount of money is a level of its series, never a flow.
MONEY: Final = r"^(?:CNY|USD)(?:/|$)"
#: The one part-one flow dated by what it is about (curation/README.md, period).
VACCINATION_DRIVE: Final = "疫苗接种"
#: The year the review ends (an estimate is a figure of it) and the firmness markers.
REVIEW_END: Final = 2021
EXPECTED_MARKER: Final = "预期目标"
FIRMNESS_MARKERS: Final = {"strive": "力争", "ensure": "确保"}
NUMERIC: Final = pl.col("qualifier").fill_null("") != "qualitative"


def _numeric(table: Table) -> pl.Expr:
    return NUMERIC if table.has("qualifier") else pl.lit(True)


@rule("negative-value", needs={"measure": "string", "value": "number"}, field="value")
def only_changes_are_negative(ctx: Context, table: Table) -> Hits:
    """A value is negative only on a change or a growth rate: a level, flow, cumulative total,
    share, rate, rank or duration is never below zero."""
    bad = table.frame.lazy().filter(
        table.clean("value") & (pl.col("value") < 0) & ~pl.col("measure").is_in(SIGNED)
    )
    return bad.select(
        ROW,
        pl.format(
            "found {} on a {} row; only a change or a growth rate ({}) is negative",
            pl.col("value").cast(pl.String),
            "measure",
            pl.lit(", ".join(SIGNED)),
        ).alias("message"),
    )


@rule("negative-value", needs={"measure": "string", "direction": "string"}, field="direction")
def only_changes_have_a_direction(ctx: Context, table: Table) -> Hits:
    """A direction is said of a change or a growth rate only (下降51%): an amount whose words
    hold 减 (减免税费650亿元, 减量140万平方米) is not a decrease of itself."""
    bad = table.frame.lazy().filter(
        pl.col("direction").is_not_null() & ~pl.col("measure").is_in(SIGNED)
    )
    return bad.select(
        ROW,
        pl.format(
            "direction {} on a {} row; only a change or a growth rate has one", "direction",
            "measure",
        ).alias("message"),
    )  # fmt: skip


@rule("measure-word", needs={**SPANS, "measure": "string"}, field="measure", source=True)
def measure_is_printed(ctx: Context, table: Table) -> Hits:
    """The value's clause prints its measure: 年均增长 only for a CAGR; 增长 for a growth
    rate, 占 for a share, 率 for a rate (森林覆盖率35.78% is a rate, not a growth); 现有
    (existing) only for a level."""
    # each distinct (measure, head, printed) judged once: copies of a fact share theirs
    columns = ["measure", "head", "printed"]
    return judged_once(around(ctx, table), columns, _MEASURE_MESSAGE, derived=_CLAUSE)


def _measure_message() -> pl.Expr:
    """The message of :func:`measure_is_printed` (null where it holds), with ``__c``: the
    value's clause (:data:`_CLAUSE`)."""
    need = pl.col("measure").replace_strict(MEASURE_WORDS, default=None, return_dtype=pl.String)
    average = pl.col("__c").str.contains(AVERAGE_GROWTH).fill_null(False)
    # 现有上市企业252家 counts what exists (a cold attack made it 252 new listings over five
    # years); 在现有基础上 (on the existing base) would not
    stock = (
        pl.col("__c").str.contains("现有", literal=True)
        & ~pl.col("__c").str.contains("现有基础", literal=True)
    ).fill_null(False)
    missing = (need.is_not_null() & ~pl.col("__c").str.contains(need, literal=True)).fill_null(
        False
    )
    return (
        pl.when(missing)
        .then(pl.format("a {} needs {} in the value's clause ({})", "measure", need, "__c"))
        .when(average & (pl.col("measure") != "cagr"))
        .then(
            pl.format("the value's clause ({}) prints 年均增长: a CAGR, not a {}", "__c", "measure")
        )
        .when(stock & (pl.col("measure") != "level"))
        .then(
            pl.format(
                "the value's clause ({}) prints 现有 (existing): a stock, a level, not a {}",
                "__c",
                "measure",
            )
        )
    )


_CLAUSE: Final = {"__c": last_clause("head") + pl.col("printed")}
_MEASURE_MESSAGE: Final = _measure_message()


@rule("measure-period", needs={"measure": "string", "period": "string"}, field="period")
def measure_fits_the_period(ctx: Context, table: Table) -> Hits:
    """A numeric level, flow or growth rate is of one year; a cumulative total or a CAGR is
    over several (建成养老机构63家 over 2017-2021 is not a flow of 2021)."""
    many = pl.col("period").str.contains("-")
    known = (first_year("period") <= last_year("period")).fill_null(False)  # else period-order
    wrong = known & (
        (pl.col("measure").is_in(SINGLE_YEAR) & many & _numeric(table))
        | (pl.col("measure").is_in(RANGE) & ~many)
    )
    message = pl.when(wrong).then(
        pl.when(many)
        .then(pl.format("a {} is of one year, not {}", "measure", "period"))
        .otherwise(pl.format("a {} is over several years, not {}", "measure", "period"))
    )
    # each distinct (measure, period, qualifier) judged once: a few dozen in any package
    columns = ["measure", "period", *(["qualifier"] if table.has("qualifier") else [])]
    return judged_once(table.frame, columns, message)


@rule(
    "measure-period",
    needs={**SPANS, "measure": "string", "period": "string"},
    tables=("indicators",),
    field="measure",
    source=True,
)
def part_one_flow_has_its_year_printed(ctx: Context, table: Table) -> Hits:
    """A part-one flow has its year printed in its sentence (2021年,签约落地…), or is the
    vaccination drive's: any other undated action of the review is cumulative 2017-2021."""
    frame = around(ctx, table).lazy().filter(pl.col("measure") == "flow")
    text = pl.col("head") + pl.col("printed") + pl.col("tail")
    # a sentence that prints another year than the period's is period-year's to report
    dated = text.str.contains(r"(?:19|20)[0-9]{2}年").fill_null(True)
    bad = frame.filter(~dated & ~text.str.contains(VACCINATION_DRIVE, literal=True))
    return bad.select(
        ROW,
        pl.format(
            "a flow of {}, but its sentence prints no year: an undated action of the review is "
            "cumulative 2017-2021",
            "period",
        ).alias("message"),
    )


#: The verbs of what was done in the five years (curation/README.md, measure): 新增, 建成,
#: 新建, 建设, 完成, 实施, 累计. Undated, they make a figure cumulative over 2017-2021.
FIVE_YEAR_VERBS: Final = "新增|建成|新建|建设|完成|实施|累计"


@rule(
    "measure-period",
    needs={**SPANS, "measure": "string", "qualifier": "string", "period": "string"},
    tables=("indicators",),
    field="measure",
    source=True,
)
def undated_work_of_the_review_is_cumulative(ctx: Context, table: Table) -> Hits:
    """A part-one figure whose clause prints what was done (建成养老机构63家, 累计新增…) and
    whose sentence prints no year is a cumulative total of 2017-2021, not a level or a flow."""
    # (an undated flow is part_one_flow_has_its_year_printed's to report)
    frame = around(ctx, table).filter(NUMERIC & ~pl.col("measure").is_in(("cumulative", "flow")))
    # each distinct (measure, period, words) judged once: copies of a fact share theirs
    columns = ["measure", "period", "head", "printed", "tail"]
    return judged_once(frame, columns, _UNDATED_MESSAGE)


def _undated_message() -> pl.Expr:
    """The message of :func:`undated_work_of_the_review_is_cumulative`, null where it holds."""
    text = pl.col("head") + pl.col("printed") + pl.col("tail")
    done = last_clause("head").str.contains(FIVE_YEAR_VERBS).fill_null(False)
    return pl.when(done & ~text.str.contains(r"(?:19|20)[0-9]{2}年").fill_null(True)).then(
        pl.format(
            "a {} of {}, but its clause prints {} and its sentence no year: what the review "
            "did in the five years is cumulative 2017-2021",
            "measure",
            "period",
            last_clause("head").str.extract(f"({FIVE_YEAR_VERBS})", 1),
        )
    )


_UNDATED_MESSAGE: Final = _undated_message()


@rule("measure-period", needs={"measure": "string", "unit": "string"}, field="measure")
def money_is_a_level_not_a_flow(ctx: Context, table: Table) -> Hits:
    """A year's amount of money (GDP, revenue, exports) is a level of its series, never a
    flow: flow is what a year adds to a count of things."""
    bad = table.frame.lazy().filter(
        (pl.col("measure") == "flow") & pl.col("unit").str.contains(MONEY).fill_null(False)
    )
    return bad.select(
        ROW,
        pl.format("a flow in {}: a year's amount of money is a level", "unit").alias("message"),
    )


#: The base year printed before a change: 较2016年, 比2016年.
BASE_YEAR: Final = r".*[较比]((?:19|20)[0-9]{2})年"


@rule(
    "base-period-year",
    needs={**SPANS, "measure": "string", "base_period": "string"},
    field="base_period",
    source=True,
)
def base_period_is_the_year_printed(ctx: Context, table: Table) -> Hits:
    """A change's base period is the year its sentence prints as the base (较2016年预计下降
    51%: base 2016), the last one before the value."""
    # each distinct (head, measure, base period) judged once: copies of a fact share theirs
    columns = ["head", "measure", "base_period"]
    return judged_once(around(ctx, table), columns, _BASE_MESSAGE)


def _base_message() -> pl.Expr:
    """The message of :func:`base_period_is_the_year_printed`, null where it holds."""
    year = pl.col("head").str.extract(BASE_YEAR, 1).cast(pl.Int64, strict=False)
    wrong = (
        year.is_not_null()
        & ((pl.col("measure") == "change") | pl.col("base_period").is_not_null())
        & (last_year("base_period").fill_null(-1) != year)
    )
    return pl.when(wrong).then(
        pl.format(
            "base period {}, but the sentence prints {}年 as the base (较/比) before the value",
            pl.col("base_period").fill_null("empty"),
            year,
        )
    )


_BASE_MESSAGE: Final = _base_message()


@rule(
    "base-indicator",
    needs={"measure": "string", "base_indicator_id": "string"},
    field="base_indicator_id",
)
def base_has_the_targets_measure(ctx: Context, table: Table) -> Hits:
    """A target's base indicator has the target's measure, or is the level that a growth or
    change target builds on (gdp.level.2022 builds on gdp.level.2021, never on a share)."""
    facts = ctx.tables.get("indicators")
    if facts is None or not facts.has("indicator_id", "measure"):
        return None
    base = (
        facts.frame.filter(~pl.col(ROW).is_in(flawed(ctx, facts.name)))
        .select(pl.col("indicator_id").alias("base_indicator_id"), pl.col("measure").alias("__bm"))
        .unique("base_indicator_id", keep="none")
    )
    # rechunked: formatting a column gathered by this join, once filtered, panicked in polars
    # 2.1 (``assertion failed: i < self.len()``) on a 100x package with two bad rows
    frame = (
        table.frame.select(ROW, "base_indicator_id", "measure")
        .join(base, on="base_indicator_id", how="inner")
        .rechunk()
    )
    fits = (pl.col("__bm") == pl.col("measure")) | (
        pl.col("measure").is_in(SIGNED) & (pl.col("__bm") == "level")
    )
    return frame.filter(~fits.fill_null(True)).select(
        ROW,
        pl.format(
            "base indicator {} is a {}; a {} builds on a {} (or a growth or change on a level)",
            "base_indicator_id",
            "__bm",
            "measure",
            "measure",
        ).alias("message"),
    )


@rule(
    "estimated-marker",
    needs={**SPANS, "period": "string", "estimated": "boolean"},
    field="estimated",
    source=True,
)
def estimated_where_yuji_reaches(ctx: Context, table: Table) -> Hits:
    """estimated ⇔ the figure is of 2021 (or ends in 2021) and 预计 is printed before the value
    in its clause group (back to the last ; or 。): 由2016年的5908亿元预计增至9500亿元 estimates
    9500亿元, never the 2016 figure."""
    frame = around(ctx, table).filter(table.clean("estimated") & pl.col("estimated").is_not_null())
    # each distinct (estimated, period, head) judged once (a regex from every place to the
    # end is costly on long heads, and copies of a fact share theirs)
    columns = ["estimated", "period", "head"]
    return judged_once(frame, columns, _ESTIMATED_MESSAGE, derived=_SAID)


def _estimated_message() -> pl.Expr:
    """The message of :func:`estimated_where_yuji_reaches` (null where it holds), with
    ``__said``: 预计 reaches the value (:data:`_SAID`)."""
    want = pl.col("__said") & (last_year("period") == REVIEW_END).fill_null(False)
    # a period that is malformed, backwards or past the review is period-*'s to report
    dated = (first_year("period") <= last_year("period")) & (last_year("period") <= REVIEW_END)
    return pl.when(dated.fill_null(False) & (pl.col("estimated") != want)).then(
        pl.when(pl.col("estimated") & ~pl.col("__said"))
        .then(pl.lit("estimated is true, but 预计 does not reach the value (its clause group)"))
        .when(pl.col("estimated"))
        .then(pl.format("estimated is true, but a figure of {} is not an estimate", "period"))
        .otherwise(pl.lit("estimated is false, but 预计 reaches the value (its clause group)"))
    )


_SAID: Final = {"__said": last_group("head").str.contains("预计", literal=True).fill_null(False)}
_ESTIMATED_MESSAGE: Final = _estimated_message()


@rule(
    "firmness-marker",
    needs={**SPANS, "firmness": "string"},
    field="firmness",
    source=True,
)
def firmness_is_the_marker_that_reaches(ctx: Context, table: Table) -> Hits:
    """firmness is the marker whose reach covers the value: 确保 or 力争 in its clause before
    it, else 预期目标 before it in the sentence (2022年…主要预期目标是:…区级一般公共预算收入
    增长4% is expected); no marker, no firmness."""
    # each distinct (firmness, head) judged once: copies of a fact share theirs; a firmness
    # that facts' firmness-marker rule reported already is reported once
    frame = around(ctx, table)
    frame = frame.filter(~pl.col(ROW).is_in(flagged(ctx, table.name, "firmness")))
    return judged_once(frame, ["firmness", "head"], _FIRMNESS_MESSAGE)


def _firmness_message() -> pl.Expr:
    """The message of :func:`firmness_is_the_marker_that_reaches`, null where it holds."""
    clause = last_clause("head")
    want = (
        pl.when(clause.str.contains(FIRMNESS_MARKERS["ensure"], literal=True))
        .then(pl.lit("ensure"))
        .when(clause.str.contains(FIRMNESS_MARKERS["strive"], literal=True))
        .then(pl.lit("strive"))
        .when(pl.col("head").str.contains(EXPECTED_MARKER, literal=True))
        .then(pl.lit("expected"))
    )
    return pl.when(pl.col("firmness").fill_null("") != want.fill_null("")).then(
        pl.format(
            "firmness {}, but the marker that reaches the value gives {} (确保/力争 in its "
            "clause, 预期目标 before it)",
            pl.col("firmness").fill_null("empty"),
            want.fill_null("none"),
        )
    )


_FIRMNESS_MESSAGE: Final = _firmness_message()
