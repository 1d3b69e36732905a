"""The figures of the English a curator wrote about the report are the report's.

A fact's ``note`` says in English why the row reads as it does: "Kept within 2.3% over the
five years 2017-2021", "Floor area of old-compound renovation to be completed in 2022 (19
compounds)". Every number of ten or more in a shipped note, years aside, is one its sentence
prints (in digits, numerals or number words: 十三五 gives 13, 每万人 10,000). So a note that
states another (19 compounds → 91) carries a figure a reader would cite and the report never
printed: a problem on ``note``. Not held: years (a note dates what the text leaves undated,
"held at the end of the review (2021)", or says where a rule comes from, "the action ran
2018-2020"), and numbers under ten (a rank, "beyond 5 on the class scale").

The same English quotes the Chinese it reads ("培育…117家 with no 新增 or 累计", "the text:
1407个事项全程网办", "(10分钟健身圈)"): every run of Chinese with a figure in digits, in a
fact's or program's note, a program's description or English names, a metric's definition or
``name_en``, a term's English names, is printed in the source, so a figure edited inside the
quote (117家 → 171家) is a problem on that field. (A term's ``explanation_en`` is not held: an
official explanation may quote a document other than the report.)"""

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
#: A run of Chinese as the English quotes it (a decimal point and per cent sign inside it).
CHINESE: Final = re.compile(r"[\u3400-\u9fff0-9.%]*[\u3400-\u9fff][\u3400-\u9fff0-9.%]*")
DIGIT: Final = re.compile("[0-9]")
#: Per table, the English columns a curator wrote about the report.
QUOTING: Final = {
    "indicators": ("note",),
    "targets": ("note",),
    "programs": ("name_en", "aliases_en", "description_en", "note"),
    "metrics": ("name_en", "definition_en"),
    "terms": ("term_en", "aliases_en"),
}


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
    frame = table.frame.select(ROW, "note", "sentence_id").filter(
        pl.col("note").str.contains("[0-9]").fill_null(False)
        & ~pl.col(ROW).is_in(flawed(ctx, table.name))
    )
    # each distinct (note, sentence) judged once: rows copied at scale share theirs
    pairs = frame.select("note", "sentence_id").unique().join(text, on="sentence_id")
    bad = {
        (note, sentence_id): said
        for note, sentence_id, sentence in pairs.iter_rows()
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


@lru_cache(maxsize=4096)
def unquoted(text: str, source: str) -> tuple[str, ...]:
    """The runs of Chinese with a figure in digits that ``text`` quotes and ``source`` does
    not print (a run ends at anything but Chinese, digits, ``.`` and ``%``).

    >>> source = "培育国家级专精特新“小巨人”企业117家,占全市的45.9%"
    >>> unquoted("培育…117家 with no 新增", source), unquoted("培育…171家", source)
    ((), ('171家',))
    """
    if not DIGIT.search(text):
        return ()
    runs = (m.group().rstrip(".") for m in CHINESE.finditer(text))
    return tuple(dict.fromkeys(r for r in runs if DIGIT.search(r) and r not in source))


@rule("english-number", needs={}, tables=tuple(QUOTING), source=True)
def quoted_chinese_figures_are_printed(ctx: Context, table: Table) -> Iterator[Hit]:
    """Chinese with a figure, quoted in a curator's English, is printed in the source."""
    source = ctx.source
    columns = [c for c in QUOTING[table.name] if table.typed(c, "string")]
    if source is None or not columns:
        return
    found: list[tuple[int, int, Hit]] = []
    for at, column in enumerate(columns):
        # each distinct text judged once (rows copied at scale share theirs); rows are read
        # only where a text is wrong
        texts = table.frame.get_column(column).drop_nulls().unique().to_list()
        bad = {t: said for t in texts if (said := unquoted(t, source))}
        if not bad:
            continue
        rows = table.frame.select(ROW, column).filter(pl.col(column).is_in(list(bad)))
        found += [
            (
                row,
                at,
                Hit(
                    row,
                    f"{column} quotes {', '.join(bad[text])}, which the source does not print",
                    column,
                ),
            )
            for row, text in rows.iter_rows()
        ]
    yield from (hit for *_, hit in sorted(found, key=lambda h: h[:2]))
