"""A check's or derivation's unit follows from its kind and inputs (attack 5, F9).

Each edit below was VALID: the unit of a computed row is printed nowhere, and the arithmetic
rules recompute the number, not its unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import copy_package, edit, keys, read_table, write_table

from haidian_report.derived_units import derived_unit
from haidian_report.paths import package_dir
from haidian_report.validate import validate

CASES = {
    # Endpoint CAGR 9.97% from 5908亿元 (2016) to 9500亿元 (2021): a percent, not points
    "cagr_in_points": ("checks", "cagr_vs_levels.gdp", "percentage_point", "percent"),
    # the new listed companies as a share of the stock: a percent, not a count
    "part_share_as_count": (
        "checks",
        "part_within_whole.listed_companies.new_vs_stock",
        "count",
        "percent",
    ),
    # 整治提升背街小巷464条: streets a year, not km
    "pace_in_km": ("derivations", "average_pace.back_streets_renovated.flow.2022", "km", "count"),
    # 出口额预计1300亿元 (yuan): the implied 2016 start is in CNY
    "start_in_usd": ("derivations", "implied_start.export_value.2016", "USD", "CNY"),
    # 21.8% → 24% is +2.2 percentage points, not +2.2%
    "share_change_in_percent": (
        "derivations",
        "endpoint_change.gdp.share",
        "percent",
        "percentage_point",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_unit_other_than_the_derived_one_is_reported(
    case: str, pristine: Path, tmp_path: Path
) -> None:
    table, key, unit, derived = CASES[case]
    pkg = copy_package(pristine, tmp_path / "pkg")
    row = edit(pkg, table, key, unit=unit)
    report = validate(pkg)
    assert keys(report) == {("derived-unit", table, row, "unit")}
    assert f"gives {derived}" in report.problems[0].message


def test_a_derivation_whose_input_is_gone_is_left_alone(pristine: Path, tmp_path: Path) -> None:
    """A row subset may drop an input's fact: the unit is then not re-derived."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    key = "average_pace.back_streets_renovated.flow.2022"
    edit(pkg, "derivations", key, unit="km")
    header, rows = read_table(pkg, "derivation_inputs")
    write_table(pkg, "derivation_inputs", header, [r for r in rows if r[0] != key])
    assert not any(p.code == "derived-unit" for p in validate(pkg).problems)


def test_every_shipped_row_has_its_derived_unit() -> None:
    """Pinned on the source side too: the build refuses a unit other than derived_unit's."""
    assert derived_unit("implied_employment", {"other": ("CNY/person", "level")}) == "person"
    assert derived_unit("average_pace", {"base": ("km", "cumulative")}) is None
    assert validate(package_dir()).valid


def test_swapped_roles_of_an_implied_stock_are_reported(pristine: Path, tmp_path: Path) -> None:
    """每万人发明专利拥有量550件 × residents: the ratio is the ``other`` input, the population
    the ``level``; swapped, the product (and so check-recomputed) is unchanged."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    key = "implied_stock.invention_patents_per_10k_people.2021"
    header, rows = read_table(pkg, "derivation_inputs")
    swap = {"level": "other", "other": "level"}
    role = header.index("role")
    for r in rows:
        if r[0] == key:
            r[role] = swap[r[role]]
    write_table(pkg, "derivation_inputs", header, rows)
    _, derivations = read_table(pkg, "derivations")
    row = next(n for n, r in enumerate(derivations, 1) if r[0] == key)
    assert keys(validate(pkg)) == {("derived-roles", "derivations", row, "kind")}
