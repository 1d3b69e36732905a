"""The CSVs read directly, without this package: csv module, polars, pandas and DuckDB.

Users who never install ``haidian_report`` read ``data/*.csv`` with whatever they have, letting
the library guess the column types. These tests read every table four ways with *no schema*
and compare, cell by cell, what each library returns with the raw string the csv module sees:

* all four see the same columns (in order) and the same number of rows;
* id columns (``*_id`` and primary keys) stay strings: ``p09.s02`` is never a number;
* columns the datapackage declares ``integer``/``number`` come back as numbers, equal to the
  raw text and formatted back to exactly that text (no ``5.908e+11``, no lost decimals);
* ``boolean`` columns come back as ``true``/``false``;
* no non-empty cell becomes null (``"NA"``, ``"None"``, ``"null"`` would, in pandas), and every
  empty cell is null (or, for a string column, an empty string);
* a ``string`` column that a library guesses is numeric (``period`` = ``2022``) must still
  round-trip losslessly: ``2022`` is fine, ``007`` read as ``7`` is not.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest

from haidian_report.figures import format_plain

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR: dict[str, Any] = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"] if r.get("type") == "table"}
TABLES = sorted(RESOURCES)


class Frame:
    """What one library returned: column names, per-column type tag and Python values."""

    def __init__(self, columns: list[str], kinds: dict[str, str], rows: list[list[Any]]):
        self.columns = columns
        self.kinds = kinds  # column → "string" | "integer" | "number" | "boolean" | "other"
        self.rows = rows

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


def _raw(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [list(r) for r in reader]


def _is_null(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _polars_kind(dtype: pl.DataType) -> str:
    if dtype == pl.String:
        return "string"
    if dtype.is_integer():
        return "integer"
    if dtype.is_float():
        return "number"
    if dtype == pl.Boolean:
        return "boolean"
    return f"other:{dtype}"


def read_polars(path: Path) -> Frame:
    frame = pl.read_csv(path)
    kinds = {c: _polars_kind(t) for c, t in zip(frame.columns, frame.dtypes, strict=True)}
    return Frame(frame.columns, kinds, [list(r) for r in frame.iter_rows()])


def _pandas_kind(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    if pd.api.types.is_string_dtype(dtype):
        return "string"
    return f"other:{dtype}"


def read_pandas(path: Path) -> Frame:
    frame = pd.read_csv(path)
    columns = [str(c) for c in frame.columns]
    kinds = {str(c): _pandas_kind(frame[c]) for c in frame.columns}
    rows = [
        [None if _is_null(v) else (v.item() if hasattr(v, "item") else v) for v in r]
        for r in frame.itertuples(index=False)
    ]
    return Frame(columns, kinds, rows)


DUCKDB_KINDS = {
    "VARCHAR": "string",
    "BIGINT": "integer",
    "INTEGER": "integer",
    "SMALLINT": "integer",
    "TINYINT": "integer",
    "HUGEINT": "integer",
    "DOUBLE": "number",
    "FLOAT": "number",
    "BOOLEAN": "boolean",
}


def read_duckdb(path: Path) -> Frame:
    con = duckdb.connect()
    try:
        rel = con.sql("SELECT * FROM read_csv(?)", params=[str(path)])
        columns = list(rel.columns)
        kinds = {
            c: DUCKDB_KINDS.get(str(t), f"other:{t}")
            for c, t in zip(columns, rel.types, strict=True)
        }
        rows = [list(r) for r in rel.fetchall()]
    finally:
        con.close()
    return Frame(columns, kinds, rows)


READERS: dict[str, Callable[[Path], Frame]] = {
    "polars": read_polars,
    "pandas": read_pandas,
    "duckdb": read_duckdb,
}


def _id_columns(resource: dict[str, Any]) -> set[str]:
    schema = resource["schema"]
    names = {f["name"] for f in schema["fields"] if f["name"].endswith("_id")}
    return names | set(schema.get("primaryKey", []))


def _as_plain(value: Any) -> str | None:
    """A library value written back as the package writes numbers, or None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return format_plain(value)
    return None


def _cell_problem(declared: str, raw: str, got: Any) -> str | None:
    """Why ``got`` (a library's value) does not faithfully carry ``raw`` (None if it does)."""
    if raw == "":
        if _is_null(got) or got == "":
            return None
        return f"empty cell became {got!r}"
    if _is_null(got):
        return "non-empty cell became null"
    if declared == "boolean":
        expected = {"true": True, "false": False}[raw]
        return None if got is expected or got == raw else f"boolean {raw!r} became {got!r}"
    if declared in ("integer", "number"):
        if isinstance(got, str):
            return f"number {raw!r} came back as text {got!r}"
        plain = _as_plain(got)
        if plain is None:
            return f"number {raw!r} became {type(got).__name__} {got!r}"
        if float(raw) != float(got) or plain != raw:
            return f"number {raw!r} came back as {got!r} (writes back as {plain!r})"
        return None
    # declared string
    if isinstance(got, str):
        return None if got == raw else f"text {raw!r} became {got!r}"
    plain = _as_plain(got)
    if plain is None or plain != raw:
        return f"text {raw!r} was guessed as {type(got).__name__} {got!r} and does not round-trip"
    return None


@pytest.fixture(scope="module")
def raw_tables() -> dict[str, tuple[list[str], list[list[str]]]]:
    return {name: _raw(ROOT / RESOURCES[name]["path"]) for name in TABLES}


def test_every_table_is_covered() -> None:
    shipped = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert shipped == {Path(RESOURCES[n]["path"]).name for n in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_csv_module_sees_the_declared_header_and_plain_cells(
    name: str, raw_tables: dict[str, tuple[list[str], list[list[str]]]]
) -> None:
    header, rows = raw_tables[name]
    fields = RESOURCES[name]["schema"]["fields"]
    assert header == [f["name"] for f in fields]
    for i, row in enumerate(rows, 2):
        assert len(row) == len(header), f"{name} line {i}: {len(row)} cells"
        for f, cell in zip(fields, row, strict=True):
            if cell and f["type"] in ("integer", "number"):
                assert format_plain(float(cell)) == cell, f"{name} line {i} {f['name']}: {cell!r}"
            if cell and f["type"] == "boolean":
                assert cell in ("true", "false"), f"{name} line {i} {f['name']}: {cell!r}"


@pytest.mark.parametrize("library", sorted(READERS))
@pytest.mark.parametrize("name", TABLES)
def test_library_reads_what_the_csv_module_reads(
    name: str, library: str, raw_tables: dict[str, tuple[list[str], list[list[str]]]]
) -> None:
    header, raw_rows = raw_tables[name]
    resource = RESOURCES[name]
    declared = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    frame = READERS[library](ROOT / resource["path"])

    assert frame.columns == header, f"{library} sees other columns in {name}"
    assert len(frame.rows) == len(raw_rows), f"{library} sees {len(frame.rows)} rows in {name}"

    problems: list[str] = []
    for col_index, column in enumerate(header):
        kind = frame.kinds[column]
        raw = [r[col_index] for r in raw_rows]
        got = frame.column(column)
        filled = any(v != "" for v in raw)
        if column in _id_columns(resource) and filled and kind != "string":
            problems.append(f"id column {column} read as {kind}, not string")
        numeric = ("integer", "number")
        if declared[column] in numeric and filled and kind not in numeric:
            problems.append(f"numeric column {column} read as {kind}")
        if declared[column] == "boolean" and filled and kind != "boolean":
            problems.append(f"boolean column {column} read as {kind}")
        for line, (r, g) in enumerate(zip(raw, got, strict=True), 2):
            why = _cell_problem(declared[column], r, g)
            if why:
                problems.append(f"line {line} {column}: {why}")
    assert not problems, f"{library} reading data/{name}.csv:\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("name", TABLES)
def test_all_libraries_agree_on_every_cell(name: str) -> None:
    """Numbers equal across libraries, strings identical, nulls in the same places."""
    path = ROOT / RESOURCES[name]["path"]
    frames = {lib: read(path) for lib, read in READERS.items()}
    reference = frames.pop("polars")

    def norm(v: Any) -> Any:
        if _is_null(v) or v == "":
            return None
        if isinstance(v, bool | str):
            return v
        return _as_plain(v)

    for lib, frame in frames.items():
        for column in reference.columns:
            left = [norm(v) for v in reference.column(column)]
            right = [norm(v) for v in frame.column(column)]
            if left != right:
                diff = next(
                    (i, a, b) for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b
                )
                pytest.fail(f"{name}.{column}: polars and {lib} differ at row {diff}")
