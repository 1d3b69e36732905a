# ruff: noqa: E501  (words copied whole from a release, one string each)
"""Words the package's own fields had in an earlier data release, which a package derived
from that release still carries: ``field-words`` accepts them beside the current words.

A correction of a field's words (data 2.1.1: ``measure`` said ``level`` is "a stock or state at
a point in time", while a year's aggregate such as GDP of 2021 is a level too) must not turn a
package that users derived from the earlier release INVALID. Each entry is copied by a script
from the earlier release's datapackage.json (``git show <tag>:datapackage.json``), never typed.
"""

from __future__ import annotations

from typing import Final

#: (resource, field, property) -> the words of earlier releases, oldest first.
SUPERSEDED: Final[dict[tuple[str, str, str], tuple[str, ...]]] = {
    # data 2.1.0
    ("indicators", "measure", "description"): (
        "The time structure of the figure. level: a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…); flow: an amount during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
    ),
    # data 2.1.0
    ("targets", "measure", "description"): (
        "The time structure of the figure. level: a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…); flow: an amount during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
    ),
}
