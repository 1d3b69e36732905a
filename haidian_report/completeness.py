"""Is every number and every quoted phrase of the report accounted for?

A digit run (``[0-9]+(\\.[0-9]+)?``) is accounted for when it lies inside a fact's
``value_text`` span, when it is a year inside a fact's quote that the fact's ``period`` or
``base_period`` covers, or when it lies inside a ``digits`` exclusion. A quoted phrase “…” is
accounted for when a program or term mention, or a ``quoted`` exclusion, covers it.

>>> runs = digit_runs("由2016年的5908亿元")
>>> [(r.start, r.text) for r in runs]
[(1, '2016'), (7, '5908')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DIGIT_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
QUOTED_PHRASE = re.compile(r"“([^”]*)”")
YEAR = re.compile(r"^(19|20)[0-9]{2}$")


@dataclass(frozen=True)
class Piece:
    """A digit run or quoted phrase: ``source[start:end] == text``; ``line`` is 1-based."""

    start: int
    end: int
    text: str
    line: int


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def digit_runs(source: str) -> list[Piece]:
    """Every run of ASCII digits (with an optional decimal part) in ``source``."""
    return [
        Piece(m.start(), m.end(), m.group(), _line(source, m.start()))
        for m in DIGIT_RUN.finditer(source)
    ]


def quoted_phrases(source: str) -> list[Piece]:
    """Every phrase inside “…” in ``source`` (the span excludes the quotation marks)."""
    return [
        Piece(m.start(1), m.end(1), m.group(1), _line(source, m.start()))
        for m in QUOTED_PHRASE.finditer(source)
    ]


def period_years(period: str | None) -> set[int]:
    """Years a period names: "2021" → {2021}; "2017-2021" → {2016, …, 2021} (base year too)."""
    if not period:
        return set()
    if "-" in period:
        first, last = (int(p) for p in period.split("-", 1))
        return set(range(first - 1, last + 1))
    return {int(period)}


def unaccounted_digits(
    source: str,
    facts: Iterable[Mapping[str, Any]],
    exclusions: Iterable[Mapping[str, Any]],
) -> list[Piece]:
    """Digit runs that no fact value, fact period or digits exclusion accounts for.

    ``facts`` are indicator/target rows (``value_start``, ``value_end``, ``quote_start``,
    ``quote_end``, ``period``, ``base_period``); ``exclusions`` are exclusion rows.
    """
    values: list[tuple[int, int]] = []
    periods: list[tuple[int, int, set[int]]] = []
    for f in facts:
        values.append((int(f["value_start"]), int(f["value_end"])))
        years = period_years(f.get("period")) | period_years(f.get("base_period"))
        periods.append((int(f["quote_start"]), int(f["quote_end"]), years))
    excluded = [
        (int(e["quote_start"]), int(e["quote_end"])) for e in exclusions if e["kind"] == "digits"
    ]
    missing: list[Piece] = []
    for run in digit_runs(source):
        if any(s <= run.start and run.end <= e for s, e in values):
            continue
        if YEAR.match(run.text) and any(
            s <= run.start and run.end <= e and int(run.text) in years for s, e, years in periods
        ):
            continue
        if any(s <= run.start and run.end <= e for s, e in excluded):
            continue
        missing.append(run)
    return missing


def unaccounted_quotes(
    source: str,
    mentions: Iterable[Mapping[str, Any]],
    exclusions: Iterable[Mapping[str, Any]],
) -> list[Piece]:
    """Quoted phrases that no program/term mention or quoted exclusion covers."""
    spans = [(int(m["quote_start"]), int(m["quote_end"])) for m in mentions]
    spans += [
        (int(e["quote_start"]), int(e["quote_end"])) for e in exclusions if e["kind"] == "quoted"
    ]
    return [
        p for p in quoted_phrases(source) if not any(s <= p.start and p.end <= e for s, e in spans)
    ]
