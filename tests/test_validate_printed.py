"""The fact rules read from the printed words around a value (rules/printed.py, measures.py).

Each case is an attack that passed VALID before these rules (the cold attack of 1 December
2026, findings F1-F4, F7, F9-F12): it edits one copy of the shipped package the way the attacker
did, re-stamps it with ``haidian-report restamp``'s function, and asserts the exact set of
problems (code, resource, row, field). The source sentence each case contradicts is quoted in
it. Derived packages a user may make (rows dropped, shuffled, no sentences table) stay VALID
or report nothing these rules invent.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from corrupt import copy_package, read_table, render, table_path
from derived import derive

from haidian_report.paths import package_dir
from haidian_report.restamp import restamp
from haidian_report.validate import Report, validate

Key = tuple[str, str | None, int | None, str | None]
SPAN = ("value", "value_text", "value_printed", "unit_printed", "value_start", "value_end")


@pytest.fixture()
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def rows(pkg: Path, table: str) -> tuple[list[str], list[list[str]]]:
    return read_table(pkg, table)


def row_of(pkg: Path, table: str, key: str) -> int:
    _, body = rows(pkg, table)
    return next(n for n, r in enumerate(body, 1) if r[0] == key)


def cell(pkg: Path, table: str, key: str, column: str) -> str:
    header, body = rows(pkg, table)
    return body[row_of(pkg, table, key) - 1][header.index(column)]


def edit(pkg: Path, table: str, key: str, **cells: str) -> int:
    """Set cells of the row keyed ``key`` (no re-stamp: :func:`check` re-stamps)."""
    header, body = rows(pkg, table)
    n = row_of(pkg, table, key)
    for column, value in cells.items():
        body[n - 1][header.index(column)] = value
    table_path(pkg, table).write_bytes(render(header, body))
    return n


def swap(pkg: Path, table: str, a: str, b: str, columns: tuple[str, ...] = SPAN) -> tuple[int, int]:
    """Swap ``columns`` between two rows (the attacker's value-span swap)."""
    va = {c: cell(pkg, table, a, c) for c in columns}
    vb = {c: cell(pkg, table, b, c) for c in columns}
    return edit(pkg, table, a, **vb), edit(pkg, table, b, **va)


def check(pkg: Path) -> set[Key]:
    """Re-stamp as a user would (``haidian-report restamp``), validate, return the keys."""
    restamp(pkg)
    report: Report = validate(pkg)
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


# --- F1: a figure attached to the wrong stage (variant-word) ---------------------------------


def test_started_and_completed_swapped_are_reported(pkg: Path) -> None:
    # p33.s06 保障性住房开工建设3.4万套、竣工4.2万套
    a, b = swap(
        pkg,
        "indicators",
        "affordable_housing.cumulative.2017-2021.started",
        "affordable_housing.cumulative.2017-2021.completed",
    )
    assert check(pkg) == {
        ("variant-word", "indicators", a, "variant"),
        ("variant-word", "indicators", b, "variant"),
    }


def test_variant_renamed_against_the_stage_printed(pkg: Path) -> None:
    # p33: 实施75个小区、431栋楼、275.7万平方米老旧小区改造 (carried out, not said to be finished)
    old = "old_residential_compounds_renovated.cumulative.2017-2021.implemented"
    new = "old_residential_compounds_renovated.cumulative.2017-2021.completed"
    n = edit(pkg, "indicators", old, indicator_id=new, variant="completed")
    for table in ("check_inputs", "derivation_inputs", "program_links"):
        header, body = rows(pkg, table)
        if "indicator_id" in header:
            i = header.index("indicator_id")
            for r in body:
                r[i] = new if r[i] == old else r[i]
            table_path(pkg, table).write_bytes(render(header, body))
    assert ("variant-word", "indicators", n, "variant") in check(pkg)


def test_a_stage_printed_after_the_value_is_read(pkg: Path) -> None:
    # p24 重点产业项目竣工27个,18个有序推进: 18个 is under construction, not completed
    key = "north_zone_key_industrial_projects.level.2021.under_construction"
    n = edit(pkg, "indicators", key, variant="completed",
             indicator_id="north_zone_key_industrial_projects.level.2021.completed")  # fmt: skip
    assert check(pkg) == {("variant-word", "indicators", n, "variant")}


def test_a_sustained_goal_needs_its_word(pkg: Path) -> None:
    # 确保就业形势总体稳定 prints no 持续 (确保空气质量持续改善 is the sustained one)
    n = edit(pkg, "targets", "employment_situation.change.2022", variant="sustained",
             target_id="employment_situation.change.2022.sustained")  # fmt: skip
    assert check(pkg) == {("variant-word", "targets", n, "variant")}


def test_two_metrics_of_one_quote_swapped_are_reported(pkg: Path) -> None:
    # p36 累计办理各级人大建议1551件、各级政协提案1268件
    a, b = swap(
        pkg,
        "indicators",
        "npc_suggestions_handled.cumulative.2017-2021",
        "cppcc_proposals_handled.cumulative.2017-2021",
    )
    assert check(pkg) == {
        ("metric-word", "indicators", a, "metric_id"),
        ("metric-word", "indicators", b, "metric_id"),
    }


def test_figures_given_respectively_or_each_stay_valid(pristine: Path) -> None:
    # 水耗、能耗预计分别下降45.4%、27.9%; 退出一般制造业企业、疏解整治有形市场各65家:
    # the words right before the second figure name the first metric, and that is right
    report = validate(pristine)
    assert report.valid and not [p for p in report.problems if p.code == "metric-word"]


# --- F2: a qualifier cut out of the span (qualifier-outside-span) ----------------------------


def test_a_bound_cut_out_of_the_span_is_reported(pkg: Path) -> None:
    # p10.s03 城镇登记失业率控制在2.3%以内: an upper bound, not an exact rate
    key = "registered_urban_unemployment_rate.rate.2017-2021"
    end = int(cell(pkg, "indicators", key, "value_end"))
    n = edit(pkg, "indicators", key, value_text="2.3%", value_end=str(end - 2), qualifier="exact")
    assert check(pkg) == {("qualifier-outside-span", "indicators", n, "value_end")}


def test_a_prefix_qualifier_cut_out_of_the_span_is_reported(pkg: Path) -> None:
    # p45.s01 地区生产总值超过1万亿元: more than, not exactly 1万亿元
    key = "gdp.level.2022"
    start = int(cell(pkg, "targets", key, "value_start"))
    n = edit(pkg, "targets", key, value_text="1万亿元", value_start=str(start + 2),
             qualifier="exact")  # fmt: skip
    assert ("qualifier-outside-span", "targets", n, "value_start") in check(pkg)


# --- F9 / F1: one printed figure counted twice (shared-span) ---------------------------------


def test_a_duplicate_fact_with_an_invented_variant_is_reported(pkg: Path) -> None:
    # p09.s02 地区生产总值由2016年的5908亿元…: one figure, one fact
    header, body = rows(pkg, "indicators")
    copy = list(body[row_of(pkg, "indicators", "gdp.level.2016") - 1])
    copy[0] = "gdp.level.2016.restated"
    copy[header.index("variant")] = "restated"
    table_path(pkg, "indicators").write_bytes(render(header, [*body, copy]))
    assert check(pkg) == {("shared-span", "indicators", len(body) + 1, "value_start")}


def test_a_fact_requoted_onto_another_facts_span_is_reported(pkg: Path) -> None:
    # p10.s02 获评全国卫生城区,蝉联“全国文明城区”荣誉称号: 蝉联 is the other title's
    source = (pkg / "data" / "haidian-2021-government-work-report.txt").read_text("utf-8")
    key = "national_health_district.level.2021"
    _, body = rows(pkg, "indicators")
    header = rows(pkg, "indicators")[0]
    other = next(r for r in body if r[header.index("value_text")] == "蝉联" and r[0] != key)
    qs, qe = int(other[header.index("quote_start")]), int(other[header.index("quote_end")])
    vs, ve = int(other[header.index("value_start")]), int(other[header.index("value_end")])
    n = edit(pkg, "indicators", key, quote=source[qs:qe], quote_start=str(qs),
             quote_end=str(qe), value_text=source[vs:ve], value_start=str(vs),
             value_end=str(ve), sentence_id=other[header.index("sentence_id")])  # fmt: skip
    assert check(pkg) == {("shared-span", "indicators", n, "value_start")}


def test_spans_printed_for_several_stay_valid(pristine: Path) -> None:
    # 退出一般制造业企业、疏解整治有形市场各65家; 2019年和2020年平安建设考核均居全市第一
    header, body = rows(pristine, "indicators")
    i, j = header.index("value_start"), header.index("value_end")
    spans = [(r[i], r[j]) for r in body]
    shared = {s for s in spans if spans.count(s) > 1}
    assert len(shared) == 4 and validate(pristine).valid


# --- F3: a sign flipped on an amount (negative-value) ----------------------------------------


def test_a_tax_cut_made_negative_is_reported(pkg: Path) -> None:
    # p36.s06 为企业减免税费650亿元: 650亿元 of tax cut, a positive amount
    n = edit(pkg, "indicators", "tax_and_fee_cuts.cumulative.2017-2021", direction="decrease",
             value="-65000000000")  # fmt: skip
    assert check(pkg) == {
        ("negative-value", "indicators", n, "value"),
        ("negative-value", "indicators", n, "direction"),
    }


# --- F4: a measure the words contradict (measure-word, measure-period) -----------------------


def test_a_rate_called_a_growth_or_a_share_is_reported(pkg: Path, tmp_path: Path) -> None:
    # p11.s05 森林覆盖率35.78%: a rate; no 增长, no 占
    key = "forest_coverage_rate.rate.2021"
    other = copy_package(pkg, tmp_path / "other")
    # (a percent is not money: its growth has no price basis, so none is given)
    n = edit(pkg, "indicators", key, measure="growth_yoy",
             indicator_id="forest_coverage_rate.growth_yoy.2021")  # fmt: skip
    assert check(pkg) == {("measure-word", "indicators", n, "measure")}
    edit(other, "indicators", key, measure="share", indicator_id="forest_coverage_rate.share.2021")
    assert check(other) == {("measure-word", "indicators", n, "measure")}


def test_a_five_year_total_made_a_flow_of_2021_is_reported(pkg: Path) -> None:
    # p33.s05 (five-year review, no year printed): 建成养老机构63家 over 2017-2021
    key = "elderly_care_institutions_built.cumulative.2017-2021"
    n = edit(pkg, "indicators", key, measure="flow", period="2021",
             indicator_id="elderly_care_institutions_built.flow.2021")  # fmt: skip
    assert check(pkg) == {("measure-period", "indicators", n, "measure")}


def test_a_five_year_total_made_a_level_of_2021_is_reported(pkg: Path) -> None:
    # p33.s05 建成养老机构63家: built in the five years (no year printed), not a stock of 2021
    key = "elderly_care_institutions_built.cumulative.2017-2021"
    n = edit(pkg, "indicators", key, measure="level", period="2021",
             indicator_id="elderly_care_institutions_built.level.2021")  # fmt: skip
    assert check(pkg) == {("measure-period", "indicators", n, "measure")}


def test_gdp_made_a_flow_is_reported(pkg: Path) -> None:
    # p09.s02 地区生产总值由2016年的5908亿元: a year's aggregate of money is a level
    n = edit(pkg, "indicators", "gdp.level.2016", measure="flow", indicator_id="gdp.flow.2016")
    for table in ("check_inputs", "derivation_inputs"):
        header, body = rows(pkg, table)
        i = header.index("indicator_id")
        for r in body:
            r[i] = "gdp.flow.2016" if r[i] == "gdp.level.2016" else r[i]
        table_path(pkg, table).write_bytes(render(header, body))
    assert ("measure-period", "indicators", n, "measure") in check(pkg)


def test_a_growth_called_a_cagr_needs_a_range(pkg: Path) -> None:
    # 2021年,地区生产总值预计增长10%以上,五年年均增长7.6%: the CAGR is 年均, over 2017-2021
    n = edit(pkg, "indicators", "gdp.cagr.2017-2021", period="2021",
             indicator_id="gdp.cagr.2021")  # fmt: skip
    assert ("measure-period", "indicators", n, "period") in check(pkg)


# --- F7 / F11: the base (base-period-year, base-indicator) -----------------------------------


def test_a_base_period_against_the_year_printed_is_reported(pkg: Path) -> None:
    # p25.s03 细颗粒物年均浓度较2016年预计下降51%
    n = edit(pkg, "indicators", "pm25_annual_concentration.change.2021", base_period="2019")
    assert check(pkg) == {("base-period-year", "indicators", n, "base_period")}


def test_a_base_indicator_of_another_measure_is_reported(pkg: Path) -> None:
    # p45.s01 地区生产总值超过1万亿元 builds on the 2021 level (9500亿元), not on the 24% share
    n = edit(pkg, "targets", "gdp.level.2022", base_indicator_id="gdp.share.2021")
    assert check(pkg) == {("base-indicator", "targets", n, "base_indicator_id")}


# --- F10: estimated and firmness by the reach of their words ---------------------------------


def test_a_historical_share_marked_estimated_is_reported(pkg: Path) -> None:
    # p09.s02 …全市占比由21.8%增至24%: 预计 reaches 24% (2021), not the 2016 share
    n = edit(pkg, "indicators", "gdp.share.2016", estimated="true")
    assert check(pkg) == {("estimated-marker", "indicators", n, "estimated")}


def test_the_2021_share_marked_final_is_reported(pkg: Path) -> None:
    n = edit(pkg, "indicators", "gdp.share.2021", estimated="false")
    assert check(pkg) == {("estimated-marker", "indicators", n, "estimated")}


def test_firmness_dropped_under_a_list_of_expected_targets_is_reported(pkg: Path) -> None:
    # p45.s01 2022年全区经济社会发展主要预期目标是:…;区级一般公共预算收入增长4%;…
    n = edit(pkg, "targets", "general_budget_revenue.growth_yoy.2022", firmness="")
    assert check(pkg) == {("firmness-marker", "targets", n, "firmness")}


def without_sentences(pkg: Path) -> Path:
    """The package with its sentences table dropped (and the keys that name it)."""
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text("utf-8"))
    data["resources"] = [r for r in data["resources"] if r["name"] != "sentences"]
    for res in data["resources"]:
        keys = res.get("schema", {}).get("foreignKeys", [])
        res.get("schema", {})["foreignKeys"] = [
            k for k in keys if k["reference"].get("resource") != "sentences"
        ]
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return pkg


def test_without_sentences_the_rules_that_read_them_stay_silent(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package without its sentences table: these rules skip rows whose sentence is not
    there (F17: guessing from the quote would blame correct rows)."""
    from haidian_report.validate.rules import engine

    mine = [r for r in engine.RULES if r.function.__module__.rsplit(".", 1)[-1] in (
        "printed", "measures")]  # fmt: skip
    monkeypatch.setattr(engine, "RULES", mine)
    found = check(without_sentences(pkg))
    assert not {k for k in found if k[0] in {r.code for r in mine}}, found


def test_without_sentences_an_estimate_flipped_in_its_quote_is_still_reported(
    pkg: Path,
) -> None:
    # 全社会固定资产投资预计1000亿元: 预计 is in the quote, which rules.facts reads
    n = edit(pkg, "indicators", "fixed_asset_investment.level.2021", estimated="false")
    assert ("estimated-marker", "indicators", n, "estimated") in check(without_sentences(pkg))


# --- F12: a per-10,000 figure read as a plain count (unit-per-word) --------------------------


def test_a_per_10k_unit_dropped_is_reported(pkg: Path) -> None:
    # 每万人发明专利拥有量预计550件: 550 per 10,000 people, not 550 patents
    metric = "invention_patents_per_10k_people"
    _, body = rows(pkg, "indicators")
    key = next(r[0] for r in body if r[1] == metric)
    n = edit(pkg, "indicators", key, unit="count")
    edit(pkg, "metrics", metric, unit="count")
    assert check(pkg) == {("unit-per-word", "indicators", n, "unit")}


def test_a_denominator_the_quote_does_not_print_is_reported(pkg: Path) -> None:
    # 常住人口由2016年的364万减至313.2万: persons, per nothing
    n = edit(pkg, "indicators", "resident_population.level.2021", unit="count/10k_person")
    assert ("unit-per-word", "indicators", n, "unit") in check(pkg)


# --- legitimate derived packages stay VALID --------------------------------------------------


def test_rows_shuffled_and_subsets_stay_valid(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "shuffled")
    for table in ("indicators", "targets"):
        header, body = rows(pkg, table)
        random.Random(11).shuffle(body)
        table_path(pkg, table).write_bytes(render(header, body))
    assert check(pkg) == set()
    part = derive(pristine, tmp_path / "part", "indicators", lambda r: r["measure"] != "level")
    assert validate(part).valid, validate(part).render(20)
    stages = derive(pristine, tmp_path / "stages", "indicators", lambda r: not r["variant"])
    assert validate(stages).valid, validate(stages).render(20)


def test_every_shipped_fact_holds_the_printed_rules() -> None:
    """The rules hold on every shipped indicator and target, and read every one of them."""
    from haidian_report.validate.rules import RULES

    report = validate(package_dir())
    codes = {r.code for r in RULES if r.function.__module__.rsplit(".", 1)[-1] in (
        "printed", "measures", "per_units")}  # fmt: skip
    assert len(codes) == 12 and report.valid, report.render(20)
