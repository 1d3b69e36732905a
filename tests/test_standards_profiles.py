"""The package held to the Data Package 2.0 profiles published with the standard.

The standard's own JSON Schemas (vendored in ``tests/standards/profiles``, origin and sha256 in
the README there) judge ``datapackage.json`` as a whole, every resource, every Table Schema and
every Table Dialect, with the ``jsonschema`` library: no implementation's reading of the
standard (frictionless-py accepted ``"type": "text"``; the 2.0 profile does not) stands
between the package and the standard.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from derived import derive_without_estimates
from jsonschema import Draft7Validator

import haidian_report as hr
from haidian_report.meta import DESCRIPTOR, SOURCE_RESOURCE
from haidian_report.paths import package_dir

PROFILES = Path(__file__).parent / "standards" / "profiles"
NAMES = ("datapackage", "dataresource", "tableschema", "tabledialect")
DESCRIPTOR_DATA = hr.descriptor()
RESOURCES = {r["name"]: r for r in DESCRIPTOR_DATA["resources"]}
TABLES = [name for name, r in RESOURCES.items() if "schema" in r]


@cache
def profile(name: str) -> Draft7Validator:
    """Validator for the vendored 2.0 profile ``name`` (formats checked where jsonschema can)."""
    schema = json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def errors(name: str, instance: Any) -> list[str]:
    """Every error the profile ``name`` finds in ``instance``, as "path: message"."""
    return [
        "/".join(map(str, e.absolute_path)) + ": " + e.message
        for e in profile(name).iter_errors(instance)
    ]


def test_vendored_profiles_are_the_files_the_readme_names() -> None:
    readme = (PROFILES / "README.md").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^\| `(\w+)\.json` \| \S+ \| `([0-9a-f]{64})` \|$", readme, re.M))
    assert sorted(pinned) == sorted(NAMES)
    for name, digest in pinned.items():
        assert hashlib.sha256((PROFILES / f"{name}.json").read_bytes()).hexdigest() == digest


def test_vendored_profiles_are_version_2_0() -> None:
    # 2.0 added the resource `type`, limited to "table"; 1.0 had no such property.
    resource_type = json.loads((PROFILES / "dataresource.json").read_text())["properties"]["type"]
    assert resource_type["enum"] == ["table"]
    assert "categories" in (PROFILES / "tableschema.json").read_text()


def test_datapackage_json_conforms_to_the_data_package_profile() -> None:
    assert DESCRIPTOR_DATA["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert errors("datapackage", DESCRIPTOR_DATA) == []


@pytest.mark.parametrize("name", list(RESOURCES))
def test_every_resource_conforms_to_the_data_resource_profile(name: str) -> None:
    assert errors("dataresource", RESOURCES[name]) == []


@pytest.mark.parametrize("name", TABLES)
def test_every_table_schema_conforms_to_the_table_schema_profile(name: str) -> None:
    assert errors("tableschema", RESOURCES[name]["schema"]) == []


@pytest.mark.parametrize("name", TABLES)
def test_every_table_dialect_conforms_to_the_table_dialect_profile(name: str) -> None:
    assert errors("tabledialect", RESOURCES[name]["dialect"]) == []


def test_the_source_text_is_a_plain_text_resource_without_a_type() -> None:
    source = RESOURCES[SOURCE_RESOURCE]
    assert "type" not in source
    assert (source["mediatype"], source["encoding"]) == ("text/plain", "utf-8")


def test_the_profiles_reject_a_resource_typed_text() -> None:
    # The defect these profiles found: the source resource said "type": "text", which
    # frictionless-py accepts and Data Package 2.0 does not.
    typed = copy.deepcopy(RESOURCES[SOURCE_RESOURCE]) | {"type": "text"}
    assert errors("dataresource", typed) == ["type: 'text' is not one of ['table']"]
    package = copy.deepcopy(DESCRIPTOR_DATA)
    package["resources"][0] = typed
    assert errors("datapackage", package) == ["resources/0/type: 'text' is not one of ['table']"]


def test_a_derived_package_conforms_to_the_profiles(tmp_path: Path) -> None:
    pkg = derive_without_estimates(package_dir(), tmp_path / "derived")
    descriptor = json.loads((pkg / DESCRIPTOR).read_text(encoding="utf-8"))
    assert descriptor != DESCRIPTOR_DATA  # bytes and hashes were re-stamped
    assert errors("datapackage", descriptor) == []
