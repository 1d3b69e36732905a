"""Stage 1: read ``datapackage.json`` and vet each resource entry before any file is opened.

The descriptor must be a JSON object with a non-empty ``resources`` list (otherwise nothing can
be validated: the run is *unreadable*). Each resource needs a unique name; files must be local
paths inside the package folder (:mod:`~haidian_report.validate.paths`); inline ``data``,
remote schemas and dialects, other schemes and compression are refused. Numbers too long to be
integers, ``NaN`` and deep nesting are problems, never exceptions.

The package's own table schemas (:func:`canonical_schemas`) come from the datapackage.json
shipped with the code, which the build generates from :mod:`haidian_report.models` (a test
holds the two equal): reading it costs a JSON parse, importing pydantic would cost 0.3 s.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from haidian_report.meta import DESCRIPTOR
from haidian_report.validate import descriptor_json, descriptor_values
from haidian_report.validate.model import Context
from haidian_report.validate.paths import unsafe_path
from haidian_report.validate.text import short_path, show

#: The resource holding the source text every offset indexes (found by name).
SOURCE_RESOURCE: Final = "source"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_HASHES: Final = ("md5", "sha1", "sha256", "sha512")


class TooLong:
    """An integer literal with more digits than any count or size can have (kept as text:
    converting it could take quadratic time, and Python refuses beyond 4,300 digits)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<an integer of {len(self.digits):,} digits: {self.digits[:12]}…>"


def _integer(text: str) -> int | TooLong:
    return TooLong(text) if len(text) > 30 else int(text)


@dataclass(frozen=True)
class Entry:
    """A resource that passed vetting: its file may be opened and read."""

    index: int
    name: str
    file: str
    path: Path
    resource: dict[str, Any]
    is_source: bool
    is_table: bool


@cache
def canonical_schemas() -> dict[str, dict[str, Any]]:
    """Table Schema of every table the package defines (from the shipped datapackage.json)."""
    from haidian_report.paths import descriptor_path

    try:
        data = json.loads(descriptor_path().read_text(encoding="utf-8"))
        return {
            r["name"]: r["schema"]
            for r in data["resources"]
            if isinstance(r, dict) and isinstance(r.get("schema"), dict)
        }
    except (OSError, ValueError, KeyError, TypeError):  # no shipped package: the models
        from haidian_report.models import TABLES
        from haidian_report.schema import table_schema

        return {model.TABLE.name: table_schema(model) for model in TABLES}


def _not_json(path: Path) -> str:
    """A hint when the file given is plainly not a descriptor (a table passed by mistake):
    what to pass instead."""
    if path.suffix.lower() == ".json":
        return ""
    kind = f"a {path.suffix.lower()} file" if path.suffix else "not a .json file"
    return f" ({short_path(path.name)} is {kind}: pass the package's {DESCRIPTOR} or its folder)"


def read(ctx: Context, path: Path) -> dict[str, Any] | None:
    """Parse the descriptor: a JSON object with a non-empty ``resources`` list, or None."""
    limit = ctx.limits.descriptor_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            ctx.fail(
                "descriptor-unreadable",
                f"{size:,} bytes; descriptors larger than {limit:,} bytes are refused",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        ctx.fail("descriptor-unreadable", f"cannot read it: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        ctx.fail("invalid-json", f"not UTF-8: byte {byte:#04x} at offset {exc.start:,}")
        return None
    if not text.removeprefix("\ufeff").strip():
        ctx.fail("invalid-json", "the file is empty: expected a data package descriptor (JSON)")
        return None
    try:
        data = json.loads(text.removeprefix("\ufeff"), parse_int=_integer)
    except json.JSONDecodeError as exc:
        ctx.fail(
            "invalid-json",
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{_not_json(path)}",
        )
        return None
    except (RecursionError, ValueError) as exc:
        ctx.fail("invalid-json", f"unreadable JSON ({type(exc).__name__}: {show(str(exc), 120)})")
        return None
    descriptor_json.check(ctx, text)  # what other JSON readers refuse or read otherwise
    descriptor_values.check(ctx, text, data, TooLong)  # surrogates, over-long integers
    if not isinstance(data, dict):
        ctx.fail("descriptor-error", f"expected a JSON object, found {type(data).__name__}")
        return None
    resources = data.get("resources")
    if not isinstance(resources, list) or not resources:
        ctx.fail("descriptor-error", "expected a non-empty 'resources' list")
        return None
    return data


def entries(ctx: Context, data: dict[str, Any]) -> list[Entry]:
    """Vet every resource entry; those that may be read, in descriptor order."""
    items: list[Any] = data["resources"]
    if len(items) > ctx.limits.resources:
        ctx.add(
            "budget-exceeded",
            f"{len(items):,} resources; only the first {ctx.limits.resources:,} are checked",
            file=ctx.descriptor_file,
        )
        items = items[: ctx.limits.resources]
    names: list[str | None] = []
    for i, res in enumerate(items):
        name = res.get("name") if isinstance(res, dict) else None
        valid = isinstance(name, str) and bool(_NAME.match(name)) and len(name) <= 200
        if valid and name not in ctx.problems.order:
            ctx.problems.order[str(name)] = i
            names.append(str(name))
        else:
            names.append(None)
    ctx.declared = [n for n in names if n]
    root_real = ctx.root.resolve()
    out: list[Entry] = []
    for i, (res, name) in enumerate(zip(items, names, strict=False)):
        if not isinstance(res, dict):
            ctx.add(
                "descriptor-error", f"resources[{i}] is not an object", file=ctx.descriptor_file
            )
            continue
        if name is None:
            ctx.add(
                "descriptor-error",
                f"resources[{i}] has a missing, duplicate or invalid name "
                f"{show(res.get('name'))} (expected lowercase letters, digits, '.', '_', '-')",
                file=ctx.descriptor_file,
            )
            continue
        ctx.resource_count += 1
        entry = _entry(ctx, i, name, res, root_real)
        if entry is not None:
            ctx.problems.files[name] = entry.file
            out.append(entry)
    return out


def _entry(
    ctx: Context, index: int, name: str, res: dict[str, Any], root_real: Path
) -> Entry | None:
    """One resource, or None (with a problem) when it may not be read."""
    here = ctx.descriptor_file
    if "data" in res:
        ctx.add(
            "unsafe-path",
            "inline 'data' is refused: every resource must be a file inside the package folder",
            name,
            file=here,
        )
        return None
    path_value = res.get("path")
    reason = unsafe_path(path_value, ctx.root, root_real)
    if reason is not None:
        ctx.add("unsafe-path", reason, name, file=here)
        return None
    assert isinstance(path_value, str)
    for key in ("schema", "dialect"):
        if isinstance(res.get(key), str):
            ctx.add(
                "unsafe-path",
                f"{key} is given as a path or URL ({show(res[key])}); only an inline {key} "
                "object is accepted",
                name,
                file=path_value,
            )
            return None
    scheme, compression = res.get("scheme"), res.get("compression")
    if scheme not in (None, "file") or compression not in (None, "no"):
        ctx.add(
            "unsafe-path",
            f"scheme {show(scheme)} / compression {show(compression)} refused: only plain "
            "local files are read",
            name,
            file=path_value,
        )
        return None
    is_source = name == SOURCE_RESOURCE
    is_table = not is_source and (
        "schema" in res
        or res.get("type") == "table"
        or res.get("format") == "csv"
        or path_value.lower().endswith(".csv")
        or name in ctx.canonical
    )
    return Entry(index, name, path_value, ctx.root / path_value, res, is_source, is_table)


def declared_hash(ctx: Context, entry: Entry) -> tuple[str | None, str | None]:
    """(algorithm, hex digest) of the declared ``hash`` ("sha256:…"; bare hex is md5)."""
    value = entry.resource.get("hash")
    if value is None:
        return None, None
    algorithm, _, digest = value.rpartition(":") if isinstance(value, str) else ("", "", "")
    algorithm = algorithm.lower() or "md5"
    if (
        not isinstance(value, str)
        or algorithm not in _HASHES
        or not re.fullmatch(r"[0-9a-fA-F]{1,128}", digest)
    ):
        ctx.add(
            "descriptor-error",
            f"hash {show(value)} is not '<algorithm>:<hex digest>' with algorithm one of "
            f"{', '.join(_HASHES)}",
            entry.name,
            file=entry.file,
        )
        return None, None
    return algorithm, digest.lower()


def declared_bytes(ctx: Context, entry: Entry) -> int | None:
    """The declared ``bytes`` when it is a usable count (a problem when it is not)."""
    value = entry.resource.get("bytes")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    ctx.add(
        "descriptor-error",
        f"bytes must be a non-negative integer, found {show(value)}",
        entry.name,
        file=short_path(entry.file),
    )
    return None
