"""The ``checks`` and ``derivations`` tables: the report's own arithmetic, audited.

Data plus rules. :mod:`.figures` turns each numeric indicator and target into a figure with
the band of true values its printing allows; :mod:`.facts` indexes them by what they are
(series = metric and variant, measure, period, scope, price basis); each rule in
:mod:`.rules` reads the facts it needs and yields rows through :mod:`.rows`:

* a **check** tests the report's consistency: a stated figure against what other stated
  figures imply, with a verdict (``consistent``, ``inconsistent``, ``not_comparable``) and its
  ``reason``. Figures that measure different things (real growth against nominal levels, a
  rate of unstated price basis, a different stage of work) are ``not_comparable``, never a
  ratio.
* a **derivation** is a value the report implies but does not print, with its interval.

Bounds are rounded outwards to six significant digits; a bound that only an open-ended input
could reach (a level near 0, a rate near −100 %) is left empty, as are infinite ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from haidian_build.checks.facts import Facts
from haidian_build.checks.figures import Figure, figure
from haidian_build.checks.rows import Tables, collect
from haidian_build.checks.rules import RULES, Rule
from haidian_report.models import Indicator, Metric, Target


def check_tables(
    indicators: Sequence[Indicator],
    targets: Sequence[Target],
    metrics: Sequence[Metric],
    rules: Sequence[Rule] = RULES,
) -> Tables:
    """Every check and derivation the report's figures allow, each table sorted by its key."""
    facts = Facts.of_rows(indicators, targets, metrics)
    return collect(entry for rule in rules for entry in rule(facts))


__all__ = ["RULES", "Facts", "Figure", "Rule", "Tables", "check_tables", "figure"]
