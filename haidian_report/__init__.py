"""haidian_report: the Haidian District government work report of 15 December 2021 as data.

Every indicator, target, named program and quoted policy term of the report, each row tied to
the exact sentence and characters of the shipped source text.

>>> import haidian_report as hr
>>> hr.indicators().filter(hr.col("indicator_id") == "gdp.level.2016")["value_text"].item()
'5908亿元'

Importing this package reads nothing and imports nothing heavy: the public names below are
loaded on first use (PEP 562), so polars is imported when a table is first read, and
pydantic and frictionless only by ``records`` and validation.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from haidian_report.meta import DATA_VERSION, SOURCE_SHA256

if TYPE_CHECKING:
    from polars import col

    from haidian_report.figures import ParsedValue, ValueParseError, parse_value
    from haidian_report.growth import (
        cagr,
        cagr_expr,
        check_cagr,
        check_pp_change,
        check_share,
        growth_rate,
        growth_rate_expr,
        implied_end,
        implied_end_expr,
        implied_start,
        implied_start_expr,
        period_span,
        years_between,
    )
    from haidian_report.names import UnknownNameError
    from haidian_report.other_packages import PackageReadError
    from haidian_report.paths import descriptor_path
    from haidian_report.stated import check_stated_cagr
    from haidian_report.subsets import Subset, SubsetError, subset
    from haidian_report.tables import (
        TABLE_NAMES,
        TableName,
        check_inputs,
        checks,
        derivation_inputs,
        derivations,
        descriptor,
        exclusions,
        indicators,
        list_tables,
        load,
        metrics,
        program_links,
        program_mentions,
        programs,
        sections,
        sentences,
        source_text,
        table_path,
        targets,
        term_mentions,
        terms,
    )
    from haidian_report.views import describe, facts, facts_of, mentions_of, records, wide

#: module → the public names it defines (each imported on first use).
_MODULES: dict[str, tuple[str, ...]] = {
    "polars": ("col",),
    "haidian_report.figures": ("ParsedValue", "ValueParseError", "parse_value"),
    "haidian_report.names": ("UnknownNameError",),
    "haidian_report.other_packages": ("PackageReadError",),
    "haidian_report.subsets": ("Subset", "SubsetError", "subset"),
    "haidian_report.paths": ("descriptor_path",),
    "haidian_report.tables": (
        "TABLE_NAMES", "TableName", "check_inputs", "checks", "derivation_inputs",
        "derivations", "descriptor", "exclusions", "indicators", "list_tables", "load",
        "metrics", "program_links", "program_mentions", "programs", "sections", "sentences",
        "source_text", "table_path", "targets", "term_mentions", "terms",
    ),
    "haidian_report.views": ("describe", "facts", "facts_of", "mentions_of", "records", "wide"),
    # Growth helpers users reach for as hr.cagr: rates, periods, expressions, checks.
    "haidian_report.growth": (
        "cagr", "cagr_expr", "check_cagr", "check_pp_change", "check_share", "growth_rate",
        "growth_rate_expr", "implied_end", "implied_end_expr", "implied_start",
        "implied_start_expr", "period_span", "years_between",
    ),
    "haidian_report.stated": ("check_stated_cagr",),
}  # fmt: skip
#: public name → the module that defines it.
_LAZY: dict[str, str] = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    """Load a public name on first use; ``__version__`` comes from the installed metadata."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("haidian_report")
        except PackageNotFoundError:  # pragma: no cover - a checkout that was never installed
            return "0+unknown"
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'haidian_report' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Only the public API (what ``__all__`` lists), for ``dir(hr)`` and tab completion."""
    return sorted(__all__)


__all__ = [
    "DATA_VERSION",
    "SOURCE_SHA256",
    "TABLE_NAMES",
    "PackageReadError",
    "ParsedValue",
    "Subset",
    "SubsetError",
    "TableName",
    "UnknownNameError",
    "ValueParseError",
    "__version__",
    "check_inputs",
    "check_stated_cagr",
    "checks",
    "col",
    "derivation_inputs",
    "derivations",
    "describe",
    "descriptor",
    "descriptor_path",
    "exclusions",
    "facts",
    "facts_of",
    "indicators",
    "list_tables",
    "load",
    "mentions_of",
    "metrics",
    "parse_value",
    "program_links",
    "program_mentions",
    "programs",
    "records",
    "sections",
    "sentences",
    "source_text",
    "subset",
    "table_path",
    "targets",
    "term_mentions",
    "terms",
    "wide",
]

# The growth helpers (haidian_report.growth), also reachable as hr.cagr, hr.check_cagr, ...
__all__ += [
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
