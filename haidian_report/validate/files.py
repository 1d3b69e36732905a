"""Stage 2: the bytes of each file: size and hash as declared, UTF-8, the pinned source text.

A file is read once, whole (it is capped by :attr:`Limits.file_bytes`, and the run by
:attr:`Limits.total_bytes`, so a thousand resources naming one file cannot add up unchecked).
Text files must be UTF-8 with no NUL byte; a byte-order mark is reported. A table is kept as
bytes (polars reads bytes) and its text is never held whole as a Python string, which would
take up to four times the file's size: polars checks it is UTF-8 as it splits its lines
(:mod:`~haidian_report.validate.csvread` then finds the first bad byte); other text files are
decoded piece by piece. The source text must
be the pinned bytes (:data:`haidian_report.meta.SOURCE_SHA256`): offsets are checked only
against those.
"""

from __future__ import annotations

import hashlib
import stat
from typing import Final

from haidian_report.meta import SOURCE_SHA256
from haidian_report.validate.descriptor import Entry, declared_bytes, declared_hash
from haidian_report.validate.model import Context, Spec
from haidian_report.validate.text import show

BOM: Final = b"\xef\xbb\xbf"


def read(ctx: Context, entry: Entry) -> bytes | None:
    """Check one file's bytes; its bytes (without a byte-order mark) when it is a readable
    UTF-8 table or source."""
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
    if entry.is_table and raw and not raw.startswith(BOM) and b"\x00" not in raw:
        return raw  # UTF-8: checked as polars reads it (csvread), without a second pass here
    if not _utf8(ctx, name, raw) or not textual:
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
    return raw


def reread(spec: Spec) -> bytes:
    """The bytes of a table read before (without a byte-order mark), read again."""
    raw = spec.path.read_bytes()
    return raw[len(BOM) :] if raw.startswith(BOM) else raw


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


#: Bytes decoded at a time when a file is checked as UTF-8 (the text is not kept).
PIECE: Final = 1 << 22


def _first_invalid(raw: bytes) -> int | None:
    """Offset of the first byte that is not valid UTF-8, or None; decoded a piece at a time,
    each piece cut before a byte that starts a character, so that nothing is held whole.

    >>> _first_invalid("海淀".encode() * 3), _first_invalid(b"ab\\xe6\\xb5cd")
    (None, 2)
    """
    start, size = 0, len(raw)
    while start < size:
        end = min(start + PIECE, size)
        while end < size and end > start and 0x80 <= raw[end] < 0xC0:
            end -= 1  # a continuation byte: cut before the character it belongs to
        if end == start:
            end = min(start + PIECE, size)  # only continuation bytes: invalid anyway
        try:
            raw[start:end].decode("utf-8")
        except UnicodeDecodeError as exc:
            return start + exc.start
        start = end
    return None


def invalid_utf8(ctx: Context, name: str, raw: bytes) -> bool:
    """Report the first byte of ``raw`` that is not UTF-8; True when there is one."""
    bad = _first_invalid(raw)
    if bad is None:
        return False
    line = raw.count(b"\n", 0, bad) + 1
    ctx.add(
        "encoding-error",
        f"not valid UTF-8: byte {raw[bad]:#04x} at offset {bad:,} (line {line}); "
        "the package is UTF-8 (was the file saved as GBK or another legacy encoding?)",
        name,
    )
    return True


def _utf8(ctx: Context, name: str, raw: bytes) -> bool:
    """True when the file is UTF-8 text (a byte-order mark is reported, not refused)."""
    if not raw:
        ctx.add("empty-file", "the file is empty; expected a header row and data", name)
        return False
    if invalid_utf8(ctx, name, raw):
        return False
    bom = raw.startswith(BOM)
    nul = raw.find(b"\x00")
    if nul >= 0:
        at = len(raw[:nul].decode("utf-8"))  # in characters (a byte-order mark is one)
        line = raw.count(b"\n", 0, nul) + 1
        ctx.add(
            "encoding-error",
            f"NUL character at character {at:,} (line {line}): binary data, or UTF-16 text; "
            "expected UTF-8 text",
            name,
        )
        return False
    if bom:
        ctx.add(
            "bom",
            "the file starts with a UTF-8 byte-order mark (EF BB BF); expected plain UTF-8",
            name,
        )
    return True
