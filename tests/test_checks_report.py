"""The checks and derivations of the shipped report, pinned with the sentence each comes from
and the arithmetic done by hand.

Rounding bands: a figure printed as "5908" stands for [5907.5, 5908.5), "7.6" for
[7.55, 7.65), "9500" for [9450, 9550) and "24" (percent) for [23.5, 24.5).
"""

from __future__ import annotations

import pytest

from haidian_build.checks import Tables
from haidian_report.models import Check, Derivation, Target
from tests.checks_support import roles


@pytest.fixture(scope="module")
def checks(audit: Tables) -> dict[str, Check]:
    return {c.check_id: c for c in audit.checks}


@pytest.fixture(scope="module")
def derived(audit: Tables) -> dict[str, Derivation]:
    return {d.derivation_id: d for d in audit.derivations}


def test_gdp_average_growth_is_real_against_nominal_levels(
    checks: dict[str, Check], audit: Tables
) -> None:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元 … 五年年均增长7.6%
    c = checks["cagr_vs_levels.gdp"]
    assert (c.verdict, c.reason) == ("not_comparable", "price_basis_differs")
    # (9500 / 5908) ** (1/5) = 1.0996554 → 9.97% a year at current prices
    assert c.computed_point == pytest.approx(9.96554, abs=1e-5)
    # lowest (9450 / 5908.5) ** 0.2 - 1 = 9.8477%; highest (9550 / 5907.5) ** 0.2 - 1 = 10.0829%
    assert c.computed_low == pytest.approx(9.8477, abs=1e-4)
    assert c.computed_high == pytest.approx(10.0829, abs=1e-4)
    assert (c.stated_value, c.stated_low, c.stated_high) == (7.6, 7.55, 7.65)
    # deflator 1.0996554 / 1.076 - 1 = 2.198%; band (1.098477/1.0765 - 1, 1.100829/1.0755 - 1)
    assert "deflator 2.20% (2.04% to 2.36%)" in c.explanation_en
    assert roles(audit, c.check_id) == {
        "start": "gdp.level.2016",
        "end": "gdp.level.2021",
        "rate": "gdp.cagr.2017-2021",
    }


def test_levels_without_a_rate_give_a_derived_cagr(derived: dict[str, Derivation]) -> None:
    # 居民人均可支配收入稳步增长,由2016年的6.7万元预计增至9.3万元
    d = derived["endpoint_cagr.per_capita_disposable_income"]
    # (9.3 / 6.7) ** 0.2 - 1 = 6.778%; (9.25 / 6.75) ** 0.2 - 1 = 6.504%; (9.35 / 6.65) ** 0.2 - 1
    assert d.point == pytest.approx(6.7780, abs=1e-4)
    assert d.low == pytest.approx(6.5044, abs=1e-4)
    assert d.high == pytest.approx(7.0528, abs=1e-4)


def test_population_decline_both_ways(derived: dict[str, Derivation]) -> None:
    # 常住人口由2016年的364万减至313.2万
    d = derived["endpoint_change.resident_population.level"]
    # 313.2 / 364 - 1 = -0.13956 → -13.96%
    assert d.point == pytest.approx(-13.956, abs=1e-3)
    # lowest 313.15 / 364.5 - 1 = -14.088%; highest 313.25 / 363.5 - 1 = -13.824%
    assert d.low == pytest.approx(-14.0878, abs=1e-4)
    assert d.high == pytest.approx(-13.8239, abs=1e-4)


def test_gdp_share_change_in_points(derived: dict[str, Derivation]) -> None:
    # 全市占比由21.8%增至24%
    d = derived["endpoint_change.gdp.share"]
    assert d.unit == "percentage_point"
    # 24 - 21.8 = 2.2; 24% is printed to a whole point: (23.5 - 21.85, 24.5 - 21.75)
    assert d.point == pytest.approx(2.2)
    assert (d.low, d.high) == (1.65, 2.75)


def test_implied_fixed_asset_investment_2016(derived: dict[str, Derivation]) -> None:
    # 全社会固定资产投资预计1000亿元,五年年均增长3%
    d = derived["implied_start.fixed_asset_investment.2016"]
    assert d.unit == "CNY"
    # 1000 / 1.03 ** 5 = 1000 / 1.159274 = 862.61亿元
    assert d.point == pytest.approx(862.609e8, rel=1e-5)
    # "1000" read as [950, 1050) and "3" as [2.5, 3.5): 950 / 1.035 ** 5, 1050 / 1.025 ** 5
    assert d.low == pytest.approx(950e8 / 1.035**5, rel=1e-5)
    assert d.high == pytest.approx(1050e8 / 1.025**5, rel=1e-5)


def test_budget_revenue_chain(derived: dict[str, Derivation]) -> None:
    # 区级一般公共预算收入预计490.2亿元,增长8%,五年年均增长4.9%
    d2020 = derived["implied_start.general_budget_revenue.2020"]
    assert d2020.point == pytest.approx(490.2e8 / 1.08, rel=1e-5)  # 453.89亿元
    chain = derived["implied_rate.general_budget_revenue.cagr.2017-2020"]
    # (1.049 ** 5 / 1.08) ** (1/4) - 1 = (1.270216 / 1.08) ** 0.25 - 1 = 4.139%
    assert chain.point == pytest.approx(4.139, abs=1e-3)
    # 2022: 区级一般公共预算收入增长4% → 490.2 × 1.04 = 509.81亿元
    t = derived["target_implied_level.general_budget_revenue.growth_yoy.2022"]
    assert t.point == pytest.approx(509.808e8, rel=1e-6)


def test_gdp_2020_is_a_volume_bounded_above(derived: dict[str, Derivation]) -> None:
    # 2021年,地区生产总值预计增长10%以上 (real growth): 9500 / 1.10 = 8636亿元 at most
    d = derived["implied_start.gdp.2020"]
    assert d.low is None  # "10%以上" has no upper end
    assert d.high == pytest.approx(9550e8 / 1.095, rel=1e-5)
    assert "not the nominal 2020 level" in d.explanation_en


def test_implied_beijing_high_tech_enterprises(derived: dict[str, Derivation]) -> None:
    # 累计新增国家高新技术企业4504家,现有10604家,占全市的37%
    d = derived["share_implied_total.national_high_tech_enterprises.2021"]
    # 10604 / 0.37 = 28659.5; lowest 10603.5 / 0.375 = 28276.0; highest 10604.5 / 0.365 = 29053.4
    assert d.point == pytest.approx(28659.46, abs=0.05)  # six significant digits
    assert d.low == pytest.approx(28276.0, abs=0.1)
    assert d.high == pytest.approx(29053.42, abs=0.1)


def test_open_ended_share_bounds_the_total_above_only(derived: dict[str, Derivation]) -> None:
    # 高新技术企业收入预计3.4万亿元,占全市的40%以上 → Beijing ≤ 3.45 / 0.395 = 8.734万亿元
    d = derived["share_implied_total.high_tech_enterprise_revenue.2021"]
    assert d.high == pytest.approx(8.7342e12, rel=1e-4)
    assert d.low == pytest.approx(3.35e12)  # a share is at most 100%


def test_beijing_gdp_growth_from_two_shares(derived: dict[str, Derivation]) -> None:
    # 5908 / 0.218 = 27101.0; 9500 / 0.24 = 39583.3; (39583.3 / 27101.0) ** 0.2 - 1 = 7.87%
    d = derived["share_implied_total_growth.gdp.2017-2021"]
    assert d.point == pytest.approx(7.8712, abs=1e-4)


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
    assert (c.verdict, c.reason) == ("consistent", "within_rounding")
    assert c.computed_point == pytest.approx(share, abs=1e-3)
    assert c.computed_high is not None and c.computed_high <= 100


def test_gdp_target_reachable_unless_prices_fall(checks: dict[str, Check]) -> None:
    # 地区生产总值超过1万亿元,增长6%以上 — from 9500亿元 (2021)
    c = checks["target_vs_base.gdp.level.2022"]
    assert (c.verdict, c.reason) == ("not_comparable", "price_basis_differs")
    # 9500 × 1.06 = 10070亿元; lowest 9450 × 1.055 = 9969.75亿元; no upper end
    assert c.computed_point == pytest.approx(10070e8)
    assert c.computed_low == pytest.approx(9969.75e8)
    assert c.computed_high is None
    assert (c.stated_value, c.stated_low, c.stated_high) == (1e12, 1e12, None)
    # needs 10000 / 9500 - 1 = 5.26% nominal; break-even deflator 1.052632 / 1.06 - 1 = -0.70%
    assert "5.26%" in c.explanation_en and "−0.70%" in c.explanation_en


def test_energy_use_implied_by_intensity_and_real_growth(derived: dict[str, Derivation]) -> None:
    # 单位地区生产总值水耗、能耗预计分别下降45.4%、27.9%: (1 - 0.279) × 1.076 ** 5 = 1.0399
    d = derived["implied_total_change.energy_consumption_per_unit_gdp.2021"]
    assert d.point == pytest.approx((0.721 * 1.076**5 - 1) * 100, abs=1e-4)


def test_pace_of_a_target(derived: dict[str, Derivation]) -> None:
    # 整治提升背街小巷464条 (2017-2021) vs 高标准开展88条背街小巷环境整治提升 (2022)
    [d] = [d for k, d in derived.items() if k.startswith("average_pace.back_streets_renovated.")]
    assert d.point == pytest.approx(464 / 5)
    assert "0.95×" in d.explanation_en


def test_renovation_started_is_not_held_against_renovation_done(
    checks: dict[str, Check], derived: dict[str, Derivation]
) -> None:
    # 实施75个小区、431栋楼、275.7万平方米老旧小区改造 (2017-2021) against
    # 启动实施160万平方米整治项目 (2022: to be started, not completed)
    started = [c for k, c in checks.items() if "old_residential_renovation_area" in k]
    assert started and {c.verdict for c in started} == {"not_comparable"}
    assert {c.reason for c in started} <= {"different_variant", "variant_unstated"}
    assert all(c.computed_point is None and "×" not in c.explanation_en for c in started)
    assert not [k for k in derived if k.startswith("average_pace.old_residential_renovation_area")]


_VARIANTS = pytest.mark.skipif(
    "variant" not in Target.model_fields,
    reason="stages of work are told apart by the facts' variant column (issue #12)",
)


@_VARIANTS
def test_a_target_of_another_stage_of_work_is_not_comparable(
    checks: dict[str, Check], derived: dict[str, Derivation]
) -> None:
    # 新建社区卫生服务站40个 (built, 2017-2021) against 加快推进3个社区卫生服务中心、12个社区卫生
    # 服务站…建设 (2022: construction to be sped up, completion not promised)
    found = [c for k, c in checks.items() if k.startswith("target_vs_base.community_health_st")]
    assert [(c.verdict, c.reason) for c in found] == [("not_comparable", "different_variant")]
    assert not [k for k in derived if "community_health_st" in k]


@_VARIANTS
def test_a_different_printed_thing_is_not_compared(
    checks: dict[str, Check], derived: dict[str, Derivation]
) -> None:
    # 建成慢行滨水走廊和亲水岸线40公里 (corridors and shoreline, 2017-2021) against
    # 建设滨水慢行走廊23公里 (corridors only, 2022): two metrics, so nothing pairs them
    assert not [k for k in [*checks, *derived] if "waterfront" in k]


def test_no_inconsistency_in_the_report(checks: dict[str, Check]) -> None:
    assert [c.check_id for c in checks.values() if c.verdict == "inconsistent"] == []
