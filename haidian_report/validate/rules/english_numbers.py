"""Every number the English translation states is one the Chinese sentence prints (attack 5, F12).

:mod:`~.english` checks that each fact's figure is in the translation; a translation could
still add a year, a date or a change the Chinese never prints (in 2016 → in 2019, December 15
→ December 16, "35.78%, up 4.2 points on 2016") or turn yuan into US dollars. So each number
in ``text_en`` (digits, with million/billion/trillion) must be a value the Chinese sentence
prints: digits with 万/亿/万亿, a Chinese numeral (十三五 → 13th), a bare 万 (每万人 → per
10,000), 一刻钟 (15 minutes); and "dollar" needs 美元 in the Chinese, "yuan" 元. True of every
shipped translation, and of an improved one that says what the Chinese says.

>>> sorted(str(v) for v in chinese_values("增长10%以上,达到1.2万亿元"))
['1.2', '10', '10000', '100000000', '1200000000000.0']
>>> [shown for shown, _ in english_numbers("590.8 billion yuan in 2016, No. 1, 26,560")]
['590.8 billion', '2016', '1', '26,560']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import MAX_EMAX, MIN_EMIN, Decimal, localcontext
from decimal import Context as Arithmetic
from functools import lru_cache
from typing import Final

import polars as pl

from haidian_report.figures import ValueParseError, chinese_numeral
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.distinct import rows_judged
from haidian_report.validate.rules.engine import Hit, rule

#: A number as the English writes it: 9.97, 10,000 (or 10 000 with a no-break or thin space),
#: 1.4 million, 590.8bn, 13th, 97km, 5G. Not the end of a word (PM2.5, G7), nor part of Chinese
#: it is quoted in (74.2万平方米 holds no 74: the rule on quoted Chinese reads it). A plain space
#: is not read as a thousands separator: "10 100-metre tracks" are ten tracks of 100 metres.
#: A number right after a comma is one: "35.78%,12" holds 12, "1,0000" (Chinese grouping by
#: ten thousands kept by mistake) 1 and 0000.
_EN: Final = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[,\u00a0\u2009\u202f]\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?"
    r"(?![\d\u3400-\u9fff]|\.\d)(?:\s*(thousand|million|billion|trillion|bn|tn)\b)?"
)
#: Thousands separators a number may hold (dropped when it is read).
_GROUPING: Final = re.compile(r"[,\u00a0\u2009\u202f]")
#: Runs of digits: a number of ``_EN`` starts where one does (it starts with a digit, and a
#: digit after another is a word character its look-behind refuses).
_DIGITS: Final = re.compile(r"\d+")
_ZH: Final = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)?")
_CN: Final = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_SCALE: Final = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "million": 10**6}
_SCALE_EN: Final = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "tn": 10**12,
}
#: Values are computed with room for any exponent: a cell of a million digits times 10**12
#: is a number, not an overflow that stops the rule.
_ROOM: Final = Arithmetic(prec=60, Emax=MAX_EMAX, Emin=MIN_EMIN)
#: The longest Chinese numeral read whole (九千九百九十九万九千九百九十九 is 15 characters): a
#: longer run is read in pieces of at most this many, so its cost stays linear in its length.
_LONGEST: Final = 24
#: Texts longer than this are searched for numbers by the regex engine alone (:func:`_matches`).
_LONG_TEXT: Final = 10_000
#: Numbers a Chinese word stands for without printing a numeral.
_WORDS: Final = {"刻钟": 15, "壹": 1, "万": 10**4, "亿": 10**8, "百万": 10**6, "千万": 10**7}
#: (English currency word, the Chinese the sentence must print for it, the letters the word
#: cannot be found without).
_CURRENCIES: Final = (
    (re.compile(r"\bdollars?\b|\bUSD\b"), "美元", ("dollar", "USD")),
    (re.compile(r"\byuan\b"), "元", ("yuan",)),
)


@lru_cache(maxsize=4096)
def chinese_values(text: str) -> frozenset[Decimal]:
    """Every value the Chinese ``text`` prints, in digits, numerals or number words (kept for
    the run: a sentence is read by the translation rule, the note rule and the names rule).

    >>> {Decimal(13), Decimal("74.2"), Decimal(742000)} <= chinese_values("十三五新增74.2万平方米")
    True
    """
    with localcontext(_ROOM):
        return frozenset(_chinese_values(text))


def _chinese_values(text: str) -> set[Decimal]:
    values = {Decimal(v) for word, v in _WORDS.items() if word in text}
    for m in _ZH.finditer(text):
        value = Decimal(m.group(1))
        values.add(value)
        if m.group(2):
            values.add(value * _SCALE[m.group(2)])
    for m in _CN.finditer(text):
        run = m.group()
        for i in range(len(run)):  # 十三五 is 十三 then 五; 第十七届 is 十七
            for j in range(min(len(run), i + _LONGEST), i, -1):
                try:
                    values.add(Decimal(chinese_numeral(run[i:j])))
                except (ValueParseError, KeyError):
                    continue
    return values


def english_numbers(text: str) -> list[tuple[str, Decimal]]:
    """(as written, value) of every number written in digits in the English ``text``.

    >>> english_numbers("the 13th plan: 742 thousand m2 (74.2万平方米)")
    [('13th', Decimal('13')), ('742 thousand', Decimal('742000'))]
    """
    with localcontext(_ROOM):
        return _english_numbers(text)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_EN.finditer(text)`` finds. In a text of ordinary length it is tried only where
    a run of digits starts (a scan for a digit is quick; the look-behind tried at every
    character was most of the rule's time); a long one is left to the regex engine, whose
    per-character cost is lower than a Python step per run of digits (a cell of a million
    characters of 0亿 0亿 … took 1 s a megabyte that way)."""
    if len(text) > _LONG_TEXT:
        yield from _EN.finditer(text)
        return
    end = 0
    for run in _DIGITS.finditer(text):
        m = _EN.match(text, run.start()) if run.start() >= end else None
        if m is not None:
            end = m.end()
            yield m


def _english_numbers(text: str) -> list[tuple[str, Decimal]]:
    return [(shown, value) for shown, value, _ in _numbers_at(text)]


def english_numbers_at(text: str) -> list[tuple[str, Decimal, int]]:
    """:func:`english_numbers` with where each ends in ``text`` (for the word after it).

    >>> english_numbers_at("up 8 percentage points")
    [('8', Decimal('8'), 4)]
    """
    with localcontext(_ROOM):
        return _numbers_at(text)


def _numbers_at(text: str) -> list[tuple[str, Decimal, int]]:
    out = []
    for m in _matches(text):
        value = Decimal(_GROUPING.sub("", m.group(1)) + (m.group(2) or ""))
        if m.group(3):
            value *= _SCALE_EN[m.group(3)]
        out.append((m.group(0), value, m.end()))
    return out


def _unprinted(chinese: str, english: str) -> list[str]:
    values = chinese_values(chinese)
    said = [shown for shown, value in english_numbers(english) if value not in values]
    said += [f"'{m.group()}'" for pattern, zh, words in _CURRENCIES
             if zh not in chinese and any(w in english for w in words)
             for m in pattern.finditer(english)]  # fmt: skip
    return said


@rule(
    "english-number",
    needs={"text": "string", "text_en": "string"},
    tables=("sentences",),
    field="text_en",
)
def english_numbers_are_printed(ctx: Context, table: Table) -> Iterator[Hit]:
    """Each number (and currency) the English states is printed in the Chinese sentence."""
    frame = (
        table.frame.lazy()
        .filter(
            pl.col("text").is_not_null()
            & pl.col("text_en").is_not_null()
            & ~pl.col(ROW).is_in(flawed(ctx, table.name))
        )
        .select(ROW, "text", "text_en")
    )
    pairs = frame.select("text", "text_en").unique().collect(engine="in-memory")
    bad: dict[tuple[str, str], list[str]] = {}
    for chinese, english in pairs.iter_rows():
        said = _unprinted(chinese, english)
        if said:
            bad[(chinese, english)] = said
    if not bad:
        return
    rows = frame.collect(engine="in-memory")
    for row, _, stated in rows_judged(rows, ["text", "text_en"], bad):
        yield Hit(
            row,
            f"the English states {', '.join(dict.fromkeys(stated))}, which the Chinese "
            "sentence does not print: a translation says what the Chinese says",
        )
