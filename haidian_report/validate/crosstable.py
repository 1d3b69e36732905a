"""Stage 6: what rows of different tables say about each other, as anti-joins and joins.

* ``foreign-key`` — every declared foreign key (and, in tables a derived package adds, every
  ``<x>_id`` column naming the table whose primary key is ``<x>_id``, declared or not: a
  reference nobody declared is one nobody else checks) resolves to a row;
* ``missing-resource`` — rows refer to a table the package does not have (dropping a table no
  row refers to is fine);
* ``foreign-key-unchecked`` — rows refer to a table that is declared but whose file is missing
  or unreadable: the references could not be checked (said once per key, with the count);
* ``span-outside-parent`` — a row's span lies inside the span of each row it refers to that
  has one: a quote inside its sentence, a sentence inside its paragraph, a section inside its
  parent.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from haidian_report.subset_keys import undeclared
from haidian_report.validate.model import FATAL, ROW, Context, ForeignKey, Table
from haidian_report.validate.provenance import good_spans, main_pair
from haidian_report.validate.text import KEY_LIMIT, show


def implicit_keys(ctx: Context) -> None:
    """Add the undeclared ``<x>_id`` references of tables the package does not define (the
    rule of :func:`haidian_report.subset_keys.undeclared`, which subsets follow too)."""
    keyed = [
        (s.name, s.primary_key, [f.name for f in s.fields], {fk.fields for fk in s.foreign_keys})
        for s in ctx.specs.values()
    ]
    canonical = {s.name for s in ctx.specs.values() if s.canonical}
    for ref in undeclared(keyed, canonical):
        ctx.specs[ref.table].foreign_keys.append(
            ForeignKey(ref.fields, ref.target, ref.target_fields)
        )


def foreign_keys(ctx: Context, table: Table) -> None:
    """Every foreign key of ``table`` resolves (or its table is missing: one problem).

    The queries of all its keys run as one ``collect_all`` (a query's fixed cost is most of
    the work on a small table); their problems are added key by key, in order, as before."""
    plans: list[tuple[ForeignKey, str, pl.LazyFrame]] = []
    for fk in table.spec.foreign_keys:
        present = pl.all_horizontal(pl.col(f).is_not_null() for f in fk.fields)
        used = table.frame.lazy().filter(present & table.clean(*fk.fields))
        target = ctx.tables.get(fk.resource)
        if fk.resource not in ctx.declared or target is None:
            plans.append((fk, "absent", used.select(pl.len(), pl.col(ROW).first())))
        elif not target.has(*fk.reference_fields):
            plans.append((fk, "undeclared", used.select(pl.len())))
        else:
            plans.append((fk, "resolve", _unresolved(target, fk, used)))
    for (fk, kind, _), result in zip(plans, _collected([p for _, _, p in plans]), strict=True):
        field = ",".join(fk.fields)
        ref = f"{fk.resource}.{','.join(fk.reference_fields)}"
        if kind == "resolve":
            _report(ctx, table, result, ref, field)
            continue
        count = result.item(0, 0)
        if not count:
            continue
        if kind == "undeclared":
            ctx.add(
                "descriptor-error",
                f"foreign key {list(fk.fields)} names {fk.resource}."
                f"{list(fk.reference_fields)}, which {fk.resource} does not declare",
                table.name,
                field=field,
            )
        elif fk.resource not in ctx.declared:
            ctx.add(
                "missing-resource",
                f"{count:,} row(s) (first: row {result.item(0, 1)}) refer to {ref}, but the "
                f"package has no resource {fk.resource!r}",
                table.name,
                field=field,
            )
        else:  # declared but missing or unreadable: its own problems say why
            ctx.add(
                "foreign-key-unchecked",
                f"{count:,} row(s) (first: row {result.item(0, 1)}) refer to {ref}, which could "
                "not be read (see its own problem): these references were not checked",
                table.name,
                field=field,
            )


def _keys(target: Table, fields: tuple[str, ...]) -> pl.DataFrame:
    """The (present, well-typed) values of ``fields`` in ``target``, as text; kept in the
    target's cache, since many tables refer to the same key. Not made distinct: an anti-join
    needs only that a value is there (and the key is unique where it is the primary key)."""
    name = "keys:" + ",".join(fields)
    cached: pl.DataFrame | None = target.cache.get(name)
    if cached is None:
        cached = (
            target.frame.lazy()
            .filter(target.clean(*fields))
            .select(pl.col(f).cast(pl.String).alias(f"__k{i}") for i, f in enumerate(fields))
            .drop_nulls()
            .collect(engine="in-memory")
        )
        target.cache[name] = cached
    return cached


def _unresolved(target: Table, fk: ForeignKey, used: pl.LazyFrame) -> pl.LazyFrame:
    """The rows of ``used`` whose key is not in ``target`` (row first, then the key cells)."""
    keys = [f"__k{i}" for i in range(len(fk.fields))]
    pairs = zip(fk.fields, keys, strict=True)
    local = used.select(ROW, *(pl.col(f).cast(pl.String).alias(k) for f, k in pairs))
    remote = _keys(target, fk.reference_fields).lazy()
    return local.join(remote, on=keys, how="anti").sort(ROW)


def _report(ctx: Context, table: Table, hits: pl.DataFrame, ref: str, field: str) -> None:
    kept = hits.head(ctx.problems.room(table.name))
    for values in kept.iter_rows():
        cells = ", ".join(show(v, KEY_LIMIT) for v in values[1:])
        ctx.add("foreign-key", f"found {cells}; no such {ref}", table.name, values[0], field)
    ctx.problems.drop(table.name, hits.height - kept.height)


def _collected(plans: list[pl.LazyFrame]) -> list[pl.DataFrame] | Iterator[pl.DataFrame]:
    """The results of ``plans``, run as one ``collect_all``; should that raise, one by one
    (lazily), so that the problems of the plans before the one that fails are added first,
    as when each ran on its own."""
    try:
        return pl.collect_all(plans, engine="in-memory") if plans else []
    except BaseException as exc:  # polars panics are BaseExceptions
        if isinstance(exc, FATAL):
            raise
        return (plan.collect(engine="in-memory") for plan in plans)


def containment(ctx: Context, table: Table) -> None:
    """A row's span lies inside the ``start``/``end`` span of each row it refers to (one
    query a key, all run as one ``collect_all``)."""
    main = main_pair(table)
    if main is None:
        return
    spans: pl.LazyFrame | None = None
    plans: list[tuple[str, str, pl.LazyFrame]] = []
    for fk in table.spec.foreign_keys:
        target = ctx.tables.get(fk.resource)
        if target is None or len(fk.fields) != 1 or not target.has(fk.reference_fields[0]):
            continue
        parent = main_pair(target)
        if parent is None or parent.prefix != "":
            continue
        if spans is None:
            spans = good_spans(ctx, table, main).lazy()
        key, ref = fk.fields[0], fk.reference_fields[0]
        mine = spans.join(
            table.frame.lazy().select(ROW, pl.col(key).cast(pl.String).alias("__key")), on=ROW
        )
        outer = (
            good_spans(ctx, target, parent)
            .lazy()
            .join(
                target.frame.lazy().select(ROW, pl.col(ref).cast(pl.String).alias("__key")), on=ROW
            )
        )
        # a parent key given twice: its first row (sorted, as the join leaves no order)
        outer = (
            outer.sort(ROW).drop(ROW).rename({"a": "pa", "b": "pb"}).unique("__key", keep="first")
        )
        joined = mine.join(outer, on="__key")
        hits = joined.filter((pl.col("a") < pl.col("pa")) | (pl.col("b") > pl.col("pb"))).sort(ROW)
        plans.append((fk.resource, key, hits.select(ROW, "a", "b", "__key", "pa", "pb")))
    what = "quote" if main.prefix else "span"
    for (resource, key, _), found in zip(plans, _collected([p for _, _, p in plans]), strict=True):
        kept = found.head(ctx.problems.room(table.name))
        for row, a, b, k, pa, pb in kept.iter_rows():
            ctx.add(
                "span-outside-parent",
                f"{what} [{a}:{b}] is not inside {resource} {show(k, KEY_LIMIT)} [{pa}:{pb}]",
                table.name,
                row,
                key,
            )
        ctx.problems.drop(table.name, found.height - kept.height)
