"""Parse a printed Chinese figure ("5908亿元", "90余个", "九连冠") into value, unit, qualifier.

Qualifiers come from the words printed with the number: 以上 at_least; 超过, 多 and 余
more_than (90余个 is "90-odd", more than 90); 以内 at_most; 约, 近 and 左右 approx.

Every value in the package comes from here: curation names the printed text, this module reads
it. A form it does not know raises :class:`ValueParseError` naming the text; it never guesses.

>>> v = parse_value("5908亿元")
>>> v.value, v.unit, v.qualifier
(590800000000.0, 'CNY', 'exact')
>>> parse_value("2400多名").unit, parse_value("2400多名").qualifier
('person', 'more_than')
>>> parse_value("10%以上").qualifier
'at_least'
>>> parse_value("90余个").qualifier
'more_than'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

Qualifier = Literal["exact", "at_least", "more_than", "at_most", "approx", "qualitative"]

MULTIPLIERS: Final[dict[str, Decimal]] = {
    "": Decimal(1),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "万亿": Decimal(1_000_000_000_000),
}

#: printed unit → unit code. Longest printed forms are tried first.
UNITS: Final[dict[str, str]] = {
    "美元": "USD",
    "元/人": "CNY/person",
    "元/月": "CNY/month",
    "元": "CNY",
    "%": "percent",
    "个百分点": "percentage_point",
    "平方米": "m2",
    "公顷": "ha",
    "亩": "mu",
    "公里": "km",
    "米": "m",
    "个季度": "quarter",
    "分钟": "minute",
    "年": "year",
    "连冠": "count",
    "名": "person",
    "人": "person",
    "户": "household",
    "套": "dwelling",
    "份": "sample",
    "个": "count",
    "家": "count",
    "件": "count",
    "项": "count",
    "条": "count",
    "部": "count",
    "所": "count",
    "处": "count",
    "支": "count",
    "栋": "count",
    "种": "count",
    "座": "count",
    "批": "count",
    "次": "count",
    "场": "count",
    "期": "count",
    "镇": "count",
    "村": "count",
    "类": "class",
}

#: every unit code the package uses, with its English meaning (documented in the data dictionary).
UNIT_CODES: Final[dict[str, str]] = {
    "CNY": "Chinese yuan (renminbi)",
    "USD": "US dollars",
    "CNY/person": "yuan per person",
    "CNY/month": "yuan per month",
    "CNY/person/month": "yuan per person per month (人均…元/月)",
    "m2/person": "square metres per person (人均…平方米)",
    "sample/day": "test samples per day (日…能力)",
    "percent": "percent (7.6 means 7.6%)",
    "percentage_point": "percentage points",
    "m2": "square metres",
    "ha": "hectares",
    "mu": "mu (1 mu = 666.67 m2)",
    "km": "kilometres",
    "m": "metres",
    "quarter": "quarters of a year",
    "minute": "minutes",
    "year": "years",
    "person": "persons",
    "household": "households",
    "dwelling": "dwellings (housing units, 套)",
    "sample": "test samples (份)",
    "count": "count of items (the classifier printed is in unit_printed)",
    "count/10k_person": "count per 10,000 people (每万人…件)",
    "rank": "rank (1 = first)",
    "class": "surface-water quality class under GB 3838-2002 (1 = I, best … 5 = V, worst)",
}

#: denominators a curated unit may add to the printed unit, with the words that print them:
#: 每万人发明专利拥有量预计550件 prints 件 (count); the curation gives count/10k_person;
#: 人均体育场地面积2.63平方米 prints 平方米 and is m2/person; 日核酸检测能力28.9万份 is sample/day.
PER_UNITS: Final[dict[str, tuple[str, ...]]] = {
    "10k_person": ("每万人",),
    "person": ("人均", "平均"),
    "day": ("日",),
}

#: words that state a rank without a numeral: 首位 (top place), 最优 (the best of a group),
#: 首家 (the first of its kind), 率先 (the first to do something).
RANK_WORDS: Final[dict[str, int]] = {"首位": 1, "最优": 1, "首家": 1, "率先": 1}
ROMAN: Final[dict[str, int]] = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}

PREFIX_QUALIFIERS: Final[dict[str, Qualifier]] = {
    "超过": "more_than",
    "约": "approx",
    "近": "approx",
    "劣": "more_than",
}
SUFFIX_QUALIFIERS: Final[dict[str, Qualifier]] = {
    "以上": "at_least",
    "以内": "at_most",
    "左右": "approx",
}
INFIX_QUALIFIERS: Final[dict[str, Qualifier]] = {"余": "more_than", "多": "more_than"}

CN_DIGITS: Final[str] = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"[0-9]+(?:\.[0-9]+)?"
_CHINESE = f"[{CN_DIGITS}]+"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as text, longest first, so that a word is never read
    as a shorter one it starts with (万元 before 万, 有余 before 余).

    >>> alternation(["万", "万元", "亿"])
    '万元|万|亿'
    """
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))


_UNIT_ALT = alternation(UNITS)
_PATTERN = re.compile(
    rf"^(?P<prefix>{'|'.join(PREFIX_QUALIFIERS)})?"
    rf"(?P<rank>第)?"
    rf"(?:(?P<arabic>{_ARABIC})(?P<mult>万亿|亿|万)?|(?P<chinese>{_CHINESE})"
    rf"|(?P<roman>[{''.join(ROMAN)}])|(?P<word>{'|'.join(RANK_WORDS)}))"
    rf"(?P<infix>[余多])?"
    rf"(?P<unit>{_UNIT_ALT})?"
    rf"(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})?$"
)


class ValueParseError(ValueError):
    """A printed figure this parser does not understand (the message names the text)."""


@dataclass(frozen=True)
class ParsedValue:
    """A printed figure read by :func:`parse_value`.

    ``value`` is in ``unit`` (yuan, persons, percent…); ``number_printed`` and
    ``unit_printed`` keep the printed pieces ("5908", "亿元").
    """

    value: float
    unit: str
    qualifier: Qualifier
    number_printed: str
    unit_printed: str
    decimal: Decimal


CN_DIGIT_VALUES: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS: Final[dict[str, int]] = {"万": 10_000, "亿": 100_000_000}


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral such as "三", "十五", "两万", "一千零八".

    A small reader of its own rather than cn2an at run time: importing cn2an costs about
    150 ms, a tax on every validation for the nine facts printed in Chinese numerals. The
    tests hold this function to cn2an's answers for every numeral below 100 million.

    >>> chinese_numeral("十三"), chinese_numeral("二百零五"), chinese_numeral("两万")
    (13, 205, 20000)
    """
    if not text or any(ch not in CN_DIGITS for ch in text):
        raise ValueParseError(f"not a Chinese numeral: {text!r}")
    total = section = 0
    digit: int | None = None
    last_small = last_big = 10**12
    for ch in text:
        if ch in CN_DIGIT_VALUES:
            if digit:
                raise ValueParseError(f"not a Chinese numeral: {text!r} (two digits in a row)")
            digit = CN_DIGIT_VALUES[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_small:
                raise ValueParseError(f"not a Chinese numeral: {text!r} (units out of order)")
            section += (1 if digit is None and unit == 10 else (digit or 0)) * unit
            if digit is None and unit != 10:
                raise ValueParseError(f"not a Chinese numeral: {text!r} ({ch} without a digit)")
            digit, last_small = None, unit
        else:
            unit = CN_BIG_UNITS[ch]
            if unit >= last_big or (section == 0 and not digit):
                raise ValueParseError(f"not a Chinese numeral: {text!r} (misplaced {ch})")
            total += (section + (digit or 0)) * unit
            section, digit, last_small, last_big = 0, None, 10**12, unit
    return total + section + (digit or 0)


def _per_printed(unit: str, printed_unit: str) -> bool:
    """Is ``unit`` the printed unit per a known denominator ("count/10k_person" for 件,
    "CNY/person/month" for 元/月)?"""
    parts = unit.split("/")
    return unit in UNIT_CODES and any(
        parts[i] in PER_UNITS and "/".join(parts[:i] + parts[i + 1 :]) == UNITS[printed_unit]
        for i in range(1, len(parts))
    )


def parse_value(text: str, unit: str | None = None) -> ParsedValue:
    """Parse ``text`` (a printed figure) into value, unit and qualifier.

    ``unit`` supplies the unit code when the text prints none ("364万" → persons);
    it is an error to give one that contradicts the printed unit, except a unit per a known
    denominator whose numerator is the printed unit (每万人…"550件" with ``count/10k_person``).

    >>> parse_value("3.4万亿元").value
    3400000000000.0
    >>> parse_value("364万", unit="person").value
    3640000.0
    >>> parse_value("550件", unit="count/10k_person").unit
    'count/10k_person'
    >>> parse_value("4688元/月", unit="CNY/person/month").unit
    'CNY/person/month'
    >>> parse_value("第一").unit, parse_value("第一").value
    ('rank', 1.0)
    >>> parse_value("三年").value
    3.0
    >>> v = parse_value("劣Ⅴ类")
    >>> v.value, v.unit, v.qualifier
    (5.0, 'class', 'more_than')
    >>> parse_value("首位").value
    1.0
    """
    if not isinstance(text, str):
        raise ValueParseError(f"printed value must be a string, got {type(text).__name__}")
    match = _PATTERN.match(text)
    if match is None:
        raise ValueParseError(f"cannot parse printed value {text!r}: unknown form")
    groups = match.groupdict()
    mult = groups["mult"] or ""
    if groups["word"] is not None:
        if any(groups[k] for k in ("prefix", "rank", "infix", "unit", "suffix")):
            raise ValueParseError(f"cannot parse printed value {text!r}: rank word with extras")
        word = groups["word"]
        return ParsedValue(
            float(RANK_WORDS[word]), "rank", "exact", word, "", Decimal(RANK_WORDS[word])
        )
    if groups["prefix"] == "劣" and groups["roman"] is None:
        raise ValueParseError(f"cannot parse printed value {text!r}: 劣 qualifies a water class")
    if groups["roman"] is not None:
        if groups["unit"] != "类" or groups["prefix"] not in (None, "劣"):
            raise ValueParseError(f"cannot parse printed value {text!r}: a class needs 类")
        number = Decimal(ROMAN[groups["roman"]])
        number_printed = groups["roman"]
    elif groups["arabic"] is not None:
        number = Decimal(groups["arabic"])
        number_printed = groups["arabic"]
    else:
        number = Decimal(chinese_numeral(groups["chinese"]))
        number_printed = groups["chinese"]
    printed_unit = groups["unit"]
    if groups["rank"]:
        if printed_unit or mult or groups["infix"] or groups["prefix"] or groups["suffix"]:
            raise ValueParseError(f"cannot parse printed value {text!r}: rank with extra parts")
        code = "rank"
    elif printed_unit is not None:
        contradicts = unit is not None and unit != UNITS[printed_unit]
        if contradicts and not _per_printed(str(unit), printed_unit):
            raise ValueParseError(
                f"{text!r} prints its unit ({printed_unit} = {UNITS[printed_unit]}); "
                f"the curated unit {unit!r} contradicts it"
            )
        code = unit if unit is not None else UNITS[printed_unit]
    elif unit is not None:
        if unit not in UNIT_CODES:
            raise ValueParseError(f"unknown unit code {unit!r} for {text!r}")
        code = unit
    else:
        raise ValueParseError(f"{text!r} prints no unit: give one in the curation (unit = ...)")
    qualifiers: list[Qualifier] = []
    if groups["prefix"]:
        qualifiers.append(PREFIX_QUALIFIERS[groups["prefix"]])
    if groups["infix"]:
        qualifiers.append(INFIX_QUALIFIERS[groups["infix"]])
    if groups["suffix"]:
        qualifiers.append(SUFFIX_QUALIFIERS[groups["suffix"]])
    if len(qualifiers) > 1:
        raise ValueParseError(f"{text!r} has more than one qualifier: {qualifiers}")
    scaled = number * MULTIPLIERS[mult]
    return ParsedValue(
        value=float(scaled),
        unit=code,
        qualifier=qualifiers[0] if qualifiers else "exact",
        number_printed=number_printed,
        unit_printed=("第" if groups["rank"] else "") + mult + (printed_unit or ""),
        decimal=scaled,
    )


def format_plain(value: float) -> str:
    """Format a number as a plain decimal: never scientific notation, no trailing ".0".

    >>> format_plain(590800000000.0), format_plain(7.6), format_plain(0.00001)
    ('590800000000', '7.6', '0.00001')
    """
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"cannot format non-finite number {value!r}")
    if value == int(value):
        return str(int(value))
    return format(Decimal(repr(value)), "f")
