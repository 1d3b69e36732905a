"""The pipeline: every stage, in order, each guarded so that nothing stops the run.

paths and budgets → descriptor → files → CSV reading → Table Schema → provenance →
cross-table → meaning rules → (``strict``) completeness → (``frictionless``) the reference
implementation's own checks. A stage that raises on one table becomes an ``internal-error``
problem on that table (a bug to report) and the run goes on with the next.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from haidian_report.validate import (
    crosstable,
    csvread,
    descriptor,
    files,
    provenance,
    reference,
    schema,
    tableschema,
)
from haidian_report.validate import strict as completeness
from haidian_report.validate.budgets import Limits, Problems
from haidian_report.validate.model import Context
from haidian_report.validate.paths import locate
from haidian_report.validate.report import Report
from haidian_report.validate.rules import engine
from haidian_report.validate.text import short_path

T = TypeVar("T")


def validate(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    frictionless: bool = False,
    limits: Limits | None = None,
) -> Report:
    """Validate a data package and report every problem found.

    ``path`` is a datapackage.json or the folder holding it; None validates the shipped
    package. ``strict`` adds the completeness rules (every digit run and quoted phrase of the
    source accounted for, sentences and paragraphs tiling the source, every table present),
    which only the full package can meet. ``frictionless`` also runs frictionless' own row
    checks in this process and reports what it finds. Bad input never raises: it becomes
    problems, and a descriptor that cannot be read makes ``report.unreadable`` true. Nothing is
    written and nothing is fetched.

    >>> validate().valid
    True
    """
    ctx = run(path, strict=strict, frictionless=frictionless, limits=limits)
    return Report(
        path=ctx.shown,
        problems=ctx.problems.sorted(),
        unreadable=ctx.unreadable,
        strict=strict,
        resources=ctx.resource_count,
        tables=sum(1 for spec in ctx.specs.values() if spec.path.is_file()),  # what exists
        rows=sum(t.height for t in ctx.tables.values()),
    )


def run(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    frictionless: bool = False,
    limits: Limits | None = None,
) -> Context:
    """Every stage on the package at ``path``; the run's context (what :func:`validate`
    reports, and what the differential test hands to frictionless)."""
    limits = limits or Limits()
    ctx = Context(strict=strict, limits=limits, problems=Problems(limits))
    ctx.shown = short_path(str(path)) if path is not None else "the shipped package"
    try:
        ctx.shown = _run(ctx, path, frictionless) or ctx.shown
    except BaseException as exc:  # a last resort: a CI log shows a message, never a traceback
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise  # (polars panics are BaseExceptions too: they are caught)
        ctx.add(
            "internal-error",
            f"the validator stopped on an unexpected error ({type(exc).__name__}: {exc}); "
            "please report it with the package",
        )
    return ctx


def _guard(ctx: Context, resource: str | None, stage: str, work: Callable[[], T]) -> T | None:
    """Run one stage on one resource; an exception becomes a problem and the run goes on."""
    try:
        return work()
    except BaseException as exc:  # polars panics are BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        ctx.add(
            "internal-error",
            f"the {stage} stage stopped on {type(exc).__name__}: {exc}; the other checks ran. "
            "Please report it with the package.",
            resource,
        )
        return None


def _run(ctx: Context, path: str | Path | None, with_frictionless: bool) -> str | None:
    found, why = locate(path)
    if found is None:
        ctx.descriptor_file = str(path) if path is not None else ctx.descriptor_file  # as given
        ctx.fail("not-found", why)
        return None
    ctx.root = found.parent
    ctx.descriptor_file = found.name
    ctx.canonical = descriptor.canonical_schemas()
    data = descriptor.read(ctx, found)
    if data is None:
        return short_path(str(found))
    texts = _files(ctx, data)
    _guard(ctx, None, "foreign key", partial(crosstable.implicit_keys, ctx))
    for name in list(texts):
        raw, text = texts.pop(name)
        cells = _guard(ctx, name, "CSV", partial(csvread.read, ctx, ctx.specs[name], raw, text))
        del raw, text  # the file is no longer needed: let it go
        if cells is not None:
            check = partial(schema.check, ctx, ctx.specs[name], cells)
            table = _guard(ctx, name, "Table Schema", check)
            if table is not None:
                ctx.tables[name] = table
    for table in list(ctx.tables.values()):
        _guard(ctx, table.name, "provenance", partial(provenance.check, ctx, table))
    for table in list(ctx.tables.values()):
        _guard(ctx, table.name, "foreign key", partial(crosstable.foreign_keys, ctx, table))
        _guard(ctx, table.name, "containment", partial(crosstable.containment, ctx, table))
    _guard(ctx, None, "rules", partial(engine.run, ctx))
    if ctx.strict:
        _guard(ctx, None, "completeness", partial(completeness.check, ctx))
    if with_frictionless:
        _guard(ctx, None, "frictionless", partial(reference.check, ctx, data))
    return short_path(str(found))


def _files(ctx: Context, data: dict[str, Any]) -> dict[str, tuple[bytes, str]]:
    """Vet every resource and read its file; the bytes and text of each readable table."""
    texts: dict[str, tuple[bytes, str]] = {}
    for entry in descriptor.entries(ctx, data):
        text = _guard(ctx, entry.name, "file", partial(files.read, ctx, entry))
        if entry.is_source:
            ctx.source, ctx.source_name = (text[1] if text else None), entry.name
        elif entry.is_table:
            spec = _guard(ctx, entry.name, "schema", partial(tableschema.spec, ctx, entry))
            if spec is not None:
                ctx.specs[entry.name] = spec
                ctx.problems.columns[entry.name] = {f.name: i for i, f in enumerate(spec.fields)}
                if text is not None:
                    texts[entry.name] = text
    if descriptor.SOURCE_RESOURCE not in ctx.declared:
        ctx.add(
            "missing-source",
            f"no resource named {descriptor.SOURCE_RESOURCE!r}: the source text every offset "
            "indexes",
            file=ctx.descriptor_file,
        )
    return texts
