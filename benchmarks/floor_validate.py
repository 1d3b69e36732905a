"""The floor of validation: the least work any validator of this package must do, in one process.

Reads every CSV table with polars and its declared schema, hashes every file (sha256), and
checks every quote and value span against the source with vectorized slices (one slice per
distinct span, joined back). Nothing else: no constraint, no key, no rule. The benchmark
(``bench_validate.py``) compares ``haidian-report validate`` with this script.

    python benchmarks/floor_validate.py path/to/datapackage.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import polars as pl

TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean}


def main(argv: list[str]) -> int:
    descriptor = Path(argv[0] if argv else "datapackage.json")
    root = descriptor.parent
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    source = ""
    frames: dict[str, pl.DataFrame] = {}
    for res in data["resources"]:
        raw = (root / res["path"]).read_bytes()
        assert res.get("hash", "sha256:").split(":")[1] in ("", hashlib.sha256(raw).hexdigest())
        if res["name"] == "source":
            source = raw.decode("utf-8")
        elif "schema" in res:
            schema = {f["name"]: TYPES[f["type"]] for f in res["schema"]["fields"]}
            frames[res["name"]] = pl.read_csv(raw, schema=schema)
    bad = 0
    for frame in frames.values():
        for prefix, text in (("quote_", "quote"), ("value_", "value_text"), ("", "text")):
            start, end = f"{prefix}start", f"{prefix}end"
            if not {start, end, text} <= set(frame.columns):
                continue
            spans = frame.select(pl.col(start).alias("a"), pl.col(end).alias("b"), text)
            distinct = spans.select("a", "b").unique()
            cut = [source[a:b] for a, b in distinct.iter_rows()]
            distinct = distinct.with_columns(pl.Series("actual", cut, dtype=pl.String))
            joined = spans.join(distinct, on=["a", "b"], how="left")
            bad += joined.filter(pl.col(text) != pl.col("actual")).height
    print(f"{len(frames)} tables, {sum(f.height for f in frames.values())} rows, {bad} bad spans")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
