"""The rule engine: meaning rules as a list of small named functions, each with its code.

A rule is a function ``(ctx, table) -> hits`` registered with :func:`rule`: it runs on every
table that has the columns (and types) it needs, and returns the offending rows as a polars
DataFrame (or a LazyFrame that gives one) with :data:`~haidian_report.validate.model.ROW` and
``message`` columns (and ``field`` when the field varies), or as an iterable of :class:`Hit`.
The engine keeps what the problem caps allow, and an exception inside a rule becomes a
``rule-error`` problem on that table: the other rules still run, and the report is complete.

A rule that returns a LazyFrame lets the engine run its query together with every other
rule's, in one ``polars.collect_all``: a query's fixed cost (a few hundred microseconds) is
most of what a rule costs on a package of a few thousand rows.

Adding a rule is one function and its test (a new module of rules is also named in
:data:`haidian_report.validate.rules.ORDER`, which sets the order rules run and report in)::

    @rule("cagr-annual-average", needs={"measure": "string", "quote": "string"}, field="measure")
    def cagr_says_annual_average(ctx: Context, table: Table) -> Hits:
        \"\"\"A CAGR row's quote says 年均 (average annual) before its value.\"\"\"
        ...
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial, wraps
from typing import TypeAlias, TypeVar

import polars as pl

from haidian_report.validate.model import FATAL, ROW, Context, Table
from haidian_report.validate.text import show


@dataclass(frozen=True)
class Hit:
    """One offending row of a rule written row by row."""

    row: int | None
    message: str
    field: str | None = None


Hits: TypeAlias = "pl.DataFrame | pl.LazyFrame | Iterable[Hit] | None"
RuleFunction: TypeAlias = Callable[[Context, Table], Hits]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code, what it needs, and the function."""

    code: str
    function: RuleFunction
    needs: dict[str, str]
    tables: tuple[str, ...]
    field: str | None
    source: bool

    @property
    def name(self) -> str:
        return self.function.__name__

    @property
    def doc(self) -> str:
        """The first line of the rule's docstring: what must hold."""
        return (self.function.__doc__ or "").strip().splitlines()[0]

    def applies(self, table: Table, types: dict[str, str] | None = None) -> bool:
        """True when ``table`` is one the rule is for and has the columns it needs (``types``:
        the table's field types, when the caller has them already)."""
        if self.tables and table.name not in self.tables:
            return False
        if types is None:
            types = table.spec.types()
        return all(types.get(c) == t or (t == "*" and c in types) for c, t in self.needs.items())


T = TypeVar("T")


def per_table(helper: Callable[[Context, Table], T]) -> Callable[[Context, Table], T]:
    """Compute a helper that several rules share once per table and run (kept in
    ``table.cache``): what rules derive from a table's frames does not change while they run.
    """
    key = f"helper:{helper.__module__}.{helper.__qualname__}"

    @wraps(helper)
    def shared(ctx: Context, table: Table) -> T:
        if key not in table.cache:
            table.cache[key] = helper(ctx, table)
        found: T = table.cache[key]
        return found

    return shared


#: Rows (all tables) from which the first pass takes three threads, not two.
LARGE = 50_000

#: Every rule, in the order it runs (:data:`haidian_report.validate.rules.ORDER`).
RULES: list[Rule] = []


def rule(
    code: str,
    *,
    needs: dict[str, str],
    tables: tuple[str, ...] = (),
    field: str | None = None,
    source: bool = False,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule. ``needs`` maps column → Table Schema type ("*" for any type);
    ``tables`` limits it to tables of those names; ``field`` is the column its problems name
    (a rule returning a ``field`` column names it per row); ``source`` says that it reads the
    source text (it is skipped when the package has none it may read)."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES.append(Rule(code, function, dict(needs), tables, field, source))
        return function

    return register


def arrange(order: Sequence[str]) -> None:
    """Put :data:`RULES` in the order of the rule modules named in ``order`` (each module's
    rules in the order it registered them), whatever order the modules were imported in.

    Raises RuntimeError when a module that registered rules is not in ``order``: the order of
    a report must be written down, not left to imports (a bug in this package, caught by its
    tests, never by a user's input)."""
    place = {name: i for i, name in enumerate(order)}
    missing = sorted({_module(r) for r in RULES} - set(place))
    if missing:
        raise RuntimeError(f"rule modules missing from ORDER: {', '.join(missing)}")
    RULES.sort(key=lambda r: place[_module(r)])  # stable: a module keeps its own order


def _module(r: Rule) -> str:
    return r.function.__module__.rsplit(".", 1)[-1]


def run(ctx: Context, rules: Iterable[Rule] | None = None) -> None:
    """Apply every rule to every table it applies to.

    A first pass is optimistic: tables are taken two at a time (three from :data:`LARGE` rows;
    polars works without the GIL; one at a time on one core), and the queries of a table's rules
    that return a LazyFrame are put off and then run together in one ``polars.collect_all``
    (while the other threads go on with their tables' rules). A rule may read what was found in
    other tables (:func:`~haidian_report.validate.rules.common.flawed`), so this pass is kept
    only when no rule found anything (nor failed), which is then exactly what one table after
    another gives; otherwise the rules run again one table after another, in descriptor order,
    each query at once, and that run is the report."""
    chosen = list(RULES if rules is None else rules)
    tables = list(ctx.tables.values())
    if _optimistic(ctx, chosen, tables):
        return
    for table in tables:
        _table(ctx, chosen, table)


def _optimistic(ctx: Context, rules: list[Rule], tables: list[Table]) -> bool:
    """The first pass of :func:`run`: True when it found nothing, and nothing stays of it
    otherwise (problems, hints, and what rules kept in the tables' caches are as before)."""
    problems = ctx.problems
    before = (len(problems.kept), Counter(problems.counts), Counter(problems.dropped))
    hints = problems.hints_left
    cached = [set(t.cache) for t in tables]
    work = partial(_deferred, ctx, rules)
    if len(tables) > 1 and (os.cpu_count() or 1) > 1:
        # a third thread lets Python run rules while two tables' queries run in polars, once
        # queries take long enough (bench_validate.py at 100x the rows: 0.89-0.96x the wall
        # time of two, three runs); on small tables it only contends for the GIL
        workers = 3 if sum(t.frame.height for t in tables) >= LARGE else 2
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # the tables with most rules first, so that the threads end together (the
            # order of this pass changes nothing it finds: it is kept only when it finds none)
            quiet = all(list(pool.map(work, _costliest_first(tables, rules))))
    else:
        quiet = all([work(table) for table in tables])
    if quiet and (len(problems.kept), problems.dropped, problems.hints_left) == (
        before[0],
        before[2],
        hints,
    ):
        return True
    del problems.kept[before[0] :]
    problems.counts, problems.dropped, problems.hints_left = before[1], before[2], hints
    # what rules kept in a table's cache on the threads may have read another table's
    # problems before they were found (a per_table helper calling flawed()): forget it, so
    # that the run in order is exactly what one table after another gives
    for table, keys in zip(tables, cached, strict=True):
        for key in set(table.cache) - keys:
            del table.cache[key]
    return False


def _costliest_first(tables: list[Table], rules: list[Rule]) -> list[Table]:
    """``tables`` by the work their rules will take, the most first: the number of rules that
    apply, then rows (longest first is how two workers end closest together)."""

    def cost(table: Table) -> tuple[int, int]:
        types = table.spec.types()
        return sum(r.applies(table, types) for r in rules), table.frame.height

    return sorted(tables, key=cost, reverse=True)


def _deferred(ctx: Context, rules: list[Rule], table: Table) -> bool:
    """The rules of ``table``, their queries put off and then run in one ``collect_all``:
    True when none of those found a row or failed (what the others found is in ``ctx``)."""
    pending: list[pl.LazyFrame] = []
    _table(ctx, rules, table, pending)
    if not pending:
        return True
    # a row of each is enough to know (a rule that finds every row of a large table is not
    # made to format them all here, only to be run again in order)
    try:
        firsts = pl.collect_all([query.head(1) for query in pending], engine="in-memory")
        return not any(f.height for f in firsts)
    except BaseException as exc:  # the run in order reports it, as the rule's own error
        if isinstance(exc, FATAL):
            raise
        return False


def _table(
    ctx: Context,
    rules: list[Rule],
    table: Table,
    pending: list[pl.LazyFrame] | None = None,
) -> None:
    """Every rule that applies to ``table``; an exception becomes a ``rule-error``. With
    ``pending``, the queries of rules that return a LazyFrame are put there, not run."""
    types = table.spec.types()  # once, not once per rule
    for r in rules:
        if not r.applies(table, types) or (r.source and ctx.source is None):
            continue
        try:
            hits = r.function(ctx, table)
            if isinstance(hits, pl.LazyFrame):
                if pending is not None:
                    pending.append(hits)
                    continue
                hits = hits.collect(engine="in-memory")
            _emit(ctx, table, r, hits)
        except BaseException as exc:  # a rule's bug must not cost the rest of the report
            if isinstance(exc, FATAL):
                raise  # (polars panics are BaseExceptions too: they are caught)
            ctx.add(
                "rule-error",
                f"rule {r.code} ({r.name}) stopped on {type(exc).__name__}: "
                f"{show(str(exc), 200)}; the other rules ran",
                table.name,
            )


def _emit(ctx: Context, table: Table, r: Rule, hits: pl.DataFrame | Iterable[Hit] | None) -> None:
    if hits is None:
        return
    if isinstance(hits, pl.DataFrame):
        if not hits.height:
            return
        room = ctx.problems.room(table.name)
        has_field = "field" in hits.columns
        cols = [ROW, "message", *(["field"] if has_field else [])]
        # sorted by row, field and message: which hits a cap keeps, and the order of a row's
        # hits, are then the package's alone (not the order a join or group-by left them in)
        kept = hits.sort(ROW, *cols[2:], "message", nulls_last=True).head(room).select(cols)
        for values in kept.iter_rows():
            field = values[2] if has_field else r.field
            # a message formatted from a cell that reads as null is null itself: say the rule
            message = values[1] if values[1] is not None else f"the row breaks rule {r.code}"
            ctx.add(r.code, message, table.name, values[0], field)
        ctx.problems.drop(table.name, hits.height - kept.height)
        return
    for hit in hits:
        ctx.add(r.code, hit.message, table.name, hit.row, hit.field or r.field)
