"""Real R runs the R snippets of the README and the docs as written.

Every fenced ```r block in ``README.md`` and the docs (``docs/**/*.md``) is run by ``Rscript``
(through ``tests/r/run_snippet.R``) from the repository root, in a UTF-8 locale. Each must run
without an error or a warning, read at least one table, and for every table it reads:

* all rows (a data.frame with exactly the table's columns has the CSV's row count), and
* every column in the class the schema declares: ``logical`` for booleans, ``character`` for
  strings (ids, periods, printed figures), numeric for integers and numbers;

and every expression whose line ends in ``# TRUE`` must be TRUE. A snippet that loads an R
package the machine does not have (``arrow`` is not packaged by Debian) is skipped, saying so.
Skipped without R locally; mandatory in CI (``.ci/run`` installs R and sets
``HAIDIAN_REQUIRE_R``).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from external import ROOT, csv_rows, executable, require

import haidian_report as hr

pytestmark = pytest.mark.slow

RUNNER = ROOT / "tests" / "r" / "run_snippet.R"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?:r|R|\{r[^}\n]*\})[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
#: R classes accepted for each Table Schema type.
R_CLASSES = {
    "string": {"character"},
    "boolean": {"logical"},
    "integer": {"integer", "numeric"},
    "number": {"numeric", "integer"},
}


def r_snippets() -> list[tuple[str, str]]:
    """(``file:line``, code) of every ```r (```R, ```{r}) block, its fence's indentation removed."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            indent = len(match["indent"])
            code = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", code))
    return found


@dataclass
class Run:
    """What ``run_snippet.R`` reported about one snippet."""

    missing: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    asserts: dict[int, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def run_r(rscript: str, code: str, tmp_path: Path) -> Run:
    """Run ``code`` with Rscript from the repository root and parse its report."""
    snippet, report = tmp_path / "snippet.R", tmp_path / "report.tsv"
    snippet.write_text(code, encoding="utf-8")
    env = os.environ | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    done = subprocess.run(
        [rscript, "--vanilla", str(RUNNER), str(snippet), str(report)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"the snippet failed in R:\n{code}\n{done.stderr}"
    run = Run()
    for record in report.read_text(encoding="utf-8").splitlines():
        kind, *rest = record.split("\t")
        if kind == "missing":
            run.missing.append(rest[0])
        elif kind == "frame":
            run.rows[rest[0]] = int(rest[1])
        elif kind == "column":
            run.columns.setdefault(rest[0], {})[rest[1]] = rest[2]
        elif kind == "assert":
            run.asserts[int(rest[0])] = rest[1] == "TRUE"
        elif kind == "warning":
            run.warnings.append(rest[0])
    return run


@pytest.fixture(scope="module")
def rscript() -> str:
    path = executable("Rscript")
    require("R", path is not None, "no Rscript on PATH", "HAIDIAN_REQUIRE_R")
    assert path is not None
    return path


def declared_types() -> dict[str, dict[str, str]]:
    """Table name → {column: Table Schema type}, in file order."""
    return {
        r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]}
        for r in hr.descriptor()["resources"]
        if "schema" in r
    }


def test_the_docs_have_r_snippets() -> None:
    labels = [label for label, _ in r_snippets()]
    assert any(label.startswith("README.md:") for label in labels), labels
    assert any(label.startswith("docs/") for label in labels), labels


def problems(run: Run) -> list[str]:
    """Everything wrong with what a snippet produced, as readable lines (empty when right)."""
    found = [f"warning: {w}" for w in run.warnings]
    found += [f"line {n} is marked '# TRUE' but is not" for n, ok in run.asserts.items() if not ok]
    tables = declared_types()
    read: dict[str, int] = {}
    for frame, columns in run.columns.items():
        owners = [t for t, fields in tables.items() if set(columns) <= set(fields)]
        if len(owners) != 1:
            continue  # columns shared by several tables: nothing to hold them to
        fields = tables[owners[0]]
        found += [
            f"{frame}: column {c} is R {cls}, declared {fields[c]}"
            for c, cls in columns.items()
            if cls not in R_CLASSES[fields[c]]
        ]
        if list(columns) == list(fields):
            read[owners[0]] = max(read.get(owners[0], 0), run.rows[frame])
    if not read:
        found.append("reads no whole table (no data.frame with a table's columns)")
    for name, rows in read.items():
        expected = csv_rows(ROOT / "data" / f"{name}.csv")
        if rows != expected:
            found.append(f"{name}: {rows} rows read, {expected} in the CSV")
    return found


@pytest.mark.parametrize(("label", "code"), r_snippets(), ids=[s[0] for s in r_snippets()])
def test_r_snippet_reads_every_row_with_the_declared_types(
    rscript: str, label: str, code: str, tmp_path: Path
) -> None:
    run = run_r(rscript, code, tmp_path)
    if run.missing:
        pytest.skip(f"{label} loads R package(s) not installed here: {', '.join(run.missing)}")
    assert problems(run) == [], label


def test_the_check_catches_columns_left_as_text_or_as_numbers(rscript: str, tmp_path: Path) -> None:
    # The README's R line before issue #16: ids right, but booleans left as "true"/"false"
    # text and base_period (a string: "2016") read as an integer.
    old = (
        'read.csv("data/indicators.csv", encoding = "UTF-8", '
        'colClasses = c(indicator_id = "character"))\n'
    )
    assert problems(run_r(rscript, old, tmp_path)) == [
        "<value of line 1>: column base_period is R integer, declared string",
        "<value of line 1>: column period_inferred is R character, declared boolean",
        "<value of line 1>: column unit_inferred is R character, declared boolean",
        "<value of line 1>: column estimated is R character, declared boolean",
    ]


def test_the_check_catches_rows_cut_off_and_false_claims(rscript: str, tmp_path: Path) -> None:
    read = 'terms <- read.csv("data/terms.csv", encoding = "UTF-8", colClasses = "character", '
    code = read + "nrows = 5)\n1 == 2  # TRUE\n"  # every terms column is a string
    assert problems(run_r(rscript, code, tmp_path)) == [
        "line 2 is marked '# TRUE' but is not",
        f"terms: 5 rows read, {csv_rows(ROOT / 'data' / 'terms.csv')} in the CSV",
    ]


def test_default_read_csv_reads_booleans_as_text(rscript: str) -> None:
    # what docs/reading.md says of R's defaults: true/false stay text (R reads TRUE/FALSE)
    code = (
        'x <- read.csv("data/indicators.csv", encoding = "UTF-8")\n'
        'cat(class(x$estimated), class(x$base_period), "\\n")\n'
    )
    done = subprocess.run(
        [rscript, "--vanilla", "-e", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["character", "integer"]
