"""The measure of a qualitative goal, read from the words that state it (curation/README.md,
"A goal statement": 走在…最前头 is a ``rank``, 更精致 a ``change``, 巩固…优势地位 a ``level``).

A goal with no number is still a fact of some measure: a place to hold (最前头, 前列, 排头兵:
``rank``), growth (稳步增长: ``growth_yoy``), a change of state (更 + adjective, 显著增强,
持续改善, 总体稳定, 稳中向好, a task to improve 改善 or cut 下降 something: ``change``), or
else a state to reach or keep (实现, 保持, 完成, 满足, 安全…: ``level``). The build holds every
qualitative target to this reading and the validator holds a derived package to it.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["GOAL_MEASURE_WORDS", "goal_measure"]

#: (words of the goal's value_text, its measure), the first match wins; a goal none of these
#: words states is a ``level``.
GOAL_MEASURE_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("最前头|前列|排头兵", "rank"),
    ("增长", "growth_yoy"),
    ("更|显著增强|持续改善|总体稳定|稳中向好|改善|下降", "change"),
)
#: The measure of a goal that states a state to reach or keep.
STATE: Final = "level"


def goal_measure(value_text: str) -> str:
    """The measure of a qualitative goal whose words are ``value_text``.

    >>> goal_measure("最前头"), goal_measure("稳步增长"), goal_measure("更精致")
    ('rank', 'growth_yoy', 'change')
    >>> goal_measure("保持房地产调控政策的连续性、稳定性")
    'level'
    """
    for words, measure in GOAL_MEASURE_WORDS:
        if re.search(words, value_text):
            return measure
    return STATE
