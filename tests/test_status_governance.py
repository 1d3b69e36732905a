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


# 建成区级社区议事厅60个、市级“一刻钟社区服务圈”374个; 自备井置换完成219处. A completion word
# with a count of units right at the mention finished those units, not the program.
def test_a_count_of_units_finished_is_not_the_program_completed(source: str) -> None:
    assert "市级“一刻钟社区服务圈”374个" in source and "自备井置换完成219处" in source
    for ident in ("quarter_hour_community_service_circle", "self_supplied_well_replacement"):
        assert _signals(ident, "part1") == ["under_way"], ident
        row = hr.programs().filter(pl.col("program_id") == ident)
        assert row["status"].to_list() == ["ongoing"], ident


# 香山革命纪念地建成开放: no count, so 建成 finished the site itself.
def test_a_completion_without_a_count_is_the_program_completed(source: str) -> None:
    assert "香山革命纪念地建成开放" in source
    assert _signals("xiangshan_revolutionary_memorial_site", "part1") == ["completed"]


# 中关村科学城北区建设实现新突破。 A breakthrough in building the area is progress, not its end.
def test_a_breakthrough_is_work_under_way(source: str) -> None:
    assert "中关村科学城北区建设实现新突破" in source
    assert _signals("zhongguancun_science_city_north", "part1")[0] == "under_way"


# 推动区属平台公司立足中关村科学城做精做强主业: 做强 governs 主业; the science city is the ground.
def test_a_verb_after_a_mention_used_as_ground_is_no_signal(source: str) -> None:
    assert "立足中关村科学城做精做强主业" in source
    ms = hr.program_mentions().filter(
        (pl.col("program_id") == "zhongguancun_science_city") & (pl.col("sentence_id") == "p78.s04")
    )
    assert ms["status_signal"].to_list() == [None]
