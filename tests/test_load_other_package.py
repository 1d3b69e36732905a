"""``hr.load(name, package=...)``: a derived package's tables read with the schema and dialect
that package declares, and a clear error (file, row, field) where they cannot be."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from corrupt import (
    copy_package,
    edit_descriptor,
    file_hashes,
    read_table,
    resource,
    restamp,
    write_bytes,
    write_table,
)
from derived import derive_without_estimates

import haidian_report as hr
from haidian_report.validate import validate


def test_a_subset_loads_its_own_rows_not_the_shipped_ones(pristine: Path, tmp_path: Path) -> None:
    pkg = derive_without_estimates(pristine, tmp_path / "subset")
    assert validate(pkg).valid
    subset = hr.load("indicators", package=pkg)
    shipped = hr.load("indicators")
    # 地区生产总值...预计增至9500亿元 is marked 预计: the subset has no estimated row left
    assert subset.height < shipped.height
    assert not subset["estimated"].any()
    assert subset.equals(shipped.filter(~pl.col("estimated")))
    # the descriptor file itself may be given, and table_path points into the package
    assert hr.load("indicators", package=pkg / "datapackage.json").equals(subset)
    assert hr.table_path("indicators", package=pkg) == pkg / "data" / "indicators.csv"


def test_every_table_of_a_valid_derived_package_loads(pristine: Path, tmp_path: Path) -> None:
    pkg = derive_without_estimates(pristine, tmp_path / "subset")
    assert validate(pkg).valid
    for name in hr.TABLE_NAMES:
        frame = hr.load(name, package=pkg)
        assert frame.schema == hr.load(name).schema, name


def test_an_extension_column_is_read_with_its_declared_type(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "ext")
    header, rows = read_table(pkg, "metrics")
    write_table(pkg, "metrics", [*header, "x_weight"], [[*r, str(i)] for i, r in enumerate(rows)])
    edit_descriptor(
        pkg,
        lambda d: resource(d, "metrics")["schema"]["fields"].append(
            {"name": "x_weight", "type": "integer"}
        ),
    )
    frame = hr.load("metrics", package=pkg)
    assert frame.schema["x_weight"] == pl.Int64
    assert frame["x_weight"].to_list() == list(range(len(rows)))


def test_a_declared_dialect_is_read_as_declared(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "semicolon")
    path = pkg / "data" / "metrics.csv"
    frame = hr.load("metrics")
    frame.write_csv(path, separator=";")
    edit_descriptor(
        pkg, lambda d: resource(d, "metrics").__setitem__("dialect", {"delimiter": ";"})
    )
    restamp(pkg, "metrics")
    assert hr.load("metrics", package=pkg).equals(frame)


def test_a_cell_not_of_its_type_names_file_row_and_field(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "bad")
    header, rows = read_table(pkg, "indicators")
    rows[4][header.index("value")] = "5908亿"  # a unit typed into a number column
    write_table(pkg, "indicators", header, rows)
    before = file_hashes(pkg)
    with pytest.raises(hr.PackageReadError) as caught:
        hr.load("indicators", package=pkg)
    message = str(caught.value)
    assert "indicators.csv: row 5, field 'value': '5908亿' is not a number" in message
    assert "haidian-report validate" in message
    # the validator counts the row the same way
    problem = next(p for p in validate(pkg).problems if p.code == "type-error")
    assert (problem.resource, problem.row, problem.field) == ("indicators", 5, "value")
    assert file_hashes(pkg) == before  # nothing the user had is changed


def test_a_file_that_is_not_csv_as_declared_is_a_clear_error(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "open-quote")
    content = (pkg / "data" / "metrics.csv").read_bytes()
    write_bytes(pkg, "metrics", content + b'"never closed,1\n')
    with pytest.raises(hr.PackageReadError, match=r"metrics\.csv: .*haidian-report validate"):
        hr.load("metrics", package=pkg)


def test_an_unknown_table_names_the_package_and_the_nearest_name(
    pristine: Path, tmp_path: Path
) -> None:
    with pytest.raises(hr.UnknownNameError, match="did you mean 'indicators'") as caught:
        hr.load("indicator", package=pristine)  # type: ignore[arg-type]
    assert str(pristine / "datapackage.json") in str(caught.value)


def test_a_folder_without_a_descriptor_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(hr.PackageReadError, match=r"has no datapackage\.json"):
        hr.load("indicators", package=tmp_path)
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(hr.PackageReadError, match="invalid JSON at line 1, column 2"):
        hr.load("indicators", package=tmp_path)


def test_a_descriptor_restamp_refuses_is_refused_by_load_in_the_same_words(
    pristine: Path, tmp_path: Path
) -> None:
    # a lone surrogate in a property: json.loads reads it, but it cannot be written back as
    # UTF-8; restamp, subset and load(package=) share one reader and one refusal
    import haidian_report.restamp as stamping

    pkg = copy_package(pristine, tmp_path / "pkg")
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(
        text.replace('"name": "haidian', '"x_note": "\\udc80", "name": "haidian', 1),
        encoding="utf-8",
    )
    with pytest.raises(stamping.RestampError) as stamped:
        stamping.restamp(pkg, write=False)
    with pytest.raises(hr.PackageReadError, match="cannot read") as loaded:
        hr.load("indicators", package=pkg)
    assert str(stamped.value).split(":", 1)[1] == str(loaded.value).split(":", 1)[1]


def test_loading_the_shipped_package_by_path_equals_the_default(pristine: Path) -> None:
    for name in hr.TABLE_NAMES:
        assert hr.load(name, package=pristine).equals(hr.load(name)), name


def test_an_extension_table_is_read_by_its_declared_schema(pristine: Path, tmp_path: Path) -> None:
    from haidian_report.other_packages import read_table as read_other

    pkg = copy_package(pristine, tmp_path / "table")
    (pkg / "data" / "x_notes.csv").write_text(
        "indicator_id,x_score,x_checked\ngdp.level.2016,0.5,true\n", encoding="utf-8"
    )
    fields = [
        {"name": "indicator_id", "type": "string"},
        {"name": "x_score", "type": "number"},
        {"name": "x_checked", "type": "boolean"},
    ]
    edit_descriptor(
        pkg,
        lambda d: d["resources"].append(
            {"name": "x_notes", "path": "data/x_notes.csv", "schema": {"fields": fields}}
        ),
    )
    frame = read_other("x_notes", pkg)
    assert frame.schema == {
        "indicator_id": pl.String,
        "x_score": pl.Float64,
        "x_checked": pl.Boolean,
    }
    assert frame.row(0) == ("gdp.level.2016", 0.5, True)


def test_a_dialect_nested_under_csv_is_read_as_the_validator_reads_it(
    pristine: Path, tmp_path: Path
) -> None:
    # Data Package 2 writes the dialect as {"csv": {"delimiter": ";"}}: validate reads it so
    pkg = copy_package(pristine, tmp_path / "v2")
    frame = hr.load("terms")
    frame.write_csv(pkg / "data" / "terms.csv", separator=";")
    edit_descriptor(
        pkg, lambda d: resource(d, "terms").__setitem__("dialect", {"csv": {"delimiter": ";"}})
    )
    restamp(pkg, "terms")
    assert validate(pkg).valid
    assert hr.load("terms", package=pkg).equals(frame)


def test_a_path_out_of_the_package_is_not_read(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "abs")
    edit_descriptor(pkg, lambda d: resource(d, "terms").__setitem__("path", "/etc/hostname"))
    with pytest.raises(hr.PackageReadError, match="is absolute"):
        hr.load("terms", package=pkg)


def test_the_first_bad_cell_is_the_first_by_row(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "two")
    header, rows = read_table(pkg, "indicators")
    rows[2][header.index("value")] = "x"  # row 3
    rows[1][header.index("quote_start")] = "y"  # row 2, a later column
    write_table(pkg, "indicators", header, rows)
    with pytest.raises(hr.PackageReadError, match="row 2, field 'quote_start'"):
        hr.load("indicators", package=pkg)
