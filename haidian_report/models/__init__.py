"""The tables of the package, each defined once as a pydantic model.

A model's fields are the table's columns, in order; its ``TABLE`` says the resource name,
title, primary key and foreign keys. datapackage.json, the data dictionary and the polars read
schema are all generated from these classes (see :mod:`haidian_report.schema`).

>>> Indicator.TABLE.name, Indicator.TABLE.primary_key
('indicators', ('indicator_id',))
"""

from __future__ import annotations

from haidian_report.models.base import ForeignKey, Offset, Period, Provenance, Row, TableMeta, fk
from haidian_report.models.checks import Check, CheckInput, Derivation, DerivationInput
from haidian_report.models.facts import Fact, Indicator, Metric, Target
from haidian_report.models.programs import (
    Exclusion,
    Program,
    ProgramLink,
    ProgramMention,
    Term,
    TermMention,
)
from haidian_report.models.text import Section, Sentence
from haidian_report.models.vocab import (
    Category,
    CheckKind,
    CheckReason,
    CheckRole,
    DerivationKind,
    Direction,
    ExclusionKind,
    ExplanationBasis,
    Firmness,
    InputRole,
    LevelPriceBasis,
    Measure,
    Part,
    PriceBasis,
    PriceBasisSource,
    ProgramStatus,
    ProgramType,
    Qualifier,
    Scope,
    SectionKind,
    StatusSignal,
    TermKind,
    Verdict,
)

#: Every table of the package, in the order of datapackage.json.
TABLES: tuple[type[Row], ...] = (
    Section,
    Sentence,
    Metric,
    Indicator,
    Target,
    Program,
    ProgramMention,
    Term,
    TermMention,
    ProgramLink,
    Exclusion,
    Check,
    CheckInput,
    Derivation,
    DerivationInput,
)

__all__ = [
    "TABLES",
    "Category",
    "Check",
    "CheckInput",
    "CheckKind",
    "CheckReason",
    "CheckRole",
    "Derivation",
    "DerivationInput",
    "DerivationKind",
    "Direction",
    "Exclusion",
    "ExclusionKind",
    "ExplanationBasis",
    "Fact",
    "Firmness",
    "ForeignKey",
    "Indicator",
    "InputRole",
    "LevelPriceBasis",
    "Measure",
    "Metric",
    "Offset",
    "Part",
    "Period",
    "PriceBasis",
    "PriceBasisSource",
    "Program",
    "ProgramLink",
    "ProgramMention",
    "ProgramStatus",
    "ProgramType",
    "Provenance",
    "Qualifier",
    "Row",
    "Scope",
    "Section",
    "SectionKind",
    "Sentence",
    "StatusSignal",
    "TableMeta",
    "Target",
    "Term",
    "TermKind",
    "TermMention",
    "Verdict",
    "fk",
]
