"""A fact's note states no figure its sentence does not print.

A fact's ``note`` says in English why the row reads as it does: "Kept within 2.3% over the
five years 2017-2021", "Floor area of old-compound renovation to be completed in 2022 (19
compounds)", "培育…117家 with no 新增 or 累计: the number held in 2021". Every number of ten or
more in a shipped note, years aside, is one its sentence prints (in digits, numerals or number
words: 十三五 gives 13, 每万人 10,000). So a note that states another (19 compounds → 91) carries
a figure a reader would cite and the report never printed: a problem on ``note``.

Not held: years (a note dates what the text leaves undated, "held at the end of the review
(2021)", or says where a rule comes from, "the action ran 2018-2020"), and numbers under ten
(a rank, "beyond 5 on the class scale", "one of ten").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english_numbers import chinese_values, english_numbers

#: A year as a note writes it: four digits, 1900-2099.
YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}")
#: Numbers below this are not held to the sentence (ranks, small counts, class scales).
SMALLEST: Final = Decimal(10)


@lru_cache(maxsize=1024)
def unprinted(note: str, sentence: str) -> tuple[str, ...]:
    """The numbers of ``note`` (as written) that ``sentence`` does not print, years and
    numbers under ten aside.

    >>> unprinted("completed in 2022 (19 compounds)", "完成19个小区综合整治")
    ()
    >>> unprinted("completed in 2022 (91 compounds)", "完成19个小区综合整治")
    ('91',)
    >>> unprinted("beyond 5 on the class scale", "南沙河水质由劣Ⅴ类提升至Ⅳ类")
    ()
    """
    numbers = [
        (shown, value)
        for shown, value in english_numbers(note)
        if value >= SMALLEST and not YEAR.fullmatch(shown)
    ]
    if not numbers:
        return ()
    printed = chinese_values(sentence)
    return tuple(dict.fromkeys(shown for shown, value in numbers if value not in printed))


@rule(
    "english-number",
    needs={"note": "string", "sentence_id": "string"},
    tables=("indicators", "targets"),
    field="note",
)
def a_notes_figures_are_printed_in_its_sentence(ctx: Context, table: Table) -> Iterator[Hit]:
    """Every number of ten or more in a fact's note, years aside, is printed in its sentence."""
    sentences = ctx.tables.get("sentences")
    if sentences is None or not sentences.has("sentence_id", "text"):
        return
    text = (
        sentences.frame.select(pl.col("sentence_id").cast(pl.String), "text")
        .drop_nulls()
        .unique("sentence_id", keep="none")
    )
    frame = (
        table.frame.select(ROW, "note", "sentence_id")
        .filter(
            pl.col("note").str.contains("[0-9]").fill_null(False)
            & ~pl.col(ROW).is_in(flawed(ctx, table.name))
        )
        .join(text, on="sentence_id")
    )
    # each distinct (note, sentence) judged once: rows copied at scale share theirs
    bad = {
        (note, sentence_id): said
        for note, sentence_id, sentence in frame.select("note", "sentence_id", "text")
        .unique()
        .iter_rows()
        if (said := unprinted(note, sentence))
    }
    if not bad:
        return
    for row, note, sentence_id in frame.select(ROW, "note", "sentence_id").sort(ROW).iter_rows():
        stated = bad.get((note, sentence_id))
        if stated:
            yield Hit(
                row,
                f"the note states {', '.join(stated)}, which sentence {sentence_id} does not "
                "print: a note says why the row reads as it does and adds no figure",
            )
