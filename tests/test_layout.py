"""Positions computed in Python for graphs too big for the browser's physics."""

from __future__ import annotations

import math

import numpy as np

from kgraph.export.html import LAYOUT_THRESHOLD
from kgraph.export.layout import _repulsion_exact, _repulsion_grid, spring_layout


def _cliques(count: int) -> tuple[list[dict], list[dict]]:
    """``count`` nodes in 10-node cliques, as page nodes and edges."""
    nodes = [{"id": str(i)} for i in range(count)]
    edges = [
        {"from": str(i), "to": str(j)}
        for i in range(count)
        for j in range(i + 1, (i // 10 + 1) * 10)
    ]
    return nodes, edges


def _neighbours_nearer_than_strangers(positions: dict, edges: list[dict], count: int) -> bool:
    def gap(a: str, b: str) -> float:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        return math.hypot(xa - xb, ya - yb)

    near = sum(gap(e["from"], e["to"]) for e in edges) / len(edges)
    far = sum(gap(str(i), str((i + count // 2) % count)) for i in range(count)) / count
    return near < far / 3


def test_layout_of_a_big_graph_keeps_neighbours_close():
    count = LAYOUT_THRESHOLD
    nodes, edges = _cliques(count)
    positions = spring_layout(nodes, edges)
    assert set(positions) == {n["id"] for n in nodes}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())
    assert _neighbours_nearer_than_strangers(positions, edges, count)


def test_layout_of_a_graph_past_the_exact_limit_keeps_neighbours_close():
    # 5,000 nodes: the finest levels use the grid repulsion, not the all-pairs sum.
    count = 5000
    nodes, edges = _cliques(count)
    positions = spring_layout(nodes, edges)
    assert positions == spring_layout(nodes, edges)  # seeded: the same page each time
    assert len(set(positions.values())) == count  # no two nodes on the same spot
    assert _neighbours_nearer_than_strangers(positions, edges, count)


def test_grid_repulsion_matches_the_exact_sum():
    rng = np.random.default_rng(1)
    count = 3000
    pos = (rng.random(count) + 1j * rng.random(count)) * math.sqrt(count)
    mass = rng.integers(1, 4, size=count).astype(float)
    exact = _repulsion_exact(pos, mass)
    grid = _repulsion_grid(pos, mass)
    error = np.abs(grid - exact) / np.abs(exact)
    # Softened only between close nodes, so a few per cent on a typical node.
    assert np.median(error) < 0.05
