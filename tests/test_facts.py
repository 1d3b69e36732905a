"""Indicators and targets: provenance, parsing, completeness and hand-checked facts."""

from __future__ import annotations

import math
import re

import polars as pl
import pytest

import haidian_report as hr
from haidian_report.completeness import digit_runs, unaccounted_digits
from haidian_report.figures import parse_value


def _facts() -> list[dict[str, object]]:
    return hr.indicators().to_dicts() + hr.targets().to_dicts()


def test_every_fact_quote_and_value_round_trip(source: str) -> None:
    sentences = {r["sentence_id"]: r for r in hr.sentences().iter_rows(named=True)}
    for f in _facts():
        qs, qe, vs, ve = (
            int(f[k]) for k in ("quote_start", "quote_end", "value_start", "value_end")
        )  # type: ignore[call-overload]
        assert source[qs:qe] == f["quote"]
        assert source[vs:ve] == f["value_text"]
        assert qs <= vs < ve <= qe, f
        sent = sentences[str(f["sentence_id"])]
        assert sent["start"] <= qs and qe <= sent["end"], f


def test_every_value_reparses_from_its_printed_text() -> None:
    for f in _facts():
        if f["qualifier"] == "qualitative":
            assert f["value"] is None
            continue
        unit = str(f["unit"]) if f["unit_inferred"] else None
        parsed = parse_value(str(f["value_text"]), unit=unit)
        sign = -1 if f["direction"] == "decrease" else 1
        assert f["value"] == sign * parsed.value, f
        assert f["unit"] == parsed.unit
        assert f["qualifier"] == parsed.qualifier
        assert math.isfinite(float(f["value"]))  # type: ignore[arg-type]


def test_fact_ids_are_unique_slugs() -> None:
    ids = hr.indicators()["indicator_id"].to_list() + hr.targets()["target_id"].to_list()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_.\-]*", i) for i in ids)


def test_every_digit_run_is_accounted_for(source: str) -> None:
    missing = unaccounted_digits(source, _facts(), hr.load("exclusions").to_dicts())
    assert missing == [], [f"line {p.line}: {p.text}" for p in missing]


def test_source_has_223_digit_runs(source: str) -> None:
    assert len(digit_runs(source)) == 223


def test_every_exclusion_still_matches_the_text(source: str) -> None:
    for e in hr.load("exclusions").iter_rows(named=True):
        assert source[e["quote_start"] : e["quote_end"]] == e["quote"]
        assert e["reason"].strip()


def test_digit_exclusions_each_cover_a_run_no_fact_accounts_for(source: str) -> None:
    excl = hr.load("exclusions").filter(pl.col("kind") == "digits").to_dicts()
    facts = _facts()
    for e in excl:
        others = [x for x in excl if x is not e]
        assert unaccounted_digits(source, facts, others), f"exclusion {e['quote']!r} is redundant"


def _fact(table: str, ident: str) -> dict[str, object]:
    key = "indicator_id" if table == "indicators" else "target_id"
    frame = hr.load(table).filter(pl.col(key) == ident)  # type: ignore[arg-type]
    assert frame.height == 1, ident
    return frame.row(0, named=True)


# 地区生产总值由2016年的5908亿元预计增至9500亿元,全市占比由21.8%增至24%
def test_gdp_2016_and_2021_levels() -> None:
    g16 = _fact("indicators", "gdp.level.2016")
    g21 = _fact("indicators", "gdp.level.2021")
    assert (g16["value"], g16["unit"], g16["estimated"]) == (590_800_000_000, "CNY", False)
    assert (g21["value"], g21["estimated"]) == (950_000_000_000, True)
    assert g16["value_printed"] == "5908" and g16["unit_printed"] == "亿元"


# 2021年,地区生产总值预计增长10%以上,五年年均增长7.6%
def test_gdp_growth_2021_and_five_year_average() -> None:
    yoy = _fact("indicators", "gdp.growth_yoy.2021")
    assert (yoy["value"], yoy["unit"], yoy["qualifier"], yoy["estimated"]) == (
        10.0,
        "percent",
        "at_least",
        True,
    )
    cagr = _fact("indicators", "gdp.cagr.2017-2021")
    assert (cagr["value"], cagr["period"]) == (7.6, "2017-2021")


# 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%
def test_decreases_are_negative_and_estimated() -> None:
    rows = hr.indicators().filter(pl.col("value_text").is_in(["45.4%", "27.9%"]))
    assert sorted(rows["value"].to_list()) == [-45.4, -27.9]
    assert rows["direction"].to_list() == ["decrease", "decrease"]
    assert rows["estimated"].all()


# 常住人口由2016年的364万减至313.2万
def test_resident_population_in_persons() -> None:
    rows = hr.indicators().filter(pl.col("value_text").is_in(["364万", "313.2万"]))
    assert sorted(rows["value"].to_list()) == [3_132_000, 3_640_000]
    assert set(rows["unit"]) == {"person"}


# 退出一般制造业企业、疏解整治有形市场各65家
def test_one_printed_number_two_facts() -> None:
    rows = hr.indicators().filter(pl.col("value_text") == "65家")
    assert rows.height == 2
    assert rows["value_start"].n_unique() == 1
    assert rows["metric_id"].n_unique() == 2


# 抽调2400多名医护人员 / 签约落地重点项目90余个
def test_qualifiers_from_printed_words() -> None:
    assert (
        hr.indicators().filter(pl.col("value_text") == "2400多名")["qualifier"].item()
        == "more_than"
    )
    assert (
        hr.indicators().filter(pl.col("value_text") == "90余个")["qualifier"].item() == "more_than"
    )
    assert (
        hr.indicators().filter(pl.col("value_text") == "2.3%以内")["qualifier"].item() == "at_most"
    )


# 全国双拥模范城创建实现“九连冠” — a fact printed in Chinese numerals
def test_facts_printed_in_chinese_numerals() -> None:
    row = hr.indicators().filter(pl.col("value_text") == "九连冠")
    assert row["value"].item() == 9
    assert hr.indicators().filter(pl.col("value_text") == "三年")["value"].item() == 3


# 2022年全区经济社会发展主要预期目标是:地区生产总值超过1万亿元,增长6%以上;
# …居民人均可支配收入稳步增长;
def test_main_expected_targets_2022() -> None:
    level = _fact("targets", "gdp.level.2022")
    assert (level["value"], level["qualifier"], level["firmness"]) == (
        1e12,
        "more_than",
        "expected",
    )
    growth = _fact("targets", "gdp.growth_yoy.2022")
    assert (growth["value"], growth["qualifier"]) == (6.0, "at_least")
    assert growth["base_indicator_id"] == "gdp.growth_yoy.2021"
    qualitative = hr.targets().filter(pl.col("qualifier") == "qualitative")
    income = qualitative.filter(pl.col("metric_id") == "per_capita_disposable_income")
    assert income.height == 1 and income["value"].item() is None
    assert income["value_text"].item() == "稳步增长"


# 加快北区建设进度,开复工527万平方米,力争竣工128万平方米。
def test_strive_targets_are_marked() -> None:
    row = hr.targets().filter(pl.col("value_text") == "128万平方米")
    assert row["firmness"].item() == "strive"
    assert row["value"].item() == 1_280_000 and row["unit"].item() == "m2"


# 新增轨道交通11公里 / 增加中小学学位1万个
def test_quantitative_2022_tasks() -> None:
    t = hr.targets()
    assert t.filter(pl.col("value_text") == "11公里")["value"].item() == 11
    assert t.filter(pl.col("value_text") == "1万个")["value"].item() == 10_000
    assert set(t["period"]) <= {"2022", "2022-2026"}


def test_target_base_indicators_exist_and_are_2021() -> None:
    ind = hr.indicators().select("indicator_id", "period", "metric_id")
    linked = hr.targets().filter(pl.col("base_indicator_id").is_not_null())
    assert linked.height >= 5
    joined = linked.join(ind, left_on="base_indicator_id", right_on="indicator_id", how="left")
    assert joined["period_right"].to_list() == ["2021"] * joined.height
    assert (joined["metric_id"] == joined["metric_id_right"]).all()


def test_estimated_only_where_the_sentence_says_yuji() -> None:
    for row in hr.indicators().filter(pl.col("estimated")).iter_rows(named=True):
        sentence = hr.sentences().filter(pl.col("sentence_id") == row["sentence_id"])["text"].item()
        assert "预计" in sentence, row["indicator_id"]


def test_every_fact_metric_exists_and_every_metric_is_used() -> None:
    metrics = set(hr.metrics()["metric_id"])
    used = set(hr.indicators()["metric_id"]) | set(hr.targets()["metric_id"])
    assert used <= metrics
    assert metrics <= used, sorted(metrics - used)


def test_wide_view_answers_2016_vs_2021() -> None:
    w = hr.wide("level")
    gdp = w.filter(pl.col("metric_id") == "gdp").row(0, named=True)
    assert gdp["2016"] == 590_800_000_000 and gdp["2021"] == 950_000_000_000


@pytest.mark.parametrize("measure", ["level", "flow", "cumulative", "cagr", "share", "rank"])
def test_wide_view_has_one_row_per_metric_variant_and_scope(measure: str) -> None:
    w = hr.wide(measure)
    assert w.select("metric_id", "variant", "scope").n_unique() == w.height


@pytest.mark.parametrize("bad", ["last", "keep", None, True])
def test_wide_view_refuses_an_unknown_duplicates_policy(bad: object) -> None:
    # A misspelt policy must not silently behave like "raise" or "first".
    with pytest.raises(ValueError, match="duplicates must be 'raise' or 'first'"):
        hr.wide("level", duplicates=bad)  # type: ignore[arg-type]


# 保障性住房开工建设3.4万套、竣工4.2万套: two stages, two rows of the wide view
def test_wide_view_keeps_stages_of_work_apart() -> None:
    w = hr.wide("cumulative").filter(pl.col("metric_id") == "affordable_housing")
    assert dict(zip(w["variant"], w["2017-2021"], strict=True)) == {
        "started": 34_000,
        "completed": 42_000,
    }


@pytest.mark.parametrize("table", ["indicators", "targets"])
def test_the_natural_key_is_unique(table: str) -> None:
    frame = hr.load(table)  # type: ignore[arg-type]
    key = ["metric_id", "measure", "period", "scope", "variant"]
    assert frame.select(key).n_unique() == frame.height


def test_counts_are_levels_flows_or_cumulative_totals() -> None:
    measures = set(hr.indicators()["measure"]) | set(hr.targets()["measure"])
    assert not measures & {"count", "stock", "per_capita", "ratio"}
    counts = pl.concat([hr.indicators(), hr.targets()], how="diagonal").filter(
        pl.col("unit") == "count"
    )
    assert set(counts["measure"]) <= {"level", "flow", "cumulative", "rank", "duration"}


def test_a_flow_is_of_one_year_and_a_cumulative_total_of_several() -> None:
    facts = pl.concat([hr.indicators(), hr.targets()], how="diagonal")
    ranges = facts.filter(pl.col("period").str.contains("-"))
    assert not set(ranges["measure"]) & {"flow"}
    cumulative = facts.filter(pl.col("measure") == "cumulative")
    assert cumulative["period"].str.contains("-").all()


# 每万人发明专利拥有量预计550件
def test_per_10k_people_is_in_the_unit() -> None:
    row = _fact("indicators", "invention_patents_per_10k_people.level.2021")
    assert (row["value"], row["unit"], row["unit_printed"]) == (550, "count/10k_person", "件")


def test_every_growth_row_of_money_says_its_price_basis() -> None:
    money = set(hr.metrics().filter(pl.col("price_basis").is_not_null())["metric_id"])
    facts = pl.concat([hr.indicators(), hr.targets()], how="diagonal")
    growth = facts.filter(pl.col("measure").is_in(["growth_yoy", "cagr"]))
    for row in growth.iter_rows(named=True):
        assert (row["price_basis"] is not None) == (row["metric_id"] in money), row
    assert (
        facts.filter(~pl.col("measure").is_in(["growth_yoy", "cagr", "change"]))["price_basis"]
        .is_null()
        .all()
    )


# 2021年,地区生产总值预计增长10%以上,五年年均增长7.6%;…
# 规模以上工业总产值预计3100亿元,五年年均增长12.3%
def test_price_basis_by_convention_or_unknown() -> None:
    gdp = _fact("indicators", "gdp.cagr.2017-2021")
    assert (gdp["price_basis"], gdp["price_basis_source"]) == ("comparable", "convention")
    revenue = _fact("indicators", "general_budget_revenue.cagr.2017-2021")
    assert (revenue["price_basis"], revenue["price_basis_source"]) == ("nominal", "convention")
    industry = _fact("indicators", "industrial_output_above_scale.cagr.2017-2021")
    assert (industry["price_basis"], industry["price_basis_source"]) == ("unknown", None)
    patents = _fact("indicators", "invention_patents_granted.cagr.2017-2021")
    assert patents["price_basis"] is None


# 院前急救呼叫满足率97%: the share of calls met, not a satisfaction rate
def test_metric_names_translate_what_the_chinese_says() -> None:
    name = hr.metrics().filter(pl.col("name_zh") == "院前急救呼叫满足率")["name_en"].item()
    assert "satisf" not in name.lower() and "met" in name.split()


# 建成慢行滨水走廊和亲水岸线40公里 (2017-2021) / 建设滨水慢行走廊23公里 (2022)
def test_corridors_and_shoreline_are_not_corridors_only() -> None:
    past = hr.indicators().filter(pl.col("value_text") == "40公里")["metric_id"].item()
    task = hr.targets().filter(pl.col("value_text") == "23公里")["metric_id"].item()
    assert past != task


def test_every_unit_is_a_documented_unit_code() -> None:
    from haidian_report.figures import UNIT_CODES

    used: set[str] = set()
    for table in ("indicators", "targets", "metrics", "checks"):
        used |= set(hr.load(table)["unit"].drop_nulls())  # type: ignore[arg-type]
    assert used <= set(UNIT_CODES), sorted(used - set(UNIT_CODES))
