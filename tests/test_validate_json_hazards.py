"""Descriptor values json.loads reads but a UTF-8 writer or json.load refuses (attack 5: F17, F20).

A lone surrogate written as a JSON escape in a field name once stopped the CSV stage
(internal-error, the table unread) and made ``haidian-report restamp`` die with a bare codec
message; a 5,000-digit integer was VALID although ``json.load`` and frictionless refuse it.
Each is now a problem naming its JSON path, resource and field, and the run goes on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import copy_package, keys

from haidian_report.meta import DESCRIPTOR
from haidian_report.restamp import RestampError, restamp
from haidian_report.validate import validate


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def replace_once(pkg: Path, old: str, new: str) -> None:
    """Edit datapackage.json as text (a JSON escape must stay an escape)."""
    path = pkg / DESCRIPTOR
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_surrogate_in_a_field_name_is_a_descriptor_error_and_the_table_is_read(pkg: Path) -> None:
    replace_once(pkg, '"name": "note"', '"name": "no\\udc80te"')
    report = validate(pkg)
    found = keys(report)
    assert ("descriptor-error", "indicators", None, "no\\udc80te") in found
    assert not any(code == "internal-error" for code, *_ in found)
    # the table was read: its header is compared with the (mended) field name
    assert ("incorrect-label", "indicators", None, "no\\udc80te") in found
    message = next(p.message for p in report.problems if p.code == "descriptor-error")
    assert message.startswith("resources[") and ".schema.fields[" in message
    assert "lone surrogate" in message


def test_surrogate_in_a_title_is_a_descriptor_error(pkg: Path) -> None:
    replace_once(pkg, '"title": "Sections"', '"title": "Sec\\udc80tions"')
    report = validate(pkg)
    assert keys(report) == {("descriptor-error", "sections", None, None)}
    assert ".title: " in report.problems[0].message


def test_a_valid_surrogate_pair_is_no_problem(pkg: Path) -> None:
    replace_once(pkg, '"title": "Sections"', '"title": "Sections \\ud83d\\ude00"')
    assert not any(p.code == "descriptor-error" for p in validate(pkg).problems)


def test_integer_past_the_digit_limit_is_json_nonstandard(pkg: Path) -> None:
    replace_once(pkg, '"version":', '"x_big": ' + "9" * 5000 + ',\n  "version":')
    report = validate(pkg)
    assert keys(report) == {("json-nonstandard", None, None, None)}
    assert report.problems[0].message.startswith("x_big: an integer of 5,000 digits")


def test_long_but_readable_integer_is_no_problem(pkg: Path) -> None:
    # 300 digits: within a 64-bit float's range, so JavaScript reads a number too
    replace_once(pkg, '"version":', '"x_big": ' + "9" * 300 + ',\n  "version":')
    assert validate(pkg).valid


def test_an_integer_beyond_a_float_is_json_nonstandard(pkg: Path) -> None:
    # Python reads 4,000 digits exactly; JavaScript's JSON.parse reads Infinity (written back as
    # null): the package would not read the same everywhere
    replace_once(pkg, '"version":', '"x_big": ' + "9" * 4000 + ',\n  "version":')
    report = validate(pkg)
    assert keys(report) == {("json-nonstandard", None, None, None)}
    assert len(report.problems) == 1 and "64-bit float" in report.problems[0].message


def test_restamp_names_the_json_path_of_a_surrogate_and_writes_nothing(pkg: Path) -> None:
    replace_once(pkg, '"name": "note"', '"name": "no\\udc80te"')
    before = (pkg / DESCRIPTOR).read_bytes()
    with pytest.raises(RestampError, match=r"resources\[\d+\]\.schema\.fields\[\d+\]\.name"):
        restamp(pkg)
    assert (pkg / DESCRIPTOR).read_bytes() == before


def test_restamp_names_a_long_integer(pkg: Path) -> None:
    replace_once(pkg, '"version":', '"x_big": ' + "9" * 5000 + ',\n  "version":')
    with pytest.raises(RestampError, match="x_big: an integer of 5,000 digits"):
        restamp(pkg)
