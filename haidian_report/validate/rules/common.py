"""Helpers the meaning rules share: source slices, periods and the words that mark meaning.

The periods the report covers are facts about the source (DESIGN.md): part one reviews
2016-2021 (2016 is the base year of the five-year comparisons), part two plans 2022 and the
five years to 2026.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table

#: Years an indicator may refer to (the reviewed years, with the 2016 base year).
REVIEWED: Final = (2016, 2021)
#: Years a target may refer to (2022 and the five years of the plan).
PLANNED: Final = (2022, 2026)
#: The period ranges by table.
PERIOD_RANGES: Final = {"indicators": REVIEWED, "targets": PLANNED}
PERIOD_RE: Final = r"^[0-9]{4}(?:-[0-9]{4})?$"
#: Up to this many rows, :func:`spans_text` slices in Python (cheaper than a polars query).
_SLICED_IN_PYTHON: Final = 1000


def first_year(column: str) -> pl.Expr:
    """The first year of a well-formed period column ("2017-2021" → 2017), else null. (The
    cast cannot fail where the guard holds; it is not strict, so that a lazy plan that
    evaluates it outside the guard does not fail on a malformed period either.)"""
    c = pl.col(column)
    return pl.when(c.str.contains(PERIOD_RE)).then(c.str.slice(0, 4).cast(pl.Int64, strict=False))


def last_year(column: str) -> pl.Expr:
    """The last year of a well-formed period column ("2017-2021" → 2021), else null."""
    c = pl.col(column)
    return pl.when(c.str.contains(PERIOD_RE)).then(c.str.slice(-4).cast(pl.Int64, strict=False))


def sound_period(column: str) -> pl.Expr:
    """True where a period column is well formed and runs forwards (YYYY, or YYYY-YYYY from an
    earlier year to a later one): rules reading a period skip the others, which
    ``period-format`` and ``period-order`` report."""
    ranged = pl.col(column).str.contains("-")
    forwards = ~ranged | (first_year(column) < last_year(column))
    return (pl.col(column).str.contains(PERIOD_RE) & forwards).fill_null(False)


def spans_text(ctx: Context, frame: pl.DataFrame, a: str, b: str, alias: str) -> pl.DataFrame:
    """``frame`` with ``alias = source[a:b]`` (null where the span is null or out of range).

    Rules call this a few dozen times a run. A small frame (the shipped package's) is sliced
    row by row in Python, without a polars query, whose fixed cost is most of the work at that
    size; a large one slices each distinct (a, b) once (as
    :func:`~haidian_report.validate.provenance.slices` does) and joins the texts back.
    """
    source = ctx.source
    assert source is not None
    size = len(source)
    if frame.height <= _SLICED_IN_PYTHON:
        texts = [
            source[x:y] if x is not None and y is not None and 0 <= x <= y <= size else None
            for x, y in zip(frame[a].to_list(), frame[b].to_list(), strict=True)
        ]
        return frame.hstack([pl.Series(alias, texts, dtype=pl.String)])
    ok = (pl.col(a) >= 0) & (pl.col(a) <= pl.col(b)) & (pl.col(b) <= size)
    spans = frame.lazy().select(a, b).filter(ok.fill_null(False)).unique()
    pairs = spans.collect(engine="in-memory")
    cut = pl.Series(alias, [source[x:y] for x, y in pairs.iter_rows()], dtype=pl.String)
    return frame.join(pairs.hstack([cut]), on=[a, b], how="left", maintain_order="left")


def spans_texts(
    ctx: Context, frame: pl.DataFrame, cuts: dict[str, tuple[str, str]]
) -> pl.DataFrame:
    """``frame`` with ``alias = source[a:b]`` for each ``alias: (a, b)`` of ``cuts``, null
    where the span is null or out of range: :func:`spans_text` for several spans in one pass
    (a large frame slices each distinct combination of the span columns once and joins the
    texts back with one join; a small one is sliced row by row, without a polars query)."""
    source = ctx.source
    assert source is not None
    columns = list(dict.fromkeys(c for pair in cuts.values() for c in pair))
    distinct = frame.height > _SLICED_IN_PYTHON
    keys = frame.select(columns).unique() if distinct else frame
    lists = {c: keys[c].to_list() for c in columns}
    texts = [
        pl.Series(alias, _cut(source, lists[a], lists[b]), dtype=pl.String)
        for alias, (a, b) in cuts.items()
    ]
    if not distinct:
        return frame.hstack(texts)
    joined = keys.hstack(texts)
    return frame.join(joined, on=columns, how="left", nulls_equal=True, maintain_order="left")


def _cut(source: str, starts: list[int | None], ends: list[int | None]) -> list[str | None]:
    """``source[a:b]`` for each pair, None where either is None or the span is out of range."""
    size = len(source)
    return [
        source[a:b] if a is not None and b is not None and 0 <= a <= b <= size else None
        for a, b in zip(starts, ends, strict=True)
    ]


def span_texts(ctx: Context, pairs: pl.DataFrame, a: str, b: str, alias: str) -> pl.DataFrame:
    """``pairs`` (distinct spans, columns ``a`` and ``b``) with ``alias = source[a:b]``: null
    where the span is null or out of range, as :func:`spans_text` leaves it.

    For a rule that judges each distinct span once and joins the verdict back to its rows.
    """
    source = ctx.source
    assert source is not None
    size = len(source)
    texts = [
        source[x:y] if x is not None and y is not None and 0 <= x <= y <= size else None
        for x, y in pairs.select(a, b).iter_rows()
    ]
    return pairs.with_columns(pl.Series(alias, texts, dtype=pl.String))


def sentence_spans(ctx: Context, table: Table) -> pl.DataFrame | None:
    """(ROW, ``__s``, ``__e``): the span of each row's sentence, null where the sentence is not
    there to read (its row is missing, or has a problem of its own: the foreign-key or
    provenance problem says so, and a rule reading the sentence must not report that
    consequence again). None when the table has no ``sentence_id`` or the package no sentences.
    """
    sentences = ctx.tables.get("sentences")
    if (
        sentences is None
        or not table.has("sentence_id")
        or not sentences.has("sentence_id", "start", "end")
        or not sentences.typed("start", "integer")
        or not sentences.typed("end", "integer")
    ):
        return None
    if "sentence_spans" not in sentences.cache:
        good = sentences.frame.filter(
            ~pl.col(ROW).is_in(flawed(ctx, sentences.name))
            & sentences.clean("sentence_id", "start", "end")
        )
        sentences.cache["sentence_spans"] = good.select(
            pl.col("sentence_id").cast(pl.String),
            pl.col("start").alias("__s"),
            pl.col("end").alias("__e"),
        ).unique("sentence_id", keep="first")
    if "common.sentence_spans" not in table.cache:  # several rules of a table read it
        spans: pl.DataFrame = sentences.cache["sentence_spans"]
        frame = table.frame.lazy().select(ROW, pl.col("sentence_id").cast(pl.String))
        joined = frame.join(spans.lazy(), on="sentence_id", how="left", maintain_order="left")
        table.cache["common.sentence_spans"] = joined.select(ROW, "__s", "__e").collect(
            engine="in-memory"
        )
    found: pl.DataFrame = table.cache["common.sentence_spans"]
    return found


def sentence_text(
    ctx: Context, table: Table, rows: pl.DataFrame | None = None
) -> pl.DataFrame | None:
    """(ROW, ``sentence``): the text of each row's sentence (of the rows in ``rows``, a frame
    with a ROW column, when given), sliced from the source; null where the sentence is not
    there to read (see :func:`sentence_spans`)."""
    spans = sentence_spans(ctx, table)
    if spans is None or ctx.source is None:
        return None
    if rows is not None:
        spans = spans.join(rows.select(ROW), on=ROW, how="semi")
    return spans_text(ctx, spans, "__s", "__e", "sentence").select(ROW, "sentence")


def before_value(ctx: Context, table: Table) -> pl.DataFrame:
    """(ROW, value_start, pre, sentence_pre): the quote, and the sentence, up to the value.

    ``sentence_pre`` runs from the start of the row's sentence (when the package has the
    sentences table) or of its quote; it is null where the row names a sentence that is not
    there to read (missing, or with a problem of its own), so that rules reading it report
    nothing the foreign-key or provenance problem already says.
    """
    lazy = table.frame.lazy().filter(table.clean("quote_start", "value_start"))
    lazy = lazy.select(ROW, "quote_start", "value_start")
    spans = sentence_spans(ctx, table)
    if spans is not None:
        named = table.frame.lazy().select(ROW, pl.col("sentence_id").is_not_null().alias("__named"))
        lazy = lazy.join(
            spans.lazy().select(ROW, "__s"), on=ROW, how="left", maintain_order="left"
        ).join(named, on=ROW, maintain_order="left")
        lazy = lazy.with_columns(
            pl.when(pl.col("__named") & pl.col("__s").is_null())
            .then(None)
            .otherwise(
                pl.min_horizontal(pl.col("__s").fill_null(pl.col("quote_start")), "quote_start")
            )
            .alias("__s")
        )
    else:
        lazy = lazy.with_columns(pl.col("quote_start").alias("__s"))
    cuts = {"pre": ("quote_start", "value_start"), "sentence_pre": ("__s", "value_start")}
    frame = spans_texts(ctx, lazy.collect(engine="in-memory"), cuts)
    return frame.select(ROW, "value_start", "pre", "sentence_pre")


def clause(column: str) -> pl.Expr:
    """The last clause of a text column: what follows its last comma, semicolon or colon."""
    return pl.col(column).str.extract(r"([^,，;；:：。、]*)$", 1)


def enum_of(table: Table, column: str) -> list[str]:
    """The declared categories of a column (empty when it declares none)."""
    f = table.spec.field(column)
    values = f.constraints.get("enum") if f is not None else None
    return [str(v) for v in values] if isinstance(values, list) else []


def flawed(ctx: Context, table: str) -> list[int]:
    """Rows of ``table`` with a problem already: rules comparing other rows with them skip
    them, so that one wrong row is reported once, not again through every row naming it."""
    return [p.row for p in ctx.problems.kept if p.resource == table and p.row is not None]


def flagged(ctx: Context, table: str, *fields: str) -> list[int]:
    """Rows of ``table`` with a problem already on one of ``fields``: a rule re-deriving a field
    from another skips them, so that one wrong cell is reported once, not again through every
    field derived from it (a wrong period is not also a wrong period_inferred)."""
    wanted = set(fields)
    return [
        p.row
        for p in ctx.problems.kept
        if p.resource == table and p.row is not None and p.field in wanted
    ]


def section_spans(ctx: Context) -> pl.DataFrame | None:
    """(section_id as text, start, end) of every section whose span is given, so a rule can
    slice each paragraph from the source as it prints it (a row subset of ``sentences`` still
    sees the whole paragraph). None without the source, or without a ``sections`` table whose
    ``start`` and ``end`` are integer columns: the rule then falls back or skips."""
    sections = ctx.tables.get("sections")
    if (
        ctx.source is None
        or sections is None
        or not sections.has("section_id", "start", "end")
        or not (sections.typed("start", "integer") and sections.typed("end", "integer"))
    ):
        return None
    return sections.frame.select(pl.col("section_id").cast(pl.String), "start", "end").drop_nulls()


def first_match(
    column: pl.Expr, choices: Iterable[tuple[str, str]], default: pl.Expr | None = None
) -> pl.Expr:
    """The name of the first (name, pattern) choice whose pattern ``column`` contains, else
    ``default`` (null): the polars form of the word lists the build reads in order.

    >>> texts = pl.DataFrame({"t": ["年均增长8%", "增长5%", "持平"]})
    >>> said = first_match(pl.col("t"), (("cagr", "年均"), ("growth", "增长")))
    >>> texts.select(said).to_series().to_list()
    ['cagr', 'growth', None]
    """
    out: pl.Expr = pl.lit(None, pl.String) if default is None else default
    for name, pattern in reversed(tuple(choices)):
        out = pl.when(column.str.contains(pattern)).then(pl.lit(name)).otherwise(out)
    return out


def readable(ctx: Context, table: Table, columns: Iterable[str]) -> bool:
    """True when ``table`` has each of ``columns`` that the package's schema of it defines,
    with the type defined there. A rule reading another table's columns reads them only then:
    a dropped, renamed or retyped column is the schema stage's to report, not a reason for a
    stopped rule or for findings about rows whose fields could not be read."""
    canonical = ctx.canonical.get(table.name) if table.spec.canonical else None
    if canonical is None:
        return True
    types = {f["name"]: f.get("type", "string") for f in canonical.get("fields", [])}
    return all(table.typed(c, types[c]) for c in columns if c in types)
