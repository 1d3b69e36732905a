"""The rules run, and report, in the order written down in ``rules.ORDER``.

A rule may skip rows that rules before it found wrong (``common.flawed``), so the order is part
of what a report says. It used to follow which module imported which (a split module was
imported at the bottom of another to keep its place): these tests pin that it no longer can.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from haidian_report.validate.rules import ORDER, RULES, engine

RULES_DIR = Path(engine.__file__).parent


def _modules_in_run_order() -> list[str]:
    seen: list[str] = []
    for r in RULES:
        name = r.function.__module__.rsplit(".", 1)[-1]
        if not seen or seen[-1] != name:
            seen.append(name)
    return seen


def test_each_modules_rules_run_together_in_the_written_order() -> None:
    modules = _modules_in_run_order()
    assert len(modules) == len(set(modules)), "a module's rules are split by another's"
    assert modules == [m for m in ORDER if m in modules]


def test_every_module_that_defines_rules_is_in_the_order() -> None:
    defining = {
        path.stem
        for path in RULES_DIR.glob("*.py")
        if re.search(r"^@rule\(", path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert defining == set(ORDER)


def test_arrange_restores_the_order_whatever_the_registration_order() -> None:
    before = [r.name for r in RULES]
    # a module's own rules keep their relative order: shuffle modules, not rules
    by_module: dict[str, list[engine.Rule]] = {}
    for r in RULES:
        by_module.setdefault(r.function.__module__, []).append(r)
    blocks = list(by_module.values())
    random.Random(7).shuffle(blocks)
    saved = list(RULES)
    try:
        RULES[:] = [r for block in blocks for r in block]
        assert [r.name for r in RULES] != before
        engine.arrange(ORDER)
        assert [r.name for r in RULES] == before
    finally:
        RULES[:] = saved


def test_a_rule_module_left_out_of_the_order_is_an_error_naming_it() -> None:
    with pytest.raises(RuntimeError, match="structure"):
        engine.arrange(tuple(m for m in ORDER if m != "structure"))
