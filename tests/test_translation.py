"""The English translation: complete, figures carried as printed, and no program or term name
that the Chinese sentence does not print (mentions are found in the Chinese alone)."""

from __future__ import annotations

import re

import polars as pl

import haidian_report as hr
from haidian_report.english import appears_in, renderings
from haidian_report.printed_words import TRANSLATION, unprinted_words, unrendered


def _english() -> dict[str, str]:
    return dict(hr.sentences().select("sentence_id", "text_en").rows())


def test_every_sentence_has_a_translation() -> None:
    for sentence_id, text in _english().items():
        assert text and text.strip() and text != "?", sentence_id


def test_translation_is_english_not_chinese() -> None:
    for sentence_id, text in _english().items():
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert han <= len(text) // 3, sentence_id  # Chinese only in parentheses after terms


def test_every_figure_appears_in_its_sentence_translation() -> None:
    english = _english()
    missing = []
    for frame in (hr.indicators(), hr.targets()):
        for f in frame.filter(pl.col("value").is_not_null()).iter_rows(named=True):
            forms = renderings(f["value"], f["unit"], f["value_printed"])
            if not appears_in(english[f["sentence_id"]], forms):
                missing.append((f["sentence_id"], f["value_text"], sorted(forms)))
    assert missing == []


def outside_words(zh: str, en: str) -> list[str]:
    """The English words in ``en`` whose Chinese counterpart ``zh`` does not print (the shared
    list, kind ``translation``): the disease is 疫情 (the epidemic) unless 新冠 is printed."""
    return unprinted_words(en, zh, TRANSLATION)


def test_no_english_word_the_chinese_does_not_print() -> None:
    sentences = hr.sentences().select("sentence_id", "text", "text_en").rows()
    added = [(sid, outside_words(zh, en)) for sid, zh, en in sentences]
    assert [a for a in added if a[1]] == []


def test_an_added_disease_name_is_caught() -> None:
    # 疫情防控取得重大战略成果。 prints 疫情 (the epidemic), never 新冠.
    zh = "疫情防控取得重大战略成果。"
    assert outside_words(zh, "Major achievements in COVID-19 prevention and control.") == [
        "COVID-19"
    ]
    assert outside_words(zh, "Major achievements in epidemic prevention and control.") == []


def test_a_percentage_with_yishang_is_or_more_in_english() -> None:
    # 信息、科研、金融业增加值占地区生产总值的70%以上 → "70% or more of gross regional product"
    wrong = [
        sid
        for sid, zh, en in hr.sentences().select("sentence_id", "text", "text_en").rows()
        if unrendered(zh, en)
    ]
    assert wrong == []


def test_a_yishang_rendered_as_over_is_caught() -> None:
    zh = "信息、科研、金融业增加值占地区生产总值的70%以上"
    assert unrendered(zh, "70% or more of gross regional product") == []
    assert unrendered(zh, "over 70% of gross regional product") == ["70%以上"]


def _english_names() -> list[tuple[str, str, str]]:
    """(kind, id, English form) for every program and term name and English alias."""
    out = []
    for kind, frame, en in (("program", hr.programs(), "name_en"), ("term", hr.terms(), "term_en")):
        for row in frame.select(frame.columns[0], en, "aliases_en").rows():
            for form in [row[1], *(row[2].split(" | ") if row[2] else [])]:
                out.append((kind, row[0], form))
    return out


def _spans(text: str, form: str) -> list[tuple[int, int]]:
    pattern = rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def names_without_a_mention(
    english: dict[str, str],
    names: list[tuple[str, str, str]],
    mentioned: set[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """(sentence, kind:id, form) for each English name printed in a sentence's translation
    whose program or term the sentence's Chinese does not mention. A name lying inside a
    longer name found there ("Zhongguancun Forum" in "Zhongguancun Forum Permanent Venue")
    is part of that name, as mentions inside a longer mention are in the Chinese."""
    missing = []
    for sentence_id, text in english.items():
        hits = [
            (s, e, kind, ident, form) for kind, ident, form in names for s, e in _spans(text, form)
        ]
        for s, e, kind, ident, form in hits:
            inside = any(os_ <= s and e <= oe and (oe - os_) > (e - s) for os_, oe, *_ in hits)
            if not inside and (sentence_id, kind, ident) not in mentioned:
                missing.append((sentence_id, f"{kind}:{ident}", form))
    return sorted(set(missing))


def _mentioned() -> set[tuple[str, str, str]]:
    """(sentence, kind, id) of every program and term mention, found in the Chinese."""
    programs = hr.program_mentions().select("sentence_id", "program_id").rows()
    terms = hr.term_mentions().select("sentence_id", "term_id").rows()
    return {(s, "program", i) for s, i in programs} | {(s, "term", i) for s, i in terms}


def test_no_program_or_term_name_the_chinese_does_not_print() -> None:
    assert names_without_a_mention(_english(), _english_names(), _mentioned()) == []


# 持续开展农村人居环境整治 names no Three-Year Action, so its English may not either.
def test_an_added_program_name_is_caught() -> None:
    english = {
        "p57.s03": "continue improving the rural living environment, building on the "
        "Three-Year Action to Improve the Rural Living Environment"
    }
    names = [
        (
            "program",
            "rural_living_environment_three_year_action",
            "Three-Year Action to Improve the Rural Living Environment",
        )
    ]
    assert names_without_a_mention(english, names, set()) == [
        ("p57.s03", "program:rural_living_environment_three_year_action", names[0][2])
    ]
    assert names_without_a_mention(english, names, {("p57.s03", "program", names[0][1])}) == []


# 加快推进中关村论坛永久会址建设: the forum's name inside the venue's is no extra mention.
def test_a_name_inside_a_longer_mentioned_name_is_not_an_addition() -> None:
    english = {"p23.s09": "We accelerated construction of the Zhongguancun Forum Permanent Venue."}
    names = [
        ("program", "zhongguancun_forum", "Zhongguancun Forum"),
        ("program", "zhongguancun_forum_permanent_venue", "Zhongguancun Forum Permanent Venue"),
    ]
    mentioned = {("p23.s09", "program", "zhongguancun_forum_permanent_venue")}
    assert names_without_a_mention(english, names, mentioned) == []


# 立足首都“四个中心”城市战略定位 → the 'Four Centres' (四个中心)
def test_quoted_terms_carry_the_chinese_in_parentheses() -> None:
    english = _english()
    missing = []
    for m in hr.term_mentions().iter_rows(named=True):
        sentence = hr.sentences().filter(pl.col("sentence_id") == m["sentence_id"])["text"].item()
        if f"“{m['quote']}”" in sentence and m["quote"] not in english[m["sentence_id"]]:
            missing.append((m["sentence_id"], m["quote"]))
    assert missing == []


#: English verbs that state a figure as a fact; after "expected" they end its reach.
_STATED = re.compile(
    r"\b(increased|rose|fell|decreased|reached|grew|accounted|was|were|has ranked)\b"
)


def estimate_unmarked(english: str, forms: set[str]) -> bool:
    """True if the figure (one of ``forms``) is not governed by "expected"/"estimated" in its
    ;-group, or a verb stating it as a fact stands between that word and the figure."""
    for form in forms:
        m = re.search(rf"(?<![0-9A-Za-z.,]){re.escape(form)}(?![0-9A-Za-z]|[.,][0-9])", english)
        if m is None:
            continue
        group = english[: m.start()].rsplit(";", 1)[-1]
        marks = list(re.finditer(r"\b(expected|estimated)\b", group))
        return not marks or _STATED.search(group[marks[-1].end() :]) is not None
    return False


def test_an_estimated_figure_is_expected_in_english() -> None:
    # 细颗粒物年均浓度较2016年预计下降51%,空气质量优良天数增加43%: 预计 reaches the 43% too
    english = _english()
    unmarked = [
        (f["sentence_id"], f["value_text"])
        for f in hr.indicators()
        .filter(pl.col("estimated") & pl.col("value").is_not_null())
        .iter_rows(named=True)
        if estimate_unmarked(
            english[f["sentence_id"]], renderings(f["value"], f["unit"], f["value_printed"])
        )
    ]
    assert unmarked == []


def test_a_figure_stated_as_fact_after_expected_is_caught() -> None:
    stated = "PM2.5 is expected to be 51% lower, and good days increased by 43%."
    assert estimate_unmarked(stated, {"43%"})
    assert not estimate_unmarked(
        "PM2.5 is expected to be 51% lower, and good days to be 43% higher.", {"43%"}
    )
    assert estimate_unmarked("GDP rose; the district ranked first for 6 consecutive years.", {"6"})
