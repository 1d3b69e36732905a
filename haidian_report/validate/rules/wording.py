"""Rules that re-derive a fact's qualifying fields from the words its sentence prints.

The build sets these fields by written rules (``haidian_build/fact_rules.py``: period_printed,
scope, price_basis); each rule here mirrors one of them on the package alone, reading the
sentence from the source through the row's ``sentence_id``:

* ``period_inferred`` is false exactly where the sentence prints the period's first or last
  year (a run of four digits 19xx/20xx, not followed by a decimal point);
* ``scope`` follows the printed words: a rank's group (城六区, 全国, 全市/首都), a share of 全市
  in the value's clause, 其中 for a subset, 对口/贫困/脱贫/摘帽 for paired regions;
* ``price_basis`` is the basis the sentence prints (可比价…) or the one its note states as the
  convention; a growth rate of money says one.

A row whose sentence is not there to read (missing, or with a problem of its own) is skipped
by the parts that read it: the foreign-key or provenance problem already says why.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import (
    first_match,
    first_year,
    flagged,
    last_year,
    sentence_spans,
    sentence_text,
    sound_period,
    span_texts,
)
from haidian_report.validate.rules.distinct import judged_once
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.facts import with_text
from haidian_report.validate.rules.measures import MONEY

FACT: Final = {"metric_id": "string", "measure": "string", "period": "string"}
#: A year as the build reads it: a whole run of four digits 19xx/20xx, no decimal point after.
_RUN: Final = r"[0-9]+\.?"
_YEAR: Final = r"^(?:19|20)[0-9]{2}$"
#: What ends a clause (the build's clause_before): , ; : 。 in either width.
_CLAUSE: Final = r"([^,，;；:：。]*)$"
#: The group a rank's quote prints, in the order the build tries them.
RANK_GROUPS: Final = (
    ("city_six_districts_rank", "城六区"),
    ("national_rank", "全国"),
    ("beijing_rank", "全市|首都"),
)
PAIRED_WORDS: Final = "对口|贫困|脱贫|摘帽"
#: Printed price words and the basis each says.
PRINTED_BASIS: Final = (("comparable", "可比价|不变价"), ("nominal", "现价|当年价"))
#: The basis a note states, tried in this order ("Price basis unknown: … current or
#: comparable prices" is unknown; "Nominal by convention" nominal; "at comparable prices by the
#: convention" comparable).
NOTE_BASIS: Final = (
    ("unknown", r"(?i)price basis unknown"),
    ("nominal", r"(?i)\bnominal\b"),
    ("comparable", r"(?i)\bat comparable prices\b"),
)
GROWTH_MEASURES: Final = ("growth_yoy", "cagr")
SPANS: Final = {"quote_start": "integer", "value_start": "integer"}


def _with_sentence(
    ctx: Context, table: Table, frame: pl.DataFrame | None = None
) -> pl.DataFrame | None:
    """``frame`` (the table's, or some of its rows) with ``sentence``: the text of each row's
    sentence, null where it is not there to read; None when the package has no sentences."""
    frame = table.frame if frame is None else frame
    texts = sentence_text(ctx, table, frame.select(ROW))
    return None if texts is None else frame.join(texts, on=ROW, how="left")


@rule(
    "period-inferred",
    needs={**FACT, "period_inferred": "boolean", "sentence_id": "string"},
    field="period_inferred",
    source=True,
)
def period_inferred_unless_its_year_is_printed(ctx: Context, table: Table) -> Hits:
    """period_inferred is false exactly when the sentence prints the period's first or last
    year (2016年的5908亿元: printed; 全年新增…: inferred from where the sentence stands)."""
    spans = sentence_spans(ctx, table)
    if spans is None or ctx.source is None:
        return None
    years = (
        pl.col("sentence")
        .str.extract_all(_RUN)
        .list.eval(pl.element().filter(pl.element().str.contains(_YEAR)).cast(pl.Int64))
    )
    skip = flagged(ctx, table.name, "period", "period_inferred")
    lazy = (
        table.frame.lazy()
        .filter(table.clean("period_inferred") & ~pl.col(ROW).is_in(skip))
        .select(ROW, "period", "period_inferred")
    )
    # each distinct period read once
    sound = lazy.select("period").unique().filter(sound_period("period"))
    rows = (
        lazy.join(sound, on="period", how="semi")
        .join(spans.lazy(), on=ROW, how="left")
        .collect(engine="in-memory")
    )
    # each distinct (sentence, period, period_inferred) judged once: copies of a fact share
    # their sentence
    key = ["__s", "__e", "period", "period_inferred"]
    judged = span_texts(ctx, rows.select(key).unique(), "__s", "__e", "sentence")
    judged = judged.with_columns(__ys=years, __a=first_year("period"), __z=last_year("period"))
    printed = pl.col("__ys").list.contains(pl.col("__a")) | pl.col("__ys").list.contains(
        pl.col("__z")
    )
    judged = judged.filter(
        pl.col("sentence").is_not_null()
        & pl.col("__a").is_not_null()
        & (pl.col("period_inferred") == printed)
    )
    if not judged.height:
        return None
    # (the guarded casts above ran eagerly; the join back is a query for the engine)
    bad = rows.lazy().join(judged.lazy(), on=key, how="inner", nulls_equal=True)
    return bad.select(
        ROW,
        pl.when(pl.col("period_inferred"))
        .then(
            pl.format("period_inferred is true, but the sentence prints the year of {}", "period")
        )
        .otherwise(
            pl.format(
                "period_inferred is false, but the sentence prints no year of {} (only: {})",
                "period",
                pl.col("__ys").cast(pl.List(pl.String)).list.join(", "),
            )
        )
        .alias("message"),
    )


@rule(
    "scope-words",
    needs={**FACT, "scope": "string", "quote": "string", "value_text": "string", **SPANS},
    field="scope",
    source=True,
)
def scope_follows_the_printed_words(ctx: Context, table: Table) -> Hits:
    """scope is what the words say: a rank's group printed in its quote (城六区, 全国, 全市 or
    首都; else haidian), share_of_beijing for a share whose clause prints 全市 (全市占比, 占全市的),
    subset where the clause prints 其中 (and only there), paired_regions with 对口/贫困/脱贫/摘帽
    in the quote."""
    # the rows judged, with each distinct clause read once: one query
    frame = (
        with_text(ctx, table)
        .lazy()
        .select(ROW, "scope", "measure", "quote", "sentence_pre", "value_text")
        .filter(pl.col("scope").is_not_null() & pl.col("measure").is_not_null())
    )
    clauses = (
        frame.select("sentence_pre", "value_text")
        .unique()
        .with_columns(
            __clause=pl.col("sentence_pre").str.extract(_CLAUSE, 1) + pl.col("value_text")
        )
    )
    rows = frame.join(
        clauses, on=["sentence_pre", "value_text"], how="left", nulls_equal=True
    ).collect(engine="in-memory")
    # each distinct (scope, measure, quote, clause) judged once
    columns = ["scope", "measure", "quote", "__clause"]
    return judged_once(rows, columns, _SCOPE_MESSAGE, derived=_SCOPE_WORDS)


#: What :func:`scope_follows_the_printed_words` reads of the words, once per distinct row.
_SCOPE_WORDS: Final = {
    "__group": first_match(pl.col("quote"), RANK_GROUPS).fill_null("haidian"),
    "__share": (pl.col("measure") == "share") & pl.col("__clause").str.contains("全市"),
    "__paired": pl.col("quote").str.contains(PAIRED_WORDS),
    "__of_which": pl.col("__clause").str.contains("其中"),
}


def _scope_message() -> pl.Expr:
    """The message of :func:`scope_follows_the_printed_words`: the first check that fails,
    null where all hold (built once: the expression is the same every run)."""
    scope, measure, words = pl.col("scope"), pl.col("measure"), pl.col("__clause")
    group, share, paired = pl.col("__group"), pl.col("__share"), pl.col("__paired")
    of_which = pl.col("__of_which")
    rank_scopes = [s for s, _ in RANK_GROUPS]
    is_rank = measure == "rank"
    checks: list[tuple[pl.Expr, pl.Expr]] = [
        (
            is_rank & (scope != group),
            pl.format("a rank whose quote names its group ({}) is {}", "quote", group),
        ),
        (
            ~is_rank & scope.is_in(rank_scopes),
            pl.format("{} is the scope of a rank, and this row is a {}", scope, measure),
        ),
        (
            ~is_rank & (measure == "duration") & (scope != "haidian"),
            pl.lit("a duration counts the district's own years: scope haidian"),
        ),
        (
            ~is_rank & (scope == "share_of_beijing") & ~share,
            pl.format("share_of_beijing, but the value's clause ({}) is no share of 全市", words),
        ),
        (
            ~is_rank & (scope != "share_of_beijing") & share,
            pl.format("the value's clause ({}) prints a share of 全市: share_of_beijing", words),
        ),
        (
            ~is_rank & (scope == "subset") & ~of_which,
            pl.format("subset, but the value's clause ({}) does not print 其中", words),
        ),
        (
            ~is_rank & ~share & (scope != "subset") & of_which,
            pl.format("the value's clause ({}) prints 其中 (of which): scope subset", words),
        ),
        (
            ~is_rank & ((scope == "paired_regions") != paired),
            pl.when(paired)
            .then(pl.lit("the quote prints 对口/贫困/脱贫/摘帽: scope paired_regions"))
            .otherwise(pl.lit("paired_regions, but the quote prints none of 对口/贫困/脱贫/摘帽")),
        ),
    ]
    message: pl.Expr = pl.lit(None, pl.String)
    for when, says in reversed(checks):
        message = pl.when(when.fill_null(False)).then(says).otherwise(message)
    return message


_SCOPE_MESSAGE: Final = _scope_message()


def _basis_words() -> dict[str, pl.Expr]:
    """The basis the sentence prints (``__printed``) and the one the note states
    (``__stated``), read once per distinct row for every check of
    :func:`price_basis_is_the_one_printed_or_stated`."""
    return {
        "__printed": first_match(pl.col("sentence"), PRINTED_BASIS),
        "__stated": first_match(pl.col("note").fill_null(""), NOTE_BASIS),
    }


def _basis_checks() -> tuple[pl.Expr, pl.Expr]:
    """(message, field) of :func:`price_basis_is_the_one_printed_or_stated`: the first check
    that fails, null where all hold (built once: the expressions are the same every run)."""
    basis, source = pl.col("price_basis"), pl.col("price_basis_source")
    printed, stated = pl.col("__printed"), pl.col("__stated")
    checks: list[tuple[pl.Expr, pl.Expr, str]] = [
        (
            (source == "text") & printed.is_not_null() & (basis != printed),
            pl.format("found {}; the sentence prints the {} basis", basis, printed),
            "price_basis",
        ),
        (
            (source == "text") & pl.col("sentence").is_not_null() & printed.is_null(),
            pl.lit("source text, but the sentence prints no price basis (可比价, 现价…)"),
            "price_basis_source",
        ),
        (
            (source != "text") & printed.is_not_null(),
            pl.format(
                "source {}, but the sentence prints the basis ({}): source text", source, printed
            ),
            "price_basis_source",
        ),
        (
            (source != "text").fill_null(True) & stated.is_not_null() & (basis != stated),
            pl.format("found {}; the note states the {} basis", basis, stated),
            "price_basis",
        ),
        (
            (source == "convention") & (stated.is_null() | (stated == "unknown")),
            pl.lit("source convention, but the note states no basis (Nominal by convention…)"),
            "note",
        ),
    ]
    message: pl.Expr = pl.lit(None, pl.String)
    field: pl.Expr = pl.lit(None, pl.String)
    for when, says, column in reversed(checks):
        hit = when.fill_null(False)
        message = pl.when(hit).then(says).otherwise(message)
        field = pl.when(hit).then(pl.lit(column)).otherwise(field)
    return message, field


_BASIS_WORDS: Final = _basis_words()
_BASIS_JUDGED: Final = _basis_checks()


@rule(
    "price-basis-stated",
    needs={"price_basis": "string", "price_basis_source": "string", "note": "string"},
    field="price_basis",
    source=True,
)
def price_basis_is_the_one_printed_or_stated(ctx: Context, table: Table) -> Hits:
    """A price basis is the one its sentence prints (可比价/不变价 comparable, 现价/当年价
    nominal; then its source is text), or, by convention, the one its note states (Nominal by
    convention; at comparable prices by the convention; Price basis unknown)."""
    said = table.frame.filter(pl.col("price_basis").is_not_null()).select(
        ROW, "price_basis", "price_basis_source", "note"
    )
    if not said.height:
        return None
    frame = _with_sentence(ctx, table, said)
    if frame is None:
        frame = said.with_columns(sentence=pl.lit(None, pl.String))
    # each distinct (basis, source, note, sentence) judged once
    columns = ["price_basis", "price_basis_source", "note", "sentence"]
    return judged_once(frame, columns, *_BASIS_JUDGED, derived=_BASIS_WORDS)


@rule(
    "price-basis",
    needs={"metric_id": "string", "measure": "string", "price_basis": "string"},
    field="price_basis",
)
def growth_of_money_states_a_price_basis(ctx: Context, table: Table) -> Hits:
    """A growth rate (growth_yoy, cagr) of money (its metric has a price basis) says its own:
    nominal, comparable or unknown; a growth rate of anything else (a count of patents) has
    none."""
    metrics = ctx.tables.get("metrics")
    if (
        metrics is None
        or table.name == "metrics"
        or not metrics.has("metric_id")
        or not metrics.typed("price_basis", "string")
    ):
        return None
    money = metrics.frame.lazy().filter(pl.col("price_basis").is_not_null()).select("metric_id")
    # not money by its unit: a money metric whose basis was emptied is price-basis's to report
    # on the metric, not again on each of its growth rates
    other = (
        metrics.frame.lazy()
        .filter(~pl.col("unit").str.contains(MONEY).fill_null(False))
        .select("metric_id")
        .join(money, on="metric_id", how="anti")  # (a metric_id given twice: either is money)
        if metrics.typed("unit", "string")
        else pl.LazyFrame(schema={"metric_id": pl.String})
    )
    growth = table.frame.lazy().filter(pl.col("measure").is_in(GROWTH_MEASURES))
    unstated = growth.filter(pl.col("price_basis").is_null()).join(
        money, on="metric_id", how="semi"
    )
    stray = growth.filter(pl.col("price_basis").is_not_null()).join(
        other, on="metric_id", how="semi"
    )
    return pl.concat(
        [
            unstated.select(
                ROW,
                pl.format(
                    "a {} of {} (money) states no price basis (nominal, comparable or unknown)",
                    "measure",
                    "metric_id",
                ).alias("message"),
            ),
            stray.select(
                ROW,
                pl.format(
                    "found {}; {} is not money (the metric has no price basis), so its {} has none",
                    "price_basis",
                    "metric_id",
                    "measure",
                ).alias("message"),
            ),
        ]
    )
