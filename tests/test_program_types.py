"""Program types by the pair rules in curation/README.md, and the blind second reading's
resolutions recorded in the rows they changed."""

from __future__ import annotations

import re

import polars as pl

import haidian_report as hr
from haidian_report.program_types import type_by_name


def test_every_name_a_type_rule_covers_has_that_type() -> None:
    wrong = [
        (p["name_zh"], p["type"], type_by_name(p["name_zh"]))
        for p in hr.programs().iter_rows(named=True)
        if type_by_name(p["name_zh"]) not in (None, p["type"])
    ]
    assert wrong == []


# So that the rule test above cannot pass by matching nothing: 123 of 266 rows when written.
def test_the_name_rules_decide_over_a_hundred_rows() -> None:
    covered = sum(type_by_name(n) is not None for n in hr.programs()["name_zh"])
    assert covered > 100


# 完成第七次全国人口普查。 A census is a one-off exercise held at a date.
def test_a_census_is_an_event() -> None:
    row = hr.programs().filter(pl.col("name_zh") == "第七次全国人口普查").row(0, named=True)
    assert row["type"] == "event"


# 推进国际消费中心城市建设。 A designation of the city; the text never calls it 试点.
def test_a_designation_the_text_does_not_call_a_pilot_is_a_zone() -> None:
    row = hr.programs().filter(pl.col("name_zh") == "国际消费中心城市").row(0, named=True)
    assert row["type"] == "zone"


#: Words that narrate how a note came about (who read what, what was kept) instead of
#: saying what the text supports: a note is shown to users.
NARRATION = re.compile(r"Second reading|blind read|\bkept\b|\bwas right\b|\bchanged\b")


def test_every_note_states_what_the_text_supports_with_source_words(source: str) -> None:
    notes = hr.programs().filter(pl.col("note").is_not_null())
    assert notes.height > 0
    for p in notes.iter_rows(named=True):
        assert NARRATION.search(p["note"]) is None, p["program_id"]
        quoted = p["note"].split("; the text: ", 1)[1].rstrip(".")
        for words in re.split(r"\s*…\s*", quoted):
            assert not words or words in source, (p["program_id"], words)
