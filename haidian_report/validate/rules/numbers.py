"""Numbers are written in the one plain form every reader reads alike.

polars and pandas, told a column is a number, read ``06``, ``+6`` and ``6`` alike; DuckDB's
CSV sniffer (what ``read_csv('…')`` does when it is not told the types) reads a column
holding ``06`` or ``+6`` as text, and a spreadsheet may keep the leading zero as a label. The
build writes every integer as ``-?[1-9][0-9]*`` or ``0`` and every number as a plain decimal
(:func:`haidian_report.figures.format_plain`); pandas and polars write ``5.0`` and ``1e-05``,
which every reader also reads as the same number. Any other spelling of a number that parses
— a leading zero, a plus sign, a leading or trailing decimal point — is a ``number-form``
problem at its row and field.

>>> import re
>>> [bool(re.fullmatch(NUMBER, s)) for s in ("24", "-0.5", "5.0", "1e-05", "06", "+6", ".5")]
[True, True, True, True, False, False, False]
"""

from __future__ import annotations

from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Field, Table
from haidian_report.validate.rules.engine import Hits, rule

#: An integer as the build, polars and pandas write it.
INTEGER: Final = r"0|-?[1-9][0-9]*"
#: A number as the build (plain decimals), polars and pandas (``5.0``, ``1e-05``) write it.
NUMBER: Final = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
#: Spellings reported by their own check (non-finite): not reported again here.
_NON_FINITE: Final = r"(?i)^[-+]?(?:nan|inf|infinity)$"


@rule("number-form", needs={})
def numbers_are_written_plainly(ctx: Context, table: Table) -> Hits:
    """An integer or number cell is written plainly: no leading zero (06), no plus sign (+6),
    no bare decimal point (.5, 6.), so that DuckDB's sniffer and spreadsheets read a number."""
    fields = [
        f
        for f in table.spec.fields
        if f.type in ("integer", "number") and f.name in table.raw.columns
    ]
    if not fields:
        return None
    # one pass over every number column (polars runs them together); rows are read only in
    # the columns that have a cell of another form, almost never
    odd_in = table.raw.select(_maybe_odd(table, f).any() for f in fields).row(0)
    parts = []
    for f in (f for f, any_odd in zip(fields, odd_in, strict=True) if any_odd):
        cell = pl.col(f.name)
        bad = table.raw.select(ROW, f.name).filter(_odd(f.name, f.type))
        if bad.height and f.name in table.bad_columns:  # a type error says it already
            typed = table.frame.filter(table.clean(f.name)).select(ROW)
            bad = bad.join(typed, on=ROW, how="semi")
        parts.append(
            bad.select(
                ROW,
                pl.lit(f.name).alias("field"),
                pl.format(
                    "found {}; write {} plainly (no leading zero, plus sign or bare decimal point)",
                    cell,
                    pl.lit("an integer" if f.type == "integer" else "a number"),
                ).alias("message"),
            )
        )
    return pl.concat(parts) if parts else None


def _maybe_odd(table: Table, f: Field) -> pl.Expr:
    """True where a cell may be of another form (every cell :func:`_odd` flags, on the raw
    frame): an integer column is compared with its typed value written back (a plain integer
    is the text polars writes for its value: 06, +6 and -0 are not), which needs no regular
    expression; cells without a value are left to the exact check."""
    if f.type != "integer" or not table.typed(f.name, "integer"):
        return _odd(f.name, f.type)
    value = table.frame[f.name]
    if value.dtype != pl.Int64 or len(value) != table.raw.height:
        return _odd(f.name, f.type)
    cell, typed = pl.col(f.name), pl.lit(value)
    return cell.is_not_null() & (typed.is_null() | (cell != typed.cast(pl.String))).fill_null(True)


def _odd(column: str, kind: str) -> pl.Expr:
    """True where ``column`` (of Table Schema type ``kind``) holds a number of another form."""
    form = INTEGER if kind == "integer" else NUMBER
    cell = pl.col(column)
    return (
        cell.is_not_null() & ~cell.str.contains(f"^(?:{form})$") & ~cell.str.contains(_NON_FINITE)
    )
