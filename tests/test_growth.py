"""Tests for haidian_report.growth.

Hand-computed cases show their arithmetic. Figures from the Haidian District
2021 government work report:

* GDP (地区生产总值) 5908亿元 (2016) → 9500亿元 (2021, estimate); "五年年均增长7.6%",
  a growth rate at comparable prices, while the levels are nominal.
* Per-capita disposable income (居民人均可支配收入) 6.7万元 → 9.3万元; no rate printed.
* Labour productivity (劳动生产率) 25万元/人 → 35万元/人; no rate printed.
* Share of Beijing's GDP (全市占比) 21.8% → 24%.
"""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    CagrCheck,
    Interval,
    cagr,
    cagr_expr,
    cagr_interval,
    check_cagr,
    check_pp_change,
    check_share,
    growth_rate,
    growth_rate_expr,
    implied_end,
    implied_end_expr,
    implied_end_interval,
    implied_start,
    implied_start_expr,
    implied_start_interval,
    period_span,
    pp_change_interval,
    printed_interval,
    qualifier_from_text,
    share_interval,
    years_between,
)

# ---------------------------------------------------------------------------
# Scalar helpers
# ---------------------------------------------------------------------------


def test_growth_rate_simple() -> None:
    # (110 - 100) / 100 * 100 = 10
    assert growth_rate(100, 110) == 10.0
    assert growth_rate(100, 90) == -10.0
    assert growth_rate(100, 100) == 0.0


def test_growth_rate_population_decline() -> None:
    # 常住人口 364万 → 313.2万: (313.2 - 364) / 364 = -50.8 / 364 = -0.139560…
    assert growth_rate(364, 313.2) == pytest.approx(-13.956044, abs=1e-6)


def test_growth_rate_allows_non_positive_end() -> None:
    # A level can fall to zero: (0 - 50) / 50 = -100 %.
    assert growth_rate(50, 0) == -100.0


def test_cagr_gdp() -> None:
    # (9500 / 5908) ** (1/5) - 1 = 1.607989…**0.2 - 1 = 0.0996554… → 9.97 %
    assert cagr(5908, 9500, 5) == pytest.approx(9.96554317, abs=1e-8)
    assert round(cagr(5908, 9500, 5), 2) == 9.97


def test_cagr_income_and_productivity() -> None:
    # 居民人均可支配收入: (9.3 / 6.7) ** 0.2 - 1 = 1.388060**0.2 - 1 = 0.067780 → 6.78 %
    assert cagr(6.7, 9.3, 5) == pytest.approx(6.77796, abs=1e-5)
    # 劳动生产率: (35 / 25) ** 0.2 - 1 = 1.4**0.2 - 1 = 0.069610 → 6.96 %
    assert cagr(25, 35, 5) == pytest.approx(6.96104, abs=1e-5)


def test_cagr_simple_cases() -> None:
    assert cagr(100, 121, 2) == pytest.approx(10.0, abs=1e-12)  # 1.1**2 = 1.21
    assert cagr(100, 110, 1) == pytest.approx(growth_rate(100, 110), abs=1e-12)
    assert cagr(100, 100, 7) == 0.0
    assert cagr(100, 50, 1) == pytest.approx(-50.0)
    # Fractional years are allowed: 1.21 over half a year is 1.21**2 - 1 = 46.41 %.
    assert cagr(100, 110, 0.5) == pytest.approx(21.0)


def test_implied_end_and_start() -> None:
    # 100 * 1.1**2 = 121; 121 / 1.1**2 = 100
    assert implied_end(100, 10, 2) == pytest.approx(121.0)
    assert implied_start(121, 10, 2) == pytest.approx(100.0)
    # 5908 * 1.076**5 = 5908 * 1.442319… = 8521.22…
    assert implied_end(5908, 7.6, 5) == pytest.approx(8521.22, abs=0.01)
    # 9500 / 1.076**5 = 9500 / 1.442319… = 6586.61…
    assert implied_start(9500, 7.6, 5) == pytest.approx(6586.61, abs=0.01)
    # Negative rates work down to (but not including) -100 %.
    assert implied_end(100, -50, 2) == pytest.approx(25.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cagr(-1, 5, 1), "cagr: start must be > 0, got -1"),
        (lambda: cagr(0, 5, 1), "cagr: start must be > 0, got 0"),
        (lambda: cagr(5, 0, 1), "cagr: end must be > 0, got 0"),
        (lambda: cagr(5, 6, 0), "cagr: years must be > 0, got 0"),
        (lambda: cagr(5, 6, -2), "cagr: years must be > 0, got -2"),
        (lambda: cagr(math.nan, 6, 1), "cagr: start must be finite, got nan"),
        (lambda: cagr(5, math.inf, 1), "cagr: end must be finite, got inf"),
        (lambda: growth_rate(0, 5), "growth_rate: start must be > 0, got 0"),
        (lambda: growth_rate(5, math.nan), "growth_rate: end must be finite"),
        (lambda: implied_end(0, 5, 1), "implied_end: start must be > 0"),
        (lambda: implied_end(1, -100, 1), "implied_end: rate_percent must be > -100"),
        (lambda: implied_end(1, 5, 0), "implied_end: years must be > 0"),
        (lambda: implied_start(-3, 5, 1), "implied_start: end must be > 0"),
        (lambda: implied_start(3, math.inf, 1), "implied_start: rate_percent must be"),
    ],
)
def test_scalar_errors_name_the_argument(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        call()


def test_scalar_type_errors() -> None:
    with pytest.raises(TypeError, match="cagr: start must be a real number"):
        cagr("5908", 9500, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cagr: years must be a real number"):
        cagr(5908, 9500, True)


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------


def test_period_span() -> None:
    assert period_span("2017-2021") == (2016, 2021)
    assert period_span("2016") == (2015, 2016)
    assert period_span(2021) == (2020, 2021)
    assert period_span("2017年至2021年") == (2016, 2021)
    assert period_span("2017—2021") == (2016, 2021)
    assert period_span("2022-2026") == (2021, 2026)


def test_years_between() -> None:
    assert years_between("2016", "2021") == 5
    assert years_between("2016", "2017-2021") == 5
    assert years_between(2016, 2021) == 5
    assert years_between("2012-2016", "2017-2021") == 5
    assert years_between("2021", "2022") == 1


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("2016", "2018-2021", "measures growth from 2017, not from 2016"),
        ("2021", "2016", "must end after"),
        ("2016", "2016", "must end after"),
        ("2016", "20", "must look like"),
        ("2016", "2021-2017", "ends before it starts"),
        ("16", "2021", "must look like"),
    ],
)
def test_years_between_errors(a: str, b: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        years_between(a, b)


# ---------------------------------------------------------------------------
# Polars expressions
# ---------------------------------------------------------------------------

REPORT_FRAME = pl.DataFrame(
    {
        "metric": ["gdp", "income", "productivity"],
        "start": [5908.0, 6.7, 25.0],
        "end": [9500.0, 9.3, 35.0],
        "years": [5, 5, 5],
        "rate": [7.6, 6.0, 7.0],
    }
)


def test_exprs_agree_with_scalars() -> None:
    out = REPORT_FRAME.with_columns(
        growth_rate_expr("start", "end"),
        cagr_expr("start", "end", "years"),
        implied_end_expr("start", "rate", "years"),
        implied_start_expr("end", "rate", "years"),
    )
    # Source columns are not overwritten: each expression has its own name.
    assert out["start"].to_list() == REPORT_FRAME["start"].to_list()
    for row in out.iter_rows(named=True):
        s, e, n, r = row["start"], row["end"], row["years"], row["rate"]
        assert row["growth_rate"] == pytest.approx(growth_rate(s, e), rel=1e-12)
        assert row["cagr"] == pytest.approx(cagr(s, e, n), rel=1e-12)
        assert row["implied_end"] == pytest.approx(implied_end(s, r, n), rel=1e-12)
        assert row["implied_start"] == pytest.approx(implied_start(e, r, n), rel=1e-12)


def test_exprs_accept_literals_and_expressions() -> None:
    out = REPORT_FRAME.select(
        cagr_expr(pl.col("start"), pl.col("end"), 5).alias("c5"),
        implied_end_expr("start", 10, 2).alias("e"),
        implied_start_expr(pl.col("end") * 2, 0.0, 1).alias("s"),
    )
    assert out["c5"][0] == pytest.approx(9.96554317, abs=1e-8)
    assert out["e"][0] == pytest.approx(5908 * 1.21)
    assert out["s"][0] == pytest.approx(19000.0)


def test_exprs_give_null_where_scalars_raise() -> None:
    df = pl.DataFrame(
        {
            "s": [100.0, 0.0, -5.0, None, math.nan, 100.0, 100.0],
            "e": [121.0, 10.0, 10.0, 10.0, 10.0, -1.0, 121.0],
            "n": [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.0],
        }
    )
    got = df.select(cagr_expr("s", "e", "n"))["cagr"].to_list()
    assert got[0] == pytest.approx(10.0)
    assert got[1:] == [None] * 6
    rates = pl.DataFrame({"r": [-100.0, -150.0, math.inf, 5.0]})
    ends = rates.select(implied_end_expr(100.0, "r", 1))["implied_end"].to_list()
    assert ends[:3] == [None, None, None]
    assert ends[3] == pytest.approx(105.0)


finite_levels = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(finite_levels, finite_levels, st.integers(1, 30)),
        min_size=1,
        max_size=20,
    )
)
def test_cagr_expr_matches_scalar_property(rows: list[tuple[float, float, int]]) -> None:
    df = pl.DataFrame(rows, schema=["s", "e", "n"], orient="row")
    got = df.select(cagr_expr("s", "e", "n"))["cagr"].to_list()
    for (s, e, n), value in zip(rows, got, strict=True):
        assert value == pytest.approx(cagr(s, e, n), rel=1e-9, abs=1e-9)


# ---------------------------------------------------------------------------
# Printed intervals
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Interval
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Interval arithmetic
# ---------------------------------------------------------------------------


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
        cagr_interval(5, "10", 1)  # type: ignore[arg-type]


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


# ---------------------------------------------------------------------------
# check_cagr
# ---------------------------------------------------------------------------


def test_check_cagr_gdp_comparable_prices() -> None:
    c = check_cagr(5908, 9500, 5, 7.6, rate_basis="comparable")
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


def test_check_cagr_gdp_if_read_as_nominal() -> None:
    c = check_cagr(5908, 9500, 5, 7.6)
    assert c.verdict == "inconsistent"
    # gap: lowest implied 9.8477 - highest stated 7.65 = 2.1977 points
    assert c.gap_pp == pytest.approx(((9450 / 5908.5) ** 0.2 - 1) * 100 - 7.65)
    assert c.reason is not None and "below" in c.reason
    assert c.implied_deflator is None and c.point_deflator is None


def test_check_cagr_consistent_cases() -> None:
    # 10 % read as rounded to units: [9.5, 10.5) overlaps (9.85, 10.08).
    assert check_cagr(5908, 9500, 5, 10, rate_half_unit=0.5).verdict == "consistent"
    # 劳动生产率 25 → 35 has no printed rate; 7.0 % lies in (6.23, 7.70).
    c = check_cagr(25, 35, 5, 7.0, rate_printed="7.0")
    assert c.verdict == "consistent" and c.reason is None and c.gap_pp == 0.0
    # 居民人均可支配收入 6.7 → 9.3: 7.2 % is above (6.50, 7.05): inconsistent.
    c2 = check_cagr(6.7, 9.3, 5, 7.2)
    assert c2.verdict == "inconsistent" and c2.reason is not None
    assert "above" in c2.reason


def test_check_cagr_printed_and_interval_inputs() -> None:
    # Reading "9500" as rounded to units narrows the end band to [9499.5, 9500.5).
    c = check_cagr(5908, 9500, 5, 9.97, end_half_unit=0.5, rate_printed="9.97")
    assert str(c.end_interval) == "[9499.5, 9500.5)"
    assert c.verdict == "consistent"
    band = printed_interval("7.6", qualifier="at_least")
    c2 = check_cagr(5908, 9500, 5, 7.6, rate_printed=band)
    assert c2.stated_interval == band
    assert c2.verdict == "consistent"
    with pytest.raises(ValueError, match="outside its printed band"):
        check_cagr(5908, 9500, 5, 7.6, start_printed="5900.0")
    with pytest.raises(ValueError, match="cannot be combined"):
        check_cagr(5908, 9500, 5, 7.6, rate_printed=band, rate_half_unit=0.05)


def test_check_cagr_real_levels_nominal_rate() -> None:
    # Levels at comparable prices, rate nominal: deflator = (1 + 7.6%) / (1 + 9.97%) - 1
    c = check_cagr(5908, 9500, 5, 7.6, level_basis="comparable")
    assert c.verdict == "not_comparable"
    assert c.point_deflator == pytest.approx((1.076 / 1.0996554317 - 1) * 100, abs=1e-6)


def test_check_cagr_errors() -> None:
    with pytest.raises(ValueError, match="check_cagr: start must be > 0, got -1"):
        check_cagr(-1, 9500, 5, 7.6)
    with pytest.raises(ValueError, match="check_cagr: years must be > 0, got 0"):
        check_cagr(5908, 9500, 0, 7.6)
    with pytest.raises(ValueError, match="check_cagr: stated_rate must be finite"):
        check_cagr(5908, 9500, 5, math.nan)
    with pytest.raises(ValueError, match="rate_basis must be one of"):
        check_cagr(5908, 9500, 5, 7.6, rate_basis="real")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@st.composite
def printed_numbers(draw: st.DrawFn, positive: bool = False) -> str:
    """Decimal strings as a report prints them, with up to 10 significant digits."""
    whole = draw(st.integers(0, 10**6))
    decimals = draw(st.integers(0, 3))
    text = str(whole)
    if decimals:
        text += "." + "".join(str(draw(st.integers(0, 9))) for _ in range(decimals))
    if positive and float(text) == 0:
        text = "1" + text
    elif not positive and draw(st.booleans()):
        text = "-" + text
    return text


@settings(max_examples=300)
@given(
    finite_levels,
    st.floats(min_value=1e-3, max_value=1e3, allow_nan=False),
    st.integers(1, 50),
)
def test_implied_end_round_trip(start: float, ratio: float, years: int) -> None:
    # Ratios are bounded: for end/start near 0 a rate near -100 % cannot carry
    # 1 + rate/100 to full relative precision (cancellation), whatever the code.
    end = start * ratio
    rate = cagr(start, end, years)
    assert implied_end(start, rate, years) == pytest.approx(end, rel=1e-9)
    assert implied_start(end, rate, years) == pytest.approx(start, rel=1e-9)


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


@settings(max_examples=300)
@given(printed_numbers(positive=True), printed_numbers(positive=True), st.integers(1, 30))
def test_cagr_interval_contains_point_cagr(start: str, end: str, years: int) -> None:
    iv = cagr_interval(start, end, years)
    assert iv.contains(cagr(float(start), float(end), years))


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
    )
    assert c.verdict == "consistent"
    assert c.implied_interval.contains(c.point_cagr)


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
