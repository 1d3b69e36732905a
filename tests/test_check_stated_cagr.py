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
    with pytest.raises(ValueError, match="0 rows for retail_sales 2016"):
        hr.check_stated_cagr("retail_sales")
