"""Programs and terms, their mentions, program links and exclusions."""

from __future__ import annotations

from pydantic import Field

from haidian_report.meta import ID_PATTERN, SLUG_PATTERN
from haidian_report.models.base import Provenance, Row, TableMeta, fk
from haidian_report.models.vocab import (
    Category,
    ExclusionKind,
    ExplanationBasis,
    Part,
    ProgramStatus,
    ProgramType,
    StatusSignal,
    TermKind,
)


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
        description="Why a type, status, generic flag or row boundary that a reader could "
        "take otherwise is what it is, ending with the deciding words of the source "
        "('Type zone, not pilot: …; the text: …'); empty where no reading was in doubt "
        "(see docs/research.md, Second reading (programs))."
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
        description="A verb of a fixed list (实施, 推进, 建成, 完成…, with adverbs such as "
        "深入实施, 加快推进) printed immediately before the name (an opening quote skipped); "
        "empty when none is adjacent, so a verb governing a list of names is recorded for the "
        "first only, and 高水平筹办2022中关村论坛 has none. A convenience for search; status "
        "rests on status_signal."
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
