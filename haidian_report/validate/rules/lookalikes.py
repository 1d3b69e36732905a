"""Look-alike characters named with their position and code point (docs/ci.md promises it).

A full-width ``５９０８`` in ``value_printed``, ``ＣＮＹ`` in ``unit`` or a Cyrillic ``а`` in an
id looks right in a spreadsheet and breaks every join and comparison. The rules that catch the
cell (``printed-mismatch``, ``unit-unknown``, ``foreign-key``…) say what differs; this one says
which character it is:

* in a column whose values are ASCII codes (ids, ``unit``, ``variant``, periods), any
  character that is not ASCII;
* in ``value_printed`` and ``unit_printed`` (the printed number and unit, always a part of the
  row's ``value_text``), a character that is not in ``value_text`` and that Unicode folds to
  another (full-width digits and letters, Roman numeral signs such as Ⅴ where V is meant…), or
  an invisible one;
* in every other text column of a package table, a hidden character: a control character
  (other than tab and line breaks), a format character (zero-width space, byte-order mark,
  a bidi override that shows a sentence reversed) or a private-use one. None is printed in
  the source or any shipped cell; each one makes two equal-looking names unequal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Table
from haidian_report.validate.rules.engine import Hit, rule
from haidian_report.validate.text import codepoint

#: Columns whose values are ASCII codes in every table of the package (besides ``*_id``).
ASCII_COLUMNS: Final = ("unit", "variant", "period", "base_period")
#: Printed parts of a figure, each a part of the row's ``value_text``.
PRINTED: Final = ("value_printed", "unit_printed")
_SHOWN: Final = 3
#: The bytes of printable ASCII (space to tilde).
_PRINTABLE: Final = bytes(range(0x20, 0x7F))
#: A control (but tab and line breaks), format or private-use character, in polars' regex.
HIDDEN: Final = r"[\p{Cc}\p{Cf}\p{Co}&&[^\t\n\r]]"
#: Look-alikes Unicode does not fold: the ideographic zero 〇 (a circle, read as O or 0).
FOLDED: Final = frozenset("〇")


def _odd(ch: str) -> bool:
    """A character another one looks like: Unicode folds it (NFKC) or it is invisible."""
    category = unicodedata.category(ch)
    invisible = category in ("Cf", "Cc", "Co", "Cs") or (category == "Zs" and ch != " ")
    return invisible or ch in FOLDED or unicodedata.normalize("NFKC", ch) != ch


def _message(cell: str, found: list[tuple[int, str]], why: str) -> str:
    parts = [f"character {i + 1} is {codepoint(ch)}" for i, ch in found[:_SHOWN]]
    more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    folded = unicodedata.normalize("NFKC", cell)
    hint = f" (it looks like {folded!r})" if folded != cell and folded.isascii() else ""
    return f"found {cell!r}: {'; '.join(parts)}{more}{hint}; {why}"


def _columns(table: Table) -> list[str]:
    """The ASCII-code columns of a package table (string typed, with no enum: an enum's
    message already names the character)."""
    if not table.spec.canonical:
        return []
    return [
        f.name
        for f in table.spec.fields
        if f.type == "string"
        and (f.name.endswith("_id") or f.name in ASCII_COLUMNS)
        and "enum" not in f.constraints
    ]


def _non_ascii(column: str) -> pl.Expr:
    """True where ``column`` holds a character outside printable ASCII."""
    return pl.col(column).is_not_null() & pl.col(column).str.contains(r"[^\x20-\x7e]")


def _odd_columns(frame: pl.DataFrame, columns: list[str]) -> list[str]:
    """The ``columns`` of ``frame`` with a character outside printable ASCII in some cell.

    Each column's cells are joined into one byte string that Python tests at memory speed
    (ASCII, then nothing left once the printable bytes are deleted): a regular expression
    over every cell costs several times more.

    >>> frame = pl.DataFrame({"a": ["x", None], "b": ["y", "z\\t"], "c": ["é", "w"]})
    >>> _odd_columns(frame, ["a", "b", "c"])
    ['b', 'c']
    """
    joined = frame.select(pl.col(c).str.join(" ").cast(pl.Binary) for c in columns).row(0)
    return [
        c
        for c, cells in zip(columns, joined, strict=True)
        if not cells.isascii() or cells.translate(None, _PRINTABLE)
    ]


@rule("lookalike", needs={})
def codes_are_ascii(ctx: Context, table: Table) -> Iterator[Hit]:
    """Ids, units, variants and periods are ASCII: each other character is named."""
    columns = _columns(table)
    if not columns:
        return
    # one pass over every code column; the rows are read only in the columns that have a
    # non-ASCII cell, almost never
    for column in _odd_columns(table.frame, columns):
        odd = table.frame.filter(_non_ascii(column))
        for row, cell in odd.select(ROW, column).head(ctx.problems.room(table.name)).iter_rows():
            found = [(i, ch) for i, ch in enumerate(cell) if not " " <= ch <= "~"]
            yield Hit(row, _message(cell, found, "ids and codes are ASCII"), column)


@rule("lookalike", needs={"value_text": "string"})
def printed_parts_are_characters_of_the_text(ctx: Context, table: Table) -> Iterator[Hit]:
    """``value_printed`` and ``unit_printed`` hold no look-alike of a character of
    ``value_text``."""
    for column in PRINTED:
        if not table.typed(column, "string"):
            continue
        outside = table.frame.filter(
            pl.col(column).is_not_null()
            & ~pl.col("value_text").fill_null("").str.contains(pl.col(column), literal=True)
        )
        for row, cell, text in outside.select(ROW, column, "value_text").iter_rows():
            found = [(i, ch) for i, ch in enumerate(cell) if _odd(ch) and ch not in (text or "")]
            if found:
                why = f"value_text {text!r} prints none of these"
                yield Hit(row, _message(cell, found, why), column)


def _hidden_at(cell: str) -> list[tuple[int, str]]:
    """Each character of ``cell`` that :data:`HIDDEN` matches, with its position.

    :data:`HIDDEN` itself decides, character by character, so that the rows found and the
    characters named have one definition: polars' Unicode tables are newer than Python's
    ``unicodedata`` (U+13439..U+1343F are format characters to polars, unassigned to Python
    3.11's Unicode 14), and a cell found with no character named would say nothing.
    """
    marks = pl.Series(list(cell), dtype=pl.String).str.contains(HIDDEN)
    return [(i, ch) for i, (ch, hidden) in enumerate(zip(cell, marks, strict=True)) if hidden]


def _text_columns(ctx: Context, table: Table) -> list[str]:
    """The package's own string columns of ``table`` that :func:`codes_are_ascii` does not
    read (an extension column holds what its maker wants)."""
    canonical = ctx.canonical.get(table.name) if table.spec.canonical else None
    if canonical is None:
        return []
    codes = set(_columns(table))
    own = {f["name"] for f in canonical.get("fields", [])}
    return [
        f.name
        for f in table.spec.fields
        if f.type == "string" and f.name in own and f.name not in codes and table.has(f.name)
    ]


@rule("hidden-character", needs={})
def text_has_no_hidden_characters(ctx: Context, table: Table) -> Iterator[Hit]:
    """A text cell holds no control, format (zero-width, bidi override) or private-use
    character, each named with its position and code point."""
    columns = _text_columns(ctx, table)
    if not columns:
        return
    # one query over each column's distinct cells tells which columns have one (almost
    # never); only those are read row by row
    found = table.frame.select(pl.col(c).unique().str.contains(HIDDEN).any() for c in columns).row(
        0
    )
    for column, any_hidden in zip(columns, found, strict=True):
        if not any_hidden:
            continue
        odd = table.frame.filter(pl.col(column).str.contains(HIDDEN).fill_null(False))
        for row, cell in odd.select(ROW, column).head(ctx.problems.room(table.name)).iter_rows():
            chars = _hidden_at(cell)
            why = "a text cell holds no hidden character"
            yield Hit(row, _message(cell, chars, why), column)
