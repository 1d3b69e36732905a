"""Edits a cold attacker made VALID against code 0.9.0 and data 2.3.0 (attack round 12), each
now reported exactly, and a legitimate translation that was refused.

Each case edits one copy of the shipped package (re-stamped; a derived one where the attack
dropped rows, with :func:`derived.derive`, so that only the targeted rule can catch it) and
returns the exact set of problems expected: code, resource, row and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corrupt import Key, case_registry, copy_package, edit, keys, read_table, row_of, write_table
from derived import derive

from haidian_report.validate import validate

CASES, case = case_registry()


def _relabelled(pkg: Path, dropped: str, moved: str, **cells: str) -> int:
    """A derived package without the indicators ``dropped`` and ``moved`` (and what depends on
    them), with ``moved``'s row added back as ``dropped`` with ``cells`` changed: the careful
    attacker's edit, every reference whole. The added row's number."""
    header, rows = read_table(pkg, "indicators")
    row = dict(zip(header, rows[row_of(pkg, "indicators", moved) - 1], strict=True))
    whole = pkg.rename(pkg.with_name(pkg.name + "_whole"))
    derive(whole, pkg, "indicators", lambda r: r["indicator_id"] not in (dropped, moved))
    row.update(indicator_id=dropped, **cells)
    header, rows = read_table(pkg, "indicators")
    write_table(pkg, "indicators", header, [*rows, [row[c] for c in header]])
    return len(rows) + 1


def _set_input(pkg: Path, table: str, key: str, which: str, **cells: str) -> int:
    """Set cells of the input row (``key``, role ``which``) of check_inputs or
    derivation_inputs."""
    header, rows = read_table(pkg, table)
    n = next(i for i, r in enumerate(rows, 1) if r[0] == key and r[1] == which)
    for column, value in cells.items():
        rows[n - 1][header.index(column)] = value
    write_table(pkg, table, header, rows)
    return n


@case
def worse_than_class_v_cut_to_class_v(pkg: Path) -> set[Key]:
    # 南沙河水质由2016年的劣Ⅴ类提升至Ⅳ类: 劣 (worse than) cut out of the span makes the 2016
    # class exactly V; the value parser reads 劣 as a qualifier, so the rule takes it from there
    row = edit(
        pkg,
        "indicators",
        "nansha_river_water_quality_class.level.2016",
        value_text="Ⅴ类",
        value_start="4033",
        qualifier="exact",
    )
    return {("qualifier-outside-span", "indicators", row, "value_start")}


@case
def population_end_figure_dated_the_pairs_start(pkg: Path) -> set[Key]:
    # 常住人口由2016年的364万减至313.2万: 313.2万 ends the pair, a later figure than 2016's
    row = _relabelled(
        pkg,
        "resident_population.level.2016",
        "resident_population.level.2021",
        period="2016",
        period_inferred="false",
    )
    return {("period-year", "indicators", row, "period")}


@case
def river_class_end_figure_dated_the_pairs_start(pkg: Path) -> set[Key]:
    # 南沙河水质由2016年的劣Ⅴ类提升至Ⅳ类: Ⅳ类 is the later class
    row = _relabelled(
        pkg,
        "nansha_river_water_quality_class.level.2016",
        "nansha_river_water_quality_class.level.2021",
        period="2016",
        period_inferred="false",
    )
    return {("period-year", "indicators", row, "period")}


@case
def share_of_a_yearless_pair_dated_the_sentences_start(pkg: Path) -> set[Key]:
    # 地区生产总值由2016年的5908亿元预计增至9500亿元,全市占比由21.8%增至24%: 24% ends a pair
    # that prints no year of its own, after one started in 2016
    row = _relabelled(
        pkg,
        "gdp.share.2016",
        "gdp.share.2021",
        period="2016",
        period_inferred="false",
        estimated="false",
    )
    return {("period-year", "indicators", row, "period")}


@case
def existing_listed_companies_made_five_years_of_new_listings(pkg: Path) -> set[Key]:
    # 累计新增上市企业76家,现有上市企业252家: 现有 (existing) counts a stock, not new listings
    row = _relabelled(
        pkg,
        "listed_companies.cumulative.2017-2021",
        "listed_companies.level.2021",
        measure="cumulative",
        period="2017-2021",
    )
    return {("measure-word", "indicators", row, "measure")}


@case
def check_whole_made_a_qualitative_fact_and_its_verdict_flipped(pkg: Path) -> set[Key]:
    # 现有上市企业252家…其中境内上市企业165家: the whole made a target described in words
    # (十三五规划目标任务); nothing is computed from it, so the flipped verdict cannot stand
    check = "part_within_whole.domestic_listed_companies.2021"
    _set_input(
        pkg,
        "check_inputs",
        check,
        "whole",
        indicator_id="thirteenth_five_year_plan_targets.level.2020",
    )
    row = edit(
        pkg,
        "checks",
        check,
        verdict="inconsistent",
        reason="beyond_rounding",
        computed_point="250",
        computed_low="240",
        computed_high="260",
    )
    return {("check-recomputed", "checks", row, "kind")}


@case
def derivation_rate_made_a_qualitative_target(pkg: Path) -> set[Key]:
    # 居民人均可支配收入稳步增长 (2022) prints no rate: a level implied from it is invented
    derivation = "implied_stock.invention_patents_per_10k_people.2021"
    roles = [r[1] for r in read_table(pkg, "derivation_inputs")[1] if r[0] == derivation]
    _set_input(
        pkg,
        "derivation_inputs",
        derivation,
        roles[0],
        indicator_id="",
        target_id="per_capita_disposable_income.growth_yoy.2022",
    )
    return {("check-recomputed", "derivations", row_of(pkg, "derivations", derivation), "kind")}


@case
def check_of_unlike_quantities_without_its_target_input(pkg: Path) -> set[Key]:
    # a not_comparable check of another stage states its target's figure: the input role
    # target renamed rate leaves it none
    check = "target_vs_base.old_residential_renovation_area.flow.2022.started"
    _set_input(pkg, "check_inputs", check, "target", role="rate")
    return {("check-recomputed", "checks", row_of(pkg, "checks", check), "kind")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_is_reported_exactly(pristine: Path, tmp_path: Path, name: str) -> None:
    pkg = copy_package(pristine, tmp_path / "pkg")
    expected = CASES[name](pkg)
    report = validate(pkg)
    assert keys(report) == expected, report.render(50)


def test_a_counted_figure_excluded_as_a_name_is_reported_in_strict_runs(
    pristine: Path, tmp_path: Path
) -> None:
    """日核酸检测能力28.9万份: the fact dropped and its digits declared "not a statistic" by an
    exclusion quoting 28.9 alone, short of the 万份 that counts them."""
    pkg = derive(
        pristine,
        tmp_path / "pkg",
        "indicators",
        lambda r: r["indicator_id"] != "daily_nucleic_acid_testing_capacity.level.2021",
    )
    header, rows = read_table(pristine, "indicators")
    fact = dict(
        zip(
            header,
            rows[
                row_of(pristine, "indicators", "daily_nucleic_acid_testing_capacity.level.2021") - 1
            ],
            strict=True,
        )
    )
    start = int(fact["value_start"])
    header, rows = read_table(pkg, "exclusions")
    added = dict.fromkeys(header, "")
    added.update(
        exclusion_id=f"digits@{start}",
        kind="digits",
        reason="Part of the name of a testing standard, not a statistic.",
        sentence_id=fact["sentence_id"],
        quote="28.9",
        quote_start=str(start),
        quote_end=str(start + 4),
    )
    write_table(pkg, "exclusions", header, [*rows, [added[c] for c in header]])
    assert validate(pkg).valid  # not strict: exclusions account for nothing there
    assert keys(validate(pkg, strict=True)) == {
        ("exclusion-counted", "exclusions", len(rows) + 1, "quote")
    }


def test_an_ordinal_renders_a_run_of_years(pristine: Path, tmp_path: Path) -> None:
    """…经济总量和对全市经济增长贡献连续6年全市第一: "for the sixth year running" is as good a
    rendering of 连续6年 as "for 6 consecutive years"."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "sentences")
    n = row_of(pkg, "sentences", "p09.s02")
    text = rows[n - 1][header.index("text_en")]
    assert "for 6 consecutive years" in text
    improved = text.replace(
        "ranked first in Beijing for 6 consecutive years",
        "ranked first in Beijing for the sixth year running",
    )
    assert improved != text
    edit(pkg, "sentences", "p09.s02", text_en=improved)
    report = validate(pkg)
    assert report.valid, report.render(20)


def test_a_rank_and_a_run_of_years_cannot_swap_through_ordinals(
    pristine: Path, tmp_path: Path
) -> None:
    """An ordinal renders a run of years only with the year it counts: "ranked sixth in
    Beijing, for the first time" says the opposite of 连续6年全市第一 (a re-attack of the
    ordinal rendering)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "sentences")
    text = rows[row_of(pkg, "sentences", "p09.s02") - 1][header.index("text_en")]
    swapped = text.replace(
        "ranked first in Beijing for 6 consecutive years",
        "ranked sixth in Beijing, for the first time",
    )
    assert swapped != text
    row = edit(pkg, "sentences", "p09.s02", text_en=swapped)
    assert {k for k in keys(validate(pkg)) if k[0] == "english-figure"} == {
        ("english-figure", "sentences", row, "text_en")
    }


def test_a_check_of_a_kind_without_a_target_may_compare_unlike_quantities(
    pristine: Path, tmp_path: Path
) -> None:
    """Only a kind whose formulas take a target states its target's figure: a part-within-
    whole check may be not_comparable (variant_unstated) with nothing computed, and no target
    input is asked for (a re-attack found the first version asking)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    edit(
        pkg,
        "checks",
        "part_within_whole.domestic_listed_companies.2021",
        verdict="not_comparable",
        reason="variant_unstated",
        computed_point="",
        computed_low="",
        computed_high="",
        # (its words say so too: an explanation that still said "the part lies within the
        # whole" would give another verdict, check-explanation-verdict)
        explanation_en="The two counts are of stages the report does not state: not comparable.",
    )
    report = validate(pkg)
    assert report.valid, report.render(20)


def test_an_exclusion_quoting_digits_inside_quote_marks_is_a_name(
    pristine: Path, tmp_path: Path
) -> None:
    """出台“创新发展16条”: an exclusion quoting the 16 alone still lies inside the quote marks
    of a name (they are read on the quote's line, not in the quote alone), while 2400多名 quoted
    without its fact is a count (多 may stand between a number and its count word)."""
    pkg = copy_package(pristine, tmp_path / "pkg")
    header, rows = read_table(pkg, "exclusions")
    n = row_of(pkg, "exclusions", "digits@2646")
    quote = rows[n - 1][header.index("quote")]
    at = quote.index("16")
    start = 2646 + at
    edit(
        pkg,
        "exclusions",
        "digits@2646",
        exclusion_id=f"digits@{start}",
        quote="16",
        quote_start=str(start),
        quote_end=str(start + 2),
    )
    report = validate(pkg, strict=True)
    assert report.valid, report.render(20)

    fact = "vaccination_medical_staff_deployed.flow.2021"
    header, rows = read_table(pristine, "indicators")
    cells = dict(zip(header, rows[row_of(pristine, "indicators", fact) - 1], strict=True))
    assert cells["value_text"].endswith("多名")
    pkg = derive(pristine, tmp_path / "derived", "indicators", lambda r: r["indicator_id"] != fact)
    header, rows = read_table(pkg, "exclusions")
    added = dict.fromkeys(header, "")
    added.update(
        exclusion_id=f"digits@{cells['value_start']}",
        kind="digits",
        reason="Part of a name, not a statistic.",
        sentence_id=cells["sentence_id"],
        quote=cells["value_text"],
        quote_start=cells["value_start"],
        quote_end=cells["value_end"],
    )
    write_table(pkg, "exclusions", header, [*rows, [added[c] for c in header]])
    assert keys(validate(pkg, strict=True)) == {
        ("exclusion-counted", "exclusions", len(rows) + 1, "quote")
    }
