"""Units per person and per 10,000 people agree with the words the quote prints.

每万人发明专利拥有量预计550件 is a count per 10,000 people, never a plain count; and a denominator
the curation adds to a printed unit (count/10k_person for 件) has its words in the quote.
"""

from __future__ import annotations

import polars as pl

from haidian_report.figures import PER_UNITS
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule


@rule(
    "unit-per-word",
    needs={"quote": "string", "unit": "string"},
    tables=("indicators", "targets"),
    field="unit",
)
def per_words_have_their_denominator(ctx: Context, table: Table) -> Hits:
    """A figure whose quote prints 每万人 (or 人均) has a unit per 10,000 people (per person):
    每万人发明专利拥有量预计550件 is count/10k_person, never a plain count."""
    # narrow, then one query (run with the other rules')
    frame = table.frame.lazy().select(ROW, "quote", "unit")
    parts = []
    for per, word in (("10k_person", "每万人"), ("person", "人均")):
        bad = frame.filter(
            pl.col("quote").str.contains(word, literal=True).fill_null(False)
            & pl.col("unit").is_not_null()
            & (pl.col("unit") != "percent")
            & ~_denominator(per)
        )
        parts.append(
            bad.select(
                ROW,
                pl.format(
                    f"the quote prints {word}, but unit {{}} is not per {per} (…/{per})", "unit"
                ).alias("message"),
            )
        )
    return pl.concat(parts)


@rule(
    "unit-per-word",
    needs={"quote": "string", "unit": "string", "unit_inferred": "boolean"},
    tables=("indicators", "targets"),
    field="unit",
)
def denominators_are_printed(ctx: Context, table: Table) -> Hits:
    """A denominator the curation adds to the printed unit (count/10k_person for 件) has its
    words in the quote (每万人; 人均 or 平均; 日)."""
    frame = table.frame.lazy().select(ROW, "quote", "unit", "unit_inferred")
    parts = []
    for per, words in PER_UNITS.items():
        bad = frame.filter(
            pl.col("unit_inferred").fill_null(False)
            & _denominator(per).fill_null(False)
            & ~pl.col("quote").str.contains("|".join(words)).fill_null(False)
        )
        parts.append(
            bad.select(
                ROW,
                pl.format(
                    f"unit {{}} is per {per}, but the quote prints none of {'、'.join(words)}",
                    "unit",
                ).alias("message"),
            )
        )
    return pl.concat(parts)


def _denominator(per: str) -> pl.Expr:
    """True where ``unit`` names ``per`` after its first part (count/10k_person: 10k_person),
    null where unit is null: a ``/per/`` in ``unit/`` (no list of parts to build; ``per`` holds
    no slash).

    >>> units = pl.DataFrame({"unit": ["count/10k_person", "10k_person", "count/person", None]})
    >>> units.select(_denominator("10k_person"))["unit"].to_list()
    [True, False, False, None]
    """
    return (pl.col("unit") + "/").str.contains(f"/{per}/", literal=True)
