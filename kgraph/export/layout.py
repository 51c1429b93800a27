"""Node positions computed in Python, for graphs too big for the browser's physics."""

from __future__ import annotations

import math

#: Pull to the centre: a component settles about 1/sqrt(GRAVITY) out.
GRAVITY = 2.0


def spring_layout(
    nodes: list[dict], edges: list[dict], *, iterations: int = 50, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Pixel positions from a Fruchterman-Reingold spring layout, for graphs too big for physics.

    The algorithm of networkx's ``spring_layout``, in numpy: networkx needs scipy
    from 500 nodes on, and took 15 s for 3,000 nodes on this project's machines.
    Positions are complex numbers, so the repulsion ``k^2 (zi - zj) / |zi - zj|^2``
    summed over j is ``k^2 conj(sum 1 / (zi - zj))``: three passes over a block of
    rows. Big graphs get fewer rounds, so the cost stays near 5 s at 10,000 nodes.
    A weak gravity keeps disconnected components near the main one.
    """
    import numpy as np

    count = len(nodes)
    if count == 0:
        return {}
    index = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[e["from"]], index[e["to"]]) for e in edges], dtype=np.int64)
    source, target = pairs.reshape(-1, 2).T
    rng = np.random.default_rng(seed)
    pos = rng.random(count) + 1j * rng.random(count)
    k = 1 / math.sqrt(count)  # the ideal distance between nodes in the unit square
    rounds = max(10, min(iterations, int(iterations * (3000 / count) ** 2)))
    temperature = 0.1
    cooling = temperature / (rounds + 1)
    block = max(1, 4_000_000 // count)  # rows per block: about 32 MB of complex64
    diagonal = np.arange(count)
    for _ in range(rounds):
        shift = np.empty(count, dtype=np.complex128)
        columns = pos.astype(np.complex64)[None, :]
        for start in range(0, count, block):
            rows = pos[start : start + block].astype(np.complex64)
            delta = rows[:, None] - columns
            own = diagonal[start : start + block]
            delta[own - start, own] = np.inf  # a node does not repel itself: 1/inf = 0
            np.reciprocal(delta, out=delta)
            shift[start : start + block] = np.conj(delta.sum(axis=1, dtype=np.complex128))
        shift *= k * k
        # Attraction along each edge: |d|^2 / k along the unit vector, i.e. d |d| / k.
        delta = pos[source] - pos[target]
        pull = delta * np.abs(delta) / k
        np.add.at(shift, source, -pull)
        np.add.at(shift, target, pull)
        # A weak pull to the centre (not in networkx's version) keeps small components
        # from drifting far out, where they would shrink the main one to a dot.
        shift -= GRAVITY * (pos - pos.mean())
        length = np.maximum(np.abs(shift), 1e-9)
        pos += shift * (np.minimum(length, temperature) / length)
        temperature -= cooling
    pos -= pos.mean()
    pos /= max(float(np.abs(pos).max()), 1e-9)
    scale = 40 * math.sqrt(count)  # pixels: room for every node at vis' default zoom
    return {
        node["id"]: (float(z.real) * scale, float(z.imag) * scale)
        for node, z in zip(nodes, pos, strict=True)
    }
