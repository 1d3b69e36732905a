"""Derive a package: keep the rows you choose, and what still holds together with them.

A derived package keeps some rows of some tables (only the figures the report does not mark
预计, only one metric's facts). Rows of other tables that refer to a dropped row must go too
(a mention of a dropped program, a link to a dropped target), and so must a check or a
derivation that lost one of its inputs: its verdict or value no longer follows from what is
left. :func:`subset` does all of that, repeatedly until nothing changes, writes the new package
into a folder that does not exist yet (or is empty), copies every other file the descriptor
names, and re-stamps ``bytes`` and ``hash``: the result validates as it is.

Rows are kept or dropped whole, as the source writes them: a table nothing was dropped from is
copied byte for byte, and a kept row is written as its source row was (cells are not re-read
and re-printed as numbers).

>>> import tempfile, polars as pl
>>> out = subset(tempfile.mkdtemp() + "/no-estimates", {"indicators": ~pl.col("estimated")})
>>> out.dropped["indicators"] > 0 and out.dropped["check_inputs"] > 0
True
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
from haidian_report.restamp import restamp, unsafe_path

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
    kept: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> list[str]:
        """One line per table that lost rows: ``indicators: kept 201 of 213 (12 dropped)``."""
        return [
            f"{name}: kept {self.kept[name]:,} of {self.kept[name] + n:,} ({n:,} dropped)"
            for name, n in self.dropped.items()
            if n
        ]


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
    target = Path(dest)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SubsetError(f"{target}: exists and is not an empty folder; nothing written")
    descriptor = descriptor_of(source)
    tables = _tables(descriptor)
    masks = {name: _mask(source, tables, name, expr) for name, expr in keep.items()}
    rows = {name: _cells(source, res) for name, res in tables.items()}
    kept = {name: pl.Series(values=[True] * frame.height) for name, frame in rows.items()}
    for name, mask in masks.items():
        kept[name] = mask
    _cascade(tables, rows, kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _write(source, staging, descriptor, tables, rows, kept)
        restamp(staging)
        if target.exists():
            target.rmdir()  # empty (checked above)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Subset(
        target,
        kept={n: int(k.sum()) for n, k in kept.items()},
        dropped={n: int((~k).sum()) for n, k in kept.items()},
    )


def _tables(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The tabular resources (with a schema of fields), by name."""
    return {
        str(res.get("name")): res
        for res in descriptor["resources"]
        if isinstance(res, dict) and isinstance((res.get("schema") or {}).get("fields"), list)
    }


def _mask(source: Path, tables: dict[str, dict[str, Any]], name: str, expr: pl.Expr) -> pl.Series:
    if name not in tables:
        table_resource_of(source, name)  # raises UnknownNameError with the nearest names
    typed = read_table(name, source)
    try:
        # (with_columns: a constant such as pl.lit(True) holds for every row)
        mask = typed.with_columns(expr.alias("__keep__"))["__keep__"]
    except pl.exceptions.PolarsError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise SubsetError(
            f"{name}: cannot apply the condition ({first}); nothing written"
        ) from None
    if mask.dtype != pl.Boolean:
        raise SubsetError(
            f"{name}: the condition gives {mask.dtype} values, not one true/false per row; "
            "nothing written"
        )
    return mask.fill_null(False)


def _cells(source: Path, res: dict[str, Any]) -> pl.DataFrame:
    """A table's cells as the file writes them (text, nothing parsed)."""
    file = resource_file(source, res)
    dialect = dialect_options(res)
    try:
        return pl.read_csv(
            file,
            infer_schema=False,
            separator=dialect["separator"],
            quote_char=dialect["quote_char"],
            encoding="utf8",
        )
    except (OSError, ValueError, pl.exceptions.PolarsError) as error:
        raise PackageReadError(f"{file}: cannot be read as CSV ({error})") from None


def _cascade(
    tables: dict[str, dict[str, Any]], rows: dict[str, pl.DataFrame], kept: dict[str, pl.Series]
) -> None:
    """Drop, until nothing changes, every row whose foreign key names a dropped row and every
    check or derivation that lost an input (``kept`` is updated in place)."""
    counts = {p: _inputs(rows, kept, c, k, whole=True) for p, c, k in COMPOSITES if c in rows}
    changed = True
    while changed:
        changed = False
        for parent, child, key in COMPOSITES:
            if parent in rows and child in rows:
                now, had = _inputs(rows, kept, child, key), counts[parent]
                whole = [now.get(k, 0) == had.get(k, 0) for k in rows[parent][key]]
                changed |= _narrow(kept, parent, pl.Series(whole, dtype=pl.Boolean))
        for name, res in tables.items():
            for fk in (res["schema"] or {}).get("foreignKeys", []):
                ref = fk["reference"]
                fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
                refs = ref["fields"]
                refs = [refs] if isinstance(refs, str) else list(refs)
                other = ref.get("resource") or name
                live = rows[other].filter(kept[other]).select(refs)
                names = set(live.iter_rows())
                values = rows[name].select(fields).iter_rows()
                # a key with an empty cell names nothing (as the validator reads foreign keys)
                ok = pl.Series([any(v in (None, "") for v in t) or t in names for t in values])
                changed |= _narrow(kept, name, ok)


def _inputs(
    rows: dict[str, pl.DataFrame],
    kept: dict[str, pl.Series],
    child: str,
    key: str,
    whole: bool = False,
) -> dict[str, int]:
    frame = rows[child] if whole else rows[child].filter(kept[child])
    return dict(frame.group_by(key).len().iter_rows())


def _narrow(kept: dict[str, pl.Series], name: str, ok: pl.Series) -> bool:
    """Keep only rows also ``ok``; True when some row was dropped."""
    before = int(kept[name].sum())
    kept[name] = kept[name] & ok
    return int(kept[name].sum()) != before


def _write(
    source: Path,
    staging: Path,
    descriptor: dict[str, Any],
    tables: dict[str, dict[str, Any]],
    rows: dict[str, pl.DataFrame],
    kept: dict[str, pl.Series],
) -> None:
    """Copy every file the descriptor names, writing each table that lost rows anew."""
    shutil.copyfile(source, staging / source.name)
    for res in descriptor["resources"]:
        rel = res.get("path") if isinstance(res, dict) else None
        if not isinstance(rel, str):
            continue
        why = unsafe_path(rel)
        if why is not None:
            raise SubsetError(f"{res.get('name')}: path {rel!r} {why}; nothing written")
        out = staging / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        name = str(res.get("name"))
        if name in tables and not bool(kept[name].all()):
            _write_rows(source.parent / rel, out, tables[name], rows[name].filter(kept[name]))
        else:
            shutil.copyfile(source.parent / rel, out)


def _write_rows(original: Path, out: Path, res: dict[str, Any], cells: pl.DataFrame) -> None:
    with original.open("rb") as fh:
        first = fh.readline()
    dialect = dialect_options(res)
    cells.write_csv(
        out,
        separator=dialect["separator"],
        quote_char=dialect["quote_char"],
        line_terminator="\r\n" if first.endswith(b"\r\n") else "\n",
    )
