"""The metric a figure is given to is the one its sentence names nearest before it.

A clause that prints no name carries the subject of the clause before it:
"地区生产总值预计增长10%以上,五年年均增长7.6%;全社会固定资产投资预计1000亿元,五年年均增长3%"
gives 7.6% to GDP and 3% to fixed-asset investment. Swapping the two facts' values (each quote
widened to hold both clauses, so every span still round-trips) passed every other rule, since
the words right before 3% (五年年均增长) name no metric at all (a cold attack on 3 December).

So: of the metrics of a sentence's figures, the one whose name (or alias) is printed nearest
before a figure is the figure's own, when its own is named before it at all (a name printed
only after the figure, 完成2.7万套的配租公租房, is the common Chinese order and is left to
``metric-name``). A list that 分别 or 各 distributes (水耗、能耗预计分别下降…) gives one
clause's figures to several names, in order: ``respectively-order`` checks those.
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.clauses import CLAUSE_END, SPANS, around
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.metric_forms import keyed

#: Words after the own metric's name that hand one clause's figures to a list of names.
DISTRIBUTED = "分别|各"


@rule(
    "metric-subject",
    needs={**SPANS, "metric_id": "string", "qualifier": "string"},
    tables=("indicators", "targets"),
    field="metric_id",
    source=True,
)
def the_metric_named_nearest_before_the_value_is_the_facts(ctx: Context, table: Table) -> Hits:
    """Of the metrics of a sentence's figures, the one named nearest before a figure is its own
    (when its own is named before it, and no 分别 or 各 distributes a list between them)."""
    frame = around(ctx, table).filter(pl.col("qualifier").fill_null("") != "qualitative")
    frame = frame.select(ROW, "sentence_id", "metric_id", "head")
    frame = frame.filter(~pl.col(ROW).is_in(flagged(ctx, table.name, "metric_id")))
    found = keyed(ctx, frame)
    if found is None or not frame.height:
        return None
    keyed_frame, keyforms = found
    said = (
        keyed_frame.lazy()
        .select("sentence_id", "__fk")
        .unique()
        .join(keyforms.lazy(), on="__fk")
        .select("sentence_id", "__f")
        .unique()
    )
    own = keyforms.lazy().with_columns(__own=pl.lit(True))
    # each distinct (sentence, forms, head) judged once: copies of a fact share theirs
    key = ["sentence_id", "__fk", "head"]
    parts = pl.col("head").str.split(pl.col("__f"), literal=True)
    named = (
        keyed_frame.lazy()
        .select(key)
        .unique()
        .join(said, on="sentence_id")
        .join(own, on=["__fk", "__f"], how="left")
        .with_columns(__parts=parts)
        .filter(pl.col("__parts").list.len() > 1)  # the form is printed before the value
        # the words between the form's last printing and the value, and how many
        .with_columns(__after=pl.col("__parts").list.last())
        .with_columns(__gap=pl.col("__after").str.len_chars())
    )
    mine = pl.col("__own").is_not_null()
    nearest = (
        named.group_by(key)
        .agg(
            __own_gap=pl.col("__gap").filter(mine).min(),
            __own_after=pl.col("__after")
            .filter(mine)
            .sort_by(pl.col("__gap").filter(mine))
            .first(),
            __other_gap=pl.col("__gap").filter(~mine).min(),
            __other=pl.col("__f").filter(~mine).sort_by(pl.col("__gap").filter(~mine)).first(),
        )
        .filter(
            (pl.col("__other_gap") < pl.col("__own_gap"))
            & ~pl.col("__own_after").str.contains(DISTRIBUTED)
        )
    )
    bad = keyed_frame.lazy().join(nearest, on=key, how="inner", nulls_equal=True)
    return bad.select(
        ROW,
        pl.format(
            "the metric named nearest before the value is {} (…{}), another fact's metric of "
            "the sentence, not {}, named earlier: a clause that names no metric carries the "
            "last one named, so the figure is that fact's",
            "__other",
            pl.col("__own_after").str.tail(30),
            "metric_id",
        ).alias("message"),
    )


#: The noun a list item prints right after its figure (75个小区、431栋楼、…): one to three Han
#: characters, then the list's 、 (or a clause's end, when the item follows a 、).
_LISTED_NOUN = r"^(\p{Han}{1,3})([、,，;；:：。]|$)"


@rule(
    "metric-noun",
    needs={**SPANS, "metric_id": "string"},
    tables=("indicators", "targets"),
    field="metric_id",
    source=True,
)
def the_noun_after_a_listed_figure_is_its_metrics(ctx: Context, table: Table) -> Hits:
    """A figure in a 、 list is counted in the noun printed right after it: when that noun
    names the metric of another figure of the same clause, the figure's own metric is named by
    it too (its name or an alias prints the noun's last character, or the counter printed with
    the figure).

    "实施75个小区、431栋楼、275.7万平方米老旧小区改造" names its subjects after the figures,
    where ``metric-subject`` cannot look: giving 431栋 to the compounds (老旧小区改造小区) and
    75个 to the buildings (实施老旧小区改造楼栋) left every span round-tripping and passed
    (a cold attack on 3 December). 楼 names the buildings, a figure of the clause, and
    neither 楼 nor 栋 is in the compounds' names.
    """
    counter = pl.col("unit_printed").cast(pl.String) if table.has("unit_printed") else None
    frame = around(ctx, table).select(
        ROW,
        "sentence_id",
        "metric_id",
        "head",
        "tail",
        (counter if counter is not None else pl.lit(None, pl.String)).alias("__counter"),
    )
    frame = frame.filter(~pl.col(ROW).is_in(flagged(ctx, table.name, "metric_id")))
    # a cheap first cut (a 、 right before the figure or within a few characters after it),
    # then only the sentences of those figures are read further
    near = pl.col("tail").str.slice(0, 4).str.contains("、", literal=True)
    item = pl.col("tail").str.extract_groups(_LISTED_NOUN)
    candidates = (
        frame.filter(near | pl.col("head").str.ends_with("、"))
        .with_columns(__seg=item.struct.field("1"), __end=item.struct.field("2"))
        .filter(
            pl.col("__seg").is_not_null()
            & ((pl.col("__end") == "、") | pl.col("head").str.ends_with("、"))
        )
    )
    if not candidates.height:
        return None
    clause = pl.col("head").str.count_matches(CLAUSE_END).alias("__clause")
    frame = frame.filter(pl.col("sentence_id").is_in(candidates["sentence_id"].unique().implode()))
    found = keyed(ctx, frame.with_columns(clause))
    if found is None:
        return None
    keyed_frame, keyforms = found
    listed = (
        keyed_frame.lazy()
        .join(candidates.lazy().select(ROW, "__seg"), on=ROW)
        .with_columns(__last=pl.col("__seg").str.slice(-1))
        .select(ROW, "sentence_id", "__clause", "metric_id", "__fk", "__seg", "__last", "__counter")
    )
    forms = keyforms.lazy()
    # the metrics of the clause's figures, with their forms
    said = (
        keyed_frame.lazy()
        .select("sentence_id", "__clause", "metric_id", "__fk")
        .unique()
        .join(forms, on="__fk")
        .select("sentence_id", "__clause", pl.col("metric_id").alias("__other"), "__f")
    )
    # the row's own forms print the noun's last character or its counter: its own noun
    own = (
        listed.select("__fk", "__last", "__counter")
        .unique()
        .join(forms, on="__fk")
        .filter(
            pl.col("__f").str.contains(pl.col("__last"), literal=True)
            | pl.col("__f").str.contains(pl.col("__counter"), literal=True).fill_null(False)
        )
        .select("__fk", "__last", "__counter")
        .unique()
    )
    strays = listed.join(own, on=["__fk", "__last", "__counter"], how="anti", nulls_equal=True)
    named = (
        strays.join(said, on=["sentence_id", "__clause"])
        .filter(
            (pl.col("__other") != pl.col("metric_id"))
            & pl.col("__f").str.contains(pl.col("__seg"), literal=True)
        )
        .group_by(ROW)
        .agg(
            pl.col("metric_id").first(),
            pl.col("__seg").first(),
            pl.col("__other").unique().sort().str.join(", "),
        )
    )
    return named.select(
        ROW,
        pl.format(
            "the noun printed after the value ({}) names {} (the metrics of other figures of "
            "the clause) and no name of {}: a listed figure is counted in the noun after it",
            "__seg",
            "__other",
            "metric_id",
        ).alias("message"),
    )
