"""Re-stamp a derived data package: recompute every resource's ``bytes`` and ``hash``.

A user who filters rows out of a table changes the file, so the ``bytes`` and ``hash`` that
datapackage.json declares for it no longer match and validation fails (``bytes-mismatch``,
``hash-mismatch``). :func:`restamp` sets them to what the files now are (sha256, as the
package itself uses) and changes nothing else in the descriptor.

Nothing the user had is lost: every problem (a missing file, an unsafe path) is found before
anything is written, the new descriptor replaces the old one atomically (a temporary file in
the same folder, then :func:`os.replace`), keeping its indentation and its key order, and the
returned :class:`Change` list holds every old value, which the command line prints.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from haidian_report import json_hazards
from haidian_report.meta import DESCRIPTOR

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class RestampError(ValueError):
    """The package cannot be re-stamped; the message lists every reason, nothing was written."""


@dataclass(frozen=True)
class Change:
    """One declared property of one resource and its old and new value."""

    resource: str
    field: str
    old: object
    new: object

    def __str__(self) -> str:
        old = "(none)" if self.old is None else self.old
        return f"{self.resource}: {self.field} {old} -> {self.new}"


def descriptor_file(path: str | Path) -> Path:
    """The datapackage.json named by ``path`` (the file itself or the folder holding it)."""
    given = Path(path)
    candidate = given / DESCRIPTOR if given.is_dir() else given
    if not candidate.is_file():
        where = f"{given} has no {DESCRIPTOR}" if given.is_dir() else f"{given} does not exist"
        raise RestampError(f"{where}: expected a {DESCRIPTOR} or the folder holding it")
    return candidate


def read_descriptor(
    path: Path, *, refusal: str = "cannot re-stamp {}; nothing written"
) -> dict[str, Any]:
    """Parse a descriptor, saying plainly when it is empty, not JSON, or holds a value that
    cannot be read back as written (``refusal``, formatted with the path, heads that list).
    Every package reader of this library reads a descriptor here (``restamp``, ``subset``,
    ``load(package=)``), so all of them refuse the same descriptors with the same words."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RestampError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise RestampError(f"{path} is empty: expected a data package descriptor (JSON)")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_int=json_hazards.parse_int)
    except UnicodeDecodeError as exc:
        raise RestampError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise RestampError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise RestampError(f"{path}: unreadable JSON ({type(exc).__name__}: {exc})") from None
    # values it could not write back (a lone surrogate) or json.load refuses (a long integer)
    hazards = json_hazards.find(data) if json_hazards.may_hold(text) else []
    if hazards:
        raise RestampError(
            refusal.format(path) + ":\n  " + "\n  ".join(h.message() for h in hazards)
        )
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise RestampError(f"{path}: expected a JSON object with a 'resources' list")
    return data


def unsafe_path(rel: str) -> str | None:
    """Why a resource path may not be read (None when it is a plain relative path)."""
    if _SCHEME.match(rel) and not PureWindowsPath(rel).drive:
        return "is a URL; only files inside the package folder are read"
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).is_absolute() or "\\" in rel:
        return "is absolute or uses backslashes; resource paths are relative, with '/'"
    if ".." in PurePosixPath(rel).parts:
        return "climbs out of the package folder ('..')"
    return None


def _stamp(file: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with file.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, "sha256:" + digest.hexdigest()


def plan(path: str | Path) -> tuple[Path, dict[str, Any], list[Change]]:
    """What re-stamping would change, without writing: (descriptor file, new descriptor, changes).

    Raises :class:`RestampError` naming every resource that cannot be stamped.
    """
    file = descriptor_file(path)
    data = read_descriptor(file)
    folder = file.parent.resolve()
    changes: list[Change] = []
    problems: list[str] = []
    for index, res in enumerate(data["resources"]):
        if not isinstance(res, dict):
            problems.append(f"resource #{index + 1}: not a JSON object")
            continue
        name = str(res.get("name", f"#{index + 1}"))
        rel = res.get("path")
        if rel is None:
            continue  # inline data: nothing on disk to stamp
        if not isinstance(rel, str):
            problems.append(f"{name}: path {rel!r} is not one file; re-stamp supports one file")
            continue
        why = unsafe_path(rel)
        target = (folder / rel).resolve()
        if why is None and not target.is_relative_to(folder):
            why = "leads out of the package folder (a symlink?)"
        if why is not None:
            problems.append(f"{name}: path {rel!r} {why}")
            continue
        if not target.is_file():
            problems.append(f"{name}: {rel} does not exist (remove the resource or restore it)")
            continue
        size, digest = _stamp(target)
        for key, new in (("bytes", size), ("hash", digest)):
            if res.get(key) != new:
                changes.append(Change(name, key, res.get(key), new))
                res[key] = new
    if problems:
        raise RestampError(f"cannot re-stamp {file}; nothing written:\n  " + "\n  ".join(problems))
    return file, data, changes


def _layout(raw: str) -> tuple[int | str | None, bool]:
    """Indentation of an existing JSON text (None when on one line) and whether it was ASCII."""
    lines = raw.splitlines()
    indent: int | str | None = None
    if len(lines) > 1:
        lead = lines[1][: len(lines[1]) - len(lines[1].lstrip())]
        indent = lead if "\t" in lead else len(lead)
    return indent, raw.isascii() and "\\u" in raw


def restamp(path: str | Path, *, write: bool = True) -> list[Change]:
    """Set every resource's ``bytes`` and ``hash`` (sha256) to its file's; return the changes.

    ``path`` is a datapackage.json or its folder. With ``write=False`` nothing is written (a
    dry run). Files are never modified, only the descriptor, atomically, and only if something
    changed.
    """
    file, data, changes = plan(path)
    if not write or not changes:
        return changes
    raw = file.read_text(encoding="utf-8")
    indent, ascii_only = _layout(raw)
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    if raw.endswith("\n"):
        text += "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file.stat().st_mode & 0o7777)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return changes
