"""Helpers for the checks tests: synthetic facts built from a real row, and lookups by id."""

from __future__ import annotations

from typing import Any

from haidian_build.checks import Tables, check_tables
from haidian_build.checks.facts import STOCKS
from haidian_report.models import Check, Derivation, Indicator, Metric, Target

#: An amount measure of whichever fact model is in place ("level" in every version).
AMOUNT = "level" if "level" in STOCKS else sorted(STOCKS)[0]


def metric(metric_id: str, unit: str = "count", price_basis: str | None = None) -> Metric:
    return Metric.model_validate(
        {
            **{k: None for k in Metric.model_fields},
            "metric_id": metric_id,
            "name_zh": metric_id,
            "name_en": metric_id,
            "unit": unit,
            "category": "economy",
            "definition_en": "test",
            "price_basis": price_basis,
        }
    )


def fact(
    template: Indicator | Target,
    ident: str,
    metric_id: str,
    measure: str,
    period: str,
    printed: str,
    *,
    unit: str = "count",
    scale: float = 1.0,
    scope: str = "haidian",
    at: int = 0,
    **extra: Any,
) -> Any:
    """An indicator (or target, from a target template) copied from a real one, so new model
    columns keep valid values; ``extra`` sets any other column (variant, price_basis...) that
    the model has."""
    sign = -1.0 if extra.get("direction") == "decrease" else 1.0
    key = "indicator_id" if isinstance(template, Indicator) else "target_id"
    data = {
        **template.model_dump(),
        "sentence_id": "p01.s01",
        "metric_id": metric_id,
        "measure": measure,
        "period": period,
        "base_period": None,
        "value": sign * float(printed) * scale,
        "unit": unit,
        "qualifier": "exact",
        "direction": None,
        "scope": scope,
        "value_text": printed,
        "value_printed": printed,
        "unit_printed": "",
        "value_start": at,
        "value_end": at + 1,
        "note": None,
        key: ident,
    }
    if "base_indicator_id" in data:
        data["base_indicator_id"] = None
    data.update({k: v for k, v in extra.items() if k in type(template).model_fields})
    return type(template).model_validate(data)


def run(
    indicators: list[Indicator], targets: list[Target], metrics: list[Metric]
) -> tuple[dict[str, Check], dict[str, Derivation], Tables]:
    tables = check_tables(indicators, targets, metrics)
    checks = {c.check_id: c for c in tables.checks}
    derived = {d.derivation_id: d for d in tables.derivations}
    return checks, derived, tables


def roles(tables: Tables, row_id: str) -> dict[str, str]:
    """Role → indicator or target id, for one check or derivation."""
    found = [
        (i.role, i.indicator_id or i.target_id or "")
        for i in tables.check_inputs
        if i.check_id == row_id
    ] + [
        (i.role, i.indicator_id or i.target_id or "")
        for i in tables.derivation_inputs
        if i.derivation_id == row_id
    ]
    return dict(found)
