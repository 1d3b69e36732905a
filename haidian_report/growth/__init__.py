"""Growth arithmetic that is honest about rounding and price bases.

Government work reports print rounded levels and rates and then relate them,
for example "地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%".
The modules, one idea each:

* :mod:`~haidian_report.growth.rates` — :func:`growth_rate`, :func:`cagr`,
  :func:`implied_end`, :func:`implied_start`;
* :mod:`~haidian_report.growth.periods` — :func:`period_span`, :func:`years_between`;
* :mod:`~haidian_report.growth.expressions` — Polars versions (:func:`growth_rate_expr`,
  :func:`cagr_expr`, :func:`implied_end_expr`, :func:`implied_start_expr`) for whole
  columns; the only module that needs polars, imported when one of its names is first used;
* :mod:`~haidian_report.growth.interval` and :mod:`~haidian_report.growth.printed` —
  :class:`Interval`, and the band a printed figure such as ``"7.6"`` stands for
  (:func:`printed_interval`, :func:`printed_band`, :func:`qualifier_from_text`);
* :mod:`~haidian_report.growth.rate_intervals` and
  :mod:`~haidian_report.growth.share_intervals` — interval arithmetic over those bands
  (:func:`cagr_interval`, :func:`implied_end_interval`, :func:`share_interval`, …);
* :mod:`~haidian_report.growth.verdicts` and :mod:`~haidian_report.growth.cagr_check` —
  checks that return a verdict and a one-line explanation: :func:`check_share`,
  :func:`check_pp_change`, :func:`check_cagr`.

Rates are in percent throughout: ``7.6`` means 7.6 %.

>>> round(cagr(5908, 9500, 5), 2)
9.97
>>> check_cagr("5908", "9500", 5, "7.6", rate_basis="comparable", level_basis="nominal").verdict
'not_comparable'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from haidian_report.growth.cagr_check import Basis, CagrCheck, check_cagr
from haidian_report.growth.interval import Interval
from haidian_report.growth.periods import period_span, years_between
from haidian_report.growth.printed import (
    IntervalQualifier,
    printed_band,
    printed_interval,
    qualifier_from_text,
)
from haidian_report.growth.rate_intervals import (
    cagr_interval,
    chained_rate_interval,
    deflator_interval,
    implied_end_interval,
    implied_start_interval,
)
from haidian_report.growth.rates import cagr, growth_rate, implied_end, implied_start
from haidian_report.growth.share_intervals import (
    implied_part_interval,
    implied_total_interval,
    pp_change_interval,
    product_interval,
    quotient_interval,
    scale_interval,
    share_interval,
)
from haidian_report.growth.verdicts import IntervalCheck, Verdict, check_pp_change, check_share

if TYPE_CHECKING:
    from haidian_report.growth.expressions import (
        ExprLike,
        cagr_expr,
        growth_rate_expr,
        implied_end_expr,
        implied_start_expr,
    )

#: Names that need polars, imported on first use (PEP 562) so the scalar helpers do not.
_POLARS_NAMES = frozenset(
    {"ExprLike", "cagr_expr", "growth_rate_expr", "implied_end_expr", "implied_start_expr"}
)


def __getattr__(name: str) -> Any:
    """Load the polars expression helpers on first use."""
    if name not in _POLARS_NAMES:
        raise AttributeError(f"module 'haidian_report.growth' has no attribute {name!r}")
    value = getattr(importlib.import_module("haidian_report.growth.expressions"), name)
    globals()[name] = value
    return value


__all__ = [
    "Basis",
    "CagrCheck",
    "ExprLike",
    "Interval",
    "IntervalCheck",
    "IntervalQualifier",
    "Verdict",
    "cagr",
    "cagr_expr",
    "cagr_interval",
    "chained_rate_interval",
    "check_cagr",
    "check_pp_change",
    "check_share",
    "deflator_interval",
    "growth_rate",
    "growth_rate_expr",
    "implied_end",
    "implied_end_expr",
    "implied_end_interval",
    "implied_part_interval",
    "implied_start",
    "implied_start_expr",
    "implied_start_interval",
    "implied_total_interval",
    "period_span",
    "pp_change_interval",
    "printed_band",
    "printed_interval",
    "product_interval",
    "qualifier_from_text",
    "quotient_interval",
    "scale_interval",
    "share_interval",
    "years_between",
]
