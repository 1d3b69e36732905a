"""frictionless as the reference: whatever it finds in a corrupted package, the validator finds
too, at the same resource, row and field (the validator finds more: it also reads as polars
does, checks meaning, and is stricter about forms that readers disagree on).

The corpora are those of the other validator tests: the row-level corruptions of
``test_validate`` (applied together to one package), and a package with CSV forms and cells
that only some readers accept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_validate as corpus_module
from corrupt import copy_package, read_table, table_path, write_bytes, write_table

from haidian_report.validate import validate
from haidian_report.validate.reference import frictionless_findings
from haidian_report.validate.run import run

pytest.importorskip("frictionless")

Place = tuple[str | None, int | None, str | None]


def missing_from_ours(pkg: Path) -> list[str]:
    """frictionless' findings that the validator does not report at the same place."""
    ours = {(p.resource, p.row, p.field) for p in validate(pkg).problems}
    theirs = frictionless_findings(run(pkg))
    return [
        f"{f.code} at {f.resource} row {f.row} field {f.field}: {f.message}"
        for f in theirs
        if (f.resource, f.row, f.field) not in ours
    ]


def test_frictionless_finds_nothing_in_the_pristine_package(pristine: Path) -> None:
    assert frictionless_findings(run(pristine)) == []


def test_every_row_corruption_frictionless_sees_is_ours_too(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pkg = copy_package(pristine, tmp_path_factory.mktemp("corpus"))
    bench = corpus_module.Bench(pkg)
    for name in corpus_module.ORDER:
        corpus_module.CORRUPTIONS[name](bench)
    bench.finish()
    assert frictionless_findings(run(pkg)), "the corpus should give frictionless something"
    assert missing_from_ours(pkg) == []


def test_every_csv_form_and_cell_frictionless_sees_is_ours_too(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "indicators")
    edits = {
        ("estimated", 0): "1",
        ("value", 1): " 590800000000 ",
        ("value", 2): "5,908",
        ("value_start", 3): "６４６",
        ("value_start", 4): "9" * 300,
        ("qualifier", 5): "exаct",
        ("period", 6): "2017-20x1",
        ("indicator_id", 7): "",
        ("metric_id", 8): "no_such_metric",
    }
    for (column, i), value in edits.items():
        rows[i][header.index(column)] = value
    rows.append(list(rows[9]))  # a duplicate primary key
    rows[10] = rows[10][:-2]  # a short row
    rows[11] = [*rows[11], "extra"]  # a long row
    write_table(pkg, "indicators", header, rows)
    raw = table_path(pkg, "metrics").read_bytes().decode("utf-8").split("\n")
    raw[1] = raw[1].replace(",", ',"x"y,', 1)  # text after a closing quote
    raw[2] = raw[2].replace(",", ',a"b,', 1)  # a bare quote
    raw.insert(3, "")  # a blank row
    write_bytes(pkg, "metrics", "\n".join(raw).encode("utf-8"))
    assert len(frictionless_findings(run(pkg))) >= 10
    assert missing_from_ours(pkg) == []


def test_a_pattern_a_cell_fails_is_not_handed_to_frictionless(
    pristine: Path, tmp_path: Path
) -> None:
    # cold attack of 3 December: an added column declared with pattern (a+)+$ and one cell of
    # 40 a's and a "!" held `validate --frictionless` in Python's backtracking regex for hours;
    # the validator's own (linear) check reports the cell, and frictionless is not given the
    # pattern, while a pattern every cell meets (the shipped ids') stays its to check
    import json

    from haidian_report.restamp import restamp
    from haidian_report.validate.reference import vetted_descriptor

    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "program_links")
    write_table(
        pkg,
        "program_links",
        [*header, "x_tag"],
        [[*r, "a" * 20 + "!" if i == 0 else "a"] for i, r in enumerate(rows)],
    )
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    links = next(r for r in descriptor["resources"] if r["name"] == "program_links")
    pattern = {"pattern": "(a+)+$"}
    links["schema"]["fields"].append({"name": "x_tag", "type": "string", "constraints": pattern})
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")
    restamp(pkg)
    given = vetted_descriptor(run(pkg))
    fields = {
        (r["name"], f["name"]): f["constraints"]
        for r in given["resources"]
        for f in r["schema"]["fields"]
    }
    assert "pattern" not in fields["program_links", "x_tag"]
    assert "pattern" in fields["indicators", "indicator_id"]
    report = validate(pkg, frictionless=True)
    assert {(p.code, p.resource, p.row, p.field) for p in report.problems} == {
        ("constraint-error", "program_links", 1, "x_tag")
    }
