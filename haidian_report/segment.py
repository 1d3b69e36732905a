"""Split the report into sections and sentences with code-point offsets.

The report is one paragraph per line. Sections form a three-level tree:
parts (``front``, ``part1``, ``part2``), numbered subsections (``part1.1`` for
"(一)…") and paragraphs (``p07`` for line 7). A sentence ends at ``。``, ``!``,
``！``, ``?`` or ``？`` outside quotation marks, or at the end of its line, so
that semicolon-joined clauses stay in one sentence, as a reader would read them.

>>> sents = split_sentences("各位代表!回顾五年工作,成绩来之不易。", 0)
>>> [s.text for s in sents]
['各位代表!', '回顾五年工作,成绩来之不易。']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SectionKind = Literal["part", "subsection", "paragraph"]

SENTENCE_END = frozenset("。!！?？")
OPEN_QUOTE = "“"
CLOSE_QUOTE = "”"
PART_HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
SUBSECTION_HEADING = re.compile(r"^\(([一二三四五六七八九十]+)\)")
CN_ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Span:
    """A piece of the source: ``source[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SectionSpan:
    """One section of the report tree."""

    section_id: str
    parent_id: str | None
    level: int
    kind: SectionKind
    heading: str | None
    line: int | None
    start: int
    end: int


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence, with the paragraph section it belongs to."""

    sentence_id: str
    section_id: str
    line: int
    index: int
    start: int
    end: int
    text: str


def split_sentences(line: str, offset: int) -> list[Span]:
    """Split one paragraph into sentences; offsets are shifted by ``offset``.

    Leading/trailing whitespace is never part of a sentence; every other
    character belongs to exactly one sentence.
    """
    spans: list[Span] = []
    depth = 0
    start: int | None = None
    for i, ch in enumerate(line):
        if start is None:
            if ch.isspace():
                continue
            start = i
        if ch == OPEN_QUOTE:
            depth += 1
        elif ch == CLOSE_QUOTE:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_END and depth == 0:
            spans.append(Span(offset + start, offset + i + 1, line[start : i + 1]))
            start = None
    if start is not None:
        text = line[start:].rstrip()
        if text:
            spans.append(Span(offset + start, offset + start + len(text), text))
    return spans


def _lines(source: str) -> list[tuple[int, int, str]]:
    """(1-based line number, start offset, text without newline) for each line."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for number, raw in enumerate(source.split("\n"), start=1):
        out.append((number, pos, raw))
        pos += len(raw) + 1
    return out


def paragraph_id(line: int) -> str:
    """Section id of the paragraph on 1-based ``line``: ``p07``."""
    return f"p{line:02d}"


def segment(source: str) -> tuple[list[SectionSpan], list[SentenceSpan]]:
    """Return the section tree and the sentences of ``source``."""
    sections: list[SectionSpan] = []
    sentences: list[SentenceSpan] = []
    part_id = "front"
    sub_id: str | None = None
    part_start: dict[str, int] = {"front": 0}
    part_heading: dict[str, tuple[str | None, int | None]] = {"front": (None, None)}
    last_end: dict[str, int] = {}
    order: list[str] = ["front"]
    parents: dict[str, str | None] = {"front": None}
    for number, start, text in _lines(source):
        stripped = text.strip()
        if not stripped:
            continue
        part_match = PART_HEADING.match(stripped)
        sub_match = SUBSECTION_HEADING.match(stripped)
        if part_match:
            part_id = f"part{CN_ORDINALS.index(part_match.group(1)[-1]) + 1}"
            sub_id = None
            part_start[part_id] = start
            part_heading[part_id] = (stripped, number)
            parents[part_id] = None
            order.append(part_id)
        elif sub_match:
            sub_id = f"{part_id}.{CN_ORDINALS.index(sub_match.group(1)[-1]) + 1}"
            part_start[sub_id] = start
            part_heading[sub_id] = (stripped, number)
            parents[sub_id] = part_id
            order.append(sub_id)
        elif (
            sub_id is not None and not text.startswith(("(", "(")) and _closes_subsection(stripped)
        ):
            sub_id = None
        container = sub_id or part_id
        pid = paragraph_id(number)
        end = start + len(text.rstrip())
        sections.append(SectionSpan(pid, container, 3, "paragraph", None, number, start, end))
        for key in (pid, container, part_id):
            last_end[key] = end
        for index, span in enumerate(split_sentences(text, start), start=1):
            sentences.append(
                SentenceSpan(
                    f"{pid}.s{index:02d}", pid, number, index, span.start, span.end, span.text
                )
            )
    heads: list[SectionSpan] = []
    for sid in order:
        heading, line = part_heading[sid]
        parent = parents[sid]
        heads.append(
            SectionSpan(
                sid,
                parent,
                1 if parent is None else 2,
                "part" if parent is None else "subsection",
                heading,
                line,
                part_start[sid],
                last_end[sid],
            )
        )
    return heads + sections, sentences


def _closes_subsection(paragraph: str) -> bool:
    """True for the paragraphs after the last numbered subsection of a part.

    In part one, "五年来,我们全力服务…" and the closing paragraphs follow
    subsection (四) but belong to the part, not to (四); likewise the address
    "各位代表!…" paragraphs at the end of part two.
    """
    return paragraph.startswith(("五年来,", "各位代表!", "我们也清醒认识到"))
