"""The CSV stage's shortcut: a small table that is byte for byte what polars writes for what it
read needs no line-by-line look (``csvread._plain``). Anything else takes the full checks, so the
shortcut must refuse every file holding a fault they report, and every other spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from haidian_report.validate.csvread import _plain

DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_shipped_table_is_plain() -> None:
    tables = sorted(DATA.glob("*.csv"))
    assert len(tables) >= 15
    for path in tables:
        assert _plain(path.read_bytes(), ",", '"')[1], path.name


@pytest.mark.parametrize(
    "raw",
    [
        b"a,b\n1,2,3\n",  # extra cell (polars drops it)
        b"a,b\n1,2,\n",  # an empty extra cell
        b"a,b\n1\n",  # missing cell (polars reads null)
        b"a,b\n\n1,2\n",  # blank row
        b'a,b\n1,""\n',  # quoted empty cell
        b'a,b\n1, "x"\n',  # bare quotes polars keeps
        b'a,b\n1,x"y\n',  # bare quote
        b'a,b\n1,"x""y"\n',  # a doubled quote: left to the full checks
        b"a,b\r\n1,2\r\n",  # CRLF
        b'a,b\n"1",2\n',  # quoted without need: another spelling
        b"a,b\n1,2",  # no final line end
        b"a\n1\n",  # one column: a blank line would read as a null cell
        b"a,b\n1,\xff\n",  # not UTF-8
    ],
)
def test_a_file_with_a_fault_or_another_spelling_is_not_plain(raw: bytes) -> None:
    assert not _plain(raw, ",", '"')[1]
