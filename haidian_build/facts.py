"""Turn curated ``[[indicator]]``, ``[[target]]`` and ``[[metric]]`` entries into rows.

A fact entry names printed text; this module locates it, parses the value and builds the row.
Whether the row's semantic fields follow the written rules (curation/README.md) is checked by
:mod:`haidian_build.fact_rules` once every row is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from haidian_build.claim_rules import RULES as CLAIM_RULES
from haidian_build.curation import Curation, Entry, Locator, catalogue_rows, validated
from haidian_build.fact_context import BuiltFact
from haidian_build.fact_rules import rule_problems
from haidian_build.metric_rules import name_problems
from haidian_build.printed_words import word_problems
from haidian_report.figures import ValueParseError, parse_value
from haidian_report.models import Indicator, Metric, Target
from haidian_report.rank_rule import rank_kind

DECREASE_WORDS = ("下降", "减少", "减至", "降低", "减", "降")
FACT_KEYS = {
    "id",
    "metric",
    "measure",
    "variant",
    "period",
    "quote",
    "value_text",
    "occurrence",
    "value_occurrence",
    "unit",
    "period_inferred",
    "base_period",
    "direction",
    "scope",
    "price_basis",
    "price_basis_source",
    "qualitative",
    "note",
}
INDICATOR_KEYS = FACT_KEYS | {"estimated"}
TARGET_KEYS = FACT_KEYS | {"firmness", "base_indicator"}


def metric_rows(cur: Curation) -> list[Metric]:
    """Every ``[[metric]]`` entry as a :class:`Metric`, ids unique, names held to the rule
    that ``name_en`` says what ``name_zh`` says and nothing more (:func:`name_problems`)."""
    rows = catalogue_rows(cur, "metric", Metric, "metric_id")
    entries = {str(e.data.get("id")): e for e in cur.of("metric")}
    for row in rows:
        for message in name_problems(row.name_zh, row.name_en, row.aliases_zh or ""):
            cur.problem(entries[row.metric_id], "name_en", message)
    return rows


def _value_span(cur: Curation, entry: Entry, quote: str, q_start: int) -> int | None:
    """Start offset of ``value_text`` inside the quote (``value_occurrence`` picks one)."""
    d = entry.data
    value_text = d.get("value_text")
    if not isinstance(value_text, str) or not value_text:
        cur.problem(entry, "value_text", "missing or empty")
        return None
    hits = [i for i in range(len(quote)) if quote.startswith(value_text, i)]
    which = d.get("value_occurrence", 1)
    if not hits:
        cur.problem(entry, "value_text", f"{value_text!r} is not inside quote {quote!r}")
        return None
    if len(hits) > 1 and "value_occurrence" not in d:
        cur.problem(
            entry,
            "value_text",
            f"{value_text!r} occurs {len(hits)} times in the quote; add value_occurrence",
        )
        return None
    if not isinstance(which, int) or not 1 <= which <= len(hits):
        cur.problem(entry, "value_occurrence", f"must be 1..{len(hits)}, got {which!r}")
        return None
    return q_start + hits[which - 1]


def _fact_fields(cur: Curation, entry: Entry, loc: Locator) -> dict[str, Any] | None:
    d = entry.data
    allowed = TARGET_KEYS if entry.kind == "target" else INDICATOR_KEYS
    for key in d:
        if key not in allowed:
            cur.problem(entry, key, f"unknown key for [[{entry.kind}]]")
    found = loc.locate(cur, entry)
    if found is None:
        return None
    q_start, q_end, sent = found
    quote = loc.source[q_start:q_end]
    v_start = _value_span(cur, entry, quote, q_start)
    if v_start is None:
        return None
    value_text = str(d["value_text"])
    direction = d.get("direction")
    qualitative = bool(d.get("qualitative", False))
    value: float | None = None
    unit: str | None = d.get("unit")
    qualifier = "qualitative"
    value_printed = unit_printed = None
    if not qualitative:
        try:
            parsed = parse_value(value_text, unit=d.get("unit"))
        except ValueParseError as exc:
            cur.problem(entry, "value_text", str(exc))
            return None
        value, unit, qualifier = parsed.value, parsed.unit, parsed.qualifier
        value_printed, unit_printed = parsed.number_printed, parsed.unit_printed or None
        if direction == "decrease":
            if not any(w in quote for w in DECREASE_WORDS):
                cur.problem(entry, "direction", f"no decrease word {DECREASE_WORDS} in the quote")
            value = -value
    return {
        "metric_id": d.get("metric"),
        "measure": d.get("measure"),
        # derived, never curated: the printed word says which kind of rank it is
        "rank_kind": rank_kind(loc.source, v_start, v_start + len(value_text))
        if d.get("measure") == "rank"
        else None,
        "variant": d.get("variant"),
        "period": d.get("period"),
        "base_period": d.get("base_period"),
        "period_inferred": bool(d.get("period_inferred", False)),
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "direction": direction,
        "scope": d.get("scope", "haidian"),
        "price_basis": d.get("price_basis"),
        "price_basis_source": d.get("price_basis_source"),
        "value_text": value_text,
        "value_printed": value_printed,
        "unit_printed": unit_printed,
        "unit_inferred": not qualitative and d.get("unit") is not None,
        "value_start": v_start,
        "value_end": v_start + len(value_text),
        "note": d.get("note"),
        "sentence_id": sent.sentence_id,
        "quote": quote,
        "quote_start": q_start,
        "quote_end": q_end,
    }


def fact_rows(
    cur: Curation, loc: Locator, metrics: Sequence[Metric]
) -> tuple[list[Indicator], list[Target]]:
    """Every curated indicator and target as a row, ids unique across both tables.

    Rows that build are then held to the written rules (:func:`rule_problems`); a row that
    breaks one is kept (the problem fails the build), so that every rule is reported at once.
    """
    indicators: list[Indicator] = []
    targets: list[Target] = []
    built: list[BuiltFact] = []
    seen: set[str] = set()
    for kind in ("indicator", "target"):
        for entry in cur.of(kind):
            ident = entry.data.get("id")
            if ident in seen:
                cur.problem(entry, "id", "duplicate fact id")
                continue
            seen.add(str(ident))
            fields = _fact_fields(cur, entry, loc)
            if fields is None:
                continue
            if kind == "indicator":
                fields |= {"indicator_id": ident, "estimated": bool(entry.data.get("estimated"))}
                row = validated(cur, entry, Indicator, fields)
                if isinstance(row, Indicator):
                    indicators.append(row)
                    built.append(BuiltFact(entry, row))
            else:
                fields |= {
                    "target_id": ident,
                    "firmness": entry.data.get("firmness"),
                    "base_indicator_id": entry.data.get("base_indicator"),
                }
                row = validated(cur, entry, Target, fields)
                if isinstance(row, Target):
                    targets.append(row)
                    built.append(BuiltFact(entry, row))
    for entry, field_name, message in rule_problems(built, loc, metrics, CLAIM_RULES):
        cur.problem(entry, field_name, message)
    metric_entries = {str(e.data.get("id")): e for e in cur.of("metric")}
    texts = {s.sentence_id: s.text for s in loc.sentences}
    for entry, field_name, message in word_problems(built, metrics, metric_entries, texts):
        cur.problem(entry, field_name, message)
    indicators.sort(key=lambda r: (r.value_start, r.indicator_id))
    targets.sort(key=lambda r: (r.value_start, r.target_id))
    return indicators, targets
