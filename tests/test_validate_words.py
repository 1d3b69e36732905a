"""The models' words for the package's own fields, and its source citation (attack 5, F16).

Each rewrite was VALID: a column description that contradicts the data ("in thousands"),
the meanings of two qualifier codes swapped, the citation of another district's report.
A derived package may add fields, resources and sources, and reword its own top-level
description; those stay VALID.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corrupt import copy_package, edit_descriptor, keys, resource

from haidian_report.validate import validate


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def field(data: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        f for f in resource(data, table)["schema"]["fields"] if f["name"] == name
    )
    return found


WORD_EDITS: dict[str, tuple[str, str, Callable[[dict[str, Any]], None]]] = {
    "value_in_thousands": (
        "indicators",
        "value",
        lambda d: field(d, "indicators", "value").update(
            description="Value in thousands of the unit."
        ),
    ),
    "qualifier_meanings_swapped": (
        "indicators",
        "qualifier",
        lambda d: field(d, "indicators", "qualifier").update(
            description="at_least means strictly more than; more_than means at least."
        ),
    ),
    "title_added_to_an_own_field": (
        "targets",
        "firmness",
        lambda d: field(d, "targets", "firmness").update(title="Certainty (percent)"),
    ),
}


@pytest.mark.parametrize("case", sorted(WORD_EDITS))
def test_rewritten_words_of_an_own_field_are_reported(case: str, pkg: Path) -> None:
    table, name, change = WORD_EDITS[case]
    edit_descriptor(pkg, change)
    assert keys(validate(pkg)) == {("field-words", table, None, name)}


def test_another_reports_citation_is_reported(pkg: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sources"][0]["title"] = "Chaoyang District 2021 government work report"

    edit_descriptor(pkg, change)
    assert keys(validate(pkg)) == {("source-citation", None, None, None)}


def test_dropped_citation_is_reported(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: d.pop("sources"))
    assert keys(validate(pkg)) == {("source-citation", None, None, None)}


def test_added_words_and_sources_are_accepted(pkg: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["description"] += " Derived copy: 2021 rows only."
        data["sources"].append({"title": "My notes", "path": "https://example.org/"})
        field(data, "indicators", "value")["x_description_de"] = "Der Wert"

    edit_descriptor(pkg, change)
    assert validate(pkg).valid


def test_words_of_an_earlier_release_are_accepted(pkg: Path) -> None:
    # data 2.1.1 corrected measure's description ("level: a stock or state at a point in
    # time" left out a year's aggregate such as GDP of 2021); a package derived from 2.1.0
    # keeps the old words and must not turn INVALID on upgrading the code
    from haidian_report.validate.superseded import SUPERSEDED

    def old_words(d: dict[str, Any]) -> None:
        for (table, name, key), texts in SUPERSEDED.items():
            field(d, table, name)[key] = texts[0]

    edit_descriptor(pkg, old_words)
    assert keys(validate(pkg)) == set()


def test_superseded_words_are_earlier_words_of_existing_fields_not_todays() -> None:
    from haidian_report import descriptor
    from haidian_report.validate.superseded import SUPERSEDED

    data = descriptor()
    for (table, name, key), texts in SUPERSEDED.items():
        current = field(data, table, name)[key]
        assert texts and current not in texts, (table, name, key)


def test_earlier_words_still_do_not_license_other_rewording(pkg: Path) -> None:
    # the superseded description of measure is accepted on measure only
    from haidian_report.validate.superseded import SUPERSEDED

    old = SUPERSEDED[("indicators", "measure", "description")][0]
    edit_descriptor(pkg, lambda d: field(d, "indicators", "qualifier").update(description=old))
    assert keys(validate(pkg)) == {("field-words", "indicators", None, "qualifier")}
