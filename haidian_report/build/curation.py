"""Read the hand-written curation files (TOML) and locate what they name in the source."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomllib

from haidian_report.segment import SentenceSpan


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curation, named by file, entry and field."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: [{self.entry}] {self.field}: {self.message}"


class CurationFailed(Exception):
    """The curation has problems; ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} curation problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    """One ``[[kind]]`` table of a curation file, with where it came from."""

    file: str
    kind: str
    data: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.data.get("id", self.data.get("phrase", self.data.get("quote", "?"))))


@dataclass
class Curation:
    """Everything read from ``curation/``: entries by kind, and problems met."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    def problem(self, entry: Entry, field_name: str, message: str) -> None:
        self.problems.append(Problem(entry.file, entry.label, field_name, message))


def read_curation(folder: Path) -> Curation:
    """Load every ``*.toml`` file of ``folder``; TOML syntax errors become problems."""
    cur = Curation()
    for path in sorted(folder.glob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            cur.problems.append(Problem(path.name, "-", "-", f"cannot read TOML: {exc}"))
            continue
        for kind, items in doc.items():
            if not isinstance(items, list):
                cur.problems.append(
                    Problem(path.name, kind, "-", "expected an array of tables [[...]]")
                )
                continue
            for item in items:
                cur.entries.setdefault(kind, []).append(Entry(path.name, kind, item))
    return cur


class Locator:
    """Find curated text in the source and the sentence it lies in."""

    def __init__(self, source: str, sentences: list[SentenceSpan]) -> None:
        self.source = source
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def occurrences(self, text: str) -> list[int]:
        """Start offsets of every (possibly overlapping) occurrence of ``text``."""
        found: list[int] = []
        pos = self.source.find(text)
        while pos != -1:
            found.append(pos)
            pos = self.source.find(text, pos + 1)
        return found

    def sentence_at(self, start: int, end: int) -> SentenceSpan | None:
        """The sentence containing ``[start, end)``, or None if it crosses a boundary."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        sent = self.sentences[i]
        return sent if sent.start <= start and end <= sent.end else None

    def locate(
        self, cur: Curation, entry: Entry, key: str = "quote"
    ) -> tuple[int, int, SentenceSpan] | None:
        """Locate ``entry.data[key]`` (with optional ``occurrence``); record problems."""
        text = entry.data.get(key)
        if not isinstance(text, str) or not text:
            cur.problem(entry, key, "missing or empty")
            return None
        hits = self.occurrences(text)
        occurrence = entry.data.get("occurrence")
        if not hits:
            cur.problem(entry, key, f"{text!r} does not occur in the source")
            return None
        if occurrence is None:
            if len(hits) > 1:
                cur.problem(
                    entry,
                    key,
                    f"{text!r} occurs {len(hits)} times; add occurrence = 1..{len(hits)}",
                )
                return None
            start = hits[0]
        else:
            if not isinstance(occurrence, int) or not 1 <= occurrence <= len(hits):
                cur.problem(
                    entry, "occurrence", f"must be 1..{len(hits)} for {text!r}, got {occurrence!r}"
                )
                return None
            start = hits[occurrence - 1]
        end = start + len(text)
        sent = self.sentence_at(start, end)
        if sent is None:
            cur.problem(entry, key, f"{text!r} crosses a sentence boundary")
            return None
        return start, end, sent
