"""The read recipes of docs/reading.md give identical frames in polars, pandas and DuckDB.

Each recipe is taken from the generated page itself and run, for every table; the result is
compared cell by cell, and type by type, with :func:`haidian_report.load`. The pitfalls the
page lists for default options are checked to be real, so the page cannot overstate them.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest

import haidian_report as hr
from haidian_build.docs.recipes import (
    duckdb_recipe,
    pandas_recipe,
    polars_recipe,
    r_recipe,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
RESOURCES = {r["name"]: r for r in hr.descriptor()["resources"] if r.get("type") == "table"}
KIND = {pl.String: "string", pl.Int64: "integer", pl.Float64: "number", pl.Boolean: "boolean"}


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _expected(name: str) -> tuple[list[str], list[str], list[tuple[Any, ...]]]:
    frame = hr.load(name)  # type: ignore[arg-type]
    return frame.columns, [KIND[type(t)] for t in frame.dtypes], frame.rows()


def _on_page(code: str) -> str:
    block = "\n".join("    " + line if line else "" for line in code.split("\n"))
    assert block in PAGE, "the page does not show this recipe"
    return code


def _run_python(code: str, name: str) -> Any:
    scope: dict[str, Any] = {}
    exec(compile(code, f"docs/reading.md ({name})", "exec"), scope)
    return scope[name]


@pytest.fixture(autouse=True)
def _in_package_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hr.descriptor_path().parent)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_polars_recipe(name: str) -> None:
    frame = _run_python(_on_page(polars_recipe(RESOURCES[name])), name)
    columns, kinds, rows = _expected(name)
    assert frame.columns == columns
    assert [KIND[type(t)] for t in frame.dtypes] == kinds
    assert frame.rows() == rows


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_pandas_recipe(name: str) -> None:
    frame = _run_python(_on_page(pandas_recipe(RESOURCES[name])), name)
    columns, kinds, rows = _expected(name)
    assert list(frame.columns) == columns
    pandas_kinds = {"string": "string", "Int64": "integer", "Float64": "number"}
    got = [
        pandas_kinds.get(str(t), "boolean" if str(t) == "boolean" else str(t)) for t in frame.dtypes
    ]
    assert got == kinds
    assert [tuple(_plain(v) for v in r) for r in frame.itertuples(index=False)] == rows


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_duckdb_recipe(name: str) -> None:
    con = duckdb.connect()
    try:
        con.execute(_on_page(duckdb_recipe(RESOURCES[name])))
        rel = con.sql(f'SELECT * FROM "{name}"')
        columns, kinds, rows = _expected(name)
        duck = {"VARCHAR": "string", "BIGINT": "integer", "DOUBLE": "number", "BOOLEAN": "boolean"}
        assert list(rel.columns) == columns
        assert [duck[str(t)] for t in rel.types] == kinds
        assert rel.fetchall() == rows
    finally:
        con.close()


def test_duckdb_recipe_keeps_single_quotes_in_a_file_with_no_double_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # cold attack of 3 December: program_links holds no double quote; a derived copy adds a
    # note 'checked' (single quotes). polars, pandas and load() read the quotes as text;
    # DuckDB's sniffer took ' for the quote character and read checked. The recipe gives the
    # dialect, so DuckDB reads what the others read.
    resource = dict(RESOURCES["program_links"])
    source = hr.table_path("program_links").read_text(encoding="utf-8")
    assert '"' not in source
    lines = source.splitlines()
    lines = [lines[0] + ",x_note"] + [
        line + (",'checked'" if i == 3 else ",") for i, line in enumerate(lines[1:])
    ]
    (tmp_path / "data").mkdir()
    (tmp_path / resource["path"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = [*resource["schema"]["fields"], {"name": "x_note", "type": "string"}]
    resource["schema"] = {**resource["schema"], "fields": fields}
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    try:
        con.execute(duckdb_recipe(resource))
        notes = [r[0] for r in con.sql("SELECT x_note FROM program_links").fetchall()]
    finally:
        con.close()
    assert notes[3] == "'checked'"
    assert pl.read_csv(resource["path"], infer_schema=False)["x_note"][3] == "'checked'"


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_r_recipe_names_every_column_with_its_class(name: str) -> None:
    code = _on_page(r_recipe(RESOURCES[name]))
    classes = dict(re.findall(r"(\w+) = \"(character|integer|numeric|logical)\"", code))
    r_class = {
        "string": "character",
        "integer": "integer",
        "number": "numeric",
        "boolean": "logical",
    }
    assert classes == {f["name"]: r_class[f["type"]] for f in RESOURCES[name]["schema"]["fields"]}
    assert 'na.strings = ""' in code and 'encoding = "UTF-8"' in code


def test_the_readme_r_line_is_the_generated_recipe() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert r_recipe(RESOURCES["indicators"]) in readme


def test_the_pitfalls_the_page_lists_are_real() -> None:
    """Default options really do what docs/reading.md says they do."""
    ind, tgt = pl.read_csv("data/indicators.csv"), pl.read_csv("data/targets.csv")
    assert ind.schema["value"] == pl.Float64 and tgt.schema["value"].is_integer()
    assert ind.schema["base_period"].is_integer() and tgt.schema["base_period"] == pl.String
    assert tgt["base_period"].null_count() == tgt.height  # all empty: guessed as text
    with pytest.raises(pl.exceptions.PolarsError):
        pl.concat([ind.select("base_period", "value"), tgt.select("base_period", "value")])
    d_ind = duckdb.sql("SELECT base_period, value FROM 'data/indicators.csv'")
    d_tgt = duckdb.sql("SELECT base_period, value FROM 'data/targets.csv'")
    assert [str(t) for t in d_ind.types] == ["BIGINT", "DOUBLE"]
    assert [str(t) for t in d_tgt.types] == ["VARCHAR", "BIGINT"]
    assert pd.read_csv("data/indicators.csv")["base_period"].dtype.kind == "f"
    assert pd.read_csv("data/sections.csv")["line"].dtype.kind == "f"
