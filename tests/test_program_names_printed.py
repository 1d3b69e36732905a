"""Names, descriptions and term explanations say what the report prints (curation/README.md,
"Names in English", "What a description may say", "Term explanations"): the parts of those
rules a machine can hold. The rest is held by reading."""

from __future__ import annotations

import re

import haidian_report as hr
from haidian_report.printed_words import EXPLANATION, NAME, unprinted_words


def unprinted_name_words(english: str, chinese: str) -> list[str]:
    """The words of the English name ``english`` (the shared list, kind ``name``) that its
    Chinese name ``chinese`` does not print. 16号线海淀段 is "Line 16 Haidian Section" (no 地铁,
    so no "Metro"); 跨省通办 is "Trans-provincial Handling" (no 政务, so no "Government"); the
    popular rendering goes to aliases_en.

    >>> unprinted_name_words("Huilongguan–Shangdi Bicycle Expressway", "回龙观—上地自行车专用路")
    ['Expressway']
    >>> unprinted_name_words("Inter-provincial Handling of Government Services", "跨省通办")
    ['Government']
    >>> unprinted_name_words("Line 16 Haidian Section", "16号线海淀段")
    []
    """
    return unprinted_words(english, chinese, NAME)


def _is_short_institution_name(name_zh: str, kind: str) -> bool:
    """智源, 微芯, 量子, 通研院 take the institution's own English name (the short-name rule)."""
    return kind == "institution" and len(name_zh) <= 3


# 街镇大部制改革 was named for its former alias 街镇管理体制改革 ("management system"): a name
# renders name_zh itself, so its words are checked against name_zh alone.
def test_no_program_name_adds_a_word_its_chinese_does_not_print() -> None:
    found = [
        (pid, word)
        for pid, zh, en, kind in hr.programs()
        .select("program_id", "name_zh", "name_en", "type")
        .rows()
        if not _is_short_institution_name(zh, kind)
        for word in unprinted_name_words(en, zh)
    ]
    assert found == []


def test_no_term_name_adds_a_word_its_chinese_does_not_print() -> None:
    found = [
        (tid, word)
        for tid, zh, en in hr.terms().select("term_id", "term_zh", "term_en").rows()
        for word in unprinted_name_words(en, zh)
    ]
    assert found == []


def _mention_text() -> dict[str, str]:
    """program_id -> its name, aliases and the Chinese of every sentence that mentions it."""
    text = dict(hr.sentences().select("sentence_id", "text").rows())
    out = {
        pid: zh + (aliases or "")
        for pid, zh, aliases in hr.programs().select("program_id", "name_zh", "aliases_zh").rows()
    }
    for pid, sentence in hr.program_mentions().select("program_id", "sentence_id").rows():
        out[pid] += text[sentence]
    return out


#: A run of Chinese a description quotes (with the marks the report prints inside it).
CHINESE = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff“”、…()0-9]*")


def unprinted_chinese(description: str, chinese: str) -> list[str]:
    """The Chinese runs of ``description`` that ``chinese`` does not print (an ellipsis in a
    run stands for omitted words; quote marks are ignored).

    >>> unprinted_chinese("one of the Two Zones (两区)", "高水平建设国家服务业扩大开放综合示范区")
    ['两区']
    >>> unprinted_chinese("an effort (加大…力度)", "加大液化石油气安全管理和替代工作力度")
    []
    """
    plain = chinese.replace("“", "").replace("”", "")
    out = []
    for run in CHINESE.findall(description):
        while run.count(")") > run.count("("):  # the description's own closing bracket
            run = run[:-1]
        parts = [p for p in run.replace("“", "").replace("”", "").split("…") if p]
        at = 0
        for part in parts:
            at = plain.find(part, at)
            if at == -1:
                out.append(run)
                break
            at += len(part)
    return out


# 加快推进“两区”建设 is a paragraph heading: the zones' own sentence does not print 两区.
def test_a_description_quotes_only_its_programs_sentences() -> None:
    text = _mention_text()
    found = [
        (pid, run)
        for pid, desc in hr.programs().select("program_id", "description_en").rows()
        for run in unprinted_chinese(desc, text[pid])
    ]
    assert found == []


# "(see the term ma_shang_qing_xi for the nickname)" is the curators' cross-reference, not
# something the report says of the program.
def test_no_description_refers_to_another_row() -> None:
    found = [
        (pid, desc)
        for pid, desc in hr.programs().select("program_id", "description_en").rows()
        if re.search(r"\bsee the\b|\b[a-z]+_[a-z_]+\b", desc)
    ]
    assert found == []


#: A year that is not part of a period (2016-2035 is the period a plan covers).
YEAR = re.compile(r"(?<![\d-])(?:19|20)\d\d(?![\d-])")


# The report is of 15 December 2021: the Party Constitution "as amended in 2022" cannot be
# where its words come from.
def test_no_explanation_source_is_later_than_the_report() -> None:
    found = [
        (tid, cited)
        for tid, cited in hr.terms().select("term_id", "explanation_source").rows()
        if cited and any(int(y) > 2021 for y in YEAR.findall(cited))
    ]
    assert found == []


# 学区房 is unconfirmed: "Homes valued for the place they give a child at a nearby school"
# stated a reading as fact. An unconfirmed explanation says what no source confirms, and a
# reading it gives as common is followed by that.
def test_an_unconfirmed_explanation_states_no_reading_as_fact() -> None:
    found = []
    for t in (
        hr.terms().filter(hr.terms()["explanation_basis"] == "unconfirmed").iter_rows(named=True)
    ):
        text = t["explanation_en"]
        says_unconfirmed = re.search(r"no source at hand|the report does not", text)
        common = re.search(r"\b(?:commonly|usually|often|widely)\b", text)
        if not says_unconfirmed or (common and "no source at hand confirms" not in text):
            found.append(t["term_id"])
    assert found == []


# The four name_en errors of the third review, each caught by the word rule.
def test_the_name_check_catches_what_the_third_review_found() -> None:
    assert unprinted_name_words(
        "Experience Beijing series of winter sports test events", "“相约北京”系列冬季体育赛事"
    ) == ["test"]
    assert unprinted_name_words(
        "Huilongguan–Shangdi Bicycle Expressway", "回龙观—上地自行车专用路"
    ) == ["Expressway"]
    assert "management" in unprinted_name_words(
        "subdistrict and township management system reform", "街镇大部制改革"
    )
    assert unprinted_name_words("Inter-provincial Handling of Government Services", "跨省通办") == [
        "Government"
    ]


def _term_explanation_outside_words(
    term_zh: str, explanation: str, basis: str, source: str | None, sentences: list[str]
) -> list[str]:
    """Words of a report/unconfirmed explanation that neither the term nor the sentences it
    rests on print; a reading hedged as "commonly/usually/often …" may go beyond them."""
    if basis == "official":  # an official source speaks for itself (explanation_source)
        return []
    text = (
        hr.sentences()
        .filter(
            hr.sentences()["sentence_id"].is_in(
                [*sentences, *re.findall(r"p\d+\.s\d+", source or "")]
            )
        )["text"]
        .to_list()
    )
    return unprinted_words(explanation, term_zh + " ".join(text), EXPLANATION)


def test_no_term_explanation_adds_a_word_its_sentences_do_not_print() -> None:
    # 违法群租房、占道经营、开墙打洞保持“动态清零”: 开墙打洞 is openings knocked in walls, not
    # "shopfronts"; 坚持“三防”“四早”“九严格” stands under 疫情防控 and prints no 新冠 (COVID-19).
    mentions = hr.term_mentions()
    found = []
    for t in hr.terms().iter_rows(named=True):
        ids = mentions.filter(mentions["term_id"] == t["term_id"])["sentence_id"].to_list()
        words = _term_explanation_outside_words(
            t["term_zh"], t["explanation_en"], t["explanation_basis"], t["explanation_source"], ids
        )
        if words:
            found.append((t["term_id"], words))
    assert found == []


def test_the_term_word_check_catches_what_the_fourth_review_found() -> None:
    sentence = ["p58.s05"]  # 违法群租房、占道经营、开墙打洞保持“动态清零”。
    shopfronts = "Keeping illegal group rentals and illegally opened shopfronts cleared to zero."
    assert _term_explanation_outside_words("动态清零", shopfronts, "report", None, sentence) == [
        "shopfronts"
    ]
    covid = "Three COVID-19 'preventions' the report does not list."
    assert _term_explanation_outside_words("三防", covid, "unconfirmed", None, []) == ["COVID-19"]
