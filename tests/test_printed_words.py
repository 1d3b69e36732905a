"""Words the Chinese must print (curation/README.md): an English name, definition or note
that adds a word whose Chinese the text does not print is reported by the build, with the
file, entry and field. Each case is one the third review found in the shipped rows. The list
is one (:mod:`haidian_report.printed_words`): the last tests pin which kinds of text a word is
checked in and which Chinese licenses it there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from haidian_build.curation import Locator, read_curation
from haidian_build.package import read_source
from haidian_report.printed_words import (
    DESCRIPTION,
    KINDS,
    NAME,
    NOTE,
    TRANSLATION,
    WORDS,
    unprinted_words,
)
from haidian_report.segment import segment
from tests.test_fact_rules import Base, fields_reported


@pytest.fixture(scope="module")
def base(root: Path) -> Base:
    source = read_source(root)
    _, sentences = segment(source)
    return Base(read_curation(root / "curation"), Locator(source, sentences))


def test_a_definition_adding_wholesale_to_physical_markets_is_reported(base: Base) -> None:
    # 退出一般制造业企业、疏解整治有形市场各65家: no 批发
    reported = fields_reported(
        base,
        "physical_markets_relocated",
        definition_en="Wholesale and physical markets relocated or rectified.",
    )
    assert "'Wholesale'" in reported["definition_en"]


def test_a_definition_reading_shiqi_fenli_as_separation_from_government_is_reported(
    base: Base,
) -> None:
    # 深化事业单位改革,区级经营类事业单位实现事企分离: 事企分离 separates public institutions
    # from enterprises; separation from government functions is 政事分开, not printed here
    reported = fields_reported(
        base,
        "business_public_institutions_separation",
        definition_en="Whether the institutions are separated from government functions.",
    )
    assert "'government'" in reported["definition_en"]


def test_a_definition_adding_shop_fronts_to_kaiqiang_dadong_is_reported(base: Base) -> None:
    # 违法群租房、占道经营、开墙打洞保持“动态清零”: no 店 or 商铺
    reported = fields_reported(
        base,
        "illegal_wall_openings",
        definition_en="Openings knocked through walls to create shop fronts.",
    )
    assert "'shop fronts'" in reported["definition_en"]


def test_a_name_adding_chain_to_industry_maps_is_reported(base: Base) -> None:
    # 绘制…10个领域的产业图谱: 产业图谱 are industry maps (the quote prints no 链)
    reported = fields_reported(
        base, "industrial_chain_map_fields", name_en="Fields of industrial-chain maps"
    )
    assert "'industrial-chain'" in reported["name_en"]


def test_a_definition_calling_a_standing_figure_cumulative_is_reported(base: Base) -> None:
    # 主导研制标准预计9422项: no 累计
    reported = fields_reported(
        base, "standards_led", definition_en="Standards led in drafting (cumulative total)."
    )
    assert "'cumulative'" in reported["definition_en"]


def test_a_note_naming_covid_for_the_vaccination_drive_is_reported(base: Base) -> None:
    # 疫苗接种安全有序开展,抽调2400多名医护人员…: 新冠 is never printed
    reported = fields_reported(
        base,
        "vaccination_medical_staff_deployed.flow.2021",
        note="Seconded for the COVID-19 vaccination campaign of 2021.",
    )
    assert "'COVID-19'" in reported["note"]


def test_a_note_narrating_the_review_is_reported(base: Base) -> None:
    # the reader of the data needs the rule and the words, not who read the row when
    reported = fields_reported(
        base,
        "gdp.level.2021",
        note="Second reading: blind read measure flow; kept level.",
    )
    assert "narrates" in reported["note"]


def test_outside_knowledge_marked_commonly_is_allowed(base: Base) -> None:
    reported = fields_reported(
        base,
        "illegal_group_rentals",
        definition_en="Illegal group rentals (违法群租房; commonly flats let to many tenants "
        "for shop use or residential use).",
    )
    assert "definition_en" not in reported


def test_a_word_is_licensed_by_its_printed_counterpart() -> None:
    assert unprinted_words("Metro Line 13 split", "推进地铁13号线拆分等4条轨道建设", NOTE) == []
    assert unprinted_words("Metro Line 16", "16号线海淀段…开通运营", NOTE) == ["Metro"]
    assert unprinted_words("National high-tech enterprises", "累计新增国家高新技术企业", NOTE) == []
    assert unprinted_words("National surface-water class", "南沙河水质由2016年的劣Ⅴ类", NOTE) == [
        "National"
    ]
    assert unprinted_words("Beijing's first private bank", "成立全市第一家民营银行", NOTE) == []
    assert unprinted_words(
        "the task assigned by the Beijing municipal government", "确保空气质量持续改善", NOTE
    ) == ["Beijing", "municipal", "government"]


# --- one list, read by every kind of English text ----------------------------------------


def test_a_name_needs_the_literal_chinese_a_sentence_may_say_otherwise() -> None:
    # 成立全市第一家民营银行: 全市 speaks of Beijing in a sentence; a name renders its own words
    assert unprinted_words("Beijing's first private bank", "全市第一家民营银行", NOTE) == []
    assert unprinted_words("Beijing First Private Bank", "全市第一家民营银行", NAME) == ["Beijing"]
    # 跨省通办 prints 办 (Services) but no 政务/政府: "Government" is added in a name
    assert unprinted_words("Trans-provincial Government Services", "跨省通办", NAME) == [
        "Government"
    ]


def test_a_name_word_is_plain_english_in_a_translation() -> None:
    # 分区规划 is the "Zoning Plan"; "plan" and "line" say nothing a translation must license
    english = "implement the zoning plan and open Line 16"
    assert unprinted_words(english, "落实分区规划", NAME) == ["Line"]
    assert unprinted_words(english, "落实分区规划", TRANSLATION) == []


def test_a_translation_adds_no_disease_name() -> None:
    # 疫情防控取得重大战略成果。 prints 疫情 (the epidemic), never 新冠
    zh = "疫情防控取得重大战略成果。"
    assert unprinted_words("success against SARS-CoV-2", zh, TRANSLATION) == ["SARS-CoV-2"]
    assert unprinted_words("COVID19 prevention", zh, TRANSLATION) == ["COVID19"]
    assert unprinted_words("epidemic prevention", zh, TRANSLATION) == []


def test_a_description_names_no_attribution_its_sentences_do_not_print() -> None:
    # 深化健康海淀建设 says nothing of a Healthy China strategy; 实施城市更新行动 nothing of Beijing
    assert unprinted_words("the Healthy China strategy", "深化健康海淀建设。", DESCRIPTION) == [
        "Healthy China",
        "China",
    ]
    assert unprinted_words("Beijing urban renewal", "实施城市更新行动", DESCRIPTION) == ["Beijing"]
    assert unprinted_words("Beijing urban renewal", "全市城市更新行动", DESCRIPTION) == []


def test_every_word_is_checked_somewhere_and_compiles() -> None:
    for word in WORDS:
        assert word.kinds <= set(KINDS) and (word.kinds or word.name), word.english
        re.compile(word.english)
        re.compile(word.chinese or "x")
        re.compile(word.name or "x")
    assert len({w.english for w in WORDS}) == len(WORDS)  # one entry per English word


# --- 累计: the printed year decides the measure -----------------------------------------


def test_accumulated_with_no_year_printed_is_cumulative(base: Base) -> None:
    # 累计新增上市企业76家 (no year in the sentence): the five years' total
    reported = fields_reported(
        base,
        "listed_companies.cumulative.2017-2021",
        measure="level",
        period="2021",
    )
    assert "累计 where no year is printed is cumulative" in reported["measure"]


def test_accumulated_under_a_printed_year_is_that_years_flow(base: Base) -> None:
    # 2021年,签约落地重点项目90余个;发明专利授权预计累计3.7万件,占全市的50%,五年年均增长10%
    reported = fields_reported(
        base,
        "invention_patents_granted.flow.2021",
        measure="cumulative",
        period="2017-2021",
    )
    assert "累计 where a year dates the sentence is flow" in reported["measure"]
