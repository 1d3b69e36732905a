"""Stage 5: every span points at the characters it claims, in the pinned source text.

A span is a pair of integer columns ``X_start``/``X_end`` whose text is the string column
``X_text`` or ``X`` (``quote``, ``value_text``), or ``start``/``end`` whose text is ``text``.
Found by column names, so tables a derived package adds are checked the same way. For each:

* ``offset-range`` — offsets are >= 0, start < end, end within the source;
* ``source-mismatch`` — the text equals ``source[start:end]`` (the message names the first
  differing character with its code point, and where the text does occur);
* ``span-outside`` — a row's other spans lie inside its quote (or its ``start``/``end``);
* ``span-splits-digits`` — a value span never cuts a run of digits ("11公里" inside "111公里").

Slices are taken once per distinct (start, end) pair and joined back, so the cost is linear in
rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import polars as pl

from haidian_report.validate.model import FATAL, ROW, Context, SourceIndex, Table
from haidian_report.validate.text import difference, show


@dataclass(frozen=True)
class Pair:
    """Offset columns ``start``/``end`` and the column holding ``source[start:end]``."""

    prefix: str
    start: str
    end: str
    text: str | None


def pairs(table: Table) -> list[Pair]:
    """The spans of a table, from its declared column names and types.

    Only integer offset columns form a span, so a derived table declaring ``quote_start`` as a
    string is left to the type checks instead of failing here.
    """
    types = table.spec.types()

    def text_of(*names: str) -> str | None:
        return next((n for n in names if types.get(n) == "string"), None)

    found: list[Pair] = []
    for col, kind in types.items():
        prefix = col[: -len("_start")]
        if col.endswith("_start") and kind == "integer" and types.get(f"{prefix}_end") == kind:
            found.append(Pair(prefix, col, f"{prefix}_end", text_of(f"{prefix}_text", prefix)))
    if types.get("start") == "integer" and types.get("end") == "integer":
        found.append(Pair("", "start", "end", text_of("text")))
    return found


def main_pair(table: Table) -> Pair | None:
    """The span that contains a row's others: its quote, else its ``start``/``end``."""
    found = {p.prefix: p for p in pairs(table)}
    return found.get("quote") or found.get("")


def _spans_key(ctx: Context, pair: Pair) -> str:
    return f"spans:{pair.start}:{pair.end}:{ctx.source is not None}"


def _good_plan(ctx: Context, table: Table, pair: Pair, *extra: pl.Expr) -> pl.LazyFrame:
    """(ROW, a, b, and the ``extra`` columns) of the rows whose span is in range."""
    ok = (pl.col("a") >= 0) & (pl.col("a") < pl.col("b"))
    if ctx.source is not None:
        ok = ok & (pl.col("b") <= len(ctx.source))
    return (
        table.frame.lazy()
        .filter(table.clean(pair.start, pair.end))
        .select(ROW, pl.col(pair.start).alias("a"), pl.col(pair.end).alias("b"), *extra)
        .filter(ok.fill_null(False))
    )


def good_spans(ctx: Context, table: Table, pair: Pair) -> pl.DataFrame:
    """(ROW, a, b) of rows whose span is in range; computed once per table and span (many
    stages and rules ask for it; the frames do not change after the Table Schema stage)."""
    key = _spans_key(ctx, pair)
    found: pl.DataFrame | None = table.cache.get(key)
    if found is None:
        found = _good_plan(ctx, table, pair).collect(engine="in-memory")
        table.cache[key] = found
    return found


def _distinct_texts(ctx: Context, table: Table, pair: Pair) -> pl.LazyFrame:
    """The distinct (a, b, text) of the good spans whose text is present."""
    assert pair.text is not None
    spans = _good_plan(ctx, table, pair, pl.col(pair.text).alias("text"))
    return spans.filter(pl.col("text").is_not_null()).select("a", "b", "text").unique()


Checks = list[tuple[pl.Expr, str, str]]
Found = tuple[list[Checks], list[tuple[bool, ...]], dict[Pair, pl.DataFrame]]
"""The range checks of each span and their flags, and the distinct texts of each span with
a text."""


def _prefetch(ctx: Context, table: Table, found: list[Pair]) -> Found | None:
    """What :func:`check` asks of every span, in one ``collect_all`` (a query's fixed cost is
    most of the work on a small table): the range flags of every span (one select), the good
    spans not cached yet (cached here), the distinct texts. None if that raises: the checks
    then run span by span, so that the spans before a failing one report as before."""
    checks = [_range_checks(ctx, table, pair) for pair in found]
    flags = table.frame.lazy().select(
        (table.clean(pair.start, pair.end) & cond.fill_null(False)).any().alias(f"f{i}_{j}")
        for i, (pair, listed) in enumerate(zip(found, checks, strict=True))
        for j, (cond, _, _) in enumerate(listed)
    )
    uncached = [p for p in found if _spans_key(ctx, p) not in table.cache]
    texts = [p for p in found if p.text is not None and ctx.source is not None]
    plans = [flags, *(_good_plan(ctx, table, p) for p in uncached)]
    plans += [_distinct_texts(ctx, table, p) for p in texts]
    try:
        done = pl.collect_all(plans, engine="in-memory")
    except BaseException as exc:  # polars panics are BaseExceptions
        if isinstance(exc, FATAL):
            raise
        return None
    row = iter(done[0].row(0))
    flagged = [tuple(bool(next(row)) for _ in listed) for listed in checks]
    for pair, spans in zip(uncached, done[1 : 1 + len(uncached)], strict=True):
        table.cache[_spans_key(ctx, pair)] = spans
    distinct = {p: d for p, d in zip(texts, done[1 + len(uncached) :], strict=True)}
    return checks, flagged, distinct


def check(ctx: Context, table: Table) -> None:
    """Range, order, text and nesting of every span of one table."""
    found = pairs(table)
    ready = _prefetch(ctx, table, found) if found else None
    for i, pair in enumerate(found):
        if ready is None:
            _ranges(ctx, table, pair, _range_checks(ctx, table, pair), None)
        else:
            _ranges(ctx, table, pair, ready[0][i], ready[1][i])
        if pair.text is not None and ctx.source is not None:
            _texts(ctx, table, pair, ready[2][pair] if ready else None)
    main = main_pair(table)
    if main is not None:
        for pair in found:
            if pair != main:
                _inside(ctx, table, main, pair)
    if ctx.source is not None:
        for pair in found:
            if pair.prefix == "value":
                _splits_digits(ctx, table, pair)


def _range_checks(ctx: Context, table: Table, pair: Pair) -> Checks:
    """(violated, field, message template) of each range check of a span."""
    a, b = pl.col(pair.start), pl.col(pair.end)
    checks: list[tuple[pl.Expr, str, str]] = []
    for col in (pair.start, pair.end):
        field = table.spec.field(col)
        if field is not None and "minimum" not in field.constraints:
            checks.append((pl.col(col) < 0, col, "found {v}; offsets are >= 0"))
    checks.append(
        ((a >= b) & (a >= 0), pair.start, f"{pair.start} {{v}} is not before {pair.end} {{w}}")
    )
    if ctx.source is not None:
        size = len(ctx.source)
        checks.append(
            ((b > size) & (a < b), pair.end, f"found {{w}}; the source has {size:,} characters")
        )
    return checks


def _ranges(
    ctx: Context, table: Table, pair: Pair, checks: Checks, flags: tuple[bool, ...] | None
) -> None:
    frame = table.frame.lazy().filter(table.clean(pair.start, pair.end))  # only the columns read
    if flags is None:
        flags = (
            frame.select(
                c.fill_null(False).any().alias(f"f{i}") for i, (c, _, _) in enumerate(checks)
            )
            .collect(engine="in-memory")
            .row(0)
        )
    for (cond, field_name, template), flagged in zip(checks, flags, strict=True):
        if not flagged:
            continue
        hits = (
            frame.filter(cond.fill_null(False))
            .select(ROW, pair.start, pair.end)
            .collect(engine="in-memory")
        )
        kept = hits.head(ctx.problems.room(table.name))
        for row, v, w in kept.iter_rows():
            ctx.add("offset-range", template.format(v=v, w=w), table.name, row, field_name)
        ctx.problems.drop(table.name, hits.height - kept.height)


def slices(source: str, spans: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (columns a, b, in range) with ``actual = source[a:b]``, one slice per pair."""
    distinct = spans.select("a", "b").unique()
    texts = [source[a:b] for a, b in distinct.iter_rows()]
    distinct = distinct.with_columns(pl.Series("actual", texts, dtype=pl.String))
    return spans.join(distinct, on=["a", "b"], how="left")


def _texts(ctx: Context, table: Table, pair: Pair, distinct: pl.DataFrame | None) -> bool:
    """Report texts that differ from the source; True if any does (``distinct``: the
    distinct (a, b, text) of the good spans, :func:`_distinct_texts`, if known)."""
    assert ctx.source is not None and pair.text is not None
    if distinct is None:
        distinct = _distinct_texts(ctx, table, pair).collect(engine="in-memory")
    if not distinct.height:
        return False
    # rows repeat few distinct (start, end, text): when each is its slice, no row differs
    source = ctx.source
    if all(source[a:b] == t for a, b, t in distinct.iter_rows()):
        dtype = good_spans(ctx, table, pair).schema[ROW]
        table.cache[f"mismatch:{pair.prefix}"] = pl.Series(ROW, [], dtype=dtype)
        return False
    spans = good_spans(ctx, table, pair)
    spans = spans.join(table.frame.select(ROW, pl.col(pair.text).alias("text")), on=ROW)
    spans = spans.filter(pl.col("text").is_not_null())
    hits = slices(ctx.source, spans).filter(pl.col("text") != pl.col("actual")).sort(ROW)
    table.cache[f"mismatch:{pair.prefix}"] = hits[ROW]
    kept = hits.head(ctx.problems.room(table.name))
    for row, a, b, text, actual in kept.select(ROW, "a", "b", "text", "actual").iter_rows():
        where = ""
        if ctx.problems.hint() and text:
            at = _nearest(ctx.source, text, a)
            where = f"; {pair.text} occurs at [{at}:{at + len(text)}]" if at is not None else ""
        ctx.add(
            "source-mismatch",
            f"source[{a}:{b}] is {show(actual)} but {pair.text} is {show(text)} "
            f"({difference(text, actual)}){where}",
            table.name,
            row,
            pair.text,
        )
    ctx.problems.drop(table.name, hits.height - kept.height)
    return bool(hits.height)


def _nearest(source: str, text: str, near: int) -> int | None:
    """Offset of the occurrence of ``text`` in the source nearest to ``near`` (if any)."""
    before = source.rfind(text, 0, near + len(text))
    after = source.find(text, near)
    found = [p for p in (before, after) if p >= 0]
    return min(found, key=lambda p: abs(p - near)) if found else None


def _inside(ctx: Context, table: Table, main: Pair, pair: Pair) -> None:
    outer = good_spans(ctx, table, main).lazy().rename({"a": "oa", "b": "ob"})
    inner = good_spans(ctx, table, pair).lazy().join(outer, on=ROW)
    hits = (
        inner.filter((pl.col("a") < pl.col("oa")) | (pl.col("b") > pl.col("ob")))
        .sort(ROW)
        .select(ROW, "a", "b", "oa", "ob")
        .collect(engine="in-memory")
    )
    kept = hits.head(ctx.problems.room(table.name))
    what = "the quote" if main.prefix else "the row's span"
    for row, a, b, oa, ob in kept.iter_rows():
        ctx.add(
            "span-outside",
            f"{pair.text or pair.prefix} at [{a}:{b}] is not inside {what} at [{oa}:{ob}]",
            table.name,
            row,
            pair.start,
        )
    ctx.problems.drop(table.name, hits.height - kept.height)


def _splits_digits(ctx: Context, table: Table, pair: Pair) -> None:
    spans = good_spans(ctx, table, pair)
    if not spans.height:
        return
    starts, ends, in_run = _runs(ctx.source_index)
    a, b = spans["a"], spans["b"]
    at = pl.select(  # one query for the four lookups
        rs=pl.lit(starts).gather(a),
        re=pl.lit(ends).gather(b - 1),
        ia=pl.lit(in_run).gather(a),
        ib=pl.lit(in_run).gather(b - 1),
    )
    run_start, run_end = at["rs"], at["re"]
    cut = (at["ia"] & (run_start < a)) | (at["ib"] & (run_end > b))
    if not cut.any():  # (Series operations, no query) the usual case: no span cuts a run
        return
    spans = spans.with_columns(rs=run_start, re=run_end, cut=cut)
    hits = spans.filter(pl.col("cut")).sort(ROW)
    kept = hits.head(ctx.problems.room(table.name))
    assert ctx.source is not None
    for row, sa, sb, rs, re_ in kept.select(ROW, "a", "b", "rs", "re").iter_rows():
        lo, hi = min(sa, rs), max(sb, re_)
        ctx.add(
            "span-splits-digits",
            f"[{sa}:{sb}] {show(ctx.source[sa:sb])} cuts the printed number "
            f"{show(ctx.source[lo:hi])} at [{lo}:{hi}]; a value span covers whole digit runs",
            table.name,
            row,
            pair.start,
        )
    ctx.problems.drop(table.name, hits.height - kept.height)


_RUNS: WeakKeyDictionary[SourceIndex, tuple[pl.Series, pl.Series, pl.Series]] = WeakKeyDictionary()


def _runs(ix: SourceIndex) -> tuple[pl.Series, pl.Series, pl.Series]:
    """The digit runs of the source as Series (start, end, in a run; per character), made
    once per run: each is a Python list as long as the source."""
    found = _RUNS.get(ix)
    if found is None:
        found = (pl.Series(ix.run_start), pl.Series(ix.run_end), pl.Series(ix.in_run))
        _RUNS[ix] = found
    return found
