"""The paths rules take on large tables report what the small-table paths report.

Several rules judge a table one way when it is small and another when it is large (each
distinct input once, then joined back to the rows; roles as a bit mask; only the facts a
table of inputs names): the first is cheaper on the shipped package, the second on a package
of a hundred thousand rows. The corruption corpora run on the shipped size, so they would
never reach the large paths. Here every threshold is set to 0 (every table takes its large
path) and each corrupted package of the corpora must get the very report (code, resource,
row, field and message) it gets with the thresholds as shipped. A threshold added to a rule
belongs in :data:`THRESHOLDS`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import test_validate_attacks
import test_validate_attacks4
import test_validate_attacks5
import test_validate_derived_meaning
import test_validate_gaps
from corrupt import Case, copy_package

from haidian_report.validate import validate

#: (module, name) of every row count above which a rule takes its large-table path.
THRESHOLDS = (
    ("haidian_report.validate.rules.checkmeta", "MASKED_ABOVE"),
    ("haidian_report.validate.rules.clauses", "_CUT_ROW_BY_ROW"),
    ("haidian_report.validate.rules.common", "_SLICED_IN_PYTHON"),
    ("haidian_report.validate.rules.distinct", "JUDGED_ONCE_ABOVE"),
    ("haidian_report.validate.rules.inputs", "NAMED_ONLY_ABOVE"),
    ("haidian_report.validate.rules.sentence_names", "PAIRS_ABOVE"),
)

CORPORA = {
    "attacks": test_validate_attacks.CASES,
    "attacks4": test_validate_attacks4.CASES,
    "attacks5": test_validate_attacks5.CASES,
    "derived_meaning": test_validate_derived_meaning.CASES,
    "gaps": test_validate_gaps.CASES,
}
CASES: dict[str, Case] = {
    f"{corpus}:{name}": function
    for corpus, cases in CORPORA.items()
    for name, function in cases.items()
}


def test_every_threshold_is_a_row_count_the_shipped_tables_stay_under() -> None:
    """The shipped package takes the small paths (so the corpora test them), and each
    threshold named here exists (a renamed one would leave its large path untested)."""
    import haidian_report as hr

    tallest = max(hr.load(name).height for name in hr.TABLE_NAMES)
    for module, name in THRESHOLDS:
        limit = getattr(importlib.import_module(module), name)
        assert isinstance(limit, int) and tallest <= limit, (module, name, limit)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_large_table_paths_report_what_the_small_ones_do(
    name: str, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    CASES[name](pkg)
    small = validate(pkg).problems
    for module, threshold in THRESHOLDS:
        monkeypatch.setattr(importlib.import_module(module), threshold, 0)
    assert validate(pkg).problems == small
