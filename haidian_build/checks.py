"""The ``checks`` table: the report's own arithmetic audited with :mod:`haidian_report.growth`.

Every check is discovered from the facts themselves (metric, measure, period, scope and the
sentence a figure is printed in); nothing is listed by hand. Kinds:

``cagr_vs_levels``
    A metric printed at two single-year levels (2016 and 2021): the endpoint average annual
    growth against the stated five-year rate (``cagr``), or *derived* when no rate is printed.
    The rate's price basis is its own ``price_basis`` column (from the text or the stated
    statistical convention): a comparable-price rate against nominal levels is
    ``not_comparable`` and the explanation gives the implied deflator; an ``unknown`` basis is
    ``not_comparable`` too. Figures of different variants (stages of work) are different
    series and are never compared.
``implied_value``
    Values the report does not print but its figures imply: the 2016 (2020) level from the
    2021 level and the five-year (2021) rate; the average rate of 2017-2020 from the five-year
    and the 2021 rate; parts from within-district shares ("占地区生产总值的50%"); totals from
    intensities ("单位地区生产总值能耗"), per-10,000-people ratios and labour productivity.
``share_implied_total``
    Beijing totals implied by shares of the city (scope ``share_of_beijing``), and the city
    total's growth where a metric's share is printed for two years.
``share_totals_agree``
    Where two shares imply the same Beijing total (same metric and year), whether they agree.
``part_within_whole``
    Subsets (其中…) within their whole; cumulative additions within the level at period end;
    flows within an implied stock.
``target_vs_base``
    2022 targets against the 2021 base: growth targets give the implied 2022 level (compared
    with a level target where there is one); one-year flows (新增…) against the 2017-2021
    average pace of the same metric and variant.
``change_both_ways``
    Changes printed as "from A to B": the change itself (percent, or percentage points for
    shares), checked against a printed change where there is one.

Rounding bands: every figure stands for the band of true values its printing allows
(:func:`~haidian_report.growth.printed_band` of ``value_printed`` with the fact's qualifier,
in printed units, then scaled to the fact's unit): "5908" 亿元 is [5907.5, 5908.5) 亿元,
"7.6" % is [7.55, 7.65), "10%以上" is [9.5, inf), "9500" 亿元 is [9450, 9550). Computed
bounds are rounded outwards to six significant digits; a bound that only an open-ended input
could reach (a level near 0, a rate near -100 %) is left empty, as are infinite ones.

``derived`` rows state a value the report does not print: their ``stated_*`` columns are
always empty. Roles in ``check_inputs`` are unique within a check: ``other`` is the 2021 rate
of a chain, a labour-productivity or per-10,000 ratio, an intensity change, a printed change,
or (in ``share_totals_agree``, whose ``stated_*`` columns hold the second share's total) the
second share, whose part is then ``level``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import TypeAlias

from haidian_report.growth import (
    Basis,
    Interval,
    cagr,
    cagr_interval,
    chained_rate_interval,
    check_cagr,
    deflator_interval,
    implied_end_interval,
    implied_part_interval,
    implied_start_interval,
    implied_total_interval,
    period_span,
    pp_change_interval,
    printed_band,
    product_interval,
    quotient_interval,
    scale_interval,
    share_interval,
)
from haidian_report.models import (
    Check,
    CheckInput,
    CheckKind,
    CheckRole,
    Indicator,
    Metric,
    PriceBasis,
    Target,
    Verdict,
)

Fact: TypeAlias = Indicator | Target

#: Measures of a quantity in one year: a level at a date or a flow during the year. Growth
#: rates apply to both (a flow grows from one year to the next as a level does).
LEVEL_MEASURES = frozenset({"level", "flow"})
#: Measures that can be the part a share is a share of.
PART_MEASURES = LEVEL_MEASURES | {"cumulative"}
#: Units of figures that are not quantities (water-quality classes, ranks).
ORDINAL_UNITS = frozenset({"class", "rank"})
#: Scopes whose figures are about the district (or a part of it).
DISTRICT_SCOPES = frozenset({"haidian", "subset"})

GDP_NAME = "地区生产总值"
POPULATION_NAME = "常住人口"
LABOUR_PRODUCTIVITY_NAME = "劳动生产率"
_INTENSITY = re.compile(r"^(单位|万元)地区生产总值")
_SHARE_OF = re.compile(r"占(?P<whole>[^,，。；;的]+)的")
_PER_10K = "每万人"
_PER_10K_UNIT = "/10k_person"
_AMBIGUOUS = re.compile(r"\bcould\b|\bambiguous\b|\balternative", re.IGNORECASE)

# ---------------------------------------------------------------------------
# Figures: a numeric fact with its rounding band
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A numeric fact with the band of true values its printing allows."""

    fact: Fact
    printed: Interval
    """Band in printed units (e.g. 亿元)."""
    band: Interval
    """Band in the fact's unit (e.g. CNY); negated for decreases."""
    scale: float
    """Fact units per printed unit (1e8 for 亿元); positive."""

    @property
    def id(self) -> str:
        fact = self.fact
        return fact.indicator_id if isinstance(fact, Indicator) else fact.target_id

    @property
    def value(self) -> float:
        assert self.fact.value is not None
        return self.fact.value

    @property
    def metric_id(self) -> str:
        return self.fact.metric_id

    @property
    def series(self) -> str:
        """The metric, with the variant when there is one: figures of different stages of
        work (started, completed…) are different series and are never compared."""
        variant = self.fact.variant
        return f"{self.fact.metric_id}.{variant}" if variant else self.fact.metric_id

    @property
    def measure(self) -> str:
        return self.fact.measure

    @property
    def unit(self) -> str | None:
        return self.fact.unit

    @property
    def year(self) -> int:
        """The year the figure refers to (the last year of a range)."""
        return period_span(self.fact.period)[1]

    @property
    def first_year(self) -> int:
        """The first year of the period (the year itself for a single year)."""
        base, end = period_span(self.fact.period)
        return end if "-" not in self.fact.period else base + 1

    @property
    def single_year(self) -> bool:
        return "-" not in self.fact.period

    @property
    def estimated(self) -> bool:
        return isinstance(self.fact, Indicator) and self.fact.estimated

    def cite(self) -> str:
        """The figure as printed, with its year: ``9500亿元 (2021, est.)``."""
        est = ", est." if self.estimated else ""
        return f"{self.fact.value_text} ({self.fact.period}{est})"

    def show(self, x: float) -> str:
        """``x`` (in the fact's unit) in the printed unit: ``862.6亿元``."""
        return f"{_num(x / self.scale)}{self.fact.unit_printed or ''}"

    def span(self, iv: Interval) -> str:
        """An interval in the printed unit: ``799.9–928.1亿元``, ``≥3.668万亿元``."""
        return _span(iv, self.show)

    def cite_input(self, check_id: str, role: CheckRole) -> CheckInput:
        if isinstance(self.fact, Indicator):
            return CheckInput(
                check_id=check_id, role=role, indicator_id=self.fact.indicator_id, target_id=None
            )
        return CheckInput(
            check_id=check_id, role=role, indicator_id=None, target_id=self.fact.target_id
        )


def _scale(value: float, printed: float) -> float:
    """Fact units per printed unit, snapped to a power of ten when it is one."""
    if printed == 0:
        return 1.0
    ratio = abs(value) / abs(printed)
    if ratio == 0:
        return 1.0
    power = 10.0 ** round(math.log10(ratio))
    return power if math.isclose(ratio, power, rel_tol=1e-9) else ratio


def figure(fact: Fact) -> Figure | None:
    """The figure of a numeric fact; ``None`` for qualitative or non-numeric ones."""
    if (
        fact.value is None
        or fact.value_printed is None
        or fact.qualifier == "qualitative"
        or fact.unit in ORDINAL_UNITS
    ):
        return None
    try:
        printed = printed_band(fact.value_printed, qualifier=fact.qualifier)
        number = float(Decimal(fact.value_printed.replace(",", "")))
    except (ValueError, ArithmeticError):
        return None
    scale = _scale(fact.value, number)
    sign = -1.0 if fact.value < 0 < number else 1.0
    return Figure(fact, printed, scale_interval(printed, sign * scale), scale)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


def _num(x: float, digits: int = 4) -> str:
    """A readable number with about ``digits`` significant digits, never scientific."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else ("inf" if x > 0 else "-inf")
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "−" + text[1:] if text.startswith("-") else text


def _pct(x: float) -> str:
    text = f"{x:.2f}%"
    return "−" + text[1:] if text.startswith("-") else text


def _signed_pct(x: float) -> str:
    return ("+" if x >= 0 else "") + _pct(x)


def _span(iv: Interval, fmt: Callable[[float], str]) -> str:
    lo_ok = math.isfinite(iv.low)
    hi_ok = math.isfinite(iv.high)
    if lo_ok and hi_ok:
        return f"{fmt(iv.low)} to {fmt(iv.high)}"
    if lo_ok:
        return f"≥{fmt(iv.low)}"
    if hi_ok:
        return f"≤{fmt(iv.high)}"
    return "unbounded"


def _open_floor(iv: Interval, floor: float) -> Interval:
    """``iv`` with a lower end at the open ``floor`` (0 for levels, −100 for rates) removed.

    Such an end is reached only through an open-ended input ("10%以上"), so it says nothing.
    """
    if iv.low == floor and not iv.low_closed:
        return Interval(-math.inf, iv.high, False, iv.high_closed)
    return iv


def _shift(iv: Interval, d: float) -> Interval:
    return Interval(iv.low + d, iv.high + d, iv.low_closed, iv.high_closed)


def _round(x: float | None, how: str) -> float | None:
    """Round to six significant digits: ``floor``/``ceiling`` outwards, ``half`` for points."""
    if x is None or not math.isfinite(x):
        return None
    if x == 0:
        return 0.0
    d = Decimal(repr(x))
    d = d.quantize(Decimal(1).scaleb(d.adjusted() - 11), rounding=ROUND_HALF_EVEN)
    quantum = Decimal(1).scaleb(d.adjusted() - 5)
    mode = {"floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}.get(how, ROUND_HALF_EVEN)
    return float(d.quantize(quantum, rounding=mode))


# ---------------------------------------------------------------------------
# Row collection
# ---------------------------------------------------------------------------


@dataclass
class _Rows:
    checks: dict[str, Check] = field(default_factory=dict)
    inputs: list[CheckInput] = field(default_factory=list)

    def add(
        self,
        check_id: str,
        kind: CheckKind,
        verdict: Verdict,
        *,
        metric_id: str | None,
        unit: str | None,
        point: float | None,
        computed: Interval | None,
        explanation: str,
        inputs: Sequence[tuple[CheckRole, Figure]],
        stated: Figure | None = None,
        stated_band: Interval | None = None,
    ) -> None:
        if check_id in self.checks:
            raise ValueError(f"check {check_id!r} built twice")
        if verdict == "derived" and (stated is not None or stated_band is not None):
            raise ValueError(f"check {check_id!r}: a derived row cannot have a stated value")
        roles = [role for role, _ in inputs]
        if len(set(roles)) != len(roles):
            raise ValueError(f"check {check_id!r}: duplicate roles {roles}")
        band = stated_band if stated_band is not None else (stated.band if stated else None)
        self.checks[check_id] = Check(
            check_id=check_id,
            kind=kind,
            verdict=verdict,
            metric_id=metric_id,
            unit=unit,
            computed_point=_round(point, "half"),
            computed_low=_round(computed.low, "floor") if computed else None,
            computed_high=_round(computed.high, "ceiling") if computed else None,
            stated_value=stated.value if stated else None,
            stated_low=_round(band.low, "floor") if band else None,
            stated_high=_round(band.high, "ceiling") if band else None,
            explanation_en=" ".join(explanation.split()),
        )
        self.inputs.extend(fig.cite_input(check_id, role) for role, fig in inputs)

    def result(self) -> tuple[list[Check], list[CheckInput]]:
        checks = [self.checks[k] for k in sorted(self.checks)]
        inputs = sorted(self.inputs, key=lambda i: (i.check_id, i.role))
        return checks, inputs


# ---------------------------------------------------------------------------
# The facts, indexed
# ---------------------------------------------------------------------------


@dataclass
class _Facts:
    metrics: dict[str, Metric]
    figures: list[Figure]
    targets: list[Figure]

    def __post_init__(self) -> None:
        self.by_metric: dict[str, list[Figure]] = defaultdict(list)
        for fig in self.figures:
            self.by_metric[fig.series].append(fig)
        self.by_id = {f.id: f for f in self.figures}

    def metric_named(self, name_zh: str) -> Metric | None:
        found = [m for m in self.metrics.values() if m.name_zh == name_zh]
        return found[0] if len(found) == 1 else None

    def of(self, series: str, *measures: str) -> list[Figure]:
        """Figures of a series (a metric id, or ``<metric>.<variant>``) in these measures."""
        return [f for f in self.by_metric.get(series, []) if f.measure in measures]

    def level(self, metric_id: str, year: int, measure: str | None = None) -> Figure | None:
        """The district's single-year level of a metric in a year, if exactly one is printed."""
        found = [
            f
            for f in self.of(metric_id, *LEVEL_MEASURES)
            if f.single_year
            and f.year == year
            and f.fact.scope == "haidian"
            and (measure is None or f.measure == measure)
        ]
        return found[0] if len(found) == 1 else None

    def rate(self, metric_id: str, measure: str, period: str) -> Figure | None:
        found = [
            f
            for f in self.of(metric_id, measure)
            if f.fact.period == period and f.fact.scope == "haidian"
        ]
        return found[0] if len(found) == 1 else None

    def metric_of(self, fig: Figure) -> Metric | None:
        return self.metrics.get(fig.metric_id)

    def name(self, metric_id: str) -> str:
        metric = self.metrics.get(metric_id)
        return metric.name_en if metric else metric_id

    def is_money(self, metric_id: str) -> bool:
        metric = self.metrics.get(metric_id)
        return metric is not None and metric.price_basis is not None

    def level_basis(self, metric_id: str) -> Basis:
        metric = self.metrics.get(metric_id)
        return "comparable" if metric and metric.price_basis == "comparable" else "nominal"

    def rate_basis(self, rate: Figure) -> PriceBasis:
        """The rate's own ``price_basis`` (from the text or the stated convention); a rate of
        a quantity that is not money has none, and is compared as it stands ("nominal")."""
        return rate.fact.price_basis or "nominal"


def _basis_words(basis: PriceBasis) -> str:
    return {
        "comparable": "at comparable (real) prices",
        "nominal": "at current prices",
        "unknown": "on a price basis the report does not state",
    }[basis]


def _cid(*parts: object) -> str:
    return ".".join(str(p) for p in parts)


def _slug(ident: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", ident.lower())


# ---------------------------------------------------------------------------
# cagr_vs_levels and change_both_ways: pairs of levels
# ---------------------------------------------------------------------------


def _level_pairs(facts: _Facts) -> list[tuple[Figure, Figure]]:
    """Consecutive single-year figures of one metric and measure (levels and shares)."""
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in facts.figures:
        if (
            fig.single_year
            and fig.measure in LEVEL_MEASURES | {"share"}
            and fig.fact.scope in (DISTRICT_SCOPES | {"share_of_beijing"})
        ):
            groups[(fig.series, fig.measure)].append(fig)
    pairs: list[tuple[Figure, Figure]] = []
    for key in sorted(groups):
        figs = sorted(groups[key], key=lambda f: f.year)
        pairs.extend((a, b) for a, b in itertools.pairwise(figs) if a.year < b.year)
    return pairs


def _cagr_vs_levels(facts: _Facts, rows: _Rows, start: Figure, end: Figure, cid: str) -> None:
    n = end.year - start.year
    if start.value <= 0 or end.value <= 0:
        return
    measure = "cagr" if n > 1 else "growth_yoy"
    period = f"{start.year + 1}-{end.year}" if n > 1 else str(end.year)
    rate = facts.rate(start.series, measure, period)
    implied = cagr_interval(start.printed, end.printed, n)
    point = cagr(start.value, end.value, n)
    what = f"{start.cite()} → {end.cite()}"
    inputs: list[tuple[CheckRole, Figure]] = [("start", start), ("end", end)]
    if rate is None:
        basis = _basis_words(facts.level_basis(start.metric_id))
        rows.add(
            cid,
            "cagr_vs_levels",
            "derived",
            metric_id=start.metric_id,
            unit="percent",
            point=point,
            computed=implied,
            inputs=inputs,
            explanation=f"Derived (no rate printed): {what} is {_pct(point)} a year "
            f"({_span(implied, _pct)} given rounding)"
            + (f", {basis}." if facts.is_money(start.metric_id) else "."),
        )
        return
    inputs.append(("rate", rate))
    rate_basis = facts.rate_basis(rate)
    level_basis = facts.level_basis(start.metric_id)
    if rate_basis == "unknown":
        rows.add(
            cid,
            "cagr_vs_levels",
            "not_comparable",
            metric_id=start.metric_id,
            unit="percent",
            point=point,
            computed=implied,
            stated=rate,
            inputs=inputs,
            explanation=f"Endpoint CAGR {_pct(point)} ({_span(implied, _pct)}) from {what} vs "
            f"stated {rate.fact.value_text} a year: the report does not state the rate's price "
            "basis, so it cannot be held against the nominal levels.",
        )
        return
    if rate.printed.contains(rate.value):
        result = check_cagr(
            start.value / start.scale,
            end.value / end.scale,
            n,
            rate.value,
            start_printed=start.printed,
            end_printed=end.printed,
            rate_printed=rate.printed,
            rate_basis=rate_basis,
            level_basis=level_basis,
        )
        verdict: Verdict = result.verdict
        deflator = result.implied_deflator
        point_deflator = result.point_deflator
    else:  # an open-ended rate ("超过"): same arithmetic without the point check
        mixed = rate_basis != level_basis
        verdict = (
            "not_comparable"
            if mixed
            else ("consistent" if implied.overlaps(rate.band) else "inconsistent")
        )
        deflator = deflator_interval(implied, rate.band) if mixed else None
        point_deflator = ((1 + point / 100) / (1 + rate.value / 100) - 1) * 100 if mixed else None
    head = (
        f"Endpoint CAGR {_pct(point)} ({_span(implied, _pct)}) from {what} vs stated "
        f"{rate.fact.value_text} a year"
    )
    if verdict == "not_comparable":
        assert deflator is not None and point_deflator is not None
        tail = (
            f" {_basis_words(rate_basis)} while the levels are {_basis_words(level_basis)}: "
            f"implied average deflator {_pct(point_deflator)} "
            f"({_span(deflator, _pct)}); not an inconsistency."
        )
    elif verdict == "consistent":
        tail = f" ({_span(rate.band, _pct)}): consistent within rounding."
    else:
        gap = implied.distance(rate.band)
        tail = (
            f" ({_span(rate.band, _pct)}): inconsistent, {gap:.2f} points beyond what "
            "rounding allows."
        )
    rows.add(
        cid,
        "cagr_vs_levels",
        verdict,
        metric_id=start.metric_id,
        unit="percent",
        point=point,
        computed=implied,
        stated=rate,
        inputs=inputs,
        explanation=head + tail,
    )


def _change_both_ways(facts: _Facts, rows: _Rows, start: Figure, end: Figure, cid: str) -> None:
    what = f"{start.cite()} → {end.cite()}"
    inputs: list[tuple[CheckRole, Figure]] = [("before", start), ("after", end)]
    changes = [
        f
        for f in facts.of(start.series, "change")
        if f.fact.base_period == str(start.year) and f.year == end.year and f.single_year
    ]
    stated = changes[0] if len(changes) == 1 else None
    if start.measure == "share":
        computed = pp_change_interval(start.printed, end.printed)
        point = float(Decimal(repr(end.value)) - Decimal(repr(start.value)))
        unit = "percentage_point"
        said = f"{'+' if point >= 0 else '−'}{_num(abs(point))} percentage points"
        rng = _span(computed, lambda x: f"{x:+.2f}".replace("-", "−"))
        if stated is not None and stated.unit not in ("pp", "percentage_point"):
            stated = None
    else:
        if start.value <= 0:
            return
        computed = cagr_interval(start.printed, end.printed, 1)
        point = (end.value / start.value - 1) * 100
        unit = "percent"
        said = f"a change of {_signed_pct(point)}"
        rng = _span(computed, _signed_pct)
        if stated is not None and stated.unit != "percent":
            stated = None
    if stated is None:
        rows.add(
            cid,
            "change_both_ways",
            "derived",
            metric_id=start.metric_id,
            unit=unit,
            point=point,
            computed=computed,
            inputs=inputs,
            explanation=f"Derived: {what} is {said} ({rng} given rounding); "
            "the report prints the endpoints, not the change.",
        )
        return
    inputs.append(("other", stated))
    ok = computed.overlaps(stated.band)
    rows.add(
        cid,
        "change_both_ways",
        "consistent" if ok else "inconsistent",
        metric_id=start.metric_id,
        unit=unit,
        point=point,
        computed=computed,
        stated=stated,
        inputs=inputs,
        explanation=f"{what} is {said} ({rng} given rounding) vs stated "
        f"{stated.fact.value_text}: "
        + ("consistent within rounding." if ok else "inconsistent beyond rounding."),
    )


def _pairs(facts: _Facts, rows: _Rows) -> None:
    pairs = _level_pairs(facts)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for a, _ in pairs:
        counts[(a.series, a.measure)] += 1
    for start, end in pairs:
        suffix = [f"{start.year}-{end.year}"] if counts[(start.series, start.measure)] > 1 else []
        if start.measure != "share":
            _cagr_vs_levels(facts, rows, start, end, _cid("cagr_vs_levels", start.series, *suffix))
        _change_both_ways(
            facts,
            rows,
            start,
            end,
            _cid("change_both_ways", start.series, start.measure, *suffix),
        )


# ---------------------------------------------------------------------------
# implied_value
# ---------------------------------------------------------------------------


def _implied_starts(facts: _Facts, rows: _Rows) -> None:
    """Earlier levels implied by a later level and a rate, and chained rates."""
    for metric_id in sorted(facts.by_metric):
        for end in facts.of(metric_id, *LEVEL_MEASURES):
            if not end.single_year or end.fact.scope != "haidian" or end.value <= 0:
                continue
            y = end.year
            rates = [
                r
                for r in facts.of(metric_id, "cagr", "growth_yoy")
                if r.year == y
                and r.fact.scope == "haidian"
                and (r.measure == "cagr") != r.single_year
            ]
            for rate in rates:
                n = y - rate.first_year + 1
                base_year = y - n
                if facts.level(metric_id, base_year, end.measure) is not None:
                    continue  # both levels printed: cagr_vs_levels / change_both_ways
                _implied_start(facts, rows, end, rate, n, base_year)
    for metric_id in sorted(facts.by_metric):
        for five in facts.of(metric_id, "cagr"):
            last = facts.rate(metric_id, "growth_yoy", str(five.year))
            if last is None or five.fact.scope != "haidian" or five.single_year:
                continue
            if facts.rate_basis(five) != facts.rate_basis(last):
                continue
            _chained(facts, rows, five, last)


def _implied_start(
    facts: _Facts, rows: _Rows, end: Figure, rate: Figure, n: int, base_year: int
) -> None:
    computed = _open_floor(implied_start_interval(end.band, rate.band, n), 0.0)
    point = end.value / (1 + rate.value / 100) ** n
    rate_basis = facts.rate_basis(rate)
    level_basis = facts.level_basis(end.metric_id)
    if not facts.is_money(end.metric_id):
        basis = ""
    elif rate_basis == "unknown":
        basis = (
            " The report does not state the rate's price basis: if it is nominal this is the "
            f"nominal {base_year} level; if real, the {base_year} volume at {end.year} prices."
        )
    elif rate_basis != level_basis:
        basis = (
            f" The rate is real and the level nominal, so this is the {base_year} volume at "
            f"{end.year} prices, not the nominal {base_year} level."
        )
    else:
        basis = " At current prices (the rate is nominal)."
    power = f"^{n}" if n > 1 else ""
    bound = "at most " if not math.isfinite(computed.low) else ""
    rows.add(
        _cid("implied_value", end.metric_id, base_year),
        "implied_value",
        "derived",
        metric_id=end.metric_id,
        unit=end.unit,
        point=point,
        computed=computed,
        inputs=[("end", end), ("rate", rate)],
        explanation=f"Derived, not printed: {facts.name(end.metric_id)} of {end.cite()} ÷ "
        f"(1 + {rate.fact.value_text}){power} gives {bound}{end.show(point)} in {base_year} "
        f"({end.span(computed)} given rounding).{basis}",
    )


def _chained(facts: _Facts, rows: _Rows, five: Figure, last: Figure) -> None:
    n = five.year - five.first_year + 1
    computed = _open_floor(chained_rate_interval(five.band, n, last.band, 1), -100.0)
    point = (((1 + five.value / 100) ** n / (1 + last.value / 100)) ** (1 / (n - 1)) - 1) * 100
    period = f"{five.first_year}-{five.year - 1}"
    bound = "at most " if not math.isfinite(computed.low) else ""
    basis = _basis_words(facts.rate_basis(five)) if facts.is_money(five.metric_id) else ""
    rows.add(
        _cid("implied_value", five.metric_id, "cagr", period),
        "implied_value",
        "derived",
        metric_id=five.metric_id,
        unit="percent",
        point=point,
        computed=computed,
        inputs=[("rate", five), ("other", last)],
        explanation=f"Derived, not printed: {five.fact.value_text} a year over "
        f"{five.fact.period} with {last.fact.value_text} in {last.year} leaves {bound}"
        f"{_pct(point)} a year for {period} ({_span(computed, _pct)} given rounding)"
        + (f", {basis}." if basis else "."),
    )


def _share_parts(facts: _Facts, rows: _Rows) -> None:
    """Parts implied by shares of a district total ("占地区生产总值的50%")."""
    for share in facts.figures:
        if share.measure != "share" or share.fact.scope != "haidian":
            continue
        m = _SHARE_OF.search(share.fact.quote)
        whole_metric = facts.metric_named(m.group("whole")) if m else None
        if whole_metric is None:
            continue
        whole = facts.level(whole_metric.metric_id, share.year, "level")
        if whole is None:
            continue
        computed = implied_part_interval(whole.band, share.band)
        point = whole.value * share.value / 100
        bound = "at no less than" if share.fact.qualifier in ("at_least", "more_than") else "at"
        rows.add(
            _cid("implied_value", share.metric_id, share.year),
            "implied_value",
            "derived",
            metric_id=share.metric_id,
            unit=whole.unit,
            point=point,
            computed=computed,
            inputs=[("share", share), ("whole", whole)],
            explanation=f"Derived, not printed: {share.fact.value_text} of "
            f"{facts.name(whole.metric_id)} {whole.cite()} puts "
            f"{facts.name(share.metric_id)} {bound} {whole.show(point)} "
            f"({whole.span(computed)} given rounding; a share cannot exceed 100%).",
        )


def _intensity_totals(facts: _Facts, rows: _Rows) -> None:
    """Total use implied by a change of use per unit of GDP and real GDP growth."""
    gdp = facts.metric_named(GDP_NAME)
    if gdp is None:
        return
    for change in facts.figures:
        metric = facts.metric_of(change)
        if (
            change.measure != "change"
            or metric is None
            or not _INTENSITY.match(metric.name_zh)
            or change.fact.base_period is None
        ):
            continue
        base = int(change.fact.base_period)
        n = change.year - base
        growth = facts.rate(gdp.metric_id, "cagr", f"{base + 1}-{change.year}")
        if n < 1 or growth is None or facts.rate_basis(growth) != "comparable":
            continue
        factor = implied_end_interval(_shift(change.band, 100.0), growth.band, n)
        computed = _shift(factor, -100.0)
        point = ((1 + change.value / 100) * (1 + growth.value / 100) ** n - 1) * 100
        total = metric.name_en.split(" per unit")[0]
        rows.add(
            _cid("implied_value", change.metric_id, "total", change.year),
            "implied_value",
            "derived",
            metric_id=change.metric_id,
            unit="percent",
            point=point,
            computed=computed,
            inputs=[("other", change), ("rate", growth)],
            explanation=f"Derived, not printed: {metric.name_en} "
            f"{'down' if change.value < 0 else 'up'} {change.fact.value_text} with real GDP "
            f"growth of {growth.fact.value_text} a year over {growth.fact.period} "
            f"(×{(1 + growth.value / 100) ** n:.4f}) means total {total.lower()} changed by "
            f"{_signed_pct(point)} from {base} to {change.year} ({_span(computed, _signed_pct)}"
            " given rounding), assuming the intensity is measured against GDP at comparable "
            "prices (the usual convention).",
        )


def _per_10k_stocks(facts: _Facts, rows: _Rows) -> None:
    """Stocks implied by per-10,000-residents ratios, and flows within them."""
    population = facts.metric_named(POPULATION_NAME)
    if population is None:
        return
    for ratio in facts.figures:
        metric = facts.metric_of(ratio)
        if metric is None or not (ratio.unit or "").endswith(_PER_10K_UNIT):
            continue
        pop = facts.level(population.metric_id, ratio.year, "level")
        if pop is None:
            continue
        held_unit = (ratio.unit or "").removesuffix(_PER_10K_UNIT)
        per_10k = scale_interval(pop.band, 1e-4)
        stock = product_interval(ratio.band, per_10k)
        point = ratio.value * pop.value / 1e4
        unit_zh = ratio.fact.unit_printed or ""

        def held(x: float, unit_zh: str = unit_zh) -> str:
            return _num(x) + unit_zh

        rows.add(
            _cid("implied_value", ratio.metric_id, "stock", ratio.year),
            "implied_value",
            "derived",
            metric_id=ratio.metric_id,
            unit=held_unit,
            point=point,
            computed=stock,
            inputs=[("other", ratio), ("level", pop)],
            explanation=f"Derived, not printed: {ratio.cite()} per 10,000 residents × "
            f"{pop.cite()} residents = {_num(point)}{unit_zh} held "
            f"({_span(stock, held)} given rounding).",
        )
        stem = metric.name_zh.removeprefix(_PER_10K).removesuffix("拥有量")
        for flow in facts.figures:
            flow_metric = facts.metric_of(flow)
            if (
                flow_metric is None
                or flow.metric_id == ratio.metric_id
                or not flow_metric.name_zh.startswith(stem)
                or flow.measure != "flow"
                or flow.year != ratio.year
                or flow.unit != held_unit
            ):
                continue
            _part_within(
                rows,
                _cid("part_within_whole", flow.metric_id, flow.year),
                flow,
                stock,
                inputs=[("part", flow), ("whole", ratio), ("other", pop)],
                whole_text=f"the {_num(point)}{unit_zh} held implied by {ratio.fact.value_text} "
                f"per 10,000 of {pop.fact.value_text} residents",
                point_whole=point,
                note=" (this year's grants should be among the patents held at year end)"
                if "专利" in stem
                else "",
            )


def _employment(facts: _Facts, rows: _Rows) -> None:
    """Employment implied by GDP and labour productivity (value added per employed person)."""
    gdp = facts.metric_named(GDP_NAME)
    lp_metric = facts.metric_named(LABOUR_PRODUCTIVITY_NAME)
    if gdp is None or lp_metric is None:
        return
    for lp in facts.of(lp_metric.metric_id, "level"):
        level = facts.level(gdp.metric_id, lp.year, "level")
        if level is None or not lp.single_year or level.unit is None or lp.unit is None:
            continue
        if lp.unit != f"{level.unit}/person":
            continue
        computed = quotient_interval(level.band, lp.band)
        point = level.value / lp.value
        rows.add(
            _cid("implied_value", lp.metric_id, "employment", lp.year),
            "implied_value",
            "derived",
            metric_id=lp.metric_id,
            unit="person",
            point=point,
            computed=computed,
            inputs=[("level", level), ("other", lp)],
            explanation=f"Derived, not printed: GDP {level.cite()} ÷ labour productivity "
            f"{lp.cite()} = {_num(point / 1e4)}万 employed persons in {lp.year} "
            f"({_span(computed, lambda x: _num(x / 1e4) + '万')} given rounding), reading "
            "labour productivity as GDP per employed person (the usual definition).",
        )


# ---------------------------------------------------------------------------
# share_implied_total and share_totals_agree
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Total:
    share: Figure
    part: Figure
    computed: Interval
    point: float


def _part_for_share(facts: _Facts, share: Figure) -> Figure | None:
    candidates = [
        f
        for f in facts.of(share.series, *PART_MEASURES)
        if f.year == share.year and f.fact.scope in DISTRICT_SCOPES
    ]
    same = [
        f
        for f in candidates
        if f.fact.sentence_id == share.fact.sentence_id
        and f.fact.value_start < share.fact.value_start
    ]
    if same:
        return max(same, key=lambda f: f.fact.value_start)
    return candidates[0] if len(candidates) == 1 else None


def _total_ids(totals: list[_Total], kind: str) -> dict[int, str]:
    """``<kind>.<metric>.<year>``, with the part's measure (then id) added only on a clash."""

    def base(t: _Total) -> str:
        return _cid(kind, t.share.metric_id, t.share.year)

    def with_measure(t: _Total) -> str:
        return _cid(base(t), t.part.measure)

    ids: dict[int, str] = {}
    for i, t in enumerate(totals):
        if sum(base(o) == base(t) for o in totals) == 1:
            ids[i] = base(t)
        elif sum(with_measure(o) == with_measure(t) for o in totals) == 1:
            ids[i] = with_measure(t)
        else:
            ids[i] = _cid(base(t), _slug(t.part.id))
    return ids


def _beijing_totals(facts: _Facts, rows: _Rows) -> list[_Total]:
    totals: list[_Total] = []
    for share in facts.figures:
        if share.measure != "share" or share.fact.scope != "share_of_beijing":
            continue
        part = _part_for_share(facts, share)
        if part is None or share.value <= 0:
            continue
        computed = implied_total_interval(part.band, share.band)
        point = part.value / share.value * 100
        totals.append(_Total(share, part, computed, point))
    ids = _total_ids(totals, "share_implied_total")
    for i, t in enumerate(totals):
        share, part, computed, point = t.share, t.part, t.computed, t.point
        if math.isfinite(computed.high):
            rng = part.span(computed)
        else:
            rng = f"at least {part.show(computed.low)}"
        bound = "at no more than" if share.fact.qualifier in ("at_least", "more_than") else "at"
        flagged = share.fact.note and _AMBIGUOUS.search(share.fact.note)
        note = f" Curator's note on the share: {share.fact.note}" if flagged else ""
        rows.add(
            ids[i],
            "share_implied_total",
            "derived",
            metric_id=share.metric_id,
            unit=part.unit,
            point=point,
            computed=computed,
            inputs=[("part", part), ("share", share)],
            explanation=f"Derived, not printed: {part.cite()} being {share.fact.value_text} of "
            f"Beijing's puts the Beijing total ({facts.name(share.metric_id)}) {bound} "
            f"{part.show(point)} ({rng} given rounding; never below Haidian's own).{note}",
        )
    return totals


def _beijing_growth(facts: _Facts, rows: _Rows, totals: list[_Total]) -> None:
    groups: dict[tuple[str, str, str], list[_Total]] = defaultdict(list)
    for t in totals:
        if t.part.single_year:
            groups[(t.share.metric_id, t.part.measure, t.part.unit or "")].append(t)
    for key in sorted(groups):
        series = sorted(groups[key], key=lambda t: t.share.year)
        for a, b in itertools.pairwise(series):
            n = b.share.year - a.share.year
            if n < 1 or not (a.computed.is_bounded and b.computed.is_bounded):
                continue
            computed = cagr_interval(a.computed, b.computed, n)
            point = cagr(a.point, b.point, n)
            own = cagr(a.part.value, b.part.value, n)
            period = f"{a.share.year + 1}-{b.share.year}"
            money = facts.is_money(key[0])
            rows.add(
                _cid("share_implied_total", key[0], "cagr", period),
                "share_implied_total",
                "derived",
                metric_id=key[0],
                unit="percent",
                point=point,
                computed=computed,
                inputs=[
                    ("start", a.part),
                    ("end", b.part),
                    ("before", a.share),
                    ("after", b.share),
                ],
                explanation=f"Derived, not printed: Beijing totals of {a.part.show(a.point)} "
                f"({a.part.fact.value_text} ÷ {a.share.fact.value_text}, {a.share.year}) and "
                f"{b.part.show(b.point)} ({b.part.fact.value_text} ÷ {b.share.fact.value_text},"
                f" {b.share.year}) grow {_pct(point)} a year ({_span(computed, _pct)} given "
                f"rounding){' at current prices' if money else ''}, against Haidian's "
                f"{_pct(own)}.",
            )


def _totals_agree(facts: _Facts, rows: _Rows, totals: list[_Total]) -> None:
    groups: dict[tuple[str, int, str], list[_Total]] = defaultdict(list)
    for t in totals:
        groups[(t.share.metric_id, t.share.year, t.part.unit or "")].append(t)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda t: t.share.id)
        pairs = list(itertools.combinations(group, 2))
        for a, b in pairs:
            ok = a.computed.overlaps(b.computed)
            suffix = [] if len(pairs) == 1 else [f"{_slug(a.share.id)}_vs_{_slug(b.share.id)}"]
            rows.add(
                _cid("share_totals_agree", key[0], key[1], *suffix),
                "share_totals_agree",
                "consistent" if ok else "inconsistent",
                metric_id=key[0],
                unit=a.part.unit,
                point=a.point,
                computed=a.computed,
                stated_band=b.computed,
                inputs=[
                    ("part", a.part),
                    ("share", a.share),
                    ("level", b.part),
                    ("other", b.share),
                ],
                explanation=f"{a.part.cite()} at {a.share.fact.value_text} implies a "
                f"Beijing total of {a.part.span(a.computed)}; {b.part.cite()} at "
                f"{b.share.fact.value_text} implies {b.part.span(b.computed)} (stated_* "
                "columns): "
                + ("the two agree within rounding." if ok else "they cannot both hold."),
            )


# ---------------------------------------------------------------------------
# part_within_whole
# ---------------------------------------------------------------------------


def _part_within(
    rows: _Rows,
    check_id: str,
    part: Figure,
    whole: Interval,
    *,
    inputs: Sequence[tuple[CheckRole, Figure]],
    whole_text: str,
    point_whole: float,
    note: str = "",
) -> None:
    ok = part.band.low < whole.high or (
        part.band.low == whole.high and part.band.low_closed and whole.high_closed
    )
    computed = share_interval(part.band, whole)
    point = part.value / point_whole * 100
    rest = point_whole - part.value
    rows.add(
        check_id,
        "part_within_whole",
        "consistent" if ok else "inconsistent",
        metric_id=part.metric_id,
        unit="percent",
        point=point,
        computed=computed,
        inputs=inputs,
        explanation=f"{part.cite()} is {_pct(point)} of {whole_text} "
        f"({_span(computed, _pct)} given rounding), leaving {part.show(rest)}{note}: "
        + ("the part lies within the whole." if ok else "the part exceeds the whole."),
    )


def _parts_within_wholes(facts: _Facts, rows: _Rows) -> None:
    for part in facts.figures:
        if part.fact.scope != "subset" or part.measure not in PART_MEASURES:
            continue
        wholes = [
            f
            for f in facts.figures
            if f.fact.sentence_id == part.fact.sentence_id
            and f.fact.value_start < part.fact.value_start
            and f.fact.scope == "haidian"
            and f.measure in PART_MEASURES
            and f.unit == part.unit
            and f.year == part.year
        ]
        if not wholes:
            continue
        whole = max(wholes, key=lambda f: f.fact.value_start)
        _part_within(
            rows,
            _cid("part_within_whole", part.metric_id, part.year),
            part,
            whole.band,
            inputs=[("part", part), ("whole", whole)],
            whole_text=f"{facts.name(whole.metric_id).lower()} {whole.cite()}",
            point_whole=whole.value,
        )
    for new in facts.figures:
        if new.measure != "cumulative" or new.single_year or new.fact.scope != "haidian":
            continue
        stocks = [
            f
            for f in facts.of(new.series, "level")
            if f.year == new.year and f.fact.scope == "haidian"
        ]
        if len(stocks) != 1:
            continue
        stock = stocks[0]
        _part_within(
            rows,
            _cid("part_within_whole", new.series, "new_vs_stock"),
            new,
            stock.band,
            inputs=[("part", new), ("whole", stock)],
            whole_text=f"the stock of {stock.cite()}",
            point_whole=stock.value,
            note=f" that existed before {new.first_year} (net of exits)",
        )


# ---------------------------------------------------------------------------
# target_vs_base
# ---------------------------------------------------------------------------


def _base_level(facts: _Facts, target: Figure) -> Figure | None:
    fact = target.fact
    assert isinstance(fact, Target)
    linked = facts.by_id.get(fact.base_indicator_id or "")
    if linked is not None and linked.measure in LEVEL_MEASURES and linked.single_year:
        return linked
    return facts.level(target.series, target.year - 1)


def _growth_targets(facts: _Facts, rows: _Rows) -> None:
    for rate in facts.targets:
        if rate.measure != "growth_yoy" or not rate.single_year:
            continue
        base = _base_level(facts, rate)
        if base is None or base.year != rate.year - 1 or base.value <= 0:
            continue
        implied = _open_floor(implied_end_interval(base.band, rate.band, 1), 0.0)
        point = base.value * (1 + rate.value / 100)
        levels = [
            t
            for t in facts.targets
            if t.series == rate.series
            and t.measure in LEVEL_MEASURES
            and t.fact.period == rate.fact.period
            and t.unit == base.unit
        ]
        head = (
            f"{base.cite()} grown {rate.fact.value_text} gives {base.show(point)} in "
            f"{rate.year} ({base.span(implied)} given rounding)"
        )
        if not levels:
            basis = facts.rate_basis(rate) if facts.is_money(rate.metric_id) else None
            rows.add(
                _cid("target_vs_base", rate.id),
                "target_vs_base",
                "derived",
                metric_id=rate.metric_id,
                unit=base.unit,
                point=point,
                computed=implied,
                inputs=[("base", base), ("rate", rate)],
                explanation=f"Derived, not printed: {head}"
                + (f", {_basis_words(basis)}" if basis else "")
                + f"; the report gives the {rate.year} growth target, not the level.",
            )
            continue
        for level in levels:
            _level_target(facts, rows, base, rate, level, implied, point, head)


def _level_target(
    facts: _Facts,
    rows: _Rows,
    base: Figure,
    rate: Figure,
    level: Figure,
    implied: Interval,
    point: float,
    head: str,
) -> None:
    rate_basis = facts.rate_basis(rate)
    level_basis = facts.level_basis(level.metric_id)
    threshold = level.value
    need = (threshold / base.value - 1) * 100
    need_iv = Interval(
        (threshold / base.band.high - 1) * 100, (threshold / base.band.low - 1) * 100, True, True
    )
    need_text = (
        f"the level target needs nominal growth of {_pct(need)} "
        f"({_span(need_iv, _pct)} given the rounding of {base.fact.value_text})"
    )
    if rate_basis == "unknown":
        verdict: Verdict = "not_comparable"
        tail = (
            f" vs target {level.fact.value_text}: {need_text}; the report does not state the "
            f"price basis of the {rate.fact.value_text} growth target, so the two cannot be "
            "compared."
        )
    elif rate_basis != level_basis:
        verdict = "not_comparable"
        exact_rate = printed_band(rate.fact.value_printed or str(rate.value))
        breakeven = ((1 + need / 100) / (1 + rate.value / 100) - 1) * 100
        be_iv = deflator_interval(need_iv, exact_rate)
        tail = (
            f" vs target {level.fact.value_text}: the {rate.fact.value_text} growth target is "
            f"{'real' if rate_basis == 'comparable' else 'nominal'} and the level "
            f"{'nominal' if level_basis == 'nominal' else 'real'}; {need_text} at current "
            f"prices, which {rate.fact.value_text} real growth delivers unless the "
            f"{rate.year} GDP deflator is below {_pct(breakeven)} ({_span(be_iv, _pct)} "
            "given rounding)."
        )
    else:
        ok = implied.overlaps(level.band)
        verdict = "consistent" if ok else "inconsistent"
        tail = f" vs target {level.fact.value_text}: {need_text}; " + (
            "the targets are compatible." if ok else "the targets cannot both be met."
        )
    rows.add(
        _cid("target_vs_base", level.id),
        "target_vs_base",
        verdict,
        metric_id=level.metric_id,
        unit=level.unit,
        point=point,
        computed=implied,
        stated=level,
        inputs=[("base", base), ("rate", rate), ("target", level)],
        explanation=head + tail,
    )


def _pace_targets(facts: _Facts, rows: _Rows) -> None:
    """Annual targets against the average annual pace of the five years before."""
    for target in facts.targets:
        if target.measure != "flow" or not target.single_year:
            continue
        done = [
            f
            for f in facts.of(target.series, "cumulative")
            if not f.single_year
            and f.year == target.year - 1
            and f.unit == target.unit
            and f.fact.scope == "haidian"
        ]
        if len(done) != 1:
            continue
        cum = done[0]
        n = cum.year - cum.first_year + 1
        pace = scale_interval(cum.band, 1 / n)
        point = cum.value / n
        ratio = target.value / point
        rows.add(
            _cid("target_vs_base", target.id),
            "target_vs_base",
            "derived",
            metric_id=target.metric_id,
            unit=target.unit,
            point=point,
            computed=pace,
            inputs=[("base", cum), ("target", target)],
            explanation=f"Derived: {cum.cite()} is {cum.show(point)} a year on average "
            f"({cum.span(pace)} given rounding); the {target.year} target of "
            f"{target.fact.value_text} is {ratio:.2f}× that pace.",
        )


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def _figures(facts: Sequence[Fact]) -> list[Figure]:
    out = [figure(f) for f in facts]
    return [f for f in out if f is not None]


def check_rows(
    indicators: Sequence[Indicator], targets: Sequence[Target], metrics: Sequence[Metric]
) -> tuple[list[Check], list[CheckInput]]:
    """Every check the report's figures allow, and the inputs each one uses.

    Checks are sorted by ``check_id``; inputs by ``(check_id, role)``.
    """
    facts = _Facts(
        metrics={m.metric_id: m for m in metrics},
        figures=_figures(indicators),
        targets=_figures(targets),
    )
    rows = _Rows()
    _pairs(facts, rows)
    _implied_starts(facts, rows)
    _share_parts(facts, rows)
    _intensity_totals(facts, rows)
    _per_10k_stocks(facts, rows)
    _employment(facts, rows)
    totals = _beijing_totals(facts, rows)
    _beijing_growth(facts, rows, totals)
    _totals_agree(facts, rows, totals)
    _parts_within_wholes(facts, rows)
    _growth_targets(facts, rows)
    _pace_targets(facts, rows)
    return rows.result()


__all__ = ["Figure", "check_rows", "figure"]
