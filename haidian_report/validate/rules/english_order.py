"""The English gives two figures of one unit and one Chinese clause in the Chinese order
(cold attack of 3 December 2026, F2).

Two figures of one unit traded places in the English keep every number the Chinese prints and
every unit word: "26,560 primary and secondary school places and 13,080 kindergarten places"
(新增中小学学位26560个、幼儿园学位13080个) turned to "13,080 … and 26,560 …", a share "from 21.8%
to 24%" (由2016年的21.8%提高到24%) turned to "from 24% to 21.8%". No shipped translation
reorders two figures of one sentence (338 pairs whose numbers the English writes once each, on
3 December). Only figures the Chinese prints in one clause (no ，；。： between them) are held
to their order, since a translator may put clauses in another order; and not those of a list
that 分别 or 各 hands to its names (the names may move with their figures: ``respectively-order``
reads those in the Chinese), nor a from-to pair of one metric whose English says "up from"
its first figure ("to 24%, up from 21.8%"). A re-attack found those reorders legitimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english import WORDED_UNITS, translations
from haidian_report.validate.rules.english import _facts as facts_with_figures
from haidian_report.validate.rules.english_numbers import english_numbers_at
from haidian_report.validate.rules.english_units import figure_number
from haidian_report.validate.text import show


@rule("english-order", needs={"sentence_id": "string", "text_en": "string"},
      tables=("sentences",), field="text_en")  # fmt: skip
def the_english_keeps_the_order_of_figures_of_one_unit(ctx: Context, table: Table) -> Iterator[Hit]:
    """Two figures of one unit that the English writes once each are in the Chinese order."""
    facts = facts_with_figures(ctx)
    if facts is None or not facts.height:
        return
    english = translations(ctx, table)
    figures = (
        facts.filter(
            pl.col("__at").is_not_null() & ~pl.col("unit").is_in(WORDED_UNITS).fill_null(True)
        )
        # copies of a fact (one figure, several rows) are one figure: pairs stay few at scale
        .sort("__fact")
        .unique(["sentence_id", "__at", "value", "unit", "value_printed"], keep="first")
        .group_by("sentence_id")
        .agg(
            pl.struct("__at", "__metric", "value", "unit", "value_printed", "__fact", "value_text")
        )
    )
    for row, _, text, said in english.join(figures, on="sentence_id").sort(ROW).iter_rows():
        if text is None or len(said) < 2:
            continue
        where: dict[Decimal, list[int]] = {}
        for shown, value, end in english_numbers_at(text):
            where.setdefault(value, []).append(end - len(shown))
        placed = []  # (Chinese offset, English offset, fact) of figures written once
        for fact in said:
            number = figure_number(fact)
            found = where.get(number) if number is not None else None
            if found is not None and len(found) == 1:
                placed.append((fact["__at"], found[0], fact))
        ordered = sorted(placed, key=lambda p: (p[0], p[1]))
        yield from _swapped(row, text, ctx.source or "", ordered)


#: What ends a clause of the Chinese: figures of two clauses may be given in either order.
_CLAUSE_END = re.compile(r"[，,；;。：:！？]")
#: A list that 分别 or 各 hands to names: its names may be reordered with its figures.
_DISTRIBUTED = re.compile(r"分别|各")
#: An English "from" right before a figure: "to 24%, up from 21.8%" keeps a from-to pair.
_FROM = re.compile(r"\bfrom\s*$", re.I)


def _one_clause(source: str, at_a: int, at_b: int) -> bool:
    """True when the Chinese prints the two figures in one clause that does not distribute a
    list (新增中小学学位26560个、幼儿园学位13080个; 由2016年的21.8%提高到24%)."""
    if _CLAUSE_END.search(source, at_a, at_b):
        return False
    ends = list(_CLAUSE_END.finditer(source, max(0, at_a - 200), at_a))
    start = ends[-1].end() if ends else max(0, at_a - 200)
    return _DISTRIBUTED.search(source, start, at_b) is None


def _swapped(
    row: int, text: str, source: str, placed: list[tuple[int, int, dict[str, object]]]
) -> Iterator[Hit]:
    """A hit for the first pair of one unit and one Chinese clause whose English order is the
    Chinese one reversed (a from-to pair of one metric may say "up from" its first figure)."""
    for i, (at_a, en_a, a) in enumerate(placed):
        for at_b, en_b, b in placed[i + 1 :]:
            if not (at_a < at_b and en_a > en_b and a["unit"] == b["unit"]):
                continue
            if not _one_clause(source, at_a, at_b):
                continue
            if a["__metric"] == b["__metric"] and _FROM.search(text[max(0, en_a - 12) : en_a]):
                continue
            yield Hit(
                row,
                f"the Chinese prints {a['__fact']} ({a['value_text']}) before "
                f"{b['__fact']} ({b['value_text']}) in one clause, but the English writes them "
                f"the other way round: {show(text[en_b : en_a + 12], 120)} (figures of one unit "
                "and clause are kept in the Chinese order, so that a swap shows)",
            )
            return
