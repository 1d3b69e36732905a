"""The arithmetic-checks page."""

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


def render_checks(checks: Table, inputs: Table | None, links: ViewerLinks | None = None) -> bytes:
    """The page listing every arithmetic check with its verdict (handles an empty table).

    With ``links``, check ids and the ids of the facts they use link to the reading page.
    """

    def row_link(table_name: str, row_id: str) -> str:
        return md_code_link(row_id, links.href(table_name, row_id, "docs") if links else None)

    out = [
        "# Arithmetic checks\n",
        "The `checks` table audits the report's own arithmetic: growth rates against the "
        "levels they connect, shares against totals, targets against their 2021 base. "
        "Printed figures are rounded, so every check works with intervals (a printed `7.6%` "
        "means anything in [7.55, 7.65)) and a verdict is `inconsistent` only if no values "
        "within rounding agree. See the [field definitions](dictionary/checks.md).\n",
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
            name = "indicators" if r.get("indicator_id") else "targets"
            ref = r.get("indicator_id") or r.get("target_id") or ""
            used.setdefault(r["check_id"], []).append(
                f"{md_text(r['role'])}: {row_link(name, ref)}"
            )

    def interval(point: str, low: str, high: str) -> str:
        if low and high:
            inner = f"[{low}, {high}]"
            return f"{point} {inner}" if point else inner
        return point or "—"

    out.append("## Every check, by kind\n")
    header = ["check", "verdict", "stated", "computed", "unit", "explanation", "inputs"]
    for kind in [str(k) for k in kind_field.get("categories", sorted(kinds))]:
        of_kind = [r for r in checks.rows if r["kind"] == kind]
        if not of_kind:
            continue
        out.append(f"### {kind} {{#{_anchor(kind)}}}\n")
        rows = [
            [
                row_link("checks", r["check_id"]),
                f"**{r['verdict']}**" if r["verdict"] == "inconsistent" else r["verdict"],
                md_text(interval(r["stated_value"], r["stated_low"], r["stated_high"])),
                md_text(interval(r["computed_point"], r["computed_low"], r["computed_high"])),
                md_text(r["unit"]) or "—",
                md_text(r["explanation_en"]),
                "<br>".join(used.get(r["check_id"], [])) or "—",
            ]
            for r in of_kind
        ]
        out.append(table(header, rows))
    return _page("\n".join(out))
