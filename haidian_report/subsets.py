"""Derive a package: keep the rows you choose, and what still holds together with them.

A derived package keeps some rows of some tables (only the figures the report does not mark
预计, only one metric's facts). Rows of other tables that refer to a dropped row must go too
(a mention of a dropped program, a link to a dropped target), and so must a check or a
derivation that lost one of its inputs: its verdict or value no longer follows from what is
left. :func:`subset` does all of that, repeatedly until nothing changes, writes the new package
into a folder that does not exist yet (or is empty), copies every other file the descriptor
names, and re-stamps ``bytes`` and ``hash``: the result validates as it is.

Rows are kept or dropped whole, as the source writes them: a table nothing was dropped from is
copied byte for byte, and so is each kept line of a table that lost rows (cells are not
re-read and re-printed as numbers); only a table with line breaks inside cells is written
anew by polars, quoted where needed.

>>> import tempfile, polars as pl
>>> out = subset(tempfile.mkdtemp() + "/no-estimates", {"indicators": ~pl.col("estimated")})
>>> out.dropped["indicators"] > 0 and out.dropped["check_inputs"] > 0
True
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import polars as pl

from haidian_report.other_packages import (
    PackageReadError,
    descriptor_file,
    descriptor_of,
    dialect_options,
    read_table,
    resource_file,
    table_resource_of,
)
from haidian_report.paths import package_dir
from haidian_report.restamp import restamp
from haidian_report.subset_keys import Reference, SchemaKeyError, references
from haidian_report.tables import TABLE_NAMES

#: (parent, inputs table, key): a check or derivation stands only with all of its inputs.
COMPOSITES: Final = (
    ("checks", "check_inputs", "check_id"),
    ("derivations", "derivation_inputs", "derivation_id"),
)


class SubsetError(ValueError):
    """A subset that cannot be made as asked; nothing was written."""


@dataclass
class Subset:
    """What :func:`subset` wrote: where, and how many rows of each table it kept and dropped."""

    path: Path
    descriptor: Path
    kept: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    #: Rows dropped because their condition was null (unknown), by table.
    unknown: dict[str, int] = field(default_factory=dict)
    #: Rows dropped because of what they refer to, by table and reason ("name a dropped
    #: indicators row by base_indicator_id", "lost an input in check_inputs").
    why: dict[str, dict[str, int]] = field(default_factory=dict)

    def summary(self) -> list[str]:
        """One line per table that lost rows: ``indicators: kept 201 of 213 (12 dropped)``,
        and a line for a condition that was null (unknown) on some rows, which drops them: in
        SQL, ``firmness <> 'strive'`` is neither true nor false where firmness is empty."""
        lines = [
            f"{name}: kept {self.kept[name]:,} of {self.kept[name] + n:,} ({n:,} dropped"
            + "".join(f"; {k:,} {reason}" for reason, k in self.why.get(name, {}).items())
            + ")"
            for name, n in self.dropped.items()
            if n
        ]
        lines += [
            f"{name}: {n:,} of the dropped rows have an empty cell where the condition is "
            "neither true nor false (a null); to keep them, say so: in SQL "
            "`x IS DISTINCT FROM 'v'` or `x IS NULL OR …`, in polars "
            "`pl.col('x').ne_missing('v')` or `….fill_null(True)`"
            for name, n in self.unknown.items()
            if n
        ]
        return lines


def subset(
    dest: str | os.PathLike[str],
    keep: Mapping[str, pl.Expr],
    *,
    package: str | os.PathLike[str] | None = None,
) -> Subset:
    """Write the rows of ``package`` (default: the shipped one) that ``keep`` keeps into
    ``dest``, with every row that still refers only to kept rows; return what was kept.

    ``keep`` maps a table to a polars expression over its typed columns
    (``{"indicators": ~pl.col("estimated")}``); a row is kept where it is true. ``dest``
    must not exist or be an empty folder: nothing the user has is overwritten. Raises
    :class:`SubsetError` (nothing written) for an unknown table or column, or an expression
    that is not a true/false per row.
    """
    source = descriptor_file(package if package is not None else package_dir())
    target = _destination(dest)
    descriptor = descriptor_of(source)
    tables = _tables(descriptor)
    files = _files(source, descriptor)
    typed = {name: read_table(name, source) for name in tables}
    kept = {name: pl.repeat(True, frame.height, eager=True) for name, frame in typed.items()}
    unknown: dict[str, int] = {}
    for name, expr in keep.items():
        mask = _mask(source, typed, name, expr)
        unknown[name] = mask.null_count()
        kept[name] = mask.fill_null(False)
    why: dict[str, Counter[str]] = {}
    _cascade(tables, typed, kept, why)
    rewrite = [name for name in tables if not bool(kept[name].all())]
    _one_file_each(source, files, rewrite)
    # a sibling folder (same file system, the user's umask), moved into place when complete
    staging = target.parent / f".subset-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        _write(source, staging, files, tables, kept, set(rewrite))
        restamp(staging / source.name)
        if target.is_dir():  # an empty folder: filled, so the user's folder stays itself
            for child in staging.iterdir():  # (shutil.move: DEST may be on another disk)
                shutil.move(child, target / child.name)
            staging.rmdir()
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # the folders made for DEST, deepest first, if still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return Subset(
        target,
        target / source.name,
        kept={n: int(k.sum()) for n, k in kept.items()},
        dropped={n: int((~k).sum()) for n, k in kept.items()},
        unknown=unknown,
        why={n: dict(c) for n, c in why.items()},
    )


def _destination(dest: str | os.PathLike[str]) -> Path:
    """``dest`` as an absolute path that holds nothing yet (a missing path or an empty folder)."""
    if not str(dest).strip():
        raise SubsetError("DEST is empty: name the folder to write; nothing written")
    if Path(dest).is_symlink() and not Path(dest).exists():
        raise SubsetError(f"{dest}: a link to nothing; nothing written")
    # resolved first: "missing/.." is the folder it names, not a new one (a check on the
    # unresolved path let a run fill a folder that held the user's files)
    target = Path(dest).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SubsetError(f"{dest}: exists and is not an empty folder; nothing written")
    above = next((p for p in target.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise SubsetError(f"{dest}: {above} is a file, not a folder; nothing written")
    return target


def _files(source: Path, descriptor: dict[str, Any]) -> dict[str, str]:
    """Every resource's local file by resource name, each checked to be safe and present
    before anything is written."""
    files = {}
    for res in descriptor["resources"]:
        if not isinstance(res, dict) or res.get("path") is None:
            continue  # inline data: nothing on disk
        try:
            file = resource_file(source, res)  # one local file inside the package
        except PackageReadError as error:
            raise SubsetError(f"{error}; nothing written") from None
        rel = str(res["path"])
        if not file.is_file():
            raise SubsetError(f"{res.get('name')}: {rel} does not exist; nothing written")
        files[str(res.get("name"))] = rel
    return files


def _one_file_each(source: Path, files: dict[str, str], rewrite: list[str]) -> None:
    """Refuse to rewrite a file that another resource names too (however its path is
    spelled: ``./data/x.csv``, ``data//x.csv``): one of them would lose."""
    where = {name: (source.parent / rel).resolve() for name, rel in files.items()}
    for name in rewrite:
        others = [n for n, file in where.items() if file == where[name] and n != name]
        if others:
            raise SubsetError(
                f"{name}: its file {files[name]} is also resource {others[0]!r}'s, and the "
                "two would keep different rows; nothing written"
            )


def _tables(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The tabular resources (with an inline schema of fields), by name."""
    found = {}
    for res in descriptor["resources"]:
        if not isinstance(res, dict) or "schema" not in res:
            continue
        schema = res["schema"]
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise SubsetError(
                f"{res.get('name')}: its schema is {schema!r}, not an object with a list of "
                "fields (subset reads inline schemas); nothing written"
            )
        found[str(res.get("name"))] = res
    return found


def _mask(source: Path, typed: dict[str, pl.DataFrame], name: str, expr: object) -> pl.Series:
    if name not in typed:
        table_resource_of(source, name)  # raises UnknownNameError with the nearest names
    if not isinstance(expr, pl.Expr):
        raise SubsetError(
            f"{name}: the condition is {type(expr).__name__}, not a polars expression "
            "(pl.col(...) == ..., or pl.sql_expr('...')); nothing written"
        )
    try:
        # (with_columns: a constant such as pl.lit(True) holds for every row)
        mask = typed[name].with_columns(expr.alias("__keep__"))["__keep__"]
    except pl.exceptions.PolarsError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise SubsetError(
            f"{name}: cannot apply the condition ({first}){_types(typed[name], expr)}; "
            "nothing written"
        ) from None
    if mask.dtype != pl.Boolean:
        raise SubsetError(
            f"{name}: the condition gives {mask.dtype} values, not one true/false per row; "
            "nothing written"
        )
    return mask  # (null where the condition is unknown: the caller drops and counts those)


def _types(frame: pl.DataFrame, expr: pl.Expr) -> str:
    """The types of the columns a condition reads, for its error ("period = 2021": period is
    text, so the year is written '2021')."""
    try:
        names = [n for n in dict.fromkeys(expr.meta.root_names()) if n in frame.schema]
    except pl.exceptions.PolarsError:
        return ""
    kinds = {pl.String: "text", pl.Int64: "an integer", pl.Float64: "a number"}
    said = [f"{n} is {kinds.get(type(frame.schema[n]), str(frame.schema[n]))}" for n in names]
    return f"; {', '.join(said)}" if said else ""


def _cascade(
    tables: dict[str, dict[str, Any]],
    rows: dict[str, pl.DataFrame],
    kept: dict[str, pl.Series],
    why: dict[str, Counter[str]],
) -> None:
    """Drop, until nothing changes, every row whose reference names a dropped row and every
    check or derivation that lost an input (``kept`` is updated in place; ``why`` counts the
    rows each reason dropped, by table)."""
    try:
        links = references(tables, canonical=TABLE_NAMES)
    except SchemaKeyError as error:
        raise SubsetError(f"{error}; nothing written") from None
    counts = {p: _inputs(rows, kept, c, k, whole=True) for p, c, k in COMPOSITES if c in rows}
    changed = True
    while changed:
        changed = False
        for parent, child, key in COMPOSITES:
            if parent in rows and child in rows:
                now, had = _inputs(rows, kept, child, key), counts[parent]
                whole = [now.get(k, 0) == had.get(k, 0) for k in rows[parent][key]]
                lost = _narrow(kept, parent, pl.Series(whole, dtype=pl.Boolean))
                why.setdefault(parent, Counter())[f"lost an input in {child}"] += lost
                changed |= lost > 0
        for link in links:
            lost = _narrow(kept, link.table, _refers(link, rows, kept))
            reason = f"name a dropped {link.target} row by {', '.join(link.fields)}"
            why.setdefault(link.table, Counter())[reason] += lost
            changed |= lost > 0
    for tally in why.values():
        for reason in [r for r, n in tally.items() if not n]:
            del tally[reason]


def _refers(
    link: Reference, rows: dict[str, pl.DataFrame], kept: dict[str, pl.Series]
) -> pl.Series:
    """Per row of ``link.table``: its reference names a kept row (or nothing: a key with a
    missing cell names nothing). Keys compare as the validator compares them, as text of their
    typed values (a number 1.0 and 1e0 name the row 1.0; an integer 2021 the text 2021)."""
    try:
        # a table the package does not have names nothing: only empty keys stand (the
        # validator accepts a reference to a dropped table that no row uses)
        live = (
            set(
                rows[link.target]
                .filter(kept[link.target])
                .select(_text(link.target_fields))
                .iter_rows()
            )
            if link.target in rows
            else set()
        )
        values = rows[link.table].select(_text(link.fields)).iter_rows()
        return pl.Series([None in t or t in live for t in values], dtype=pl.Boolean)
    except (KeyError, pl.exceptions.PolarsError):
        raise SubsetError(
            f"{link.table}: a reference {list(link.fields)} → {link.target!r} "
            f"{list(link.target_fields)} names a table or column the package does not have; "
            "nothing written"
        ) from None


def _text(fields: tuple[str, ...]) -> list[pl.Expr]:
    return [pl.col(f).cast(pl.String) for f in fields]


def _inputs(
    rows: dict[str, pl.DataFrame],
    kept: dict[str, pl.Series],
    child: str,
    key: str,
    whole: bool = False,
) -> dict[str, int]:
    frame = rows[child] if whole else rows[child].filter(kept[child])
    return dict(frame.group_by(key).len().iter_rows())


def _narrow(kept: dict[str, pl.Series], name: str, ok: pl.Series) -> int:
    """Keep only rows also ``ok``; how many rows that dropped."""
    before = int(kept[name].sum())
    kept[name] = kept[name] & ok
    return before - int(kept[name].sum())


def _write(
    source: Path,
    staging: Path,
    files: dict[str, str],
    tables: dict[str, dict[str, Any]],
    kept: dict[str, pl.Series],
    rewrite: set[str],
) -> None:
    """Copy every file the descriptor names, writing each table that lost rows anew."""
    shutil.copyfile(source, staging / source.name)
    for name, rel in files.items():
        out = staging / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if name in rewrite:
            _write_rows(source.parent / rel, out, tables[name], kept[name])
        else:
            shutil.copyfile(source.parent / rel, out)


def _write_rows(original: Path, out: Path, res: dict[str, Any], keep: pl.Series) -> None:
    """The header and the kept rows of ``original``. When every record is one line (no cell
    holds a line break) the kept lines are copied as they are, byte for byte; otherwise the
    kept records are written by polars in the file's dialect, quoted where needed."""
    raw = original.read_bytes()
    lines = raw.splitlines(keepends=True)
    if len(lines) == keep.len() + 1:
        rows = zip(lines[1:], keep, strict=True)
        out.write_bytes(lines[0] + b"".join(line for line, k in rows if k))
        return
    dialect = dialect_options(res)
    try:
        cells = pl.read_csv(
            original,
            infer_schema=False,
            separator=dialect["separator"],
            quote_char=dialect["quote_char"],
            encoding="utf8",
        )
    except (OSError, ValueError, pl.exceptions.PolarsError) as error:
        raise PackageReadError(f"{original}: cannot be read as CSV ({error})") from None
    cells.filter(keep).write_csv(
        out,
        separator=dialect["separator"],
        quote_char=dialect["quote_char"],
        line_terminator="\r\n" if lines and lines[0].endswith(b"\r\n") else "\n",
    )
