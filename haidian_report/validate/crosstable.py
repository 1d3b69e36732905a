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

import polars as pl

from haidian_report.validate.model import ROW, Context, ForeignKey, Table
from haidian_report.validate.provenance import good_spans, main_pair
from haidian_report.validate.text import show


def implicit_keys(ctx: Context) -> None:
    """Add the undeclared ``<x>_id`` references of tables the package does not define."""
    owners: dict[str, list[str]] = {}
    for spec in ctx.specs.values():
        if len(spec.primary_key) == 1:
            owners.setdefault(spec.primary_key[0], []).append(spec.name)
    for spec in ctx.specs.values():
        if spec.canonical:
            continue
        declared = {fk.fields for fk in spec.foreign_keys}
        for f in spec.fields:
            owner = owners.get(f.name, [])
            if (
                f.name.endswith("_id")
                and f.name not in spec.primary_key
                and len(owner) == 1
                and owner[0] != spec.name
                and (f.name,) not in declared
            ):
                spec.foreign_keys.append(ForeignKey((f.name,), owner[0], (f.name,)))


def foreign_keys(ctx: Context, table: Table) -> None:
    """Every foreign key of ``table`` resolves (or its table is missing: one problem)."""
    for fk in table.spec.foreign_keys:
        present = pl.all_horizontal(pl.col(f).is_not_null() for f in fk.fields)
        used = table.frame.lazy().filter(present & table.clean(*fk.fields))
        field = ",".join(fk.fields)
        target = ctx.tables.get(fk.resource)
        if fk.resource not in ctx.declared:
            count, first = (
                used.select(pl.len(), pl.col(ROW).first()).collect(engine="in-memory").row(0)
            )
            if not count:
                continue
            ctx.add(
                "missing-resource",
                f"{count:,} row(s) (first: row {first}) refer to {fk.resource}."
                f"{','.join(fk.reference_fields)}, but the package has no resource {fk.resource!r}",
                table.name,
                field=field,
            )
            continue
        if target is None:  # declared but missing or unreadable: its own problems say why
            count, first = (
                used.select(pl.len(), pl.col(ROW).first()).collect(engine="in-memory").row(0)
            )
            if not count:
                continue
            ctx.add(
                "foreign-key-unchecked",
                f"{count:,} row(s) (first: row {first}) refer to {fk.resource}."
                f"{','.join(fk.reference_fields)}, which could not be read (see its own "
                "problem): these references were not checked",
                table.name,
                field=field,
            )
            continue
        if not target.has(*fk.reference_fields):
            if used.select(pl.len()).collect(engine="in-memory").item():
                ctx.add(
                    "descriptor-error",
                    f"foreign key {list(fk.fields)} names {fk.resource}."
                    f"{list(fk.reference_fields)}, which {fk.resource} does not declare",
                    table.name,
                    field=field,
                )
            continue
        _resolve(ctx, table, target, fk, used, field)


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


def _resolve(
    ctx: Context, table: Table, target: Table, fk: ForeignKey, used: pl.LazyFrame, field: str
) -> None:
    keys = [f"__k{i}" for i in range(len(fk.fields))]
    pairs = zip(fk.fields, keys, strict=True)
    local = used.select(ROW, *(pl.col(f).cast(pl.String).alias(k) for f, k in pairs))
    remote = _keys(target, fk.reference_fields).lazy()
    hits = local.join(remote, on=keys, how="anti").sort(ROW).collect(engine="in-memory")
    kept = hits.head(ctx.problems.room(table.name))
    ref = f"{fk.resource}.{','.join(fk.reference_fields)}"
    for values in kept.iter_rows():
        cells = ", ".join(show(v) for v in values[1:])
        ctx.add("foreign-key", f"found {cells}; no such {ref}", table.name, values[0], field)
    ctx.problems.drop(table.name, hits.height - kept.height)


def containment(ctx: Context, table: Table) -> None:
    """A row's span lies inside the ``start``/``end`` span of each row it refers to."""
    main = main_pair(table)
    if main is None:
        return
    spans: pl.DataFrame | None = None
    for fk in table.spec.foreign_keys:
        target = ctx.tables.get(fk.resource)
        if target is None or len(fk.fields) != 1 or not target.has(fk.reference_fields[0]):
            continue
        parent = main_pair(target)
        if parent is None or parent.prefix != "":
            continue
        if spans is None:
            spans = good_spans(ctx, table, main)
        key, ref = fk.fields[0], fk.reference_fields[0]
        mine = spans.join(
            table.frame.select(ROW, pl.col(key).cast(pl.String).alias("__key")), on=ROW
        )
        outer = good_spans(ctx, target, parent).join(
            target.frame.select(ROW, pl.col(ref).cast(pl.String).alias("__key")), on=ROW
        )
        outer = outer.drop(ROW).rename({"a": "pa", "b": "pb"}).unique("__key", keep="first")
        joined = mine.join(outer, on="__key")
        hits = joined.filter((pl.col("a") < pl.col("pa")) | (pl.col("b") > pl.col("pb"))).sort(ROW)
        kept = hits.head(ctx.problems.room(table.name))
        what = "quote" if main.prefix else "span"
        for row, a, b, k, pa, pb in kept.select(ROW, "a", "b", "__key", "pa", "pb").iter_rows():
            ctx.add(
                "span-outside-parent",
                f"{what} [{a}:{b}] is not inside {fk.resource} {show(k)} [{pa}:{pb}]",
                table.name,
                row,
                key,
            )
        ctx.problems.drop(table.name, hits.height - kept.height)
