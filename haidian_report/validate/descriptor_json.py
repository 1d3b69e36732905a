"""Stage 1a: a datapackage.json that Python reads but other JSON readers refuse or read otherwise.

Python's :mod:`json` is lenient where RFC 8259 is not: it reads ``NaN``, ``Infinity`` and
``-Infinity`` (Node's ``JSON.parse``, R's jsonlite and frictionless refuse them) and a number
beyond a 64-bit float (``1e999``) as infinity, without a word, a byte-order
mark is stripped before parsing here although frictionless ("Unexpected UTF-8 BOM"),
``json.load(open(path, encoding="utf-8"))`` (how :func:`haidian_report.descriptor` reads it) and
Node fail on it, and a key given twice in one object silently keeps the last value in Python
and JavaScript while other readers keep the first or refuse the file. Each is a problem naming
its line and column, so that a descriptor that is VALID is one every reader reads the same.

>>> [(p[0], p[1]) for p in scan('{"a": NaN, "b": {"c": 1, "c": 2}}')]
[('json-nonstandard', 6), ('json-duplicate-key', 25)]
"""

from __future__ import annotations

import bisect
import json
import math
import re
import sys
from collections.abc import Iterator
from typing import Final

from haidian_report.json_hazards import digit_limit
from haidian_report.validate.model import Context
from haidian_report.validate.text import show

_TOKENS: Final = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],]|NaN|-?Infinity|-?[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?',
    re.S,
)
_CONSTANTS: Final = ("NaN", "Infinity", "-Infinity")
#: Where a number beyond a 64-bit float may be: an exponent of three digits or more, or 210
#: digits in a row (with an exponent of two digits, at most 99, a number overflows only with
#: 210 digits before its point; an integer only with 309). The token scan, which knows what
#: is inside a string, runs only then: hex digits of hashes match neither.
_HUGE: Final = re.compile(r"[0-9.][eE]\+?[0-9]{3}|[0-9]{210}")


def _maybe_huge(text: str) -> bool:
    """True when ``text`` may hold a number beyond a 64-bit float.

    >>> _maybe_huge('{"hash": "sha256:3e45", "x": 1.5}'), _maybe_huge('{"x": ' + "1" * 220 + "e99}")
    (False, True)
    """
    return _HUGE.search(text) is not None


def _overflows(token: str) -> bool:
    """True for a number literal beyond a 64-bit float: Python reads ``1e999`` as infinity,
    and JavaScript reads it, or an integer of over 308 digits, as Infinity, which it then
    writes as null. (An integer past the interpreter's digit limit is reported by
    :mod:`haidian_report.json_hazards` instead, once.)

    >>> _overflows("1e999"), _overflows("-2.5E+400"), _overflows("1e308"), _overflows("9" * 400)
    (True, True, False, True)
    >>> _overflows("9" * 308), _overflows("1" + "0" * 308), _overflows("9" * 5000)
    (False, False, False)
    """
    digits = token.lstrip("-")
    if digits.isdigit():  # exact in Python; JavaScript reads Infinity past 1.8e308
        limit = digit_limit()
        return (not limit or len(digits) <= limit) and int(digits) > sys.float_info.max
    try:
        return math.isinf(float(token))
    except ValueError:
        return False


def scan(text: str) -> Iterator[tuple[str, int, str]]:
    """(code, offset, what) for every non-standard constant and every repeated key.

    ``text`` must be JSON that Python's parser accepts (strings are then well formed, so a
    token scan finds every constant outside a string and every key of every object).
    """
    stack: list[tuple[set[str], list[bool]] | None] = []  # per open object: keys, expecting key
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in _CONSTANTS:
            yield "json-nonstandard", m.start(), token
        elif token[0] in "-0123456789":
            if _overflows(token):
                yield "json-nonstandard", m.start(), token
        elif token == "{":
            stack.append((set(), [True]))
        elif token == "[":
            stack.append(None)
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1] is not None:
                stack[-1][1][0] = True
        elif stack and stack[-1] is not None and stack[-1][1][0]:
            keys, expecting = stack[-1]
            expecting[0] = False
            key = json.loads(token) if "\\" in token else token[1:-1]
            if key in keys:
                yield "json-duplicate-key", m.start(), token
            keys.add(key)


def _repeats_a_key(text: str) -> bool:
    """True when some object of ``text`` (JSON Python reads) gives a key twice."""
    found = False

    def pairs(items: list[tuple[str, object]]) -> None:
        nonlocal found
        found = found or len({k for k, _ in items}) != len(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return True  # let the scan decide
    return found


def check(ctx: Context, text: str) -> None:
    """Problems for a byte-order mark, NaN/Infinity literals and keys repeated in one object."""
    here = ctx.descriptor_file
    if text.startswith("\ufeff"):
        ctx.add(
            "bom",
            "line 1, column 1: a UTF-8 byte-order mark; frictionless, Node's JSON.parse and "
            "json.load(open(path, encoding='utf-8')) refuse the file: save it without one",
            file=here,
        )
        text = text[1:]
    if (
        "NaN" not in text
        and "Infinity" not in text
        and not _maybe_huge(text)
        and not _repeats_a_key(text)
    ):
        return  # the common case: a C parse, no token scan
    ends: list[int] | None = None
    for code, offset, token in scan(text):
        ends = ends if ends is not None else [m.start() for m in re.finditer("\n", text)]
        line = bisect.bisect_left(ends, offset) + 1
        column = offset - (ends[line - 2] + 1 if line > 1 else 0) + 1
        if code == "json-nonstandard" and token not in _CONSTANTS:
            message = (
                f"line {line}, column {column}: {show(token)} is beyond the range of a 64-bit "
                "float; Python reads it as infinity and JavaScript as Infinity (written back as "
                "null): write a number within ±1.8e308, or a string"
            )
        elif code == "json-nonstandard":
            message = (
                f"line {line}, column {column}: {token} is not JSON (RFC 8259); Node's "
                "JSON.parse and frictionless refuse it: write null or a string"
            )
        else:
            message = (
                f"line {line}, column {column}: key {show(token[1:-1])} is given twice in one "
                "object; readers differ on which value they keep: keep one"
            )
        if not ctx.add(code, message, file=here):
            return
