"""Words for messages: cells and paths shortened, differences located, look-alikes named.

A message must stay readable whatever the data holds: a cell of a million characters, a path
of ten thousand, a lone surrogate, an invisible space or a Cyrillic ``а`` where a Latin ``a``
was meant. Everything shown to a user goes through these helpers.

>>> show("x" * 100, limit=10)
"'xxxxxxxxx…' (100 characters)"
>>> difference("2021年，", "2021年,").split(" where ")[0]
"first difference at character 6: found '，' (U+FF0C FULLWIDTH COMMA)"
>>> lookalikes("exаct")
"character 3 is 'а' (U+0430 CYRILLIC SMALL LETTER A), not ASCII"
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

#: Longest path shown in a message before it is shortened in the middle.
PATH_LIMIT = 80
#: Longest key (an id a user copies to find the row) shown whole: the shipped ids run to 104
#: characters (a new user could not copy a foreign key shortened at 60).
KEY_LIMIT = 200


def safe(text: str) -> str:
    """``text`` with lone surrogates escaped, so that it can always be encoded as UTF-8.

    >>> safe("a\\ud800b")
    'a\\\\ud800b'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def show(value: object, limit: int = 60) -> str:
    """``repr`` of a cell, shortened to about ``limit`` characters (keys: :data:`KEY_LIMIT`)."""
    if isinstance(value, str) and len(value) > limit:
        return safe(repr(value[: limit - 1] + "…")) + f" ({len(value):,} characters)"
    text = repr(value)
    if len(text) > limit + 20:
        return safe(text[:limit]) + f"… ({len(text):,} characters)"
    return safe(text)


def short_path(path: object, limit: int = PATH_LIMIT) -> str:
    """A path for a message: the start and the end of a long one, never all of it.

    >>> short_path("data/" + "d" * 200 + "/x.csv", limit=20)
    'data/ddddd…ddd/x.csv (211 characters)'
    """
    text = safe(path if isinstance(path, str) else repr(path))
    if len(text) <= limit:
        return text
    head = limit // 2
    tail = limit - head - 1
    return f"{text[:head]}…{text[-tail:]} ({len(text):,} characters)"


def codepoint(ch: str) -> str:
    """A character with its code point and Unicode name.

    >>> codepoint("，")
    "'，' (U+FF0C FULLWIDTH COMMA)"
    """
    name = unicodedata.name(ch, "unnamed")
    return f"{safe(repr(ch))} (U+{ord(ch):04X} {name})"


def difference(found: str, expected: str) -> str:
    """Where two texts first differ, with the code points of the differing characters."""
    for i, (a, b) in enumerate(zip(found, expected, strict=False)):
        if a != b:
            return (
                f"first difference at character {i + 1}: found {codepoint(a)} where "
                f"{codepoint(b)} was expected"
            )
    if len(found) > len(expected):
        return f"{len(found) - len(expected):,} character(s) too many at the end"
    if len(found) < len(expected):
        return f"{len(expected) - len(found):,} character(s) missing at the end"
    return "identical"


def _suspicious(ch: str, ascii_expected: bool) -> bool:
    category = unicodedata.category(ch)
    if category in ("Cf", "Cc", "Co", "Cs") and ch not in "\t\n":
        return True  # invisible, control, private use or a lone surrogate
    if category == "Zs" and ch != " ":
        return True  # a space that is not U+0020 (no-break space, ideographic space…)
    return ascii_expected and ord(ch) > 127


def lookalikes(cell: str, *, ascii_expected: bool = True, most: int = 3) -> str:
    """The characters of ``cell`` that look like others (invisible, odd spaces, non-ASCII
    where ASCII is expected), with their positions and code points; "" when there are none."""
    found = [(i, ch) for i, ch in enumerate(cell) if _suspicious(ch, ascii_expected)]
    parts = [
        f"character {i + 1} is {codepoint(ch)}{', not ASCII' if ord(ch) > 127 else ''}"
        for i, ch in found[:most]
    ]
    if len(found) > most:
        parts.append(f"and {len(found) - most} more")
    return "; ".join(parts)


def words(name: str, limit: object) -> str:
    """A Table Schema constraint in words.

    >>> words("enum", ["a", "b"]), words("minimum", 0)
    ('one of a, b', '>= 0')
    """
    if name == "enum" and isinstance(limit, Sequence) and not isinstance(limit, str):
        values = [str(v) for v in limit]
        shown = ", ".join(values[:20]) + (", …" if len(values) > 20 else "")
        return f"one of {safe(shown)}"
    phrases = {
        "pattern": "to match",
        "minimum": ">=",
        "maximum": "<=",
        "exclusiveMinimum": ">",
        "exclusiveMaximum": "<",
        "minLength": "at least this many characters:",
        "maxLength": "at most this many characters:",
    }
    what: object = limit if name != "pattern" or len(str(limit)) <= 200 else show(limit, 200)
    return f"{phrases.get(name, name)} {what}"


def number(value: float) -> str:
    """A number as a CSV would print it (no exponent for whole numbers).

    >>> number(590800000000.0), number(7.6)
    ('590800000000', '7.6')
    """
    if value == value and abs(value) < 1e18 and value == int(value):
        return str(int(value))
    return repr(value)
