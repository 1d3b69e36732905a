"""The "read the CSVs directly" page: one read recipe per table and tool, from the schema.

Every recipe names every column's declared type, so polars, pandas and DuckDB give the same
frame (a test runs them and compares) and R gets ids as text, integers as integers and
``true``/``false`` as logicals. The recipes are written from datapackage.json, so a new column
is in them the moment it is in the schema.

>>> res = {"name": "t", "path": "data/t.csv", "schema": {"fields": [
...     {"name": "t_id", "type": "string"}, {"name": "n", "type": "integer"}]}}
>>> print(polars_recipe(res))
import polars as pl
<BLANKLINE>
t = pl.read_csv(
    "data/t.csv",
    schema_overrides={"t_id": pl.String, "n": pl.Int64},
)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from haidian_build.docs.markdown import _page, md_code, tabular_resources

POLARS = {
    "string": "pl.String",
    "integer": "pl.Int64",
    "number": "pl.Float64",
    "boolean": "pl.Boolean",
}
PANDAS = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
R = {"string": "character", "integer": "integer", "number": "numeric", "boolean": "logical"}
WIDTH = 92


def _fields(resource: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(f["name"]), str(f["type"])) for f in resource["schema"]["fields"]]


def _items(pairs: list[str], indent: str, width: int = WIDTH) -> str:
    """Comma-separated items filled into lines of at most ``width`` characters."""
    lines: list[str] = []
    line = ""
    for item in pairs:
        piece = f"{item},"
        if line and len(indent + line + " " + piece) > width:
            lines.append(indent + line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    if line:
        lines.append(indent + line.rstrip(","))
    return "\n".join(lines)


def polars_recipe(resource: dict[str, Any]) -> str:
    """polars: ``read_csv`` with every column's type in ``schema_overrides``."""
    pairs = [f'"{n}": {POLARS[t]}' for n, t in _fields(resource)]
    body = ", ".join(pairs)
    types = f"{{{body}}}" if len(body) < 60 else "{\n" + _items(pairs, " " * 8) + ",\n    }"
    return (
        "import polars as pl\n\n"
        f"{resource['name']} = pl.read_csv(\n"
        f'    "{resource["path"]}",\n'
        f"    schema_overrides={types},\n)"
    )


def pandas_recipe(resource: dict[str, Any]) -> str:
    """pandas: ``dtype=`` for every column; only an empty cell is missing."""
    pairs = [f'"{n}": "{PANDAS[t]}"' for n, t in _fields(resource)]
    return (
        "import pandas as pd\n\n"
        f"{resource['name']} = pd.read_csv(\n"
        f'    "{resource["path"]}",\n'
        "    dtype={\n" + _items(pairs, " " * 8) + ",\n    },\n"
        '    keep_default_na=False,\n    na_values=[""],\n)'
    )


def duckdb_recipe(resource: dict[str, Any]) -> str:
    """DuckDB (SQL): ``read_csv`` with ``columns=`` giving every column's type, and the
    dialect given, not sniffed: in a file with no double quote DuckDB's sniffer may take ``'``
    for the quote character and read a cell ``'checked'`` as ``checked`` (a cold attack, 3
    December 2026)."""
    pairs = [f"'{n}': '{DUCKDB[t]}'" for n, t in _fields(resource)]
    return (
        f"CREATE TABLE {resource['name']} AS\n"
        f"SELECT * FROM read_csv('{resource['path']}',\n"
        "    header = true, delim = ',', quote = '\"', escape = '\"', columns = {\n"
        + _items(pairs, "    ")
        + "\n});"
    )


def r_recipe(resource: dict[str, Any]) -> str:
    """R: ``read.csv`` with ``colClasses`` for every column and ``na.strings = ""``."""
    pairs = [f'{n} = "{R[t]}"' for n, t in _fields(resource)]
    return (
        f'{resource["name"]} <- read.csv("{resource["path"]}", encoding = "UTF-8", '
        'na.strings = "",\n  colClasses = c(\n' + _items(pairs, "    ", 80) + "\n  ))"
    )


TOOLS: tuple[tuple[str, str, Callable[[dict[str, Any]], str]], ...] = (
    ("polars", "python", polars_recipe),
    ("pandas", "python", pandas_recipe),
    ("DuckDB", "sql", duckdb_recipe),
    ("R", "r", r_recipe),
)

INTRO = """\
# Read the CSVs directly

The CSVs need no library of ours: UTF-8, LF line ends, one header row, comma-separated, plain
decimals, `true`/`false` booleans, and an empty cell means null. But a reader left to guess the
column types guesses per file, and guesses differ between tables and tools. With default
options:

* **polars and DuckDB** read `value` as an integer in `targets` (every target is printed as a
  whole number) but as a float in `indicators`, and `base_period` as an integer in
  `indicators` but as text in `targets` (where it is empty), so stacking the two tables fails;
  a column that is empty in every row becomes a string column.
* **pandas** reads a column of years or integers with an empty cell (`base_period`,
  `sections.line`) as floats (`2016.0`), an all-empty column as float NaN, and would also read
  the text `NA`, `None` or `null` as missing.
* **R** (`read.csv`) reads `base_period` as a number and `true`/`false` as text (R 4.2, as CI
  runs it), and keeps an empty text cell as `""` rather than `NA`.

The recipes below pass every column's declared type (from `datapackage.json`, the same schema
`haidian_report.load` uses), so polars, pandas and DuckDB give the same frame for each table (a
test reads every table the three ways and compares every cell) and R gets the same types.
Paths are relative to the package folder (a checkout, or `hr.descriptor_path().parent` for an
installed package; `hr.table_path("indicators")` gives one file).
"""


def render_recipes(descriptor: dict[str, Any]) -> bytes:
    """The page ``docs/reading.md``: the pitfalls, then every table's recipe for every tool."""
    out = [INTRO]
    for resource in tabular_resources(descriptor):
        out.append(f"## {resource['name']}\n")
        out.append(f"{md_code(str(resource['path']))}: {resource.get('title', '')}.\n")
        for tool, lang, recipe in TOOLS:
            code = "\n".join("    " + line if line else "" for line in recipe(resource).split("\n"))
            out.append(f'=== "{tool}"\n\n    ```{lang}\n{code}\n    ```\n')
    return _page("\n".join(out))
