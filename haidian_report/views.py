"""Typed row access, the data dictionary, and the "2016 vs 2021" wide view.

``records`` imports pydantic (through the models) only when called, so that
``import haidian_report`` stays cheap. Every function here refuses a name it does not know
with an :class:`~haidian_report.names.UnknownNameError` that suggests the nearest one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from haidian_report.names import UnknownNameError, unknown
from haidian_report.tables import TableName, field_categories, load, table_resource

if TYPE_CHECKING:
    from haidian_report.models import Row

FactTable = Literal["indicators", "targets"]
FACT_TABLES: tuple[FactTable, ...] = ("indicators", "targets")
#: Columns that say *which* figure a row is, beside metric and period (with ``measure`` and
#: ``period``, ``metric_id``/``variant``/``scope`` are a fact's natural key): two rows that
#: differ in one of them are different figures, e.g. started vs completed, or a subset vs the
#: district total. Used when the table has them.
QUALIFYING = ("variant", "scope", "unit")
#: Key columns ``wide`` adds only where a figure has them: a rank's kind (a standing, 全市第一,
#: or an order of precedence, 率先/首家, are different rankings of one metric).
QUALIFYING_WHERE_GIVEN = ("rank_kind",)
#: Columns that say how far a figure can be taken at its word; ``wide`` keeps one per period
#: (``firmness``: a target to strive for, 力争, is not a firm one).
ANNOTATIONS = ("qualifier", "estimated", "price_basis", "firmness")
#: Provenance columns, kept last (before the sentence) in :func:`facts`.
PROVENANCE = ("sentence_id", "quote", "quote_start", "quote_end")
_SEP = "\x1f"  # joins value and period in pivot's column names; never in a period


def describe(name: TableName) -> pl.DataFrame:
    """The data dictionary of a table: one row per field.

    >>> d = describe("indicators")
    >>> d.filter(pl.col("field") == "value")["type"].item()
    'number'
    """
    rows: list[dict[str, Any]] = []
    for f in table_resource(name)["schema"]["fields"]:
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
    frame = load(name)  # refuses an unknown name before pydantic is imported
    from haidian_report.models import TABLES

    model = {m.TABLE.name: m for m in TABLES}[name]
    return [model.model_validate(row) for row in frame.iter_rows(named=True)]


def _fact_table(table: str) -> FactTable:
    if table not in FACT_TABLES:
        raise UnknownNameError(
            f"wide() reads a table of figures (indicators or targets), not {table!r}: only "
            "they have a measure and a period"
        )
    return table


def _duplicates(frame: pl.DataFrame, key: list[str], id_col: str) -> str:
    """A readable list of the keys that hold more than one figure ('' when none do)."""
    groups = (
        frame.group_by(key, maintain_order=True)
        .agg(pl.col(id_col), pl.col("value_text"), pl.len().alias("n"))
        .filter(pl.col("n") > 1)
    )
    lines = []
    for row in groups.iter_rows(named=True):
        where = ", ".join(f"{c}={row[c]}" for c in key)
        figures = "; ".join(
            f"{i} ({t})" for i, t in zip(row[id_col], row["value_text"], strict=True)
        )
        lines.append(f"  {where}: {figures}")
    return "\n".join(lines)


def wide(
    measure: str = "level",
    table: FactTable = "indicators",
    *,
    duplicates: Literal["raise", "first"] = "raise",
) -> pl.DataFrame:
    """Metric × period view of one measure: the "2016 vs 2021" question in one frame.

    One row per metric, ``variant`` (a stage of work such as started/completed), ``scope``
    and ``unit`` (the natural key of a fact; ``rank_kind`` too where a rank has one), one value
    column per period, then per period the figure's ``qualifier``, ``estimated`` (indicators),
    ``price_basis`` and ``firmness`` (targets), where the table has them, so that a subset, an
    estimate, a real rate or a target to strive for never passes for something else. Two
    figures for one row and period are an error unless ``duplicates="first"`` keeps the first
    by id. A figure in unit ``class`` or ``rank`` is a position (劣Ⅴ类 is class 5), not a
    quantity: growth over it means nothing.

    >>> w = wide("level")
    >>> w.filter(pl.col("metric_id") == "gdp").select("2016", "2021", "estimated_2021").row(0)
    (590800000000.0, 950000000000.0, True)
    """
    fact_table = _fact_table(table)
    measures = field_categories(fact_table, "measure")
    if measure not in measures:
        raise unknown("measure", measure, measures)
    if duplicates not in ("raise", "first"):
        raise ValueError(f"wide(): duplicates must be 'raise' or 'first', got {duplicates!r}")
    id_col = "indicator_id" if fact_table == "indicators" else "target_id"
    data = load(fact_table)
    frame = data.filter(pl.col("measure") == measure).sort(id_col)
    if frame.height == 0:
        used = sorted(set(data["measure"].to_list()))
        raise UnknownNameError(
            f"{fact_table} has no figure with measure {measure!r}; its measures are: "
            + ", ".join(used)
        )
    given = [
        c for c in QUALIFYING_WHERE_GIVEN if c in frame.columns and frame[c].is_not_null().any()
    ]
    key = ["metric_id", *(c for c in QUALIFYING if c in frame.columns), *given]
    clashes = _duplicates(frame, [*key, "period"], id_col)
    if clashes and duplicates != "first":
        raise ValueError(
            f"{fact_table}: more than one {measure} figure for one row and period of wide():\n"
            f"{clashes}\nThey are different figures (e.g. started vs completed): filter "
            f"hr.{fact_table}() to the one you mean, or pass duplicates='first' to keep the "
            "first by id."
        )
    frame = frame.unique([*key, "period"], keep="first", maintain_order=True)
    periods = sorted(frame["period"].unique().to_list())
    values = ["value", *(a for a in ANNOTATIONS if a in frame.columns)]
    out = frame.pivot(on="period", index=key, values=values, separator=_SEP)
    names = {f"{v}{_SEP}{p}": p if v == "value" else f"{v}_{p}" for v in values for p in periods}
    out = out.rename(names).select(*key, *names.values())
    return out.sort(key, nulls_last=True)


def mentions_of(ident: str) -> pl.DataFrame:
    """Every mention of a program or term, with its sentence in Chinese and English.

    >>> m = mentions_of("four_centres")
    >>> m.select("part", "quote").rows()
    [('part1', '四个中心'), ('part2', '四个中心')]
    """
    from haidian_report.tables import program_mentions, programs, sentences, term_mentions, terms

    mentions = program_mentions().filter(pl.col("program_id") == ident)
    frame = (
        mentions.rename({"program_id": "id"})
        if mentions.height
        else term_mentions().filter(pl.col("term_id") == ident).rename({"term_id": "id"})
    )
    if frame.height == 0:
        progs, trms = programs(), terms()
        names = {
            **_names_zh(progs, "program_id", "name_zh"),
            **_names_zh(trms, "term_id", "term_zh"),
        }
        raise unknown(
            "program or term id",
            ident,
            [*progs["program_id"], *trms["term_id"]],
            aliases=names,
            more="see hr.programs() and hr.terms()",
        )
    text = sentences().select("sentence_id", "text", "text_en")
    return frame.join(text, on="sentence_id", how="left").sort("quote_start")


def _names_zh(frame: pl.DataFrame, id_col: str, name_col: str) -> dict[str, str]:
    """Chinese name (and every Chinese alias) → id, to suggest an id from a Chinese name."""
    names: dict[str, str] = {}
    for row in frame.iter_rows(named=True):
        names.setdefault(row[name_col], row[id_col])
        for alias in (row.get("aliases_zh") or "").split(" | "):
            if alias:
                names.setdefault(alias, row[id_col])
    return names


def facts() -> pl.DataFrame:
    """Indicators and targets in one frame, each with its sentence in Chinese and English.

    ``table`` says which table a row comes from and ``fact_id`` is its id there; columns one
    table lacks are null for the other (``estimated`` for targets, ``firmness`` and
    ``base_indicator_id`` for indicators). ``text``/``text_en`` are the whole sentence.

    >>> f = facts()
    >>> f.filter(pl.col("fact_id") == "gdp.level.2022").select("table", "value_text").row(0)
    ('targets', '超过1万亿元')
    """
    from haidian_report.tables import sentences

    parts = [
        load(name)
        .rename({"indicator_id" if name == "indicators" else "target_id": "fact_id"})
        .with_columns(pl.lit(name).alias("table"))
        for name in FACT_TABLES
    ]
    stacked = pl.concat(parts, how="diagonal")
    text = sentences().select("sentence_id", "text", "text_en")
    first = ["table", "fact_id"]
    last = [c for c in PROVENANCE if c in stacked.columns]
    return (
        stacked.select(*first, pl.exclude(*first, *last), *last)
        .join(text, on="sentence_id", how="left")
        .sort("table", "fact_id")
    )


def facts_of(ident: str) -> pl.DataFrame:
    """Every indicator and target of a metric, or one fact by id, with its sentence (zh + en).

    The counterpart of :func:`mentions_of` for figures: ``ident`` is a ``metric_id`` (all its
    figures) or an ``indicator_id``/``target_id`` (that one).

    >>> facts_of("gdp").filter(pl.col("period") == "2016").select("value_text", "text").row(0)[0]
    '5908亿元'
    """
    frame = facts()
    hits = frame.filter((pl.col("fact_id") == ident) | (pl.col("metric_id") == ident))
    if hits.height == 0:
        from haidian_report.tables import metrics

        names = metrics()
        raise unknown(
            "metric or fact id",
            ident,
            [*names["metric_id"], *frame["fact_id"]],
            aliases=_names_zh(names, "metric_id", "name_zh"),
            more="see hr.metrics() and hr.facts()",
        )
    return hits.sort("table", "period", "fact_id")
