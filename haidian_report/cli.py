"""The ``haidian-report`` command (also ``python -m haidian_report``).

Subcommands: ``info``, ``validate``, ``check``, ``restamp``, ``subset``. Exit codes: 0 valid / done,
1 invalid, 2 usage error or unreadable input. Results go to stdout; every error, usage message
and note to stderr, so ``--json`` output can be piped as it is. No traceback reaches the user
for bad input: every expected failure is a message.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import json
import shlex
import shutil
import signal
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from haidian_report.meta import DATA_VERSION, DESCRIPTOR

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
PROG = "haidian-report"

DESCRIPTION = """\
The Haidian District government work report of 15 December 2021 as a validated data package:
see what it holds, validate it (or a package you derived from it), read the report's
arithmetic checks, and re-stamp a derived package after you change its files."""

EPILOG = """\
exit codes: 0 valid or done, 1 invalid, 2 usage error or unreadable input.
Run "haidian-report COMMAND --help" for the options of a command."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class _Version(argparse.Action):
    """``--version``, looked up only when asked for: reading the installed metadata costs tens
    of milliseconds that every other command would pay if the parser computed it up front."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(_version())
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        code = version("haidian_report")
    except PackageNotFoundError:  # pragma: no cover - a checkout that was never installed
        code = "0+unknown"
    return f"{PROG} {code} (data {DATA_VERSION})"


def _info(as_json: bool) -> int:
    import haidian_report as hr

    desc = hr.descriptor()
    counts = {name: hr.load(name).height for name in hr.TABLE_NAMES}
    info = {
        "package": desc["name"],
        "data_version": desc["version"],
        "code_version": hr.__version__,
        "source_sha256": hr.SOURCE_SHA256,
        "path": str(hr.descriptor_path()),
        "tables": counts,
    }
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{desc['title']}")
    print(f"data version {info['data_version']}, code version {info['code_version']}")
    print(f"source sha256 {info['source_sha256']}")
    print(f"package {info['path']}")
    width = max(len(n) for n in counts)
    for name, n in counts.items():
        print(f"  {name:<{width}}  {n:>5} rows")
    return EXIT_OK


def _utf8_stdout() -> None:
    """Write UTF-8 whatever the console's encoding (a Windows runner's pipe is cp1252), so
    that a report quoting Chinese never fails to print and the exit code stays the verdict."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(encoding="utf-8", errors="backslashreplace")


def _which_package(path: str | None) -> tuple[str | None, str]:
    """The package ``validate`` checks, and a note saying which one and why."""
    if path is not None:
        return path, ""
    here = Path.cwd() / DESCRIPTOR
    if here.is_file():
        return str(here), f"validating ./{DESCRIPTOR} (found in this folder; pass a path to choose)"
    from haidian_report.paths import descriptor_path

    try:
        installed = descriptor_path()
    except FileNotFoundError:
        return None, ""
    return None, f"validating the installed package {installed} (no ./{DESCRIPTOR} here)"


def _validate(path: str | None, as_json: bool, strict: bool, with_frictionless: bool) -> int:
    chosen, note = _which_package(path)
    from haidian_report.validate import validate

    _utf8_stdout()
    if note:
        print(note, file=sys.stderr)
    report = validate(chosen, strict=strict, frictionless=with_frictionless)
    if as_json:
        print(report.to_json())
    else:
        print(report.render(), file=sys.stderr if report.unreadable else sys.stdout)
    return EXIT_OK if report.valid else (EXIT_USAGE if report.unreadable else EXIT_INVALID)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """Lines of at most ``width`` display columns (CJK counts two), never cutting a word.

    ``indent`` starts the first line, ``hang`` (default: ``indent``) every later one, so a
    wrapped heading can hang under its first word.

    >>> wrap("growth 9.97% from 5908亿元 to 9500亿元", 20, "  ")
    ['  growth 9.97% from', '  5908亿元 to', '  9500亿元']
    >>> wrap("gdp_cagr [cagr] not_comparable (a reason)", 24, hang="  ")
    ['gdp_cagr [cagr]', '  not_comparable (a', '  reason)']
    """
    later = indent if hang is None else hang
    lines: list[str] = []
    line = ""
    for word in text.split():
        prefix = later if lines else indent
        candidate = f"{line} {word}" if line else word
        if line and _display_width(prefix + candidate) > width:
            lines.append(prefix + line)
            candidate = word
        line = candidate
    if line:
        lines.append((later if lines else indent) + line)
    return lines


def _check(as_json: bool) -> int:
    import haidian_report as hr

    frame = hr.checks()
    derived = hr.derivations()
    if as_json:
        print(json.dumps(frame.to_dicts(), ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
    for row in frame.iter_rows(named=True):
        head = f"{row['check_id']} [{row['kind']}] {row['verdict']}"
        if row.get("reason"):
            head += f" ({row['reason']})"
        print("\n".join(wrap(head, width, hang="  ")))
        print("\n".join(wrap(row["explanation_en"], width, "    ")))
    summary = frame.group_by("verdict").len().sort("verdict").rows()
    print("; ".join(f"{v}: {n}" for v, n in summary))
    kinds = derived.group_by("kind").len().sort("kind").rows()
    tail = f"and {derived.height} derived values (hr.derivations()): "
    print("\n".join(wrap(tail + ", ".join(f"{k} {n}" for k, n in kinds), width, hang="  ")))
    return EXIT_OK


def _restamp(path: str, dry_run: bool) -> int:
    from haidian_report.restamp import RestampError, restamp

    try:
        changes = restamp(path, write=not dry_run)
    except RestampError as exc:
        return _error(str(exc))
    for change in changes:
        print(change)
    if not changes:
        print(f"nothing to change: every bytes and hash in {path} matches its file")
    elif dry_run:
        print(f"dry run: {len(changes)} value(s) would change; nothing written")
    else:
        print(f"re-stamped {path}: {len(changes)} value(s) changed (old values above)")
    return EXIT_OK


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _subset(dest: str, keep: list[list[str]], source: str | None) -> int:
    import polars as pl

    from haidian_report.subsets import subset

    conditions: dict[str, pl.Expr] = {}
    for table, condition in keep:
        try:
            expr = pl.sql_expr(condition)
        except pl.exceptions.PolarsError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            return _error(f"--keep {table}: {condition!r} is not an SQL condition ({first})")
        conditions[table] = expr if table not in conditions else conditions[table] & expr
    # a TERM signal (a CI job cancelled) unwinds like an error, so no half-written folder stays
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        made = subset(dest, conditions, package=source)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in made.summary() or ["every row kept"]:
        print(line)
    where = made.path if made.descriptor.name == DESCRIPTOR else made.descriptor
    print(f"wrote {made.path}; check it with: {PROG} validate {shlex.quote(str(where))}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser (its help is what ``haidian-report --help`` prints)."""
    top = _Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action=_Version, help="show the code and data versions and exit")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p_info = sub.add_parser("info", help="what is in the package: tables, rows, versions, hash")
    p_info.add_argument("--json", action="store_true", help="machine-readable output")
    p_val = sub.add_parser(
        "validate",
        help="validate a data package",
        description="Validate a data package and list every problem with its file, row and "
        f"field. Without PATH: ./{DESCRIPTOR} if this folder has one, else the installed "
        "package; the command says which.",
    )
    p_val.add_argument(
        "path", nargs="?", metavar="PATH", help=f"{DESCRIPTOR} or the folder holding it"
    )
    p_val.add_argument("--json", action="store_true", help="machine-readable report")
    p_val.add_argument(
        "--strict", action="store_true", help="also require every digit run and quote accounted for"
    )
    p_val.add_argument(
        "--frictionless",
        action="store_true",
        help="also run frictionless' own profile and row checks (slower)",
    )
    p_check = sub.add_parser(
        "check", help="print the consistency checks of the report's figures (--json: the rows)"
    )
    p_check.add_argument("--json", action="store_true", help="machine-readable output")
    p_stamp = sub.add_parser(
        "restamp",
        help="update bytes and hash of a derived package after you change its files",
        description="Recompute the bytes and sha256 hash of every resource of a data package "
        "you derived (e.g. after filtering rows), so that it validates. Only the descriptor "
        "changes, atomically; the old values are printed.",
    )
    p_stamp.add_argument("path", metavar="PATH", help=f"{DESCRIPTOR} or the folder holding it")
    p_stamp.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    p_sub = sub.add_parser(
        "subset",
        help="write a derived package keeping the rows you choose (and what they need)",
        description="Write a derived package into DEST (a folder that does not exist yet, or "
        "is empty) keeping the rows of TABLE where CONDITION (SQL, over the table's columns) "
        "is true. Rows that refer to a dropped row go too, and so does a check or derivation "
        "that lost an input; kept rows are written as the source writes them, and bytes and "
        "hash are re-stamped, so the result validates.",
        epilog='example: haidian-report subset no-estimates --keep indicators "NOT estimated"',
    )
    p_sub.add_argument("dest", metavar="DEST", help="folder to write (must not hold anything)")
    p_sub.add_argument(
        "--keep",
        nargs=2,
        action="append",
        required=True,
        metavar=("TABLE", "CONDITION"),
        help="keep the rows of TABLE where CONDITION holds (repeatable; conditions on one "
        "table must all hold)",
    )
    p_sub.add_argument(
        "--from",
        dest="source",
        metavar="PATH",
        help=f"the package to derive from ({DESCRIPTOR} or its folder; default: the installed one)",
    )
    return top


#: Allocations between two collections of the youngest generation while a command runs: a
#: run makes many short-lived objects (polars expressions) and almost no reference cycles, so
#: Python's default (700) would collect about a hundred times for next to nothing.
GC_THRESHOLD = 100_000


def _at_exit() -> None:
    """Freeze every object when the interpreter exits: its final collections then skip the
    heap (polars and the validator's modules) that is about to be freed anyway."""
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``haidian-report`` console script."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    atexit.unregister(_at_exit)  # registered once however often main() runs in a process
    atexit.register(_at_exit)
    try:
        return _command(argv)
    finally:
        gc.set_threshold(*thresholds)


def _command(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "info":
            return _info(args.json)
        if args.command == "validate":
            return _validate(args.path, args.json, args.strict, args.frictionless)
        if args.command == "restamp":
            return _restamp(args.path, args.dry_run)
        if args.command == "subset":
            return _subset(args.dest, args.keep, args.source)
        return _check(args.json)
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except (OSError, ValueError, KeyError) as exc:
        return _error(str(exc))


if __name__ == "__main__":
    sys.exit(main())
