"""Each rule on small synthetic reports: what it pairs, and the verdict it gives."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from haidian_build.checks import figure
from haidian_build.checks.facts import AMOUNTS, FLOWS, MEASURES, STOCKS
from haidian_build.package import assemble
from haidian_report.models import Indicator, Target
from tests.checks_support import AMOUNT, fact, metric, roles, run


@pytest.fixture(scope="module")
def templates(root: Path) -> tuple[Indicator, Target]:
    rows = assemble(root).rows
    return rows["indicators"][0], rows["targets"][0]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def ind(templates: tuple[Indicator, Target]) -> Any:
    return lambda *a, **k: fact(templates[0], *a, **k)


@pytest.fixture(scope="module")
def tgt(templates: tuple[Indicator, Target]) -> Any:
    return lambda *a, **k: fact(templates[1], *a, **k)


def test_measure_families_come_from_the_model() -> None:
    assert "level" in STOCKS and STOCKS <= MEASURES and FLOWS <= MEASURES
    assert not AMOUNTS & {"growth_yoy", "cagr", "share", "change", "cumulative", "rank"}


def test_a_wrong_rate_is_inconsistent(ind: Any) -> None:
    # 100 → 200 over five years is 2 ** 0.2 - 1 = 14.87% a year, not 10%
    inds = [
        ind("m.level.2016", "m", AMOUNT, "2016", "100", unit="CNY"),
        ind("m.level.2021", "m", AMOUNT, "2021", "200", unit="CNY"),
        ind("m.cagr", "m", "cagr", "2017-2021", "10", unit="percent", price_basis="nominal"),
    ]
    checks, derived, _ = run(inds, [], [metric("m", "CNY", "nominal")])
    c = checks["cagr_vs_levels.m"]
    assert (c.verdict, c.reason) == ("inconsistent", "beyond_rounding")
    assert "endpoint_cagr.m" not in derived


def test_a_rate_of_unstated_price_basis_is_not_comparable(ind: Any) -> None:
    if "price_basis" not in Indicator.model_fields:
        pytest.skip("the fact model has no row price_basis yet (issue #12)")
    inds = [
        ind("m.level.2016", "m", AMOUNT, "2016", "100", unit="CNY"),
        ind("m.level.2021", "m", AMOUNT, "2021", "200", unit="CNY"),
        ind("m.cagr", "m", "cagr", "2017-2021", "10", unit="percent", price_basis="unknown"),
    ]
    c = run(inds, [], [metric("m", "CNY", "nominal")])[0]["cagr_vs_levels.m"]
    assert (c.verdict, c.reason) == ("not_comparable", "price_basis_unknown")


def test_levels_without_a_rate_are_a_derivation_not_a_check(ind: Any) -> None:
    inds = [
        ind("m.level.2016", "m", AMOUNT, "2016", "100"),
        ind("m.level.2021", "m", AMOUNT, "2021", "200"),
    ]
    checks, derived, tables = run(inds, [], [metric("m")])
    assert checks == {}
    assert derived["endpoint_cagr.m"].point == pytest.approx((2**0.2 - 1) * 100, abs=1e-4)
    assert roles(tables, "endpoint_cagr.m") == {"start": "m.level.2016", "end": "m.level.2021"}


def test_a_stated_change_is_checked_both_ways(ind: Any) -> None:
    # 364 → 313.2 is -13.96%; a printed 14.0% decrease agrees, a 20% one does not
    base = [
        ind("p.level.2016", "p", AMOUNT, "2016", "364"),
        ind("p.level.2021", "p", AMOUNT, "2021", "313.2"),
    ]
    for printed, verdict in (("14.0", "consistent"), ("20", "inconsistent")):
        change = ind(
            "p.change", "p", "change", "2021", printed, unit="percent", direction="decrease"
        )
        change = change.model_copy(update={"base_period": "2016"})
        checks, _, tables = run([*base, change], [], [metric("p")])
        c = checks[f"change_both_ways.p.{AMOUNT}"]
        assert c.verdict == verdict
        assert c.stated_value == -float(printed)
        assert roles(tables, c.check_id)["other"] == "p.change"


def _two_shares(ind: Any, first: str, second: str, p1: str = "100", p2: str = "100") -> list[Any]:
    """Two district figures of one metric and year, each followed by its share of Beijing."""
    share = {"unit": "percent", "scope": "share_of_beijing"}
    return [
        ind("t.a", "t", AMOUNT, "2021", p1, at=1),
        ind("t.share.a", "t", "share", "2021", first, at=2, **share),
        ind("t.b", "t", AMOUNT, "2021", p2, at=3, scope="subset"),
        ind("t.share.b", "t", "share", "2021", second, at=4, **share),
    ]


def test_two_shares_of_one_total_disagreeing(ind: Any) -> None:
    # 100 at 50% implies 200; 100 at 25% implies 400: they cannot both hold
    checks, derived, _ = run(_two_shares(ind, "50", "25"), [], [metric("t")])
    agree = [c.verdict for c in checks.values() if c.kind == "share_totals_agree"]
    assert agree == ["inconsistent"]
    assert {d.kind for d in derived.values()} == {"share_implied_total"}


def test_a_part_larger_than_its_whole_is_inconsistent(ind: Any) -> None:
    inds = [
        ind("w.level", "w", AMOUNT, "2021", "100", at=1),
        ind("w.sub", "s", AMOUNT, "2021", "120", at=2, scope="subset"),
    ]
    c = run(inds, [], [metric("w"), metric("s")])[0]["part_within_whole.s.2021"]
    assert (c.verdict, c.reason) == ("inconsistent", "beyond_rounding")


def _pace(ind: Any, tgt: Any, **target_extra: Any) -> tuple[Any, Any]:
    done = ind("a.cum", "a", "cumulative", "2017-2021", "40", variant="completed")
    measure = "flow" if FLOWS else AMOUNT
    target = tgt("a.2022", "a", measure, "2022", "12", **target_extra)
    return done, target


def test_a_target_of_the_same_thing_gets_an_average_pace(ind: Any, tgt: Any) -> None:
    done, target = _pace(ind, tgt, variant="completed")
    checks, derived, _ = run([done], [target], [metric("a")])
    assert checks == {}
    assert derived["average_pace.a.2022"].point == pytest.approx(8)
    assert "1.50×" in derived["average_pace.a.2022"].explanation_en


def test_a_target_of_another_stage_of_work_is_not_comparable(ind: Any, tgt: Any) -> None:
    if "variant" not in Target.model_fields:
        pytest.skip("the fact model has no variant yet (issue #12)")
    # 新建社区卫生服务站40个 (built) against 加快推进…12个社区卫生服务站 (construction sped up)
    done, target = _pace(ind, tgt, variant="under_construction")
    checks, derived, _ = run([done], [target], [metric("a")])
    assert derived == {}
    c = checks["target_vs_base.a.2022"]
    assert (c.verdict, c.reason) == ("not_comparable", "different_variant")
    assert c.computed_point is None and "×" not in c.explanation_en


def test_two_targets_the_tables_do_not_tell_apart_are_not_comparable(ind: Any, tgt: Any) -> None:
    # 启动实施160万平方米整治项目 and 完成…74.2万平方米改造: two 2022 figures, one key
    done, first = _pace(ind, tgt)
    second = first.model_copy(update={"target_id": "a.2022.other", "value": 19.0})
    checks, derived, _ = run([done.model_copy(update={})], [first, second], [metric("a")])
    if "variant" in Target.model_fields:  # done is "completed", the targets have no variant
        assert {c.reason for c in checks.values()} == {"different_variant"}
    else:
        assert {c.reason for c in checks.values()} == {"variant_unstated"}
    assert len(checks) == 2 and derived == {}


def test_a_growth_target_against_a_level_target(ind: Any, tgt: Any) -> None:
    # 100 (2021) grown 10% gives 110 (2022), against a level target of 110: compatible
    base = ind("g.level.2021", "g", AMOUNT, "2021", "100")
    rate = tgt("g.growth.2022", "g", "growth_yoy", "2022", "10", unit="percent")
    level = tgt("g.level.2022", "g", AMOUNT, "2022", "110")
    checks, derived, _ = run([base], [rate, level], [metric("g")])
    c = checks["target_vs_base.g.level.2022"]
    assert (c.verdict, c.computed_point) == ("consistent", pytest.approx(110))
    assert derived == {}
    alone = run([base], [rate], [metric("g")])[1]
    assert alone["target_implied_level.g.growth.2022"].point == pytest.approx(110)


_LEVEL = st.integers(min_value=100, max_value=99_999)  # tenths: 10.0 to 9999.9
_OFFSET = st.floats(min_value=-0.049, max_value=0.049)


@settings(max_examples=200, deadline=None)
@given(s10=_LEVEL, e10=_LEVEL, ds=_OFFSET, de=_OFFSET)
def test_honest_rounding_is_never_inconsistent(
    ind: Any, s10: int, e10: int, ds: float, de: float
) -> None:
    """True levels printed to one decimal and their true CAGR printed to one decimal agree."""
    start, end = s10 / 10 + ds, e10 / 10 + de
    rate = ((end / start) ** 0.2 - 1) * 100
    assume(rate > -99)
    inds = [
        ind("m.level.2016", "m", AMOUNT, "2016", f"{s10 / 10:.1f}", unit="CNY", scale=1e8),
        ind("m.level.2021", "m", AMOUNT, "2021", f"{e10 / 10:.1f}", unit="CNY", scale=1e8),
        ind(
            "m.cagr", "m", "cagr", "2017-2021", f"{rate:.1f}", unit="percent", price_basis="nominal"
        ),
    ]
    checks = run(inds, [], [metric("m", "CNY", "nominal")])[0]
    assert checks["cagr_vs_levels.m"].verdict == "consistent"


@settings(max_examples=200, deadline=None)
@given(
    total=st.floats(min_value=1_000, max_value=1e6),
    f1=st.floats(min_value=0.05, max_value=1.0),
    f2=st.floats(min_value=0.05, max_value=1.0),
)
def test_shares_of_one_true_total_agree(ind: Any, total: float, f1: float, f2: float) -> None:
    """Two parts of one total, with their shares, rounded honestly, never disagree."""
    inds = _two_shares(
        ind, f"{f1 * 100:.1f}", f"{f2 * 100:.1f}", f"{total * f1:.1f}", f"{total * f2:.1f}"
    )
    checks, derived, _ = run(inds, [], [metric("t")])
    agree = [c.verdict for c in checks.values() if c.kind == "share_totals_agree"]
    assert agree == ["consistent"]
    for d in derived.values():
        assert d.low is not None and d.high is not None
        assert d.low <= total * (1 + 1e-9) and total * (1 - 1e-9) <= d.high


@given(
    printed=st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False),
    scale=st.sampled_from([1.0, 1e4, 1e8, 1e12]),
)
def test_figure_band_holds_the_value(ind: Any, printed: object, scale: float) -> None:
    text = format(printed, "f")
    fig = figure(ind("x", "x", AMOUNT, "2021", text, unit="CNY", scale=scale))
    assert fig is not None
    assert fig.band.contains(fig.value) or math.isclose(fig.band.low, fig.value)
    assert fig.printed.contains(float(text))
