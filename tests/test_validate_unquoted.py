"""The CSV stage's shortcut for a file holding no quote character (``csvlines.unquoted``):
counts of delimiters and lines prove each line a row of the header's width, and then no line
check is needed. It must refuse every file holding a fault the line checks report (so that
the file takes them), including faults whose counts cancel out, and, when it accepts a file,
give exactly the frame and the problems of the full checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from haidian_report.validate import csvlines, csvread
from haidian_report.validate.budgets import Limits, Problems
from haidian_report.validate.csvlines import unquoted
from haidian_report.validate.model import Context, Dialect, Field, Spec

DATA = Path(__file__).resolve().parents[1] / "data"
MANY = b"x,y\n" * 50_000  # enough rows for polars to read the file in several chunks


def _read(
    raw: bytes, shortcut: bool, monkeypatch: pytest.MonkeyPatch
) -> tuple[object, list[tuple[str, int | None, str | None, str]]]:
    """(cells frame, problems) of ``csvread.read`` on a two-column table, with or without
    the shortcut."""
    if not shortcut:
        monkeypatch.setattr(csvread, "unquoted", lambda *_: None)
    fields = [Field("a", "string"), Field("b", "string")]
    spec = Spec("t", "t.csv", Path("t.csv"), fields, [], [], [""], Dialect(), canonical=False)
    ctx = Context(strict=False, limits=Limits(), problems=Problems(Limits()))
    frame = csvread.read(ctx, spec, raw)
    monkeypatch.undo()
    return frame, [(p.code, p.row, p.field, p.message) for p in ctx.problems.sorted()]


def test_every_shipped_table_without_quotes_takes_the_shortcut() -> None:
    tables = [p for p in sorted(DATA.glob("*.csv")) if b'"' not in p.read_bytes()]
    assert len(tables) >= 3
    for path in tables:
        raw = path.read_bytes()
        frame = unquoted(raw, ",", '"')
        assert frame is not None, path.name
        read = csvread._polars(raw, ",", '"')[0]
        assert read is not None
        assert_frame_equal(frame, read)


@pytest.mark.parametrize(
    "raw",
    [
        b"a,b\n1,2\n",
        b"a,b\n1,2",  # no final line end: no fault either
        b"a,b\n" + MANY,
        b"a,b\n,\n",  # empty cells
        b"a,b\n1,NA\n",
    ],
)
@pytest.mark.parametrize("counted", [0, 2**40])  # delimiters summed from the frame, or counted
def test_an_accepted_file_reads_as_the_full_checks_read_it(
    raw: bytes, counted: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvlines, "COUNTED", counted)
    assert unquoted(raw, ",", '"') is not None
    monkeypatch.undo()
    fast, fast_problems = _read(raw, True, monkeypatch)
    full, full_problems = _read(raw, False, monkeypatch)
    assert_frame_equal(fast, full)  # type: ignore[arg-type]
    assert fast_problems == full_problems == []


@pytest.mark.parametrize(
    "raw",
    [
        b"a,b\n1,2,3\n",  # extra cell
        b"a,b\n1,2,\n",  # an empty extra cell
        b"a,b\n1\n",  # missing cell
        b"a,b\n\n1,2\n",  # blank row
        b"a,b\n1,2\n\n",  # blank row at the end
        b"a,b\n1,2,3\n4\n",  # an extra and a missing cell: the delimiter count adds up
        b"a,b\n1,2,3\n\n",  # an extra cell and a blank row: it adds up too
        b"a,b\n1,22\n3\n",  # a missing cell and a longer one: their bytes add up
        b"a,b\n1,\n\n",  # an empty cell and a blank row: so do theirs
        b"a,b\n" + MANY + b"1,2,3\n4\n",  # the same, read in several chunks
        b"a,b\n1,2,3\n4\n" + MANY,
        b"a,b\n" + MANY[:20_000] + b"1,,2\n\n" + MANY,
        b'a,b\n1,x"y\n',  # a quote: the full checks
        b"a,b\r\n1,2\r\n",  # CRLF
        b"a,b\n1,2\r3\n",  # a bare carriage return
        b"\xef\xbb\xbfa,b\n1,2\n",  # a byte-order mark
        b"a,b\n1,\xff\n",  # not UTF-8 in a cell
        b"a,\xff\n1,2\n",  # not UTF-8 in the header
        b"a,b\n" + MANY + b"1,\xed\xa0\x80\n",  # a surrogate, late in the file
        b"a\n1\n\n",  # one column: a blank line would read as a null cell
        b"",
    ],
)
@pytest.mark.parametrize("counted", [0, 2**40])  # delimiters summed from the frame, or counted
def test_a_file_with_a_fault_or_a_quote_is_refused(
    raw: bytes, counted: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvlines, "COUNTED", counted)
    assert unquoted(raw, ",", '"') is None


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        (b"a,b\n1,2,3\n4\n", {("extra-cell", 1), ("missing-cell", 2)}),
        (b"a,b\n1,2,3\n\n", {("extra-cell", 1), ("blank-row", 2)}),
        (b"a,b\n" + MANY + b"1,2,3\n4\n", {("extra-cell", 50_001), ("missing-cell", 50_002)}),
        (b"a,b\n1,2\n\n", {("blank-row", 2)}),
        (b"a,b\n1,\xff\n", {("encoding-error", None)}),
    ],
)
def test_a_refused_file_takes_the_full_checks(
    raw: bytes, codes: set[tuple[str, int | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, problems = _read(raw, True, monkeypatch)
    assert {(code, row) for code, row, _, _ in problems} == codes
