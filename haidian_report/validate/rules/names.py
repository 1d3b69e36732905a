"""Rules on the Chinese names of programs and terms: every name is one the report prints.

Mentions are found in the Chinese alone, by a program's (or term's) name and its aliases, so
a name is only ever one the source prints: an invented alias (a plausible 别称 that the report
never uses) would make ``mention-name`` accept quotes of a thing the report does not name.

* ``name-unprinted`` — a ``name_zh``/``term_zh`` or an ``aliases_zh`` entry occurs nowhere in
  the source text (true of every shipped name, and of any derived package, whose rows keep
  their names);
* ``name-unused`` (``--strict``, the full package only) — a name or alias that no mention
  quotes: each was curated because the report names the thing by it somewhere, and the full
  package holds every mention;
* ``alias-name`` — an alias that is another row's name or alias, of its table or of the other
  (a program's alias that is a term's name): an alias is another printed form of the row's own
  thing, so borrowing one lets a mention move to another program with its quote still "a name
  of its program" (cold attacks: 南区, the South Area's name, made an alias of the North Area,
  and the South Area's mention moved there, passed; so did the term 双减 made an alias of the
  “双减”工作方案, taking the term's mention);
* ``english-name-shared`` — two rows of a table, of different Chinese names, with one English
  name (compared in lower case without spaces, punctuation or quote marks: "Scholarly
  Haidian." is "scholarly haidian"): a program, metric or term given another's English name
  (bigai renamed "Scholarly Haidian") tells a reader it is that other thing. True of every
  shipped row; across tables a term and the program it names may share one.
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
    key = table.spec.single_key
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


def _label(table: Table) -> pl.Expr:
    """The row's key as text (its row number where the table has no single key)."""
    key = table.spec.single_key
    return pl.col(key).cast(pl.String) if key and table.has(key) else pl.col(ROW).cast(pl.String)


def _aliases(table: Table) -> pl.Expr:
    """The row's aliases as a list (empty when the table has none)."""
    if table.typed("aliases_zh", "string"):
        return pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
    return pl.lit([], pl.List(pl.String))


def _held(table: Table, column: str) -> pl.LazyFrame:
    """(name, field, __own, __id): each name and alias of the table once per own name (the
    row's ``column``), with the least key of the rows holding it: the copies of a scaled
    package share one line, so nothing below pairs copy with copy."""
    distinct = (
        table.frame.lazy()
        .select(
            pl.col(column).alias("__own"),
            _aliases(table).alias("__aliases"),
            _label(table).alias("__id"),
        )
        .group_by("__own", "__aliases")
        .agg(pl.col("__id").min())
    )
    return pl.concat(
        [
            distinct.select("__own", pl.col("__own").alias("name"), "__id").with_columns(
                field=pl.lit(column)
            ),
            distinct.explode("__aliases")
            .select("__own", pl.col("__aliases").alias("name"), "__id")
            .with_columns(field=pl.lit("aliases_zh")),
        ]
    ).filter(pl.col("name").str.len_chars() > 0)


@rule("alias-name", needs={"aliases_zh": "string"}, tables=tuple(NAMED), field="aliases_zh")
def alias_is_no_other_rows_name(ctx: Context, table: Table) -> Hits:
    """An alias is no other row's name or alias, of its table or of the other named table
    (rows of one name, such as the copies of a scaled package, share their aliases)."""
    column = NAMED[table.name]
    if not table.typed(column, "string"):
        return None
    mine = _held(table, column)
    held = [mine.with_columns(__table=pl.lit(table.name))]
    for name, other_column in NAMED.items():
        other = ctx.tables.get(name)
        if name == table.name or other is None or not other.typed(other_column, "string"):
            continue
        # a row of the other table is another thing whatever its name (never a copy): its own
        # name is left empty, so that nothing exempts it
        held.append(
            _held(other, other_column).with_columns(
                pl.lit(None, pl.String).alias("__own"), __table=pl.lit(name)
            )
        )
    by = (
        pl.concat(held, how="vertical_relaxed")
        .group_by("name", pl.col("__own").alias("__by_own"), "__table", "field")
        .agg(pl.col("__id").min().alias("__by_id"))
    )
    found = (
        mine.filter(pl.col("field") == "aliases_zh")
        .select("name", "__own")
        .unique()
        .join(by, on="name", how="inner")
        .filter(pl.col("__by_own").ne_missing(pl.col("__own")))
        .sort("__table", "__by_id", nulls_last=True)
        .group_by("name", "__own", maintain_order=True)
        .agg(
            pl.col("__by_id").first(),
            pl.col("field").first().alias("__as"),
            pl.col("__table").first(),
        )
    )
    # back to the rows (none, in a valid package): those of the own name holding the alias
    rows = table.frame.lazy().select(
        ROW, pl.col(column).alias("__own"), _aliases(table).alias("__aliases")
    )
    bad = (
        rows.join(found, on="__own", how="inner", nulls_equal=True)
        .filter(pl.col("__aliases").list.contains(pl.col("name")))
        .unique([ROW, "name"], keep="first", maintain_order=True)
    )
    return bad.select(
        ROW,
        pl.format(
            "alias {} is the {} of {} in {}: an alias is another printed form of the row's own "
            "thing, never another row's name",
            "name",
            pl.when(pl.col("__as") == "aliases_zh").then(pl.lit("alias")).otherwise(pl.lit("name")),
            "__by_id",
            "__table",
        ).alias("message"),
    )


#: The tables whose rows have an English name: the Chinese name and the English one.
ENGLISH: Final = {
    "programs": ("name_zh", "name_en"),
    "metrics": ("name_zh", "name_en"),
    "terms": ("term_zh", "term_en"),
}


@rule("english-name-shared", needs={}, tables=tuple(ENGLISH))
def english_names_are_not_shared(ctx: Context, table: Table) -> Hits:
    """Rows with different Chinese names have different English names (compared in lower case
    without spaces, punctuation or quote marks; rows of one Chinese name, such as the copies
    of a scaled package, may share one)."""
    zh, en = ENGLISH[table.name]
    if not (table.typed(zh, "string") and table.typed(en, "string")):
        return None
    # the distinct (Chinese, English) pairs first (copies share theirs), rows only for those
    # that conflict (none, in a valid package)
    pairs = (
        table.frame.lazy()
        .select(pl.col(zh).alias("__zh"), pl.col(en).alias("__raw"))
        .drop_nulls()
        .unique()
        .with_columns(
            pl.col("__raw").str.replace_all(r"[\W_]+", "").str.to_lowercase().alias("__en")
        )
        .filter(pl.col("__en").str.len_chars() > 0)
    )
    conflicting = pairs.filter(pl.col("__zh").n_unique().over("__en") > 1)
    shared = (
        table.frame.lazy()
        .select(
            ROW, _label(table).alias("__id"), pl.col(zh).alias("__zh"), pl.col(en).alias("__raw")
        )
        .join(conflicting, on=["__zh", "__raw"], how="inner")
    )
    # for each row, another Chinese name of its English one (the least, or the greatest when
    # its own is the least) and that name's first row: linear, however many rows share one
    ends = shared.group_by("__en").agg(
        pl.col("__zh").min().alias("__least"), pl.col("__zh").max().alias("__most")
    )
    firsts = shared.group_by("__en", "__zh").agg(pl.col("__id").min().alias("__other"))
    bad = (
        shared.join(ends, on="__en")
        .with_columns(
            pl.when(pl.col("__zh") == pl.col("__least"))
            .then(pl.col("__most"))
            .otherwise(pl.col("__least"))
            .alias("__other_zh")
        )
        .join(firsts, left_on=["__en", "__other_zh"], right_on=["__en", "__zh"])
    )
    return bad.select(
        ROW,
        pl.lit(en).alias("field"),
        pl.format(
            "the {} is also that of {}, whose Chinese name differs: each name renders its own "
            "Chinese",
            pl.lit(en),
            "__other",
        ).alias("message"),
    )
