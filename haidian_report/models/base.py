"""What every table model shares: table metadata, foreign keys, rows and provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from haidian_report.meta import PERIOD_PATTERN

Offset = Annotated[int, Field(ge=0)]
Period = Annotated[str, Field(pattern=PERIOD_PATTERN)]


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table reference ``reference_fields`` of ``resource``."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableMeta:
    """What a table is: resource name, title, description and keys."""

    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


def fk(field: str, resource: str, ref: str | None = None) -> ForeignKey:
    """A single-column foreign key."""
    return ForeignKey((field,), resource, (ref or field,))


class Row(BaseModel):
    """Base of every table model: strict, immutable rows with no extra columns."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    TABLE: ClassVar[TableMeta]


class Provenance(Row):
    """Columns that tie a row to the exact characters of the source it came from."""

    sentence_id: str = Field(
        description="Sentence the quote lies in (sentences.sentence_id).",
        pattern=r"^p[0-9]{2}\.s[0-9]{2}$",
    )
    quote: str = Field(
        min_length=1,
        description="Verbatim text of the source: source[quote_start:quote_end] == quote.",
    )
    quote_start: Offset = Field(
        description="Start of the quote in the source, in Unicode code points from 0.",
        json_schema_extra={"unit": "code point"},
    )
    quote_end: Offset = Field(
        description="End of the quote in the source (exclusive), in Unicode code points.",
        json_schema_extra={"unit": "code point"},
    )
