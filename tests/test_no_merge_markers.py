"""No file of the project carries a merge-conflict marker: a merge that left one in a page or a
curation file ships it to readers (mkdocs and the build do not stop on it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^(?:<{7} |>{7} )", re.MULTILINE)  # "=======" alone is Markdown too
SUFFIXES = {".md", ".py", ".toml", ".csv", ".json", ".yml", ".yaml", ".cff", ".txt", ".js", ".css"}


def marked_files(root: Path) -> list[str]:
    """Project text files (outside hidden and virtual-env folders) with a conflict marker."""
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") or p in {"node_modules", "site", "build", "dist"} for p in parts):
            continue
        if (
            path.is_file()
            and path.suffix in SUFFIXES
            and MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
        ):
            found.append(str(path.relative_to(root)))
    return found


def test_no_file_carries_a_merge_conflict_marker() -> None:
    assert marked_files(ROOT) == []


def test_a_left_marker_is_found(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n")
    (tmp_path / "docs" / "fine.md").write_text("a table rule\n=======\n")
    assert marked_files(tmp_path) == ["docs/page.md"]
