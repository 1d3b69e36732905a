"""The ``program_links`` table: figures the text ties to a program (``[[program_link]]``)."""

from __future__ import annotations

from collections.abc import Sequence

from haidian_build.curation import Curation, validated
from haidian_report.link_rule import group_member
from haidian_report.models import Indicator, Program, ProgramLink, ProgramMention, Row, Target


def link_rows(
    cur: Curation,
    programs: Sequence[Row],
    mentions: Sequence[ProgramMention],
    indicators: Sequence[Indicator],
    targets: Sequence[Target],
    source: str = "",
) -> list[ProgramLink]:
    """One row per (program, fact) pair named by a ``[[program_link]]`` entry.

    An entry is ``{program = "<program id>", facts = ["<indicator or target id>", …]}``; the
    build checks that both exist, that the fact's sentence names the program, and that the
    figure is not an open group's that names the program as one member (:func:`group_member`).
    """
    names = {p.program_id for p in programs if isinstance(p, Program)}
    ind = {i.indicator_id: i for i in indicators}
    tgt = {t.target_id: t for t in targets}
    named_in = {(m.program_id, m.sentence_id) for m in mentions}
    ends: dict[str, list[int]] = {}
    for m in mentions:
        ends.setdefault(m.program_id, []).append(m.quote_end)
    rows: list[ProgramLink] = []
    for entry in cur.of("program_link"):
        program = entry.data.get("program")
        if program not in names:
            cur.problem(entry, "program", f"no program {program!r}")
            continue
        facts = entry.data.get("facts", [])
        if not isinstance(facts, list) or not facts:
            cur.problem(entry, "facts", "expected a non-empty list of indicator/target ids")
            continue
        for fact in facts:
            if fact not in ind and fact not in tgt:
                cur.problem(entry, "facts", f"no indicator or target {fact!r}")
                continue
            sentence = (ind[fact] if fact in ind else tgt[fact]).sentence_id
            if (program, sentence) not in named_in:
                cur.problem(entry, "facts", f"{fact!r} is in {sentence}, which does not name it")
                continue
            value_start = (ind[fact] if fact in ind else tgt[fact]).value_start
            if source and any(group_member(source, e, value_start) for e in ends[program]):
                cur.problem(
                    entry,
                    "facts",
                    f"{fact!r} counts an open group (…等N) that names {program!r} as one member: "
                    "the figure is not the member's (curation/README.md, Program links)",
                )
                continue
            row = validated(
                cur,
                entry,
                ProgramLink,
                {
                    "link_id": f"{program}@{fact}",
                    "program_id": program,
                    "indicator_id": fact if fact in ind else None,
                    "target_id": fact if fact in tgt else None,
                },
            )
            if isinstance(row, ProgramLink):
                rows.append(row)
    rows.sort(key=lambda r: r.link_id)
    return rows
