"""What the viewer highlights: one kind per table of spans, and where each row's span is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A table whose rows are highlighted in the text.

    ``css`` is the class that gives the kind its colour and underline style; ``shown`` says
    whether the kind is switched on when the page opens.
    """

    table: str
    css: str
    label: str
    plural: str
    shown: bool = True


#: The highlighted tables, in the order they nest when spans coincide (outermost first).
KINDS: tuple[Kind, ...] = (
    Kind("indicators", "ki", "Indicator", "Indicators"),
    Kind("targets", "kt", "Target", "Targets"),
    Kind("program_mentions", "kp", "Program mention", "Program mentions"),
    Kind("term_mentions", "kr", "Term mention", "Term mentions"),
    Kind("exclusions", "kx", "Excluded figure or phrase", "Exclusions", shown=False),
)

#: Tables a ``#<id>`` deep link may name, in the order a bare id is resolved when two tables
#: share it (``metrics`` and ``programs`` both have ``scientist_funds``): a link to a row that
#: loses this contest is written ``#<table>/<id>``.
LINK_ORDER: tuple[str, ...] = (
    *(k.table for k in KINDS),
    "sentences",
    "sections",
    "checks",
    "metrics",
    "programs",
    "terms",
)


def span_of(row: Mapping[str, str]) -> tuple[int, int]:
    """The characters a row highlights: its printed value if it has one, else its quote.

    A fact is about its figure ("5908亿元"), so the figure is what is marked; a mention or an
    exclusion is its quote.

    >>> span_of({"quote_start": "633", "quote_end": "662", "value_start": "646",
    ...          "value_end": "652"})
    (646, 652)
    >>> span_of({"quote_start": "247", "quote_end": "253"})
    (247, 253)
    """
    if row.get("value_start") and row.get("value_end"):
        return int(row["value_start"]), int(row["value_end"])
    return int(row["quote_start"]), int(row["quote_end"])
