"""Refresh the reading page's screenshots in docs/viewer/: ``python scripts/viewer_screenshots.py``.

Run on demand after the page or the data change (not in CI, and never by a plain test run:
the browser test writes its screenshots to a temporary folder unless told otherwise). It runs
the screenshot test of ``tests/test_viewer_browser.py`` with ``HAIDIAN_VIEWER_SCREENSHOTS``
pointing at ``docs/viewer/``, so the committed pictures are exactly what the test sees:
``screenshot-desktop.png`` (1366×900) and ``screenshot-phone.png`` (390×844), both opened on
the deep link ``#gdp.level.2016``.

Needs Debian's Chromium (``apt-get install chromium``), ``pip install '.[test]'`` and a CJK
font (``apt-get install fonts-noto-cjk``) so that the Chinese renders. The PNG bytes depend
on the Chromium version and the fonts, which is why they are not part of the build's
byte-for-byte rebuild.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    if not fonts.stdout.strip():
        print(
            "no CJK font found (fc-list :lang=zh): apt-get install fonts-noto-cjk", file=sys.stderr
        )
        return 2
    env = {
        **os.environ,
        "HAIDIAN_VIEWER_SCREENSHOTS": str(ROOT / "docs" / "viewer"),
        "HAIDIAN_BROWSER_TESTS": "required",
    }
    test = "tests/test_viewer_browser.py::test_layout_fits_and_screenshots"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", test], cwd=ROOT, env=env
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
