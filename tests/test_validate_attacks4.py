"""Edits a cold attacker made VALID (issue #11, attack round 4), each now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corrupt import copy_package, read_table
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


def _text_en(pkg: Path, sentence_id: str) -> str:
    header, rows = read_table(pkg, "sentences")
    found: str = next(r[header.index("text_en")] for r in rows if r[0] == sentence_id)
    return found


@case
def translations_of_two_sentences_swapped(pkg: Path) -> set[Key]:
    # p09.s02 (地区生产总值由2016年的5908亿元预计增至9500亿元…) now "translated" as p09.s03
    first, second = _text_en(pkg, "p09.s02"), _text_en(pkg, "p09.s03")
    a = edit(pkg, "sentences", "p09.s02", text_en=second)
    b = edit(pkg, "sentences", "p09.s03", text_en=first)
    return {
        ("english-figure", "sentences", a, "text_en"),
        ("english-figure", "sentences", b, "text_en"),
    }


@case
def figure_of_a_translation_changed(pkg: Path) -> set[Key]:
    # 由2016年的5908亿元: "590.8 billion" becomes "690.8 billion"
    text = _text_en(pkg, "p09.s02")
    assert "590.8 billion" in text
    row = edit(pkg, "sentences", "p09.s02", text_en=text.replace("590.8 billion", "690.8 billion"))
    return {("english-figure", "sentences", row, "text_en")}


@case
def term_explained_by_a_sentence_that_does_not_exist(pkg: Path) -> set[Key]:
    row = edit(pkg, "terms", "beijing_most_beautiful_streets", explanation_source="p99.s99")
    return {("term-explanation-source", "terms", row, "explanation_source")}


@case
def unconfirmed_term_made_official_without_a_source(pkg: Path) -> set[Key]:
    row = edit(pkg, "terms", "beijing_full_employment_district", explanation_basis="official")
    return {("term-explanation-source", "terms", row, "explanation_source")}


@case
def part_one_claim_exclusion_made_a_goal(pkg: Path) -> set[Key]:
    # 我们坚持把服务国家和首都大局摆在首位 is in the review: no goal is set there
    row = edit(pkg, "exclusions", "claim@399", kind="goal", exclusion_id="goal@399")
    return {("exclusion-part", "exclusions", row, "kind")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)
