"""Check the report's own figures with the growth helpers, on the price basis the data states.

:func:`~haidian_report.growth.check_cagr` needs to be told whether a rate is at comparable or
current prices; here the basis comes from the rows themselves (the rate's ``price_basis``, the
level metric's ``price_basis``), so a user never has to know that Chinese GDP growth is real.

>>> c = check_stated_cagr("gdp")
>>> c.verdict, c.rate_basis, c.level_basis
('not_comparable', 'comparable', 'nominal')
"""

from __future__ import annotations

from typing import Any

from haidian_report.growth import (
    Basis,
    CagrCheck,
    Interval,
    check_cagr,
    printed_band,
    scale_interval,
)
from haidian_report.names import unknown


def _one(rows: list[dict[str, Any]], what: str) -> dict[str, Any]:
    if len(rows) != 1:
        raise ValueError(f"check_stated_cagr: {len(rows)} rows for {what}, need exactly one")
    return rows[0]


def _has_both_levels(rows: list[dict[str, Any]], metric_id: str) -> bool:
    """True when the report prints the levels a metric's stated rate runs between."""
    rate = next(r for r in rows if r["metric_id"] == metric_id and r["measure"] == "cagr")
    first, last = (int(y) for y in str(rate["period"]).split("-"))
    periods = {
        r["period"]
        for r in rows
        if r["metric_id"] == metric_id and r["measure"] == "level" and r["variant"] is None
    }
    return {str(first - 1), str(last)} <= periods


def _printed(row: dict[str, Any]) -> Interval:
    """The band of true values of a row's printed figure, in the row's unit."""
    band = printed_band(str(row["value_printed"]), qualifier=row["qualifier"])
    return scale_interval(band, float(row["value"]) / float(row["value_printed"]))


def check_stated_cagr(metric_id: str) -> CagrCheck:
    """The stated five-year rate of ``metric_id`` against its two printed levels.

    Uses the district's (scope ``haidian``) ``cagr`` indicator and the single-year ``level``
    indicators at the year before the period and at its end, each with the rounding band of its
    printing and its qualifier. A rate whose price basis is ``unknown`` gives ``not_comparable``
    (see :func:`~haidian_report.growth.check_cagr`). Raises ``ValueError`` naming what the
    report does not print: an :class:`~haidian_report.names.UnknownNameError` (also a
    ``ValueError``) with the nearest metrics that have a stated rate when ``metric_id`` has
    none, and the metrics whose rate can be checked when a level is not printed.
    """
    from haidian_report.tables import indicators, metrics

    rows = [r for r in indicators().to_dicts() if r["scope"] == "haidian"]
    rated = sorted({r["metric_id"] for r in rows if r["measure"] == "cagr"})
    if metric_id not in rated:
        raise unknown("rated metric", metric_id, rated)  # one with a stated cagr
    mine = [r for r in rows if r["metric_id"] == metric_id]
    rate = _one([r for r in mine if r["measure"] == "cagr"], f"the cagr of {metric_id!r}")
    first, last = (int(y) for y in str(rate["period"]).split("-"))
    levels = [r for r in mine if r["measure"] == "level" and r["variant"] is None]
    checkable = ", ".join(m for m in rated if _has_both_levels(rows, m))
    start = _one(
        [r for r in levels if r["period"] == str(first - 1)],
        f"{metric_id} {first - 1} (the report prints no such level; rates it can check: "
        f"{checkable})",
    )
    end = _one([r for r in levels if r["period"] == str(last)], f"{metric_id} {last}")
    # a rate of a count has no price basis: no price enters, it is compared as it stands
    basis: Basis = rate["price_basis"] or "nominal"
    metric = metrics().to_dicts()
    level_basis: Basis = next(
        (m["price_basis"] for m in metric if m["metric_id"] == metric_id and m["price_basis"]),
        "nominal",
    )
    return check_cagr(
        float(start["value"]),
        float(end["value"]),
        last - first + 1,
        float(rate["value"]),
        start_printed=_printed(start),
        end_printed=_printed(end),
        rate_printed=_printed(rate),
        rate_basis=basis,
        level_basis=level_basis,
    )


__all__ = ["check_stated_cagr"]
