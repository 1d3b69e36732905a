"""unit_inferred is true only where the figure prints no unit (attack 5, F19).

地区生产总值…9500亿元 prints 元: gdp.level.2021 with unit_inferred true was VALID.
"""

from __future__ import annotations

from pathlib import Path

from corrupt import cell, copy_package, edit, keys

from haidian_report.paths import package_dir
from haidian_report.validate import validate


def test_an_inferred_unit_the_text_prints_is_reported(tmp_path: Path) -> None:
    pkg = copy_package(package_dir(), tmp_path / "pkg")
    row = edit(pkg, "indicators", "gdp.level.2021", unit_inferred="true")
    assert keys(validate(pkg)) == {("unit-inferred", "indicators", row, "unit_inferred")}


def test_an_inferred_unit_the_text_does_not_print_passes(tmp_path: Path) -> None:
    """常住人口…313.2万: the unit person is the curator's, and stays inferred."""
    pkg = copy_package(package_dir(), tmp_path / "pkg")
    key = "resident_population.level.2021"
    assert cell(pkg, "indicators", key, "unit_inferred") == "true"
    edit(pkg, "indicators", key, note="Residents.")
    assert validate(pkg).valid
