"""Fields the text leaves unprinted: what curation/README.md decides for them instead.

Where the sentence prints no year, no base year or no unit word, a careless edit to the
period, base period or unit cannot contradict a printed word, so the rules that read the
words do not see it. What decides these fields then is a rule of the build, and each rule
here holds it:

* ``period-anchor``: an inferred period is the anchor of the part (README "period and
  period_inferred"): part one 2021 or 2017-2021 (2020 for a plan whose name dates it, 十三五,
  三年行动); part two 2022-2026 in the paragraph that states the five-year goals
  (今后五年的奋斗目标), 2022 in the 2022 tasks;
* ``base-period-unprinted``: only a change has a base period (haidian_build/fact_rules.py),
  and a part-one change whose sentence prints no base year is a change over the five years
  reviewed, from 2016 (地下水回升6.66米);
* ``unit-word``: a person, household or dwelling unit is printed as a word of the quote
  (常住人口…313.2万 counts people: 人; 为17600户保障家庭 households: 户).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import SPANS, around
from haidian_report.validate.rules.common import section_spans, sentence_text, sound_period
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.measures import BASE_YEAR

#: The periods an inferred period may be, by table: the year and the span of the part.
ANCHORS: Final = {"indicators": ("2021", "2017-2021"), "targets": ("2022", "2022-2026")}
#: Plans whose names date them to 2020 (README: “十三五”规划…: 2020; 农村人居环境整治三年行动).
PLANS_OF_2020: Final = "十三五|三年行动"
#: The words that state the five-year goals: the paragraph printing them dates its goals
#: 2022-2026; every other target of part two is a 2022 task.
FIVE_YEAR_GOALS: Final = "今后五年的奋斗目标"
#: The base of a part-one change whose base year is not printed: the five years reviewed.
REVIEW_BASE: Final = "2016"
#: The word a unit is printed with, in the quote of every fact of that unit.
UNIT_WORDS: Final = {"person": "[人名]", "household": "户", "dwelling": "套"}


def _five_year_paragraphs(ctx: Context) -> list[str]:
    """Ids of the sections whose text (sliced from the source) states the five-year goals."""
    spans = section_spans(ctx)
    if spans is None or ctx.source is None:
        return []
    spans = spans.unique()
    size = len(ctx.source)
    return [
        str(sid)
        for sid, a, b in spans.iter_rows()
        if 0 <= a <= b <= size and FIVE_YEAR_GOALS in ctx.source[a:b]
    ]


def _sections(ctx: Context) -> pl.LazyFrame | None:
    """(sentence_id, __five): whether each sentence stands in the five-year goals' paragraph
    (a query)."""
    sentences = ctx.tables.get("sentences")
    if sentences is None or not sentences.has("sentence_id", "section_id"):
        return None
    five = _five_year_paragraphs(ctx)
    if not five:
        return None
    return (
        sentences.frame.lazy()
        .select(pl.col("sentence_id").cast(pl.String), pl.col("section_id").cast(pl.String))
        .drop_nulls()
        .unique("sentence_id", keep="none")
        .select("sentence_id", __five=pl.col("section_id").is_in(five))
    )


@rule(
    "period-anchor",
    needs={"period": "string", "period_inferred": "boolean", "sentence_id": "string",
           "quote": "string"},
    tables=tuple(ANCHORS),
    field="period",
    source=True,
)  # fmt: skip
def inferred_period_is_the_anchor_of_the_part(ctx: Context, table: Table) -> Hits:
    """An inferred period is the part's anchor: 2021 or 2017-2021 for an indicator (2020 for a
    plan named 十三五 or 三年行动); 2022-2026 for a target in the paragraph of the five-year
    goals (今后五年的奋斗目标), else 2022."""
    lazy = (
        table.frame.lazy()
        .filter(
            table.clean("period_inferred", "period") & pl.col("period_inferred").fill_null(False)
        )
        .select(ROW, "period", "sentence_id", "quote")
    )
    # each distinct period read once
    sound = lazy.select("period").unique().filter(sound_period("period"))
    lazy = lazy.join(sound, on="period", how="semi")
    if table.name == "indicators":
        plan = pl.col("quote").fill_null("").str.contains(PLANS_OF_2020)
        lazy = (
            lazy.filter(~pl.col("period").is_in(ANCHORS["indicators"]))
            .filter(~(plan & (pl.col("period") == "2020")))
            .with_columns(
                __want=pl.lit("2021 or 2017-2021 (2020 for a plan named 十三五 or 三年行动)")
            )
        )
    else:
        where = _sections(ctx)
        if where is None:
            return None
        five = pl.col("__five")
        goals = f"2022-2026: the paragraph states the five-year goals ({FIVE_YEAR_GOALS})"
        task = "2022: a 2022 task (the paragraph is not the five-year goals')"
        lazy = (
            lazy.join(where, on="sentence_id", how="inner")
            .filter(pl.col("period") != pl.when(five).then(pl.lit("2022-2026")).otherwise(
                pl.lit("2022")))
            .with_columns(__want=pl.when(five).then(pl.lit(goals)).otherwise(pl.lit(task)))
        )  # fmt: skip
    frame = lazy.collect(engine="in-memory")
    if not frame.height:  # every inferred period is its anchor: no sentence to read
        return None
    # a row whose sentence prints a year of its period is not inferred: period-inferred's
    texts = sentence_text(ctx, table, frame)
    if texts is None:
        return None
    bad = (
        frame.lazy()
        .join(texts.lazy(), on=ROW, how="inner")
        .filter(
            ~pl.col("sentence").str.contains(pl.col("period").str.slice(0, 4), literal=True)
            & ~pl.col("sentence").str.contains(pl.col("period").str.slice(-4), literal=True)
        )
    )
    return bad.select(
        ROW,
        pl.format(
            "period {} is inferred (the sentence prints no year of it), so it is the anchor of "
            "its part: {}",
            "period",
            "__want",
        ).alias("message"),
    )


@rule(
    "base-period-unprinted",
    needs={"measure": "string", "base_period": "string"},
    tables=("indicators", "targets"),
    field="base_period",
)
def only_a_change_has_a_base_period(ctx: Context, table: Table) -> Hits:
    """Only a change has a base period (haidian_build/fact_rules.py: "only change rows have a
    base period"): a growth rate is over the year before, a level has none."""
    bad = table.frame.lazy().filter(
        pl.col("base_period").is_not_null() & (pl.col("measure").fill_null("") != "change")
    )
    return bad.select(
        ROW,
        pl.format(
            "base period {} on a {} row: only a change has a base period", "base_period", "measure"
        ).alias("message"),
    )


@rule(
    "base-period-unprinted",
    needs={**SPANS, "measure": "string", "base_period": "string", "qualifier": "string"},
    tables=("indicators",),
    field="base_period",
    source=True,
)
def unprinted_base_of_a_review_change_is_2016(ctx: Context, table: Table) -> Hits:
    """A part-one figure change whose sentence prints no base year (较/比…年) before its value
    is a change over the five years reviewed: its base period is 2016 (地下水回升6.66米)."""
    frame = (
        around(ctx, table)
        .lazy()
        .filter(
            (pl.col("measure") == "change") & (pl.col("qualifier").fill_null("") != "qualitative")
        )
    )
    bad = frame.filter(
        pl.col("head").str.extract(BASE_YEAR, 1).is_null()
        & (pl.col("base_period").fill_null("") != REVIEW_BASE)
    )
    return bad.select(
        ROW,
        pl.format(
            "base period {}, but the sentence prints no base year before the value: a change "
            "of the review with no base printed is over the five years, from {}",
            pl.col("base_period").fill_null("empty"),
            pl.lit(REVIEW_BASE),
        ).alias("message"),
    )


@rule(
    "unit-word",
    needs={"unit": "string", "quote": "string"},
    tables=("indicators", "targets"),
    field="unit",
)
def unit_is_printed_as_a_word_of_the_quote(ctx: Context, table: Table) -> Hits:
    """A fact counted in persons prints 人 or 名 in its quote, in households 户, in dwellings 套
    (常住人口由2016年的364万减至313.2万: people; 棚户区改造完成14800户: households)."""
    frame = table.frame.lazy().filter(
        pl.col("unit").is_in(list(UNIT_WORDS)) & pl.col("quote").is_not_null()
    )
    words = pl.LazyFrame(
        {"unit": list(UNIT_WORDS), "__word": list(UNIT_WORDS.values())},
        schema={"unit": table.frame.schema["unit"], "__word": pl.String},
    )
    pairs = (
        frame.select("unit", "quote")
        .unique()
        .join(words, on="unit")
        .with_columns(__said=pl.col("quote").str.contains(pl.col("__word")))
    )
    bad = (
        frame.select(ROW, "unit", "quote")
        .join(pairs, on=["unit", "quote"])
        .filter(~pl.col("__said"))
    )
    return bad.select(
        ROW,
        pl.format(
            "unit {}, but the quote prints none of {} (the words that count in that unit): the "
            "unit is another metric's",
            "unit",
            pl.col("__word").str.replace_all(r"[\[\]]", ""),
        ).alias("message"),
    )  # fmt: skip
