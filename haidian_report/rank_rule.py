"""The written rule that tells the two kinds of ``rank`` apart, shared by the build and the
validator (curation/README.md, "Measures").

A ``rank`` row is a place, 1 = first, but the report prints two different things as one:

* ``standing``: a place in a ranking or an evaluation, or among peers (全市第一, 城六区最优,
  居城六区首位, 位居全市前列, 走在…最前头, 排头兵);
* ``precedence``: the first (or n-th) to do something, or of its kind (在全市率先…, 全国首家…,
  全市第一家民营银行, 全市第九家5A级景区).

A reader who asks where Haidian ranks first wants the standings, and one who asks what it
did first the precedences: the printed word says which, so the build writes it
(``rank_kind``) and the validator reads it again.

>>> text = "圆明园成为全市第九家5A级景区,经济总量和对全市经济增长贡献连续6年全市第一"
>>> rank_kind(text, 7, 9), rank_kind(text, 36, 38)
('precedence', 'standing')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the models import pydantic (~120 ms): the validator needs only this rule
    from haidian_report.models.vocab import RankKind

#: Words that are a precedence by themselves: 率先 (the first to), 首家 (the first of its kind);
#: the rank words the value parser reads are these, 首位, 最优 and 第N
#: (:mod:`haidian_report.figures`).
PRECEDENCE_WORDS: Final = ("率先", "首家")
#: Measure words that make an ordinal (第一, 第九) count things of a kind in the order they came
#: (第一家民营银行, 第九家5A级景区) rather than places in a ranking (全市第一).
KIND_COUNTERS: Final = ("家", "个", "批", "座")


def rank_kind(source: str, value_start: int, value_end: int) -> RankKind:
    """``precedence`` when the rank's printed words (``source[value_start:value_end]``) say
    first to do something or of its kind (a precedence word, or an ordinal followed by a
    measure word of things); ``standing`` otherwise.

    >>> rank_kind("在全市率先完成区级机构改革", 3, 5), rank_kind("成立全市第一家民营银行", 4, 6)
    ('precedence', 'precedence')
    >>> rank_kind("森林覆盖率35.78%,居城六区首位", 16, 18)
    'standing'
    """
    printed = source[value_start:value_end]
    after = source[value_end : value_end + 1]
    if printed in PRECEDENCE_WORDS or (printed.startswith("第") and after in KIND_COUNTERS):
        return "precedence"
    return "standing"
