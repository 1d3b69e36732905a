"""check_cagr: a stated average rate against its two levels (haidian_report.growth.cagr_check).

The report: "地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%", a growth rate
at comparable prices while the levels are nominal.

How a figure is read is decided by how it is passed: a string is a printed figure with its
printed precision; a number is exact unless ``*_half_unit`` or ``*_printed`` says otherwise.
"""

from __future__ import annotations

import math

import pytest
from growth_strategies import printed_numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    Basis,
    CagrCheck,
    Interval,
    cagr,
    cagr_interval,
    check_cagr,
    printed_band,
)

#: Both figures on one price basis, for the arithmetic tests (the default is "unknown").
ONE_BASIS: dict[str, Basis] = {"rate_basis": "nominal", "level_basis": "nominal"}

# ---------------------------------------------------------------------------
# The report's GDP figures, passed as printed
# ---------------------------------------------------------------------------


def test_gdp_rate_at_comparable_prices_against_nominal_levels_is_a_deflator() -> None:
    c = check_cagr("5908", "9500", 5, "7.6", rate_basis="comparable", level_basis="nominal")
    assert isinstance(c, CagrCheck)
    assert c.verdict == "not_comparable"
    assert c.point_cagr == pytest.approx(9.96554317, abs=1e-8)
    # point deflator: 1.0996554 / 1.076 - 1 = 0.021985 → 2.20 %
    assert c.point_deflator == pytest.approx(2.19846, abs=1e-5)
    # deflator interval: (1.0984769 / 1.0765 - 1, 1.1008292 / 1.0755 - 1)
    assert c.implied_deflator is not None
    assert f"{c.implied_deflator:.2f}" == "(2.04, 2.36)"
    assert c.reason is not None and "deflator of 2.20%" in c.reason
    assert "\n" not in c.explanation
    assert c.explanation.startswith("5908 -> 9500 over 5 years")
    assert str(c.start_interval) == "[5907.5, 5908.5)"
    assert str(c.end_interval) == "[9450, 9550)"
    assert str(c.stated_interval) == "[7.55, 7.65)"


def test_a_call_that_does_not_say_the_bases_is_never_inconsistent() -> None:
    # 地区生产总值由2016年的5908亿元增长到2021年预计的9500亿元, 五年年均增长7.6%: the rate
    # is at comparable prices, the levels nominal. A bare call must not call this an error.
    c = check_cagr("5908", "9500", 5, "7.6")
    assert (c.rate_basis, c.level_basis) == ("unknown", "unknown")
    assert c.verdict == "not_comparable"
    assert c.reason is not None and "2.20 points below" in c.reason


def test_gdp_rate_read_as_nominal_is_inconsistent() -> None:
    c = check_cagr("5908", "9500", 5, "7.6", **ONE_BASIS)
    assert c.verdict == "inconsistent"
    # gap: lowest implied 9.8477 - highest stated 7.65 = 2.1977 points
    assert c.gap_pp == pytest.approx(((9450 / 5908.5) ** 0.2 - 1) * 100 - 7.65)
    assert c.reason is not None and "below" in c.reason
    assert c.implied_deflator is None and c.point_deflator is None


# ---------------------------------------------------------------------------
# What a figure stands for (issue 13, item 6)
# ---------------------------------------------------------------------------


def test_a_printed_round_rate_keeps_two_significant_digits() -> None:
    # The surprise reported: "10" read as [5, 15) made a computed 14% "consistent".
    # (11376/5908)**0.2 - 1 = 14.00 %; "10" is [9.5, 10.5).
    c = check_cagr("5908", "11376", 5, "10", **ONE_BASIS)
    assert str(c.stated_interval) == "[9.5, 10.5)"
    assert c.verdict == "inconsistent"
    # lowest implied: (11375.5/5908.5)**0.2 - 1 = 13.9984 %; minus 10.5
    assert c.gap_pp == pytest.approx(((11375.5 / 5908.5) ** 0.2 - 1) * 100 - 10.5)
    assert check_cagr("5908", "11376", 5, "10%", **ONE_BASIS).stated_interval == c.stated_interval


def test_a_number_is_exact() -> None:
    c = check_cagr(5908, 11376, 5, 10, **ONE_BASIS)
    assert c.verdict == "inconsistent"
    assert c.stated_interval == Interval.point(10.0)
    assert c.start_interval == Interval.point(5908.0)
    assert c.gap_pp == pytest.approx(cagr(5908, 11376, 5) - 10)


def test_exact_numbers_agree_up_to_floating_point_error() -> None:
    # (121/100)**0.5 - 1 is 10 % up to float error: not an inconsistency.
    c = check_cagr(100, 121, 2, 10, **ONE_BASIS)
    assert c.verdict == "consistent" and c.gap_pp == 0.0
    assert check_cagr(100, 121, 2, 10.001, **ONE_BASIS).verdict == "inconsistent"


def test_the_explanation_names_every_band_used() -> None:
    exact = check_cagr(5908, 11376, 5, 10, **ONE_BASIS).explanation
    assert "start 5908, exact; end 11376, exact; rate 10, exact" in exact
    assert "pass a printed figure as a string, e.g. '10'" in exact
    printed = check_cagr("5908", "11376", 5, "10", **ONE_BASIS).explanation
    assert "start '5908' as printed: [5907.5, 5908.5)" in printed
    assert "end '11376' as printed: [11375.5, 11376.5)" in printed
    assert "rate '10' as printed: [9.5, 10.5)" in printed
    assert "stated 10% (9.50% to 10.50%)" in printed
    assert "exact" not in printed
    half = check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5, **ONE_BASIS).explanation
    assert "rate '10' ± 0.5: [9.5, 10.5)" in half


def test_precision_can_be_given_explicitly() -> None:
    # 10 % read as rounded to units: [9.5, 10.5) holds the point CAGR 9.97 %.
    assert check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5, **ONE_BASIS).verdict == "consistent"
    # 劳动生产率 25 → 35 has no printed rate; 7.0 % printed lies in (6.23, 7.70) either way.
    c = check_cagr(25, 35, 5, 7.0, rate_printed="7.0", **ONE_BASIS)
    assert c.verdict == "consistent" and c.reason is None and c.gap_pp == 0.0
    assert str(c.stated_interval) == "[6.95, 7.05)"
    # 居民人均可支配收入 6.7 → 9.3: 7.2 % is above (6.50, 7.05): inconsistent.
    c2 = check_cagr("6.7", "9.3", 5, "7.2", **ONE_BASIS)
    assert c2.verdict == "inconsistent" and c2.reason is not None
    assert "above" in c2.reason
    # Reading "9500" as rounded to units narrows the end band to [9499.5, 9500.5).
    c3 = check_cagr(5908, "9500", 5, 9.97, end_half_unit=0.5, rate_printed="9.97", **ONE_BASIS)
    assert str(c3.end_interval) == "[9499.5, 9500.5)"
    assert c3.verdict == "consistent"


def test_a_qualified_figure_is_passed_as_its_band() -> None:
    band = printed_band("7.6", qualifier="at_least")  # "7.6%以上"
    c = check_cagr(5908, 9500, 5, 7.6, rate_printed=band, **ONE_BASIS)
    assert c.stated_interval == band
    assert c.verdict == "consistent"
    assert "rate 7.6, band given: [7.55, inf)" in c.explanation


def test_figure_arguments_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="outside its printed band"):
        check_cagr(5908, 9500, 5, 7.6, start_printed="5900.0", **ONE_BASIS)
    band = printed_band("7.6", qualifier="at_least")
    with pytest.raises(ValueError, match="cannot be combined"):
        check_cagr(5908, 9500, 5, 7.6, rate_printed=band, rate_half_unit=0.05, **ONE_BASIS)
    with pytest.raises(ValueError, match="'5908' is already a printed figure; drop start_printed"):
        check_cagr("5908", 9500, 5, 7.6, start_printed="5908", **ONE_BASIS)
    with pytest.raises(ValueError, match="check_cagr: start must be a plain decimal number"):
        check_cagr("5908亿元", "9500", 5, "7.6", **ONE_BASIS)


# ---------------------------------------------------------------------------
# Price bases, including a row's "unknown"
# ---------------------------------------------------------------------------


def test_real_levels_and_nominal_rate_give_the_inverse_deflator() -> None:
    # Levels at comparable prices, rate nominal: deflator = (1 + 7.6%) / (1 + 9.97%) - 1
    c = check_cagr(5908, 9500, 5, 7.6, level_basis="comparable", rate_basis="nominal")
    assert c.verdict == "not_comparable"
    assert c.point_deflator == pytest.approx((1.076 / 1.0996554317 - 1) * 100, abs=1e-6)


@pytest.mark.parametrize(
    ("rate_basis", "level_basis", "whose"),
    [
        ("unknown", "nominal", "the rate"),
        ("comparable", "unknown", "the levels"),
        ("unknown", "unknown", "the rate and the levels"),
    ],
)
def test_an_unknown_basis_is_not_comparable_and_says_how_the_figures_compare(
    rate_basis: str, level_basis: str, whose: str
) -> None:
    c = check_cagr("5908", "9500", 5, "7.6", rate_basis=rate_basis, level_basis=level_basis)  # type: ignore[arg-type]
    assert c.verdict == "not_comparable"
    assert c.implied_deflator is None and c.point_deflator is None
    assert c.reason is not None
    assert c.reason.startswith(f"the price basis of {whose} is unknown")
    # On one basis the gap would be (9450/5908.5)**0.2 - 1 - 7.65 % = 2.20 points.
    assert "would be 2.20 points below" in c.reason
    # When the figures agree on one basis, the reason says so.
    agree = check_cagr("5908", "9500", 5, "10", rate_basis=rate_basis, level_basis=level_basis)  # type: ignore[arg-type]
    assert agree.verdict == "not_comparable"
    assert agree.reason is not None and "would be consistent within rounding" in agree.reason


def test_check_cagr_errors() -> None:
    with pytest.raises(ValueError, match="check_cagr: start must be > 0, got -1"):
        check_cagr(-1, 9500, 5, 7.6, **ONE_BASIS)
    with pytest.raises(ValueError, match="check_cagr: years must be > 0, got 0"):
        check_cagr(5908, 9500, 0, 7.6, **ONE_BASIS)
    with pytest.raises(ValueError, match="check_cagr: stated_rate must be finite"):
        check_cagr(5908, 9500, 5, math.nan, **ONE_BASIS)
    with pytest.raises(ValueError, match=r"rate_basis must be one of .*'unknown'"):
        check_cagr(5908, 9500, 5, 7.6, rate_basis="real")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level_basis must be one of"):
        check_cagr(5908, 9500, 5, 7.6, level_basis=None)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@settings(max_examples=200)
@given(printed_numbers(positive=True), printed_numbers(positive=True), st.integers(1, 30))
def test_check_cagr_accepts_its_own_rounded_rate(start: str, end: str, years: int) -> None:
    point = cagr(float(start), float(end), years)
    rate_text = f"{point:.1f}"
    if float(rate_text) <= -100:  # rounding to -100.0 leaves no valid rate
        return
    c = check_cagr(
        float(start),
        float(end),
        years,
        float(rate_text),
        start_printed=start,
        end_printed=end,
        rate_printed=rate_text,
        **ONE_BASIS,
    )
    assert c.verdict == "consistent"
    assert c.implied_interval.contains(c.point_cagr)


def test_bands_that_only_touch_do_not_agree() -> None:
    # Overlap of the bands decides, with no tolerance: a stated band that starts where the
    # implied (half-open) band ends shares no value with it. Only exact numbers get float slack.
    start, end = Interval(100, 101), Interval(110, 111)  # [100, 101), [110, 111)
    implied = cagr_interval(start, end, 1)  # [110/101 - 1, 111/100 - 1): open at the top
    stated = Interval(implied.high, implied.high + 1)
    c = check_cagr(
        100,
        110,
        1,
        implied.high,
        start_printed=start,
        end_printed=end,
        rate_printed=stated,
        **ONE_BASIS,
    )
    assert c.verdict == "inconsistent"
    assert c.gap_pp == 0.0


def test_a_rate_printed_with_its_qualifier_is_read_as_its_band() -> None:
    # "地区生产总值超过1万亿元,增长6%以上": 6%以上 is 6 and anything from 5.5 up, as bands() and
    # the targets table (qualifier at_least) read it; a CAGR of 9.97% meets it
    check = check_cagr("5908", "9500", 5, "6%以上", **ONE_BASIS)
    assert check.stated_interval == Interval(5.5, math.inf)
    assert (check.verdict, check.stated_rate) == ("consistent", 6.0)
    assert "stated 6%以上 (5.50% or more)" in check.explanation
    # the same band given as rate_printed with the number; a threshold above the CAGR is not met
    assert check_cagr(5908, 9500, 5, 6, rate_printed="6%以上", **ONE_BASIS).verdict == "consistent"
    high = check_cagr("5908", "9500", 5, "不低于11%", **ONE_BASIS)
    assert (high.verdict, high.stated_interval.low) == ("inconsistent", 10.5)


def test_an_open_threshold_does_not_hold_its_own_number() -> None:
    # 超过6% is (6, inf): the printed 6 is the threshold, outside the band, and still the rate
    check = check_cagr(5908, 9500, 5, 6, rate_printed="超过6%", **ONE_BASIS)
    assert check.stated_interval == Interval(6, math.inf, False, False)
    with pytest.raises(ValueError, match=r"7\.0 is not the 6 that '超过6%' prints"):
        check_cagr(5908, 9500, 5, 7, rate_printed="超过6%", **ONE_BASIS)


def test_a_qualified_rate_refuses_a_half_unit_naming_the_argument() -> None:
    with pytest.raises(ValueError, match="carries its qualifier; drop rate_half_unit"):
        check_cagr("5908", "9500", 5, "6%以上", rate_half_unit=0.5)
    with pytest.raises(ValueError, match="already a printed figure; drop rate_printed"):
        check_cagr("5908", "9500", 5, "6", rate_printed="6")
    with pytest.raises(ValueError, match="start must be a plain decimal number"):
        check_cagr("5908亿元以上", "9500", 5, "6")  # a level is its plain printed number
