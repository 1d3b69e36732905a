"""Goal statements of part two and claims of part one are rows or reasoned exclusions."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import haidian_report as hr
from haidian_build.curation import Curation, Entry, Locator
from haidian_build.goals import marker_exclusion_rows
from haidian_report.completeness import marker_hits, unaccounted_markers
from haidian_report.segment import segment

TABLE_OF_PART = {"part1": "indicators", "part2": "targets"}


def _exclusions() -> list[dict[str, object]]:
    return hr.load("exclusions").to_dicts()


@pytest.mark.parametrize("part", ["part1", "part2"])
def test_every_goal_and_claim_marker_is_a_row_or_excluded(source: str, part: str) -> None:
    facts = hr.load(TABLE_OF_PART[part]).to_dicts()  # type: ignore[arg-type]
    missing = unaccounted_markers(source, part, facts, _exclusions())
    assert missing == [], [f"line {p.line}: {p.text}" for p in missing]


@pytest.mark.parametrize(("part", "kind"), [("part1", "claim"), ("part2", "goal")])
def test_no_goal_or_claim_exclusion_is_redundant(source: str, part: str, kind: str) -> None:
    facts = hr.load(TABLE_OF_PART[part]).to_dicts()  # type: ignore[arg-type]
    excl = [e for e in _exclusions() if e["kind"] == kind]
    assert excl
    for e in excl:
        others = [x for x in excl if x is not e]
        assert unaccounted_markers(source, part, facts, others), f"{e['quote']!r} is redundant"


def test_marker_counts(source: str) -> None:
    # The numbers the report gives for coverage: hits, and exclusions of each kind.
    assert len(marker_hits(source, "part1")) == 72
    assert len(marker_hits(source, "part2")) == 53
    kinds = [e["kind"] for e in _exclusions()]
    assert (kinds.count("claim"), kinds.count("goal")) == (8, 13)


def test_meeting_a_need_is_a_goal_marker() -> None:
    # 满足小米、字节跳动、腾讯、美团等项目空间需求: an outcome (the needs met), found by the
    # blind second reading as a goal no row held.
    text = (
        "报告\n一、回顾\n空气质量城六区最优。\n二、建议\n"
        "坚持“先定产业后供空间”,满足小米、字节跳动、腾讯、美团等项目空间需求。\n"
    )
    assert "满足" in [p.text for p in marker_hits(text, "part2")]


def test_markers_are_found_only_in_their_part(source: str) -> None:
    part2 = next(s for s in segment(source)[0] if s.section_id == "part2")
    assert all(p.start >= part2.start for p in marker_hits(source, "part2"))
    assert all(p.end <= part2.start for p in marker_hits(source, "part1"))


def test_a_goal_exclusion_must_cover_a_marker(source: str) -> None:
    _, sentences = segment(source)
    cur = Curation()
    cur.entries["goal"] = [Entry("x.toml", "goal", {"quote": "加强垃圾综合整治", "reason": "r"})]
    marker_exclusion_rows(cur, Locator(source, sentences))
    assert [p.message for p in cur.problems] == ["covers no goal marker of part2"]


def _targets(**where: str) -> pl.DataFrame:
    t = hr.targets()
    for col, value in where.items():
        t = t.filter(pl.col(col) == value)
    return t


# 我们要不断巩固海淀经济强区、科教强区、人才强区优势地位,始终走在国际科技创新中心建设的最前头,
# 走在中关村先行先试的最前头,走在全市高质量发展的最前头,让城市品质更精致、生态环境更优美、
# 民生保障更全面,人民群众获得感幸福感安全感显著增强。
def test_the_five_year_goals_are_targets_of_2022_to_2026() -> None:
    five = _targets(period="2022-2026")
    assert set(five["sentence_id"]) == {"p43.s03", "p43.s04"}
    assert five.filter(pl.col("value_text") == "最前头").height == 3
    assert set(five.filter(pl.col("measure") == "change")["value_text"]) == {
        "更精致",
        "更优美",
        "更全面",
        "显著增强",
    }
    assert five["value"].is_null().all() and (five["qualifier"] == "qualitative").all()
    forefront = five.filter(pl.col("quote") == "走在全市高质量发展的最前头")
    assert forefront.select("measure", "scope").row(0) == ("rank", "beijing_rank")


# 推进更高质量、更加充分就业,确保就业形势总体稳定。
def test_an_outcome_of_the_2022_tasks_is_a_target() -> None:
    row = _targets(quote="确保就业形势总体稳定").row(0, named=True)
    assert (row["period"], row["firmness"], row["qualifier"]) == ("2022", "ensure", "qualitative")
    assert _targets(quote="确保房屋市场规范有序").height == 1


# 助力7个对口支援地区全部摘帽、15.99万贫困人口全部脱贫 / “一刻钟健身圈”实现全覆盖
def test_claims_of_full_coverage_and_precedence_are_indicators() -> None:
    ind = hr.indicators()
    paired = ind.filter(pl.col("sentence_id") == "p38.s02")
    assert set(paired["scope"]) == {"paired_regions"} and paired.height == 2
    circle = ind.filter(pl.col("quote") == "“一刻钟健身圈”实现全覆盖").row(0, named=True)
    assert (circle["measure"], circle["value"], circle["qualifier"]) == (
        "level",
        None,
        "qualitative",
    )
    # 设立全国首家中小企业续贷中心: a rank of 1 in the whole country
    first = ind.filter(pl.col("quote") == "设立全国首家中小企业续贷中心").row(0, named=True)
    assert (first["measure"], first["value"], first["scope"]) == ("rank", 1.0, "national_rank")


def test_qualitative_rows_have_no_value_unit_or_printed_number() -> None:
    for table in ("indicators", "targets"):
        q = hr.load(table).filter(pl.col("qualifier") == "qualitative")  # type: ignore[arg-type]
        assert q.height > 0
        assert (
            q.select("value", "unit", "value_printed", "unit_printed").null_count().row(0)
            == (q.height,) * 4
        )


def test_goal_exclusions_are_part_of_the_exclusions_table(root: Path) -> None:
    kinds = set(hr.load("exclusions")["kind"])
    assert kinds == {"digits", "quoted", "goal", "claim"}
