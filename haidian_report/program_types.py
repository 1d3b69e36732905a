"""Program types that the printed name decides (the name-based pair rules of
curation/README.md, "Program types"), shared by the tests that hold the curation to them and
the validator that holds a derived package to them.

A name ending 计划/规划/方案/战略 is a plan (行动计划 too, before 行动 makes an action), 试点 a
pilot, 示范区/实验区/…/产业园 a zone, 创建/攻坚战/… a campaign, 改革 a reform, 基金/联盟/实验室…
an institution, 机制/制度/制 a mechanism, 政策/条例/办法/… a policy package, 普查/选举/论坛 an
event. Other names leave the type to the curator (:func:`type_by_name` gives None).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["ENDINGS", "FIELD_WORK", "QUOTES", "TITLED", "generic_by_name", "type_by_name"]

#: What the printed name ends with decides the type; the first matching ending wins, so
#: 行动计划 is a plan before 行动 is an action.
ENDINGS: Final[tuple[tuple[str, str], ...]] = (
    (r"行动计划|规划|计划|方案|战略", "plan"),
    (r"行动", "action"),
    (r"试点", "pilot"),
    (r"示范区|实验区|试验区|示范基地|产业园|科技园|软件园|示范城市|标杆城市|中心城市", "zone"),
    (r"创建|攻坚战|保卫战|专项整治|专项斗争|学习教育|主题教育", "campaign"),
    (r"改革", "reform"),
    (r"基金|基金系|联盟|专班|医联体|实验室|研究院", "institution"),
    (r"机制|制度|制", "mechanism"),
    (r"政策|条例|办法|法|规则|规定|措施|[0-9]+条", "policy_package"),
    (r"普查|选举|论坛", "event"),
)
#: The quote marks a name may be printed in (“一网通办”): not part of its ending.
QUOTES: Final = "“”"
#: Work named by its field or by what it does (严格实行城市绿线管控, 全面落实国家减税降费政策,
#: 加大液化石油气安全管理和替代工作力度): a kind of work, not one titled program, unless the report
#: quotes the name or calls it a 专项 (curation/README.md, "Which names are generic").
FIELD_WORK: Final = r"(?:政策|措施|管控|管理|整治|整改|工作)$"
#: Title words that name one program (a reform, a mechanism or system, a pilot, a law), and
#: 专项, which names one drive (施工围挡专项整治). Plans (…方案) and works (…工程) are not
#: here: 8个重点地区…综合实施方案 and 疏堵工程 count several of a kind.
TITLED: Final = r"(?:改革|制|机制|制度|试点|条例|办法|法)$"


def type_by_name(name: str) -> str | None:
    """The type the name rules give ``name``, or None when no rule applies.

    >>> type_by_name("“水清岸绿”行动计划"), type_by_name("“疏解整治促提升”专项行动")
    ('plan', 'action')
    >>> type_by_name("全国社区治理和服务创新实验区"), type_by_name("数据流通试点")
    ('zone', 'pilot')
    >>> type_by_name("北京城市副中心") is None
    True
    """
    bare = name.strip(QUOTES)
    for pattern, kind in ENDINGS:
        if re.search(f"(?:{pattern})$", bare):
            return kind
    return None


def generic_by_name(name: str, source: str) -> bool | None:
    """The ``generic`` flag the named-or-generic rules give a program named ``name`` in the
    report ``source``, or None where they leave it to the curator. Quote marks (in the name, or
    around it in the source) are the report's own sign of a coined name, 专项 names one drive
    and a title word (:data:`TITLED`) one reform, system, pilot or law: never generic. Work
    named by its field (:data:`FIELD_WORK`), with none of those, always is.

    >>> generic_by_name("城市绿线管控", ""), generic_by_name("施工围挡专项整治", "")
    (True, False)
    >>> generic_by_name("一刻钟社区服务圈", "打造“一刻钟社区服务圈”"), generic_by_name("河长制", "")
    (False, False)
    >>> generic_by_name("北京城市副中心", "") is None
    True
    """
    quoted = "“" in name or f"“{name}”" in source
    if quoted or "专项" in name:
        return False
    bare = name.strip(QUOTES)
    if re.search(FIELD_WORK, bare):
        return True
    if re.search(TITLED, bare):
        return False
    return None
