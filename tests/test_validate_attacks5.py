"""Edits a cold attacker made VALID (issue #11, attack round 5), each now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field. The
source sentence the fact cites is in each case's comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import (
    Key,
    case_registry,
    cell,
    copy_package,
    edit,
    keys,
    read_table,
    rename,
    row_of,
    write_table,
)

from haidian_report.validate import validate

CASES, case = case_registry()

#: What stays with a fact's identity when two rows trade everything else (the attacker's
#: "swap all but" edit: sentence, quote, value span and value move together).
IDENTITY = (
    "indicator_id", "metric_id", "measure", "variant", "period", "base_period",
    "period_inferred", "unit", "scope", "price_basis", "price_basis_source", "note",
    "direction", "unit_inferred", "target_id", "firmness", "base_indicator_id",
)  # fmt: skip
SPAN = ("value", "value_text", "value_printed", "unit_printed", "value_start", "value_end")


def swap(pkg: Path, table: str, a: str, b: str, columns: tuple[str, ...] | None = None) -> None:
    """Trade ``columns`` (default: every column but the identity) between rows ``a`` and ``b``."""
    header, rows = read_table(pkg, table)
    ra, rb = rows[row_of(pkg, table, a) - 1], rows[row_of(pkg, table, b) - 1]
    for i, c in enumerate(header):
        if (c in columns) if columns is not None else (c not in IDENTITY):
            ra[i], rb[i] = rb[i], ra[i]
    write_table(pkg, table, header, rows)


# --- F1: a fact's own sentence names its metric --------------------------------------------


@case
def two_facts_of_a_paragraph_trade_sentence_quote_and_value(pkg: Path) -> set[Key]:
    # p32.s05 重点食品安全监测抽检合格率99% ; p32.s03 业委会(物管会)组建率98.1%
    a, b = "food_safety_sampling_pass_rate.rate.2021", "owners_committee_formation_rate.rate.2021"
    swap(pkg, "indicators", a, b)
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("metric-sentence", "indicators", r, "sentence_id") for r in rows}


@case
def industry_map_fields_and_innovation_fields_trade_sentences(pkg: Path) -> set[Key]:
    # p17.s06 绘制人工智能、集成电路、医药健康、空天等10个领域的产业图谱 ;
    # p17.s07 在人工智能、集成电路、医药健康等11个领域,开展底层创新技术布局
    a = "industrial_chain_map_fields.cumulative.2017-2021"
    b = "underlying_innovation_fields.cumulative.2017-2021"
    swap(pkg, "indicators", a, b)
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("metric-sentence", "indicators", r, "sentence_id") for r in rows}


def test_a_sentence_that_names_no_metric_leaves_its_subject_to_the_paragraph(
    pristine: Path,
) -> None:
    # p20.s03 累计开复工1203万平方米,竣工548万平方米 is about 中关村科学城北区建设 (p20.s02):
    # the shipped rows cite it and stay valid; the rule's paragraph exception is what keeps them
    header, rows = read_table(pristine, "indicators")
    cited = {r[0] for r in rows if r[header.index("sentence_id")] == "p20.s03"}
    assert cited == {
        "north_zone_floor_area.cumulative.2017-2021.started_or_resumed",
        "north_zone_floor_area.cumulative.2017-2021.completed",
    }
    assert not {k for k in keys(validate(pristine)) if k[0] == "metric-sentence"}


# --- F4: an alias is never another metric's name --------------------------------------------


@case
def tax_cuts_filed_under_exports_with_an_alias_that_is_their_name(pkg: Path) -> set[Key]:
    # p36.s06 为企业减免税费650亿元: a tax cut (减免税费), not exports (出口额)
    row = edit(pkg, "metrics", "export_value", aliases_zh="减免税费")
    return {("metric-alias-name", "metrics", row, "aliases_zh")}


@case
def retail_sales_given_the_name_of_gdp_as_an_alias(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元: gdp's name, never retail sales'
    row = edit(pkg, "metrics", "retail_sales", aliases_zh="地区生产总值")
    return {("metric-alias-name", "metrics", row, "aliases_zh")}


def test_a_shared_stem_of_the_metrics_own_name_is_an_alias(pristine: Path) -> None:
    # 老旧小区改造 is the name of old_residential_renovation_area and the alias of the metrics
    # whose names it begins (老旧小区改造小区, 实施老旧小区改造楼栋, 老旧小区改造惠及居民)
    header, rows = read_table(pristine, "metrics")
    name, aliases = header.index("name_zh"), header.index("aliases_zh")
    stems = [r for r in rows if "老旧小区改造" in r[aliases].split(" | ")]
    assert len(stems) >= 3 and all("老旧小区改造" in r[name] for r in stems)
    assert not {k for k in keys(validate(pristine)) if k[0] == "metric-alias-name"}


# --- F2: 分别 gives its figures to the names before it in order ----------------------------


@case
def respectively_listed_coverage_rates_swapped(pkg: Path) -> set[Key]:
    # p32.s03 党组织和物业服务覆盖率分别达100%、97.3%: party organisations 100%
    a, b = "party_organization_coverage_rate.rate.2021", "property_service_coverage_rate.rate.2021"
    swap(pkg, "indicators", a, b, SPAN)
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("respectively-order", "indicators", r, "value_start") for r in rows}


@case
def respectively_listed_rates_swapped_by_metric_and_id(pkg: Path) -> set[Key]:
    # p32.s03 党组织和物业服务覆盖率分别达100%、97.3%: the metrics (and ids) trade places
    a, b = "party_organization_coverage_rate.rate.2021", "property_service_coverage_rate.rate.2021"
    swap(pkg, "indicators", a, b, ("metric_id",))
    header, rows = read_table(pkg, "indicators")
    for r in rows:  # each id follows its metric, so only the order of the list is wrong
        r[0] = {a: b, b: a}.get(r[0], r[0])
    write_table(pkg, "indicators", header, rows)
    rows_ = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("respectively-order", "indicators", r, "value_start") for r in rows_}


@case
def respectively_listed_intensities_swapped_with_their_derivations(pkg: Path) -> set[Key]:
    # p09.s06 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%: water 45.4%, energy 27.9%
    a = "water_consumption_per_unit_gdp.change.2021"
    b = "energy_consumption_per_unit_gdp.change.2021"
    swap(pkg, "indicators", a, b, SPAN)
    da = "implied_total_change.water_consumption_per_unit_gdp.2021"
    db = "implied_total_change.energy_consumption_per_unit_gdp.2021"
    swap(pkg, "derivations", da, db, ("point", "low", "high"))
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("respectively-order", "indicators", r, "value_start") for r in rows}


# --- F3: number-then-name lists: the name after the figure is its metric's ------------------


@case
def medical_alliances_printed_number_then_name_swapped(pkg: Path) -> set[Key]:
    # p31 建成6个综合医联体、5个专科医联体
    a = "comprehensive_medical_alliances.cumulative.2017-2021"
    b = "specialist_medical_alliances.cumulative.2017-2021"
    swap(pkg, "indicators", a, b, SPAN)
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("metric-word-after", "indicators", r, "metric_id") for r in rows}


@case
def vaccination_teams_swapped_with_the_quote_widened(pkg: Path) -> set[Key]:
    # 组建29支常驻接种队和31支上门服务接种队
    a, b = "resident_vaccination_teams.flow.2021", "mobile_vaccination_teams.flow.2021"
    swap(pkg, "indicators", a, b, SPAN)
    edit(pkg, "indicators", a, **{c: cell(pkg, "indicators", b, c) for c in QUOTE})
    rows = (row_of(pkg, "indicators", a), row_of(pkg, "indicators", b))
    return {("metric-word-after", "indicators", r, "metric_id") for r in rows}


@case
def health_centre_and_station_targets_swapped(pkg: Path) -> set[Key]:
    # p66 加快推进3个社区卫生服务中心、12个社区卫生服务站
    a = "community_health_centres_under_construction.flow.2022"
    b = "community_health_stations.flow.2022.under_construction"
    swap(pkg, "targets", a, b, SPAN)
    edit(pkg, "targets", a, **{c: cell(pkg, "targets", b, c) for c in QUOTE})
    rows = (row_of(pkg, "targets", a), row_of(pkg, "targets", b))
    return {("metric-word-after", "targets", r, "metric_id") for r in rows}


def test_every_shipped_figure_followed_by_a_name_is_followed_by_its_own(pristine: Path) -> None:
    # the rule is not vacuous: these number-then-name figures are read, and pass
    for table, key, after in (
        ("indicators", "comprehensive_medical_alliances.cumulative.2017-2021", "综合医联体"),
        ("indicators", "resident_vaccination_teams.flow.2021", "常驻接种队"),
        ("targets", "community_health_stations.flow.2022.under_construction", "社区卫生服务站"),
    ):
        quote = cell(pristine, table, key, "quote")
        assert cell(pristine, table, key, "value_text") + after in quote
    assert not {k for k in keys(validate(pristine)) if k[0] in LIST_CODES}


LIST_CODES = ("metric-word-after", "respectively-order")
QUOTE = ("quote", "quote_start", "quote_end")


# --- F5: a unit the quote prints no word of ------------------------------------------------


@case
def resident_population_counted_in_households(pkg: Path) -> set[Key]:
    # p09 常住人口由2016年的364万减至313.2万: people (人口), not households (户)
    edit(pkg, "metrics", "resident_population", unit="household")
    rows = [
        edit(pkg, "indicators", f"resident_population.level.{y}", unit="household")
        for y in (2016, 2021)
    ]
    return {("unit-word", "indicators", r, "unit") for r in rows}


@case
def high_tech_employees_counted_in_households(pkg: Path) -> set[Key]:
    # 高新技术企业从业人员140万: 1.4 million employees (人员)
    edit(pkg, "metrics", "high_tech_enterprise_employees", unit="household")
    row = edit(pkg, "indicators", "high_tech_enterprise_employees.level.2021", unit="household")
    return {("unit-word", "indicators", row, "unit")}


# --- F6: an inferred period is the anchor of its part ---------------------------------------


def _moved(pkg: Path, table: str, key: str, period: str) -> set[Key]:
    metric, measure, _, *rest = key.split(".")
    new = ".".join([metric, measure, period, *rest])
    row = rename(pkg, table, key, new, period=period)
    return {("period-anchor", table, row, "period")}


@case
def undated_forest_coverage_moved_to_2019(pkg: Path) -> set[Key]:
    # p11.s05 森林覆盖率35.78%,居城六区首位: stated in the 2021 review with no year
    return _moved(pkg, "indicators", "forest_coverage_rate.rate.2021", "2019")


@case
def undated_five_year_work_moved_to_three_years(pkg: Path) -> set[Key]:
    # 建设4个概念验证中心: the five years reviewed, no year printed
    return _moved(pkg, "indicators", "proof_of_concept_centres.cumulative.2017-2021", "2019-2021")


@case
def a_2022_task_moved_to_2025(pkg: Path) -> set[Key]:
    # p66.s03 (2022 tasks) 增加中小学学位1万个
    return _moved(pkg, "targets", "school_places_added.flow.2022", "2025")


@case
def a_2022_task_moved_to_the_five_years(pkg: Path) -> set[Key]:
    # (2022 tasks) 区级政务服务事项全程网办率80%
    return _moved(pkg, "targets", "online_service_rate.rate.2022", "2022-2026")


@case
def a_five_year_goal_cut_to_four_years(pkg: Path) -> set[Key]:
    # p43.s03 明确今后五年的奋斗目标为:深耕中关村改革创新试验田
    return _moved(pkg, "targets", "zhongguancun_reform_test_field.level.2022-2026", "2022-2025")


def test_a_plan_named_for_its_years_keeps_2020(pristine: Path) -> None:
    # p07.s01 实现“十三五”规划主要目标任务: dated to the plan's last year, and valid
    assert cell(pristine, "indicators", "thirteenth_five_year_plan_targets.level.2020", "quote")
    assert not {k for k in keys(validate(pristine)) if k[0] == "period-anchor"}


# --- F8: a base period where none is printed -------------------------------------------------


@case
def groundwater_rise_based_on_2017(pkg: Path) -> set[Key]:
    # 地下水回升6.66米: a rise over the five years reviewed, from 2016
    row = edit(pkg, "indicators", "groundwater_level.change.2021", base_period="2017")
    return {("base-period-unprinted", "indicators", row, "base_period")}


@case
def growth_target_given_a_base_period(pkg: Path) -> set[Key]:
    # p45.s01 地区生产总值超过1万亿元,增长6%以上: growth over 2021, no base period
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", base_period="2020")
    return {("base-period-unprinted", "targets", row, "base_period")}


# --- F11: program links against the build's link rule --------------------------------------


def _link(pkg: Path, program: str, fact: str, *, replace: str | None = None) -> int:
    """Add a link (or move link ``replace`` to ``fact``); return its row number."""
    header, rows = read_table(pkg, "program_links")
    column = "target_id" if fact.endswith(".2022") else "indicator_id"
    new = {"link_id": f"{program}@{fact}", "program_id": program, column: fact}
    row = [new.get(c, "") for c in header]
    if replace is None:
        rows.append(row)
    else:
        rows[row_of(pkg, "program_links", replace) - 1] = row
    write_table(pkg, "program_links", header, rows)
    return row_of(pkg, "program_links", new["link_id"])


@case
def blockchain_link_moved_to_the_items_handled_online(pkg: Path) -> set[Key]:
    # p36.s04 深入推进“区块链+政务服务”,605个政务服务区块链场景落地,1407个事项全程网办: the
    # 1407 items are 全程网办's (linked to full_online_handling), not the blockchain programme's
    old = "blockchain_government_services@blockchain_gov_service_scenarios.cumulative.2017-2021"
    fact = "fully_online_service_items.level.2021"
    row = _link(pkg, "blockchain_government_services", fact, replace=old)
    return {("link-clause", "program_links", row, "program_id")}


@case
def figure_of_an_open_group_linked_to_one_member(pkg: Path) -> set[Key]:
    # p60.s02 推进地铁13号线拆分等4条轨道建设: the 4 lines are not the 13号线 split's
    row = _link(pkg, "line_13_split", "rail_lines_under_construction.flow.2022")
    return {("link-group-member", "program_links", row, "program_id")}


# --- F10: a printed count re-declared a digits exclusion -------------------------------------


def printed_count_hidden_as_a_digits_exclusion(pkg: Path) -> set[Key]:
    # p39 4条街巷先后入选年度十大“北京最美街巷”: four streets selected, a statistic
    key = "most_beautiful_streets.cumulative.2017-2021"
    fact = {c: cell(pkg, "indicators", key, c) for c in ("value_start", "value_end")}
    text, sentence = (cell(pkg, "indicators", key, c) for c in ("value_text", "sentence_id"))
    for table, column in (("indicators", "indicator_id"), ("program_links", "indicator_id")):
        header, rows = read_table(pkg, table)
        write_table(pkg, table, header, [r for r in rows if r[header.index(column)] != key])
    header, rows = read_table(pkg, "exclusions")
    new = {
        "exclusion_id": f"digits@{fact['value_start']}",
        "kind": "digits",
        "reason": "An ordinal in an honour's name, not a statistic.",
        "sentence_id": sentence,
        "quote": text,
        "quote_start": fact["value_start"],
        "quote_end": fact["value_end"],
    }
    rows.append([new[c] for c in header])
    write_table(pkg, "exclusions", header, rows)
    return {("exclusion-counted", "exclusions", len(rows), "quote")}


def test_printed_count_hidden_as_a_digits_exclusion_is_reported_in_a_strict_run(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = printed_count_hidden_as_a_digits_exclusion(pkg)
    assert keys(validate(pkg, strict=True)) == expected
    assert validate(pkg).valid  # a package with fewer facts is not held to completeness


# --- F7: undated work of the review (建设 too) is cumulative ----------------------------------


@case
def undated_building_work_made_a_level_of_2021(pkg: Path) -> set[Key]:
    # p17 建设4个概念验证中心: four built over 2017-2021, no year printed; not a 2021 stock
    key = "proof_of_concept_centres.cumulative.2017-2021"
    new = "proof_of_concept_centres.level.2021"
    row = rename(pkg, "indicators", key, new, measure="level", period="2021")
    return {("measure-period", "indicators", row, "measure")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)
