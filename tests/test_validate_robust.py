"""The validator reads as polars reads, never stops, stays within its budgets, and prints.

* CSV forms that polars (``haidian_report.load``), pandas or DuckDB reject or read differently
  are problems with their line;
* the failures measured against the previous validator (each used to end the run with an
  ``internal-error``) are ordinary problems now, and the run goes on;
* budgets: columns, resources, total bytes, problems;
* legitimately derived packages stay valid;
* output: UTF-8 whatever the console, exit codes 0/1/2, a stable ``--json`` shape.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from corrupt import (
    copy_package,
    edit_descriptor,
    read_table,
    resource,
    restamp,
    table_path,
    write_bytes,
    write_table,
)

from haidian_report.paths import package_dir
from haidian_report.validate import Limits, Report, validate
from haidian_report.validate.report import PROBLEM_KEYS, REPORT_KEYS

Key = tuple[str, str | None, int | None, str | None]


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def keys(report: Report) -> set[Key]:
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


def no_crash(report: Report) -> None:
    bad = [p for p in report.problems if p.code in ("internal-error", "rule-error")]
    assert not bad, report.render(50)


def replace_line(pkg: Path, table: str, row: int, line: str) -> None:
    """Replace data row ``row`` (1-based; header not counted) with a raw CSV line."""
    raw = table_path(pkg, table).read_bytes().decode("utf-8").split("\n")
    raw[row] = line
    write_bytes(pkg, table, "\n".join(raw).encode("utf-8"))


# --- CSV forms: one reading path ------------------------------------------------------------
# metrics: metric_id,name_zh,name_en,unit,category,definition_en,price_basis


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (
            'acquired_roads_handed_over,"代征道路移交"x,Roads,count,transport,Roads.,',
            "csv-text-after-quote",
        ),
        (
            'acquired_roads_handed_over,代征"道路移交,Roads,count,transport,Roads.,',
            "csv-bare-quote",
        ),
        (
            'acquired_roads_handed_over,代征""道路移交,Roads,count,transport,Roads.,',
            "csv-bare-quote",
        ),
        (
            'acquired_roads_handed_over,代征道路移交,Roads,count,transport,Roads.,""',
            "csv-quoted-empty",
        ),
    ],
)
def test_csv_form_that_a_reader_rejects_or_reads_differently(
    pkg: Path, line: str, code: str
) -> None:
    replace_line(pkg, "metrics", 1, line)
    report = validate(pkg)
    no_crash(report)
    found = [p for p in report.problems if p.code == code]
    assert [(p.resource, p.row) for p in found] == [("metrics", 1)], report.render()
    assert "line 2" in found[0].message


def test_quote_left_open_at_the_end_of_the_file(pkg: Path) -> None:
    raw = table_path(pkg, "terms").read_bytes()
    write_bytes(pkg, "terms", raw + b'x,"never closed\n')
    report = validate(pkg)
    no_crash(report)
    found = [p for p in report.problems if p.code == "csv-unclosed-quote"]
    lines = raw.count(b"\n") + 1
    assert [p.resource for p in found] == ["terms"] and f"line {lines:,}" in found[0].message


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("estimated", "1", "true or false"),  # polars reads no 1/0 booleans
        ("estimated", "0", "true or false"),
        ("value", " 590800000000 ", "a number"),  # surrounding spaces
        ("value", "5,908", "a number"),  # a thousands separator
        ("value", "590800000000元", "a number"),
        ("value_start", "６４６", "U+FF16"),  # full-width digits: a look-alike, named
        ("value_start", "9" * 3000, "64-bit"),  # an integer of thousands of digits
    ],
)
def test_cell_that_load_cannot_read_is_a_type_error(
    pkg: Path, column: str, value: str, expected: str
) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index(column)] = value
    write_table(pkg, "indicators", header, rows)
    report = validate(pkg)
    no_crash(report)
    found = [
        p
        for p in report.problems
        if (p.code, p.resource, p.row, p.field) == ("type-error", "indicators", 1, column)
    ]
    assert found and expected in found[0].message, report.render()


def test_look_alike_in_an_enum_is_named_with_its_code_point(pkg: Path) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index("qualifier")] = "exаct"  # Cyrillic а
    write_table(pkg, "indicators", header, rows)
    report = validate(pkg)
    found = [
        p
        for p in report.problems
        if (p.code, p.row, p.field) == ("constraint-error", 1, "qualifier")
    ]
    assert found and "U+0430 CYRILLIC SMALL LETTER A" in found[0].message, report.render()


def gdp_2016(pkg: Path) -> tuple[list[str], list[list[str]], int]:
    """(header, rows, index) of indicators, index being gdp.level.2016's row (5908亿元)."""
    header, rows = read_table(pkg, "indicators")
    return header, rows, next(i for i, r in enumerate(rows) if r[0] == "gdp.level.2016")


def test_text_with_a_look_alike_says_where_it_differs(pkg: Path) -> None:
    # 地区生产总值由2016年的5908亿元…: 的 (U+7684) becomes 旳 (U+65F3)
    header, rows, i = gdp_2016(pkg)
    rows[i][header.index("quote")] = rows[i][header.index("quote")].replace("的", "旳", 1)
    write_table(pkg, "indicators", header, rows)
    report = validate(pkg)
    found = [
        p
        for p in report.problems
        if (p.code, p.row, p.field) == ("source-mismatch", i + 1, "quote")
    ]
    assert found and "U+65F3" in found[0].message and "U+7684" in found[0].message, report.render()


def test_bare_carriage_return(pkg: Path) -> None:
    raw = table_path(pkg, "terms").read_bytes()
    write_bytes(pkg, "terms", raw.replace(b"\n", b"\r", 3))
    report = validate(pkg)
    no_crash(report)
    assert ("line-terminator", "terms", None, None) in keys(report)


# --- failures measured against the previous validator ---------------------------------------


def test_strict_with_a_sentence_end_past_the_text(pkg: Path) -> None:
    header, rows = read_table(pkg, "sentences")
    rows[-1][header.index("end")] = "99999999"
    write_table(pkg, "sentences", header, rows)
    report = validate(pkg, strict=True)
    no_crash(report)
    assert ("offset-range", "sentences", len(rows), "end") in keys(report)


def test_strict_with_a_malformed_period(pkg: Path) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index("period")] = "2017-20x1"
    write_table(pkg, "indicators", header, rows)
    report = validate(pkg, strict=True)
    no_crash(report)
    assert ("constraint-error", "indicators", 1, "period") in keys(report)


def _add_table(pkg: Path, name: str, text: str, fields: list[dict[str, Any]]) -> None:
    (pkg / "data" / f"{name}.csv").write_text(text, encoding="utf-8")

    def add(data: dict[str, Any]) -> None:
        data["resources"].append(
            {"name": name, "path": f"data/{name}.csv", "schema": {"fields": fields}}
        )

    edit_descriptor(pkg, add)


def test_added_table_whose_value_column_is_a_string(pkg: Path) -> None:
    fields = [{"name": n, "type": "string"} for n in ("k", "value", "value_text")]
    _add_table(pkg, "x_values", "k,value,value_text\na,five,5908亿元\n", fields)
    report = validate(pkg)
    no_crash(report)
    assert report.valid, report.render()


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ({"name": "x", "type": ["string", "integer"]}, "unknown field type"),
        (
            {"name": "x", "type": "string", "constraints": {"pattern": ["^a$"]}},
            "constraint pattern",
        ),
        (
            {"name": "x", "type": "string", "constraints": {"pattern": "(?<=a)b"}},
            "constraint pattern",
        ),
        (
            {"name": "x", "type": "integer", "constraints": {"minimum": "zero"}},
            "constraint minimum",
        ),
    ],
)
def test_malformed_extension_field(pkg: Path, field: dict[str, Any], problem: str) -> None:
    _add_table(pkg, "x_ext", "k,x\na,b\n", [{"name": "k", "type": "string"}, field])
    report = validate(pkg)
    no_crash(report)
    found = [
        p
        for p in report.problems
        if (p.code, p.resource, p.field) == ("descriptor-error", "x_ext", "x")
    ]
    assert found and problem in found[0].message, report.render()


def test_bytes_of_thousands_of_digits(pkg: Path) -> None:
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    declared = resource(json.loads(text), "terms")["bytes"]
    text = text.replace(f'"bytes": {declared},', f'"bytes": {"9" * 5000},', 1)
    (pkg / "datapackage.json").write_text(text, encoding="utf-8")
    report = validate(pkg)
    no_crash(report)
    assert keys(report) == {
        ("descriptor-error", "terms", None, None),
        ("json-nonstandard", "terms", None, None),  # json.load refuses 5,000 digits
    }


def test_lone_surrogate_in_a_path(pkg: Path) -> None:
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(
        text.replace('"data/terms.csv"', '"data/\\ud800.csv"'), encoding="utf-8"
    )
    report = validate(pkg)
    no_crash(report)
    assert keys(report) == {
        ("descriptor-error", "terms", None, None),  # the lone surrogate, by its JSON path
        ("unsafe-path", "terms", None, None),
        ("foreign-key-unchecked", "term_mentions", None, "term_id"),  # terms could not be read
    }
    report.to_json().encode("utf-8")  # and the report can still be printed


def test_value_text_of_hundreds_of_digits(pkg: Path) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index("value_text")] = "9" * 400 + "亿元"
    write_table(pkg, "indicators", header, rows)
    report = validate(pkg)
    no_crash(report)
    assert ("source-mismatch", "indicators", 1, "value_text") in keys(report)


def test_a_rule_that_raises_becomes_a_problem_and_the_others_run(pkg: Path) -> None:
    from haidian_report.validate.rules import RULES

    def broken(*_: Any) -> None:
        raise ZeroDivisionError("a bug")

    target = next(r for r in RULES if r.code == "section-tree")
    kept = target.function
    object.__setattr__(target, "function", broken)
    header, rows, i = gdp_2016(pkg)
    rows[i][header.index("value")] = "1"
    write_table(pkg, "indicators", header, rows)
    try:
        report = validate(pkg)
    finally:
        object.__setattr__(target, "function", kept)
    assert ("rule-error", "sections", None, None) in keys(report)
    assert ("value-mismatch", "indicators", i + 1, "value") in keys(report)


# --- budgets ----------------------------------------------------------------------------------


def test_thousands_of_undeclared_columns_are_refused_fast(pkg: Path) -> None:
    header, rows = read_table(pkg, "terms")
    extra = [f"c{i}" for i in range(8000)]
    write_table(pkg, "terms", header + extra, [r + [""] * len(extra) for r in rows])
    start = time.perf_counter()
    report = validate(pkg)
    assert time.perf_counter() - start < 60  # not a timing test: a guard against a hang
    assert ("budget-exceeded", "terms", None, None) in keys(report)


def test_a_thousand_resources_naming_one_file_stop_at_the_total_budget(pkg: Path) -> None:
    size = table_path(pkg, "sentences").stat().st_size

    def many(data: dict[str, Any]) -> None:
        res = resource(data, "sentences")
        data["resources"] += [{**res, "name": f"x{i}"} for i in range(998)]

    edit_descriptor(pkg, many)
    report = validate(pkg, limits=Limits(total_bytes=20 * size))
    no_crash(report)
    over = [p for p in report.problems if p.code == "budget-exceeded"]
    assert len(over) > 900 or any(p.code == "too-many-problems" for p in report.problems)


def test_problems_stop_at_the_cap_and_say_how_many_more(pkg: Path) -> None:
    header, rows = read_table(pkg, "program_mentions")
    q = header.index("quote")
    write_table(pkg, "program_mentions", header, [[*r[:q], r[q] + "x", *r[q + 1 :]] for r in rows])
    report = validate(pkg, limits=Limits(problems_per_resource=20))
    mine = [p for p in report.problems if p.resource == "program_mentions"]
    assert len(mine) == 21 and mine[-1].code == "too-many-problems"
    # every row: its quote is not the source's text, nor its program's name
    assert f"{2 * len(rows) - 20:,} more" in mine[-1].message


# --- legitimately derived packages ------------------------------------------------------------


def test_shuffled_rows_stay_valid(pkg: Path) -> None:
    for table in ("indicators", "program_mentions", "checks", "sections"):
        header, rows = read_table(pkg, table)
        write_table(pkg, table, header, rows[::-1])
    report = validate(pkg)
    assert report.valid, report.render()


def test_declared_crlf_dialect_stays_valid(pkg: Path) -> None:
    raw = table_path(pkg, "metrics").read_bytes()
    write_bytes(pkg, "metrics", raw.replace(b"\n", b"\r\n"))
    edit_descriptor(pkg, lambda d: resource(d, "metrics")["dialect"].update(lineTerminator="\r\n"))
    report = validate(pkg)
    assert report.valid, report.render()


def test_improved_translation_stays_valid(pkg: Path) -> None:
    header, rows = read_table(pkg, "sentences")
    rows[0][header.index("text_en")] = "The Government Work Report"
    write_table(pkg, "sentences", header, rows)
    assert validate(pkg).valid


def test_quoting_every_non_empty_cell_stays_valid(pkg: Path) -> None:
    header, rows = read_table(pkg, "terms")

    def quoted(cells: list[str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' if c else "" for c in cells)

    text = "".join(quoted(r) + "\n" for r in [header, *rows])
    write_bytes(pkg, "terms", text.encode("utf-8"))
    report = validate(pkg)
    assert report.valid, report.render()


# --- output -----------------------------------------------------------------------------------


def test_json_report_keys_are_stable(pkg: Path) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[0][header.index("value")] = "1"
    write_table(pkg, "indicators", header, rows)
    data = json.loads(validate(pkg).to_json())
    assert (
        tuple(data)
        == REPORT_KEYS
        == (
            "path",
            "valid",
            "unreadable",
            "strict",
            "resources",
            "tables",
            "rows",
            "problem_count",
            "problems",
        )
    )
    assert (
        tuple(data["problems"][0])
        == PROBLEM_KEYS
        == ("code", "resource", "file", "row", "field", "message")
    )


def _cli(*args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess[bytes]:
    env = {"PYTHONIOENCODING": encoding, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "haidian_report.cli", *args],
        capture_output=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_cp1252_console_still_gets_every_finding_and_the_exit_code(pkg: Path) -> None:
    header, rows, i = gdp_2016(pkg)
    rows[i][header.index("value")] = "1"
    write_table(pkg, "indicators", header, rows)
    done = _cli("validate", str(pkg))
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")
    assert (
        "5908亿元" in out and "value-mismatch" in out and out.splitlines()[-1].startswith("INVALID")
    )
    assert _cli("validate", str(pkg.parent / "nothing-here")).returncode == 2
    assert _cli("validate", str(package_dir())).returncode == 0


def test_restamped_hash_is_what_the_validator_computes(pkg: Path) -> None:
    restamp(pkg, "terms")
    declared = resource(json.loads((pkg / "datapackage.json").read_text(encoding="utf-8")), "terms")
    digest = hashlib.sha256(table_path(pkg, "terms").read_bytes()).hexdigest()
    assert declared["hash"] == f"sha256:{digest}" and validate(pkg).valid


def test_every_problem_code_is_documented() -> None:
    """docs/ci.md lists every code the validator can report (the --json contract)."""
    import re

    root = Path(__file__).resolve().parent.parent
    codes: set[str] = set()
    for path in (root / "haidian_report" / "validate").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'(?:\.add|\.fail)\(\s*"([a-z][a-z-]+)"', text))
        codes |= set(re.findall(r'@rule\(\s*"([a-z][a-z-]+)"', text))
        codes |= set(re.findall(r'\(\s*"((?:csv|descriptor|frictionless)-[a-z-]+)",', text))
    assert len(codes) > 60
    docs = (root / "docs" / "ci.md").read_text(encoding="utf-8")
    assert sorted(c for c in codes if f"`{c}`" not in docs) == []


# Found by the fuzz test: each once stopped a rule (rule-error) instead of reporting the row.
@pytest.mark.parametrize(
    "cells",
    [
        # a quote as a metric id, and a section's start moved inside its neighbour
        [("metrics", 0, 0, '"'), ("sections", 14, 6, "1")],
        # a bare carriage return as a check's metric id (the rule's message read as null)
        [("checks", 0, 4, "\r")],
    ],
)
def test_fuzz_findings_are_reported_not_crashed_on(
    pkg: Path, cells: list[tuple[str, int, int, str]]
) -> None:
    for table, row, column, value in cells:
        header, rows = read_table(pkg, table)
        rows[row][column] = value
        write_table(pkg, table, header, rows)
    report = validate(pkg)
    no_crash(report)
    assert not report.valid


def test_a_renamed_metric_id_field_stops_no_rule(pristine: Path, tmp_path: Path) -> None:
    """The fuzz test found it (PYTHONHASHSEED 1 and 6 pick this field): with the metrics'
    ``metric_id`` field renamed in the schema, price-basis read a column the table no longer
    has and stopped with a rule-error; it now leaves the table to the label checks."""
    pkg = copy_package(pristine, tmp_path / "pkg")

    def rename(data: dict[str, Any]) -> None:
        fields = resource(data, "metrics")["schema"]["fields"]
        next(f for f in fields if f["name"] == "metric_id")["name"] = "metric_key"

    edit_descriptor(pkg, rename)
    codes = {p.code for p in validate(pkg).problems}
    assert "incorrect-label" in codes
    assert not codes & {"rule-error", "internal-error"}


def test_an_empty_role_of_an_input_stops_no_rule(pkg: Path) -> None:
    """A derivation input whose ``role`` is left empty is a required-field problem, and the
    recomputation says the inputs fit no formula; it stopped with a rule-error (TypeError
    sorting None among the role names) in 0.5.0, at every scale (cold attack 9)."""
    header, rows = read_table(pkg, "derivation_inputs")
    rows[0][header.index("role")] = ""
    write_table(pkg, "derivation_inputs", header, rows)
    report = validate(pkg)
    found = keys(report)
    assert ("constraint-error", "derivation_inputs", 1, "role") in found
    assert not {k for k in found if k[0] in ("rule-error", "internal-error")}
    derivation = rows[0][header.index("derivation_id")]
    messages = [p.message for p in report.problems if p.code == "check-recomputed"]
    assert any("None]" in m and "which no" in m for m in messages), (derivation, messages)
