"""The references a subset follows: every foreign key the descriptor declares, and the
undeclared ``<x>_id`` columns of added tables that the validator holds to the table keyed by
``<x>_id`` (:func:`haidian_report.validate.crosstable.implicit_keys`). A subset that followed
fewer would write rows the validator then reports as dangling.

>>> tables = {
...     "a": {"schema": {"fields": [{"name": "a_id"}], "primaryKey": "a_id"}},
...     "x_notes": {"schema": {"fields": [{"name": "a_id"}, {"name": "text"}]}},
... }
>>> references(tables, canonical={"a"})
[Reference(table='x_notes', fields=('a_id',), target='a', target_fields=('a_id',))]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, NamedTuple


class Reference(NamedTuple):
    """Rows of ``table`` name rows of ``target`` by ``fields`` → ``target_fields``."""

    table: str
    fields: tuple[str, ...]
    target: str
    target_fields: tuple[str, ...]


class SchemaKeyError(ValueError):
    """A schema whose keys cannot be read (the message names the table)."""


def _names(value: object, table: str, what: str) -> tuple[str, ...]:
    """A field name or a list of them, as Table Schema writes keys."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SchemaKeyError(f"{table}: {what} is {value!r}, not a field name or a list of them")


def declared(table: str, schema: dict[str, Any]) -> list[Reference]:
    """The foreign keys ``schema`` declares (a reference without a resource is to itself)."""
    keys = schema.get("foreignKeys", [])
    if not isinstance(keys, list):
        raise SchemaKeyError(f"{table}: foreignKeys is {keys!r}, not a list")
    found = []
    for fk in keys:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            raise SchemaKeyError(f"{table}: a foreign key {fk!r} has no reference object")
        target = ref.get("resource") or table
        if not isinstance(target, str):
            raise SchemaKeyError(f"{table}: a foreign key names resource {target!r}")
        fields = _names(fk.get("fields"), table, "a foreign key's fields")
        targets = _names(ref.get("fields"), table, "a reference's fields")
        found.append(Reference(table, fields, target, targets))
    return found


def undeclared(
    tables: Sequence[tuple[str, Sequence[str], Sequence[str], Collection[tuple[str, ...]]]],
    canonical: Collection[str],
) -> list[Reference]:
    """The references nobody declared: for each table not in ``canonical``, given as (name,
    primary key, field names, the field tuples of its declared foreign keys), each
    ``<x>_id`` field outside its own primary key that is the single-field primary key of
    exactly one other table. The one rule the validator
    (:func:`haidian_report.validate.crosstable.implicit_keys`) and :func:`references` follow.

    >>> undeclared([("a", ("a_id",), ["a_id"], []), ("n", (), ["a_id", "b_id"], [])], {"a"})
    [Reference(table='n', fields=('a_id',), target='a', target_fields=('a_id',))]
    """
    owners: dict[str, list[str]] = {}
    for name, primary, _, _ in tables:
        if len(primary) == 1:
            owners.setdefault(primary[0], []).append(name)
    found: list[Reference] = []
    for name, primary, fields, declared_fields in tables:
        if name in canonical:
            continue
        for field in fields:
            owner = owners.get(field, [])
            if (
                field.endswith("_id")
                and field not in primary
                and len(owner) == 1
                and owner[0] != name
                and (field,) not in declared_fields
            ):
                found.append(Reference(name, (field,), owner[0], (field,)))
    return found


def references(tables: dict[str, dict[str, Any]], canonical: Collection[str]) -> list[Reference]:
    """Every reference between ``tables`` (resources by name, each with a schema dict): the
    declared foreign keys, and the undeclared ``<x>_id`` ones of :func:`undeclared`."""
    found: list[Reference] = []
    keyed = []
    for name, res in tables.items():
        primary = res["schema"].get("primaryKey")
        own = declared(name, res["schema"])
        found += own
        fields = [f.get("name") for f in res["schema"]["fields"] if isinstance(f, dict)]
        keyed.append(
            (
                name,
                _names(primary, name, "primaryKey") if primary is not None else (),
                [f for f in fields if isinstance(f, str)],
                {r.fields for r in own},
            )
        )
    return found + undeclared(keyed, canonical)
