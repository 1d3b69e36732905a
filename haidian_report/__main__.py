"""``python -m haidian_report``: the same as the ``haidian-report`` command."""

from __future__ import annotations

import sys

from haidian_report.cli import main

if __name__ == "__main__":
    sys.exit(main())
