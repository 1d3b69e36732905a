"""``python -m haidian_build.docs [ROOT]``: regenerate the pages of a checkout."""

import sys
from pathlib import Path

from haidian_build.docs import write_docs

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
for p in write_docs(target):
    print(p.relative_to(target))
