"""The ``haidian-report`` command: ``info``, ``validate``, ``check``.

Exit codes: 0 valid / done, 1 invalid, 2 usage error or unreadable input. No traceback reaches
the user for bad input: every expected failure is a message.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _info(as_json: bool) -> int:
    import haidian_report as hr

    desc = hr.descriptor()
    counts = {name: hr.load(name).height for name in hr.list_tables()}  # type: ignore[arg-type]
    info = {
        "package": desc["name"],
        "data_version": desc["version"],
        "code_version": hr.__version__,
        "source_sha256": hr.SOURCE_SHA256,
        "tables": counts,
    }
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{desc['title']}")
    print(f"data version {info['data_version']}, code version {info['code_version']}")
    print(f"source sha256 {info['source_sha256']}")
    width = max(len(n) for n in counts)
    for name, n in counts.items():
        print(f"  {name:<{width}}  {n:>5} rows")
    return EXIT_OK


def _utf8_stdout() -> None:
    """Write UTF-8 whatever the console's encoding (a Windows runner's pipe is cp1252), so
    that a report quoting Chinese never fails to print and the exit code stays the verdict."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
            reconfigure(encoding="utf-8", errors="backslashreplace")


def _validate(path: str | None, as_json: bool, strict: bool, with_frictionless: bool) -> int:
    from haidian_report.validate import validate

    report = validate(path, strict=strict, frictionless=with_frictionless)
    _utf8_stdout()
    print(report.to_json() if as_json else report.render())
    return EXIT_OK if report.valid else (EXIT_USAGE if report.unreadable else EXIT_INVALID)


def _check(as_json: bool) -> int:
    import haidian_report as hr

    frame = hr.checks()
    derived = hr.derivations()
    if as_json:
        print(json.dumps(frame.to_dicts(), ensure_ascii=False, indent=2))
        return EXIT_OK
    import polars as pl

    cols = [c for c in ("check_id", "verdict", "reason", "explanation_en") if c in frame.columns]
    with pl.Config(
        tbl_rows=-1, fmt_str_lengths=90, tbl_width_chars=160, tbl_hide_dataframe_shape=True
    ):
        print(frame.select(cols))
    summary = frame.group_by("verdict").len().sort("verdict").rows()
    print("; ".join(f"{v}: {n}" for v, n in summary))
    kinds = derived.group_by("kind").len().sort("kind").rows()
    print(
        f"and {derived.height} derived values (hr.derivations()): "
        + ", ".join(f"{k} {n}" for k, n in kinds)
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``haidian-report`` console script."""
    parser = _Parser(prog="haidian-report", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_info = sub.add_parser("info", help="what is in the package: tables, rows, versions, hash")
    p_info.add_argument("--json", action="store_true", help="machine-readable output")
    p_val = sub.add_parser("validate", help="validate a data package (default: the shipped one)")
    p_val.add_argument("path", nargs="?", help="datapackage.json or its folder")
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
    args = parser.parse_args(argv)
    try:
        if args.command == "info":
            return _info(args.json)
        if args.command == "validate":
            return _validate(args.path, args.json, args.strict, args.frictionless)
        return _check(args.json)
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except (OSError, ValueError, KeyError) as exc:
        print(f"haidian-report: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
