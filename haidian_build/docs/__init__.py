"""Generate the documentation pages that come from the data: dictionary, provenance, checks.

:func:`render_docs` turns the package descriptor and the shipped CSVs into Markdown pages for
the MkDocs site (relative path → bytes, deterministic), so the data dictionary, the worked
provenance example and the arithmetic-checks page can never drift from the data: the build
writes them next to the CSVs and the byte-for-byte rebuild test covers them.

Only the standard library is used (the CSVs are read with :mod:`csv`, as strings, so every
example shows the cell exactly as it is stored).

>>> import haidian_report as hr
>>> from haidian_report.paths import package_dir
>>> pages = render_docs(hr.descriptor(), package_dir() / "data")
>>> "docs/dictionary/indicators.md" in pages and "docs/provenance.md" in pages
True
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from haidian_build.docs.checks_page import render_checks
from haidian_build.docs.dictionary import render_dictionary_index, render_table_page
from haidian_build.docs.markdown import (
    DICTIONARY_DIR,
    DOCS_DIR,
    read_table,
    tabular_resources,
)
from haidian_build.docs.provenance import render_provenance
from haidian_build.docs.recipes import render_recipes
from haidian_build.viewer import VIEWER_PAGE, render_viewer, viewer_links
from haidian_report.meta import SOURCE_RESOURCE


def render_docs(descriptor: dict[str, Any], tables_dir: Path) -> dict[str, bytes]:
    """Every generated documentation page: path relative to the repository root → bytes.

    ``descriptor`` is the package descriptor (``datapackage.json`` as a dict); ``tables_dir``
    the folder holding the CSVs and the source text (``data/``). The output depends on
    nothing else, so two calls give identical bytes. Pages: ``docs/dictionary/index.md``,
    ``docs/dictionary/<table>.md`` for every table, ``docs/provenance.md``,
    ``docs/reading.md`` (read recipes per tool), ``docs/checks.md`` and the annotated reading
    page ``docs/viewer/index.html``.
    """
    tables = [read_table(r, tables_dir) for r in tabular_resources(descriptor)]
    by_name = {t.name: t for t in tables}
    links = viewer_links(by_name)
    files: dict[str, bytes] = {
        f"{DICTIONARY_DIR}/index.md": render_dictionary_index(descriptor, tables)
    }
    for t in tables:
        files[f"{DICTIONARY_DIR}/{t.name}.md"] = render_table_page(t, links)
    source_res = next(r for r in descriptor["resources"] if r.get("name") == SOURCE_RESOURCE)
    source_file = tables_dir / PurePosixPath(str(source_res["path"])).name
    source = source_file.read_bytes().decode("utf-8")
    files[f"{DOCS_DIR}/provenance.md"] = render_provenance(
        by_name, source, str(source_res["path"]), links
    )
    files[f"{DOCS_DIR}/reading.md"] = render_recipes(descriptor)
    if "checks" in by_name:
        facts = {
            r.get("indicator_id") or r.get("target_id") or "": (r["value"], r["qualifier"])
            for name in ("indicators", "targets")
            if name in by_name
            for r in by_name[name].rows
        }
        files[f"{DOCS_DIR}/checks.md"] = render_checks(
            by_name["checks"],
            by_name.get("check_inputs"),
            by_name.get("derivations"),
            by_name.get("derivation_inputs"),
            links,
            facts,
        )
    files[f"{DOCS_DIR}/{VIEWER_PAGE}"] = render_viewer(descriptor, by_name, source)
    return dict(sorted(files.items()))


def write_docs(root: Path) -> list[Path]:
    """Regenerate the pages of a checkout in place (``root/datapackage.json`` + ``root/data``)."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    written: list[Path] = []
    for rel, content in render_docs(descriptor, root / "data").items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
        written.append(path)
    return written
