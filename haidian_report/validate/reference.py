"""The reference implementation: frictionless' own checks, in this process, when asked.

``validate(..., frictionless=True)`` (``--frictionless``) also checks the descriptor against
frictionless' Data Package profile and runs frictionless' row checks on every readable table,
reporting what it finds that the validator's own checks did not (at the same resource, row and
field). frictionless is given a descriptor rebuilt from vetted parts only (local relative
paths, plain CSV options, the effective schemas), so it never opens a URL; a ``pattern`` that
some cell fails is left out of it (the validator's own check, a linear-time regex engine, has
reported those cells, and Python's backtracking one can take exponential time on them: a
pattern ``(a+)+$`` and a cell of 41 characters held ``--frictionless`` for hours). It is
imported here alone: ``import haidian_report`` and the default run never import it.

The test suite uses :func:`frictionless_findings` as the reference of a differential test:
every error frictionless reports on a corrupted package must be reported by the validator too.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

from haidian_report.validate.model import Context, Spec
from haidian_report.validate.text import show


class Finding(NamedTuple):
    """One frictionless error, located as the validator locates problems."""

    code: str
    resource: str | None
    row: int | None
    field: str | None
    message: str


def vetted_descriptor(ctx: Context) -> dict[str, Any]:
    """A descriptor of the readable tables built from vetted parts only."""
    usable = set(ctx.tables)
    failing = failing_patterns(ctx)
    return {
        "name": "package-under-validation",
        "resources": [_resource(ctx.specs[name], usable, failing) for name in ctx.tables],
    }


def failing_patterns(ctx: Context) -> set[tuple[str, str]]:
    """(table, field) of every ``pattern`` that a cell fails (or that polars cannot read), as
    the validator's linear-time regex engine finds it."""
    import polars as pl

    found: set[tuple[str, str]] = set()
    for name, table in ctx.tables.items():
        for f in table.spec.fields:
            pattern = f.constraints.get("pattern")
            if not isinstance(pattern, str) or not table.has(f.name):
                continue
            cells = pl.col(f.name).cast(pl.String)
            try:
                fails = cells.is_not_null() & ~cells.str.contains(f"^(?:{pattern})$")
                bad = bool(table.frame.select(fails.any()).item())
            except Exception:  # a pattern polars cannot compile: frictionless is not given it
                bad = True
            if bad:
                found.add((name, f.name))
    return found


def _resource(spec: Spec, usable: set[str], failing: set[tuple[str, str]]) -> dict[str, Any]:
    keys = [
        {
            "fields": list(fk.fields),
            "reference": {"resource": fk.resource, "fields": list(fk.reference_fields)},
        }
        for fk in spec.foreign_keys
        if fk.resource in usable
    ]
    fields = [
        {
            "name": f.name,
            "type": f.type,
            "constraints": {
                k: v
                for k, v in f.constraints.items()
                if k != "pattern" or (spec.name, f.name) not in failing
            },
        }
        for f in spec.fields
    ]
    schema: dict[str, Any] = {"fields": fields, "missingValues": spec.missing_values}
    if spec.primary_key:
        schema["primaryKey"] = spec.primary_key
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": spec.name,
        "type": "table",
        "path": spec.file,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {
            "header": True,
            "csv": {"delimiter": spec.dialect.delimiter, "quoteChar": spec.dialect.quote},
        },
        "schema": schema,
    }


def frictionless_findings(ctx: Context, descriptor: dict[str, Any] | None = None) -> list[Finding]:
    """Every error frictionless reports on the readable tables (and, given the raw
    ``descriptor``, on its profile), located by resource, data row and field."""
    import frictionless

    found: list[Finding] = []
    if descriptor is not None:
        try:  # as `frictionless validate` reads a descriptor; nothing is opened
            frictionless.Package.from_descriptor(copy.deepcopy(descriptor), basepath=str(ctx.root))
        except frictionless.FrictionlessException as exc:
            for error in exc.reasons or [exc.error]:
                found.append(
                    Finding(
                        "descriptor-profile", None, None, None, f"frictionless: {error.message}"
                    )
                )
        except Exception as exc:  # frictionless failing on a malformed descriptor
            found.append(
                Finding(
                    "descriptor-profile", None, None, None, f"frictionless: {show(str(exc), 200)}"
                )
            )
    if not ctx.tables:
        return found
    try:
        package = frictionless.Package(vetted_descriptor(ctx), basepath=str(ctx.root))
        report = package.validate(limit_errors=ctx.limits.problems_per_resource)
    except Exception as exc:
        return [
            *found,
            Finding("frictionless-error", None, None, None, f"frictionless stopped: {exc}"),
        ]
    found += [
        Finding("frictionless-error", None, None, None, str(e.message)) for e in report.errors
    ]
    for task in report.tasks:
        specs = ctx.specs.get(str(task.name))
        for error in task.errors:
            found.append(_locate(str(task.name), specs, error))
    return found


def _locate(name: str, spec: Spec | None, error: Any) -> Finding:
    """A frictionless error as (code, resource, data row, field, message)."""
    kind = str(error.type)
    number = getattr(error, "row_number", None)
    row = number - 1 if isinstance(number, int) and number > 1 else None
    field = getattr(error, "field_name", None) or None
    if kind == "foreign-key":
        field = ",".join(getattr(error, "field_names", []) or []) or field
    elif kind == "primary-key" and spec is not None:
        field = ",".join(spec.primary_key)
    elif kind in ("extra-cell", "extra-label", "blank-row", "duplicate-label"):
        field = None
    note = str(getattr(error, "note", "") or getattr(error, "message", kind))
    cell = getattr(error, "cell", None)
    message = f"frictionless: {note}" + (f" (cell {show(cell)})" if cell is not None else "")
    return Finding(kind, name, row, field, message)


def check(ctx: Context, descriptor: dict[str, Any] | None) -> None:
    """Add frictionless' findings that the validator's own checks did not make."""
    seen = {(p.resource, p.row, p.field) for p in ctx.problems.kept}
    for f in frictionless_findings(ctx, descriptor):
        if (f.resource, f.row, f.field) not in seen:
            ctx.add(f.code, f.message, f.resource, f.row, f.field)
