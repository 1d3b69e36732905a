"""The arithmetic-checks page."""

from __future__ import annotations

from collections import Counter

from haidian_build.docs.markdown import (
    Table,
    _anchor,
    _page,
    md_code,
    md_text,
    table,
)

#: How the band of a printed figure is bounded, by its qualifier (see growth.printed_interval).
BAND_SHAPE = {
    "exact": ("[", ")"),
    "approx": ("[", "]"),
    "at_least": ("[", ")"),
    "more_than": ("(", ")"),
    "at_most": ("(", "]"),
    "less_than": ("(", ")"),
}


def stated_band(point: str, low: str, high: str, qualifier: str | None) -> str:
    """The stated figure and its rounding band, with the brackets its qualifier gives.

    >>> stated_band("7.6", "7.55", "7.65", "exact")
    '7.6 [7.55, 7.65)'
    >>> stated_band("10", "9.5", "", "at_least"), stated_band("90", "80", "100", None)
    ('10 [9.5, ∞)', '90 (80 to 100)')
    """
    if not (low or high):
        return point or "—"
    shape = BAND_SHAPE.get(qualifier or "")
    lo, hi = low or "−∞", high or "∞"
    band = f"{shape[0]}{lo}, {hi}{shape[1]}" if shape else f"({lo} to {hi})"
    return f"{point} {band}" if point else band


def computed_band(point: str, low: str, high: str) -> str:
    """A computed figure and its interval, closed: its ends are rounded outwards.

    >>> computed_band("9.97", "9.85", "10.08"), computed_band("", "3", "")
    ('9.97 [9.85, 10.08]', '≥ 3')
    """
    if low and high:
        band = f"[{low}, {high}]"
    elif low or high:
        band = f"≥ {low}" if low else f"≤ {high}"
    else:
        return point or "—"
    return f"{point} {band}" if point else band


def _stated_qualifiers(
    checks: Table, inputs: Table | None, facts: dict[str, tuple[str, str]]
) -> dict[str, str | None]:
    """check_id → qualifier of the stated figure (the input whose value is the stated one)."""
    by_check: dict[str, set[str]] = {}
    stated = {r["check_id"]: r["stated_value"] for r in checks.rows}
    for r in inputs.rows if inputs is not None else []:
        ref = r.get("indicator_id") or r.get("target_id") or ""
        value, qualifier = facts.get(ref, ("", ""))
        if value and value == stated.get(r["check_id"]):
            by_check.setdefault(r["check_id"], set()).add(qualifier)
    return {c: (q.pop() if len(q) == 1 else None) for c, q in by_check.items()}


def render_checks(
    checks: Table, inputs: Table | None, facts: dict[str, tuple[str, str]] | None = None
) -> bytes:
    """The page listing every arithmetic check with its verdict (handles an empty table).

    ``facts`` maps indicator and target ids to their (value, qualifier) as stored, so that a
    stated figure's band is printed with the brackets its rounding gives.
    """
    out = [
        "# Arithmetic checks\n",
        "The `checks` table audits the report's own arithmetic: growth rates against the "
        "levels they connect, shares against totals, targets against their 2021 base. "
        "Printed figures are rounded, so every check works with intervals (a printed `7.6%` "
        "means anything in [7.55, 7.65)) and a verdict is `inconsistent` only if no values "
        "within rounding agree. A stated figure is shown with its band as its printing gives it "
        "(`7.6 [7.55, 7.65)`: 7.65 would print as 7.7; `约` gives a closed band, `以上` one "
        "open above); a computed interval is shown closed, its ends rounded outwards so the "
        "exact interval lies inside. See the [field definitions](dictionary/checks.md).\n",
    ]
    if not checks.rows:
        out.append(
            '!!! note "No checks in this version of the data"\n'
            "    The `checks` table is empty in this version of the data package: the table "
            "and its schema are in place and this page fills itself in when the build "
            "writes rows.\n"
        )
        return _page("\n".join(out))
    verdicts = Counter(r["verdict"] for r in checks.rows)
    kinds = Counter(r["kind"] for r in checks.rows)
    verdict_field = next(f for f in checks.fields if f["name"] == "verdict")
    kind_field = next(f for f in checks.fields if f["name"] == "kind")
    out.append(f"{len(checks.rows)} check(s).\n")
    out.append(
        table(
            ["verdict", "checks"],
            [
                [md_code(str(v)), str(verdicts[str(v)])]
                for v in verdict_field.get("categories", sorted(verdicts))
                if verdicts[str(v)]
            ],
            "lr",
        )
    )
    out.append(
        table(
            ["kind", "checks"],
            [
                [md_code(str(k)), str(kinds[str(k)])]
                for k in kind_field.get("categories", sorted(kinds))
                if kinds[str(k)]
            ],
            "lr",
        )
    )
    used: dict[str, list[str]] = {}
    if inputs is not None:
        for r in inputs.rows:
            ref = r.get("indicator_id") or r.get("target_id") or ""
            used.setdefault(r["check_id"], []).append(f"{r['role']}: {ref}")

    qualifiers = _stated_qualifiers(checks, inputs, facts or {})
    out.append("## Every check, by kind\n")
    header = ["check", "verdict", "stated", "computed", "unit", "explanation", "inputs"]
    for kind in [str(k) for k in kind_field.get("categories", sorted(kinds))]:
        of_kind = [r for r in checks.rows if r["kind"] == kind]
        if not of_kind:
            continue
        out.append(f"### {kind} {{#{_anchor(kind)}}}\n")
        rows = [
            [
                md_code(r["check_id"]),
                f"**{r['verdict']}**" if r["verdict"] == "inconsistent" else r["verdict"],
                md_text(
                    stated_band(
                        r["stated_value"],
                        r["stated_low"],
                        r["stated_high"],
                        qualifiers.get(r["check_id"]),
                    )
                ),
                md_text(computed_band(r["computed_point"], r["computed_low"], r["computed_high"])),
                md_text(r["unit"]) or "—",
                md_text(r["explanation_en"]),
                "<br>".join(md_text(u) for u in used.get(r["check_id"], [])) or "—",
            ]
            for r in of_kind
        ]
        out.append(table(header, rows))
    return _page("\n".join(out))
