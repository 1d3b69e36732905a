"""Edits a cold attacker made VALID (issue #11, attack round 10), each now reported exactly.

Each case edits one copy of the shipped package (re-stamped, so only the targeted rule can
catch it) and returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import (
    Key,
    case_registry,
    cell,
    copy_package,
    edit,
    keys,
    read_table,
    row_of,
    write_table,
)

from haidian_report.validate import validate

CASES, case = case_registry()


@case
def computed_point_emptied_on_a_check_of_unlike_price_bases(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元增长到9500亿元, 五年年均增长7.6%: the levels' CAGR (9.97%) is
    # computed though the verdict is not_comparable (nominal levels, real rate); whether a
    # check is recomputed is not the row's own empty cell to decide
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", computed_point="")
    return {("check-recomputed", "checks", row, "computed_point")}


@case
def derivation_unit_emptied(pkg: Path) -> set[Key]:
    # 464条 背街小巷 over 2017-2021 against 88条 in 2022: an average pace in 条 (count)
    row = edit(pkg, "derivations", "average_pace.back_streets_renovated.flow.2022", unit="")
    return {("derived-unit", "derivations", row, "unit")}


@case
def check_unit_emptied(pkg: Path) -> set[Key]:
    # a CAGR against the levels is in percent
    row = edit(pkg, "checks", "cagr_vs_levels.gdp", unit="")
    return {("derived-unit", "checks", row, "unit")}


@case
def term_name_numbered_from_its_source_sentence_id(pkg: Path) -> set[Key]:
    # 坚持“规划引领、精准拆违、依法拆违、综合保障” (p58.s07) prints no 58: the id is not the text
    row = edit(pkg, "terms", "demolition_principles", term_en="58 principles of demolition")
    return {("english-number", "terms", row, "term_en")}


@case
def term_explanation_numbered_from_its_source_sentence_id(pkg: Path) -> set[Key]:
    text = cell(pkg, "terms", "demolition_principles", "explanation_en")
    row = edit(pkg, "terms", "demolition_principles", explanation_en=text + " It has 7 parts.")
    return {("english-number", "terms", row, "explanation_en")}


@case
def program_mention_inside_a_longer_names_mention(pkg: Path) -> set[Key]:
    # 组建中关村科学城管理机构 (p19.s02): the occurrence is the 管理机构's only, not also one of
    # 中关村科学城 (curation/README.md: an occurrence inside a longer name's belongs to it)
    header, rows = read_table(pkg, "program_mentions")
    longer = next(r for r in rows if r[0].endswith("@2569"))
    added = dict(zip(header, longer, strict=True))
    added.update(
        mention_id="zhongguancun_science_city@2569",
        program_id="zhongguancun_science_city",
        quote="中关村科学城",
        quote_end="2575",
    )
    write_table(pkg, "program_mentions", header, [*rows, [added[c] for c in header]])
    return {("mention-overlap", "program_mentions", len(rows) + 1, "quote_start")}


@case
def qualitative_target_made_exact(pkg: Path) -> set[Key]:
    # 深耕中关村科学城…改革试验田 (2022-2026): 深耕 prints words, no figure, so the qualifier is the
    # field at fault (it was reported as an unparseable value_text); a level over five years
    # is then reported as well, as for any exact level
    row = edit(pkg, "targets", "zhongguancun_reform_test_field.level.2022-2026", qualifier="exact")
    return {
        ("qualifier-mismatch", "targets", row, "qualifier"),
        ("measure-period", "targets", row, "period"),
    }


@case
def metric_unit_emptied(pkg: Path) -> set[Key]:
    # 代征道路移交 counts roads (条): a fact in count does not fit a metric with no unit, which
    # read as "anything fits"
    edit(pkg, "metrics", "acquired_roads_handed_over", unit="")
    fact = "acquired_roads_handed_over.cumulative.2017-2021"
    return {("unit-metric", "indicators", row_of(pkg, "indicators", fact), "unit")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    assert keys(validate(pkg)) == expected


def test_an_empty_unit_is_named_as_empty(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(pkg, "derivations", "average_pace.back_streets_renovated.flow.2022", unit="")
    said = [p.message for p in validate(pkg).problems]
    assert said == ["found empty; kind average_pace with inputs base, target gives count"]
