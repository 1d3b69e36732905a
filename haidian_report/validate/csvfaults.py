"""Stage 3's problems about a file's lines: a line end the dialect does not declare, and each
CSV fault (:mod:`~haidian_report.validate.csvlines` finds them) named with its line, character
and, while rows are still lines, its row and field."""

from __future__ import annotations

import bisect
import re
from typing import Final

from haidian_report.validate.csvlines import Faults, line_starts
from haidian_report.validate.model import Context, Spec

#: What each kind of fault is called, and why it is one.
FAULTS: Final = {
    "bare": (
        "csv-bare-quote",
        "a quote character inside an unquoted cell: polars (haidian_report.load) cannot read "
        "the file; quote the whole cell and double the quote",
    ),
    "after": (
        "csv-text-after-quote",
        "text after a closing quote: polars cannot read it, pandas and DuckDB read different "
        "values; quote the whole cell",
    ),
    "empty": (
        "csv-quoted-empty",
        'a quoted empty cell (""): polars reads an empty string, DuckDB and frictionless a '
        "missing value; write an empty cell without quotes",
    ),
    "open": (
        "csv-unclosed-quote",
        "a quote opened here is never closed: the rest of the file would be read as one cell",
    ),
}


def line_ends(ctx: Context, spec: Spec, raw: bytes) -> None:
    """A line end other than the dialect declares, or a bare CR, at its first line."""
    crlf = raw.count(b"\r\n")
    bare_cr = raw.count(b"\r") - crlf
    lf = raw.count(b"\n") - crlf
    declared = spec.dialect.line_terminator
    if bare_cr:
        found = re.search(rb"\r(?!\n)", raw)
        assert found is not None
        line = raw.count(b"\n", 0, found.start()) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} holds a carriage return (\\r) not followed by a line feed: polars, "
            "pandas and DuckDB split such lines differently",
            spec.name,
        )
    elif declared == "\n" and crlf:
        line = raw.count(b"\n", 0, raw.index(b"\r\n")) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} ends with CRLF (\\r\\n); the dialect declares \\n",
            spec.name,
        )
    elif declared == "\r\n" and lf:
        found = re.search(rb"(?<!\r)\n", raw)
        assert found is not None
        line = raw.count(b"\n", 0, found.start()) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} ends with LF (\\n); the dialect declares \\r\\n",
            spec.name,
        )


def in_lines(text: str, faults: list[tuple[int, str]]) -> Faults:
    """Faults at offsets of ``text`` as (0-based line, character in the line, kind)."""
    starts = line_starts(text) if faults else []
    out: Faults = []
    for offset, kind in faults:
        line = bisect.bisect_right(starts, offset) - 1
        out.append((line, offset - starts[line], kind))
    return out


def report_faults(
    ctx: Context, spec: Spec, lines: dict[int, str], faults: Faults, odd: list[int]
) -> None:
    """One problem per line, kind of fault and column, with its line, character and field
    (``lines``: the text of the lines the faults are on, by 0-based index)."""
    d, q = spec.dialect.delimiter, spec.dialect.quote
    seen: set[tuple[int, str, int]] = set()
    for index, at, kind in faults:
        line = index + 1
        column = _column_at(lines.get(index, "")[:at], d, q)
        if (line, kind, column) in seen:
            continue
        seen.add((line, kind, column))
        code, why = FAULTS[kind]
        # rows are lines until a quoted cell spans lines (the first odd line opens one)
        single = not odd or line - 1 <= odd[0]
        row = line - 1 if line > 1 and single else None
        field = spec.fields[column].name if single and column < len(spec.fields) else None
        where = f"line {line:,}, character {at + 1:,}"
        ctx.add(code, f"{where}: {why}", spec.name, row, field)


def _column_at(prefix: str, delimiter: str, quote: str) -> int:
    """The 0-based column of the cell that the text ``prefix`` of a line ends in.

    >>> _column_at('a,"b,c",', ",", '"'), _column_at("", ",", '"'), _column_at('x,"y', ",", '"')
    (2, 0, 1)
    """
    column, quoted = 0, False
    for ch in prefix:
        if ch == quote:
            quoted = not quoted
        elif ch == delimiter and not quoted:
            column += 1
    return column
