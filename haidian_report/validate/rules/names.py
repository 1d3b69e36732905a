"""Rules on the Chinese names of programs and terms: every name is one the report prints.

Mentions are found in the Chinese alone, by a program's (or term's) name and its aliases, so
a name is only ever one the source prints: an invented alias (a plausible 别称 that the report
never uses) would make ``mention-name`` accept quotes of a thing the report does not name.

* ``name-unprinted`` — a ``name_zh``/``term_zh`` or an ``aliases_zh`` entry occurs nowhere in
  the source text (true of every shipped name, and of any derived package, whose rows keep
  their names);
* ``name-unused`` (``--strict``, the full package only) — a name or alias that no mention
  quotes: each was curated because the report names the thing by it somewhere, and the full
  package holds every mention.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.mentions import ALIAS_SEPARATOR

#: The tables whose names mentions quote, and the column holding each one's Chinese name.
NAMED: Final = {"programs": "name_zh", "terms": "term_zh"}


def _names(table: Table) -> pl.LazyFrame:
    """(ROW, field, name): every Chinese name and alias of every row, one per line (a
    query)."""
    name = NAMED[table.name]
    parts = [
        table.frame.lazy().select(ROW, pl.lit(name).alias("field"), pl.col(name).alias("name")),
    ]
    if table.typed("aliases_zh", "string"):
        parts.append(
            table.frame.lazy()
            .select(
                ROW,
                pl.lit("aliases_zh").alias("field"),
                pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).alias("name"),
            )
            .explode("name")
        )
    return pl.concat(parts).filter(pl.col("name").is_not_null())


@rule("name-unprinted", needs={}, tables=tuple(NAMED), source=True)
def names_are_printed_in_the_source(ctx: Context, table: Table) -> Hits:
    """A program's or term's Chinese name, and each of its aliases, is printed in the source."""
    if not table.typed(NAMED[table.name], "string"):
        return None
    assert ctx.source is not None
    names = _names(table)
    distinct = names.select(pl.col("name").unique()).collect(engine="in-memory")
    missing = [n for n in distinct["name"].to_list() if n not in ctx.source]
    if not missing:  # (the usual case)
        return None
    bad = names.filter(pl.col("name").is_in(missing))
    return bad.select(
        ROW,
        "field",
        pl.format(
            "{} is printed nowhere in the source text: a name or alias is one the report uses",
            pl.col("name"),
        ).alias("message"),
    )


@rule("name-unused", needs={}, tables=tuple(NAMED))
def names_are_quoted_by_a_mention(ctx: Context, table: Table) -> Hits:
    """In a strict run (the full package), every name and alias is quoted by a mention of its
    program or term."""
    if not ctx.strict or not table.typed(NAMED[table.name], "string"):
        return None
    key = table.spec.primary_key[0] if len(table.spec.primary_key) == 1 else None
    if key is None:
        return None
    quoted: pl.LazyFrame | None = None
    for other in ctx.tables.values():
        fk = next(
            (k for k in other.spec.foreign_keys if k.resource == table.name and k.fields == (key,)),
            None,
        )
        if fk is not None and other.typed("quote", "string") and other.has(key):
            pairs = other.frame.lazy().select(
                pl.col(key).cast(pl.String), pl.col("quote").alias("name")
            )
            quoted = pairs if quoted is None else pl.concat([quoted, pairs])
    if quoted is None:
        return None  # no mentions table: nothing to hold the names against
    names = _names(table).join(
        table.frame.lazy().select(ROW, pl.col(key).cast(pl.String)), on=ROW, how="left"
    )
    unused = names.join(quoted.unique(), on=[key, "name"], how="anti")
    return unused.select(
        ROW,
        "field",
        pl.format("{} ({} of {}) is quoted by no mention", "name", "field", key).alias("message"),
    )
