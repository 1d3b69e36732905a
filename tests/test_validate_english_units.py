"""The English gives each figure its fact's unit and keeps the Chinese order of figures of one
unit (rules/english_units.py, english_order.py).

Each case is an edit of one translation from the cold attack of 3 December 2026 (F2): every
number the Chinese prints was still in the English, and the package was VALID.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import cell, copy_package, edit, keys

from haidian_report.validate import validate

CASES = {
    # 地下水回升6.66米
    "metres_to_centimetres": ("p25.s04", "6.66 metres", "6.66 centimetres", "english-unit"),
    # 人均公园绿地面积…2.63平方米 (per person)
    "square_metres_to_square_kilometres": (
        "p31.s03",
        "2.63 square metres",
        "2.63 square kilometres",
        "english-unit",
    ),
    # 实际利用外资预计61.7亿美元
    "dollars_to_yuan": (
        "p16.s02",
        "6.17 billion US dollars",
        "6.17 billion yuan",
        "english-unit",
    ),
    # 惠及3.44万户家庭
    "households_to_residents": (
        "p33.s07",
        "benefiting 34,400 households",
        "benefiting 34,400 residents",
        "english-unit",
    ),
    # the same with an adjective between figure and unit (a bypass the second attack left)
    "households_to_local_residents": (
        "p33.s07",
        "benefiting 34,400 households",
        "benefiting 34,400 local residents",
        "english-unit",
    ),
    # a capitalised and a hyphenated adjective, and household members (people, not households)
    "households_to_haidian_residents": (
        "p33.s07",
        "benefiting 34,400 households",
        "benefiting 34,400 long-time Haidian residents",
        "english-unit",
    ),
    "households_to_household_members": (
        "p33.s07",
        "benefiting 34,400 households",
        "benefiting 34,400 household members",
        "english-unit",
    ),
    # 地下水回升6.66米, two adjectives before the unit
    "metres_to_average_annual_centimetres": (
        "p25.s04",
        "6.66 metres",
        "6.66 more vertical centimetres",
        "english-unit",
    ),
    # units the report never measures in (a second re-attack)
    "metres_to_inches": ("p25.s04", "6.66 metres", "6.66 inches", "english-unit"),
    # 区级一般公共预算收入…增长8%
    "percent_to_points": ("p16.s02", "up 8%", "up 8 percentage points", "english-unit"),
    # 新增中小学学位26560个、幼儿园学位13080个
    "places_swapped": (
        "p31.s02",
        "added 26,560 primary and secondary school places and 13,080 kindergarten places",
        "added 13,080 primary and secondary school places and 26,560 kindergarten places",
        "english-order",
    ),
    # 占全市比重由2016年的21.8%提高到24%
    "share_reversed": ("p09.s02", "from 21.8% to 24%", "from 24% to 21.8%", "english-order"),
    # 新增造林绿化…12300亩: a unit the report never measures in (a re-attack's bypass)
    "mu_to_acres": ("p25.s06", "12,300 mu", "12,300 acres", "english-unit"),
    # 增长8%,五年年均增长4.9%: two clauses, so not held to their order; the average lost its
    # "average annual"
    "growth_and_average_swapped": (
        "p16.s02",
        "up 8%, with average annual growth of 4.9%",
        "up 4.9%, with average annual growth of 8%",
        "english-measure",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_translation_that_moves_a_figure_is_reported(
    case: str, pristine: Path, tmp_path: Path
) -> None:
    sentence, old, new, code = CASES[case]
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", sentence, "text_en")
    assert old in english
    row = edit(pkg, "sentences", sentence, text_en=english.replace(old, new, 1))
    report = validate(pkg)
    assert (code, "sentences", row, "text_en") in keys(report), report.render()
    assert {p.code for p in report.problems} == {code}


def test_a_unit_word_that_means_the_same_passes(pristine: Path, tmp_path: Path) -> None:
    # "6.66 metres" written "6.66 meters", "34,400 households" as "34,400 families"
    pkg = copy_package(pristine, tmp_path / "pkg")
    for sentence, old, new in (
        ("p25.s04", "6.66 metres", "6.66 meters"),
        ("p33.s07", "34,400 households", "34,400 families"),
    ):
        english = cell(pkg, "sentences", sentence, "text_en")
        edit(pkg, "sentences", sentence, text_en=english.replace(old, new, 1))
    assert validate(pkg).valid


@pytest.mark.parametrize(
    ("sentence", "old", "new"),
    [
        # a re-attack's legitimate rewordings (3 December): two clauses in the other order,
        # a 分别 list whose names move with their figures, a from-to pair said "up from"
        ("p09.s02", "from 21.8% to 24%", "to 24%, up from 21.8%"),
        ("p33.s07", "34,400 households", "34,400 resident households"),
        ("p45.s01", "with growth of 6% or more", "with growth of no less than 6%"),
        ("p25.s03", "51% lower", "51% below its 2016 level"),
        ("p33.s07", "34,400 households", "34,400 households' homes"),
        # adjectives before the unit, and a unit word after a word that ends the phrase
        ("p33.s07", "34,400 households", "34,400 local households"),
        ("p25.s04", "6.66 metres", "6.66 vertical metres"),
        # a second re-attack's false positives: "year on year" is no unit, a count's points
        # are places (网点), "year round" unhyphenated
        ("p16.s02", "up 8%, with average", "up 8% year on year, with average"),
        ("p24.s10", "530 convenience commercial outlets", "530 convenience retail points"),
        ("p25.s04", "13 rivers with water all year round", "13 year round rivers"),
        # a re-attack's false positives: a unit word of a later phrase after the figure's noun
        # or a verb ("6 roads this year" is not 6 years; the residents are not the elevators)
        (
            "p60.s03",
            "start construction on 6 roads, advance",
            "start construction on 6 roads this year, advance",
        ),
        (
            "p60.s03",
            "advance construction on 11 roads, and",
            "advance construction on 11 roads lasting years, and",
        ),
        (
            "p33.s07",
            "added 612 elevators, bringing",
            "added 612 elevators benefiting residents, bringing",
        ),
    ],
)
def test_a_legitimate_rewording_passes(
    sentence: str, old: str, new: str, pristine: Path, tmp_path: Path
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", sentence, "text_en")
    assert old in english
    edit(pkg, "sentences", sentence, text_en=english.replace(old, new, 1))
    report = validate(pkg)
    assert report.valid, report.render()


def test_figures_of_different_units_may_change_places(pristine: Path, tmp_path: Path) -> None:
    # 区级一般公共预算收入预计490.2亿元,增长8%: "up 8% to 49.02 billion yuan" is good English
    pkg = copy_package(pristine, tmp_path / "pkg")
    english = cell(pkg, "sentences", "p16.s02", "text_en")
    old = "49.02 billion yuan, up 8%"
    assert old in english
    edit(pkg, "sentences", "p16.s02", text_en=english.replace(old, "up 8% to 49.02 billion yuan"))
    report = validate(pkg)
    assert not [p for p in report.problems if p.code in ("english-order", "english-unit")]
