"""The closed vocabularies of the package's columns (enums in the Table Schemas)."""

from __future__ import annotations

from typing import Literal

Category = Literal[
    "economy",
    "innovation",
    "fiscal",
    "trade",
    "industry",
    "environment",
    "transport",
    "urban",
    "land",
    "housing",
    "education",
    "health",
    "culture",
    "social",
    "security",
    "governance",
    "population",
    "employment",
]
Measure = Literal[
    "level",
    "flow",
    "cumulative",
    "growth_yoy",
    "cagr",
    "share",
    "change",
    "rate",
    "rank",
    "duration",
]
RankKind = Literal["standing", "precedence"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "approx", "qualitative"]
Scope = Literal[
    "haidian",
    "subset",
    "share_of_beijing",
    "beijing_rank",
    "city_six_districts_rank",
    "national_rank",
    "paired_regions",
]
Direction = Literal["increase", "decrease"]
Firmness = Literal["expected", "strive", "ensure"]
LevelPriceBasis = Literal["nominal", "comparable"]
PriceBasis = Literal["nominal", "comparable", "unknown"]
PriceBasisSource = Literal["text", "convention"]
ProgramType = Literal[
    "plan",
    "action",
    "campaign",
    "project",
    "reform",
    "mechanism",
    "pilot",
    "platform",
    "policy_package",
    "institution",
    "zone",
    "event",
]
ProgramStatus = Literal["done", "ongoing", "planned"]
TermKind = Literal[
    "slogan", "principle", "honour", "campaign_name", "nickname", "requirement", "policy"
]
SectionKind = Literal["part", "subsection", "paragraph"]
Part = Literal["front", "part1", "part2"]
ExclusionKind = Literal["digits", "quoted", "goal", "claim"]
Verdict = Literal["consistent", "inconsistent", "not_comparable"]
CheckKind = Literal[
    "cagr_vs_levels",
    "change_both_ways",
    "share_totals_agree",
    "part_within_whole",
    "target_vs_base",
]
CheckReason = Literal[
    "within_rounding",
    "beyond_rounding",
    "price_basis_differs",
    "price_basis_unknown",
    "different_variant",
    "variant_unstated",
]
DerivationKind = Literal[
    "endpoint_cagr",
    "endpoint_change",
    "implied_start",
    "implied_rate",
    "share_implied_part",
    "implied_total_change",
    "implied_stock",
    "implied_employment",
    "share_implied_total",
    "share_implied_total_growth",
    "target_implied_level",
    "average_pace",
]
InputRole = Literal[
    "start",
    "end",
    "rate",
    "level",
    "share",
    "part",
    "whole",
    "base",
    "target",
    "before",
    "after",
    "other",
]
#: The name this Literal had before data 2.0.0, when only checks had inputs.
CheckRole = InputRole

StatusSignal = Literal["completed", "under_way"]
ExplanationBasis = Literal["report", "official", "unconfirmed"]
