"""Derived-package edits that kept every span and number yet changed what a row means.

Each case edits one copy of the shipped package (re-stamped, so that only the targeted rule
can catch it) and asserts the exact set of problems: code, resource, row and field. The words
each case relies on are quoted in its comment. Legitimate derived packages (row subsets,
shuffled rows, extension columns and tables, an improved translation) stay VALID under the same
rules: the tests at the end hold them to it.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from corrupt import (
    Key,
    case_registry,
    cell,
    copy_package,
    edit,
    edit_descriptor,
    keys,
    read_table,
    rename,
    resource,
    write_table,
)
from derived import derive

from haidian_report.validate import validate

CASES, case = case_registry()
#: The codes of the rules this file is for: a legitimate derived package reports none.
CODES = frozenset(
    {
        "check-reason",
        "variant-unnamed",
        "program-type-name",
        "term-explanation-sentence",
        "price-basis-convention",
    }
)


# --- a check's reason switched to another reason of the same verdict ---------------------


@case
def price_basis_reason_switched_to_unknown(pkg: Path) -> set[Key]:
    # 五年年均增长7.6%: GDP growth is at comparable prices by convention (price_basis
    # comparable), the levels at current prices: the basis differs, it is not unknown
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", reason="price_basis_unknown")
    return {("check-reason", "checks", row, "reason")}


@case
def target_price_basis_reason_switched_to_unknown(pkg: Path) -> set[Key]:
    # 地区生产总值超过1万亿元,增长6%以上: real growth against a nominal level
    row = edit(pkg, "checks", "target_vs_base.gdp.level.2022", reason="price_basis_unknown")
    return {("check-reason", "checks", row, "reason")}


@case
def different_variant_switched_to_variant_unstated(pkg: Path) -> set[Key]:
    # 启动6条道路建设 (started) against 79条 completed in 2017-2021: the stages differ
    row = edit(pkg, "checks", "target_vs_base.roads.flow.2022.started", reason="variant_unstated")
    return {("check-reason", "checks", row, "reason")}


# --- a goal variant dropped ---------------------------------------------------------------


@case
def sustained_goal_variant_dropped(pkg: Path) -> set[Key]:
    # 确保空气质量持续改善 beside 完成市政府下达的…空气质量改善任务: two goals for 2022
    row = rename(
        pkg, "targets", "air_quality.change.2022.sustained", "air_quality.change.2022", variant=""
    )
    return {("variant-unnamed", "targets", row, "variant")}


@case
def assigned_task_variant_dropped(pkg: Path) -> set[Key]:
    row = rename(
        pkg,
        "targets",
        "air_quality.change.2022.assigned_task",
        "air_quality.change.2022",
        variant="",
    )
    return {("variant-unnamed", "targets", row, "variant")}


@case
def stage_variant_dropped_beside_another_stage(pkg: Path) -> set[Key]:
    # 累计开复工1203万平方米,竣工548万平方米: two stages of one total
    key = "north_zone_floor_area.cumulative.2017-2021.completed"
    new = "north_zone_floor_area.cumulative.2017-2021"
    row = rename(pkg, "indicators", key, new, variant="")
    # a metric counted at several stages names one on every fact (variant-word) as well
    return {
        ("variant-unnamed", "indicators", row, "variant"),
        ("variant-word", "indicators", row, "variant"),
    }


# --- a program's type against its printed name --------------------------------------------


@case
def action_plan_made_an_action(pkg: Path) -> set[Key]:
    # 中关村科学城北区发展行动计划: a name ending 行动计划 is a plan
    row = edit(pkg, "programs", "zhongguancun_science_city_north_action_plan", type="action")
    return {("program-type-name", "programs", row, "type")}


@case
def reform_made_a_mechanism(pkg: Path) -> set[Key]:
    # 财政管理改革: a name ending 改革 is a reform
    row = edit(pkg, "programs", "fiscal_management_reform", type="mechanism")
    return {("program-type-name", "programs", row, "type")}


# --- a term's explanation pointing at an unrelated sentence --------------------------------


@case
def term_source_pointed_at_an_unrelated_sentence(pkg: Path) -> set[Key]:
    # 三水 is spelt out in p72.s04 (加强水资源、水生态、水环境“三水”统筹); p10.s06 is
    # 全国双拥模范城创建实现“九连冠”。, a real sentence about something else
    row = edit(pkg, "terms", "three_waters", explanation_source="p10.s06")
    return {("term-explanation-sentence", "terms", row, "explanation_source")}


@case
def term_source_given_an_unrelated_second_sentence(pkg: Path) -> set[Key]:
    # 违法群租房、占道经营、开墙打洞“动态清零” (p24.s04); p10.s06 does not print 动态清零
    row = edit(pkg, "terms", "dynamic_clearance", explanation_source="p24.s04, p10.s06")
    return {("term-explanation-sentence", "terms", row, "explanation_source")}


@case
def term_explanation_names_a_sentence_its_source_does_not_cite(pkg: Path) -> set[Key]:
    # "…which p52.s02 names under the heading of building the Two Zones (p52.s01)"
    row = edit(pkg, "terms", "two_zones", explanation_source="p52.s01")
    return {("term-explanation-sentence", "terms", row, "explanation_en")}


def test_a_sentence_in_the_paragraph_of_a_cited_one_that_prints_the_term_is_about_it() -> None:
    from haidian_report.validate.rules.term_sources import unrelated

    # 加快推进“两区”建设。大力推动…高水平建设国家服务业扩大开放综合示范区和自由贸易试验区
    sentences = {"p52.s01": ("p52", "加快推进“两区”建设。"), "p52.s02": ("p52", "高水平建设…")}
    assert unrelated(["两区"], ["p52.s01", "p52.s02"], sentences) == []
    assert unrelated(["两区"], ["p52.s02"], sentences) == ["p52.s02"]
    # 走在国际科技创新中心建设的最前头…: three characters of 三个走在最前头 tie it to the term
    spelt = {"p43.s04": ("p43", "始终走在国际科技创新中心建设的最前头")}
    assert unrelated(["三个走在最前头"], ["p43.s04"], spelt) == []


# --- a price basis flipped together with the note that states the convention --------------


@case
def gdp_growth_made_nominal_with_its_note(pkg: Path) -> set[Key]:
    # 地区生产总值预计增长10%以上,五年年均增长7.6%: no basis printed; GDP growth is at
    # comparable prices by the convention of Chinese statistics, whatever the note says
    row = edit(
        pkg,
        "indicators",
        "gdp.cagr.2017-2021",
        price_basis="nominal",
        note="Nominal by convention: the report does not print the basis.",
    )
    return {("price-basis-convention", "indicators", row, "price_basis")}


@case
def fiscal_revenue_growth_made_unknown_with_its_note(pkg: Path) -> set[Key]:
    # 区级一般公共预算收入增长4%: fiscal revenue is never deflated
    row = edit(
        pkg,
        "targets",
        "general_budget_revenue.growth_yoy.2022",
        price_basis="unknown",
        price_basis_source="",
        note="Price basis unknown: the report does not say.",
    )
    return {("price-basis-convention", "targets", row, "price_basis")}


@case
def industrial_output_growth_made_nominal_with_its_note(pkg: Path) -> set[Key]:
    # 规模以上工业总产值预计3100亿元,五年年均增长12.3%: published on both bases
    row = edit(
        pkg,
        "indicators",
        "industrial_output_above_scale.cagr.2017-2021",
        price_basis="nominal",
        price_basis_source="convention",
        note="Nominal by convention: industrial output is not deflated.",
    )
    return {("price-basis-convention", "indicators", row, "price_basis")}


# --- a direction, a level or flow, a goal's measure against the words ---------------------


@case
def growth_rate_given_direction_increase(pkg: Path) -> set[Key]:
    # 区级一般公共预算收入预计490.2亿元,增长8%: only a fall has a direction
    row = edit(pkg, "indicators", "general_budget_revenue.growth_yoy.2021", direction="increase")
    return {("direction-increase", "indicators", row, "direction")}


@case
def dated_level_made_a_flow(pkg: Path) -> set[Key]:
    # 常住人口由2016年的364万减至313.2万: a level at a date; nothing was done in 2016
    row = rename(
        pkg, "indicators", "resident_population.level.2016", "resident_population.flow.2016",
        measure="flow",
    )  # fmt: skip
    return {("flow-level", "indicators", row, "measure")}


@case
def dated_flow_made_a_level(pkg: Path) -> set[Key]:
    # 2021年,签约落地重点项目90余个: what the year did
    row = rename(
        pkg, "indicators", "key_projects_signed.flow.2021", "key_projects_signed.level.2021",
        measure="level",
    )  # fmt: skip
    return {("flow-level", "indicators", row, "measure")}


@case
def one_year_task_made_a_level(pkg: Path) -> set[Key]:
    # 新增轨道交通11公里: a one-year task of 2022 counting what the year adds
    row = rename(
        pkg, "targets", "rail_transit_length_added.flow.2022",
        "rail_transit_length_added.level.2022", measure="level",
    )  # fmt: skip
    return {("flow-level", "targets", row, "measure")}


@case
def qualitative_goal_made_a_flow(pkg: Path) -> set[Key]:
    # 确保房屋市场规范有序: a state to keep, with no number
    row = rename(
        pkg, "targets", "housing_market_order.level.2022", "housing_market_order.flow.2022",
        measure="flow",
    )  # fmt: skip
    return {("flow-level", "targets", row, "measure"), ("goal-measure", "targets", row, "measure")}


@case
def qualitative_change_goal_made_a_level(pkg: Path) -> set[Key]:
    # 水生态稳中向好: a change of state
    row = rename(
        pkg, "targets", "water_ecology.change.2022", "water_ecology.level.2022", measure="level"
    )
    return {("goal-measure", "targets", row, "measure")}


@case
def forefront_goal_made_a_level(pkg: Path) -> set[Key]:
    # 始终走在国际科技创新中心建设的最前头: a place to hold is a rank
    key = "international_innovation_centre_building.rank.2022-2026"
    new = "international_innovation_centre_building.level.2022-2026"
    row = rename(pkg, "targets", key, new, measure="level")
    return {("goal-measure", "targets", row, "measure")}


# --- the numbers of a check's or derivation's explanation ---------------------------------


def _explained(pkg: Path, table: str, key: str, old: str, new: str) -> int:
    text = cell(pkg, table, key, "explanation_en")
    assert old in text
    return edit(pkg, table, key, explanation_en=text.replace(old, new, 1))


@case
def computed_cagr_edited_in_the_explanation(pkg: Path) -> set[Key]:
    # "Endpoint CAGR 9.97% … from 5908亿元 (2016) → 9500亿元 (2021, est.)": the point is 9.96554
    row = _explained(pkg, "checks", "cagr_vs_levels.gdp", "CAGR 9.97%", "CAGR 9.79%")
    return {("explanation-number", "checks", row, "explanation_en")}


@case
def deflator_bound_edited_in_the_explanation(pkg: Path) -> set[Key]:
    # "implied average deflator 2.20% (2.04% to 2.36%)": (1 + 9.84768%) / (1 + 7.65%) − 1
    row = _explained(pkg, "checks", "cagr_vs_levels.gdp", "(2.04% to", "(2.54% to")
    return {("explanation-number", "checks", row, "explanation_en")}


@case
def cited_figure_edited_in_a_derivation(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元: the derivation cites 5908亿元 (2016)
    row = _explained(pkg, "derivations", "endpoint_change.gdp.level", "5908亿元", "5980亿元")
    return {("explanation-number", "derivations", row, "explanation_en")}


@case
def remainder_edited_in_the_explanation(pkg: Path) -> set[Key]:
    # 现有上市企业252家,其中境内上市企业165家: "leaving 87家" (252 − 165)
    key = "part_within_whole.domestic_listed_companies.2021"
    row = _explained(pkg, "checks", key, "leaving 87家", "leaving 78家")
    return {("explanation-number", "checks", row, "explanation_en")}


@case
def year_edited_in_the_explanation(pkg: Path) -> set[Key]:
    # "5908亿元 (2016) → 9500亿元 (2021, est.)": 2017 is no year of the inputs
    row = _explained(pkg, "derivations", "endpoint_change.gdp.level", "(2016)", "(2017)")
    return {("explanation-number", "derivations", row, "explanation_en")}


def test_every_shipped_explanation_number_is_explained_and_edits_are_caught() -> None:
    from haidian_report.validate.rules.explained_numbers import Input, unexplained

    # 常住人口由2016年的364万减至313.2万 → "a change of −13.96% (−14.09% to −13.82%)"
    start = Input("常住人口由2016年的364万减至313.2万", "364", 3_640_000.0, "exact", "2016")
    end = Input("常住人口由2016年的364万减至313.2万", "313.2", 3_132_000.0, "exact", "2021")
    text = (
        "Not printed: 364万 (2016) → 313.2万 (2021) is a change of −13.96% (−14.09% to "
        "−13.82% given rounding); the report prints the endpoints, not the change."
    )
    own = [-13.956, -14.0878, -13.8239]
    assert unexplained(text, own, [start, end]) == []
    assert unexplained(text.replace("14.09", "14.90"), own, [start, end]) == ["14.90"]
    assert unexplained(text.replace("313.2万 (", "331.2万 ("), own, [start, end]) == ["331.2"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)


# --- legitimate derived packages report none of these --------------------------------------


def _codes(pkg: Path) -> set[str]:
    return {p.code for p in validate(pkg).problems} & CODES


@pytest.mark.parametrize(
    ("table", "seed"),
    [("indicators", 11), ("targets", 12), ("checks", 13), ("derivations", 14), ("terms", 15),
     ("programs", 16), ("sentences", 17), ("check_inputs", 18)],
)  # fmt: skip
def test_row_subsets_report_none_of_these(
    pristine: Path, tmp_path: Path, table: str, seed: int
) -> None:
    rnd = random.Random(seed)
    pkg = derive(pristine, tmp_path / "pkg", table, lambda r: rnd.random() < 0.5)
    assert _codes(pkg) == set()


def test_shuffled_rows_extension_columns_and_tables_report_none_of_these(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    rnd = random.Random(21)
    names = ("indicators", "targets", "checks", "check_inputs", "derivations",
             "derivation_inputs", "programs", "terms", "sentences")  # fmt: skip
    for name in names:
        header, rows = read_table(pkg, name)
        rnd.shuffle(rows)
        header.append("x_note")
        write_table(pkg, name, header, [[*r, "extension"] for r in rows])

    def declare(data: dict[str, Any]) -> None:
        for name in names:
            resource(data, name)["schema"]["fields"].append({"name": "x_note", "type": "string"})

    edit_descriptor(pkg, declare)
    report = validate(pkg)
    assert report.valid, report.render(20)
