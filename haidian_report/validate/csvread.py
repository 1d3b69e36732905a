"""Stage 3: read each table the one way :func:`haidian_report.load` does: polars, strict CSV.

VALID must mean that polars (``load``), pandas and DuckDB all read the file, and read it the
same. So, before polars reads a file, its lines are checked (vectorized, in polars) for every
CSV form that one of them rejects or reads differently, each a problem with its line:

* ``csv-text-after-quote`` — ``"x"y``: pandas reads ``xy``, DuckDB ``"x"y``, polars fails;
* ``csv-bare-quote`` — ``x"y`` in an unquoted cell: polars fails;
* ``csv-unclosed-quote`` — a quote still open at the end of the file;
* ``csv-quoted-empty`` — ``""``: polars reads an empty string, DuckDB and frictionless null;
* ``line-terminator`` — a line end other than the dialect declares, or a bare CR;
* ragged rows (``extra-cell``, ``missing-cell``) and ``blank-row``, header labels
  (``incorrect-label``, ``extra-label``, ``missing-label``, ``blank-label``,
  ``duplicate-label``), as frictionless names them.

Polars then reads every cell as text (the declared types are applied cell by cell by
:mod:`~haidian_report.validate.schema`, so that every bad cell is reported, not the first).
A file polars cannot read is read again leniently with Python's csv module, as frictionless
reads it, so that its rows are still checked: it is invalid either way.
"""

from __future__ import annotations

import bisect
import csv
import io
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Spec
from haidian_report.validate.text import show

#: Column of the number of cells each row has (added only when some row is ragged).
CELLS: Final = "__cells__"


def _cls(ch: str) -> str:
    """``ch`` escaped for use inside a regex character class (Rust and Python agree)."""
    return "\\" + ch if ch in "\\]^-[" else ch


def _patterns(delimiter: str, quote: str) -> tuple[str, str, str]:
    """Regexes for a quoted field, a well-formed line and a quoted empty cell."""
    d, q = _cls(delimiter), _cls(quote)
    quoted = f"[{q}](?:[^{q}]|[{q}][{q}])*[{q}]"
    field = f"(?:{quoted}|[^{q}{d}]*)"
    return quoted, f"^{field}(?:[{d}]{field})*$", f"(?:^|[{d}])[{q}][{q}](?:[{d}]|$)"


def quote_faults(text: str, delimiter: str, quote: str, most: int) -> list[tuple[int, str]]:
    """(offset, kind) of the first ``most`` quoting faults of ``text``: ``bare`` (a quote in
    an unquoted cell), ``after`` (text after a closing quote), ``empty`` (a quoted empty
    cell), ``open`` (a quote still open at the end).

    >>> quote_faults('a,"b"c\\nx"y,""\\n"z', ",", '"', 9)
    [(4, 'after'), (8, 'bare'), (11, 'empty'), (14, 'open')]
    """
    ends = (delimiter, "\n", "\r")
    faults: list[tuple[int, str]] = []
    n = len(text)
    i = text.find(quote)
    opened = -1
    while i >= 0 and len(faults) < most:
        if opened < 0:
            if i > 0 and text[i - 1] not in ends:
                faults.append((i, "bare"))
                i = text.find(quote, i + 1)
                continue
            if i + 1 < n and text[i + 1] == quote and (i + 2 >= n or text[i + 2] in ends):
                faults.append((i, "empty"))
                i = text.find(quote, i + 2)
                continue
            opened = i
            i = text.find(quote, i + 1)
        elif i + 1 < n and text[i + 1] == quote:
            i = text.find(quote, i + 2)  # a doubled quote inside a quoted cell
        else:
            opened = -1
            if i + 1 < n and text[i + 1] not in ends:
                faults.append((i, "after"))
            i = text.find(quote, i + 1)
    if opened >= 0 and len(faults) < most:
        faults.append((opened, "open"))
    return faults


_FAULTS: Final = {
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


def read(ctx: Context, spec: Spec, raw: bytes, text: str) -> pl.DataFrame | None:
    """The table as text cells named by field (plus :data:`ROW`); None (with problems) when
    it has no readable header."""
    name, d, q = spec.name, spec.dialect.delimiter, spec.dialect.quote
    if "\r" in text or spec.dialect.line_terminator == "\r\n":
        _line_ends(ctx, spec, text)
    header = _header(text, d, q)
    if header is None or not any(header):
        ctx.add("empty-file", "the file has no header row", name)
        return None
    width = len(header)
    if width > ctx.limits.columns:
        ctx.add(
            "budget-exceeded",
            f"the header has {width:,} columns; tables of more than "
            f"{ctx.limits.columns:,} are not read",
            name,
        )
        return None
    _labels(ctx, spec, header)
    lines = pl.Series("line", [text]).str.split("\n").explode()
    if text.endswith("\n"):
        lines = lines.head(len(lines) - 1)
    if "\r" in text:
        lines = lines.str.strip_suffix("\r")
    most = ctx.problems.room(name) + 1
    odd: list[int] = []  # lines (0-based) with an odd number of quotes
    if q in text:
        counts = lines.str.count_matches(q, literal=True)
        odd = pl.arg_where(counts % 2 == 1, eager=True).to_list()[:2]
    multiline = bool(odd)
    if multiline:
        faults = quote_faults(text, d, q, most)
        shape = _records(text, d, q, width)
    else:
        faults, shape = _line_faults(lines, text, d, q, width, most)
    starts = _line_starts(text) if faults else []
    seen: set[tuple[int, str]] = set()
    for offset, kind in faults:
        line = bisect.bisect_right(starts, offset)
        if (line, kind) in seen:
            continue
        seen.add((line, kind))
        code, why = _FAULTS[kind]
        # rows are lines until a quoted cell spans lines (the first odd line opens one)
        single = not multiline or line - 1 <= odd[0]
        row = line - 1 if line > 1 and single else None
        where = f"line {line:,}, character {offset - starts[line - 1] + 1:,}"
        ctx.add(code, f"{where}: {why}", name, row)
    lenient = any(k != "empty" for _, k in faults)
    frame = _cells(ctx, spec, raw, text, width, lenient, quoted_empty=bool(faults))
    return _ragged(ctx, spec, frame, shape, width)


def _line_ends(ctx: Context, spec: Spec, text: str) -> None:
    crlf = text.count("\r\n")
    bare_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    declared = spec.dialect.line_terminator
    if bare_cr:
        at = next(i for i, ch in enumerate(text) if ch == "\r" and text[i + 1 : i + 2] != "\n")
        line = text.count("\n", 0, at) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} holds a carriage return (\\r) not followed by a line feed: polars, "
            "pandas and DuckDB split such lines differently",
            spec.name,
        )
    elif declared == "\n" and crlf:
        line = text.count("\n", 0, text.index("\r\n")) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} ends with CRLF (\\r\\n); the dialect declares \\n",
            spec.name,
        )
    elif declared == "\r\n" and lf:
        at = next(
            i for i in range(len(text)) if text[i] == "\n" and (i == 0 or text[i - 1] != "\r")
        )
        line = text.count("\n", 0, at) + 1
        ctx.add(
            "line-terminator",
            f"line {line:,} ends with LF (\\n); the dialect declares \\r\\n",
            spec.name,
        )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


Shape = tuple[list[tuple[int, int]], list[int]]
"""(row, cells) of every row whose width differs from the header's, and the blank rows."""


def _line_faults(
    lines: pl.Series, text: str, d: str, q: str, width: int, most: int
) -> tuple[list[tuple[int, str]], Shape]:
    """Quoting faults of a file whose records are one line each, and its ragged rows."""
    quoted_re, line_re, empty_re = _patterns(d, q)
    frame = pl.DataFrame({"line": lines}).with_row_index("i")
    faults: list[tuple[int, str]] = []
    if q in text:
        has_q = pl.col("line").str.contains(q, literal=True)
        good = pl.col("line").str.contains(line_re) & ~pl.col("line").str.contains(empty_re)
        suspect = frame.filter(has_q & ~good)
        cells = (
            pl.when(has_q)
            .then(pl.col("line").str.replace_all(quoted_re, ""))
            .otherwise(pl.col("line"))
            .str.count_matches(d, literal=True)
            + 1
        )
        if suspect.height:
            starts = _line_starts(text)
            for i, line in suspect.select("i", "line").iter_rows():
                if len(faults) >= most:
                    break
                faults += [(starts[i] + at, kind) for at, kind in quote_faults(line, d, q, most)]
    else:
        cells = pl.col("line").str.count_matches(d, literal=True) + 1
    shape = frame.slice(1).select("i", cells.alias("w"), (pl.col("line") == "").alias("blank"))
    odd = shape.filter((pl.col("w") != width) | pl.col("blank"))
    ragged = [(i, w) for i, w, blank in odd.iter_rows() if not blank]
    blank = [i for i, _, b in odd.iter_rows() if b]
    return faults, (ragged, blank)


def _records(text: str, d: str, q: str, width: int) -> Shape:
    """Ragged and blank rows by Python's csv module (a file with quoted line ends)."""
    ragged: list[tuple[int, int]] = []
    blank: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=d, quotechar=q, strict=False)
    try:
        with _field_limit():
            next(reader, None)
            for row, cells in enumerate(reader, 1):
                if not cells:
                    blank.append(row)
                elif len(cells) != width:
                    ragged.append((row, len(cells)))
    except csv.Error:
        pass  # the quoting problem is reported already
    return ragged, blank


def _header(text: str, d: str, q: str) -> list[str] | None:
    """The header row (read from its first line, or the whole file if a quoted cell spans
    lines)."""
    end = text.find("\n")
    first = text if end < 0 else text[: end + 1]
    source = first if first.count(q) % 2 == 0 else text
    try:
        with _field_limit():
            reader = csv.reader(io.StringIO(source, newline=""), delimiter=d, quotechar=q)
            return next(reader, None)
    except csv.Error:
        return None


def _labels(ctx: Context, spec: Spec, header: list[str]) -> None:
    """Header labels against the schema's field names, position by position."""
    name, fields = spec.name, spec.fields
    seen: set[str] = set()
    for i, label in enumerate(header):
        if i < len(fields) and label != fields[i].name:
            if not label:
                ctx.add(
                    "blank-label",
                    f"column {i + 1} has no label; expected {fields[i].name!r}",
                    name,
                    field=fields[i].name,
                )
            else:
                ctx.add(
                    "incorrect-label",
                    f"header is {show(label)}; expected {fields[i].name!r}",
                    name,
                    field=fields[i].name,
                )
        elif i >= len(fields):
            ctx.add(
                "extra-label",
                f"column {show(label)} (position {i + 1}) is not declared in the schema",
                name,
            )
        if label and label in seen:
            ctx.add("duplicate-label", f"label {show(label)} (position {i + 1}) is repeated", name)
        seen.add(label)
    for f in fields[len(header) :]:
        ctx.add(
            "missing-label",
            f"column {f.name!r} of the schema is missing from the header",
            name,
            field=f.name,
        )


def _cells(
    ctx: Context, spec: Spec, raw: bytes, text: str, width: int, lenient: bool, quoted_empty: bool
) -> pl.DataFrame:
    """Every cell as text: polars, or (for a file it cannot read) Python's lenient csv."""
    names = [f"c{i}" for i in range(width)]
    d, q = spec.dialect.delimiter, spec.dialect.quote
    frame: pl.DataFrame | None = None
    if not lenient:
        try:
            frame = pl.read_csv(
                raw,
                has_header=True,
                infer_schema=False,
                separator=d,
                quote_char=q,
                truncate_ragged_lines=True,
                raise_if_empty=False,
                encoding="utf8",
            )
        except Exception as exc:  # polars refuses a form the line checks did not foresee
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            message = f"polars cannot read the file: {show(first, 200)}"
            ctx.add("csv-unreadable", message, spec.name)
    if frame is None or frame.width != width:
        frame = _lenient(text, d, q, width)
    frame.columns = names
    fields = spec.fields
    columns = [
        pl.col(names[i]).alias(f.name) if i < width else pl.lit(None, pl.String).alias(f.name)
        for i, f in enumerate(fields)
    ]
    frame = frame.select(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(ROW), *columns)
    missing = [v for v in spec.missing_values if v]
    if missing or (quoted_empty and "" in spec.missing_values):
        empties = ["", *missing] if "" in spec.missing_values else missing
        frame = frame.with_columns(
            pl.when(pl.col(f.name).is_in(empties))
            .then(None)
            .otherwise(pl.col(f.name))
            .alias(f.name)
            for f in fields
        )
    return frame


def _lenient(text: str, d: str, q: str, width: int) -> pl.DataFrame:
    """Rows as Python's csv module reads them (as frictionless does), padded to ``width``."""
    columns: list[list[str | None]] = [[] for _ in range(width)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=d, quotechar=q, strict=False)
    try:
        with _field_limit():
            next(reader, None)
            for row in reader:
                for i in range(width):
                    columns[i].append(row[i] if i < len(row) and row[i] != "" else None)
    except csv.Error:
        pass
    return pl.DataFrame({f"c{i}": pl.Series(col, dtype=pl.String) for i, col in enumerate(columns)})


def _ragged(
    ctx: Context, spec: Spec, frame: pl.DataFrame, shape: Shape, width: int
) -> pl.DataFrame:
    """Report rows with more or fewer cells than the header; note each row's cell count."""
    name, fields = spec.name, spec.fields
    ragged, blank = shape
    for row in blank:
        ctx.add("blank-row", "the row is blank", name, row)
    if not ragged:
        return frame
    for row, w in ragged:
        if w > width:
            ctx.add("extra-cell", f"the row has {w} cells; the header has {width}", name, row)
        else:
            for f in fields[w:width]:
                message = f"no cell for {f.name!r}: the row has {w} of {width} cells"
                ctx.add("missing-cell", message, name, row, f.name)
    counts = dict(ragged)
    return frame.with_columns(
        pl.col(ROW).replace_strict(counts, default=width, return_dtype=pl.Int64).alias(CELLS)
    )


class _field_limit:
    """Let Python's csv module read cells as long as a file can be (restored afterwards)."""

    def __enter__(self) -> None:
        self.previous = csv.field_size_limit()
        csv.field_size_limit(2**31 - 1)

    def __exit__(self, *_: object) -> None:
        csv.field_size_limit(self.previous)
