"""Rules on a growth rate's price basis where the sentence prints none: the convention for its
metric decides it (:mod:`haidian_report.price_conventions`, shared with the build).

``price-basis-stated`` (:mod:`~.wording`) holds a basis to the note that states its convention;
a basis flipped together with that note (GDP growth made nominal, "Nominal by convention: …")
passes it. The convention is not the note's to choose: it follows from what the metric is (its
printed ``name_zh``): GDP and value added grow at comparable prices, revenue, investment, retail
sales, exports and utilized foreign investment are nominal, gross industrial output and
disposable income are published on both bases (unknown).
"""

from __future__ import annotations

import polars as pl

from haidian_report.price_conventions import CONVENTIONS
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import enum_of, first_match, flagged, flawed
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.wording import GROWTH_MEASURES, NOTE_BASIS


def _word(name: pl.Expr) -> pl.Expr:
    """The word of the name that decides its convention (生产总值, 收入…)."""
    found: pl.Expr = pl.lit(None, pl.String)
    for words, _ in reversed(CONVENTIONS):
        found = (
            pl.when(name.str.contains(words))
            .then(name.str.extract(f"({words})", 1))
            .otherwise(found)
        )
    return found


def _convention(name: pl.Expr) -> pl.Expr:
    """:func:`haidian_report.price_conventions.convention_basis` as a polars expression."""
    return first_match(name, ((basis, words) for words, basis in CONVENTIONS))


_WANT = _convention(pl.col("name_zh"))
_WORD = _word(pl.col("name_zh"))
_STATED = first_match(pl.col("note").fill_null(""), NOTE_BASIS)


@rule(
    "price-basis-convention",
    needs={"metric_id": "string", "price_basis": "string", "quote": "string"},
    tables=("indicators", "targets"),
    field="price_basis",
)
def basis_is_the_metrics_convention(ctx: Context, table: Table) -> Hits:
    """A price basis the sentence does not print (source convention, or none) is the one the
    convention for its metric gives: comparable for GDP and value added, nominal for revenue,
    investment, sales, exports and foreign investment, unknown for gross industrial output and
    disposable income."""
    metrics = ctx.tables.get("metrics")
    if metrics is None or not metrics.has("metric_id", "name_zh"):
        return None
    printed = (
        pl.col("price_basis_source") == "text" if table.has("price_basis_source") else pl.lit(False)
    )
    known = enum_of(table, "price_basis")  # a basis off the list is the schema's to report
    stated = _STATED if table.has("note") else first_match(pl.lit(""), NOTE_BASIS)
    used = [ROW, "metric_id", "price_basis", "quote"]
    used += [c for c in ("price_basis_source", "measure", "note") if table.has(c)]
    # one query (casts to text cannot fail): an empty frame flows through the joins
    frame = (
        table.frame.lazy()
        .select(used)
        .filter(
            pl.col("price_basis").is_not_null()
            & ~printed.fill_null(False)
            & (pl.col("price_basis").is_in(known) if known else pl.lit(True))
            # a basis on a level, or against its own note, is price-basis's or price-basis-stated's
            & (pl.col("measure").is_in(GROWTH_MEASURES) if table.has("measure") else pl.lit(True))
            # a fact moved to another metric (or a metric renamed) is metric-name's to report
            & ~pl.col(ROW).is_in(flagged(ctx, table.name, "metric_id"))
        )
    )
    # the note read only on the rows left (most rows have no basis)
    frame = frame.filter((stated.is_null() | (stated == pl.col("price_basis"))).fill_null(True))
    # the metrics of those rows only (a metric_id given twice is dropped whole, as before)
    ids = frame.select(pl.col("metric_id").cast(pl.String)).unique()
    named = (
        metrics.frame.lazy()
        .select(ROW, pl.col("metric_id").cast(pl.String), pl.col("name_zh").cast(pl.String))
        .filter(~pl.col(ROW).is_in(flawed(ctx, metrics.name)))
        .join(ids, on="metric_id", how="semi")
        .drop(ROW)
        .unique("metric_id", keep="none")
    )
    # each distinct name read once: copies of a metric share theirs
    conventions = (
        named.select("name_zh")
        .unique()
        .with_columns(__want=_WANT, __word=_WORD)
        .filter(pl.col("__want").is_not_null())
    )
    wanted = named.join(conventions, on="name_zh", how="inner")
    # the word that decides the convention is printed in the quote too (地区生产总值…增长): a
    # metric renamed to another's name is metric-name's to report, not a basis to blame
    bad = frame.join(wanted, on="metric_id", how="inner").filter(
        (pl.col("price_basis") != pl.col("__want"))
        & pl.col("quote").str.contains(pl.col("__word"), literal=True).fill_null(False)
    )
    return bad.select(
        ROW,
        pl.format(
            "found {}, but the sentence prints no basis and by the convention for {} ({}) a "
            "growth rate is {}",
            "price_basis",
            "name_zh",
            "metric_id",
            "__want",
        ).alias("message"),
    )
