"""Rules on the numbers of a check's or derivation's English explanation: each is printed in
its inputs or recomputed from them.

An explanation (``explanation_en``) says in words what the row computed: "Endpoint CAGR 9.97%
(9.85% to 10.08%) from 5908亿元 (2016) → 9500亿元 (2021, est.) vs stated 7.6% a year…". The
arithmetic rules hold the row's numbers to its inputs; this one holds the words to both, so a
number edited in the English alone (9.97% → 9.79%) is a problem. Every number in it is

* printed in an input's quote (5908, 9500, 7.6), or a year or span of an input's period;
* one of the row's own numbers, or an input's value or rounding band, as the text writes it
  (9.96554 → 9.97; 1.007e12 yuan → 10070亿元: scaled by 万, 亿, 万亿 or per cent, within the
  rounding of the digits shown);
* or recomputed from two of those (a difference: "leaving 87家"; a ratio: "0.95× that pace";
  growth, a deflator or a CAGR over the input's years; a power: "×1.4423"), where a number so
  explained may in turn explain another ("the 172260件 held…, leaving 13.53万件").

Small counts (1, 5: "(1 + 26.7%)^5") are explained by almost anything; the rule bites on the
figures with three or more digits, which is where an edit changes what a reader cites. Rows
whose inputs are not all there to read are skipped (a derived package may drop them).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final, NamedTuple

import polars as pl

from haidian_report import growth as g
from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.common import flagged
from haidian_report.validate.rules.engine import Hits, rule
from haidian_report.validate.rules.inputs import inputs

#: A number as the English writes it, with what follows it: 9.97%, 5908亿元, 10,000 (a sign
#: is not part of it).
NUMBER: Final = re.compile(
    r"([0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(万亿|亿|万|%)?"
)
#: How a figure in base units is written before each suffix: in 万亿, 亿, 万, per cent (a
#: share computed as a fraction is written ×100), or as it is.
SCALES: Final = {"万亿": (1e12,), "亿": (1e8,), "万": (1e4,), "%": (1.0, 0.01), "": (1.0,)}
#: Numbers any explanation may write: one (1 + r), a hundred per cent, "per 10,000".
CONSTANTS: Final = (1.0, 100.0, 10_000.0)
#: Relative error of a stored figure (six significant digits, bounds rounded outwards).
STORED: Final = 1e-5
#: An input cited by its printed figure and its period: 5908亿元 (2016), 464条 (2017-2021).
CITED: Final = re.compile(
    r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(?:万亿|亿|万)?[^\s()0-9]{0,8} \((?:19|20)[0-9]{2}[-,)]"
)
#: Integers that read as years: only an input's years (or its quote) explain them.
YEARS: Final = (1900, 2100)
#: The row's own numbers, in checks and in derivations.
OWN: Final = ("computed_point", "computed_low", "computed_high", "stated_value", "stated_low",
              "stated_high", "point", "low", "high")  # fmt: skip


class Input(NamedTuple):
    """What an explanation may cite of one input fact."""

    quote: str | None
    printed: str | None
    value: float | None
    qualifier: str | None
    period: str | None
    unit: str | None = None
    note: str | None = None


class _Token(NamedTuple):
    text: str
    x: float
    tol: float
    scales: tuple[float, ...]

    @property
    def year(self) -> bool:
        return self.scales == (1.0,) and "." not in self.text and YEARS[0] <= self.x <= YEARS[1]


def _tokens(text: str) -> list[_Token]:
    found = []
    for token, suffix in NUMBER.findall(text):
        x = float(token.replace(",", ""))
        decimals = len(token.split(".")[1]) if "." in token else 0
        tol = 0.5 * 10.0**-decimals + abs(x) * STORED + 1e-12
        found.append(_Token(token, x, tol, SCALES[suffix]))
    return found


def _years(period: str | None) -> list[float]:
    return [float(y) for y in re.findall(r"(?:19|20)[0-9]{2}", period or "")]


@lru_cache(maxsize=4096)
def _figures(fact: Input) -> tuple[float, ...]:
    """The fact's value and the ends of its rounding bands, in its unit (a figure per 10,000
    people also per person)."""
    if fact.value is None:
        return ()
    found = [fact.value]
    # the band as qualified (6%以上: [5.5, inf)) and as printed (a deflator reads [5.5, 6.5))
    for qualifier in {fact.qualifier or "exact", "exact"}:
        try:
            shown = float((fact.printed or "").replace(",", ""))
            band = g.printed_band(fact.printed or "", qualifier=qualifier)  # type: ignore[arg-type]
        except (ValueError, TypeError, ArithmeticError):
            continue
        scale = abs(fact.value) / shown if shown else 1.0
        found += [e * scale for e in (band.low, band.high) if math.isfinite(e)]
    if "10k_" in (fact.unit or ""):
        found += [f / 1e4 for f in found]
    return tuple(found)


def _binary(a: float, b: float, spans: Iterable[float]) -> list[float]:
    """What two figures give: difference, product, ratio, a percentage of, growth, a deflator,
    a CAGR over the inputs' years."""
    out = [a - b, a * b, a * b / 100]
    if b:
        out += [a / b, a / b * 100, (a / b - 1) * 100]
        if b > -100:
            out.append(((1 + a / 100) / (1 + b / 100) - 1) * 100)
        if a / b > 0:
            out += [((a / b) ** (1 / n) - 1) * 100 for n in spans]
    return out


def _partners(a: float, y: float, spans: Iterable[float]) -> list[float]:
    """The figures b for which :func:`_binary` (a, b) may give ±y: each operation solved for b
    (the caller checks the b it finds by computing forward)."""
    out = []
    for v in (y, -y):
        out += [a - v, a + v]
        if a:
            out += [v / a, 100 * v / a]
        if v:
            out += [a / v, 100 * a / v]
        if v != -100:
            out += [a / (1 + v / 100), ((1 + a / 100) / (1 + v / 100) - 1) * 100]
            if 1 + v / 100 > 0:
                out += [a / _power(1 + v / 100, n) for n in spans]
    return out


def _unary(a: float, spans: Iterable[float]) -> list[float]:
    """What one rate gives over n years: compounded, and as an annual average."""
    if a <= -100:
        return []
    return [
        v for n in spans for v in (_power(1 + a / 100, n), (_power(1 + a / 100, 1 / n) - 1) * 100)
    ]


def _power(base: float, n: float) -> float:
    """``base ** n``, infinite where it overflows (a float power raises instead: a hostile
    figure of 1e100 made the rule stop)."""
    try:
        result: float = base**n
    except OverflowError:
        return math.inf
    return result


class _Pool:
    """Figures in base units, sorted by size, for lookups within a tolerance."""

    def __init__(self, figures: Iterable[float]) -> None:
        self.sizes = sorted({abs(f) for f in figures if math.isfinite(f)})

    def near(
        self, t: _Token, scales: Iterable[float] | None = None, tol: float | None = None
    ) -> bool:
        tol = t.tol if tol is None else tol
        for s in t.scales if scales is None else scales:
            i = bisect_left(self.sizes, (t.x - tol) * s)
            if i < len(self.sizes) and self.sizes[i] <= (t.x + tol) * s:
                return True
        return False


def _near(sizes: list[float], y: float, tol: float) -> bool:
    """``any(abs(v - y) <= tol for v in sizes)`` for ``sizes`` sorted and finite, ``y`` and
    ``tol`` finite: only the sizes about ``y`` (found by bisection) are compared.

    >>> _near([1.0, 2.0, 3.5], 3.0, 0.5), _near([1.0, 2.0, 3.5], 2.7, 0.2)
    (True, False)
    """
    margin = (abs(y) + tol) * 1e-9  # far above the rounding of y ± tol
    high = y + tol + margin
    for i in range(bisect_left(sizes, y - tol - margin), len(sizes)):
        if sizes[i] > high:
            return False
        if abs(sizes[i] - y) <= tol:
            return True
    return False


def _paired(
    t: _Token,
    figures: Sequence[float],
    spans: set[float],
    given: dict[tuple[float, float], list[float]] | None = None,
) -> bool:
    """True when two of ``figures`` give the token (:func:`_binary`), as it is written
    (``given``: what pairs gave already, by the caller's tokens, as sorted finite sizes)."""
    ordered = sorted(set(figures))
    given = {} if given is None else given
    for s in t.scales:
        y, tol = t.x * s, t.tol * s
        finite = math.isfinite(y) and math.isfinite(tol)
        for a in ordered:
            tried: set[float] = set()  # each b once: several partners fall by the same b
            for b_want in _partners(a, y, spans):
                if not math.isfinite(b_want):
                    continue
                i = bisect_left(ordered, b_want)
                for b in ordered[max(i - 1, 0) : i + 1]:
                    if b in tried:
                        continue
                    tried.add(b)
                    if not finite:  # (a number of hundreds of digits): every size compared
                        if any(abs(abs(v) - y) <= tol for v in _binary(a, b, spans)):
                            return True
                        continue
                    sizes = given.get((a, b))
                    if sizes is None:
                        found = (abs(v) for v in _binary(a, b, spans))
                        sizes = given[a, b] = sorted(v for v in found if math.isfinite(v))
                    if _near(sizes, y, tol):
                        return True
    return False


def unexplained(
    text: str, own: Sequence[float | None], facts: Sequence[Input], key: str = ""
) -> list[str]:
    """The numbers of ``text`` that neither the inputs print nor their figures and ``own`` give
    (``key``, the row's id, names its period: implied_start.gdp.2020).

    >>> fact = Input("地区生产总值由2016年的5908亿元", "5908", 5.908e11, "exact", "2016")
    >>> end = Input("预计增至9500亿元", "9500", 9.5e11, "exact", "2021")
    >>> text = "5908亿元 (2016) → 9500亿元 (2021) is a change of +60.80%"
    >>> unexplained(text, [60.7989], [fact, end])
    []
    >>> edited = text.replace("60.80", "62.80").replace("2016)", "2018)")
    >>> unexplained(edited, [60.7989], [fact, end])
    ['2018', '62.80']
    """
    years = sorted({y for f in facts for y in _years(f.period)})
    spans = {b - a for a in years for b in years if b > a}
    spans |= {ys[1] - ys[0] + 1 for f in facts if len(ys := _years(f.period)) == 2}
    years += _years(key)  # the years the row's id names (implied_start.gdp.2020)
    said = " ".join(f"{f.quote or ''} {f.note or ''}" for f in facts)
    quoted = [float(n.replace(",", "")) for n, _ in NUMBER.findall(said)]
    printed = _Pool([*CONSTANTS, *years, *spans, *quoted])
    tokens = _tokens(text)
    # an input cited with its period is its printed figure, exactly
    miscited = [c for c in CITED.findall(text) if float(c.replace(",", "")) not in set(quoted)]
    # a year is explained by a year of the inputs (or their quotes) alone, exactly
    wrong_years = [t for t in tokens if t.year and not printed.near(t, (1.0,), 0.0)]
    left = [t for t in tokens if not t.year and not printed.near(t, (1.0,))]
    figures = [f for f in own if f is not None] + [v for f in facts for v in _figures(f)]
    if left:
        direct = _Pool([*figures, *(u for a in figures for u in _unary(a, spans))])
        left = [t for t in left if not direct.near(t)]
    given: dict[tuple[float, float], list[float]] = {}  # pairs the tokens share
    left = [t for t in left if not _paired(t, figures, spans, given)]
    if left:
        # a number explained above may explain another (172260件 held, leaving 13.53万件)
        shown = [t.x * t.scales[0] for t in tokens if t not in left and not t.year]
        left = [t for t in left if not _paired(t, [*figures, *shown], spans, given)]
    return [t.text for t in tokens if t in left or t in wrong_years or t.text in miscited]


@rule(
    "explanation-number",
    needs={"kind": "string", "explanation_en": "string"},
    field="explanation_en",
)
def every_number_of_the_explanation_is_explained(ctx: Context, table: Table) -> Hits:
    """Every number of a check's or derivation's explanation is printed in its inputs' quotes,
    is one of its own or its inputs' figures as the text writes it, or is recomputed from two
    of them."""
    # (a row whose inputs no formula of its kind uses lacks some: check-recomputed says which,
    # and the numbers the missing inputs printed are not reported again, one by one)
    found = inputs(ctx, table)
    if found is None:
        return None
    key, links = found
    own = [c for c in OWN if table.has(c) and table.typed(c, "number")]
    per = (
        links.lazy()
        .sort("role", maintain_order=True)  # (inputs of one role in the table's order)
        .group_by("__check")
        .agg(
            pl.col("__found").all().alias("__all"),
            pl.struct(
                "quote", "value_printed", "value", "qualifier", "period", "unit", "note"
            ).alias("__in"),
        )
    )
    # each distinct (explanation, own figures, inputs, years of the id) read once, in one
    # query: copies of a row share theirs
    groups = (
        table.frame.lazy()
        .filter(
            table.clean("explanation_en", *own)
            & pl.col("explanation_en").is_not_null()
            & ~pl.col(ROW).is_in(flagged(ctx, table.name, "kind"))
        )
        .with_columns(pl.col(key).cast(pl.String).alias("__check"))
        .join(per, on="__check", how="inner")
        .filter(pl.col("__all"))
        .select(
            ROW,
            "explanation_en",
            (
                pl.concat_list([pl.col(c).cast(pl.Float64) for c in own])
                if own
                else pl.lit([], pl.List(pl.Float64))
            ).alias("__own"),
            "__in",
            pl.col("__check").str.extract_all(r"(?:19|20)[0-9]{2}").list.join(" ").alias("__ky"),
        )
        # grouped by the values themselves, not a hash of them: rows share a verdict only
        # when what the rule reads is equal
        .group_by(pl.struct("explanation_en", "__own", "__in", "__ky").alias("__h"))
        .agg(pl.col(ROW), pl.exclude(ROW).first())
        .collect(engine="in-memory")  # the streaming engine costs more on small frames
    )
    rows: list[int] = []
    messages: list[str] = []
    for copies, text, own_figures, ins, key_years in groups.select(
        ROW, "explanation_en", "__own", "__in", "__ky"
    ).iter_rows():
        facts = [
            Input(i["quote"], i["value_printed"], i["value"], i["qualifier"], i["period"],
                  i["unit"], i["note"])
            for i in ins
        ]  # fmt: skip
        bad = unexplained(text, own_figures, facts, key_years)
        if bad:
            rows += copies
            messages += [
                f"{', '.join(bad)}: neither printed in the inputs' quotes (or notes) nor "
                "recomputed from the row's figures or its inputs'"
            ] * len(copies)
    if not messages:
        return None
    return pl.DataFrame(
        {ROW: rows, "message": messages}, schema={ROW: pl.Int64, "message": pl.String}
    )
