"""``python -m haidian_build [--root DIR] [--out DIR] [--check FILE ...]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from haidian_build.charts import ChartError
from haidian_build.package import Tables, assemble, build
from haidian_report.completeness import (
    MARKER_KIND,
    unaccounted_digits,
    unaccounted_markers,
    unaccounted_quotes,
)


def _dump(rows: list[Any]) -> list[dict[str, Any]]:
    return [r.model_dump() for r in rows]


def completeness_report(tables: Tables, source: str) -> list[str]:
    """One line per digit run, quoted phrase, goal or claim marker nothing accounts for."""
    facts = _dump(tables.rows.get("indicators", [])) + _dump(tables.rows.get("targets", []))
    excl = _dump(tables.rows.get("exclusions", []))
    mentions = _dump(tables.rows.get("program_mentions", [])) + _dump(
        tables.rows.get("term_mentions", [])
    )
    lines = [
        f"line {p.line}: digit run {p.text!r} at {p.start} is not accounted for "
        f"(…{source[max(0, p.start - 12) : p.end + 8]}…)".replace("\n", " ")
        for p in unaccounted_digits(source, facts, excl)
    ]
    lines += [
        f"line {p.line}: quoted phrase “{p.text}” at {p.start} is not accounted for"
        for p in unaccounted_quotes(source, mentions, excl)
    ]
    for part, table in (("part1", "indicators"), ("part2", "targets")):
        lines += [
            f"line {p.line}: {MARKER_KIND[part]} marker {p.text!r} at {p.start} is not accounted "
            f"for (…{source[max(0, p.start - 12) : p.end + 8]}…)".replace("\n", " ")
            for p in unaccounted_markers(source, part, _dump(tables.rows.get(table, [])), excl)
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m haidian_build",
        description="Rebuild every CSV, datapackage.json, the generated docs pages and the "
        "charts from the source text and curation/*.toml (run from a checkout).",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="checkout folder")
    parser.add_argument("--out", type=Path, help="write outputs here instead of --root")
    parser.add_argument(
        "--check",
        nargs="*",
        metavar="FILE",
        help="only report problems (of these curation files, if named) and completeness",
    )
    parser.add_argument(
        "--force", action="store_true", help="write even with problems (work in progress only)"
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "curation").is_dir() or not (root / "data").is_dir():
        print(
            f"{root} is not a haidian_report checkout (no curation/ and data/ there): the build "
            "runs from a clone of the repository, e.g. `cd haidian_report && python -m "
            "haidian_build`, or pass --root",
            file=sys.stderr,
        )
        return 2
    if args.check is not None:
        outside = [
            f for f in args.check if Path(f).resolve().parent != (root / "curation").resolve()
        ]
        if outside:
            print(f"--check reads curation files from {root / 'curation'}; not there: {outside}")
            return 2
        tables = assemble(root)
        names = {Path(f).name for f in args.check}
        problems = [p for p in tables.problems if not names or p.file in names]
        for p in problems:
            print(p)
        source = (root / "data" / "haidian-2021-government-work-report.txt").read_text("utf-8")
        gaps = completeness_report(tables, source)
        for line in gaps:
            print(line)
        print(
            f"{len(problems)} problem(s); {len(gaps)} unaccounted digit run(s), quoted "
            "phrase(s) and goal/claim marker(s)"
        )
        return 1 if problems else 0
    try:
        tables = build(root, args.out, force=args.force)
    except ChartError as exc:
        print(
            f"build incomplete: the data and docs pages are written, the charts not: {exc}",
            file=sys.stderr,
        )
        return 1
    if tables.problems and not args.force:
        for p in tables.problems:
            print(p, file=sys.stderr)
        print(f"build failed: {len(tables.problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    counts = ", ".join(f"{k} {len(v)}" for k, v in tables.rows.items())
    print(f"built {args.out or root}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
