"""Geographic cells of an added table, read as frictionless reads them (attack 5, F18).

``{}`` in a geojson field was VALID on the default path although ``--frictionless`` reports a
type-error (it is no GeoJSON: no ``type``); a point outside ±180°/±90° likewise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corrupt import copy_package, edit_descriptor, keys
from derived import restamp_package

from haidian_report.validate import validate


def with_geo_table(pristine: Path, tmp_path: Path, csv: str) -> Path:
    pkg = copy_package(pristine, tmp_path / "pkg")
    (pkg / "data" / "x.csv").write_text(csv, encoding="utf-8")

    def add(data: dict[str, Any]) -> None:
        fields = [{"name": "a", "type": "geopoint"}, {"name": "c", "type": "geojson"}]
        data["resources"].append(
            {"name": "x_geo", "path": "data/x.csv", "format": "csv", "schema": {"fields": fields}}
        )

    edit_descriptor(pkg, add)
    restamp_package(pkg)
    return pkg


def test_geojson_without_a_type_is_a_type_error(pristine: Path, tmp_path: Path) -> None:
    pkg = with_geo_table(pristine, tmp_path, 'a,c\n"1,2","{}"\n')
    assert keys(validate(pkg)) == {("type-error", "x_geo", 1, "c")}


def test_point_out_of_range_is_a_type_error(pristine: Path, tmp_path: Path) -> None:
    cell = '"{""type"": ""Point"", ""coordinates"": [1, 2]}"'
    pkg = with_geo_table(pristine, tmp_path, f'a,c\n"1,2",{cell}\n"200, 1",{cell}\n')
    assert keys(validate(pkg)) == {("type-error", "x_geo", 2, "a")}


def test_real_geojson_and_points_pass(pristine: Path, tmp_path: Path) -> None:
    point = '"{""type"": ""Point"", ""coordinates"": [116.3, 39.9]}"'
    pkg = with_geo_table(pristine, tmp_path, f'a,c\n"116.3, 39.9",{point}\n"-180,-90",\n')
    assert validate(pkg).valid
