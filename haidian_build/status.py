"""Program status by a written rule: what each mention's clause says, and what that allows.

The clause rule itself lives in :mod:`haidian_report.status_rule` (the validator re-derives
every ``status_signal`` with it); this module adds what the signals allow.

A mention's *clause* is the text around it up to the nearest , ; : ! ? or 。 (ASCII or
full-width). What the clause says of the program is its ``status_signal``, read only from
words that govern the mention (:func:`governing_words`: no frame break such as 成果, 同 or
以…为 between the word and the mention, and after it no 中 closing a 在…中 frame; none after
it where 立足, 围绕, 聚焦… make the mention the ground of what follows):

- part one (the review of 2017-2021): ``completed`` when the clause has a completion word
  (完成, 建成, 揭牌, 出台, 获评…) — unless a count of units sits right at the mention and
  nothing says it is all of them (建成…“一刻钟社区服务圈”374个, 自备井置换完成219处: units
  finished, :func:`counts_units`), which is ``under_way``; ``under_way`` when it has a word of
  work going on (推进, 深化, 持续, 开工…); else none (实施 alone says it was carried out).
- part two (the plan): ``completed`` only when the clause asks to consolidate the program's
  results (巩固…成果) or to do its follow-up work (…后续工作), which presuppose it is over;
  ``under_way`` when a word says the work already exists and goes on (坚持, 强化, 继续, 持续,
  深化, 完善, 用好, 落实, 完成, 收尾…: 完成 in a plan means finishing work that is under way);
  else none (推进, 建设, 实施 of something new).

>>> clause_signal("五年来,我们推进“一网、一窗、一门、一次”改革,在全市率先", 8, 25, "part1")
'under_way'
>>> clause_signal("农村人居环境整治三年行动任务全面完成,罗家坟", 0, 10, "part1")
'completed'
>>> clause_signal("巩固拓展扫黑除恶专项斗争成果,加强", 4, 12, "part2")
'completed'
>>> clause_signal("加快麦德龙、沃尔玛山姆会员店落地,持续", 2, 5, "part2") is None
True

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
