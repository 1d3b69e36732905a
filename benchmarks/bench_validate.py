"""Benchmark ``haidian-report validate`` against ``frictionless validate``, at 1×, 10× and 100×.

Run on demand (it is not a test)::

    .venv/bin/python benchmarks/bench_validate.py            # scales 1 10 100
    .venv/bin/python benchmarks/bench_validate.py --scales 1 10 --repeat 3

For each scale a synthetic package is written to a temporary folder: every table whose ids can
be extended without breaking their pattern is repeated ``scale`` times with new ids (``_x3`` for
slugs, ``.x3`` for dotted ids), foreign keys following their copy so every reference still
holds; ``sentences`` and ``sections`` (ids tied to source lines) stay as they are. Bytes and
hashes are re-stamped, so every synthetic package is valid. Both commands run as subprocesses
(interpreter start-up included, as a CI job would see them); the validator's in-process time is
shown too. Linear growth shows as a steady time per 1,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from haidian_report.paths import package_dir

Rows = list[list[str]]


def _read(path: Path) -> tuple[list[str], Rows]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _suffix(schema: dict[str, Any], field: str) -> str | None:
    """A suffix template ("_x{}" or ".x{}") that keeps ``field``'s pattern, or None."""
    spec = next(f for f in schema["fields"] if f["name"] == field)
    if spec["type"] != "string" or "enum" in spec.get("constraints", {}):
        return None
    pattern = spec.get("constraints", {}).get("pattern")
    for template in ("_x{}", ".x{}"):
        if pattern is None or re.match(pattern, "a0" + template.format(7)):
            return template
    return None


def synthesise(scale: int, out: Path) -> int:
    """Write the shipped package repeated ``scale`` times into ``out``; return its row count."""
    src = package_dir()
    descriptor = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if "schema" in r]
    # which tables can be repeated, and the suffix their ids take
    suffix: dict[str, str] = {}
    for res in tables:
        key = res["schema"].get("primaryKey", [])
        own = [
            k
            for k in key
            if not any(k in fk["fields"] for fk in res["schema"].get("foreignKeys", []))
        ]
        templates = [_suffix(res["schema"], k) for k in own]
        if own and all(templates):
            suffix[res["name"]] = str(templates[0])
    # composite keys made unique by a foreign key into a repeated table (check_inputs)
    for res in tables:
        fks = res["schema"].get("foreignKeys", [])
        key = res["schema"].get("primaryKey", [])
        if res["name"] not in suffix and any(
            k in fk["fields"] and fk["reference"].get("resource", res["name"]) in suffix
            for k in key
            for fk in fks
        ):
            suffix[res["name"]] = ""
    total = 0
    for res in descriptor["resources"]:
        target = out / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if res not in tables or res["name"] not in suffix or scale == 1:
            shutil.copyfile(src / res["path"], target)
            if res in tables:
                total += len(_read(target)[1])
            continue
        header, rows = _read(src / res["path"])
        schema = res["schema"]
        renamed: dict[int, str] = {}  # column → suffix template of the table it points into
        for k in schema.get("primaryKey", []):
            if suffix[res["name"]]:
                renamed[header.index(k)] = suffix[res["name"]]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"].get("resource") or res["name"]
            if suffix.get(ref):
                for f in fk["fields"]:
                    renamed[header.index(f)] = suffix[ref]
        out_rows: Rows = []
        for copy in range(scale):
            for row in rows:
                new = list(row)
                if copy:
                    for i, template in renamed.items():
                        if new[i]:
                            new[i] += template.format(copy)
                out_rows.append(new)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(out_rows)
        target.write_bytes(buf.getvalue().encode("utf-8"))
        total += len(out_rows)
    for res in descriptor["resources"]:
        content = (out / res["path"]).read_bytes()
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    (out / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return total


def _timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode


def _best(command: list[str], repeat: int) -> tuple[float, int]:
    runs = [_timed(command) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[-1][1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args(argv)
    from haidian_report.validate import validate

    python = sys.executable
    header = (
        f"{'scale':>5} {'rows':>8} {'MB':>5} | {'validate':>8} {'frictionless':>12} {'ratio':>5} | "
        f"{'in-process':>10} {'µs/row':>6} {'marginal µs/row':>15}"
    )
    print(header)
    print("-" * len(header))
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="haidian-bench-") as tmp:
        for scale in args.scales:
            folder = Path(tmp) / f"x{scale}"
            rows = synthesise(scale, folder)
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            ours, code = _best(
                [python, "-m", "haidian_report.cli", "validate", str(folder)], args.repeat
            )
            if code != 0:
                print(f"synthetic x{scale} package did not validate (exit {code})")
                return 1
            theirs, code = _best(
                [python, "-m", "frictionless", "validate", str(folder / "datapackage.json")],
                args.repeat,
            )
            flag = "" if code == 0 else f" (exit {code})"
            validate(folder)  # warm: imports and caches are not part of the per-row cost
            timings = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                report = validate(folder)
                timings.append(time.perf_counter() - start)
                assert report.valid, report.render()
            in_process = min(timings)
            marginal = (
                f"{1e6 * (in_process - previous[1]) / (rows - previous[0]):>15.1f}"
                if previous is not None and rows > previous[0]
                else f"{'':>15}"
            )
            print(
                f"{scale:>4}× {rows:>8,} {size:>5.1f} | {ours:>7.2f}s {theirs:>11.2f}s{flag} "
                f"{ours / theirs:>5.2f} | {in_process:>9.2f}s {1e6 * in_process / rows:>6.1f} "
                f"{marginal}"
            )
            previous = (rows, in_process)
    print(
        "\nvalidate = `haidian-report validate DIR`, frictionless = `frictionless validate "
        f"DIR/datapackage.json`: subprocesses, start-up included, best of {args.repeat}; "
        "ratio = validate / frictionless.\nin-process = validate(DIR) after a warm-up run; "
        "marginal µs/row = extra time per extra row since the previous scale (steady = linear)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
