"""haidian_report: the Haidian District government work report of 15 December 2021 as data.

Every indicator, target, named program and quoted policy term of the report, each row tied to
the exact sentence and characters of the shipped source text.

>>> import haidian_report as hr
>>> hr.indicators().filter(hr.col("indicator_id") == "gdp.level.2016")["value_text"].item()
'5908亿元'

Importing this package reads nothing and imports neither pydantic nor frictionless; tables are
read on demand with an explicit schema.
"""

from __future__ import annotations

from polars import col

from haidian_report.figures import ParsedValue, ValueParseError, parse_value
from haidian_report.load import (
    TABLE_NAMES,
    TableName,
    checks,
    descriptor,
    indicators,
    list_tables,
    load,
    metrics,
    program_mentions,
    programs,
    sections,
    sentences,
    source_text,
    targets,
    term_mentions,
    terms,
)
from haidian_report.meta import DATA_VERSION, SOURCE_SHA256
from haidian_report.records import describe, mentions_of, records, wide


def __getattr__(name: str) -> str:
    """``__version__`` is looked up on first use: importlib.metadata costs ~50 ms at import."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("haidian_report")
        except PackageNotFoundError:  # pragma: no cover - a checkout that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'haidian_report' has no attribute {name!r}")


__all__ = [
    "DATA_VERSION",
    "SOURCE_SHA256",
    "TABLE_NAMES",
    "ParsedValue",
    "TableName",
    "ValueParseError",
    "__version__",
    "checks",
    "col",
    "describe",
    "descriptor",
    "indicators",
    "list_tables",
    "load",
    "mentions_of",
    "metrics",
    "parse_value",
    "program_mentions",
    "programs",
    "records",
    "sections",
    "sentences",
    "source_text",
    "targets",
    "term_mentions",
    "terms",
    "wide",
]
