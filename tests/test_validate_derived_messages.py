"""What a user deriving a package reads when the derivation left something out (a new user's
trial, 2 December 2026): every id whole, and one problem per check that lost its inputs, saying
which inputs it needs, not one problem per number of its explanation."""

from __future__ import annotations

from pathlib import Path

from corrupt import copy_package, keys, read_table, row_of, write_table

from haidian_report.validate import validate


def _drop_inputs(pkg: Path, table: str, key_column: str, key: str, role: str | None) -> None:
    """Remove the input rows of one check or derivation (all of them, or those of ``role``)."""
    header, rows = read_table(pkg, table)
    k, r = header.index(key_column), header.index("role")
    kept = [row for row in rows if not (row[k] == key and (role is None or row[r] == role))]
    assert len(kept) < len(rows), (table, key, role)
    write_table(pkg, table, header, kept)


def test_a_check_that_lost_an_input_is_reported_once_naming_the_missing_role(
    pristine: Path, tmp_path: Path
) -> None:
    """The GDP check of the 2022 target against its base: 9500亿元 (2021, est.) grown 6%以上.
    Dropping its base input leaves a target_vs_base check with its other inputs alone."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    check = "target_vs_base.gdp.level.2022"
    _drop_inputs(pkg, "check_inputs", "check_id", check, "base")
    header, rows = read_table(pkg, "check_inputs")
    left = sorted(r[header.index("role")] for r in rows if r[0] == check)
    report = validate(pkg)
    row = row_of(pkg, "checks", check)
    found = [p for p in report.problems if p.resource == "checks" and p.row == row]
    assert [(p.code, p.field) for p in found] == [("check-recomputed", "kind")]
    message = found[0].message
    assert f"has inputs {left}, which no target_vs_base formula uses" in message
    assert "(missing: base)" in message
    assert message.endswith("give it the inputs one of its formulas takes, or drop the check")


def test_a_derivation_with_no_inputs_left_is_called_a_derivation_and_reported_once(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "derivations")
    derivation = rows[0][header.index("derivation_id")]
    kind = rows[0][header.index("kind")]
    _drop_inputs(pkg, "derivation_inputs", "derivation_id", derivation, None)
    report = validate(pkg)
    found = [p for p in report.problems if p.resource == "derivations" and p.row == 1]
    assert [(p.code, p.field) for p in found] == [("check-recomputed", "kind")]
    article = "an" if kind[0] in "aeiou" else "a"
    assert found[0].message.startswith(
        f"{article} {kind} derivation has no inputs (no input row names it); it needs "
    )
    assert found[0].message.endswith("or drop the derivation")


def test_a_missing_foreign_key_is_shown_whole_however_long_the_id(
    pristine: Path, tmp_path: Path
) -> None:
    """The longest shipped ids (program links) run past 100 characters: a user copies the id
    from the message to find the row, so it is never cut."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "program_links")
    column = header.index("indicator_id")
    n, fact = max(
        ((i, r[column]) for i, r in enumerate(rows, 1) if r[column]), key=lambda x: len(x[1])
    )
    assert len(fact) > 60
    gone = fact + "_gone"
    rows[n - 1][column] = gone
    write_table(pkg, "program_links", header, rows)
    report = validate(pkg)
    assert ("foreign-key", "program_links", n, "indicator_id") in keys(report)
    message = next(p.message for p in report.problems if p.code == "foreign-key")
    assert repr(gone) in message and "characters)" not in message


def test_a_table_passed_for_the_descriptor_says_what_to_pass_instead(
    pristine: Path, tmp_path: Path
) -> None:
    """``haidian-report validate derived/data/targets.csv`` read as JSON fails at line 1: the
    problem says the file is a table and what to pass instead (exit 2, unreadable)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    report = validate(pkg / "data" / "targets.csv")
    assert report.unreadable
    [problem] = report.problems
    assert problem.code == "invalid-json"
    assert problem.message.endswith(
        "(targets.csv is a .csv file: pass the package's datapackage.json or its folder)"
    )
