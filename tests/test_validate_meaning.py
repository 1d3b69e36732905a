"""Corruptions that keep every span round-tripping but make a row say something else.

Each case edits one copy of the shipped package (re-stamping bytes and hashes, so that only the
targeted check can catch it) and asserts the exact set of problems: code, resource, row and
field. Rows are found by their primary key, never by position. Where one edit is rightly seen
by two rules (a fact moved to another metric no longer matches its id), both are expected and
the comment says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corrupt import copy_package, edit_descriptor, read_table, write_table

from haidian_report.validate import Report, validate

Key = tuple[str, str | None, int | None, str | None]


def row_of(pkg: Path, table: str, key: str) -> int:
    """The 1-based data row whose first column (the primary key) is ``key``."""
    _, rows = read_table(pkg, table)
    return next(n for n, r in enumerate(rows, 1) if r[0] == key)


def edit(pkg: Path, table: str, key: str, **cells: str) -> int:
    """Set cells of the row keyed ``key`` (first column); re-stamp; return its row number."""
    header, rows = read_table(pkg, table)
    n = row_of(pkg, table, key)
    for column, value in cells.items():
        rows[n - 1][header.index(column)] = value
    write_table(pkg, table, header, rows)
    return n


def cell(pkg: Path, table: str, key: str, column: str) -> str:
    header, rows = read_table(pkg, table)
    return rows[row_of(pkg, table, key) - 1][header.index(column)]


def keys(report: Report) -> set[Key]:
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


Case = Callable[[Path], set[Key]]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


# --- figures that contradict their own text ------------------------------------------------
# 地区生产总值由2016年的5908亿元预计增至9500亿元 (p09.s02)


@case
def two_figures_of_one_quote_swapped(pkg: Path) -> set[Key]:
    a, b = "gdp.level.2016", "gdp.level.2021"
    cols = ("value", "value_text", "value_printed", "value_start", "value_end")
    va = {c: cell(pkg, "indicators", a, c) for c in cols}
    vb = {c: cell(pkg, "indicators", b, c) for c in cols}
    ra = edit(pkg, "indicators", a, **vb)
    rb = edit(pkg, "indicators", b, **va)
    return {
        # 2016 now reads 9500, printed right after 预计: an estimate the row does not say
        ("estimated-marker", "indicators", ra, "estimated"),
        # and 9500 ends the pair 由2016年的5908亿元预计增至9500亿元: a later year's figure
        ("period-year", "indicators", ra, "period"),
        # 2021 now reads 5908, printed right after 2016年的, and no 预计 before it
        ("period-year", "indicators", rb, "period"),
        ("estimated-marker", "indicators", rb, "estimated"),
    }


@case
def value_text_cuts_a_number_in_two(pkg: Path) -> set[Key]:
    start = int(cell(pkg, "indicators", "gdp.level.2016", "value_start"))
    row = edit(
        pkg,
        "indicators",
        "gdp.level.2016",
        value_text="908亿元",
        value_printed="908",
        value="90800000000",
        value_start=str(start + 1),
    )
    return {("span-splits-digits", "indicators", row, "value_start")}


@case
def sign_flipped_by_direction(pkg: Path) -> set[Key]:
    # 空气质量优良天数增加43%: an increase, negated and marked decrease
    row = edit(
        pkg, "indicators", "good_air_quality_days.change.2021", direction="decrease", value="-43"
    )
    return {("decrease-decline-word", "indicators", row, "direction")}


@case
def value_dropped(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", value="")
    return {("missing-value", "indicators", row, "value")}


@case
def period_malformed_in_an_added_table(pkg: Path) -> set[Key]:
    (pkg / "data" / "x_periods.csv").write_text("k,period\na,2017-20x1\nb,2021\n", encoding="utf-8")

    def add(data: dict[str, Any]) -> None:
        fields = [{"name": "k", "type": "string"}, {"name": "period", "type": "string"}]
        data["resources"].append(
            {"name": "x_periods", "path": "data/x_periods.csv", "schema": {"fields": fields}}
        )

    edit_descriptor(pkg, add)
    return {("period-format", "x_periods", 1, "period")}


@case
def value_off_by_one_yuan(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", value="590800000001")
    return {("value-mismatch", "indicators", row, "value")}


@case
def value_off_below_float_precision(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", value="590800000000.0000001")
    return {("value-mismatch", "indicators", row, "value")}


@case
def fact_moved_to_another_metric(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", metric_id="fixed_asset_investment")
    return {
        ("id-mismatch", "indicators", row, "indicator_id"),
        ("metric-word", "indicators", row, "metric_id"),  # 地区生产总值由2016年的5908亿元: GDP's
        ("metric-name", "indicators", row, "metric_id"),  # p09 never says 全社会固定资产投资
    }


@case
def period_contradicts_the_year_printed_before_the_value(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", period="2017")
    return {
        ("period-year", "indicators", row, "period"),  # 2016年的5908亿元
        ("id-mismatch", "indicators", row, "indicator_id"),  # the id says 2016
    }


@case
def period_earlier_than_the_year_printed(pkg: Path) -> set[Key]:
    # 2021年,签约落地重点项目90余个
    row = edit(pkg, "indicators", "key_projects_signed.flow.2021", period="2020")
    return {
        ("period-year", "indicators", row, "period"),
        ("id-mismatch", "indicators", row, "indicator_id"),
    }


@case
def indicator_dated_after_the_reviewed_years(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.cagr.2017-2021", period="2018-2022")
    return {
        ("period-range", "indicators", row, "period"),
        ("id-mismatch", "indicators", row, "indicator_id"),
    }


@case
def target_dated_after_the_plan(pkg: Path) -> set[Key]:
    row = edit(pkg, "targets", "gdp.level.2022", period="2027")
    return {
        ("period-range", "targets", row, "period"),
        ("id-mismatch", "targets", row, "target_id"),
        ("base-indicator", "targets", row, "base_indicator_id"),  # its base is 2021, not 2026
    }


@case
def growth_called_an_average_annual_rate(pkg: Path) -> set[Key]:
    # 2021年,地区生产总值预计增长10%以上: one year's growth, no 年均
    row = edit(pkg, "indicators", "gdp.growth_yoy.2021", measure="cagr")
    return {
        ("cagr-annual-average", "indicators", row, "measure"),
        ("id-mismatch", "indicators", row, "indicator_id"),
        ("measure-period", "indicators", row, "period"),  # a CAGR is over several years
    }


@case
def estimate_marked_as_final(pkg: Path) -> set[Key]:
    # 全社会固定资产投资预计1000亿元
    row = edit(pkg, "indicators", "fixed_asset_investment.level.2021", estimated="false")
    return {("estimated-marker", "indicators", row, "estimated")}


@case
def final_figure_marked_as_estimate(pkg: Path) -> set[Key]:
    # 常住人口由2016年的364万减至313.2万: no 预计 anywhere before 313.2万
    row = edit(pkg, "indicators", "resident_population.level.2021", estimated="true")
    return {("estimated-marker", "indicators", row, "estimated")}


@case
def firmness_the_text_does_not_print(pkg: Path) -> set[Key]:
    row = edit(pkg, "targets", "gdp.level.2022", firmness="strive")  # 预期目标, not 力争
    return {("firmness-marker", "targets", row, "firmness")}


@case
def firmness_dropped_where_the_text_says_strive(pkg: Path) -> set[Key]:
    # 加快北区建设进度,开复工527万平方米,力争竣工…
    row = edit(pkg, "targets", "north_zone_floor_area.flow.2022.completed", firmness="")
    return {("firmness-marker", "targets", row, "firmness")}


@case
def metric_unit_no_longer_fits_its_levels(pkg: Path) -> set[Key]:
    edit(pkg, "metrics", "gdp", unit="USD")
    return {
        ("unit-metric", "indicators", row_of(pkg, "indicators", "gdp.level.2016"), "unit"),
        ("unit-metric", "indicators", row_of(pkg, "indicators", "gdp.level.2021"), "unit"),
        ("unit-metric", "targets", row_of(pkg, "targets", "gdp.level.2022"), "unit"),
    }


@case
def unknown_unit_code(pkg: Path) -> set[Key]:
    row = edit(pkg, "metrics", "illegal_group_rentals", unit="yuan")
    return {("unit-unknown", "metrics", row, "unit")}


@case
def base_indicator_of_another_metric(pkg: Path) -> set[Key]:
    row = edit(
        pkg, "targets", "gdp.level.2022", base_indicator_id="fixed_asset_investment.level.2021"
    )
    return {("base-indicator", "targets", row, "base_indicator_id")}


@case
def qualifier_contradicts_its_text(pkg: Path) -> set[Key]:
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", qualifier="at_most")  # 6%以上
    return {("qualifier-mismatch", "targets", row, "qualifier")}


@case
def two_facts_with_one_natural_key(pkg: Path) -> set[Key]:
    header, rows = read_table(pkg, "indicators")
    copy = list(rows[row_of(pkg, "indicators", "gdp.level.2016") - 1])
    copy[0] = "gdp.level.2016x"
    write_table(pkg, "indicators", header, [*rows, copy])
    n = len(rows) + 1
    return {
        ("natural-key", "indicators", n, "metric_id,measure,period,scope,variant"),
        ("id-mismatch", "indicators", n, "indicator_id"),  # the id is not metric.measure.period
    }


@case
def price_basis_on_a_level(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", price_basis="nominal")
    return {
        ("price-basis", "indicators", row, "price_basis"),  # levels have no price basis
        ("price-basis", "indicators", row, "price_basis_source"),  # and a known one needs a source
    }


@case
def price_basis_without_its_source(pkg: Path) -> set[Key]:
    header, rows = read_table(pkg, "indicators")
    key = next(r[0] for r in rows if r[header.index("price_basis")] == "comparable")
    row = edit(pkg, "indicators", key, price_basis_source="")
    return {("price-basis", "indicators", row, "price_basis_source")}


# --- mentions, links, exclusions -------------------------------------------------------------


@case
def mention_moved_to_another_program(pkg: Path) -> set[Key]:
    row = edit(
        pkg, "program_mentions", "zhongguancun_science_city@247", program_id="five_new_policies"
    )
    return {
        ("mention-name", "program_mentions", row, "quote"),  # 中关村科学城 is not “五新”政策
        ("derived-id", "program_mentions", row, "mention_id"),
    }


@case
def mention_in_the_wrong_part(pkg: Path) -> set[Key]:
    row = edit(pkg, "program_mentions", "zhongguancun_science_city@247", part="part2")
    return {("mention-part", "program_mentions", row, "part")}


@case
def term_mention_moved_to_another_term(pkg: Path) -> set[Key]:
    _, rows = read_table(pkg, "term_mentions")
    first, other = rows[0], next(r for r in rows if r[1] != rows[0][1])
    row = edit(pkg, "term_mentions", first[0], term_id=other[1])
    return {
        ("mention-name", "term_mentions", row, "quote"),
        ("derived-id", "term_mentions", row, "mention_id"),
    }


@case
def link_names_two_facts(pkg: Path) -> set[Key]:
    key = "blockchain_government_services@blockchain_gov_service_scenarios.cumulative.2017-2021"
    row = edit(pkg, "program_links", key, target_id="gdp.level.2022")
    return {("one-fact", "program_links", row, "indicator_id,target_id")}


@case
def link_names_no_fact(pkg: Path) -> set[Key]:
    key = "blockchain_government_services@blockchain_gov_service_scenarios.cumulative.2017-2021"
    row = edit(pkg, "program_links", key, indicator_id="")
    return {("one-fact", "program_links", row, "indicator_id,target_id")}


@case
def link_to_a_fact_printed_elsewhere(pkg: Path) -> set[Key]:
    key = "blockchain_government_services@blockchain_gov_service_scenarios.cumulative.2017-2021"
    row = edit(pkg, "program_links", key, indicator_id="gdp.level.2016")
    return {
        ("link-sentence", "program_links", row, "program_id"),
        ("derived-id", "program_links", row, "link_id"),
    }


@case
def check_input_names_two_facts(pkg: Path) -> set[Key]:
    header, rows = read_table(pkg, "check_inputs")
    n = next(i for i, r in enumerate(rows, 1) if r[2] and not r[3])
    rows[n - 1][3] = "gdp.level.2022"
    write_table(pkg, "check_inputs", header, rows)
    return {("one-fact", "check_inputs", n, "indicator_id,target_id")}


@case
def exclusion_of_the_wrong_kind(pkg: Path) -> set[Key]:
    row = edit(pkg, "exclusions", "digits@9", kind="quoted")  # 2021年12月15日 is not “quoted”
    return {
        ("exclusion-kind", "exclusions", row, "kind"),
        ("derived-id", "exclusions", row, "exclusion_id"),
    }


# --- checks ------------------------------------------------------------------------------------


@case
def verdict_flipped(pkg: Path) -> set[Key]:
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", verdict="consistent")  # it is not_comparable
    # seen twice: the recomputed verdict differs, and price_basis_differs explains no consistent
    return {
        ("check-recomputed", "checks", row, "verdict"),
        ("check-reason-verdict", "checks", row, "reason"),
    }


@case
def computed_bounds_reversed(pkg: Path) -> set[Key]:
    low = cell(pkg, "checks", "cagr_vs_levels.gdp", "computed_low")
    high = cell(pkg, "checks", "cagr_vs_levels.gdp", "computed_high")
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", computed_low=high, computed_high=low)
    return {
        ("check-bounds", "checks", row, "computed_low"),
        ("check-recomputed", "checks", row, "computed_low"),
    }


@case
def computed_point_altered(pkg: Path) -> set[Key]:
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", computed_point="9.9")  # 9.96554 recomputed
    return {("check-recomputed", "checks", row, "computed_point")}


@case
def derivation_point_altered(pkg: Path) -> set[Key]:
    _, rows = read_table(pkg, "derivations")
    key = next(r[0] for r in rows if r[0].startswith("endpoint_cagr.labour_productivity"))
    row = edit(pkg, "derivations", key, point="7")  # 25万元/人 → 35万元/人 is 6.96% a year
    return {("check-recomputed", "derivations", row, "point")}


@case
def check_input_role_changed(pkg: Path) -> set[Key]:
    header, rows = read_table(pkg, "check_inputs")
    n = next(i for i, r in enumerate(rows, 1) if r[0] == "cagr_vs_levels.gdp" and r[1] == "rate")
    rows[n - 1][1] = "other"
    write_table(pkg, "check_inputs", header, rows)
    return {("check-recomputed", "checks", row_of(pkg, "checks", "cagr_vs_levels.gdp"), "kind")}


# --- the section tree and the sentences -------------------------------------------------------


@case
def section_its_own_parent(pkg: Path) -> set[Key]:
    row = edit(pkg, "sections", "part1.1", parent_id="part1.1")
    return {("section-tree", "sections", row, "parent_id")}


@case
def paragraph_level_not_its_kind(pkg: Path) -> set[Key]:
    row = edit(pkg, "sections", "p16", level="2")
    return {
        ("section-tree", "sections", row, "level"),
        ("section-tree", "sections", row, "parent_id"),
    }


@case
def section_line_moved(pkg: Path) -> set[Key]:
    row = edit(pkg, "sections", "p16", line="17")
    return {("section-line", "sections", row, "line")}


@case
def heading_not_as_printed(pkg: Path) -> set[Key]:
    row = edit(pkg, "sections", "part1", heading="一、过去五年工作总结")
    return {("section-heading", "sections", row, "heading")}


@case
def sentence_index_not_its_id(pkg: Path) -> set[Key]:
    row = edit(pkg, "sentences", "p09.s02", index="3")
    return {("sentence-id", "sentences", row, "sentence_id")}


@case
def paragraph_not_a_whole_line(pkg: Path) -> set[Key]:
    start = int(cell(pkg, "sections", "p16", "start"))
    row = edit(pkg, "sections", "p16", start=str(start + 1))
    first = row_of(pkg, "sentences", "p16.s01")
    return {
        ("paragraph-line", "sections", row, "start"),
        ("span-outside-parent", "sentences", first, "section_id"),  # its first sentence
    }


@case
def sentences_overlap(pkg: Path) -> set[Key]:
    source = (pkg / "data" / "haidian-2021-government-work-report.txt").read_text(encoding="utf-8")
    before_end = int(cell(pkg, "sentences", "p09.s01", "end"))
    end = int(cell(pkg, "sentences", "p09.s02", "end"))
    start = before_end - 2
    row = edit(pkg, "sentences", "p09.s02", start=str(start), text=source[start:end])
    return {("span-overlap", "sentences", row, "start")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_corruption_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)


def test_every_rule_has_a_case_here_or_in_another_corpus() -> None:
    """Each meaning rule's code is exercised by a corruption of its own somewhere."""
    from haidian_report.validate.rules import RULES

    here = Path(__file__).parent
    corpora = "".join(p.read_text(encoding="utf-8") for p in here.glob("test_validate*.py"))
    missing = sorted({r.code for r in RULES if f'"{r.code}"' not in corpora})
    assert not missing, f"rules with no corruption test: {missing}"
