"""A program's ``generic`` flag where its printed name decides it (program-generic).

curation/README.md, "Which names are generic": quote marks are the report's sign of a coined
name (市级“一刻钟社区服务圈”374个), 专项 names one drive (施工围挡专项整治) and a title word
one reform or system (街巷长制), so none of those is generic; work named by its field with none
of them (严格实行城市绿线管控; 全面落实国家减税降费政策) always is.
Before this rule either flag could be flipped and the package stayed VALID.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import copy_package, edit, keys

from haidian_report.validate import validate


@pytest.mark.parametrize(
    ("program", "flag", "said"),
    [
        ("urban_green_line_control", "false", "not generic, but 城市绿线管控 names work by its"),
        ("tax_and_fee_cuts", "false", "not generic, but 国家减税降费政策 names work by its"),
        ("quarter_hour_community_service_circle", "true", "generic, but 一刻钟社区服务圈 is"),
        ("construction_hoarding_rectification", "true", "generic, but 施工围挡专项整治 is printed"),
        ("street_and_alley_chief_system", "true", "generic, but 街巷长制 is printed"),
    ],
)
def test_a_flag_against_the_name_is_reported(
    pristine: Path, tmp_path: Path, program: str, flag: str, said: str
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    row = edit(pkg, "programs", program, generic=flag)
    report = validate(pkg)
    assert keys(report) == {("program-generic", "programs", row, "generic")}
    assert report.problems[0].message.startswith(said)


def test_a_flag_the_name_leaves_to_the_curator_passes(pristine: Path, tmp_path: Path) -> None:
    """北京城市副中心: no quote marks, field or title word; whether it is generic is the
    curator's (so is a plan's: 8个重点地区…综合实施方案 is generic, 研发投入倍增计划 not)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(pkg, "programs", "beijing_sub_centre", generic="true")
    assert "program-generic" not in {code for code, *_ in keys(validate(pkg))}
