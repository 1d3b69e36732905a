"""The charts: drawn by the build from the tables, and never out of date.

Three links are held: the tables → the series (every bar is the figure or count it claims to
be, checked here against the tables without the series code); the series → the drawn figure
(read back from matplotlib's artists, not pixels, so the check is the same on every version);
the committed series → each committed PNG (the PNG's text chunk names the sha256 of the series
it was drawn from). A chart drawn from old data fails the last link.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polars as pl
import pytest

import haidian_report as hr
from haidian_build.charts import (
    CHARTS_DIR,
    SERIES_KEY,
    drawn_from,
    png_text,
    read_frames,
    render_series,
    sha256,
    write_charts,
)
from haidian_build.charts.series import Chart, all_charts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def charts() -> list[Chart]:
    return all_charts(read_frames(ROOT))


def _bars(chart: Chart) -> dict[str, tuple[float, str]]:
    return {b.id: (b.value, b.text) for p in chart.panels for b in p.bars}


def test_series_are_committed_and_current() -> None:
    fresh = render_series(read_frames(ROOT))
    assert len(fresh) == 4
    stale = [rel for rel, data in fresh.items() if (ROOT / rel).read_bytes() != data]
    assert not stale, f"stale chart series {stale}: rebuild with python -m haidian_build"


def test_every_committed_png_was_drawn_from_the_current_series() -> None:
    fresh = render_series(read_frames(ROOT))
    for rel, series in fresh.items():
        png = (ROOT / rel).with_suffix(".png")
        assert png.is_file(), f"{png} missing"
        assert drawn_from(png.read_bytes()) == sha256(series), (
            f"{png.name} was drawn from other data than the tables hold now: "
            "rebuild with python -m haidian_build"
        )


def test_a_png_drawn_from_old_data_is_caught(charts: Chart, tmp_path: Path) -> None:
    """The check above is real: one program more changes the series, so its hash."""
    frames = read_frames(ROOT)
    before = render_series(frames)
    frames["programs"] = pl.concat([frames["programs"], frames["programs"].head(1)])
    after = render_series(frames)
    rel = f"{CHARTS_DIR}/programs_by_domain.json"
    assert sha256(before[rel]) != sha256(after[rel])
    committed = (ROOT / rel).with_suffix(".png").read_bytes()
    assert drawn_from(committed) == sha256(before[rel]) != sha256(after[rel])


def test_programs_chart_counts_every_program(charts: list[Chart]) -> None:
    chart = next(c for c in charts if c.name == "programs_by_domain")
    programs = hr.programs().filter(~pl.col("generic"))  # categories of work are not programs
    assert programs.height < hr.programs().height
    expected = Counter(f"{r['domain']}/{r['status']}" for r in programs.iter_rows(named=True))
    plotted = {ident: value for ident, (value, _) in _bars(chart).items()}
    assert plotted == {k: float(v) for k, v in expected.items()}
    assert f"({programs.height} programs)" in chart.title
    assert sum(plotted.values()) == programs.height


def test_levels_chart_plots_the_printed_2016_and_2021_figures(charts: list[Chart]) -> None:
    chart = next(c for c in charts if c.name == "levels_2016_2021")
    ind = hr.indicators().filter(pl.col("value").is_not_null())
    by_key: dict[tuple[str, str, str], dict[str, dict[str, object]]] = {}
    for r in ind.iter_rows(named=True):
        by_key.setdefault((r["metric_id"], r["measure"], r["scope"]), {})[r["period"]] = r
    expected = {
        r["indicator_id"]: (r["value"], r["value_text"])
        for years in by_key.values()
        if {"2016", "2021"} <= set(years)
        for r in (years["2016"], years["2021"])
    }
    plotted = {i: (v, t.split("\n")[0]) for i, (v, t) in _bars(chart).items()}
    assert plotted == expected
    assert len(chart.panels) == len(expected) // 2 >= 5


def test_cagr_chart_plots_every_rate(charts: list[Chart]) -> None:
    chart = next(c for c in charts if c.name == "cagr_2017_2021")
    rates = hr.indicators().filter((pl.col("measure") == "cagr") & pl.col("value").is_not_null())
    plotted = _bars(chart)
    assert {i: v for i, (v, _) in plotted.items()} == dict(
        zip(rates["indicator_id"], rates["value"], strict=True)
    )
    assert f"of {rates.height} rates are estimates" in chart.footer


def test_cagr_chart_hatches_estimates_and_marks_each_price_basis(charts: list[Chart]) -> None:
    # docs/charts.md: 2021 figures the report gives as estimates (预计) are hatched; the
    # report prints no price basis, so each money rate shows the convention its row records
    # (GDP's 7.6% is at comparable prices, technology-contract turnover's 7.6% is nominal)
    chart = next(c for c in charts if c.name == "cagr_2017_2021")
    rates = hr.indicators().filter((pl.col("measure") == "cagr") & pl.col("value").is_not_null())
    rows = {r["indicator_id"]: r for r in rates.iter_rows(named=True)}
    bars = [b for panel in chart.panels for b in panel.bars]
    assert {b.id: b.hatched for b in bars} == {i: bool(r["estimated"]) for i, r in rows.items()}
    marks = {"comparable": "[real]", "nominal": "[nominal]", "unknown": "[basis?]"}
    for bar in bars:
        basis = rows[bar.id]["price_basis"]
        if basis is None:
            assert "[" not in bar.category, bar.category
        else:
            assert bar.category.endswith(marks[basis]), bar.category
    assert "price basis as the report states it" not in chart.footer


def test_targets_chart_pairs_each_target_with_its_base(charts: list[Chart]) -> None:
    chart = next(c for c in charts if c.name == "targets_vs_base")
    values = dict(zip(hr.indicators()["indicator_id"], hr.indicators()["value"], strict=True))
    values |= dict(zip(hr.targets()["target_id"], hr.targets()["value"], strict=True))
    targets = hr.targets().filter(pl.col("base_indicator_id").is_not_null())
    for panel in chart.panels:
        base, target = panel.bars
        row = targets.filter(pl.col("target_id") == target.id).row(0, named=True)
        assert base.id == row["base_indicator_id"]
        assert (base.value, target.value) == (values[base.id], values[target.id])
    shown = len(chart.panels) + max(0, len(chart.notes) - 1)
    assert shown == targets.height


def test_drawn_figures_show_exactly_the_series(charts: list[Chart]) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from haidian_build.charts.draw import draw, installed_cjk_font, plotted, style

    for chart in charts:
        with style(installed_cjk_font()):
            fig = draw(chart)
        shown = plotted(fig)
        plt.close(fig)
        expected = [
            {
                "id": b.id,
                "category": b.category,
                "value": b.value,
                "text": b.text,
                "hatched": b.hatched,
            }
            for g in ([None] if chart.kind != "stacked_hbar" else list(chart.legend))
            for p in chart.panels
            for b in p.bars
            if g is None or b.group == g
        ]
        assert shown["bars"] == expected, chart.name
        assert shown["title"] == chart.title
        assert shown["footer"] == [chart.footer]
        assert shown["notes"] == "\n".join(chart.notes)
        titles = [(p.title, p.title_right) for p in chart.panels if p.title]
        assert all(t in shown["axes_titles"] for t in titles), chart.name


def test_png_text_chunks_are_read_back(tmp_path: Path, charts: list[Chart]) -> None:
    pytest.importorskip("matplotlib")
    from haidian_build.charts.draw import png

    try:
        data = png(charts[-1], {SERIES_KEY: "abc123"})
    except RuntimeError as exc:  # no CJK font on this machine
        pytest.skip(str(exc))
    assert png_text(data)[SERIES_KEY] == "abc123"
    assert "Software" not in png_text(data)


def test_build_keeps_a_current_png_and_redraws_a_stale_one(tmp_path: Path) -> None:
    frames = read_frames(ROOT)
    assert write_charts(tmp_path, frames, keep_from=ROOT) == []  # all current: copied
    for rel in render_series(frames):
        png = (ROOT / rel).with_suffix(".png")
        assert (tmp_path / rel).with_suffix(".png").read_bytes() == png.read_bytes()
    pytest.importorskip("matplotlib")
    stale = tmp_path / CHARTS_DIR / "programs_by_domain.png"
    stale.write_bytes(b"\x89PNG\r\n\x1a\nold")
    try:
        redrawn = write_charts(tmp_path, frames)
    except RuntimeError as exc:
        pytest.skip(str(exc))
    assert redrawn == [stale]
    assert drawn_from(stale.read_bytes()) == sha256(
        (ROOT / CHARTS_DIR / "programs_by_domain.json").read_bytes()
    )


def test_a_cjk_font_installed_after_matplotlibs_font_cache_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # CI of 3 December 2026: matplotlib's font cache on the machine predated fonts-noto-cjk,
    # so every Chinese label fell back to DejaVu Sans (326 missing-glyph warnings, boxes drawn)
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from haidian_build.charts.draw import CJK_FILES, installed_cjk_font

    files = [p for p in font_manager.findSystemFonts() if any(s in p for s in CJK_FILES)]
    if not files:
        pytest.skip("no CJK font file on this machine (apt-get install fonts-noto-cjk)")
    manager = font_manager.fontManager
    stale = [f for f in manager.ttflist if not any(s in f.fname for s in CJK_FILES)]
    monkeypatch.setattr(manager, "ttflist", stale)
    assert installed_cjk_font() is not None
