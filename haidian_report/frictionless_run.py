"""Run frictionless on a vetted package descriptor and return its errors as plain data.

Kept apart from :mod:`haidian_report.validate` so that the validator can run it in a second
process that imports nothing else of ours: the worker pays only frictionless' own import.
"""

from __future__ import annotations

import copy
from typing import Any

#: (package-level messages, [(table name, [error attributes])]) — plain data, so that it can
#: come back from the worker process.
FrictionlessResult = tuple[list[str], list[tuple[str, list[dict[str, Any]]]]]
_ERROR_ATTRIBUTES = (
    "type",
    "row_number",
    "field_name",
    "field_number",
    "cell",
    "cells",
    "note",
    "message",
    "label",
    "field_names",
    "field_cells",
    "reference_name",
    "reference_field_names",
)


def warm_up() -> None:
    """Import frictionless (about 0.25 s), so that a worker is ready before it has work."""
    import frictionless  # noqa: F401


def frictionless_errors(
    descriptor: dict[str, Any], root: str, limit_errors: int
) -> FrictionlessResult:
    """Run frictionless on a vetted descriptor; its errors as plain attribute dicts."""
    try:
        import frictionless

        package = frictionless.Package(copy.deepcopy(descriptor), basepath=root)
        report = package.validate(limit_errors=limit_errors)
    except Exception as exc:  # frictionless raising is a validator problem, not a traceback
        return [f"frictionless could not validate the tables: {exc}"], []
    package_errors = [str(getattr(e, "message", e)) for e in report.errors]
    tasks = [
        (
            str(task.name),
            [
                {a: _plain(getattr(e, a)) for a in _ERROR_ATTRIBUTES if hasattr(e, a)}
                for e in task.errors
            ],
        )
        for task in report.tasks
    ]
    return package_errors, tasks


def _plain(value: Any) -> Any:
    """A picklable copy of an error attribute (lists of cells may hold any objects)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)
