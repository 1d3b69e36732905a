"""Rules on what a check or derivation says about itself: its reason and its metric.

The arithmetic rules (:mod:`~.arithmetic`) recompute the numbers; these catch the words around
them that a careless edit can break while every number still recomputes: a reason that belongs
to another verdict (``not_comparable`` for ``within_rounding``), an explanation whose words
give another verdict ("the part exceeds the whole" under ``consistent``: the cold attack of 3
December 2026 flipped two such words and passed), and a ``metric_id`` that none of the row's
inputs measures.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.arithmetic import input_links
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.formulas import FORMULAS

#: The verdict each reason explains (models.CheckReason, Verdict).
REASON_VERDICT: Final = {
    "within_rounding": "consistent",
    "beyond_rounding": "inconsistent",
    "price_basis_differs": "not_comparable",
    "price_basis_unknown": "not_comparable",
    "different_variant": "not_comparable",
    "variant_unstated": "not_comparable",
}
#: Negated verdict words, rewritten to a token before the words are read (so "not consistent
#: within rounding" is not read as consistent, "not an inconsistency" not as inconsistent).
NEGATIONS: Final = (
    (r"(?i)\bnot an inconsistency\b|\bnot comparable\b", " ⟦not_comparable⟧ "),
    (
        r"(?i)\b(?:not|no longer|never|does not)\s+(?:be\s+)?(?:consistent|lies?|within)\b",
        " ⟦inconsistent⟧ ",
    ),
    # "no inconsistency", "not inconsistent": no verdict of its own (any but inconsistent)
    (r"(?i)\b(?:no|not)\s+(?:an?\s+)?inconsisten(?:t|cy)\b", " ⟦no_conflict⟧ "),
)
#: The words with which an explanation gives each verdict, as the build writes them ("the part
#: lies within the whole.", "…: not comparable, …", "…; not an inconsistency."), once
#: :data:`NEGATIONS` are rewritten. A not_comparable explanation need not say so in words; a
#: consistent or inconsistent one does.
VERDICT_WORDS: Final = {
    "consistent": r"(?i)\b(?:lies|is|falls|sits|stays)\s+(?:\w+ly\s+|well\s+)?within the "
    r"(?:whole|total)|\bconsistent within rounding\b|[:：—–]\s*consistent\b"
    r"|\bdoes not exceed the (?:whole|total)",
    "inconsistent": r"(?i)⟦inconsistent⟧|\binconsisten(?:t|cy)\b|exceeds the (?:whole|total)",
    "not_comparable": r"⟦not_comparable⟧",
}
#: Where an explanation says its figures are comparable: after the colon or dash of the
#: verdict ("…(2017-2021): comparable, …"; "at comparable (real) prices" is about prices).
_VERDICT_PLACE: Final = (
    r"(?i)[:：;；—–]\s*(?:(?:(?:the|these|both|all)\s+)?(?:two|figures|numbers|counts|they|these"
    r"|both)\s+(?:figures\s+)?are\s+|they're\s+)?(?:\w+ly\s+)?comparable"
)
#: Words that deny a verdict without giving another, and the same words in a condition or a
#: question, which deny nothing: a not_comparable explanation never says its figures are
#: comparable (": comparable, the target counts …", ": the two are directly comparable"), but
#: may say "comparable only if …" or "Comparable? No".
DENIALS: Final = {
    "not_comparable": (
        _VERDICT_PLACE + r"\b",
        # a condition ("only if", "once deflated", "at constant prices"), a question, or the
        # prices' own word ("comparable (real) prices")
        _VERDICT_PLACE + r"\s*(?:\?|\(|prices\b|only\b|if\b|when\b|once\b|after\b|at\b"
        r"|in (?:name|real)\b|provided\b|given\b)",
    ),
}
#: Verdicts whose explanation must give them in words.
SAID_VERDICTS: Final = ("consistent", "inconsistent")

#: Kinds that compare or combine figures of one metric: every input measures the row's metric.
ONE_METRIC_KINDS: Final = frozenset(
    {
        "cagr_vs_levels",
        "target_vs_base",
        "average_pace",
        "endpoint_cagr",
        "endpoint_change",
        "implied_rate",
        "implied_start",
        "share_implied_total",
        "share_implied_total_growth",
        "target_implied_level",
    }
)

#: Input rows above which a check's roles are read as a bit mask (below, the lists cost less
#: than the query that finds every role known).
MASKED_ABOVE: Final = 2000
#: Every role a formula reads, and the bit of each in a check's mask of roles.
_ROLES: Final = sorted({role for _, roles in FORMULAS for role in roles})
_ROLE_BIT: Final = pl.col("role").replace_strict(
    {role: 1 << i for i, role in enumerate(_ROLES)}, default=None, return_dtype=pl.Int64
)
#: kind:mask of every whole formula.
_KNOWN_MASKS: Final = sorted(
    {f"{kind}:{sum(1 << _ROLES.index(r) for r in roles)}" for kind, roles in FORMULAS}
)


@rule("check-reason-verdict", needs={"verdict": "string", "reason": "string"}, field="reason")
def reason_explains_verdict(ctx: Context, table: Table) -> Hits:
    """A check's reason is one that explains its verdict: within_rounding goes with
    consistent, beyond_rounding with inconsistent, the others with not_comparable."""
    wanted = pl.col("reason").replace_strict(REASON_VERDICT, default=None, return_dtype=pl.String)
    frame = table.frame.lazy().filter(
        table.clean("verdict", "reason") & wanted.is_not_null() & (wanted != pl.col("verdict"))
    )
    return frame.select(
        ROW,
        pl.format(
            "found reason {} with verdict {}; it explains a {} verdict", "reason", "verdict", wanted
        ).alias("message"),
    )


@rule(
    "check-explanation-verdict",
    needs={"verdict": "string", "explanation_en": "string"},
    field="explanation_en",
)
def explanation_gives_the_verdict(ctx: Context, table: Table) -> Hits:
    """A check's explanation gives its own verdict in words (consistent and inconsistent ones
    must) and never another's."""
    text, verdict = pl.col("explanation_en"), pl.col("verdict")
    for pattern, token in NEGATIONS:
        text = text.str.replace_all(pattern, token)
    checks = []
    for name, words in VERDICT_WORDS.items():
        others = "|".join(f"(?:{w})" for n, w in VERDICT_WORDS.items() if n != name)
        wrong = text.str.replace_all(words, "").str.contains(others)
        unsaid = ~text.str.contains(words) if name in SAID_VERDICTS else pl.lit(False)
        if name in DENIALS:
            denial, condition = DENIALS[name]
            wrong = wrong | (text.str.contains(denial) & ~text.str.contains(condition))
        checks.append(pl.when(verdict == name).then(wrong | unsaid))
    # a verdict, kind or reason already reported (a verdict that does not recompute) is one
    # problem, there: its explanation is not reported again
    done = flagged(ctx, table.name, "verdict", "kind", "reason")
    pair = ["verdict", "explanation_en"]
    rows = table.frame.filter(
        table.clean(*pair) & pl.col("explanation_en").is_not_null() & ~pl.col(ROW).is_in(done)
    )
    # each distinct (verdict, explanation) read once: copies of a check share theirs (taken
    # eagerly: a lazy filter after unique is pushed before it, onto every row)
    bad = rows.select(pair).unique().filter(pl.coalesce(checks).fill_null(False))
    frame = rows.lazy().join(bad.lazy(), on=pair, how="semi")
    return frame.select(
        ROW,
        pl.format(
            "the verdict is {}, but the explanation does not say so in its words: {}",
            verdict,
            pl.col("explanation_en").str.slice(0, 200),
        ).alias("message"),
    )


@rule("check-metric", needs={"metric_id": "string", "kind": "string"}, field="metric_id")
def metric_is_an_inputs_metric(ctx: Context, table: Table) -> Hits:
    """A check's or derivation's metric is the metric of one of its inputs (the facts it
    reads); for a kind that works within one metric (:data:`ONE_METRIC_KINDS`), of all."""
    found = input_links(ctx, table)
    if found is None:
        return None
    key, links = found
    # one query from here (the casts to text cannot fail)
    frame = (
        table.frame.lazy()
        .filter(table.clean("metric_id"))
        .with_columns(pl.col(key).cast(pl.String).alias("__check"))
    )
    shared = [
        pl.col("metric_id").drop_nulls().unique().alias("__metrics"),
        pl.col("metric_id").null_count().alias("__unknown"),
    ]
    if links.height > MASKED_ABOVE and links["role"].drop_nulls().is_in(_ROLES).all():
        # the roles of a check as a bit mask (no list of texts sorted per check), where every
        # role is one a formula reads
        by_roles = _ROLE_BIT.unique().sum().alias("__mask")
        signature = pl.concat_str(pl.col("kind"), pl.col("__mask").cast(pl.String), separator=":")
        known = signature.is_in(_KNOWN_MASKS)
    else:
        by_roles = pl.col("role").unique().sort().alias("__roles")
        # only rows whose roles make a whole formula: a check cut down by a row subset (an
        # input dropped with its fact) is left to the arithmetic rules
        signature = pl.concat_str(pl.col("kind"), pl.col("__roles").list.join("+"), separator=":")
        known = signature.is_in([f"{kind}:{'+'.join(sorted(roles))}" for kind, roles in FORMULAS])
    per = links.lazy().group_by("__check").agg(*shared, by_roles)
    bad = frame.join(per, on="__check").filter(
        known
        & (pl.col("__unknown") == 0)
        & (pl.col("__metrics").list.len() > 0)
        & (
            ~pl.col("__metrics").list.contains(pl.col("metric_id"))
            | (pl.col("kind").is_in(ONE_METRIC_KINDS) & (pl.col("__metrics").list.len() > 1))
        )
    )
    return bad.select(
        ROW,
        pl.format(
            "found {}; its inputs measure {}",
            "metric_id",
            pl.col("__metrics").list.sort().list.join(", "),
        ).alias("message"),
    )
