"""The ``checks`` table: the report's arithmetic audited with :mod:`haidian_report.growth`."""

from __future__ import annotations

from collections.abc import Sequence

from haidian_report.models import Check, CheckInput, Indicator, Metric, Target


def check_rows(
    indicators: Sequence[Indicator], targets: Sequence[Target], metrics: Sequence[Metric]
) -> tuple[list[Check], list[CheckInput]]:
    """Every check the report's figures allow, and the inputs each one uses."""
    return [], []
