"""The state a run shares between its stages: vetted table specs, read tables, the source.

Stages are functions of a :class:`Context`: they read its frames and add problems to its
:class:`~haidian_report.validate.budgets.Problems`. Frames are polars DataFrames read the way
:func:`haidian_report.load` reads (see :mod:`~haidian_report.validate.csvread`): ``raw`` holds
every cell as text (missing values null), ``frame`` the same cells cast to their declared
types, with the column :data:`ROW` giving the 1-based data row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

    from haidian_report.validate.budgets import Limits, Problems

#: Column added to every frame: the 1-based data row (the header is not counted).
ROW = "__row__"
#: Prefix of the boolean columns marking cells that failed their type (``__bad__value``).
BAD = "__bad__"
#: The exceptions a stage lets through: the user stopping the run, or Python leaving it. Any
#: other (polars' panics are BaseExceptions too) becomes a problem, and the run goes on.
FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)


@dataclass(frozen=True)
class Field:
    """A vetted Table Schema field: a type the validator knows and well-formed constraints."""

    name: str
    type: str
    constraints: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    @property
    def required(self) -> bool:
        return self.constraints.get("required") is True


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of a table name rows of ``resource`` by its ``reference_fields``."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Dialect:
    """The CSV options a table may declare: those that polars reads as declared."""

    delimiter: str = ","
    quote: str = '"'
    line_terminator: str | None = None


@dataclass
class Spec:
    """A table resource as it will be read: vetted path, effective schema and dialect."""

    name: str
    file: str
    path: Path
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[ForeignKey]
    missing_values: list[str]
    dialect: Dialect
    canonical: bool

    def field(self, name: str) -> Field | None:
        """The field called ``name``, if declared."""
        return next((f for f in self.fields if f.name == name), None)

    def types(self) -> dict[str, str]:
        """Field name → Table Schema type."""
        return {f.name: f.type for f in self.fields}

    @property
    def single_key(self) -> str | None:
        """The key column, when the primary key is one column (what rows are named by)."""
        return self.primary_key[0] if len(self.primary_key) == 1 else None


@dataclass
class Table:
    """A table whose rows could be read: its spec and its frames."""

    spec: Spec
    raw: pl.DataFrame
    frame: pl.DataFrame
    bad_columns: set[str] = field(default_factory=set)
    #: Results stages share (e.g. rows whose text differs from the source, parsed values).
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def height(self) -> int:
        return self.frame.height

    def has(self, *columns: str) -> bool:
        """True when every column is declared."""
        names = self.frame.columns
        return all(c in names for c in columns)

    def typed(self, column: str, kind: str) -> bool:
        """True when ``column`` is declared with Table Schema type ``kind``."""
        f = self.spec.field(column)
        return f is not None and f.type == kind

    def clean(self, *columns: str) -> pl.Expr:
        """True on rows where none of ``columns`` had a type error."""
        import polars as pl

        bad = [pl.col(BAD + c) for c in columns if c in self.bad_columns]
        return ~pl.any_horizontal(bad) if bad else pl.lit(True)


@dataclass
class Context:
    """One validation run: options, what was read, and the problems found so far."""

    strict: bool
    limits: Limits
    problems: Problems
    root: Path = Path(".")
    descriptor_file: str = "datapackage.json"
    declared: list[str] = field(default_factory=list)
    specs: dict[str, Spec] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    absent_keys: dict[str, list[ForeignKey]] = field(default_factory=dict)
    canonical: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the descriptor's ``version``, as declared (a package of an earlier release may lack
    #: fields added since: :func:`~haidian_report.validate.superseded.may_lack`)
    version: object = None
    source: str | None = None
    source_name: str | None = None
    unreadable: bool = False
    resource_count: int = 0
    bytes_read: int = 0
    shown: str = ""

    def add(
        self,
        code: str,
        message: str,
        resource: str | None = None,
        row: int | None = None,
        field: str | None = None,
        file: str | None = None,
    ) -> bool:
        """Record a problem (see :meth:`Problems.add`)."""
        return self.problems.add(code, message, resource, row, field, file)

    def fail(self, code: str, message: str) -> None:
        """A problem that leaves nothing to validate (exit code 2)."""
        self.unreadable = True
        self.add(code, message, file=self.descriptor_file)

    @cached_property
    def source_index(self) -> SourceIndex:
        """Per-character facts about the source (lines, digit runs), computed once."""
        return SourceIndex(self.source or "")


class SourceIndex:
    """Lines and digit runs of the source, per character, for vectorized lookups.

    >>> ix = SourceIndex("a12.5b\\nc")
    >>> ix.run_start[2], ix.run_end[2], ix.line_of[7]
    (1, 5, 2)
    """

    def __init__(self, source: str) -> None:
        import re

        n = len(source)
        self.length = n
        line_of: list[int] = []  # a line's characters and its line end, then one past the end
        for line, text in enumerate(source.split("\n"), 1):
            line_of += [line] * (len(text) + 1)
        self.line_of = line_of
        run_start = list(range(n + 1))
        run_end = list(range(1, n + 2))
        in_run = [False] * (n + 1)
        for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?", source):
            a, b = m.start(), m.end()
            run_start[a:b] = [a] * (b - a)
            run_end[a:b] = [b] * (b - a)
            in_run[a:b] = [True] * (b - a)
        self.run_start = run_start
        self.run_end = run_end
        self.in_run = in_run
