"""English words that say more than the Chinese, unless the Chinese prints their counterpart.

The one list behind the written rule (curation/README.md, "Words the Chinese must print"):
an English word of :data:`WORDS` may stand in a text only where the Chinese it is checked
against prints one of the word's counterparts — "Metro" needs 地铁, "COVID-19" 新冠,
"Wholesale" 批发, "National" 国家/全国… Which Chinese that is depends on the kind of text
(:data:`KINDS`): a fact's note is held to its sentence, a metric's definition to its facts'
sentences, a translation to the sentence it translates, a program's or term's English name to
its Chinese name itself. A word is checked only in the kinds its entry lists: "Plan" or
"Line" are plain English in a translation but added words in a name.

In a name the counterpart is what the name renders (16号线海淀段 prints no 地铁, so no "Metro";
跨省通办 no 政务/政府, so no "Government"), so a word's ``name`` licence is literal where its
licence elsewhere may be wider (全市 speaks of Beijing in a sentence, but a name with 全市 does
not say "Beijing").

The build (:mod:`haidian_build.printed_words`) reports what notes, metric names and
definitions add; the tests hold names, descriptions, explanations and translations to the
same list.

>>> unprinted_words("Wholesale and physical markets relocated", "疏解整治有形市场各65家", NOTE)
['Wholesale']
>>> unprinted_words("Samples tested per day for COVID-19", "日核酸检测能力28.9万份", NOTE)
['COVID-19']
>>> unprinted_words("Group rentals (commonly flats let to many tenants)", "违法群租房", NOTE)
[]
>>> unprinted_words("Line 16 Haidian Section", "16号线海淀段", NAME)
[]
>>> unprinted_words("Metro Line 16 Haidian Section", "16号线海淀段", NAME)
['Metro']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

#: The kinds of English text held to the list, and the Chinese each is checked against.
NOTE: Final = "note"  # a fact's note: its sentence
METRIC_NAME: Final = "metric_name"  # a metric's name_en: name_zh, aliases_zh, its facts' quotes
DEFINITION: Final = "definition"  # a metric's definition_en: its facts' sentences
EXPLANATION: Final = "explanation"  # a term's explanation_en: term_zh and its sentences
DESCRIPTION: Final = "description"  # a program's description_en: the sentences mentioning it
TRANSLATION: Final = "translation"  # a sentence's text_en: the sentence
NAME: Final = "name"  # a program's name_en or a term's term_en: name_zh/term_zh itself
KINDS: Final = (NOTE, METRIC_NAME, DEFINITION, EXPLANATION, DESCRIPTION, TRANSLATION, NAME)

#: What a text says of its row: the kinds that carry the general list.
SAYS: Final = frozenset({NOTE, METRIC_NAME, DEFINITION, EXPLANATION})
#: What names a row: a metric's name and definition may not add a measure or a time either.
NAMES_METRIC: Final = frozenset({METRIC_NAME, DEFINITION})

#: Outside knowledge marked as such is set aside before the check: a clause opened by one of
#: these words, up to the next ``;``, ``)`` or ``.`` (a term explanation may also give a
#: reading as usual or often given).
HEDGES: Final[dict[str, str]] = {
    NOTE: "commonly|outside the text",
    METRIC_NAME: "commonly|outside the text",
    DEFINITION: "commonly|outside the text",
    EXPLANATION: "commonly|usually|often|outside the text",
}


@dataclass(frozen=True)
class Word:
    """An English word (a regular expression, matched case-insensitively on word boundaries),
    the Chinese that licenses it in the ``kinds`` of text it is checked in, and the Chinese a
    name must print for it (``name``; None: names are not checked for it)."""

    english: str
    chinese: str
    kinds: frozenset[str] = SAYS
    name: str | None = None


#: Every word, found in the rows the review rounds read where an English text added a word
#: that its Chinese does not print.
WORDS: Final[tuple[Word, ...]] = (
    Word(r"metro|subway", "地铁|麦德龙", name="地铁|麦德龙"),  # 麦德龙 is the Metro store
    Word(r"covid(?:-?19)?|coronavirus(?:es)?|sars-cov(?:-?2)?", "新冠", SAYS | {TRANSLATION}),
    Word(r"wholesale", "批发", SAYS | {TRANSLATION}),
    Word(r"national", "国家|全国|国民|国务院|中央", SAYS | {DESCRIPTION}, name="国家|全国"),
    Word(r"(?:industrial-)?chains?", "链"),
    Word(r"for the people", "人民|为民"),
    Word(r"investments?", "投资|外资"),
    Word(r"residential", "住|居|小区|楼|社区"),
    Word(r"direct", "直接"),
    Word(r"registered", "登记|注册"),
    Word(r"operating", "营业|经营|运营"),
    Word(r"banks?", "银行", name="银行|岸"),  # 清水绿岸: river banks
    Word(r"smes?|small and medium", "中小"),
    Word(r"valid", "有效"),
    Word(r"shop ?fronts?|shops?", "店|商铺|门面"),
    Word(r"government", "政|国务院", name="政务|政府"),
    Word(r"annual|yearly", "年"),
    Word(r"technology|technologies|technological", "技|科"),
    Word(r"international", "国际", name="国际"),
    Word(r"world|global", "世界|全球"),
    Word(r"central(?:ly)?", "中央|中心"),
    Word(r"municipal", "市", name="市"),
    Word(
        r"beijing",
        "北京|京|全市|首都|市政府|市委|市级|市属|市域",
        SAYS | {DESCRIPTION},
        name="北京|京",
    ),
    Word(r"provinces?|provincial", "省"),
    Word(r"pilot", "试|实验|先行", name="试点|试验|先行"),
    Word(r"olympics?", "奥"),
    Word(r"universit(?:y|ies)|colleges?", "高校|大学|学院"),
    Word(r"rural", "农|村|乡"),
    Word(r"villages?", "村"),
    Word(r"key", "重点|关键"),
    Word(r"priority", "重点|优先"),
    Word(r"poverty|poor", "贫|摘帽"),
    Word(r"party", "党", name="党|方"),  # 第三方: a third party
    Word(r"epidemic|pandemic", "疫"),
    Word(r"china", "中国|国家|全国|中央", SAYS | {DESCRIPTION}),
    Word(r"state council", "国务院", SAYS | {DESCRIPTION}),
    Word(r"xi jinping", "习近平", SAYS | {DESCRIPTION}),
    Word(r"healthy china", "健康中国", SAYS | {DESCRIPTION}),
    # a measure or a time that a metric's name or definition may not add (a note may say
    # which measure a row has: "cumulative over 2017-2021"; "through the time of the report")
    Word(r"cumulative", "累计|累", NAMES_METRIC),
    Word(r"access time|time", "时|分钟|年|季|日|天|期|同步", NAMES_METRIC),
    # words of kind or place that a name renders only where its Chinese prints them
    # (回龙观—上地自行车专用路 has no 快速 for an "Expressway"; “相约北京”系列冬季体育赛事 no 测试
    # for "test events"): the popular rendering goes to aliases_en
    *(
        Word(english, "", frozenset(), name=chinese)
        for english, chinese in (
            ("haidian", "海淀"),
            ("zhongguancun", "中关村"),
            ("expressway", "快速|高速"),
            ("test", "测试"),
            ("talent", "人才|英才"),
            ("management", "管理|管"),
            ("plan", "计划|规划|方案"),
            ("action", "行动|做"),
            ("reform", "改革"),
            ("centre|center", "中心"),
            ("park", "园"),
            ("mechanism", "机制"),
            ("system", "制|体系|系统|体制"),
            ("strategy", "战略"),
            ("polic(?:y|ies)", "政策"),
            ("measures", "措施|条|办法"),
            ("regulations", "条例"),
            ("laboratory", "实验室"),
            ("institute", "院|所"),
            ("fund", "基金"),
            ("forum", "论坛"),
            ("project", "工程|项目|建设"),
            ("campaign", "攻坚|保卫战|斗争|教育|行动|创建|活动"),
            ("series", "系列"),
            ("line", "线"),
            ("road", "路"),
            ("services?", "服务|办"),
            ("platform", "平台"),
            ("programme", "工程|计划|项目"),
            ("construction", "建设|建|施工"),
            ("development", "发展"),
            ("innovation", "创"),
            ("demonstration", "示范"),
            ("industry|industrial", "产业|工业"),
            ("education", "教育"),
            ("safety", "安全"),
            ("urban|city", "城|市"),
        )
    ),
)


@lru_cache(maxsize=len(KINDS))
def _checked(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(English pattern, licence) of every word checked in ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of text {kind!r}; known: {', '.join(KINDS)}")
    found = []
    for word in WORDS:
        licence = word.name if kind == NAME else word.chinese if kind in word.kinds else None
        if licence is not None:
            found.append((re.compile(rf"\b(?:{word.english})\b", re.IGNORECASE), licence))
    return tuple(found)


def set_aside(english: str, kind: str) -> str:
    """``english`` without the outside knowledge it marks as such (:data:`HEDGES`: a clause
    opened by "commonly" or "outside the text", to the next ``;``, ``)`` or ``.``), which the
    checks against the printed Chinese leave alone.

    >>> set_aside("Dated 2020 (outside the text: the action ran 2018-2020).", NOTE)
    'Dated 2020 ().'
    """
    hedge = HEDGES.get(kind)
    if not hedge:
        return english
    return re.sub(rf"\b(?:{hedge})\b[^;).]*", "", english, flags=re.IGNORECASE)


def unprinted_words(english: str, chinese: str, kind: str) -> list[str]:
    """The words of ``english`` (a text of ``kind``, one of :data:`KINDS`) whose counterpart
    ``chinese`` does not print, in the order the English gives them.

    >>> unprinted_words("the Beijing municipal government's task", "确保空气质量", NOTE)
    ['Beijing', 'municipal', 'government']
    >>> unprinted_words("Beijing's first private bank", "成立全市第一家民营银行", NOTE)
    []
    >>> unprinted_words("Beijing Bank", "成立全市第一家民营银行", NAME)
    ['Beijing']
    >>> unprinted_words("the Zoning Plan", "分区规划", TRANSLATION)
    []
    """
    said = set_aside(english, kind)
    hits = []
    for pattern, licence in _checked(kind):
        hit = pattern.search(said)
        if hit and not re.search(licence, chinese):
            hits.append((hit.start(), hit.group()))
    return [word for _, word in sorted(hits)]


#: Printed Chinese that the English must render in a given way, counted: 以上 after a
#: percentage is "or more" (the bound is included), never "over".
RENDERED: Final[dict[str, str]] = {r"[\d.]*\d%以上": r"\d% or more|at least [\d.]+%"}


def unrendered(chinese: str, english: str) -> list[str]:
    """The printed phrases of :data:`RENDERED` that ``english`` renders fewer times than
    ``chinese`` prints them (all of them, as the English cannot say which one it dropped).

    >>> unrendered("占地区生产总值的70%以上", "over 70% of gross regional product")
    ['70%以上']
    >>> unrendered("占地区生产总值的70%以上", "70% or more of gross regional product")
    []
    """
    out = []
    for printed, rendering in RENDERED.items():
        phrases = re.findall(printed, chinese)
        if len(phrases) > len(re.findall(rendering, english)):
            out.extend(phrases)
    return out
