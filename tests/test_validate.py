"""The validator: a corpus of corruptions of the shipped package, each reported exactly.

The shipped package is copied once per module (``pristine``). Row-level content corruptions
are applied together to one copy, on distinct rows, and validated once (frictionless is the
slow part); every one must be reported with its exact code, resource, row and field, and
nothing else may be. File-level, descriptor and security corruptions each get their own copy.
Content edits re-stamp ``bytes`` and ``hash`` so the hash check alone cannot catch them.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from corrupt import (
    copy_package,
    edit_descriptor,
    file_hashes,
    read_descriptor,
    read_table,
    resource,
    restamp,
    table_path,
    write_bytes,
    write_table,
)

from haidian_report.cli import main
from haidian_report.meta import SOURCE_SHA256
from haidian_report.paths import package_dir
from haidian_report.validate import Limits, Problem, Report, validate

Key = tuple[str, str | None, int | None, str | None]


def keys(report: Report) -> set[Key]:
    """(code, resource, row, field) of every problem."""
    return {(p.code, p.resource, p.row, p.field) for p in report.problems}


def only(report: Report) -> Problem:
    """The single problem of a report (fails, listing them, if there is not exactly one)."""
    assert len(report.problems) == 1, report.render()
    return report.problems[0]


@pytest.fixture
def pkg(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the package to corrupt."""
    return copy_package(pristine, tmp_path / "pkg")


# --------------------------------------------------------------------------------------------
# The pristine package and a legitimately derived one


def test_pristine_package_is_valid(pristine: Path) -> None:
    before = file_hashes(pristine)
    report = validate(pristine)
    assert file_hashes(pristine) == before
    assert report.valid, report.render()
    assert not report.unreadable
    assert report.tables >= 10 and report.rows > 1000
    assert report.render().splitlines()[-1].startswith("VALID: ")


def test_pristine_package_is_valid_strict(pristine: Path) -> None:
    before = file_hashes(pristine)
    report = validate(pristine / "datapackage.json", strict=True)
    assert file_hashes(pristine) == before
    assert report.valid, report.render()
    assert report.strict


def test_validation_writes_nothing(corpus: Corpus) -> None:
    before, after = corpus.hashes
    assert before == after and len(before) >= 10


def _referenced(pkg: Path, table: str) -> set[str]:
    """Values of ``table``'s primary key that some other table's foreign key uses."""
    data = read_descriptor(pkg)
    used: set[str] = set()
    for res in data["resources"]:
        for fk in res.get("schema", {}).get("foreignKeys", []):
            if fk["reference"].get("resource") == table:
                header, rows = read_table(pkg, res["name"])
                i = header.index(fk["fields"][0])
                used |= {r[i] for r in rows if r[i]}
    return used


def test_derived_package_with_fewer_rows_and_extensions_is_valid(pkg: Path) -> None:
    # Drop indicator rows nothing refers to, add a documented x_ column and an extra table.
    used = _referenced(pkg, "indicators")
    header, rows = read_table(pkg, "indicators")
    ident = header.index("indicator_id")
    kept = [r for n, r in enumerate(rows) if r[ident] in used or n % 3 == 0]
    assert len(kept) < len(rows)
    header.append("x_confidence")
    kept = [[*r, "0.9"] for r in kept]
    write_table(pkg, "indicators", header, kept)
    notes = pkg / "data" / "x_notes.csv"
    notes.write_text(
        "note_id,indicator_id,text\n" + f"n1,{kept[0][ident]},checked against the yearbook\n",
        encoding="utf-8",
    )

    def extend(data: dict[str, Any]) -> None:
        resource(data, "indicators")["schema"]["fields"].append(
            {
                "name": "x_confidence",
                "type": "number",
                "description": "Our confidence, 0-1.",
                "constraints": {"minimum": 0, "maximum": 1},
            }
        )
        data["resources"].append(
            {
                "name": "x_notes",
                "path": "data/x_notes.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": "note_id", "type": "string", "constraints": {"required": True}},
                        {"name": "indicator_id", "type": "string"},
                        {"name": "text", "type": "string"},
                    ],
                    "primaryKey": ["note_id"],
                    "foreignKeys": [
                        {
                            "fields": ["indicator_id"],
                            "reference": {"resource": "indicators", "fields": ["indicator_id"]},
                        }
                    ],
                },
            }
        )

    edit_descriptor(pkg, extend)
    report = validate(pkg)
    assert report.valid, report.render()


def test_an_added_tables_undeclared_id_column_must_name_a_row(pkg: Path) -> None:
    # x_notes declares no foreign key, but its indicator_id names indicators' primary key: a
    # reference nobody declared is held to that table all the same (and a subset follows it)
    (pkg / "data" / "x_notes.csv").write_text(
        "note_id,indicator_id,metric\nn1,gdp.level.2016,gdp\nn2,gdp.level.1999,gdp\n",
        encoding="utf-8",
    )

    def extend(data: dict[str, Any]) -> None:
        fields = [{"name": n, "type": "string"} for n in ("note_id", "indicator_id", "metric")]
        data["resources"].append(
            {
                "name": "x_notes",
                "path": "data/x_notes.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["note_id"]},
            }
        )

    edit_descriptor(pkg, extend)
    found = [(p.code, p.resource, p.row, p.field) for p in validate(pkg).problems]
    assert found == [("foreign-key", "x_notes", 2, "indicator_id")], found


def test_extension_values_are_checked_too(pkg: Path) -> None:
    header, rows = read_table(pkg, "metrics")
    header.append("x_weight")
    rows = [[*r, "2"] for r in rows]
    rows[4][-1] = "heavy"
    write_table(pkg, "metrics", header, rows)
    # an added table quoting the source, its sentence_id reference left undeclared
    _, sentences = read_table(pkg, "sentences")
    first = sentences[0]  # sentence_id, section_id, line, index, start, end, text, text_en
    (pkg / "data" / "x_quotes.csv").write_text(
        "quote_id,sentence_id,quote,quote_start,quote_end\n"
        f"q1,{first[0]},{first[6][:2]},{first[4]},{int(first[4]) + 2}\n"
        f"q2,p99.s99,{first[6][:2]},{first[4]},{int(first[4]) + 2}\n"
        f"q3,{first[0]},{first[6][:2]}?,{first[4]},{int(first[4]) + 2}\n",
        encoding="utf-8",
    )

    def extend(data: dict[str, Any]) -> None:
        resource(data, "metrics")["schema"]["fields"].append(
            {"name": "x_weight", "type": "integer"}
        )
        fields = [
            {"name": n, "type": "integer" if n.endswith(("_start", "_end")) else "string"}
            for n in ("quote_id", "sentence_id", "quote", "quote_start", "quote_end")
        ]
        data["resources"].append(
            {
                "name": "x_quotes",
                "path": "data/x_quotes.csv",
                "schema": {"fields": fields, "primaryKey": ["quote_id"]},
            }
        )

    edit_descriptor(pkg, extend)
    assert keys(validate(pkg)) == {
        ("type-error", "metrics", 5, "x_weight"),
        ("foreign-key", "x_quotes", 2, "sentence_id"),
        ("source-mismatch", "x_quotes", 3, "quote"),
    }


# --------------------------------------------------------------------------------------------
# Row-level content corruptions, all in one package


@dataclass
class Expect:
    """An expected problem; ``key`` (a primary-key value) is turned into a row at the end."""

    code: str
    table: str
    field: str | None
    key: str | None = None
    row: int | None = None


@dataclass
class Bench:
    """Tables of a package held in memory while corruptions are applied, then written."""

    pkg: Path
    tables: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    claimed: set[tuple[str, str]] = field(default_factory=set)
    dirty: set[str] = field(default_factory=set)
    transforms: dict[str, Callable[[bytes], bytes]] = field(default_factory=dict)
    keys: dict[str, list[int]] = field(default_factory=dict)

    def table(self, name: str) -> tuple[list[str], list[list[str]]]:
        """(header, rows) of a table, read once and edited in place."""
        if name not in self.tables:
            self.tables[name] = read_table(self.pkg, name)
        return self.tables[name]

    def pk(self, name: str, row: list[str]) -> str:
        """The primary-key value of a row ("a|b" for composite keys)."""
        if name not in self.keys:
            header, _ = self.table(name)
            key = resource(read_descriptor(self.pkg), name)["schema"]["primaryKey"]
            self.keys[name] = [header.index(k) for k in key]
        return "|".join(row[i] for i in self.keys[name])

    def pick(self, name: str, test: Callable[[dict[str, str]], bool] = lambda r: True) -> list[str]:
        """The first unclaimed row of ``name`` passing ``test`` (claimed from now on)."""
        header, rows = self.table(name)
        for row in rows:
            if (name, self.pk(name, row)) in self.claimed:
                continue
            if test(dict(zip(header, row, strict=False))):
                self.claimed.add((name, self.pk(name, row)))
                self.dirty.add(name)
                return row
        raise LookupError(f"no unclaimed row of {name} fits")

    def set(self, name: str, row: list[str], column: str, value: str) -> None:
        """Set a cell of a picked row."""
        row[self.table(name)[0].index(column)] = value

    def get(self, name: str, row: list[str], column: str) -> str:
        """A cell of a row."""
        return row[self.table(name)[0].index(column)]

    def finish(self) -> None:
        for name in self.dirty | set(self.transforms):
            header, rows = self.table(name)
            write_table(self.pkg, name, header, rows)
            if name in self.transforms:
                path = table_path(self.pkg, name)
                write_bytes(self.pkg, name, self.transforms[name](path.read_bytes()))

    def resolve(self, e: Expect) -> Key:
        if e.row is not None or e.key is None:
            return (e.code, e.table, e.row, e.field)
        _, rows = self.table(e.table)
        numbers = [n for n, r in enumerate(rows, 1) if self.pk(e.table, r) == e.key]
        assert len(numbers) == 1, (e, numbers)
        return (e.code, e.table, numbers[0], e.field)


def _value_row(b: Bench, name: str, unit: str = "CNY") -> list[str]:
    """A row with a printed unit ``unit``, not inferred, no direction, a value after the quote
    start."""
    return b.pick(
        name,
        lambda r: (
            r["unit"] == unit
            and r["unit_inferred"] == "false"
            and not r["direction"]
            and r["qualifier"] != "qualitative"
            and int(r["value_start"]) > int(r["quote_start"]) + 1
        ),
    )


def c_dropped_sentence_still_cited(b: Bench) -> list[Expect]:
    citing: dict[str, list[tuple[str, str]]] = {}
    data = read_descriptor(b.pkg)
    for res in data["resources"]:
        fields = [f["name"] for f in res.get("schema", {}).get("fields", [])]
        if "sentence_id" in fields and res["name"] != "sentences":
            header, rows = b.table(res["name"])
            for row in rows:
                sid = row[header.index("sentence_id")]
                citing.setdefault(sid, []).append((res["name"], b.pk(res["name"], row)))
    sid, users = min(citing.items(), key=lambda kv: (len(kv[1]), kv[0]))
    header, rows = b.table("sentences")
    rows[:] = [r for r in rows if r[0] != sid]
    b.dirty.add("sentences")
    b.claimed |= {(t, k) for t, k in users} | {("sentences", sid)}
    return [Expect("foreign-key", t, "sentence_id", key=k) for t, k in users]


def c_quote_char_changed(b: Bench) -> list[Expect]:
    row = b.pick("indicators", lambda r: len(r["quote"]) > 4)
    quote = b.get("indicators", row, "quote")
    b.set("indicators", row, "quote", quote[:2] + "X" + quote[3:])
    return [Expect("source-mismatch", "indicators", "quote", key=row[0])]


def c_quote_start_shifted(b: Bench) -> list[Expect]:
    row = b.pick("targets", lambda r: int(r["value_start"]) > int(r["quote_start"]) + 2)
    b.set("targets", row, "quote_start", str(int(b.get("targets", row, "quote_start")) + 1))
    return [Expect("source-mismatch", "targets", "quote", key=row[0])]


def c_quote_end_out_of_range(b: Bench) -> list[Expect]:
    row = b.pick("program_mentions")
    b.set("program_mentions", row, "quote_end", "1000000")
    return [Expect("offset-range", "program_mentions", "quote_end", key=row[0])]


def c_offsets_reversed(b: Bench) -> list[Expect]:
    row = b.pick("exclusions")
    start, end = b.get("exclusions", row, "quote_start"), b.get("exclusions", row, "quote_end")
    b.set("exclusions", row, "quote_start", end)
    b.set("exclusions", row, "quote_end", start)
    return [
        Expect("offset-range", "exclusions", "quote_start", key=row[0]),
        Expect("derived-id", "exclusions", "exclusion_id", key=row[0]),  # <kind>@<quote_start>
    ]


def c_value_text_not_matching(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators")
    b.set("indicators", row, "value_text", "1" + b.get("indicators", row, "value_text"))
    return [Expect("source-mismatch", "indicators", "value_text", key=row[0])]


def c_value_changed(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators")
    b.set("indicators", row, "value", str(float(b.get("indicators", row, "value")) * 2 + 1))
    return [Expect("value-mismatch", "indicators", "value", key=row[0])]


def c_sign_flipped(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators")
    b.set("indicators", row, "value", "-" + b.get("indicators", row, "value"))
    return [
        Expect("value-mismatch", "indicators", "value", key=row[0]),
        Expect("negative-value", "indicators", "value", key=row[0]),  # a level is never < 0
    ]


def c_direction_flipped(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators", unit="percent")
    b.set("indicators", row, "direction", "decrease")
    return [
        Expect("value-mismatch", "indicators", "value", key=row[0]),
        Expect("decrease-decline-word", "indicators", "direction", key=row[0]),
        Expect("negative-value", "indicators", "direction", key=row[0]),  # a share has none
    ]


def c_unit_changed(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators")
    b.set("indicators", row, "unit", "USD")
    return [
        Expect("unit-mismatch", "indicators", "unit", key=row[0]),
        Expect("unit-metric", "indicators", "unit", key=row[0]),  # the metric is in CNY
    ]


def c_qualifier_changed(b: Bench) -> list[Expect]:
    row = b.pick(
        "indicators",
        lambda r: r["qualifier"] == "exact" and r["unit_inferred"] == "false",
    )
    b.set("indicators", row, "qualifier", "approx")
    return [Expect("qualifier-mismatch", "indicators", "qualifier", key=row[0])]


def c_value_printed_changed(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators", unit="percent")
    b.set("indicators", row, "value_printed", b.get("indicators", row, "value_printed") + "0")
    return [Expect("printed-mismatch", "indicators", "value_printed", key=row[0])]


def c_value_text_unparseable(b: Bench) -> list[Expect]:
    row = b.pick(
        "indicators",
        lambda r: r["unit_inferred"] == "false" and not r["quote"][0].isdigit(),
    )
    start = b.get("indicators", row, "quote_start")
    b.set("indicators", row, "value_start", start)
    b.set("indicators", row, "value_end", str(int(start) + 1))
    b.set("indicators", row, "value_text", b.get("indicators", row, "quote")[0])
    return [Expect("value-unparseable", "indicators", "value_text", key=row[0])]


def c_value_outside_quote(b: Bench) -> list[Expect]:
    row = b.pick(
        "targets",
        lambda r: (
            int(r["value_start"]) > int(r["quote_start"]) + 1 and r["qualifier"] != "qualitative"
        ),
    )
    q_start, v_start = (int(b.get("targets", row, c)) for c in ("quote_start", "value_start"))
    quote = b.get("targets", row, "quote")
    b.set("targets", row, "quote", quote[: v_start - q_start])
    b.set("targets", row, "quote_end", str(v_start))
    return [Expect("span-outside", "targets", "value_start", key=row[0])]


def c_nan_value(b: Bench) -> list[Expect]:
    row = b.pick("targets", lambda r: r["qualifier"] != "qualitative")
    b.set("targets", row, "value", "NaN")
    return [Expect("non-finite", "targets", "value", key=row[0])]


def c_infinite_value(b: Bench) -> list[Expect]:
    row = b.pick("indicators", lambda r: r["qualifier"] != "qualitative")
    b.set("indicators", row, "value", "-inf")
    return [Expect("non-finite", "indicators", "value", key=row[0])]


def c_negative_count(b: Bench) -> list[Expect]:
    row = _value_row(b, "indicators", unit="count")
    b.set("indicators", row, "value", "-" + b.get("indicators", row, "value"))
    return [
        Expect("negative-count", "indicators", "value", key=row[0]),
        Expect("value-mismatch", "indicators", "value", key=row[0]),
        Expect("negative-value", "indicators", "value", key=row[0]),  # not a change either
    ]


def c_qualitative_with_value(b: Bench) -> list[Expect]:
    row = b.pick("targets", lambda r: r["qualifier"] == "qualitative")
    b.set("targets", row, "value", "5")
    return [Expect("qualitative-value", "targets", "value", key=row[0])]


def c_bad_enum(b: Bench) -> list[Expect]:
    row = b.pick("targets")
    b.set("targets", row, "measure", "bogus")
    return [
        Expect("constraint-error", "targets", "measure", key=row[0]),
        Expect("id-mismatch", "targets", "target_id", key=row[0]),
    ]


def c_bad_period(b: Bench) -> list[Expect]:
    row = b.pick("indicators")
    b.set("indicators", row, "period", "21")
    return [
        Expect("constraint-error", "indicators", "period", key=row[0]),
        Expect("id-mismatch", "indicators", "indicator_id", key=row[0]),  # the id names a year
    ]


def c_period_backwards(b: Bench) -> list[Expect]:
    row = b.pick("indicators", lambda r: not r["base_period"])
    b.set("indicators", row, "period", "2021-2017")
    return [
        Expect("period-order", "indicators", "period", key=row[0]),
        Expect("id-mismatch", "indicators", "indicator_id", key=row[0]),
    ]


def c_duplicate_primary_key(b: Bench) -> list[Expect]:
    row = b.pick("metrics")
    _, rows = b.table("metrics")
    rows.append(list(row))
    return [Expect("primary-key", "metrics", "metric_id", row=len(rows))]


def c_dangling_metric_id(b: Bench) -> list[Expect]:
    row = b.pick("indicators")
    b.set("indicators", row, "metric_id", "no_such_metric")
    return [
        Expect("foreign-key", "indicators", "metric_id", key=row[0]),
        Expect("id-mismatch", "indicators", "indicator_id", key=row[0]),  # the id names gdp
    ]


def c_quote_outside_its_sentence(b: Bench) -> list[Expect]:
    row = b.pick("program_mentions")
    _, sentences = b.table("sentences")
    own = b.get("program_mentions", row, "sentence_id")
    other = next(s[0] for s in sentences if s[0] != own and ("sentences", s[0]) not in b.claimed)
    b.set("program_mentions", row, "sentence_id", other)
    return [Expect("span-outside-parent", "program_mentions", "sentence_id", key=row[0])]


def c_sentence_in_wrong_paragraph(b: Bench) -> list[Expect]:
    row = b.pick("sentences")
    _, sections = b.table("sections")
    own = b.get("sentences", row, "section_id")
    other = next(s[0] for s in sections if s[0] != own and s[3] == "paragraph")
    b.set("sentences", row, "section_id", other)
    return [
        Expect("span-outside-parent", "sentences", "section_id", key=row[0]),
        Expect("sentence-id", "sentences", "section_id", key=row[0]),  # p05.s01 is in p05
    ]


def c_sentence_text_altered(b: Bench) -> list[Expect]:
    row = b.pick("sentences")
    b.set("sentences", row, "text", b.get("sentences", row, "text") + "。")
    return [Expect("source-mismatch", "sentences", "text", key=row[0])]


def c_required_cell_empty(b: Bench) -> list[Expect]:
    row = b.pick("programs")
    b.set("programs", row, "name_en", "")
    return [Expect("constraint-error", "programs", "name_en", key=row[0])]


def c_type_error(b: Bench) -> list[Expect]:
    row = b.pick("program_mentions")
    b.set("program_mentions", row, "quote_start", "abc")
    return [Expect("type-error", "program_mentions", "quote_start", key=row[0])]


def c_ragged_row_extra_cell(b: Bench) -> list[Expect]:
    row = b.pick("programs")
    row.append("stray")
    return [Expect("extra-cell", "programs", None, key=row[0])]


def c_ragged_row_missing_cell(b: Bench) -> list[Expect]:
    header, _ = b.table("metrics")
    row = b.pick("metrics")
    last = header[-1]
    del row[-1]
    return [Expect("missing-cell", "metrics", last, key=row[0])]


def c_renamed_column(b: Bench) -> list[Expect]:
    header, _ = b.table("program_mentions")
    header[header.index("frame_verb")] = "verb"
    b.dirty.add("program_mentions")
    return [Expect("incorrect-label", "program_mentions", "frame_verb")]


def c_undeclared_column(b: Bench) -> list[Expect]:
    header, rows = b.table("sections")
    header.append("comment")
    for row in rows:
        row.append("")
    b.dirty.add("sections")
    return [Expect("extra-label", "sections", None)]


def c_schema_loosened(b: Bench) -> list[Expect]:
    def loosen(data: dict[str, Any]) -> None:
        for f in resource(data, "indicators")["schema"]["fields"]:
            if f["name"] == "measure":
                del f["constraints"]["enum"]

    edit_descriptor(b.pkg, loosen)
    return [Expect("schema-mismatch", "indicators", "measure")]


def c_bom(b: Bench) -> list[Expect]:
    b.transforms["terms"] = lambda raw: b"\xef\xbb\xbf" + raw
    return [Expect("bom", "terms", None)]


def c_crlf(b: Bench) -> list[Expect]:
    b.transforms["exclusions"] = lambda raw: raw.replace(b"\n", b"\r\n")
    return [Expect("line-terminator", "exclusions", None)]


CORRUPTIONS: dict[str, Callable[[Bench], list[Expect]]] = {
    name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("c_")
}
# dropping a sentence must come first: it claims every row citing it
ORDER = ["dropped_sentence_still_cited"] + [
    c for c in CORRUPTIONS if c != "dropped_sentence_still_cited"
]


@dataclass
class Corpus:
    report: Report
    expected: dict[str, list[Key]]
    hashes: tuple[dict[str, str], dict[str, str]]


@pytest.fixture(scope="module")
def corpus(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    pkg = copy_package(pristine, tmp_path_factory.mktemp("corrupted"))
    bench = Bench(pkg)
    expects = {name: CORRUPTIONS[name](bench) for name in ORDER}
    bench.finish()
    expected = {name: [bench.resolve(e) for e in es] for name, es in expects.items()}
    before = file_hashes(pkg)
    report = validate(pkg)
    return Corpus(report, expected, (before, file_hashes(pkg)))


def test_corpus_is_large_enough() -> None:
    assert len(CORRUPTIONS) >= 25


@pytest.mark.parametrize("name", ORDER)
def test_row_corruption_is_reported(corpus: Corpus, name: str) -> None:
    found = keys(corpus.report)
    for key in corpus.expected[name]:
        assert key in found, f"{name}: {key} not in\n{corpus.report.render(200)}"


def test_row_corruptions_report_nothing_else(corpus: Corpus) -> None:
    expected = {k for ks in corpus.expected.values() for k in ks}
    extra = keys(corpus.report) - expected
    assert not extra, "\n".join(
        p.where() + f" [{p.code}] {p.message}"
        for p in corpus.report.problems
        if (p.code, p.resource, p.row, p.field) in extra
    )
    assert not corpus.report.valid and not corpus.report.unreadable


def test_messages_say_found_and_expected(corpus: Corpus) -> None:
    said = {(p.code, p.resource, p.field): p.message for p in corpus.report.problems}
    value = next(m for (c, _, _), m in said.items() if c == "value-mismatch")
    assert value.startswith("found ") and "value_text" in value and " gives " in value
    assert said["constraint-error", "targets", "measure"].startswith(
        "found 'bogus'; expected one of"
    )
    assert said["constraint-error", "indicators", "period"] == (
        "found '21'; expected to match ^(19|20)[0-9]{2}(-(19|20)[0-9]{2})?$"
    )
    assert said["constraint-error", "programs", "name_en"] == "empty; the field is required"
    assert said["incorrect-label", "program_mentions", "frame_verb"] == (
        "header is 'verb'; expected 'frame_verb'"
    )
    assert "source[" in said["source-mismatch", "sentences", "text"]
    assert "no such metrics.metric_id" in said["foreign-key", "indicators", "metric_id"]


# --------------------------------------------------------------------------------------------
# File-level corruptions


FileCorruption = Callable[[Path], None]
#: case → (table, expected code, corruption): each breaks one table's file; all share a package.
FILE_CORRUPTIONS: dict[str, tuple[str, str, FileCorruption]] = {}


def file_corruption(case: str, table: str, code: str) -> Callable[[FileCorruption], FileCorruption]:
    """Register a corruption of ``table``'s file, expected to be reported as ``code``."""

    def register(fn: FileCorruption) -> FileCorruption:
        FILE_CORRUPTIONS[case] = (table, code, fn)
        return fn

    return register


@file_corruption("wrong encoding (GBK)", "programs", "encoding-error")
def f_gbk(pkg: Path) -> None:
    text = table_path(pkg, "programs").read_text(encoding="utf-8")
    write_bytes(pkg, "programs", text.encode("gbk", errors="replace"))


@file_corruption("empty file", "exclusions", "empty-file")
def f_empty(pkg: Path) -> None:
    write_bytes(pkg, "exclusions", b"")


@file_corruption("missing file", "metrics", "missing-file")
def f_missing(pkg: Path) -> None:
    table_path(pkg, "metrics").unlink()


@file_corruption("bytes not matching", "terms", "bytes-mismatch")
def f_bytes(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: resource(d, "terms").update(bytes=1))


@file_corruption("content changed, not re-stamped", "sentences", "hash-mismatch")
def f_hash(pkg: Path) -> None:  # same length, new content: a translation no rule checks
    path = table_path(pkg, "sentences")
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"Report on the Work", b"Report of the Work", 1))


@file_corruption("NUL byte", "term_mentions", "encoding-error")
def f_nul(pkg: Path) -> None:
    raw = table_path(pkg, "term_mentions").read_bytes()
    cut = raw.index(b"\n") + 1
    write_bytes(pkg, "term_mentions", raw[:cut] + b"\x00" + raw[cut:])


@file_corruption("UTF-16", "check_inputs", "encoding-error")
def f_utf16(pkg: Path) -> None:
    raw = table_path(pkg, "check_inputs").read_bytes()
    write_bytes(pkg, "check_inputs", raw.decode("utf-8").encode("utf-16"))


@pytest.fixture(scope="module")
def broken_files(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    pkg = copy_package(pristine, tmp_path_factory.mktemp("broken-files"))
    for _, _, fn in FILE_CORRUPTIONS.values():
        fn(pkg)
    return validate(pkg)


@pytest.mark.parametrize("case", sorted(FILE_CORRUPTIONS))
def test_file_corruption_is_reported(broken_files: Report, case: str) -> None:
    table, code, _ = FILE_CORRUPTIONS[case]
    mine = [(p.code, p.row, p.field) for p in broken_files.problems if p.resource == table]
    assert mine == [(code, None, None)], broken_files.render()


def test_file_corruptions_report_nothing_else(broken_files: Report) -> None:
    own = [p for p in broken_files.problems if p.code != "foreign-key-unchecked"]
    assert len(own) == len(FILE_CORRUPTIONS), broken_files.render()
    _unchecked_name_a_broken_table(broken_files)
    messages = {p.resource: p.message for p in own}
    assert "UTF-8" in messages["programs"] and "line 2" in messages["programs"]
    assert "NUL" in messages["term_mentions"] and "line 2" in messages["term_mentions"]
    assert "does not exist" in messages["metrics"]
    assert "the descriptor says 1" in messages["terms"]


def test_ten_megabyte_field(pkg: Path) -> None:
    header, rows = read_table(pkg, "indicators")
    rows[2][header.index("note")] = "x" * 10_000_000
    write_table(pkg, "indicators", header, rows)
    assert keys(validate(pkg)) == {("cell-too-large", "indicators", 3, "note")}


def test_file_over_the_size_cap_is_refused_unread(pkg: Path) -> None:
    report = validate(pkg, limits=Limits(file_bytes=100_000))
    assert ("file-too-large", "sentences", None, None) in keys(report)
    assert all(p.resource != "sentences" or p.code == "file-too-large" for p in report.problems)


def test_mangled_csv_never_raises(pkg: Path) -> None:
    raw = table_path(pkg, "sentences").read_bytes()
    inside = raw.rindex(b"\n", 0, len(raw) // 2) + 20  # 20 bytes into a row: never its end
    write_bytes(pkg, "sentences", raw[:inside])  # cut inside a row
    raw = table_path(pkg, "terms").read_bytes()
    cut = raw.index(b"\n") + 1
    write_bytes(pkg, "terms", raw[:cut] + b'"' + raw[cut:])  # a quote never closed
    report = validate(pkg)
    assert not report.valid and not report.unreadable
    assert {"sentences", "terms"} <= {p.resource for p in report.problems}
    assert all(p.code != "internal-error" for p in report.problems), report.render()


def test_source_text_altered(pkg: Path) -> None:
    path = table_path(pkg, "source")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("海淀", "海甸", 1), encoding="utf-8")
    restamp(pkg, "source")
    problem = only(validate(pkg))
    assert (problem.code, problem.resource, problem.row, problem.field) == (
        "source-altered",
        "source",
        None,
        None,
    )
    assert SOURCE_SHA256 in problem.message


def test_source_resource_missing(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: d["resources"].remove(resource(d, "source")))
    assert keys(validate(pkg)) == {("missing-source", None, None, None)}


def test_a_package_of_the_source_alone_is_invalid(pkg: Path) -> None:
    # every table dropped, the source kept: VALID before, with nothing of the data validated
    edit_descriptor(pkg, lambda d: d.update(resources=[resource(d, "source")]))
    report = validate(pkg)
    assert not report.valid
    assert keys(report) == {("no-tables", None, None, None)}


def test_a_table_refused_for_its_path_is_not_also_told_it_has_none(pkg: Path) -> None:
    # a re-attack: every table but one dropped and that one given a path outside the package;
    # the unsafe path is the problem, not a package without tables
    def only_escaping(d: dict[str, Any]) -> None:
        table = resource(d, "sections")
        table["path"] = "../base/data/sections.csv"
        d["resources"] = [resource(d, "source"), table]

    edit_descriptor(pkg, only_escaping)
    assert {p.code for p in validate(pkg).problems} == {"unsafe-path"}


def test_a_package_of_one_table_is_not_told_it_has_none(pkg: Path) -> None:
    keep = ("source", "sentences")
    edit_descriptor(pkg, lambda d: d.update(resources=[resource(d, n) for n in keep]))
    assert "no-tables" not in {p.code for p in validate(pkg).problems}


def test_referenced_resource_missing(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: d["resources"].remove(resource(d, "metrics")))
    found = keys(validate(pkg))
    assert ("missing-resource", "indicators", None, "metric_id") in found
    assert ("missing-resource", "targets", None, "metric_id") in found
    assert {k[0] for k in found} == {"missing-resource"}


# --------------------------------------------------------------------------------------------
# The descriptor


def test_invalid_json(pkg: Path) -> None:
    (pkg / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    report = validate(pkg)
    assert report.unreadable and not report.valid
    problem = only(report)
    assert (problem.code, problem.resource, problem.row, problem.field) == (
        "invalid-json",
        None,
        None,
        None,
    )
    assert "line 1" in problem.message and problem.file == "datapackage.json"


def test_descriptor_not_a_package(pkg: Path) -> None:
    (pkg / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    report = validate(pkg)
    assert report.unreadable
    assert keys(report) == {("descriptor-error", None, None, None)}


def test_missing_descriptor(tmp_path: Path) -> None:
    report = validate(tmp_path)
    assert report.unreadable
    assert keys(report) == {("not-found", None, None, None)}
    assert validate(tmp_path / "nope" / "datapackage.json").unreadable


def test_table_without_schema_is_checked_against_the_package_schema(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: resource(d, "terms").pop("schema"))
    assert keys(validate(pkg)) == {("schema-mismatch", "terms", None, None)}


# --------------------------------------------------------------------------------------------
# Security: nothing outside the package folder, no network, no inline data


@contextmanager
def no_network() -> Iterator[list[Any]]:
    """Record, and block, every attempt to open a connection or resolve a host name."""
    calls: list[Any] = []

    def connect(self: socket.socket, address: Any) -> None:
        calls.append(address)
        raise OSError("network disabled in this test")

    def getaddrinfo(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        raise OSError("network disabled in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        yield calls


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


#: resource → fragment of its refusal message. Each resource of one package is made unsafe in
#: its own way (existing ones re-pointed, extra ones added), and the package validated once.
UNSAFE: dict[str, str] = {
    "metrics": "is absolute",
    "terms": "climbs out of the package folder ('..')",
    "programs": "outside the package folder",  # a symlink pointing out
    "sections": "is a URL (http:)",
    "x_https": "is a URL (https:)",
    "x_ftp": "is a URL (ftp:)",
    "x_file": "is a URL (file:)",
    "x_s3": "is a URL (s3:)",
    "x_list": "is a list (a multipart resource), including the URL",
    "x_inline": "inline 'data' is refused",
    "x_schema": "schema is given as a path or URL",
    "x_dialect": "dialect is given as a path or URL",
}


@dataclass
class Unsafe:
    report: Report
    network_calls: list[Any]


@pytest.fixture(scope="module")
def unsafe(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Unsafe:
    pkg = copy_package(pristine, tmp_path_factory.mktemp("unsafe") / "pkg")
    outside = pkg.parent / "outside.csv"
    shutil.copyfile(table_path(pkg, "terms"), outside)
    link = table_path(pkg, "programs")
    shutil.copyfile(link, pkg.parent / "programs.csv")
    link.unlink()
    link.symlink_to(pkg.parent / "programs.csv")
    port = _closed_port()
    url = f"127.0.0.1:{port}/t.csv"
    local_schema = {"fields": [{"name": "a", "type": "string"}]}

    def edit(d: dict[str, Any]) -> None:
        resource(d, "metrics")["path"] = str((pkg / "data" / "metrics.csv").resolve())
        resource(d, "terms")["path"] = "../outside.csv"
        resource(d, "sections")["path"] = f"http://{url}"
        for scheme in ("https", "ftp", "file", "s3"):
            d["resources"].append(
                {"name": f"x_{scheme}", "path": f"{scheme}://{url}", "schema": local_schema}
            )
        d["resources"] += [
            {"name": "x_list", "path": ["data/terms.csv", f"http://{url}"], "schema": local_schema},
            {"name": "x_inline", "data": [{"a": "1"}], "schema": local_schema},
            {"name": "x_schema", "path": "data/terms.csv", "schema": f"http://{url}"},
            {
                "name": "x_dialect",
                "path": "data/terms.csv",
                "dialect": f"http://{url}",
                "schema": local_schema,
            },
        ]

    edit_descriptor(pkg, edit)
    with no_network() as calls:
        report = validate(pkg)
    return Unsafe(report, calls)


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_unsafe_resource_is_refused(unsafe: Unsafe, name: str) -> None:
    mine = [p for p in unsafe.report.problems if p.resource == name]
    assert [(p.code, p.row, p.field) for p in mine] == [("unsafe-path", None, None)]
    assert UNSAFE[name] in mine[0].message, mine[0].message


def _unchecked_name_a_broken_table(report: Report) -> None:
    """References into a table that could not be read are said to be unchecked (once per
    referring table and key), and only those: the table named is one with its own problem."""
    broken = {p.resource for p in report.problems if p.code != "foreign-key-unchecked"}
    for p in report.problems:
        if p.code == "foreign-key-unchecked":
            named = p.message.split(" refer to ")[1].split(".")[0]
            assert named in broken and p.row is None, p.message


def test_unsafe_resources_report_nothing_else_and_touch_no_network(unsafe: Unsafe) -> None:
    assert unsafe.network_calls == []
    own = [p for p in unsafe.report.problems if p.code != "foreign-key-unchecked"]
    _unchecked_name_a_broken_table(unsafe.report)
    assert {p.resource for p in own} == set(UNSAFE), unsafe.report.render()
    assert len(own) == len(UNSAFE)
    assert all(
        "no network request" in p.message for p in unsafe.report.problems if "is a URL" in p.message
    )


def test_frictionless_alone_would_open_the_url(pristine: Path, tmp_path: Path) -> None:
    """Why refusing first matters: given the same descriptor, frictionless tries to connect."""
    pytest.importorskip("frictionless")
    import frictionless

    pkg = copy_package(pristine, tmp_path / "pkg")
    port = _closed_port()
    data = read_descriptor(pkg)
    resource(data, "terms")["path"] = f"http://127.0.0.1:{port}/terms.csv"
    with no_network() as calls:
        frictionless.Resource(resource(data, "terms"), basepath=str(pkg)).validate()
    assert calls, "frictionless did not try the network: the refusal test proves less"


# --------------------------------------------------------------------------------------------
# --strict: completeness


def test_strict_reports_an_unaccounted_digit_run(pkg: Path) -> None:
    header, rows = read_table(pkg, "exclusions")
    kind = header.index("kind")
    gone = next(r for r in rows if r[kind] == "digits")
    write_table(pkg, "exclusions", header, [r for r in rows if r is not gone])
    assert validate(pkg).valid  # a derived package may drop rows
    found = keys(validate(pkg, strict=True))
    assert found and {k[:2] for k in found} == {("unaccounted-digits", "source")}


def test_dropping_an_uncited_sentence_is_fine_but_strict_sees_the_gap(pkg: Path) -> None:
    cited = _referenced(pkg, "sentences")
    header, rows = read_table(pkg, "sentences")
    gone = next(r for r in rows if r[0] not in cited)
    write_table(pkg, "sentences", header, [r for r in rows if r is not gone])
    assert validate(pkg).valid
    start, end = int(gone[header.index("start")]), int(gone[header.index("end")])
    problems = [p for p in validate(pkg, strict=True).problems if p.code == "sentence-tiling"]
    assert [(p.resource, p.row, p.field) for p in problems] == [("sentences", None, None)]
    assert problems[0].message.startswith(f"source[{start}:{end}] ")
    assert "in 0 sentences; expected 1" in problems[0].message


def test_strict_requires_every_table(pkg: Path) -> None:
    edit_descriptor(pkg, lambda d: d["resources"].remove(resource(d, "terms")))
    assert ("strict-missing-table", "terms", None, None) in keys(validate(pkg, strict=True))


def test_strict_requires_rows_in_every_table_even_links_no_text_needs(pkg: Path) -> None:
    """program_links are a curator's reading (a figure linked only where its own clause names
    the program), so no digit run or quoted phrase of the source is left unaccounted when
    they go: an emptied table is a row subset by default, and not the full package."""
    header, _ = read_table(pkg, "program_links")
    write_table(pkg, "program_links", header, [])
    assert validate(pkg).valid
    assert keys(validate(pkg, strict=True)) == {("strict-empty-table", "program_links", None, None)}


# --------------------------------------------------------------------------------------------
# The command line


def test_cli_exit_codes(pristine: Path, pkg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(pristine)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("VALID")
    header, rows = read_table(pkg, "indicators")
    numeric = next(r for r in rows if r[header.index("value")])  # qualitative rows have none
    numeric[header.index("value")] = "12345"
    write_table(pkg, "indicators", header, rows)
    assert main(["validate", str(pkg / "datapackage.json")]) == 1
    out = capsys.readouterr().out
    assert "value-mismatch" in out and out.strip().splitlines()[-1].startswith("INVALID")
    assert main(["validate", str(pkg.parent / "no-such-folder")]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("UNREADABLE")
    (pkg / "datapackage.json").write_text("{not json", encoding="utf-8")
    assert main(["validate", str(pkg)]) == 2


def test_cli_json_and_strict(pristine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", "--strict", str(pristine)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is True and data["strict"] is True and data["problems"] == []


def test_cli_json_lists_problems(pkg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_bytes(pkg, "exclusions", b"")
    assert main(["validate", "--json", str(pkg)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["problems"] == [
        {
            "code": "empty-file",
            "resource": "exclusions",
            "file": "data/exclusions.csv",
            "row": None,
            "field": None,
            "message": data["problems"][0]["message"],
        }
    ]


def test_cli_default_is_the_shipped_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "VALID" in capsys.readouterr().out


def test_import_does_not_pull_in_frictionless() -> None:
    code = (
        "import sys, haidian_report, haidian_report.validate, haidian_report.cli; "
        "assert 'frictionless' not in sys.modules, 'frictionless imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=package_dir())


def test_validate_command_imports_neither_pydantic_nor_frictionless() -> None:
    # pydantic costs ~120 ms of import: the models are the schema's source, not the validator's
    # (a rule that imported one Literal from the models package brought all of it in).
    code = (
        "import sys; from haidian_report.cli import main; code = main(['validate', '.']); "
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'frictionless'}); "
        "assert code == 0 and not loaded, (code, loaded)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=package_dir())
