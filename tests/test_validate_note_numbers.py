"""A fact's note states no figure its sentence does not print (english-number on ``note``).

Before this rule a note's figure could be changed and the package stayed VALID, though the
note is what a reader reads next to the number. Every shipped note passes: the suite's
validation of the shipped package pins that.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import cell, copy_package, edit, keys

from haidian_report.validate import validate

#: 完成19个小区、74.2万平方米改造 (p65.s06)
RENOVATION = "old_residential_renovation_area.flow.2022.completed"
#: 培育国家级专精特新“小巨人”企业117家,占全市的45.9% (p18.s04)
LITTLE_GIANTS = "little_giant_enterprises.level.2021"
#: 城镇登记失业率控制在2.3%以内 (the note: "Kept within 2.3% over the five years 2017-2021.")
UNEMPLOYMENT = "registered_urban_unemployment_rate.rate.2017-2021"
#: 圆满完成“十三五”规划主要目标任务 (the note: "The main goals and tasks of the 13th Five-Year Plan
#: (2016-2020) achieved…")
PLAN = "thirteenth_five_year_plan_targets.level.2020"


@pytest.mark.parametrize(
    ("table", "fact", "old", "new", "said"),
    [
        ("targets", RENOVATION, "(19 compounds)", "(91 compounds)", "91"),
        ("indicators", LITTLE_GIANTS, "45.9%", "54.9%", "54.9"),
        # 城镇登记失业率控制在2.3%以内: a decimal under ten is held too (not a rank or a count)
        ("indicators", UNEMPLOYMENT, "within 2.3%", "within 3.2%", "3.2"),
        # 圆满完成“十三五”规划主要目标任务: an ordinal is a number (13th is 十三)
        ("indicators", PLAN, "13th Five-Year Plan", "14th Five-Year Plan", "14th"),
    ],
)
def test_a_figure_the_sentence_does_not_print_is_reported(
    pristine: Path, tmp_path: Path, table: str, fact: str, old: str, new: str, said: str
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    note = cell(pkg, table, fact, "note")
    assert old in note
    row = edit(pkg, table, fact, note=note.replace(old, new))
    report = validate(pkg)
    assert keys(report) == {("english-number", table, row, "note")}
    assert f"the note states {said}," in report.problems[0].message


@pytest.mark.parametrize(
    "added",
    [
        " Compare 2019.",  # a year: notes date what the text leaves undated
        " One of 3 phases.",  # under ten: ranks and small counts are not held
        " Also 74.2 of 10,000 m2.",  # 74.2 and 万 (10,000) are printed
        " Dated (outside the text: one of 29 districts).",  # outside knowledge, marked so
        " The text: 完成19个小区、74.2万平方米改造.",  # the sentence quoted: no 74 in 74.2万
        " That is 742 thousand m2.",  # 74.2万 written in thousands
    ],
)
def test_years_small_numbers_and_printed_figures_pass(
    pristine: Path, tmp_path: Path, added: str
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    note = cell(pkg, "targets", RENOVATION, "note")
    edit(pkg, "targets", RENOVATION, note=note + added)
    assert validate(pkg).valid


@pytest.mark.parametrize(
    ("table", "key", "column", "old", "new"),
    [
        # 培育国家级专精特新“小巨人”企业117家,占全市的45.9% (p18.s04)
        ("indicators", LITTLE_GIANTS, "note", "培育…117家", "培育…171家"),
        # 1407个事项全程网办 (the program's note quotes it)
        ("programs", "full_online_handling", "note", "1407个事项全程网办", "1470个事项全程网办"),
        # 打造“10分钟健身圈” (a 2022 task)
        ("targets", "fitness_circle_access_time.duration.2022", "note", "10分钟", "15分钟"),
        # a digit cut off: 17家 is printed only inside 117家
        ("indicators", LITTLE_GIANTS, "note", "培育…117家", "培育…17家"),
        # ASCII dots between two quoted pieces end the run
        ("indicators", LITTLE_GIANTS, "note", "培育…117家", "培育...171家"),
        # full-width digits are digits
        ("indicators", LITTLE_GIANTS, "note", "培育…117家", "培育…１７１家"),
        # a Chinese numeral is a figure: 双拥模范城“九连冠”
        ("indicators", "double_support_model_city.duration.2021", "note", "九连冠", "十连冠"),
    ],
)
def test_chinese_quoted_with_an_edited_figure_is_reported(
    pristine: Path, tmp_path: Path, table: str, key: str, column: str, old: str, new: str
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    text = cell(pkg, table, key, column)
    assert old in text
    row = edit(pkg, table, key, **{column: text.replace(old, new)})
    report = validate(pkg)
    assert keys(report) == {("english-number", table, row, column)}
    quoted = new.split("…")[-1].split("...")[-1]
    assert any(f"{column} quotes {quoted}" in p.message for p in report.problems)


def test_a_number_too_large_for_decimal_arithmetic_is_reported_not_a_rule_error(
    pristine: Path, tmp_path: Path
) -> None:
    """A cell of a million digits followed by "trillion" overflowed the default decimal
    context, and the english-number rule of the sentences stopped (rule-error)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    text = cell(pkg, "sentences", "p65.s06", "text_en")
    row = edit(pkg, "sentences", "p65.s06", text_en=text + " " + "9" * 999_000 + " trillion")
    assert keys(validate(pkg)) == {("english-number", "sentences", row, "text_en")}


@pytest.mark.parametrize(
    ("added", "said"),
    [
        (" (about 97km)", "the English states 97,"),  # a number glued to its unit is a number
        (" (975万)", "text_en quotes 975万,"),  # Chinese quoted in a translation is the source's
    ],
)
def test_a_translation_adding_a_figure_glued_to_its_unit_is_reported(
    pristine: Path, tmp_path: Path, added: str, said: str
) -> None:
    """Attack 8 (F2, F3): both were VALID. 培育国家级专精特新“小巨人”企业117家 (p18.s04)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    text = cell(pkg, "sentences", "p18.s04", "text_en")
    row = edit(pkg, "sentences", "p18.s04", text_en=text + added)
    report = validate(pkg)
    assert keys(report) == {("english-number", "sentences", row, "text_en")}
    assert any(said in p.message for p in report.problems), report.render(5)
