"""Edits a cold attacker made VALID (issue #11, attack round 4), each now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corrupt import copy_package
from test_validate_attacks import edit, keys

from haidian_report.paths import package_dir
from haidian_report.validate import validate

Key = tuple[str, str | None, int | None, str | None]
Case = Callable[[Path], set[Key]]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_package(package_dir(), tmp_path_factory.mktemp("pristine"))


@case
def program_named_only_in_part_two_made_done(pkg: Path) -> set[Key]:
    # 加快推动超大规模人工智能模型训练平台…建设: new work in the plan, not a finished program
    row = edit(pkg, "programs", "ai_model_training_platform", status="done")
    return {("program-status", "programs", row, "status")}


@case
def program_named_in_part_one_made_planned(pkg: Path) -> set[Key]:
    # curation/README.md: "A program named in part one is never planned"
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", status="planned")
    return {("program-status", "programs", row, "status")}


@case
def mention_signal_and_frame_verb_against_the_clause(pkg: Path) -> set[Key]:
    # 实现“十三五”规划主要目标任务: 实现 says completed; no listed verb right before the name
    row = edit(
        pkg,
        "program_mentions",
        "thirteenth_five_year_plan@353",
        status_signal="under_way",
        frame_verb="推动",
    )
    return {
        ("mention-status-signal", "program_mentions", row, "status_signal"),
        ("mention-frame-verb", "program_mentions", row, "frame_verb"),
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)
