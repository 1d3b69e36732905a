"""The public API as a new user meets it: loud, helpful errors; views that keep every figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

import haidian_report as hr
from haidian_report.models import TABLES
from haidian_report.names import UnknownNameError
from haidian_report.views import _duplicates


@pytest.mark.parametrize(
    ("call", "asked", "suggested"),
    [
        (lambda: hr.records("indicator"), "'indicator'", "'indicators'"),  # type: ignore[arg-type]
        (lambda: hr.load("indicatorz"), "'indicatorz'", "'indicators'"),  # type: ignore[arg-type]
        (lambda: hr.describe("target"), "'target'", "'targets'"),  # type: ignore[arg-type]
        (lambda: hr.table_path("term"), "'term'", "'terms'"),  # type: ignore[arg-type]
        (lambda: hr.wide("levels"), "measure named 'levels'", "'level'"),
        (lambda: hr.mentions_of("四个中心"), "'四个中心'", "'four_centres' (四个中心)"),
        (lambda: hr.mentions_of("four_centers"), "'four_centers'", "'four_centres'"),
        (lambda: hr.facts_of("GDP"), "'GDP'", "'gdp'"),
        (lambda: hr.facts_of("地区生产总值"), "'地区生产总值'", "'gdp' (地区生产总值)"),
    ],
)
def test_unknown_names_are_refused_with_the_nearest_known_one(
    call: Any, asked: str, suggested: str
) -> None:
    with pytest.raises(UnknownNameError) as exc:
        call()
    message = str(exc.value)
    assert asked in message and f"did you mean {suggested}" in message, message
    assert isinstance(exc.value, KeyError) and isinstance(exc.value, ValueError)


def test_an_unknown_table_lists_every_table() -> None:
    with pytest.raises(UnknownNameError) as exc:
        hr.records("indicator")  # type: ignore[arg-type]
    assert str(exc.value).endswith("Known tables: " + ", ".join(hr.list_tables()))


def test_an_unknown_measure_lists_the_schema_measures() -> None:
    with pytest.raises(UnknownNameError) as exc:
        hr.wide("levels")
    measures = next(
        f for f in hr.describe("indicators").iter_rows(named=True) if f["field"] == "measure"
    )["categories"]
    assert str(exc.value).endswith("Known measures: " + measures)


def test_wide_refuses_a_table_without_figures() -> None:
    with pytest.raises(UnknownNameError, match=r"\(indicators or targets\), not 'programs'"):
        hr.wide(table="programs")  # type: ignore[arg-type]


def test_wide_of_a_measure_a_table_lacks_says_which_it_has() -> None:
    used = sorted(set(hr.targets()["measure"]))
    absent = next(m for m in ("rank", "cagr", "share") if m not in used)
    with pytest.raises(UnknownNameError, match="its measures are: " + ", ".join(used)):
        hr.wide(absent, table="targets")


def test_wide_keeps_started_and_completed_apart() -> None:
    # 老旧小区综合整治 2022: "新开工160万平方米、完工74.2万平方米" — two stages of one metric.
    rows = hr.targets().filter(pl.col("metric_id") == "old_residential_renovation_area")
    w = hr.wide(str(rows["measure"][0]), table="targets").filter(
        pl.col("metric_id") == "old_residential_renovation_area"
    )
    assert w.height == rows.height == 2
    assert sorted(w["2022"]) == sorted(rows["value"])


def test_wide_refuses_two_figures_for_one_cell_unless_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A package without ``variant`` (a derived one, or data before 2.0) has such clashes."""
    import haidian_report.views as views

    frame = _two_variants().drop("variant")
    monkeypatch.setattr(views, "load", lambda name: frame)
    monkeypatch.setattr(views, "field_categories", lambda table, field: ["level", "flow"])
    with pytest.raises(ValueError, match="more than one flow figure") as exc:
        views.wide("flow", table="targets")
    assert "a.started (1平方米)" in str(exc.value) and "a.completed (2平方米)" in str(exc.value)
    kept = views.wide("flow", table="targets", duplicates="first")
    assert kept["2022"].to_list() == [2.0]  # the first by id: a.completed


def test_wide_keeps_scope_and_per_period_qualifier_and_estimate() -> None:
    w = hr.wide("level")
    assert {"metric_id", "unit", "scope"} <= set(w.columns)
    gdp = w.filter((pl.col("metric_id") == "gdp") & (pl.col("scope") == "haidian")).row(
        0, named=True
    )
    # "由2016年的5908亿元预计增至9500亿元": 2016 printed, 2021 an estimate (预计).
    assert gdp["2016"] == 590_800_000_000 and gdp["estimated_2016"] is False
    assert gdp["2021"] == 950_000_000_000 and gdp["estimated_2021"] is True
    assert gdp["qualifier_2021"] == "exact"
    # every figure of the measure is in the frame exactly once
    levels = hr.indicators().filter(pl.col("measure") == "level")
    periods = sorted(set(levels["period"]))
    assert sum(w[p].is_not_null().sum() for p in periods) == levels["value"].is_not_null().sum()


def test_wide_keeps_a_ranks_kind_and_a_targets_firmness() -> None:
    # a new user's trial: wide("rank") mixed standings (全市第一) with orders of precedence
    # (率先, 首家), and wide("flow", table="targets") showed 力争竣工128万平方米 (strive) as firm
    ranks = hr.indicators().filter(pl.col("measure") == "rank")
    kinds = set(ranks["rank_kind"].drop_nulls())
    assert len(kinds) > 1
    w = hr.wide("rank")
    assert set(w["rank_kind"].drop_nulls()) == kinds
    flows = hr.targets().filter(pl.col("measure") == "flow")
    strive = flows.filter(pl.col("firmness") == "strive")
    assert strive.height
    t = hr.wide("flow", table="targets")
    for row in strive.iter_rows(named=True):
        match = t.filter(
            (pl.col("metric_id") == row["metric_id"])
            & (pl.col("variant").eq_missing(row["variant"]))
            & (pl.col("scope").eq_missing(row["scope"]))
        )
        assert match[f"firmness_{row['period']}"].to_list() == ["strive"]
    # a measure whose figures have no rank kind gets no rank_kind column
    assert "rank_kind" not in hr.wide("level").columns


def _two_variants() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "target_id": ["a.started", "a.completed"],
            "metric_id": ["a", "a"],
            "measure": ["flow", "flow"],
            "period": ["2022", "2022"],
            "unit": ["m2", "m2"],
            "scope": ["haidian", "haidian"],
            "variant": ["started", "completed"],
            "price_basis": [None, None],
            "value": [1.0, 2.0],
            "value_text": ["1平方米", "2平方米"],
            "qualifier": ["exact", "exact"],
        }
    )


def test_wide_separates_variants_when_the_table_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``variant`` (and ``price_basis``) columns, two variants are two rows, no clash."""
    import haidian_report.views as views

    frame = _two_variants()
    monkeypatch.setattr(views, "load", lambda name: frame)
    monkeypatch.setattr(
        views, "field_categories", lambda table, field: ["level", "flow", "cumulative"]
    )
    out = views.wide("flow", table="targets")
    assert out.columns == [
        "metric_id", "variant", "scope", "unit", "2022", "qualifier_2022", "price_basis_2022",
    ]  # fmt: skip
    assert out.select("variant", "2022").rows() == [("completed", 2.0), ("started", 1.0)]
    assert _duplicates(frame, ["metric_id", "scope", "unit", "period"], "target_id")


def test_facts_stacks_indicators_and_targets_with_their_sentences() -> None:
    f = hr.facts()
    assert f.height == hr.indicators().height + hr.targets().height
    assert f.columns[:2] == ["table", "fact_id"] and f.columns[-2:] == ["text", "text_en"]
    assert set(f["table"]) == {"indicators", "targets"}
    assert f["text"].null_count() == 0 and f["text_en"].null_count() == 0
    row = f.filter(pl.col("fact_id") == "gdp.level.2016").row(0, named=True)
    assert row["quote"] in row["text"] and row["value_text"] in row["quote"]
    # stacking keeps the types: values and periods stay Float64 / String
    assert f.schema["value"] == pl.Float64 and f.schema["period"] == pl.String


def test_facts_of_a_metric_and_of_one_fact() -> None:
    gdp = hr.facts_of("gdp")
    assert set(gdp["metric_id"]) == {"gdp"} and set(gdp["table"]) == {"indicators", "targets"}
    one = hr.facts_of("gdp.level.2016")
    assert one.height == 1 and one["text_en"].item()


def test_shortcuts_for_every_table() -> None:
    for name in hr.list_tables():
        assert getattr(hr, name)().equals(hr.load(name))  # type: ignore[arg-type]


def test_table_path_is_the_csv_that_load_reads() -> None:
    path = hr.table_path("indicators")
    assert isinstance(path, Path) and path.is_file()
    assert pl.read_csv(path, schema=dict(hr.indicators().schema)).equals(hr.indicators())
    assert hr.descriptor_path().parent == path.parent.parent


def test_table_names_follow_the_package_order() -> None:
    assert list(hr.TABLE_NAMES) == hr.list_tables() == [m.TABLE.name for m in TABLES]


def test_dir_shows_only_the_public_api() -> None:
    shown = dir(hr)
    assert shown == sorted(hr.__all__)
    for private in ("Any", "TYPE_CHECKING", "annotations", "importlib"):
        assert private not in shown
    for name in hr.__all__:
        assert getattr(hr, name) is not None
