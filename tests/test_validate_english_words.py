"""The English keeps the qualifier, direction and stage at a fact's figure (attack 5, F12).

Each edit kept every figure (``english-figure`` passed it) and was VALID.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import cell, copy_package, edit, keys

from haidian_report.validate import validate

CASES = {
    # 地区生产总值超过1万亿元
    "more_than_dropped": (
        "p45.s01",
        "of more than 1 trillion yuan",
        "of 1 trillion yuan",
        "english-qualifier",
        "gdp.level.2022",
    ),
    # 增长6%以上
    "or_more_dropped": (
        "p45.s01",
        "with growth of 6% or more",
        "with growth of 6%",
        "english-qualifier",
        "gdp.growth_yoy.2022",
    ),
    # 城镇登记失业率控制在2.3%以内
    "within_turned_above": (
        "p10.s03",
        "kept within 2.3%",
        "kept above 2.3%",
        "english-qualifier",
        "registered_urban_unemployment_rate",
    ),
    # 细颗粒物年均浓度较2016年预计下降51%
    "lower_turned_higher": (
        "p25.s03",
        "51% lower",
        "51% higher",
        "english-direction",
        "pm25_annual_concentration",
    ),
    # 一般公共预算收入…增长8% (a rise: no direction), cold attack of 3 December
    "up_turned_down": (
        "p16.s02",
        "up 8%",
        "down 8%",
        "english-direction",
        "general_budget_revenue",
    ),
    # 地下水回升6.66米
    "rose_turned_fell": (
        "p25.s04",
        "groundwater level rose by 6.66 metres",
        "groundwater level fell by 6.66 metres",
        "english-direction",
        "groundwater_level",
    ),
    # 保障性住房开工建设3.4万套、竣工4.2万套
    "stages_swapped": (
        "p33.s06",
        "Construction started on 34,000",
        "Construction was completed on 34,000",
        "english-stage",
        "affordable_housing",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_changed_word_at_a_figure_is_reported(case: str, pristine: Path, tmp_path: Path) -> None:
    sentence, old, new, code, fact = CASES[case]
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", sentence, "text_en")
    assert old in english
    if case == "stages_swapped":  # the two stage words trade places, the figures stay
        english = english.replace("42,000 units were completed", "42,000 units were started")
    row = edit(pkg, "sentences", sentence, text_en=english.replace(old, new))
    report = validate(pkg)
    assert (code, "sentences", row, "text_en") in keys(report)
    assert {p.code for p in report.problems} == {code}
    assert any(p.message.startswith(fact) for p in report.problems)


def test_a_rise_said_with_a_word_of_rise_and_decline_passes(pristine: Path, tmp_path: Path) -> None:
    # "up 8%, less than planned" would say both: only a decline word with no rise word is
    # a rise turned into a fall
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", "p25.s04", "text_en")
    edit(
        pkg,
        "sentences",
        "p25.s04",
        text_en=english.replace("rose by 6.66 metres", "rose by 6.66 metres, down from before"),
    )
    assert validate(pkg).valid


def test_a_reworded_clause_that_keeps_the_words_passes(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", "p10.s03", "text_en")
    edit(pkg, "sentences", "p10.s03", text_en=english.replace("was kept", "was held"))
    assert validate(pkg).valid
