"""Read the hand-written curation files (TOML) and locate what they name in the source."""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from haidian_report.models import Row
from haidian_report.segment import SentenceSpan

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ALIAS_SEPARATOR = " | "
M = TypeVar("M", bound=Row)


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


def validated(cur: Curation, entry: Entry, model: type[Row], data: dict[str, Any]) -> Row | None:
    """Build a model row, turning pydantic's errors into curation problems."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            cur.problem(entry, loc or "-", err["msg"])
        return None


def _joined(cur: Curation, entry: Entry, key: str) -> str | None:
    values = entry.data.get(key)
    if values is None:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        cur.problem(entry, key, "expected a list of non-empty strings")
        return None
    return ALIAS_SEPARATOR.join(values) or None


def catalogue_rows(cur: Curation, kind: str, model: type[M], id_field: str) -> list[M]:
    """Rows of a catalogue table (metrics, programs, terms) from its ``[[kind]]`` entries.

    Entry keys are the model's fields, except ``id`` (→ ``id_field``) and the alias lists
    ``aliases``/``aliases_en`` (→ ``aliases_zh``/``aliases_en``, joined with " | "). Unknown
    keys, duplicate ids and invalid values are problems. Rows are sorted by id.
    """
    rows: list[M] = []
    seen: set[str] = set()
    fields = set(model.model_fields)
    for entry in cur.of(kind):
        data: dict[str, Any] = dict.fromkeys(fields)
        for key, value in entry.data.items():
            if key == "id":
                data[id_field] = value
            elif key == "aliases" and "aliases_zh" in fields:
                data["aliases_zh"] = _joined(cur, entry, key)
            elif key == "aliases_en" and key in fields:
                data[key] = _joined(cur, entry, key)
            elif key in fields and key != id_field:
                data[key] = value if value != "" else None
            else:
                cur.problem(entry, key, f"unknown key for [[{kind}]]")
        if str(data[id_field]) in seen:
            cur.problem(entry, "id", f"duplicate {kind} id")
            continue
        seen.add(str(data[id_field]))
        row = validated(cur, entry, model, data)
        if isinstance(row, model):
            rows.append(row)
    rows.sort(key=lambda r: str(getattr(r, id_field)))
    return rows
