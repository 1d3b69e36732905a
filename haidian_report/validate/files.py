"""Stage 2: the bytes of each file: size and hash as declared, UTF-8, the pinned source text.

A file is read once, whole (it is capped by :attr:`Limits.file_bytes`, and the run by
:attr:`Limits.total_bytes`, so a thousand resources naming one file cannot add up unchecked).
Text files must be UTF-8 with no NUL byte; a byte-order mark is reported. The source text must
be the pinned bytes (:data:`haidian_report.meta.SOURCE_SHA256`): offsets are checked only
against those.
"""

from __future__ import annotations

import hashlib
import stat
from typing import Final

from haidian_report.meta import SOURCE_SHA256
from haidian_report.validate.descriptor import Entry, declared_bytes, declared_hash
from haidian_report.validate.model import Context
from haidian_report.validate.text import show

BOM: Final = b"\xef\xbb\xbf"


def read(ctx: Context, entry: Entry) -> tuple[bytes, str] | None:
    """Check one file's bytes; (bytes, text) when it is a readable UTF-8 table or source."""
    name, file = entry.name, entry.file
    try:
        info = entry.path.stat()
    except (OSError, ValueError):
        ctx.add("missing-file", f"{show(file)} does not exist", name)
        return None
    if not stat.S_ISREG(info.st_mode):
        ctx.add("missing-file", f"{show(file)} is not a regular file", name)
        return None
    if info.st_size > ctx.limits.file_bytes:
        ctx.add(
            "file-too-large",
            f"{info.st_size:,} bytes; files larger than {ctx.limits.file_bytes:,} bytes are "
            "refused unread",
            name,
        )
        return None
    if ctx.bytes_read + info.st_size > ctx.limits.total_bytes:
        ctx.add(
            "budget-exceeded",
            f"reading its {info.st_size:,} bytes would take the run past "
            f"{ctx.limits.total_bytes:,} bytes in all; not read",
            name,
        )
        return None
    try:
        raw = entry.path.read_bytes()
    except OSError as exc:
        ctx.add("missing-file", f"cannot read {show(file)}: {exc.strerror or exc}", name)
        return None
    ctx.bytes_read += len(raw)
    _size_and_hash(ctx, entry, raw)
    res = entry.resource
    encoding = res.get("encoding")
    utf8 = isinstance(encoding, str) and encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    textual = entry.is_table or entry.is_source
    if textual and encoding is not None and not utf8:
        ctx.add(
            "encoding-error", f"declared encoding {show(encoding)}; only utf-8 is accepted", name
        )
        return None
    if not (textual or utf8):
        return None  # other files are only sized and hashed
    text = _decode(ctx, name, raw)
    if text is None or not textual:
        return None
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    if entry.is_source:
        digest = hashlib.sha256(raw).hexdigest()
        if digest != SOURCE_SHA256:
            ctx.add(
                "source-altered",
                f"sha256 of the source text is {digest}; expected the pinned {SOURCE_SHA256}. "
                "Offsets and quotes were not checked against it.",
                name,
            )
            return None
    return raw, text


def _size_and_hash(ctx: Context, entry: Entry, raw: bytes) -> None:
    size = declared_bytes(ctx, entry)
    if size is not None and size != len(raw):
        ctx.add(
            "bytes-mismatch",
            f"file has {len(raw):,} bytes; the descriptor says {size:,}",
            entry.name,
        )
    algorithm, digest = declared_hash(ctx, entry)
    if algorithm and digest:
        actual = hashlib.new(algorithm, raw).hexdigest()
        if actual != digest:
            ctx.add(
                "hash-mismatch",
                f"{algorithm} of the file is {actual}; the descriptor says {digest}",
                entry.name,
            )


def _decode(ctx: Context, name: str, raw: bytes) -> str | None:
    """The text of a UTF-8 file without its byte-order mark, or None (with a problem)."""
    if not raw:
        ctx.add("empty-file", "the file is empty; expected a header row and data", name)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        ctx.add(
            "encoding-error",
            f"not valid UTF-8: byte {raw[exc.start]:#04x} at offset {exc.start:,} (line {line}); "
            "the package is UTF-8 (was the file saved as GBK or another legacy encoding?)",
            name,
        )
        return None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        ctx.add(
            "encoding-error",
            f"NUL character at character {nul:,} (line {line}): binary data, or UTF-16 text; "
            "expected UTF-8 text",
            name,
        )
        return None
    if raw.startswith(BOM):
        ctx.add(
            "bom",
            "the file starts with a UTF-8 byte-order mark (EF BB BF); expected plain UTF-8",
            name,
        )
        text = text[1:]
    return text
