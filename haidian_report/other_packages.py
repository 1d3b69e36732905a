"""Read a table of a package other than the shipped one: a derived package, a subset, an
edited copy (``hr.load("indicators", package="my-subset/")``).

A derived package is read the way the shipped one is: ``polars.read_csv`` with the schema its
own datapackage.json declares (extension columns included) and its dialect, nothing inferred.
What cannot be read that way is a :class:`PackageReadError` that names the file, and for a
cell that is not of its declared type the line and the field, never a polars traceback; the
files are only read. ``haidian-report validate`` lists every problem of a package at once.

>>> from haidian_report.paths import package_dir
>>> from haidian_report.tables import load
>>> read_table("indicators", package_dir()).equals(load("indicators"))
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

import polars as pl

from haidian_report.names import UnknownNameError, unknown

#: Table Schema types read as a typed polars column; every other type is read as its text.
TYPES: Final[dict[str, type[pl.DataType]]] = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "year": pl.Int64,
    "date": pl.Date,
}
#: How a typed column's cells must be written, for the error naming a cell that is not.
FORMS: Final[dict[type[pl.DataType], str]] = {
    pl.Int64: "an integer",
    pl.Float64: "a number",
    pl.Boolean: "true or false",
    pl.Date: "a date YYYY-MM-DD",
}
#: What ``haidian-report validate`` is, said in every error: it lists every problem at once.
VALIDATE: Final = "`haidian-report validate {}` lists every problem with its row and field"


class PackageReadError(ValueError):
    """A derived package's descriptor or table that cannot be read as it declares."""


def descriptor_file(package: str | os.PathLike[str]) -> Path:
    """The datapackage.json of ``package``: the file itself, or the one in that folder."""
    from haidian_report.restamp import RestampError
    from haidian_report.restamp import descriptor_file as find

    try:
        return find(Path(package))
    except RestampError as error:
        raise PackageReadError(str(error)) from None


def descriptor_of(path: Path) -> dict[str, Any]:
    """The descriptor at ``path`` as a dict with a list of resources, read as ``restamp``
    reads it (the same refusals, in the same words), or a PackageReadError."""
    from haidian_report.restamp import RestampError, read_descriptor

    try:
        return read_descriptor(path, refusal="cannot read {}")
    except RestampError as error:
        raise PackageReadError(str(error)) from None


def table_resource_of(path: Path, name: str) -> dict[str, Any]:
    """The resource of the descriptor at ``path`` named ``name`` that has a schema of fields."""
    resources = [r for r in descriptor_of(path)["resources"] if isinstance(r, dict)]
    for r in resources:
        if r.get("name") == name:
            schema = r.get("schema")
            if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
                raise PackageReadError(
                    f"{path}: resource {name!r} has no schema with a list of fields"
                )
            return r
    tables = [str(r["name"]) for r in resources if isinstance(r.get("name"), str)]
    raise UnknownNameError(f"{path}: {unknown('table', name, tables)}")


def table_file(name: str, package: str | os.PathLike[str]) -> Path:
    """Path of table ``name``'s CSV file in ``package`` (a datapackage.json or its folder)."""
    path = descriptor_file(package)
    return resource_file(path, table_resource_of(path, name))


def resource_file(path: Path, resource: dict[str, Any]) -> Path:
    """The file a resource of the descriptor at ``path`` names, inside the package's folder
    (a URL, an absolute path or one that climbs out with ``..`` is refused, as the validator
    and ``restamp`` refuse them)."""
    from haidian_report.restamp import unsafe_path

    file = resource.get("path")
    if not isinstance(file, str) or not file:
        raise PackageReadError(f"{path}: resource {resource['name']!r} has no single local path")
    why = unsafe_path(file)
    if why is None and not (path.parent / file).resolve().is_relative_to(path.parent.resolve()):
        why = "leads out of the package folder (a symlink?)"
    if why is not None:
        raise PackageReadError(f"{path}: resource {resource['name']!r}: path {file!r} {why}")
    return path.parent / file


def dialect_options(resource: dict[str, Any]) -> dict[str, str]:
    """polars' ``separator`` and ``quote_char`` for the dialect a resource declares, in the flat
    form (Data Package 1) or nested under ``csv`` (2), as the validator reads it."""
    declared = resource.get("dialect")
    dialect: dict[str, Any] = declared if isinstance(declared, dict) else {}
    nested = dialect.get("csv")
    if isinstance(nested, dict):
        dialect = {**dialect, **nested}
    return {
        "separator": str(dialect.get("delimiter", ",")),
        "quote_char": str(dialect.get("quoteChar", '"')),
    }


def _schema(path: Path, resource: dict[str, Any]) -> dict[str, type[pl.DataType]]:
    schema: dict[str, type[pl.DataType]] = {}
    for f in resource["schema"]["fields"]:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            raise PackageReadError(f"{path}: a field of {resource['name']!r} has no name")
        schema[f["name"]] = TYPES.get(str(f.get("type", "string")), pl.String)
    return schema


def read_table(name: str, package: str | os.PathLike[str]) -> pl.DataFrame:
    """Table ``name`` of ``package`` as a polars DataFrame with the column types it declares.

    Raises :class:`PackageReadError` naming the file (and, for a cell not of its type, the
    line and field) when the table cannot be read as declared; an
    :class:`~haidian_report.names.UnknownNameError` when the package has no such table.
    """
    path = descriptor_file(package)
    resource = table_resource_of(path, name)
    file = resource_file(path, resource)
    schema = _schema(path, resource)
    missing = resource["schema"].get("missingValues", [""])
    missing = missing if isinstance(missing, list) else [""]
    options: dict[str, Any] = {
        **dialect_options(resource),
        "null_values": [str(v) for v in missing if v != ""] or None,
        "encoding": "utf8",
    }
    try:
        return pl.read_csv(file, schema=schema, **options)
    except (OSError, ValueError, pl.exceptions.PolarsError) as error:
        raise PackageReadError(_why(file, schema, options, error, path)) from None


def _why(
    file: Path,
    schema: dict[str, type[pl.DataType]],
    options: dict[str, Any],
    error: Exception,
    descriptor: Path,
) -> str:
    """What stopped the read: the first cell not of its declared type (line, field, cell), or
    polars' own first line when the file is not CSV as declared."""
    hint = VALIDATE.format(descriptor)
    try:
        text = pl.read_csv(file, infer_schema=False, **options)
    except (OSError, ValueError, pl.exceptions.PolarsError):
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"{file}: cannot be read as CSV as its package declares ({first}); {hint}"
    if text.columns != list(schema):
        return f"{file}: the header is {text.columns}, the schema declares {list(schema)}; {hint}"
    earliest: tuple[int, str] | None = None  # (row, field) of the first bad cell, by row
    for field, kind in schema.items():
        if kind is pl.String:
            continue
        bad = (text[field].is_not_null() & _typed(text[field], kind).is_null()).arg_true()
        if len(bad) and (earliest is None or int(bad[0]) < earliest[0]):
            earliest = (int(bad[0]), field)
    if earliest is not None:
        row, field = earliest  # counted as the validator counts: the first data row is row 1
        return (
            f"{file}: row {row + 1}, field {field!r}: {text[field][row]!r} is not "
            f"{FORMS[schema[field]]}; {hint}"
        )
    return f"{file}: cannot be read as declared ({str(error).strip()[:200]}); {hint}"


def _typed(cells: pl.Series, kind: type[pl.DataType]) -> pl.Series:
    """``cells`` read as ``kind`` the way polars' CSV reader reads it, null where it cannot."""
    if kind is pl.Date:
        return cells.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if kind is pl.Boolean:
        lowered = cells.str.to_lowercase()
        return lowered.replace_strict(
            {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
        )
    return cells.cast(kind, strict=False)
