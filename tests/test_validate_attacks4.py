"""Edits a cold attacker made VALID (issue #11, attack round 4), each now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import Key, case_registry, copy_package, edit, keys, read_table, write_table

from haidian_report.validate import validate

CASES, case = case_registry()


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


@case
def full_width_digits_in_value_printed(pkg: Path) -> set[Key]:
    # 由2016年的5908亿元: ５９０８ looks the same in a spreadsheet
    row = edit(pkg, "indicators", "gdp.level.2016", value_printed="５９０８")
    return {
        ("lookalike", "indicators", row, "value_printed"),
        ("printed-mismatch", "indicators", row, "value_printed"),
    }


@case
def full_width_letters_in_a_unit(pkg: Path) -> set[Key]:
    row = edit(pkg, "indicators", "gdp.level.2016", unit="ＣＮＹ")
    return {
        ("lookalike", "indicators", row, "unit"),
        ("unit-metric", "indicators", row, "unit"),
        ("unit-mismatch", "indicators", row, "unit"),
        ("unit-unknown", "indicators", row, "unit"),
    }


def test_a_lookalike_is_named_by_position_and_code_point(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(pkg, "indicators", "gdp.level.2016", value_printed="59〇8")
    said = [p.message for p in validate(pkg).problems if p.code == "lookalike"]
    assert said == [
        "found '59〇8': character 3 is '〇' (U+3007 IDEOGRAPHIC NUMBER ZERO); "
        "value_text '5908亿元' prints none of these"
    ]


@case
def fact_moved_to_another_metric_of_the_same_unit(pkg: Path) -> set[Key]:
    # 为企业减免税费650亿元 (p36.s06): tax and fee cuts, nothing about exports (出口额)
    old = "tax_and_fee_cuts.cumulative.2017-2021"
    row = edit(
        pkg,
        "indicators",
        old,
        metric_id="export_value",
        indicator_id="export_value.cumulative.2017-2021",
    )
    for table in ("check_inputs", "derivation_inputs", "program_links"):
        header, rows = read_table(pkg, table)
        column = header.index("indicator_id")
        for r in rows:
            if r[column] == old:
                r[column] = "export_value.cumulative.2017-2021"
                if table == "program_links":  # a link's id is <program_id>@<fact id>
                    r[0] = r[0].replace(old, "export_value.cumulative.2017-2021")
        write_table(pkg, table, header, rows)
    return {("metric-name", "indicators", row, "metric_id")}


@case
def metric_renamed_to_another_metrics_name(pkg: Path) -> set[Key]:
    # 地区生产总值 (GDP) called 社会消费品零售额 (retail sales): the paragraphs that print GDP
    # figures (p09: 地区生产总值由2016年的5908亿元…; p45: 地区生产总值增长…) never say
    # 社会消费品零售额
    edit(pkg, "metrics", "gdp", name_zh="社会消费品零售额", name_en="Retail sales")
    out: set[Key] = set()
    for table in ("indicators", "targets"):
        header, rows = read_table(pkg, table)
        for n, r in enumerate(rows, 1):
            sentence = r[header.index("sentence_id")]
            if r[header.index("metric_id")] == "gdp" and sentence[:3] in ("p09", "p45"):
                out.add(("metric-name", table, n, "metric_id"))
    assert len(out) == 6
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)
