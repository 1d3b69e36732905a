"""An average pace's explanation states the target's ratio to that pace as the figures give it.

An ``average_pace`` derivation sets a 2022 target against the yearly pace of the five years
before: "40项 (2017-2021) is 8项 a year on average …; the 2022 target of 3项 is 0.38× that
pace." The pace (``point``) is recomputed by ``derivation-recomputed``; the ratio is
printed only in the words, where ``explanation-number`` accepts any number two of the
figures give, and 0.83× (or 1.05× for a target below the pace) passed a cold attack on 3
December 2026, turning "the target is below the pace" into its opposite. Here the ratio is
the target's value over the pace, written with two decimals, as the build writes it (a
half rounded either way).
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.arithmetic import input_links
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule

#: The ratio as the build words it ("is 0.38× that pace"), or as a translator may ("about
#: 0.38x the five-year pace", "(0.38 times)"): the first number written with × or "times";
#: and as a percentage ("38% of that pace").
RATIO = r"(?i)\b([0-9]+(?:\.[0-9]+)?)\s*(?:×|x\b|times\b)"
PERCENT = r"(?i)\bis ([0-9]+(?:\.[0-9]+)?)% of (?:that|the|this)(?:\s+five-year)? pace"
#: The pace, as the explanation names it ("that pace", "the five-year pace").
_PACE = (
    r"\s+(?:that|the|this)(?:\s+(?:five-year|2017-2021|average|yearly|annual))*"
    r"\s+(?:pace|rate|average)"
)
_ADVERB = r"(?:(?:well|far|just|slightly|clearly|comfortably|still)\s+)?"
#: The ratio said in words: the target above or below the pace ("is above that pace",
#: "falls short of that pace"); each needs a ratio on its side of 1.
ABOVE = (
    rf"(?i)\b(?:(?:is\s+)?{_ADVERB}(?:above|over|ahead of|faster than|higher than|more than"
    rf"|greater than)|exceeds|outpaces|beats|surpasses){_PACE}"
)
BELOW = (
    rf"(?i)\b(?:(?:is\s+)?{_ADVERB}(?:below|under|behind|slower than|lower than|less than)"
    rf"|falls\s+{_ADVERB}short of|lags(?:\s+{_ADVERB}behind)?){_PACE}"
)
#: A side negated ("does not exceed that pace", "never falls short of that pace", "no more
#: than that pace") says nothing of the ratio's side: rewritten away before the sides are read.
NEGATED = (
    r"(?i)(?:\b(?:not|never|no longer|no)|n't)\s+(?:\w+\s+)?(?:above|over|under|greater|ahead"
    r"|faster|higher|more|below|behind|slower|lower|less|exceed|outpace|beat|surpass|fall|lag)\w*"
)


@rule(
    "pace-ratio",
    needs={"kind": "string", "point": "number", "explanation_en": "string"},
    tables=("derivations",),
    field="explanation_en",
)
def pace_ratio_is_the_targets_over_the_pace(ctx: Context, table: Table) -> Hits:
    """An average pace's "R× that pace" is its target's value over the pace, to two
    decimals."""
    found = input_links(ctx, table)
    if found is None:
        return None
    key, links = found
    targets = (
        links.lazy()
        .filter(pl.col("role") == "target")
        .group_by("__check")
        .agg(pl.col("value").first().alias("__target"), pl.len().alias("__n"))
        .filter(pl.col("__n") == 1)
    )
    text = pl.col("explanation_en")
    stated = pl.coalesce(
        text.str.extract(RATIO, 1).cast(pl.Float64, strict=False),
        text.str.extract(PERCENT, 1).cast(pl.Float64, strict=False) / 100,
    )
    ratio = pl.col("__target") / pl.col("point")
    unnegated = text.str.replace_all(NEGATED, " ")
    # each distinct explanation read once: copies of a derivation share theirs
    words = (
        table.frame.lazy()
        .select("explanation_en")
        .unique()
        .with_columns(
            stated.alias("__said"),
            pl.when(unnegated.str.contains(ABOVE))
            .then(pl.lit("above"))
            .when(unnegated.str.contains(BELOW))
            .then(pl.lit("below"))
            .alias("__side"),
        )
    )
    frame = (
        table.frame.lazy()
        .filter(
            table.clean("kind", "point", "explanation_en")
            & (pl.col("kind") == "average_pace")
            & (pl.col("point") > 0)
            # a target of another metric (check-metric) is reported once, there
            & ~pl.col(ROW).is_in(flagged(ctx, table.name, "metric_id"))
        )
        .with_columns(pl.col(key).cast(pl.String).alias("__check"))
        .join(words, on="explanation_en")
        .filter(pl.col("__said").is_not_null() | pl.col("__side").is_not_null())
        .join(targets, on="__check", how="inner")
        .with_columns(__ratio=ratio)
        .with_columns(
            # two decimals, rounded either way at a half (the build's format rounds the binary
            # value; a printed 0.38 stands for [0.375, 0.385])
            __off=(pl.col("__said") - pl.col("__ratio")).abs() > 0.005 + 1e-9,
            __wrong_side=pl.when(pl.col("__side") == "above")
            .then(pl.col("__ratio") <= 1)
            .when(pl.col("__side") == "below")
            .then(pl.col("__ratio") >= 1),
        )
        .filter(pl.col("__off").fill_null(False) | pl.col("__wrong_side").fill_null(False))
    )
    figures = ("the target {} over the pace {} is {}×", "__target", "point", "__ratio")
    said = pl.when(pl.col("__off").fill_null(False))
    return frame.select(
        ROW,
        said.then(
            pl.format(
                "the explanation says the target is {}× the pace; " + figures[0],
                "__said",
                *(pl.col(c) for c in figures[1:3]),
                pl.col("__ratio").round(2),
            )
        )
        .otherwise(
            pl.format(
                "the explanation says the target is {} that pace; " + figures[0],
                "__side",
                *(pl.col(c) for c in figures[1:3]),
                pl.col("__ratio").round(2),
            )
        )
        .alias("message"),
    )
