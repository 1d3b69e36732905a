"""Judge each distinct combination of a rule's inputs once, then join back to the rows.

A rule whose message is a function of a few columns of a row (a quote, its sentence, a scope)
can judge each distinct combination of them once: copies of a fact (a derived or scaled
package repeats rows under new ids) and facts printed in one sentence share theirs, and the
regular expressions that decide are then run once per combination, not once per row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import polars as pl

from haidian_report.validate.model import ROW

V = TypeVar("V")

#: Rows above which :func:`judged_once` and :func:`flagged_once` judge each distinct value
#: once (below, the distinct values and the join back cost more than judging every row).
JUDGED_ONCE_ABOVE = 2000


def exact_key(*parts: pl.Expr) -> pl.Expr:
    """One text that two rows share exactly when every one of ``parts`` (texts) is equal:
    each part is written as its length, a colon and itself, a null one as ``-``, so the
    parts cannot run into each other (a separator or a null marker inside a cell does not
    make two rows one). Keys so written can be joined with no separator and stay exact.

    >>> pair = exact_key(pl.col("a"), pl.col("b"))
    >>> frame = pl.DataFrame({"a": ["x y", "x", "∅", None], "b": ["z", "y z", None, "∅"]})
    >>> frame.select(pair).to_series().to_list()  # joined with a space, two pairs were one
    ['3:x y1:z', '1:x3:y z', '1:∅-', '-1:∅']
    """
    return pl.concat_str(
        pl.when(part.is_null())
        .then(pl.lit("-"))
        .otherwise(pl.format("{}:{}", part.str.len_chars(), part))
        for part in parts
    )


def judged_once(
    frame: pl.DataFrame,
    columns: list[str],
    message: pl.Expr,
    field: pl.Expr | None = None,
    derived: dict[str, pl.Expr] | None = None,
) -> pl.LazyFrame:
    """(ROW, message) of the rows of ``frame`` whose ``message`` (an expression of
    ``columns`` alone, null where the row is right) is not null: what
    ``frame.select(ROW, message).filter(message is not null)`` gives, computed once per
    distinct value of ``columns`` (with ``field``, an expression of them too, when given),
    or row by row in a small frame. ``derived`` names expressions of ``columns`` that
    ``message`` and ``field`` may read as columns (each computed once, not once per place
    that reads it). A query, for the rule engine to run with the other rules' in one
    ``collect_all``.

    >>> frame = pl.DataFrame({ROW: [1, 2, 3], "x": ["a", "b", "a"]})
    >>> said = pl.when(pl.col("x") == "a").then(pl.lit("an a"))
    >>> judged_once(frame, ["x"], said).sort(ROW).collect().rows()
    [(1, 'an a'), (3, 'an a')]
    >>> big = pl.concat([frame.with_columns(pl.col(ROW) + 3 * i) for i in range(1000)])
    >>> judged_once(big, ["x"], said).sort(ROW).collect().equals(
    ...     big.select(ROW, said.alias("message")).filter(pl.col("message").is_not_null())
    ... )
    True
    """
    said = [message.alias("message"), *([] if field is None else [field.alias("field")])]
    if frame.height <= JUDGED_ONCE_ABOVE:  # the distinct values and the join back cost more
        small = frame.lazy().with_columns(**derived) if derived else frame.lazy()
        return small.select(ROW, *said).filter(pl.col("message").is_not_null())
    distinct = frame.lazy().select(columns).unique()
    if derived:
        distinct = distinct.with_columns(**derived)
    judged = distinct.with_columns(
        message.alias("__message"), *([] if field is None else [field.alias("__field")])
    ).filter(pl.col("__message").is_not_null())
    rows = frame.lazy().select(ROW, *columns)
    return rows.join(judged, on=columns, how="inner", nulls_equal=True).select(
        ROW,
        pl.col("__message").alias("message"),
        *([] if field is None else [pl.col("__field").alias("field")]),
    )


def flagged_once(frame: pl.DataFrame, columns: list[str], condition: pl.Expr) -> pl.LazyFrame:
    """The rows of ``frame`` where ``condition``, an expression of ``columns`` alone, is true:
    ``frame.filter(condition)``, as a query for the rule engine to run with the other rules'.
    A large frame judges each distinct value of ``columns`` once, for a few short columns
    (periods) whose distinct values cost less to find than the condition; a small one is
    filtered as it is (the distinct values and the join back would cost more). A condition
    must not fail outside a guard of its own (a lazy plan may evaluate a ``when``'s branch
    on every row): :func:`~haidian_report.validate.rules.common.first_year` casts leniently.

    >>> frame = pl.DataFrame({ROW: [1, 2, 3], "x": ["a", None, "a"]})
    >>> flagged_once(frame, ["x"], pl.col("x") == "a").collect().rows()
    [(1, 'a'), (3, 'a')]
    >>> big = pl.concat([frame] * 1000)
    >>> flagged_once(big, ["x"], pl.col("x") == "a").collect().equals(
    ...     big.filter(pl.col("x") == "a")
    ... )
    True
    """
    if frame.height <= JUDGED_ONCE_ABOVE:
        return frame.lazy().filter(condition)
    judged = frame.lazy().select(columns).unique().filter(condition)
    return frame.lazy().join(
        judged, on=columns, how="semi", nulls_equal=True, maintain_order="left"
    )


def rows_judged(
    frame: pl.DataFrame, columns: list[str], verdicts: Mapping[tuple[Any, ...], V]
) -> Iterator[tuple[int, tuple[Any, ...], V]]:
    """(row, key, verdict) of every row of ``frame``, in row order, whose ``columns`` form a
    key of ``verdicts``: a verdict reached once per distinct key (a rule's Python judgement of a
    text), handed back to each row that holds that key.

    >>> frame = pl.DataFrame({ROW: [3, 1, 2], "text": ["a", "b", "a"]})
    >>> list(rows_judged(frame, ["text"], {("a",): "bad a"}))
    [(2, ('a',), 'bad a'), (3, ('a',), 'bad a')]
    """
    if not verdicts:
        return
    for row, *key in frame.select(ROW, *columns).sort(ROW).iter_rows():
        verdict = verdicts.get(tuple(key))
        if verdict is not None:
            yield row, tuple(key), verdict
