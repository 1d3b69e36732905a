"""How much ``haidian_report`` costs over plain polars, in fresh interpreters.

Run on demand from a checkout (never a timed assertion in the tests)::

    python benchmarks/bench_load.py            # 21 runs of each, interleaved
    python benchmarks/bench_load.py -n 51 --importtime

It times, in subprocesses, with the median of ``-n`` runs:

* ``import haidian_report; haidian_report.indicators()`` against
  ``import polars; polars.read_csv('data/indicators.csv')``: the ratio should be ≤ 1.1;
* ``import haidian_report`` against ``import polars``: the milliseconds the package adds;
* ``pass``: the interpreter's own start-up, for scale.

``--importtime`` adds the modules ``import haidian_report`` loads beyond ``import polars``,
by cumulative import time (from ``python -X importtime``), to show where added time goes.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.1

CASES: dict[str, str] = {
    "haidian_report.indicators()": "import haidian_report; haidian_report.indicators()",
    "polars.read_csv(indicators)": "import polars; polars.read_csv('data/indicators.csv')",
    "import haidian_report": "import haidian_report",
    "import polars": "import polars",
    "python (pass)": "pass",
}


#: Byte-code cache for the child interpreters, outside the work tree. Without one (e.g. with
#: PYTHONDONTWRITEBYTECODE=1 set) every run recompiles haidian_report from source, ~3 ms that
#: an installed wheel (compiled at install) never pays, while polars' .pyc files ship ready.
PYCACHE = Path(tempfile.gettempdir()) / "haidian-report-bench-pycache"


def child_env(bytecode_cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


ENV = child_env(True)


def run_once(code: str) -> float:
    """Wall time (seconds) of one fresh interpreter running ``code`` in the checkout."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=ENV)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    """``runs`` timings of every case, interleaved so that drift hits all cases alike."""
    for code in CASES.values():  # warm the OS file cache and .pyc files
        run_once(code)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, code in CASES.items():
            times[name].append(run_once(code))
    return times


def import_times(code: str) -> dict[str, tuple[int, int]]:
    """module → (self µs, cumulative µs) from ``python -X importtime -c code``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    )
    out: dict[str, tuple[int, int]] = {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            out[match[4]] = (int(match[1]), int(match[2]))
    return out


def report_importtime(limit: int = 15) -> None:
    ours = import_times("import haidian_report")
    theirs = import_times("import polars")
    extra = {m: t for m, t in ours.items() if m not in theirs}
    total_self = sum(s for s, _ in extra.values()) / 1000
    print(
        f"\nmodules imported by `import haidian_report` beyond `import polars`: {len(extra)}, "
        f"{total_self:.1f} ms of self time"
    )
    print(f"{'cumulative ms':>14} {'self ms':>8}  module")
    for module, (own, cumulative) in sorted(extra.items(), key=lambda kv: -kv[1][1])[:limit]:
        print(f"{cumulative / 1000:>14.1f} {own / 1000:>8.1f}  {module}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--runs", type=int, default=21, help="runs per case (median)")
    parser.add_argument("--importtime", action="store_true", help="where the added time goes")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run children as this environment would (e.g. PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args(argv)
    global ENV
    ENV = child_env(not args.no_bytecode_cache)
    cache = "off" if args.no_bytecode_cache else f"on ({PYCACHE})"
    print(f"byte-code cache for the children: {cache}")
    times = measure(args.runs)
    median = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    print(f"{sys.executable} ({sys.version.split()[0]}), {args.runs} runs each, median wall ms:")
    for name, ms in median.items():
        spread = statistics.quantiles(times[name], n=4) if len(times[name]) > 1 else [0, 0, 0]
        print(f"  {name:<30} {ms:8.1f} ms   (IQR {spread[0] * 1000:.1f}–{spread[2] * 1000:.1f})")
    ratio = median["haidian_report.indicators()"] / median["polars.read_csv(indicators)"]
    added = median["import haidian_report"] - median["import polars"]
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(
        f"\nload ratio haidian_report.indicators() / polars.read_csv: {ratio:.3f} "
        f"({verdict} the target ≤ {TARGET_RATIO})"
    )
    print(f"import haidian_report adds {added:+.1f} ms over import polars")
    if args.importtime:
        report_importtime()
    return 0


if __name__ == "__main__":
    sys.exit(main())
