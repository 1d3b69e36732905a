"""A program's status follows what its mentions' clauses say (``haidian_build/status.py``).

Each mention carries the ``status_signal`` its clause gives (completed, under_way or none; read
again from the source by :mod:`~haidian_report.validate.rules.programs`) and the ``part`` of the
report it lies in; ``status_evidence`` (words elsewhere in the source saying the program already
exists) counts as under_way. Then, in any subset of the mentions (a derived package may drop
some), with the mention that shows it:

* a program named in part one (the review) is never ``planned``;
* a ``planned`` program has no mention whose clause gives a signal, and no ``status_evidence``;
* a ``done`` program has no part-two mention without a signal (new work on it in the plan).

And in a strict run (the full package, every mention present): a ``done`` program has a
``completed`` mention, and a program named only in part two is ``done`` with a completed
signal, ``ongoing`` with an under_way one, else ``planned``.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule

MENTION: Final = {"program_id": "string", "part": "string", "status_signal": "string"}


@rule("program-status", needs={"program_id": "string", "status": "string"}, field="status")
def status_is_one_the_mentions_allow(ctx: Context, table: Table) -> Hits:
    """A program's status is one its mentions allow (never ``planned`` once named in part one
    or given a signal; never ``done`` while part two plans new work on it)."""
    mentions = ctx.tables.get("program_mentions")
    if mentions is None or not mentions.has("program_id", "part", "status_signal", "mention_id"):
        return None
    # only programs planned or done can break the rule: their mentions alone are grouped
    evidence = (
        pl.col("status_evidence").is_not_null() if table.has("status_evidence") else pl.lit(False)
    )
    frame = (
        table.frame.lazy()
        .filter(pl.col("status").is_in(("planned", "done")))
        .select(ROW, "program_id", "status", evidence.alias("__evidence"))
    )
    m = (
        mentions.frame.lazy()
        .select("program_id", "part", "status_signal", "mention_id")
        .filter(pl.col("program_id").is_not_null())
    )
    m = m.join(frame.select("program_id").unique(), on="program_id", how="semi")

    def first(where: pl.Expr) -> pl.Expr:
        return pl.col("mention_id").filter(where).min()

    by_program = m.group_by("program_id").agg(
        first(pl.col("part") == "part1").alias("__part1"),
        first(pl.col("status_signal").is_not_null()).alias("__signal"),
        first((pl.col("part") == "part2") & pl.col("status_signal").is_null()).alias("__new"),
    )
    frame = frame.join(by_program, on="program_id", how="inner")
    evidence = pl.col("__evidence")
    planned = pl.col("status") == "planned"
    messages = [
        (
            planned & pl.col("__part1").is_not_null(),
            pl.format("planned, but part one (the review) names it: mention {}", "__part1"),
        ),
        (
            planned & pl.col("__signal").is_not_null(),
            pl.format("planned, but the clause of mention {} gives a signal", "__signal"),
        ),
        (
            planned & evidence,
            pl.lit("planned, but status_evidence quotes words saying it exists (ongoing)"),
        ),
        (
            (pl.col("status") == "done") & pl.col("__new").is_not_null(),
            pl.format("done, but part two plans new work on it: mention {} has no signal", "__new"),
        ),
    ]
    # a row (one per program) takes the message of the first condition it meets; all of it
    conditions = [cond.fill_null(False) for cond, _ in messages]
    said: pl.Expr = pl.lit(None, pl.String)
    for cond, (_, message) in reversed(list(zip(conditions, messages, strict=True))):
        said = pl.when(cond).then(message).otherwise(said)
    return frame.filter(pl.any_horizontal(conditions)).select(ROW, said.alias("message"))


def _mentions(ctx: Context) -> pl.LazyFrame | None:
    """Per program: whether part one names it, its signals, and unsignalled part-two mentions
    (a query)."""
    for table in ctx.tables.values():
        if table.name != "programs" and all(table.typed(c, t) for c, t in MENTION.items()):
            good = table.frame.lazy().filter(table.clean(*MENTION))
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
    frame = table.frame.lazy().select(ROW, "program_id", "status", evidence.alias("__evidence"))
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
    # status_is_one_the_mentions_allow above, with the mention that shows it)
    message = (
        pl.when(strict & (status == "done") & ~pl.col("__done"))
        .then(pl.lit("status done, but no mention's clause says completed"))
        .when(strict & ~pl.col("__p1") & (status != expected))
        .then(pl.format("named only in part two: its mentions' signals give {}", expected))
    )
    out = frame.select(ROW, message.alias("message"))
    # a status reported already (above, or by the schema) is reported once
    return out.filter(
        pl.col("message").is_not_null() & ~pl.col(ROW).is_in(flagged(ctx, table.name, "status"))
    )
