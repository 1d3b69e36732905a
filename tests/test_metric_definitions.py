"""Metric definitions say only what the report supports (curation/README.md, "Metric
definitions"): the metric's facts' paragraphs, plus a plain definition of the name. The
mechanical part is held here: no year or figure, and no place or level, that those paragraphs
do not print. Added qualifiers are held by reading."""

from __future__ import annotations

import re

import haidian_report as hr
from haidian_report.printed_words import DEFINITION, unprinted_words
from tests.test_descriptions import unprinted_figures

#: Plain English for a printed name (a unit, a pollutant, a term) and the Chinese
#: that licenses it: 万元 is "10,000 CNY", 一刻钟 a "15-minute" circle, 细颗粒物 "PM2.5",
#: 独角兽企业 a start-up "valued at USD 1 billion or more" (the term's own definition).
NAME_RENDERINGS: dict[str, str] = {
    "10,000": "万",
    "15-minute": "一刻钟",
    "PM2.5": "细颗粒物",
    "13th Five-Year Plan (2016-2020)": "十三五",
    "valued at USD 1 billion or more": "独角兽",
}


def paragraphs_of_each_metric() -> dict[str, str]:
    """metric_id -> the Chinese of every paragraph in which one of its facts is printed."""
    section = dict(hr.sentences().select("sentence_id", "section_id").rows())
    text_of: dict[str, list[str]] = {}
    for sec, text in hr.sentences().select("section_id", "text").rows():
        text_of.setdefault(sec, []).append(text)
    sections: dict[str, set[str]] = {}
    for table in (hr.indicators(), hr.targets()):
        for metric, sentence in table.select("metric_id", "sentence_id").rows():
            sections.setdefault(metric, set()).add(section[sentence])
    return {
        metric: "".join("".join(text_of[s]) for s in sorted(secs))
        for metric, secs in sections.items()
    }


def unsupported(definition: str, chinese: str) -> list[str]:
    """Years, figures and attributions (the shared list's words, kind ``definition``) of
    ``definition`` that ``chinese`` does not print, after the plain renderings of printed
    names are set aside.

    >>> unsupported("Haidian's share of Beijing's new round", "完成新一轮百万亩造林绿化任务")
    ['Beijing']
    >>> unsupported("Energy per 10,000 CNY of GDP", "万元地区生产总值能耗")
    []
    >>> unsupported("the 2018-2020 three-year action", "农村人居环境整治三年行动")
    ['2018', '2020']
    """
    for english, licence in NAME_RENDERINGS.items():
        if re.search(licence, chinese):
            definition = definition.replace(english, "")
    return unprinted_figures(definition, chinese) + unprinted_words(definition, chinese, DEFINITION)


# 完成新一轮百万亩造林绿化任务 prints no 北京 or 全市: "Beijing's new round" was outside knowledge;
# 农村人居环境整治三年行动 prints no years: "the 2018-2020 three-year action" was too.
def test_no_metric_definition_adds_a_year_figure_or_place_its_paragraphs_do_not_print() -> None:
    chinese = paragraphs_of_each_metric()
    found = [
        (mid, word)
        for mid, definition in hr.metrics().select("metric_id", "definition_en").rows()
        for word in unsupported(definition, chinese.get(mid, ""))
    ]
    assert found == []
