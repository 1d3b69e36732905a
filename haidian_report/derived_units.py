"""The unit of a check or derivation, a function of its kind and its inputs' units.

A check or derivation row carries a ``unit`` although nothing is printed for it: it follows
from what is computed. A CAGR, a ratio of a part to its whole, an implied rate is a
``percent``; the change of a share between two years is in ``percentage_point`` (21.8% → 24%
is +2.2 points), of a level in ``percent``; a pace, an implied start, an implied total is in
the unit of the input it scales; an implied stock (550 per 10,000 residents × residents) is
the ratio's unit without its ``/10k_person``; implied employment (yuan ÷ yuan per person) is
the ratio's denominator. The build asserts its rows against :func:`derived_unit` and the
validator's ``derived-unit`` rule re-derives it, so the two cannot drift apart.

>>> derived_unit("endpoint_change", {"before": ("percent", "share"), "after": ("percent", "share")})
'percentage_point'
>>> derived_unit("implied_start", {"end": ("CNY", "level"), "rate": ("percent", "cagr")})
'CNY'
>>> derived_unit("implied_stock", {"other": ("count/10k_person", "level")})
'count'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Kinds whose value is a rate or a ratio, whatever their inputs.
PERCENT_KINDS: Final = frozenset(
    {
        "cagr_vs_levels",
        "part_within_whole",
        "endpoint_cagr",
        "implied_rate",
        "implied_total_change",
        "share_implied_total_growth",
    }
)
#: Kinds whose value is in the unit of one input, by its role.
UNIT_OF_ROLE: Final = {
    "target_vs_base": "target",
    "average_pace": "target",
    "implied_start": "end",
    "share_implied_part": "whole",
    "share_implied_total": "part",
    "share_totals_agree": "part",
    "target_implied_level": "base",
}
#: Kinds comparing two levels (``before``/``after``): points for a share, percent otherwise.
CHANGE_KINDS: Final = frozenset({"endpoint_change", "change_both_ways"})
PER_10K: Final = "/10k_person"
#: Kinds whose ``other`` input is a ratio the ``level`` input scales (None when it is not).
RATIO_KINDS: Final = frozenset({"implied_stock", "implied_employment"})


def derived_unit(kind: str, inputs: Mapping[str, tuple[str | None, str | None]]) -> str | None:
    """The unit a ``kind`` row has given ``inputs`` (role → (unit, measure)); None: unknown.

    None also when an input it needs is missing (another rule reports the missing input).
    """
    if kind in PERCENT_KINDS:
        return "percent"
    if kind in CHANGE_KINDS:
        before = inputs.get("before")
        if before is None:
            return None
        return "percentage_point" if before[1] == "share" else "percent"
    if kind in UNIT_OF_ROLE:
        found = inputs.get(UNIT_OF_ROLE[kind])
        return found[0] if found is not None else None
    ratio = (inputs.get("other") or (None, None))[0]
    if ratio is None or "/" not in ratio:
        return None
    if kind == "implied_stock":
        return ratio.removesuffix(PER_10K) if ratio.endswith(PER_10K) else None
    if kind == "implied_employment":
        return ratio.split("/", 1)[1]
    return None
