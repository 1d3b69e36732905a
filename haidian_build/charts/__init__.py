"""The documentation charts, drawn by the build from the tables so they cannot go stale.

For each chart the build writes ``docs/charts/<name>.json`` (every number and label it plots,
computed from the tables: :mod:`haidian_build.charts.series`) and ``docs/charts/<name>.png``
(drawn from that series: :mod:`haidian_build.charts.draw`). The PNG carries the sha256 of the
JSON in a PNG text chunk, so a test can tell, without matplotlib, whether each committed image
was drawn from the current data.

PNG bytes depend on the matplotlib version and the fonts installed, so they are not compared
byte for byte: a PNG is redrawn only when its series changed (its embedded hash differs), and
otherwise kept as it is. The JSON series are deterministic and covered by the byte-for-byte
rebuild test; the embedded hash ties each image to them.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path

import polars as pl

from haidian_build.charts.series import Chart, Frames, all_charts
from haidian_report.tables import POLARS_TYPES

CHARTS_DIR = "docs/charts"
#: PNG text-chunk key holding the sha256 of the series JSON the image was drawn from.
SERIES_KEY = "haidian-series-sha256"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChartError(RuntimeError):
    """A chart needs redrawing and cannot be drawn here (no matplotlib, or no CJK font)."""


def read_frames(folder: Path) -> Frames:
    """Every table of the package at ``folder`` (its datapackage.json), with declared types."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    frames: Frames = {}
    for res in descriptor["resources"]:
        if res.get("type") == "table":
            schema = {f["name"]: POLARS_TYPES[f["type"]] for f in res["schema"]["fields"]}
            frames[res["name"]] = pl.read_csv(folder / res["path"], schema=schema)
    return frames


def series_json(chart: Chart) -> bytes:
    """The JSON the build writes beside a chart (deterministic)."""
    return (json.dumps(chart.as_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_series(frames: Frames) -> dict[str, bytes]:
    """``docs/charts/<name>.json`` → bytes, for every chart."""
    return {f"{CHARTS_DIR}/{c.name}.json": series_json(c) for c in all_charts(frames)}


def png_text(data: bytes) -> dict[str, str]:
    """The text chunks (``tEXt``) of a PNG file, read with the standard library.

    >>> png_text(b"not a png")
    {}
    """
    if not data.startswith(_PNG_SIGNATURE):
        return {}
    chunks: dict[str, str] = {}
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if kind == b"tEXt" and b"\0" in body:
            key, _, value = body.partition(b"\0")
            chunks[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt" and b"\0" in body:
            key, _, rest = body.partition(b"\0")
            chunks[key.decode("latin-1")] = zlib.decompress(rest[1:]).decode("latin-1")
        if kind == b"IEND":
            break
        at += 12 + length
    return chunks


def drawn_from(png: bytes) -> str | None:
    """The series hash a PNG says it was drawn from (None for a PNG the build did not draw)."""
    return png_text(png).get(SERIES_KEY)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_charts(target: Path, frames: Frames, keep_from: Path | None = None) -> list[Path]:
    """Write every chart's JSON and PNG under ``target``; return the PNGs (re)drawn.

    A PNG whose embedded hash matches its fresh series is kept: from ``target`` or, when
    building elsewhere, copied from ``keep_from`` (the checkout). Any other is drawn, which
    needs matplotlib and a CJK font (:class:`~haidian_build.charts.draw.ChartError` if not).
    """
    drawn: list[Path] = []
    folder = target / CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for chart in all_charts(frames):
        series = series_json(chart)
        digest = sha256(series)
        (folder / f"{chart.name}.json").write_bytes(series)
        png_path = folder / f"{chart.name}.png"
        candidates = [png_path] + ([keep_from / CHARTS_DIR / png_path.name] if keep_from else [])
        current = next(
            (
                p.read_bytes()
                for p in candidates
                if p.is_file() and drawn_from(p.read_bytes()) == digest
            ),
            None,
        )
        if current is None:
            try:
                from haidian_build.charts.draw import png
            except ImportError as exc:
                raise ChartError(
                    f"{CHARTS_DIR}/{png_path.name} must be redrawn (its data changed) and "
                    f"matplotlib is missing ({exc}): pip install -e '.[docs]'"
                ) from None
            current = png(chart, {SERIES_KEY: digest})
            drawn.append(png_path)
        if not png_path.is_file() or png_path.read_bytes() != current:
            png_path.write_bytes(current)
    return drawn
