"""Property tests: nothing stops the validator, and VALID means every reader reads the same.

* Hypothesis edits descriptors (any JSON value at the keys that matter) and cells (any text,
  quotes, commas, line ends, look-alikes, huge numbers) of the shipped package, strict or not:
  the run never ends in ``internal-error`` nor ``rule-error``, and its report always prints.
* For a small table of any cells that the validator calls VALID, polars (as
  ``haidian_report.load`` reads), pandas and DuckDB read the same values.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest
from corrupt import copy_package, read_table, write_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haidian_report.paths import package_dir
from haidian_report.validate import validate

SOURCE = package_dir() / "data" / "haidian-2021-government-work-report.txt"
BASE = Path(tempfile.mkdtemp(prefix="haidian-fuzz-")) / "pristine"
copy_package(package_dir(), BASE)
DESCRIPTOR = json.loads((BASE / "datapackage.json").read_text(encoding="utf-8"))
TABLES = ["metrics", "indicators", "targets", "sections", "sentences", "program_mentions", "checks"]

special = st.sampled_from(
    [
        '"',
        '""',
        'a"b',
        "x,y",
        "\r",
        "\n",
        "",
        " 5 ",
        "1e999",
        "NaN",
        "-1",
        "9" * 400,
        "2017-20x1",
        "exаct",
        "６４６",
        "\u200b",
        "true",
        "1",
        "decrease",
        "p99.s99",
        "\\",
        "{}",
    ]
)
texts = st.one_of(special, st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=6,
)
cell_edits = st.lists(
    st.tuples(st.sampled_from(TABLES), st.integers(0, 400), st.integers(0, 30), texts), max_size=4
)
descriptor_edits = st.lists(
    st.tuples(
        st.integers(0, len(DESCRIPTOR["resources"]) - 1),
        st.sampled_from(
            [
                "type",
                "path",
                "bytes",
                "hash",
                "encoding",
                "format",
                "dialect",
                "name",
                "schema",
                "field.type",
                "field.name",
                "field.constraints",
                "primaryKey",
                "foreignKeys",
                "missingValues",
            ]
        ),
        json_values,
    ),
    max_size=3,
)


def _apply(data: dict[str, Any], index: int, key: str, value: Any) -> None:
    res = data["resources"][index]
    schema = res.get("schema")
    if key.startswith("field.") and isinstance(schema, dict) and schema.get("fields"):
        schema["fields"][hash(str(value)) % len(schema["fields"])][key[6:]] = value
    elif key in ("primaryKey", "foreignKeys", "missingValues") and isinstance(schema, dict):
        schema[key] = value
    else:
        res[key] = value


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(cells=cell_edits, edits=descriptor_edits, strict=st.booleans())
def test_nothing_stops_the_validator(cells: list[Any], edits: list[Any], strict: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "pkg"
        shutil.copytree(BASE, pkg)
        for table, row, column, text in cells:
            header, rows = read_table(pkg, table)
            if rows:
                target = rows[row % len(rows)]
                if not target:  # an earlier edit can leave a row with no cells
                    continue
                target[column % len(target)] = text
                write_table(pkg, table, header, rows)
        data = copy.deepcopy(DESCRIPTOR)
        for index, key, value in edits:
            _apply(data, index, key, value)
        text = json.dumps(data, ensure_ascii=False, allow_nan=True)
        (pkg / "datapackage.json").write_text(text, encoding="utf-8", errors="surrogatepass")
        report = validate(pkg, strict=strict)
        crashes = [p for p in report.problems if p.code in ("internal-error", "rule-error")]
        assert not crashes, report.render(20)
        report.to_json().encode("utf-8")
        report.render().encode("utf-8")


# --- VALID means every reader reads the same -------------------------------------------------

FIELDS = [("s", "string"), ("i", "integer"), ("n", "number"), ("b", "boolean")]
DUCK = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
PANDAS = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
cells_of = {
    "string": st.one_of(
        special, st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
    ),
    "integer": st.one_of(
        st.integers(-(2**63), 2**63 - 1).map(str), special, st.from_regex(r"\A[+-]?[0-9]{1,4}\Z")
    ),
    "number": st.one_of(
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        special,
        st.from_regex(r"\A[+-]?[0-9]{0,3}\.?[0-9]{0,3}([eE][+-]?[0-9]{1,2})?\Z"),
    ),
    "boolean": st.one_of(
        st.sampled_from(["true", "false", "True", "FALSE", "1", "0", "yes"]), special
    ),
}
rows_of = st.lists(st.tuples(*(cells_of[t] for _, t in FIELDS)), min_size=1, max_size=5)


def _mini_package(folder: Path, rows: list[tuple[str, ...]], quote_all: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "source.txt").write_bytes(SOURCE.read_bytes())
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator="\n", quoting=quoting).writerows([[n for n, _ in FIELDS], *rows])
    (folder / "t.csv").write_text(buf.getvalue(), encoding="utf-8")
    fields = [{"name": n, "type": t} for n, t in FIELDS]
    resources = [
        {"name": "source", "path": "source.txt", "mediatype": "text/plain", "encoding": "utf-8"},
        {"name": "t", "path": "t.csv", "format": "csv", "schema": {"fields": fields}},
    ]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def _same(a: Any, b: Any) -> bool:
    missing = [x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) for x in (a, b)]
    if all(missing):
        return True
    if any(missing):
        return False
    return bool(a == b)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=rows_of, quote_all=st.booleans())
def test_valid_means_polars_pandas_and_duckdb_read_the_same(
    rows: list[tuple[str, ...]], quote_all: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pkg = _mini_package(Path(tmp) / "pkg", rows, quote_all)
        if not validate(pkg).valid:
            return
        path = pkg / "t.csv"
        schema = {
            n: {
                "string": pl.String,
                "integer": pl.Int64,
                "number": pl.Float64,
                "boolean": pl.Boolean,
            }[t]
            for n, t in FIELDS
        }
        polars_rows = pl.read_csv(path, schema=schema).rows()
        frame = pd.read_csv(
            path, dtype={n: PANDAS[t] for n, t in FIELDS}, keep_default_na=False, na_values=[""]
        )
        pandas_rows = [tuple(r) for r in frame.itertuples(index=False)]
        columns = ", ".join(f"'{n}': '{DUCK[t]}'" for n, t in FIELDS)
        duck_rows = duckdb.sql(
            f"SELECT * FROM read_csv('{path}', header=true, columns={{{columns}}})"
        ).fetchall()
        assert len(polars_rows) == len(pandas_rows) == len(duck_rows) == len(rows)
        for p, q, d in zip(polars_rows, pandas_rows, duck_rows, strict=True):
            for x, y, z in zip(p, q, d, strict=True):
                assert _same(x, y) and _same(x, z), (p, q, d)
        # DuckDB left to sniff the types (read_csv('t.csv'), as a user types it) reads the
        # numbers as numbers: a VALID number is written plainly (no 06, +6, .5)
        numeric = [i for i, (_, t) in enumerate(FIELDS) if t in ("integer", "number")]
        sniffed = duckdb.sql(f"SELECT * FROM read_csv('{path}', header=true)").fetchall()
        for p, d in zip(polars_rows, sniffed, strict=True):
            for i in numeric:
                assert _same(p[i], d[i]) and not isinstance(d[i], str), (p, d)


@pytest.mark.parametrize("text", ["a,b\n", 'a,"b\n', "\n\n\n", "ï»¿x"])
def test_tiny_files_never_crash(tmp_path: Path, text: str) -> None:
    pkg = _mini_package(tmp_path / "pkg", [("a", "1", "1.5", "true")], False)
    (pkg / "t.csv").write_text(text, encoding="utf-8")
    report = validate(pkg)
    assert not [p for p in report.problems if p.code in ("internal-error", "rule-error")], (
        report.render()
    )
