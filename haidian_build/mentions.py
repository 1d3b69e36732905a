"""Programs, terms and exclusions: rows, and every mention found in the source."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from haidian_build.curation import (
    Curation,
    Entry,
    Locator,
    Problem,
    catalogue_rows,
    validated,
)
from haidian_build.status import clause_signal, status_problems
from haidian_report.models import (
    Exclusion,
    Program,
    ProgramMention,
    Term,
    TermMention,
)
from haidian_report.segment import SectionSpan
from haidian_report.status_rule import frame_verb

#: Keys of a ``contexts`` restriction: what must (not) come right before/after a form.
CONTEXT_KEYS = ("preceded_by", "not_preceded_by", "followed_by", "not_followed_by")

QUOTED = re.compile(r"“([^”]*)”")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    owner: str  # "program:<id>" or "term:<id>"


def parts_by_section(sections: Sequence[SectionSpan]) -> dict[str, str]:
    """The part (front, part1, part2) each section lies in, from the section tree."""
    parent = {s.section_id: s.parent_id for s in sections}

    def top(section_id: str) -> str:
        while parent.get(section_id) is not None:
            section_id = str(parent[section_id])
        return section_id

    return {s.section_id: top(s.section_id) for s in sections}


def _forms(entry: Entry, key: str) -> list[str]:
    forms = [entry.data.get(key)]
    aliases = entry.data.get("aliases", [])
    if isinstance(aliases, list):
        forms.extend(aliases)
    return [f for f in forms if isinstance(f, str) and f]


def _contexts(cur: Curation, entry: Entry, forms: list[str]) -> dict[str, dict[str, list[str]]]:
    """An entry's ``contexts`` restrictions by form, checked; problems are recorded."""
    raw = entry.data.get("contexts", [])
    out: dict[str, dict[str, list[str]]] = {}
    if not isinstance(raw, list):
        cur.problem(entry, "contexts", "expected a list of {form = …, followed_by = […]…}")
        return out
    for item in raw:
        form = item.get("form") if isinstance(item, dict) else None
        if form not in forms:
            cur.problem(entry, "contexts", f"form {form!r} is not the name or an alias")
            continue
        assert isinstance(item, dict) and isinstance(form, str)
        rules: dict[str, list[str]] = {}
        for key, value in item.items():
            if key == "form":
                continue
            if key not in CONTEXT_KEYS:
                cur.problem(entry, "contexts", f"unknown key {key!r}; use {CONTEXT_KEYS}")
            elif not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                cur.problem(entry, "contexts", f"{key} must be a list of non-empty strings")
            else:
                rules[key] = value
        if not rules:
            cur.problem(entry, "contexts", f"no restriction given for {form!r}")
        out[form] = rules
    return out


def in_context(source: str, start: int, end: int, rules: Mapping[str, Sequence[str]]) -> bool:
    """True if the text around ``[start, end)`` meets every restriction of ``rules``.

    >>> text, rule = "支持智源、量子、通研院,量子信息", {"followed_by": ["、"]}
    >>> in_context(text, 5, 7, rule), in_context(text, 12, 14, rule)
    (True, False)
    """
    for key, words in rules.items():
        if key.endswith("preceded_by"):
            met = any(source.endswith(w, 0, start) for w in words)
        else:
            met = any(source.startswith(w, end) for w in words)
        if words and met == key.startswith("not_"):
            return False
    return True


def find_matches(cur: Curation, loc: Locator) -> list[Match]:
    """Every occurrence of every program/term form in its allowed context, dropping those
    inside a longer match of the same kind: a program's name inside a longer program name
    belongs to that name, a term inside a longer term to that term, but a term printed inside
    a program's name is still an occurrence of the term (“马上清(青)西” in
    “马上清(青)西”地区城市提升行动计划), and a program's name inside a term one of the program:
    each mentions table holds every occurrence of its names."""
    raw: list[Match] = []
    for kind, key in (("program", "name_zh"), ("term", "term_zh")):
        for entry in cur.of(kind):
            forms = _forms(entry, key)
            if not forms:
                cur.problem(entry, key, "missing or empty")
            contexts = _contexts(cur, entry, forms)
            for form in forms:
                hits = [
                    h
                    for h in loc.occurrences(form)
                    if in_context(loc.source, h, h + len(form), contexts.get(form, {}))
                ]
                if not hits:
                    cur.problem(entry, key, f"{form!r} does not occur in the source")
                raw.extend(Match(h, h + len(form), f"{kind}:{entry.data.get('id')}") for h in hits)
    unique = sorted(set(raw), key=lambda m: (m.start, -(m.end - m.start), m.owner))
    kept: list[Match] = []
    for m in unique:
        kind = m.owner.split(":", 1)[0]
        inside = any(
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o in unique
            if o.owner.split(":", 1)[0] == kind
        )
        same_span_dupe = any(
            k.start == m.start and k.end == m.end and k.owner == m.owner for k in kept
        )
        if not inside and not same_span_dupe:
            kept.append(m)
    return kept


def _without_contexts(cur: Curation, kind: str) -> Curation:
    """A view of ``cur`` whose ``kind`` entries lack ``contexts`` (a key no column holds);
    problems still go to ``cur``."""
    entries = [
        Entry(e.file, e.kind, {k: v for k, v in e.data.items() if k != "contexts"})
        for e in cur.of(kind)
    ]
    return Curation(entries={kind: entries}, problems=cur.problems)


def catalogue(cur: Curation) -> tuple[list[Program], list[Term]]:
    """The ``programs`` and ``terms`` tables; an id may not name both a program and a term."""
    programs = catalogue_rows(_without_contexts(cur, "program"), "program", Program, "program_id")
    terms = catalogue_rows(_without_contexts(cur, "term"), "term", Term, "term_id")
    clash = {p.program_id for p in programs} & {t.term_id for t in terms}
    for entry in cur.of("term"):
        if entry.data.get("id") in clash:
            cur.problem(entry, "id", "also the id of a program")
    return programs, terms


def mention_rows(
    cur: Curation, loc: Locator, part_of: Mapping[str, str]
) -> tuple[list[ProgramMention], list[TermMention]]:
    """One row per occurrence of each program and term name in the source."""
    programs: list[ProgramMention] = []
    terms: list[TermMention] = []
    for m in find_matches(cur, loc):
        kind, ident = m.owner.split(":", 1)
        sent = loc.sentence_at(m.start, m.end)
        if sent is None:
            cur.problems.append(
                Problem(f"{kind}s", ident, "name", f"mention at {m.start} crosses a sentence")
            )
            continue
        common: dict[str, object] = {
            "mention_id": f"{ident}@{m.start}",
            "part": part_of[sent.section_id],
            "sentence_id": sent.sentence_id,
            "quote": loc.source[m.start : m.end],
            "quote_start": m.start,
            "quote_end": m.end,
        }
        if kind == "program":
            signal = clause_signal(loc.source, m.start, m.end, str(common["part"]))
            programs.append(
                ProgramMention.model_validate(
                    {
                        **common,
                        "program_id": ident,
                        "frame_verb": frame_verb(loc.source, m.start),
                        "status_signal": signal,
                    }
                )
            )
        else:
            terms.append(TermMention.model_validate({**common, "term_id": ident}))
    entries = {str(e.data.get("id")): e for e in cur.of("program")}
    statuses = {k: str(e.data.get("status")) for k, e in entries.items()}
    evidenced = set()
    for ident, entry in entries.items():
        evidence = entry.data.get("status_evidence")
        if evidence is None:
            continue
        if not isinstance(evidence, str) or not loc.occurrences(evidence):
            cur.problem(entry, "status_evidence", f"{evidence!r} does not occur in the source")
        elif any(m.part == "part1" for m in programs if m.program_id == ident):
            cur.problem(entry, "status_evidence", "only for programs named only in part two")
        else:
            evidenced.add(ident)
    for ident, message in status_problems(statuses, programs, evidenced):
        cur.problem(entries[ident], "status", message)
    return programs, terms


def exclusion_rows(cur: Curation, loc: Locator) -> list[Exclusion]:
    """Digit-run exclusions (located quotes) and quoted-phrase exclusions (every occurrence)."""
    rows: list[Exclusion] = []
    for entry in cur.of("digits"):
        found = loc.locate(cur, entry)
        reason = entry.data.get("reason")
        if found is None:
            continue
        start, end, sent = found
        if not re.search(r"[0-9]", loc.source[start:end]):
            cur.problem(entry, "quote", "contains no digit run")
        row = validated(
            cur,
            entry,
            Exclusion,
            {
                "exclusion_id": f"digits@{start}",
                "kind": "digits",
                "reason": reason,
                "sentence_id": sent.sentence_id,
                "quote": loc.source[start:end],
                "quote_start": start,
                "quote_end": end,
            },
        )
        if isinstance(row, Exclusion):
            rows.append(row)
    for entry in cur.of("quoted"):
        phrase = entry.data.get("phrase")
        if not isinstance(phrase, str) or not phrase:
            cur.problem(entry, "phrase", "missing or empty")
            continue
        hits = [m.start(1) for m in QUOTED.finditer(loc.source) if m.group(1) == phrase]
        if not hits:
            cur.problem(entry, "phrase", f"“{phrase}” is not a quoted phrase of the source")
        for start in hits:
            end = start + len(phrase)
            within = loc.sentence_at(start, end)
            if within is None:
                cur.problem(entry, "phrase", "crosses a sentence boundary")
                continue
            row = validated(
                cur,
                entry,
                Exclusion,
                {
                    "exclusion_id": f"quoted@{start}",
                    "kind": "quoted",
                    "reason": entry.data.get("reason"),
                    "sentence_id": within.sentence_id,
                    "quote": phrase,
                    "quote_start": start,
                    "quote_end": end,
                },
            )
            if isinstance(row, Exclusion):
                rows.append(row)
    rows.sort(key=lambda r: (r.quote_start, r.exclusion_id))
    return rows
