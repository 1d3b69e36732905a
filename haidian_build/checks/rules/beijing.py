"""Rules on shares of Beijing (scope ``share_of_beijing``, "占全市的40%").

``share_implied_total``
    The Beijing total a share implies with the district figure it is a share of.
``share_implied_total_growth``
    Where a metric's share is printed for two years, the growth of the implied Beijing total.
``share_totals_agree``
    Where two shares imply the same Beijing total (same metric and year), whether they agree:
    the one check here.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from haidian_build.checks.facts import DISTRICT_SCOPES, PARTS, Facts
from haidian_build.checks.figures import Figure
from haidian_build.checks.rows import Entry, agreement, check, derive
from haidian_build.checks.text import cid, pct, span
from haidian_report.growth import Interval, cagr, cagr_interval, implied_total_interval

_AMBIGUOUS = re.compile(r"\bcould\b|\bambiguous\b|\balternative", re.IGNORECASE)


@dataclass(frozen=True)
class Total:
    """The Beijing total one share implies."""

    share: Figure
    part: Figure
    computed: Interval
    point: float


def _part_for_share(facts: Facts, share: Figure) -> Figure | None:
    """The district figure a share is a share of: printed just before it, else the only one."""
    candidates = [
        f
        for f in facts.of(share.series, *PARTS)
        if f.year == share.year and f.scope in DISTRICT_SCOPES
    ]
    same = [
        f
        for f in candidates
        if f.fact.sentence_id == share.fact.sentence_id
        and f.fact.value_start < share.fact.value_start
    ]
    if same:
        return max(same, key=lambda f: f.fact.value_start)
    return facts.one(candidates)


def beijing_totals(facts: Facts) -> list[Total]:
    totals: list[Total] = []
    for share in facts.figures:
        if share.measure != "share" or share.scope != "share_of_beijing" or share.value <= 0:
            continue
        part = _part_for_share(facts, share)
        if part is not None:
            computed = implied_total_interval(part.band, share.band)
            totals.append(Total(share, part, computed, part.value / share.value * 100))
    return totals


def _total_ids(totals: list[Total]) -> list[str]:
    """``<series>.<year>``, with the part's measure (then id) added only on a clash."""
    bases = [cid(t.share.series, t.share.year) for t in totals]
    measured = [cid(b, t.part.measure) for b, t in zip(bases, totals, strict=True)]
    return [
        b if bases.count(b) == 1 else m if measured.count(m) == 1 else cid(b, _slug(t.part.id))
        for b, m, t in zip(bases, measured, totals, strict=True)
    ]


def _slug(ident: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", ident.lower())


def share_implied_total(facts: Facts) -> Iterator[Entry]:
    totals = beijing_totals(facts)
    for key, t in zip(_total_ids(totals), totals, strict=True):
        share, part = t.share, t.part
        rng = part.span(t.computed)
        if not math.isfinite(t.computed.high):
            rng = f"at least {part.show(t.computed.low)}"
        bound = "at no more than" if share.open_ended else "at"
        flagged = share.fact.note and _AMBIGUOUS.search(share.fact.note)
        note = f" Curator's note on the share: {share.fact.note}" if flagged else ""
        yield derive(
            "share_implied_total",
            key,
            unit=part.unit,
            point=t.point,
            computed=t.computed,
            uses=[("part", part), ("share", share)],
            explanation=f"Not printed: {part.cite()} being {share.text} of Beijing's puts the "
            f"Beijing total ({facts.name(share.metric_id)}) {bound} {part.show(t.point)} "
            f"({rng} given rounding; never below Haidian's own).{note}",
        )


def share_implied_total_growth(facts: Facts) -> Iterator[Entry]:
    groups: dict[tuple[str, str, str], list[Total]] = defaultdict(list)
    for t in beijing_totals(facts):
        if t.part.single_year:
            groups[(t.share.series, t.part.measure, t.part.unit or "")].append(t)
    for key in sorted(groups):
        series = sorted(groups[key], key=lambda t: t.share.year)
        for a, b in itertools.pairwise(series):
            n = b.share.year - a.share.year
            if n < 1 or not (a.computed.is_bounded and b.computed.is_bounded):
                continue
            computed = cagr_interval(a.computed, b.computed, n)
            point = cagr(a.point, b.point, n)
            money = " at current prices" if facts.is_money(a.share.metric_id) else ""
            yield derive(
                "share_implied_total_growth",
                key[0],
                f"{a.share.year + 1}-{b.share.year}",
                unit="percent",
                point=point,
                computed=computed,
                uses=[("start", a.part), ("end", b.part), ("before", a.share), ("after", b.share)],
                explanation=f"Not printed: Beijing totals of {a.part.show(a.point)} "
                f"({a.part.text} ÷ {a.share.text}, {a.share.year}) and {b.part.show(b.point)} "
                f"({b.part.text} ÷ {b.share.text}, {b.share.year}) grow {pct(point)} a year "
                f"({span(computed, pct)} given rounding){money}, against Haidian's "
                f"{pct(cagr(a.part.value, b.part.value, n))}.",
            )


def share_totals_agree(facts: Facts) -> Iterator[Entry]:
    groups: dict[tuple[str, int, str], list[Total]] = defaultdict(list)
    for t in beijing_totals(facts):
        groups[(t.share.series, t.share.year, t.part.unit or "")].append(t)
    for key in sorted(groups):
        pairs = list(itertools.combinations(sorted(groups[key], key=lambda t: t.share.id), 2))
        for a, b in pairs:
            reason = agreement(a.computed, b.computed)
            suffix = [] if len(pairs) == 1 else [f"{_slug(a.share.id)}_vs_{_slug(b.share.id)}"]
            yield check(
                "share_totals_agree",
                key[0],
                key[1],
                *suffix,
                reason=reason,
                unit=a.part.unit,
                point=a.point,
                computed=a.computed,
                stated_band=b.computed,
                uses=[("part", a.part), ("share", a.share), ("level", b.part), ("other", b.share)],
                explanation=f"{a.part.cite()} at {a.share.text} implies a Beijing total of "
                f"{a.part.span(a.computed)}; {b.part.cite()} at {b.share.text} implies "
                f"{b.part.span(b.computed)} (stated_* columns): "
                + (
                    "the two agree within rounding."
                    if reason == "within_rounding"
                    else "they cannot both hold."
                ),
            )
