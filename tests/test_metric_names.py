"""Metric names: a metric is named for the thing, and ``name_en`` says what ``name_zh`` says.

The outcome of a claim or goal (a commendation, a coverage, a position to take) is the fact's
value, not the metric's name (curation/README.md, "Names"). The build reports a name that
carries one, with the file and the metric.
"""

from __future__ import annotations

import re
from pathlib import Path

import haidian_report as hr
from haidian_build.curation import Curation, Entry, read_curation
from haidian_build.facts import metric_rows
from haidian_build.metric_rules import name_problems


def test_a_commendation_in_the_name_is_reported() -> None:
    # 公立医院综合改革获国务院通报表扬: the commendation is the value
    found = list(
        name_problems(
            "公立医院综合改革",
            "Comprehensive reform of public hospitals: State Council commendation",
        )
    )
    assert any("colon" in m for m in found)
    assert any("'commendation'" in m for m in found)


def test_a_coverage_or_position_in_the_name_is_reported() -> None:
    # 公共文化设施…实现社区(村)全覆盖; 将论坛打造成为…国家级平台和国际化论坛
    assert list(name_problems("公共文化设施", "Public cultural facilities in every community"))
    assert list(name_problems("中关村论坛", "Zhongguancun Forum as a national platform"))
    assert list(name_problems("腾退土地", "Land vacated (district-wide)"))


def test_a_parenthesis_the_chinese_prints_or_a_chinese_term_is_kept() -> None:
    assert (
        list(
            name_problems(
                "业委会(物管会)组建率",
                "Owners' committee (property management committee) formation rate",
            )
        )
        == []
    )
    assert (
        list(name_problems("代征道路移交", "Roads on land acquired (代征道路) handed over")) == []
    )


def test_the_build_reports_a_name_with_file_and_metric(root: Path) -> None:
    shipped = read_curation(root / "curation")
    cur = Curation()
    for kind, entries in shipped.entries.items():
        for entry in entries:
            if entry.data.get("id") == "zhongguancun_forum":
                data = {**entry.data, "name_en": "Zhongguancun Forum as a national platform"}
                entry = Entry(entry.file, entry.kind, data)
            cur.entries.setdefault(kind, []).append(entry)
    metric_rows(cur)
    assert [(p.file, p.entry, p.field) for p in cur.problems] == [
        ("metrics_part2.toml", "zhongguancun_forum", "name_en")
    ]


def test_every_shipped_metric_name_keeps_to_the_rule(root: Path) -> None:
    cur = read_curation(root / "curation")
    metric_rows(cur)
    assert [p for p in cur.problems if p.field == "name_en"] == []


def test_an_english_word_whose_chinese_the_name_lacks_is_reported() -> None:
    # 累计办理各级人大建议1551件: "handled" renders 办理, so name_zh carries it
    assert list(name_problems("各级人大建议", "People's congress deputies' suggestions handled"))
    assert not list(
        name_problems("办理各级人大建议", "People's congress deputies' suggestions handled")
    )
    # 1407个事项全程网办: "items" renders 事项; an alias that prints it also holds it
    assert list(name_problems("全程网办", "Service items handled fully online"))
    assert not list(name_problems("全程网办", "Service items handled fully online", "事项全程网办"))


def test_an_alias_names_one_thing_not_two_printed_together() -> None:
    # 完成市政府下达的万元地区生产总值能耗、水耗…任务: the water metric's alias is 水耗, not the
    # joint phrase; a joint phrase is an alias only of a metric that is the joint thing
    # (建成慢行滨水走廊和亲水岸线).
    found = [
        (mid, alias)
        for mid, name, aliases in hr.metrics().select("metric_id", "name_zh", "aliases_zh").rows()
        for alias in (aliases or "").split(" | ")
        if re.search("[、和]", alias) and alias not in name
    ]
    assert found == []
