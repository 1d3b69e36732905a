"""Corruptions found by attacking the validator cold (issue #11), each reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted check can
catch it) and asserts the exact set of problems: code, resource, row and field.
"""

from __future__ import annotations

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
    resource,
    table_path,
    write_table,
)
from derived import restamp_package

from haidian_report.validate import validate

CASES, case = case_registry()


@case
def decline_printed_but_direction_dropped(pkg: Path) -> set[Key]:
    # 细颗粒物年均浓度较2016年预计下降51%: a fall of 51%, now read as a rise of 51%
    row = edit(pkg, "indicators", "pm25_annual_concentration.change.2021", direction="", value="51")
    return {("decline-word-without-decrease", "indicators", row, "direction")}


@case
def decline_of_the_second_listed_figure_made_a_rise(pkg: Path) -> set[Key]:
    # 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%: the second figure falls too
    key = "energy_consumption_per_unit_gdp.change.2021"
    row = edit(pkg, "indicators", key, direction="", value="27.9")
    return {("decline-word-without-decrease", "indicators", row, "direction")}


@case
def reason_of_another_verdict(pkg: Path) -> set[Key]:
    # not_comparable (a real rate against nominal levels) explained as within_rounding
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", reason="within_rounding")
    return {("check-reason-verdict", "checks", row, "reason")}


@case
def explanation_flips_the_verdict_in_words(pkg: Path) -> set[Key]:
    # cold attack of 3 December: a real rate against nominal levels is "not an inconsistency";
    # the verdict column still says not_comparable, the words now say the opposite
    key = "cagr_vs_levels.gdp"
    text = cell(pkg, "checks", key, "explanation_en")
    assert "not an inconsistency" in text
    flipped = text.replace("not an inconsistency", "an inconsistency")
    row = edit(pkg, "checks", key, explanation_en=flipped)
    return {("check-explanation-verdict", "checks", row, "explanation_en")}


@case
def explanation_of_a_consistent_check_says_the_part_exceeds_the_whole(pkg: Path) -> set[Key]:
    # 165家 of 252家 listed companies: "the part lies within the whole" turned to "exceeds"
    key = "part_within_whole.listed_companies.new_vs_stock"
    text = cell(pkg, "checks", key, "explanation_en")
    words = ("the part lies within the whole", "the part exceeds the whole")
    row = edit(pkg, "checks", key, explanation_en=text.replace(*words))
    return {("check-explanation-verdict", "checks", row, "explanation_en")}


@case
def average_pace_ratio_stated_the_other_way_round(pkg: Path) -> set[Key]:
    # 40项 (2017-2021) is 8项 a year; the 2022 target of 3项 is 0.38× that pace: 0.83× passed
    # the cold attack of 3 December (two of the figures give 0.83 some way; not this way)
    key = "average_pace.congestion_relief_projects.flow.2022"
    text = cell(pkg, "derivations", key, "explanation_en")
    assert "is 0.38× that pace" in text
    row = edit(pkg, "derivations", key, explanation_en=text.replace("0.38×", "0.83×"))
    return {("pace-ratio", "derivations", row, "explanation_en")}


@case
def explanation_negates_the_verdict_words(pkg: Path) -> set[Key]:
    # a re-attack's bypass: "the part no longer lies within the whole" under consistent
    key = "part_within_whole.listed_companies.new_vs_stock"
    text = cell(pkg, "checks", key, "explanation_en")
    flipped = text.replace("the part lies within", "the part no longer lies within")
    row = edit(pkg, "checks", key, explanation_en=flipped)
    return {("check-explanation-verdict", "checks", row, "explanation_en")}


@case
def explanation_reworded_with_its_verdict_kept(pkg: Path) -> set[Key]:
    # a re-attack's false positive: "the part is within the whole" says the same
    key = "part_within_whole.listed_companies.new_vs_stock"
    text = cell(pkg, "checks", key, "explanation_en")
    edit(pkg, "checks", key, explanation_en=text.replace("lies within", "is within"))
    return set()


@case
def explanation_says_comparable_under_not_comparable(pkg: Path) -> set[Key]:
    # a re-attack's bypass: "12个 (2022) against 40个 (2017-2021): not comparable, the target
    # counts under construction …" with "not " deleted passed
    key = "target_vs_base.community_health_stations.flow.2022.under_construction"
    text = cell(pkg, "checks", key, "explanation_en")
    assert ": not comparable," in text
    row = edit(pkg, "checks", key, explanation_en=text.replace(": not comparable", ": comparable"))
    return {("check-explanation-verdict", "checks", row, "explanation_en")}


@case
def explanation_at_comparable_prices_stays_valid(pkg: Path) -> set[Key]:
    # "comparable (real) prices" is about prices: reworded, the verdict is still not denied
    key = "cagr_vs_levels.gdp"
    text = cell(pkg, "checks", key, "explanation_en")
    assert "at comparable (real) prices" in text
    edit(pkg, "checks", key, explanation_en=text.replace("at comparable (real)", "in comparable"))
    return set()


@case
def average_pace_said_above_for_a_target_below_it(pkg: Path) -> set[Key]:
    # a re-attack's bypass: the 2022 target of 3项 against 8项 a year "is above that pace"
    key = "average_pace.congestion_relief_projects.flow.2022"
    text = cell(pkg, "derivations", key, "explanation_en")
    said = text.replace("is 0.38× that pace", "is above that pace")
    assert said != text
    row = edit(pkg, "derivations", key, explanation_en=said)
    return {("pace-ratio", "derivations", row, "explanation_en")}


@case
def average_pace_said_below_for_a_target_below_it_stays_valid(pkg: Path) -> set[Key]:
    key = "average_pace.congestion_relief_projects.flow.2022"
    text = cell(pkg, "derivations", key, "explanation_en")
    edit(pkg, "derivations", key, explanation_en=text.replace("is 0.38×", "falls short of"))
    return set()


def _explanations_edited(pkg: Path, edits: tuple[tuple[str, str, str, str], ...]) -> set[Key]:
    """Each (table, key, old, new) applied to explanation_en; the keys a rule should report."""
    found = set()
    for table, key, old, new in edits:
        text = cell(pkg, table, key, "explanation_en")
        assert old in text, (key, old)
        row = edit(pkg, table, key, explanation_en=text.replace(old, new))
        code = "check-explanation-verdict" if table == "checks" else "pace-ratio"
        found.add((code, table, row, "explanation_en"))
    return found


@case
def explanations_give_the_other_verdict_in_other_words(pkg: Path) -> set[Key]:
    # a second re-attack's bypasses: an adverb before "comparable"; an adverb before "above";
    # "slower than the five-year pace" for a target of 1.72× the pace (11公里 against 6.4公里)
    return _explanations_edited(
        pkg,
        (
            (
                "checks",
                "target_vs_base.community_health_stations.flow.2022.under_construction",
                ": not comparable,",
                ": the two are directly comparable,",
            ),
            (
                "derivations",
                "average_pace.back_streets_renovated.flow.2022",
                "is 0.95× that pace.",
                "is well above that pace.",
            ),
            (
                "derivations",
                "average_pace.rail_transit_length_added.flow.2022",
                "is 1.72× that pace.",
                "is slower than the five-year pace.",
            ),
        ),
    )


@case
def explanations_reworded_with_their_verdict_kept(pkg: Path) -> set[Key]:
    # the same re-attack's false positives: comparable prices, a condition, negated sides
    _explanations_edited(
        pkg,
        (
            (
                "checks",
                "cagr_vs_levels.gdp",
                "at comparable (real) prices",
                "at prices that are comparable across years (real)",
            ),
            (
                "checks",
                "target_vs_base.old_residential_compounds_renovated.flow.2022.completed",
                ": not comparable, the target",
                ": comparable only if both counted one stage; here the target",
            ),
            (
                "derivations",
                "average_pace.back_streets_renovated.flow.2022",
                "is 0.95× that pace.",
                "is 0.95× that pace; it no longer exceeds that pace.",
            ),
            (
                "derivations",
                "average_pace.rail_transit_length_added.flow.2022",
                "is 1.72× that pace.",
                "never falls short of that pace: 1.72×.",
            ),
        ),
    )
    return set()


@case
def explanations_give_the_other_verdict_in_more_words(pkg: Path) -> set[Key]:
    # a third attack (3 December): another subject before "comparable"; a ratio not in the
    # build's words; the pace named otherwise; "falls well short" of a pace the target beats
    return _explanations_edited(
        pkg,
        (
            (
                "checks",
                "target_vs_base.roads.flow.2022.started",
                ": not comparable,",
                ": both figures are comparable,",
            ),
            (
                "derivations",
                "average_pace.congestion_relief_projects.flow.2022",
                "is 0.38× that pace.",
                "is about 0.83× the five-year pace.",
            ),
            (
                "derivations",
                "average_pace.rail_transit_length_added.flow.2022",
                "is 1.72× that pace.",
                "falls well short of that pace.",
            ),
            (
                "derivations",
                "average_pace.back_streets_renovated.flow.2022",
                "is 0.95× that pace.",
                "exceeds the average pace.",
            ),
        ),
    )


@case
def explanations_reworded_in_more_words_with_their_verdict_kept(pkg: Path) -> set[Key]:
    # the third attack's false positives: each says what the build's words say
    _explanations_edited(
        pkg,
        (
            ("checks", "cagr_vs_levels.gdp", "; not an inconsistency.", "; no inconsistency."),
            (
                "checks",
                "target_vs_base.gdp.level.2022",
                ": the 6%以上",
                ": comparable once deflated; the 6%以上",
            ),
            (
                "checks",
                "part_within_whole.domestic_listed_companies.2021",
                "the part lies within the whole",
                "the part falls well within the total",
            ),
            (
                "checks",
                "part_within_whole.high_tech_enterprise_rd_personnel.2021",
                "the part lies within the whole",
                "the part does not exceed the whole",
            ),
            (
                "derivations",
                "average_pace.back_streets_renovated.flow.2022",
                "is 0.95× that pace.",
                "is 0.95× that pace, no more than that pace.",
            ),
        ),
    )
    return set()


@case
def average_pace_ratio_written_as_times(pkg: Path) -> set[Key]:
    # "0.83 times that pace" is read as 0.83× is
    key = "average_pace.congestion_relief_projects.flow.2022"
    text = cell(pkg, "derivations", key, "explanation_en")
    row = edit(pkg, "derivations", key, explanation_en=text.replace("0.38×", "0.83 times"))
    return {("pace-ratio", "derivations", row, "explanation_en")}


@case
def check_moved_to_a_metric_none_of_its_inputs_measures(pkg: Path) -> set[Key]:
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", metric_id="fixed_asset_investment")
    return {("check-metric", "checks", row, "metric_id")}


@case
def part_within_whole_moved_to_another_metric(pkg: Path) -> set[Key]:
    row = edit(pkg, "checks", "part_within_whole.domestic_listed_companies.2021", metric_id="gdp")
    return {("check-metric", "checks", row, "metric_id")}


@case
def average_pace_compared_with_another_metrics_target(pkg: Path) -> set[Key]:
    # the pace of back streets renovated (464条 over five years) set against the 2022 target
    # of congestion relief projects: the point still recomputes, the comparison is of nothing
    derivation = "average_pace.back_streets_renovated.flow.2022"
    header, rows = read_table(pkg, "derivation_inputs")
    for r in rows:
        if r[0] == derivation and r[1] == "target":
            r[3] = "congestion_relief_projects.flow.2022"
    write_table(pkg, "derivation_inputs", header, rows)
    _, derived = read_table(pkg, "derivations")
    row = next(n for n, r in enumerate(derived, 1) if r[0] == derivation)
    return {("check-metric", "derivations", row, "metric_id")}


@case
def two_added_columns_whose_names_differ_only_in_case(pkg: Path) -> set[Key]:
    # cold attack of 3 December: x_note and X_NOTE are two columns to polars and pandas, one
    # to DuckDB (its typed read_csv refuses the file, its plain one renames X_NOTE_1) and SQL
    header, rows = read_table(pkg, "program_links")
    write_table(pkg, "program_links", [*header, "x_note", "X_NOTE"], [[*r, "", ""] for r in rows])

    def declare(data: dict[str, Any]) -> None:
        fields = resource(data, "program_links")["schema"]["fields"]
        fields += [{"name": n, "type": "string"} for n in ("x_note", "X_NOTE")]

    edit_descriptor(pkg, declare)
    restamp_package(pkg)
    return {("duplicate-label", "program_links", None, None)}


@case
def every_cell_quoted_names_each_quoted_empty_cell(pkg: Path) -> set[Key]:
    # a spreadsheet's "quote all" export: each "" is reported at its row and column
    header, rows = read_table(pkg, "terms")
    lines = [",".join(f'"{c}"' for c in header)]
    lines += [",".join('"' + c.replace('"', '""') + '"' for c in r) for r in rows]
    table_path(pkg, "terms").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    restamp_package(pkg)
    return {
        ("csv-quoted-empty", "terms", n, header[i])
        for n, r in enumerate(rows, 1)
        for i, c in enumerate(r)
        if c == ""
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)
