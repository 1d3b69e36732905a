"""The source's structure: sections and sentences."""

from __future__ import annotations

from pydantic import Field

from haidian_report.models.base import Offset, Row, TableMeta, fk
from haidian_report.models.vocab import SectionKind


class Section(Row):
    TABLE = TableMeta(
        "sections",
        "Sections",
        "The report's structure: parts (front matter, part one: review of 2017-2021, part two: "
        "goals and 2022 tasks), numbered subsections and paragraphs (one per source line).",
        ("section_id",),
        (fk("parent_id", "sections", "section_id"),),
    )
    section_id: str = Field(
        pattern=r"^(front|part[0-9]|part[0-9]\.[0-9]|p[0-9]{2})$",
        description="Readable id: front, part1, part1.3 (subsection (三) of part one), p16 "
        "(the paragraph on line 16 of the source).",
    )
    parent_id: str | None = Field(description="Enclosing section; empty for parts.")
    level: int = Field(ge=1, le=3, description="1 = part, 2 = subsection, 3 = paragraph.")
    kind: SectionKind = Field(description="part, subsection or paragraph.")
    heading: str | None = Field(
        description="Heading as printed, for parts and subsections; empty for paragraphs."
    )
    line: int | None = Field(
        ge=1, description="1-based line of the source (the heading line for parts/subsections)."
    )
    start: Offset = Field(description="Start offset in the source (code points).")
    end: Offset = Field(description="End offset in the source (code points, exclusive).")


class Sentence(Row):
    TABLE = TableMeta(
        "sentences",
        "Sentences",
        "Every sentence of the report with its offsets and an unofficial English translation. "
        "Sentences tile the source: every non-whitespace character is in exactly one sentence.",
        ("sentence_id",),
        (fk("section_id", "sections"),),
    )
    sentence_id: str = Field(
        pattern=r"^p[0-9]{2}\.s[0-9]{2}$",
        description="p<line>.s<n>: the n-th sentence of the paragraph on that source line.",
    )
    section_id: str = Field(description="The paragraph section (sections.section_id).")
    line: int = Field(ge=1, description="1-based line of the source.")
    index: int = Field(ge=1, description="Position of the sentence within its paragraph.")
    start: Offset = Field(description="Start offset in the source (code points).")
    end: Offset = Field(description="End offset in the source (code points, exclusive).")
    text: str = Field(min_length=1, description="The sentence: source[start:end] == text.")
    text_en: str = Field(
        min_length=1,
        description="Unofficial English translation made for this package; the Chinese text "
        "is the record.",
    )
