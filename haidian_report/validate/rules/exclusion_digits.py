"""A ``digits`` exclusion covers digits that are not a statistic, never a printed count.

Completeness (``--strict``) accounts for every digit run of the source as a fact's value, a
year of a fact's period, or a ``digits`` exclusion, whose reason says why the run is not a
statistic: a date (2021年12月15日), a name (16号线, 5G, “人工智能15条”), a version (悟道2.0).
So a real figure could be dropped from the facts and re-declared an exclusion (4条街巷先后入选
年度十大“北京最美街巷” called "an ordinal in an honour's name"), and completeness still passes.

Every shipped exclusion's runs are, by what is printed around them: not followed by a count
word (:data:`haidian_report.figures.UNITS`: 号线, 周年, 核, G, A… are not), a year (2022年), in
quote marks (a name), or inside the quote of a fact whose figure they define
(8项基本便民商业服务功能实现社区全覆盖: the fact is the coverage). A run printed as a count
outside all of these is a statistic, and the exclusion is reported (in a strict run, where
exclusions account for the source's digits).
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from haidian_report.figures import UNITS
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hits, rule

_RUN: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_COUNT: Final = re.compile("|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)))
_YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}年")


def counted_runs(quote: str) -> list[tuple[int, str]]:
    """(offset, run) of each digit run of ``quote`` printed as a count: followed by a count
    word, not a year, not inside quote marks “…”.

    >>> counted_runs("4条街巷先后入选年度十大“北京最美街巷”")
    [(0, '4条')]
    >>> counted_runs("“创新发展16条”"), counted_runs("2022年是新一届区政府的开局之年")
    ([], [])
    >>> counted_runs("推进地铁13号线拆分")
    []
    """
    found = []
    for m in _RUN.finditer(quote):
        unit = _COUNT.match(quote, m.end())
        before = quote[: m.start()]
        if unit is None or _YEAR.match(quote, m.start()) or before.count("“") > before.count("”"):
            continue
        found.append((m.start(), quote[m.start() : unit.end()]))
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
    needs={"kind": "string", "quote": "string", "quote_start": "integer", "sentence_id": "string"},
    tables=("exclusions",),
    field="quote",
)
def digits_exclusion_covers_no_count(ctx: Context, table: Table) -> Hits:
    """A digits exclusion covers no digit run printed as a count (a number and its count word,
    not a year, not in quote marks, not inside a fact's quote): 4条街巷…入选 is a statistic.
    Strict runs only: exclusions account for digits in the completeness check, which a derived
    package with fewer facts is not held to (and whose fewer quotes would not cover 8项)."""
    if not ctx.strict:
        return None
    frame = table.frame.filter(
        (pl.col("kind") == "digits") & pl.col("quote").is_not_null() & table.clean("quote_start")
    ).select(ROW, pl.col("sentence_id").cast(pl.String), "quote", "quote_start")
    if not frame.height:
        return None
    # each distinct quote read once (copies of the package repeat them)
    runs = frame.select("quote").unique()
    runs = runs.with_columns(
        __runs=pl.Series(
            [[f"{o}\t{r}" for o, r in counted_runs(q)] for q in runs["quote"]],
            dtype=pl.List(pl.String),
        )
    )
    found = (
        frame.lazy()
        .join(runs.lazy(), on="quote")
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
