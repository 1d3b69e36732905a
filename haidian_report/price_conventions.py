"""The price basis a growth rate of money has by statistical convention, read from what its
metric is (curation/README.md, "price_basis and price_basis_source").

Where the sentence does not print the basis (可比价, 现价…), the convention of Chinese
statistics for the thing measured decides it: GDP and value added grow at comparable prices;
fiscal revenue, enterprise and industry revenue, investment, retail sales, exports, utilized
foreign investment and contract turnover are not deflated (nominal); gross industrial output
and disposable income are published on both bases, so the report's basis is unknown. The build
holds every curated basis to this rule, and the validator holds a derived package to it: a
basis flipped together with the note that states the convention is still wrong for its metric.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CONVENTIONS", "convention_basis"]

#: (words of the metric's printed name, the basis by convention), the first match wins:
#: 规模以上工业总产值 is unknown before 产值 would read as value added.
CONVENTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("工业总产值|可支配收入", "unknown"),
    ("生产总值|增加值", "comparable"),
    ("收入|投资|零售|出口|外资|成交额", "nominal"),
)


def convention_basis(name_zh: str) -> str | None:
    """The basis a growth rate of the metric named ``name_zh`` has by convention, or None when
    no convention here covers it.

    >>> convention_basis("地区生产总值"), convention_basis("区级一般公共预算收入")
    ('comparable', 'nominal')
    >>> convention_basis("规模以上工业总产值"), convention_basis("常住人口") is None
    ('unknown', True)
    """
    for words, basis in CONVENTIONS:
        if re.search(words, name_zh):
            return basis
    return None
