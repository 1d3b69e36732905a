"""Polars expression versions of the scalar helpers, for whole columns without Python loops.

Each takes column names, expressions or numbers, and gives null where the scalar helper
would raise, so one bad row never stops a frame.
"""

from __future__ import annotations

from typing import TypeAlias

import polars as pl

__all__ = [
    "ExprLike",
    "cagr_expr",
    "growth_rate_expr",
    "implied_end_expr",
    "implied_start_expr",
]

ExprLike: TypeAlias = pl.Expr | str | float
"""A Polars expression, a column name, or a numeric literal."""


def _expr(value: ExprLike) -> pl.Expr:
    if isinstance(value, pl.Expr):
        expr = value
    elif isinstance(value, str):
        expr = pl.col(value)
    else:
        expr = pl.lit(float(value))
    return expr.cast(pl.Float64)


def _valid_positive(expr: pl.Expr) -> pl.Expr:
    return expr.is_finite() & (expr > 0)


def _valid_rate(expr: pl.Expr) -> pl.Expr:
    return expr.is_finite() & (expr > -100.0)


def growth_rate_expr(start: ExprLike, end: ExprLike) -> pl.Expr:
    """Polars version of :func:`~haidian_report.growth.growth_rate`, aliased ``"growth_rate"``.

    Strings name columns, numbers are literals. Rows where ``growth_rate``
    would raise (start not > 0, non-finite values) give null instead.

    >>> df = pl.DataFrame({"a": [100.0, -1.0], "b": [110.0, 5.0]})
    >>> df.select(growth_rate_expr("a", "b"))["growth_rate"].to_list()
    [10.0, None]
    """
    s, e = _expr(start), _expr(end)
    valid = _valid_positive(s) & e.is_finite()
    return pl.when(valid).then((e - s) / s * 100.0).otherwise(None).alias("growth_rate")


def cagr_expr(start: ExprLike, end: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`~haidian_report.growth.cagr`, aliased ``"cagr"``.

    Invalid rows (a level or ``years`` not > 0) give null.

    >>> df = pl.DataFrame({"s": [100.0, 5908.0, 0.0], "e": [121.0, 9500.0, 1.0], "n": [2, 5, 1]})
    >>> df.select(cagr_expr("s", "e", "n").round(4))["cagr"].to_list()
    [10.0, 9.9655, None]
    """
    s, e, n = _expr(start), _expr(end), _expr(years)
    valid = _valid_positive(s) & _valid_positive(e) & _valid_positive(n)
    value = ((e / s) ** (1.0 / n) - 1.0) * 100.0
    return pl.when(valid).then(value).otherwise(None).alias("cagr")


def implied_end_expr(start: ExprLike, rate_percent: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`~haidian_report.growth.implied_end`, aliased ``"implied_end"``.

    >>> df = pl.DataFrame({"s": [100.0, 100.0], "r": [10.0, -100.0]})
    >>> df.select(implied_end_expr("s", "r", 2).round(10))["implied_end"].to_list()
    [121.0, None]
    """
    s, r, n = _expr(start), _expr(rate_percent), _expr(years)
    valid = _valid_positive(s) & _valid_rate(r) & _valid_positive(n)
    value = s * (1.0 + r / 100.0) ** n
    return pl.when(valid).then(value).otherwise(None).alias("implied_end")


def implied_start_expr(end: ExprLike, rate_percent: ExprLike, years: ExprLike) -> pl.Expr:
    """Polars version of :func:`~haidian_report.growth.implied_start`: ``"implied_start"``.

    >>> df = pl.DataFrame({"e": [121.0]})
    >>> round(df.select(implied_start_expr("e", 10, 2)).item(), 10)
    100.0
    """
    e, r, n = _expr(end), _expr(rate_percent), _expr(years)
    valid = _valid_positive(e) & _valid_rate(r) & _valid_positive(n)
    value = e / (1.0 + r / 100.0) ** n
    return pl.when(valid).then(value).otherwise(None).alias("implied_start")
