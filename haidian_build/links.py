"""The ``program_links`` table: figures the text ties to a program (``[[program_link]]``)."""

from __future__ import annotations

from collections.abc import Sequence

from haidian_build.curation import Curation, validated
from haidian_report.models import Indicator, Program, ProgramLink, ProgramMention, Row, Target


def link_rows(
    cur: Curation,
    programs: Sequence[Row],
    mentions: Sequence[ProgramMention],
    indicators: Sequence[Indicator],
    targets: Sequence[Target],
) -> list[ProgramLink]:
    """One row per (program, fact) pair named by a ``[[program_link]]`` entry.

    An entry is ``{program = "<program id>", facts = ["<indicator or target id>", …]}``; the
    build checks that both exist and that the fact's sentence names the program.
    """
    names = {p.program_id for p in programs if isinstance(p, Program)}
    ind = {i.indicator_id: i for i in indicators}
    tgt = {t.target_id: t for t in targets}
    named_in = {(m.program_id, m.sentence_id) for m in mentions}
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
