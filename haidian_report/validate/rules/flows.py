"""Rules on what kind of amount a fact is: a level or a flow, a goal's measure, a rise.

The measure is read from the words the way curation/README.md ("measure") writes it and the
build holds it:

* what a year adds or does is a ``flow``; a stock, a state, a per-person figure or a year's
  aggregate of money is a ``level``. So a goal or claim with no number (qualitative) is never
  a flow, nor is a figure per person (its unit has a denominator: 每万人发明专利拥有量550件);
  part two's one-year tasks that count things (新增轨道交通11公里, 增加中小学学位1万个) are
  flows of 2022; a dated part-one figure is a flow exactly when its clause prints what was
  done (2021年,签约落地重点项目90余个; 抽调2400多名医护人员), and a level otherwise
  (常住人口由2016年的364万减至313.2万).
* a qualitative goal's measure is the one its words state (:mod:`haidian_report.goal_measures`:
  最前头 a rank, 稳步增长 growth, 更精致 or 持续改善 a change, else a level).
* a direction is stated for a fall only (下降, 减少: the value is then negative); a rise is what
  a value without one reads as, and the build never writes ``increase``.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.goal_measures import GOAL_MEASURE_WORDS, STATE
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import SPANS, around, last_clause
from haidian_report.validate.rules.common import enum_of, first_match, first_year, last_year
from haidian_report.validate.rules.engine import Hits, rule

QUALITATIVE: Final = pl.col("qualifier").fill_null("") == "qualitative"
#: Units of things a one-year task adds (a count, a length, an area, dwellings, people).
THINGS: Final = ("count", "km", "m2", "dwelling", "household", "person")
#: Verbs of what was done, which make a dated part-one figure a flow.
DONE: Final = "新增|新建|建成|签约|授权|组建|抽调|开工|竣工|累计"
#: What dates a part-one figure: a year printed in its sentence, or the one drive the
#: README dates by what it is about (the 2021 vaccination drive, 疫苗接种).
DATED: Final = r"(?:19|20)[0-9]{2}年|疫苗接种"


def _one_year() -> pl.Expr:
    return (first_year("period") == last_year("period")).fill_null(False)


@rule(
    "flow-level",
    needs={"measure": "string", "qualifier": "string", "unit": "string"},
    field="measure",
)
def a_flow_counts_what_a_year_adds(ctx: Context, table: Table) -> Hits:
    """A flow is a number of things a year adds: a qualitative goal or claim is never one,
    nor is a figure per person or per unit (its unit has a denominator)."""
    measure = pl.col("measure")
    per = pl.col("unit").str.contains("/").fill_null(False)
    bad = table.frame.lazy().filter((measure == "flow") & (QUALITATIVE | per))
    return bad.select(
        ROW,
        pl.when(QUALITATIVE)
        .then(pl.lit("a qualitative row is a flow; a goal or claim with no number is a state"))
        .otherwise(pl.format("a flow in {}; a figure per person or unit is a level", "unit"))
        .alias("message"),
    )


@rule(
    "flow-level",
    needs={"measure": "string", "qualifier": "string", "unit": "string", "period": "string"},
    tables=("targets",),
    field="measure",
)
def a_one_year_task_counting_things_is_a_flow(ctx: Context, table: Table) -> Hits:
    """A numeric target of one year that counts things (count, km, m2, dwellings…) is a flow:
    part two's one-year tasks (新增轨道交通11公里) are what the year adds."""
    bad = table.frame.lazy().filter(
        (pl.col("measure") == "level")
        & ~QUALITATIVE
        & pl.col("unit").is_in(THINGS).fill_null(False)
        & _one_year()
    )
    return bad.select(
        ROW,
        pl.format(
            "a level of {} in {}: a one-year task counting things is a flow", "period", "unit"
        ).alias("message"),
    )


@rule(
    "flow-level",
    needs={**SPANS, "measure": "string", "qualifier": "string", "period": "string"},
    tables=("indicators",),
    field="measure",
    source=True,
)
def a_dated_figure_is_a_flow_where_its_clause_says_what_was_done(
    ctx: Context, table: Table
) -> Hits:
    """A dated part-one figure of one year (its sentence prints a year, or is the vaccination
    drive's) is a flow where its clause prints what was done (签约, 授权, 组建, 抽调, 新增…),
    and a level where it prints none (由2016年的364万减至…)."""
    frame = (
        around(ctx, table)
        .lazy()
        .filter(pl.col("measure").is_in(("level", "flow")) & ~QUALITATIVE & _one_year())
    )
    clause = last_clause("head") + pl.col("printed")
    sentence = pl.col("head") + pl.col("printed") + pl.col("tail")
    # each distinct sentence and value read once: copies of a fact share theirs
    words = (
        frame.select("head", "printed", "tail")
        .unique()
        .with_columns(
            __done=clause.str.extract(f"({DONE})", 1),
            __dated=sentence.str.contains(DATED).fill_null(False),
        )
    )
    frame = frame.join(words, on=["head", "printed", "tail"], how="left")
    done = pl.col("__done").is_not_null()
    bad = frame.filter(
        ((pl.col("measure") == "flow") & ~done)
        | ((pl.col("measure") == "level") & done & pl.col("__dated"))
    )
    return bad.select(
        ROW,
        pl.when(done)
        .then(
            pl.format(
                "a level, but its clause prints {} and its sentence dates it: a flow", "__done"
            )
        )
        .otherwise(pl.lit("a flow, but its clause prints nothing done (签约, 新增…): a level"))
        .alias("message"),
    )


def _goal_measure(text: pl.Expr) -> pl.Expr:
    """:func:`haidian_report.goal_measures.goal_measure` as a polars expression."""
    return first_match(text, ((m, words) for words, m in GOAL_MEASURE_WORDS), pl.lit(STATE))


@rule(
    "goal-measure",
    needs={"measure": "string", "qualifier": "string", "value_text": "string"},
    tables=("targets",),
    field="measure",
)
def a_goal_has_the_measure_its_words_state(ctx: Context, table: Table) -> Hits:
    """A qualitative goal's measure is the one its words state: 最前头/前列/排头兵 a rank,
    增长 growth, 更…/持续改善/总体稳定/稳中向好 a change, else a level."""
    known = enum_of(table, "measure")  # a measure off the list is the schema's to report
    goals = table.frame.lazy().filter(
        QUALITATIVE
        & pl.col("value_text").is_not_null()
        & (pl.col("measure").is_in(known) if known else pl.lit(True))
    )
    texts = (
        goals.select("value_text").unique().with_columns(__want=_goal_measure(pl.col("value_text")))
    )
    bad = goals.join(texts, on="value_text").filter(pl.col("measure") != pl.col("__want"))
    return bad.select(
        ROW,
        pl.format("found {}, but the goal's words ({}) state a {}", "measure", "value_text",
                  "__want").alias("message"),
    )  # fmt: skip


@rule("direction-increase", needs={"direction": "string"}, field="direction")
def only_a_fall_has_a_direction(ctx: Context, table: Table) -> Hits:
    """A direction is stated for a fall only (decrease, with 下降/减少 printed): a rise is what a
    value without one reads as, and ``increase`` marks nothing the text says."""
    bad = table.frame.lazy().filter(pl.col("direction") == "increase")
    return bad.select(
        ROW,
        pl.lit(
            "direction increase: only a fall (下降, 减少) has a direction; a rise has none"
        ).alias("message"),
    )
