"""Stage 1c: descriptor properties that change how a reader reads the package's own tables.

:mod:`~haidian_report.validate.tableschema` holds each own field's ``type`` and
``constraints`` and the schema's ``missingValues`` to the package's definition. A Table Schema
field has other properties that change what a Data Package reader (frictionless, the R
``frictionless`` package) makes of a cell although polars, pandas and DuckDB ignore them:
``decimalChar: ","`` with ``groupChar: "."`` makes frictionless read 21.8 as 218, a field-level
``missingValues: ["590800000000"]`` makes it read 5908亿元 as null, ``trueValues``,
``bareNumber``, ``format``, a widened ``categories`` list… So every property of an own field
must be the model's, except the words written for people (``title``, ``description``,
``example``, ``rdfType``: :mod:`~.descriptor_words` holds title and description to the model's)
and ``x_`` extension properties; on an added field, the properties
that change how a cell is read must be absent or their defaults. A resource of the package's
own must keep the model's ``type``, ``format``, ``mediatype``, ``encoding`` and ``profile``
(``haidian_report.tables`` only treats a ``type: "table"`` resource as a table); so must the
``source`` resource, the report's text (a ``type: "table"`` or ``text/html`` source would be
read as something it is not).

>>> _differs({"name": "v", "type": "number", "bareNumber": True},
...          {"name": "v", "type": "number", "bareNumber": True, "decimalChar": ","})
['decimalChar']
>>> _differs({"name": "v", "type": "number"}, {"name": "v", "type": "number", "decimalChar": "."})
[]
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Final

from haidian_report.validate import descriptor_words
from haidian_report.validate.descriptor import SOURCE_RESOURCE
from haidian_report.validate.model import Context
from haidian_report.validate.text import show

#: Field properties written for people: not compared here (see descriptor_words).
DOCUMENTATION: Final = frozenset({"title", "description", "example", "rdfType"})
#: Field properties compared elsewhere (tableschema.py) or naming the field.
COMPARED: Final = frozenset({"name", "type", "constraints"})
#: Resource properties that say how the file is read: the model's on an own resource.
RESOURCE_KEYS: Final = ("type", "format", "mediatype", "profile")
#: Properties that change how a cell is read, with the values that read it as polars does
#: (the Table Schema defaults; ``1``/``0`` are no booleans here, so listing them changes nothing).
READING: Final[dict[str, tuple[object, ...]]] = {
    "decimalChar": (".",),
    "groupChar": ("",),
    "bareNumber": (True,),
    "trueValues": (["true", "True", "TRUE"], ["true", "True", "TRUE", "1"]),
    "falseValues": (["false", "False", "FALSE"], ["false", "False", "FALSE", "0"]),
    "missingValues": ([""],),
    "floatNumber": (True, False),
    "format": ("default",),
}
#: Field types whose ``format`` changes how a cell is parsed (a string's format does not).
_PARSED_FORMAT: Final = frozenset({"date", "datetime", "time", "yearmonth", "geopoint", "number"})


@cache
def canonical_package() -> dict[str, Any]:
    """The shipped datapackage.json ({} when it cannot be read)."""
    from haidian_report.paths import descriptor_path

    try:
        data = json.loads(descriptor_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@cache
def canonical_resources() -> dict[str, dict[str, Any]]:
    """Every resource of the shipped datapackage.json by name ({} when it cannot be read)."""
    try:
        resources = canonical_package()["resources"]
        return {r["name"]: r for r in resources if isinstance(r, dict) and "name" in r}
    except (KeyError, TypeError):
        return {}


def _differs(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Properties of ``got`` that differ from ``want`` (absent on one side counts)."""
    keys = (set(want) | set(got)) - DOCUMENTATION - COMPARED
    return sorted(
        k
        for k in keys
        if not str(k).startswith("x_")
        and want.get(k) != got.get(k)
        and not (k not in want and got.get(k) in READING.get(k, ()))  # a default, spelled out
    )


def check(ctx: Context, data: dict[str, Any]) -> None:
    """Problems for every reading property that departs from the model (see the module)."""
    canon = canonical_resources()
    for res in data.get("resources", []):
        name = res.get("name") if isinstance(res, dict) else None
        if name == SOURCE_RESOURCE and name in canon:  # the report's text: held as the tables
            _resource(ctx, name, canon[name], res)
        if not isinstance(name, str) or name not in ctx.specs:
            continue
        own = canon.get(name) if ctx.specs[name].canonical else None
        if own is not None:
            _resource(ctx, name, own, res)
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list):
            continue
        own_fields = {
            f["name"]: f for f in (own or {}).get("schema", {}).get("fields", []) if "name" in f
        }
        for item in fields:
            fname = item.get("name") if isinstance(item, dict) else None
            if not isinstance(fname, str):
                continue
            assert isinstance(item, dict)
            if fname in own_fields:
                _own_field(ctx, name, fname, own_fields[fname], item)
            else:
                _added_field(ctx, name, fname, item)
    descriptor_words.check(ctx, data)  # the models' words for own fields, the source citation


def _resource(ctx: Context, name: str, want: dict[str, Any], got: dict[str, Any]) -> None:
    for key in RESOURCE_KEYS:
        if want.get(key) != got.get(key) and (key == "type" or key in got):
            ctx.add(
                "resource-property",
                f"{key} {show(got.get(key))}; the package declares {show(want.get(key))} "
                "(Data Package readers treat the resource by it)",
                name,
                file=ctx.descriptor_file,
            )


def _own_field(
    ctx: Context, name: str, fname: str, want: dict[str, Any], got: dict[str, Any]
) -> None:
    for key in _differs(want, got):
        said = f"declares {show(got[key], 120)}" if key in got else "leaves it out"
        ctx.add(
            "field-property",
            f"{key}: the field {said}; the package's model has "
            f"{show(want[key], 120) if key in want else 'none'} (Data Package readers such as "
            "frictionless would read its cells differently from haidian_report.load)",
            name,
            field=fname,
            file=ctx.descriptor_file,
        )


def _added_field(ctx: Context, name: str, fname: str, item: dict[str, Any]) -> None:
    for key, harmless in READING.items():
        if key != "format" and key in item and item[key] not in harmless:
            ctx.add(
                "field-property",
                f"{key} {show(item[key], 120)}: Data Package readers would read the cells "
                "otherwise than polars, pandas and DuckDB do; leave it out",
                name,
                field=fname,
                file=ctx.descriptor_file,
            )
    fmt, ftype = item.get("format"), item.get("type")
    if isinstance(ftype, str) and ftype in _PARSED_FORMAT and fmt not in (None, "default"):
        ctx.add(
            "field-property",
            f"format {show(fmt, 120)}: only the default format is read as declared "
            "(polars, pandas and DuckDB ignore it)",
            name,
            field=fname,
            file=ctx.descriptor_file,
        )
