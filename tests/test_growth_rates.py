"""Scalar growth helpers and period labels (haidian_report.growth.rates, .periods).

Hand-computed cases show their arithmetic. Figures from the report:

* GDP (地区生产总值) 5908亿元 (2016) → 9500亿元 (2021, estimate).
* Per-capita disposable income (居民人均可支配收入) 6.7万元 → 9.3万元; no rate printed.
* Labour productivity (劳动生产率) 25万元/人 → 35万元/人; no rate printed.
* Resident population (常住人口) 364万 → 313.2万.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    cagr,
    growth_rate,
    implied_end,
    implied_start,
    period_span,
    years_between,
)

finite_levels = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)


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
