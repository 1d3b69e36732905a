"""The documentation site: generated pages current, complete, and every link and image real."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import haidian_report as hr
from haidian_build.docs import render_docs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<code>.*?)^(?P=indent)```", re.M | re.S
)
IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<href>[^)\s]+)\)")


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return render_docs(hr.descriptor(), ROOT / "data")


def _nav_files() -> list[str]:
    """Every ``*.md`` the nav of mkdocs.yml names (read without a YAML dependency)."""
    text = MKDOCS_YML.read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    nav = re.split(r"\n(?=\S)", nav, maxsplit=1)[0]  # up to the next top-level key
    return re.findall(r"([\w./-]+\.md)\s*$", nav, flags=re.M)


def _tables() -> list[dict[str, Any]]:
    return [r for r in hr.descriptor()["resources"] if r.get("type") == "table"]


def test_generated_pages_are_committed_and_current(rendered: dict[str, bytes]) -> None:
    stale = [
        rel
        for rel, content in rendered.items()
        if not (ROOT / rel).is_file() or (ROOT / rel).read_bytes() != content
    ]
    assert not stale, (
        f"stale or missing generated docs: {stale}; rebuild with python -m haidian_build "
        "(or python -m haidian_build.docs)"
    )


def test_render_is_deterministic(rendered: dict[str, bytes]) -> None:
    assert render_docs(hr.descriptor(), ROOT / "data") == rendered


def test_no_orphan_generated_pages(rendered: dict[str, bytes]) -> None:
    on_disk = {p.relative_to(ROOT).as_posix() for p in (DOCS / "dictionary").glob("*.md")}
    assert on_disk == {rel for rel in rendered if rel.startswith("docs/dictionary/")}


def test_every_table_and_field_is_in_the_dictionary(rendered: dict[str, bytes]) -> None:
    index = rendered["docs/dictionary/index.md"].decode("utf-8")
    for resource in _tables():
        name = resource["name"]
        assert f"]({name}.md)" in index, f"dictionary index does not link {name}"
        page = rendered[f"docs/dictionary/{name}.md"].decode("utf-8")
        assert resource["path"] in page
        for field in resource["schema"]["fields"]:
            assert f"\n### {field['name']} {{#" in page, f"{name}.{field['name']} not documented"
            assert f"[`{field['name']}`](#" in page, f"{name}.{field['name']} not in summary"


def test_every_field_shows_type_required_and_an_example_when_there_is_data(
    rendered: dict[str, bytes],
) -> None:
    for resource in _tables():
        page = rendered[f"docs/dictionary/{resource['name']}.md"].decode("utf-8")
        sections = page.split("\n### ")[1:]
        frame = hr.load(resource["name"])
        assert len(sections) == len(resource["schema"]["fields"])
        for field, section in zip(resource["schema"]["fields"], sections, strict=True):
            assert f"- **Type:** {field['type']}" in section
            assert "- **Required:** " in section
            has_value = frame.height and frame[field["name"]].null_count() < frame.height
            if has_value:
                # the value as code, linked to the reading page when it is a row id
                assert re.search(r"- \*\*Example:\*\* \[?`", section), (
                    f"{resource['name']}.{field['name']}"
                )
            for category in field.get("categories", []):
                assert f"`{category}` (" in section


def test_provenance_example_comes_from_the_data(rendered: dict[str, bytes]) -> None:
    page = rendered["docs/provenance.md"].decode("utf-8")
    row = hr.indicators().filter(hr.col("indicator_id") == "gdp.level.2016").row(0, named=True)
    sentence = hr.sentences().filter(hr.col("sentence_id") == row["sentence_id"]).row(0, named=True)
    assert row["sentence_id"] == "p09.s02"
    for expected in (
        row["quote"],
        f"{row['quote_start']}–{row['quote_end']}",
        row["value_text"],
        f"{row['value_start']}–{row['value_end']}",
        "590800000000",
        sentence["text"],
    ):
        assert expected in page, expected
    assert sentence["text_en"].split()[0] in page
    assert hr.source_text()[row["quote_start"] : row["quote_end"]] == row["quote"]


def test_checks_page_lists_every_check(rendered: dict[str, bytes]) -> None:
    page = rendered["docs/checks.md"].decode("utf-8")
    checks = hr.checks()
    if checks.height == 0:
        assert "table is empty" in page
    for check_id in checks["check_id"]:
        assert f"`{check_id}`" in page


def test_checks_page_handles_an_empty_table(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for path in (ROOT / "data").iterdir():
        content = path.read_bytes()
        if path.name in (
            "checks.csv",
            "check_inputs.csv",
            "derivations.csv",
            "derivation_inputs.csv",
        ):
            content = content.split(b"\n", 1)[0] + b"\n"
        (data / path.name).write_bytes(content)
    page = render_docs(hr.descriptor(), data)["docs/checks.md"].decode("utf-8")
    assert "No checks in this version of the data" in page


def test_mkdocs_nav_files_exist_and_cover_every_page(rendered: dict[str, bytes]) -> None:
    nav = _nav_files()
    assert "index.md" in nav and "ci.md" in nav
    missing = [f for f in nav if not (DOCS / f).is_file()]
    assert not missing, f"mkdocs.yml nav names missing files: {missing}"
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert pages - set(nav) == set(), f"pages not in the nav: {sorted(pages - set(nav))}"
    for rel in (r for r in rendered if r.endswith(".md")):
        assert rel.removeprefix("docs/") in nav, f"{rel} is generated but not in the nav"


def test_every_image_and_local_link_in_the_docs_exists() -> None:
    problems: list[str] = []
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in IMAGE.finditer(text):
            if not (page.parent / match["src"]).is_file():
                problems.append(f"{page.relative_to(ROOT)}: image {match['src']} missing")
        for match in LINK.finditer(text):
            href = match["href"].split("#", 1)[0]
            if not href or "://" in href or href.startswith("mailto:"):
                continue
            if not (page.parent / href).is_file():
                problems.append(f"{page.relative_to(ROOT)}: link {href} missing")
    assert not problems, "\n".join(problems)


def test_the_charts_page_shows_every_chart() -> None:
    text = (DOCS / "charts.md").read_text(encoding="utf-8")
    shown = {m["src"] for m in IMAGE.finditer(text)}
    committed = {p.relative_to(DOCS).as_posix() for p in (DOCS / "charts").glob("*.png")}
    assert shown == committed
    assert len(shown) >= 4


def test_snippet_includes_exist() -> None:
    for page in DOCS.rglob("*.md"):
        for name in re.findall(r'--8<-- "([^"]+)"', page.read_text(encoding="utf-8")):
            assert (ROOT / name).is_file(), f"{page}: snippet {name} missing"


def test_the_readmes_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's copy-paste Python (the API tour and the direct read) works from a checkout."""
    monkeypatch.chdir(ROOT)
    blocks = [m["code"] for m in FENCE.finditer((ROOT / "README.md").read_text(encoding="utf-8"))
              if m["lang"] == "python"]  # fmt: skip
    assert len(blocks) >= 2
    for code in blocks:
        exec(compile(textwrap.dedent(code), "README.md", "exec"), {})


@pytest.mark.parametrize("page", ["index.md", "provenance.md"])
def test_python_and_sql_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy-paste examples work from a checkout (Python, and SQL through DuckDB)."""
    monkeypatch.chdir(ROOT)
    blocks = [
        (m["lang"], textwrap.dedent(m["code"]))
        for m in FENCE.finditer((DOCS / page).read_text(encoding="utf-8"))
    ]
    assert any(lang == "python" for lang, _ in blocks)
    for lang, code in blocks:
        if lang == "python":
            exec(compile(code, f"docs/{page}", "exec"), {})
        elif lang == "sql":
            import duckdb

            relation = duckdb.sql(code)
            assert relation is not None and relation.fetchall()


def test_citation_changelog_and_versions_agree() -> None:
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert cff.startswith("cff-version: 1.2.0\n")
    version = hr.descriptor()["version"]
    assert re.search(rf"^version: {re.escape(version)}$", cff, flags=re.M), (
        "CITATION.cff version differs from datapackage.json"
    )
    assert re.search(r"^license: CC0-1\.0$", cff, flags=re.M)
    research = (DOCS / "research.md").read_text(encoding="utf-8")
    assert f"version {version}" in research
    assert re.findall(r"^  version = \{(.*)\},$", research, flags=re.M) == [version]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "keepachangelog.com" in changelog and "## [Unreleased]" in changelog
    assert f"Data {version}" in changelog


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs-material not installed (pip install '.[docs]')")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The reading page is copied as it is (a Markdown page at viewer.md would replace it).
    copied = tmp_path / "site" / "viewer" / "index.html"
    assert copied.read_bytes() == (DOCS / "viewer" / "index.html").read_bytes()


def test_checks_page_prints_a_printed_figures_band_half_open(rendered: dict[str, bytes]) -> None:
    # "五年年均增长7.6%": a printed 7.6 stands for [7.55, 7.65) — 7.65 would print as 7.7.
    page = rendered["docs/checks.md"].decode("utf-8")
    row = next(line for line in page.splitlines() if "`cagr_vs_levels.gdp`" in line)
    assert r"7.6 \[7.55, 7.65)" in row
    assert r"\[7.55, 7.65\]" not in page


def _leaked_files(code: str) -> list[str]:
    """ResourceWarnings (unclosed files) raised while running ``code`` and collecting garbage."""
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        exec(compile(code, "<example>", "exec"), {})
        gc.collect()
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def test_the_leak_check_sees_an_unclosed_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _leaked_files('import json\njson.load(open("datapackage.json", encoding="utf-8"))')


@pytest.mark.parametrize("page", ["index.md", "provenance.md", "ci.md"])
def test_python_examples_close_every_file(
    page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT if page != "ci.md" else tmp_path)
    text = (DOCS / page).read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        if m["lang"] == "python" and "validate(" not in m["code"]:
            assert not _leaked_files(textwrap.dedent(m["code"])), f"docs/{page} leaks a file"
