"""Load the package's tables as polars DataFrames with their declared schema.

Reading is a plain ``polars.read_csv`` with an explicit schema taken from the shipped
datapackage.json (itself generated from the models), so nothing is inferred and importing this
module does not import pydantic or frictionless.

>>> import polars as pl
>>> load("metrics").filter(pl.col("metric_id") == "gdp")["name_zh"].item()
'地区生产总值'
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast, get_args

import polars as pl

from haidian_report.names import unknown
from haidian_report.paths import descriptor_path, package_dir, source_path

TableName = Literal[
    "sections",
    "sentences",
    "metrics",
    "indicators",
    "targets",
    "programs",
    "program_mentions",
    "terms",
    "term_mentions",
    "program_links",
    "exclusions",
    "checks",
    "check_inputs",
    "derivations",
    "derivation_inputs",
]
#: The table names, in datapackage.json order (the order of :func:`list_tables`).
TABLE_NAMES: tuple[TableName, ...] = get_args(TableName)

POLARS_TYPES: dict[str, type[pl.DataType]] = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
}


@cache
def descriptor() -> dict[str, Any]:
    """The shipped datapackage.json as a dict (read once)."""
    return cast(dict[str, Any], json.loads(descriptor_path().read_text(encoding="utf-8")))


def table_resource(name: str) -> dict[str, Any]:
    for resource in descriptor()["resources"]:
        if resource["name"] == name and resource.get("type") == "table":
            return cast(dict[str, Any], resource)
    raise unknown("table", name, list_tables())


def list_tables() -> list[str]:
    """Names of the tables in the package, in datapackage.json order.

    >>> list_tables()[:3]
    ['sections', 'sentences', 'metrics']
    """
    return [r["name"] for r in descriptor()["resources"] if r.get("type") == "table"]


def polars_schema(name: str) -> dict[str, type[pl.DataType]]:
    """The explicit polars read schema of a table."""
    fields = table_resource(name)["schema"]["fields"]
    return {f["name"]: POLARS_TYPES[f["type"]] for f in fields}


def table_path(name: TableName, package: str | os.PathLike[str] | None = None) -> Path:
    """Path of a table's CSV file, to read it with another tool (DuckDB, pandas, R…): the
    shipped package's, or that of ``package`` (a derived package's datapackage.json or its
    folder).

    >>> table_path("indicators").name
    'indicators.csv'
    """
    if package is not None:
        from haidian_report.other_packages import table_file

        return table_file(name, package)
    return package_dir() / str(table_resource(name)["path"])


def field_categories(name: TableName, field: str) -> list[str]:
    """The allowed values of a categorical column, from the table's schema (its enum).

    >>> field_categories("indicators", "qualifier")[:2]
    ['exact', 'at_least']
    """
    for f in table_resource(name)["schema"]["fields"]:
        if f["name"] == field:
            return [str(c) for c in f.get("categories", [])]
    raise unknown(
        f"column of {name}", field, [f["name"] for f in table_resource(name)["schema"]["fields"]]
    )


def load(name: TableName, package: str | os.PathLike[str] | None = None) -> pl.DataFrame:
    """Read one table as a polars DataFrame with its declared column types.

    Empty cells are nulls; ids stay strings; numbers are Float64/Int64. ``package`` reads the
    table of another package instead, a derived one (a subset, an edited copy, added columns
    or tables) given as its datapackage.json or its folder, with the schema and dialect *it*
    declares; a table polars cannot read as declared is a
    :class:`~haidian_report.other_packages.PackageReadError` naming the file, and for a cell
    that is not of its type the row and field. polars reads some cells the validator refuses
    (``" 1"``, ``"+1"``, ``"NaN"``, ``"tRuE"``): ``haidian-report validate`` is the check.
    (A table the shipped package does not have is read too; typed code names it through
    :func:`haidian_report.other_packages.read_table`, which takes any name.)
    """
    if package is not None:
        from haidian_report.other_packages import read_table

        return read_table(name, package)
    return pl.read_csv(
        table_path(name),
        schema=polars_schema(name),
        encoding="utf8",
    )


def source_text() -> str:
    """The report, verbatim (UTF-8, 45,146 bytes): offsets in every table index into this."""
    return source_path().read_text(encoding="utf-8")


def sections() -> pl.DataFrame:
    """The section tree: parts, subsections and paragraphs."""
    return load("sections")


def sentences() -> pl.DataFrame:
    """Every sentence with offsets, Chinese text and English translation (``text_en``)."""
    return load("sentences")


def metrics() -> pl.DataFrame:
    """What the report measures: one row per metric."""
    return load("metrics")


def indicators() -> pl.DataFrame:
    """Every figure the report states about 2016-2021."""
    return load("indicators")


def targets() -> pl.DataFrame:
    """Every forward-looking goal (2022 and 2022-2026)."""
    return load("targets")


def programs() -> pl.DataFrame:
    """Named plans, actions, campaigns, projects, reforms, platforms…"""
    return load("programs")


def program_mentions() -> pl.DataFrame:
    """Every occurrence of every program in the source."""
    return load("program_mentions")


def terms() -> pl.DataFrame:
    """Quoted policy terms with English renderings and explanations."""
    return load("terms")


def term_mentions() -> pl.DataFrame:
    """Every occurrence of every term in the source."""
    return load("term_mentions")


def program_links() -> pl.DataFrame:
    """Which indicators and targets the text ties to a program."""
    return load("program_links")


def exclusions() -> pl.DataFrame:
    """Digit runs and quoted phrases deliberately not facts, programs or terms, with reasons."""
    return load("exclusions")


def checks() -> pl.DataFrame:
    """Tests of the report's own consistency, each with a verdict and its reason.

    ``consistent`` / ``inconsistent`` within the rounding of every printed figure, or
    ``not_comparable`` when the figures measure different things (see ``reason``). Values the
    report implies without testing anything are in :func:`derivations`.
    """
    return load("checks")


def check_inputs() -> pl.DataFrame:
    """The indicators and targets each check uses, with their role."""
    return load("check_inputs")


def derivations() -> pl.DataFrame:
    """Values the report implies but does not print, with the interval rounding allows.

    Which indicators and targets each is computed from: :func:`derivation_inputs`.
    """
    return load("derivations")


def derivation_inputs() -> pl.DataFrame:
    """The indicators and targets each derivation is computed from, with their role."""
    return load("derivation_inputs")
