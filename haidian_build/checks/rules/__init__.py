"""The rules: each a function from the indexed facts to the rows (checks or derivations) it
finds. Adding a kind of check is adding a function here, in the module of the facts it reads,
and its test in ``tests/checks/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from haidian_build.checks.facts import Facts
from haidian_build.checks.rows import Entry
from haidian_build.checks.rules.beijing import (
    share_implied_total,
    share_implied_total_growth,
    share_totals_agree,
)
from haidian_build.checks.rules.implied import implied_rate, implied_start
from haidian_build.checks.rules.levels import cagr_vs_levels, change_both_ways
from haidian_build.checks.rules.parts import (
    additions_within_stock,
    flows_within_implied_stock,
    subsets_within_wholes,
)
from haidian_build.checks.rules.ratios import (
    implied_employment,
    implied_stock,
    implied_total_change,
    share_implied_part,
)
from haidian_build.checks.rules.targets import growth_targets, pace_targets

Rule = Callable[[Facts], Iterator[Entry]]

#: Every rule, in no particular order (rows are sorted by id).
RULES: tuple[Rule, ...] = (
    cagr_vs_levels,
    change_both_ways,
    implied_start,
    implied_rate,
    share_implied_part,
    implied_total_change,
    implied_stock,
    implied_employment,
    share_implied_total,
    share_implied_total_growth,
    share_totals_agree,
    subsets_within_wholes,
    additions_within_stock,
    flows_within_implied_stock,
    growth_targets,
    pace_targets,
)

__all__ = ["RULES", "Rule"]
