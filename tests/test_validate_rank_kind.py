"""``rank_kind`` (data 2.2.0): a rank is a standing or a precedence, as its printed words say.

Two cold readers of the tables found ``rank`` mixing places in rankings (全市第一) with firsts to
do something (在全市率先…) and orders of designation (全市第九家5A级景区): a query for where
Haidian ranks first counted both. The build now writes the kind from the printed words
(:mod:`haidian_report.rank_rule`) and the validator reads it again; a package derived from an
earlier release, which has no such column, stays valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from corrupt import (
    copy_package,
    edit,
    edit_descriptor,
    keys,
    read_table,
    resource,
    restamp,
    write_table,
)

import haidian_report as hr
from haidian_report.validate import validate

# (fact id, the sentence's words that print the rank, its kind)
KINDS = [
    ("economic_aggregate_and_growth_contribution.rank.2021", "连续6年全市第一", "standing"),
    ("air_quality.rank.2021", "空气质量连续7年城六区最优", "standing"),
    ("forest_coverage_rate.rank.2021", "森林覆盖率35.78%,居城六区首位", "standing"),
    ("green_development_index.rank.2017-2021", "绿色发展指数始终位居全市前列", "standing"),
    ("district_institutional_reform.rank.2017-2021", "在全市率先完成区级机构改革", "precedence"),
    ("sme_loan_renewal_centre.rank.2017-2021", "设立全国首家中小企业续贷中心", "precedence"),
    ("private_bank.rank.2017-2021", "成立全市第一家民营银行", "precedence"),
    ("yuanmingyuan_5a_scenic_area.rank.2017-2021", "圆明园成为全市第九家5A级景区", "precedence"),
]


@pytest.fixture(scope="module")
def indicators() -> pl.DataFrame:
    return hr.load("indicators")


@pytest.mark.parametrize(("fact", "words", "kind"), KINDS, ids=[k[0] for k in KINDS])
def test_a_rank_is_the_kind_its_printed_words_say(
    indicators: pl.DataFrame, source: str, fact: str, words: str, kind: str
) -> None:
    row = indicators.filter(pl.col("indicator_id") == fact).row(0, named=True)
    assert words in source
    assert row["quote"] in source and words[-4:] in row["quote"] + source[row["quote_end"] :]
    assert row["rank_kind"] == kind


def test_a_first_place_and_a_first_to_do_are_both_rank_one(indicators: pl.DataFrame) -> None:
    # the kind separates them; the value and the measure are what they were
    firsts = indicators.filter((pl.col("measure") == "rank") & (pl.col("value") == 1))
    assert set(firsts["rank_kind"]) == {"standing", "precedence"}


def test_every_rank_has_a_kind_and_no_other_row_has_one() -> None:
    for table in ("indicators", "targets"):
        frame = hr.load(table)
        ranks = frame.filter(pl.col("measure") == "rank")
        assert ranks["rank_kind"].null_count() == 0, table
        assert frame.filter(pl.col("measure") != "rank")["rank_kind"].null_count() == (
            frame.height - ranks.height
        )


def test_the_five_year_goal_to_lead_first_is_a_precedence() -> None:
    # 在人工智能、量子信息、区块链三个优势领域率先占据制高点: to be the first to take the heights
    targets = hr.load("targets")
    row = targets.filter(pl.col("target_id") == "advantage_fields_leadership.rank.2022")
    assert row["value_text"].to_list() == ["率先"] and row["rank_kind"].to_list() == ["precedence"]


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def test_a_first_to_do_counted_as_a_standing_is_reported(pkg: Path) -> None:
    row = edit(
        pkg, "indicators", "district_institutional_reform.rank.2017-2021", rank_kind="standing"
    )
    found = validate(pkg)
    assert keys(found) == {("rank-kind", "indicators", row, "rank_kind")}
    assert "率先完" in found.problems[0].message and "precedence" in found.problems[0].message


def test_a_kind_on_a_row_that_is_no_rank_is_reported(pkg: Path) -> None:
    row = edit(pkg, "targets", "gdp.growth_yoy.2022", rank_kind="standing")
    assert keys(validate(pkg)) == {("rank-kind", "targets", row, "rank_kind")}


def test_a_rank_without_its_kind_is_reported(pkg: Path) -> None:
    row = edit(pkg, "indicators", "air_quality.rank.2021", rank_kind="")
    assert keys(validate(pkg)) == {("rank-kind", "indicators", row, "rank_kind")}


def _without_rank_kind(pkg: Path, version: str) -> None:
    """The package as data 2.1.1 shipped it: no rank_kind column, measure's 2.1.1 words."""
    from haidian_report.validate.superseded import SUPERSEDED

    for table in ("indicators", "targets"):
        header, rows = read_table(pkg, table)
        at = header.index("rank_kind")
        write_table(
            pkg, table, header[:at] + header[at + 1 :], [r[:at] + r[at + 1 :] for r in rows]
        )

    def old(data: dict[str, Any]) -> None:
        data["version"] = version
        for table in ("indicators", "targets"):
            fields = resource(data, table)["schema"]["fields"]
            fields[:] = [f for f in fields if f["name"] != "rank_kind"]
            measure = next(f for f in fields if f["name"] == "measure")
            measure["description"] = SUPERSEDED[(table, "measure", "description")][-1]

    edit_descriptor(pkg, old)
    for table in ("indicators", "targets"):
        restamp(pkg, table)


def test_a_package_of_the_earlier_release_without_the_column_stays_valid(pkg: Path) -> None:
    _without_rank_kind(pkg, "2.1.1")
    assert keys(validate(pkg)) == set()
    assert validate(pkg, strict=True).valid


def test_a_package_of_this_release_must_have_the_column(pkg: Path) -> None:
    _without_rank_kind(pkg, hr.DATA_VERSION)
    assert keys(validate(pkg)) == {
        ("schema-mismatch", "indicators", None, "rank_kind"),
        ("schema-mismatch", "targets", None, "rank_kind"),
    }


# 2.2 is 2.2.0 (not a release before it); the others name no release
@pytest.mark.parametrize("version", ["2.2", None, "", "two", "2.1.1-rc1", "9" * 5000, 211])
def test_this_release_or_a_version_naming_none_makes_the_column_required(
    pkg: Path, version: Any
) -> None:
    _without_rank_kind(pkg, "2.1.1")

    def declared(data: dict[str, Any]) -> None:
        if version is None:
            data.pop("version")
        else:
            data["version"] = version

    edit_descriptor(pkg, declared)
    found = {k for k in keys(validate(pkg)) if k[0] == "schema-mismatch"}
    assert found == {
        ("schema-mismatch", "indicators", None, "rank_kind"),
        ("schema-mismatch", "targets", None, "rank_kind"),
    }


def test_a_kind_off_the_list_is_reported_once(pkg: Path) -> None:
    # " standing" breaks the enum (constraint-error); the kind rule does not report it again
    row = edit(pkg, "indicators", "air_quality.rank.2021", rank_kind=" standing")
    assert keys(validate(pkg)) == {("constraint-error", "indicators", row, "rank_kind")}
