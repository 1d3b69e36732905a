"""Shared fixtures: the repository root, the shipped source and its tables."""

from __future__ import annotations

from pathlib import Path

import pytest

import haidian_report as hr

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def source() -> str:
    return hr.source_text()
