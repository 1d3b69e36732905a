"""The report as HTML: sections, paragraphs and sentences, every highlighted row one element."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from haidian_build.viewer.kinds import KINDS, Kind, span_of
from haidian_build.viewer.links import primary_key
from haidian_build.viewer.spans import Node, Span, nest

if TYPE_CHECKING:
    from haidian_build.docs.markdown import Table

#: Deepest underline stack that gets its own spacing class (deeper ones share it).
MAX_DEPTH = 4


def _attr(value: str) -> str:
    return escape(value, quote=True)


def spans_by_sentence(tables: Mapping[str, Table]) -> dict[str, list[Span]]:
    """Every highlighted row's span, grouped by the sentence it cites."""
    out: dict[str, list[Span]] = defaultdict(list)
    for rank, kind in enumerate(KINDS):
        tbl = tables.get(kind.table)
        key = primary_key(tbl.resource) if tbl is not None else None
        if tbl is None or key is None:
            continue
        for row in tbl.rows:
            start, end = span_of(row)
            out[row["sentence_id"]].append(Span(start, end, kind.table, row[key], rank))
    return dict(out)


def _mark(node: Node, kinds: Mapping[str, Kind], inner: str) -> str:
    kind = kinds[node.span.table]
    depth = min(node.depth, MAX_DEPTH)
    cls = f"hl {kind.css}" + (f" d{depth}" if depth else "") + ("" if kind.shown else " off")
    table, row_id = _attr(node.span.table), _attr(node.span.row_id)
    if node.first:
        ident = f'data-table="{table}" data-id="{row_id}"'
    else:
        cls += " cont"
        ident = f'data-table="{table}" data-part-of="{row_id}"'
    return f'<mark class="{cls}" {ident}>{inner}</mark>'


def _render(text: str, offset: int, start: int, end: int, nodes: Sequence[Node]) -> str:
    kinds = {k.table: k for k in KINDS}
    out: list[str] = []
    pos = start
    for node in nodes:
        out.append(escape(text[pos - offset : node.start - offset], quote=False))
        inner = _render(text, offset, node.start, node.end, node.children)
        out.append(_mark(node, kinds, inner))
        pos = node.end
    out.append(escape(text[pos - offset : end - offset], quote=False))
    return "".join(out)


def sentence_html(sentence: Mapping[str, str], spans: Sequence[Span]) -> str:
    """One sentence: its Chinese with the highlights, a translation toggle, its English.

    >>> s = {"sentence_id": "p01.s01", "start": "10", "end": "14", "text": "增长6%",
    ...      "text_en": "grew 6%"}
    >>> html = sentence_html(s, [Span(12, 14, "indicators", "x.growth")])
    >>> print(html)  # doctest: +NORMALIZE_WHITESPACE
    <span class="s" id="p01.s01"><span class="zh">增长<mark class="hl ki"
    data-table="indicators" data-id="x.growth">6%</mark></span><button
    type="button" class="tr" aria-expanded="false" aria-controls="en-p01.s01"
    aria-label="English translation of sentence p01.s01">EN</button><span class="en"
    id="en-p01.s01" lang="en">grew 6%</span></span>
    """
    sid = _attr(sentence["sentence_id"])
    start, end = int(sentence["start"]), int(sentence["end"])
    zh = _render(sentence["text"], start, start, end, nest(spans))
    en = escape(sentence.get("text_en", ""), quote=False)
    return (
        f'<span class="s" id="{sid}"><span class="zh">{zh}</span>'
        f'<button type="button" class="tr" aria-expanded="false" aria-controls="en-{sid}" '
        f'aria-label="English translation of sentence {sid}">EN</button>'
        f'<span class="en" id="en-{sid}" lang="en">{en}</span></span>'
    )


@dataclass
class _Section:
    row: Mapping[str, str]
    children: list[_Section] = field(default_factory=list)
    sentences: list[Mapping[str, str]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return int(self.row["start"])


def _tree(sections: Table, sentences: Table) -> list[_Section]:
    nodes = {r["section_id"]: _Section(r) for r in sections.rows}
    roots: list[_Section] = []
    for node in nodes.values():
        parent = nodes.get(node.row.get("parent_id", ""))
        (parent.children if parent is not None and parent is not node else roots).append(node)
    for s in sentences.rows:
        if s["section_id"] in nodes:
            nodes[s["section_id"]].sentences.append(s)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.start)
        node.sentences.sort(key=lambda s: int(s["start"]))
    return sorted(roots, key=lambda n: n.start)


def _paragraph(node: _Section, source: str, spans: Mapping[str, list[Span]], tag: str) -> str:
    """A paragraph: its sentences, and any text between them, exactly as in the source."""
    out: list[str] = []
    pos = node.start
    for s in node.sentences:
        out.append(escape(source[pos : int(s["start"])].strip(), quote=False))
        out.append(sentence_html(s, spans.get(s["sentence_id"], [])))
        pos = int(s["end"])
    out.append(escape(source[pos : int(node.row["end"])].strip(), quote=False))
    pid = _attr(node.row["section_id"])
    return f'<{tag} class="p" id="{pid}">{"".join(out)}</{tag}>'


def _section(node: _Section, source: str, spans: Mapping[str, list[Span]]) -> str:
    level = int(node.row.get("level") or 1)
    if not node.children and node.sentences:
        return _paragraph(node, source, spans, "p")
    heading = node.row.get("heading") or ""
    tag = f"h{min(level + 1, 6)}"
    sid = _attr(node.row["section_id"])
    parts: list[str] = []
    children = list(node.children)
    first = children[0] if children else None
    label = ""
    if heading and first is not None and not first.children:
        first_text = "".join(s["text"] for s in first.sentences)
        if first.start == node.start and first_text.strip() == heading.strip():
            parts.append(_paragraph(first, source, spans, tag))
            label = _attr(first.row["section_id"])
            children = children[1:]
            heading = ""
    if heading:
        label = f"h-{sid}"
        parts.append(f'<{tag} class="p" id="{label}">{escape(heading, quote=False)}</{tag}>')
    parts += [_section(c, source, spans) for c in children]
    body = "\n".join(parts)
    named = f' aria-labelledby="{label}"' if label else ""
    return f'<section class="sec l{level}" id="{sid}"{named}>\n{body}\n</section>'


def report_html(source: str, tables: Mapping[str, Table]) -> str:
    """The whole report, section by section, with every highlighted row marked."""
    spans = spans_by_sentence(tables)
    roots = _tree(tables["sections"], tables["sentences"])
    return "\n".join(_section(r, source, spans) for r in roots)


def toc_html(sections: Table) -> str:
    """A list of links to the parts and subsections (those with a heading)."""
    items = [
        f'<li class="l{_attr(r["level"])}"><a href="#{_attr(r["section_id"])}">'
        f"{escape(r['heading'], quote=False)}</a></li>"
        for r in sorted(sections.rows, key=lambda r: (int(r["start"]), int(r["level"])))
        if r.get("heading")
    ]
    return "<ol>" + "".join(items) + "</ol>"
