"""Positions computed in Python for graphs too big for the browser's physics."""

from __future__ import annotations

import math

from kgraph.export.html import LAYOUT_THRESHOLD
from kgraph.export.layout import spring_layout


def test_layout_of_a_big_graph_keeps_neighbours_close():
    count = LAYOUT_THRESHOLD
    nodes = [{"id": str(i)} for i in range(count)]
    # A ring of 10-node cliques: neighbours should end up nearer than strangers.
    edges = [
        {"from": str(i), "to": str(j)}
        for i in range(count)
        for j in range(i + 1, (i // 10 + 1) * 10)
    ]
    positions = spring_layout(nodes, edges)
    assert set(positions) == {n["id"] for n in nodes}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())

    def gap(a: str, b: str) -> float:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        return math.hypot(xa - xb, ya - yb)

    near = sum(gap(e["from"], e["to"]) for e in edges) / len(edges)
    far = sum(gap(str(i), str((i + count // 2) % count)) for i in range(count)) / count
    assert near < far / 3
