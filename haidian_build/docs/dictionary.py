"""The data dictionary: one page per table and an index, from the descriptor and the CSVs."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from haidian_build.docs.markdown import (
    Table,
    _anchor,
    _page,
    md_cell_code,
    md_code,
    md_code_link,
    md_text,
    shorten,
    table,
)
from haidian_report.figures import UNIT_CODES
from haidian_report.meta import SOURCE_RESOURCE

if TYPE_CHECKING:
    from haidian_build.viewer import ViewerLinks

#: Folder the table pages are written to, for relative links into the reading page.
PAGE_DIR = "docs/dictionary"


def _required(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("required", False))


def _constraint_text(field: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key, value in field.get("constraints", {}).items():
        if key == "required":
            continue
        if key == "enum":  # every allowed code (the categories list only those with rows)
            out.append("enum " + ", ".join(md_code(str(v)) for v in value))
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        out.append(f"{key} {md_code(str(shown))}")
    if field.get("type") == "number" and field.get("bareNumber"):
        out.append("bareNumber (plain decimal, no units or separators)")
    return out


def _number(raw: str) -> float:
    return float(raw)


def _range(field: dict[str, Any], values: list[str]) -> str | None:
    if field["type"] not in ("integer", "number") or not values:
        return None
    low = min(values, key=_number)
    high = max(values, key=_number)
    return f"{md_code(low)} to {md_code(high)}"


def _foreign_keys(tbl: Table) -> dict[str, tuple[str, str]]:
    """field → (referenced resource, referenced field) for single-column foreign keys."""
    out: dict[str, tuple[str, str]] = {}
    for key in tbl.resource["schema"].get("foreignKeys", []):
        fields, ref = key["fields"], key["reference"]
        names = [fields] if isinstance(fields, str) else list(fields)
        refs = ref["fields"]
        ref_names = [refs] if isinstance(refs, str) else list(refs)
        for name, ref_name in zip(names, ref_names, strict=True):
            out[name] = (str(ref.get("resource", tbl.name)) or tbl.name, ref_name)
    return out


def _unit_cell(field: dict[str, Any], tbl: Table) -> str:
    """The field's declared unit, or a pointer to the per-row ``unit`` column for numbers."""
    if field.get("unit"):
        return md_text(str(field["unit"]))
    if field["type"] == "number" and "unit" in tbl.header:
        return "per row, in [`unit`](#unit)"
    return "—"


def _example(values: list[str]) -> str | None:
    return next((v for v in values if v != ""), None)


def _viewer_href(tbl: Table, field: str, value: str, links: ViewerLinks | None) -> str | None:
    """Where the reading page shows the row this id cell names (its own row or a referenced one)."""
    if links is None or not value:
        return None
    pk = tbl.resource["schema"].get("primaryKey", [])
    if list(pk) == [field]:
        return links.href(tbl.name, value, PAGE_DIR)
    ref = _foreign_keys(tbl).get(field)
    return links.href(ref[0], value, PAGE_DIR) if ref else None


def render_table_page(tbl: Table, links: ViewerLinks | None = None) -> bytes:
    """The dictionary page of one table; ids link to the reading page when ``links`` is given."""
    res, schema = tbl.resource, tbl.resource["schema"]
    fks = _foreign_keys(tbl)
    n = len(tbl.rows)
    pk = schema.get("primaryKey", [])
    read_call = f'pl.read_csv("{res["path"]}")'
    out = [
        f"# {md_text(str(res.get('title', tbl.name)))} ({md_code(tbl.name)})\n",
        md_text(str(res.get("description", ""))) + "\n",
    ]
    facts = [
        ("File", md_code(str(res["path"]))),
        ("Rows", f"{n:,}"),
        ("Fields", str(len(tbl.fields))),
        ("Primary key", ", ".join(md_code(k) for k in pk) or "—"),
        (
            "Foreign keys",
            "; ".join(
                f"{md_code(f)} → [{md_code(r)}]({r}.md#{_anchor(rf)}).{md_code(rf)}"
                for f, (r, rf) in fks.items()
            )
            or "—",
        ),
        ("Empty cell means", "null (missingValues: " + md_code('""') + ")"),
        ("Load", md_code(f'hr.load("{tbl.name}")') + " · " + md_code(read_call)),
    ]
    out.append(table(["", ""], [[f"**{k}**", v] for k, v in facts]))
    out.append("## Fields\n")
    summary = []
    for i, f in enumerate(tbl.fields, 1):
        example = _example(tbl.column(f["name"]))
        summary.append(
            [
                str(i),
                f"[{md_code(f['name'])}](#{_anchor(f['name'])})",
                f["type"],
                _unit_cell(f, tbl),
                "yes" if _required(f) else "no",
                _summary_example(tbl, f["name"], example, links),
            ]
        )
    out.append(table(["#", "field", "type", "unit", "required", "example"], summary, "r"))
    out.append("## Field details\n")
    for f in tbl.fields:
        name = f["name"]
        values = tbl.column(name)
        present = [v for v in values if v != ""]
        out.append(f"### {name} {{#{_anchor(name)}}}\n")
        out.append(md_text(str(f.get("description", ""))) or "*(no description)*")
        out.append("")
        items = [
            f"**Type:** {f['type']}",
            f"**Unit:** {_unit_cell(f, tbl)}",
            f"**Required:** {'yes' if _required(f) else 'no (empty cell = null)'}",
        ]
        cons = _constraint_text(f)
        items.append("**Constraints:** " + ("; ".join(cons) if cons else "—"))
        if name in fks:
            ref, ref_field = fks[name]
            items.append(
                f"**References:** [{md_code(ref)}]({ref}.md#{_anchor(ref_field)})"
                f".{md_code(ref_field)}"
            )
        if name in pk:
            key_kind = "part of the primary key" if len(pk) > 1 else "primary key"
            items.append(f"**Key:** {key_kind}")
        cats = f.get("categories")
        if cats:
            counts = Counter(values)
            shown = ", ".join(f"{md_code(str(c))} ({counts.get(str(c), 0)})" for c in cats)
            items.append(f"**Categories** (rows with each): {shown}")
        if n:
            distinct = len(set(present))
            items.append(f"**Filled:** {len(present):,} of {n:,} rows; {distinct:,} distinct")
        span = _range(f, present)
        if span:
            items.append(f"**Range in the data:** {span}")
        example = _example(values)
        if example is not None:
            row = next(r for r in tbl.rows if r[name] != "")
            key = ", ".join(f"{k}={row[k]}" for k in pk if k != name)
            row_href = _viewer_href(tbl, pk[0], row[pk[0]], links) if len(pk) == 1 else None
            where = f" (row {md_code_link(key, row_href)})" if key else ""
            shown = md_code_link(shorten(example), _viewer_href(tbl, name, example, links))
            items.append(f"**Example:** {shown}{where}")
        else:
            items.append("**Example:** — (no non-empty value in this version of the data)")
        out.append("\n".join(f"- {item}" for item in items) + "\n")
    return _page("\n".join(out))


def _summary_example(tbl: Table, field: str, example: str | None, links: ViewerLinks | None) -> str:
    if example is None:
        return "—"
    href = _viewer_href(tbl, field, example, links)
    if href and "|" not in example and "`" not in example:
        return md_code_link(shorten(example, 40), href)
    return md_cell_code(shorten(example, 40))


def render_dictionary_index(descriptor: dict[str, Any], tables: list[Table]) -> bytes:
    """The data dictionary's landing page."""
    source = next((r for r in descriptor["resources"] if r.get("name") == SOURCE_RESOURCE), None)
    out = [
        "# Data dictionary\n",
        f"Data package {md_code(str(descriptor.get('name', '')))}, data version "
        f"**{md_text(str(descriptor.get('version', '')))}**. One page per table, generated from "
        "the Table Schemas in `datapackage.json` (themselves generated from the pydantic "
        "models) and from the CSVs, so every type, constraint and example here is the one "
        "shipped.\n",
        "## Conventions\n",
        '- CSV: UTF-8, LF line ends, one header row, comma separator, `"` quoting.\n'
        '- Empty cell = null (`missingValues: [""]`); there is no other null marker.\n'
        "- Booleans are `true` / `false`; numbers are plain decimals (`590800000000`, never "
        "`5.908e11`); ids are strings even when they look numeric.\n"
        "- Offsets (`start`, `end`, `quote_start`, `quote_end`, `value_start`, `value_end`) "
        "are Unicode code points into the source text, end exclusive (Python `str` indices). "
        "JavaScript strings index UTF-16 code units: convert before slicing (see "
        "[Provenance](../provenance.md)).\n"
        "- Values are in the row's `unit` (`CNY`, `person`, `percent`…); `value_text` is the "
        "figure as printed.\n",
        "## Tables\n",
    ]
    rows = [
        [
            f"[{md_code(t.name)}]({t.name}.md)",
            md_text(str(t.resource.get("title", ""))),
            f"{len(t.rows):,}",
            str(len(t.fields)),
            md_text(shorten(str(t.resource.get("description", "")), 160)),
        ]
        for t in tables
    ]
    out.append(table(["table", "title", "rows", "fields", "what it holds"], rows, "llrr"))
    out.append("## Unit codes\n")
    out.append(
        "The `unit` of indicators, targets, metrics and checks is one of these codes "
        "(`haidian_report.figures.UNIT_CODES`); a per-person figure carries its denominator "
        "in the code (`count/10k_person` for 每万人…件).\n"
    )
    out.append(
        table(["code", "meaning"], [[md_code(c), md_text(m)] for c, m in UNIT_CODES.items()], "ll")
    )
    if source is not None:
        out.append("## The source text\n")
        out.append(
            f"{md_code(str(source['path']))}: {md_text(str(source.get('description', '')))} "
            f"{source.get('bytes', 0):,} bytes, {md_code(str(source.get('hash', '')))}.\n"
        )
    return _page("\n".join(out))
