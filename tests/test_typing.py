"""A user's type checker sees the package's types: py.typed ships, and a wrong name is caught."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import haidian_report as hr

ROOT = Path(__file__).resolve().parent.parent


def test_py_typed_is_in_the_package() -> None:
    assert (Path(hr.__file__).parent / "py.typed").is_file()


@pytest.mark.slow
def test_a_users_mypy_rejects_an_unknown_table_name(tmp_path: Path) -> None:
    user = tmp_path / "analysis.py"
    user.write_text(
        "import haidian_report as hr\n\n"
        'good = hr.load("indicators")\n'
        'bad = hr.load("indicatorz")\n'
        'rows = hr.wide("level", table="programs")\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,  # outside the checkout: mypy finds the installed package, as a user's does
        env={k: v for k, v in os.environ.items() if k != "MYPYPATH"},
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(errors) == 2, result.stdout
    assert 'analysis.py:4: error: Argument 1 to "load" has incompatible type' in errors[0]
    assert "'indicatorz'" in errors[0]
    assert "analysis.py:5:" in errors[1] and "'programs'" in errors[1]
    assert "missing library stubs or py.typed marker" not in result.stdout


@pytest.mark.slow
def test_the_wheel_ships_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "-q", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        assert "haidian_report/py.typed" in zf.namelist()
