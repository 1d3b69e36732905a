"""Meaning rules: every relation that holds for every shipped row and that a careless edit can
break, one small function each (see :mod:`~haidian_report.validate.rules.engine`).

Importing this package registers every rule, module by module.
"""

from haidian_report.validate.rules import (  # noqa: F401  (importing registers the rules)
    arithmetic,
    checkmeta,
    english,
    exclusion_digits,
    explanations,
    facts,
    links,
    lists,
    lookalikes,
    measures,
    mentions,
    metric_names,
    names,
    numbers,
    per_units,
    printed,
    programs,
    sentence_names,
    status,
    structure,
    unprinted,
    values,
    variants,
    wording,
)
from haidian_report.validate.rules.engine import RULES, Hit, Hits, Rule, rule, run

__all__ = ["RULES", "Hit", "Hits", "Rule", "rule", "run"]
