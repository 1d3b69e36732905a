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
    "flow",
    "cumulative",
    "growth_yoy",
    "cagr",
    "share",
    "change",
    "rate",
    "rank",
    "duration",
]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "approx", "qualitative"]
Scope = Literal[
    "haidian",
    "subset",
    "share_of_beijing",
    "beijing_rank",
    "city_six_districts_rank",
    "national_rank",
    "paired_regions",
]
Direction = Literal["increase", "decrease"]
Firmness = Literal["expected", "strive", "ensure"]
LevelPriceBasis = Literal["nominal", "comparable"]
PriceBasis = Literal["nominal", "comparable", "unknown"]
PriceBasisSource = Literal["text", "convention"]
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
ExclusionKind = Literal["digits", "quoted", "goal", "claim"]
Verdict = Literal["consistent", "inconsistent", "not_comparable"]
CheckKind = Literal[
    "cagr_vs_levels",
    "change_both_ways",
    "share_totals_agree",
    "part_within_whole",
    "target_vs_base",
]
CheckReason = Literal[
    "within_rounding",
    "beyond_rounding",
    "price_basis_differs",
    "price_basis_unknown",
    "different_variant",
    "variant_unstated",
]
DerivationKind = Literal[
    "endpoint_cagr",
    "endpoint_change",
    "implied_start",
    "implied_rate",
    "share_implied_part",
    "implied_total_change",
    "implied_stock",
    "implied_employment",
    "share_implied_total",
    "share_implied_total_growth",
    "target_implied_level",
    "average_pace",
]
InputRole = Literal[
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
#: The name this Literal had before data 2.0.0, when only checks had inputs.
CheckRole = InputRole


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
    price_basis: LevelPriceBasis | None = Field(
        description="Money metrics only: the price basis of the metric's level values, nominal "
        "(current prices) or comparable (constant prices); empty for metrics that are not "
        "money. Every level of money in the report is nominal. The basis of a growth or CAGR "
        "figure is on its own row (indicators/targets price_basis): GDP levels are nominal "
        "while GDP growth is at comparable prices."
    )
    aliases_zh: str | None = Field(
        description="Other forms in which the report prints what the metric measures, "
        "separated by ' | ' (the name or one of these appears in each fact's paragraph, up to "
        "the fact's quote)."
    )


class Fact(Provenance):
    """Columns shared by indicators and targets.

    The natural key (metric_id, measure, period, scope, variant) is unique in each table: two
    rows with the same key would be two values of one thing.
    """

    metric_id: str = Field(description="What is measured (metrics.metric_id).")
    measure: Measure = Field(
        description="The time structure of the figure. level: a stock or state at a point in "
        "time (现有…, 覆盖率 at year end, 人均…); flow: an amount during one year (新增…, 建成…, "
        "增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); "
        "growth_yoy: growth over the year before, percent; cagr: average annual growth over "
        "the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a "
        "difference against base_period (较2016年下降51%); rate: a ratio the report names …率, "
        "percent; rank: a place in a ranking (1 = first); duration: the length of a streak or "
        "a span of time (连续6年, 15个季度, 10分钟)."
    )
    variant: str | None = Field(
        pattern=SLUG_PATTERN,
        description="Tells apart figures that would otherwise share metric, measure, period "
        "and scope: a stage of work (started, started_or_resumed, under_construction, "
        "completed) for an object the report counts at more than one stage, or a second goal "
        "for the same thing (assigned_task vs sustained). Empty for most rows.",
    )
    period: Period = Field(
        description="Year (2021) or inclusive range (2017-2021) the figure refers to: within "
        "2016-2021 for indicators, 2022-2026 for targets."
    )
    base_period: Period | None = Field(description="For changes: the year compared against.")
    period_inferred: bool = Field(
        description="True when the report does not print the period and it was inferred."
    )
    value: float | None = Field(
        description="The value in `unit`, parsed from value_text; empty for a qualitative row."
    )
    unit: str | None = Field(
        description="Unit code (CNY, percent, m2, person, count, count/10k_person...)."
    )
    qualifier: Qualifier = Field(
        description="exact; at_least (以上); more_than (超过, 多, 余: 90余个 is more than 90); "
        "at_most (以内); approx (约, 左右); qualitative (a goal or claim with no number)."
    )
    direction: Direction | None = Field(
        description="decrease when the text says 下降/减少: value is then negative."
    )
    scope: Scope = Field(
        description="What the figure is of. haidian: the district (the default); subset: a "
        "part of a district figure printed beside it (其中研发人员47万); share_of_beijing: a "
        "share of Beijing's total (占全市的40%); beijing_rank: a rank among Beijing's districts "
        "(全市第一); city_six_districts_rank: a rank among the six core urban districts "
        "(城六区第一); national_rank: a rank in the whole country (全国首家); paired_regions: "
        "places outside Haidian that it assists (助力7个对口支援"
        "地区全部摘帽, 15.99万贫困人口全部脱贫)."
    )
    price_basis: PriceBasis | None = Field(
        description="For growth_yoy, cagr and change rows of money: nominal (current prices), "
        "comparable (constant prices) or unknown (neither the text nor a statistical "
        "convention settles it). Empty for every other row, including growth of counts."
    )
    price_basis_source: PriceBasisSource | None = Field(
        description="Where price_basis comes from: text (the report prints 按可比价格/现价) or "
        "convention (the stated statistical convention, named in the note). Empty where "
        "price_basis is empty or unknown."
    )
    value_text: str = Field(
        min_length=1,
        description="The figure as printed, e.g. 5908亿元; for a qualitative row the words that "
        "state the goal or claim (稳步增长, 全覆盖).",
    )
    value_printed: str | None = Field(description="The printed number, e.g. 5908.")
    unit_printed: str | None = Field(description="The printed multiplier and unit, e.g. 亿元.")
    unit_inferred: bool = Field(
        description="True when the curator gave the unit: the text prints none (364万 "
        "residents) or only its numerator (每万人…550件 is count/10k_person); re-parse "
        "value_text with this unit."
    )
    value_start: Offset = Field(description="Start of value_text in the source.")
    value_end: Offset = Field(description="End of value_text in the source (exclusive).")
    note: str | None = Field(description="Curator's note, English.")


class Indicator(Fact):
    TABLE = TableMeta(
        "indicators",
        "Indicators",
        "Every figure the report states about 2016-2021 (levels, flows, cumulative totals, "
        "growth, shares, rates, ranks and durations) and every qualitative claim of outcome, "
        "rank or full coverage in its review of 2017-2021 (with an empty value).",
        ("indicator_id",),
        (fk("metric_id", "metrics"), fk("sentence_id", "sentences")),
    )
    indicator_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2016.")
    estimated: bool = Field(
        description="True where 预计 (estimated) governs the figure: 预计 reaches every figure "
        "of 2021 (or of a period ending in 2021) after it up to the end of its clause group "
        "(the next ; or 。)."
    )


class Target(Fact):
    TABLE = TableMeta(
        "targets",
        "Targets",
        "Every forward-looking goal of part two: the 2022 main expected targets, every 2022 "
        "task stated as an outcome (quantitative, or qualitative with an empty value) and the "
        "goals for the five years 2022-2026.",
        ("target_id",),
        (
            fk("metric_id", "metrics"),
            fk("sentence_id", "sentences"),
            fk("base_indicator_id", "indicators", "indicator_id"),
        ),
    )
    target_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2022.")
    firmness: Firmness | None = Field(
        description="expected (预期目标), strive (力争) or ensure (确保): the marker word whose "
        "reach covers the value (力争/确保 to the end of their clause, 预期目标是: to the end "
        "of the sentence); empty where none does."
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
    type: ProgramType = Field(
        description="What kind of unit of work it is, by the type rules in curation/README.md: "
        "plan (a 规划, 计划, 方案 or 战略), action (named …行动), campaign (a drive named by "
        "another drive word: 攻坚战, 保卫战, 专项整治, 创建, 学习教育), project (a thing built or "
        "rebuilt), reform (called 改革, or a restructuring), mechanism (a standing way of "
        "working: …制, 机制, 制度), pilot (what the text calls 试点), platform (a shared system "
        "or network), policy_package (rules or measures issued: 政策, 条例, 办法, 法, N条), "
        "institution (an organisation, alliance, task force or fund), zone (an area set aside, "
        "or a designation a higher level confers on an area: 示范区, 试验区, 科技园), event (an "
        "occasion or exercise held at a date, once or repeatedly: a forum, census, election, "
        "open day)."
    )
    status: ProgramStatus = Field(
        description="done (the text says it was completed, set up, issued, held or won, or "
        "asks only to consolidate its results), ongoing (under way: in part one without a "
        "completion word, or continued in part two) or planned (named only in part two, "
        "which plans 2022 on, with no word saying it already exists). planned means the "
        "text gives no evidence that the thing exists; it does not mean the thing does not "
        "exist yet: 加快麦德龙…落地 and 推进中粮大悦城…建设 are read as new work because the "
        "report uses such words for new and old things alike. See status_signal in "
        "program_mentions."
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
    description_en: str = Field(
        min_length=1,
        description="One line: only what the report's sentences that mention the program "
        "say of it, plus at most a plain definition of the name; no outside dates, figures "
        "or attributions ('the review' is part one, 'the plan' part two).",
    )
    note: str | None = Field(
        description="How a disagreement of the blind second reading over type, status or "
        "generic was resolved, quoting the deciding words of the source; empty where the two "
        "readings agreed (see docs/research.md, Second reading (programs))."
    )


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
    term_en: str = Field(
        min_length=1,
        description="English rendering of every printed word and nothing more; never an "
        "unconfirmed reading (六年一学位: 'one school place per six years').",
    )
    aliases_zh: str | None = Field(
        description="Other printed forms found as mentions, separated by ' | '."
    )
    aliases_en: str | None = Field(
        description="Other English forms the translation may use, separated by ' | '."
    )
    explanation_en: str = Field(min_length=1, description="What it stands for.")
    explanation_basis: ExplanationBasis = Field(
        description="Where the explanation comes from: report (the report's own words say "
        "what the term stands for or contains, not merely print its name), official (an "
        "official document does: see explanation_source) or unconfirmed (no source at hand "
        "confirms it; a commonly given reading may be stated only as such, never as fact)."
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
        "Digit runs, quoted phrases, goal statements of part two and claims of part one that "
        "are deliberately not facts, programs or terms, each with the reason; completeness is "
        "checked against this list.",
        ("exclusion_id",),
        (fk("sentence_id", "sentences"),),
    )
    exclusion_id: str = Field(pattern=ID_PATTERN, description="<kind>@<quote_start>.")
    kind: ExclusionKind = Field(
        description="digits (a digit run), quoted (a “…” phrase), goal (a goal marker of part "
        "two) or claim (a claim marker of part one)."
    )
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
        "Consistency checks",
        "Tests of the report's own consistency, with rounding-aware interval arithmetic: stated "
        "average growth against stated levels, changes stated both ways, two shares implying "
        "one Beijing total, parts within wholes, 2022 targets against the 2021 base. Each row "
        "compares a stated figure with what other stated figures imply, or says why the two "
        "cannot be compared. Values the report implies without stating are in `derivations`.",
        ("check_id",),
        (fk("metric_id", "metrics"),),
    )
    check_id: str = Field(pattern=ID_PATTERN, description="Stable id: <kind>.<metric>[...].")
    kind: CheckKind = Field(description="What is checked (see the docs' checks page).")
    verdict: Verdict = Field(
        description="consistent: the stated figure lies in the interval implied by the others, "
        "given the rounding of every printed figure; inconsistent: it does not; not_comparable: "
        "the figures measure different things (a real rate against nominal levels, a rate of "
        "unstated price basis, a different stage of work), so no verdict is possible (see reason)."
    )
    reason: CheckReason = Field(
        description="Why the verdict: within_rounding / beyond_rounding (consistent / "
        "inconsistent); price_basis_differs (real against nominal), price_basis_unknown (the "
        "report does not state a rate's basis), different_variant (different stages of work: "
        "started against completed), variant_unstated (the report gives more than one figure "
        "for the metric, period and scope and the table does not say which one a base matches)."
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


class Derivation(Row):
    TABLE = TableMeta(
        "derivations",
        "Derived values",
        "Values the report does not print but its printed figures imply (an earlier level from "
        "a later one and a rate, a Beijing total from a share, the average pace behind a 2022 "
        "target...), each with the interval that the rounding of its inputs allows. Nothing "
        "here is a test: a derived value is never a stated one.",
        ("derivation_id",),
        (fk("metric_id", "metrics"),),
    )
    derivation_id: str = Field(pattern=ID_PATTERN, description="Stable id: <kind>.<metric>[...].")
    kind: DerivationKind = Field(description="What is derived (see the docs' checks page).")
    metric_id: str | None = Field(description="The metric the value is about, where there is one.")
    unit: str | None = Field(description="Unit of the derived value.")
    point: float | None = Field(description="Value implied by the inputs' point values.")
    low: float | None = Field(
        description="Lower bound implied by the rounding bands (empty: unbounded)."
    )
    high: float | None = Field(
        description="Upper bound implied by the rounding bands (empty: unbounded)."
    )
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
    role: InputRole = Field(description="What the input is in the check (start, end, rate…).")
    indicator_id: str | None = Field(description="indicators.indicator_id (or empty).")
    target_id: str | None = Field(description="targets.target_id (or empty).")


class DerivationInput(Row):
    TABLE = TableMeta(
        "derivation_inputs",
        "Derivation inputs",
        "The indicators and targets each derived value is computed from, with their role.",
        ("derivation_id", "role"),
        (
            fk("derivation_id", "derivations"),
            fk("indicator_id", "indicators"),
            fk("target_id", "targets"),
        ),
    )
    derivation_id: str = Field(description="derivations.derivation_id")
    role: InputRole = Field(description="What the input is in the derivation (end, rate…).")
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
    Derivation,
    DerivationInput,
)
