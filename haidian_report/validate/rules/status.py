"""A program's status follows what its mentions' clauses say (``haidian_build/status.py``).

Each mention carries the ``status_signal`` its clause gives (completed, under_way or none) and
the ``part`` of the report it lies in; ``status_evidence`` (words elsewhere in the source saying
the program already exists) counts as under_way. Then:

* a program the review (part one) names is never ``planned``;
* a ``done`` program has no part-two mention without a signal (new work on it in the plan);
* in a strict run (the full package, every mention present): a ``done`` program has a
  ``completed`` mention, and a program named only in part two is ``done`` with a completed
  signal, ``ongoing`` with an under_way one, else ``planned``.

The first two hold for any subset of mentions too; the last two need all of them.

The first two are reported by :mod:`~haidian_report.validate.rules.programs` (with the
mention that shows them); this module adds the strict-run parts. A mention's ``frame_verb``
is checked there too (``mention-frame-verb``).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule

MENTION: Final = {"program_id": "string", "part": "string", "status_signal": "string"}


def _mentions(ctx: Context) -> pl.DataFrame | None:
    """Per program: whether part one names it, its signals, and unsignalled part-two mentions."""
    for table in ctx.tables.values():
        if table.name != "programs" and all(table.typed(c, t) for c, t in MENTION.items()):
            good = table.frame.filter(table.clean(*MENTION))
            return good.group_by("program_id").agg(
                (pl.col("part") == "part1").any().alias("__p1"),
                (pl.col("status_signal") == "completed").any().alias("__done"),
                (pl.col("status_signal") == "under_way").any().alias("__way"),
                ((pl.col("part") == "part2") & pl.col("status_signal").is_null())
                .any()
                .alias("__new"),
            )
    return None


@rule(
    "program-status",
    needs={"program_id": "string", "status": "string"},
    tables=("programs",),
    field="status",
)
def status_follows_the_mentions(ctx: Context, table: Table) -> Hits:
    """A program's status is one its mentions allow: never planned when the review names it;
    never done with new work planned; done only with a completed mention (strict)."""
    if not ctx.strict:  # both parts below hold only for the full package
        return None
    counts = _mentions(ctx)
    if counts is None:
        return None
    evidence = (
        pl.col("status_evidence").is_not_null()
        if table.typed("status_evidence", "string")
        else pl.lit(False)
    )
    frame = table.frame.select(ROW, "program_id", "status", evidence.alias("__evidence"))
    frame = frame.join(counts, on="program_id", how="inner")
    evidence = pl.col("__evidence")
    expected = (
        pl.when(pl.col("__done"))
        .then(pl.lit("done"))
        .when(pl.col("__way") | evidence)
        .then(pl.lit("ongoing"))
        .otherwise(pl.lit("planned"))
    )
    status = pl.col("status")
    strict = pl.lit(ctx.strict)
    # (planned though part one names it, and done with new work planned, are reported by
    # rules.programs with the mention that shows it; these are the strict-run parts)
    message = (
        pl.when(strict & (status == "done") & ~pl.col("__done"))
        .then(pl.lit("status done, but no mention's clause says completed"))
        .when(strict & ~pl.col("__p1") & (status != expected))
        .then(pl.format("named only in part two: its mentions' signals give {}", expected))
    )
    out = frame.select(ROW, message.alias("message"))
    return out.filter(pl.col("message").is_not_null())
