"""Draw a :class:`~haidian_build.charts.series.Chart` with matplotlib, and read a figure back.

Drawing takes every number and label from the series; :func:`plotted` reads what a figure
actually shows (bar lengths from the rectangles, labels from the text artists, titles) so a
test can hold the figure to the series and the series to the tables. Reading artists, not
pixels, is what makes that check the same on every matplotlib version and font.

Chinese labels need a CJK font (``apt-get install fonts-noto-cjk``); :func:`cjk_font` finds one
or says how to get it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from haidian_build.charts import ChartError
from haidian_build.charts.series import Bar, Chart, Panel, grid

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC")
COLOURS = {
    "2016": "#9aa5b1",
    "2021": "#3f51b5",
    "base": "#9aa5b1",
    "target": "#e8710a",
    "rate": "#3f51b5",
    "done": "#2e7d32",
    "ongoing": "#3f51b5",
    "planned": "#e8710a",
}
PANEL_COLUMNS = {"levels_2016_2021": 3, "targets_vs_base": 4}
STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "axes.unicode_minus": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
}
NOTES_GID = "notes"
FOOTER_GID = "footer"


#: Files of the fonts of :data:`CJK_FONTS`, as Debian, Homebrew and Adobe name them.
CJK_FILES = ("NotoSansCJK", "NotoSansSC", "SourceHanSans")


def installed_cjk_font() -> str | None:
    """Name of an installed CJK font, or None.

    matplotlib lists the fonts it found when it first ran (its font cache); a font installed
    after that (``apt-get install fonts-noto-cjk`` on a machine that had drawn a chart before)
    is not in the list, and every Chinese label would fall back to boxes. So when no CJK font
    is listed, the system's font files are searched once and any CJK one is added.
    """
    manager = font_manager.fontManager
    found = _listed(manager)
    if found is None:
        for path in font_manager.findSystemFonts():
            if any(stem in Path(path).name for stem in CJK_FILES):
                manager.addfont(path)
        found = _listed(manager)
    return found


def _listed(manager: font_manager.FontManager) -> str | None:
    installed = {f.name for f in manager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def cjk_font() -> str:
    """Name of an installed CJK font, or :class:`ChartError` saying how to install one."""
    found = installed_cjk_font()
    if found is None:
        raise ChartError(
            "no CJK font for the charts' Chinese labels (tried " + ", ".join(CJK_FONTS) + "): "
            "install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; macOS: brew install "
            "--cask font-noto-sans-cjk-sc), then delete matplotlib's font cache "
            "(python -c 'import matplotlib; print(matplotlib.get_cachedir())')"
        )
    return found


@contextmanager
def style(font: str | None) -> Iterator[None]:
    """The charts' matplotlib settings, only for the ``with`` block."""
    fonts = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    settings: Any = {**STYLE, "font.sans-serif": fonts}
    with plt.rc_context(settings):
        yield


def _bars(ax: Axes, panel: Panel, horizontal: bool, **kwargs: Any) -> BarContainer:
    position = {c: i for i, c in enumerate(panel.categories)}
    where = [position[b.category] for b in panel.bars]
    values = [b.value for b in panel.bars]
    common = {
        "color": [COLOURS.get(b.group, "#3f51b5") for b in panel.bars],
        "hatch": ["//" if b.hatched else "" for b in panel.bars],
        "edgecolor": "white",
        **kwargs,
    }
    if horizontal:
        container = ax.barh(where, values, height=0.65, **common)
    else:
        container = ax.bar(where, values, width=0.6, **common)
    for rect, bar in zip(container.patches, panel.bars, strict=True):
        rect.set_gid(bar.id)
    return container


def _label(ax: Axes, container: BarContainer, bars: list[Bar], **kwargs: Any) -> None:
    texts = ax.bar_label(container, labels=[b.text for b in bars], **kwargs)
    for text, bar in zip(texts, bars, strict=True):
        text.set_gid(f"{bar.id}#label")


def _small_panel(ax: Axes, panel: Panel, headroom: float) -> None:
    container = _bars(ax, panel, horizontal=False)
    _label(ax, container, panel.bars, padding=2, fontsize=9)
    ax.set_xticks(range(len(panel.categories)), labels=panel.categories)
    values = [b.value for b in panel.bars]
    ax.set_ylim(min(0.0, min(values)) * headroom, max(0.0, max(values)) * headroom or 1.0)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_title(panel.title, fontsize=9.5, loc="left")
    if panel.title_right:
        ax.set_title(panel.title_right, loc="right", fontsize=11, fontweight="bold")


def _panels(chart: Chart) -> Figure:
    nrows, ncols = grid(len(chart.panels), PANEL_COLUMNS.get(chart.name, 3))
    notes_height = 0.3 * len(chart.notes) + 0.5 if chart.notes else 0.0
    fig = plt.figure(figsize=(11, 3.4 * nrows + notes_height + 0.6))
    spec = fig.add_gridspec(
        nrows + (1 if chart.notes else 0),
        ncols,
        height_ratios=[3.4] * nrows + ([notes_height] if chart.notes else []),
    )
    headroom = 1.4 if chart.notes else 1.35
    for i, panel in enumerate(chart.panels):
        _small_panel(fig.add_subplot(spec[i // ncols, i % ncols]), panel, headroom)
    if chart.notes:
        ax = fig.add_subplot(spec[nrows, :])
        ax.axis("off")
        note = ax.text(0, 1, "\n".join(chart.notes), va="top", ha="left", fontsize=9.5)
        note.set_linespacing(1.7)
        note.set_gid(NOTES_GID)
    return fig


def _hbar(chart: Chart) -> Figure:
    panel = chart.panels[0]
    n = len(panel.categories)
    fig, ax = plt.subplots(figsize=(10, 0.45 * n + 1.6))
    container = _bars(ax, panel, horizontal=True)
    _label(ax, container, panel.bars, padding=3, fontsize=9.5)
    ax.set_yticks(range(n), labels=panel.categories, fontsize=9.5)
    ax.set_xlim(0, max((b.value for b in panel.bars), default=1.0) * 1.15)
    ax.set_xlabel(panel.xlabel)
    ax.grid(axis="x", color="#e0e0e0")
    ax.set_axisbelow(True)
    return fig


def _stacked_hbar(chart: Chart) -> Figure:
    panel = chart.panels[0]
    n = len(panel.categories)
    fig, ax = plt.subplots(figsize=(10, 0.42 * n + 1.8))
    left = dict.fromkeys(panel.categories, 0.0)
    for group, label in chart.legend.items():
        bars = [b for b in panel.bars if b.group == group]
        if not bars:
            continue
        one = Panel("", "", panel.categories, bars)
        container = _bars(ax, one, True, left=[left[b.category] for b in bars], label=label)
        _label(ax, container, bars, label_type="center", color="white", fontsize=8.5)
        for b in bars:
            left[b.category] += b.value
    for i, (category, total) in enumerate(left.items()):
        ax.text(total + 0.5, i, f"{int(total)}", va="center", fontsize=9).set_gid(
            f"total:{category}"
        )
    ax.set_yticks(range(n), labels=panel.categories, fontsize=10)
    ax.set_xlabel(panel.xlabel)
    ax.set_xlim(0, max(left.values(), default=1.0) * 1.08)
    ax.legend(loc="lower right", frameon=False)
    return fig


def draw(chart: Chart) -> Figure:
    """The figure of one chart (call inside :func:`style`)."""
    fig = {"panels": _panels, "hbar": _hbar, "stacked_hbar": _stacked_hbar}[chart.kind](chart)
    if chart.kind == "panels":
        fig.suptitle(chart.title, fontsize=13, x=0.01, ha="left")
    else:
        fig.axes[0].set_title(chart.title, fontsize=13, loc="left")
    fig.tight_layout()
    footer = fig.text(0.01, -0.01, chart.footer, ha="left", va="top", fontsize=8, color="#555555")
    footer.set_gid(FOOTER_GID)
    return fig


def png(chart: Chart, metadata: dict[str, str]) -> bytes:
    """The chart as PNG bytes, with ``metadata`` as PNG text chunks (needs a CJK font)."""
    font = cjk_font()
    with style(font):
        fig = draw(chart)
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            bbox_inches="tight",
            metadata={"Software": None, **metadata},
        )
        plt.close(fig)
    return buffer.getvalue()


def _category(ax: Axes, rect: Any, horizontal: bool) -> str:
    ticks = ax.get_yticks() if horizontal else ax.get_xticks()
    labels = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    centre = (
        rect.get_y() + rect.get_height() / 2 if horizontal else rect.get_x() + rect.get_width() / 2
    )
    index = min(range(len(ticks)), key=lambda i: abs(ticks[i] - centre))
    return str(labels[index].get_text())


def plotted(fig: Figure) -> dict[str, Any]:
    """What a drawn figure shows: titles, every bar (id, category, length, label, hatch), notes.

    Read from the artists (rectangles and texts), in drawing order.
    """
    labels = {
        str(t.get_gid()).removesuffix("#label"): t.get_text()
        for ax in fig.axes
        for t in ax.texts
        if str(t.get_gid()).endswith("#label")
    }
    bars: list[dict[str, Any]] = []
    titles: list[tuple[str, str]] = []
    notes = ""
    for ax in fig.axes:
        for container in ax.containers:
            if not isinstance(container, BarContainer):
                continue
            horizontal = container.orientation == "horizontal"
            for rect in container.patches:
                bars.append(
                    {
                        "id": rect.get_gid(),
                        "category": _category(ax, rect, horizontal),
                        "value": float(rect.get_width() if horizontal else rect.get_height()),
                        "text": labels.get(str(rect.get_gid()), ""),
                        "hatched": bool(rect.get_hatch()),
                    }
                )
        titles.append((ax.get_title("left"), ax.get_title("right")))
        notes += "".join(t.get_text() for t in ax.texts if t.get_gid() == NOTES_GID)
    return {
        "title": fig.get_suptitle() or (fig.axes[0].get_title("left") if fig.axes else ""),
        "axes_titles": titles,
        "bars": bars,
        "notes": notes,
        "footer": [t.get_text() for t in fig.texts if t.get_gid() == FOOTER_GID],
    }
