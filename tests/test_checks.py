"""Tests for the checks table (haidian_build.checks).

Key checks are pinned with the sentence of the report they come from and the arithmetic done
by hand. Rounding bands: a figure printed as "5908" stands for [5907.5, 5908.5), "7.6" for
[7.55, 7.65), "9500" for [9450, 9550) and "24" (percent) for [23.5, 24.5).
"""

from __future__ import annotations

import math
import typing
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import haidian_report as hr
from haidian_build.checks import check_rows, figure
from haidian_build.package import assemble
from haidian_report.growth import check_cagr
from haidian_report.models import Check, CheckInput, CheckKind, Indicator, Metric, Target, Verdict

# ---------------------------------------------------------------------------
# The shipped report
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def facts(root: Path) -> tuple[list[Indicator], list[Target], list[Metric]]:
    tables = assemble(root)
    return (
        typing.cast(list[Indicator], tables.rows["indicators"]),
        typing.cast(list[Target], tables.rows["targets"]),
        typing.cast(list[Metric], tables.rows["metrics"]),
    )


@pytest.fixture(scope="session")
def built(
    facts: tuple[list[Indicator], list[Target], list[Metric]],
) -> tuple[dict[str, Check], list[CheckInput]]:
    checks, inputs = check_rows(*facts)
    return {c.check_id: c for c in checks}, inputs


@pytest.fixture(scope="session")
def checks(built: tuple[dict[str, Check], list[CheckInput]]) -> dict[str, Check]:
    return built[0]


def _roles(built: tuple[dict[str, Check], list[CheckInput]], check_id: str) -> dict[str, str]:
    return {i.role: i.indicator_id or i.target_id or "" for i in built[1] if i.check_id == check_id}


def test_gdp_average_growth_is_real_against_nominal_levels(
    checks: dict[str, Check], built: tuple[dict[str, Check], list[CheckInput]]
) -> None:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%
    c = checks["cagr_vs_levels.gdp"]
    assert c.verdict == "not_comparable"
    # (9500 / 5908) ** (1/5) = 1.0996554 → 9.97% a year at current prices
    assert c.computed_point == pytest.approx(9.96554, abs=1e-5)
    # lowest (9450 / 5908.5) ** 0.2 - 1 = 9.8477%; highest (9550 / 5907.5) ** 0.2 - 1 = 10.0829%
    assert c.computed_low == pytest.approx(9.8477, abs=1e-4)
    assert c.computed_high == pytest.approx(10.0829, abs=1e-4)
    assert (c.stated_value, c.stated_low, c.stated_high) == (7.6, 7.55, 7.65)
    # deflator 1.0996554 / 1.076 - 1 = 2.198%; band (1.098477/1.0765 - 1, 1.100829/1.0755 - 1)
    assert "deflator 2.20% (2.04% to 2.36%)" in c.explanation_en
    assert "not an inconsistency" in c.explanation_en
    assert _roles(built, c.check_id) == {
        "start": "gdp.level.2016",
        "end": "gdp.level.2021",
        "rate": "gdp.cagr.2017-2021",
    }


def test_levels_without_a_rate_give_a_derived_cagr(checks: dict[str, Check]) -> None:
    # 居民人均可支配收入稳步增长,由2016年的6.7万元预计增至9.3万元
    c = checks["cagr_vs_levels.per_capita_disposable_income"]
    assert c.verdict == "derived"
    # (9.3 / 6.7) ** 0.2 - 1 = 6.778%; (9.25 / 6.75) ** 0.2 - 1 = 6.504%; (9.35 / 6.65) ** 0.2 - 1
    assert c.computed_point == pytest.approx(6.7780, abs=1e-4)
    assert c.computed_low == pytest.approx(6.5044, abs=1e-4)
    assert c.computed_high == pytest.approx(7.0528, abs=1e-4)


def test_population_decline_both_ways(checks: dict[str, Check]) -> None:
    # 常住人口由2016年的364万减至313.2万
    c = checks["change_both_ways.resident_population.level"]
    assert c.verdict == "derived"
    # 313.2 / 364 - 1 = -0.13956 → -13.96%
    assert c.computed_point == pytest.approx(-13.956, abs=1e-3)
    # lowest 313.15 / 364.5 - 1 = -14.088%; highest 313.25 / 363.5 - 1 = -13.824%
    assert c.computed_low == pytest.approx(-14.0878, abs=1e-4)
    assert c.computed_high == pytest.approx(-13.8239, abs=1e-4)


def test_gdp_share_change_in_points(checks: dict[str, Check]) -> None:
    # 全市占比由21.8%增至24%
    c = checks["change_both_ways.gdp.share"]
    assert c.verdict == "derived" and c.unit == "percentage_point"
    # 24 - 21.8 = 2.2; 24% is printed to a whole point: (23.5 - 21.85, 24.5 - 21.75)
    assert c.computed_point == pytest.approx(2.2)
    assert (c.computed_low, c.computed_high) == (1.65, 2.75)


def test_implied_fixed_asset_investment_2016(checks: dict[str, Check]) -> None:
    # 全社会固定资产投资预计1000亿元,五年年均增长3%
    c = checks["implied_value.fixed_asset_investment.2016"]
    assert c.verdict == "derived" and c.unit == "CNY"
    # 1000 / 1.03 ** 5 = 1000 / 1.159274 = 862.61亿元
    assert c.computed_point == pytest.approx(862.609e8, rel=1e-5)
    # "1000" read as [950, 1050) and "3" as [2.5, 3.5): 950 / 1.035 ** 5, 1050 / 1.025 ** 5
    assert c.computed_low == pytest.approx(950e8 / 1.035**5, rel=1e-5)
    assert c.computed_high == pytest.approx(1050e8 / 1.025**5, rel=1e-5)
    assert "Derived" in c.explanation_en


def test_budget_revenue_chain(checks: dict[str, Check]) -> None:
    # 区级一般公共预算收入预计490.2亿元,增长8%,五年年均增长4.9%
    c2020 = checks["implied_value.general_budget_revenue.2020"]
    assert c2020.computed_point == pytest.approx(490.2e8 / 1.08, rel=1e-5)  # 453.89亿元
    chain = checks["implied_value.general_budget_revenue.cagr.2017-2020"]
    # (1.049 ** 5 / 1.08) ** (1/4) - 1 = (1.270216 / 1.08) ** 0.25 - 1 = 4.139%
    assert chain.computed_point == pytest.approx(4.139, abs=1e-3)
    # 2022: 区级一般公共预算收入增长4% → 490.2 × 1.04 = 509.81亿元
    t = checks["target_vs_base.general_budget_revenue.growth_yoy.2022"]
    assert t.verdict == "derived"
    assert t.computed_point == pytest.approx(509.808e8, rel=1e-6)


def test_gdp_2020_is_a_volume_bounded_above(checks: dict[str, Check]) -> None:
    # 2021年,地区生产总值预计增长10%以上 (real growth): 9500 / 1.10 = 8636亿元 at most
    c = checks["implied_value.gdp.2020"]
    assert c.verdict == "derived"
    assert c.computed_low is None  # "10%以上" has no upper end
    assert c.computed_high == pytest.approx(9550e8 / 1.095, rel=1e-5)
    assert "not the nominal 2020 level" in c.explanation_en


def test_implied_beijing_high_tech_enterprises(checks: dict[str, Check]) -> None:
    # 累计新增国家高新技术企业4504家,现有10604家,占全市的37%
    c = checks["share_implied_total.national_high_tech_enterprises.2021"]
    assert c.verdict == "derived"
    # 10604 / 0.37 = 28659.5; lowest 10603.5 / 0.375 = 28276.0; highest 10604.5 / 0.365 = 29053.4
    assert c.computed_point == pytest.approx(28659.46, abs=0.05)  # six significant digits
    assert c.computed_low == pytest.approx(28276.0, abs=0.1)
    assert c.computed_high == pytest.approx(29053.42, abs=0.1)


def test_open_ended_share_bounds_the_total_above_only(checks: dict[str, Check]) -> None:
    # 高新技术企业收入预计3.4万亿元,占全市的40%以上 → Beijing ≤ 3.45 / 0.395 = 8.734万亿元
    c = checks["share_implied_total.high_tech_enterprise_revenue.2021"]
    assert c.computed_high == pytest.approx(8.7342e12, rel=1e-4)
    assert c.computed_low == pytest.approx(3.35e12)  # a share is at most 100%


def test_beijing_gdp_growth_from_two_shares(checks: dict[str, Check]) -> None:
    # 5908 / 0.218 = 27101.0; 9500 / 0.24 = 39583.3; (39583.3 / 27101.0) ** 0.2 - 1 = 7.87%
    c = checks["share_implied_total.gdp.cagr.2017-2021"]
    assert c.computed_point == pytest.approx(7.8712, abs=1e-4)


@pytest.mark.parametrize(
    ("check_id", "share"),
    [
        # 现有上市企业252家,其中境内上市企业165家: 165 / 252 = 65.48%
        ("part_within_whole.domestic_listed_companies.2021", 165 / 252 * 100),
        # 高新技术企业从业人员140万,其中研发人员47万: 47 / 140 = 33.57%
        ("part_within_whole.high_tech_enterprise_rd_personnel.2021", 47 / 140 * 100),
        # 累计新增国家高新技术企业4504家,现有10604家: 4504 / 10604 = 42.47%
        ("part_within_whole.national_high_tech_enterprises.new_vs_stock", 4504 / 10604 * 100),
        # 累计新增上市企业76家,现有上市企业252家: 76 / 252 = 30.16%
        ("part_within_whole.listed_companies.new_vs_stock", 76 / 252 * 100),
    ],
)
def test_parts_within_wholes(checks: dict[str, Check], check_id: str, share: float) -> None:
    c = checks[check_id]
    assert c.verdict == "consistent"
    assert c.computed_point == pytest.approx(share, abs=1e-3)
    assert c.computed_high is not None and c.computed_high <= 100


def test_gdp_target_reachable_unless_prices_fall(checks: dict[str, Check]) -> None:
    # 地区生产总值超过1万亿元,增长6%以上 — from 9500亿元 (2021)
    c = checks["target_vs_base.gdp.level.2022"]
    assert c.verdict == "not_comparable"  # real growth target, nominal level target
    # 9500 × 1.06 = 10070亿元; lowest 9450 × 1.055 = 9969.75亿元; no upper end
    assert c.computed_point == pytest.approx(10070e8)
    assert c.computed_low == pytest.approx(9969.75e8)
    assert c.computed_high is None
    assert (c.stated_value, c.stated_low, c.stated_high) == (1e12, 1e12, None)
    # needs 10000 / 9500 - 1 = 5.26% nominal; break-even deflator 1.052632 / 1.06 - 1 = -0.70%
    assert "5.26%" in c.explanation_en and "−0.70%" in c.explanation_en


def test_energy_use_implied_by_intensity_and_real_growth(checks: dict[str, Check]) -> None:
    # 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%: (1 - 0.279) × 1.076 ** 5 = 1.0399
    c = checks["implied_value.energy_consumption_per_unit_gdp.total.2021"]
    assert c.computed_point == pytest.approx((0.721 * 1.076**5 - 1) * 100, abs=1e-4)


def test_a_different_printed_thing_is_not_held_against_the_base(
    checks: dict[str, Check],
) -> None:
    # 建成慢行滨水走廊和亲水岸线40公里 (corridors and shoreline, 2017-2021) vs
    # 建设滨水慢行走廊23公里 (corridors only, 2022): two metrics, no target_vs_base check
    assert not [c for c in checks if "waterfront" in c and c.startswith("target_vs_base")]


def test_stages_of_work_are_never_compared(checks: dict[str, Check]) -> None:
    # 新建社区卫生服务站40个 (built, 2017-2021) vs 加快推进…12个社区卫生服务站…建设 (under
    # construction, 2022): different stages, no pace check; same stage is compared
    assert not [c for c in checks if c.startswith("target_vs_base.community_health_stations")]
    started = checks["target_vs_base.north_zone_floor_area.flow.2022.started_or_resumed"]
    assert started.computed_point == pytest.approx(12_030_000 / 5)  # 累计开复工1203万平方米


def test_pace_of_a_target(checks: dict[str, Check]) -> None:
    # 整治提升背街小巷464条 (2017-2021) vs 高标准开展88条背街小巷环境整治提升 (2022)
    c = checks["target_vs_base.back_streets_renovated.flow.2022"]
    assert c.computed_point == pytest.approx(464 / 5)
    assert "0.95×" in c.explanation_en


# ---------------------------------------------------------------------------
# Structure of the whole table
# ---------------------------------------------------------------------------


def test_every_kind_is_present(checks: dict[str, Check]) -> None:
    present = {c.kind for c in checks.values()}
    # share_totals_agree: no metric has two shares of Beijing for the same year in this report
    assert present == set(typing.get_args(CheckKind)) - {"share_totals_agree"}
    assert len(checks) >= 50


def test_checks_are_sorted_and_verdicts_allowed(
    facts: tuple[list[Indicator], list[Target], list[Metric]],
) -> None:
    checks, inputs = check_rows(*facts)
    ids = [c.check_id for c in checks]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    keys = [(i.check_id, i.role) for i in inputs]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {c.verdict for c in checks} <= set(typing.get_args(Verdict))
    assert check_rows(*facts) == (checks, inputs)  # deterministic


def test_every_input_exists_and_every_check_has_inputs(
    facts: tuple[list[Indicator], list[Target], list[Metric]],
    built: tuple[dict[str, Check], list[CheckInput]],
) -> None:
    indicators = {i.indicator_id for i in facts[0]}
    targets = {t.target_id for t in facts[1]}
    metrics = {m.metric_id for m in facts[2]}
    checks, inputs = built
    for i in inputs:
        assert i.check_id in checks
        assert (i.indicator_id is None) != (i.target_id is None)
        assert i.indicator_id is None or i.indicator_id in indicators
        assert i.target_id is None or i.target_id in targets
    cited = {i.check_id for i in inputs}
    assert cited == set(checks)
    assert all(c.metric_id is None or c.metric_id in metrics for c in checks.values())


def test_derived_rows_state_nothing(checks: dict[str, Check]) -> None:
    for c in checks.values():
        if c.verdict == "derived":
            assert c.stated_value is None and c.stated_low is None and c.stated_high is None
            assert "Derived" in c.explanation_en
        else:
            assert "Derived" not in c.explanation_en


def test_bounds_bracket_the_point(checks: dict[str, Check]) -> None:
    for c in checks.values():
        assert "\n" not in c.explanation_en
        if c.computed_point is None:
            continue
        assert c.computed_low is None or c.computed_low <= c.computed_point, c.check_id
        assert c.computed_high is None or c.computed_point <= c.computed_high, c.check_id
        if c.stated_value is not None:
            assert c.stated_low is None or c.stated_low <= c.stated_value
            assert c.stated_high is None or c.stated_value <= c.stated_high


def test_no_inconsistency_in_the_report(checks: dict[str, Check]) -> None:
    assert [c.check_id for c in checks.values() if c.verdict == "inconsistent"] == []


# ---------------------------------------------------------------------------
# Synthetic reports
# ---------------------------------------------------------------------------


def _metric(metric_id: str, unit: str = "count", price_basis: str | None = None) -> Metric:
    return Metric(
        metric_id=metric_id,
        name_zh=metric_id,
        name_en=metric_id,
        unit=unit,
        category="economy",
        definition_en="test",
        price_basis=price_basis,  # type: ignore[arg-type]
        aliases_zh=None,
    )


class _Make(typing.Protocol):
    def __call__(
        self,
        ident: str,
        metric: str,
        measure: str,
        period: str,
        printed: str,
        *,
        unit: str = ...,
        scale: float = ...,
        scope: str = ...,
        at: int = ...,
        base_period: str | None = ...,
        direction: str | None = ...,
    ) -> Indicator: ...


@pytest.fixture(scope="session")
def make(facts: tuple[list[Indicator], list[Target], list[Metric]]) -> _Make:
    """Build synthetic indicators from a real one (so new model columns keep their values)."""
    template = facts[0][0].model_dump()

    def _ind(
        ident: str,
        metric: str,
        measure: str,
        period: str,
        printed: str,
        *,
        unit: str = "count",
        scale: float = 1.0,
        scope: str = "haidian",
        at: int = 0,
        base_period: str | None = None,
        direction: str | None = None,
    ) -> Indicator:
        sign = -1.0 if direction == "decrease" else 1.0
        return Indicator.model_validate(
            {
                **template,
                "sentence_id": "p01.s01",
                "metric_id": metric,
                "measure": measure,
                "period": period,
                "base_period": base_period,
                "value": sign * float(printed) * scale,
                "unit": unit,
                "qualifier": "exact",
                "direction": direction,
                "scope": scope,
                "value_text": printed,
                "value_printed": printed,
                "unit_printed": "",
                "value_start": at,
                "value_end": at + 1,
                "note": None,
                "indicator_id": ident,
                "estimated": False,
            }
        )

    return _ind


def test_a_wrong_rate_is_inconsistent(make: _Make) -> None:
    # 100 → 200 over five years is 2 ** 0.2 - 1 = 14.87% a year, not 10%
    inds = [
        make("m.level.2016", "m", "level", "2016", "100", unit="CNY"),
        make("m.level.2021", "m", "level", "2021", "200", unit="CNY"),
        make("m.cagr", "m", "cagr", "2017-2021", "10", unit="percent"),
    ]
    checks, _ = check_rows(inds, [], [_metric("m", "CNY", "nominal")])
    by_id = {c.check_id: c for c in checks}
    assert by_id["cagr_vs_levels.m"].verdict == "inconsistent"


def test_a_stated_change_is_checked_both_ways(make: _Make) -> None:
    # 364 → 313.2 is -13.96%; a printed 14.0% decrease agrees, a 20% one does not
    base = [
        make("p.level.2016", "p", "level", "2016", "364"),
        make("p.level.2021", "p", "level", "2021", "313.2"),
    ]
    for printed, verdict in (("14.0", "consistent"), ("20", "inconsistent")):
        change = make(
            "p.change",
            "p",
            "change",
            "2021",
            printed,
            unit="percent",
            base_period="2016",
            direction="decrease",
        )
        checks, inputs = check_rows([*base, change], [], [_metric("p")])
        c = {c.check_id: c for c in checks}["change_both_ways.p.level"]
        assert c.verdict == verdict
        assert c.stated_value == -float(printed)
        assert ("change_both_ways.p.level", "other") in {(i.check_id, i.role) for i in inputs}


def test_two_shares_of_one_total_disagreeing(make: _Make) -> None:
    # 100 at 50% implies 200; 100 at 25% implies 400: they cannot both hold
    inds = [
        make("t.level", "t", "level", "2021", "100", at=1),
        make(
            "t.share.a", "t", "share", "2021", "50", unit="percent", scope="share_of_beijing", at=2
        ),
        make("t.stock", "t", "level", "2021", "100", at=3),
        make(
            "t.share.b", "t", "share", "2021", "25", unit="percent", scope="share_of_beijing", at=4
        ),
    ]
    checks, _ = check_rows(inds, [], [_metric("t")])
    agree = [c for c in checks if c.kind == "share_totals_agree"]
    assert [c.verdict for c in agree] == ["inconsistent"]


_LEVEL = st.integers(min_value=100, max_value=99_999)  # tenths: 10.0 to 9999.9
_OFFSET = st.floats(min_value=-0.049, max_value=0.049)


@settings(max_examples=200, deadline=None)
@given(s10=_LEVEL, e10=_LEVEL, ds=_OFFSET, de=_OFFSET)
def test_honest_rounding_is_never_inconsistent(
    make: _Make, s10: int, e10: int, ds: float, de: float
) -> None:
    """True levels printed to one decimal and their true CAGR printed to one decimal agree."""
    start, end = s10 / 10 + ds, e10 / 10 + de
    rate = ((end / start) ** 0.2 - 1) * 100
    assume(rate > -99)
    inds = [
        make("m.level.2016", "m", "level", "2016", f"{s10 / 10:.1f}", unit="CNY", scale=1e8),
        make("m.level.2021", "m", "level", "2021", f"{e10 / 10:.1f}", unit="CNY", scale=1e8),
        make("m.cagr", "m", "cagr", "2017-2021", f"{rate:.1f}", unit="percent"),
    ]
    checks, _ = check_rows(inds, [], [_metric("m", "CNY", "nominal")])
    assert {c.check_id: c for c in checks}["cagr_vs_levels.m"].verdict == "consistent"


@settings(max_examples=200, deadline=None)
@given(
    total=st.floats(min_value=1_000, max_value=1e6),
    f1=st.floats(min_value=0.05, max_value=1.0),
    f2=st.floats(min_value=0.05, max_value=1.0),
)
def test_shares_of_one_true_total_agree(make: _Make, total: float, f1: float, f2: float) -> None:
    """Two parts of one total, with their shares, rounded honestly, never disagree."""
    p1, p2 = total * f1, total * f2
    inds = [
        make("t.level", "t", "level", "2021", f"{p1:.1f}", at=1),
        make(
            "t.share.a",
            "t",
            "share",
            "2021",
            f"{f1 * 100:.1f}",
            unit="percent",
            scope="share_of_beijing",
            at=2,
        ),
        make("t.stock", "t", "level", "2021", f"{p2:.1f}", at=3),
        make(
            "t.share.b",
            "t",
            "share",
            "2021",
            f"{f2 * 100:.1f}",
            unit="percent",
            scope="share_of_beijing",
            at=4,
        ),
    ]
    checks, _ = check_rows(inds, [], [_metric("t")])
    agree = [c for c in checks if c.kind == "share_totals_agree"]
    assert len(agree) == 1 and agree[0].verdict == "consistent"
    totals = [c for c in checks if c.kind == "share_implied_total"]
    for c in totals:
        assert c.computed_low is not None and c.computed_high is not None
        assert c.computed_low <= total * (1 + 1e-9) and total * (1 - 1e-9) <= c.computed_high


@given(
    printed=st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False),
    scale=st.sampled_from([1.0, 1e4, 1e8, 1e12]),
)
def test_figure_band_holds_the_value(make: _Make, printed: object, scale: float) -> None:
    text = format(printed, "f")
    fig = figure(make("x", "x", "level", "2021", text, unit="CNY", scale=scale))
    assert fig is not None
    assert fig.band.contains(fig.value) or math.isclose(fig.band.low, fig.value)
    assert fig.printed.contains(float(text))


# 地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%
def test_check_stated_cagr_takes_the_price_basis_from_the_data() -> None:
    c = hr.check_stated_cagr("gdp")
    by_hand = check_cagr("5908", "9500", 5, "7.6", rate_basis="comparable")  # printed figures
    assert (c.verdict, c.rate_basis, c.level_basis) == ("not_comparable", "comparable", "nominal")
    assert c.point_cagr == pytest.approx(by_hand.point_cagr)
    assert c.implied_deflator is not None and by_hand.implied_deflator is not None
    assert c.implied_deflator.low == pytest.approx(by_hand.implied_deflator.low)


def test_check_stated_cagr_names_what_the_report_does_not_print() -> None:
    # 社会消费品零售额预计2960亿元,五年年均增长2.1%: no 2016 level is printed
    with pytest.raises(ValueError, match="0 rows for retail_sales 2016"):
        hr.check_stated_cagr("retail_sales")
