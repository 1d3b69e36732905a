"""A program's status against every place the source prints its names (attack round 10, M1).

:mod:`~haidian_report.validate.rules.status` reads the mentions a package holds; a derived
package may drop some, so without ``--strict`` it cannot say that an ``ongoing`` program
named only in part two, with no signal, should be ``planned``: the dropped mention might have
given the signal. The source itself says it. Every mention quotes the program's ``name_zh`` or
one of its ``aliases_zh`` (``mention-name``), and its ``status_signal`` is what its clause
says (``mention-status-signal``), so the places the source prints those names hold every
mention the full package can have. When none of them lies in part one and none's clause gives
a signal, and no ``status_evidence`` is given, the status rule (curation/README.md) gives
``planned``; when none's clause says ``completed``, the program is not ``done``. (Strict runs
say the same from the mentions themselves, so this rule is left to runs without ``--strict``.)

``status_evidence`` quotes words of the source saying the program exists (its own clause, or
elsewhere: 全面提升园区…服务水平 after 聚焦翠湖科技园…等重点园区), so it is printed in the source
(``status-evidence``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import polars as pl

from haidian_report.status_rule import clause_signal
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hit, Hits, rule
from haidian_report.validate.text import show

PARTS: Final = ("part1", "part2")


def _parts(ctx: Context) -> dict[str, tuple[int, int]] | None:
    """(start, end) of part one and part two from the sections table, or None without them."""
    sections = ctx.tables.get("sections")
    if sections is None or not all(
        sections.typed(c, t)
        for c, t in (("section_id", "string"), ("start", "integer"), ("end", "integer"))
    ):
        return None
    parts = sections.frame.filter(pl.col("section_id").is_in(PARTS))
    rows = parts.select("section_id", "start", "end").rows()
    found = {str(p): (int(a), int(b)) for p, a, b in rows if a is not None and b is not None}
    return found if len(rows) == len(PARTS) == len(found) else None


def _occurrences(
    source: str, names: tuple[str, ...], parts: dict[str, tuple[int, int]], status: str
) -> tuple[bool, bool]:
    """(printed, allowed): whether ``names`` are printed, and whether some place they are
    printed allows ``status``. A place in part one, or a clause giving a signal, allows
    ongoing; a completed clause, done (a place in neither part allows both). The first place
    that allows it ends the search (a program named fifty times is not read fifty times)."""
    printed = False
    for name in names:
        at = source.find(name)
        while at != -1:
            end = at + len(name)
            printed = True
            part = next((p for p, (a, b) in parts.items() if a <= at and end <= b), None)
            if status == "ongoing" and part != "part2":
                return True, True  # (a place in part one or in neither part needs no clause)
            signal = clause_signal(source, at, end, part) if part else "completed"
            if signal == "completed" or (status == "ongoing" and signal is not None):
                return True, True
            at = source.find(name, at + 1)
    return printed, False


@rule(
    "program-status",
    needs={"program_id": "string", "name_zh": "string", "status": "string"},
    tables=("programs",),
    field="status",
    source=True,
)
def status_the_source_allows(ctx: Context, table: Table) -> Hits:
    """Without ``--strict``: an ``ongoing`` program is one the source names in part one or in a
    clause giving a signal (or that has ``status_evidence``); a ``done`` one is named in a
    clause that says completed."""
    source, parts = ctx.source, _parts(ctx)
    if ctx.strict or source is None or parts is None:
        return None
    aliases = pl.col("aliases_zh") if table.typed("aliases_zh", "string") else pl.lit(None)
    evidence = (
        pl.col("status_evidence")
        if table.typed("status_evidence", "string")
        else pl.lit(None, pl.String)
    )
    # the rows the rule judges, by what decides (status, name, aliases): copies of a program
    # share their verdict, judged once
    judged = (
        table.frame.lazy()
        .filter(
            pl.col("status").is_in(("ongoing", "done"))
            & pl.col("name_zh").is_not_null()
            & (pl.col("name_zh") != "")
            & ~((pl.col("status") == "ongoing") & (evidence.fill_null("") != ""))
            & ~pl.col(ROW).is_in(flagged(ctx, table.name, "status"))  # reported once, not twice
        )
        .group_by("status", "name_zh", aliases.alias("__aliases"))
        .agg(pl.col(ROW))
        .collect(engine="in-memory")
    )
    rows: list[int] = []
    messages: list[str] = []
    for status, name, alias_cell, copies in judged.iter_rows():
        aliases_of = tuple(a for a in (alias_cell or "").split(" | ") if a)
        printed, allowed = _occurrences(source, (name, *aliases_of), parts, status)
        if not printed or allowed:
            continue
        if status == "ongoing":
            message = (
                f"ongoing, but the source names {show(name, 40)} only in part two, in no clause "
                "giving a signal, and status_evidence is empty: the status rule gives planned"
            )
        else:
            message = f"done, but no clause naming {show(name, 40)} says completed"
        rows += copies
        messages += [message] * len(copies)
    if not rows:
        return None
    return pl.DataFrame(
        {ROW: rows, "message": messages}, schema={ROW: pl.Int64, "message": pl.String}
    )


@rule(
    "status-evidence",
    needs={"program_id": "string", "status_evidence": "string"},
    tables=("programs",),
    field="status_evidence",
    source=True,
)
def evidence_is_printed(ctx: Context, table: Table) -> Iterator[Hit]:
    """``status_evidence``, when given, is words the source prints."""
    source = ctx.source
    if source is None:
        return
    said = table.frame.filter(pl.col("status_evidence").is_not_null())
    printed = {w: w in source for w in said.get_column("status_evidence").unique().to_list()}
    for row, words in said.select(ROW, "status_evidence").iter_rows():
        if not printed[words]:
            yield Hit(row, f"status_evidence {show(words, 60)} is not printed in the source")
