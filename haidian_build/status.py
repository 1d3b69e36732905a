"""Program status by a written rule: what each mention's clause says, and what that allows.

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

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Literal

from haidian_report.models import ProgramMention

Signal = Literal["completed", "under_way"]

CLAUSE_END = re.compile(r"[,，;；:：!！?？。]")

#: Part one: the clause says the program was finished, set up, issued, held or won.
COMPLETED_WORDS = (
    "完成",
    "建成",
    "竣工",
    "开通",
    "投用",
    "投运",
    "通水",
    "挂牌",
    "揭牌",
    "成立",
    "设立",
    "组建",
    "出台",
    "印发",
    "制定",
    "批复",
    "入选",
    "获评",
    "蝉联",
    "纳入",
    "举办",
    "上线",
    "开放",
    "收官",
    "验收",
    "落地运行",
    "落地见效",
    "成功创建",
    "形成",
    "构建",
    "实现",
)
#: Part one: the clause says the work was going on (not that it finished).
UNDER_WAY_WORDS_PART1 = (
    "推进",
    "深化",
    "持续",
    "继续",
    "加快",
    "开工",
    "启动",
    "不断",
    "扎实开展",
    "深入开展",
    "取得",
    "落实",
    "强化",
    "完善",
)
#: Part two: the clause says the work already exists and goes on (坚持 keeps to it, 强化
#: strengthens it; 加强…建设 is left out: it as often steps up building something new).
UNDER_WAY_WORDS_PART2 = (
    "坚持",
    "强化",
    "继续",
    "持续",
    "深化",
    "完善",
    "优化",
    "巩固",
    "用好",
    "发挥",
    "落实",
    "严格实施",
    "严格实行",
    "严守",
    "深入",
    "提升",
    "做强",
    "办好",
    "抓好",
    "健全",
    "不断",
    "完成",
    "收尾",
    "宣传实施",
)


def clause_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: from after the previous clause mark to the next."""
    left = start
    while left > 0 and not CLAUSE_END.match(source[left - 1]) and source[left - 1] != "\n":
        left -= 1
    found = CLAUSE_END.search(source, end)
    newline = source.find("\n", end)
    right = min(found.start() if found else len(source), newline if newline != -1 else len(source))
    return left, right


#: Marks that close the phrase a signal word governs before the mention is reached: the
#: object's head (巩固拓展脱贫攻坚成果同乡村振兴…: 巩固 governs 成果), the preposition 同
#: (with) that starts a second phrase (not 共同, 协同, 合同, 同步, 同时), or 以 opening a
#: 以…为 frame the mention sits in (形成以…、以“创新合伙人”为支撑的创新生态体系: 形成 forms
#: the ecosystem; not 以及, 加以, 予以, 可以, 所以).
FRAME_BREAK = re.compile(r"成果|(?<![共协合])同(?![步时])|(?<![加予可所])以(?!及)")
#: After the mention, 中 or 里 right after it closes a frame the mention sits inside
#: (在首都建设…中发挥引领作用: 发挥 is the district's role, not the program's work).
FRAME_CLOSE = ("中", "里")


def governed(between: str, after: bool = False) -> bool:
    """Whether a signal word separated from the mention by ``between`` governs the mention.

    >>> governed("拓展脱贫攻坚成果同"), governed("深化国家卫生区、全国健康促进区和")
    (False, True)
    >>> governed("中", after=True), governed("协同", after=True)
    (False, True)
    """
    if after and between.startswith(FRAME_CLOSE):
        return False
    return FRAME_BREAK.search(between) is None


def governing_words(before: str, after: str, words: Sequence[str]) -> list[str]:
    """The signal ``words`` of the clause that govern the mention: in ``before`` with no frame
    break between the word and the mention; in ``after`` with none between the mention and
    the word."""
    found = []
    for w in words:
        at = before.rfind(w)
        if at != -1 and governed(before[at + len(w) :]):
            found.append(w)
            continue
        at = after.find(w)
        if at != -1 and governed(after[:at], after=True):
            found.append(w)
    return found


#: A count of units in figures (374个, 219处, 46.5万平方米): where one sits right at a part-one
#: mention, a completion word counts those units finished, not the whole program.
UNIT_COUNT = r"\d+(?:\.\d+)?万?(?:个|处|家|支|项|部|条|户|套|所|座|栋|平方米|公里|亩|公顷)"
#: The count right after the mention, with at most a completion word between (自备井置换完成219处)…
COUNT_AFTER = re.compile(rf"^”?(?:{'|'.join(COMPLETED_WORDS)})?{UNIT_COUNT}")
#: …or right before it, with at most a short modifier between (建成6个综合医联体, 168项重点实事).
COUNT_BEFORE = re.compile(rf"{UNIT_COUNT}[^\d、,，;；“”]{{0,4}}$")
#: Words saying the count is every unit there is (7个对口支援地区全部摘帽), so the whole is done.
WHOLE = re.compile(r"全部|全面|全覆盖")


#: A verb that makes the mention the ground of what follows (立足, 围绕, 聚焦, 依托, 对标 X): a
#: signal word after the mention then governs its own object, not the mention.
FRAME_OPENER = re.compile(r"(?:立足|围绕|聚焦|依托|对标)$")
#: 实现 with a breakthrough (实现新突破) says the work advanced, not that it ended.
BREAKTHROUGH = re.compile(r"^[^,，;；。]*实现(?:新|重大)?突破")


def counts_units(before: str, after: str) -> bool:
    """Whether a count of units sits right at the mention and nothing says it is all of them:
    a completion word then finished those units, not the program as a whole.

    >>> counts_units("加强社区治理,建成区级社区议事厅60个、市级“", "”374个")
    True
    >>> counts_units("", "完成219处")
    True
    >>> counts_units("支持知名科学家设立", "等5支科学家基金")
    False
    >>> counts_units("", "建成开放")
    False
    """
    if WHOLE.search(before + after):
        return False
    return bool(COUNT_AFTER.match(after) or COUNT_BEFORE.search(before))


def clause_signal(source: str, start: int, end: int, part: str) -> Signal | None:
    """What the clause of the mention at ``[start, end)`` says of the program's state.

    Only words that govern the mention count (:func:`governing_words`); the name's own
    characters (提升 in 森林质量精准提升工程) never do.

    >>> text = "实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接。"
    >>> clause_signal(text, 13, 17, "part2") is None
    True
    >>> text = "努力在首都建设全球数字经济标杆城市中发挥引领作用。"
    >>> clause_signal(text, 7, 17, "part2") is None
    True
    """
    left, right = clause_bounds(source, start, end)
    before, after = source[left:start], source[end:right]
    if FRAME_OPENER.search(before):
        after = ""  # 立足中关村科学城做精做强主业: 做强 governs 主业, the mention is the ground
    if part == "part1":
        done_words = governing_words(before, after, COMPLETED_WORDS)
        if done_words == ["实现"] and BREAKTHROUGH.search(after):
            # 中关村科学城北区建设实现新突破: a breakthrough in the work, not its end.
            return "under_way"
        if done_words:
            # 建成…“一刻钟社区服务圈”374个 finished 374 units: work on it went on.
            return "under_way" if counts_units(before, after) else "completed"
        if governing_words(before, after, UNDER_WAY_WORDS_PART1):
            return "under_way"
        return None
    consolidates = governing_words(before, "", ("巩固",)) and governing_words("", after, ("成果",))
    if consolidates or governing_words("", after, ("后续工作",)):
        return "completed"
    if governing_words(before, after, UNDER_WAY_WORDS_PART2):
        return "under_way"
    return None


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
