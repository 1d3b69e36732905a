"""Numbers in English names and descriptions are printed in the Chinese (attack 5, F14).

Each edit was VALID: a program renumbered (人工智能15条 → "25 Measures"), a description's
figure changed (重点关注企业141家 → "241 key enterprises"), a year invented for a planned
programme ("It was completed in 2021.": only part two names it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import cell, copy_package, edit, keys

from haidian_report.validate import validate

CASES = {
    "name_renumbered": (
        "artificial_intelligence_15_measures",
        "name_en",
        "15 Measures",
        "25 Measures",
        "25",
    ),
    "description_figure_changed": ("ai_ic_task_forces", "description_en", "141 ", "241 ", "241"),
    "year_invented": (
        "ai_model_training_platform",
        "description_en",
        "speeds up.",
        "speeds up. It was completed in 2021.",
        "2021",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_number_no_chinese_prints_is_reported(case: str, pristine: Path, tmp_path: Path) -> None:
    program, column, old, new, said = CASES[case]
    pkg = copy_package(pristine, tmp_path / "pkg")
    text = cell(pkg, "programs", program, column)
    assert old in text
    row = edit(pkg, "programs", program, **{column: text.replace(old, new)})
    report = validate(pkg)
    assert keys(report) == {("english-number", "programs", row, column)}
    assert f"states {said}," in report.problems[0].message


def test_a_term_explained_with_its_own_number_passes(pristine: Path, tmp_path: Path) -> None:
    """连续8年获评“北京市充分就业区”: eight years, written in digits, is printed."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    term = "beijing_full_employment_district"
    text = cell(pkg, "terms", term, "explanation_en")
    edit(pkg, "terms", term, explanation_en=text + " Named 8 years running.")
    assert validate(pkg).valid
