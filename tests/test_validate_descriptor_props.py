"""Descriptor edits a cold attacker made VALID (issue #11, attack round 4: F8, F18, F19).

Each edit makes a Data Package reader (frictionless, Node's ``JSON.parse``, ``json.load``) read
the package otherwise than ``haidian_report.load`` does, or not at all; each must be a problem
naming the resource and the field (or the line and column of datapackage.json).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corrupt import copy_package, edit_descriptor, resource
from derived import restamp_package

from haidian_report.meta import DESCRIPTOR
from haidian_report.validate import Report, validate

Key = tuple[str, str | None, int | None, str | None]


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    return copy_package(pristine, tmp_path / "pkg")


def keys(report: Report) -> set[Key]:
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


def field_of(table: str, name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def find(data: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = next(
            f for f in resource(data, table)["schema"]["fields"] if f["name"] == name
        )
        return found

    return find


FIELD_EDITS = {
    # frictionless then reads gdp.share.2016 (21.8) as 218
    "decimal_and_group_char": ("indicators", "value", {"decimalChar": ",", "groupChar": "."}),
    # frictionless then reads gdp.level.2016 (5908亿元) as null
    "field_missing_values": ("indicators", "value", {"missingValues": ["590800000000"]}),
    "text_en_missing_values": ("sentences", "text_en", {"missingValues": ["-"]}),
    "true_values": ("indicators", "estimated", {"trueValues": ["yes"]}),
    "bare_number_false": ("targets", "value", {"bareNumber": False}),
    "date_like_format": ("indicators", "period", {"format": "%Y"}),
    # a category the model's enum does not allow, advertised to readers (F19)
    "widened_categories": ("indicators", "qualifier", {"categories": "+roughly"}),
    "unit_changed": ("indicators", "quote_start", {"unit": "byte"}),
}


@pytest.mark.parametrize("name", sorted(FIELD_EDITS))
def test_a_reading_property_of_an_own_field_is_reported(pkg: Path, name: str) -> None:
    table, fname, props = FIELD_EDITS[name]

    def edit(data: dict[str, Any]) -> None:
        item = field_of(table, fname)(data)
        for key, value in props.items():
            if value == "+roughly":
                value = [*item[key], "roughly"]
            item[key] = value

    edit_descriptor(pkg, edit)
    assert keys(validate(pkg)) == {("field-property", table, None, fname)}


def test_extension_properties_and_spelled_out_defaults_are_accepted(pkg: Path) -> None:
    """(An own field's title and description are the model's: see test_validate_words.py;
    a translation goes in an ``x_`` property.)"""

    def edit(data: dict[str, Any]) -> None:
        item = field_of("indicators", "value")(data)
        item["x_description_de"] = "Der Wert"
        item["x_note"] = "added"
        item["decimalChar"] = "."  # the Table Schema default, read as polars reads
        field_of("indicators", "period")(data)["format"] = "default"

    edit_descriptor(pkg, edit)
    assert validate(pkg).valid


def test_reading_properties_of_an_added_field_are_reported(pkg: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        fields = resource(data, "metrics")["schema"]["fields"]
        fields.append({"name": "x_weight", "type": "number", "decimalChar": ","})
        fields.append({"name": "x_day", "type": "date", "format": "%d/%m/%Y"})
        fields.append({"name": "x_flag", "type": "boolean", "bareNumber": True})

    edit_descriptor(pkg, edit)
    csv = pkg / "data" / "metrics.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",x_weight,x_day,x_flag"] + [
        line + ",1.5,2021-01-02,true" for line in lines[1:]
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    restamp_package(pkg)
    assert keys(validate(pkg)) == {
        ("field-property", "metrics", None, "x_weight"),
        ("field-property", "metrics", None, "x_day"),
    }


@pytest.mark.parametrize(("key", "value"), [("type", "x"), ("mediatype", "text/plain")])
def test_an_own_resource_keeps_its_type(pkg: Path, key: str, value: str) -> None:
    # haidian_report.tables only treats type "table" resources as tables (F19, s07)
    edit_descriptor(pkg, lambda data: resource(data, "indicators").__setitem__(key, value))
    assert keys(validate(pkg)) == {("resource-property", "indicators", None, None)}


def test_a_byte_order_mark_on_the_descriptor_is_reported(pkg: Path) -> None:
    # frictionless: "Unexpected UTF-8 BOM"; json.load(open(p, encoding="utf-8")) fails too
    path = pkg / DESCRIPTOR
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = validate(pkg)
    assert keys(report) == {("bom", None, None, None)}
    assert (
        report.problems[0].file == DESCRIPTOR and "line 1, column 1" in report.problems[0].message
    )


def test_nan_in_the_descriptor_is_reported_with_its_line(pkg: Path) -> None:
    # Node's JSON.parse refuses NaN (RFC 8259 has no such literal); Python reads it
    path = pkg / DESCRIPTOR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{\n", '{\n  "x_score": NaN,\n', 1), encoding="utf-8")
    report = validate(pkg)
    assert keys(report) == {("json-nonstandard", None, None, None)}
    assert "line 2, column 14" in report.problems[0].message


def test_a_number_beyond_a_float_in_the_descriptor_is_reported_with_its_line(pkg: Path) -> None:
    # json.loads reads 1e999999999 as inf without a word; JavaScript reads Infinity and
    # writes it back as null. The same text inside a string, and 1e308, are ordinary JSON.
    path = pkg / DESCRIPTOR
    text = path.read_text(encoding="utf-8")
    extra = '  "x_note": "1e999",\n  "x_max": 1e308,\n  "x_score": 1e999999999,\n'
    path.write_text(text.replace("{\n", "{\n" + extra, 1), encoding="utf-8")
    report = validate(pkg)
    assert keys(report) == {("json-nonstandard", None, None, None)}
    assert len(report.problems) == 1
    assert "line 4, column 14" in report.problems[0].message
    assert "64-bit float" in report.problems[0].message


def test_a_long_mantissa_beyond_a_float_is_reported(pkg: Path) -> None:
    # 220 digits and e99 is 1.1e318: a two-digit exponent overflows with a long mantissa
    path = pkg / DESCRIPTOR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{\n", '{\n  "x_n": ' + "1" * 220 + "e99,\n", 1), "utf-8")
    assert keys(validate(pkg)) == {("json-nonstandard", None, None, None)}


def test_a_key_given_twice_is_reported_with_its_line(pkg: Path) -> None:
    path = pkg / DESCRIPTOR
    text = path.read_text(encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.strip().startswith('"title"'))
    path.write_text(text.replace('"title"', '"title": "x",\n  "title"', 1), encoding="utf-8")
    report = validate(pkg)
    assert keys(report) == {("json-duplicate-key", None, None, None)}
    assert f"line {line + 1}, column 3" in report.problems[0].message
    assert json.loads(path.read_text(encoding="utf-8"))["title"] != "x"  # the last one wins
