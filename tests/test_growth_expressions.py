"""Polars expression versions of the growth helpers (haidian_report.growth.expressions)."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian_report.growth import (
    cagr,
    cagr_expr,
    growth_rate,
    growth_rate_expr,
    implied_end,
    implied_end_expr,
    implied_start,
    implied_start_expr,
)

finite_levels = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)


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
