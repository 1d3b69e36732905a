"""The annotated reading page: the whole report, every row marked, one static HTML file.

:func:`render_viewer` turns the tables (as the docs generator reads them: the descriptor's
resources and the CSVs, cells as strings) and the source text into ``docs/viewer/index.html``:
the report section by section, every indicator, target, program mention, term mention and
exclusion one ``<mark data-table=… data-id=…>`` element, the rows behind them as JSON, and the
page's CSS and script inlined, so it works from ``file://`` and any static host with no
network. The output depends on nothing else, so the build's byte-for-byte test covers it.

>>> import haidian_report as hr
>>> from haidian_build.docs.markdown import read_table, tabular_resources
>>> from haidian_report.paths import package_dir
>>> data = package_dir() / "data"
>>> tables = {t.name: t for t in (read_table(r, data) for r in tabular_resources(hr.descriptor()))}
>>> page = render_viewer(hr.descriptor(), tables, hr.source_text())
>>> 'data-table="indicators" data-id="gdp.level.2016"' in page.decode()
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from haidian_build.viewer.kinds import KINDS, LINK_ORDER, Kind, span_of
from haidian_build.viewer.links import VIEWER_PAGE, ViewerLinks, primary_key
from haidian_build.viewer.markup import report_html, toc_html
from haidian_build.viewer.page import (
    HELP,
    description,
    fill,
    kind_boxes,
    metric_options,
    read_template,
    script,
    status_options,
)
from haidian_build.viewer.payload import payload, script_json

if TYPE_CHECKING:
    from haidian_build.docs.markdown import Table

__all__ = [
    "KINDS",
    "LINK_ORDER",
    "VIEWER_PAGE",
    "Kind",
    "ViewerLinks",
    "render_viewer",
    "span_of",
    "viewer_links",
]


def render_viewer(descriptor: Mapping[str, Any], tables: Mapping[str, Table], source: str) -> bytes:
    """The page's bytes (UTF-8), from the descriptor, its tables and the source text."""
    html = fill(
        read_template("index.html"),
        {
            "VERSION": description(descriptor),
            "CSS": read_template("viewer.css").strip(),
            "KINDS": kind_boxes(tables),
            "METRICS": metric_options(tables),
            "STATUSES": status_options(tables),
            "TOC": toc_html(tables["sections"]),
            "REPORT": report_html(source, tables),
            "HELP": HELP,
            "DATA": script_json(payload(descriptor, tables)),
            "JS": script(),
        },
    )
    return html.encode("utf-8")


def viewer_links(tables: Mapping[str, Table]) -> ViewerLinks:
    """Anchors for every row the page can open, for links from the other generated pages."""
    ids: dict[str, list[str]] = {}
    for name in LINK_ORDER:
        tbl = tables.get(name)
        key = primary_key(tbl.resource) if tbl is not None else None
        if tbl is not None and key is not None:
            ids[name] = [r[key] for r in tbl.rows]
    return ViewerLinks.from_ids(ids)
