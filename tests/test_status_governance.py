"""The status signal is read only from words that govern the mention (curation/README.md,
status rule): words in the same clause about something else do not count."""

from __future__ import annotations

import polars as pl

import haidian_report as hr


def _signals(program_id: str, part: str) -> list[str | None]:
    ms = hr.program_mentions().filter(
        (pl.col("program_id") == program_id) & (pl.col("part") == part)
    )
    return list(ms["status_signal"])


# 实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接。 巩固 governs 脱贫攻坚成果, not 乡村振兴.
def test_consolidating_another_things_results_is_no_signal_for_the_program(source: str) -> None:
    assert "实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接" in source
    assert _signals("rural_revitalisation_strategy", "part2") == [None]


# 努力在首都建设全球数字经济标杆城市中发挥引领作用。 发挥 is the district's role.
def test_a_verb_after_a_zai_zhong_frame_is_no_signal_for_the_program(source: str) -> None:
    assert "努力在首都建设全球数字经济标杆城市中发挥引领作用" in source
    assert _signals("global_digital_economy_benchmark_city", "part2") == [None]
    row = hr.programs().filter(pl.col("program_id") == "global_digital_economy_benchmark_city")
    assert row["status"].to_list() == ["planned"]


# 宣传实施家庭教育促进法。 Publicising a law presupposes it is in force.
def test_publicising_and_implementing_a_law_says_it_is_in_force(source: str) -> None:
    assert "宣传实施家庭教育促进法" in source
    assert _signals("family_education_promotion_law", "part2") == ["under_way"]


# 巩固深化国家卫生区、全国健康促进区和国家食品安全示范城市创建成果。 A list under one verb.
def test_a_verb_governs_every_item_of_a_list_it_frames(source: str) -> None:
    assert "巩固深化国家卫生区、全国健康促进区和国家食品安全示范城市创建成果" in source
    for ident in ("national_hygienic_district", "food_safety_demonstration_city"):
        assert _signals(ident, "part2") == ["completed"], ident
