"""The data behind the page's details and filters: the rows, as stored, in one JSON object."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from haidian_build.viewer.kinds import KINDS, LINK_ORDER
from haidian_build.viewer.links import primary_key

if TYPE_CHECKING:
    from haidian_build.docs.markdown import Table

#: Tables the details need beside the highlighted ones: names, statuses, ties, checks.
CATALOGUES = (
    "metrics",
    "programs",
    "terms",
    "program_links",
    "checks",
    "check_inputs",
    "derivations",
    "derivation_inputs",
)


def _foreign_keys(resource: Mapping[str, Any]) -> dict[str, list[str]]:
    """field → [referenced table, referenced field], for single-column foreign keys."""
    out: dict[str, list[str]] = {}
    for key in resource.get("schema", {}).get("foreignKeys", []):
        fields, ref = key["fields"], key["reference"]
        names = [fields] if isinstance(fields, str) else list(fields)
        refs = ref["fields"]
        ref_names = [refs] if isinstance(refs, str) else list(refs)
        if len(names) == 1 and len(ref_names) == 1:
            out[names[0]] = [str(ref.get("resource") or resource["name"]), ref_names[0]]
    return out


def payload(descriptor: Mapping[str, Any], tables: Mapping[str, Table]) -> dict[str, Any]:
    """Every highlighted table and catalogue, with keys, foreign keys and field descriptions.

    Rows are lists of cells in the CSV's column order, as stored (strings; empty = null), so
    a column added to a table shows up in the page with no change here.
    """
    names = [k.table for k in KINDS if k.table in tables] + [n for n in CATALOGUES if n in tables]
    out_tables: dict[str, Any] = {}
    for name in names:
        tbl = tables[name]
        out_tables[name] = {
            "key": primary_key(tbl.resource),
            "title": str(tbl.resource.get("title", name)),
            "cols": tbl.header,
            "desc": [str(f.get("description", "")) for f in tbl.fields],
            "fks": _foreign_keys(tbl.resource),
            "rows": [[row[c] for c in tbl.header] for row in tbl.rows],
        }
    return {
        "version": str(descriptor.get("version", "")),
        "kinds": [
            {"table": k.table, "css": k.css, "label": k.label, "plural": k.plural}
            for k in KINDS
            if k.table in tables
        ],
        "linkOrder": list(LINK_ORDER),
        "tables": out_tables,
    }


def script_json(data: Mapping[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``<`` can end it early).

    >>> script_json({"a": "</script>"})
    '{"a":"\\\\u003c/script>"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")
