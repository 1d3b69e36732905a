"""Intervals and printed-figure precision (haidian_report.growth.interval, .printed)."""

from __future__ import annotations

import math

import pytest
from growth_strategies import printed_numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    Interval,
    printed_interval,
    qualifier_from_text,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("5908", "[5907.5, 5908.5)"),  # units digit is the last significant one
        ("7.6", "[7.55, 7.65)"),  # 7.6 ± 0.05
        ("9500", "[9450, 9550)"),  # trailing zeros not significant: ± 50
        ("9500.0", "[9499.95, 9500.05)"),  # a printed decimal makes them significant
        ("1000", "[500, 1500)"),  # 1 significant digit: ± 500
        ("10", "[5, 15)"),
        ("0", "[-0.5, 0.5)"),
        ("0.05", "[0.045, 0.055)"),
        ("-2.1", "[-2.15, -2.05)"),
        ("1,300", "[1250, 1350)"),
        ("24%", "[23.5, 24.5)"),
        ("490.2", "[490.15, 490.25)"),
        ("35.78", "[35.775, 35.785)"),
    ],
)
def test_printed_interval_precision(printed: str, expected: str) -> None:
    assert str(printed_interval(printed)) == expected


def test_printed_interval_half_unit_override() -> None:
    assert str(printed_interval("9500", half_unit=0.5)) == "[9499.5, 9500.5)"
    assert str(printed_interval("10", half_unit=0.05)) == "[9.95, 10.05)"
    # half_unit=0: the figure is exact.
    assert printed_interval("100", half_unit=0) == Interval.point(100.0)


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", "[85, 95)"),
        ("approx", "[80, 100]"),  # ± one unit of the tens place
        ("at_least", "[85, inf)"),
        ("more_than", "(90, inf)"),
        ("at_most", "(-inf, 95]"),
        ("less_than", "(-inf, 90)"),
    ],
)
def test_printed_interval_qualifiers(qualifier: str, expected: str) -> None:
    assert str(printed_interval("90", qualifier=qualifier)) == expected  # type: ignore[arg-type]


def test_printed_interval_report_qualifiers() -> None:
    # 城镇登记失业率控制在2.3%以内 → at most 2.35
    assert str(printed_interval("2.3%", qualifier="at_most")) == "(-inf, 2.35]"
    # 地区生产总值预计增长10%以上, read as rounded to units
    band = printed_interval("10", qualifier="at_least", half_unit=0.5)
    assert str(band) == "[9.5, inf)"
    # 签约落地重点项目90余个 → 90-odd: more than 90, inside the more_than band
    odd = printed_interval("90", qualifier="more_than")
    assert all(odd.contains(x) for x in (91, 99.9)) and not odd.contains(90)


@pytest.mark.parametrize("bad", ["", "abc", "5908亿元", "1e5", "7.6.1", "--3"])
def test_printed_interval_rejects_non_numbers(bad: str) -> None:
    with pytest.raises(ValueError, match="printed_interval: printed must be"):
        printed_interval(bad)


def test_printed_interval_argument_errors() -> None:
    with pytest.raises(ValueError, match="qualifier must be one of"):
        printed_interval("5", qualifier="roughly")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="half_unit must be >= 0, got -1"):
        printed_interval("5", half_unit=-1)
    with pytest.raises(ValueError, match="half_unit must be finite"):
        printed_interval("5", half_unit=math.nan)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("5908亿元", "exact"),
        ("90余个", "more_than"),
        ("约90个", "approx"),
        ("近50%", "approx"),
        ("10%以上", "at_least"),
        ("超过1万亿元", "more_than"),
        ("10多个", "more_than"),
        ("2.3%以内", "at_most"),
        ("不超过5%", "at_most"),
        ("不足3%", "less_than"),
    ],
)
def test_qualifier_from_text(text: str, qualifier: str) -> None:
    assert qualifier_from_text(text) == qualifier


@settings(max_examples=300)
@given(
    printed_numbers(),
    st.sampled_from(["exact", "approx", "at_least", "at_most"]),
)
def test_printed_interval_contains_point(printed: str, qualifier: str) -> None:
    band = printed_interval(printed, qualifier=qualifier)  # type: ignore[arg-type]
    assert band.contains(float(printed))


@settings(max_examples=200)
@given(printed_numbers(), st.sampled_from(["more_than", "less_than"]))
def test_strict_qualifiers_exclude_point(printed: str, qualifier: str) -> None:
    band = printed_interval(printed, qualifier=qualifier)  # type: ignore[arg-type]
    assert not band.contains(float(printed))


def test_interval_basics() -> None:
    iv = Interval(5907.5, 5908.5)
    assert iv.width == 1.0
    assert iv.midpoint == 5908.0
    assert iv.contains(5907.5)
    assert not iv.contains(5908.5)
    assert not iv.contains(math.nan)
    assert str(iv) == "[5907.5, 5908.5)"
    assert f"{Interval(1 / 3, 2 / 3, False, True):.3f}" == "(0.333, 0.667]"
    assert f"{iv}" == str(iv)


def test_interval_unbounded() -> None:
    iv = Interval(1.0, math.inf, True, True)  # closed at inf is normalised to open
    assert not iv.high_closed
    assert str(iv) == "[1, inf)"
    assert iv.width == math.inf
    assert not iv.is_bounded
    with pytest.raises(ValueError, match="unbounded"):
        _ = iv.midpoint


def test_interval_overlap_and_distance() -> None:
    assert Interval(1, 2).overlaps(Interval(1.5, 3))
    assert not Interval(1, 2).overlaps(Interval(2, 3))  # [1,2) and [2,3) touch only
    assert Interval(1, 2, True, True).overlaps(Interval(2, 3))
    assert not Interval(1, 2).overlaps(Interval(3, 4))
    assert Interval(1, 2).distance(Interval(3.5, 4)) == 1.5
    assert Interval(3.5, 4).distance(Interval(1, 2)) == 1.5
    assert Interval(1, 3).distance(Interval(2, 4)) == 0.0


@pytest.mark.parametrize(
    ("low", "high", "low_closed", "high_closed"),
    [
        (2.0, 1.0, True, False),
        (1.0, 1.0, True, False),
        (math.nan, 1.0, True, False),
        (math.inf, math.inf, False, False),
    ],
)
def test_interval_rejects_empty(
    low: float, high: float, low_closed: bool, high_closed: bool
) -> None:
    with pytest.raises(ValueError, match="Interval"):
        Interval(low, high, low_closed, high_closed)
