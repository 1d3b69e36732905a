"""How a parsed figure is written in the English translation.

The translation writes figures the way official English versions do: 5908亿元 → "590.8
billion yuan", 364万 → "3.64 million", 26560 → "26,560", 7.6% → "7.6%". :func:`renderings`
lists the accepted forms of a value's number so that a test can check that no figure was
dropped or mistranslated.

>>> sorted(renderings(590800000000.0, "CNY", "5908"))
['590,800,000,000', '590.8 billion', '590800000000']
>>> sorted(renderings(3640000.0, "person", "364"))
['3,640,000', '3.64 million', '3640000']
>>> sorted(renderings(7.6, "percent", "7.6"))
['7.6 percent', '7.6%']
"""

from __future__ import annotations

import re
import string
from decimal import Decimal
from typing import Final

SMALL_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
ORDINALS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)
#: Units of a run of periods (连续6年, 15个季度) and the noun an ordinal counts them with.
RUNS = {"year": "year", "quarter": "quarter", "month": "month"}
ROMAN = ("", "I", "II", "III", "IV", "V")
SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def _grouped(d: Decimal) -> str:
    whole, _, frac = _plain(d).partition(".")
    grouped = f"{int(whole):,}"
    return grouped + ("." + frac if frac else "")


def renderings(value: float, unit: str | None, printed: str | None = None) -> set[str]:
    """Accepted English forms of a value's number (the unit word is not part of them)."""
    d = Decimal(repr(abs(value)))
    out: set[str] = set()
    if unit in ("percent", "percentage_point"):
        number = printed if printed and re.fullmatch(r"[0-9.]+", printed) else _plain(d)
        return {f"{number}%", f"{number} percent"} | (
            {f"{number} percentage points"} if unit == "percentage_point" else set()
        )
    if unit == "rank":
        n = int(d)
        out |= {f"No. {n}", numbered(n)}
        if n < len(ORDINALS):
            out |= {ORDINALS[n], ORDINALS[n].capitalize()}
        if n == 1:
            out |= {"top", "best", "highest", "first place", "led"}
        return out
    if unit == "class":
        return {ROMAN[int(d)]} if 0 < int(d) < len(ROMAN) else {_plain(d)}
    for size, word in SCALES:
        if d >= size:
            out.add(f"{_plain(d / size)} {word}")
            break
    out.add(_grouped(d) if d >= 1000 else _plain(d))
    if d >= 1000:
        out.add(_plain(d))
    if d == d.to_integral_value() and int(d) < len(SMALL_WORDS):
        out |= {SMALL_WORDS[int(d)], SMALL_WORDS[int(d)].capitalize()}
    if unit in RUNS and d == d.to_integral_value() and int(d) > 0:
        # 连续6年 is as often "for the sixth year running" as "for 6 consecutive years", 15个季度
        # "for the fifteenth consecutive quarter"; only with the period it counts (a bare
        # "sixth" would let a rank and a run of years swap)
        n, noun = int(d), RUNS[unit]
        ordinals = {numbered(n)} | ({ORDINALS[n]} if n < len(ORDINALS) else set())
        # a run, said as one: "sixth consecutive year", "sixth year running", "sixth year in
        # a row" (a bare "in the sixth year" is one year, not six)
        runs = {
            f"{o} {w} {noun}" for o in ordinals for w in ("consecutive", "straight", "successive")
        }
        runs |= {f"{o} {noun} {w}" for o in ordinals for w in ("running", "in a row")}
        out |= runs | {r[0].upper() + r[1:] for r in runs}
    return out


def numbered(n: int) -> str:
    """An ordinal in digits: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd.

    >>> [numbered(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd', '111th']
    """
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def appears_in(english: str, forms: set[str]) -> bool:
    """True if one of ``forms`` occurs in ``english`` as a whole number (not inside another).

    >>> appears_in("GDP reached 950 billion yuan", {"950 billion"})
    True
    >>> appears_in("in 2016", {"16"})
    False
    """
    # string search, not a regex per form: compiling one pattern per figure and sentence was
    # a tenth of a second of every validation (the same test as
    # (?<![0-9A-Za-z.,])FORM(?![0-9A-Za-z]|[.,][0-9]) at every place FORM occurs)
    for form in forms:
        at = english.find(form)
        while at != -1:
            end = at + len(form)
            before = english[at - 1] if at else ""
            after = english[end : end + 2]
            if (
                (not before or before not in _NUMBERISH)
                and (not after or after[0] not in _WORDISH)
                and not (after[:1] in (".", ",") and after[1:2] != "" and after[1] in _DIGITS)
            ):
                return True
            at = english.find(form, at + 1)
    return False


_DIGITS: Final = frozenset("0123456789")
#: ASCII letters and digits: a form next to one is inside another number or word.
_WORDISH: Final = _DIGITS | frozenset(string.ascii_letters)
_NUMBERISH: Final = _WORDISH | {".", ","}
