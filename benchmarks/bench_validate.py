"""Benchmark ``haidian-report validate`` against ``frictionless validate`` and the floor.

Run on demand (it is not a test)::

    .venv/bin/python benchmarks/bench_validate.py                  # scales 1 10 100 1000
    .venv/bin/python benchmarks/bench_validate.py --scales 1 10 --repeat 5

For each scale a synthetic package is written to a temporary folder: every table whose ids can
be extended without breaking their pattern is repeated ``scale`` times with new ids (``_x3`` for
slugs, ``.x3`` for dotted ids), foreign keys following their copy so every reference still
holds; ``sentences`` and ``sections`` (ids tied to source lines) stay as they are. Bytes and
hashes are re-stamped, so every synthetic package is valid.

Three commands run as subprocesses (interpreter start-up included, as a CI job sees them),
interleaved (A B C, B C A, C A B, …) so that a busy machine slows all three alike, and the
median of each is shown with its peak memory (max RSS): ``haidian-report validate``,
``frictionless validate`` and ``floor_validate.py`` (one process that reads every CSV with
polars and the declared schema, hashes every file and checks every quote/value span with
vectorized slices: the least any validator must do). Linear growth shows as a steady
marginal time per row. The validator's modules are byte-compiled first, as installing the wheel
compiles them (an editable checkout under PYTHONDONTWRITEBYTECODE=1 would compile them anew in
every run, as no installed user does).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from haidian_report.paths import package_dir

Rows = list[list[str]]


def _read(path: Path) -> tuple[list[str], Rows]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


#: Tables tied to the source's lines or offsets: copied once, never repeated.
FIXED = ("sections", "sentences", "exclusions")


def tag(value: str, copy: int) -> str:
    """An id of the ``copy``-th repetition: ``_x<copy>`` after each slug, so that derived ids
    stay derived (``gdp.level.2016`` → ``gdp_x3.level.2016``, ``a@b.c`` → ``a_x3@b_x3.c``,
    ``term@257`` → ``term_x3@257``).

    >>> tag("beautiful_villages@retained.count.2022", 2)
    'beautiful_villages_x2@retained_x2.count.2022'
    """
    parts = []
    for part in value.split("@"):
        if part.isdigit():
            parts.append(part)
        else:
            head, dot, rest = part.partition(".")
            parts.append(f"{head}_x{copy}{dot}{rest}")
    return "@".join(parts)


def synthesise(scale: int, out: Path) -> int:
    """Write the shipped package repeated ``scale`` times into ``out``; return its row count.

    Every table but those in :data:`FIXED` is repeated with ids tagged by :func:`tag` (keys
    and the references to repeated tables alike), so every synthetic package is valid.
    """
    src = package_dir()
    descriptor = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if "schema" in r]
    total = 0
    for res in descriptor["resources"]:
        target = out / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if res not in tables or res["name"] in FIXED or scale == 1:
            shutil.copyfile(src / res["path"], target)
            if res in tables:
                total += len(_read(target)[1])
            continue
        header, rows = _read(src / res["path"])
        schema = res["schema"]
        tagged = {header.index(k) for k in schema.get("primaryKey", [])}
        for fk in schema.get("foreignKeys", []):
            if (fk["reference"].get("resource") or res["name"]) not in FIXED:
                tagged |= {header.index(f) for f in fk["fields"]}
        tagged.discard(header.index("role") if "role" in header else -1)
        out_rows: Rows = []
        for copy in range(scale):
            for row in rows:
                new = list(row)
                if copy:
                    for i in tagged:
                        if new[i]:
                            new[i] = tag(new[i], copy)
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


def _run(command: list[str]) -> tuple[float, int, float]:
    """(seconds, exit code, peak memory in MB) of one subprocess run; its CPU seconds (user and
    system, all threads) are added to :data:`CPU` (less sensitive to a busy machine)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    CPU.setdefault(" ".join(command), []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, process.returncode, usage.ru_maxrss / 1024


#: CPU seconds of every run, by command line.
CPU: dict[str, list[float]] = {}


def cpu(command: list[str]) -> float:
    """Median CPU seconds of the runs of ``command``."""
    return statistics.median(CPU.get(" ".join(command), [math.nan]))


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int, float]]:
    """Median seconds, last exit code and peak MB of each command, run in rotating order."""
    names = list(commands)
    runs: dict[str, list[tuple[float, int, float]]] = {n: [] for n in names}
    for i in range(repeat):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            runs[name].append(_run(commands[name]))
    return {
        n: (statistics.median(r[0] for r in rs), rs[-1][1], max(r[2] for r in rs))
        for n, rs in runs.items()
    }


def _baseline(python: str, folder: Path, target: str) -> list[str]:
    """The command running the validator of the package in ``folder`` (site-packages on the
    path, but not the editable install of this checkout, which would shadow it)."""
    import sysconfig

    paths = [str(folder.resolve()), sysconfig.get_paths()["purelib"]]
    code = (
        f"import sys; sys.path[:0] = {paths!r}; from haidian_report.cli import main; "
        f"sys.argv = ['haidian-report', 'validate', {target!r}]; sys.exit(main())"
    )
    return [python, "-S", "-c", code]


def _byte_compile(*folders: Path) -> None:
    """Byte-compile the validators timed, as installing a wheel does (pip compiles every
    module; frictionless, installed, is timed compiled). An editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile its ~60 modules in every timed run, a
    cost (about a fifth of a 1× run) that no installed user pays."""
    import compileall

    for folder in folders:
        if folder.is_dir():
            compileall.compile_dir(str(folder), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median)")
    parser.add_argument(
        "--frictionless-up-to",
        type=int,
        default=100,
        help="largest scale at which frictionless runs (it takes minutes at 1000x)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a folder holding an earlier haidian_report package (e.g. `git archive REV "
        "haidian_report | tar -x -C DIR`, with DIR/datapackage.json): its validator is "
        "interleaved as a fourth command, `before`, and its time printed below each scale",
    )
    args = parser.parse_args(argv)
    python = sys.executable
    import haidian_report

    _byte_compile(
        Path(haidian_report.__file__).parent,
        *([args.baseline / "haidian_report"] if args.baseline is not None else []),
    )
    floor = str(Path(__file__).with_name("floor_validate.py"))
    header = (
        f"{'scale':>5} {'rows':>9} {'MB':>6} | {'validate':>8} {'MB':>5} | {'frictionless':>12} "
        f"{'MB':>5} | {'floor':>6} {'MB':>5} | {'/frictionless':>13} {'/floor':>6} | "
        f"{'marginal µs/row':>15}"
    )
    print(header)
    print("-" * len(header))
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="haidian-bench-") as tmp:
        for scale in args.scales:
            folder = Path(tmp) / f"x{scale}"
            rows = synthesise(scale, folder)
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            target = str(folder / "datapackage.json")
            commands = {
                "validate": [python, "-m", "haidian_report.cli", "validate", target],
                "floor": [python, floor, target],
            }
            if scale <= args.frictionless_up_to:
                commands["frictionless"] = [python, "-m", "frictionless", "validate", target]
            if args.baseline is not None:
                commands["before"] = _baseline(python, args.baseline, target)
            found = interleaved(commands, args.repeat)
            ours, code, our_mb = found["validate"]
            if code != 0:
                print(f"synthetic x{scale} package did not validate (exit {code})")
                return 1
            low, _, low_mb = found["floor"]
            theirs, their_mb = found.get("frictionless", (math.nan, 0, math.nan))[::2]
            marginal = (
                f"{1e6 * (ours - previous[1]) / (rows - previous[0]):>15.2f}"
                if previous is not None and rows > previous[0]
                else f"{'':>15}"
            )
            print(
                f"{scale:>4}× {rows:>9,} {size:>6.1f} | {ours:>7.2f}s {our_mb:>5.0f} | "
                f"{theirs:>11.2f}s {their_mb:>5.0f} | {low:>5.2f}s {low_mb:>5.0f} | "
                f"{ours / theirs:>12.2f}× {ours / low:>5.2f}× | {marginal}"
            )
            previous = (rows, ours)
            print(
                f"{'CPU s (median)':>25} | "
                + ", ".join(f"{name} {cpu(command):.2f}" for name, command in commands.items())
            )
            if "before" in found:
                then, _, then_mb = found["before"]
                print(
                    f"{'before':>25} | {then:>7.2f}s {then_mb:>5.0f} | validate ÷ before "
                    f"{ours / then:.2f}×, before ÷ floor {then / low:.2f}×"
                    + (f", before ÷ frictionless {then / theirs:.2f}×" if theirs == theirs else "")
                )
    print(
        f"\nMedians of {args.repeat} interleaved runs of each command (subprocesses, start-up "
        "included); MB = peak resident memory. validate = `haidian-report validate DIR`, "
        "frictionless = `frictionless validate DIR/datapackage.json`, floor = "
        "benchmarks/floor_validate.py. Marginal µs/row = extra validate time per extra row "
        "since the previous scale (steady = linear). CPU s = user and system seconds of all "
        "threads (less sensitive to other load than wall-clock seconds)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
