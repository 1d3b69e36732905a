"""``hr.subset`` / ``haidian-report subset``: a derived package that keeps the rows asked for and
what still holds together with them, written so that it validates as it is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from corrupt import copy_package, edit_descriptor, file_hashes, read_descriptor, resource
from derived import Row, derive

import haidian_report as hr
from haidian_report.cli import main
from haidian_report.subsets import SubsetError, subset
from haidian_report.validate import validate

#: (table, the library's condition, the same condition on a row of text cells for the tests'
#: own reference implementation, tests/derived.py)
CASES: list[tuple[str, pl.Expr, Callable[[Row], bool]]] = [
    # 预计增至9500亿元: the figures the report marks 预计 (estimated) dropped
    ("indicators", ~pl.col("estimated"), lambda r: r["estimated"] == "false"),
    # one metric's facts only: every check and derivation of another metric goes
    ("indicators", pl.col("metric_id") == "gdp", lambda r: r["metric_id"] == "gdp"),
    # programs of one type: their mentions and links go with the others
    ("programs", pl.col("type") == "pilot", lambda r: r["type"] == "pilot"),
    # the sentences of the first 7,000 characters: every row quoting a later one goes
    ("sentences", pl.col("start") < 7000, lambda r: int(r["start"]) < 7000),
]


@pytest.mark.parametrize(
    ("table", "expr", "keep"), CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)]
)
def test_a_subset_equals_the_reference_derivation_and_validates(
    pristine: Path, tmp_path: Path, table: str, expr: pl.Expr, keep: Callable[[Row], bool]
) -> None:
    made = subset(tmp_path / "lib", {table: expr}, package=pristine)
    reference = derive(pristine, tmp_path / "ref", table, keep)
    assert made.dropped[table] > 0
    assert file_hashes(made.path) == file_hashes(reference)
    assert read_descriptor(made.path) == read_descriptor(reference)
    assert validate(made.path).valid


def test_keeping_every_row_copies_the_package_byte_for_byte(pristine: Path, tmp_path: Path) -> None:
    made = subset(tmp_path / "all", {"indicators": pl.lit(True)}, package=pristine)
    assert file_hashes(made.path) == file_hashes(pristine)
    assert not any(made.dropped.values()) and made.summary() == []


def test_kept_rows_are_written_as_the_source_writes_them(pristine: Path, tmp_path: Path) -> None:
    # gdp.level.2016: 地区生产总值由2016年的5908亿元…: dropping it leaves every other line as it was
    made = subset(
        tmp_path / "one",
        {"indicators": pl.col("indicator_id") != "gdp.level.2016"},
        package=pristine,
    )
    before = (pristine / "data" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    after = (made.path / "data" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert [line for line in before if not line.startswith("gdp.level.2016,")] == after
    # the checks of GDP's growth used it as their base: they go, with their inputs
    assert made.dropped["checks"] > 0 and made.dropped["check_inputs"] > 0
    assert validate(made.path).valid
    assert "gdp.level.2016" not in hr.load("indicators", package=made.path)["indicator_id"]


def test_a_folder_that_holds_something_is_refused_and_left_alone(
    pristine: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SubsetError, match="not an empty folder; nothing written"):
        subset(dest, {"indicators": ~pl.col("estimated")}, package=pristine)
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("keep", "error", "match"),
    [
        ({"indicatorz": pl.lit(True)}, hr.UnknownNameError, "did you mean 'indicators'"),
        ({"indicators": pl.col("estimatd")}, SubsetError, "estimatd"),
        ({"indicators": pl.col("value") + 1}, SubsetError, "not one true/false per row"),
    ],
)
def test_a_bad_condition_is_a_clear_error_and_writes_nothing(
    pristine: Path, tmp_path: Path, keep: dict[str, pl.Expr], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        subset(tmp_path / "out", keep, package=pristine)
    assert list(tmp_path.iterdir()) == []  # no folder, no staging left behind


def test_the_command_writes_a_package_that_validates(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "no-estimates"
    argv = ["subset", str(dest), "--keep", "indicators", "NOT estimated", "--from", str(pristine)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "indicators: kept" in out and f"validate {dest}" in out
    assert main(["validate", str(dest)]) == 0
    kept = hr.load("indicators", package=dest)
    assert kept.height == hr.indicators().filter(~pl.col("estimated")).height


def test_the_command_refuses_a_condition_that_is_not_sql(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["subset", str(tmp_path / "x"), "--keep", "indicators", "value +"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--keep indicators: 'value +' is not an SQL condition" in err
    assert "Traceback" not in err and not (tmp_path / "x").exists()


def test_the_descriptor_keeps_everything_but_bytes_and_hash(pristine: Path, tmp_path: Path) -> None:
    made = subset(tmp_path / "d", {"indicators": ~pl.col("estimated")}, package=pristine)
    old = json.loads((pristine / "datapackage.json").read_text(encoding="utf-8"))
    new = json.loads((made.path / "datapackage.json").read_text(encoding="utf-8"))
    for res in (*old["resources"], *new["resources"]):
        res.pop("bytes"), res.pop("hash")
    assert old == new


def _fields(**types: str) -> list[dict[str, str]]:
    return [{"name": name, "type": kind} for name, kind in types.items()]


def _extension(pkg: Path, name: str, text: str, schema: dict[str, object]) -> None:
    """Add table ``name`` (file data/<name>.csv holding ``text``) and re-stamp."""
    from derived import restamp_package

    (pkg / "data" / f"{name}.csv").write_text(text, encoding="utf-8")
    res = {"name": name, "type": "table", "path": f"data/{name}.csv", "schema": schema}
    edit_descriptor(pkg, lambda d: d["resources"].append(res))
    restamp_package(pkg)


def test_a_declared_missing_key_names_nothing_and_keys_compare_as_typed(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    fk = {
        "fields": "indicator_id",
        "reference": {"resource": "indicators", "fields": "indicator_id"},
    }
    _extension(pkg, "x_notes", "n,indicator_id\na,gdp.level.2016\nb,NA\nc,\n", {
        "fields": [{"name": "n", "type": "string"}, {"name": "indicator_id", "type": "string"}],
        "missingValues": ["", "NA"], "foreignKeys": [fk]})  # fmt: skip
    _extension(pkg, "x_ref", "k\n1\n2\n", {"fields": [{"name": "k", "type": "number"}]})
    to_ref = {"fields": "k", "reference": {"resource": "x_ref", "fields": "k"}}
    _extension(pkg, "x_use", "k\n1.0\n2\n1e0\n", {
        "fields": [{"name": "k", "type": "number"}], "foreignKeys": [to_ref]})  # fmt: skip
    assert validate(pkg).valid
    made = subset(tmp_path / "out", {"indicators": ~pl.col("estimated")}, package=pkg)
    assert made.dropped["x_notes"] == 0 and made.dropped["x_use"] == 0
    made = subset(tmp_path / "one-ref", {"x_ref": pl.col("k") == 1}, package=pkg)
    assert hr.load("indicators", package=made.path).height == hr.indicators().height
    assert (made.path / "data" / "x_use.csv").read_text(encoding="utf-8") == "k\n1.0\n1e0\n"
    assert validate(made.path).valid


def test_a_file_two_resources_name_is_not_rewritten(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    edit_descriptor(
        pkg, lambda d: d["resources"].append({**resource(d, "indicators"), "name": "copy"})
    )
    with pytest.raises(SubsetError, match="also resource 'copy'"):
        subset(tmp_path / "out", {"indicators": pl.col("metric_id") == "gdp"}, package=pkg)
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_is_filled_and_stays_the_users(pristine: Path, tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()
    dest.chmod(0o755)
    inode = dest.stat().st_ino
    subset(dest, {"terms": pl.lit(False)}, package=pristine)
    assert dest.stat().st_ino == inode and dest.stat().st_mode & 0o777 == 0o755
    assert validate(dest).valid
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no staging left beside it


def test_a_descriptor_of_another_name_is_derived_from(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    (pkg / "datapackage.json").rename(pkg / "my-package.json")
    made = subset(tmp_path / "out", {"terms": pl.lit(False)}, package=pkg / "my-package.json")
    assert made.descriptor == made.path / "my-package.json"
    assert validate(made.descriptor).valid
    argv = ["subset", str(tmp_path / "o2"), "--keep", "terms", "false"]
    assert main([*argv, "--from", str(pkg / "my-package.json")]) == 0
    hint = capsys.readouterr().out.strip().splitlines()[-1]
    assert hint.endswith(f"validate {tmp_path / 'o2' / 'my-package.json'}")  # what it says works


def test_a_condition_that_is_not_an_expression_is_a_clear_error(
    pristine: Path, tmp_path: Path
) -> None:
    with pytest.raises(SubsetError, match="str, not a polars expression"):
        subset(tmp_path / "out", {"indicators": "NOT estimated"}, package=pristine)  # type: ignore[dict-item]
    assert list(tmp_path.iterdir()) == []


def test_a_term_signal_while_writing_leaves_nothing_behind(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a cancelled CI job sends TERM: the command unwinds as on an error, exit status 143
    import os
    import signal

    import haidian_report.subsets as subsets

    real = subsets._write

    def interrupted(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(subsets, "_write", interrupted)
    argv = ["subset", str(tmp_path / "new" / "out"), "--keep", "terms", "false"]
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--from", str(pristine)])
    assert stopped.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []  # no DEST, no staging, no parent made for it
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_an_added_tables_undeclared_id_column_is_followed(pristine: Path, tmp_path: Path) -> None:
    # the validator holds an added table's indicator_id to indicators (implicit key): so must
    # a subset, or it writes a dangling row
    pkg = copy_package(pristine, tmp_path / "src")
    rows = "note,indicator_id\na,gdp.level.2016\nb,gdp.level.2021\n"
    _extension(pkg, "x_notes", rows, {"fields": _fields(note="string", indicator_id="string")})
    assert validate(pkg).valid
    made = subset(tmp_path / "out", {"indicators": pl.col("indicator_id") != "gdp.level.2016"},
                  package=pkg)  # fmt: skip
    assert made.dropped["x_notes"] == 1
    assert validate(made.path).valid


def test_keys_of_different_declared_types_compare_as_the_validator_compares_them(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    _extension(pkg, "x_years", "year,label\n2020,a\n2021,b\n",
               {"fields": _fields(year="integer", label="string")})  # fmt: skip
    to_years = {"fields": "year", "reference": {"resource": "x_years", "fields": "year"}}
    events = {"fields": _fields(event="string", year="string"), "foreignKeys": [to_years]}
    _extension(pkg, "x_events", "event,year\np,2020\nq,2021\n", events)
    assert validate(pkg).valid
    made = subset(tmp_path / "out", {"x_years": pl.col("year") == 2021}, package=pkg)
    assert (made.path / "data" / "x_events.csv").read_text(
        encoding="utf-8"
    ) == "event,year\nq,2021\n"
    assert validate(made.path).valid


@pytest.mark.parametrize("spelling", ["./data/programs.csv", "data//programs.csv"])
def test_a_file_named_twice_in_another_spelling_is_not_rewritten(
    pristine: Path, tmp_path: Path, spelling: str
) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    edit_descriptor(
        pkg,
        lambda d: d["resources"].append(
            {**resource(d, "programs"), "name": "copy", "path": spelling}
        ),
    )
    with pytest.raises(SubsetError, match="also resource 'copy'"):
        subset(
            tmp_path / "out", {"programs": pl.col("program_id").str.starts_with("a")}, package=pkg
        )


@pytest.mark.parametrize(
    "edit_schema",
    [
        lambda s: s.__setitem__("foreignKeys", {"fields": "x"}),
        lambda s: s.__setitem__("foreignKeys", ["section_id"]),
        lambda s: s.__setitem__("foreignKeys", [{"fields": "sentence_id", "reference": "x"}]),
    ],
    ids=["keys-an-object", "key-a-string", "reference-a-string"],
)
def test_a_malformed_key_is_a_clear_error_not_a_traceback(
    pristine: Path, tmp_path: Path, edit_schema: Callable[[dict[str, object]], None]
) -> None:
    pkg = copy_package(pristine, tmp_path / "src")
    edit_descriptor(pkg, lambda d: edit_schema(resource(d, "terms")["schema"]))
    with pytest.raises(SubsetError, match=r"terms: .*nothing written"):
        subset(tmp_path / "out", {"terms": pl.lit(False)}, package=pkg)
    assert not (tmp_path / "out").exists()


def test_a_file_linked_from_outside_the_package_is_refused(pristine: Path, tmp_path: Path) -> None:
    # validate reports it (unsafe-path): load and subset must not read it as the package's
    pkg = copy_package(pristine, tmp_path / "src")
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((pkg / "data" / "terms.csv").read_bytes())
    (pkg / "data" / "terms.csv").unlink()
    (pkg / "data" / "terms.csv").symlink_to(outside)
    with pytest.raises(hr.PackageReadError, match="leads out of the package folder"):
        hr.load("terms", package=pkg)
    with pytest.raises(SubsetError, match="leads out of the package folder"):
        subset(tmp_path / "out", {"terms": pl.lit(False)}, package=pkg)


@pytest.mark.parametrize("dest", ["", "a-file/x"])
def test_a_dest_that_cannot_be_a_folder_is_refused(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dest: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("mine", encoding="utf-8")
    with pytest.raises(SubsetError, match="nothing written"):
        subset(dest, {"terms": pl.lit(False)}, package=pristine)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_a_subset_of_a_subset_with_an_empty_table_works(pristine: Path, tmp_path: Path) -> None:
    first = subset(tmp_path / "one", {"checks": pl.lit(False)}, package=pristine)
    assert first.kept["checks"] == 0 and first.kept["check_inputs"] == 0
    second = subset(tmp_path / "two", {"programs": pl.lit(True)}, package=first.path)
    assert not any(second.dropped.values())
    assert file_hashes(second.path) == file_hashes(first.path)


def test_a_dest_through_dot_dot_is_the_folder_it_names(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "nosuch/.." is this folder, which holds the user's file: refused, nothing made
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SubsetError, match="not an empty folder"):
        subset("nosuch/..", {"terms": pl.lit(False)}, package=pristine)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_a_dropped_table_that_only_empty_keys_name_is_no_obstacle(
    pristine: Path, tmp_path: Path
) -> None:
    # without indicators (and what needs them), targets.base_indicator_id is empty in every
    # row left: the validator accepts the package, and so must a subset of it
    base = subset(tmp_path / "base", {"indicators": pl.lit(False)}, package=pristine)
    gone = ("indicators", "checks", "check_inputs", "derivations", "derivation_inputs")
    edit_descriptor(base.path, lambda d: d.__setitem__(
        "resources", [r for r in d["resources"] if r["name"] not in gone]))  # fmt: skip
    assert validate(base.path).valid
    made = subset(tmp_path / "out", {"programs": pl.lit(True)}, package=base.path)
    assert made.dropped["targets"] == 0 and validate(made.path).valid


def test_rows_a_condition_leaves_unknown_are_dropped_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # cold attack of 3 December: --keep targets "firmness <> 'strive'" dropped the targets
    # whose firmness is empty too (SQL's NULL), silently; the summary now says how many, and
    # how to keep them
    targets = hr.load("targets")
    empty = targets.filter(pl.col("firmness").is_null()).height
    strive = targets.filter(pl.col("firmness") == "strive").height
    assert empty and strive
    made = subset(tmp_path / "out", {"targets": pl.col("firmness") != "strive"})
    assert made.unknown["targets"] == empty
    assert made.dropped["targets"] == empty + strive
    assert main(["subset", str(tmp_path / "cli"), "--keep", "targets", "firmness <> 'strive'"]) == 0
    said = capsys.readouterr().out
    assert f"targets: {empty} of the dropped rows have an empty cell" in said
    assert "IS DISTINCT FROM" in said
    kept = subset(tmp_path / "kept", {"targets": pl.sql_expr("firmness IS DISTINCT FROM 'strive'")})
    assert (kept.dropped["targets"], kept.unknown["targets"]) == (strive, 0)


def test_the_summary_says_why_rows_of_other_tables_went(pristine: Path, tmp_path: Path) -> None:
    # a new user's trial: "NOT estimated" also dropped the headline 2022 targets (地区生产总值
    # 超过1万亿元 …), whose base_indicator_id is an estimated 2021 figure, and the summary said
    # only "targets: kept 67 of 74 (7 dropped)"
    indicators, targets = hr.load("indicators"), hr.load("targets")
    estimated = indicators.filter(pl.col("estimated"))["indicator_id"]
    based = targets.filter(pl.col("base_indicator_id").is_in(estimated.implode())).height
    assert based
    made = subset(tmp_path / "ne", {"indicators": ~pl.col("estimated")})
    assert made.why["targets"] == {"name a dropped indicators row by base_indicator_id": based}
    line = next(x for x in made.summary() if x.startswith("targets:"))
    assert line.endswith(f"({based} dropped; {based} name a dropped indicators row by "
                         "base_indicator_id)")  # fmt: skip
    assert sum(made.why["derivations"].values()) == made.dropped["derivations"]


def test_a_condition_of_the_wrong_type_names_its_columns_types(tmp_path: Path) -> None:
    # a new user's trial: "period = 2021" failed with "cannot compare string with numeric
    # type (i32)", not saying which column was text (periods are 2021, 2017-2021, …)
    with pytest.raises(SubsetError, match="period is text; nothing written"):
        subset(tmp_path / "out", {"indicators": pl.sql_expr("period = 2021")})
    assert not (tmp_path / "out").exists()
