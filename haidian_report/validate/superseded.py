# ruff: noqa: E501  (words copied whole from a release, one string each)
"""What the package's own fields were in earlier data releases, which a package derived from
such a release still carries: ``field-words`` accepts the earlier words beside the current
ones, and a field added since may be missing from a package that declares the earlier version.

A correction of a field's words (data 2.1.1: ``measure`` said ``level`` is "a stock or state at
a point in time", while a year's aggregate such as GDP of 2021 is a level too; data 2.2.0:
``rank`` is a place in a ranking or an order of precedence, which ``rank_kind`` tells apart)
must not turn a package that users derived from the earlier release INVALID. Each entry of
words is copied by a script from the earlier release's datapackage.json (``git show
<tag>:datapackage.json``), never typed.
"""

from __future__ import annotations

import re
from typing import Final

#: (resource, field, property) -> the words of earlier releases, oldest first.
SUPERSEDED: Final[dict[tuple[str, str, str], tuple[str, ...]]] = {
    ("indicators", "measure", "description"): (
        # data 2.1.0
        "The time structure of the figure. level: a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…); flow: an amount during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
        # data 2.1.1
        "The time structure of the figure. level: the value of a series for its period, a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…) or a year's aggregate that statistics publish as that year's figure (地区生产总值, 一般公共预算收入, 社会消费品零售总额 of 2021); flow: an amount added during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
    ),
    ("targets", "measure", "description"): (
        # data 2.1.0
        "The time structure of the figure. level: a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…); flow: an amount during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
        # data 2.1.1
        "The time structure of the figure. level: the value of a series for its period, a stock or state at a point in time (现有…, 覆盖率 at year end, 人均…) or a year's aggregate that statistics publish as that year's figure (地区生产总值, 一般公共预算收入, 社会消费品零售总额 of 2021); flow: an amount added during one year (新增…, 建成…, 增加…学位 in 2022); cumulative: a total over a multi-year period (2017-2021 累计…); growth_yoy: growth over the year before, percent; cagr: average annual growth over the period (年均增长), percent; share: a part of a whole (占…的), percent; change: a difference against base_period (较2016年下降51%); rate: a ratio the report names …率, percent; rank: a place in a ranking (1 = first); duration: the length of a streak or a span of time (连续6年, 15个季度, 10分钟).",
    ),
}

#: (resource, field) -> the data release that added the field.
ADDED: Final[dict[tuple[str, str], str]] = {
    ("indicators", "rank_kind"): "2.2.0",
    ("targets", "rank_kind"): "2.2.0",
}
#: A release number as a package declares it (2.1.1), short enough to compare as numbers.
RELEASE: Final = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}")


def may_lack(version: object, resource: str, field: str) -> bool:
    """True when ``field`` of ``resource`` was added after the data release ``version`` (the
    package's declared ``version``) names: a package derived from that release lacks it. A
    version that names no release (absent, not a number) makes every field required.

    >>> may_lack("2.1.1", "indicators", "rank_kind"), may_lack("2.2.0", "indicators", "rank_kind")
    (True, False)
    >>> may_lack("2.2", "indicators", "rank_kind"), may_lack("2.1", "indicators", "rank_kind")
    (False, True)
    >>> may_lack(None, "targets", "rank_kind"), may_lack("2.1.1", "targets", "measure")
    (False, False)
    """
    added = ADDED.get((resource, field))
    if added is None or not isinstance(version, str) or not RELEASE.fullmatch(version):
        return False
    # padded to one length: 2.2 is 2.2.0, not a release before it
    declared, since = ([*map(int, v.split(".")), 0, 0, 0][:4] for v in (version, added))
    return declared < since
