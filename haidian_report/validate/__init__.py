"""Validate a haidian_report data package (the shipped one or a derived one) in one run.

``validate(path)`` reads ``datapackage.json`` and reports *every* problem it finds, each a
:class:`Problem` naming the resource, the 1-based data row, the field, what was found and what
was expected. VALID means that :func:`haidian_report.load` (polars with the declared schema),
pandas and DuckDB all read every table, and read the same values; that every row points at the
characters of the pinned source text it claims; and that every number agrees with its own text.

The stages, one module each (every stage a function of the frames read so far):

1. :mod:`~.paths` and :mod:`~.budgets` — where the package is, which paths may be opened,
   how much is read and reported;
2. :mod:`~.descriptor` and :mod:`~.tableschema` — the descriptor and each table's effective
   schema and dialect;
3. :mod:`~.files` — bytes, hashes, UTF-8, the pinned source;
4. :mod:`~.csvread` — strict CSV, read by polars;
5. :mod:`~.schema` — Table Schema types and constraints, vectorized;
6. :mod:`~.provenance` — spans against the source;
7. :mod:`~.crosstable` — foreign keys and nesting;
8. :mod:`~.rules` — meaning rules, one function each;
9. :mod:`~.strict` — completeness (``strict=True``);
10. :mod:`~.reference` — frictionless' own checks (``frictionless=True``);

and :mod:`~.report` for what comes back. Nothing here imports frictionless or pydantic unless
asked to.

>>> report = validate()
>>> report.valid, report.render().splitlines()[-1][:6]
(True, 'VALID:')
"""

from __future__ import annotations

from haidian_report.validate.budgets import Limits
from haidian_report.validate.report import Problem, Report
from haidian_report.validate.run import validate

__all__ = ["Limits", "Problem", "Report", "validate"]
