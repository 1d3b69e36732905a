"""How the tests and the benchmark start Chromium to look at the page (no Playwright here).

Debian's Chromium (``apt-get install chromium``) at :data:`CHROMIUM`, headless, with every
background connection switched off: the machines this runs on have a closed network, and the
page must need none.
"""

from __future__ import annotations

#: Where Debian installs Chromium; the tests and the benchmark never download a browser.
CHROMIUM = "/usr/bin/chromium"

#: Command-line switches for a quiet headless run (Playwright adds a fresh --user-data-dir).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
