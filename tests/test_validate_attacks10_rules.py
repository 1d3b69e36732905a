"""Edits a cold attacker made VALID (issue #11, attack round 10: M1, M6-M8, M10, W1), each
now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import Key, case_registry, copy_package, edit, edit_descriptor, keys, resource

from haidian_report.validate import validate

CASES, case = case_registry()


@case
def program_named_only_in_part_two_made_ongoing(pkg: Path) -> set[Key]:
    # 加快推动超大规模人工智能模型训练平台…建设: named once, in part two, no signal (M1)
    row = edit(pkg, "programs", "ai_model_training_platform", status="ongoing")
    return {("program-status", "programs", row, "status")}


@case
def program_status_evidence_emptied(pkg: Path) -> set[Key]:
    # 聚焦翠湖科技园、中关村软件园、东升科技园等重点园区,全面提升园区专业化国际化市场化服务水平:
    # without the evidence, a part-two-only program with no signal is planned (M1b)
    row = edit(pkg, "programs", "cuihu_science_park", status_evidence="")
    return {("program-status", "programs", row, "status")}


@case
def program_status_evidence_not_printed(pkg: Path) -> set[Key]:
    # the source prints 全面提升园区专业化国际化市场化服务水平, never 全面提升园区服务水平 (M1c)
    row = edit(pkg, "programs", "cuihu_science_park", status_evidence="全面提升园区服务水平")
    return {("status-evidence", "programs", row, "status_evidence")}


@case
def program_carried_out_in_the_review_made_done(pkg: Path) -> set[Key]:
    # 认真开展“两学一做”学习教育: carried out, no clause says it was completed
    row = edit(pkg, "programs", "two_studies_one_action", status="done")
    return {("program-status", "programs", row, "status")}


@case
def source_resource_declared_html_table(pkg: Path) -> set[Key]:
    # docs/ci.md: resource-property, "an own resource's type, format, mediatype or profile
    # differs from the model's"; the source is the report as plain text (M10)
    edit_descriptor(
        pkg,
        lambda d: resource(d, "source").update(format="html", mediatype="text/html", type="table"),
    )
    return {("resource-property", "source", None, None)}


@case
def paragraph_reparented_to_its_part(pkg: Path) -> set[Key]:
    # p16 (1447-1670) lies in (一)创新驱动,高质量发展态势更加稳固 (part1.1, 1346-3155) (M6)
    row = edit(pkg, "sections", "p16", parent_id="part1")
    return {("section-tree", "sections", row, "parent_id")}


@case
def paragraph_made_a_subsection(pkg: Path) -> set[Key]:
    # p07 (五年来,…) is the paragraph on line 7 and prints no heading (M7)
    row = edit(pkg, "sections", "p07", kind="subsection", level="2")
    return {
        ("section-kind", "sections", row, "kind"),
        ("section-heading", "sections", row, "heading"),
    }


@case
def subsection_heading_emptied(pkg: Path) -> set[Key]:
    # line 14 prints (一)创新驱动,高质量发展态势更加稳固 (M7b)
    row = edit(pkg, "sections", "part1.1", heading="")
    return {("section-heading", "sections", row, "heading")}


@case
def paragraph_given_a_heading(pkg: Path) -> set[Key]:
    # dictionary: heading "empty for paragraphs"; p07 begins 五年来 (M7c)
    row = edit(pkg, "sections", "p07", heading="五年来")
    return {("section-heading", "sections", row, "heading")}


@case
def paragraph_and_part_lines_emptied(pkg: Path) -> set[Key]:
    # p07 is line 7; part one's heading 一、过去五年工作回顾 is line 6 (M7d)
    paragraph = edit(pkg, "sections", "p07", line="")
    part = edit(pkg, "sections", "part1", line="")
    return {
        ("section-line", "sections", paragraph, "line"),
        ("section-line", "sections", part, "line"),
    }


@case
def money_metric_price_basis_emptied(pkg: Path) -> set[Key]:
    # dictionary metrics.price_basis: "Every level of money in the report is nominal" (M8)
    row = edit(pkg, "metrics", "digital_industrialization_value_added", price_basis="")
    return {("price-basis", "metrics", row, "price_basis")}


@case
def count_metric_given_a_price_basis(pkg: Path) -> set[Key]:
    # "empty for metrics that are not money": roads handed over are counted (条)
    row = edit(pkg, "metrics", "acquired_roads_handed_over", price_basis="nominal")
    return {("price-basis", "metrics", row, "price_basis")}


@case
def target_period_moved_off_the_printed_year(pkg: Path) -> set[Key]:
    # 2022年全区经济社会发展主要预期目标是:地区生产总值超过1万亿元: the period, not
    # period_inferred, is wrong (W1); the id and the base indicator follow the period
    row = edit(pkg, "targets", "gdp.level.2022", period="2023")
    return {
        ("period-year", "targets", row, "period"),
        ("id-mismatch", "targets", row, "target_id"),
        ("base-indicator", "targets", row, "base_indicator_id"),
    }


@case
def base_year_fact_said_to_print_its_period(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元: 2016 is the base year, the 2021 level is
    # inferred; a false period_inferred is the wrong cell, not the period
    row = edit(pkg, "indicators", "gdp.level.2021", period_inferred="false")
    return {("period-inferred", "indicators", row, "period_inferred")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_in_a_strict_run(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg, strict=True)
    assert {(c, r, n) for c, r, n, _ in keys(report)} >= {(c, r, n) for c, r, n, _ in expected}
