"""The tables of the package, each defined once as a pydantic model.

A model's fields are the table's columns, in order; its ``TABLE`` says the resource name,
title, primary key and foreign keys. datapackage.json, the data dictionary and the polars read
schema are all generated from these classes (see :mod:`haidian_report.schema`).

>>> Indicator.TABLE.name, Indicator.TABLE.primary_key
('indicators', ('indicator_id',))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from haidian_report.meta import ID_PATTERN, PERIOD_PATTERN, SLUG_PATTERN

Category = Literal[
    "economy",
    "innovation",
    "fiscal",
    "trade",
    "industry",
    "environment",
    "transport",
    "urban",
    "land",
    "housing",
    "education",
    "health",
    "culture",
    "social",
    "security",
    "governance",
    "population",
    "employment",
]
Measure = Literal[
    "level",
    "growth_yoy",
    "cagr",
    "share",
    "change",
    "cumulative",
    "count",
    "stock",
    "rate",
    "per_capita",
    "rank",
    "duration",
    "ratio",
]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "approx", "qualitative"]
Scope = Literal[
    "haidian",
    "share_of_beijing",
    "beijing_rank",
    "city_six_districts_rank",
    "national",
    "subset",
]
Direction = Literal["increase", "decrease"]
Firmness = Literal["expected", "strive", "ensure"]
PriceBasis = Literal["nominal", "comparable"]
ProgramType = Literal[
    "plan",
    "action",
    "campaign",
    "project",
    "reform",
    "mechanism",
    "pilot",
    "platform",
    "policy_package",
    "institution",
    "zone",
    "event",
]
ProgramStatus = Literal["done", "ongoing", "planned"]
TermKind = Literal[
    "slogan", "principle", "honour", "campaign_name", "nickname", "requirement", "policy"
]
SectionKind = Literal["part", "subsection", "paragraph"]
Part = Literal["front", "part1", "part2"]
ExclusionKind = Literal["digits", "quoted"]
Verdict = Literal["consistent", "inconsistent", "not_comparable", "derived"]
CheckKind = Literal[
    "cagr_vs_levels",
    "implied_value",
    "share_implied_total",
    "share_totals_agree",
    "part_within_whole",
    "target_vs_base",
    "change_both_ways",
]
CheckRole = Literal[
    "start",
    "end",
    "rate",
    "level",
    "share",
    "part",
    "whole",
    "base",
    "target",
    "before",
    "after",
    "other",
]


Offset = Annotated[int, Field(ge=0)]
Period = Annotated[str, Field(pattern=PERIOD_PATTERN)]


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table reference ``reference_fields`` of ``resource``."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableMeta:
    """What a table is: resource name, title, description and keys."""

    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


def fk(field: str, resource: str, ref: str | None = None) -> ForeignKey:
    """A single-column foreign key."""
    return ForeignKey((field,), resource, (ref or field,))


class Row(BaseModel):
    """Base of every table model: strict, immutable rows with no extra columns."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    TABLE: ClassVar[TableMeta]


class Provenance(Row):
    """Columns that tie a row to the exact characters of the source it came from."""

    sentence_id: str = Field(
        description="Sentence the quote lies in (sentences.sentence_id).",
        pattern=r"^p[0-9]{2}\.s[0-9]{2}$",
    )
    quote: str = Field(
        min_length=1,
        description="Verbatim text of the source: source[quote_start:quote_end] == quote.",
    )
    quote_start: Offset = Field(
        description="Start of the quote in the source, in Unicode code points from 0.",
        json_schema_extra={"unit": "code point"},
    )
    quote_end: Offset = Field(
        description="End of the quote in the source (exclusive), in Unicode code points.",
        json_schema_extra={"unit": "code point"},
    )


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


class Metric(Row):
    TABLE = TableMeta(
        "metrics",
        "Metrics",
        "One row per thing the report measures; indicators and targets refer to it.",
        ("metric_id",),
    )
    metric_id: str = Field(pattern=SLUG_PATTERN, description="Stable slug, e.g. gdp.")
    name_zh: str = Field(
        min_length=1,
        description="Chinese name in the report's own words (the printed phrase, completed "
        "with its subject where the report leaves it implicit, e.g. 保障性住房竣工).",
    )
    name_en: str = Field(min_length=1, description="English name.")
    unit: str | None = Field(
        min_length=1,
        description="Unit code of the metric's level values; empty for qualitative metrics.",
    )
    category: Category = Field(description="Policy domain.")
    definition_en: str = Field(min_length=1, description="What is measured, in one line.")
    price_basis: PriceBasis | None = Field(
        description="For money: nominal (current prices) or comparable (constant prices). "
        "GDP levels are nominal; GDP growth rates in Chinese statistics are at comparable prices."
    )


class Fact(Provenance):
    """Columns shared by indicators and targets."""

    metric_id: str = Field(description="What is measured (metrics.metric_id).")
    measure: Measure = Field(
        description="level, growth_yoy (year-on-year growth, percent), cagr (average annual "
        "growth over the period, percent), share (of a total, percent), change (versus "
        "base_period), cumulative (sum over the period), count, stock (existing at period end), "
        "rate, per_capita, rank (1 = first), duration, ratio."
    )
    period: Period = Field(
        description="Year (2021) or inclusive range (2017-2021) the figure refers to."
    )
    base_period: Period | None = Field(description="For changes: the year compared against.")
    period_inferred: bool = Field(
        description="True when the report does not print the period and it was inferred."
    )
    value: float | None = Field(description="The value in `unit`, parsed from value_text.")
    unit: str | None = Field(description="Unit code (CNY, percent, m2, person, count...).")
    qualifier: Qualifier = Field(
        description="exact; at_least (以上); more_than (超过, 多); at_most (以内); "
        "approx (余, 约); qualitative (a goal with no number)."
    )
    direction: Direction | None = Field(
        description="decrease when the text says 下降/减少: value is then negative."
    )
    scope: Scope = Field(
        description="What the figure is of: haidian (the district), share_of_beijing, "
        "beijing_rank, city_six_districts_rank, national, subset (a part of a whole)."
    )
    value_text: str = Field(min_length=1, description="The figure as printed, e.g. 5908亿元.")
    value_printed: str | None = Field(description="The printed number, e.g. 5908.")
    unit_printed: str | None = Field(description="The printed multiplier and unit, e.g. 亿元.")
    unit_inferred: bool = Field(
        description="True when the text prints no unit (364万 residents) and the curator gave "
        "it; re-parse value_text with this unit."
    )
    value_start: Offset = Field(description="Start of value_text in the source.")
    value_end: Offset = Field(description="End of value_text in the source (exclusive).")
    note: str | None = Field(description="Curator's note, English.")


class Indicator(Fact):
    TABLE = TableMeta(
        "indicators",
        "Indicators",
        "Every figure the report states about 2016-2021: levels, growth, shares, cumulative "
        "counts, stocks, ranks and durations.",
        ("indicator_id",),
        (fk("metric_id", "metrics"), fk("sentence_id", "sentences")),
    )
    indicator_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2016.")
    estimated: bool = Field(description="True where the report says 预计 (estimated).")


class Target(Fact):
    TABLE = TableMeta(
        "targets",
        "Targets",
        "Every forward-looking goal: the 2022 main expected targets (qualitative ones with an "
        "empty value) and every quantitative 2022 task.",
        ("target_id",),
        (
            fk("metric_id", "metrics"),
            fk("sentence_id", "sentences"),
            fk("base_indicator_id", "indicators", "indicator_id"),
        ),
    )
    target_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2022.")
    firmness: Firmness | None = Field(
        description="expected (预期目标), strive (力争) or ensure (确保), where the text marks it."
    )
    base_indicator_id: str | None = Field(
        description="The 2021 indicator this target builds on (indicators.indicator_id)."
    )


StatusSignal = Literal["completed", "under_way"]
ExplanationBasis = Literal["report", "official", "unconfirmed"]


class Program(Row):
    TABLE = TableMeta(
        "programs",
        "Programs",
        "Named plans, actions, campaigns, projects, reforms, mechanisms, pilots, platforms, "
        "policy packages, institutions, zones and events.",
        ("program_id",),
    )
    program_id: str = Field(pattern=SLUG_PATTERN, description="Stable slug.")
    name_zh: str = Field(min_length=1, description="Name exactly as printed.")
    name_en: str = Field(min_length=1, description="English name.")
    aliases_zh: str | None = Field(
        description="Other printed forms found as mentions, separated by ' | '."
    )
    aliases_en: str | None = Field(
        description="Other English forms the translation may use, separated by ' | '."
    )
    type: ProgramType = Field(description="What kind of unit of work it is.")
    status: ProgramStatus = Field(
        description="done (the text says it was completed, set up, issued, held or won, or "
        "asks only to consolidate its results), ongoing (under way: in part one without a "
        "completion word, or continued in part two) or planned (named only in part two, "
        "which plans 2022 on, with no word saying it already exists); see status_signal "
        "in program_mentions."
    )
    status_evidence: str | None = Field(
        description="For a program named only in part two whose own clauses say nothing of "
        "its state: the words of the source, chosen by a person, that say it already exists "
        "(聚焦翠湖科技园…等重点园区,全面提升园区…服务水平 → ongoing); empty otherwise."
    )
    generic: bool = Field(
        description="true: the report names a generic category of work (实施5G、卫星互联网等"
        "新基建项目), not one specific program; kept for its mentions and linked figures. "
        "false: a specific named program (a proper or quoted name, a name with a place or "
        "number, a unique institution, a titled plan, law or designation)."
    )
    domain: Category = Field(description="Policy domain (same vocabulary as metrics).")
    description_en: str = Field(min_length=1, description="One line.")


class ProgramMention(Provenance):
    TABLE = TableMeta(
        "program_mentions",
        "Program mentions",
        "Every occurrence of every program's name in the source.",
        ("mention_id",),
        (fk("program_id", "programs"), fk("sentence_id", "sentences")),
    )
    mention_id: str = Field(pattern=ID_PATTERN, description="<program_id>@<quote_start>.")
    program_id: str = Field(description="programs.program_id")
    part: Part = Field(description="part1 = review of 2017-2021, part2 = plan.")
    frame_verb: str | None = Field(
        description="The verb printed just before the name (实施, 推进, 建成…), if any."
    )
    status_signal: StatusSignal | None = Field(
        description="What the mention's clause (to the nearest , ; : or 。) says of the "
        "program's state, found by code: completed (part one: 完成, 建成, 揭牌, 出台, 获评…; "
        "part two: 巩固…成果, …后续工作), under_way (推进, 深化, 持续, 开工…; in part two only "
        "words saying the work already exists: 继续, 持续, 深化, 完善, 用好, 落实…), or empty. "
        "The evidence programs.status is checked against."
    )


class Term(Row):
    TABLE = TableMeta(
        "terms",
        "Terms",
        "The report's quoted policy shorthand with English renderings and explanations.",
        ("term_id",),
    )
    term_id: str = Field(pattern=SLUG_PATTERN, description="Stable slug.")
    term_zh: str = Field(min_length=1, description="The term as printed.")
    term_en: str = Field(min_length=1, description="English rendering.")
    aliases_zh: str | None = Field(
        description="Other printed forms found as mentions, separated by ' | '."
    )
    aliases_en: str | None = Field(
        description="Other English forms the translation may use, separated by ' | '."
    )
    explanation_en: str = Field(min_length=1, description="What it stands for.")
    explanation_basis: ExplanationBasis = Field(
        description="Where the explanation comes from: report (the report itself spells the "
        "term out), official (an official document does: see explanation_source) or "
        "unconfirmed (no source at hand confirms it; the wording claims no more than is known)."
    )
    explanation_source: str | None = Field(
        description="The citation: the report's sentence id(s) for basis report, the "
        "document's title for official; empty for unconfirmed."
    )
    kind: TermKind = Field(description="What sort of phrase it is.")


class TermMention(Provenance):
    TABLE = TableMeta(
        "term_mentions",
        "Term mentions",
        "Every occurrence of every term in the source.",
        ("mention_id",),
        (fk("term_id", "terms"), fk("sentence_id", "sentences")),
    )
    mention_id: str = Field(pattern=ID_PATTERN, description="<term_id>@<quote_start>.")
    term_id: str = Field(description="terms.term_id")
    part: Part = Field(description="Where the mention is: front, part1 or part2.")


class Exclusion(Provenance):
    TABLE = TableMeta(
        "exclusions",
        "Exclusions",
        "Digit runs and quoted phrases that are deliberately not facts, programs or terms, "
        "each with the reason; completeness is checked against this list.",
        ("exclusion_id",),
        (fk("sentence_id", "sentences"),),
    )
    exclusion_id: str = Field(pattern=ID_PATTERN, description="<kind>@<quote_start>.")
    kind: ExclusionKind = Field(description="digits or quoted.")
    reason: str = Field(min_length=1, description="Why this is not a fact/program/term.")


class ProgramLink(Row):
    TABLE = TableMeta(
        "program_links",
        "Program links",
        "Which indicators and targets the text ties to a program (the figure is printed in the "
        "sentence that names the program, about that program's work).",
        ("link_id",),
        (
            fk("program_id", "programs"),
            fk("indicator_id", "indicators"),
            fk("target_id", "targets"),
        ),
    )
    link_id: str = Field(pattern=ID_PATTERN, description="<program_id>@<fact id>.")
    program_id: str = Field(description="programs.program_id")
    indicator_id: str | None = Field(description="indicators.indicator_id (or empty).")
    target_id: str | None = Field(description="targets.target_id (or empty).")


class Check(Row):
    TABLE = TableMeta(
        "checks",
        "Arithmetic checks",
        "The report's own arithmetic audited with rounding-aware interval arithmetic: stated "
        "average growth against stated levels, implied values, shares and implied Beijing "
        "totals, parts within wholes, 2022 targets against the 2021 base, changes stated both "
        "ways. Derived figures are marked as such and never mixed with stated values.",
        ("check_id",),
    )
    check_id: str = Field(pattern=ID_PATTERN, description="Stable id: <kind>.<metric>[...].")
    kind: CheckKind = Field(description="What is checked (see the docs' checks page).")
    verdict: Verdict = Field(
        description="consistent: the stated figure lies in the interval implied by the others, "
        "given the rounding of every printed figure; inconsistent: it does not; not_comparable: "
        "the figures are on different bases (e.g. real growth vs nominal levels); derived: a "
        "value implied by stated figures, not a test."
    )
    metric_id: str | None = Field(description="The metric checked, where there is one.")
    unit: str | None = Field(description="Unit of the computed and stated figures.")
    computed_point: float | None = Field(description="Value implied by the inputs' point values.")
    computed_low: float | None = Field(description="Lower bound implied by the rounding bands.")
    computed_high: float | None = Field(description="Upper bound implied by the rounding bands.")
    stated_value: float | None = Field(description="The figure the report states, if any.")
    stated_low: float | None = Field(description="Lower bound of the stated figure's band.")
    stated_high: float | None = Field(description="Upper bound of the stated figure's band.")
    explanation_en: str = Field(min_length=1, description="One line, English.")


class CheckInput(Row):
    TABLE = TableMeta(
        "check_inputs",
        "Check inputs",
        "The indicators and targets each check uses, with their role.",
        ("check_id", "role"),
        (
            fk("check_id", "checks"),
            fk("indicator_id", "indicators"),
            fk("target_id", "targets"),
        ),
    )
    check_id: str = Field(description="checks.check_id")
    role: CheckRole = Field(description="What the input is in the check (start, end, rate…).")
    indicator_id: str | None = Field(description="indicators.indicator_id (or empty).")
    target_id: str | None = Field(description="targets.target_id (or empty).")


#: Every table of the package, in the order of datapackage.json.
TABLES: tuple[type[Row], ...] = (
    Section,
    Sentence,
    Metric,
    Indicator,
    Target,
    Program,
    ProgramMention,
    Term,
    TermMention,
    ProgramLink,
    Exclusion,
    Check,
    CheckInput,
)
