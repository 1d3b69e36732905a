"""Line-level views of a CSV file: its lines, quoting faults and row shapes, vectorized.

Used by :mod:`~haidian_report.validate.csvread`. The fast path (:func:`fast_shape`) needs no
regular expression: in a well-formed file each line is a record, and counting quote and
delimiter characters in the line and in the cells polars parsed from it tells which lines
could hold a quoting fault (only those are looked at character by character) and how many
cells each row has. Files polars cannot read, or whose quoted cells span lines, take the slow
path (a regular expression per line, or Python's csv module).
"""

from __future__ import annotations

import csv
import io
import threading

import polars as pl

from haidian_report.validate.model import FATAL

Shape = tuple[list[tuple[int, int]], list[int]]
"""(row, cells) of every row whose width differs from the header's, and the blank rows."""
Faults = list[tuple[int, int, str]]
"""Quoting faults as (0-based line, 0-based character in the line, kind)."""


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


def unquoted(raw: bytes, delimiter: str, quote: str) -> pl.DataFrame | None:
    """polars' reading of a file with no quote character, when counts prove each line a row of
    the header's width (no fault the line checks report); None when they do not.

    Proof. No quote character: no quoting fault (each kind needs one). No carriage return, no
    byte-order mark: lines end at LF for polars as for the checks. A line is then its cells
    joined by delimiters (ASCII, never inside a UTF-8 sequence), so the header has ``width -
    1`` of them; polars, not truncating, refuses the file if a line has more than ``width``
    cells, so every line has at most ``width - 1``. polars reads one row a line (the row count
    is checked) and, with no quote to interpret, each cell is its bytes of the line (an empty
    one null); so the data lines' delimiters are their bytes less their cells' bytes (known
    from the frame without a scan of the file, which a count of the delimiters is). If they
    hold ``width - 1`` a line, every line has exactly ``width - 1``: no extra or missing cell,
    no blank line (it has none, and ``width - 1`` > 0). The header line is decoded here and
    polars refuses cells that are not UTF-8: the file is UTF-8. The frame is what
    ``csvread._polars`` reads (it truncates only lines that are too long). A file failing a
    test takes the full checks.
    >>> unquoted(b"a,b\\n1,2\\n", ",", '"').rows(), unquoted(b"a,b\\n1,2,3\\n4\\n", ",", '"')
    ([('1', '2')], None)
    """
    d, nl = delimiter.encode(), b"\n"
    if not raw or quote.encode() in raw or b"\r" in raw or raw.startswith(b"\xef\xbb\xbf"):
        return None
    end = raw.find(nl)
    header = raw if end < 0 else raw[:end]
    width = header.count(d) + 1
    if width < 2:
        return None
    try:
        header.decode("utf-8")
        frame = read_cells(raw, delimiter, quote, ragged=False)
    except BaseException as exc:  # not UTF-8, a long line, a polars panic: the full checks
        if isinstance(exc, FATAL):
            raise
        return None
    ends = raw.count(nl)
    lines = ends + (not raw.endswith(nl))
    if frame.width != width or frame.height != lines - 1:
        return None
    if not frame.height:
        return frame
    if len(raw) < COUNTED:  # a count of the file costs less than a query's fixed cost
        delimiters = (raw.count(d) - width + 1) * len(d)
    else:
        cells = frame.select(pl.sum_horizontal(pl.all().str.len_bytes().sum())).item()
        delimiters = len(raw) - len(header) - ends - cells  # the data lines' delimiters' bytes
    return frame if delimiters == (width - 1) * frame.height * len(d) else None


#: Files smaller than this have their delimiters counted (about 1 ms a megabyte) rather than
#: their cells' bytes summed by a query (about 0.3 ms, and 0.2 ms a megabyte).
COUNTED = 2**18


def read_cells(raw: bytes, delimiter: str, quote: str, *, ragged: bool) -> pl.DataFrame:
    """Every cell as text, read by polars as ``load`` reads (``ragged``: rows of another width
    are read, cut or padded, instead of refused)."""
    return pl.read_csv(
        raw,
        has_header=True,
        infer_schema=False,
        separator=delimiter,
        quote_char=quote,
        truncate_ragged_lines=ragged,
        raise_if_empty=False,
        encoding="utf8",
    )


#: Files smaller than this are split as text: polars' reader (below) is faster on large files,
#: but its fixed cost is several times the whole split of a file of the shipped package's size.
SMALL_FILE = 2**20


def _scan_lines(raw: bytes) -> pl.LazyFrame | None:
    """A large file's lines (column ``line``, no line ends) as a lazy frame of polars' reader;
    None where :func:`split_lines` splits it (a small file, or one holding every separator)."""
    small = 0 < len(raw) < SMALL_FILE and b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    unused = (
        None if small else next((c for c in "\x1f\x1e\x1d\x1c\x07" if c.encode() not in raw), None)
    )
    if unused is None:
        return None
    line = pl.col("line").fill_null("")
    lazy = pl.scan_csv(
        raw,
        has_header=False,
        separator=unused,
        quote_char=None,
        infer_schema=False,
        new_columns=["line"],
        raise_if_empty=False,
    )
    return lazy.select(line.str.strip_suffix("\r") if b"\r" in raw else line)


def line_stats(raw: bytes, delimiter: str, quote: str) -> pl.DataFrame:
    """Per line of the file: its bytes (``n``, without the line end), its quote characters
    (``q``), whether it holds a doubled quote (``dq``) and whether a line with a quote breaks
    the CSV grammar (``bad``: ``"x"y"z"`` is ``xyz`` to polars, ``xy"z"`` to pandas, and its
    quote and byte counts add up as a good line's do). A large file is read in one streaming
    pass, so its lines are never held as text (a copy of the file, the largest cost of memory
    when files are large); :func:`line_texts` gives the few lines that must be read."""
    line = pl.col("line")
    stats = (
        line.str.len_bytes().alias("n"),
        # a one-character class: the regex engine finds it by memchr, twice as fast as
        # polars' literal count (a substring searcher) on lines of the 100x package
        line.str.count_matches(f"[{_cls(quote)}]").alias("q"),
        line.str.contains(quote + quote, literal=True).alias("dq"),
        # only lines holding a quote can be ill-formed here (the others are counted): the
        # regex runs on those alone
        pl.when(line.str.contains(quote, literal=True))
        .then(~line.str.contains(_patterns(delimiter, quote)[1]))
        .otherwise(False)
        .alias("bad"),
    )
    lazy = _scan_lines(raw)
    if lazy is None:
        return split_lines(raw).to_frame("line").select(stats)
    return lazy.select(stats).collect(engine="streaming")


def line_texts(raw: bytes, indices: list[int]) -> dict[int, str]:
    """The text of the lines at ``indices`` (0-based), by index."""
    if not indices:
        return {}
    lazy = _scan_lines(raw)
    if lazy is None:
        lines = split_lines(raw)
        return {i: lines[i] for i in indices if i < len(lines)}
    found = (
        lazy.with_row_index("i")
        .filter(pl.col("i").is_in(sorted(set(indices))))
        .collect(engine="streaming")
    )
    return {int(i): str(line) for i, line in found.iter_rows()}


def split_lines(raw: bytes) -> pl.Series:
    """The file's lines (without their line ends), split by polars' multi-threaded reader
    with a separator the file does not hold (several times faster than splitting a string).

    A small file is split as text, when that gives the same lines: polars' reader also drops a
    byte-order mark and reads carriage returns its own way, so files holding either take it.
    """
    small = 0 < len(raw) < SMALL_FILE and b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    unused = (
        None if small else next((c for c in "\x1f\x1e\x1d\x1c\x07" if c.encode() not in raw), None)
    )
    if unused is None:
        text = raw.decode("utf-8")
        lines = pl.Series("line", text.split("\n"))
        lines = lines.head(len(lines) - 1) if text.endswith("\n") else lines
    else:
        lines = pl.read_csv(
            raw,
            has_header=False,
            separator=unused,
            quote_char=None,
            infer_schema=False,
            new_columns=["line"],
            raise_if_empty=False,
        )["line"].fill_null("")
    return lines.str.strip_suffix("\r") if b"\r" in raw else lines


def line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def line_faults(
    lines: pl.Series, has_quotes: bool, d: str, q: str, width: int, most: int
) -> tuple[Faults, Shape]:
    """Quoting faults of a file whose records are one line each, and its ragged rows."""
    quoted_re, line_re, empty_re = _patterns(d, q)
    frame = pl.DataFrame({"line": lines}).with_row_index("i")
    faults: Faults = []
    if has_quotes:
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
        for i, line in suspect.select("i", "line").iter_rows():
            if len(faults) >= most:
                break
            faults += [(i, at, kind) for at, kind in quote_faults(line, d, q, most)]
    else:
        cells = pl.col("line").str.count_matches(d, literal=True) + 1
    shape = frame.slice(1).select("i", cells.alias("w"), (pl.col("line") == "").alias("blank"))
    odd = shape.filter((pl.col("w") != width) | pl.col("blank"))
    ragged = [(i, w) for i, w, blank in odd.iter_rows() if not blank]
    blank = [i for i, _, b in odd.iter_rows() if b]
    return faults, (ragged, blank)


def csv_records(text: str, d: str, q: str, width: int) -> Shape:
    """Ragged and blank rows by Python's csv module (a file with quoted line ends)."""
    ragged: list[tuple[int, int]] = []
    blank: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=d, quotechar=q, strict=False)
    try:
        with field_limit():
            next(reader, None)
            for row, cells in enumerate(reader, 1):
                if not cells:
                    blank.append(row)
                elif len(cells) != width:
                    ragged.append((row, len(cells)))
    except csv.Error:
        pass  # the quoting problem is reported already
    return ragged, blank


def fast_shape(
    frame: pl.DataFrame,
    stats: pl.DataFrame,
    raw: bytes,
    d: str,
    q: str,
    width: int,
    most: int,
) -> tuple[Faults, Shape]:
    """Faults and row shapes of a file polars read, one record a line (``frame`` has the
    cells of each data line, in order; ``stats`` the :func:`line_stats` of every line).

    In a well-formed line every character is a cell's (a quote inside a cell written twice),
    a quote around a cell, or a delimiter between cells; so the line's bytes, less the cells'
    bytes and the quotes the cells do not account for, are ``width - 1`` delimiters. This
    needs only byte lengths and quote counts (cheap: quotes are rare), never a count of the
    delimiters, which are in every line. The quotes that are not inside cells (twice the
    number of quotes the cells hold, the doubling) come in pairs, at most one pair a cell. A
    line that breaks this, or holds a doubled quote, is read from ``raw`` and looked at
    character by character (:func:`quote_faults`); a line whose bytes do not add up is split
    by Python's csv module for its exact number of cells."""
    lengths = pl.sum_horizontal(pl.col(c).str.len_bytes().fill_null(0) for c in frame.columns)
    qc: pl.Expr = pl.lit(0, pl.UInt32)
    if q.encode() in raw:  # cells holding a quote are rare: count only in columns that have one
        # (its cells joined hold one: one search of contiguous bytes, half a search per cell)
        has = frame.select(
            pl.col(c).str.join("").str.contains(q, literal=True) for c in frame.columns
        )
        columns = [c for c, flag in zip(frame.columns, has.row(0), strict=True) if flag]
        if columns:
            qc = pl.sum_horizontal(
                pl.col(c).str.count_matches(q, literal=True).fill_null(0) for c in columns
            )
    data = (
        frame.lazy()  # one query to the odd lines (a query's fixed cost dominates small files)
        .select(lengths.alias("cl"), qc.alias("qc"))
        .with_columns(stats.slice(1).get_columns())
        .with_row_index("i", offset=1)
    )
    count = pl.col("q").cast(pl.Int64)
    spare = count - 2 * pl.col("qc").cast(pl.Int64)
    doubled = (count >= 2) & pl.col("dq")
    suspect = (spare < 0) | (spare % 2 != 0) | (spare > 2 * width) | doubled | pl.col("bad")
    delimiters = (
        pl.col("n").cast(pl.Int64)
        - pl.col("cl").cast(pl.Int64)
        - (count - pl.col("qc").cast(pl.Int64)) * len(q.encode())
    )
    uneven = delimiters != (width - 1) * len(d.encode())
    odd = (
        data.filter(suspect | uneven | (pl.col("n") == 0))
        .select(
            "i", (pl.col("n") == 0).alias("blank"), suspect.alias("suspect"), uneven.alias("uneven")
        )
        .collect(engine="in-memory")
    )
    faults: Faults = []
    ragged: list[tuple[int, int]] = []
    blank: list[int] = []
    texts = line_texts(raw, [i for i, empty, _, _ in odd.iter_rows() if not empty])
    for i, empty, is_suspect, is_ragged in odd.iter_rows():
        if empty:
            blank.append(i)
            continue
        line = texts[i]
        if is_suspect and len(faults) < most:
            faults += [(i, at, kind) for at, kind in quote_faults(line, d, q, most)]
        if is_ragged and len(ragged) < most:
            try:
                exact = len(next(csv.reader([line], delimiter=d, quotechar=q), []))
            except csv.Error:  # a bare carriage return: reported as a line-terminator problem
                continue
            if exact != width:
                ragged.append((i, exact))
    return faults, (ragged, blank)


class field_limit:
    """Let Python's csv module read cells as long as a file can be (restored afterwards).

    The limit is one setting of the process: tables read on two threads share it, so it is
    raised by the first reader in and restored by the last one out."""

    _lock = threading.Lock()
    _readers = 0
    _previous = 0

    def __enter__(self) -> None:
        with field_limit._lock:
            if field_limit._readers == 0:
                field_limit._previous = csv.field_size_limit()
                csv.field_size_limit(2**31 - 1)
            field_limit._readers += 1

    def __exit__(self, *_: object) -> None:
        with field_limit._lock:
            field_limit._readers -= 1
            if field_limit._readers == 0:
                csv.field_size_limit(field_limit._previous)
