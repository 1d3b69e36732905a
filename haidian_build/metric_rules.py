"""The written rule for metric names (curation/README.md, "Names"), as code.

A metric is named for the thing measured: ``name_en`` translates ``name_zh`` and nothing more.
What can be checked without reading English for meaning is checked here: an outcome (a title,
a commendation, a coverage, a position) or an explanation (a colon, a parenthesis) that the
Chinese name does not carry.

>>> list(name_problems("公立医院综合改革", "Comprehensive reform of public hospitals"))
[]
>>> list(name_problems("公共文化设施", "Public cultural facilities: full coverage"))
['a colon name_zh does not print: the outcome goes in the value or definition_en']
>>> list(name_problems("代征道路移交", "Roads on land acquired (代征道路) handed over"))
[]
>>> list(name_problems("各级人大建议", "Suggestions of deputies handled"))
["'handled' renders 办, which neither name_zh nor aliases_zh prints: add it or drop the word"]
>>> list(name_problems("办理各级人大建议", "Suggestions of deputies handled"))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

#: English words that state an outcome of a claim or goal, not the thing claimed about.
OUTCOME_WORDS: Final = (
    "title",
    "commendation",
    "in every",
    "listing",
    "status",
    "as a",
    "place among",
)
#: English words of a name and the Chinese that each renders: a word goes into name_zh (or
#: an alias) or into the definition, never only into name_en (README, "Names").
GLOSSARY: Final[dict[str, tuple[str, ...]]] = {
    "items?": ("事项",),
    "handled": ("办",),
    "new": ("新",),
    "added": ("增",),
    "built": ("建",),
    "completed": ("完成", "竣工", "建成", "建设"),
    "started": ("开工", "启动", "开复工"),
    "implemented": ("实施",),
    "issued": ("发行", "发放"),
    "demolished": ("拆",),
    "vacated": ("腾退",),
}
_PAREN = re.compile(r"\(([^)]*)\)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def name_problems(name_zh: str, name_en: str, aliases_zh: str = "") -> Iterator[str]:
    """Ways ``name_en`` says more than ``name_zh``, one message each."""
    if ":" in name_en and not any(c in name_zh for c in ":："):
        yield "a colon name_zh does not print: the outcome goes in the value or definition_en"
    has_paren = any(c in name_zh for c in "(（")
    for inside in _PAREN.findall(name_en):
        if not has_paren and not _HAN.search(inside):
            yield f"a parenthesis ({inside}) that name_zh does not print: explain in definition_en"
    lowered = f" {name_en.lower()} "
    for word in OUTCOME_WORDS:
        if re.search(rf"\b{word}\b", lowered):
            yield f"the outcome word {word!r}: a metric is named for the thing, not the outcome"
    printed = f"{name_zh} {aliases_zh}"
    for pattern, chinese in GLOSSARY.items():
        found = re.search(rf"\b{pattern}\b", lowered)
        if found and not any(c in printed for c in chinese):
            yield (
                f"{found.group()!r} renders {'/'.join(chinese)}, which neither name_zh nor "
                "aliases_zh prints: add it or drop the word"
            )
