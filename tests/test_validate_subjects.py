"""metric-subject: the metric named nearest before a figure is the figure's own
(rules/subjects.py).

The cold attack of 3 December 2026 (finding F1) swapped two facts' five-year averages in
p16.s02 (地区生产总值预计增长10%以上,五年年均增长7.6%;
全社会固定资产投资预计1000亿元,五年年均增长3%), widening each quote to both clauses so
every span still round-trips, and the package passed ``validate --strict``: the words right
before 3% (五年年均增长) name no metric, and the sentence names both. A clause that names no
metric carries the last one named.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import copy_package, read_table, render, table_path

from haidian_report.restamp import restamp
from haidian_report.validate import validate

GDP, FAI = "gdp.cagr.2017-2021", "fixed_asset_investment.cagr.2017-2021"
SPAN = ("value", "value_text", "value_printed", "unit_printed", "value_start", "value_end")


@pytest.fixture()
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def _rows(pkg: Path, table: str) -> tuple[list[str], list[list[str]]]:
    return read_table(pkg, table)


def _swap_figures_and_widen(pkg: Path, a: str, b: str) -> tuple[int, int]:
    """The attack: swap two rows' value spans, each quote widened to cover both."""
    header, body = _rows(pkg, "indicators")
    col = {c: header.index(c) for c in header}
    n = {r[0]: i for i, r in enumerate(body)}
    ra, rb = body[n[a]], body[n[b]]
    for c in SPAN:
        ra[col[c]], rb[col[c]] = rb[col[c]], ra[col[c]]
    start = min(int(ra[col["quote_start"]]), int(rb[col["quote_start"]]))
    end = max(int(ra[col["quote_end"]]), int(rb[col["quote_end"]]))
    source = next(pkg.glob("data/*.txt")).read_text(encoding="utf-8")
    for r in (ra, rb):
        r[col["quote_start"]], r[col["quote_end"]] = str(start), str(end)
        r[col["quote"]] = source[start:end]
    table_path(pkg, "indicators").write_bytes(render(header, body))
    return n[a] + 1, n[b] + 1


def _subject_problems(pkg: Path) -> set[tuple[str | None, int | None, str | None]]:
    restamp(pkg)
    found = validate(pkg).problems
    return {(p.resource, p.row, p.field) for p in found if p.code == "metric-subject"}


def test_two_averages_of_one_sentence_swapped_are_reported(pkg: Path) -> None:
    # 3% now GDP's: 全社会固定资产投资 is named nearer before it than 地区生产总值. (7.6% now
    # investment's prints no investment name before it: a name after the figure is common
    # Chinese order, so that row is not the one this rule can tell.)
    gdp, _ = _swap_figures_and_widen(pkg, GDP, FAI)
    assert _subject_problems(pkg) == {("indicators", gdp, "metric_id")}
    messages = [p.message for p in validate(pkg).problems if p.code == "metric-subject"]
    assert "全社会固定资产投资" in messages[0] and "not gdp" in messages[0]


def test_a_metric_id_moved_to_the_earlier_metric_of_its_sentence_is_reported(pkg: Path) -> None:
    # the same sentence: investment's 3% given to GDP by its metric_id alone (value untouched)
    header, body = _rows(pkg, "indicators")
    i = next(n for n, r in enumerate(body) if r[0] == FAI)
    body[i][header.index("metric_id")] = "gdp"
    table_path(pkg, "indicators").write_bytes(render(header, body))
    assert ("indicators", i + 1, "metric_id") in _subject_problems(pkg)


def test_lists_that_fenbie_or_ge_distribute_stay_valid(pristine: Path) -> None:
    # 单位地区生产总值水耗、能耗预计分别下降…; 退出一般制造业企业、疏解整治有形市场各65家;
    # 党组织和物业服务覆盖率分别达…: a nearer name that the list hands its own figure to
    report = validate(pristine)
    assert report.valid
    assert not [p for p in report.problems if p.code == "metric-subject"]


def test_a_row_subset_of_the_sentence_stays_valid(pkg: Path) -> None:
    # dropping investment's rows removes its name from the sentence's metrics: GDP's 7.6% is
    # then only GDP's, and nothing is reported
    header, body = _rows(pkg, "indicators")
    kept = [r for r in body if r[header.index("metric_id")] != "fixed_asset_investment"]
    assert len(kept) < len(body)
    table_path(pkg, "indicators").write_bytes(render(header, kept))
    assert _subject_problems(pkg) == set()


# metric-noun: p33.s07 实施75个小区、431栋楼、275.7万平方米老旧小区改造 names its subjects after
# the figures (the attacker's brute force of 3 December left this one swap VALID)
COMPOUNDS = "old_residential_compounds_renovated.cumulative.2017-2021.implemented"
BUILDINGS = "old_residential_buildings_renovated.cumulative.2017-2021"


def _noun_problems(pkg: Path) -> dict[tuple[str | None, int | None, str | None], str]:
    restamp(pkg)
    found = validate(pkg).problems
    return {(p.resource, p.row, p.field): p.message for p in found if p.code == "metric-noun"}


def test_compounds_and_buildings_swapped_in_their_list_are_reported(pkg: Path) -> None:
    # 431栋楼 now the compounds' (老旧小区改造小区 prints no 楼; 实施老旧小区改造楼栋 does).
    # 75个小区 now the buildings': 小区 is in the buildings' name too, so that row cannot tell.
    compounds, _ = _swap_figures_and_widen(pkg, COMPOUNDS, BUILDINGS)
    found = _noun_problems(pkg)
    assert set(found) == {("indicators", compounds, "metric_id")}
    message = found["indicators", compounds, "metric_id"]
    assert "(楼) names old_residential_buildings_renovated (" in message


def test_a_metric_renamed_without_the_noun_is_not_blamed_on_another_clause(pkg: Path) -> None:
    # a re-attack's false positive: the buildings' name_zh without 楼 (实施老旧小区改造栋, its
    # counter kept) was blamed through 老楼加装电梯, the elevators' metric, whose figure (612部)
    # is in another clause of the sentence
    header, body = _rows(pkg, "metrics")
    col = {c: header.index(c) for c in header}
    for r in body:
        if r[col["metric_id"]] == "old_residential_buildings_renovated":
            r[col["name_zh"]], r[col["aliases_zh"]] = "实施老旧小区改造栋", "老旧小区改造"
    table_path(pkg, "metrics").write_bytes(render(header, body))
    assert _noun_problems(pkg) == {}
