"""Refusing unknown names loudly: the error every lookup of the public API raises.

A typo (``records("indicator")``, ``wide("levels")``) must never give an empty frame or a bare
``StopIteration``: it gives an :class:`UnknownNameError` that says what was asked for, the
nearest known names (:mod:`difflib`), and what the known names are.

>>> raise unknown("table", "indicator", ["sections", "indicators", "targets"])
Traceback (most recent call last):
...
haidian_report.names.UnknownNameError: no table named 'indicator'; did you mean 'indicators'? \
Known tables: sections, indicators, targets
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

#: Most names listed in a message; beyond it the message says where to find them all.
MAX_LISTED = 30


class UnknownNameError(KeyError, ValueError):
    """A table, measure, id or name that the package does not have.

    A :class:`KeyError` (a lookup that failed) and a :class:`ValueError` (a bad argument), so
    either ``except`` catches it; ``str()`` is the plain message, without ``KeyError``'s quotes.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def nearest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name``, ignoring case (best first; empty when none is close).

    >>> nearest("levels", ["level", "share", "cagr"]), nearest("GDP", ["gdp", "gdp_growth"])
    (['level'], ['gdp'])
    """
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), k)
    close = difflib.get_close_matches(name.casefold(), list(by_folded), n=n, cutoff=0.6)
    return [by_folded[c] for c in close]


def unknown(
    kind: str,
    name: object,
    known: Iterable[str],
    *,
    aliases: Mapping[str, str] | None = None,
    more: str | None = None,
) -> UnknownNameError:
    """The error for ``name`` not among ``known`` (say ``raise unknown(...)``).

    ``aliases`` maps other spellings (Chinese names) to known names, so that ``四个中心``
    suggests ``four_centres``; ``more`` says where to look when the list is too long to print.
    """
    names = list(dict.fromkeys(known))
    text = str(name)
    suggestions = [f"{s!r}" for s in nearest(text, names)]
    if aliases:
        for alias in nearest(text, aliases, n=3):
            hint = f"{aliases[alias]!r} ({alias})"
            if hint not in suggestions and f"{aliases[alias]!r}" not in suggestions:
                suggestions.append(hint)
    message = f"no {kind} named {name!r}"
    if suggestions:
        message += f"; did you mean {' or '.join(suggestions[:3])}?"
    if not suggestions:
        message += "."
    if len(names) <= MAX_LISTED:
        plural = kind if kind.endswith("s") else kind + "s"
        message += f" Known {plural}: {', '.join(names) if names else '(none)'}"
    elif more:
        message += f" ({len(names)} known: {more})"
    return UnknownNameError(message)
