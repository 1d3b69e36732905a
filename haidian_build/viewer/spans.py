"""Nest a sentence's highlighted spans into elements, whatever way they overlap.

HTML elements nest; spans of rows need not. Rows that share a span (three targets on the
same "动态清零") or sit inside one another nest as they are. A span that *crosses* another
(starts inside it and ends after it) cannot, so it is cut where the open span ends: its first
fragment carries the row, the rest are continuations of it. Every row thus has exactly one
element carrying its id, and its fragments together cover exactly its characters.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A row's characters: ``[start, end)`` in source code points; ``rank`` orders ties."""

    start: int
    end: int
    table: str
    row_id: str
    rank: int = 0


@dataclass
class Node:
    """One element: a whole span or a fragment of one, with the elements inside it."""

    span: Span
    start: int
    end: int
    first: bool
    children: list[Node] = field(default_factory=list)

    @property
    def depth(self) -> int:
        """How many highlight levels lie inside (0 for none), to stack underlines."""
        return 1 + max(c.depth for c in self.children) if self.children else 0


def nest(spans: Iterable[Span]) -> list[Node]:
    """Arrange spans as a forest of properly nested nodes (see the module docstring).

    Longer spans open first, ties go by ``rank`` then row id, so the result does not depend
    on the input order.

    >>> roots = nest([Span(0, 4, "t", "b"), Span(0, 4, "t", "a"), Span(2, 3, "t", "c")])
    >>> [(n.span.row_id, n.start, n.end, [c.span.row_id for c in n.children]) for n in roots]
    [('a', 0, 4, ['b'])]
    >>> crossing = nest([Span(0, 5, "t", "x"), Span(3, 8, "t", "y")])
    >>> [(n.span.row_id, n.start, n.end, n.first) for n in crossing]
    [('x', 0, 5, True), ('y', 5, 8, False)]
    >>> [(c.span.row_id, c.start, c.end, c.first) for c in crossing[0].children]
    [('y', 3, 5, True)]
    """
    heap = [(s.start, -s.end, s.rank, s.row_id, s.table, True, i, s) for i, s in enumerate(spans)]
    heapq.heapify(heap)
    roots: list[Node] = []
    stack: list[Node] = []
    while heap:
        start, neg_end, rank, row_id, table, first, i, span = heapq.heappop(heap)
        end = -neg_end
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack and end > stack[-1].end:
            cut = stack[-1].end
            heapq.heappush(heap, (cut, -end, rank, row_id, table, False, i, span))
            end = cut
        node = Node(span, start, end, first)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots
