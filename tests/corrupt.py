"""Helpers to copy the shipped data package and corrupt the copy, for the validator's tests.

Every edit of table content goes through :func:`write_table` (or :func:`restamp`), which
re-stamps the resource's ``bytes`` and ``hash`` in datapackage.json, so that a corruption is
caught by the check it targets and not merely by the hash check.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from haidian_report.meta import DESCRIPTOR

Table = tuple[list[str], list[list[str]]]


def copy_package(source_dir: Path, dest: Path) -> Path:
    """Copy datapackage.json and every file its resources name into ``dest``; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    descriptor = read_descriptor(source_dir)
    shutil.copyfile(source_dir / DESCRIPTOR, dest / DESCRIPTOR)
    for res in descriptor["resources"]:
        rel = res["path"]
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_dir / rel, dest / rel)
    return dest


def read_descriptor(pkg: Path) -> dict[str, Any]:
    """datapackage.json of ``pkg`` as a dict."""
    data: dict[str, Any] = json.loads((pkg / DESCRIPTOR).read_text(encoding="utf-8"))
    return data


def write_descriptor(pkg: Path, data: dict[str, Any]) -> None:
    """Write datapackage.json of ``pkg``."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (pkg / DESCRIPTOR).write_text(text, encoding="utf-8")


def edit_descriptor(pkg: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``edit`` to the descriptor dict in place and save it."""
    data = read_descriptor(pkg)
    edit(data)
    write_descriptor(pkg, data)


def resource(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource called ``name`` in a descriptor dict."""
    found: dict[str, Any] = next(r for r in data["resources"] if r["name"] == name)
    return found


def table_path(pkg: Path, name: str) -> Path:
    """Path of resource ``name`` of ``pkg``."""
    return pkg / str(resource(read_descriptor(pkg), name)["path"])


def read_table(pkg: Path, name: str) -> Table:
    """(header, rows) of a CSV table, every cell a string."""
    with table_path(pkg, name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def render(header: list[str], rows: list[list[str]]) -> bytes:
    """CSV bytes as the build writes them: UTF-8, LF."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_table(pkg: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    """Write a table back (UTF-8, LF) and re-stamp its bytes and hash."""
    write_bytes(pkg, name, render(header, rows))


def write_bytes(pkg: Path, name: str, content: bytes, *, stamp: bool = True) -> None:
    """Replace a resource's file with ``content``; re-stamp bytes and hash unless told not to."""
    table_path(pkg, name).write_bytes(content)
    if stamp:
        restamp(pkg, name)


def restamp(pkg: Path, name: str) -> None:
    """Set the resource's ``bytes`` and ``hash`` to those of the file as it now is."""
    content = table_path(pkg, name).read_bytes()

    def edit(data: dict[str, Any]) -> None:
        res = resource(data, name)
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()

    edit_descriptor(pkg, edit)


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative path → digest), symlinks not followed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --- keyed rows and attack cases, shared by the validator's attack tests -------------------

#: (code, resource, row, field) of a problem: what an attack test asserts.
Key = tuple[str, str | None, int | None, str | None]
#: An attack: edits a package copy, returns the problems it must cause.
Case = Callable[[Path], set[Key]]


def keys(report: Any) -> set[Key]:
    """The (code, resource, row, field) of every problem of a validation report."""
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


def row_of(pkg: Path, table: str, key: str) -> int:
    """The 1-based data row whose first column is ``key``."""
    _, rows = read_table(pkg, table)
    return next(n for n, r in enumerate(rows, 1) if r[0] == key)


def cell(pkg: Path, table: str, key: str, column: str) -> str:
    """One cell of the row keyed ``key``."""
    header, rows = read_table(pkg, table)
    return rows[row_of(pkg, table, key) - 1][header.index(column)]


def edit(pkg: Path, table: str, key: str, **cells: str) -> int:
    """Set cells of the row keyed ``key`` (first column); re-stamp; return its row number."""
    header, rows = read_table(pkg, table)
    n = row_of(pkg, table, key)
    for column, value in cells.items():
        rows[n - 1][header.index(column)] = value
    write_table(pkg, table, header, rows)
    return n


def case_registry() -> tuple[dict[str, Case], Callable[[Case], Case]]:
    """A module's attack cases and the decorator that registers one by its function name."""
    cases: dict[str, Case] = {}

    def case(function: Case) -> Case:
        cases[function.__name__] = function
        return function

    return cases, case


def rename_fact(pkg: Path, table: str, key: str, new: str, **cells: str) -> int:
    """Set cells of a row and give it the id they imply, rewriting every reference to it (a
    careful attacker's edit: ids, foreign keys and link ids all stay consistent)."""
    n = edit(pkg, table, key, **{read_table(pkg, table)[0][0]: new}, **cells)
    for res in read_descriptor(pkg)["resources"]:
        if "schema" not in res or res["name"] == table:
            continue
        header, rows = read_table(pkg, res["name"])
        changed = False
        for r in rows:
            for i, c in enumerate(r):
                if c == key or c.endswith("@" + key):
                    r[i], changed = c[: len(c) - len(key)] + new, True
        if changed:
            write_table(pkg, res["name"], header, rows)
    return n
