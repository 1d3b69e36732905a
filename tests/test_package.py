"""The package as a whole: reproducible build, schema from the models, light import, loaders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import haidian_report as hr
from haidian_build.package import assemble, build
from haidian_report.models import TABLES
from haidian_report.schema import table_schema


def test_build_has_no_curation_problems(root: Path) -> None:
    problems = assemble(root).problems
    assert not problems, "\n".join(map(str, problems))


def test_rebuild_is_byte_identical(root: Path, tmp_path: Path) -> None:
    tables = build(root, tmp_path)
    assert not tables.problems
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert Path("datapackage.json") in built
    for rel in built:
        committed = (root / rel).read_bytes()
        assert (tmp_path / rel).read_bytes() == committed, f"{rel} differs from a fresh build"
    shipped = {p.relative_to(root) for p in (root / "data").iterdir()}
    assert shipped == {p for p in built if p.parts[0] == "data"}


def test_descriptor_schemas_are_generated_from_the_models() -> None:
    by_name = {r["name"]: r for r in hr.descriptor()["resources"]}
    for model in TABLES:
        assert by_name[model.TABLE.name]["schema"] == table_schema(model)


def test_descriptor_follows_data_package_v2_conventions() -> None:
    desc = hr.descriptor()
    assert desc["$schema"].startswith("https://datapackage.org/profiles/2.0/")
    assert desc["licenses"][0]["name"] == "CC0-1.0"
    assert desc["sources"]
    major, minor, patch = desc["version"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
    for res in desc["resources"]:
        assert res["hash"].startswith("sha256:")
        assert res["encoding"] == "utf-8"
        assert isinstance(res["bytes"], int)
        if res.get("type") == "table":
            assert isinstance(res["schema"]["primaryKey"], list)


def test_frictionless_reports_the_package_valid(root: Path) -> None:
    import frictionless

    report = frictionless.validate(str(root / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:10]


def test_import_is_light() -> None:
    code = (
        "import sys, haidian_report; "
        "heavy = ('frictionless', 'pydantic', 'polars', 'pandas', 'cn2an'); "
        "bad = [m for m in heavy if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_table_loads_with_its_declared_schema() -> None:
    types = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean}
    for name in hr.list_tables():
        frame = hr.load(name)  # type: ignore[arg-type]
        fields = next(r for r in hr.descriptor()["resources"] if r["name"] == name)["schema"]
        assert frame.columns == [f["name"] for f in fields["fields"]]
        assert frame.dtypes == [types[f["type"]] for f in fields["fields"]]


def test_csvs_are_utf8_lf_with_plain_decimals(root: Path) -> None:
    for path in (root / "data").glob("*.csv"):
        raw = path.read_bytes()
        assert b"\r" not in raw, path
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        text = raw.decode("utf-8")
        for line in text.splitlines()[1:]:
            for cell in line.split(","):
                assert not (cell[:1].isdigit() and "e+" in cell.lower()), (path, cell)


def test_unknown_table_name_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no table named 'gdp'"):
        hr.load("gdp")  # type: ignore[arg-type]


def test_describe_lists_every_field_with_type_and_description() -> None:
    d = hr.describe("indicators")
    assert d["field"].to_list()[0] == "indicator_id"
    qualifier = d.filter(pl.col("field") == "qualifier").row(0, named=True)
    assert "at_least" in qualifier["categories"]
    assert all(desc for desc in d["description"])


def test_records_are_model_instances() -> None:
    from haidian_report.models import Sentence

    rows = hr.records("sentences")
    assert isinstance(rows[0], Sentence)
    assert len(rows) == hr.sentences().height


def test_cli_info_lists_tables(capsys: pytest.CaptureFixture[str]) -> None:
    from haidian_report.cli import main

    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["tables"]["sentences"] == hr.sentences().height
    assert info["source_sha256"] == hr.SOURCE_SHA256


def test_cli_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from haidian_report.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
