"""Find the shipped data package, installed (wheel) or in a source checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from haidian_report.meta import DATA_DIR, DESCRIPTOR, SOURCE_FILE


@cache
def package_dir() -> Path:
    """Folder holding ``datapackage.json`` and ``data/``.

    In a built wheel they are inside the ``haidian_report`` package (read through
    :mod:`importlib.resources`); in a source checkout they are at the repository top level.
    """
    inside = Path(str(files("haidian_report")))
    for candidate in (inside, inside.parent):
        if (candidate / DESCRIPTOR).is_file() and (candidate / DATA_DIR).is_dir():
            return candidate
    raise FileNotFoundError(
        f"cannot find {DESCRIPTOR} and {DATA_DIR}/ in {inside} or {inside.parent}: "
        "is haidian_report installed from a built wheel or a full checkout?"
    )


def descriptor_path() -> Path:
    """Path of the shipped ``datapackage.json``."""
    return package_dir() / DESCRIPTOR


def source_path() -> Path:
    """Path of the shipped source text."""
    return package_dir() / DATA_DIR / SOURCE_FILE
