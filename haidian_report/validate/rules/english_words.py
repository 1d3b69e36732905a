"""The words the English puts at a fact's figure agree with the fact (attack 5, F12).

``english-figure`` finds each fact's figure in the English of its sentence; the words next to
it can still say the opposite of the Chinese: "more than 1 trillion" cut to "1 trillion"
(超过1万亿元), "6% or more" to "6%" (增长6%以上), "kept within 2.3%" turned to "above 2.3%"
(控制在2.3%以内), "51% lower" to "51% higher" (下降51%), the started and completed housing
units swapped (开工建设3.4万套、竣工4.2万套). So, in the clause around the figure (up to
35 characters before it and 22 after, not across ``;``, ``:`` or a comma), each a problem on
the sentence's ``text_en`` naming the fact:

* ``english-qualifier`` — a more_than/at_least fact has an upward word (more than, over,
  above, or more, at least…), an at_most fact a bounding one (within, at most, up to, below…);
* ``english-direction`` — a decrease has a word of decline (lower, fell, down, reduced…), and
  a rise (no direction, 增长/提高… printed before the figure) has no word of decline without a
  word of rise ("revenue up 8%" turned to "down 8%" passed a cold attack on 3 December);
* ``english-stage`` — a started (completed) fact's figure is not next to a word of the other
  stage without one of its own;
* ``english-measure`` — a five-year average (年均) has "average", "annual" or "a year" at its
  figure ("up 8%, with average annual growth of 4.9%" swapped to "up 4.9%, … of 8%" passed).

Each holds for every shipped translation; an improved translation keeps these words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

import polars as pl

from haidian_report.english import renderings
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flawed
from haidian_report.validate.rules.engine import Hit, per_table, rule
from haidian_report.validate.rules.english import translations
from haidian_report.validate.rules.facts import DECLINE_BEFORE

_UP: Final = re.compile(
    r"worse than|more than|over|above|exceed|at least|or more|or above|upwards|plus|\+", re.I
)
_BOUND: Final = re.compile(
    r"within|at most|up to|no more than|below|under|or less|not exceed|less than", re.I
)
_DECLINE: Final = re.compile(
    r"lower|fell|fall|down|decreas|declin|reduc|cut|drop|less|shr[au]nk|below|slip|slid"
    r"|contract|negative|sank|sunk",
    re.I,
)
#: Phrases whose words say the opposite of what they hold: "no less than 10%" is at least
#: 10% (以上), not a decline; "negative growth of 8%" is a fall, not a rise. Rewritten before
#: the words are read.
_PHRASES: Final = (
    (re.compile(r"\b(?:no|not)\s+(?:less|lower|fewer)\s+than\b", re.I), "at least"),
    (re.compile(r"\bnegative\s+growth\b|\bgrowth\s+of\s+minus\b", re.I), "decline"),
)
_RISE: Final = re.compile(
    r"\b(?:up|rose|risen|rises?|rising|grow|grew|grown|growth|increas\w*|higher|gain\w*"
    r"|expand\w*|rais\w*|climb\w*|more)\b",
    re.I,
)
#: A rise printed right before the figure (增长8%; 提高到…), as DECLINE_BEFORE prints a decline.
RISE_BEFORE: Final = r"(?:增长|增加|提高|提升|上升|回升|上涨|攀升|增至|增幅)(?:[0-9.]+%?、)*$"
#: An average annual rate in English (年均增长7.6%: "average annual growth of 7.6%").
_ANNUAL: Final = re.compile(
    r"\b(?:average|annual|annually|yearly|a year|per year|each year|every year|per annum)\b",
    re.I,
)
_START: Final = re.compile(r"start|began|begun|commenc|broke ground", re.I)
_COMPLETE: Final = re.compile(r"complet|finish", re.I)
#: The stage word printed last before the value (开工建设3.4万套、竣工4.2万套).
_STAGE: Final = "(?:{})(?:(?!开工|启动|开建|竣工|建成|完工).)*$"
#: (code, field, the facts it applies to, what their clause must say, what it must not say,
#: the Chinese the fact's quote prints for it: a fact whose own field contradicts its quote is
#: reported by the rules on that field, not here).
CHECKS: Final = (
    ("english-qualifier", "qualifier", ("more_than", "at_least"), _UP, None, "以上|超|多|余|逾"),
    ("english-qualifier", "qualifier", ("at_most",), _BOUND, None, "以内|以下|之内|不超过"),
    ("english-direction", "direction", ("decrease",), _DECLINE, None, DECLINE_BEFORE),
    ("english-direction", "direction", (None,), _RISE, _DECLINE, RISE_BEFORE),
    ("english-measure", "measure", ("cagr",), _ANNUAL, None, "年均"),
    ("english-stage", "variant", ("started",), _START, _COMPLETE, _STAGE.format("开工|启动|开建")),
    (
        "english-stage",
        "variant",
        ("completed",),
        _COMPLETE,
        _START,
        _STAGE.format("竣工|建成|完工"),
    ),
)
_WORDS: Final = {
    _UP: "more than / over / or more",
    _BOUND: "within / at most / up to",
    _DECLINE: "lower / fell / down",
    _RISE: "up / rose / growth",
    _ANNUAL: "average annual / a year",
    _START: "started",
    _COMPLETE: "completed",
}
_BREAK: Final = re.compile(r"[;:]|,(?!\d)")
_END: Final = re.compile(r"[;:]|,(?!\d)|\.(?!\d)")


def clauses(english: str, forms: set[str]) -> list[str]:
    """The words around each place a rendering of the figure stands (``@`` marks it).

    >>> clauses("GDP of more than 1 trillion yuan, with growth of 6% or more", {"6%"})
    [' with growth of  @  or more']
    """
    out = []
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(r"(?<![\d.,])" + re.escape(form) + r"(?!\d)", english):
            before = _BREAK.split(english[max(0, m.start() - 35) : m.start()])[-1]
            after = _END.split(english[m.end() : m.end() + 22])[0]
            out.append(f"{before} @ {after}")
    return out


@per_table  # three rules read the same facts
def _facts(ctx: Context, table: Table) -> pl.DataFrame | None:
    """Facts whose qualifier, direction or variant is checked, with the row and English of
    their sentence (``table`` is the sentences table)."""
    if not table.has("sentence_id", "text_en"):
        return None
    english = translations(ctx, table)
    frames = []
    for name, key in (("indicators", "indicator_id"), ("targets", "target_id")):
        t = ctx.tables.get(name)
        if t is None or not t.has(key, "sentence_id", "unit", "value_printed"):
            continue
        if not t.typed("value", "number"):
            continue
        columns = [
            pl.col(c).cast(pl.String) if t.has(c) else pl.lit(None, pl.String).alias(c)
            for c in ("qualifier", "direction", "variant", "measure", "quote")
        ]
        frames.append(
            t.frame.filter(t.clean("value") & ~pl.col(ROW).is_in(flawed(ctx, name))).select(
                pl.col(key).cast(pl.String).alias("__fact"),
                pl.col("sentence_id").cast(pl.String),
                pl.col("value").cast(pl.Float64),
                pl.col("unit").cast(pl.String),
                pl.col("value_printed").cast(pl.String),
                *columns,
                (pl.col("value_start") - pl.col("quote_start")).alias("__at")
                if t.typed("value_start", "integer") and t.typed("quote_start", "integer")
                else pl.lit(None, pl.Int64).alias("__at"),
            )
        )
    if not frames:
        return None
    # a fact with no direction is judged only where its quote prints a rise before the figure
    # (most facts have none: the English of each is not searched in vain)
    before = pl.col("quote").str.slice(0, pl.col("__at").clip(0))
    wanted = pl.any_horizontal(
        pl.col(f).is_in([x for x in v if x is not None])
        | (pl.col(f).is_null() & before.str.contains(chinese) if None in v else pl.lit(False))
        for _, f, v, _, _, chinese in CHECKS
    )
    facts = pl.concat(frames).filter(wanted.fill_null(False) & pl.col("value").is_not_null())
    return facts.join(english, on="sentence_id", maintain_order="left").sort(
        ROW, "__fact", maintain_order=True
    )


#: What the checks read of a fact: its sentence's English, figure, quote and fields.
_JUDGED: Final = ("text_en", "value", "unit", "value_printed", "quote", "__at", "qualifier",
                  "direction", "variant", "measure")  # fmt: skip


@per_table  # the three rules judge the same groups
def _groups(
    ctx: Context, table: Table
) -> list[tuple[dict[str, Any], list[str], list[tuple[int, int, str]]]]:
    """Each distinct fact as the checks read it (:data:`_JUDGED`: rows copied at scale share
    theirs), the clauses around its figure, and its (position, row, fact) in :func:`_facts`;
    only those whose figure the English shows (english-figure reports the others)."""
    facts = _facts(ctx, table)
    if facts is None:
        return []
    grouped = (
        facts.with_row_index("__i")
        .group_by(_JUDGED)
        .agg(pl.col("__i"), pl.col(ROW), pl.col("__fact"))
    )
    seen: dict[tuple[object, ...], list[str]] = {}
    out = []
    for record in grouped.iter_rows(named=True):
        where = (record["text_en"], record["value"], record["unit"], record["value_printed"])
        if where not in seen:
            forms = renderings(record["value"], record["unit"], record["value_printed"])
            seen[where] = clauses(record["text_en"] or "", forms)
        if seen[where]:
            out.append(
                (
                    record,
                    seen[where],
                    list(zip(record["__i"], record[ROW], record["__fact"], strict=True)),
                )
            )
    return out


def _plain(place: str) -> str:
    """A clause with :data:`_PHRASES` rewritten to what they say.

    >>> _plain("to surge no less than 10%"), _plain("negative growth of @")
    ('to surge at least 10%', 'decline of @')
    """
    for pattern, meaning in _PHRASES:
        place = pattern.sub(meaning, place)
    return place


def _check(ctx: Context, table: Table, code: str) -> Iterator[Hit]:
    hits: list[tuple[int, Hit]] = []
    for record, clauses_found, copies in _groups(ctx, table):
        places = [_plain(p) for p in clauses_found]
        for check_code, field, values, must, must_not, chinese in CHECKS:
            if check_code != code or record[field] not in values:
                continue
            quote, at = record["quote"] or "", record["__at"]
            text = quote if check_code == "english-qualifier" or at is None else quote[:at]
            if not re.search(chinese, text):
                continue
            own = any(must.search(p) for p in places)
            other = must_not is not None and any(must_not.search(p) for p in places)
            if own if must_not is None else (own or not other):
                continue
            said = (
                f"has {field} {record[field]}"
                if record[field] is not None
                else f"is a rise (no {field}; its quote prints a rise before the figure)"
            )
            found = f" and says '{_WORDS[must_not]}'" if other and must_not is not None else ""
            hits += [
                (
                    i,
                    Hit(
                        row,
                        f"{fact} {said}, but the English around its figure "
                        f"({'; '.join(places)[:160]}) has no '{_WORDS[must]}'{found}",
                    ),
                )
                for i, row, fact in copies
            ]
    yield from (hit for _, hit in sorted(hits, key=lambda h: h[0]))


_ON: Final = {"needs": {"sentence_id": "string", "text_en": "string"}, "tables": ("sentences",)}


@rule("english-qualifier", **_ON, field="text_en")  # type: ignore[arg-type]
def english_keeps_the_qualifier(ctx: Context, table: Table) -> Iterator[Hit]:
    """A more_than/at_least/at_most figure keeps its qualifier word in the English."""
    return _check(ctx, table, "english-qualifier")


@rule("english-direction", **_ON, field="text_en")  # type: ignore[arg-type]
def english_keeps_the_decline(ctx: Context, table: Table) -> Iterator[Hit]:
    """A decrease keeps a word of decline at its figure in the English."""
    return _check(ctx, table, "english-direction")


@rule("english-measure", **_ON, field="text_en")  # type: ignore[arg-type]
def english_keeps_the_annual_average(ctx: Context, table: Table) -> Iterator[Hit]:
    """A five-year average (年均) keeps "average annual" (or "a year") at its figure in the
    English: a one-year growth and the average swapped across clauses keep every figure."""
    return _check(ctx, table, "english-measure")


@rule("english-stage", **_ON, field="text_en")  # type: ignore[arg-type]
def english_keeps_the_stage(ctx: Context, table: Table) -> Iterator[Hit]:
    """A started (completed) figure is not given the other stage's word in the English."""
    return _check(ctx, table, "english-stage")
