"""Stage 4: Table Schema checks, vectorized over whole columns in polars.

Types first: a cell is of its type when it has a form that polars (``haidian_report.load``),
pandas and DuckDB all read as the same value (:data:`FORMS`: ``+5`` and ``1e3`` are numbers,
`` 5`` with a space or ``5%`` are not; booleans are ``true``/``false`` in any case, never
``1``/``0``; integers fit 64 bits). Then the constraints (``required``, ``enum``, ``pattern``,
``minimum``/``maximum`` and their exclusive forms, ``minLength``/``maxLength``, ``unique``),
the primary key, and finite numbers. Each bad cell is one problem with its row and field;
messages are built only for problems that are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any, Final

import polars as pl

from haidian_report.validate import geocells
from haidian_report.validate.csvread import CELLS
from haidian_report.validate.model import BAD, ROW, Context, Field, Spec, Table
from haidian_report.validate.text import KEY_LIMIT, lookalikes, number, show, words

_INTEGER = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:nan|inf|infinity))$"
_TRUE: Final = ("true", "True", "TRUE")
_FALSE: Final = ("false", "False", "FALSE")
_DURATION = (
    r"^P(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?"
    r"(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$"
)
#: Table Schema type → (regex a cell must match, what is expected, in words).
FORMS: Final[dict[str, tuple[str, str]]] = {
    "integer": (_INTEGER, "an integer (digits, optionally signed, within 64 bits)"),
    "number": (
        _NUMBER,
        "a number (digits with an optional '.', sign and exponent; no spaces, "
        "no thousands separators, no units)",
    ),
    "boolean": ("^(?:true|false|True|False|TRUE|FALSE)$", "true or false (not 1/0, yes/no)"),
    "date": (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date YYYY-MM-DD"),
    "datetime": (
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$",
        "a date and time YYYY-MM-DDThh:mm:ss",
    ),
    "time": (r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$", "a time hh:mm:ss"),
    "year": (r"^[0-9]{4}$", "a year YYYY"),
    "yearmonth": (r"^[0-9]{4}-(?:0[1-9]|1[0-2])$", "a year and month YYYY-MM"),
    "duration": (_DURATION, "an ISO 8601 duration (P1Y2M…)"),
    "geopoint": (r"^-?[0-9]+(?:\.[0-9]+)?, ?-?[0-9]+(?:\.[0-9]+)?$", "a point 'lon, lat'"),
}
_JSON: Final = {"object": dict, "array": list, "geojson": dict}
_POLARS: Final = {
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "year": pl.Int64,
    "date": pl.Date,
}


def check(ctx: Context, spec: Spec, cells: pl.DataFrame) -> Table:
    """Type and constraint checks of one table; the table with its typed frame."""
    # one chunk each: cheaper to scan, and polars 2.1 panics formatting filtered multi-chunk
    # frames; made before the typed frame, whose text columns then share the cells' buffers
    cells = _too_large(ctx, spec, cells).rechunk()
    # only fields of a type with a form are cast (a text field is its cells, never bad)
    casts = {f.name: _cast(f) for f in spec.fields if f.type in FORMS}
    extra = [CELLS] if CELLS in cells.columns else []
    frame = cells.select(
        ROW,
        *(casts[f.name][0].alias(f.name) if f.name in casts else f.name for f in spec.fields),
        *extra,
    )
    bad_columns = _failed_casts(spec, cells, frame, casts)
    bad_columns |= _json_cells(ctx, spec, cells)
    geocells.check(ctx, spec, cells)  # points out of range
    if bad_columns:  # and a column each of the cells that failed their type
        failed = [f.name for f in spec.fields if f.name in bad_columns]
        bad = cells.select(
            ROW,
            *((casts[n][1] if n in casts else pl.lit(False)).alias(BAD + n) for n in failed),
        )
        frame = frame.hstack(bad.get_columns()[1:])
        if extra:  # kept last
            frame = frame.select(pl.exclude(CELLS), CELLS)
    table = Table(spec, cells, frame.rechunk(), bad_columns)
    for f in spec.fields:
        if f.name in bad_columns and f.type not in _JSON:
            _report_type_errors(ctx, table, f)
    _non_finite(ctx, table)
    _constraints(ctx, table)
    return table


def _failed_casts(
    spec: Spec, cells: pl.DataFrame, frame: pl.DataFrame, casts: dict[str, tuple[pl.Expr, pl.Expr]]
) -> set[str]:
    """The cast fields with a present cell that is not of the type.

    For every type but ``date``, :func:`_cast`'s typed value is null exactly where the cell is
    null or not of the type (integer, year, number and the text forms are ``when(form)``;
    a boolean is one of six spellings or null), and a null cell is a null value: the typed
    column has as many more nulls than the cells as the column has bad cells. Null counts are
    known without a scan, where the flags of :func:`_cast` cost as much as the cast again. A
    date is read with ``to_date``, which is not gated by the form (it reads ``+2021-12-15``,
    which the form refuses), so its flags are still computed."""
    by_name = {f.name: f for f in spec.fields}
    failed = {
        n
        for n in casts
        if by_name[n].type != "date"
        and frame.get_column(n).null_count() > cells.get_column(n).null_count()
    }
    dates = [n for n in casts if by_name[n].type == "date"]
    if dates:
        flags = cells.select(casts[n][1].any().alias(n) for n in dates).row(0)
        failed |= {n for n, flag in zip(dates, flags, strict=True) if flag}
    return failed


def _too_large(ctx: Context, spec: Spec, cells: pl.DataFrame) -> pl.DataFrame:
    limit = ctx.limits.cell_chars
    if cells.estimated_size() <= limit:  # no cell has more bytes than the whole frame holds
        return cells
    # a cell has at least as many bytes as characters, and its bytes are known without a scan
    lengths = cells.select(pl.col(f.name).str.len_bytes().max() for f in spec.fields).row(0)
    for f, longest in zip(spec.fields, lengths, strict=False):
        if longest is None or longest <= limit:
            continue
        over = cells.filter(pl.col(f.name).str.len_chars() > limit).select(
            ROW, pl.col(f.name).str.len_chars()
        )
        for row, n in over.head(ctx.problems.room(spec.name)).iter_rows():
            message = f"{n:,} characters; cells longer than {limit:,} are refused"
            ctx.add("cell-too-large", message, spec.name, row, f.name)
        cells = cells.with_columns(
            pl.when(pl.col(f.name).str.len_chars() > limit)
            .then(None)
            .otherwise(pl.col(f.name))
            .alias(f.name)
        )
    return cells


def _cast(f: Field) -> tuple[pl.Expr, pl.Expr]:
    """(typed value, True where a present cell is not of the type) for one field."""
    c = pl.col(f.name)
    if f.type not in FORMS:
        return c, pl.lit(False)
    if f.type == "integer":
        # polars' cast reads exactly [+-]?[0-9]+ within 64 bits (tests/test_validate_typeflags
        # pins it on every short string of signs, digits, look-alikes and spaces): the cast is
        # the form check (no regex, no strip)
        value = c.cast(pl.Int64, strict=False)
        return value, c.is_not_null() & value.is_null()
    if f.type == "boolean":  # the form is one of six spellings: no regex needed
        form = c.is_in(_TRUE) | c.is_in(_FALSE)
    else:
        form = c.str.contains(FORMS[f.type][0])
    if f.type == "boolean":
        typed = pl.when(c.is_in(_TRUE)).then(True).when(c.is_in(_FALSE)).then(False).otherwise(None)
    elif f.type in ("integer", "year"):
        typed = pl.when(form).then(c.str.strip_prefix("+").cast(pl.Int64, strict=False))
    elif f.type == "number":
        typed = pl.when(form).then(c.cast(pl.Float64, strict=False))
    elif f.type == "date":
        typed = c.str.to_date("%Y-%m-%d", strict=False)
    else:
        typed = pl.when(form).then(c)
    return typed, c.is_not_null() & (~form | typed.is_null()).fill_null(True)


def _report_type_errors(ctx: Context, table: Table, f: Field) -> None:
    expected = FORMS[f.type][1]
    bad = table.frame.filter(pl.col(BAD + f.name)).select(ROW)
    rows = bad.head(ctx.problems.room(table.name)).join(table.raw.select(ROW, f.name), on=ROW)
    for row, cell in rows.sort(ROW).iter_rows():
        hint = lookalikes(cell) if f.type != "string" else ""
        digits = (
            isinstance(cell, str) and cell.lstrip("+-").isascii() and cell.lstrip("+-").isdigit()
        )
        if f.type == "integer" and digits:
            hint = "out of the 64-bit range that polars, pandas and DuckDB read"
        extra = f" ({hint})" if hint else ""
        ctx.add(
            "type-error", f"found {show(cell)}{extra}; expected {expected}", table.name, row, f.name
        )
    ctx.problems.drop(table.name, bad.height - rows.height)


def _json_cells(ctx: Context, spec: Spec, cells: pl.DataFrame) -> set[str]:
    """Fields of JSON types (object, array, geojson) whose cells do not parse: reported here."""
    failed: set[str] = set()
    for f in spec.fields:
        if f.type not in _JSON:
            continue
        for row, cell in cells.filter(pl.col(f.name).is_not_null()).select(ROW, f.name).iter_rows():
            try:
                ok = isinstance(json.loads(cell), _JSON[f.type])
                ok = ok and (f.type != "geojson" or geocells.geojson_ok(cell))
            except (ValueError, RecursionError):
                ok = False
            if not ok:
                failed.add(f.name)
                ctx.add(
                    "type-error",
                    f"found {show(cell)}; expected a JSON {f.type}",
                    spec.name,
                    row,
                    f.name,
                )
    return failed


def _non_finite(ctx: Context, table: Table) -> None:
    """NaN and infinities: polars reads them, but they are no value a report prints."""
    fields = [f for f in table.spec.fields if f.type == "number"]
    if not fields:
        return
    conds = {f.name: (pl.col(f.name).is_nan() | pl.col(f.name).is_infinite()) for f in fields}
    flags = table.frame.select(cond.fill_null(False).any() for cond in conds.values()).row(0)
    for f, flagged in zip(fields, flags, strict=True):
        if not flagged:
            continue
        cond = conds[f.name]
        rows = table.frame.filter(cond.fill_null(False)).select(ROW, f.name)
        for row, value in rows.head(ctx.problems.room(table.name)).iter_rows():
            ctx.add(
                "non-finite",
                f"found {value}; numbers must be finite (no NaN or infinity)",
                table.name,
                row,
                f.name,
            )
        table.frame = table.frame.with_columns(
            (pl.col(BAD + f.name) if f.name in table.bad_columns else pl.lit(False))
            .or_(cond.fill_null(False))
            .alias(BAD + f.name)
        )
        table.bad_columns.add(f.name)


def _constraint_checks(table: Table, f: Field) -> list[tuple[str, pl.Expr, Callable[[Any], str]]]:
    """(constraint, violated, message of a cell) for each constraint of ``f``."""
    c = pl.col(f.name)
    raw = f.type in ("string", "any") or f.type not in _POLARS
    out: list[tuple[str, pl.Expr, Callable[[Any], str]]] = []
    k = f.constraints
    if k.get("required") is True and table.frame.get_column(f.name).null_count():
        missing = c.is_null()
        if CELLS in table.frame.columns:
            position = next(i for i, g in enumerate(table.spec.fields) if g.name == f.name)
            missing = missing & (pl.col(CELLS) > position)
        out.append(("required", missing, lambda _: "empty; the field is required"))
    if isinstance(k.get("enum"), list) and f.type not in ("boolean", "date"):
        values = k["enum"]
        ascii_only = all(isinstance(v, str) and v.isascii() for v in values)
        allowed = pl.Series([str(v) for v in values], dtype=pl.String)
        if f.type == "number":
            allowed = allowed.cast(pl.Float64, strict=False)
        elif f.type in ("integer", "year"):
            allowed = allowed.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
        out.append(
            (
                "enum",
                c.is_not_null() & ~c.is_in(_implode(allowed)),
                partial(_found, expected=words("enum", values), ascii_expected=ascii_only),
            )
        )
    pattern = k.get("pattern")
    if isinstance(pattern, str) and f.type == "string":
        out.append(
            (
                "pattern",
                c.is_not_null() & ~c.str.contains(f"^(?:{pattern})$"),
                partial(_found, expected=words("pattern", pattern), ascii_expected=False),
            )
        )
    for key, op in (
        ("minimum", "lt"),
        ("maximum", "gt"),
        ("exclusiveMinimum", "le"),
        ("exclusiveMaximum", "ge"),
    ):
        if key in k and f.type not in ("string", "any", "boolean"):
            bound = k[key]
            limit = (
                pl.lit(bound).str.to_date("%Y-%m-%d", strict=False)
                if f.type == "date"
                else pl.lit(bound)
            )
            out.append(
                (
                    key,
                    getattr(c, op)(limit).fill_null(False),
                    partial(_found, expected=words(key, bound), ascii_expected=False),
                )
            )
    for key, op in (("minLength", "lt"), ("maxLength", "gt")):
        if key in k and raw:
            length = pl.col(f.name).cast(pl.String).str.len_chars()
            out.append(
                (
                    key,
                    getattr(length, op)(k[key]).fill_null(False),
                    partial(_length, expected=words(key, k[key])),
                )
            )
    return out


def _implode(values: pl.Series) -> pl.Series:
    """``values`` as one list (``Series.implode`` runs a query: its fixed cost is many times
    this construction's)."""
    return pl.Series([values.to_list()], dtype=pl.List(values.dtype))


def _length(cell: Any, expected: str) -> str:
    return f"{len(str(cell)):,} characters; expected {expected}"


def _found(cell: Any, expected: str, ascii_expected: bool) -> str:
    hint = lookalikes(cell, ascii_expected=ascii_expected) if isinstance(cell, str) else ""
    shown = number(cell) if isinstance(cell, float) else show(cell)
    return f"found {shown}{f' ({hint})' if hint else ''}; expected {expected}"


def _constraints(ctx: Context, table: Table) -> None:
    """Every constraint of every field, then the primary key. One pass flags which checks any
    row fails (and which keys repeat); only those are looked at row by row."""
    frame, fields = table.frame, table.spec.fields
    checks = {f.name: _constraint_checks(table, f) for f in fields}
    keys = [
        ([f.name], "unique-error", f.name) for f in fields if f.constraints.get("unique") is True
    ]
    if table.spec.primary_key:
        keys.append((table.spec.primary_key, "primary-key", ",".join(table.spec.primary_key)))
    keyed = {name for key, _, _ in keys for name in key}
    flagged = [  # (a field without type errors is clean on every row)
        _flag(table, f, kind, cond, f.name in keyed)
        for f in fields
        for kind, cond, _ in checks[f.name]
    ]
    repeats = [(_usable(table, key) & ~_row(key).is_first_distinct()).any() for key, _, _ in keys]
    exprs = [e.alias(f"k{i}") for i, e in enumerate(flagged + repeats)]
    found = frame.select(exprs).row(0) if exprs else ()
    flags, repeated = iter(found[: len(flagged)]), iter(found[len(flagged) :])
    for f in fields:
        for _, cond, message in checks[f.name]:
            if not next(flags):
                continue
            hits = frame.filter(table.clean(f.name) & cond).select(ROW, f.name)
            kept = hits.head(ctx.problems.room(table.name))
            for row, cell in kept.iter_rows():
                ctx.add("constraint-error", message(cell), table.name, row, f.name)
            ctx.problems.drop(table.name, hits.height - kept.height)
        if f.constraints.get("unique") is True and next(repeated):
            _duplicates(ctx, table, [f.name], "unique-error", f.name)
    key = table.spec.primary_key
    if key and next(repeated):
        _duplicates(ctx, table, key, "primary-key", ",".join(key))


def _flag(table: Table, f: Field, kind: str, cond: pl.Expr, keyed: bool) -> pl.Expr:
    """Whether any row fails the check ``cond`` of ``f``. A pattern, the dearest check, runs
    once per distinct cell (not on a key's, which are distinct where the table is valid)."""
    if kind == "pattern" and not keyed and f.name not in table.bad_columns:
        cells = pl.col(f.name).drop_nulls().unique()
        return (~cells.str.contains(f"^(?:{f.constraints['pattern']})$")).any()
    return (table.clean(f.name) & cond if f.name in table.bad_columns else cond).any()


def _row(key: list[str]) -> pl.Expr:
    """The values of ``key`` as one expression (a one-column key's column: cheaper to hash)."""
    return pl.col(key[0]) if len(key) == 1 else pl.struct(key)


def _usable(table: Table, key: list[str]) -> pl.Expr:
    """Rows whose ``key`` cells are all present and of their type."""
    present = pl.all_horizontal(pl.col(k).is_not_null() for k in key)
    return present & table.clean(*key) if any(k in table.bad_columns for k in key) else present


def _duplicates(ctx: Context, table: Table, key: list[str], code: str, field: str) -> None:
    """Rows repeating an earlier row's (non-null) values of ``key``."""
    frame = table.frame.filter(_usable(table, key))
    if not (repeated := frame.filter(~_row(key).is_first_distinct())).height:
        return
    first = frame.group_by(key).agg(pl.col(ROW).min().alias("__first__"))
    hits = repeated.join(first, on=key).sort(ROW)
    kept = hits.head(ctx.problems.room(table.name))
    what = "primary key" if code == "primary-key" else "value"
    for values in kept.select(ROW, "__first__", *key).iter_rows():
        row, earlier, cells = values[0], values[1], values[2:]
        shown = ", ".join(show(v, KEY_LIMIT) for v in cells)
        ctx.add(code, f"duplicate {what} {shown}; first in row {earlier}", table.name, row, field)
    ctx.problems.drop(table.name, hits.height - kept.height)
