"""The Table Schema stage finds the columns holding a cell that is not of its type from null
counts (``schema._failed_casts``): a typed column with more nulls than its cells. That must
flag exactly the columns the definition (``schema._cast``'s second expression: a present cell
not of the type) flags, for every type, so every bad cell is still reported. A date is the
exception the shortcut makes: ``to_date`` reads ``+2021-12-15``, which the form refuses."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import polars as pl
import pytest

from haidian_report.validate import schema
from haidian_report.validate.budgets import Limits, Problems
from haidian_report.validate.model import ROW, Context, Dialect, Field, Spec

#: Per type, cells of the type and cells that are not (one of them at a time is put in a column).
CELLS: dict[str, tuple[list[str], list[str]]] = {
    "integer": (["5", "+5", "-5", "0"], ["++5", "+-5", "5.0", " 5", "1e3", "99999999999999999999"]),
    "number": (["5", "+5.5", "1e3", ".5", "-0.25E-2"], ["5%", " 5", "1,000", "++5", "e3", "."]),
    "boolean": (["true", "False", "TRUE"], ["1", "0", "yes", "tRue", " true"]),
    "year": (["2021", "0999"], ["21", "20211", "+2021", "２０２１"]),
    "date": (
        ["2021-12-15"],
        ["2021-1-5", "2021-12-5", "+2021-12-15", "2021-13-01", "2021-02-30", "15/12/2021", "1 "],
    ),
    "datetime": (["2021-12-15T10:00:00Z"], ["2021-12-15 10:00:00", "2021-12-15"]),
    "time": (["10:00:00"], ["24:00:00", "10:00"]),
    "yearmonth": (["2021-12"], ["2021-13", "2021-1"]),
    "duration": (["P1Y2M", "PT1H"], ["1Y", "P1.5Y"]),
    "geopoint": (["116.3, 39.9"], ["116.3;39.9", "x, y"]),
}


def _check(ftype: str, column: list[str | None]) -> tuple[set[str], list[tuple[int, str]]]:
    """(columns flagged by the shortcut, type errors reported) of one column of cells, with a
    second column of the same type that is always good."""
    good = CELLS[ftype][0][0]
    fields = [Field("x", ftype), Field("y", ftype)]
    spec = Spec("t", "t.csv", Path("t.csv"), fields, [], [], [""], Dialect(), canonical=False)
    cells = pl.DataFrame(
        {ROW: list(range(1, len(column) + 1)), "x": column, "y": [good] * len(column)},
        schema={ROW: pl.Int64, "x": pl.String, "y": pl.String},
    )
    ctx = Context(strict=False, limits=Limits(), problems=Problems(Limits()))
    table = schema.check(ctx, spec, cells)
    errors = [(p.row, p.field) for p in ctx.problems.sorted() if p.code == "type-error"]
    return table.bad_columns, errors  # type: ignore[return-value]


def _definition(ftype: str, column: list[str | None]) -> bool:
    """True when a present cell of ``column`` is not of the type, by ``_cast``'s definition."""
    bad = schema._cast(Field("x", ftype))[1]
    return bool(pl.DataFrame({"x": column}, schema={"x": pl.String}).select(bad.any()).item())


@pytest.mark.parametrize("ftype", sorted(CELLS))
def test_a_column_of_good_cells_and_nulls_is_not_flagged(ftype: str) -> None:
    column: list[str | None] = [*CELLS[ftype][0], None]
    assert not _definition(ftype, column)
    assert _check(ftype, column) == (set(), [])


@pytest.mark.parametrize(
    ("ftype", "cell"), [(t, cell) for t, (_, bad) in sorted(CELLS.items()) for cell in bad]
)
def test_one_bad_cell_among_good_ones_and_nulls_is_flagged_and_reported(
    ftype: str, cell: str
) -> None:
    good = CELLS[ftype][0]
    column: list[str | None] = [good[0], None, cell, *good[1:]]
    assert _definition(ftype, column)
    assert _check(ftype, column) == ({"x"}, [(3, "x")])


def test_polars_reads_as_an_integer_exactly_the_integer_form() -> None:
    """``_cast`` takes polars' cast to Int64 as the integer form check: it must read every
    string of up to four signs, digits, look-alikes and spaces exactly when it is
    ``[+-]?[0-9]+`` (ASCII), and refuse what leaves 64 bits."""
    cells = ["".join(p) for n in range(5) for p in itertools.product("+-09 .eE_x١２\t", repeat=n)]
    read = pl.Series(cells, dtype=pl.String).cast(pl.Int64, strict=False).is_not_null()
    form = [re.fullmatch(r"[+-]?[0-9]+", cell, flags=re.ASCII) is not None for cell in cells]
    assert read.to_list() == form
    edges = ["9223372036854775807", "-9223372036854775808", "+9223372036854775807", "0" * 40 + "1"]
    assert pl.Series(edges).cast(pl.Int64, strict=False).null_count() == 0
    over = ["9223372036854775808", "-9223372036854775809", "+9223372036854775808"]
    assert pl.Series(over).cast(pl.Int64, strict=False).null_count() == len(over)
