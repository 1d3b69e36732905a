"""Rules on mentions, links and exclusions: each row names what its text shows.

* a mention's quote is its program's (or term's) name or one of its aliases, its ``part`` is
  the part of the report its quote lies in, and its id is ``<owner>@<quote_start>``;
* an exclusion's id is ``<kind>@<quote_start>``; a ``digits`` exclusion quotes digits, a
  ``quoted`` one the phrase between “ and ”;
* a link, or a check input, names exactly one fact; a link's fact is printed in a sentence
  that mentions its program, and its id is ``<program_id>@<fact id>``.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.provenance import good_spans, main_pair
from haidian_report.validate.rules.common import spans_text
from haidian_report.validate.rules.engine import Hits, rule

QUOTED: Final = {"quote": "string", "quote_start": "integer", "quote_end": "integer"}
ALIAS_SEPARATOR: Final = " | "


def _owner(ctx: Context, table: Table) -> tuple[str, Table, str] | None:
    """(key column, owner table, its name column) of a mentions table: the foreign key into a
    table with a Chinese name (``name_zh`` or ``term_zh``)."""
    for fk in table.spec.foreign_keys:
        owner = ctx.tables.get(fk.resource)
        if owner is None or len(fk.fields) != 1 or fk.resource == "sentences":
            continue
        names = [
            c for c in owner.frame.columns if c.endswith("_zh") and not c.startswith("aliases")
        ]
        if names:
            return fk.fields[0], owner, names[0]
    return None


@rule("mention-name", needs={**QUOTED, "mention_id": "string"}, field="quote")
def mention_quotes_a_name(ctx: Context, table: Table) -> Hits:
    """A mention's quote is its program's (or term's) name as printed, or one of its aliases."""
    found = _owner(ctx, table)
    if found is None:
        return None
    key, owner, name_col = found
    ref = next(fk.reference_fields[0] for fk in table.spec.foreign_keys if fk.fields == (key,))
    if not owner.has(ref) or not table.has(key):
        return None  # the key is gone from one side: the schema stage says so
    raw_aliases = pl.col("aliases_zh") if owner.has("aliases_zh") else pl.lit(None, pl.String)
    owners = (
        owner.frame.lazy()
        .select(pl.col(ref).alias(key), pl.col(name_col).alias("__n"), raw_aliases.alias("__a"))
        .unique(key, keep="first")  # an id given twice: its first row
    )
    rows = table.frame.lazy().select(ROW, key, "quote").filter(pl.col("quote").is_not_null())
    rows = rows.join(owners, on=key, how="inner")
    # each distinct (name, aliases, quote) is looked at once: copies of a program share them
    aliases = (
        pl.col("__a").str.split(ALIAS_SEPARATOR)
        if owner.has("aliases_zh")
        else pl.lit([], pl.List(pl.String))
    )
    names = pl.concat_list(pl.col("__n"), aliases.fill_null([]))
    wrong = (
        rows.select("__n", "__a", "quote")
        .unique()
        .with_columns(__names=names)
        .filter(~pl.col("__names").list.contains(pl.col("quote")))
    )
    bad = rows.join(wrong, on=["__n", "__a", "quote"], how="inner", nulls_equal=True)
    return bad.select(
        ROW,
        pl.format(
            "quote {} is not the name of {} {} ({}) nor one of its aliases",
            "quote",
            pl.lit(owner.name),
            key,
            pl.col("__names").list.join(" | "),
        ).alias("message"),
    )


@rule("mention-part", needs={**QUOTED, "part": "string"}, field="part")
def mention_part_is_where_it_lies(ctx: Context, table: Table) -> Hits:
    """A mention's part is the part of the report (a top-level section) its quote lies in."""
    sections = ctx.tables.get("sections")
    if sections is None or not sections.has("section_id", "parent_id", "start", "end"):
        return None
    spans = good_spans(ctx, sections, main_pair(sections))  # type: ignore[arg-type]
    tops = (
        spans.lazy()
        .join(sections.frame.lazy().select(ROW, "section_id", "parent_id"), on=ROW)
        .filter(pl.col("parent_id").is_null())
        .select(
            pl.col("a").alias("__pa"),
            pl.col("b").alias("__pb"),
            pl.col("section_id").alias("__part"),
        )
        .sort("__pa", "__pb", "__part")  # (parts of one start: the same one every run)
    )
    frame = (
        table.frame.lazy()
        .filter(pl.col("quote_start").is_not_null() & table.clean("quote_start"))
        .sort("quote_start")
    )
    frame = frame.join_asof(tops, left_on="quote_start", right_on="__pa", strategy="backward")
    inside = pl.col("quote_start") < pl.col("__pb")
    bad = frame.filter(inside.fill_null(False) & pl.col("part").ne_missing(pl.col("__part")))
    return bad.select(
        ROW,
        pl.format("found {}; the quote at {} lies in {}", "part", "quote_start", "__part").alias(
            "message"
        ),
    )


def _derived_id(table: Table, key: str, expected: pl.Expr, what: str) -> pl.LazyFrame:
    bad = table.frame.lazy().filter(
        pl.col(key).is_not_null() & expected.is_not_null() & (pl.col(key) != expected)
    )
    return bad.select(
        ROW,
        pl.lit(key).alias("field"),
        pl.format("found {}; expected {} ({})", key, expected, pl.lit(what)).alias("message"),
    )


@rule("derived-id", needs={"mention_id": "string", "quote_start": "integer"})
def mention_id_is_owner_at_start(ctx: Context, table: Table) -> Hits:
    """A mention's id is ``<owner id>@<quote_start>``."""
    found = _owner(ctx, table)
    if found is None:
        return None
    key = found[0]
    expected = pl.format("{}@{}", key, pl.col("quote_start"))
    return _derived_id(table, "mention_id", expected, f"{key}@quote_start")


@rule("derived-id", needs={"exclusion_id": "string", "kind": "string", "quote_start": "integer"})
def exclusion_id_is_kind_at_start(ctx: Context, table: Table) -> Hits:
    """An exclusion's id is ``<kind>@<quote_start>``."""
    return _derived_id(
        table, "exclusion_id", pl.format("{}@{}", "kind", "quote_start"), "kind@quote_start"
    )


@rule(
    "derived-id",
    needs={
        "link_id": "string",
        "program_id": "string",
        "indicator_id": "string",
        "target_id": "string",
    },
)
def link_id_is_program_at_fact(ctx: Context, table: Table) -> Hits:
    """A link's id is ``<program_id>@<fact id>``."""
    expected = pl.format("{}@{}", "program_id", pl.coalesce("indicator_id", "target_id"))
    return _derived_id(table, "link_id", expected, "program_id@fact id")


@rule(
    "exclusion-kind",
    needs={**QUOTED, "kind": "string"},
    tables=("exclusions",),
    field="kind",
    source=True,
)
def exclusion_quotes_what_its_kind_says(ctx: Context, table: Table) -> Hits:
    """A ``digits`` exclusion quotes digits; a ``quoted`` one is a phrase between “ and ”."""
    if ctx.source is None:
        return None
    frame = table.frame.filter(table.clean("quote_start", "quote_end")).with_columns(
        __b=pl.col("quote_start") - 1, __e=pl.col("quote_end") + 1
    )
    frame = spans_text(ctx, frame, "__b", "quote_start", "__open")
    frame = spans_text(ctx, frame, "quote_end", "__e", "__close")
    digits = (pl.col("kind") == "digits") & ~pl.col("quote").str.contains("[0-9]").fill_null(False)
    quoted = (pl.col("kind") == "quoted") & ~(
        (pl.col("__open") == "“") & (pl.col("__close") == "”")
    ).fill_null(False)
    return (
        frame.lazy()
        .filter(digits | quoted)
        .select(
            ROW,
            pl.when(digits)
            .then(pl.format("a digits exclusion, but quote {} has no digit", "quote"))
            .otherwise(
                pl.format(
                    "a quoted exclusion, but quote {} is not a phrase between “ and ”", "quote"
                )
            )
            .alias("message"),
        )
    )


@rule("one-fact", needs={"indicator_id": "string", "target_id": "string"})
def names_exactly_one_fact(ctx: Context, table: Table) -> Hits:
    """A link or a check input names exactly one fact: an indicator or a target."""
    n = pl.col("indicator_id").is_not_null().cast(pl.Int8) + pl.col("target_id").is_not_null().cast(
        pl.Int8
    )
    bad = table.frame.lazy().filter(n != 1)
    return bad.select(
        ROW,
        pl.lit("indicator_id,target_id").alias("field"),
        pl.when(n == 0)
        .then(pl.lit("names no fact: give indicator_id or target_id"))
        .otherwise(
            pl.format("names two facts ({} and {}); expected one", "indicator_id", "target_id")
        )
        .alias("message"),
    )


@rule(
    "link-sentence",
    needs={"program_id": "string", "indicator_id": "string", "target_id": "string"},
    tables=("program_links",),
)
def linked_fact_is_printed_where_the_program_is_named(ctx: Context, table: Table) -> Hits:
    """A link's fact is printed in a sentence that mentions its program."""
    mentions = ctx.tables.get("program_mentions")
    if mentions is None or not mentions.has("program_id", "sentence_id"):
        return None
    # the links whose sentence does not mention their program, in one query
    facts = [
        ctx.tables[n].frame.lazy().select(pl.col(k).alias("__fact"), "sentence_id")
        for n, k in (("indicators", "indicator_id"), ("targets", "target_id"))
        if n in ctx.tables and ctx.tables[n].has(k, "sentence_id")
    ]
    if not facts:
        return None
    links = table.frame.lazy().select(
        ROW, "program_id", pl.coalesce("indicator_id", "target_id").alias("__fact")
    )
    # only the facts and programs the links name are read
    where = pl.concat(facts).join(
        links.select("__fact"), on="__fact", how="semi", maintain_order="left"
    )  # (a fact id given twice: its first row, indicators before targets)
    frame = links.join(where.unique("__fact", keep="first"), on="__fact", how="inner")
    named = (
        mentions.frame.lazy()
        .select("program_id", "sentence_id")
        .join(links.select("program_id"), on="program_id", how="semi")
        .unique()
        .with_columns(__named=pl.lit(True))
    )
    frame = frame.join(named, on=["program_id", "sentence_id"], how="left")
    # A fact with no sentence_id is reported by the required-field check; the message below
    # would be null for it (the fuzz test found "\r" in a cell emptying sentence_id).
    bad = frame.filter(pl.col("__named").is_null() & pl.col("sentence_id").is_not_null()).collect(
        engine="in-memory"
    )
    if not bad.height:  # (the usual case: no sentence to read)
        return None
    printed = _printed_in_sentence(ctx, bad)
    return (
        bad.lazy()
        .join(printed.lazy(), on=ROW, how="anti")
        .select(
            ROW,
            pl.lit("program_id").alias("field"),
            pl.format(
                "{} is printed in sentence {}, which does not mention program {}",
                "__fact",
                "sentence_id",
                "program_id",
            ).alias("message"),
        )
    )


def _printed_in_sentence(ctx: Context, links: pl.DataFrame) -> pl.DataFrame:
    """(ROW) of the links whose program's name or alias is printed in their fact's sentence:
    a derived package may drop the mention rows (nothing refers to them by key), and the
    name in the text still says the sentence names the program."""
    programs, sentences = ctx.tables.get("programs"), ctx.tables.get("sentences")
    none = pl.DataFrame({ROW: []}, schema={ROW: links.schema[ROW]})
    if (
        ctx.source is None
        or not links.height
        or programs is None
        or sentences is None
        or not programs.typed("name_zh", "string")
        or not sentences.has("sentence_id", "start", "end")
        or not sentences.typed("start", "integer")
        or not sentences.typed("end", "integer")
    ):
        return none
    aliases = (
        pl.col("aliases_zh").str.split(ALIAS_SEPARATOR).fill_null([])
        if programs.typed("aliases_zh", "string")
        else pl.lit([], pl.List(pl.String))
    )
    forms = programs.frame.select(
        "program_id", pl.concat_list(pl.col("name_zh"), aliases).alias("__forms")
    ).unique("program_id", keep="first")
    spans = sentences.frame.filter(sentences.clean("start", "end")).select(
        "sentence_id", pl.col("start").alias("__s"), pl.col("end").alias("__e")
    )
    frame = links.select(ROW, "program_id", "sentence_id").join(
        spans.unique("sentence_id", keep="first"), on="sentence_id"
    )
    frame = spans_text(ctx, frame.join(forms, on="program_id"), "__s", "__e", "__text")
    return (
        frame.filter(pl.col("__text").is_not_null())
        .explode("__forms")
        .filter(
            pl.col("__forms").is_not_null()
            & (pl.col("__forms") != "")
            & pl.col("__text").str.contains(pl.col("__forms"), literal=True)
        )
        .select(ROW)
        .unique()
    )
