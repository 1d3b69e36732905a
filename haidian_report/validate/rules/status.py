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

A mention's ``frame_verb`` is the verb printed right before its quote (推动“五新”政策), and
is empty only where none of the verbs the package uses stands there.
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import spans_text
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
    counts = _mentions(ctx)
    if counts is None:
        return None
    frame = table.frame.join(counts, on="program_id", how="inner")
    evidence = (
        pl.col("status_evidence").is_not_null()
        if table.typed("status_evidence", "string")
        else pl.lit(False)
    )
    expected = (
        pl.when(pl.col("__done"))
        .then(pl.lit("done"))
        .when(pl.col("__way") | evidence)
        .then(pl.lit("ongoing"))
        .otherwise(pl.lit("planned"))
    )
    status = pl.col("status")
    strict = pl.lit(ctx.strict)
    message = (
        pl.when(pl.col("__p1") & (status == "planned"))
        .then(pl.lit("status planned, but part one (the review) names it"))
        .when((status == "done") & pl.col("__new"))
        .then(pl.lit("status done, but a part-two mention plans more of its work (no signal)"))
        .when(strict & (status == "done") & ~pl.col("__done"))
        .then(pl.lit("status done, but no mention's clause says completed"))
        .when(strict & ~pl.col("__p1") & (status != expected))
        .then(pl.format("named only in part two: its mentions' signals give {}", expected))
    )
    out = frame.select(ROW, message.alias("message"))
    return out.filter(pl.col("message").is_not_null())


@rule(
    "frame-verb",
    needs={"frame_verb": "string", "quote_start": "integer"},
    field="frame_verb",
    source=True,
)
def frame_verb_is_printed_right_before(ctx: Context, table: Table) -> Hits:
    """A mention's frame_verb is the verb printed right before its quote (an opening “ skipped);
    it is empty only where none of the package's frame verbs stands there."""
    verbs = sorted(set(table.frame["frame_verb"].drop_nulls().to_list()), key=len, reverse=True)
    frame = table.frame.filter(table.clean("quote_start")).with_columns(
        __a=(pl.col("quote_start") - 8).clip(lower_bound=0)
    )
    frame = spans_text(ctx, frame, "__a", "quote_start", "__before").filter(
        pl.col("__before").is_not_null()
    )
    before = pl.col("__before").str.strip_chars_end("“")
    verb = pl.col("frame_verb")
    if verbs:
        pattern = "(?:" + "|".join(re.escape(v) for v in verbs) + ")$"
        unmarked = verb.is_null() & before.str.contains(pattern)
    else:
        unmarked = pl.lit(False)
    wrong = verb.is_not_null() & ~before.str.ends_with(verb)
    bad = frame.filter(wrong | unmarked)
    return bad.select(
        ROW,
        pl.when(wrong)
        .then(pl.format("frame verb {}, but the text right before the quote is …{}", verb, before))
        .otherwise(pl.format("no frame verb, but the quote follows one (…{})", before))
        .alias("message"),
    )
