"""Shared fixtures: the repository root, the shipped source and its tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import haidian_report as hr

# Property tests assert behaviour, not speed: on a shared, loaded machine an example can take
# far longer than Hypothesis' default 200 ms deadline, which made the suite flaky. Speed is
# measured by the benchmarks in benchmarks/, never by the test suite.
settings.register_profile("haidian", deadline=None)
settings.load_profile("haidian")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def source() -> str:
    return hr.source_text()


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped package, shared by every test and never modified: a test that
    corrupts a package edits its own copy of this one (``corrupt.copy_package``)."""
    from corrupt import copy_package

    from haidian_report.paths import package_dir

    return copy_package(package_dir(), tmp_path_factory.mktemp("pristine"))


# -- checks and derivations of the shipped report (tests/test_checks_*.py) ---------------------


@pytest.fixture(scope="session")
def audit(root: Path) -> Any:
    """The four tables the checks rules make from the shipped report."""
    from haidian_build.checks import check_tables
    from haidian_build.package import assemble

    rows = assemble(root).rows
    return check_tables(rows["indicators"], rows["targets"], rows["metrics"])  # type: ignore[arg-type]
