"""Written rules for part one's claims (curation/README.md, "A claim"), as code.

Kept apart from :mod:`haidian_build.fact_rules` (one job per module): these rules date and
shape the qualitative claims of the five years reviewed. Each takes a built fact and the
:class:`~haidian_build.fact_rules.Context` and yields ``(field, message)``.
"""

from __future__ import annotations

from typing import Final

from haidian_build.fact_context import BuiltFact, Context, Problems, Rule
from haidian_report.models import Indicator

#: The period of part one's review: an undated precedence is a rank of these years.
REVIEW_PERIOD: Final = "2017-2021"


def expected_rank_period(f: BuiltFact, ctx: Context) -> str | None:
    """The period an undated part-one rank must have, or ``None`` where no rule applies.

    A rank of a figure printed beside it (森林覆盖率35.78%,居城六区首位; the streak
    连续7年城六区最优 and its duration) shares that figure's period; any other undated
    precedence (率先, 首家, 走在全市前列) is a rank of the five years reviewed, 2017-2021.
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


def rule_precedence_dated(f: BuiltFact, ctx: Context) -> Problems:
    """A precedence is a rank of 2017-2021 unless dated (README, "A claim"); the rank of a
    figure printed beside it takes that figure's period."""
    want = expected_rank_period(f, ctx)
    if want is not None and f.row.period != want:
        yield (
            "period",
            f"an undated precedence is a rank of {want} (the figure it ranks, else the "
            "five years reviewed)",
        )


RULES: Final[tuple[Rule, ...]] = (rule_precedence_dated,)
