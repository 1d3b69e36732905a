"""The page's controls (kinds, metrics, statuses, help) and the template they fill."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from haidian_build.viewer.kinds import KINDS

if TYPE_CHECKING:
    from haidian_build.docs.markdown import Table

TEMPLATE_DIR = Path(__file__).resolve().parent

HELP = (
    '<dl class="keys"><dt><kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd></dt>'
    "<dd>every mark and control in reading order; a focused mark shows its details</dd>"
    "<dt><kbd>n</kbd> / <kbd>p</kbd> (or <kbd>j</kbd> / <kbd>k</kbd>)</dt>"
    "<dd>next / previous mark that the filters show</dd>"
    "<dt><kbd>Enter</kbd></dt><dd>select the focused mark (and put its link in the address)</dd>"
    "<dt><kbd>e</kbd></dt><dd>English of the sentence holding the selected mark</dd>"
    "<dt><kbd>/</kbd></dt><dd>search</dd>"
    "<dt><kbd>Esc</kbd></dt><dd>close the details</dd></dl>"
)


def _categories(tables: Mapping[str, Table], table: str, field: str) -> list[str]:
    tbl = tables.get(table)
    if tbl is None:
        return []
    spec = next((f for f in tbl.fields if f["name"] == field), {})
    return [str(c) for c in spec.get("categories", [])]


def kind_boxes(tables: Mapping[str, Table]) -> str:
    """One checkbox per highlighted table, with its swatch and row count."""
    out = []
    for k in KINDS:
        if k.table not in tables:
            continue
        checked = " checked" if k.shown else ""
        out.append(
            f'<label><input type="checkbox" data-kind="{k.table}"{checked}> '
            f'<span class="sw {k.css}">{escape(k.plural)}</span> '
            f'<span class="n">{len(tables[k.table].rows)}</span></label>'
        )
    return "\n".join(out)


def metric_options(tables: Mapping[str, Table]) -> str:
    """The metric filter: every metric that has an indicator or target, by category."""
    used: Counter[str] = Counter()
    for name in ("indicators", "targets"):
        if name in tables and "metric_id" in tables[name].header:
            used.update(r["metric_id"] for r in tables[name].rows)
    metrics = tables["metrics"].rows if "metrics" in tables else []
    order = _categories(tables, "metrics", "category")
    by_cat: dict[str, list[Mapping[str, str]]] = {}
    for m in metrics:
        if used[m["metric_id"]]:
            by_cat.setdefault(m.get("category", ""), []).append(m)
    cats = [c for c in order if c in by_cat] + sorted(c for c in by_cat if c not in order)
    out = [f'<option value="">All metrics ({len(used)})</option>']
    for cat in cats:
        opts = "".join(
            f'<option value="{escape(m["metric_id"])}">{escape(m["name_en"])} · '
            f"{escape(m['name_zh'])} ({used[m['metric_id']]})</option>"
            for m in sorted(by_cat[cat], key=lambda m: (m["name_en"].lower(), m["metric_id"]))
        )
        out.append(f'<optgroup label="{escape(cat or "other")}">{opts}</optgroup>')
    return "".join(out)


def status_options(tables: Mapping[str, Table]) -> str:
    """The program-status filter, with how many mentions each status has."""
    programs = {r["program_id"]: r for r in tables["programs"].rows} if "programs" in tables else {}
    mentions = tables["program_mentions"].rows if "program_mentions" in tables else []
    counts = Counter(programs.get(r["program_id"], {}).get("status", "") for r in mentions)
    out = ['<option value="">Any status</option>']
    for status in _categories(tables, "programs", "status"):
        out.append(f'<option value="{escape(status)}">{escape(status)} ({counts[status]})</option>')
    return "".join(out)


_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace every ``{{NAME}}`` in one pass; a name without a value (or the reverse) is an error.

    >>> fill("<b>{{X}}</b>{{X}}", {"X": "{{Y}}"})
    '<b>{{Y}}</b>{{Y}}'
    """
    names = set(_PLACEHOLDER.findall(template))
    if names != set(values):
        raise ValueError(
            f"viewer template: placeholders {sorted(names)} but values {sorted(values)}"
        )
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def read_template(name: str) -> str:
    """A template file beside this module (the page, its CSS or its script)."""
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


#: The page script's parts (``js/<part>.js``), in the order they run: the rows and the page's
#: elements, the marks and anchors, the filters, the details panel, selection and deep links,
#: the keyboard and start-up. They share one scope: :func:`script` puts them, in this order,
#: into the one function of ``viewer.js`` (the page is one file that works from ``file://``,
#: where a browser loads no ES modules), so a part uses what an earlier one declares.
SCRIPT_PARTS = ("rows", "marks", "filters", "details", "navigation", "keys")


def script() -> str:
    """The page's script: ``viewer.js`` with its parts in place, each indented into the
    function body and separated by a blank line.

    >>> body = script()
    >>> body.startswith("/* haidian_report annotated reader") and body.endswith("})();")
    True
    >>> body.index("function row(") < body.index("function apply(") < body.index("function step(")
    True
    """
    parts = []
    for name in SCRIPT_PARTS:
        text = read_template(f"js/{name}.js").rstrip("\n")
        parts.append("\n".join("  " + line if line else line for line in text.split("\n")))
    return fill(read_template("viewer.js"), {"PARTS": "\n\n".join(parts)}).strip()


def description(descriptor: Mapping[str, Any]) -> str:
    """The data version, for the page's header."""
    return escape(str(descriptor.get("version", "")))
