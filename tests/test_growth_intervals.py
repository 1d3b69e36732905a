"""Interval arithmetic over printed bands, and the interval checks
(haidian_report.growth.rate_intervals, .share_intervals, .verdicts).

Figures from the report: GDP 5908亿元 (2016) → 9500亿元 (2021) at 7.6% a year; Beijing share
(全市占比) 21.8% → 24%.
"""

from __future__ import annotations

import math

import pytest
from growth_strategies import printed_numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    cagr,
    cagr_interval,
    check_pp_change,
    check_share,
    implied_end,
    implied_end_interval,
    implied_start,
    implied_start_interval,
    implied_total_interval,
    pp_change_interval,
    printed_band,
    printed_interval,
    share_interval,
)


def test_cagr_interval_gdp() -> None:
    iv = cagr_interval("5908", "9500", 5)
    # lowest:  (9450 / 5908.5) ** 0.2 - 1 = 1.599391**0.2 - 1 = 0.098477
    # highest: (9550 / 5907.5) ** 0.2 - 1 = 1.616589**0.2 - 1 = 0.100829
    assert iv.low == pytest.approx(((9450 / 5908.5) ** 0.2 - 1) * 100)
    assert iv.high == pytest.approx(((9550 / 5907.5) ** 0.2 - 1) * 100)
    assert f"{iv:.4f}" == "(9.8477, 10.0829)"
    # Both ends open: the start band's top and the end band's top are excluded.
    assert not iv.low_closed and not iv.high_closed


def test_cagr_interval_income_and_productivity() -> None:
    # 6.7 → 9.3: (9.25/6.75)**0.2 - 1 = 6.504 %, (9.35/6.65)**0.2 - 1 = 7.053 %
    assert f"{cagr_interval('6.7', '9.3', 5):.3f}" == "(6.504, 7.053)"
    # 25 → 35: (34.5/25.5)**0.2 - 1 = 6.232 %, (35.5/24.5)**0.2 - 1 = 7.699 %
    assert f"{cagr_interval('25', '35', 5):.3f}" == "(6.232, 7.699)"


def test_cagr_interval_with_open_bands() -> None:
    start = printed_interval("100", half_unit=0)
    end = printed_interval("121", half_unit=0, qualifier="at_least")  # [121, inf)
    iv = cagr_interval(start, end, 2)
    assert iv.low == pytest.approx(10.0)
    assert iv.low_closed
    assert iv.high == math.inf
    with pytest.raises(ValueError, match="levels must be positive"):
        cagr_interval("-5", "10", 1)
    with pytest.raises(ValueError, match="cagr_interval: years must be > 0"):
        cagr_interval("5", "10", 0)
    with pytest.raises(TypeError, match="cagr_interval: start must be a printed"):
        cagr_interval(True, "10", 1)  # a bool is not a number here


def test_implied_end_and_start_intervals() -> None:
    # 5907.5 * 1.0755**5 = 8500.7; 5908.5 * 1.0765**5 = 8541.8
    end = implied_end_interval("5908", "7.6", 5)
    assert end.low == pytest.approx(5907.5 * 1.0755**5)
    assert end.high == pytest.approx(5908.5 * 1.0765**5)
    assert str(end.low_closed) + str(end.high_closed) == "TrueFalse"
    # The printed 9500 band [9450, 9550) lies far above: 7.6 % cannot be nominal.
    assert not end.overlaps(printed_interval("9500"))
    # 9450 / 1.0765**5 = 6536.7; 9550 / 1.0755**5 = 6636.7
    start = implied_start_interval("9500", "7.6", 5)
    assert start.low == pytest.approx(9450 / 1.0765**5)
    assert start.high == pytest.approx(9550 / 1.0755**5)
    assert not start.contains(5908)


def test_pp_change_interval() -> None:
    # 全市占比由21.8%增至24%: "24" reads as [23.5, 24.5), so (23.5-21.85, 24.5-21.75)
    assert str(pp_change_interval("21.8", "24")) == "(1.65, 2.75)"
    # With "24" known to one decimal: (23.95-21.85, 24.05-21.75) = (2.1, 2.3)
    assert str(pp_change_interval("21.8", "24.0")) == "(2.1, 2.3)"


def test_check_pp_change() -> None:
    ok = check_pp_change("21.8", "24", "2.2")
    assert ok.verdict == "consistent" and ok.gap == 0.0
    bad = check_pp_change("21.8", "24.0", "3")  # (2.1, 2.3) vs [2.5, 3.5)
    assert bad.verdict == "inconsistent"
    assert bad.gap == pytest.approx(0.2)
    assert "inconsistent" in bad.explanation


def test_share_interval_and_check() -> None:
    # 25 of 125: (24.5/125.5, 25.5/124.5) = (19.522 %, 20.482 %)
    iv = share_interval("25", "125")
    assert iv.low == pytest.approx(24.5 / 125.5 * 100)
    assert iv.high == pytest.approx(25.5 / 124.5 * 100)
    assert check_share("25", "125", "20.0").verdict == "consistent"
    assert check_share("25", "125", "21.0").verdict == "inconsistent"
    with pytest.raises(ValueError, match="whole > 0"):
        share_interval("25", "-3")


@settings(max_examples=300)
@given(printed_numbers(positive=True), printed_numbers(positive=True), st.integers(1, 30))
def test_cagr_interval_contains_point_cagr(start: str, end: str, years: int) -> None:
    iv = cagr_interval(start, end, years)
    assert iv.contains(cagr(float(start), float(end), years))


@settings(max_examples=200)
@given(
    printed_numbers(positive=True),
    st.floats(min_value=-50, max_value=50, allow_nan=False).map(lambda x: f"{x:.1f}"),
    st.integers(1, 20),
)
def test_implied_level_intervals_contain_points(start: str, rate: str, years: int) -> None:
    end_iv = implied_end_interval(start, rate, years)
    assert end_iv.contains(implied_end(float(start), float(rate), years))
    start_iv = implied_start_interval(start, rate, years)
    assert start_iv.contains(implied_start(float(start), float(rate), years))


def test_helpers_read_a_printed_round_figure_to_two_significant_digits() -> None:
    # "实际利用外资预计61.7亿美元,占全市的40%": "40" is [39.5, 40.5), not [35, 45), so the
    # implied Beijing total is (61.65/0.405, 61.75/0.395) = (152.22, 156.33) 亿美元.
    total = implied_total_interval("61.7", "40")
    assert total.low == pytest.approx(61.65 / 0.405)
    assert total.high == pytest.approx(61.75 / 0.395)
    assert str(pp_change_interval("10", "20")) == "(9, 11)"  # [19.5, 20.5) - [9.5, 10.5)


def test_helpers_name_the_argument_of_a_figure_they_cannot_read() -> None:
    with pytest.raises(ValueError, match="implied_total_interval: part must be a plain decimal"):
        implied_total_interval("61.7亿美元", "40")
    with pytest.raises(TypeError, match="share_interval: whole must be a printed figure"):
        share_interval("25", b"125")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a level is given as its printed number"):
        implied_end_interval("9500亿元", "6", 1)  # a unit: levels must share one


def test_a_number_is_exact_as_check_cagr_reads_it() -> None:
    # 100 → 121 over two years is exactly 10% a year; "100" and "121" as printed are bands
    exact = cagr_interval(100, 121, 2)
    assert (exact.low, exact.high) == (pytest.approx(10.0), pytest.approx(10.0))
    assert exact.low_closed and exact.high_closed
    assert cagr_interval("100", "121", 2).width > 0
    end = implied_end_interval(9500, 6.0, 1)
    assert (end.low, end.high) == (pytest.approx(10070.0), pytest.approx(10070.0))
    with pytest.raises(ValueError, match="start must be a finite number"):
        cagr_interval(math.inf, "121", 2)


def test_a_rate_printed_with_its_qualifier_is_read_as_the_report_prints_it() -> None:
    # 地区生产总值超过1万亿元,增长6%以上: 6%以上 is [5.5%, inf), as printed_band reads it
    text = implied_end_interval("9500", "6%以上", 1)
    assert text == implied_end_interval("9500", printed_band("6", qualifier="at_least"), 1)
    assert text.low == pytest.approx(9450 * 1.055) and text.high == math.inf


@pytest.mark.parametrize(
    ("printed", "qualifier"),
    [("6%以上", "at_least"), ("不低于6%", "at_least"), ("6%以下", "at_most"),
     ("不超过6%", "at_most"), ("不到6%", "less_than"), ("超过6%", "more_than"),
     (" 6%以上 ", "at_least")],
)  # fmt: skip
def test_every_qualifier_word_of_a_rate_is_read_as_printed_band_reads_it(
    printed: str, qualifier: str
) -> None:
    expected = implied_end_interval("9500", printed_band("6", qualifier=qualifier), 1)  # type: ignore[arg-type]
    assert implied_end_interval("9500", printed, 1) == expected


def test_a_printed_zero_part_holds_a_zero_share() -> None:
    # a count printed as 0 may be none at all: its band [-0.5, 0.5) cut at zero is [0, 0.5),
    # and 0 parts of any whole are a 0% share, whatever the whole's rounding
    assert share_interval("0", "100").contains(0.0)
    assert share_interval("0", "100").high == pytest.approx(0.5 / 95 * 100)
    assert share_interval(0, "100").contains(0.0)
    assert not share_interval("1", "100").contains(0.0)  # 1 printed is at least 0.5
