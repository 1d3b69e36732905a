"""JSON values that Python's parser accepts but a UTF-8 writer or a default reader refuses.

Two such values can sit in a datapackage.json that :func:`json.loads` reads:

* a **lone surrogate**, written as a JSON escape (``"no\\udc80te"``): Python keeps it in the
  string, but no UTF-8 encoder can write it back (``UnicodeEncodeError``), so every later step
  that writes, hashes or prints the string fails, and other readers replace or refuse it;
* an **integer longer than the interpreter's digit limit** (4,300 digits by default):
  ``json.load(open(path, encoding="utf-8"))`` raises ``ValueError`` and frictionless refuses
  the package, although a parser given a ``parse_int`` hook reads it.

:func:`find` walks a parsed descriptor (keys and values, at any depth, without recursion) and
returns each hazard with its JSON path, so the validator and ``haidian-report restamp`` both
name where it is. :func:`escaped` makes a string printable and writable (each lone surrogate
becomes the text ``\\udc80``) and :func:`mend` applies it in place, so that a validation run
can go on after reporting it.

>>> import json
>>> data = json.loads('{"resources": [{"name": "a\\\\udc80", "x": [1, "\\\\ud800"]}]}')
>>> [(where(h.path), h.kind) for h in find(data)]
[('resources[0].name', 'surrogate'), ('resources[0].x[1]', 'surrogate')]
>>> escaped("a\\udc80b")
'a\\\\udc80b'
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Final, Literal

_LONE: Final = re.compile("[\ud800-\udfff]")
#: A JSON escape that can give a surrogate; without one no parsed string can hold a surrogate
#: (the text itself was decoded as UTF-8, which refuses them).
_ESCAPE: Final = re.compile(r"\\u[dD][89abcdefABCDEF]")

Kind = Literal["surrogate", "long-integer"]


class LongInteger:
    """An integer literal kept as text (converting it is refused past the digit limit)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<an integer of {len(self.digits):,} digits: {self.digits[:12]}…>"


@dataclass(frozen=True)
class Hazard:
    """One value (or key) that a UTF-8 writer or a default reader refuses, and where it is."""

    path: tuple[str | int, ...]
    kind: Kind
    detail: str

    def message(self) -> str:
        """What is wrong and how to mend it, naming the JSON path."""
        if self.kind == "surrogate":
            return (
                f"{where(self.path)}: {self.detail} holds a lone surrogate (a \\ud800-\\udfff "
                "JSON escape without its pair); no UTF-8 writer can write it and readers "
                "replace or refuse it: write the character itself or remove it"
            )
        return (
            f"{where(self.path)}: an integer of {self.detail} digits; json.load and "
            f"frictionless refuse integers over {digit_limit():,} digits: write it as a string"
        )


def digit_limit() -> int:
    """The interpreter's limit on digits of an int read from text (0: none; 4,300 by default)."""
    return sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0


def parse_int(text: str) -> int | LongInteger:
    """A ``json.loads`` hook: the int, or a :class:`LongInteger` past the digit limit."""
    limit = digit_limit()
    return LongInteger(text) if limit and len(text.lstrip("-")) > limit else int(text)


def may_hold(text: str) -> bool:
    """False when the JSON text can hold no hazard (a cheap scan before any walk)."""
    limit = digit_limit()
    return bool(_ESCAPE.search(text)) or bool(limit and re.search(f"[0-9]{{{limit + 1}}}", text))


def escaped(value: str) -> str:
    """``value`` with each lone surrogate written as the text of its escape."""
    return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def where(path: tuple[str | int, ...]) -> str:
    """A JSON path as text: ``resources[3].schema.fields[2].name``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            name = escaped(step)
            plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name)
            out += (f".{name}" if out else name) if plain else f'["{name}"]'
    return out or "(the top level)"


def _long(value: object, long_types: tuple[type, ...]) -> str | None:
    if isinstance(value, long_types):
        digits = str(getattr(value, "digits", ""))
        limit = digit_limit()
        if limit and len(digits.lstrip("-")) > limit:
            return f"{len(digits.lstrip('-')):,}"
    return None


def find(data: Any, long_types: tuple[type, ...] = (LongInteger,)) -> list[Hazard]:
    """Every lone surrogate (in keys and strings) and over-long integer of ``data``, in order.

    ``long_types`` are the classes a ``parse_int`` hook gave to long literals (each with a
    ``digits`` attribute); an instance is a hazard when it has more digits than the limit.
    """
    found: list[Hazard] = []
    stack: list[tuple[tuple[str | int, ...], Any, bool]] = [((), data, False)]
    while stack:  # no recursion: a descriptor may nest deeper than the recursion limit
        path, value, bad_key = stack.pop()
        if bad_key:
            found.append(Hazard(path, "surrogate", "the key"))
        if isinstance(value, str):
            if _LONE.search(value):
                text = escaped(value)
                shown = text if len(text) <= 80 else text[:77] + "..."
                found.append(Hazard(path, "surrogate", f'"{shown}"'))
        elif isinstance(value, dict):
            items = reversed(list(value.items()))
            stack.extend(((*path, k), v, bool(_LONE.search(k))) for k, v in items)
        elif isinstance(value, list):
            stack.extend(((*path, i), v, False) for i, v in reversed(list(enumerate(value))))
        else:
            digits = _long(value, long_types)
            if digits is not None:
                found.append(Hazard(path, "long-integer", digits))
    return found


def mend(data: Any, hazards: list[Hazard]) -> None:
    """Write each lone surrogate of ``hazards`` as the text of its escape, in place.

    A run that reported the hazards can then go on: the names it prints, hashes and compares
    are writable strings (a field named ``no\\udc80te`` no longer matches the header ``note``).
    """
    # deepest first, and a key's value before the key itself: each path stays valid
    for hazard in sorted(hazards, key=lambda h: (-len(h.path), h.detail == "the key")):
        if hazard.kind != "surrogate" or not hazard.path:
            continue
        parent: Any = data
        for step in hazard.path[:-1]:
            parent = parent[step]
        last = hazard.path[-1]
        if isinstance(parent, dict) and isinstance(last, str):
            if hazard.detail == "the key":
                items = [(escaped(k) if k == last else k, v) for k, v in parent.items()]
                parent.clear()
                parent.update(items)
            elif isinstance(parent[last], str):
                parent[last] = escaped(parent[last])
        elif isinstance(parent, list) and isinstance(last, int):
            parent[last] = escaped(parent[last])
