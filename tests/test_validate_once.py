"""One wrong cell is one problem: rules that judge the same field do not report the same row
twice (issue #11, attack round 10, W3).

Each case edits one cell of the shipped package and returns the problems expected, with their
multiplicity: code, resource, row and field, each as many times as it should be reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from corrupt import Key, copy_package, edit

from haidian_report.validate import validate

OnceCase = Callable[[Path], list[Key]]
CASES: dict[str, OnceCase] = {}


def case(function: OnceCase) -> OnceCase:
    CASES[function.__name__] = function
    return function


@case
def paragraph_made_its_own_parent(pkg: Path) -> list[Key]:
    # p07 (line 7, in part one) given itself as parent: "its own parent", not also "not above
    # it" and "not the innermost section holding it"
    row = edit(pkg, "sections", "p07", parent_id="p07")
    return [("section-tree", "sections", row, "parent_id")]


@case
def paragraph_given_a_sibling_as_parent(pkg: Path) -> list[Key]:
    # p14 (in part1.1) given the paragraph p07 as parent: a parent not above it, once
    row = edit(pkg, "sections", "p14", parent_id="p07")
    return [("section-tree", "sections", row, "parent_id")]


@case
def expected_target_made_strive(pkg: Path) -> list[Key]:
    # 2022年…主要预期目标是:地区生产总值增长6%左右 — 预期目标, not 力争: one firmness-marker
    row = edit(pkg, "targets", "gdp.level.2022", firmness="strive")
    return [("firmness-marker", "targets", row, "firmness")]


@case
def ongoing_program_with_new_work_made_done(pkg: Path) -> list[Key]:
    # 背街小巷环境整治提升: part two plans new work on it, and no clause says completed; one
    # program-status, not one per reason
    row = edit(pkg, "programs", "back_street_alley_improvement", status="done")
    return [("program-status", "programs", row, "status")]


def _counted(report: object) -> Counter[Key]:
    return Counter((p.code, p.resource, p.row, p.field) for p in report.problems)  # type: ignore[attr-defined]


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_one_wrong_cell_is_reported_once(
    pristine: Path, tmp_path: Path, name: str, strict: bool
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = Counter(CASES[name](pkg))
    report = validate(pkg, strict=strict)
    found = _counted(report)
    assert {k: found[k] for k in expected} == dict(expected), report.render(50)


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_an_emptied_measure_is_reported_once_and_not_as_a_misfit_unit(
    pristine: Path, tmp_path: Path, strict: bool
) -> None:
    # gdp.growth_yoy.2022 (生产总值增长6%以上) with no measure: the required cell is the problem;
    # its unit (percent, a growth rate's) is not then held to the metric's (CNY), with no
    # measure to fit (it was, as "the row breaks rule unit-metric")
    pkg = copy_package(pristine, tmp_path / "pkg")
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", measure="")
    found = _counted(validate(pkg, strict=strict))
    assert found == Counter({("constraint-error", "targets", row, "measure"): 1})
