"""The written rules of curation/README.md, as the build enforces them.

Each test takes a real curated fact, breaks one field the way a curator could, and checks that
the build reports the rule that covers it (file, entry, field). The shipped curation breaks none
(tests/test_package.py::test_build_has_no_curation_problems).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from haidian_build.curation import Curation, Entry, Locator, read_curation
from haidian_build.facts import fact_rows, metric_rows
from haidian_build.package import read_source
from haidian_report.segment import segment


@dataclass(frozen=True)
class Base:
    cur: Curation
    loc: Locator


@pytest.fixture(scope="module")
def base(root: Path) -> Base:
    source = read_source(root)
    _, sentences = segment(source)
    return Base(read_curation(root / "curation"), Locator(source, sentences))


def fields_reported(base: Base, ident: str, **changes: Any) -> dict[str, str]:
    """Build every fact with entry ``ident`` changed; the fields reported for it, with messages.

    A value of ``None`` removes the key. The entry keeps its id in problems (its label).
    """
    cur = Curation()
    found = False
    for kind, entries in base.cur.entries.items():
        for entry in entries:
            if entry.data.get("id") == ident:
                data = {**entry.data, **changes}
                data = {k: v for k, v in data.items() if v is not None}
                entry = Entry(entry.file, entry.kind, data)
                found = True
            cur.entries.setdefault(kind, []).append(entry)
    assert found, ident
    fact_rows(cur, base.loc, metric_rows(cur))
    return {p.field: p.message for p in cur.problems if p.entry == ident}


def test_the_shipped_facts_break_no_rule(base: Base) -> None:
    cur = Curation(entries=base.cur.entries)
    fact_rows(cur, base.loc, metric_rows(cur))
    assert cur.problems == []


# --- id -------------------------------------------------------------------------------


def test_an_id_is_derived_from_metric_measure_period_and_variant(base: Base) -> None:
    # 保障性住房开工建设3.4万套、竣工4.2万套
    reported = fields_reported(
        base, "affordable_housing.cumulative.2017-2021.started", variant="completed"
    )
    assert "affordable_housing.cumulative.2017-2021.completed" in reported["id"]


# --- measure --------------------------------------------------------------------------


def test_a_flow_is_of_one_year_and_a_cumulative_total_of_several(base: Base) -> None:
    # 2021年,签约落地重点项目90余个: a flow of 2021
    reported = fields_reported(base, "key_projects_signed.flow.2021", period="2017-2021")
    assert "a flow is of one year" in reported["period"]
    # 累计新增国家高新技术企业4504家: a total over 2017-2021
    reported = fields_reported(
        base, "national_high_tech_enterprises.cumulative.2017-2021", period="2021"
    )
    assert "a cumulative is over several years" in reported["period"]


def test_cagr_if_and_only_if_nianjun_zengzhang_is_printed(base: Base) -> None:
    # 2021年,地区生产总值预计增长10%以上,五年年均增长7.6%
    reported = fields_reported(base, "gdp.cagr.2017-2021", measure="growth_yoy")
    assert "年均增长 is printed" in reported["measure"]
    reported = fields_reported(base, "gdp.growth_yoy.2021", measure="cagr")
    assert "年均增长 is not printed" in reported["measure"]
    # 细颗粒物年均浓度较2016年预计下降51%: 年均浓度 (annual mean) is no average growth
    assert "measure" not in fields_reported(base, "pm25_annual_concentration.change.2021")


def test_a_rank_is_in_unit_rank_and_a_share_needs_zhan(base: Base) -> None:
    # 2020年高质量发展综合绩效评价全市第一
    reported = fields_reported(
        base, "high_quality_development_evaluation.rank.2020", measure="level"
    )
    assert "unit rank ⇔ measure rank" in reported["measure"]
    # 森林覆盖率35.78%: a rate, not a share (no 占)
    reported = fields_reported(base, "forest_coverage_rate.rate.2021", measure="share")
    assert "needs 占" in reported["measure"]


# --- period ---------------------------------------------------------------------------


def test_period_inferred_if_and_only_if_no_year_of_the_period_is_printed(base: Base) -> None:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元: 2016 printed, 2021 not
    assert "period_inferred" in fields_reported(base, "gdp.level.2016", period_inferred=True)
    assert "period_inferred" in fields_reported(base, "gdp.level.2021", period_inferred=None)


def test_a_part_one_flow_is_dated_by_a_printed_year_not_by_its_subject(base: Base) -> None:
    # 7个社区获评“全国示范性老年友好型社区” prints no year: not a flow of 2021 because the
    # title was first awarded in 2021, but a cumulative total of the five years
    reported = fields_reported(
        base,
        "elderly_friendly_model_communities.cumulative.2017-2021",
        measure="flow",
        period="2021",
    )
    assert "needs its year printed" in reported["measure"]
    # the written exception: 疫苗接种安全有序开展,抽调2400多名医护人员 (the 2021 drive)
    assert "measure" not in fields_reported(base, "vaccination_medical_staff_deployed.flow.2021")
    # 2021年,签约落地重点项目90余个: the year is printed
    assert "measure" not in fields_reported(base, "key_projects_signed.flow.2021")


def test_a_year_printed_in_the_quote_agrees_with_the_period(base: Base) -> None:
    # 2020年高质量发展综合绩效评价全市第一 cannot be a figure of 2021
    reported = fields_reported(base, "high_quality_development_evaluation.rank.2020", period="2021")
    assert "the quote prints 2020" in reported["period"]
    # 2019年和2020年平安建设考核均居全市第一: both years share the value (均)
    assert "period" not in fields_reported(base, "peace_building_assessment.rank.2019")


def test_indicators_are_of_2016_to_2021_and_targets_of_2022_to_2026(base: Base) -> None:
    # 新增轨道交通11公里 is a 2022 task
    reported = fields_reported(base, "rail_transit_length_added.flow.2022", period="2021")
    assert "outside 2022-2026" in reported["period"]


def test_a_count_of_quarters_that_nothing_dates_is_dated_to_the_review_period(base: Base) -> None:
    # 群众安全感满意度15个季度名列城六区第一: no year, no 连续 → 2017-2021, inferred
    for ident in (
        "public_security_satisfaction.duration.2017-2021",
        "public_security_satisfaction.rank.2017-2021",
    ):
        entry = next(e for e in base.cur.of("indicator") if e.data["id"] == ident)
        assert entry.data["period"] == "2017-2021" and entry.data["period_inferred"] is True


def test_an_undated_precedence_is_a_rank_of_the_review_period(base: Base) -> None:
    # “城市大脑”建设走在全市前列: no year printed → a rank of 2017-2021, not of 2021
    found = fields_reported(base, "city_brain_development.rank.2017-2021", period="2021")
    assert "2017-2021" in found["period"]


def test_the_rank_of_a_printed_figure_takes_that_figures_period(base: Base) -> None:
    # 森林覆盖率35.78%,居城六区首位: the rate stands in 2021, so does its rank
    found = fields_reported(base, "forest_coverage_rate.rank.2021", period="2017-2021")
    assert "rank of 2021" in found["period"]
    assert "period" not in fields_reported(base, "forest_coverage_rate.rank.2021")


# --- estimated and firmness -----------------------------------------------------------


def test_estimated_follows_the_reach_of_yuji(base: Base) -> None:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元…连续6年全市第一
    assert "estimated" in fields_reported(base, "gdp.level.2021", estimated=None)
    assert "estimated" in fields_reported(base, "gdp.level.2016", estimated=True)
    reported = fields_reported(
        base, "economic_aggregate_and_growth_contribution.rank.2021", estimated=None
    )
    assert "预计 reaches this figure" in reported["estimated"]
    # …;软件和信息服务业收入预计1.3万亿元…;数字产业化增加值占地区生产总值的50%: ； ends the reach
    reported = fields_reported(
        base, "digital_industrialization_value_added.share.2021", estimated=True
    )
    assert "does not reach" in reported["estimated"]


def test_firmness_is_the_marker_that_reaches_the_value(base: Base) -> None:
    # 加快北区建设进度,开复工527万平方米,力争竣工128万平方米
    reported = fields_reported(
        base, "north_zone_floor_area.flow.2022.started_or_resumed", firmness="strive"
    )
    assert "must be None" in reported["firmness"]
    reported = fields_reported(base, "north_zone_floor_area.flow.2022.completed", firmness=None)
    assert "must be 'strive'" in reported["firmness"]
    # 2022年全区经济社会发展主要预期目标是:…区级一般公共预算收入增长4%
    reported = fields_reported(base, "general_budget_revenue.growth_yoy.2022", firmness="ensure")
    assert "must be 'expected'" in reported["firmness"]


# --- scope ----------------------------------------------------------------------------


def test_a_ranks_scope_is_the_group_its_quote_prints(base: Base) -> None:
    # 2019年和2020年平安建设考核均居全市第一 / 空气质量连续7年城六区最优
    reported = fields_reported(base, "peace_building_assessment.rank.2019", scope="haidian")
    assert "'beijing_rank'" in reported["scope"]
    reported = fields_reported(base, "air_quality.rank.2021", scope="beijing_rank")
    assert "'city_six_districts_rank'" in reported["scope"]


def test_figures_about_paired_regions_have_their_own_scope(base: Base) -> None:
    # 助力7个对口支援地区全部摘帽、15.99万贫困人口全部脱贫
    reported = fields_reported(
        base, "poverty_population_lifted.cumulative.2017-2021", scope="haidian"
    )
    assert "paired_regions" in reported["scope"]


def test_a_streak_of_ranks_has_its_rank_row(base: Base) -> None:
    # 营商环境综合考评连续三年全市第一: without the rank row, 全市第一 would be lost
    cur = Curation()
    for kind, entries in base.cur.entries.items():
        kept = [
            e for e in entries if e.data.get("id") != "business_environment_assessment.rank.2021"
        ]
        cur.entries[kind] = kept
    fact_rows(cur, base.loc, metric_rows(cur))
    reported = {p.field: p.message for p in cur.problems}
    assert "needs its rank row" in reported["measure"]
    assert {p.entry for p in cur.problems} == {"business_environment_assessment.duration.2021"}


def test_a_share_of_beijing_prints_quanshi(base: Base) -> None:
    # 信息、科研、金融业增加值占地区生产总值的70%以上: a share of the district's own GDP
    reported = fields_reported(
        base, "info_research_finance_value_added.share.2021", scope="share_of_beijing"
    )
    assert "share_of_beijing ⇔" in reported["scope"]


# --- price basis ----------------------------------------------------------------------


def test_growth_of_money_states_its_price_basis_and_its_source(base: Base) -> None:
    # 地区生产总值预计增长10%以上,五年年均增长7.6%
    reported = fields_reported(base, "gdp.cagr.2017-2021", price_basis=None)
    assert "required" in reported["price_basis"]
    reported = fields_reported(base, "gdp.cagr.2017-2021", price_basis_source="text")
    assert "prints none of" in reported["price_basis_source"]
    reported = fields_reported(base, "gdp.cagr.2017-2021", note=None)
    assert "names the convention" in reported["note"]
    # 规模以上工业总产值预计3100亿元,五年年均增长12.3%: unknown has no source
    reported = fields_reported(
        base, "industrial_output_above_scale.cagr.2017-2021", price_basis_source="convention"
    )
    assert "empty otherwise" in reported["price_basis_source"]


def test_a_price_basis_by_convention_is_the_one_its_metric_has(base: Base) -> None:
    # 地区生产总值预计增长10%以上,五年年均增长7.6%: GDP grows at comparable prices by convention,
    # whatever the note says
    reported = fields_reported(
        base, "gdp.cagr.2017-2021", price_basis="nominal", note="Nominal by convention."
    )
    assert "comparable by the convention for 地区生产总值" in reported["price_basis"]
    # 出口额预计1300亿元,五年年均增长19%: trade values are not deflated
    reported = fields_reported(
        base, "export_value.cagr.2017-2021", price_basis="unknown", price_basis_source=None
    )
    assert "nominal by the convention for 出口额" in reported["price_basis"]


def test_a_qualitative_goal_has_the_measure_its_words_state(base: Base) -> None:
    # 始终走在国际科技创新中心建设的最前头: a place to hold is a rank
    ident = "international_innovation_centre_building.rank.2022-2026"
    assert "state a rank" in fields_reported(base, ident, measure="level")["measure"]
    # 确保空气质量持续改善: a change of state
    reported = fields_reported(base, "air_quality.change.2022.sustained", measure="level")
    assert "state a change" in reported["measure"]


def test_growth_of_a_count_has_no_price_basis(base: Base) -> None:
    # 发明专利授权预计累计3.7万件,占全市的50%,五年年均增长10%
    reported = fields_reported(
        base, "invention_patents_granted.cagr.2017-2021", price_basis="nominal"
    )
    assert "only growth, CAGR and change rows of money" in reported["price_basis"]


# --- metric identity and variants -----------------------------------------------------


def test_a_different_printed_thing_is_a_different_metric(base: Base) -> None:
    # 建设滨水慢行走廊23公里 (corridors) is not 慢行滨水走廊和亲水岸线 (corridors and shoreline)
    reported = fields_reported(
        base, "waterfront_slow_corridor.flow.2022", metric="waterfront_slow_corridor_and_shoreline"
    )
    assert "a different printed thing is a different metric" in reported["metric"]


def test_the_natural_key_is_unique(base: Base) -> None:
    # 完成市政府下达的…空气质量改善任务 and 确保空气质量持续改善: two goals for 2022
    reported = fields_reported(base, "air_quality.change.2022.sustained", variant="assigned_task")
    assert "is not unique in targets" in reported["variant"]


def test_a_metric_counted_at_several_stages_names_the_stage_on_every_fact(base: Base) -> None:
    # 保障性住房开工建设3.4万套、竣工4.2万套
    reported = fields_reported(
        base, "affordable_housing.cumulative.2017-2021.started", variant=None
    )
    assert "counted at several stages" in reported["variant"]
    # 累计开复工1203万平方米: 开复工 is started_or_resumed, not started (开工)
    reported = fields_reported(
        base, "north_zone_floor_area.cumulative.2017-2021.started_or_resumed", variant="started"
    )
    assert "needs one of ('开工', '启动')" in reported["variant"]


def test_an_unknown_variant_is_refused(base: Base) -> None:
    reported = fields_reported(base, "air_quality.change.2022.sustained", variant="lasting")
    assert "unknown variant" in reported["variant"]


def test_a_per_person_figure_carries_its_denominator_in_the_unit(base: Base) -> None:
    # 人均体育场地面积2.63平方米: square metres per person, not square metres.
    assert "unit" in fields_reported(base, "per_capita_sports_ground_area.level.2021", unit=None)
    # 企业退休职工人均养老金4688元/月: yuan per person per month.
    assert "unit" in fields_reported(base, "enterprise_retiree_pension.level.2021", unit=None)
    # a denominator the text does not print is refused: 出口额预计1300亿元 is not per person.
    assert "unit" in fields_reported(base, "export_value.level.2021", unit="CNY/person")


def test_a_duration_counts_the_districts_own_years(base: Base) -> None:
    # 空气质量连续7年城六区最优: the group is on the rank row, the 7 years are Haidian's.
    reported = fields_reported(base, "air_quality.duration.2021", scope="city_six_districts_rank")
    assert "scope" in reported
