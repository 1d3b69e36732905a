"""The printed-figure parser: known forms, clear errors, and properties."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import cn2an  # imported here, not inside an example: its ~150 ms import broke the deadline
import pytest
from hypothesis import given
from hypothesis import strategies as st

from haidian_report.figures import ValueParseError, chinese_numeral, format_plain, parse_value


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("5908亿元", 590_800_000_000, "CNY", "exact"),
        ("3.4万亿元", 3_400_000_000_000, "CNY", "exact"),
        ("61.7亿美元", 6_170_000_000, "USD", "exact"),
        ("25万元/人", 250_000, "CNY/person", "exact"),
        ("4688元/月", 4688, "CNY/month", "exact"),
        ("10%以上", 10, "percent", "at_least"),
        ("2.3%以内", 2.3, "percent", "at_most"),
        ("超过1万亿元", 1_000_000_000_000, "CNY", "more_than"),
        ("90余个", 90, "count", "more_than"),
        ("2400多名", 2400, "person", "more_than"),
        ("1203万平方米", 12_030_000, "m2", "exact"),
        ("170公顷", 170, "ha", "exact"),
        ("12300亩", 12300, "mu", "exact"),
        ("59.7公里", 59.7, "km", "exact"),
        ("6.66米", 6.66, "m", "exact"),
        ("28.9万份", 289_000, "sample", "exact"),
        ("15个季度", 15, "quarter", "exact"),
        ("三年", 3, "year", "exact"),
        ("九连冠", 9, "count", "exact"),
        ("第一", 1, "rank", "exact"),
        ("劣Ⅴ类", 5, "class", "more_than"),
    ],
)
def test_known_printed_forms(text: str, value: float, unit: str, qualifier: str) -> None:
    parsed = parse_value(text)
    assert (parsed.value, parsed.unit, parsed.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("text", ["", "abc", "5908亿亿元", "12 个", "1e5元", "约90余个", "劣5类"])
def test_unknown_forms_raise_the_parsers_own_error_naming_the_text(text: str) -> None:
    with pytest.raises(ValueParseError, match=r"cannot parse|more than one|劣|prints no unit"):
        parse_value(text)


def test_missing_unit_must_be_supplied_and_not_contradicted() -> None:
    with pytest.raises(ValueParseError, match="prints no unit"):
        parse_value("364万")
    assert parse_value("364万", unit="person").value == 3_640_000
    with pytest.raises(ValueParseError, match="contradicts"):
        parse_value("5908亿元", unit="person")


MULTIPLIERS = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}


@given(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(sorted(MULTIPLIERS)),
)
def test_printing_then_parsing_gives_the_value_back(number: Decimal, mult: str) -> None:
    printed = format(number.normalize(), "f")
    parsed = parse_value(f"{printed}{mult}元")
    assert parsed.decimal == number * MULTIPLIERS[mult]
    assert parsed.number_printed == printed


@given(st.text(max_size=12))
def test_arbitrary_text_raises_only_the_parsers_error(text: str) -> None:
    with contextlib.suppress(ValueParseError):
        parse_value(text)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_format_plain_never_uses_scientific_notation(value: float) -> None:
    text = format_plain(value)
    assert "e" not in text.lower()
    assert float(text) == value


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_agree_with_cn2an(number: int) -> None:
    text = cn2an.an2cn(number, "low")
    assert chinese_numeral(text) == number


@pytest.mark.parametrize("text", ["三三", "百", "十十", "万", "五万三亿", "千百"])
def test_malformed_chinese_numerals_are_refused(text: str) -> None:
    with pytest.raises(ValueParseError, match="not a Chinese numeral"):
        chinese_numeral(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("2.63平方米", "m2/person"),  # 人均体育场地面积2.63平方米
        ("4688元/月", "CNY/person/month"),  # 企业退休职工人均养老金4688元/月
        ("28.9万份", "sample/day"),  # 日核酸检测能力28.9万份
        ("9.3万元", "CNY/person"),  # 居民人均可支配收入…9.3万元
    ],
)
def test_a_curated_denominator_may_divide_the_printed_unit(text: str, unit: str) -> None:
    assert parse_value(text, unit=unit).unit == unit


def test_a_denominator_that_changes_the_numerator_is_refused() -> None:
    with pytest.raises(ValueParseError):
        parse_value("4688元/月", unit="m2/person")
