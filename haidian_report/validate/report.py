"""What a validation run returns: :class:`Problem` (one finding) and :class:`Report` (all of them).

The ``--json`` form (:meth:`Report.to_json`) is a stable interface: its keys are listed in
:data:`REPORT_KEYS` and :data:`PROBLEM_KEYS` and documented in ``docs/ci.md``; new keys may be
added, none is renamed or removed.

>>> p = Problem("value-mismatch", "found 5; expected 7", "indicators", row=3, field="value")
>>> p.where()
'indicators row 3, field value'
>>> Report("pkg/datapackage.json", [p]).valid
False
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

#: Keys of the ``--json`` report object, in order (a test pins them).
REPORT_KEYS: Final = (
    "path",
    "valid",
    "unreadable",
    "strict",
    "resources",
    "tables",
    "rows",
    "problem_count",
    "problems",
)
#: Keys of each problem in the ``--json`` report, in order.
PROBLEM_KEYS: Final = ("code", "resource", "file", "row", "field", "message")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package, located as precisely as possible.

    ``resource`` is the resource name (None for the package as a whole), ``file`` its path as
    declared (shortened when long), ``row`` the 1-based data row (the header is not counted;
    None when the problem is not about one row), ``field`` the column (several joined by
    commas), ``code`` a stable kebab-case identifier and ``message`` what was found and what
    was expected.
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
        return {key: getattr(self, key) for key in PROBLEM_KEYS}


@dataclass
class Report:
    """The outcome of :func:`~haidian_report.validate.validate`: every problem found."""

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

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-able dict with the keys of :data:`REPORT_KEYS`."""
        values = {
            "path": self.path,
            "valid": self.valid,
            "unreadable": self.unreadable,
            "strict": self.strict,
            "resources": self.resources,
            "tables": self.tables,
            "rows": self.rows,
            "problem_count": len(self.problems),
            "problems": [p.to_dict() for p in self.problems],
        }
        return {key: values[key] for key in REPORT_KEYS}

    def to_json(self) -> str:
        """The report as JSON: verdict, counts and every problem."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
