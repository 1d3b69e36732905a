"""Metrics and the facts about them: indicators (2016-2021) and targets (2022 on)."""

from __future__ import annotations

from pydantic import Field

from haidian_report.meta import ID_PATTERN, SLUG_PATTERN
from haidian_report.models.base import Offset, Period, Provenance, Row, TableMeta, fk
from haidian_report.models.vocab import (
    Category,
    Direction,
    Firmness,
    LevelPriceBasis,
    Measure,
    PriceBasis,
    PriceBasisSource,
    Qualifier,
    RankKind,
    Scope,
)


class Metric(Row):
    TABLE = TableMeta(
        "metrics",
        "Metrics",
        "One row per thing the report measures; indicators and targets refer to it.",
        ("metric_id",),
    )
    metric_id: str = Field(pattern=SLUG_PATTERN, description="Stable slug, e.g. gdp.")
    name_zh: str = Field(
        min_length=1,
        description="Chinese name in the report's own words (the printed phrase, completed "
        "with its subject where the report leaves it implicit, e.g. 保障性住房竣工).",
    )
    name_en: str = Field(min_length=1, description="English name.")
    unit: str | None = Field(
        min_length=1,
        description="Unit code of the metric's level values; empty for qualitative metrics.",
    )
    category: Category = Field(description="Policy domain.")
    definition_en: str = Field(min_length=1, description="What is measured, in one line.")
    price_basis: LevelPriceBasis | None = Field(
        description="Money metrics only: the price basis of the metric's level values, nominal "
        "(current prices) or comparable (constant prices); empty for metrics that are not "
        "money. Every level of money in the report is nominal. The basis of a growth or CAGR "
        "figure is on its own row (indicators/targets price_basis): GDP levels are nominal "
        "while GDP growth is at comparable prices."
    )
    aliases_zh: str | None = Field(
        description="Other forms in which the report prints what the metric measures, "
        "separated by ' | ' (the name or one of these appears in each fact's paragraph, up to "
        "the fact's quote)."
    )


class Fact(Provenance):
    """Columns shared by indicators and targets.

    The natural key (metric_id, measure, period, scope, variant) is unique in each table: two
    rows with the same key would be two values of one thing.
    """

    metric_id: str = Field(description="What is measured (metrics.metric_id).")
    measure: Measure = Field(
        description="The time structure of the figure. level: the value of a series for its "
        "period, a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…) or a "
        "year's aggregate that statistics publish as that year's figure (地区生产总值, "
        "一般公共预算收入, 社会消费品零售总额 of 2021); flow: an amount added during one year "
        "(新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period "
        "(2017-2021 累计…); "
        "growth_yoy: growth over the year before, percent; cagr: average annual growth over "
        "the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a "
        "difference against base_period (较2016年下降51%); rate: a ratio the report names …率, "
        "percent; rank: a place, 1 = first, in a ranking or in an order of precedence "
        "(rank_kind tells them apart); duration: the length of a streak or a span of time "
        "(连续6年, 15个季度, 10分钟)."
    )
    rank_kind: RankKind | None = Field(
        description="For a rank, what kind of place its printed words give (with the measure "
        "word right after an ordinal: 第一家). standing: a place in a ranking or an "
        "evaluation, or among peers (全市第一, 城六区最优, 居城六区首位, 前列, 最前头); "
        "precedence: the first (or n-th) to do something, or of its kind (率先, 首家, "
        "第一家民营银行, 第九家5A级景区). Empty for every other measure."
    )
    variant: str | None = Field(
        pattern=SLUG_PATTERN,
        description="Tells apart figures that would otherwise share metric, measure, period "
        "and scope: a stage of work (started, started_or_resumed, under_construction, "
        "completed) for an object the report counts at more than one stage, or a second goal "
        "for the same thing (assigned_task vs sustained). Empty for most rows.",
    )
    period: Period = Field(
        description="Year (2021) or inclusive range (2017-2021) the figure refers to: within "
        "2016-2021 for indicators, 2022-2026 for targets."
    )
    base_period: Period | None = Field(description="For changes: the year compared against.")
    period_inferred: bool = Field(
        description="True when the report does not print the period and it was inferred."
    )
    value: float | None = Field(
        description="The value in `unit`, parsed from value_text; empty for a qualitative row."
    )
    unit: str | None = Field(
        description="Unit code (CNY, percent, m2, person, count, count/10k_person...)."
    )
    qualifier: Qualifier = Field(
        description="exact; at_least (以上); more_than (超过, 多, 余: 90余个 is more than 90); "
        "at_most (以内); approx (约, 左右); qualitative (a goal or claim with no number)."
    )
    direction: Direction | None = Field(
        description="decrease when the text says 下降/减少: value is then negative."
    )
    scope: Scope = Field(
        description="What the figure is of. haidian: the district (the default); subset: a "
        "part of a district figure printed beside it (其中研发人员47万); share_of_beijing: a "
        "share of Beijing's total (占全市的40%); beijing_rank: a rank among Beijing's districts "
        "(全市第一); city_six_districts_rank: a rank among the six core urban districts "
        "(城六区第一); national_rank: a rank in the whole country (全国首家); paired_regions: "
        "places outside Haidian that it assists (助力7个对口支援"
        "地区全部摘帽, 15.99万贫困人口全部脱贫)."
    )
    price_basis: PriceBasis | None = Field(
        description="For growth_yoy, cagr and change rows of money: nominal (current prices), "
        "comparable (constant prices) or unknown (neither the text nor a statistical "
        "convention settles it). Empty for every other row, including growth of counts."
    )
    price_basis_source: PriceBasisSource | None = Field(
        description="Where price_basis comes from: text (the report prints 按可比价格/现价) or "
        "convention (the stated statistical convention, named in the note). Empty where "
        "price_basis is empty or unknown."
    )
    value_text: str = Field(
        min_length=1,
        description="The figure as printed, e.g. 5908亿元; for a qualitative row the words that "
        "state the goal or claim (稳步增长, 全覆盖).",
    )
    value_printed: str | None = Field(description="The printed number, e.g. 5908.")
    unit_printed: str | None = Field(description="The printed multiplier and unit, e.g. 亿元.")
    unit_inferred: bool = Field(
        description="True when the curator gave the unit: the text prints none (364万 "
        "residents) or only its numerator (每万人…550件 is count/10k_person); re-parse "
        "value_text with this unit."
    )
    value_start: Offset = Field(description="Start of value_text in the source.")
    value_end: Offset = Field(description="End of value_text in the source (exclusive).")
    note: str | None = Field(description="Curator's note, English.")


class Indicator(Fact):
    TABLE = TableMeta(
        "indicators",
        "Indicators",
        "Every figure the report states about 2016-2021 (levels, flows, cumulative totals, "
        "growth, shares, rates, ranks and durations) and every qualitative claim of outcome, "
        "rank or full coverage in its review of 2017-2021 (with an empty value).",
        ("indicator_id",),
        (fk("metric_id", "metrics"), fk("sentence_id", "sentences")),
    )
    indicator_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2016.")
    estimated: bool = Field(
        description="True where 预计 (estimated) governs the figure: 预计 reaches every figure "
        "of 2021 (or of a period ending in 2021) after it up to the end of its clause group "
        "(the next ; or 。)."
    )


class Target(Fact):
    TABLE = TableMeta(
        "targets",
        "Targets",
        "Every forward-looking goal of part two: the 2022 main expected targets, every 2022 "
        "task stated as an outcome (quantitative, or qualitative with an empty value) and the "
        "goals for the five years 2022-2026.",
        ("target_id",),
        (
            fk("metric_id", "metrics"),
            fk("sentence_id", "sentences"),
            fk("base_indicator_id", "indicators", "indicator_id"),
        ),
    )
    target_id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. gdp.level.2022.")
    firmness: Firmness | None = Field(
        description="expected (预期目标), strive (力争) or ensure (确保): the marker word whose "
        "reach covers the value (力争/确保 to the end of their clause, 预期目标是: to the end "
        "of the sentence); empty where none does."
    )
    base_indicator_id: str | None = Field(
        description="The 2021 indicator this target builds on (indicators.indicator_id)."
    )
