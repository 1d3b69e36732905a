"""The unit the English gives a figure is the fact's (cold attack of 3 December 2026, F2).

``english-figure`` finds every fact's number in the English of its sentence, and ``english-number``
that every number there is printed in the Chinese; the word after the number could still change
what it measures: "rose by 6.66 metres" → "6.66 centimetres", "2.63 square metres" per person →
"square kilometres", "6.17 billion US dollars" → "yuan", "34,400 households" → "residents", "up 8%"
→ "up 8 percentage points". So where the English writes a fact's number (as
:func:`~haidian_report.validate.rules.english_numbers.english_numbers` reads numbers: 590.8
billion, 34,400, 8), a unit word right after it (:data:`UNIT_WORDS`) must be one that a fact of
the sentence with that number is measured in. Words that are not units (enterprises, roads,
consecutive) are not judged. True of every shipped translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.rules.english import PERCENT_UNITS, WORDED_UNITS, translations
from haidian_report.validate.rules.english import _facts as facts_with_figures
from haidian_report.validate.rules.english_numbers import english_numbers_at
from haidian_report.validate.text import show

_M: Final = r"met(?:re|er)s?\b"
#: (the English unit word, as it follows a number, and the units of the package it may stand
#: for), the longer words first: "square metres" before "metres", "percentage points" before
#: "percent".
UNIT_WORDS: Final[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]] = tuple(
    (re.compile(pattern, re.I), units)
    for pattern, units in (
        (rf"square\s+kilo{_M}|km2\b|km²", ("km2",)),
        (rf"square\s+{_M}|m2\b|m²|sq\.?\s?m\b", ("m2", "m2/person")),
        (rf"kilo{_M}|km\b", ("km",)),
        (rf"centi{_M}|cm\b", ("cm",)),
        (rf"milli{_M}|mm\b", ("mm",)),
        (_M, ("m",)),
        (r"hectares?\b|ha\b", ("ha",)),
        (r"mu\b", ("mu",)),
        (r"yuan\b|RMB\b|CNY\b", ("CNY", "CNY/person", "CNY/person/month")),
        (r"(?:US\s+|U\.S\.\s+)?dollars?\b|USD\b|US\$", ("USD",)),
        # members of households are people
        (r"(?:household|family)\s+members\b", ("person",)),
        (r"households?\b|families\b", ("household",)),
        (r"(?:people|persons?|residents?|individuals)\b", ("person",)),
        (r"percentage[\s-]+points?\b|pp\b", ("percentage_point",)),
        (r"%|percent\b|per\s+cent\b", PERCENT_UNITS),
        (r"years?\b", ("year",)),
        (r"quarters?\b", ("quarter",)),
        (r"months?\b", ("month",)),
        (r"minutes?\b", ("minute",)),
        # a count's points are places (网点: "530 retail points"); a rate's, percentage points
        (r"points?\b", ("percentage_point", "count")),
        # units the report never measures in: a figure given one was given another unit
        (
            r"acres?\b|(?:square\s+|sq\.?\s?)?(?:feet|foot|ft|miles?|yards?|inch(?:es)?)\b"
            r"|euros?\b|pounds?\b|yen\b",
            (),
        ),
    )
)
#: What makes a unit word a modifier of the noun after it, not the figure's unit: "13
#: year-round rivers", "168 people's livelihood projects" (a hyphen or a possessive).
_MODIFIER: Final = re.compile(r"[-'’]")
#: A word followed by a space that may be an adjective the unit word stands after ("34,400
#: local residents", "7 consecutive years", "Haidian residents", "long-time residents").
_PLAIN_WORD: Final = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?=\s)")
#: What ends the figure's phrase instead: a plural noun is the figure's own noun ("6 roads
#: this year": the year is not the roads' unit), a verb in -ing or -ed begins another phrase
#: ("612 elevators benefiting residents").
_PHRASE_END: Final = re.compile(r"(?i)(?:[^su]s|ing|ed)$")
# fmt: off
#: Words after a number that end its phrase or begin another: what follows them is not the
#: figure's unit ("12 of the 29 townships", "8 in 10 people", "1.5 times the pace").
_NOT_MODIFIERS: Final = frozenset({
    "per", "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "and", "or",
    "with", "than", "as", "over", "under", "into", "times", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "this", "that", "these", "those", "each",
    "every", "next", "last", "all",
})
# fmt: on
#: Phrases that begin with a unit word and are no unit: "8% year on year", "13 year round
#: rivers", "all year".
_NOT_UNITS: Final = re.compile(r"(?i)years?[\s-]+(?:on|over)[\s-]+years?\b|year[\s-]+round\b")


def unit_word(text: str, at: int, skip: int = 2) -> tuple[str, tuple[str, ...]] | None:
    """The unit word ``text`` prints right after position ``at`` (spaces skipped, and up to
    ``skip`` adjectives before it: "34,400 local residents"; a plural noun, a word in -ing or
    -ed, or a word like "of" or "this" ends the figure's phrase), and the units it may stand
    for; None when no unit word follows.

    >>> unit_word("rose by 6.66 centimetres", 12)
    ('centimetres', ('cm',))
    >>> unit_word("65 enterprises", 2) is None
    True
    >>> unit_word("34,400 resident households", 6), unit_word("13 year-round rivers", 2)
    (('households', ('household',)), None)
    >>> unit_word("34,400 local residents", 6), unit_word("25 yuan per person", 2)
    (('residents', ('person',)), ('yuan', ('CNY', 'CNY/person', 'CNY/person/month')))
    >>> unit_word("6 roads this year", 1) is None, unit_word("6 elevators serving people", 1)
    (True, None)
    >>> unit_word("up 8% year on year", 4)
    ('%', ('percent', 'percentage_point'))
    """
    start = at + len(text[at:]) - len(text[at:].lstrip())
    if _NOT_UNITS.match(text, start):
        return None
    for pattern, units in UNIT_WORDS:
        m = pattern.match(text, start)
        if m is None:
            continue
        if _MODIFIER.match(text, m.end()):
            return None  # year-round, people's: the noun comes later
        # "34,400 resident households": a unit word before another is that one's modifier
        spaced = text[m.end() : m.end() + 1].isspace()
        later = unit_word(text, m.end(), skip=0) if spaced else None
        return later or (m.group(0), units)
    word = _PLAIN_WORD.match(text, start) if skip else None
    if word is None or word.group(0).lower() in _NOT_MODIFIERS or _PHRASE_END.search(word[0]):
        return None
    return unit_word(text, word.end(), skip - 1)


@rule("english-unit", needs={"sentence_id": "string", "text_en": "string"}, tables=("sentences",),
      field="text_en")  # fmt: skip
def the_english_gives_a_figure_its_facts_unit(ctx: Context, table: Table) -> Iterator[Hit]:
    """A unit word right after a fact's number in the English is one a fact of the sentence
    with that number is measured in."""
    facts = facts_with_figures(ctx)
    if facts is None or not facts.height:
        return
    english = translations(ctx, table)
    figures = (
        # a unit the figure prints (米, 户, 美元, %): one inferred from the row's unit cell is
        # that cell's, whose rules report it once (a fact's unit edited is not also the English)
        facts.filter(
            ~pl.col("unit").is_in(WORDED_UNITS).fill_null(True) & pl.col("__unit_printed_here")
        )
        .sort("__fact")
        .unique(["sentence_id", "value", "unit", "value_printed"], keep="first")
        .group_by("sentence_id")
        .agg(pl.struct("value", "unit", "value_printed", "__fact", "value_text").sort_by("__fact"))
    )
    joined = english.join(figures, on="sentence_id").sort(ROW)
    for row, _, text, said in joined.iter_rows():
        if text is None:
            continue
        by_number: dict[Decimal, list[dict[str, object]]] = {}
        for fact in said:
            number = figure_number(fact)
            if number is not None:
                by_number.setdefault(number, []).append(fact)
        for shown, value, end in english_numbers_at(text):
            mine = by_number.get(value)
            found = unit_word(text, end) if mine else None
            if not mine or found is None:
                continue
            word, units = found
            if any(f["unit"] in units for f in mine):
                continue
            fact = mine[0]
            yield Hit(
                row,
                f"{fact['__fact']} ({fact['value_text']}) is in {fact['unit']}, but the English "
                f"gives its figure as '{shown} {word}' "
                f"({'/'.join(units) or 'a unit the report never uses'}): "
                f"{show(text[max(0, end - 60) : end + 30], 100)}",
            )


def figure_number(fact: dict[str, object]) -> Decimal | None:
    """The number the English writes for a fact: a percentage's printed number, else its
    value (as :func:`~haidian_report.validate.rules.english._read_in` reads it)."""
    value, unit, printed = fact["value"], fact["unit"], fact["value_printed"]
    try:
        if unit in PERCENT_UNITS and isinstance(printed, str) and printed:
            return abs(Decimal(printed))
        return abs(Decimal(repr(value))) if isinstance(value, float) else None
    except InvalidOperation:
        return None
