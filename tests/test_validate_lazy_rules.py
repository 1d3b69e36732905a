"""Rules that return queries: what a lazy plan may do that eager steps did not.

A query's optimiser may evaluate a ``when``'s branch on rows its guard leaves out (lifting a
cast out of the guard), so the expressions rules share must not fail there; the engine puts a
rule's query off and runs it with the others (tests/test_validate_parallel.py).
"""

from __future__ import annotations

import polars as pl

from haidian_report.validate.model import ROW
from haidian_report.validate.rules.common import first_year, last_year
from haidian_report.validate.rules.distinct import flagged_once, judged_once


def test_years_of_a_malformed_period_are_null_in_a_lazy_plan() -> None:
    # a derived package's period 2017-20x1 (a typo of 2017-2021): the guard says it is not a
    # period; the years' cast, evaluated by the plan on every row, must not stop the query
    frame = pl.DataFrame({"period": ["2017-20x1", "2017-2021", "20x1", None, "2021"]})
    years = (
        frame.lazy()
        .filter(pl.col("period").is_not_null())
        .select(first_year("period").alias("a"), last_year("period").alias("z"))
        .filter(pl.col("a").is_null() | (pl.col("a") <= pl.col("z")))
        .collect()
    )
    assert years.rows() == [(None, None), (2017, 2021), (None, None), (2021, 2021)]


def test_flagged_once_gives_the_rows_a_filter_gives_at_every_size() -> None:
    small = pl.DataFrame({ROW: [1, 2, 3, 4], "period": ["2021-2017", "2017-2021", "x", None]})
    backwards = pl.col("period").str.contains("-") & (first_year("period") >= last_year("period"))
    for frame in (small, pl.concat([small] * 1000)):  # 4 and 4,000 rows (judged once above 2,000)
        flagged = flagged_once(frame, ["period"], backwards).collect()
        assert flagged.equals(frame.filter(backwards.fill_null(False)))
        assert set(flagged["period"]) == {"2021-2017"}


def test_judged_once_gives_the_messages_row_by_row_judging_gives() -> None:
    frame = pl.DataFrame({ROW: range(1, 4001), "x": ["a", "b", None, "a"] * 1000})
    said = pl.when(pl.col("x") == "a").then(pl.format("an {}", "x"))
    judged = judged_once(frame, ["x"], said).collect().sort(ROW)
    direct = frame.select(ROW, said.alias("message")).filter(pl.col("message").is_not_null())
    assert judged.equals(direct) and judged.height == 2000
