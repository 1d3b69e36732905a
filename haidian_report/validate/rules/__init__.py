"""Meaning rules: every relation that holds for every shipped row and that a careless edit can
break, one small function each (see :mod:`~haidian_report.validate.rules.engine`).

Importing this package registers every rule, module by module.
"""

from haidian_report.validate.rules import (  # noqa: F401  (importing registers the rules)
    arithmetic,
    checkmeta,
    english,
    english_names,
    english_numbers,
    english_words,
    exclusion_digits,
    explained_numbers,
    explanations,
    facts,
    facts_metric,
    flows,
    links,
    lists,
    lookalikes,
    measures,
    mention_spans,
    mentions,
    metric_basis,
    metric_names,
    names,
    note_numbers,
    numbers,
    per_units,
    period_printed,
    price_conventions,
    printed,
    program_generic,
    program_types,
    programs,
    reasons,
    section_shape,
    sentence_names,
    status,
    status_source,
    structure,
    term_sources,
    unit_inferred,
    units_derived,
    unprinted,
    values,
    variant_groups,
    variants,
    wording,
)
from haidian_report.validate.rules.engine import RULES, Hit, Hits, Rule, rule, run

__all__ = ["RULES", "Hit", "Hits", "Rule", "rule", "run"]
