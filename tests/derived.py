"""Make a derived data package the way a user would: copy, keep some rows, re-stamp.

A user who publishes a subset of the package (say, only the figures the report does not mark
预计) filters rows of one table, drops the rows of other tables that would then point at
nothing (foreign keys, followed until nothing changes), and re-stamps ``bytes`` and ``hash``.
The external readers (the 2.0 profiles, the JavaScript implementation) must accept the result.

Re-stamping is :func:`restamp_package` here until the ``haidian-report restamp`` command lands;
then its body becomes the one line
``subprocess.run(["haidian-report", "restamp", str(pkg / "datapackage.json")], check=True)``
(with the arguments that command takes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corrupt import copy_package, edit_descriptor, read_descriptor, read_table, render

Row = dict[str, str]


def restamp_package(pkg: Path) -> None:
    """Set every resource's ``bytes`` and ``hash`` to those of its file as it now is."""

    def edit(data: dict[str, Any]) -> None:
        for res in data["resources"]:
            content = (pkg / str(res["path"])).read_bytes()
            res["bytes"] = len(content)
            res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()

    edit_descriptor(pkg, edit)


def _keys(rows: list[Row], fields: list[str]) -> set[tuple[str, ...]]:
    return {tuple(r[f] for f in fields) for r in rows}


def _dangling(row: Row, fields: list[str], targets: set[tuple[str, ...]]) -> bool:
    values = tuple(row[f] for f in fields)
    return all(values) and values not in targets  # an empty (null) key points at nothing


#: (parent, inputs table, key): a parent row stands only with all of its input rows.
_COMPOSITES = (
    ("checks", "check_inputs", "check_id"),
    ("derivations", "derivation_inputs", "derivation_id"),
)


def _input_counts(rows: dict[str, list[Row]], child: str, key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows.get(child, []):
        counts[r[key]] = counts.get(r[key], 0) + 1
    return counts


def derive(source_dir: Path, dest: Path, table: str, keep: Callable[[Row], bool]) -> Path:
    """Copy the package at ``source_dir`` to ``dest`` keeping only ``table`` rows that ``keep``.

    Rows of other tables whose foreign keys would dangle are dropped too, repeatedly, and so are
    checks and derivations that lost one of their inputs, so the result is referentially whole
    and every check it keeps can still be recomputed; then the package is re-stamped.
    Returns ``dest``.
    """
    copy_package(source_dir, dest)
    tables = {
        res["name"]: res for res in read_descriptor(dest)["resources"] if "schema" in res
    }
    headers: dict[str, list[str]] = {}
    rows: dict[str, list[Row]] = {}
    for name in tables:
        header, raw = read_table(dest, name)
        headers[name] = header
        rows[name] = [dict(zip(header, r, strict=True)) for r in raw]
    rows[table] = [r for r in rows[table] if keep(r)]
    whole = {parent: _input_counts(rows, child, key) for parent, child, key in _COMPOSITES}
    changed = True
    while changed:
        changed = False
        for parent, child, key in _COMPOSITES:
            # a check or derivation is whole only with every input it had: one whose input a
            # subset dropped is dropped too (its verdict or value no longer follows)
            if parent in rows and child in rows:
                now = _input_counts(rows, child, key)
                before = whole[parent]
                kept = [r for r in rows[parent] if now.get(r[key], 0) == before.get(r[key], 0)]
                changed = changed or len(kept) != len(rows[parent])
                rows[parent] = kept
        for name, res in tables.items():
            for fk in res["schema"].get("foreignKeys", []):
                target = fk["reference"].get("resource") or name
                targets = _keys(rows[target], list(fk["reference"]["fields"]))
                kept = [r for r in rows[name] if not _dangling(r, list(fk["fields"]), targets)]
                changed = changed or len(kept) != len(rows[name])
                rows[name] = kept
    for name, res in tables.items():
        body = [[r[c] for c in headers[name]] for r in rows[name]]
        (dest / str(res["path"])).write_bytes(render(headers[name], body))
    restamp_package(dest)
    return dest


def derive_without_estimates(source_dir: Path, dest: Path) -> Path:
    """The derived package the tests use: indicators the report marks 预计 dropped."""
    return derive(source_dir, dest, "indicators", lambda r: r["estimated"] == "false")
