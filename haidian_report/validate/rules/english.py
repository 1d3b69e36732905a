"""Rules on the English translation: every figure of a sentence is in its ``text_en``.

The translation carries each figure the way official English versions write it (5908亿元 →
"590.8 billion", 364万 → "3.64 million", 7.6% → "7.6%": :func:`haidian_report.english.renderings`).
So every fact's value appears in the English of the sentence it is printed in, as a whole
number (:func:`~haidian_report.english.appears_in`): a translation swapped with another
sentence's, or with a figure changed (590.8 → 690.8 billion), is a problem on the sentence,
naming the fact whose figure is missing. An improved translation keeps every figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Final

import polars as pl

from haidian_report.english import appears_in, renderings
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english_numbers import english_numbers
from haidian_report.validate.rules.values import NEEDS, parsed
from haidian_report.validate.text import show

#: Units whose figure the English writes as its printed number (21.8%, not 0.218).
PERCENT_UNITS: Final = ("percent", "percentage_point")
#: Units whose figures the English writes as words (No. 1, Grade IV): renderings lists them,
#: and the rules that read numbers in the English leave them alone.
WORDED_UNITS: Final = ("rank", "class")
#: Fact tables and their id column.
FACTS: Final = (("indicators", "indicator_id"), ("targets", "target_id"))


def translations(ctx: Context, table: Table) -> pl.DataFrame:
    """(ROW, sentence_id, text_en) of the sentences table whose English the translation rules
    judge: rows with a problem already reported are left out, and a sentence_id given twice is
    read once (its first row)."""
    return (
        table.frame.filter(~pl.col(ROW).is_in(flawed(ctx, table.name)))
        .select(ROW, "sentence_id", "text_en")
        .unique("sentence_id", keep="first")
    )


def _facts(ctx: Context) -> pl.DataFrame | None:
    """(sentence_id, __at, value, unit, printed, fact) of every fact with a figure (``__at``:
    its ``value_start``), read from its
    ``value_text`` (:func:`~haidian_report.validate.rules.values.parsed`): a row whose
    ``value``, ``unit`` or ``value_printed`` was changed is reported on its own row, and its
    sentence's English is still checked against the printed figure."""
    frames = []
    for name, key in FACTS:
        t = ctx.tables.get(name)
        if (
            t is None
            or not t.has(key, "sentence_id", *NEEDS)
            or not all(t.typed(c, k) for c, k in NEEDS.items())
        ):
            continue
        frame = parsed(ctx, t).filter(
            pl.col("__error").is_null()
            & pl.col("__value").is_not_null()
            & ~pl.col(ROW).is_in(flawed(ctx, name))  # a span already reported
        )
        # where the Chinese prints it, and its metric (english-order)
        at = pl.col("value_start") if t.typed("value_start", "integer") else pl.lit(None, pl.Int64)
        metric = pl.col("metric_id") if t.typed("metric_id", "string") else pl.lit(None, pl.String)
        extra = t.frame.select(ROW, at.alias("__at"), metric.alias("__metric"))
        frame = frame.join(extra, on=ROW, how="left", maintain_order="left")
        frames.append(
            frame.filter(pl.col("sentence_id").is_not_null()).select(
                "sentence_id",
                "__at",
                "__metric",
                pl.col("__value").cast(pl.Float64, strict=False).alias("value"),
                pl.col("__unit").alias("unit"),
                pl.col("__number").alias("value_printed"),
                pl.col("value_text").cast(pl.String),
                pl.col(key).cast(pl.String).alias("__fact"),
                # a unit word printed in value_text (米, 户, 美元, 平方米, %), not only a scale
                (
                    pl.col("__unit_printed").fill_null("").str.replace(r"^(万亿|亿|万)", "") != ""
                ).alias("__unit_printed_here"),
            )
        )
    return pl.concat(frames) if frames else None


@rule(
    "english-figure",
    needs={"sentence_id": "string", "text_en": "string"},
    tables=("sentences",),
    field="text_en",
)
def every_figure_is_in_the_translation(ctx: Context, table: Table) -> Iterator[Hit]:
    """Every fact's value appears in the English of the sentence it is printed in."""
    facts = _facts(ctx)
    if facts is None or not facts.height:
        return
    english = translations(ctx, table)
    # the facts grouped before the English is joined (one sentence row per sentence_id): the
    # groups are those of (row, text, value, unit, printed), without copying each sentence's
    # English to every fact printed in it
    figures = facts.group_by("sentence_id", "value", "unit", "value_printed").agg(
        pl.col("__fact", "value_text").sort_by("__fact").first()
    )
    groups = english.join(figures, on="sentence_id")
    groups = groups.select(ROW, "text_en", "value", "unit", "value_printed", "__fact", "value_text")
    for row, text, value, unit, printed, fact, value_text in groups.sort(ROW, "__fact").iter_rows():
        if text is None or not isinstance(value, float):
            continue
        forms = renderings(value, unit, printed)
        if not appears_in(text, forms) and not _read_in(text, value, unit, printed):
            yield Hit(
                row,
                f"{fact} ({value_text}) is printed in this sentence, but the English "
                f"gives none of {show(sorted(forms), 120)}: {show(text, 100)}",
            )


def _read_in(text: str, value: float, unit: str | None, printed: str | None) -> bool:
    """True when a number the English writes (as :func:`english_numbers` reads it: 590.8bn,
    10 604 with a no-break space, 250 thousand, 21.8 per cent) is the figure's value (a
    percentage's printed number): an improved translation may write a number another way."""
    if unit in WORDED_UNITS:
        return False  # ordinals and classes are words: renderings lists them
    try:
        wanted = Decimal(printed) if unit in PERCENT_UNITS and printed else Decimal(repr(value))
    except InvalidOperation:
        return False
    return any(said == abs(wanted) for _, said in english_numbers(text))
