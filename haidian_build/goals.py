"""Goal and claim exclusions: markers of a goal (part two) or claim (part one) that are not one.

An entry names a quote that covers one or more markers and says why they do not state a goal
(or claim), e.g. ``[[goal]] quote = "以德智体美劳全面发展为目标"`` (an aim that guides work, no
outcome set for the period). An entry whose quote covers no marker of its part is a problem.
"""

from __future__ import annotations

from haidian_build.curation import Curation, Locator, validated
from haidian_report.completeness import MARKER_KIND, marker_hits
from haidian_report.models import Exclusion

#: Curation table name → the part whose markers it excludes.
PART_OF: dict[str, str] = {kind: part for part, kind in MARKER_KIND.items()}


def marker_exclusion_rows(cur: Curation, loc: Locator) -> list[Exclusion]:
    """One ``goal``/``claim`` exclusion row per ``[[goal]]``/``[[claim]]`` entry."""
    rows: list[Exclusion] = []
    for kind, part in sorted(PART_OF.items()):
        hits = marker_hits(loc.source, part)
        for entry in cur.of(kind):
            found = loc.locate(cur, entry)
            if found is None:
                continue
            start, end, sent = found
            if not any(start <= h.start and h.end <= end for h in hits):
                cur.problem(entry, "quote", f"covers no {kind} marker of {part}")
            row = validated(
                cur,
                entry,
                Exclusion,
                {
                    "exclusion_id": f"{kind}@{start}",
                    "kind": kind,
                    "reason": entry.data.get("reason"),
                    "sentence_id": sent.sentence_id,
                    "quote": loc.source[start:end],
                    "quote_start": start,
                    "quote_end": end,
                },
            )
            if isinstance(row, Exclusion):
                rows.append(row)
    return rows
