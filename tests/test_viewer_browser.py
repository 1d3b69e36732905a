"""The reading page in a real browser: Debian's Chromium, headless, driven by Playwright.

The page is loaded from ``file://`` exactly as the build wrote it, and every assertion is
made after its script has run. Playwright (from PyPI, the ``test`` extra) is used with
``executable_path=/usr/bin/chromium``: it never downloads a browser of its own.

Where Chromium or Playwright is missing these tests skip and say why; with
``HAIDIAN_BROWSER_TESTS=required`` (set by ``.ci/run``) they fail instead. Screenshots go to
a temporary folder, or to ``$HAIDIAN_VIEWER_SCREENSHOTS`` when set
(``python scripts/viewer_screenshots.py`` refreshes the committed ones in ``docs/viewer/``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from haidian_build.viewer.browser import CHROMIUM as DEBIAN_CHROMIUM
from haidian_build.viewer.browser import CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "viewer" / "index.html"
URL = PAGE.as_uri()
CHROMIUM = os.environ.get("HAIDIAN_CHROMIUM", DEBIAN_CHROMIUM)
REQUIRED = os.environ.get("HAIDIAN_BROWSER_TESTS", "") == "required"
MARKED = ("indicators", "targets", "program_mentions", "term_mentions")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.slow


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install '.[test]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HAIDIAN_CHROMIUM)"
    return None


def _csv(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = _unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"browser tests are required (HAIDIAN_BROWSER_TESTS=required): {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Playwright gives each launch a fresh, empty profile (--user-data-dir in a temp dir).
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


class Loaded:
    """A page opened on the viewer, with everything its console and script reported."""

    def __init__(self, browser: Browser, fragment: str = "", **context: Any) -> None:
        self.context = browser.new_context(**({"viewport": DESKTOP} | context))
        self.page: Page = self.context.new_page()
        self.messages: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.messages.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning", "assert")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.messages.append(f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self.messages.append(f"request failed: {r.url}"))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(URL + fragment)
        self.page.wait_for_selector("html[data-ready=true]", state="attached")

    def close(self) -> None:
        self.context.close()

    def shown(self, table: str | None = None) -> list[str]:
        """ids of the marks the filters leave shown (not switched off, sentence not hidden)."""
        selector = "mark.hl[data-id]:not(.off)" + (f'[data-table="{table}"]' if table else "")
        return list(
            self.page.eval_on_selector_all(
                selector, "els => els.filter(e => !e.closest('.x')).map(e => e.dataset.id)"
            )
        )


@pytest.fixture
def loaded(browser: Browser) -> Iterator[Loaded]:
    page = Loaded(browser)
    yield page
    assert page.messages == [], page.messages
    page.close()


def _shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("HAIDIAN_VIEWER_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("viewer-screenshots")


def test_every_row_has_its_element_after_the_script_runs(loaded: Loaded) -> None:
    on_page = loaded.page.eval_on_selector_all(
        "mark.hl[data-id]",
        "els => els.map(e => [e.dataset.table, e.dataset.id, e.getAttribute('role'),"
        " e.getAttribute('aria-label')])",
    )
    seen: dict[tuple[str, str], int] = {}
    for table, ident, role, label in on_page:
        seen[(table, ident)] = seen.get((table, ident), 0) + 1
        assert role == "button" and ident in label
    for table in MARKED:
        key = "mention_id" if table.endswith("_mentions") else f"{table[:-1]}_id"
        rows = _csv(table)
        missing = [r[key] for r in rows if seen.get((table, r[key])) != 1]
        assert not missing, f"{table}: no single element for {missing[:5]}"
        assert len(loaded.shown(table)) == len(rows)
    focusable = loaded.page.eval_on_selector_all(
        "mark.hl[data-id]", "els => els.map(e => [e.classList.contains('off'), e.tabIndex])"
    )
    assert all(index == (-1 if off else 0) for off, index in focusable)  # shown = in Tab order
    assert loaded.page.locator("#status").inner_text().startswith("Showing ")
    assert all(u.startswith("file://") for u in loaded.requests), loaded.requests


def test_deep_link_to_gdp_level_2016_opens_its_row_and_its_english(browser: Browser) -> None:
    """Source, p09.s02: 地区生产总值由2016年的5908亿元预计增至9500亿元…"""
    page = Loaded(browser, "#gdp.level.2016")
    p = page.page
    mark = p.locator('mark[data-table="indicators"][data-id="gdp.level.2016"]')
    assert mark.inner_text() == "5908亿元"
    assert "cur" in (mark.get_attribute("class") or "")
    assert p.evaluate("document.activeElement.dataset.id") == "gdp.level.2016"
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= DESKTOP["height"] - box["height"]
    sentence = p.locator('[id="p09.s02"]')
    assert sentence.locator(".zh").inner_text().startswith("地区生产总值由2016年的5908亿元")
    details = p.locator("#d-body").inner_text()
    english = next(s["text_en"] for s in _csv("sentences") if s["sentence_id"] == "p09.s02")
    row = next(r for r in _csv("indicators") if r["indicator_id"] == "gdp.level.2016")
    for expected in ("gdp.level.2016", "地区生产总值", "5908亿元", "590,800,000,000 CNY", english):
        assert expected in details, expected
    assert row["value"] == "590800000000" and row["period"] == "2016"
    assert p.locator("#d-body b", has_text="5908亿元").count() >= 1  # marked in its sentence
    assert page.messages == [], page.messages
    page.close()


def test_deep_links_to_a_program_shared_id_and_a_sentence(browser: Browser) -> None:
    program = next(r for r in _csv("programs") if r["program_id"] == "scientist_funds")
    page = Loaded(browser, "#programs/scientist_funds")
    assert page.page.evaluate("document.activeElement.dataset.table") == "program_mentions"
    assert program["name_en"] in page.page.locator("#d-body").inner_text()
    page.page.evaluate("location.hash = '#p09.s02'")
    page.page.wait_for_function("document.getElementById('p09.s02').classList.contains('open')")
    assert page.messages == []
    page.close()


def test_a_shared_span_on_a_phone_opens_above_the_sheet_and_lists_every_row(
    browser: Browser,
) -> None:
    """Source, p58.s05: 违法群租房、占道经营、开墙打洞保持“动态清零”。

    Three targets and a term share the four characters 动态清零.
    """
    page = Loaded(
        browser, "#illegal_group_rentals.level.2022", viewport=PHONE, is_mobile=True, has_touch=True
    )
    p = page.page
    sharing = [
        r["target_id"]
        for r in _csv("targets")
        if r["sentence_id"] == "p58.s05" and r["value_text"] == "动态清零"
    ]
    assert len(sharing) >= 2 and "illegal_group_rentals.level.2022" in sharing
    mark = p.locator('mark[data-id="illegal_group_rentals.level.2022"]').bounding_box()
    sheet = p.locator("#details").bounding_box()
    assert mark is not None and sheet is not None
    assert mark["y"] >= 0 and mark["y"] + mark["height"] <= sheet["y"]
    details = p.locator("#d-body").inner_text()
    for other in sharing:
        assert other in details
    terms = [r["mention_id"] for r in _csv("term_mentions") if r["sentence_id"] == "p58.s05"]
    assert any(t in details for t in terms)
    assert page.messages == []
    page.close()


def test_filters_change_what_is_shown(loaded: Loaded) -> None:
    p = loaded.page
    everything = len(loaded.shown())
    for table in ("indicators", "program_mentions", "term_mentions"):
        p.uncheck(f'input[data-kind="{table}"]')
    assert sorted(loaded.shown()) == sorted(r["target_id"] for r in _csv("targets"))
    p.click("#f-reset")
    assert len(loaded.shown()) == everything

    p.select_option("#f-metric", "gdp")
    gdp = {r["indicator_id"] for r in _csv("indicators") if r["metric_id"] == "gdp"}
    gdp |= {r["target_id"] for r in _csv("targets") if r["metric_id"] == "gdp"}
    assert set(loaded.shown()) == gdp
    hidden = p.eval_on_selector_all(".s", "els => els.filter(e => e.closest('.x')).length")
    assert hidden > 300  # sentences with no GDP figure are folded away
    p.click("#f-reset")

    status = {r["program_id"]: r["status"] for r in _csv("programs")}
    planned = {
        r["mention_id"] for r in _csv("program_mentions") if status[r["program_id"]] == "planned"
    }
    p.select_option("#f-status", "planned")
    assert set(loaded.shown()) == planned and planned
    p.click("#f-reset")

    p.fill("#f-q", "5908")
    p.wait_for_function("document.querySelectorAll('.s:not(.x)').length < 20")
    visible = p.eval_on_selector_all(
        ".s", "els => els.filter(e => !e.closest('.x, h2, h3, h4')).map(e => e.id)"
    )
    assert visible == ["p09.s02"]  # the only sentence printing 5908 (headings stay as context)
    p.fill("#f-q", "Zhongguancun Science City")
    p.wait_for_function("document.getElementById('p09.s02').closest('.x') !== null")
    assert p.eval_on_selector_all(".s:not(.x)", "els => els.length") > 1
    p.click("#f-reset")

    assert not p.locator('[id="en-p09.s02"]').is_visible()
    p.click("#f-en")
    assert p.locator('[id="en-p09.s02"]').is_visible()
    p.click("#f-en")
    p.locator('[id="p09.s02"] .tr').click()
    assert p.locator('[id="en-p09.s02"]').is_visible()


def test_keyboard_moves_between_marks_and_shows_their_details(loaded: Loaded) -> None:
    p = loaded.page
    first = p.locator("mark.hl[data-id]:not(.off)").first
    first.focus()
    first_id = p.evaluate("document.activeElement.dataset.id")
    assert first_id in p.locator("#d-body").inner_text()
    p.keyboard.press("n")
    second_id = p.evaluate("document.activeElement.dataset.id")
    assert second_id != first_id and second_id in p.locator("#d-body").inner_text()
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.matches('mark.hl, button.tr')")
    p.keyboard.press("p")
    p.keyboard.press("p")
    assert p.evaluate("document.activeElement.dataset.id") == first_id
    outline = p.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    p.keyboard.press("Escape")
    p.keyboard.press("/")
    assert p.evaluate("document.activeElement.id") == "f-q"


@pytest.mark.parametrize(
    ("name", "viewport", "mobile"),
    [
        ("desktop", DESKTOP, False),
        ("phone", PHONE, True),
        ("zoom200", {"width": 683, "height": 450}, False),
    ],
)
def test_layout_fits_and_screenshots(
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    viewport: dict[str, int],
    mobile: bool,
) -> None:
    """No sideways scrolling at desktop, phone width, or 200% zoom of a 1366-pixel screen."""
    extra = {"is_mobile": True, "has_touch": True} if mobile else {}
    page = Loaded(browser, "#gdp.level.2016", viewport=viewport, **extra)
    p = page.page
    p.wait_for_timeout(1700)  # let the deep-link flash finish before the screenshot
    overflow = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: page is {overflow}px wider than the screen"
    assert p.locator("#details").is_visible()
    assert p.locator("#d-body").inner_text().find("5908亿元") >= 0
    mark = p.locator('mark[data-id="gdp.level.2016"]').bounding_box()
    sheet = p.locator("#details").bounding_box()
    assert mark is not None and sheet is not None
    bottom = sheet["y"] if mobile or name == "zoom200" else viewport["height"]
    assert mark["y"] >= 0 and mark["y"] + mark["height"] <= bottom, (name, mark, sheet)
    if name != "zoom200":
        out = _shots_dir(tmp_path_factory) / f"screenshot-{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(out))
        assert out.stat().st_size > 10_000
    if mobile:
        p.click("#d-close")
        assert not p.locator("#details").is_visible()
    assert page.messages == [], page.messages
    page.close()


def test_the_page_is_one_file_under_a_megabyte(loaded: Loaded) -> None:
    """Everything the browser loads is the page itself: no other file, no network."""
    assert [u.split("#")[0] for u in loaded.requests] == [URL]
    assert loaded.page.evaluate("performance.getEntriesByType('resource').length") == 0
    assert PAGE.stat().st_size < 1_000_000
