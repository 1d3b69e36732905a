"""The open gaps of issue #11: flips a cold attacker found the validator still called VALID.

Each case edits one copy of the shipped package (re-stamped, so that only the targeted check
can catch it) and asserts the exact set of problems: code, resource, row and field. The
source sentence each case relies on is quoted in its comment. Legitimate derived packages
(row subsets, shuffled rows, an extension column) stay VALID under the same rules.
"""

from __future__ import annotations

import json
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
    table_path,
    write_table,
)
from derived import derive

from haidian_report.validate import validate

CASES, case = case_registry()


# --- 1. period_inferred against the years the sentence prints ------------------------------


@case
def period_inferred_set_where_the_year_is_printed(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元: 2016 is printed
    row = edit(pkg, "indicators", "gdp.level.2016", period_inferred="true")
    return {("period-inferred", "indicators", row, "period_inferred")}


@case
def period_inferred_cleared_where_no_year_is_printed(pkg: Path) -> set[Key]:
    # 高新技术企业从业人员140万,其中研发人员47万: no year printed, 2021 inferred
    row = edit(
        pkg, "indicators", "high_tech_enterprise_rd_personnel.level.2021", period_inferred="false"
    )
    return {("period-inferred", "indicators", row, "period_inferred")}


@case
def period_inferred_set_on_a_target_whose_year_is_printed(pkg: Path) -> set[Key]:
    # 2022年全区经济社会发展主要预期目标是:地区生产总值超过1万亿元
    row = edit(pkg, "targets", "gdp.level.2022", period_inferred="true")
    return {("period-inferred", "targets", row, "period_inferred")}


# --- 2. invented Chinese names ------------------------------------------------------------


@case
def invented_alias_of_a_program(pkg: Path) -> set[Key]:
    # 农业银行北京自贸试验区分行 is printed; 农行自贸分行 is not, anywhere in the report
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", aliases_zh="农行自贸分行")
    return {("name-unprinted", "programs", row, "aliases_zh")}


@case
def invented_second_alias_of_a_term(pkg: Path) -> set[Key]:
    row = edit(pkg, "terms", "beijing_most_beautiful_streets", aliases_zh="最美街巷 | 美丽街巷评选")
    return {("name-unprinted", "terms", row, "aliases_zh")}


@case
def invented_name_of_a_program(pkg: Path) -> set[Key]:
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", name_zh="农业银行北京分行")
    _, mentions = read_table(pkg, "program_mentions")
    quoting = {n for n, r in enumerate(mentions, 1) if r[1] == "abc_beijing_ftz_branch"}
    return {("name-unprinted", "programs", row, "name_zh")} | {
        ("mention-name", "program_mentions", n, "quote") for n in quoting
    }


def test_an_alias_no_mention_quotes_is_reported_in_a_strict_run(
    pristine: Path, tmp_path: Path
) -> None:
    # 海淀 is printed everywhere, but no mention of the bank quotes it: an invented alias
    pkg = copy_package(pristine, tmp_path / "pkg")
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", aliases_zh="海淀")
    assert validate(pkg).valid  # a derived package may drop mentions: only strict can tell
    assert keys(validate(pkg, strict=True)) == {("name-unused", "programs", row, "aliases_zh")}


# --- 3. scope against the printed words ---------------------------------------------------


@case
def share_of_beijing_made_haidian(pkg: Path) -> set[Key]:
    # …预计增至9500亿元,全市占比由21.8%增至24%: a share of the whole city
    row = edit(pkg, "indicators", "gdp.share.2021", scope="haidian")
    return {("scope-words", "indicators", row, "scope")}


@case
def share_of_the_city_made_haidian_in_zhan_quanshi_de(pkg: Path) -> set[Key]:
    # 实际利用外资预计61.7亿美元,占全市的40%
    row = edit(pkg, "indicators", "foreign_investment_utilized.share.2021", scope="haidian")
    return {("scope-words", "indicators", row, "scope")}


@case
def a_level_made_a_share_of_beijing(pkg: Path) -> set[Key]:
    # 地区生产总值…预计增至9500亿元: the district's own level
    row = edit(pkg, "indicators", "gdp.level.2021", scope="share_of_beijing")
    return {("scope-words", "indicators", row, "scope")}


@case
def rank_among_the_six_districts_made_a_city_rank(pkg: Path) -> set[Key]:
    # 森林覆盖率35.78%,居城六区首位
    row = edit(pkg, "indicators", "forest_coverage_rate.rank.2021", scope="beijing_rank")
    return {("scope-words", "indicators", row, "scope")}


@case
def subset_made_the_whole_district(pkg: Path) -> set[Key]:
    # 其中境内上市企业165家: of which (a subset of the listed companies)
    row = edit(pkg, "indicators", "domestic_listed_companies.level.2021", scope="haidian")
    return {("scope-words", "indicators", row, "scope")}


# --- 4. price basis against the note's stated convention ----------------------------------


@case
def fiscal_revenue_growth_made_comparable(pkg: Path) -> set[Key]:
    # note: "Nominal by convention: fiscal revenue is never deflated"
    row = edit(
        pkg, "indicators", "general_budget_revenue.growth_yoy.2021", price_basis="comparable"
    )
    return {("price-basis-stated", "indicators", row, "price_basis")}


@case
def gdp_growth_made_nominal(pkg: Path) -> set[Key]:
    # note: "Growth at comparable prices by the convention of Chinese statistics for GDP"
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", price_basis="nominal")
    return {("price-basis-stated", "targets", row, "price_basis")}


@case
def gdp_growth_made_unknown(pkg: Path) -> set[Key]:
    row = edit(
        pkg, "indicators", "gdp.growth_yoy.2021", price_basis="unknown", price_basis_source=""
    )
    return {("price-basis-stated", "indicators", row, "price_basis")}


@case
def growth_of_money_without_a_basis(pkg: Path) -> set[Key]:
    row = edit(
        pkg,
        "indicators",
        "general_budget_revenue.cagr.2017-2021",
        price_basis="",
        price_basis_source="",
    )
    return {("price-basis", "indicators", row, "price_basis")}


@case
def price_basis_said_to_be_printed(pkg: Path) -> set[Key]:
    # 区级一般公共预算收入…增长: no 可比价/现价 printed in the sentence
    row = edit(
        pkg, "indicators", "general_budget_revenue.growth_yoy.2021", price_basis_source="text"
    )
    return {("price-basis-stated", "indicators", row, "price_basis_source")}


# --- 5. numbers written plainly -----------------------------------------------------------


@case
def number_with_a_plus_sign(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", value="+590800000000")
    return {("number-form", "indicators", row, "value")}


@case
def number_with_a_leading_zero(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.share.2016", value="021.8")
    return {("number-form", "indicators", row, "value")}


@case
def integer_with_a_leading_zero(pkg: Path) -> set[Key]:
    start = cell(pkg, "indicators", "gdp.level.2016", "value_start")
    row = edit(pkg, "indicators", "gdp.level.2016", value_start="0" + start)
    return {("number-form", "indicators", row, "value_start")}


@case
def integer_with_a_plus_sign_in_another_table(pkg: Path) -> set[Key]:
    header, rows = read_table(pkg, "sentences")
    rows[0][header.index("line")] = "+" + rows[0][header.index("line")]
    write_table(pkg, "sentences", header, rows)
    return {("number-form", "sentences", 1, "line")}


@case
def number_with_a_bare_decimal_point(pkg: Path) -> set[Key]:
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", stated_value=".76e1")
    return {("number-form", "checks", row, "stated_value")}


# --- 6. no follow-on problems; what is missing is said ------------------------------------


@case
def sentence_deleted_reports_only_the_dangling_references(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元,… (p09.s02): its 预计 is not re-reported
    header, rows = read_table(pkg, "sentences")
    write_table(pkg, "sentences", header, [r for r in rows if r[0] != "p09.s02"])
    expected: set[Key] = set()
    for res in json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        name = res["name"]
        if "schema" not in res or name == "sentences":
            continue
        h, rs = read_table(pkg, name)
        if "sentence_id" in h:
            at = h.index("sentence_id")
            expected |= {
                ("foreign-key", name, n, "sentence_id")
                for n, r in enumerate(rs, 1)
                if r[at] == "p09.s02"
            }
    assert expected
    return expected


@case
def flipped_fact_moved_to_another_metric_with_its_id(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元…: 社会消费品零售总额 (retail sales) is not printed there
    row = rename(
        pkg, "indicators", "gdp.level.2016", "retail_sales.level.2016", metric_id="retail_sales"
    )
    return {
        ("metric-word", "indicators", row, "metric_id"),  # the words before the figure
        ("metric-name", "indicators", row, "metric_id"),  # the paragraph never names it
    }


@case
def level_made_cumulative_with_its_id(pkg: Path) -> set[Key]:
    row = rename(pkg, "indicators", "gdp.level.2016", "gdp.cumulative.2016", measure="cumulative")
    return {("measure-period", "indicators", row, "period")}


@case
def cagr_made_a_growth_rate_of_its_last_year(pkg: Path) -> set[Key]:
    # 地区生产总值…年均增长7.6%: 年均增长 is an average annual rate, over the five years
    new = "gdp.growth_yoy.2017-2021"
    row = rename(pkg, "indicators", "gdp.cagr.2017-2021", new, measure="growth_yoy")
    return {
        ("measure-word", "indicators", row, "measure"),
        ("measure-period", "indicators", row, "period"),  # a growth_yoy is of one year
    }


@case
def estimate_reached_by_an_earlier_expected(pkg: Path) -> set[Key]:
    # 预计全年…空气质量优良天数增加43%: 预计 opens the group the figure stands in
    row = edit(pkg, "indicators", "good_air_quality_days.change.2021", estimated="false")
    return {("estimated-marker", "indicators", row, "estimated")}


@case
def expected_target_made_firmless(pkg: Path) -> set[Key]:
    # 2022年…主要预期目标是:地区生产总值超过1万亿元,增长6%以上: 预期目标 reaches the value
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", firmness="")
    return {("firmness-marker", "targets", row, "firmness")}


@case
def program_the_review_names_made_planned(pkg: Path) -> set[Key]:
    # 全市首家自由贸易业务专营银行——农业银行北京自贸试验区分行挂牌运营 (part one)
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", status="planned")
    return {("program-status", "programs", row, "status")}


@case
def completed_stage_made_started_or_resumed_with_its_id(pkg: Path) -> set[Key]:
    # 竣工5000套: completed (竣工), not 开复工
    key = "jushan_jingchang_housing.flow.2022.completed"
    new = "jushan_jingchang_housing.flow.2022.started_or_resumed"
    row = rename(pkg, "targets", key, new, variant="started_or_resumed")
    return {("variant-word", "targets", row, "variant")}


@case
def stage_dropped_from_a_metric_counted_at_several_stages(pkg: Path) -> set[Key]:
    # old compounds renovated: implemented (实施) in the review, completed (完成) in the plan
    key = "old_residential_compounds_renovated.cumulative.2017-2021.implemented"
    new = "old_residential_compounds_renovated.cumulative.2017-2021"
    row = rename(pkg, "indicators", key, new, variant="")
    return {("variant-word", "indicators", row, "variant")}


@case
def frame_verb_not_printed_before_the_name(pkg: Path) -> set[Key]:
    # 推动“五新”政策和“五子”落地: the verb before the name is 推动, not 建设
    row = edit(pkg, "program_mentions", "five_new_policies@337", frame_verb="建设")
    return {("mention-frame-verb", "program_mentions", row, "frame_verb")}


@case
def frame_verb_dropped_where_one_is_printed(pkg: Path) -> set[Key]:
    row = edit(pkg, "program_mentions", "five_new_policies@337", frame_verb="")
    return {("mention-frame-verb", "program_mentions", row, "frame_verb")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_gap_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)


def test_a_missing_path_is_named_as_given(tmp_path: Path) -> None:
    given = tmp_path / "nonexistent"
    report = validate(given)
    assert [(p.code, p.file) for p in report.problems] == [("not-found", str(given))]


def test_a_missing_table_file_is_said_and_its_references_unchecked(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    table_path(pkg, "terms").unlink()
    report = validate(pkg)
    assert keys(report) == {
        ("missing-file", "terms", None, None),
        ("foreign-key-unchecked", "term_mentions", None, "term_id"),
    }
    assert report.tables == 14  # the tables that exist, not the 15 declared


# --- legitimate derived packages stay VALID -----------------------------------------------


@pytest.mark.parametrize(
    ("table", "seed"),
    [
        ("indicators", 1),
        ("targets", 2),
        ("sentences", 3),
        ("term_mentions", 4),
        ("programs", 5),
        ("metrics", 6),
    ],
)
def test_row_subsets_stay_valid(pristine: Path, tmp_path: Path, table: str, seed: int) -> None:
    rnd = random.Random(seed)
    pkg = derive(pristine, tmp_path / "pkg", table, lambda r: rnd.random() < 0.6)
    report = validate(pkg)
    assert report.valid, report.render(20)


def test_shuffled_rows_and_a_plain_extension_column_stay_valid(
    pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    rnd = random.Random(7)
    for name in ("indicators", "targets", "sentences", "programs", "program_mentions", "terms"):
        header, rows = read_table(pkg, name)
        rnd.shuffle(rows)
        if name == "indicators":
            header.append("x_rank")
            rows = [[*r, str(i - 5)] for i, r in enumerate(rows)]
        write_table(pkg, name, header, rows)

    def declare(data: dict[str, Any]) -> None:
        resource(data, "indicators")["schema"]["fields"].append(
            {"name": "x_rank", "type": "integer"}
        )

    edit_descriptor(pkg, declare)
    report = validate(pkg)
    assert report.valid, report.render(20)


def test_dropping_every_uncited_sentence_stays_valid(pristine: Path, tmp_path: Path) -> None:
    # rules reading a paragraph or sentence skip nothing a derived package may drop
    pkg = copy_package(pristine, tmp_path / "pkg")
    cited: set[str] = set()
    for res in json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        if "schema" in res and res["name"] != "sentences":
            header, rows = read_table(pkg, res["name"])
            if "sentence_id" in header:
                cited |= {r[header.index("sentence_id")] for r in rows}
    header, rows = read_table(pkg, "sentences")
    kept = [r for r in rows if r[0] in cited]
    assert len(kept) < len(rows)
    write_table(pkg, "sentences", header, kept)
    report = validate(pkg)
    assert report.valid, report.render(20)
