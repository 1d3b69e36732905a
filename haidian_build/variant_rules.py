"""The written rules on ``variant`` (curation/README.md), as code: a variant is a stage of
work printed in the quote or a documented second goal, and (metric, measure, period, scope,
variant) is unique in each table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Final

from haidian_build.curation import Entry
from haidian_build.fact_context import BuiltFact, Context, Fact, Problems
from haidian_report.models import Indicator, Target

#: Stage variants and the words that print each stage (one must be in the quote).
STAGE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "started": ("开工", "启动"),
    "started_or_resumed": ("开复工",),
    "under_construction": ("推进", "施工"),
    "implemented": ("实施",),
    "completed": ("竣工", "建成", "完成", "新建"),
}
#: Variants for a second goal on the same thing, with what each means.
GOAL_VARIANTS: Final[dict[str, str]] = {
    "assigned_task": "complete the task the Beijing municipal government assigns",
    "sustained": "a sustained goal (持续…) beside a one-year task",
}


def rule_variant(f: BuiltFact, ctx: Context) -> Problems:
    """A variant is a stage (its word in the quote) or a documented goal variant."""
    row = f.row
    if row.variant is None:
        return
    if row.variant in STAGE_WORDS:
        if not any(w in row.quote for w in STAGE_WORDS[row.variant]):
            yield "variant", f"{row.variant} needs one of {STAGE_WORDS[row.variant]} in the quote"
    elif row.variant not in GOAL_VARIANTS:
        yield "variant", f"unknown variant {row.variant!r}"


def table_problems(facts: Sequence[BuiltFact]) -> Iterator[tuple[Entry, str, str]]:
    """Rules over a whole table: unique natural keys; stage variants on all of a metric."""
    for table in (Indicator, Target):
        rows = [f for f in facts if isinstance(f.row, table)]
        keys = Counter(natural_key(f.row) for f in rows)
        for f in rows:
            if keys[natural_key(f.row)] > 1:
                yield (
                    f.entry,
                    "variant",
                    (
                        f"(metric, measure, period, scope, variant) {natural_key(f.row)} is not "
                        f"unique in {table.TABLE.name}: add a variant that tells the rows apart"
                    ),
                )
    staged: dict[str, list[BuiltFact]] = defaultdict(list)
    for f in facts:
        staged[f.row.metric_id].append(f)
    for group in staged.values():
        if any(f.row.variant in STAGE_WORDS for f in group):
            for f in group:
                if f.row.variant not in STAGE_WORDS:
                    yield (
                        f.entry,
                        "variant",
                        (
                            f"metric {f.row.metric_id} is counted at several stages: every fact "
                            "of it names its stage"
                        ),
                    )


def natural_key(row: Fact) -> tuple[str, str, str, str, str]:
    return (row.metric_id, row.measure, row.period, row.scope, row.variant or "")
