"""Typed row access, the data dictionary, and the common "2016 vs 2021" wide view.

``records`` imports pydantic (through the models) only when called, so that
``import haidian_report`` stays cheap.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import polars as pl

from haidian_report.tables import TableName, _resource, load

if TYPE_CHECKING:
    from haidian_report.models import Row


def describe(name: TableName) -> pl.DataFrame:
    """The data dictionary of a table: one row per field.

    >>> d = describe("indicators")
    >>> d.filter(pl.col("field") == "value")["type"].item()
    'number'
    """
    rows: list[dict[str, Any]] = []
    for f in _resource(name)["schema"]["fields"]:
        constraints = dict(f.get("constraints", {}))
        rows.append(
            {
                "field": f["name"],
                "type": f["type"],
                "required": bool(constraints.pop("required", False)),
                "unit": f.get("unit"),
                "description": f.get("description", ""),
                "categories": ", ".join(map(str, f.get("categories", []))) or None,
                "constraints": json.dumps(
                    {k: v for k, v in constraints.items() if k != "enum"}, ensure_ascii=False
                )
                if any(k != "enum" for k in constraints)
                else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "field": pl.String,
            "type": pl.String,
            "required": pl.Boolean,
            "unit": pl.String,
            "description": pl.String,
            "categories": pl.String,
            "constraints": pl.String,
        },
    )


def records(name: TableName) -> list[Row]:
    """A table as validated model instances (e.g. :class:`~haidian_report.models.Indicator`).

    >>> gdp = [r for r in records("indicators") if r.indicator_id == "gdp.level.2016"][0]
    >>> gdp.value_text, gdp.value
    ('5908亿元', 590800000000.0)
    """
    from haidian_report.models import TABLES

    model = next(m for m in TABLES if m.TABLE.name == name)
    return [model.model_validate(row) for row in load(name).iter_rows(named=True)]


def wide(measure: str = "level", table: TableName = "indicators") -> pl.DataFrame:
    """Metric × period view of one measure: the "2016 vs 2021" question in one frame.

    One row per metric, variant (a stage of work such as started/completed) and scope: the
    natural key of a fact, so that no two figures are ever collapsed into one cell.

    >>> w = wide("level")
    >>> w.filter(pl.col("metric_id") == "gdp").select("2016", "2021").row(0)
    (590800000000.0, 950000000000.0)
    """
    index = ["metric_id", "variant", "scope", "unit"]
    frame = load(table).filter(pl.col("measure") == measure)
    periods = sorted(frame["period"].unique().to_list())
    out = frame.pivot(on="period", index=index, values="value", aggregate_function=None)
    return out.select([*index, *periods]).sort(index, nulls_last=False)


def mentions_of(ident: str) -> pl.DataFrame:
    """Every mention of a program or term, with its sentence in Chinese and English.

    >>> m = mentions_of("four_centres")
    >>> m.select("part", "quote").rows()
    [('part1', '四个中心'), ('part2', '四个中心')]
    """
    from haidian_report.tables import program_mentions, sentences, term_mentions

    programs = program_mentions().filter(pl.col("program_id") == ident)
    frame = (
        programs.rename({"program_id": "id"})
        if programs.height
        else term_mentions().filter(pl.col("term_id") == ident).rename({"term_id": "id"})
    )
    if frame.height == 0:
        raise KeyError(f"no program or term with id {ident!r}")
    text = sentences().select("sentence_id", "text", "text_en")
    return frame.join(text, on="sentence_id", how="left").sort("quote_start")
