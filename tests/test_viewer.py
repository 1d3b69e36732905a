"""The reading page as generated: every row one element, the whole report, no network, < 1 MB.

The browser tests (tests/test_viewer_browser.py) check the same page after its script runs;
these read the HTML the build writes, so they run everywhere in a fraction of a second.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import haidian_report as hr
from haidian_build.docs.markdown import Table, read_table, tabular_resources
from haidian_build.viewer import KINDS, render_viewer, span_of, viewer_links
from haidian_build.viewer.spans import Node, Span, nest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "viewer" / "index.html"
MARKED = ("indicators", "targets", "program_mentions", "term_mentions", "exclusions")


def _csv(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _key(name: str) -> str:
    resource = next(r for r in hr.descriptor()["resources"] if r["name"] == name)
    return str(resource["schema"]["primaryKey"][0])


_VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "col"}


class _Marks(HTMLParser):
    """Collects each mark's table, id (or part-of), text, and the Chinese text of sentences."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict[str, Any]] = []
        self.marks: list[dict[str, Any]] = []
        self.sentence_text: dict[str, str] = defaultdict(str)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.sentence: str | None = None
        self.in_zh = 0
        self.externals: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "source", "video", "audio", "object"):
            for attr in ("src", "href", "data"):
                value = a.get(attr) or ""
                if value and not value.startswith("data:"):
                    self.externals.append(value)
        if tag not in _VOID:
            self.stack.append((tag, a))
        classes = (a.get("class") or "").split()
        if tag == "span" and "s" in classes:
            self.sentence = a.get("id")
        if tag == "span" and "zh" in classes:
            self.in_zh += 1
        if tag == "mark":
            mark = {"attrs": a, "text": "", "sentence": self.sentence}
            self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        open_tag, a = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag == "mark":
            self.open.pop()
        if tag == "span" and "zh" in (a.get("class") or "").split():
            self.in_zh -= 1

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["text"] += data
        if self.in_zh and self.sentence:
            self.sentence_text[self.sentence] += data


@pytest.fixture(scope="module")
def parsed() -> _Marks:
    parser = _Marks()
    parser.feed(PAGE.read_text(encoding="utf-8"))
    return parser


def test_every_row_of_every_marked_table_has_exactly_one_element(parsed: _Marks) -> None:
    with_id = Counter(
        (m["attrs"]["data-table"], m["attrs"]["data-id"])
        for m in parsed.marks
        if m["attrs"].get("data-id")
    )
    for name in MARKED:
        key = _key(name)
        rows = _csv(name)
        assert rows, f"{name} is empty"
        for row in rows:
            assert with_id[(name, row[key])] == 1, f"{name} {row[key]}: {with_id[(name, row[key])]}"
    assert sum(with_id.values()) == sum(len(_csv(n)) for n in MARKED)


def test_each_element_holds_exactly_the_characters_of_its_row(parsed: _Marks, source: str) -> None:
    """A fact marks its printed figure (value_text), a mention or exclusion its quote."""
    text: dict[tuple[str, str], str] = defaultdict(str)
    sentence: dict[tuple[str, str], str] = {}
    for m in parsed.marks:
        a = m["attrs"]
        ident = (a["data-table"], a.get("data-id") or a["data-part-of"])
        text[ident] += m["text"] if a.get("data-id") else ""
        sentence[ident] = m["sentence"]
    for m in parsed.marks:  # continuations (crossing spans) complete their row's text
        a = m["attrs"]
        if not a.get("data-id"):
            text[(a["data-table"], a["data-part-of"])] += m["text"]
    for name in MARKED:
        key = _key(name)
        for row in _csv(name):
            start, end = span_of(row)
            expected = row["value_text"] if row.get("value_text") else row["quote"]
            assert source[start:end] == expected
            assert text[(name, row[key])] == expected, (name, row[key])
            assert sentence[(name, row[key])] == row["sentence_id"]


def test_the_whole_report_is_on_the_page_sentence_by_sentence(parsed: _Marks) -> None:
    sentences = _csv("sentences")
    assert list(parsed.sentence_text) == [s["sentence_id"] for s in sentences]
    for s in sentences:
        assert parsed.sentence_text[s["sentence_id"]] == s["text"], s["sentence_id"]
    page = PAGE.read_text(encoding="utf-8")
    assert all(f'id="en-{s["sentence_id"]}" lang="en">' in page for s in sentences)


def test_the_gdp_sentence_marks_5908_as_gdp_level_2016(parsed: _Marks) -> None:
    """Source, p09.s02: 地区生产总值由2016年的5908亿元预计增至9500亿元,全市占比由21.8%增至24%…"""
    mark = next(m for m in parsed.marks if m["attrs"].get("data-id") == "gdp.level.2016")
    assert mark["text"] == "5908亿元"
    assert mark["attrs"]["data-table"] == "indicators"
    assert mark["sentence"] == "p09.s02"
    assert parsed.sentence_text["p09.s02"].startswith(
        "地区生产总值由2016年的5908亿元预计增至9500亿元"
    )


def test_the_page_needs_no_network_and_weighs_under_a_megabyte(parsed: _Marks) -> None:
    assert parsed.externals == [], parsed.externals
    page = PAGE.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    assert PAGE.stat().st_size < 1_000_000, f"{PAGE.stat().st_size} bytes"


def test_the_page_data_carries_every_column_of_the_tables(parsed: _Marks) -> None:
    page = PAGE.read_text(encoding="utf-8")
    blob = page.split('<script type="application/json" id="viewer-data">', 1)[1]
    data = json.loads(blob.split("</script>", 1)[0])
    for name in MARKED:
        resource = next(r for r in hr.descriptor()["resources"] if r["name"] == name)
        assert data["tables"][name]["cols"] == [f["name"] for f in resource["schema"]["fields"]]
        assert len(data["tables"][name]["rows"]) == len(_csv(name))


def _tables(data_dir: Path) -> dict[str, Table]:
    return {
        t.name: t for t in (read_table(r, data_dir) for r in tabular_resources(hr.descriptor()))
    }


def test_a_column_added_to_a_table_reaches_the_page() -> None:
    """Others add columns (price_basis, variant…): the page shows whatever columns exist."""
    tables = _tables(ROOT / "data")
    ind = tables["indicators"]
    resource = json.loads(json.dumps(ind.resource))
    resource["schema"]["fields"].append({"name": "variant", "type": "string"})
    rows = [{**r, "variant": "probe-variant"} for r in ind.rows]
    tables["indicators"] = Table(resource, [*ind.header, "variant"], rows)
    page = render_viewer(hr.descriptor(), tables, hr.source_text()).decode("utf-8")
    assert '"variant"' in page and "probe-variant" in page


def test_ids_shared_by_two_tables_link_with_the_table_name() -> None:
    tables = _tables(ROOT / "data")
    links = viewer_links(tables)
    shared = set(tables["metrics"].column("metric_id")) & set(
        tables["programs"].column("program_id")
    )
    for ident in shared:
        assert links.anchor("metrics", ident) == ident
        assert links.anchor("programs", ident) == f"programs/{ident}"
    assert links.anchor("indicators", "gdp.level.2016") == "gdp.level.2016"
    assert links.href("indicators", "gdp.level.2016", "docs/dictionary") == (
        "../viewer/index.html#gdp.level.2016"
    )


def test_kinds_cover_the_marked_tables_in_nesting_order() -> None:
    assert tuple(k.table for k in KINDS) == MARKED
    assert len({k.css for k in KINDS}) == len(KINDS)


# --- nesting -----------------------------------------------------------------------------


def _walk(nodes: list[Node], parent: Node | None = None) -> list[tuple[Node, Node | None]]:
    out: list[tuple[Node, Node | None]] = []
    for n in nodes:
        out.append((n, parent))
        out += _walk(n.children, n)
    return out


spans_strategy = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@given(spans_strategy)
def test_nesting_gives_one_first_fragment_per_span_and_covers_it_exactly(
    pairs: list[tuple[int, int]],
) -> None:
    spans = [Span(s, e, "t", f"r{i}") for i, (s, e) in enumerate(pairs)]
    nodes = _walk(nest(spans))
    by_row: dict[str, list[Node]] = defaultdict(list)
    for node, parent in nodes:
        by_row[node.span.row_id].append(node)
        assert node.span.start <= node.start <= node.end <= node.span.end
        if parent is not None:  # properly nested: inside the parent
            assert parent.start <= node.start and node.end <= parent.end
    for i, (s, e) in enumerate(pairs):
        frags = sorted(by_row[f"r{i}"], key=lambda n: n.start)
        assert sum(f.first for f in frags) == 1 and frags[0].first
        covered = [c for f in frags for c in range(f.start, f.end)]
        assert covered == list(range(s, e))
    siblings: dict[int, list[Node]] = defaultdict(list)
    for node, parent in nodes:
        siblings[id(parent)].append(node)
    for group in siblings.values():  # siblings never overlap
        ordered = sorted(group, key=lambda n: (n.start, n.end))
        for a, b in itertools.pairwise(ordered):
            assert a.end <= b.start or a.start == a.end or b.start == b.end


def test_rows_sharing_a_span_nest_in_a_fixed_order() -> None:
    """Source, p58.s05: three 2022 targets and the term 动态清零 share the same four characters."""
    spans = [
        Span(0, 4, "term_mentions", "dynamic_clearance@11491", 3),
        Span(0, 4, "targets", "street_occupation_vending.level.2022", 1),
        Span(0, 4, "targets", "illegal_group_rentals.level.2022", 1),
    ]
    (outer,) = nest(spans)
    chain = [outer.span.row_id]
    while outer.children:
        (outer,) = outer.children
        chain.append(outer.span.row_id)
    assert chain == [
        "illegal_group_rentals.level.2022",
        "street_occupation_vending.level.2022",
        "dynamic_clearance@11491",
    ]


# --- links from the other pages ------------------------------------------------------------

VIEWER_LINK = re.compile(r"\]\((?P<path>(?:\.\./)*viewer/index\.html)#(?P<anchor>[^)\s]+)\)")


def test_every_link_into_the_page_from_the_docs_names_a_row_it_has() -> None:
    """Dictionary examples, provenance rows and check inputs link to their place in the page."""
    links = viewer_links(_tables(ROOT / "data"))
    found: dict[str, int] = Counter()
    for md in sorted((ROOT / "docs").rglob("*.md")):
        for m in VIEWER_LINK.finditer(md.read_text(encoding="utf-8")):
            assert (md.parent / m["path"]).resolve() == PAGE, md
            anchor = m["anchor"]
            table, _, ident = anchor.rpartition("/")
            table = table or links.owner.get(ident, "")
            assert links.anchor(table, ident) == anchor, f"{md.name}: #{anchor}"
            found[md.relative_to(ROOT / "docs").as_posix()] += 1
    assert found["provenance.md"] >= 3
    assert found["checks.md"] >= len(_csv("check_inputs"))
    for name in MARKED:
        assert found[f"dictionary/{name}.md"] >= 2, name
    assert "](../viewer/index.html#gdp.level.2016)" in (
        ROOT / "docs" / "dictionary" / "indicators.md"
    ).read_text(encoding="utf-8")


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_the_guide_readme_and_landing_page_show_the_page_with_a_screenshot() -> None:
    guide = (ROOT / "docs" / "viewer-guide.md").read_text(encoding="utf-8")
    assert "](viewer/screenshot-desktop.png)" in guide and "](viewer/screenshot-phone.png)" in guide
    assert "](viewer/index.html#gdp.level.2016)" in guide
    assert _png_size(ROOT / "docs" / "viewer" / "screenshot-desktop.png") == (1366, 900)
    assert _png_size(ROOT / "docs" / "viewer" / "screenshot-phone.png") == (390, 844)
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(viewer/screenshot-desktop.png)" in index and "](viewer/index.html" in index
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/viewer/screenshot-desktop.png)" in readme and "(docs/viewer/index.html)" in readme
