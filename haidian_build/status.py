"""Program status by a written rule: what each mention's clause says, and what that allows.

The clause rule itself lives in :mod:`haidian_report.status_rule` (the validator re-derives
every ``status_signal`` with it); this module adds what the signals allow.

Each mention's ``status_signal`` is what the words governing it in its clause say (see
that module for the rule, word lists and examples):

>>> clause_signal("农村人居环境整治三年行动任务全面完成,罗家坟", 0, 10, "part1")
'completed'

The status a program may have follows (:func:`status_problems` enforces it):

- ``done`` needs a ``completed`` mention, and no part-two mention without a signal (new work
  on it in the plan: 加快中关村国家实验室…建设 after 中关村国家实验室揭牌);
- a program named in part one is never ``planned``;
- a program named only in part two is ``planned`` if no mention has a signal, ``done`` if one
  says ``completed``, and ``ongoing`` otherwise.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from haidian_report.models import ProgramMention
from haidian_report.status_rule import (
    BREAKTHROUGH,
    CLAUSE_END,
    COMPLETED_WORDS,
    COUNT_AFTER,
    COUNT_BEFORE,
    FRAME_BREAK,
    FRAME_CLOSE,
    FRAME_OPENER,
    UNDER_WAY_WORDS_PART1,
    UNDER_WAY_WORDS_PART2,
    UNIT_COUNT,
    WHOLE,
    Signal,
    clause_bounds,
    clause_signal,
    counts_units,
    governed,
    governing_words,
)

__all__ = [
    "BREAKTHROUGH",
    "CLAUSE_END",
    "COMPLETED_WORDS",
    "COUNT_AFTER",
    "COUNT_BEFORE",
    "FRAME_BREAK",
    "FRAME_CLOSE",
    "FRAME_OPENER",
    "UNDER_WAY_WORDS_PART1",
    "UNDER_WAY_WORDS_PART2",
    "UNIT_COUNT",
    "WHOLE",
    "Signal",
    "clause_bounds",
    "clause_signal",
    "counts_units",
    "governed",
    "governing_words",
    "status_problems",
]


def status_problems(
    statuses: Mapping[str, str],
    mentions: Sequence[ProgramMention],
    evidenced: Collection[str] = (),
) -> list[tuple[str, str]]:
    """(program_id, message) for every program whose status its mentions do not allow.

    ``statuses`` maps program id to its curated status; ``evidenced`` holds the programs whose
    ``status_evidence`` (words elsewhere in the source) says they already exist, which counts
    as an ``under_way`` signal.
    """
    by_program: dict[str, list[ProgramMention]] = {}
    for m in mentions:
        by_program.setdefault(m.program_id, []).append(m)
    problems: list[tuple[str, str]] = []
    for ident, status in statuses.items():
        ms = by_program.get(ident, [])
        signals = {m.status_signal for m in ms} | ({"under_way"} if ident in evidenced else set())
        in_part1 = any(m.part == "part1" for m in ms)
        if status == "done" and "completed" not in signals:
            problems.append((ident, "status done but no mention's clause says completed"))
        if status == "done" and any(m.part == "part2" and m.status_signal is None for m in ms):
            problems.append((ident, "status done but part two plans more of its work"))
        if in_part1 and status == "planned":
            problems.append((ident, "status planned but part one (the review) names it"))
        if ms and not in_part1:
            expected = (
                "done"
                if "completed" in signals
                else "ongoing"
                if "under_way" in signals
                else "planned"
            )
            if status != expected:
                shown = sorted(str(s) for s in signals)
                problems.append(
                    (
                        ident,
                        f"named only in part two, with signals {shown}: "
                        f"status must be {expected}, not {status}",
                    )
                )
    return problems
