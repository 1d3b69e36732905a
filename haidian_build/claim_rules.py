"""Written rules for the qualitative facts (curation/README.md, "A claim" and "A goal
statement"), as code.

Kept apart from :mod:`haidian_build.fact_rules` (one job per module): these rules date and
shape the qualitative claims of the five years reviewed and the goals of the plan. Each takes
a built fact and the :class:`~haidian_build.fact_rules.Context` and yields
``(field, message)``.
"""

from __future__ import annotations

from typing import Final

from haidian_build.fact_context import BuiltFact, Context, Problems, Rule
from haidian_report.goal_measures import goal_measure
from haidian_report.models import Indicator, Target

#: The period of part one's review: an undated rank claim is a rank of these years.
REVIEW_PERIOD: Final = "2017-2021"


def expected_rank_period(f: BuiltFact, ctx: Context) -> str | None:
    """The period an undated part-one rank must have, or ``None`` where no rule applies.

    A rank of a figure printed beside it (森林覆盖率35.78%,居城六区首位; the streak
    连续7年城六区最优 and its duration) shares that figure's period; any other undated
    rank claim (a standing such as 走在全市前列, a precedence such as 率先 or 首家) is a rank of
    the five years reviewed, 2017-2021.
    """
    row = f.row
    if not (isinstance(row, Indicator) and row.measure == "rank" and row.period_inferred):
        return None
    ranked = {
        o.row.period
        for o in ctx.facts
        if o.row is not row
        and o.row.metric_id == row.metric_id
        and o.row.sentence_id == row.sentence_id
        and o.row.measure != "rank"
    }
    if len(ranked) == 1:
        return ranked.pop()
    return REVIEW_PERIOD if not ranked else None


def rule_rank_claim_dated(f: BuiltFact, ctx: Context) -> Problems:
    """A rank claim is a rank of 2017-2021 unless dated (README, "A claim"); the rank of a
    figure printed beside it takes that figure's period."""
    want = expected_rank_period(f, ctx)
    if want is not None and f.row.period != want:
        yield (
            "period",
            f"an undated rank claim is a rank of {want} (the figure it ranks, else the "
            "five years reviewed)",
        )


def rule_goal_measure(f: BuiltFact, ctx: Context) -> Problems:
    """A qualitative goal's measure is the one its words state (README, "A goal statement":
    走在…最前头 a rank, 更精致 a change, 巩固…优势地位 a level)."""
    row = f.row
    if isinstance(row, Target) and row.qualifier == "qualitative":
        want = goal_measure(row.value_text)
        if row.measure != want:
            yield "measure", f"the goal's words ({row.value_text}) state a {want}"


RULES: Final[tuple[Rule, ...]] = (rule_rank_claim_dated, rule_goal_measure)
