"""The checks page: the consistency checks, then the derived values, each listed by kind."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from haidian_build.docs.markdown import (
    Table,
    _anchor,
    _page,
    md_code,
    md_code_link,
    md_text,
    table,
)

if TYPE_CHECKING:
    from haidian_build.viewer import ViewerLinks

_INTRO = (
    "# Checks and derived values\n",
    "The report's own arithmetic, audited. Printed figures are rounded, so everything here "
    "works with intervals (a printed `7.6%` means anything in [7.55, 7.65)). A stated figure "
    "is shown with its band as its printing gives it (`7.6 [7.55, 7.65)`: 7.65 would print as "
    "7.7; `约` gives a closed band, `以上` one open above); a computed interval is shown "
    "closed, its ends rounded outwards so that the exact interval lies inside.\n",
    "* The `checks` table holds **tests of the report's consistency**: a stated figure against "
    "what other stated figures imply. A verdict is `inconsistent` only if no values within "
    "rounding agree; `not_comparable` when the figures measure different things (real growth "
    "against nominal levels, a rate whose price basis is not stated, a different stage of "
    "work), with the `reason`, and never with a ratio. "
    "See the [field definitions](dictionary/checks.md).\n"
    "* The `derivations` table holds **values the report implies but does not print** (an "
    "earlier level from a later one and a rate, a Beijing total from a share, the average pace "
    "behind a 2022 target), each with its interval. Nothing there is a test. "
    "See the [field definitions](dictionary/derivations.md).\n",
    "Which indicators and targets each row uses, and in what role, is in `check_inputs` and "
    "`derivation_inputs` (and in the last column below).\n",
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
    """A computed value and its interval, closed: its ends are rounded outwards.

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


def stated_qualifiers(
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


def _id(table_name: str, row_id: str, links: ViewerLinks | None) -> str:
    """A row id as code, linked to its place in the reading page when it has one."""
    return md_code_link(row_id, links.href(table_name, row_id, "docs") if links else None)


def _inputs(inputs: Table | None, key: str, links: ViewerLinks | None) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for r in inputs.rows if inputs is not None else []:
        name = "indicators" if r.get("indicator_id") else "targets"
        ref = r.get("indicator_id") or r.get("target_id") or ""
        used.setdefault(r[key], []).append(f"{md_text(r['role'])}: {_id(name, ref, links)}")
    return used


def _categories(tbl: Table, name: str) -> list[str]:
    field = next(f for f in tbl.fields if f["name"] == name)
    present = Counter(r[name] for r in tbl.rows)
    return [str(k) for k in field.get("categories", sorted(present)) if present[str(k)]]


def _counts(tbl: Table, name: str, noun: str) -> str:
    present = Counter(r[name] for r in tbl.rows)
    return table(
        [name, noun], [[md_code(k), str(present[k])] for k in _categories(tbl, name)], "lr"
    )


def _section(
    tbl: Table,
    inputs: Table | None,
    key: str,
    columns: dict[str, list[str]],
    title: str,
    links: ViewerLinks | None = None,
    qualifiers: dict[str, str | None] | None = None,
) -> list[str]:
    """One listing: counts by kind, then each kind's rows with the given computed columns."""
    out = [f"## {title}\n", f"{len(tbl.rows)} row(s).\n", _counts(tbl, "kind", "rows")]
    if "verdict" in columns:
        out.append(_counts(tbl, "verdict", "checks"))
    used = _inputs(inputs, key, links)
    header = [key.removesuffix("_id"), *columns, "unit", "explanation", "inputs"]
    for kind in _categories(tbl, "kind"):
        out.append(f"### {kind} {{#{_anchor(kind)}}}\n")
        rows = [
            [
                _id(tbl.name, r[key], links),
                *(
                    md_text(_cell(r, name, cols, (qualifiers or {}).get(r[key])))
                    for name, cols in columns.items()
                ),
                md_text(r["unit"]) or "—",
                md_text(r["explanation_en"]),
                "<br>".join(used.get(r[key], [])) or "—",
            ]
            for r in tbl.rows
            if r["kind"] == kind
        ]
        out.append(table(header, rows))
    return out


def _cell(row: dict[str, str], name: str, cols: list[str], qualifier: str | None) -> str:
    if len(cols) == 1:
        value = row[cols[0]]
        return f"**{value}**" if value == "inconsistent" else value
    point, low, high = (row[c] for c in cols)
    if name == "stated":
        return stated_band(point, low, high, qualifier)
    return computed_band(point, low, high)


def render_checks(
    checks: Table,
    inputs: Table | None,
    derivations: Table | None = None,
    derivation_inputs: Table | None = None,
    links: ViewerLinks | None = None,
    facts: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """The page listing every check with its verdict and every derived value (handles empty
    tables). With ``links``, row ids link to their place in the reading page; ``facts`` maps
    indicator and target ids to their (value, qualifier) as stored, so that a stated figure's
    band is printed with the brackets its rounding gives."""
    out = list(_INTRO)
    if not checks.rows and not (derivations and derivations.rows):
        out.append(
            '!!! note "No checks in this version of the data"\n'
            "    The `checks` and `derivations` tables are empty in this version of the data "
            "package: the tables and their schemas are in place and this page fills itself in "
            "when the build writes rows.\n"
        )
        return _page("\n".join(out))
    if checks.rows:
        check_cols = {
            "verdict": ["verdict"],
            "reason": ["reason"],
            "stated": ["stated_value", "stated_low", "stated_high"],
            "computed": ["computed_point", "computed_low", "computed_high"],
        }
        qualifiers = stated_qualifiers(checks, inputs, facts or {})
        out += _section(
            checks, inputs, "check_id", check_cols, "Consistency checks", links, qualifiers
        )
    if derivations is not None and derivations.rows:
        derived_cols = {"value": ["point", "low", "high"]}
        out += _section(
            derivations, derivation_inputs, "derivation_id", derived_cols, "Derived values", links
        )
    return _page("\n".join(out))
