"""Program descriptions and names say what the report says: the written rules in
curation/README.md ("What a description may say", "Names in English" for programs) held
mechanically where a machine can hold them. Everything else in those rules is held by reading."""

from __future__ import annotations

import re

import haidian_report as hr
from haidian_report.printed_words import DESCRIPTION, NAME, unprinted_words

#: Chinese numerals as the report prints ordinals (“十三五”, 党的十九大, 二十大).
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """``n`` (0-99) written in Chinese numerals, as in 十三五 or 二十大.

    >>> [chinese_numeral(n) for n in (7, 13, 20, 19)]
    ['七', '十三', '二十', '十九']
    """
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


def unprinted_figures(description: str, chinese: str) -> list[str]:
    """The digit runs of ``description`` that ``chinese`` does not print, neither as the
    same Arabic number (commas ignored) nor, for 0-99, in Chinese numerals.

    >>> unprinted_figures("Beijing's 2019 reform; 40 projects", "实施40项疏堵工程")
    ['2019']
    >>> unprinted_figures("The 13th Five-Year Plan", "实现“十三五”规划主要目标任务")
    []
    >>> unprinted_figures("worth 65 billion yuan", "为企业减免税费650亿元")
    ['65']
    """
    printed = set(re.findall(r"\d+(?:\.\d+)?", chinese))
    out = []
    for run in re.findall(r"\d(?:[\d,]*\d)?(?:\.\d+)?", description):
        number = run.replace(",", "")
        if number in printed:
            continue
        if number.isdigit() and int(number) < 100 and chinese_numeral(int(number)) in chinese:
            continue
        out.append(run)
    return out


def _sentences_of_each_program() -> dict[str, str]:
    """program_id -> the Chinese text of every sentence that mentions it, joined."""
    text = dict(hr.sentences().select("sentence_id", "text").rows())
    out: dict[str, list[str]] = {}
    for program, sentence in hr.program_mentions().select("program_id", "sentence_id").rows():
        if text[sentence] not in out.setdefault(program, []):
            out[program].append(text[sentence])
    return {program: "".join(texts) for program, texts in out.items()}


# 完善医耗联动综合改革配套措施 prints no year: "Beijing's 2019 reform…" was outside knowledge.
def test_no_description_prints_a_figure_or_year_its_sentences_do_not() -> None:
    chinese = _sentences_of_each_program()
    found = [
        (pid, run)
        for pid, desc in hr.programs().select("program_id", "description_en").rows()
        for run in unprinted_figures(desc, chinese.get(pid, ""))
    ]
    assert found == []


def unlicensed_attributions(description: str, chinese: str) -> list[str]:
    """The words of ``description`` that no word of ``chinese`` licenses (the shared list,
    kind ``description``: Beijing, national, China, State Council…; 全市 and 首都 speak of
    Beijing, 国家, 全国, 中央 and 国务院 of the nation).

    >>> unlicensed_attributions("The national and Beijing urban renewal", "实施城市更新行动")
    ['national', 'Beijing']
    >>> unlicensed_attributions("commended by the State Council", "获国务院通报表扬")
    []
    """
    return unprinted_words(description, chinese, DESCRIPTION)


# 深化健康海淀建设 says nothing of a Healthy China strategy; 实施城市更新行动 nothing of Beijing.
def test_no_description_attributes_what_its_sentences_do_not() -> None:
    chinese = _sentences_of_each_program()
    found = [
        (pid, word)
        for pid, desc in hr.programs().select("program_id", "description_en").rows()
        for word in unlicensed_attributions(desc, chinese.get(pid, ""))
    ]
    assert found == []


# 南区 is the "South Area", not "Zhongguancun Science City South Area"; 物业管理条例 names
# no "Beijing Municipal" regulations; 分区规划 no "Haidian District" (京 in 京张 is Beijing). The
# shipped names are held by tests/test_program_names_printed.py, with every word of the list.
def test_the_name_check_catches_an_added_place() -> None:
    assert unprinted_words("Zhongguancun Science City South Area", "南区", NAME) == [
        "Zhongguancun",
        "City",
    ]
    assert unprinted_words(
        "Beijing Municipal Regulations on Property Management", "物业管理条例", NAME
    ) == ["Beijing", "Municipal"]
    assert unprinted_words("Haidian District Zoning Plan", "分区规划", NAME) == ["Haidian"]
    assert unprinted_words("Beijing–Zhangjiakou Railway", "京张铁路", NAME) == []


def test_the_checks_catch_what_the_review_found() -> None:
    assert unprinted_figures(
        "The municipal regulations, effective May 2021, on residential property management",
        "加强社区治理,全面落实物业管理条例",
    ) == ["2021"]
    assert unlicensed_attributions(
        "The district's programme under the Healthy China strategy", "深化健康海淀建设。"
    ) == ["Healthy China", "China"]
