"""Find a reader this project did not write (Node.js packages, R), or say why it is missing.

Locally a missing tool skips its tests; in CI, ``.ci/run`` installs the tool and sets the
environment variable named here, so a missing tool fails instead of silently skipping.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def require(tool: str, found: bool, why: str, env: str) -> None:
    """Skip (or fail when ``env`` is set, as in CI) unless ``found``."""
    if found:
        return
    message = f"{tool} not available: {why}"
    if os.environ.get(env):
        pytest.fail(f"{message} ({env} is set: .ci/run installs it, so this is an error)")
    pytest.skip(f"{message} (set up as .ci/run does; {env} makes this a failure)")


def executable(name: str) -> str | None:
    """Absolute path of ``name`` on PATH, or None."""
    return shutil.which(name)


def csv_rows(path: Path) -> int:
    """Data rows of a CSV (header excluded), counted by the csv module."""
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1
