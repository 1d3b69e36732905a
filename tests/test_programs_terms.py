"""Programs, terms and their mentions: completeness against an independent search."""

from __future__ import annotations

import polars as pl

import haidian_report as hr
from haidian_report.completeness import quoted_phrases, unaccounted_quotes


def _forms(name: str, aliases: str | None) -> list[str]:
    return [name, *(aliases.split(" | ") if aliases else [])]


def _all_hits(source: str, form: str) -> set[int]:
    hits, pos = set(), source.find(form)
    while pos != -1:
        hits.add(pos)
        pos = source.find(form, pos + 1)
    return hits


def _outermost(catalogue: list[tuple[str, int, int]]) -> set[tuple[str, int]]:
    """(id, start) of the hits not lying strictly inside a longer hit of any entry."""
    return {
        (ident, s)
        for ident, s, e in catalogue
        if not any(os_ <= s and e <= oe and (oe - os_) > (e - s) for _, os_, oe in catalogue)
    }


def test_every_occurrence_of_every_name_is_a_mention(source: str) -> None:
    catalogue: list[tuple[str, int, int]] = []
    for kind, id_col, name_col in (
        ("programs", "program_id", "name_zh"),
        ("terms", "term_id", "term_zh"),
    ):
        for row in hr.load(kind).iter_rows(named=True):  # type: ignore[arg-type]
            for form in _forms(row[name_col], row["aliases_zh"]):
                hits = _all_hits(source, form)
                assert hits, f"{row[id_col]}: {form!r} is not in the source"
                catalogue += [(row[id_col], h, h + len(form)) for h in hits]
    expected = _outermost(catalogue)
    mentions = {
        (r["program_id"], r["quote_start"]) for r in hr.program_mentions().iter_rows(named=True)
    } | {(r["term_id"], r["quote_start"]) for r in hr.term_mentions().iter_rows(named=True)}
    assert mentions == expected


def test_mentions_round_trip_and_lie_in_their_sentence(source: str) -> None:
    sentences = {r["sentence_id"]: r for r in hr.sentences().iter_rows(named=True)}
    for frame in (hr.program_mentions(), hr.term_mentions()):
        for m in frame.iter_rows(named=True):
            assert source[m["quote_start"] : m["quote_end"]] == m["quote"]
            s = sentences[m["sentence_id"]]
            assert s["start"] <= m["quote_start"] and m["quote_end"] <= s["end"]


def test_every_quoted_phrase_is_a_program_a_term_or_excluded(source: str) -> None:
    mentions = hr.program_mentions().to_dicts() + hr.term_mentions().to_dicts()
    missing = unaccounted_quotes(source, mentions, hr.load("exclusions").to_dicts())
    assert missing == [], [p.text for p in missing]
    assert len({p.text for p in quoted_phrases(source)}) == 116


def test_no_quoted_phrase_is_both_a_program_and_a_term() -> None:
    programs = set(hr.programs()["name_zh"].str.strip_chars("“”"))
    terms = set(hr.terms()["term_zh"])
    assert programs.isdisjoint(terms)


def test_every_program_and_term_is_mentioned() -> None:
    assert set(hr.programs()["program_id"]) == set(hr.program_mentions()["program_id"])
    assert set(hr.terms()["term_id"]) == set(hr.term_mentions()["term_id"])


# 继续实施研发投入倍增计划 (part two) after 实施研发投入倍增计划 (part one)
def test_program_named_in_both_parts_has_a_mention_in_each() -> None:
    pid = hr.programs().filter(pl.col("name_zh") == "研发投入倍增计划")["program_id"].item()
    m = hr.program_mentions().filter(pl.col("program_id") == pid)
    assert set(m["part"]) == {"part1", "part2"}
    assert all(verb.endswith("实施") for verb in m["frame_verb"])
    assert hr.programs().filter(pl.col("program_id") == pid)["status"].item() == "ongoing"


# 立足首都“四个中心”城市战略定位 … 强化首都“四个中心”功能建设
def test_four_centres_term_lists_its_items() -> None:
    t = hr.terms().filter(pl.col("term_zh") == "四个中心").row(0, named=True)
    for item in ("political", "cultural", "international exchange", "innovation"):
        assert item in t["explanation_en"]
    assert hr.term_mentions().filter(pl.col("term_id") == t["term_id"]).height == 2


def test_mentions_helper_returns_sentences() -> None:
    pid = hr.programs().filter(pl.col("name_zh") == "研发投入倍增计划")["program_id"].item()
    frame = hr.mentions_of(pid)
    assert frame.height == 2
    assert {"sentence_id", "text", "text_en", "part"} <= set(frame.columns)
