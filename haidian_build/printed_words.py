"""English words that say more than the Chinese, unless the Chinese prints their counterpart.

The written rule (curation/README.md, "Words the Chinese must print"): a metric's ``name_en``
renders what its Chinese prints, its ``definition_en`` says what its facts' sentences say, and a
fact's ``note`` states what is true of the row and its sentence. Outside knowledge is left out
or marked as such: a clause opened by "commonly" or "outside the text" (up to the next ``;``,
``)`` or ``.``) is set aside. What is left may use
a word of :data:`NEEDS_PRINTED` only where the Chinese it is checked against prints one of the
word's counterparts: "Metro" needs 地铁, "COVID-19" 新冠, "Wholesale" 批发, "National" 国家/全国…

>>> unprinted_words("Wholesale and physical markets relocated", "疏解整治有形市场各65家")
['Wholesale']
>>> unprinted_words("Physical markets (有形市场) relocated", "疏解整治有形市场各65家")
[]
>>> unprinted_words("Samples tested per day for COVID-19", "日核酸检测能力28.9万份")
['COVID-19']
>>> unprinted_words("Group rentals (commonly flats let to many tenants)", "违法群租房")
[]
>>> unprinted_words("Metro Line 13 split", "推进地铁13号线拆分等4条轨道建设")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from haidian_build.curation import Entry
from haidian_build.fact_context import BuiltFact
from haidian_report.models import Metric

#: English words (a regular expression, matched case-insensitively on word boundaries) and the
#: Chinese that licenses each: found in the rows the third review read, where an English
#: name, definition or note added a word that its Chinese does not print.
NEEDS_PRINTED: Final[dict[str, str]] = {
    r"metro|subway": "地铁",
    r"covid(?:-19)?|coronavirus": "新冠",
    r"wholesale": "批发",
    r"national": "国家|全国|国民|国务院|中央",
    r"(?:industrial-)?chains?": "链",
    r"for the people": "人民|为民",
    r"investments?": "投资|外资",
    r"residential": "住|居|小区|楼|社区",
    r"direct": "直接",
    r"registered": "登记|注册",
    r"operating": "营业|经营|运营",
    r"banks?": "银行",
    r"smes?|small and medium": "中小",
    r"valid": "有效",
    r"shop ?fronts?|shops?": "店|商铺|门面",
    r"government": "政|国务院",
    r"annual|yearly": "年",
    r"technology|technologies|technological": "技|科",
    r"international": "国际",
    r"world|global": "世界|全球",
    r"central(?:ly)?": "中央|中心",
    r"municipal": "市",
    r"beijing": "北京|京|全市|首都|市政府|市委|市级",
    r"provinces?|provincial": "省",
    r"pilot": "试|实验|先行",
    r"olympics?": "奥",
    r"universit(?:y|ies)|colleges?": "高校|大学|学院",
    r"rural": "农|村|乡",
    r"villages?": "村",
    r"key": "重点|关键",
    r"priority": "重点|优先",
    r"poverty|poor": "贫|摘帽",
    r"party": "党",
    r"epidemic|pandemic": "疫",
}
#: Words that a metric's name or definition may not add but a note may use of the row itself
#: (a note says which measure a row has: "cumulative over 2017-2021"; "through the time of the
#: report").
NAME_ONLY: Final[dict[str, str]] = {
    r"cumulative": "累计|累",
    r"access time|time": "时|分钟|年|季|日|天|期|同步",
}
#: Process narration, which a note shown to users does not carry (README, "What a note may say").
NARRATION: Final = re.compile(r"second reading|blind(?:ly)? read|first reading", re.IGNORECASE)
_MARKED = re.compile(r"\b(?:commonly|outside the text)\b[^;).]*", re.IGNORECASE)


def unprinted_words(english: str, chinese: str, *, name: bool = False) -> list[str]:
    """Words of ``english`` whose counterpart ``chinese`` does not print (``name``: also
    the words a name or definition may not add, :data:`NAME_ONLY`)."""
    said = _MARKED.sub("", english)
    words = {**NEEDS_PRINTED, **NAME_ONLY} if name else NEEDS_PRINTED
    found = []
    for pattern, licence in words.items():
        hit = re.search(rf"\b(?:{pattern})\b", said, re.IGNORECASE)
        if hit and not re.search(licence, chinese):
            found.append(hit.group())
    return found


def word_problems(
    facts: Sequence[BuiltFact],
    metrics: Sequence[Metric],
    metric_entries: Mapping[str, Entry],
    sentence_text: Mapping[str, str],
) -> Iterator[tuple[Entry, str, str]]:
    """(entry, field, message) for every word a metric's ``name_en`` (checked against its
    Chinese name, aliases and its facts' quotes), its ``definition_en`` (against its facts'
    sentences) or a fact's ``note`` (against its sentence) adds without a printed counterpart."""
    quotes: dict[str, list[str]] = {}
    sentences: dict[str, list[str]] = {}
    for fact in facts:
        row = fact.row
        quotes.setdefault(row.metric_id, []).append(row.quote)
        sentences.setdefault(row.metric_id, []).append(sentence_text[row.sentence_id])
        for word in unprinted_words(row.note or "", sentence_text[row.sentence_id]):
            yield fact.entry, "note", _message(word, "its sentence")
        if NARRATION.search(row.note or ""):
            yield fact.entry, "note", "narrates the curation: state the rule and the words instead"
    for metric in metrics:
        entry = metric_entries[metric.metric_id]
        own = quotes.get(metric.metric_id, [])
        named = " ".join([metric.name_zh, metric.aliases_zh or "", *own])
        for word in unprinted_words(metric.name_en, named, name=True):
            yield entry, "name_en", _message(word, "name_zh, its aliases or its facts' quotes")
        said = " ".join([named, *sentences.get(metric.metric_id, [])])
        for word in unprinted_words(metric.definition_en, said, name=True):
            yield entry, "definition_en", _message(word, "its facts' sentences")


def _message(word: str, where: str) -> str:
    return (
        f"{word!r} needs its Chinese counterpart in {where}: drop it, or mark outside "
        "knowledge with 'commonly' (curation/README.md, 'Words the Chinese must print')"
    )
