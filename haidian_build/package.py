"""Assemble every table from source + curation and render the CSVs and datapackage.json."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from haidian_build.charts import read_frames, write_charts
from haidian_build.checks import check_tables
from haidian_build.curation import Curation, Locator, Problem, read_curation
from haidian_build.docs import render_docs
from haidian_build.facts import fact_rows, metric_rows
from haidian_build.goals import marker_exclusion_rows
from haidian_build.links import link_rows
from haidian_build.mentions import (
    catalogue,
    exclusion_rows,
    mention_rows,
    parts_by_section,
)
from haidian_report.figures import format_plain
from haidian_report.meta import (
    DATA_DIR,
    DATA_VERSION,
    DESCRIPTOR,
    PACKAGE_NAME,
    SOURCE_FILE,
    SOURCE_RESOURCE,
    SOURCE_SHA256,
)
from haidian_report.models import TABLES, Row, Section, Sentence
from haidian_report.schema import columns, table_schema
from haidian_report.segment import SentenceSpan, segment


@dataclass
class Tables:
    """Every table's rows, by resource name, plus the problems met building them."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_source(root: Path) -> str:
    """The shipped source text, after checking its sha256."""
    raw = (root / DATA_DIR / SOURCE_FILE).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        raise ValueError(
            f"{DATA_DIR}/{SOURCE_FILE}: sha256 {digest} differs from the pinned {SOURCE_SHA256}"
        )
    return raw.decode("utf-8")


def _translations(cur: Curation, sentences: list[SentenceSpan]) -> dict[str, str]:
    by_id = {s.sentence_id: s for s in sentences}
    english: dict[str, str] = {}
    for entry in cur.of("sentence"):
        ident = entry.data.get("id")
        sent = by_id.get(str(ident))
        if sent is None:
            cur.problem(entry, "id", "no such sentence")
            continue
        if entry.data.get("zh") != sent.text:
            cur.problem(entry, "zh", f"differs from the source sentence {sent.text!r}")
        text_en = entry.data.get("en")
        if not isinstance(text_en, str) or not text_en.strip():
            cur.problem(entry, "en", "missing or empty")
            continue
        if sent.sentence_id in english:
            cur.problem(entry, "id", "translated twice")
        english[sent.sentence_id] = text_en.strip()
    return english


def assemble(root: Path) -> Tables:
    """Build every table in memory from ``root/data`` (source) and ``root/curation``."""
    source = read_source(root)
    section_spans, sentence_spans = segment(source)
    cur = read_curation(root / "curation")
    loc = Locator(source, sentence_spans)
    out = Tables()
    out.rows["sections"] = [Section.model_validate(asdict(s)) for s in section_spans]
    english = _translations(cur, sentence_spans)
    missing = [s.sentence_id for s in sentence_spans if s.sentence_id not in english]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        cur.problems.append(
            Problem("translations", "-", "en", f"{len(missing)} sentence(s) untranslated: {shown}")
        )
    out.rows["sentences"] = [
        Sentence.model_validate({**asdict(s), "text_en": english.get(s.sentence_id, "?")})
        for s in sentence_spans
    ]
    metrics = metric_rows(cur)
    out.rows["metrics"] = list(metrics)
    indicators, targets = fact_rows(cur, loc, metrics)
    out.rows["indicators"], out.rows["targets"] = list(indicators), list(targets)
    programs, terms = catalogue(cur)
    out.rows["programs"], out.rows["terms"] = list(programs), list(terms)
    p_mentions, t_mentions = mention_rows(cur, loc, parts_by_section(section_spans))
    out.rows["program_mentions"], out.rows["term_mentions"] = list(p_mentions), list(t_mentions)
    exclusions = exclusion_rows(cur, loc) + marker_exclusion_rows(cur, loc)
    exclusions.sort(key=lambda r: (r.quote_start, r.exclusion_id))
    out.rows["exclusions"] = list(exclusions)
    out.rows["program_links"] = list(
        link_rows(cur, out.rows["programs"], p_mentions, indicators, targets, source)
    )
    audit = check_tables(indicators, targets, metrics)
    out.rows["checks"], out.rows["check_inputs"] = list(audit.checks), list(audit.check_inputs)
    out.rows["derivations"] = list(audit.derivations)
    out.rows["derivation_inputs"] = list(audit.derivation_inputs)
    out.problems = cur.problems
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_plain(value)
    return str(value)


def render_csv(model: type[Row], rows: Sequence[Row]) -> bytes:
    """CSV bytes of a table: UTF-8, LF, header row, plain decimals."""
    cols = columns(model)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        data = row.model_dump()
        writer.writerow([_cell(data[c]) for c in cols])
    return buf.getvalue().encode("utf-8")


def _file_resource(name: str, path: str, content: bytes) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
    }


def render(tables: Tables, source: bytes) -> dict[str, bytes]:
    """Every output file (relative path → bytes): the CSVs and datapackage.json."""
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = [
        {
            # No "type": Data Package 2.0 allows only "table"; text/plain says what it is.
            **_file_resource(SOURCE_RESOURCE, f"{DATA_DIR}/{SOURCE_FILE}", source),
            "title": "The report, verbatim",
            "description": "The Haidian District People's Government work report of 15 December "
            "2021, as UTF-8 text. Every offset in the tables indexes this text in Unicode code "
            "points (Python str indices, end exclusive).",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
        }
    ]
    for model in TABLES:
        meta = model.TABLE
        path = f"{DATA_DIR}/{meta.name}.csv"
        files[path] = render_csv(model, tables.rows.get(meta.name, []))
        resources.append(
            {
                **_file_resource(meta.name, path, files[path]),
                "type": "table",
                "title": meta.title,
                "description": meta.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": table_schema(model),
            }
        )
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "title": "Haidian District Government Work Report 2021 (海淀区政府工作报告), as data",
        "description": "Every indicator, target, named program and quoted policy term of the "
        "Haidian District People's Government work report delivered on 15 December 2021, each "
        "row tied to the exact sentence and characters of the shipped source text, with an "
        "unofficial English translation of every sentence.",
        "version": DATA_VERSION,
        "keywords": ["China", "Beijing", "Haidian", "government work report", "targets"],
        "licenses": [
            {
                "name": "CC0-1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                "title": "CC0 1.0 Universal (the curation and tables); the report itself is an "
                "official document of a state organ, not subject to copyright (PRC Copyright "
                "Law, Article 5)",
            }
        ],
        "sources": [
            {
                "title": "海淀区人民政府 政府工作报告, 2021年12月15日在海淀区第十七届人民代表大会"
                "第一次会议上 (Haidian District People's Government)",
                "path": "https://www.bjhd.gov.cn/",
            }
        ],
        "resources": resources,
    }
    files[DESCRIPTOR] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )
    return files


def build(root: Path, out: Path | None = None, *, force: bool = False) -> Tables:
    """Assemble and write every output under ``out`` (default: ``root``) if no problems.

    Outputs: the CSVs, datapackage.json, the generated docs pages and the charts
    (:func:`haidian_build.charts.write_charts`, which raises ``ChartError`` when a chart must
    be redrawn and matplotlib or a CJK font is missing).

    ``force`` writes even when there are problems (rows with problems are left out): for
    work in progress only; the tests require a build with no problems.
    """
    tables = assemble(root)
    if tables.problems and not force:
        return tables
    files = render(tables, (root / DATA_DIR / SOURCE_FILE).read_bytes())
    target = out or root
    for rel, content in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if out is not None and out != root:
        (target / DATA_DIR / SOURCE_FILE).write_bytes((root / DATA_DIR / SOURCE_FILE).read_bytes())
    # The data dictionary and the provenance/checks pages are generated from what was written.
    descriptor = json.loads(files[DESCRIPTOR])
    for rel, content in render_docs(descriptor, target / DATA_DIR).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    # The charts too: their series from the tables, each PNG redrawn when its series changed.
    write_charts(target, read_frames(target), keep_from=root if target != root else None)
    return tables
