"""Program types by the pair rules in curation/README.md, and the blind second reading's
resolutions recorded in the rows they changed."""

from __future__ import annotations

import re

import polars as pl

import haidian_report as hr

#: What the printed name ends with decides the type (the README's name-based pair rules);
#: the first matching ending wins, so 行动计划 is a plan before 行动 is an action.
ENDINGS: tuple[tuple[str, str], ...] = (
    (r"行动计划|规划|计划|方案|战略", "plan"),
    (r"行动", "action"),
    (r"试点", "pilot"),
    (r"示范区|实验区|试验区|示范基地|产业园|科技园|软件园|示范城市|标杆城市|中心城市", "zone"),
    (r"创建|攻坚战|保卫战|专项整治|专项斗争|学习教育|主题教育", "campaign"),
    (r"改革", "reform"),
    (r"基金|基金系|联盟|专班|医联体|实验室|研究院", "institution"),
    (r"机制|制度|制", "mechanism"),
    (r"政策|条例|办法|法|规则|规定|措施|[0-9]+条", "policy_package"),
    (r"普查|选举|论坛", "event"),
)


def type_by_name(name: str) -> str | None:
    """The type the README's name rules give ``name``, or None when no rule applies.

    >>> type_by_name("“水清岸绿”行动计划"), type_by_name("“疏解整治促提升”专项行动")
    ('plan', 'action')
    >>> type_by_name("全国社区治理和服务创新实验区"), type_by_name("数据流通试点")
    ('zone', 'pilot')
    >>> type_by_name("北京城市副中心") is None
    True
    """
    bare = name.strip("“”")
    for pattern, kind in ENDINGS:
        if re.search(f"(?:{pattern})$", bare):
            return kind
    return None


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
