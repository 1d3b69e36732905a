"""The build's rule for program links that both the build and the validator apply.

A figure for an open group that names a program as one member (地铁13号线拆分等4条轨道建设:
the 4 lines are not the 13号线 split's) is not that member's (curation/README.md, "Program
links"). ``haidian_build/links.py`` refuses such a link when it builds ``program_links``, and
the validator reports one in a derived package (``link-group-member``), with the same
pattern: :data:`GROUP_TAIL` is the text between the name and the figure.
"""

from __future__ import annotations

import re
from typing import Final

#: What stands between a member's name and its group's figure: a closing quote, more names of
#: the list (、…), then 等 and the group's words up to the figure.
GROUP_TAIL: Final = r"”?(?:、[^,;。,;:]{1,24}?)*等(?:[^,;。,;:\d]{0,12}?)"
_GROUP_TAIL: Final = re.compile(GROUP_TAIL)


def group_member(source: str, mention_end: int, value_start: int) -> bool:
    """Whether the figure at ``value_start`` counts an open group (等) that the name ending at
    ``mention_end`` is one member of: the text between them is :data:`GROUP_TAIL` and the
    figure starts with a digit.

    >>> text = "推进地铁13号线拆分等4条轨道建设"
    >>> group_member(text, text.index("拆分") + 2, text.index("4条"))
    True
    >>> text = "建设体育健身活动场所359处,“一刻钟健身圈”实现全覆盖"
    >>> group_member(text, text.index("圈") + 1, text.index("359"))
    False
    """
    if not 0 <= mention_end <= value_start < len(source) or not source[value_start].isdigit():
        return False
    return _GROUP_TAIL.fullmatch(source, mention_end, value_start) is not None
