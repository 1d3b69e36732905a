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
1407个事项全程网办", "(10分钟健身圈)"): every run of Chinese with a figure (a digit or a
numeral), in a fact's or program's note, a program's description or English names, a metric's
definition or ``name_en``, a term's English names or a sentence's translation, is printed in
the source, whole, so a figure edited inside the quote (117家 → 171家) is a problem on that
field. (A term's ``explanation_en`` is not held: an
official explanation may quote a document other than the report.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.printed_words import NOTE, set_aside
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.distinct import rows_judged
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english_numbers import chinese_values, english_numbers

#: A year as a note writes it (2014 … 2022 in the shipped notes; the report plans to 2035).
YEAR: Final = re.compile(r"20[0-3][0-9]")
#: The end of a range of years written short (2017–21): a year, not a count.
SHORT_RANGE: Final = re.compile(r"\b(20[0-3][0-9]\s*[-–]\s*)[0-9]{2}\b")
#: Whole numbers below this are not held to the sentence (ranks, small counts, class scales);
#: a decimal or a percentage is, whatever its size.
SMALLEST: Final = Decimal(10)
#: A percentage as a note writes it.
PERCENT: Final = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent\b)")
#: A run of Chinese as the English quotes it, with the figures printed inside it (a decimal
#: point only between digits, so 培育...117家 is two runs).
CHINESE: Final = re.compile(r"(?:[\u3400-\u9fff%％]|[0-9０-９]+(?:\.[0-9０-９]+)?)+")
#: A figure in a run of Chinese: a digit or a Chinese numeral.
FIGURE: Final = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿]")
HAN: Final = re.compile(r"[\u3400-\u9fff]")
DIGITS: Final = "0123456789０１２３４５６７８９"
#: Per table, the English columns a curator wrote about the report.
QUOTING: Final = {
    "indicators": ("note",),
    "targets": ("note",),
    "programs": ("name_en", "aliases_en", "description_en", "note"),
    "metrics": ("name_en", "definition_en"),
    "terms": ("term_en", "aliases_en"),
    "sentences": ("text_en",),
}
#: At most this many numbers are named in one message.
NAMED: Final = 10
#: At most this many distinct runs of quoted Chinese are looked for in the source, per text.
QUOTED_MOST: Final = 1000


def listed(items: tuple[str, ...]) -> str:
    """``items`` for a message: at most :data:`NAMED`, each cut to 40 characters.

    >>> listed(("91", "9" * 50)), listed(tuple(str(n) for n in range(12)))
    ('91, 999999999999999999999999999999999999999…', '0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more')
    """
    shown = ", ".join(i if len(i) <= 40 else i[:39] + "…" for i in items[:NAMED])
    return shown + (f" and {len(items) - NAMED} more" if len(items) > NAMED else "")


def held(note: str) -> dict[Decimal, str]:
    """The numbers of ``note`` held to its sentence, by value (as first written): decimals,
    percentages and whole numbers of ten or more; not years, nor outside knowledge the note
    marks as such ("outside the text: …").

    >>> held("Kept within 2.3% over 2017-21; 7 towns (outside the text: of 29 in all).")
    {Decimal('2.3'): '2.3'}
    """
    said = SHORT_RANGE.sub(r"\1", set_aside(note, NOTE))
    out: dict[Decimal, str] = {}
    for shown, value in english_numbers(said):
        whole = value == value.to_integral_value()
        if not (YEAR.fullmatch(shown) or (whole and value < SMALLEST)):
            out.setdefault(value, shown)
    for m in PERCENT.finditer(said):
        out.setdefault(Decimal(m.group(1)), m.group(0))
    return out


@lru_cache(maxsize=1024)
def unprinted(note: str, sentence: str) -> tuple[str, ...]:
    """The numbers of ``note`` (as written) that ``sentence`` does not print (:func:`held`).

    >>> unprinted("completed in 2022 (19 compounds)", "完成19个小区综合整治")
    ()
    >>> unprinted("completed in 2022 (91 compounds)", "完成19个小区综合整治")
    ('91',)
    >>> unprinted("beyond 5 on the class scale", "南沙河水质由劣Ⅴ类提升至Ⅳ类")
    ()
    >>> unprinted("Kept within 3.2%", "城镇登记失业率控制在2.3%以内")
    ('3.2',)
    """
    numbers = held(note)
    if not numbers:
        return ()
    printed = chinese_values(sentence)
    return tuple(shown for value, shown in numbers.items() if value not in printed)


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
        sentences.frame.lazy()
        .filter(~pl.col(ROW).is_in(flawed(ctx, sentences.name)))
        .select(pl.col("sentence_id").cast(pl.String), "text")
        .drop_nulls()
        .unique("sentence_id", keep="none")
    )
    frame = (
        table.frame.lazy()
        .select(ROW, "note", "sentence_id")
        .filter(
            pl.col("note").str.contains("[0-9]").fill_null(False)
            & ~pl.col(ROW).is_in(flawed(ctx, table.name))
        )
    )
    # each distinct (note, sentence) judged once, read in one query: rows copied at scale
    # share theirs
    pairs = frame.select("note", "sentence_id").unique().join(text, on="sentence_id")
    bad = {
        (note, sentence_id): said
        for note, sentence_id, sentence in pairs.collect(engine="in-memory").iter_rows()
        if (said := unprinted(note, sentence))
    }
    if not bad:
        return
    rows = frame.collect(engine="in-memory")
    for row, (_, sentence_id), stated in rows_judged(rows, ["note", "sentence_id"], bad):
        yield Hit(
            row,
            f"the note states {listed(stated)}, which sentence {sentence_id} does not "
            "print: a note says why the row reads as it does and adds no figure",
        )


@lru_cache(maxsize=65536)
def printed_whole(run: str, source: str) -> bool:
    """Whether ``source`` prints ``run`` with no digit cut off either side (17家 is not
    printed whole in 企业117家, nor 4.2万 in 74.2万).

    >>> printed_whole("117家", "企业117家,占"), printed_whole("17家", "企业117家,占")
    (True, False)
    """
    at = source.find(run)
    while at >= 0:
        before = source[at - 1 : at] if at else ""
        after = source[at + len(run) : at + len(run) + 1]
        cut_before = run[0] in DIGITS and before != "" and before in DIGITS + "."
        cut_after = run[-1] in DIGITS and after != "" and after in DIGITS
        if not (cut_before or cut_after):
            return True
        at = source.find(run, at + 1)
    return False


@lru_cache(maxsize=4096)
def unquoted(text: str, source: str) -> tuple[str, ...]:
    """The runs of Chinese with a figure (a digit or a Chinese numeral) that ``text`` quotes
    and ``source`` does not print whole; each distinct run looked for once, and at most
    :data:`QUOTED_MOST` of them (more is named as a run of its own: no curator's English
    quotes that many, and each costs a search of the source).

    >>> source = "培育国家级专精特新“小巨人”企业117家,占全市的45.9%;九连冠"
    >>> unquoted("培育…117家 with no 新增", source), unquoted("培育...171家", source)
    ((), ('171家',))
    >>> unquoted("(十连冠)", source), unquoted("17家", source)
    (('十连冠',), ('17家',))
    >>> unquoted(" ".join(f"{n}家" for n in range(2000)), source)[-1]
    'more than 1,000 runs of Chinese with a figure'
    """
    if not HAN.search(text):
        return ()
    runs = [r for r in dict.fromkeys(CHINESE.findall(text)) if HAN.search(r) and FIGURE.search(r)]
    bad = [r for r in runs[:QUOTED_MOST] if not printed_whole(r, source)]
    if len(runs) > QUOTED_MOST:
        bad.append(f"more than {QUOTED_MOST:,} runs of Chinese with a figure")
    return tuple(bad)


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
                    f"{column} quotes {listed(bad[text])}, which the source does not print",
                    column,
                ),
            )
            for row, text in rows.iter_rows()
        ]
    yield from (hit for *_, hit in sorted(found, key=lambda h: h[:2]))
