"""Deep links into the viewer: ``viewer/index.html#<row id>``, unambiguous for every row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from haidian_build.viewer.kinds import LINK_ORDER

#: Where the page lives, relative to the documentation folder.
VIEWER_PAGE = "viewer/index.html"


def primary_key(resource: Mapping[str, Any]) -> str | None:
    """The single-column primary key of a resource, or None (composite or missing)."""
    key = resource.get("schema", {}).get("primaryKey", [])
    keys = [key] if isinstance(key, str) else list(key)
    return keys[0] if len(keys) == 1 else None


@dataclass(frozen=True)
class ViewerLinks:
    """Which anchor names each linkable row.

    A bare id (``#gdp.level.2016``) is resolved by the page in :data:`LINK_ORDER`; when a
    later table shares the id (the program ``scientist_funds`` beside the metric of that
    name) its rows are linked as ``#<table>/<id>``, which the page also understands (ids
    never hold a slash).

    >>> links = ViewerLinks.from_ids({"metrics": ["gdp", "funds"], "programs": ["funds"]})
    >>> links.anchor("metrics", "funds"), links.anchor("programs", "funds")
    ('funds', 'programs/funds')
    >>> links.href("metrics", "gdp", "docs/dictionary")
    '../viewer/index.html#gdp'
    >>> links.anchor("targets", "gdp") is None
    True
    """

    owner: Mapping[str, str]
    ids: Mapping[str, frozenset[str]]

    @classmethod
    def from_ids(cls, ids: Mapping[str, list[str]]) -> ViewerLinks:
        """From each linkable table's row ids (tables outside :data:`LINK_ORDER` are ignored)."""
        owner: dict[str, str] = {}
        for table in LINK_ORDER:
            for row_id in ids.get(table, []):
                owner.setdefault(row_id, table)
        return cls(owner, {t: frozenset(ids.get(t, [])) for t in LINK_ORDER})

    def anchor(self, table: str, row_id: str) -> str | None:
        """The fragment (without ``#``) that opens this row, or None if the page lacks it."""
        if row_id not in self.ids.get(table, frozenset()):
            return None
        return row_id if self.owner.get(row_id) == table else f"{table}/{row_id}"

    def href(self, table: str, row_id: str, page_dir: str) -> str | None:
        """A link from a page in ``page_dir`` (e.g. ``docs/dictionary``) to the row."""
        anchor = self.anchor(table, row_id)
        if anchor is None:
            return None
        depth = len([p for p in page_dir.split("/") if p]) - 1
        return "../" * depth + f"{VIEWER_PAGE}#{anchor}"
