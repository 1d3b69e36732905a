"""Rules that tie a fact to the words printed next to its value span.

Every span can round-trip and a fact still say the wrong thing: two figures of one quote
swapped between the facts they belong to (保障性住房开工建设3.4万套、竣工4.2万套), a qualifier
cut out of the span (失业率控制在2.3%以内 read as exactly 2.3%), one span counted twice. (A
per-10,000 figure read as a plain count is :mod:`~haidian_report.validate.rules.per_units`.)
Each rule below holds on every shipped row; each reads the sentence around the value
(:mod:`~haidian_report.validate.rules.clauses`).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.figures import (
    INFIX_QUALIFIERS,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    alternation,
)
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import SPANS, around, first_clause, last_clause
from haidian_report.validate.rules.distinct import judged_once
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.metric_forms import form_keys, keyed, others_named
from haidian_report.validate.rules.variants import NATURAL

#: The words that print each stage of work (curation/README.md, variant), as the shipped rows
#: print them: 开工/启动 started, 开复工 started or resumed, 推进 under construction, 实施
#: implemented, 竣工/建成/完成/新建 completed. 启动实施 (160万平方米整治项目) starts work.
STAGE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "started": ("开工", "启动"),
    "started_or_resumed": ("开复工",),
    "under_construction": ("推进",),
    "implemented": ("实施",),
    "completed": ("竣工", "建成", "完成", "新建"),
}
#: The words of the variants that are not stages: a task the city assigns (市政府下达的…任务)
#: and a state to keep (持续改善); each is printed in its value's clause.
GOAL_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "assigned_task": ("下达",),
    "sustained": ("持续",),
}
#: What separates the items of a list and the clauses of a sentence.
SEPARATORS: Final = "、,，;；:：。和及与"
_STAGE_OF: Final = {w: stage for stage, words in STAGE_WORDS.items() for w in words}
_STAGE_ALT: Final = "|".join(sorted(_STAGE_OF, key=len, reverse=True))
#: Qualifier words a value span may not leave out: those the value parser reads
#: (:data:`haidian_report.figures.SUFFIX_QUALIFIERS` and ``INFIX_QUALIFIERS`` printed right
#: after the figure, ``PREFIX_QUALIFIERS`` right before it: 以上, 以内, 左右, 余, 多; 约, 近,
#: 超过, 劣), and a few more that bound a figure the same way (以下, 有余; 超, 逾). Taken from the
#: parser, so that a word it knows is never cut out unseen (劣Ⅴ类 read as class Ⅴ exactly passed
#: a cold attack while the list here was written out by hand).
AFTER_QUALIFIERS: Final = alternation((*SUFFIX_QUALIFIERS, *INFIX_QUALIFIERS, "以下", "有余"))
BEFORE_QUALIFIERS: Final = alternation((*PREFIX_QUALIFIERS, "超", "逾"))


@rule(
    "variant-word",
    needs={**SPANS, "variant": "string"},
    field="variant",
    source=True,
)
def variant_is_the_stage_printed(ctx: Context, table: Table) -> Hits:
    """A fact's stage variant is the stage word printed nearest before its value in its
    clause (开工3.4万套 is started, 竣工4.2万套 completed), or, when the clause prints none
    before it, the first one after (18个有序推进 is under construction)."""
    frame = around(ctx, table).filter(pl.col("variant").is_in(list(STAGE_WORDS)))
    # each distinct (variant, words) judged once: copies of a fact share theirs
    columns = ["variant", "head", "printed", "tail"]
    return judged_once(frame, columns, _STAGE_MESSAGE, derived=_STAGE_WORD)


def _stage_word() -> pl.Expr:
    """The stage word printed nearest before the value in its clause, else the first after."""
    # 启动实施 starts work: read it as 启动 before looking for the last stage word
    before = last_clause("head").str.replace_all("启动实施", "启动", literal=True)
    after = pl.col("printed") + first_clause("tail")
    return pl.coalesce(
        before.str.extract(f".*({_STAGE_ALT})", 1), after.str.extract(f"({_STAGE_ALT})", 1)
    )


def _stage_message() -> pl.Expr:
    """The message of :func:`variant_is_the_stage_printed` (null where the stage agrees),
    an expression of the variant and the stage word ``__word``."""
    stage = pl.col("__word").replace_strict(_STAGE_OF, default=None, return_dtype=pl.String)
    return pl.when(stage.is_null() | (stage != pl.col("variant"))).then(
        pl.when(pl.col("__word").is_null())
        .then(
            pl.format(
                "variant {}, but the value's clause prints no stage word ({})",
                "variant",
                pl.lit("、".join(_STAGE_OF)),
            )
        )
        .otherwise(
            pl.format(
                "variant {}, but the stage printed at the value is {} ({}): the figure is "
                "another stage's",
                "variant",
                "__word",
                stage,
            )
        )
    )


_STAGE_WORD: Final = {"__word": _stage_word()}
_STAGE_MESSAGE: Final = _stage_message()


@rule("variant-word", needs={**SPANS, "variant": "string"}, field="variant", source=True)
def goal_variant_is_printed(ctx: Context, table: Table) -> Hits:
    """An assigned task prints 下达 and a sustained goal 持续 in the value's clause."""
    frame = around(ctx, table).lazy().filter(pl.col("variant").is_in(list(GOAL_WORDS)))
    clause = last_clause("head") + pl.col("printed") + first_clause("tail")
    words = pl.col("variant").replace_strict(
        {k: "|".join(v) for k, v in GOAL_WORDS.items()}, default=None, return_dtype=pl.String
    )
    bad = frame.filter(~clause.str.contains(words).fill_null(True))
    return bad.select(
        ROW,
        pl.format("variant {}, but the value's clause does not print {}", "variant", words).alias(
            "message"
        ),
    )


@rule(
    "qualifier-outside-span",
    needs={**SPANS, "qualifier": "string"},
    source=True,
)
def qualifier_words_are_inside_the_span(ctx: Context, table: Table) -> Hits:
    """A qualifier printed with the figure (2.3%以内, 90余个, 约…) is inside its value span:
    a span that leaves it out turns a bound into an exact value."""
    after = pl.col("tail").str.extract(f"^({AFTER_QUALIFIERS})", 1)
    before = pl.col("head").str.extract(f"({BEFORE_QUALIFIERS})$", 1)
    # one query for both sides (no casts: nothing a lazy plan may lift out of a guard)
    frame = (
        around(ctx, table)
        .lazy()
        .select(ROW, "qualifier", "head", "printed", "tail")
        .filter(pl.col("qualifier").fill_null("") != "qualitative")
        .with_columns(__a=after, __b=before)
    )
    late = frame.filter(pl.col("__a").is_not_null()).select(
        ROW,
        pl.lit("value_end").alias("field"),
        pl.format(
            "the text prints {} right after the value span ({}{}); value_text leaves it out, "
            "so qualifier {} reads a bound as the figure",
            "__a",
            "printed",
            "__a",
            pl.col("qualifier").fill_null("-"),
        ).alias("message"),
    )
    early = frame.filter(pl.col("__b").is_not_null()).select(
        ROW,
        pl.lit("value_start").alias("field"),
        pl.format(
            "the text prints {} right before the value span ({}{}); value_text leaves it out, "
            "so qualifier {} reads a bound or an approximate figure as exact",
            "__b",
            "__b",
            "printed",
            pl.col("qualifier").fill_null("-"),
        ).alias("message"),
    )
    return pl.concat([late, early])


@rule(
    "shared-span",
    needs={
        "metric_id": "string",
        "period": "string",
        "value_start": "integer",
        "value_end": "integer",
        "quote": "string",
    },
    tables=("indicators", "targets"),
    field="value_start",
)
def one_span_one_fact_unless_printed_for_several(ctx: Context, table: Table) -> Hits:
    """Two facts of a table share a value span only where the text gives one figure to
    several things or years (各65家; 2019年和2020年均居全市第一; a joint goal naming each): never
    the same metric and period twice, and each names its metric (name or alias) in its quote."""
    span = ["value_start", "value_end"]
    # two rows of one natural key are natural-key's to report (rules.variants)
    natural = [c for c in NATURAL if table.typed(c, "string")]
    used = dict.fromkeys([ROW, *span, "metric_id", "period", "quote", *natural])
    shared = (
        table.frame.lazy()
        .filter(table.clean("value_start", "value_end"))
        .filter(pl.col("value_start").is_not_null() & pl.col("value_end").is_not_null())
        .select(list(used))
        .with_columns(
            __n=pl.len().over(span),
            __first=pl.col(ROW).min().over(span),
            __twin=pl.col(ROW).min().over([*span, "metric_id", "period"]),
            __dup=(
                pl.col(ROW).min().over([pl.col(c).fill_null("") for c in natural]) != pl.col(ROW)
            )
            if natural
            else pl.lit(False),
        )
        .filter((pl.col("__n") > 1) & ~pl.col("__dup"))
    )
    frame = shared.collect(engine="in-memory")
    if not frame.height:
        return None
    twice = (
        frame.lazy()
        .filter(pl.col(ROW) != pl.col("__twin"))
        .select(
            ROW,
            pl.format(
                "the value span [{}:{}] is row {}'s, of the same metric {} and period {}: one "
                "printed figure counted twice",
                "value_start",
                "value_end",
                "__twin",
                "metric_id",
                "period",
            ).alias("message"),
        )
    )
    unnamed = _not_named(ctx, frame.filter(pl.col(ROW) == pl.col("__twin")))
    if unnamed is None:
        return twice
    # copies of one fact under other ids print one name
    unnamed = unnamed.filter(pl.col("__names_n") > 1)
    unnamed = unnamed.select(
        ROW,
        pl.format(
            "shares the value span [{}:{}] with row {}, but its quote does not name its metric "
            "{} (name or alias): the figure is another fact's",
            "value_start",
            "value_end",
            pl.when(pl.col(ROW) == pl.col("__first"))
            .then(pl.col("__last"))
            .otherwise(pl.col("__first")),
            "metric_id",
        ).alias("message"),
    )
    return pl.concat([twice, unnamed])


@rule(
    "metric-word",
    needs={**SPANS, "metric_id": "string", "qualifier": "string"},
    tables=("indicators", "targets"),
    field="metric_id",
    source=True,
)
def the_metric_printed_before_the_value_is_the_facts(ctx: Context, table: Table) -> Hits:
    """The words right before a figure (after the last 、 , 和… since the figure before it)
    name no other figure's metric of the sentence unless they name its own: 累计办理各级人大建议
    1551件、各级政协提案1268件 gives 1268件 to the proposals, never to the suggestions. (Figures
    only: a qualitative fact's words name their metric after the verb; a list that 分别 or 各
    distributes is left to the checks that recompute it.)"""
    frame = around(ctx, table).filter(pl.col("qualifier").fill_null("") != "qualitative")
    frame = frame.select(ROW, "sentence_id", "metric_id", "value_start", "value_end", "head")
    found = keyed(ctx, frame)
    if found is None or not frame.height:
        return None
    keyed_frame, keyforms = found
    span = ["sentence_id", "value_start", "value_end"]
    lazy = (
        keyed_frame.lazy()
        .sort(span)
        .with_columns(__prev=pl.col("value_end").shift(1).over("sentence_id"))
        # copies of a figure (one span, several rows: ties of the sort, in any order) all
        # follow the figure before the span, as its first copy does, not each other
        .with_columns(pl.col("__prev").first().over(span))
        .with_columns(
            # how much of the head follows the figure before (-1: all of it)
            __cut=pl.when(pl.col("__prev") <= pl.col("value_start"))
            .then(pl.col("value_start") - pl.col("__prev"))
            .otherwise(-1)
        )
    )
    # each distinct (sentence, forms, head, cut) judged once: copies of a fact share theirs
    key = ["sentence_id", "__fk", "head", "__cut"]
    judged = (
        lazy.select(key)
        .unique()
        .with_columns(
            __seg=pl.when(pl.col("__cut") >= 0)
            .then(pl.col("head").str.tail(pl.col("__cut")))
            .otherwise(pl.col("head"))
            # the words right before the value: after the last separator (、 , 和 …)
            .str.extract(f"([^{SEPARATORS}]*)$", 1)
        )
    )
    named = (
        others_named(judged, keyforms, key)
        # 分别 (respectively) and 各 (each) give one clause's figures to a list named before it
        .filter(~pl.col("__seg").str.contains("分别|各$").fill_null(False))
    )
    bad = lazy.join(named, on=key, how="inner", nulls_equal=True)
    return bad.select(
        ROW,
        pl.format(
            "the text before the value ({}) names {}, another fact's metric of the sentence, "
            "and not {}: the figure is that fact's",
            "__seg",
            pl.col("__names").list.join("、"),
            "metric_id",
        ).alias("message"),
    )


def _not_named(ctx: Context, frame: pl.DataFrame) -> pl.LazyFrame | None:
    """Rows of ``frame`` whose quote prints neither their metric's name_zh nor an alias (with
    ``__last``, the last row of their span, and ``__names_n``, how many metrics' names its
    rows print); None when there is none, or no metrics table to read the names from."""
    keys = form_keys(ctx)
    if keys is None:
        return None
    ids, keyforms = keys
    rows = frame.join(ids, on="metric_id", how="left")
    # each distinct (forms, quote) searched once: copies of a fact share their quote and forms
    pairs = rows.lazy().filter(pl.col("__fk").is_not_null()).select("__fk", "quote").unique()
    found = (
        pairs.join(keyforms.lazy(), on="__fk")
        .filter(pl.col("quote").str.contains(pl.col("__f"), literal=True).fill_null(False))
        .select("__fk", "quote")
        .unique()
    )
    unnamed = pairs.join(found, on=["__fk", "quote"], how="anti").collect(engine="in-memory")
    if not unnamed.height:  # every quote names its metric: no row to read further
        return None
    lazy = rows.lazy()
    unread = lazy.join(unnamed.lazy(), on=["__fk", "quote"], how="semi", nulls_equal=True)
    span = ["value_start", "value_end"]
    least = keyforms.lazy().group_by("__fk").agg(pl.col("__f").min())
    # the rows of the spans that hold an unnamed row (whole, as the counts run over a span)
    spans = (
        lazy.join(unread.select(span).unique(), on=span, how="semi")
        .join(least, on="__fk", how="left")
        .with_columns(
            __last=pl.col(ROW).max().over(span),
            __names_n=pl.col("__f").fill_null(pl.col("metric_id")).n_unique().over(span),
        )
    )
    known = spans.filter(pl.col("__fk").is_not_null())
    return known.join(unnamed.lazy(), on=["__fk", "quote"], how="semi", nulls_equal=True)
