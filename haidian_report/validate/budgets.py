"""Budgets: how much a run reads and reports, so that no package can make it hang or balloon.

Every limit is a field of :class:`Limits` (pass your own to
:func:`~haidian_report.validate.validate`). Past a limit the run does not stop: it reports a
problem saying which limit, skips what is over it, and checks the rest. :class:`Problems`
collects findings under the problem caps; work that only serves a message (a "nearest
occurrence" hint) is done only for problems that are kept.

>>> sink = Problems(Limits(problems_per_resource=2))
>>> for row in (1, 2, 3):
...     _ = sink.add("type-error", "bad", "metrics", row=row)
>>> [p.code for p in sink.sorted()]
['type-error', 'type-error', 'too-many-problems']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from haidian_report.validate.report import Problem
from haidian_report.validate.text import safe, short_path

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """Every budget of a run. The defaults are far above what the shipped package needs
    (0.5 MB, 13 tables of at most 40 columns) and low enough to keep a run bounded."""

    descriptor_bytes: int = 16 * MiB
    resources: int = 1_000
    file_bytes: int = 128 * MiB
    total_bytes: int = 512 * MiB
    columns: int = 1_000
    cell_chars: int = 1_000_000
    problems_per_resource: int = 10_000
    problems: int = 100_000
    hints: int = 1_000
    pattern_chars: int = 10_000
    enum_values: int = 10_000


@dataclass
class Problems:
    """The problems of one run, capped per resource and in total."""

    limits: Limits
    files: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)
    kept: list[Problem] = field(default_factory=list)
    counts: Counter[str | None] = field(default_factory=Counter)
    dropped: Counter[str | None] = field(default_factory=Counter)
    hints_left: int = -1

    def __post_init__(self) -> None:
        self.hints_left = self.limits.hints

    def room(self, resource: str | None) -> int:
        """How many more problems of ``resource`` can be kept."""
        own = self.limits.problems_per_resource - self.counts[resource]
        return max(0, min(own, self.limits.problems - len(self.kept)))

    def add(
        self,
        code: str,
        message: str,
        resource: str | None = None,
        row: int | None = None,
        field: str | None = None,
        file: str | None = None,
    ) -> bool:
        """Record a problem; False when it is over a cap (it is then only counted)."""
        if self.room(resource) <= 0:
            self.dropped[resource] += 1
            return False
        if file is None and resource is not None:
            file = self.files.get(resource)
        self.counts[resource] += 1
        self.kept.append(
            Problem(
                code,
                safe(message),
                resource,
                short_path(file) if file is not None else None,
                row,
                safe(field) if field is not None else None,
            )
        )
        return True

    def drop(self, resource: str | None, count: int) -> None:
        """Count ``count`` problems of ``resource`` that were found but not kept."""
        if count > 0:
            self.dropped[resource] += count

    def hint(self) -> bool:
        """True while hints may still be computed (each call spends one)."""
        self.hints_left -= 1
        return self.hints_left >= 0

    def child(self) -> Problems:
        """An empty list of problems with the same limits and names, for stages that run on
        another thread; its problems are then merged (:meth:`merge`) in a fixed order."""
        return Problems(self.limits, self.files, self.order, self.columns)

    def merge(self, other: Problems) -> None:
        """Add the problems ``other`` kept (and counts those it dropped), as if they had been
        added here one by one."""
        for p in other.kept:
            if self.room(p.resource) <= 0:
                self.dropped[p.resource] += 1
            else:
                self.counts[p.resource] += 1
                self.kept.append(p)
        self.dropped.update(other.dropped)

    def sorted(self) -> list[Problem]:
        """Problems in descriptor order, then row, then column; a ``too-many-problems`` note
        closes each resource that had more than were kept."""
        notes = [
            Problem(
                "too-many-problems",
                f"{count:,} more problem(s) found and not listed (the report keeps "
                f"{self.limits.problems_per_resource:,} per resource and "
                f"{self.limits.problems:,} in all)",
                resource,
                short_path(self.files[resource]) if resource in self.files else None,
            )
            for resource, count in self.dropped.items()
        ]

        def key(p: Problem) -> tuple[int, int, int, int, str]:
            index = self.order.get(p.resource or "", -1)
            column = 10**6
            if p.field:
                column = self.columns.get(p.resource or "", {}).get(p.field.split(",")[0], column)
            last = 1 if p.code == "too-many-problems" else 0
            return (index, last, p.row or 0, column, p.code)

        return sorted(self.kept + notes, key=key)
