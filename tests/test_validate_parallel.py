"""Tables are read and checked, and the meaning rules run, two tables at a time (polars runs
without the GIL): the report must be exactly what one table after another gives, in the same
order, under every problem cap.

The reference is the same run on one core (``os.cpu_count`` patched to 1), which reads the
tables one by one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from corrupt import (
    copy_package,
    read_descriptor,
    read_table,
    restamp,
    table_path,
    write_table,
)

import haidian_report.validate.rules.engine as engine_module
import haidian_report.validate.run as run_module
from haidian_report.paths import package_dir
from haidian_report.validate import Limits, Report, validate


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return copy_package(package_dir(), tmp_path / "pkg")


def _edit(pkg: Path, table: str, edit: Any) -> None:
    path = table_path(pkg, table)
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([lines[0], *(edit(line) for line in lines[1:] if line)]) + "\n")
    restamp(pkg, table)


def _corrupt(pkg: Path) -> None:
    """Problems in the CSV and Table Schema stages of four tables: a value that is no number in
    every indicator, an unknown category in every metric, a quote inside an unquoted cell in every
    term mention, a missing cell in every program link."""
    for table, column, bad in (("indicators", "value", "x"), ("metrics", "category", "~")):
        header, rows = read_table(pkg, table)
        i = header.index(column)
        write_table(pkg, table, header, [[*r[:i], r[i] + bad, *r[i + 1 :]] for r in rows])
    _edit(pkg, "term_mentions", lambda line: line.replace(",", ',a"b', 1))
    _edit(pkg, "program_links", lambda line: line.rsplit(",", 1)[0])


def _one_core(monkeypatch: pytest.MonkeyPatch, pkg: Path, limits: Limits) -> Report:
    with monkeypatch.context() as patch:
        patch.setattr(os, "cpu_count", lambda: 1)
        return validate(pkg, limits=limits)


@pytest.mark.parametrize(
    "limits",
    [Limits(), Limits(problems_per_resource=25), Limits(problems=120, problems_per_resource=50)],
    ids=["default caps", "resource cap", "run cap"],
)
def test_tables_read_two_at_a_time_report_what_one_by_one_does(
    pkg: Path, monkeypatch: pytest.MonkeyPatch, limits: Limits
) -> None:
    _corrupt(pkg)
    pools: list[int] = []
    real = run_module.ThreadPoolExecutor

    def counted(*args: Any, **kwargs: Any) -> Any:
        pools.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(run_module, "ThreadPoolExecutor", counted)
    monkeypatch.setattr(engine_module, "ThreadPoolExecutor", counted)
    two = validate(pkg, limits=limits)
    one = _one_core(monkeypatch, pkg, limits)
    assert pools == [1, 1]  # tables, then rules, two at a time (the one-core run: one by one)
    assert two.problems == one.problems
    found = {(p.resource, p.code) for p in two.problems}
    if limits.problems < Limits().problems:  # the run cap binds: the tables were read again
        assert sum(p.code != "too-many-problems" for p in two.problems) == limits.problems
        assert ("indicators", "type-error") in found
        return
    assert {
        ("indicators", "type-error"),
        ("metrics", "constraint-error"),
        ("term_mentions", "csv-bare-quote"),
        ("program_links", "missing-cell"),
    } <= found
    if limits == Limits():  # meaning rules found something too (so they ran again in order)
        assert {("term_mentions", "derived-id"), ("program_links", "one-fact")} <= found


@pytest.mark.parametrize("corrupted", [False, True], ids=["valid", "invalid"])
def test_a_large_packages_three_rule_threads_report_what_one_core_does(
    pkg: Path, monkeypatch: pytest.MonkeyPatch, corrupted: bool
) -> None:
    if corrupted:
        _corrupt(pkg)
    widths: list[int | None] = []
    real = engine_module.ThreadPoolExecutor

    def counted(*args: Any, max_workers: int | None = None, **kwargs: Any) -> Any:
        widths.append(max_workers)
        return real(*args, max_workers=max_workers, **kwargs)

    monkeypatch.setattr(engine_module, "ThreadPoolExecutor", counted)
    monkeypatch.setattr(engine_module, "LARGE", 0)  # the shipped package counts as large
    three = validate(pkg)
    one = _one_core(monkeypatch, pkg, Limits())
    assert widths == [3]
    assert three.problems == one.problems and three.valid is not corrupted


def test_a_valid_package_keeps_the_rules_run_two_tables_at_a_time(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = engine_module._table

    def counted(ctx: Any, rules: Any, table: Any, pending: Any = None) -> None:
        calls.append(table.name)
        real(ctx, rules, table, pending)

    monkeypatch.setattr(engine_module, "_table", counted)
    report = validate(pkg)
    assert report.valid, report.render(10)
    assert sorted(calls) == sorted(report_tables(pkg))  # each table's rules ran once


def report_tables(pkg: Path) -> list[str]:
    """The tables of the package (every resource but the source text)."""
    return [r["name"] for r in read_descriptor(pkg)["resources"] if r["name"] != "source"]


class _Backwards:
    """A stand-in for the two-thread pool that takes the tables last first: the order a busy
    machine can give, where a table's rules finish before those of a table listed above it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _Backwards:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, function: Any, items: Any) -> list[Any]:
        return [function(item) for item in reversed(list(items))][::-1]


def test_the_rules_report_what_one_table_after_another_gives_whichever_table_ends_first(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 每万人发明专利拥有量预计550件: 550 per 10,000 people. With its unit made a plain count,
    # the fact is reported (unit-per-word); the derivation that scales it is then left alone,
    # as in a run one table after another. A helper cached while the derivations' rules ran
    # before the indicators' (CI, 1 December) had read the indicator as sound, and the run in
    # order reused it: derived-roles on the derivation too.
    metric = "invention_patents_per_10k_people"
    header, rows = read_table(pkg, "indicators")
    key = next(r[0] for r in rows if r[header.index("metric_id")] == metric)
    for table, row_key in (("indicators", key), ("metrics", metric)):
        header, rows = read_table(pkg, table)
        for r in rows:
            if r[0] == row_key:
                r[header.index("unit")] = "count"
        write_table(pkg, table, header, rows)
    one = _one_core(monkeypatch, pkg, Limits())
    monkeypatch.setattr(engine_module, "ThreadPoolExecutor", _Backwards)
    backwards = validate(pkg)
    assert {p.code for p in one.problems} == {"unit-per-word"}
    assert backwards.problems == one.problems


def test_validation_leaves_the_callers_polars_settings_alone(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # polars' Config is one per process: a validator that set it for its run (as code 0.4.1
    # did before release) changed it under the caller's other threads, and two overlapping
    # runs left it changed. The validator names its engine on each query instead.
    import polars as pl

    def affinity() -> object:
        return pl.Config.state(if_set=True).get("POLARS_ENGINE_AFFINITY")

    seen: list[object] = []
    real = engine_module._table

    def watched(ctx: Any, rules: Any, table: Any, pending: Any = None) -> None:
        seen.append(affinity())
        real(ctx, rules, table, pending)

    monkeypatch.setattr(engine_module, "_table", watched)
    with pl.Config(engine_affinity="streaming"):
        assert validate(pkg).valid
        assert affinity() == "streaming"
    assert seen and set(seen) == {"streaming"}


def _lazy_rule(monkeypatch: pytest.MonkeyPatch, query: Any) -> None:
    """Add one rule, on indicators, that returns ``query(table)`` (a LazyFrame)."""
    from haidian_report.validate.rules.engine import RULES, Rule

    def lazy_rule(ctx: Any, table: Any) -> Any:
        """A test's rule that returns a query."""
        return query(table)

    added = Rule("test-lazy", lazy_rule, {"value": "number"}, ("indicators",), "value", False)
    monkeypatch.setattr(engine_module, "RULES", [*RULES, added])


def test_the_queries_of_a_tables_rules_run_together_in_one_collect_all(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polars as pl

    made: list[pl.LazyFrame] = []

    def query(table: Any) -> pl.LazyFrame:
        made.append(table.frame.lazy().filter(pl.lit("test-rule-query") == "x"))
        return made[-1]

    _lazy_rule(monkeypatch, query)
    batches: list[list[str]] = []
    real = pl.collect_all

    def counted(queries: Any, **kwargs: Any) -> Any:
        queries = list(queries)
        batches.append([q.explain(optimized=False) for q in queries])
        return real(queries, **kwargs)

    monkeypatch.setattr(pl, "collect_all", counted)
    assert validate(pkg).valid
    holding = [b for b in batches if any("test-rule-query" in plan for plan in b)]
    # the table's rules' queries at once: the test's rule's, and those of the package's own
    assert len(made) == 1 and len(holding) == 1 and len(holding[0]) > 1


@pytest.mark.parametrize("cores", [1, 2])
def test_a_rules_query_that_finds_rows_is_reported_as_a_frame_would_be(
    pkg: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    import polars as pl

    from haidian_report.validate.model import ROW

    # rows 2 and 3 of indicators (a put-off query that finds rows sends the run back to the
    # run in order, where it is run at once)
    _lazy_rule(
        monkeypatch,
        lambda table: (
            table.frame.lazy()
            .filter(pl.col(ROW).is_in([2, 3]))
            .select(ROW, pl.lit("found by a query").alias("message"))
        ),
    )
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    report = validate(pkg)
    found = [(p.code, p.resource, p.row, p.field, p.message) for p in report.problems]
    assert found == [
        ("test-lazy", "indicators", 2, "value", "found by a query"),
        ("test-lazy", "indicators", 3, "value", "found by a query"),
    ]


def test_a_rules_query_that_fails_is_a_rule_error_and_the_rest_still_run(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polars as pl

    # a cast that fails when the query runs (not when the rule builds it)
    _lazy_rule(
        monkeypatch,
        lambda table: table.frame.lazy().select(
            pl.col("quote").cast(pl.Int64, strict=True).alias("message")
        ),
    )
    report = validate(pkg)
    errors = [p for p in report.problems if p.code == "rule-error"]
    assert len(errors) == 1 and errors[0].resource == "indicators"
    assert "test-lazy" in errors[0].message
    assert len(report.problems) == 1  # the package's own rules ran and found nothing
