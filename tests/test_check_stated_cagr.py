"""hr.check_stated_cagr: check_cagr fed from the rows, price basis taken from the data."""

from __future__ import annotations

import pytest

import haidian_report as hr
from haidian_report.growth import check_cagr


# 地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%
def test_check_stated_cagr_takes_the_price_basis_from_the_data() -> None:
    c = hr.check_stated_cagr("gdp")
    by_hand = check_cagr("5908", "9500", 5, "7.6", rate_basis="comparable", level_basis="nominal")
    assert (c.verdict, c.rate_basis, c.level_basis) == ("not_comparable", "comparable", "nominal")
    assert c.point_cagr == pytest.approx(by_hand.point_cagr)
    assert c.implied_deflator is not None and by_hand.implied_deflator is not None
    assert c.implied_deflator.low == pytest.approx(by_hand.implied_deflator.low)


def test_check_stated_cagr_names_what_the_report_does_not_print() -> None:
    # 社会消费品零售额预计2960亿元,五年年均增长2.1%: no 2016 level is printed
    with pytest.raises(ValueError, match="0 rows for retail_sales 2016") as raised:
        hr.check_stated_cagr("retail_sales")
    # of the 11 stated rates, only GDP's runs between two printed levels (5908亿元, 9500亿元)
    assert str(raised.value).endswith("rates it can check: gdp), need exactly one")


def test_check_stated_cagr_suggests_a_metric_for_a_typo() -> None:
    # a cold trial typed "gpd" and got "0 rows for the cagr of 'gpd'", nothing else
    with pytest.raises(hr.UnknownNameError, match="did you mean 'gdp'") as raised:
        hr.check_stated_cagr("gpd")
    assert isinstance(raised.value, ValueError)  # what the function raised before


def test_check_stated_cagr_lists_the_metrics_with_a_rate_for_one_without() -> None:
    # 常住人口 has levels (2016, 2021) but the report states no five-year rate for it
    with pytest.raises(hr.UnknownNameError, match="Known rated metrics: ") as raised:
        hr.check_stated_cagr("resident_population")
    assert "gdp" in str(raised.value) and "retail_sales" in str(raised.value)
