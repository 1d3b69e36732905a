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

import csv
import io
import re
from functools import cache
from typing import Final

import polars as pl

from haidian_report.validate.csvfaults import in_lines, line_ends, report_faults
from haidian_report.validate.csvlines import (
    Shape,
    csv_records,
    fast_shape,
    field_limit,
    line_faults,
    line_stats,
    line_texts,
    quote_faults,
    read_cells,
    split_lines,
    unquoted,
)
from haidian_report.validate.files import invalid_utf8
from haidian_report.validate.model import FATAL, ROW, Context, Spec
from haidian_report.validate.text import show

#: Column of the number of cells each row has (added only when some row is ragged).
CELLS: Final = "__cells__"
#: Files up to this size are first compared with what polars writes for them (:func:`_plain`).
PLAIN_BYTES: Final = 2**21


def read(ctx: Context, spec: Spec, raw: bytes) -> pl.DataFrame | None:
    """The table as text cells named by field (plus :data:`ROW`); None (with problems) when
    it has no readable header.

    ``raw`` is the file's bytes (UTF-8, checked). In the usual case (polars reads the file and
    no quoted cell spans lines) the text is never decoded whole: polars reads the bytes, and
    only lines that look wrong are looked at as text."""
    name, d, q = spec.name, spec.dialect.delimiter, spec.dialect.quote
    quote_free = unquoted(raw, d, q)  # a file without quotes is proved plain by counts
    first, plain = ((quote_free, None), True) if quote_free is not None else _plain(raw, d, q)
    stats: pl.DataFrame | None = None
    if not plain:
        try:
            stats = line_stats(raw, d, q)  # polars refuses text that is not UTF-8
        except Exception:
            if invalid_utf8(ctx, name, raw):
                return None
            raise
    if b"\r" in raw or spec.dialect.line_terminator == "\r\n":
        line_ends(ctx, spec, raw)
    header = _header(raw, d, q)
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
    if plain and first[0] is not None and first[0].width == width:
        return _cells(spec, first[0], width, False)  # no fault, no ragged or blank row
    if stats is None:
        stats = line_stats(raw, d, q)
    most = ctx.problems.room(name) + 1
    odd: list[int] = []  # lines (0-based) with an odd number of quotes
    if q.encode() in raw:
        odd = pl.arg_where(stats["q"] % 2 == 1, eager=True).to_list()[:2]
    multiline = bool(odd)
    if multiline:
        parsed, error = None, None
    else:
        parsed, error = first if first is not _UNREAD else _polars(raw, d, q)
    text: str | None = None
    count = stats.height  # lines
    if parsed is not None and parsed.width == width and parsed.height == count - 1:
        faults, shape = fast_shape(parsed, stats, raw, d, q, width, most)
    elif multiline:
        text = raw.decode("utf-8")
        found = quote_faults(text, d, q, most)
        faults, shape = in_lines(text, found), csv_records(text, d, q, width)
    else:
        faults, shape = line_faults(split_lines(raw), q.encode() in raw, d, q, width, most)
    del stats
    texts = line_texts(raw, [index for index, _, _ in faults if index < count])
    report_faults(ctx, spec, texts, faults, odd)
    lenient = any(k != "empty" for _, _, k in faults)
    if parsed is None and error is None and not lenient:
        parsed, error = _polars(raw, d, q)
    if error is not None and not lenient:
        ctx.add("csv-unreadable", f"polars cannot read the file: {show(error, 200)}", name)
    usable = parsed if not lenient and parsed is not None and parsed.width == width else None
    if usable is None:
        usable = _lenient(text if text is not None else raw.decode("utf-8"), d, q, width)
    frame = _cells(spec, usable, width, bool(faults))
    return _ragged(ctx, spec, frame, shape, width)


_UNREAD: Final[tuple[None, None]] = (None, None)


def _plain(raw: bytes, d: str, q: str) -> tuple[tuple[pl.DataFrame | None, str | None], bool]:
    """polars' reading of a small file (as :func:`_polars`; ``_UNREAD`` when not read), and
    whether the file is plain: exactly the bytes polars writes for what it read.

    Such a file has no quoting fault, no ragged or blank row and no quoted empty cell (one
    with ``""`` anywhere is not called plain), and is valid UTF-8; so its lines need no other
    look (the checks of :func:`~haidian_report.validate.csvlines.fast_shape` cost several
    times the read of a small file, mostly in fixed costs). polars' writer is slower than
    those checks on large files, which take them instead."""
    if not 0 < len(raw) <= PLAIN_BYTES or b"\r" in raw or _doubled(q).search(raw):
        return _UNREAD, False
    try:
        first = _polars(raw, d, q)
    except BaseException as exc:  # a polars panic: met where the checks read it, as before
        if isinstance(exc, FATAL):
            raise
        return _UNREAD, False
    frame = first[0]
    if frame is None or frame.width < 2:  # one column: a blank line is a null cell
        return first, False
    out = io.BytesIO()
    try:
        frame.write_csv(out, separator=d, quote_char=q, line_terminator="\n")
    except BaseException as exc:  # a dialect polars writes differently: the checks decide
        if isinstance(exc, FATAL):
            raise
        return first, False
    return first, out.getvalue() == raw  # bytes compare by memcmp (a memoryview, item by item)


@cache
def _doubled(q: str) -> re.Pattern[bytes]:
    """A doubled quote, as a compiled pattern: ``search`` finds it in a file 2 to 3 times
    faster than ``in`` (CPython's substring search of a two-byte needle runs byte by byte,
    and a file with quoted cells holds its first byte often: 38 ms against 16 ms on the
    100x package's files).

    >>> bool(_doubled('"').search(b'a,""')), bool(_doubled("'").search(b"'x'"))
    (True, False)
    """
    return re.compile(re.escape((q + q).encode()))


def _polars(raw: bytes, d: str, q: str) -> tuple[pl.DataFrame | None, str | None]:
    """Every cell as text, read by polars as ``load`` reads (or the first line of its error)."""
    try:
        frame = read_cells(raw, d, q, ragged=True)
    except Exception as exc:  # polars refuses the file: the slow path says why
        return None, (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return frame, None


def _header(raw: bytes, d: str, q: str) -> list[str] | None:
    """The header row (read from its first line, or the whole file if a quoted cell spans
    lines)."""
    end = raw.find(b"\n")
    first = raw if end < 0 else raw[: end + 1]
    source = (first if first.count(q.encode()) % 2 == 0 else raw).decode("utf-8")
    try:
        with field_limit():
            reader = csv.reader(io.StringIO(source, newline=""), delimiter=d, quotechar=q)
            return next(reader, None)
    except csv.Error:
        return None


def _labels(ctx: Context, spec: Spec, header: list[str]) -> None:
    """Header labels against the schema's field names, position by position."""
    name, fields = spec.name, spec.fields
    seen: set[str] = set()
    folded: dict[str, str] = {}  # label without case -> the first label so written
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
        elif label and label.casefold() in folded:
            # SQL engines (DuckDB, SQLite) and R's data frames join names without case: x_id
            # and X_ID are one column to them (DuckDB refuses the file, or renames one X_ID_1)
            ctx.add(
                "duplicate-label",
                f"label {show(label)} (position {i + 1}) repeats {show(folded[label.casefold()])}"
                " but for case; readers that ignore case (DuckDB, SQL) take them for one column",
                name,
            )
        seen.add(label)
        folded.setdefault(label.casefold(), label)
    for f in fields[len(header) :]:
        ctx.add(
            "missing-label",
            f"column {f.name!r} of the schema is missing from the header",
            name,
            field=f.name,
        )


def _cells(spec: Spec, frame: pl.DataFrame, width: int, quoted_empty: bool) -> pl.DataFrame:
    """The cells named by field (missing fields all null), with the row number.

    Made of the read columns themselves, renamed (a frame built from Series runs no query:
    its fixed cost is most of the work on a small table)."""
    frame.columns = [f"c{i}" for i in range(width)]
    read = frame.get_columns()
    height = frame.height
    rows = frame.with_row_index(ROW, offset=1).get_column(ROW).cast(pl.Int64)
    fields = spec.fields
    columns = [
        read[i].alias(f.name) if i < width else pl.Series(f.name, [None] * height, pl.String)
        for i, f in enumerate(fields)
    ]
    frame = pl.DataFrame([rows, *columns])
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
        with field_limit():
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
