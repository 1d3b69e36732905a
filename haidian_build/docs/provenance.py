"""The provenance page: one worked example from sentence to row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haidian_build.docs.markdown import (
    EXAMPLE_INDICATOR,
    Table,
    _page,
    md_code,
    md_code_link,
    md_text,
    table,
)

if TYPE_CHECKING:
    from haidian_build.viewer import ViewerLinks


def _power_of_ten(ratio: float) -> str | None:
    for k in range(0, 17):
        if abs(ratio - 10.0**k) <= 1e-9 * 10.0**k:
            return "1" if k == 0 else f"10^{k}"
    return None


def _utf16_offset(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def _utf8_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def render_provenance(
    tables: dict[str, Table], source: str, source_path: str, links: ViewerLinks | None = None
) -> bytes:
    """The provenance page, with the worked example computed from the data.

    With ``links``, every row id on the page links to its place in the reading page.
    """

    def row_link(table_name: str, row_id: str) -> str:
        return md_code_link(row_id, links.href(table_name, row_id, "docs") if links else None)

    sentences = {r["sentence_id"]: r for r in tables["sentences"].rows}
    sections = {r["section_id"]: r for r in tables["sections"].rows}
    facts = tables["indicators"].rows
    chosen = next((r for r in facts if r["indicator_id"] == EXAMPLE_INDICATOR), None)
    if chosen is None and facts:
        chosen = facts[0]
    out = [
        "# Provenance: from sentence to row\n",
        "Every fact, target, program mention, term mention and exclusion in the package points "
        "back to the exact characters of the shipped source text "
        f"({md_code(source_path)}). Nothing is typed in by hand: a curator names a verbatim "
        "`quote` (and, for figures, the `value_text` inside it); the build finds it, computes "
        "the offsets and the sentence id, and parses the printed figure into `value`, `unit` "
        "and `qualifier`.\n",
        "The columns that carry provenance:\n",
        table(
            ["column", "meaning"],
            [
                [
                    "`sentence_id`",
                    "the sentence (row of `sentences`, with Chinese `text` and English `text_en`)",
                ],
                ["`quote`", "the verbatim clause the row is about, inside that sentence"],
                [
                    "`quote_start`, `quote_end`",
                    "its offsets in the source text (code points, "
                    "end exclusive): `source[quote_start:quote_end] == quote`",
                ],
                ["`value_text`", "the figure as printed, inside the quote"],
                ["`value_start`, `value_end`", "offsets of `value_text` in the source text"],
                [
                    "`value_printed`, `unit_printed`",
                    "the number and the unit as printed (`5908`, `亿元`)",
                ],
                ["`value`, `unit`, `qualifier`", "what the parser made of them"],
            ],
        ),
    ]
    if chosen is None:
        out.append("*(The indicators table is empty in this version of the data.)*\n")
        return _page("\n".join(out))
    sid = chosen["sentence_id"]
    sent = sentences[sid]
    chain: list[dict[str, str]] = []
    sec = sections.get(sent["section_id"])
    while sec is not None:
        chain.append(sec)
        sec = sections.get(sec["parent_id"]) if sec["parent_id"] else None
    where = " → ".join(
        f"{md_code(s['section_id'])}" + (f" {md_text(s['heading'])}" if s["heading"] else "")
        for s in reversed(chain)
    )
    s_start, s_end = int(sent["start"]), int(sent["end"])
    out += [
        f"## Worked example: sentence {md_code(sid)}\n",
        f"The sentence sits in {where} (line {sent['line']} of the source, sentence "
        f"{sent['index']} of its paragraph), at code points {s_start}–{s_end}:\n",
        f"> {md_text(sent['text'])}\n",
        "Its English translation, from `sentences.text_en` (unofficial; the Chinese is the "
        "record):\n",
        f"> {md_text(sent['text_en'])}\n",
    ]
    if links is not None:
        out.append(
            f"See it marked in the [reading page]({links.href('sentences', sid, 'docs')}): "
            f"sentence {row_link('sentences', sid)}, row "
            f"{row_link('indicators', chosen['indicator_id'])}.\n"
        )
    in_sentence = [r for r in facts if r["sentence_id"] == sid]
    out.append(f"The `indicators` table has {len(in_sentence)} row(s) citing this sentence:\n")
    out.append(
        table(
            [
                "indicator_id",
                "quote_start–end",
                "value_text",
                "value_start–end",
                "value",
                "unit",
                "qualifier",
                "estimated",
            ],
            [
                [
                    row_link("indicators", r["indicator_id"]),
                    f"{r['quote_start']}–{r['quote_end']}",
                    md_text(r["value_text"]),
                    f"{r['value_start']}–{r['value_end']}",
                    md_code(r["value"]) if r["value"] else "—",
                    md_text(r["unit"]) or "—",
                    r["qualifier"],
                    r["estimated"],
                ]
                for r in in_sentence
            ],
            "lrlrrll",
        )
    )
    q_start, q_end = int(chosen["quote_start"]), int(chosen["quote_end"])
    v_start, v_end = int(chosen["value_start"]), int(chosen["value_end"])
    steps = [
        f"**Quote.** {md_code(chosen['quote'])} at code points {q_start}–{q_end}: "
        f"`source[{q_start}:{q_end}]` gives exactly this text, and it lies inside the "
        f"sentence ({s_start} ≤ {q_start} and {q_end} ≤ {s_end}).",
        f"**Printed value.** `value_text` {md_code(chosen['value_text'])} at "
        f"{v_start}–{v_end}, split into `value_printed` {md_code(chosen['value_printed'])} "
        f"and `unit_printed` {md_code(chosen['unit_printed'])}.",
    ]
    value = chosen["value"]
    try:
        ratio = float(value) / float(chosen["value_printed"]) if value else None
    except ValueError:
        ratio = None
    power = _power_of_ten(ratio) if ratio else None
    if value:
        how = (
            f"{chosen['value_printed']} × {power}"
            if power and power != "1"
            else chosen["value_printed"]
        )
        steps.append(
            f"**Parsed value.** {md_text(how)} = {md_code(value)} "
            f"{md_code(chosen['unit'])}, qualifier {md_code(chosen['qualifier'])}: the "
            "multiplier in the printed unit is applied and the unit normalised "
            "(亿 = 10^8, 万 = 10^4)."
        )
    period = f"period {md_code(chosen['period'])}"
    if chosen["period_inferred"] == "true":
        period += " (not printed in the quote: chosen by the curator, `period_inferred = true`)"
    steps.append(
        f"**Meaning.** Metric {md_code(chosen['metric_id'])}, measure "
        f"{md_code(chosen['measure'])}, {period}, scope {md_code(chosen['scope'])}, "
        f"estimated {md_code(chosen['estimated'])}."
    )
    out.append(f"### Row {md_code(chosen['indicator_id'])}, step by step\n")
    out.append("\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) + "\n")
    estimated = [r for r in in_sentence if r["estimated"] == "true"]
    if estimated:
        out.append(
            "The sentence says 预计 (*expected*) before the 2021 figure, so "
            + ", ".join(md_code(r["indicator_id"]) for r in estimated)
            + " carry `estimated = true`: the report was delivered in December 2021, before "
            "the year's statistics were final.\n"
        )
    out += [
        "Check it yourself:\n",
        "```python",
        "import haidian_report as hr",
        "",
        "source = hr.source_text()",
        "row = hr.indicators().filter(",
        f'    hr.col("indicator_id") == "{chosen["indicator_id"]}"',
        ").row(0, named=True)",
        'assert source[row["quote_start"]:row["quote_end"]] == row["quote"]',
        'assert source[row["value_start"]:row["value_end"]] == row["value_text"]',
        f'row["value"]        # {float(value)!r}' if value else 'row["value"]  # None',
        'sentence = hr.sentences().filter(hr.col("sentence_id") == row["sentence_id"])',
        'sentence["text_en"].item()',
        "```\n",
    ]
    astral = sum(1 for ch in source if ord(ch) > 0xFFFF)
    out += [
        "## Offsets are code points, not bytes or UTF-16 units\n",
        "Offsets index the text as a sequence of Unicode code points (what a Python `str` "
        "indexes). Other tools count differently:\n",
        table(
            ["unit", "where used", f"start of the quote of {md_code(chosen['indicator_id'])}"],
            [
                [
                    "code points (the package)",
                    "Python `str`, R `substr`, DuckDB `substring`",
                    str(q_start),
                ],
                [
                    "UTF-16 code units",
                    "JavaScript, Java, C# strings",
                    str(_utf16_offset(source, q_start)),
                ],
                [
                    "UTF-8 bytes",
                    "byte-oriented readers, `mmap`, Rust `&str` slicing",
                    str(_utf8_offset(source, q_start)),
                ],
            ],
            "llr",
        ),
        "Offsets are 0-based and ends exclusive, as Python slices are. R's `substr` and "
        "DuckDB's `substring` count from 1, so the quote starts at `quote_start + 1`: in R "
        "`substr(source, quote_start + 1, quote_end)`, in DuckDB `substring(source, "
        "quote_start + 1, quote_end - quote_start)`.\n",
        f"The current source text has {astral} character(s) outside the Basic Multilingual "
        "Plane, so today code-point and UTF-16 offsets happen to agree; do not rely on it. "
        "In JavaScript, slice by code points:\n",
        "```javascript",
        "const chars = Array.from(source);            // one element per code point",
        'const quote = chars.slice(row.quote_start, row.quote_end).join("");',
        "```\n",
    ]
    return _page("\n".join(out))
