"""The build's check of the words the Chinese must print: notes, metric names, definitions.

The written rule is curation/README.md, "Words the Chinese must print"; the list of words and
their Chinese counterparts is :mod:`haidian_report.printed_words` (one list, which the tests of
names, descriptions, explanations and translations read too). Here each fact's ``note`` is
held to its sentence, each metric's ``name_en`` to its Chinese name, aliases and its facts'
quotes, and its ``definition_en`` to its facts' sentences; every word added is a curation
problem naming the file, entry and field. A note also does not narrate the curation.

>>> NARRATION.search("Second reading: blind read measure flow") is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from haidian_build.curation import Entry
from haidian_build.fact_context import BuiltFact
from haidian_report.models import Metric
from haidian_report.printed_words import DEFINITION, METRIC_NAME, NOTE, unprinted_words

#: Process narration, which a note shown to users does not carry (README, "What a note may say").
NARRATION: Final = re.compile(r"second reading|blind(?:ly)? read|first reading", re.IGNORECASE)


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
        for word in unprinted_words(row.note or "", sentence_text[row.sentence_id], NOTE):
            yield fact.entry, "note", _message(word, "its sentence")
        if NARRATION.search(row.note or ""):
            yield fact.entry, "note", "narrates the curation: state the rule and the words instead"
    for metric in metrics:
        entry = metric_entries[metric.metric_id]
        own = quotes.get(metric.metric_id, [])
        named = " ".join([metric.name_zh, metric.aliases_zh or "", *own])
        for word in unprinted_words(metric.name_en, named, METRIC_NAME):
            yield entry, "name_en", _message(word, "name_zh, its aliases or its facts' quotes")
        said = " ".join([named, *sentences.get(metric.metric_id, [])])
        for word in unprinted_words(metric.definition_en, said, DEFINITION):
            yield entry, "definition_en", _message(word, "its facts' sentences")


def _message(word: str, where: str) -> str:
    return (
        f"{word!r} needs its Chinese counterpart in {where}: drop it, or mark outside "
        "knowledge with 'commonly' (curation/README.md, 'Words the Chinese must print')"
    )
