"""Meaning rules: every relation that holds for every shipped row and that a careless edit can
break, one small function each (see :mod:`~haidian_report.validate.rules.engine`).

Importing this package registers every rule, module by module, and puts them in the order of
:data:`ORDER`.
"""

from importlib import import_module
from typing import Final

from haidian_report.validate.rules.engine import RULES, Hit, Hits, Rule, arrange, rule, run

#: The modules of rules in the order their rules run and report (each module's rules in the
#: order it defines them). A rule may skip rows that rules before it found wrong
#: (:func:`~haidian_report.validate.rules.common.flawed`), so that one wrong cell is reported
#: once: this order is part of what a report says. It is set here, once, and not by which
#: module happens to import which (a module that imports another registers the other's rules
#: first). A rule module missing from this list is an error when the package is imported.
ORDER: Final = (
    "arithmetic",
    "checkmeta",
    "values",
    "english",
    "english_numbers",
    "english_units",
    "english_order",
    "explanations",
    "mentions",
    "english_names",
    "facts",
    "facts_metric",
    "english_words",
    "exclusion_digits",
    "explained_numbers",
    "flows",
    "metric_names",
    "sentence_names",
    "links",
    "variants",
    "printed",
    "subjects",
    "lists",
    "lookalikes",
    "measures",
    "mention_spans",
    "metric_basis",
    "names",
    "note_numbers",
    "numbers",
    "pace",
    "per_units",
    "period_printed",
    "wording",
    "price_conventions",
    "program_generic",
    "program_types",
    "programs",
    "rank_kinds",
    "reasons",
    "section_shape",
    "status",
    "status_source",
    "structure",
    "term_sources",
    "unit_inferred",
    "units_derived",
    "unprinted",
    "variant_groups",
)

for _name in ORDER:
    import_module(f"{__name__}.{_name}")
arrange(ORDER)

__all__ = ["ORDER", "RULES", "Hit", "Hits", "Rule", "rule", "run"]
