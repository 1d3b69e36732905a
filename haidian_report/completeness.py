"""Is every number, quoted phrase, goal and claim of the report accounted for?

A digit run (``[0-9]+(\\.[0-9]+)?``) is accounted for when it lies inside a fact's
``value_text`` span, when it is a year inside a fact's quote that the fact's ``period`` or
``base_period`` covers, or when it lies inside a ``digits`` exclusion. A quoted phrase “…” is
accounted for when a program or term mention, or a ``quoted`` exclusion, covers it.

A goal marker of part two (:data:`GOAL_MARKERS`: 实现, 确保, 力争, 保持, 完成, 最前头, 更精致…)
is accounted for when a target's quote or a ``goal`` exclusion covers it; a claim marker of
part one (:data:`CLAIM_MARKERS`: 第一, 率先, 全覆盖, 全部, 获评…) when an indicator's quote or a
``claim`` exclusion does. The markers are the mechanical trace of the definitions of a goal
statement and a claim in curation/README.md.

>>> runs = digit_runs("由2016年的5908亿元")
>>> [(r.start, r.text) for r in runs]
[(1, '2016'), (7, '5908')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from haidian_report.segment import segment

DIGIT_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
QUOTED_PHRASE = re.compile(r"“([^”]*)”")
YEAR = re.compile(r"^(19|20)[0-9]{2}$")

#: Words that mark a goal statement of part two: an outcome to reach (达到, 实现, 确保, 力争,
#: 保持, 完成…), a position (走在…最前头, 前列, 排头兵, 率先), a state (更精致, 显著增强, 持续改善,
#: 稳中向好, 总体稳定, 稳步增长, 规范有序, 全覆盖), or the label of goals (目标).
GOAL_MARKERS: Final = (
    "达到|实现|确保|力争|保持|完成|满足|全覆盖|前列|最前头|排头兵|率先|成为|显著增强|持续改善|"
    "稳中向好|总体稳定|稳步增长|规范有序|目标|更[\u4e00-\u9fff]{2}(?=[、,，;；。])"
)
#: Words that mark a claim of part one: a rank or precedence (第一, 首位, 最优, 前列, 率先, 首家,
#: 成为), full coverage or completion (全覆盖, 全部, 全面完成, 全面建成, 圆满, 彻底, 实现), or a
#: title, listing or commendation (获评, 蝉联, 入选, 创建, 通过, 表扬, 列入, 纳入).
CLAIM_MARKERS: Final = (
    "第一|首位|最优|前列|率先|首家|成为|全覆盖|全部|全面完成|全面建成|圆满|彻底|实现|获评|蝉联|"
    "入选|创建|通过|表扬|列入|纳入"
)
_MARKERS: Final = {"part1": re.compile(CLAIM_MARKERS), "part2": re.compile(GOAL_MARKERS)}
#: Exclusion kind of each part's markers.
MARKER_KIND: Final = {"part1": "claim", "part2": "goal"}


@dataclass(frozen=True)
class Piece:
    """A digit run or quoted phrase: ``source[start:end] == text``; ``line`` is 1-based."""

    start: int
    end: int
    text: str
    line: int


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def digit_runs(source: str) -> list[Piece]:
    """Every run of ASCII digits (with an optional decimal part) in ``source``."""
    return [
        Piece(m.start(), m.end(), m.group(), _line(source, m.start()))
        for m in DIGIT_RUN.finditer(source)
    ]


def quoted_phrases(source: str) -> list[Piece]:
    """Every phrase inside “…” in ``source`` (the span excludes the quotation marks)."""
    return [
        Piece(m.start(1), m.end(1), m.group(1), _line(source, m.start()))
        for m in QUOTED_PHRASE.finditer(source)
    ]


def period_years(period: str | None) -> set[int]:
    """Years a period names: "2021" → {2021}; "2017-2021" → {2016, …, 2021} (base year too)."""
    if not period:
        return set()
    if "-" in period:
        first, last = (int(p) for p in period.split("-", 1))
        return set(range(first - 1, last + 1))
    return {int(period)}


def unaccounted_digits(
    source: str,
    facts: Iterable[Mapping[str, Any]],
    exclusions: Iterable[Mapping[str, Any]],
) -> list[Piece]:
    """Digit runs that no fact value, fact period or digits exclusion accounts for.

    ``facts`` are indicator/target rows (``value_start``, ``value_end``, ``quote_start``,
    ``quote_end``, ``period``, ``base_period``); ``exclusions`` are exclusion rows.
    """
    values: list[tuple[int, int]] = []
    periods: list[tuple[int, int, set[int]]] = []
    for f in facts:
        values.append((int(f["value_start"]), int(f["value_end"])))
        years = period_years(f.get("period")) | period_years(f.get("base_period"))
        periods.append((int(f["quote_start"]), int(f["quote_end"]), years))
    excluded = [
        (int(e["quote_start"]), int(e["quote_end"])) for e in exclusions if e["kind"] == "digits"
    ]
    missing: list[Piece] = []
    for run in digit_runs(source):
        if any(s <= run.start and run.end <= e for s, e in values):
            continue
        if YEAR.match(run.text) and any(
            s <= run.start and run.end <= e and int(run.text) in years for s, e, years in periods
        ):
            continue
        if any(s <= run.start and run.end <= e for s, e in excluded):
            continue
        missing.append(run)
    return missing


def unaccounted_quotes(
    source: str,
    mentions: Iterable[Mapping[str, Any]],
    exclusions: Iterable[Mapping[str, Any]],
) -> list[Piece]:
    """Quoted phrases that no program/term mention or quoted exclusion covers."""
    spans = [(int(m["quote_start"]), int(m["quote_end"])) for m in mentions]
    spans += [
        (int(e["quote_start"]), int(e["quote_end"])) for e in exclusions if e["kind"] == "quoted"
    ]
    return [
        p for p in quoted_phrases(source) if not any(s <= p.start and p.end <= e for s, e in spans)
    ]


def marker_hits(source: str, part: str) -> list[Piece]:
    r"""Every goal marker (``part2``) or claim marker (``part1``) in that part of ``source``.

    >>> text = "报告\n一、回顾\n空气质量城六区最优。\n二、建议\n确保就业稳定。\n"
    >>> [p.text for p in marker_hits(text, "part1")], [p.text for p in marker_hits(text, "part2")]
    (['最优'], ['确保'])
    """
    spans = [s for s in segment(source)[0] if s.section_id == part]
    if not spans:
        return []
    start, end = spans[0].start, spans[0].end
    return [
        Piece(m.start(), m.end(), m.group(), _line(source, m.start()))
        for m in _MARKERS[part].finditer(source, start, end)
    ]


def unaccounted_markers(
    source: str,
    part: str,
    facts: Iterable[Mapping[str, Any]],
    exclusions: Iterable[Mapping[str, Any]],
) -> list[Piece]:
    """Markers of ``part`` that no fact quote (targets for part two, indicators for part one)
    and no exclusion of the part's kind (``goal``/``claim``) covers."""
    spans = [(int(f["quote_start"]), int(f["quote_end"])) for f in facts]
    spans += [
        (int(e["quote_start"]), int(e["quote_end"]))
        for e in exclusions
        if e["kind"] == MARKER_KIND[part]
    ]
    return [
        p
        for p in marker_hits(source, part)
        if not any(s <= p.start and p.end <= e for s, e in spans)
    ]
