"""What the fact rules see: a built fact, its context, and the shape of a rule.

Shared by :mod:`haidian_build.fact_rules`, :mod:`haidian_build.variant_rules` and
:mod:`haidian_build.claim_rules`, so that each rule module imports only what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from haidian_build.curation import Entry
from haidian_report.models import Indicator, Metric, Target
from haidian_report.segment import SentenceSpan

Fact = Indicator | Target


@dataclass(frozen=True)
class BuiltFact:
    """A fact row with the curation entry it was built from."""

    entry: Entry
    row: Fact

    @property
    def ident(self) -> str:
        row = self.row
        return row.indicator_id if isinstance(row, Indicator) else row.target_id


@dataclass(frozen=True)
class Context:
    """What the rules see beside a fact: sentences, paragraphs, metrics and all facts."""

    sentences: dict[str, SentenceSpan]
    paragraph_start: dict[str, int]
    metrics: dict[str, Metric]
    facts: Sequence[BuiltFact]
    source: str

    def sentence(self, fact: Fact) -> SentenceSpan:
        return self.sentences[fact.sentence_id]


#: What a rule yields: (field, message) for every breach.
Problems = Iterator[tuple[str, str]]
#: A rule: one built fact and its context → problems.
Rule = Callable[[BuiltFact, Context], Problems]
