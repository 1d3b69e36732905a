"""Cells of the geographic types read as frictionless reads them (attack 5, F18).

An added table may declare ``geojson`` and ``geopoint`` fields. The default path checked a
geojson cell only for being a JSON object and a geopoint only for its ``lon, lat`` form, while
frictionless (``--frictionless``, and any Data Package reader built on it) refuses a geojson
cell that is not GeoJSON (``{}`` has no ``type``) and a point outside ±180° / ±90°. So a
geojson cell is judged by frictionless' own reader (imported only when such a cell exists:
an added table of this type is rare), and geopoints are range-checked over the column.

>>> geojson_ok('{"type": "Point", "coordinates": [116.3, 39.9]}'), geojson_ok("{}")
(True, False)
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

import polars as pl

from haidian_report.validate.model import ROW, Context, Spec
from haidian_report.validate.text import show

_POINT: Final = r"^-?[0-9]+(?:\.[0-9]+)?, ?-?[0-9]+(?:\.[0-9]+)?$"  # the form schema.py reads


@cache
def _reader() -> Any:
    from frictionless import fields

    return fields.GeojsonField(name="geojson").create_value_reader()  # type: ignore[no-untyped-call]


def geojson_ok(cell: str) -> bool:
    """True when frictionless reads ``cell`` as GeoJSON (the default format)."""
    try:
        return _reader()(cell) is not None
    except Exception:  # whatever the reader raises, the cell is not read
        return False


def check(ctx: Context, spec: Spec, cells: pl.DataFrame) -> None:
    """type-error for each point out of range (a geojson cell is judged by :func:`geojson_ok`)."""
    for f in spec.fields:
        if f.type != "geopoint":
            continue
        c = pl.col(f.name)
        parts = c.str.split(",")
        lon = parts.list.get(0, null_on_oob=True).str.strip_chars().cast(pl.Float64, strict=False)
        lat = parts.list.get(1, null_on_oob=True).str.strip_chars().cast(pl.Float64, strict=False)
        out = c.str.contains(_POINT) & ((lon.abs() > 180) | (lat.abs() > 90))
        rows = cells.filter(out.fill_null(False)).select(ROW, f.name)
        for row, cell in rows.head(ctx.problems.room(spec.name)).iter_rows():
            ctx.add(
                "type-error",
                f"found {show(cell)}; expected a point 'lon, lat' with lon within ±180 and "
                "lat within ±90",
                spec.name,
                row,
                f.name,
            )
