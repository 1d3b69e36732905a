"""The written rules of curation/README.md for the semantic fields of facts, as code.

Each rule is a function from one built fact (and what it needs to see: its sentence, its
metric, the other facts) to problem messages. :func:`rule_problems` runs them all; the build
reports every problem with the file and entry it came from, and fails.

>>> clause_before("地区生产总值预计增长10%以上,五年年均增长", 22)
'五年年均增长'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from haidian_build.curation import Entry, Locator
from haidian_build.fact_context import BuiltFact, Context, Fact, Problems, Rule
from haidian_build.variant_rules import rule_variant, table_problems
from haidian_report.figures import PER_UNITS
from haidian_report.models import Indicator, Metric, Target
from haidian_report.price_conventions import convention_basis

MONEY_CHANGE_MEASURES: Final = frozenset({"growth_yoy", "cagr", "change"})
SINGLE_YEAR_MEASURES: Final = frozenset({"level", "flow", "growth_yoy"})
RANGE_MEASURES: Final = frozenset({"cumulative", "cagr"})
PERCENT_MEASURES: Final = frozenset({"share", "rate", "growth_yoy", "cagr"})
DURATION_UNITS: Final = frozenset({"year", "quarter", "minute", "count"})
RANK_SCOPES: Final = ("city_six_districts_rank", "national_rank", "beijing_rank")
#: Words that name a rank's comparison group, in the order they are tried.
RANK_GROUP_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "city_six_districts_rank": ("城六区",),
    "national_rank": ("全国",),
    "beijing_rank": ("全市", "首都"),
}
VACCINATION_DRIVE: Final = "疫苗接种"
RANK_WORDS: Final = ("第一", "首位", "最优")
PAIRED_WORDS: Final = ("对口", "贫困", "脱贫", "摘帽")
FIRMNESS_MARKERS: Final[dict[str, str]] = {"力争": "strive", "确保": "ensure"}
EXPECTED_MARKER: Final = "预期目标"
PRICE_WORDS: Final = ("可比价", "现价", "不变价", "当年价")
INDICATOR_YEARS: Final = (2016, 2021)
TARGET_YEARS: Final = (2022, 2026)
_CLAUSE_END = re.compile(r"[,，;；:：。]")
_GROUP_END = re.compile(r"[;；。]")
_AVERAGE_GROWTH = re.compile(r"年均(增长|增速|递增)")
_YEAR = re.compile(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9.])")


def clause_before(text: str, end: int) -> str:
    """The clause of ``text`` that ends at ``end``: back to the last , ; : or 。 before it."""
    head = text[:end]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return head[cut:]


def _value_clause(fact: Fact, ctx: Context) -> str:
    """The sentence's clause up to the value, plus the value as printed."""
    sent = ctx.sentence(fact)
    return clause_before(sent.text, fact.value_start - sent.start) + fact.value_text


def period_bounds(period: str) -> tuple[int, int]:
    """First and last year of a period: ``"2017-2021"`` → ``(2017, 2021)``."""
    first, _, last = period.partition("-")
    return int(first), int(last or first)


def _years_in(text: str) -> set[int]:
    return {int(m.group()) for m in _YEAR.finditer(text)}


# ---------------------------------------------------------------------------
# The rules: each yields (field, message)
# ---------------------------------------------------------------------------


def rule_id(f: BuiltFact, ctx: Context) -> Problems:
    """The id is <metric>.<measure>.<period>[.<variant>]: derived from meaning."""
    row = f.row
    want = ".".join(p for p in (row.metric_id, row.measure, row.period, row.variant) if p)
    if f.ident != want:
        yield "id", f"must be {want!r} (<metric>.<measure>.<period>[.<variant>])"


def rule_period_range(f: BuiltFact, ctx: Context) -> Problems:
    """Indicators are about 2016-2021; targets about 2022-2026."""
    low, high = INDICATOR_YEARS if isinstance(f.row, Indicator) else TARGET_YEARS
    first, last = period_bounds(f.row.period)
    if not (low <= first <= last <= high):
        yield "period", f"{f.row.period} is outside {low}-{high}"


def rule_measure_period(f: BuiltFact, ctx: Context) -> Problems:
    """A numeric level, flow or growth_yoy is of one year (a qualitative goal may hold over a
    period); cumulative and cagr are over several years."""
    row = f.row
    many = "-" in row.period
    if row.measure in SINGLE_YEAR_MEASURES and many and row.qualifier != "qualitative":
        yield "period", f"a {row.measure} is of one year, not {row.period}"
    if row.measure in RANGE_MEASURES and not many:
        yield "period", f"a {row.measure} is over several years, not {row.period}"


def rule_measure_words(f: BuiltFact, ctx: Context) -> Problems:
    """The value's clause prints the measure: 年均增长 ⇔ cagr; 增长 for growth; 占 for shares;
    率 for rates."""
    row = f.row
    clause = _value_clause(row, ctx)
    average = _AVERAGE_GROWTH.search(clause) is not None
    if average != (row.measure == "cagr"):
        yield "measure", f"年均增长 {'is' if average else 'is not'} printed before the value"
    needs = {"growth_yoy": "增长", "share": "占", "rate": "率"}.get(row.measure)
    if needs and needs not in clause:
        yield "measure", f"a {row.measure} needs {needs} in the value's clause {clause!r}"


def rule_period_printed(f: BuiltFact, ctx: Context) -> Problems:
    """period_inferred ⇔ the sentence prints neither the period's first nor its last year."""
    row = f.row
    printed = bool(_years_in(ctx.sentence(row).text) & set(period_bounds(row.period)))
    if row.period_inferred == printed:
        state = "printed" if printed else "not printed"
        yield "period_inferred", f"must be {not printed}: the period's year is {state}"


def rule_flow_dated(f: BuiltFact, ctx: Context) -> Problems:
    """A part-one flow is dated by a printed year, never by what it is about (the one written
    exception: the 2021 vaccination drive, whose sentence prints 疫苗接种)."""
    row = f.row
    undated = isinstance(row, Indicator) and row.measure == "flow" and row.period_inferred
    if undated and VACCINATION_DRIVE not in ctx.sentence(row).text:
        yield "measure", "a part-one flow needs its year printed: else cumulative 2017-2021"


def rule_accumulated(f: BuiltFact, ctx: Context) -> Problems:
    """累计 in the value's clause totals over the period the sentence dates: with no year
    printed it is the five years' total (累计新增上市企业76家: cumulative 2017-2021); under a
    printed year it is that year's total (2021年,…发明专利授权预计累计3.7万件: flow of 2021)."""
    row = f.row
    if row.measure not in ("level", "flow", "cumulative") or "累计" not in _value_clause(row, ctx):
        return
    expected = "cumulative" if row.period_inferred else "flow"
    if row.measure != expected:
        dated = "no year is printed" if row.period_inferred else "a year dates the sentence"
        yield "measure", f"累计 where {dated} is {expected}, not {row.measure}"


def rule_quote_years(f: BuiltFact, ctx: Context) -> Problems:
    """A year printed in the quote is the period's (or base year's), the start of a 由…至
    pair whose end is the value, or one of several years that share the value (均)."""
    row = f.row
    first, last = period_bounds(row.period)
    allowed = set(range(first - 1 if "-" in row.period else first, last + 1))
    if row.base_period:
        base_first, base_last = period_bounds(row.base_period)
        allowed |= set(range(base_first, base_last + 1))
    offset = row.value_start - row.quote_start
    for year in sorted(_years_in(row.quote) - allowed):
        start = row.quote.find(f"由{year}年")
        to = row.quote.find("至", start) if start >= 0 else -1
        if 0 <= to < offset:
            continue
        if "均" in row.quote[row.quote.find(str(year)) :]:
            continue
        yield "period", f"the quote prints {year}, which {row.period} does not cover"


def _expected_estimated(row: Indicator, ctx: Context) -> bool:
    if period_bounds(row.period)[1] != INDICATOR_YEARS[1]:
        return False
    sent = ctx.sentence(row)
    head = sent.text[: row.value_start - sent.start]
    group = head[max((m.end() for m in _GROUP_END.finditer(head)), default=0) :]
    return "预计" in group


def rule_estimated(f: BuiltFact, ctx: Context) -> Problems:
    """estimated ⇔ 预计 before the value in its clause group, for a figure of 2021."""
    row = f.row
    if isinstance(row, Indicator) and row.estimated != _expected_estimated(row, ctx):
        yield (
            "estimated",
            (
                f"must be {not row.estimated}: 预计 "
                f"{'does not reach' if row.estimated else 'reaches'} this figure"
            ),
        )


def expected_firmness(row: Target, ctx: Context) -> str | None:
    """The firmness whose marker word's reach covers the value, or None."""
    sent = ctx.sentence(row)
    at = row.value_start - sent.start
    marker = sent.text.find(EXPECTED_MARKER)
    found: str | None = "expected" if 0 <= marker < at else None
    for word, firmness in FIRMNESS_MARKERS.items():
        for m in re.finditer(word, sent.text):
            end = _CLAUSE_END.search(sent.text, m.end())
            if m.start() < at < (end.start() if end else len(sent.text)):
                found = firmness
    return found


def rule_firmness(f: BuiltFact, ctx: Context) -> Problems:
    """firmness is the marker (力争, 确保, 预期目标) whose reach covers the value."""
    row = f.row
    if isinstance(row, Target) and row.firmness != expected_firmness(row, ctx):
        yield "firmness", f"must be {expected_firmness(row, ctx)!r} by the marker words"


def rule_price_basis(f: BuiltFact, ctx: Context) -> Problems:
    """price_basis on growth/cagr/change rows of money, and only there; its source named."""
    row = f.row
    metric = ctx.metrics.get(row.metric_id)
    applies = row.measure in MONEY_CHANGE_MEASURES and metric is not None and metric.price_basis
    if applies and row.price_basis is None:
        yield "price_basis", "required on a growth, CAGR or change row of money"
    if not applies and row.price_basis is not None:
        yield "price_basis", "only growth, CAGR and change rows of money have a price basis"
    sourced = row.price_basis in ("nominal", "comparable")
    if sourced != (row.price_basis_source is not None):
        yield "price_basis_source", "required for nominal/comparable, empty otherwise"
    printed = any(w in ctx.sentence(row).text for w in PRICE_WORDS)
    if row.price_basis_source == "text" and not printed:
        yield "price_basis_source", f"text, but the sentence prints none of {PRICE_WORDS}"
    if printed and sourced and row.price_basis_source != "text":
        yield "price_basis_source", "the sentence prints the price basis: source is text"
    if row.price_basis_source == "convention" and "convention" not in (row.note or ""):
        yield "note", "a price basis by convention names the convention in the note"
    name = metric.name_zh if applies and metric is not None else ""
    convention = convention_basis(name) if name else None
    if convention and not printed and row.price_basis not in (None, convention):
        yield "price_basis", f"{convention} by the convention for {name}"


def rule_scope(f: BuiltFact, ctx: Context) -> Problems:
    """Scope follows the printed words: rank groups, 占全市, 其中, paired regions."""
    row = f.row
    if row.measure == "rank":
        want = next(
            (s for s in RANK_SCOPES if any(w in row.quote for w in RANK_GROUP_WORDS[s])),
            "haidian",
        )
        if row.scope != want:
            yield "scope", f"a rank whose quote prints its group is {want!r}"
        return
    if row.measure == "duration" and row.scope != "haidian":
        yield "scope", "a duration counts the district's own years: scope haidian"
    if row.scope in RANK_SCOPES:
        yield "scope", f"{row.scope} is for rank rows"
    if row.measure == "duration":
        yield from _rank_streak_row(f, ctx)
    clause = _value_clause(row, ctx)
    if (row.scope == "share_of_beijing") != (row.measure == "share" and "全市" in clause):
        yield "scope", "share_of_beijing ⇔ a share whose clause prints 全市"
    if row.scope == "subset" and "其中" not in clause:
        yield "scope", "subset needs 其中 in the value's clause"
    paired = any(w in row.quote for w in PAIRED_WORDS)
    if (row.scope == "paired_regions") != paired:
        yield "scope", f"paired_regions ⇔ the quote prints one of {PAIRED_WORDS}"


def _rank_streak_row(f: BuiltFact, ctx: Context) -> Problems:
    """A streak of ranks (连续三年全市第一) has its rank row: the group ranked in is there."""
    row = f.row
    sent = ctx.sentence(row)
    after = _CLAUSE_END.split(sent.text[row.value_end - sent.start :], maxsplit=1)[0]
    ranked = any(w in after for w in RANK_WORDS)
    twin = any(
        o.row.measure == "rank"
        and (o.row.metric_id, o.row.period, o.row.quote) == (row.metric_id, row.period, row.quote)
        for o in ctx.facts
    )
    if ranked and not twin:
        yield "measure", "a streak of ranks needs its rank row (same metric, period and quote)"


def rule_units(f: BuiltFact, ctx: Context) -> Problems:
    """Units fit measures: rank ⇔ rank; percent for shares, rates and growth; time for
    durations; qualitative rows have none."""
    row = f.row
    if row.qualifier == "qualitative":
        if row.unit is not None:
            yield "unit", "a qualitative row has no unit"
        return
    if (row.unit == "rank") != (row.measure == "rank"):
        yield "measure", f"unit rank ⇔ measure rank (unit {row.unit}, measure {row.measure})"
    if row.measure in PERCENT_MEASURES and row.unit != "percent":
        yield "unit", f"a {row.measure} is in percent"
    if row.measure == "duration" and row.unit not in DURATION_UNITS:
        yield "unit", f"a duration is in one of {sorted(DURATION_UNITS)}"
    pers = row.unit.split("/")[1:] if row.unit else []
    for per in pers if row.unit_inferred else ():
        if per in PER_UNITS and not any(w in row.quote for w in PER_UNITS[per]):
            yield "unit", f"a unit per {per} needs one of {PER_UNITS[per]} in the quote"
    for per, word in (("person", "人均"), ("10k_person", "每万人")):
        if word in row.quote and row.unit not in (None, "percent") and per not in pers:
            yield "unit", f"a figure printed {word} carries its denominator: …/{per}"


def rule_change_base(f: BuiltFact, ctx: Context) -> Problems:
    """A numeric change names its base period; only changes have one."""
    row = f.row
    if row.base_period is not None and row.measure != "change":
        yield "base_period", "only change rows have a base period"
    if row.measure == "change" and row.qualifier != "qualitative" and row.base_period is None:
        yield "base_period", "a numeric change needs its base period"


def rule_metric_printed(f: BuiltFact, ctx: Context) -> Problems:
    """The metric's name or a declared printed form is in the paragraph, up to the quote."""
    row = f.row
    metric = ctx.metrics.get(row.metric_id)
    if metric is None:
        yield "metric", f"no metric {row.metric_id!r}"
        return
    forms = [metric.name_zh, *(metric.aliases_zh or "").split(" | ")]
    para = ctx.sentence(row).section_id
    text = ctx.source[ctx.paragraph_start[para] : row.quote_end]
    if not any(form and form in text for form in forms):
        yield (
            "metric",
            (
                f"neither {metric.name_zh!r} nor an alias of {row.metric_id} is printed in the "
                "paragraph up to the quote: a different printed thing is a different metric"
            ),
        )


RULES: Final[tuple[Rule, ...]] = (
    rule_id,
    rule_period_range,
    rule_measure_period,
    rule_measure_words,
    rule_period_printed,
    rule_flow_dated,
    rule_accumulated,
    rule_quote_years,
    rule_estimated,
    rule_firmness,
    rule_price_basis,
    rule_scope,
    rule_units,
    rule_change_base,
    rule_metric_printed,
    rule_variant,
)


def rule_problems(
    facts: Sequence[BuiltFact],
    loc: Locator,
    metrics: Sequence[Metric],
    extra: Sequence[Rule] = (),
) -> list[tuple[Entry, str, str]]:
    """Every (entry, field, message) by which a built fact breaks a written rule (``RULES``
    and the ``extra`` rules kept in other modules)."""
    starts: dict[str, int] = {}
    for s in loc.sentences:
        starts[s.section_id] = min(starts.get(s.section_id, s.start), s.start)
    ctx = Context(
        sentences={s.sentence_id: s for s in loc.sentences},
        paragraph_start=starts,
        metrics={m.metric_id: m for m in metrics},
        facts=facts,
        source=loc.source,
    )
    rules = (*RULES, *extra)
    found = [(f.entry, fld, msg) for f in facts for rule in rules for fld, msg in rule(f, ctx)]
    return found + list(table_problems(facts))
