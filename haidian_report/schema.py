"""Generate Frictionless Table Schemas from the pydantic models.

The models in :mod:`haidian_report.models` are the only definition of the tables; this module
turns each into a Table Schema (types, ``constraints``, ``categories``, ``primaryKey``,
``foreignKeys``) for datapackage.json and the data dictionary.

>>> from haidian_report.models import Metric
>>> [f["name"] for f in table_schema(Metric)["fields"]][:3]
['metric_id', 'name_zh', 'name_en']
"""

from __future__ import annotations

from typing import Any

from haidian_report.models import Provenance, Row

JSON_TO_TABLE_TYPE = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}
PROVENANCE_FIELDS = tuple(Provenance.model_fields)


def columns(model: type[Row]) -> list[str]:
    """Column order of a table: primary key, own fields, then provenance."""
    key = list(model.TABLE.primary_key)
    rest = [n for n in model.model_fields if n not in key and n not in PROVENANCE_FIELDS]
    prov = [n for n in PROVENANCE_FIELDS if n in model.model_fields and n not in key]
    return key + rest + prov


def _field(name: str, prop: dict[str, Any]) -> dict[str, Any]:
    nullable = False
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        if len(options) != 1:
            raise TypeError(f"field {name}: unsupported union {prop['anyOf']}")
        inner = {**options[0]}
    else:
        inner = dict(prop)
    json_type = inner.get("type")
    if json_type not in JSON_TO_TABLE_TYPE:
        raise TypeError(f"field {name}: unsupported JSON type {json_type!r}")
    field: dict[str, Any] = {
        "name": name,
        "type": JSON_TO_TABLE_TYPE[json_type],
        "description": prop.get("description", ""),
    }
    for extra in ("unit",):
        if extra in prop or extra in inner:
            field[extra] = prop.get(extra, inner.get(extra))
    constraints: dict[str, Any] = {}
    if not nullable:
        constraints["required"] = True
    if "enum" in inner:
        field["categories"] = list(inner["enum"])
        constraints["enum"] = list(inner["enum"])
    for src, dst in (
        ("pattern", "pattern"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("minLength", "minLength"),
        ("maxLength", "maxLength"),
    ):
        if src in inner:
            constraints[dst] = inner[src]
    if json_type == "number":
        field["bareNumber"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(model: type[Row]) -> dict[str, Any]:
    """The Table Schema (a JSON-able dict) of one model."""
    props = model.model_json_schema()["properties"]
    meta = model.TABLE
    schema: dict[str, Any] = {
        "fields": [_field(name, props[name]) for name in columns(model)],
        "missingValues": [""],
        "primaryKey": list(meta.primary_key),
    }
    if meta.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {
                    **({} if key.resource == meta.name else {"resource": key.resource}),
                    "fields": list(key.reference_fields),
                },
            }
            for key in meta.foreign_keys
        ]
    return schema
