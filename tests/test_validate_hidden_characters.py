"""A hidden character in a text cell is named with its position and code point.

A zero-width space makes 农业银行北京自贸试验区分行 unequal to itself in every join; a right-to-
left override shows a reader an English sentence backwards ("Trojan Source"); a byte-order mark
or a unit separator pasted into a definition is invisible in a spreadsheet. No such character is
printed in the source or held by any shipped cell, so each one is a corruption: a control
character (but tab and line breaks), a format character or a private-use one, in any text
column of a package table. An extension column holds what its maker wants.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import (
    Key,
    case_registry,
    copy_package,
    edit,
    edit_descriptor,
    keys,
    read_table,
    resource,
    write_table,
)

from haidian_report.validate import validate

CASES, case = case_registry()


def _cell(pkg: Path, table: str, key: str, column: str) -> str:
    header, rows = read_table(pkg, table)
    found: str = next(r[header.index(column)] for r in rows if r[0] == key)
    return found


@case
def right_to_left_override_in_a_translation(pkg: Path) -> set[Key]:
    # p02.s01 "—Delivered at the First Session of the 17th People's Congress…": U+202E shows
    # the rest of the line reversed
    text = _cell(pkg, "sentences", "p02.s01", "text_en")
    row = edit(pkg, "sentences", "p02.s01", text_en=text.replace("First", "\u202eFirst"))
    return {("hidden-character", "sentences", row, "text_en")}


@case
def byte_order_mark_in_a_definition(pkg: Path) -> set[Key]:
    text = _cell(pkg, "metrics", "advantage_fields_leadership", "definition_en")
    row = edit(pkg, "metrics", "advantage_fields_leadership", definition_en="\ufeff" + text)
    return {("hidden-character", "metrics", row, "definition_en")}


@case
def unit_separator_in_a_term_explanation(pkg: Path) -> set[Key]:
    text = _cell(pkg, "terms", "beijing_full_employment_district", "explanation_en")
    row = edit(pkg, "terms", "beijing_full_employment_district", explanation_en=text + "\x1f")
    return {("hidden-character", "terms", row, "explanation_en")}


@case
def private_use_character_in_an_english_name(pkg: Path) -> set[Key]:
    text = _cell(pkg, "programs", "abc_beijing_ftz_branch", "name_en")
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", name_en=text + "\ue000")
    return {("hidden-character", "programs", row, "name_en")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hidden_character_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    assert keys(validate(pkg)) == expected


def test_the_message_names_the_position_and_code_point(pristine: Path, tmp_path: Path) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(pkg, "programs", "abc_beijing_ftz_branch", name_en="Agricultural\u200bBank")
    said = [p.message for p in validate(pkg).problems if p.code == "hidden-character"]
    assert said == [
        "found 'Agricultural\\u200bBank': character 13 is '\\u200b' (U+200B ZERO WIDTH SPACE); "
        "a text cell holds no hidden character"
    ]


def test_a_format_character_newer_than_pythons_unicode_is_named(
    pristine: Path, tmp_path: Path
) -> None:
    # U+1343A (an Egyptian hieroglyph format control of Unicode 15): Python 3.11's unicodedata
    # calls it unassigned, the regex polars runs calls it a format character; the row was
    # found and its message named no character
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(pkg, "programs", "abc_beijing_ftz_branch", name_en="Agricultural\U0001343aBank")
    said = [p.message for p in validate(pkg).problems if p.code == "hidden-character"]
    assert len(said) == 1
    assert "character 13 is" in said[0] and "U+1343A" in said[0], said


def test_a_zero_width_space_in_a_chinese_name_is_named_beside_the_broken_relation(
    pristine: Path, tmp_path: Path
) -> None:
    # 农业银行北京自贸试验区分行 with U+200B inside is printed nowhere in the source
    pkg = copy_package(pristine, tmp_path / "pkg")
    name = "农业银行\u200b北京自贸试验区分行"
    row = edit(pkg, "programs", "abc_beijing_ftz_branch", name_zh=name)
    assert ("hidden-character", "programs", row, "name_zh") in keys(validate(pkg))


def test_tabs_line_breaks_and_extension_columns_are_left_alone(
    pristine: Path, tmp_path: Path
) -> None:
    """A note on two lines is a legitimate edit; so is an emoji joined by U+200D in a column
    the package does not define."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    text = _cell(pkg, "terms", "beijing_full_employment_district", "explanation_en")
    edit(pkg, "terms", "beijing_full_employment_district", explanation_en=text + "\n\tSee also.")
    header, rows = read_table(pkg, "programs")
    write_table(pkg, "programs", [*header, "tag"], [[*r, "👩\u200d💻"] for r in rows])
    edit_descriptor(
        pkg,
        lambda d: resource(d, "programs")["schema"]["fields"].append(
            {"name": "tag", "type": "string"}
        ),
    )
    report = validate(pkg)
    assert report.valid, [(p.code, p.resource, p.row, p.field) for p in report.problems]
