"""Every column of every table dropped, one at a time: the report says so and stops no rule.

Attack round 10 dropped or renamed each column of the package (bytes and hash re-stamped):
five stopped a rule (``rule-error``) reading it from another table (``indicators.value`` and
``targets.value`` stopped four check rules, ``indicators.period``, ``sections.kind``,
``programs.program_id`` and ``terms.term_id`` one each), and a dropped ``value`` or
``period`` of the facts made correct check explanations read as unexplained. A column that
is gone is the schema stage's problem to report; the rules that read it skip.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corrupt import (
    copy_package,
    edit_descriptor,
    keys,
    read_descriptor,
    read_table,
    resource,
    write_table,
)

from haidian_report.validate import validate

STOPPED = {"rule-error", "internal-error"}


def _drop(pkg: Path, table: str, column: str) -> None:
    """``column`` gone from the table's file and its schema (re-stamped)."""
    header, rows = read_table(pkg, table)
    at = header.index(column)
    write_table(pkg, table, header[:at] + header[at + 1 :], [r[:at] + r[at + 1 :] for r in rows])

    def schema(data: dict[str, object]) -> None:
        fields = resource(data, table)["schema"]["fields"]
        fields[:] = [f for f in fields if f["name"] != column]

    edit_descriptor(pkg, schema)


def test_no_dropped_column_stops_a_rule(pristine: Path, tmp_path: Path) -> None:
    """All of them (about 150 runs): each report is complete (no rule stopped) and names
    the column."""
    columns = [
        (r["name"], f["name"])
        for r in read_descriptor(pristine)["resources"]
        if "schema" in r
        for f in r["schema"]["fields"]
    ]
    assert len(columns) > 100
    stopped = {}
    unnamed = []
    for table, column in columns:
        pkg = tmp_path / "pkg"
        shutil.rmtree(pkg, ignore_errors=True)
        copy_package(pristine, pkg)
        _drop(pkg, table, column)
        found = keys(validate(pkg))
        if codes := {k[0] for k in found} & STOPPED:
            stopped[(table, column)] = codes
        if ("schema-mismatch", table, None, column) not in found:
            unnamed.append((table, column))
    assert stopped == {}
    assert unnamed == []


@pytest.mark.parametrize(("table", "column"), [("indicators", "value"), ("indicators", "period")])
def test_a_dropped_fact_column_is_reported_alone(
    pristine: Path, tmp_path: Path, table: str, column: str
) -> None:
    """The checks whose inputs lost a field are not judged from it: no check explanation
    (地区生产总值…年均增长…) is reported as unexplained for want of its inputs' values."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    _drop(pkg, table, column)
    assert keys(validate(pkg)) == {("schema-mismatch", table, None, column)}
