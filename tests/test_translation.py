"""The English translation: complete, numbers carried, terms and programs named consistently."""

from __future__ import annotations

import polars as pl

import haidian_report as hr
from haidian_report.english import appears_in, renderings


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


def _names(frame: pl.DataFrame, en: str) -> dict[str, list[str]]:
    return {
        row[0]: [row[1], *(row[2].split(" | ") if row[2] else [])]
        for row in frame.select(frame.columns[0], en, "aliases_en").rows()
    }


def test_every_mentioned_term_and_program_is_named_in_english() -> None:
    english = _english()
    missing = []
    for table, mentions, key, en in (
        (hr.programs(), hr.program_mentions(), "program_id", "name_en"),
        (hr.terms(), hr.term_mentions(), "term_id", "term_en"),
    ):
        names = _names(table, en)
        for m in mentions.iter_rows(named=True):
            text = english[m["sentence_id"]].lower()
            if not any(n.lower() in text for n in names[m[key]]):
                missing.append((m["sentence_id"], m["quote"], names[m[key]][0]))
    assert missing == []


# 立足首都“四个中心”城市战略定位 → the 'Four Centres' (四个中心)
def test_quoted_terms_carry_the_chinese_in_parentheses() -> None:
    english = _english()
    missing = []
    for m in hr.term_mentions().iter_rows(named=True):
        sentence = hr.sentences().filter(pl.col("sentence_id") == m["sentence_id"])["text"].item()
        if f"“{m['quote']}”" in sentence and m["quote"] not in english[m["sentence_id"]]:
            missing.append((m["sentence_id"], m["quote"]))
    assert missing == []
