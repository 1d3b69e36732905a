"""The shape of the checks and derivations tables: keys, inputs, verdicts, bounds."""

from __future__ import annotations

import typing

from haidian_build.checks import Tables
from haidian_report.models import CheckKind, DerivationKind, Verdict


def test_checks_hold_only_tests(audit: Tables) -> None:
    assert {c.verdict for c in audit.checks} <= set(typing.get_args(Verdict))
    assert "derived" not in typing.get_args(Verdict)
    for c in audit.checks:
        consistent = c.reason in ("within_rounding", "beyond_rounding")
        assert consistent == (c.verdict != "not_comparable"), c.check_id
        # a test compares: with a stated figure, or (part within whole) with a whole
        assert c.stated_value is not None or c.kind == "part_within_whole", c.check_id


def test_not_comparable_is_never_a_ratio(audit: Tables) -> None:
    for c in audit.checks:
        if c.verdict == "not_comparable" and c.reason in ("different_variant", "variant_unstated"):
            assert c.computed_point is None and "×" not in c.explanation_en, c.check_id


def test_keys_sorted_unique_and_deterministic(audit: Tables, root: object) -> None:
    for ids in (
        [c.check_id for c in audit.checks],
        [d.derivation_id for d in audit.derivations],
        [(i.check_id, i.role) for i in audit.check_inputs],
        [(i.derivation_id, i.role) for i in audit.derivation_inputs],
    ):
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert not {c.check_id for c in audit.checks} & {d.derivation_id for d in audit.derivations}


def test_every_row_has_inputs_and_every_input_a_row(audit: Tables) -> None:
    assert {i.check_id for i in audit.check_inputs} == {c.check_id for c in audit.checks}
    assert {i.derivation_id for i in audit.derivation_inputs} == {
        d.derivation_id for d in audit.derivations
    }
    for i in [*audit.check_inputs, *audit.derivation_inputs]:
        assert (i.indicator_id is None) != (i.target_id is None)


def test_ids_start_with_their_kind(audit: Tables) -> None:
    assert all(c.check_id.startswith(f"{c.kind}.") for c in audit.checks)
    assert all(d.derivation_id.startswith(f"{d.kind}.") for d in audit.derivations)
    # share_totals_agree: no metric has two shares of Beijing for one year in this report
    assert {c.kind for c in audit.checks} >= set(typing.get_args(CheckKind)) - {
        "share_totals_agree",
        "change_both_ways",
    }
    # implied_stock: the population is printed for 2020 (313.2万), the patents ratio for 2021
    kinds = set(typing.get_args(DerivationKind))
    assert kinds - {"implied_stock"} <= {d.kind for d in audit.derivations} <= kinds


def test_bounds_bracket_the_point(audit: Tables) -> None:
    rows = [(c.check_id, c.computed_point, c.computed_low, c.computed_high) for c in audit.checks]
    rows += [(d.derivation_id, d.point, d.low, d.high) for d in audit.derivations]
    for ident, point, low, high in rows:
        if point is not None:
            assert low is None or low <= point, ident
            assert high is None or point <= high, ident
    for c in audit.checks:
        assert "\n" not in c.explanation_en
        if c.stated_value is not None:
            assert c.stated_low is None or c.stated_low <= c.stated_value
            assert c.stated_high is None or c.stated_value <= c.stated_high
