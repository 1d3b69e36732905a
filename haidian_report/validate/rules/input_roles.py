"""What a check or derivation whose inputs no formula can use is told: the roles it has,
the sets of roles its kind's formulas take, what is missing or not used, and inputs that are
facts without a figure (messages of ``check-recomputed``, :mod:`.arithmetic`)."""

from __future__ import annotations

from collections.abc import Iterable

from haidian_report.validate.rules.formulas import FORMULAS


def hollow_inputs(kind: str, inputs: list[str], noun: str) -> str:
    """The message of a check or derivation with inputs that are facts without a figure (a
    qualitative fact: 稳步增长): nothing can be computed from them, whatever its row says (a
    cold attack made a consistent check inconsistent through a qualitative whole)."""
    return (
        f"input {', '.join(inputs)} has no figure (a qualitative fact): {_a(kind)} {noun} is "
        "computed from figures; name a fact with a value, or drop the " + noun
    )


def unused_inputs(kind: str, roles: Iterable[str | None], noun: str = "check") -> str:
    """What a row of a known ``kind`` whose input roles no formula of the kind uses needs: the
    roles it has, the sets of roles the kind's formulas take, and what is missing (a derived
    package that dropped input rows leaves its checks with too few).

    >>> said = unused_inputs("average_pace", ["target"], "derivation")
    >>> said.split("; ")[0]
    "an average_pace derivation has inputs ['target'], which no average_pace formula uses"
    >>> said.split("; ")[1].split("): ")[0]
    'it needs base and target (missing: base'
    >>> unused_inputs("part_within_whole", ["part", "target", "whole"]).split("; ")[1][:58]
    'it needs part and whole, or other, part and whole (not use'
    >>> unused_inputs("part_within_whole", []).split("; ")[0]
    'a part_within_whole check has no inputs (no input row names it)'
    """
    have = roles_shown(roles)
    wanted = sorted((sorted(r) for k, r in FORMULAS if k == kind), key=lambda r: (len(r), r))
    needs = ", or ".join(_listed(r) for r in wanted)
    named = {r for r in have if r is not None}
    # the fewest roles that would complete one of the sets, or that one of them does not take
    # (named when only one set is nearest)
    missing = sorted((sorted(set(r) - named) for r in wanted if named < set(r)), key=len)
    extra = sorted((sorted(named - set(r)) for r in wanted if set(r) < named), key=len)
    gap = _nearest("missing", missing) or _nearest("not used", extra)
    said = (
        f"has inputs {have}, which no {kind} formula uses"
        if have
        else "has no inputs (no input row names it)"
    )
    return (
        f"{_a(kind)} {noun} {said}; it needs {needs}{gap}: give it the inputs one of its "
        f"formulas takes, or drop the {noun}"
    )


def _a(kind: str) -> str:
    """``a part_within_whole``, ``an average_pace``."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def roles_shown(roles: Iterable[str | None]) -> list[str | None]:
    """Input roles in order for a message (a role left empty reads None: listed last, not
    compared with the names)."""
    return sorted(roles, key=lambda r: (r is None, r or ""))


def _listed(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join(", ".join(words).rsplit(", ", 1))


def _nearest(what: str, sets: list[list[str]]) -> str:
    """`` (missing: a and b)`` for the one smallest of ``sets``; empty when none is alone."""
    if not sets or (len(sets) > 1 and len(sets[1]) == len(sets[0])):
        return ""
    return f" ({what}: {_listed(sets[0])})"
