"""How fast the reading page paints and becomes usable, in Debian's headless Chromium.

Run on demand from a checkout (never a timed assertion in the tests)::

    python benchmarks/bench_viewer.py              # 15 loads at each CPU speed
    python benchmarks/bench_viewer.py -n 31 --throttle 1 4 6

Each load opens ``docs/viewer/index.html`` from ``file://`` in a fresh browser context (no
cache), on the deep link ``#gdp.level.2016``, and reads the browser's own clocks:
``first-paint`` and ``first-contentful-paint`` (Paint Timing API), ``DOMContentLoaded``,
``load``, and when the page's script has finished (its ``viewer-ready`` performance mark: marks
wired, filters applied, deep link opened).
``--throttle`` slows the CPU through the DevTools protocol
(``Emulation.setCPUThrottlingRate``): 4 stands for a modest laptop running other things,
since this machine's cores are shared and fast. The medians are compared in one run.
The page's weight is printed as well (target: under 1 MB; first paint: under a second).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from haidian_build.viewer.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "viewer" / "index.html"

MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(
    performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  return {fp: paint['first-paint'], fcp: paint['first-contentful-paint'],
          dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          ready: (performance.getEntriesByName('viewer-ready')[0] || {}).startTime};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-n", type=int, default=15, help="loads per CPU speed")
    parser.add_argument("--throttle", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"page: {PAGE.stat().st_size:,} bytes ({PAGE.stat().st_size / 1e6:.2f} MB)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=list(CHROMIUM_ARGS))
        for rate in args.throttle:
            runs: dict[str, list[float]] = {"fp": [], "fcp": [], "dcl": [], "load": [], "ready": []}
            for _ in range(args.n):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                page.goto(PAGE.as_uri() + "#gdp.level.2016", wait_until="load")
                page.wait_for_function("performance.getEntriesByName('viewer-ready').length > 0")
                page.wait_for_timeout(50)
                for key, value in page.evaluate(MEASURE).items():
                    if value is not None:
                        runs[key].append(float(value))
                context.close()
            shown = ", ".join(
                f"{k} {statistics.median(v):.0f} ms (max {max(v):.0f})"
                for k, v in runs.items()
                if v
            )
            print(f"CPU ×{rate:g}, median of {args.n}: {shown}")
        browser.close()


if __name__ == "__main__":
    main()
