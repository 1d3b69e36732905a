"""A validation report is a function of the package: the same bytes, the same report.

Users gate CI on ``haidian-report validate``; a report whose problems, rows, fields or
messages change from one run to the next of the same package is a flaky CI. What could make
them change is what the package does not decide: the order polars leaves rows in after a join,
``unique`` or ``group_by`` (and which of several rows its ``keep="any"`` keeps), ties of a
sort, the number of polars threads, and Python's string hash seed (the iteration order of a
set of texts). Here packages whose duplicated rows and tied spans reach the rules that once
picked one row of several, and every eighth case of the corruption corpora, are validated in
one subprocess per configuration (polars threads, hash seed, the large-table paths of
``test_validate_scale_paths`` forced), and every report must be the same, problem for
problem: code, resource, row, field and message, in order.

Each subprocess starts with new polars hash seeds, so a rule that reads rows in the order a
hash left them gives a coin per subprocess; the packages below give it many coins (several
rows and keys that each may fall either way), so that such a rule fails here.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from corrupt import copy_package, read_table, row_of, write_table
from test_validate_scale_paths import CASES, THRESHOLDS

import haidian_report.validate
from haidian_report.paths import package_dir

#: The validator's package: its modules are read by the static check below.
VALIDATOR = Path(haidian_report.validate.__file__).parent

#: (POLARS_MAX_THREADS, PYTHONHASHSEED, large-table paths forced) of each run.
CONFIGURATIONS = ((1, 0, False), (2, 1, True), (3, 2, False))

#: Every how many corpus cases (sorted by name) one is validated here: each costs a validation
#: per configuration, and rules whose order is the package's give every case the same report.
CORPUS_STEP = 8

#: Validates every package of the index file given, printing each report as JSON lines.
DRIVER = """
import importlib, json, sys
from haidian_report.validate import validate
index, force = json.loads(open(sys.argv[1], encoding="utf-8").read()), sys.argv[2] == "1"
for module, name in json.loads(sys.argv[3]) if force else []:
    setattr(importlib.import_module(module), name, 0)
for name, path in index:
    problems = [[p.code, p.resource, p.row, p.field, p.message] for p in validate(path).problems]
    print(json.dumps([name, problems], ensure_ascii=False))
"""


def _source() -> str:
    return (package_dir() / "data" / "haidian-2021-government-work-report.txt").read_text(
        encoding="utf-8"
    )


def _sentence_of(pkg: Path, at: int) -> str:
    header, rows = read_table(pkg, "sentences")
    i, s, e = (header.index(c) for c in ("sentence_id", "start", "end"))
    return next(r[i] for r in rows if int(r[s]) <= at < int(r[e]))


def group_members_mentioned_several_times(pkg: Path) -> None:
    """Links from a figure that counts an open group (…、…、…等N) to a program with several
    mentions in the group, each ending where the text up to the figure is the group's tail:
    link-group-member names one of them (the first)."""
    source = _source()
    header, mentions = read_table(pkg, "program_mentions")
    _, programs = read_table(pkg, "programs")
    lh, links = read_table(pkg, "program_links")
    groups = (  # (group text, the words of its members, the fact of its figure)
        ("绘制人工智能、集成电路、医药健康、空天等10个领域",
         ("人工智能", "集成电路", "医药健康", "空天"),
         ("indicator_id", "industrial_chain_map_fields.cumulative.2017-2021")),
        ("在人工智能、集成电路、医药健康等11个领域",
         ("人工智能", "集成电路", "医药健康"),
         ("indicator_id", "underlying_innovation_fields.cumulative.2017-2021")),
        ("3个社区卫生服务中心、12个社区卫生服务站和北部医疗中心等4个",
         ("社区卫生服务中心", "社区卫生服务站"),
         ("target_id", "medical_support_facilities_under_construction.flow.2022")),
    )  # fmt: skip
    for n, (text, words, (column, fact)) in enumerate(groups):
        start = source.index(text)
        sentence = _sentence_of(pkg, start)
        for program in programs[10 * n : 10 * n + 6]:  # several links, each its own coin
            pid = program[0]
            for word in words:
                a = source.index(word, start)
                cells = {"mention_id": f"{pid}@{a}", "program_id": pid, "part": "part1",
                         "sentence_id": sentence, "quote": word, "quote_start": str(a),
                         "quote_end": str(a + len(word))}  # fmt: skip
                mentions.append([cells.get(c, "") for c in header])
            link = {"link_id": f"{pid}@{fact}", "program_id": pid, column: fact}
            links.append([link.get(c, "") for c in lh])
    write_table(pkg, "program_mentions", header, mentions)
    write_table(pkg, "program_links", lh, links)


def copies_of_a_figure_given_other_metrics(pkg: Path) -> None:
    """Copies of figures (one span, several rows) given other metrics, in sentences where the
    figure before follows with no separator (由2016年的5908亿元预计增至9500亿元): the copies tie
    in metric-word's sort, and each is judged from the figure before, not from its copies (the
    words 预计增至 name no metric)."""
    header, rows = read_table(pkg, "indicators")
    _, metrics = read_table(pkg, "metrics")
    others = [m[0] for m in metrics[:8]]
    tied = (
        "gdp.level.2021",
        "resident_population.level.2021",
        "per_capita_disposable_income.level.2021",
        "labour_productivity.level.2021",
    )
    for key in tied:
        original = rows[row_of(pkg, "indicators", key) - 1]
        for metric in others:
            copy = list(original)
            copy[0], copy[header.index("metric_id")] = f"{metric}.{key}", metric
            rows.append(copy)
    # and copies given the metric the words before them do not name (累计办理各级人大建议1551件、
    # 各级政协提案1268件: 1268件 is the proposals', never the suggestions'), which it reports
    original = rows[row_of(pkg, "indicators", "cppcc_proposals_handled.cumulative.2017-2021") - 1]
    for n in range(3):
        copy = list(original)
        copy[0] = f"npc_suggestions_handled.cumulative.2017-2021.copy{n}"
        copy[header.index("metric_id")] = "npc_suggestions_handled"
        rows.append(copy)
    write_table(pkg, "indicators", header, rows)


def metrics_given_twice_with_other_units(pkg: Path) -> None:
    """Every metric given first a row with another unit, then its own (primary-key reports
    the second): unit-metric reads a metric_id's first row, and reports the facts by it."""
    header, rows = read_table(pkg, "metrics")
    unit = header.index("unit")
    twice = []
    for r in rows:
        copy = list(r)
        copy[unit] = "percent" if r[unit] != "percent" else "count"
        twice += [copy, r]
    write_table(pkg, "metrics", header, twice)


def facts_and_sections_given_twice(pkg: Path) -> None:
    """Every indicator, target and section given a second row with other cells (a later
    year, another sentence, another level): the rules that read a fact or section by its id
    (base-indicator, link-sentence, check-recomputed, section-tree…) read its first row."""
    for name, edits in (
        ("indicators", {"value": "1", "period": "2015", "sentence_id": "p07.s01"}),
        ("targets", {"value": "1", "period": "2030", "sentence_id": "p07.s01"}),
        ("sections", {"level": "2"}),
        ("sentences", {"text": "改", "start": "0"}),
    ):
        header, rows = read_table(pkg, name)
        twice = []
        for r in rows:
            copy = list(r)
            for column, value in edits.items():
                if column in header:
                    copy[header.index(column)] = value
            twice += [r, copy]
        write_table(pkg, name, header, twice)


EXTRA = {
    f.__name__: f
    for f in (
        group_members_mentioned_several_times,
        copies_of_a_figure_given_other_metrics,
        metrics_given_twice_with_other_units,
        facts_and_sections_given_twice,
    )
}


#: Targeted packages validated again with the rows of one table reversed: the rows that tie
#: (copies of a span, mentions of one program) then come in the other order, and the problems
#: must be the same ones, at the same rows' keys.
REVERSED = {
    "group_members_mentioned_several_times": "program_mentions",
    "copies_of_a_figure_given_other_metrics": "indicators",
}


def _reversed(name: str) -> str:
    return f"{name} (rows of {REVERSED[name]} reversed)"


def _reverse(pkg: Path, table: str) -> None:
    header, rows = read_table(pkg, table)
    write_table(pkg, table, header, rows[::-1])


def _reports(index: Path, threads: int, seed: int, force: bool) -> dict[str, Any]:
    env = {**os.environ, "POLARS_MAX_THREADS": str(threads), "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(index), "1" if force else "0", json.dumps(THRESHOLDS)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(line) for line in done.stdout.splitlines())


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages (pristine, the targeted ones, every corpus case), listed in a file."""
    root = tmp_path_factory.mktemp("determ")
    pristine = copy_package(package_dir(), root / "pristine")
    listed = [("pristine", str(pristine))]
    corpus = sorted(CASES.items())[::CORPUS_STEP]
    for n, (name, edit) in enumerate([*EXTRA.items(), *corpus]):
        pkg = copy_package(pristine, root / f"p{n}")
        edit(pkg)
        listed.append((name, str(pkg)))
        if name in REVERSED:
            again = copy_package(pkg, root / f"p{n}r")
            _reverse(again, REVERSED[name])
            listed.append((_reversed(name), str(again)))
    path = root / "index.json"
    path.write_text(json.dumps(listed), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(index: Path) -> list[dict[str, Any]]:
    """Every package's report (package name → problems) in each of :data:`CONFIGURATIONS`."""
    return [_reports(index, *config) for config in CONFIGURATIONS]


def test_the_targeted_packages_reach_the_rules_that_pick_one_row(
    reports: list[dict[str, Any]],
) -> None:
    """The packages built here reach the rules they are for (else they would test nothing)."""
    codes = {name: {p[0] for p in reports[0][name]} for name in EXTRA}
    assert "link-group-member" in codes["group_members_mentioned_several_times"]
    assert "metric-word" in codes["copies_of_a_figure_given_other_metrics"]
    assert "unit-metric" in codes["metrics_given_twice_with_other_units"]
    assert {"base-indicator", "section-tree"} <= codes["facts_and_sections_given_twice"]


def test_every_report_is_the_same_whatever_the_threads_and_hash_seeds(
    reports: list[dict[str, Any]],
) -> None:
    first = reports[0]
    for config, other in zip(CONFIGURATIONS[1:], reports[1:], strict=True):
        differ = {
            name: [p for p in first[name] + other[name] if (p in first[name]) != (p in other[name])]
            or "the same problems in another order"
            for name in first
            if first[name] != other[name]
        }
        assert not differ, (config, differ)


def _keyed(index: Path, name: str, problems: list[list[Any]]) -> list[tuple[Any, ...]]:
    """``problems`` with each row number replaced by the row's key (its first cell), sorted;
    a message that names a row number is left out (the rows moved)."""
    pkg = Path(dict(json.loads(index.read_text(encoding="utf-8")))[name])
    tables: dict[str, list[list[str]]] = {}
    out = []
    for code, resource, row, field, message in problems:
        if re.search(r"\brows? [0-9]", message):
            continue
        if row is not None:
            rows = tables.setdefault(resource, read_table(pkg, resource)[1])
            row = rows[row - 1][0]
        out.append((code, resource, row, field, message))
    return sorted(out)


def test_copies_of_a_figure_are_judged_alike_by_metric_word(
    index: Path, reports: list[dict[str, Any]]
) -> None:
    """Copies of a figure tie in metric-word's sort; each is judged from the figure before its
    span (地区生产总值由2016年的5908亿元预计增至9500亿元: the words before 9500亿元 are 预计增至,
    which name no metric), never from another copy, so a copy given another metric is not
    reported there, whichever copy the sort puts first; the copies of 1268件 given the
    suggestions (累计办理各级人大建议1551件、各级政协提案1268件) are, every one."""
    name = "copies_of_a_figure_given_other_metrics"
    reported = {p[2] for p in _keyed(index, name, reports[0][name]) if p[0] == "metric-word"}
    assert reported == {f"npc_suggestions_handled.cumulative.2017-2021.copy{n}" for n in range(3)}


def test_of_two_equal_spans_the_later_row_overlaps_the_earlier(
    reports: list[dict[str, Any]],
) -> None:
    """Sentence p01.s01 (政府工作报告, [0:6]) given twice: span-overlap reports the second row
    as overlapping the first, not whichever of the two an unstable sort put last."""
    found = reports[0]["facts_and_sections_given_twice"]
    overlap = ["span-overlap", "sentences", 2, "start", "[0:6] overlaps row 1 (which ends at 6)"]
    assert overlap in found


@pytest.mark.parametrize("name", sorted(REVERSED))
def test_rows_that_tie_give_the_same_problems_in_either_order(
    name: str, index: Path, reports: list[dict[str, Any]]
) -> None:
    """Copies of a span, or mentions of one program that each end an open group, are judged
    the same whichever row comes first in the file: the same problems at the same keys."""
    found = _keyed(index, name, reports[0][name])
    again = _keyed(index, _reversed(name), reports[0][_reversed(name)])
    assert [p for p in found + again if (p in found) != (p in again)] == []


def _picks_any(call: ast.Call) -> bool:
    """Whether ``call`` is ``.unique(subset)`` keeping any one row of a key (no ``keep``, or
    ``keep="any"``): which of several rows it keeps is polars' choice, not the package's."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "unique"):
        return False
    keywords = {k.arg: k.value for k in call.keywords}
    if not (call.args or "subset" in keywords):
        return False  # all columns: the rows kept are equal, only their order is polars'
    keep = keywords.get("keep")
    return keep is None or (isinstance(keep, ast.Constant) and keep.value == "any")


def test_no_rule_keeps_any_one_row_of_a_key() -> None:
    """Every ``unique`` on a subset of columns in the validator says which row of a key it
    keeps (``first``, ``last`` or ``none``): ``keep="any"``, polars' default, leaves it to
    polars (unit-metric once read whichever row of a metric_id given twice polars kept). A
    key that decides its row's other columns takes ``keep="first"``: the same row, said."""
    found = [
        f"{path.relative_to(VALIDATOR.parent.parent)}:{node.lineno}"
        for path in sorted(VALIDATOR.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and _picks_any(node)
    ]
    assert found == []
