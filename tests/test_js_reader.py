"""A second implementation reads the package: JavaScript (datapackage-js + tableschema-js).

``tests/js/read_package.js`` loads a package with the JavaScript implementation of the Data
Package standard and reads every table with casting, constraints, primary keys and foreign keys
on. The shipped package and a derived one (rows filtered, re-stamped) must read with no error
and the row counts the csv module sees; a broken foreign key and an uncastable cell must fail,
so a pass means something. Skipped locally without ``node`` and ``npm ci`` in ``tests/js``;
mandatory in CI (``.ci/run`` sets ``HAIDIAN_REQUIRE_NODE``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from corrupt import copy_package, read_table, write_table
from derived import derive_without_estimates
from external import ROOT, csv_rows, executable, require

from haidian_report.meta import DESCRIPTOR

pytestmark = pytest.mark.slow

JS_DIR = ROOT / "tests" / "js"


@pytest.fixture(scope="module")
def node() -> str:
    path = executable("node")
    installed = (JS_DIR / "node_modules" / "datapackage" / "package.json").is_file()
    require("node", path is not None, "no node on PATH", "HAIDIAN_REQUIRE_NODE")
    require("datapackage-js", installed, "run `npm ci` in tests/js", "HAIDIAN_REQUIRE_NODE")
    assert path is not None
    return path


def read_with_js(node: str, pkg: Path) -> tuple[int, dict[str, Any]]:
    """Exit code and JSON report of the JavaScript reader on ``pkg``."""
    done = subprocess.run(
        [node, str(JS_DIR / "read_package.js"), str(pkg / DESCRIPTOR)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.stdout.strip(), f"no report from the JS reader; stderr:\n{done.stderr}"
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return done.returncode, report


def table_rows(pkg: Path) -> dict[str, int]:
    """Rows of every table resource of ``pkg``, counted by the csv module."""
    descriptor = json.loads((pkg / DESCRIPTOR).read_text(encoding="utf-8"))
    return {
        r["name"]: csv_rows(pkg / r["path"])
        for r in descriptor["resources"]
        if r.get("type") == "table"
    }


def test_js_reads_every_table_of_the_shipped_package(node: str) -> None:
    code, report = read_with_js(node, ROOT)
    assert (code, report["errors"]) == (0, [])
    assert report["tables"] == table_rows(ROOT)


def test_js_reads_a_derived_package_with_rows_filtered(node: str, tmp_path: Path) -> None:
    # A user drops the figures the report marks 预计 ("estimated") and publishes the rest.
    pkg = derive_without_estimates(ROOT, tmp_path / "derived")
    code, report = read_with_js(node, pkg)
    assert (code, report["errors"]) == (0, [])
    rows = table_rows(pkg)
    assert report["tables"] == rows
    assert 0 < rows["indicators"] < table_rows(ROOT)["indicators"]


@pytest.mark.parametrize(
    ("column", "cell", "said"),
    [
        ("metric_id", "no_such_metric", 'Foreign key "metric_id" violation'),  # points at nothing
        ("estimated", "yes", 'The value "yes" in column "estimated" is not type "boolean"'),
    ],
    ids=["foreign-key", "uncastable-cell"],
)
def test_js_reader_fails_on_a_broken_indicator(
    node: str, tmp_path: Path, column: str, cell: str, said: str
) -> None:
    pkg = copy_package(ROOT, tmp_path / "broken")
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index(column)] = cell
    write_table(pkg, "indicators", header, rows)
    code, report = read_with_js(node, pkg)
    assert code == 1
    assert any(e.startswith("indicators:") and said in e for e in report["errors"]), report


def test_the_standards_page_names_the_pinned_js_versions() -> None:
    pinned = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((JS_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    page = (ROOT / "docs" / "standards.md").read_text(encoding="utf-8")
    for name, version in pinned.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert f"`{name}` {version}" in page
