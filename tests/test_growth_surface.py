"""The public surface of haidian_report.growth: its names, the top-level shortcuts, its cost."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import haidian_report as hr
import haidian_report.growth as growth

#: The names haidian_report.growth exported as one module (growth.py), before the split.
PUBLIC_NAMES = [
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

#: Reachable from the top level as well (hr.cagr): rates, periods, expressions, checks.
TOP_LEVEL = [
    "cagr",
    "cagr_expr",
    "check_cagr",
    "check_pp_change",
    "check_share",
    "growth_rate",
    "growth_rate_expr",
    "implied_end",
    "implied_end_expr",
    "implied_start",
    "implied_start_expr",
    "period_span",
    "years_between",
]


def test_growth_keeps_every_public_name() -> None:
    assert growth.__all__ == PUBLIC_NAMES
    for name in PUBLIC_NAMES:
        assert getattr(growth, name) is not None, name


def test_star_import_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from haidian_report.growth import *", namespace)
    assert set(PUBLIC_NAMES) <= set(namespace)


def test_helpers_are_reachable_from_the_top_level() -> None:
    for name in TOP_LEVEL:
        assert name in hr.__all__, name
        assert getattr(hr, name) is getattr(growth, name), name
    assert round(hr.cagr(5908, 9500, 5), 2) == 9.97


def test_every_public_function_and_class_has_a_runnable_example() -> None:
    for name in PUBLIC_NAMES:
        obj = getattr(growth, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert ">>>" in (obj.__doc__ or ""), name


def test_no_growth_module_is_over_400_lines() -> None:
    folder = Path(growth.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert len(sizes) > 5
    assert max(sizes.values()) <= 400, sizes


def _modules_after(code: str) -> list[str]:
    probe = f"import sys; {code}; print(','.join(m for m in ('polars', 'pydantic', 'frictionless') if m in sys.modules))"  # noqa: E501
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_scalar_helpers_and_checks_do_not_import_polars() -> None:
    code = (
        "import haidian_report as hr; hr.cagr(5908, 9500, 5); "
        "hr.check_cagr('5908', '9500', 5, '7.6', rate_basis='comparable'); "
        "from haidian_report.growth import Interval, cagr_interval, printed_band"
    )
    assert _modules_after(code) == []


def test_expressions_import_polars_when_first_used() -> None:
    assert _modules_after("import haidian_report as hr; hr.cagr_expr") == ["polars"]
