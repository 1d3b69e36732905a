"""The arithmetic of the report: checks (tests) and derivations (implied values)."""

from __future__ import annotations

from pydantic import Field

from haidian_report.meta import ID_PATTERN
from haidian_report.models.base import Row, TableMeta, fk
from haidian_report.models.vocab import CheckKind, CheckReason, DerivationKind, InputRole, Verdict


class Check(Row):
    TABLE = TableMeta(
        "checks",
        "Consistency checks",
        "Tests of the report's own consistency, with rounding-aware interval arithmetic: stated "
        "average growth against stated levels, changes stated both ways, two shares implying "
        "one Beijing total, parts within wholes, 2022 targets against the 2021 base. Each row "
        "compares a stated figure with what other stated figures imply, or says why the two "
        "cannot be compared. Values the report implies without stating are in `derivations`.",
        ("check_id",),
        (fk("metric_id", "metrics"),),
    )
    check_id: str = Field(pattern=ID_PATTERN, description="Stable id: <kind>.<metric>[...].")
    kind: CheckKind = Field(description="What is checked (see the docs' checks page).")
    verdict: Verdict = Field(
        description="consistent: the stated figure lies in the interval implied by the others, "
        "given the rounding of every printed figure; inconsistent: it does not; not_comparable: "
        "the figures measure different things (a real rate against nominal levels, a rate of "
        "unstated price basis, a different stage of work), so no verdict is possible (see reason)."
    )
    reason: CheckReason = Field(
        description="Why the verdict: within_rounding / beyond_rounding (consistent / "
        "inconsistent); price_basis_differs (real against nominal), price_basis_unknown (the "
        "report does not state a rate's basis), different_variant (different stages of work: "
        "started against completed), variant_unstated (the report gives more than one figure "
        "for the metric, period and scope and the table does not say which one a base matches)."
    )
    metric_id: str | None = Field(description="The metric checked, where there is one.")
    unit: str | None = Field(description="Unit of the computed and stated figures.")
    computed_point: float | None = Field(
        description="Value implied by the inputs' point values (empty: nothing computed, as "
        "for a not_comparable check of different stages of work)."
    )
    computed_low: float | None = Field(
        description="Lower bound implied by the rounding bands (empty: unbounded below, or "
        "nothing computed where computed_point is empty too). Whether a bound is itself "
        "included is in explanation_en."
    )
    computed_high: float | None = Field(
        description="Upper bound implied by the rounding bands (empty: unbounded above, as for "
        "超过1万亿元, or nothing computed where computed_point is empty too)."
    )
    stated_value: float | None = Field(description="The figure the report states, if any.")
    stated_low: float | None = Field(
        description="Lower bound of the stated figure's band (empty: unbounded below, or no "
        "stated figure)."
    )
    stated_high: float | None = Field(
        description="Upper bound of the stated figure's band (empty: unbounded above, as for "
        "6%以上, or no stated figure)."
    )
    explanation_en: str = Field(min_length=1, description="One line, English.")


class Derivation(Row):
    TABLE = TableMeta(
        "derivations",
        "Derived values",
        "Values the report does not print but its printed figures imply (an earlier level from "
        "a later one and a rate, a Beijing total from a share, the average pace behind a 2022 "
        "target...), each with the interval that the rounding of its inputs allows. Nothing "
        "here is a test: a derived value is never a stated one.",
        ("derivation_id",),
        (fk("metric_id", "metrics"),),
    )
    derivation_id: str = Field(pattern=ID_PATTERN, description="Stable id: <kind>.<metric>[...].")
    kind: DerivationKind = Field(description="What is derived (see the docs' checks page).")
    metric_id: str | None = Field(description="The metric the value is about, where there is one.")
    unit: str | None = Field(description="Unit of the derived value.")
    point: float | None = Field(description="Value implied by the inputs' point values.")
    low: float | None = Field(
        description="Lower bound implied by the rounding bands (empty: unbounded)."
    )
    high: float | None = Field(
        description="Upper bound implied by the rounding bands (empty: unbounded)."
    )
    explanation_en: str = Field(min_length=1, description="One line, English.")


class CheckInput(Row):
    TABLE = TableMeta(
        "check_inputs",
        "Check inputs",
        "The indicators and targets each check uses, with their role.",
        ("check_id", "role"),
        (
            fk("check_id", "checks"),
            fk("indicator_id", "indicators"),
            fk("target_id", "targets"),
        ),
    )
    check_id: str = Field(description="checks.check_id")
    role: InputRole = Field(description="What the input is in the check (start, end, rate…).")
    indicator_id: str | None = Field(description="indicators.indicator_id (or empty).")
    target_id: str | None = Field(description="targets.target_id (or empty).")


class DerivationInput(Row):
    TABLE = TableMeta(
        "derivation_inputs",
        "Derivation inputs",
        "The indicators and targets each derived value is computed from, with their role.",
        ("derivation_id", "role"),
        (
            fk("derivation_id", "derivations"),
            fk("indicator_id", "indicators"),
            fk("target_id", "targets"),
        ),
    )
    derivation_id: str = Field(description="derivations.derivation_id")
    role: InputRole = Field(description="What the input is in the derivation (end, rate…).")
    indicator_id: str | None = Field(description="indicators.indicator_id (or empty).")
    target_id: str | None = Field(description="targets.target_id (or empty).")
