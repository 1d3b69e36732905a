"""Validate a haidian_report data package (the shipped one or a derived one) in one run.

``validate(path)`` reads ``datapackage.json`` and reports *every* problem it finds, each as a
:class:`Problem` naming the resource, the 1-based data row, the field, what was found and what
was expected. It checks, in order:

1. **Safety first.** The descriptor is untrusted. Resource paths that are URLs, absolute, climb
   out of the package folder (``..``, symlinks), lists (multipart), inline ``data``, remote
   schemas or dialects are refused *before* frictionless sees anything: frictionless is only
   ever given a descriptor rebuilt here from vetted parts, so it never opens a URL. Only CSV
   tables in UTF-8 are read, each capped in size (:data:`MAX_FILE_BYTES`).
2. **Files.** Declared ``bytes`` and ``hash``; the source text's sha256 against
   :data:`haidian_report.meta.SOURCE_SHA256`; encoding, byte-order mark, line terminators,
   empty files and oversized cells (streamed, so memory stays bounded).
3. **Table Schema** through frictionless: types, required, enums, patterns, primary and foreign
   keys. For the tables the package defines (:mod:`haidian_report.models`), the declared schema
   must equal the package's own; the canonical definitions are what is enforced, so a derived
   package cannot loosen a constraint. Extra fields and extra resources are allowed.
4. **Provenance.** Every ``X_start``/``X_end`` pair is in range and ordered, and ``X`` (or
   ``X_text``) equals ``source[X_start:X_end]`` (``quote``, ``value_text``, a sentence's
   ``text``); secondary spans lie inside the quote; a row's span lies inside the ``start``/``end``
   span of every row it references (a quote inside its sentence, a sentence inside its
   paragraph).
5. **Values.** ``value_text`` re-parsed with :func:`haidian_report.figures.parse_value` gives
   ``value`` (negated when ``direction`` is ``decrease``), ``unit``, ``qualifier``,
   ``value_printed`` and ``unit_printed``; qualitative rows have no value; numbers are finite;
   counts are not negative; periods are ordered.
6. With ``strict=True``: every digit run and quoted phrase of the source is accounted for
   (:mod:`haidian_report.completeness`), the sentences tile the source, and every table of the
   package is present.

Everything is driven by datapackage.json and column names (``quote_start``, ``value_text``…), so
new tables that follow the same conventions are checked without changes here. frictionless is
imported inside functions only: ``import haidian_report`` never imports it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import json
import math
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace
from typing import Any, Final

from haidian_report.completeness import unaccounted_digits, unaccounted_quotes
from haidian_report.figures import UNITS, ValueParseError, format_plain, parse_value
from haidian_report.frictionless_run import FrictionlessResult, frictionless_errors, warm_up
from haidian_report.meta import (
    DESCRIPTOR,
    ID_PATTERN,
    PERIOD_PATTERN,
    SLUG_PATTERN,
    SOURCE_SHA256,
)

#: The largest datapackage.json read (bytes).
MAX_DESCRIPTOR_BYTES = 16 * 2**20
#: The largest resource file read (bytes): bigger files are refused unread, so memory stays
#: bounded whatever a derived package contains. The shipped package is about 0.5 MB.
MAX_FILE_BYTES = 64 * 2**20
#: The longest cell accepted (characters); the longest shipped cell is about 1,000.
MAX_CELL_CHARS = 1_000_000
#: Problems kept per resource; beyond it one ``too-many-problems`` problem says how many more.
MAX_PROBLEMS_PER_RESOURCE = 10_000
#: The most resources a descriptor may list.
MAX_RESOURCES = 1_000

#: Name of the resource holding the source text every offset indexes.
SOURCE_RESOURCE: Final = "source"
#: Units whose values count things: never negative unless the text says they decreased.
COUNT_UNITS: Final = frozenset({"count", "person", "household", "dwelling", "sample"})
#: Name of the table of deliberate exclusions (completeness, ``strict``).
EXCLUSIONS_TABLE: Final = "exclusions"
#: Tables whose names end so list mentions (completeness of quoted phrases, ``strict``).
MENTIONS_SUFFIX: Final = "_mentions"
#: The table of sentences (tiling, ``strict``).
SENTENCES_TABLE: Final = "sentences"

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(
    r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$|^[+-]?(?:nan|inf|infinity)$",
    re.IGNORECASE,
)
_PERIOD = re.compile(PERIOD_PATTERN)
_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})
_HASHES: Final = ("md5", "sha1", "sha256", "sha512")
_FIELD_TYPES: Final = frozenset(
    {
        "string",
        "integer",
        "number",
        "boolean",
        "date",
        "datetime",
        "time",
        "year",
        "yearmonth",
        "duration",
        "any",
        "object",
        "array",
        "list",
        "geopoint",
        "geojson",
    }
)
_DIALECT_KEYS: Final = frozenset(
    {
        "delimiter",
        "quoteChar",
        "doubleQuote",
        "escapeChar",
        "skipInitialSpace",
        "lineTerminator",
        "header",
        "headerRows",
        "caseSensitiveHeader",
        "csvddfVersion",
    }
)
_CHUNK = 2**20


class _Invalid:
    """A cell that does not parse as its field's type (frictionless reports it)."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Final = _Invalid()


# --------------------------------------------------------------------------------------------
# Public results


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package, located as precisely as possible.

    ``resource`` is the resource name (None for the package as a whole), ``file`` its path as
    declared, ``row`` the 1-based data row (the header is not counted; None when the problem
    is not about one row), ``field`` the column, ``code`` a stable kebab-case identifier and
    ``message`` what was found and what was expected.

    >>> Problem("value-mismatch", "found 5; expected 7", "indicators", row=3, field="value").where()
    'indicators row 3, field value'
    """

    code: str
    message: str
    resource: str | None = None
    file: str | None = None
    row: int | None = None
    field: str | None = None

    def where(self) -> str:
        """Where the problem is, as short text."""
        parts = [self.resource or "package"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        place = " ".join(parts)
        return f"{place}, field {self.field}" if self.field else place

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (the ``--json`` form)."""
        return {
            "code": self.code,
            "resource": self.resource,
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class Report:
    """The outcome of :func:`validate`: every problem found, and what was checked."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    strict: bool = False
    resources: int = 0
    tables: int = 0
    rows: int = 0

    @property
    def valid(self) -> bool:
        """True when the package could be read and no problem was found."""
        return not self.unreadable and not self.problems

    def summary(self) -> str:
        """One line: verdict, counts and the descriptor's path."""
        mode = " (strict)" if self.strict else ""
        checked = f"{self.tables} tables, {self.rows:,} rows checked{mode}"
        if self.unreadable:
            return f"UNREADABLE: {self.path}: {len(self.problems)} problem(s); nothing validated"
        if not self.problems:
            return f"VALID: {self.path}: {self.resources} resources, {checked}"
        by_resource = Counter(p.resource or "package" for p in self.problems)
        return (
            f"INVALID: {self.path}: {len(self.problems)} problem(s) in {len(by_resource)} "
            f"resource(s); {checked}"
        )

    def render(self, per_resource: int = 25) -> str:
        """Short readable text for a CI log, grouped by resource, ending with the summary line.

        At most ``per_resource`` problems are shown per resource (``--json`` has them all).
        """
        lines: list[str] = []
        groups: dict[tuple[str | None, str | None], list[Problem]] = {}
        for p in self.problems:
            groups.setdefault((p.resource, p.file), []).append(p)
        for (resource, file), problems in groups.items():
            head = resource or "package"
            lines.append(f"{head} ({file})" if file else head)
            for p in problems[:per_resource]:
                where = []
                if p.row is not None:
                    where.append(f"row {p.row}")
                if p.field:
                    where.append(f"field {p.field}")
                loc = (", ".join(where) + " ") if where else ""
                lines.append(f"  {loc}[{p.code}] {p.message}")
            if len(problems) > per_resource:
                lines.append(f"  … and {len(problems) - per_resource} more (see --json)")
        lines.append(self.summary())
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report as JSON: verdict, counts and every problem."""
        return json.dumps(
            {
                "path": self.path,
                "valid": self.valid,
                "unreadable": self.unreadable,
                "strict": self.strict,
                "resources": self.resources,
                "tables": self.tables,
                "rows": self.rows,
                "problem_count": len(self.problems),
                "problems": [p.to_dict() for p in self.problems],
            },
            ensure_ascii=False,
            indent=2,
        )


# --------------------------------------------------------------------------------------------
# Internal structures


@dataclass(frozen=True)
class _ForeignKey:
    """``fields`` of a table name rows of ``resource`` by its ``reference_fields``."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class _Dialect:
    """The CSV options a table may declare; anything more exotic is refused."""

    delimiter: str = ","
    quotechar: str = '"'
    doublequote: bool = True
    escapechar: str | None = None
    skipinitialspace: bool = False
    line_terminator: str | None = None

    def frictionless(self) -> dict[str, Any]:
        """The dialect as a frictionless (v2) descriptor."""
        csv_options: dict[str, Any] = {
            "delimiter": self.delimiter,
            "quoteChar": self.quotechar,
            "doubleQuote": self.doublequote,
            "skipInitialSpace": self.skipinitialspace,
        }
        if self.escapechar is not None:
            csv_options["escapeChar"] = self.escapechar
        return {"header": True, "csv": csv_options}


@dataclass
class _Table:
    """A table resource as it will be checked: vetted path, effective schema and dialect.

    ``usable`` is False when the file cannot be read as CSV at all (empty, not UTF-8…): such a
    table is left out of the row checks and of frictionless, and keys into it are not checked.
    """

    name: str
    file: str
    path: Path
    fields: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[_ForeignKey]
    missing_values: frozenset[str]
    dialect: _Dialect
    bom: bool = False
    usable: bool = True

    def types(self) -> dict[str, str]:
        """Field name → Table Schema type."""
        return {f["name"]: f["type"] for f in self.fields}

    def constraints(self, name: str) -> dict[str, Any]:
        """The constraints enforced on field ``name``."""
        for f in self.fields:
            if f["name"] == name:
                return dict(f.get("constraints", {}))
        return {}


@dataclass(frozen=True)
class _Pair:
    """Offset columns ``start``/``end`` and the column holding ``source[start:end]``."""

    prefix: str
    start: str
    end: str
    text: str | None


@dataclass(frozen=True)
class _Layout:
    """What the header of a table makes checkable, worked out once per table."""

    index: dict[str, int]
    pairs: list[_Pair]
    numbers: list[str]
    periods: list[str]
    facts: bool
    mentions: bool
    exclusions: bool

    @classmethod
    def of(cls, table: str, header: Sequence[str], types: Mapping[str, str]) -> _Layout:
        """The layout of ``table`` given its CSV header and its fields' types."""
        index: dict[str, int] = {}
        for i, label in enumerate(header):
            if label in types:
                index.setdefault(label, i)
        have = set(index)
        spans = {"quote_start", "quote_end"} <= have
        return cls(
            index=index,
            pairs=_span_pairs({c: types[c] for c in index}),
            numbers=[c for c in index if types[c] == "number"],
            periods=[c for c in index if c == "period" or c.endswith("_period")],
            facts=spans and {"value_start", "value_end"} <= have,
            mentions=spans and table.endswith(MENTIONS_SUFFIX),
            exclusions=spans and table == EXCLUSIONS_TABLE and "kind" in have,
        )


@dataclass(frozen=True)
class _Pending:
    """A span to check against the span of the row it references (resolved at the end)."""

    table: str
    row: int
    field: str
    reference: str
    key: str
    span: tuple[int, int]
    what: str


@dataclass
class _Scan:
    """What one streamed pass over a file's bytes found (positions are (offset, line))."""

    size: int
    digests: dict[str, str]
    bom: bool
    cr_line: int | None
    bad_utf8: tuple[int, int, int] | None
    nul: tuple[int, int] | None


def _show(value: object, limit: int = 60) -> str:
    """``repr`` of a cell, shortened: messages must stay readable whatever the data."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[: limit - 1] + "…") + f" ({len(value):,} characters)"
    return repr(value)


def _constraint(name: str, limit: object) -> str:
    """A Table Schema constraint in words.

    >>> _constraint("enum", ["a", "b"]), _constraint("minimum", 0)
    ('one of a, b', '>= 0')
    """
    if name == "enum" and isinstance(limit, list):
        shown = ", ".join(map(str, limit[:20])) + (", …" if len(limit) > 20 else "")
        return f"one of {shown}"
    words = {
        "pattern": "to match",
        "minimum": ">=",
        "maximum": "<=",
        "minLength": "at least this many characters:",
        "maxLength": "at most this many characters:",
        "exclusiveMinimum": ">",
        "exclusiveMaximum": "<",
    }
    return f"{words.get(name, name)} {limit}"


def _number(value: float) -> str:
    """A number as the CSV would print it."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(value)


@cache
def _canonical() -> dict[str, dict[str, Any]]:
    """The Table Schema of every table the package defines, generated from the models.

    Imported here, not at module level: pydantic's import then overlaps the worker's start.
    """
    from haidian_report.models import TABLES
    from haidian_report.schema import table_schema

    return {model.TABLE.name: table_schema(model) for model in TABLES}


@cache
def _trusted_patterns() -> frozenset[str]:
    """Regex patterns the package itself uses: the only ones applied to extension fields.

    A pattern from an untrusted descriptor could take exponential time on a crafted cell, so
    extension fields keep only patterns the package already uses (IDs, slugs, periods).
    """
    found = {ID_PATTERN, PERIOD_PATTERN, SLUG_PATTERN}
    for schema in _canonical().values():
        for f in schema["fields"]:
            pattern = f.get("constraints", {}).get("pattern")
            if isinstance(pattern, str):
                found.add(pattern)
    return frozenset(found)


def _as_list(value: object) -> list[str] | None:
    """A string or list of strings as a list; None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


@contextlib.contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    """Set the (process-wide) csv field size limit for a block, then restore it."""
    previous = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _period_years(period: str) -> tuple[int, int]:
    """First and last year of a well-formed period ("2021" → (2021, 2021))."""
    first, _, last = period.partition("-")
    return int(first), int(last or first)


# --------------------------------------------------------------------------------------------
# The validator


class _Validator:
    """One validation run: state shared by the stages, and the problems found."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []
        self.per_resource: Counter[str | None] = Counter()
        self.order: dict[str, int] = {}
        self.root = Path(".")
        self.root_real = Path(".")
        self.unreadable = False
        self.declared: set[str] = set()
        self.resource_count = 0
        self.tables: dict[str, _Table] = {}
        self.source: str | None = None
        self.rows_checked = 0
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        self.span_fks: dict[str, list[_ForeignKey]] = {}
        self.span_keys: dict[str, set[str]] = {}
        self.pending: list[_Pending] = []
        self.absent: dict[str, list[_ForeignKey]] = {}
        self.descriptor_name = DESCRIPTOR
        self.facts: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.exclusions: list[dict[str, Any]] = []
        self.sentence_spans: list[tuple[int, int]] = []
        self.pool: ProcessPoolExecutor | None = None

    # -- problems ---------------------------------------------------------------------------

    def add(
        self,
        code: str,
        message: str,
        resource: str | None = None,
        row: int | None = None,
        field: str | None = None,
        file: str | None = None,
    ) -> None:
        """Record a problem (at most :data:`MAX_PROBLEMS_PER_RESOURCE` per resource)."""
        if file is None and resource is not None and resource in self.tables:
            file = self.tables[resource].file
        count = self.per_resource[resource]
        self.per_resource[resource] += 1
        if count < MAX_PROBLEMS_PER_RESOURCE:
            self.problems.append(Problem(code, message, resource, file, row, field))
        elif count == MAX_PROBLEMS_PER_RESOURCE:
            self.problems.append(
                Problem(
                    "too-many-problems",
                    f"more than {MAX_PROBLEMS_PER_RESOURCE:,} problems; the rest are not listed",
                    resource,
                    file,
                )
            )

    def sorted_problems(self) -> list[Problem]:
        """Problems in descriptor order, then by row, then by column."""

        def key(p: Problem) -> tuple[int, int, int, str]:
            index = self.order.get(p.resource or "", -1)
            table = self.tables.get(p.resource or "")
            column = 10**6
            if table is not None and p.field:
                names = [f["name"] for f in table.fields]
                first = p.field.split(",")[0]
                column = names.index(first) if first in names else 10**6 - 1
            return (index, p.row or 0, column, p.code)

        return sorted(self.problems, key=key)

    # -- stage 1: the descriptor ------------------------------------------------------------

    def locate(self, path: str | Path | None) -> Path | None:
        """The descriptor file named by ``path`` (a file or its folder); None if unusable."""
        if path is None:
            from haidian_report.paths import descriptor_path

            try:
                return descriptor_path()
            except FileNotFoundError as exc:
                self.fail("not-found", str(exc))
                return None
        given = Path(path)
        candidate = given / DESCRIPTOR if given.is_dir() else given
        if not candidate.exists():
            where = f"{given} has no {DESCRIPTOR}" if given.is_dir() else f"{given} does not exist"
            self.fail("not-found", f"{where}: expected a {DESCRIPTOR} or the folder holding it")
            return None
        if not candidate.is_file():
            self.fail("not-found", f"{candidate} is not a regular file")
            return None
        return candidate

    def fail(self, code: str, message: str) -> None:
        """A problem that makes the package unreadable (CLI exit code 2)."""
        self.unreadable = True
        self.add(code, message, file=self.descriptor_name)

    def read_descriptor(self, descriptor: Path) -> dict[str, Any] | None:
        """Parse datapackage.json: a JSON object with a ``resources`` list, or None."""
        try:
            size = descriptor.stat().st_size
            if size > MAX_DESCRIPTOR_BYTES:
                self.fail(
                    "descriptor-unreadable",
                    f"{size:,} bytes; descriptors larger than {MAX_DESCRIPTOR_BYTES:,} are refused",
                )
                return None
            raw = descriptor.read_bytes()
        except OSError as exc:
            self.fail("descriptor-unreadable", f"cannot read {descriptor}: {exc.strerror or exc}")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.fail(
                "invalid-json", f"not UTF-8: byte {raw[exc.start]:#04x} at offset {exc.start}"
            )
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.fail(
                "invalid-json",
                f"{descriptor.name}: invalid JSON at line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}",
            )
            return None
        except RecursionError:
            self.fail("invalid-json", "JSON nested too deeply")
            return None
        if not isinstance(data, dict):
            self.fail("descriptor-error", f"expected a JSON object, found {type(data).__name__}")
            return None
        resources = data.get("resources")
        if not isinstance(resources, list) or not resources:
            self.fail("descriptor-error", "expected a non-empty 'resources' list")
            return None
        if len(resources) > MAX_RESOURCES:
            self.fail(
                "descriptor-error", f"{len(resources):,} resources; at most {MAX_RESOURCES:,}"
            )
            return None
        return data

    # -- stage 2: resources -----------------------------------------------------------------

    def unsafe_path(self, value: object) -> str | None:
        """Why a resource ``path`` is refused, or None when it is a safe relative file path."""
        if isinstance(value, list):
            urls = [v for v in value if isinstance(v, str) and _URL_SCHEME.match(v)]
            extra = f", including the URL {_show(urls[0])}" if urls else ""
            return (
                f"path is a list (a multipart resource){extra}; only a single relative file "
                "path inside the package folder is accepted"
            )
        if not isinstance(value, str) or not value.strip():
            return f"path must be a non-empty string, found {_show(value)}"
        if "\x00" in value:
            return f"path {_show(value)} contains a NUL character"
        if (
            _DRIVE.match(value)
            or value.startswith(("/", "\\"))
            or PureWindowsPath(value).is_absolute()
        ):
            return (
                f"path {_show(value)} is absolute; only paths relative to the package folder "
                "are accepted"
            )
        if _URL_SCHEME.match(value):
            scheme = value.split(":", 1)[0].lower()
            return (
                f"path {_show(value)} is a URL ({scheme}:); remote resources are refused and the "
                "validator makes no network request"
            )
        if ".." in re.split(r"[\\/]", value):
            return f"path {_show(value)} climbs out of the package folder ('..')"
        if "\\" in value:
            return f"path {_show(value)} uses backslashes; use '/' as the separator"
        try:
            real = (self.root / value).resolve()
        except (OSError, RuntimeError) as exc:
            return f"path {_show(value)} cannot be resolved: {exc}"
        if not real.is_relative_to(self.root_real):
            return (
                f"path {_show(value)} resolves to {real}, outside the package folder "
                f"{self.root_real} (a symlink pointing out)"
            )
        return None

    def resources(self, data: dict[str, Any]) -> None:
        """Vet every resource, scan its file, and set up the tables to read."""
        entries: list[dict[str, Any]] = data["resources"]
        names: list[str | None] = []
        for i, res in enumerate(entries):
            name = res.get("name") if isinstance(res, dict) else None
            if isinstance(name, str) and _NAME.match(name) and name not in self.order:
                self.order[name] = i
                names.append(name)
            else:
                names.append(None)
        self.declared = {n for n in names if n}
        for i, res in enumerate(entries):
            label = names[i]
            if not isinstance(res, dict):
                self.add(
                    "descriptor-error",
                    f"resources[{i}] is not an object",
                    file=self.descriptor_name,
                )
                continue
            if label is None:
                self.add(
                    "descriptor-error",
                    f"resources[{i}] has a missing, duplicate or invalid name "
                    f"{_show(res.get('name'))} (expected lowercase letters, digits, '.', '_', '-')",
                    file=self.descriptor_name,
                )
                continue
            self.resource_count += 1
            self.resource(label, res)

    def resource(self, name: str, res: dict[str, Any]) -> None:
        """Checks of one resource up to (not including) reading its rows."""
        if "data" in res:
            self.add(
                "unsafe-path",
                "inline 'data' is refused: every resource must be a file inside the package folder",
                name,
                file=self.descriptor_name,
            )
            return
        path_value = res.get("path")
        reason = self.unsafe_path(path_value)
        if reason is not None:
            self.add("unsafe-path", reason, name, file=self.descriptor_name)
            return
        assert isinstance(path_value, str)
        for key in ("schema", "dialect"):
            if isinstance(res.get(key), str):
                self.add(
                    "unsafe-path",
                    f"{key} is given as a path or URL ({_show(res[key])}); only an inline {key} "
                    "object is accepted",
                    name,
                    file=path_value,
                )
                return
        scheme = res.get("scheme")
        if scheme not in (None, "file") or res.get("compression") not in (None, "no"):
            self.add(
                "unsafe-path",
                f"scheme {_show(scheme)} / compression {_show(res.get('compression'))} refused: "
                "only plain local files are read",
                name,
                file=path_value,
            )
            return
        real = (self.root / path_value).resolve()
        try:
            info = real.stat()
        except OSError:
            self.add("missing-file", f"{path_value} does not exist", name, file=path_value)
            return
        if not stat.S_ISREG(info.st_mode):
            self.add("missing-file", f"{path_value} is not a regular file", name, file=path_value)
            return
        if info.st_size > MAX_FILE_BYTES:
            self.add(
                "file-too-large",
                f"{info.st_size:,} bytes; files larger than {MAX_FILE_BYTES:,} bytes are refused "
                "unread",
                name,
                file=path_value,
            )
            return
        is_table = (
            "schema" in res
            or res.get("type") == "table"
            or res.get("format") == "csv"
            or path_value.lower().endswith(".csv")
            or name in _canonical()
        )
        is_source = name == SOURCE_RESOURCE
        encoding = res.get("encoding")
        utf8 = isinstance(encoding, str) and encoding.lower().replace("_", "-") in ("utf-8", "utf8")
        text = is_table or is_source or utf8  # files read as text; others are only hashed
        if (is_table or is_source) and encoding is not None and not utf8:
            self.add(
                "encoding-error",
                f"declared encoding {_show(encoding)}; only utf-8 is accepted",
                name,
                file=path_value,
            )
            return
        algorithm, expected_digest = self.declared_hash(name, path_value, res.get("hash"))
        try:
            scan = self.scan(real, {algorithm, "sha256"} if algorithm else {"sha256"}, text)
        except OSError as exc:
            self.add(
                "missing-file",
                f"cannot read {path_value}: {exc.strerror or exc}",
                name,
                file=path_value,
            )
            return
        declared_bytes = res.get("bytes")
        if declared_bytes is not None:
            if (
                not isinstance(declared_bytes, int)
                or isinstance(declared_bytes, bool)
                or declared_bytes < 0
            ):
                self.add(
                    "descriptor-error",
                    f"bytes must be a non-negative integer, found {_show(declared_bytes)}",
                    name,
                    file=path_value,
                )
            elif declared_bytes != scan.size:
                self.add(
                    "bytes-mismatch",
                    f"file has {scan.size:,} bytes; the descriptor says {declared_bytes:,}",
                    name,
                    file=path_value,
                )
        if algorithm and expected_digest and scan.digests[algorithm] != expected_digest:
            self.add(
                "hash-mismatch",
                f"{algorithm} of the file is {scan.digests[algorithm]}; the descriptor says "
                f"{expected_digest}",
                name,
                file=path_value,
            )
        readable = self.check_scan(name, path_value, scan, text)
        if is_source:
            self.read_source(name, path_value, real, scan, readable)
        if not is_table:
            return
        table = self.table(name, path_value, real, res)
        if table is None:
            return
        table.bom = scan.bom
        table.usable = readable
        if readable and scan.cr_line is not None and table.dialect.line_terminator == "\n":
            self.add(
                "line-terminator",
                f"line {scan.cr_line} ends with CRLF (\\r\\n); the dialect declares \\n",
                name,
                file=path_value,
            )
        self.tables[name] = table

    def declared_hash(self, name: str, file: str, value: object) -> tuple[str | None, str | None]:
        """(algorithm, hex digest) of a declared ``hash`` ("sha256:…"; bare hex is md5)."""
        if value is None:
            return None, None
        if not isinstance(value, str):
            self.add(
                "descriptor-error", f"hash must be a string, found {_show(value)}", name, file=file
            )
            return None, None
        algorithm, _, digest = value.rpartition(":")
        algorithm = algorithm.lower() or "md5"
        if algorithm not in _HASHES or not re.fullmatch(r"[0-9a-fA-F]+", digest):
            self.add(
                "descriptor-error",
                f"hash {_show(value)} is not '<algorithm>:<hex digest>' with algorithm one of "
                f"{', '.join(_HASHES)}",
                name,
                file=file,
            )
            return None, None
        return algorithm, digest.lower()

    def scan(self, path: Path, algorithms: set[str], text: bool) -> _Scan:
        """One streamed pass over a file: size, digests, BOM, first CR, first invalid UTF-8."""
        hashers = {a: hashlib.new(a) for a in algorithms}
        decoder = codecs.getincrementaldecoder("utf-8")()
        size = newlines = 0
        bom = False
        cr_line: int | None = None
        bad: tuple[int, int, int] | None = None
        nul: tuple[int, int] | None = None
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                if size == 0:
                    bom = chunk.startswith(codecs.BOM_UTF8)
                for hasher in hashers.values():
                    hasher.update(chunk)
                if text and bad is None:
                    pending = len(decoder.getstate()[0])
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as exc:
                        offset = max(0, size - pending + exc.start)
                        local = max(0, exc.start - pending)
                        line = newlines + chunk[:local].count(b"\n") + 1
                        byte = exc.object[exc.start] if exc.start < len(exc.object) else 0
                        bad = (offset, line, byte)
                if text and nul is None and b"\x00" in chunk:
                    at = chunk.index(b"\x00")
                    nul = (size + at, newlines + chunk[:at].count(b"\n") + 1)
                if cr_line is None and b"\r" in chunk:
                    cr_line = newlines + chunk[: chunk.index(b"\r")].count(b"\n") + 1
                newlines += chunk.count(b"\n")
                size += len(chunk)
        if text and bad is None:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                bad = (size - 1, newlines + 1, 0)
        return _Scan(size, {a: h.hexdigest() for a, h in hashers.items()}, bom, cr_line, bad, nul)

    def check_scan(self, name: str, file: str, scan: _Scan, text: bool) -> bool:
        """Report what the byte scan found; True when the file can be read as UTF-8 text."""
        if not text:
            return True
        if scan.size == 0:
            self.add(
                "empty-file", "the file is empty; expected a header row and data", name, file=file
            )
            return False
        if scan.bad_utf8 is not None:
            offset, line, byte = scan.bad_utf8
            self.add(
                "encoding-error",
                f"not valid UTF-8: byte {byte:#04x} at offset {offset:,} (line {line}); the "
                "package is UTF-8 (was the file saved as GBK or another legacy encoding?)",
                name,
                file=file,
            )
            return False
        if scan.nul is not None:
            offset, line = scan.nul
            self.add(
                "encoding-error",
                f"NUL byte at offset {offset:,} (line {line}): binary data, or UTF-16 text; "
                "expected UTF-8 text",
                name,
                file=file,
            )
            return False
        if scan.bom:
            self.add(
                "bom",
                "the file starts with a UTF-8 byte-order mark (EF BB BF); expected plain UTF-8",
                name,
                file=file,
            )
        return True

    def read_source(self, name: str, file: str, path: Path, scan: _Scan, readable: bool) -> None:
        """Load the source text; provenance is checked only against the pinned bytes."""
        if scan.digests["sha256"] != SOURCE_SHA256:
            self.add(
                "source-altered",
                f"sha256 of the source text is {scan.digests['sha256']}; expected the pinned "
                f"{SOURCE_SHA256}. Offsets and quotes were not checked against it.",
                name,
                file=file,
            )
            return
        if readable:
            self.source = path.read_bytes().decode("utf-8")

    # -- schemas ----------------------------------------------------------------------------

    def table(self, name: str, file: str, path: Path, res: dict[str, Any]) -> _Table | None:
        """The effective schema and dialect of a table resource (None when unusable)."""
        canonical = _canonical().get(name)
        declared = res.get("schema")
        fmt = res.get("format")
        if fmt is not None and fmt != "csv":
            self.add(
                "descriptor-error",
                f"format {_show(fmt)}: only csv tables are read",
                name,
                file=file,
            )
            return None
        dialect = self.dialect(name, file, res.get("dialect"))
        if dialect is None:
            return None
        if not isinstance(declared, dict) or "fields" not in declared:
            if canonical is None:
                self.add("descriptor-error", "table has no inline schema", name, file=file)
                return None
            self.add(
                "schema-mismatch",
                "table has no inline schema with fields; checked against the package's own",
                name,
                file=file,
            )
            declared = canonical
        fields = self.fields(name, file, declared.get("fields"), canonical)
        if fields is None:
            return None
        names = {f["name"] for f in fields}
        missing = declared.get("missingValues", [""])
        missing_values = _as_list(missing)
        if missing_values is None:
            self.add(
                "descriptor-error",
                f"missingValues must be a list of strings, found {_show(missing)}",
                name,
                file=file,
            )
            missing_values = [""]
        if canonical is not None and missing_values != canonical.get("missingValues", [""]):
            self.add(
                "schema-mismatch",
                f"missingValues {missing_values}; expected {canonical.get('missingValues', [''])}",
                name,
                file=file,
            )
            missing_values = list(canonical.get("missingValues", [""]))
        primary_key = self.primary_key(name, file, declared.get("primaryKey"), canonical, names)
        foreign_keys = self.foreign_keys(name, file, declared.get("foreignKeys"), canonical, names)
        return _Table(
            name,
            file,
            path,
            fields,
            primary_key,
            foreign_keys,
            frozenset(missing_values),
            dialect,
        )

    def dialect(self, name: str, file: str, value: object) -> _Dialect | None:
        """The CSV dialect (v1 flat or v2 ``csv`` form), restricted to plain CSV options."""
        if value is None:
            return _Dialect()
        if not isinstance(value, dict):
            self.add(
                "descriptor-error",
                f"dialect must be an object, found {_show(value)}",
                name,
                file=file,
            )
            return None
        options = (
            {**value, **value.get("csv", {})}
            if isinstance(value.get("csv", {}), dict)
            else dict(value)
        )
        options.pop("csv", None)
        options.pop("$schema", None)
        unknown = sorted(k for k in options if k not in _DIALECT_KEYS)
        if unknown:
            self.add(
                "descriptor-error", f"unsupported dialect option(s) {unknown}", name, file=file
            )
            return None
        if options.get("header", True) is not True or options.get("headerRows", [1]) != [1]:
            self.add(
                "descriptor-error",
                "tables must have one header row (dialect header)",
                name,
                file=file,
            )
            return None

        def char(key: str, default: str | None) -> str | None:
            got = options.get(key, default)
            if got is None or (isinstance(got, str) and len(got) == 1 and got not in "\r\n"):
                return got
            raise ValueError(f"dialect {key} must be one character, found {_show(got)}")

        try:
            delimiter = char("delimiter", ",") or ","
            quotechar = char("quoteChar", '"') or '"'
            escapechar = char("escapeChar", None)
        except ValueError as exc:
            self.add("descriptor-error", str(exc), name, file=file)
            return None
        terminator = options.get("lineTerminator")
        if terminator not in (None, "\n", "\r\n", "\r"):
            self.add(
                "descriptor-error",
                f"lineTerminator {_show(terminator)} unsupported",
                name,
                file=file,
            )
            return None
        return _Dialect(
            delimiter=delimiter,
            quotechar=quotechar,
            doublequote=bool(options.get("doubleQuote", True)),
            escapechar=escapechar,
            skipinitialspace=bool(options.get("skipInitialSpace", False)),
            line_terminator=terminator,
        )

    def fields(
        self, name: str, file: str, declared: object, canonical: dict[str, Any] | None
    ) -> list[dict[str, Any]] | None:
        """Effective fields: the package's definition for its own fields, vetted extensions."""
        canon = {f["name"]: f for f in canonical["fields"]} if canonical else {}
        if not isinstance(declared, list) or not declared:
            self.add("descriptor-error", "schema.fields must be a non-empty list", name, file=file)
            return None
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, item in enumerate(declared):
            fname = item.get("name") if isinstance(item, dict) else None
            if not isinstance(fname, str) or not fname or fname in seen:
                self.add(
                    "descriptor-error",
                    f"schema.fields[{i}] has a missing or duplicate name {_show(fname)}",
                    name,
                    file=file,
                )
                return None
            seen.add(fname)
            assert isinstance(item, dict)
            if fname in canon:
                want = canon[fname]
                got_type, want_type = item.get("type", "string"), want["type"]
                got_c, want_c = item.get("constraints", {}), want.get("constraints", {})
                if got_type != want_type:
                    self.add(
                        "schema-mismatch",
                        f"declared type {_show(got_type)}; expected {_show(want_type)}",
                        name,
                        field=fname,
                        file=file,
                    )
                elif got_c != want_c:
                    self.add(
                        "schema-mismatch",
                        f"declared constraints {_show(got_c, 200)}; expected {_show(want_c, 200)}",
                        name,
                        field=fname,
                        file=file,
                    )
                out.append(dict(want))
            else:
                vetted = self.extension_field(name, file, fname, item)
                if vetted is None:
                    return None
                out.append(vetted)
        for fname in canon:
            if fname not in seen:
                self.add(
                    "schema-mismatch",
                    f"field {fname!r} ({canon[fname]['type']}) is missing from the schema",
                    name,
                    field=fname,
                    file=file,
                )
        return out

    def extension_field(
        self, name: str, file: str, fname: str, item: dict[str, Any]
    ) -> dict[str, Any] | None:
        """A field the package does not define, reduced to options that are safe to apply."""
        ftype = item.get("type", "string")
        if ftype not in _FIELD_TYPES:
            self.add(
                "descriptor-error",
                f"unknown field type {_show(ftype)}",
                name,
                field=fname,
                file=file,
            )
            return None
        out: dict[str, Any] = {"name": fname, "type": ftype}
        for key in ("bareNumber",):
            if isinstance(item.get(key), bool):
                out[key] = item[key]
        if isinstance(item.get("format"), str) and len(item["format"]) <= 100:
            out["format"] = item["format"]
        given = item.get("constraints", {})
        if not isinstance(given, dict):
            self.add(
                "descriptor-error",
                f"constraints must be an object, found {_show(given)}",
                name,
                field=fname,
                file=file,
            )
            return None
        constraints: dict[str, Any] = {}
        for key in ("required", "unique"):
            if isinstance(given.get(key), bool):
                constraints[key] = given[key]
        for key in ("minimum", "maximum", "minLength", "maxLength"):
            if isinstance(given.get(key), int | float) and not isinstance(given.get(key), bool):
                constraints[key] = given[key]
        enum = given.get("enum")
        if (
            isinstance(enum, list)
            and len(enum) <= 10_000
            and all(isinstance(v, str | int | float) for v in enum)
        ):
            constraints["enum"] = enum
        if given.get("pattern") in _trusted_patterns():
            constraints["pattern"] = given["pattern"]
        if constraints:
            out["constraints"] = constraints
        return out

    def primary_key(
        self,
        name: str,
        file: str,
        declared: object,
        canonical: dict[str, Any] | None,
        names: set[str],
    ) -> list[str]:
        """The primary key enforced: the package's own for its tables, else the declared one."""
        got = _as_list(declared) if declared is not None else []
        if canonical is not None:
            want = list(canonical.get("primaryKey", []))
            if got != want:
                self.add("schema-mismatch", f"primaryKey {got}; expected {want}", name, file=file)
            return [k for k in want if k in names]
        if got is None or any(k not in names for k in got):
            self.add(
                "descriptor-error",
                f"primaryKey {_show(declared)} names unknown fields",
                name,
                file=file,
            )
            return []
        return got

    def foreign_keys(
        self,
        name: str,
        file: str,
        declared: object,
        canonical: dict[str, Any] | None,
        names: set[str],
    ) -> list[_ForeignKey]:
        """Foreign keys enforced: the package's own plus valid declared extras."""
        keys: list[_ForeignKey] = []
        wanted = [self.normalise_fk(name, fk) for fk in (canonical or {}).get("foreignKeys", [])]
        got: list[_ForeignKey] = []
        if declared is not None and not isinstance(declared, list):
            self.add("descriptor-error", "foreignKeys must be a list", name, file=file)
            declared = []
        for item in declared or []:
            if not isinstance(item, dict):
                self.add(
                    "descriptor-error",
                    f"foreign key {_show(item)} is not an object",
                    name,
                    file=file,
                )
                continue
            ref = item.get("reference")
            if isinstance(ref, dict) and "package" in ref:
                self.add(
                    "unsafe-path", "foreign keys into other packages are refused", name, file=file
                )
                continue
            fk = self.normalise_fk(name, item)
            if fk is None or any(f not in names for f in fk.fields):
                self.add(
                    "descriptor-error",
                    f"foreign key {_show(item, 200)} is malformed",
                    name,
                    file=file,
                )
                continue
            got.append(fk)
        for fk in wanted:
            if fk is None:
                continue
            if fk not in got:
                self.add(
                    "schema-mismatch",
                    f"foreign key {list(fk.fields)} → {fk.resource}.{list(fk.reference_fields)} "
                    "is missing from the schema",
                    name,
                    field=",".join(fk.fields),
                    file=file,
                )
            if all(f in names for f in fk.fields):
                keys.append(fk)
        keys += [fk for fk in got if fk not in keys]
        return keys

    @staticmethod
    def normalise_fk(name: str, item: Mapping[str, Any]) -> _ForeignKey | None:
        """A declared foreign key of table ``name`` in one form (None when malformed)."""
        ref = item.get("reference")
        if not isinstance(ref, dict):
            return None
        fields, ref_fields = _as_list(item.get("fields")), _as_list(ref.get("fields"))
        resource = ref.get("resource") or name
        if (
            not fields
            or not ref_fields
            or len(fields) != len(ref_fields)
            or not isinstance(resource, str)
        ):
            return None
        return _ForeignKey(tuple(fields), resource, tuple(ref_fields))

    def implicit_foreign_keys(self) -> None:
        """In tables a derived package adds, an ``<x>_id`` column names the row of the table
        whose primary key is ``<x>_id`` (``sentence_id`` → sentences), declared or not: a
        reference nobody declared is one frictionless cannot check. The package's own tables
        keep exactly the keys their models define."""
        owners: dict[str, list[str]] = {}
        for table in self.tables.values():
            if len(table.primary_key) == 1:
                owners.setdefault(table.primary_key[0], []).append(table.name)
        for table in self.tables.values():
            if table.name in _canonical():
                continue
            declared = {fk.fields for fk in table.foreign_keys}
            for f in table.fields:
                name = f["name"]
                owner = owners.get(name, [])
                if (
                    name.endswith("_id")
                    and name not in table.primary_key
                    and len(owner) == 1
                    and owner[0] != table.name
                    and (name,) not in declared
                ):
                    table.foreign_keys.append(_ForeignKey((name,), owner[0], (name,)))

    def resolve_foreign_keys(self) -> None:
        """Drop foreign keys into unreadable tables; note keys into resources not present
        (a problem only if some row uses them: a derived package may drop a table no row
        refers to)."""
        for table in self.tables.values():
            kept: list[_ForeignKey] = []
            for fk in table.foreign_keys:
                target = self.tables.get(fk.resource)
                if fk.resource not in self.declared:
                    self.absent.setdefault(table.name, []).append(fk)
                elif target is not None and target.usable:
                    target_names = {f["name"] for f in target.fields}
                    if all(f in target_names for f in fk.reference_fields):
                        kept.append(fk)
            table.foreign_keys = kept

    # -- stage 3: rows ----------------------------------------------------------------------

    def read_rows(self, table: _Table) -> Iterator[tuple[int, list[str], list[str]]]:
        """(data row number, header, cells) of every row; stops with a problem on bad CSV."""
        d = table.dialect
        encoding = "utf-8-sig" if table.bom else "utf-8"
        with (
            _csv_field_limit(MAX_FILE_BYTES + 1),
            table.path.open(encoding=encoding, newline="") as handle,
        ):
            reader = csv.reader(
                handle,
                delimiter=d.delimiter,
                quotechar=d.quotechar,
                doublequote=d.doublequote,
                escapechar=d.escapechar,
                skipinitialspace=d.skipinitialspace,
                strict=False,
            )
            row = 0
            try:
                header = next(reader, None)
                if header is None:
                    self.add("empty-file", "the file has no header row", table.name)
                    table.usable = False
                    return
                for cells in reader:
                    row += 1
                    yield row, header, cells
            except csv.Error as exc:
                self.add("csv-error", f"unreadable CSV: {exc}", table.name, row=row + 1)
                table.usable = False

    def check_rows(self, table: _Table) -> None:
        """Stream one table, checking every row against the source and the conventions."""
        types = table.types()
        parents = self.span_fks.get(table.name, [])
        keys = self.span_keys.get(table.name, set())
        sentences = self.strict and table.name == SENTENCES_TABLE
        absent = self.absent.get(table.name, [])
        uses: dict[_ForeignKey, list[int]] = {fk: [0, 0] for fk in absent}  # count, first
        layout: _Layout | None = None
        for row, header, cells in self.read_rows(table):
            if layout is None:
                layout = _Layout.of(table.name, header, types)
            self.rows_checked += 1
            for i, cell in enumerate(
                cells if max(map(len, cells), default=0) > MAX_CELL_CHARS else ()
            ):
                if len(cell) > MAX_CELL_CHARS:
                    self.add(
                        "cell-too-large",
                        f"{len(cell):,} characters; cells longer than {MAX_CELL_CHARS:,} "
                        "are refused",
                        table.name,
                        row=row,
                        field=header[i] if i < len(header) else None,
                    )
            if len(cells) != len(header):
                continue  # ragged or blank: frictionless reports it; nothing to check here
            values = {
                name: self.cast(cells[i], types[name], table.missing_values)
                for name, i in layout.index.items()
            }
            self.check_row(table, row, values, layout, parents)
            start, end = values.get("start"), values.get("end")
            if isinstance(start, int) and isinstance(end, int):
                for key in keys:
                    if isinstance(values.get(key), str):
                        self.spans.setdefault(table.name, {}).setdefault(values[key], (start, end))
                if sentences:
                    self.sentence_spans.append((start, end))
            if self.strict:
                self.remember_for_completeness(values, layout)
            for fk in absent:
                if all(isinstance(values.get(f), str) for f in fk.fields):
                    uses[fk][0] += 1
                    uses[fk][1] = uses[fk][1] or row
        for fk, (count, first) in uses.items():
            if count:
                self.add(
                    "missing-resource",
                    f"{count:,} row(s) (first: row {first}) refer to "
                    f"{fk.resource}.{','.join(fk.reference_fields)}, but the package has no "
                    f"resource {fk.resource!r}",
                    table.name,
                    field=",".join(fk.fields),
                )

    def find_span_parents(self) -> None:
        """Single-column foreign keys into tables with a ``start``/``end`` span (e.g. a quote's
        sentence, a sentence's paragraph): those spans must contain the row's own."""
        for table in self.tables.values():
            for fk in table.foreign_keys:
                target = self.tables.get(fk.resource)
                if target is None or len(fk.fields) != 1:
                    continue
                t_types = target.types()
                if t_types.get("start") == "integer" and t_types.get("end") == "integer":
                    self.span_fks.setdefault(table.name, []).append(fk)
                    self.span_keys.setdefault(fk.resource, set()).add(fk.reference_fields[0])

    @staticmethod
    def cast(cell: str, ftype: str, missing: frozenset[str]) -> Any:
        """A cell as its field's type: None if missing, :data:`INVALID` if it does not parse."""
        if cell in missing:
            return None
        if ftype == "integer":
            return int(cell) if _INTEGER.match(cell) else INVALID
        if ftype == "number":
            return float(cell) if _NUMBER.match(cell.strip()) else INVALID
        if ftype == "boolean":
            return True if cell in _TRUE else False if cell in _FALSE else INVALID
        return cell

    def check_row(
        self,
        table: _Table,
        row: int,
        values: dict[str, Any],
        layout: _Layout,
        parents: Sequence[_ForeignKey],
    ) -> None:
        """Every per-row check: numbers, spans, values, periods; containment is queued."""
        name = table.name
        pairs = layout.pairs
        for fname in layout.numbers:
            value = values[fname]
            if isinstance(value, float) and not math.isfinite(value):
                self.add(
                    "non-finite",
                    f"found {value}; numbers must be finite (no NaN or infinity)",
                    name,
                    row,
                    fname,
                )
        good: dict[str, tuple[int, int]] = {}
        mismatched: set[str] = set()
        for pair in pairs:
            span = self.check_span(table, row, values, pair)
            if span is None:
                continue
            if span == (-1, -1):
                mismatched.add(pair.prefix)
                continue
            good[pair.prefix] = span
        main = "quote" if "quote" in good else "" if "" in good else None
        if main is not None:
            outer = good[main]
            for prefix, (a, b) in good.items():
                if prefix != main and not (outer[0] <= a and b <= outer[1]):
                    pair = next(p for p in pairs if p.prefix == prefix)
                    self.add(
                        "span-outside",
                        f"{pair.text or prefix} at [{a}:{b}] is not inside the "
                        f"{'quote' if main else 'span'} at [{outer[0]}:{outer[1]}]",
                        name,
                        row,
                        pair.start,
                    )
            for fk in parents:
                key = values.get(fk.fields[0])
                if isinstance(key, str):
                    what = "quote" if main == "quote" else "span"
                    self.pending.append(
                        _Pending(name, row, fk.fields[0], fk.resource, key, outer, what)
                    )
        if "value_text" in values and "value" in values and "value" not in mismatched:
            self.check_value(name, row, values)
        if layout.periods:
            self.check_periods(table, row, values, layout.periods)

    def check_span(
        self, table: _Table, row: int, values: Mapping[str, Any], pair: _Pair
    ) -> tuple[int, int] | None:
        """Range, order and text of one offset pair.

        Returns the span when it is usable, ``(-1, -1)`` when its text differs from the
        source, None when it cannot be checked.
        """
        a, b = values.get(pair.start), values.get(pair.end)
        if not isinstance(a, int) or not isinstance(b, int):
            return None
        name = table.name
        if a < 0 or b < 0:
            for col, v in ((pair.start, a), (pair.end, b)):
                if v < 0 and "minimum" not in table.constraints(col):
                    self.add("offset-range", f"found {v}; offsets are >= 0", name, row, col)
            return None
        if a >= b:
            self.add(
                "offset-range",
                f"{pair.start} {a} is not before {pair.end} {b}",
                name,
                row,
                pair.start,
            )
            return None
        if self.source is None:
            return (a, b)
        if b > len(self.source):
            self.add(
                "offset-range",
                f"found {b}; the source has {len(self.source):,} characters",
                name,
                row,
                pair.end,
            )
            return None
        if pair.text is None:
            return (a, b)
        text = values.get(pair.text)
        if not isinstance(text, str):
            return (a, b)
        actual = self.source[a:b]
        if text == actual:
            return (a, b)
        hint = ""
        found = self.nearest(text, a)
        if found is not None:
            hint = f"; {pair.text} occurs at [{found}:{found + len(text)}]"
        self.add(
            "source-mismatch",
            f"source[{a}:{b}] is {_show(actual)} but {pair.text} is {_show(text)}{hint}",
            name,
            row,
            pair.text,
        )
        return (-1, -1)

    def nearest(self, text: str, near: int) -> int | None:
        """Offset of the occurrence of ``text`` in the source nearest to ``near``."""
        assert self.source is not None
        best: int | None = None
        pos = self.source.find(text)
        for _ in range(1000):
            if pos < 0:
                break
            if best is None or abs(pos - near) < abs(best - near):
                best = pos
            pos = self.source.find(text, pos + 1)
        return best

    def check_value(self, name: str, row: int, values: Mapping[str, Any]) -> None:
        """Re-parse ``value_text``: value, unit, qualifier and printed parts must follow."""
        text, value = values.get("value_text"), values.get("value")
        qualifier = values.get("qualifier")
        if not isinstance(text, str) or value is INVALID:
            return
        if isinstance(value, float) and not math.isfinite(value):
            return
        if qualifier == "qualitative":
            if value is not None:
                self.add(
                    "qualitative-value",
                    f"found {_number(value)}; qualitative rows have an empty value",
                    name,
                    row,
                    "value",
                )
            for col in ("value_printed", "unit_printed"):
                if values.get(col) not in (None, INVALID):
                    self.add(
                        "printed-mismatch",
                        f"found {_show(values[col])}; qualitative rows print no number",
                        name,
                        row,
                        col,
                    )
            return
        unit = values.get("unit")
        inferred = values.get("unit_inferred")
        if "unit_inferred" not in values:
            printed = values.get("unit_printed")
            stripped = re.sub(r"^第|^(万亿|亿|万)", "", printed) if isinstance(printed, str) else ""
            inferred = not stripped or stripped not in UNITS
        if inferred is INVALID:
            return
        try:
            parsed = parse_value(text, unit=unit if inferred and isinstance(unit, str) else None)
        except ValueParseError as exc:
            self.add("value-unparseable", str(exc), name, row, "value_text")
            return
        expected = -parsed.value if values.get("direction") == "decrease" else parsed.value
        if value is None or not math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12):
            why = f"value_text {_show(text)} gives {format_plain(expected)}"
            if values.get("direction") == "decrease":
                why += " (negated: direction is decrease)"
            if value is None:
                self.add("missing-value", f"empty; {why}", name, row, "value")
            else:
                self.add("value-mismatch", f"found {_number(value)}; {why}", name, row, "value")
        if "unit" in values and unit is not INVALID and unit != parsed.unit:
            self.add(
                "unit-mismatch",
                f"found {_show(unit)}; value_text {_show(text)} gives {parsed.unit!r}",
                name,
                row,
                "unit",
            )
        if "qualifier" in values and qualifier is not INVALID and qualifier != parsed.qualifier:
            self.add(
                "qualifier-mismatch",
                f"found {_show(qualifier)}; value_text {_show(text)} gives {parsed.qualifier!r}",
                name,
                row,
                "qualifier",
            )
        for col, want in (
            ("value_printed", parsed.number_printed),
            ("unit_printed", parsed.unit_printed or None),
        ):
            if col in values and values[col] is not INVALID and values[col] != want:
                self.add(
                    "printed-mismatch",
                    f"found {_show(values[col])}; value_text {_show(text)} prints {_show(want)}",
                    name,
                    row,
                    col,
                )
        if (
            isinstance(value, float)
            and value < 0
            and unit in COUNT_UNITS
            and values.get("direction") != "decrease"
        ):
            self.add(
                "negative-count",
                f"found {_number(value)} {unit}; counts are negative only when direction is "
                "decrease",
                name,
                row,
                "value",
            )

    def check_periods(
        self, table: _Table, row: int, values: Mapping[str, Any], periods: Sequence[str]
    ) -> None:
        """Periods (``period``, ``*_period``) are well formed and ranges run forwards."""
        years: dict[str, tuple[int, int]] = {}
        for col in periods:
            value = values.get(col)
            if not isinstance(value, str):
                continue
            if not _PERIOD.match(value):
                if "pattern" not in table.constraints(col):
                    self.add(
                        "period-format",
                        f"found {_show(value)}; expected YYYY or YYYY-YYYY",
                        table.name,
                        row,
                        col,
                    )
                continue
            first, last = _period_years(value)
            if "-" in value and first >= last:
                self.add(
                    "period-order",
                    f"found {value!r}; a range runs from an earlier year to a later one",
                    table.name,
                    row,
                    col,
                )
                continue
            years[col] = (first, last)
        if (
            "period" in years
            and "base_period" in years
            and years["base_period"][1] >= years["period"][1]
        ):
            self.add(
                "period-order",
                f"base period {values['base_period']!r} does not precede period "
                f"{values['period']!r}",
                table.name,
                row,
                "base_period",
            )

    def remember_for_completeness(self, values: Mapping[str, Any], layout: _Layout) -> None:
        """Keep the few columns the ``strict`` completeness rules need."""
        facts, mentions, exclusions = layout.facts, layout.mentions, layout.exclusions
        offsets = ("quote_start", "quote_end")
        if not all(isinstance(values.get(c), int) for c in offsets):
            return
        if facts and all(isinstance(values.get(c), int) for c in ("value_start", "value_end")):
            self.facts.append(
                {
                    k: values.get(k)
                    for k in ("value_start", "value_end", *offsets, "period", "base_period")
                }
            )
        if mentions:
            self.mentions.append({k: values[k] for k in offsets})
        if exclusions and isinstance(values.get("kind"), str):
            self.exclusions.append({"kind": values["kind"], **{k: values[k] for k in offsets}})

    def resolve_containment(self) -> None:
        """A row's span lies inside the ``start``/``end`` span of each row it references."""
        for p in self.pending:
            outer = self.spans.get(p.reference, {}).get(p.key)
            if outer is None:
                continue  # a dangling key: the foreign-key check reports it
            if not (outer[0] <= p.span[0] and p.span[1] <= outer[1]):
                self.add(
                    "span-outside-parent",
                    f"{p.what} [{p.span[0]}:{p.span[1]}] is not inside {p.reference} {p.key!r} "
                    f"[{outer[0]}:{outer[1]}]",
                    p.table,
                    p.row,
                    p.field,
                )

    # -- stage 4: frictionless --------------------------------------------------------------

    def start_frictionless(self) -> Callable[[], FrictionlessResult]:
        """Start Table Schema validation of the readable tables; return a function to wait.

        frictionless runs in the worker process started by :func:`_worker_pool` while this one
        does the package's own checks; where there is no worker it runs here when waited for.
        """
        tables = [t for t in self.tables.values() if t.usable]
        if not tables:
            return lambda: ([], [])
        usable = {t.name for t in tables}
        descriptor = {
            "name": "package-under-validation",
            "resources": [_frictionless_resource(t, usable) for t in tables],
        }
        args = (descriptor, str(self.root), MAX_PROBLEMS_PER_RESOURCE)
        pool = self.pool
        if pool is None:
            return lambda: frictionless_errors(*args)
        try:
            future = pool.submit(frictionless_errors, *args)
        except RuntimeError:  # the pool broke (its worker died)
            return lambda: frictionless_errors(*args)

        def wait() -> FrictionlessResult:
            try:
                return future.result()
            except Exception:  # the worker died (e.g. killed): validate here instead
                return frictionless_errors(*args)

        return wait

    def frictionless(self, result: FrictionlessResult) -> None:
        """Report frictionless' findings as problems of the package's tables."""
        package_errors, tasks = result
        for message in package_errors:
            self.add("frictionless-error", message)
        for name, errors in tasks:
            table = self.tables.get(name)
            if table is None:
                continue
            missing_cells = {
                (e.get("row_number"), e.get("field_name"))
                for e in errors
                if e.get("type") == "missing-cell"
            }
            for data in errors:
                if (
                    data.get("type") == "constraint-error"
                    and (data.get("row_number"), data.get("field_name")) in missing_cells
                ):
                    continue  # the missing cell says it; "required" would repeat it
                self.translate(table, SimpleNamespace(**data))

    def translate(self, table: _Table, error: Any) -> None:
        """One frictionless error as a :class:`Problem` (data row numbers exclude the header)."""
        kind = str(error.type)
        number = getattr(error, "row_number", None)
        row = number - 1 if isinstance(number, int) and number > 1 else None
        fname = getattr(error, "field_name", None) or None
        cell = getattr(error, "cell", None)
        note = str(getattr(error, "note", "") or "")
        if kind == "type-error":
            ftype = note.split('"')[1].split("/")[0] if '"' in note else "its type"
            message = f"found {_show(cell)}; expected a value of type {ftype}"
        elif kind == "constraint-error":
            match = re.match(r'constraint "(\w+)" is', note)
            name = match.group(1) if match else ""
            limit = table.constraints(fname or "").get(name)
            if name == "required":
                message = "empty; the field is required"
            elif limit is not None:
                message = f"found {_show(cell)}; expected {_constraint(name, limit)}"
            else:
                message = f"found {_show(cell)}; {note}"
        elif kind == "foreign-key":
            fname = ",".join(getattr(error, "field_names", []) or []) or fname
            cells = ", ".join(map(_show, getattr(error, "field_cells", []) or []))
            ref = getattr(error, "reference_name", "") or table.name
            ref_fields = ",".join(getattr(error, "reference_field_names", []) or [])
            message = f"found {cells}; no such {ref}.{ref_fields}"
        elif kind == "primary-key":
            fname = ",".join(table.primary_key)
            row_cells = list(getattr(error, "cells", []) or [])
            positions = [i for i, f in enumerate(table.fields) if f["name"] in table.primary_key]
            key = ", ".join(_show(row_cells[i]) for i in positions if i < len(row_cells))
            first = re.search(r"position \"?(\d+)", note)
            seen = f"; first in row {int(first.group(1)) - 1}" if first else ""
            message = f"duplicate primary key {key}{seen}"
        elif kind == "incorrect-label":
            message = f"header is {_show(getattr(error, 'label', None))}; expected {fname!r}"
        elif kind == "extra-label":
            message = (
                f"column {_show(getattr(error, 'label', None))} (position "
                f"{getattr(error, 'field_number', '?')}) is not declared in the schema"
            )
        elif kind == "missing-label":
            message = f"column {fname!r} of the schema is missing from the header"
        elif kind == "extra-cell":
            message = (
                f"extra cell {_show(cell)} at position {getattr(error, 'field_number', '?')}; "
                f"the header has {len(table.fields)} columns"
            )
            fname = None
        elif kind == "missing-cell":
            message = f"no cell for {fname!r}: the row is shorter than the header"
        elif kind == "blank-row":
            message = "blank row"
        else:
            message = note or str(getattr(error, "message", kind))
        self.add(kind, message, table.name, row, fname)

    # -- stage 5: strict --------------------------------------------------------------------

    def completeness(self) -> None:
        """``strict``: every table present, sentences tile the source, nothing unaccounted."""
        for name in _canonical():
            if name not in self.declared:
                self.add(
                    "strict-missing-table",
                    f"--strict needs the full package; {name!r} is missing",
                    name,
                )
        tables = [self.tables.get(name) for name in _canonical()]
        if self.source is None or any(t is None or not t.usable for t in tables):
            return  # what is missing or unreadable is reported already
        source = self.source
        label = SOURCE_RESOURCE
        for piece in unaccounted_digits(source, self.facts, self.exclusions):
            context = source[max(0, piece.start - 12) : piece.end + 8].replace("\n", " ")
            self.add(
                "unaccounted-digits",
                f"line {piece.line}: digit run {piece.text!r} at [{piece.start}:{piece.end}] is in "
                f"no fact value, fact period or digits exclusion (…{context}…)",
                label,
            )
        for piece in unaccounted_quotes(source, self.mentions, self.exclusions):
            self.add(
                "unaccounted-quote",
                f"line {piece.line}: quoted phrase “{piece.text}” at [{piece.start}:{piece.end}] "
                "is in no program or term mention and no quoted exclusion",
                label,
            )
        if SENTENCES_TABLE in self.tables:
            self.tiling(source)

    def tiling(self, source: str) -> None:
        """Every non-whitespace character of the source is in exactly one sentence; each
        stretch that is not (in no sentence, or in several) is one problem."""
        depth = [0] * (len(source) + 1)
        for a, b in self.sentence_spans:
            depth[a] += 1
            depth[b] -= 1
        runs: list[list[int]] = []  # [start, end, sentences covering it]
        level = 0
        open_run = False
        for i, ch in enumerate(source):
            level += depth[i]
            if ch.isspace():
                continue  # whitespace may be in no sentence, and does not end a stretch
            if level == 1:
                open_run = False
            elif open_run and runs[-1][2] == level:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1, level])
                open_run = True
        for a, b, count in runs:
            self.add(
                "sentence-tiling",
                f"source[{a}:{b}] {_show(source[a:b])} is in {count} sentences; expected 1",
                SENTENCES_TABLE,
            )

    # -- the run ----------------------------------------------------------------------------

    def run(self, path: str | Path | None) -> Report:
        """All stages; every stage reports and the next one still runs."""
        self.pool = _worker_pool()
        try:
            return self.stages(path)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=False, cancel_futures=True)

    def stages(self, path: str | Path | None) -> Report:
        """The stages of :meth:`run`, in order."""
        descriptor = self.locate(path)
        shown = str(descriptor if descriptor is not None else path or "the shipped package")
        if descriptor is None:
            return self.report(shown)
        self.root = descriptor.parent
        self.descriptor_name = descriptor.name
        self.root_real = descriptor.parent.resolve()
        data = self.read_descriptor(descriptor)
        if data is None:
            return self.report(shown)
        self.resources(data)
        if SOURCE_RESOURCE not in self.declared:
            self.add(
                "missing-source",
                f"no resource named {SOURCE_RESOURCE!r}: the source text every offset indexes",
                file=self.descriptor_name,
            )
        self.implicit_foreign_keys()
        self.resolve_foreign_keys()
        self.find_span_parents()
        wait_for_frictionless = self.start_frictionless()
        for table in list(self.tables.values()):
            if table.usable:
                self.check_rows(table)
        self.resolve_containment()
        self.frictionless(wait_for_frictionless())
        if self.strict:
            self.completeness()
        return self.report(shown)

    def report(self, shown: str) -> Report:
        return Report(
            path=shown,
            problems=self.sorted_problems(),
            unreadable=self.unreadable,
            strict=self.strict,
            resources=self.resource_count,
            tables=len(self.tables),
            rows=self.rows_checked,
        )


#: Run frictionless in a second process, beside the package's own checks (tests that patch
#: this process, e.g. to forbid network access, set it False to keep frictionless in view).
RUN_FRICTIONLESS_IN_WORKER = True


def _worker_pool() -> ProcessPoolExecutor | None:
    """A one-process pool, already importing frictionless, or None where none can be had.

    Started with ``spawn`` (forking a process that holds polars' thread pool is unsafe) at the
    start of a run, so that the worker's start-up and frictionless' import overlap with reading
    the package; on two cores a whole run then takes about as long as frictionless alone.
    """
    if not RUN_FRICTIONLESS_IN_WORKER:
        return None
    try:
        import multiprocessing

        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        pool.submit(warm_up)
    except (OSError, RuntimeError, ValueError):
        return None
    return pool


def _frictionless_resource(table: _Table, usable: set[str]) -> dict[str, Any]:
    """The descriptor frictionless gets for a table: rebuilt from vetted parts only (a local
    relative path, plain CSV options, the effective schema), with foreign keys into readable
    tables only."""
    keys = [
        {
            "fields": list(fk.fields),
            "reference": {
                "resource": "" if fk.resource == table.name else fk.resource,
                "fields": list(fk.reference_fields),
            },
        }
        for fk in table.foreign_keys
        if fk.resource in usable
    ]
    schema: dict[str, Any] = {
        "fields": table.fields,
        "missingValues": sorted(table.missing_values),
    }
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "type": "table",
        "path": table.file,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if table.bom else "utf-8",
        "dialect": table.dialect.frictionless(),
        "schema": schema,
    }


def _span_pairs(types: Mapping[str, str]) -> list[_Pair]:
    """Integer offset pairs among the columns: ``X_start``/``X_end`` whose text is the string
    column ``X_text`` or ``X``, and ``start``/``end`` whose text is ``text``.

    >>> cols = ["quote", "quote_start", "quote_end", "value", "value_text", "value_start",
    ...         "value_end"]
    >>> types = {c: "integer" if c.endswith(("_start", "_end")) else "string" for c in cols}
    >>> [p.text for p in _span_pairs(types | {"value": "number"})]
    ['quote', 'value_text']
    """

    def text_of(*names: str) -> str | None:
        return next((n for n in names if types.get(n) == "string"), None)

    pairs: list[_Pair] = []
    for col, kind in types.items():
        prefix = col[: -len("_start")]
        if col.endswith("_start") and kind == "integer" and types.get(f"{prefix}_end") == kind:
            pairs.append(_Pair(prefix, col, f"{prefix}_end", text_of(f"{prefix}_text", prefix)))
    if types.get("start") == "integer" and types.get("end") == "integer":
        pairs.append(_Pair("", "start", "end", text_of("text")))
    return pairs


def validate(path: str | Path | None = None, *, strict: bool = False) -> Report:
    """Validate a data package and report every problem found.

    ``path`` is a datapackage.json or the folder holding it; None validates the shipped
    package. ``strict`` adds the completeness rules (every digit run and quoted phrase of the
    source accounted for, sentences tiling the source, every table present), which only the full
    package can meet. Bad input never raises: it becomes problems, and a descriptor that cannot
    be read makes ``report.unreadable`` true. Nothing is written and nothing is fetched.
    """
    validator = _Validator(strict)
    try:
        return validator.run(path)
    except Exception as exc:  # a last resort: a CI log shows a message, never a traceback
        validator.add(
            "internal-error",
            f"the validator stopped on an unexpected error ({type(exc).__name__}: {exc}); "
            "please report it with the package",
        )
        return validator.report(str(path))
