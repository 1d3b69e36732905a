"""A ``digits`` exclusion covers digits that are not a statistic, never a printed count.

Completeness (``--strict``) accounts for every digit run of the source as a fact's value, a
year of a fact's period, or a ``digits`` exclusion, whose reason says why the run is not a
statistic: a date (2021年12月15日), a name (16号线, 5G, “人工智能15条”), a version (悟道2.0).
So a real figure could be dropped from the facts and re-declared an exclusion (4条街巷先后入选
年度十大“北京最美街巷” called "an ordinal in an honour's name"), and completeness still passes.

Every shipped exclusion's runs are, by what is printed around them: not followed by a count
word (:data:`haidian_report.figures.UNITS`: 号线, 周年, 核, G, A… are not) nor by 万 or 亿, a
year (2022年), in quote marks (a name), or inside the quote of a fact whose figure they define
(8项基本便民商业服务功能实现社区全覆盖: the fact is the coverage). A run printed as a count
outside all of these is a statistic, and the exclusion is reported (in a strict run, where
exclusions account for the source's digits).
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from haidian_report.figures import INFIX_QUALIFIERS, MULTIPLIERS, UNITS, alternation
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule

_RUN: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_UNITS: Final = alternation(UNITS)
_MAGNITUDES: Final = alternation(m for m in MULTIPLIERS if m)
#: A count word, or a magnitude (万, 亿) with or without one: 28.9万份, 313.2万 and 650亿元 are
#: printed figures as surely as 4条 is (a cold attack excluded 28.9万份 as "part of a name").
#: 多 and 余 (more than) may stand between them: 2400多名, 90余个 are counts too.
_COUNT: Final = re.compile(
    f"(?:{_MAGNITUDES})?(?:{alternation(INFIX_QUALIFIERS)})?(?:{_UNITS})|(?:{_MAGNITUDES})"
)
_YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}年")
#: How far after a quote a count word is looked for (a digit run the quote cuts, its magnitude
#: and its longest count word).
_AFTER: Final = 12 + max(len(u) for u in UNITS)


def counted_runs(quote: str, after: str = "", before: str = "") -> list[tuple[int, str]]:
    """(offset, run) of each digit run of ``quote`` printed as a count: followed by a count
    word or a magnitude (万, 亿; 多 or 余 may come between), not a year, not inside quote
    marks “…”. ``after`` and ``before`` are what the source prints right after the quote and
    on its line before it: a quote that stops short of the count word (28.9 of 28.9万份) still
    covers a counted figure, and one that starts inside quote marks (16 of “创新发展16条”)
    still covers a name.

    >>> counted_runs("4条街巷先后入选年度十大“北京最美街巷”")
    [(0, '4条')]
    >>> counted_runs("“创新发展16条”"), counted_runs("2022年是新一届区政府的开局之年")
    ([], [])
    >>> counted_runs("推进地铁13号线拆分")
    []
    >>> counted_runs("日核酸检测能力28.9万份"), counted_runs("常住人口减至313.2万,")
    ([(7, '28.9万份')], [(6, '313.2万')])
    >>> counted_runs("28.9", "万份,"), counted_runs("2022", "年"), counted_runs("2400", "多名")
    ([(0, '28.9万份')], [], [(0, '2400多名')])
    >>> counted_runs("16", "条”", "出台“创新发展")
    []
    """
    text = quote + after
    found = []
    for m in _RUN.finditer(quote):
        if m.end() == len(quote):  # a run the quote cuts: read it whole from the source
            m = _RUN.match(text, m.start()) or m
        unit = _COUNT.match(text, m.end())
        ahead = before + quote[: m.start()]
        if unit is None or _YEAR.match(text, m.start()) or ahead.count("“") > ahead.count("”"):
            continue
        found.append((m.start(), text[m.start() : unit.end()]))
    return found


def _fact_quotes(ctx: Context) -> pl.LazyFrame | None:
    """(sentence_id, __qs, __qe): the quote span of every fact of both fact tables (a query)."""
    parts = [
        t.frame.lazy()
        .filter(t.clean("quote_start", "quote_end"))
        .select(
            pl.col("sentence_id").cast(pl.String),
            pl.col("quote_start").alias("__qs"),
            pl.col("quote_end").alias("__qe"),
        )
        for n in ("indicators", "targets")
        if (t := ctx.tables.get(n)) is not None
        and t.has("sentence_id", "quote_start", "quote_end")
        and t.typed("quote_start", "integer")
        and t.typed("quote_end", "integer")
    ]
    return pl.concat(parts).drop_nulls().unique() if parts else None


@rule(
    "exclusion-counted",
    needs={
        "kind": "string",
        "quote": "string",
        "quote_start": "integer",
        "quote_end": "integer",
        "sentence_id": "string",
    },
    tables=("exclusions",),
    field="quote",
    source=True,
)
def digits_exclusion_covers_no_count(ctx: Context, table: Table) -> Hits:
    """A digits exclusion covers no digit run printed as a count (a number and its count word,
    not a year, not in quote marks, not inside a fact's quote): 4条街巷…入选 is a statistic.
    Strict runs only: exclusions account for digits in the completeness check, which a derived
    package with fewer facts is not held to (and whose fewer quotes would not cover 8项)."""
    source = ctx.source
    if not ctx.strict or source is None:
        return None
    frame = table.frame.filter(
        (pl.col("kind") == "digits")
        & pl.col("quote").is_not_null()
        & table.clean("quote_start", "quote_end")
    ).select(ROW, pl.col("sentence_id").cast(pl.String), "quote", "quote_start", "quote_end")
    if not frame.height:
        return None
    # each distinct quote read once (copies of the package repeat them), with the few
    # characters the source prints after it (a count word the quote stops short of)
    runs = frame.select("quote", "quote_start", "quote_end").unique()
    runs = runs.with_columns(
        __runs=pl.Series(
            [
                [f"{o}\t{r}" for o, r in counted_runs(q, _after(source, e), _line(source, a, e))]
                for q, a, e in runs.select("quote", "quote_start", "quote_end").iter_rows()
            ],
            dtype=pl.List(pl.String),
        )
    )
    found = (
        frame.lazy()
        .join(runs.lazy(), on=["quote", "quote_start", "quote_end"])
        .explode("__runs")
        .drop_nulls("__runs")
        .with_columns(
            __at=pl.col("quote_start")
            + pl.col("__runs").str.split_exact("\t", 1).struct.field("field_0").cast(pl.Int64),
            __run=pl.col("__runs").str.split_exact("\t", 1).struct.field("field_1"),
        )
    )
    quotes = _fact_quotes(ctx)
    if quotes is not None:
        covered = (
            found.select(ROW, "sentence_id", "__at")
            .join(quotes, on="sentence_id")
            .filter((pl.col("__qs") <= pl.col("__at")) & (pl.col("__at") < pl.col("__qe")))
            .select(ROW, "__at")
            .unique()
        )
        found = found.join(covered, on=[ROW, "__at"], how="anti")
    bad = found.group_by(ROW).agg(pl.col("__run").sort_by("__at").str.join("、"))  # text order
    return bad.select(
        ROW,
        pl.format(
            "a digits exclusion says its digits are not a statistic, but it covers {} (a number "
            "printed with its count word, outside quote marks and every fact's quote): a "
            "printed count is a fact",
            "__run",
        ).alias("message"),
    )


def _after(source: str, end: int | None) -> str:
    """The characters the source prints after ``end`` (as many as the longest count word and
    magnitude take; none where ``end`` is out of range)."""
    if end is None or not 0 <= end <= len(source):
        return ""
    return source[end : end + _AFTER]


def _line(source: str, start: int | None, end: int | None) -> str:
    """What the source prints on the quote's line before it (quote marks never span lines);
    none where the span is out of range."""
    if start is None or end is None or not 0 <= start <= end <= len(source):
        return ""
    return source[source.rfind("\n", 0, start) + 1 : start]
