"""The two kinds of row a rule yields: a check (a test with a verdict) and a derivation.

A rule never builds model rows by hand: it calls :func:`check` or :func:`derive` with the
interval it computed and the figures it used, and gets back an :class:`Entry` that
:func:`collect` turns into the four tables, refusing ids built twice and repeated roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from haidian_build.checks.figures import Figure, Use
from haidian_build.checks.text import cid, round6
from haidian_report.derived_units import derived_unit
from haidian_report.growth import Interval
from haidian_report.models import (
    Check,
    CheckInput,
    CheckKind,
    CheckReason,
    Derivation,
    DerivationInput,
    DerivationKind,
    Indicator,
    Verdict,
)

#: The verdict each reason gives.
VERDICTS: dict[CheckReason, Verdict] = {
    "within_rounding": "consistent",
    "beyond_rounding": "inconsistent",
    "price_basis_differs": "not_comparable",
    "price_basis_unknown": "not_comparable",
    "different_variant": "not_comparable",
    "variant_unstated": "not_comparable",
}


@dataclass(frozen=True)
class Entry:
    """One row a rule yields, with the figures it used."""

    row: Check | Derivation
    uses: tuple[Use, ...]

    @property
    def id(self) -> str:
        row = self.row
        return row.check_id if isinstance(row, Check) else row.derivation_id


@dataclass(frozen=True)
class Tables:
    """The four tables the rules make, each sorted by its key."""

    checks: list[Check]
    check_inputs: list[CheckInput]
    derivations: list[Derivation]
    derivation_inputs: list[DerivationInput]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unit(kind: str, unit: str | None, uses: Sequence[Use]) -> str | None:
    """``unit``, refused unless it is the one :func:`derived_unit` gives (the validator's
    ``derived-unit`` rule re-derives it from the same function)."""
    inputs: dict[str, tuple[str | None, str | None]] = {}
    for role, figure in uses:
        inputs.setdefault(role, (figure.unit, figure.measure))
    want = derived_unit(kind, inputs)
    if want is not None and want != unit:
        raise ValueError(f"{kind} {[r for r, _ in uses]}: unit {unit!r}, derived {want!r}")
    return unit


def check(
    kind: CheckKind,
    *key: object,
    reason: CheckReason,
    unit: str | None,
    point: float | None,
    computed: Interval | None,
    explanation: str,
    uses: Sequence[Use],
    stated: Figure | None = None,
    stated_band: Interval | None = None,
) -> Entry:
    """A test: what the inputs imply (``computed``) against what the report states (``stated``,
    or a band that stands for it). The id is ``<kind>.<key...>``; the metric is the first
    input's."""
    band = stated.band if stated is not None else stated_band
    row = Check(
        check_id=cid(kind, *key),
        kind=kind,
        verdict=VERDICTS[reason],
        reason=reason,
        metric_id=uses[0][1].metric_id,
        unit=_unit(kind, unit, uses),
        computed_point=round6(point, "half"),
        computed_low=round6(computed.low, "floor") if computed else None,
        computed_high=round6(computed.high, "ceiling") if computed else None,
        stated_value=stated.value if stated is not None else None,
        stated_low=round6(band.low, "floor") if band else None,
        stated_high=round6(band.high, "ceiling") if band else None,
        explanation_en=_one_line(explanation),
    )
    return Entry(row, tuple(uses))


def derive(
    kind: DerivationKind,
    *key: object,
    unit: str | None,
    point: float,
    computed: Interval,
    explanation: str,
    uses: Sequence[Use],
) -> Entry:
    """A value the report does not print, with the interval its inputs' rounding allows. The
    id is ``<kind>.<key...>``; the metric is the first input's."""
    row = Derivation(
        derivation_id=cid(kind, *key),
        kind=kind,
        metric_id=uses[0][1].metric_id,
        unit=_unit(kind, unit, uses),
        point=round6(point, "half"),
        low=round6(computed.low, "floor"),
        high=round6(computed.high, "ceiling"),
        explanation_en=_one_line(explanation),
    )
    return Entry(row, tuple(uses))


def collect(entries: Iterable[Entry]) -> Tables:
    """The tables from every rule's entries; an id built twice or a repeated role is a bug."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            raise ValueError(f"{entry.id!r} built twice")
        roles = [role for role, _ in entry.uses]
        if len(set(roles)) != len(roles):
            raise ValueError(f"{entry.id!r}: repeated roles {roles}")
        seen[entry.id] = entry
    checks, check_inputs, derivations, derivation_inputs = [], [], [], []
    for key in sorted(seen):
        entry = seen[key]
        for role, fig in sorted(entry.uses, key=lambda u: u[0]):
            ind = fig.id if isinstance(fig.fact, Indicator) else None
            tgt = None if ind else fig.id
            if isinstance(entry.row, Check):
                check_inputs.append(
                    CheckInput(check_id=key, role=role, indicator_id=ind, target_id=tgt)
                )
            else:
                derivation_inputs.append(
                    DerivationInput(derivation_id=key, role=role, indicator_id=ind, target_id=tgt)
                )
        if isinstance(entry.row, Check):
            checks.append(entry.row)
        else:
            derivations.append(entry.row)
    return Tables(checks, check_inputs, derivations, derivation_inputs)


def agreement(computed: Interval, stated: Interval) -> CheckReason:
    """``within_rounding`` when the two bands overlap, else ``beyond_rounding``."""
    return "within_rounding" if computed.overlaps(stated) else "beyond_rounding"
