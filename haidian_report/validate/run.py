"""The pipeline: every stage, in order, each guarded so that nothing stops the run.

paths and budgets → descriptor → files → CSV reading → Table Schema → provenance →
cross-table → meaning rules → (``strict``) completeness → (``frictionless``) the reference
implementation's own checks. A stage that raises on one table becomes an ``internal-error``
problem on that table (a bug to report) and the run goes on with the next.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from haidian_report.validate import (
    crosstable,
    csvread,
    descriptor,
    descriptor_props,
    files,
    provenance,
    schema,
    tableschema,
)
from haidian_report.validate.budgets import Limits, Problems
from haidian_report.validate.model import FATAL, Context, Table
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
        if isinstance(exc, FATAL):
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
        if isinstance(exc, FATAL):
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
    ctx.version = data.get("version")
    raws = _files(ctx, data)
    _guard(ctx, None, "descriptor properties", partial(descriptor_props.check, ctx, data))
    _guard(ctx, None, "foreign key", partial(crosstable.implicit_keys, ctx))
    _tables(ctx, raws)
    for table in list(ctx.tables.values()):
        _guard(ctx, table.name, "provenance", partial(provenance.check, ctx, table))
    for table in list(ctx.tables.values()):
        _guard(ctx, table.name, "foreign key", partial(crosstable.foreign_keys, ctx, table))
        _guard(ctx, table.name, "containment", partial(crosstable.containment, ctx, table))
    _guard(ctx, None, "rules", partial(engine.run, ctx))
    if ctx.strict:  # imported only when asked for: most runs need neither
        from haidian_report.validate import strict as completeness

        _guard(ctx, None, "completeness", partial(completeness.check, ctx))
    if with_frictionless:
        from haidian_report.validate import reference

        _guard(ctx, None, "frictionless", partial(reference.check, ctx, data))
    return short_path(str(found))


def _table(ctx: Context, name: str, raws: dict[str, bytes]) -> Table | None:
    """Stages 3 and 4 on one table: its CSV read, then its Table Schema checks (its bytes are
    let go once read)."""
    read = partial(csvread.read, ctx, ctx.specs[name], raws.pop(name))
    cells = _guard(ctx, name, "CSV", read)
    del read
    if cells is None:
        return None
    return _guard(ctx, name, "Table Schema", partial(schema.check, ctx, ctx.specs[name], cells))


def _tables(ctx: Context, raws: dict[str, bytes]) -> None:
    """Read and check every table, two at a time (polars works without the GIL, so the two
    cores overlap), each into its own list of problems, merged in descriptor order: the report
    is what reading them one by one gives. When the problem cap of the run could have cut a
    table short, they are read again one by one (which is then exact)."""
    names = list(raws)
    problems = ctx.problems
    if len(names) > 1 and (os.cpu_count() or 1) > 1:
        before = (len(problems.kept), Counter(problems.counts), Counter(problems.dropped))
        children = [replace(ctx, problems=problems.child()) for _ in names]
        with ThreadPoolExecutor(max_workers=2) as pool:
            read = list(pool.map(_table, children, names, [raws] * len(names)))
        for child in children:
            problems.merge(child.problems)
        if len(problems.kept) + problems.limits.problems_per_resource <= problems.limits.problems:
            ctx.tables.update((n, t) for n, t in zip(names, read, strict=True) if t is not None)
            return
        del read, children  # so many problems that the run's cap may bind: one by one
        del problems.kept[before[0] :]
        problems.counts, problems.dropped = before[1], before[2]
        again = {
            name: _guard(ctx, name, "file", partial(files.reread, ctx.specs[name]))
            for name in names
        }
        raws = {name: raw for name, raw in again.items() if raw is not None}
        names = list(raws)
    for name in names:
        table = _table(ctx, name, raws)
        if table is not None:
            ctx.tables[name] = table


def _files(ctx: Context, data: dict[str, Any]) -> dict[str, bytes]:
    """Vet every resource and read its file; the bytes of each readable table."""
    raws: dict[str, bytes] = {}
    entries = descriptor.entries(ctx, data)
    for entry in entries:
        raw = _guard(ctx, entry.name, "file", partial(files.read, ctx, entry))
        if entry.is_source:
            ctx.source, ctx.source_name = (raw.decode("utf-8") if raw else None), entry.name
        elif entry.is_table:
            spec = _guard(ctx, entry.name, "schema", partial(tableschema.spec, ctx, entry))
            if spec is not None:
                ctx.specs[entry.name] = spec
                ctx.problems.columns[entry.name] = {f.name: i for i, f in enumerate(spec.fields)}
                if raw is not None:
                    raws[entry.name] = raw
    if descriptor.SOURCE_RESOURCE not in ctx.declared:
        ctx.add(
            "missing-source",
            f"no resource named {descriptor.SOURCE_RESOURCE!r}: the source text every offset "
            "indexes",
            file=ctx.descriptor_file,
        )
    tables = any(entry.is_table for entry in entries)
    if entries and not tables and len(entries) == len(data["resources"]):
        # a package of the source alone would be VALID with nothing in it validated: a
        # subset that dropped every table is a mistake a CI gate must not wave through (a
        # resource refused above may be a table: its own problem says what is wrong)
        ctx.add(
            "no-tables",
            "the package declares no table (no tabular resource): nothing of the "
            "report's data is validated; a derived package keeps at least one table",
            file=ctx.descriptor_file,
        )
    return raws
