"""Node positions computed in Python, for graphs too big for the browser's physics.

A multilevel Fruchterman-Reingold layout in numpy (the scheme of Walshaw's and
Hu's multilevel force-directed layouts): the graph is condensed level by level
(each node of a level is a hub and the neighbours it took in), the smallest level
is laid out from random positions, and each finer level starts from its parent's
positions and needs only a few rounds. Repulsion is exact up to
``EXACT_REPULSION_LIMIT`` nodes and computed on a grid above that (a particle-mesh
sum through FFTs), so a round costs about O(n + G^2 log G) instead of O(n^2).
"""

from __future__ import annotations

import math

import numpy as np

#: Pull to the centre: keeps disconnected components near the main one.
GRAVITY = 2.0
#: Up to this many nodes in a level, repulsion is summed over all pairs.
EXACT_REPULSION_LIMIT = 2000
#: Grid cells per side for the mesh repulsion, at most: 512 keeps a cell near half
#: the ideal edge length at 20,000 nodes, and a round near 30 ms on one core.
MAX_GRID = 512
GRID_PER_NODE = 3.0
#: Condensing stops at this many nodes (the smallest level gets many cheap rounds).
COARSEST = 60


def spring_layout(
    nodes: list[dict], edges: list[dict], *, iterations: int = 30, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Pixel positions from a multilevel spring layout, for graphs too big for physics.

    ``iterations`` is the number of rounds on each level finer than the smallest
    (which gets four times as many); the output is the same for the same input and
    ``seed``. At 20,000 nodes and 30,000 edges this takes about 2 s, where the
    single-level version it replaces (all pairs, every round) took 29 s.

    Examples
    --------
    >>> nodes = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    >>> edges = [{"from": "a", "to": "b"}, {"from": "b", "to": "c"}]
    >>> positions = spring_layout(nodes, edges)
    >>> sorted(positions), len(positions["a"])
    (['a', 'b', 'c'], 2)
    """
    count = len(nodes)
    if count == 0:
        return {}
    index = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[e["from"]], index[e["to"]]) for e in edges], dtype=np.int64)
    source, target, weight = _simple_edges(pairs.reshape(-1, 2), count)
    rng = np.random.default_rng(seed)

    # Condense: levels[0] is the graph itself; each level maps its nodes to the next one's.
    levels = [(count, source, target, weight, np.ones(count))]
    parents: list[np.ndarray] = []
    while levels[-1][0] > COARSEST:
        size, src, dst, wgt, mass = levels[-1]
        parent, coarse_size = _condense(size, src, dst)
        # Stop when little is left to merge (e.g. many small components), or when a hub
        # of hubs would swallow nearly everything and leave nothing to lay out.
        if coarse_size > 0.9 * size or coarse_size < COARSEST / 4:
            break
        coarse_src, coarse_dst, coarse_wgt = _simple_edges(
            np.stack([parent[src], parent[dst]], axis=1), coarse_size, wgt
        )
        coarse_mass = np.bincount(parent, weights=mass, minlength=coarse_size)
        parents.append(parent)
        levels.append((coarse_size, coarse_src, coarse_dst, coarse_wgt, coarse_mass))

    # Units: the ideal edge length is 1, so a level of total mass M spans about sqrt(M).
    size, src, dst, wgt, mass = levels[-1]
    spread = math.sqrt(count)
    pos = (rng.random(size) - 0.5 + 1j * (rng.random(size) - 0.5)) * spread
    first_rounds = 4 * iterations if size <= 4 * COARSEST else 2 * iterations
    pos = _refine(pos, mass, src, dst, wgt, rounds=first_rounds, temperature=spread / 10)
    for level, parent in zip(reversed(levels[:-1]), reversed(parents), strict=True):
        size, src, dst, wgt, mass = level
        # Children start around their parent, a fraction of an edge apart.
        jitter = rng.random(size) * 2 * math.pi
        pos = pos[parent] + 0.5 * np.exp(1j * jitter) * rng.random(size)
        pos = _refine(pos, mass, src, dst, wgt, rounds=iterations, temperature=spread / 30)

    pos -= pos.mean()
    pos /= max(float(np.abs(pos).max()), 1e-9)
    scale = 40 * math.sqrt(count)  # pixels: room for every node at vis' default zoom
    return {
        node["id"]: (float(z.real) * scale, float(z.imag) * scale)
        for node, z in zip(nodes, pos, strict=True)
    }


def _simple_edges(
    pairs: np.ndarray, count: int, weight: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source, target and weight of each undirected edge once: no loops, parallels summed."""
    if weight is None:
        weight = np.ones(len(pairs))
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    keep = low != high
    keys, inverse = np.unique(low[keep] * count + high[keep], return_inverse=True)
    summed = np.bincount(inverse, weights=weight[keep], minlength=len(keys))
    return keys // count, keys % count, summed


def _condense(count: int, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, int]:
    """Each node's group at the next level, and the number of groups.

    Nodes are taken by falling degree; a node not yet in a group starts one and takes
    in its neighbours that are not in one either. Hubs thus swallow their leaves in
    one step, which pairwise matching (the usual choice) would do one leaf a level.
    """
    ends = np.concatenate([source, target])
    others = np.concatenate([target, source])
    order = np.argsort(ends, kind="stable")
    starts = np.searchsorted(ends[order], np.arange(count + 1))
    neighbours = others[order].tolist()
    bounds = starts.tolist()
    degree = np.diff(starts)
    group = [-1] * count
    groups = 0
    for node in np.argsort(-degree, kind="stable").tolist():
        if group[node] >= 0:
            continue
        group[node] = groups
        for other in neighbours[bounds[node] : bounds[node + 1]]:
            if group[other] < 0:
                group[other] = groups
        groups += 1
    return np.array(group, dtype=np.int64), groups


def _refine(
    pos: np.ndarray,
    mass: np.ndarray,
    source: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray,
    *,
    rounds: int,
    temperature: float,
) -> np.ndarray:
    """Fruchterman-Reingold rounds with masses (a group repels like all its members).

    Forces: repulsion m_i m_j / (z_i - z_j)^* (conjugate: complex positions),
    attraction w d |d| along each edge, gravity toward the centre. A node moves by
    its force over its mass, at most ``temperature``, which cools to zero.
    """
    pos = pos.copy()
    count = len(pos)
    cooling = temperature / (rounds + 1)
    for _ in range(rounds):
        if count <= EXACT_REPULSION_LIMIT:
            force = mass * _repulsion_exact(pos, mass)
        else:
            force = mass * _repulsion_grid(pos, mass)
        delta = pos[source] - pos[target]
        pull = weight * delta * np.abs(delta)
        force -= np.bincount(source, weights=pull.real, minlength=count) + 1j * np.bincount(
            source, weights=pull.imag, minlength=count
        )
        force += np.bincount(target, weights=pull.real, minlength=count) + 1j * np.bincount(
            target, weights=pull.imag, minlength=count
        )
        # The pull to the centre (not in networkx's version) keeps small components
        # from drifting far out, where they would shrink the main one to a dot.
        force -= GRAVITY * mass * (pos - np.average(pos, weights=mass))
        shift = force / mass
        length = np.maximum(np.abs(shift), 1e-9)
        pos += shift * (np.minimum(length, temperature) / length)
        temperature -= cooling
    return pos


def _repulsion_exact(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Sum over j of m_j / (z_i - z_j)^*, over all pairs, in blocks of rows."""
    count = len(pos)
    field = np.empty(count, dtype=np.complex128)
    columns = pos.astype(np.complex64)[None, :]
    weights = mass.astype(np.float32)
    block = max(1, 4_000_000 // count)  # rows per block: about 32 MB of complex64
    diagonal = np.arange(count)
    for start in range(0, count, block):
        delta = pos[start : start + block].astype(np.complex64)[:, None] - columns
        own = diagonal[start : start + block]
        delta[own - start, own] = np.inf  # a node does not repel itself: 1/inf = 0
        np.reciprocal(delta, out=delta)
        field[start : start + block] = np.conj(delta @ weights)
    return field


def _repulsion_grid(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """The same sum as ``_repulsion_exact``, by a particle-mesh approximation.

    Masses are spread on a G x G grid (cloud in cell: each node over the 4 corners
    of its cell), the grid is convolved with the kernel 1 / d^* by FFT (zero-padded
    to 2G, so the sum is not periodic), and the field is read back at each node
    with the same weights. Forces between nodes further apart than a cell are
    nearly exact; closer ones are softened, which only matters below half an edge.
    The kernel is odd, so a node's own mass exerts no force on it.
    """
    x, y = pos.real, pos.imag
    low_x, low_y = x.min(), y.min()
    span = max(x.max() - low_x, y.max() - low_y, 1e-9)
    # About two cells per node spacing (the layout is near uniform), up to MAX_GRID;
    # a power of two: fast FFTs, and few kernels to keep.
    size = min(MAX_GRID, 1 << max(5, round(math.log2(GRID_PER_NODE * math.sqrt(len(pos))))))
    cell = span / (size - 1.001)
    u, v = (x - low_x) / cell, (y - low_y) / cell
    iu, iv = np.floor(u).astype(np.int64), np.floor(v).astype(np.int64)
    fu, fv = u - iu, v - iv
    corners = [
        (0, 0, (1 - fu) * (1 - fv)),
        (1, 0, fu * (1 - fv)),
        (0, 1, (1 - fu) * fv),
        (1, 1, fu * fv),
    ]
    padded = 2 * size
    density = np.zeros(padded * padded)
    for du, dv, share in corners:
        density += np.bincount(
            (iu + du) * padded + (iv + dv), weights=mass * share, minlength=padded * padded
        )
    spectrum = np.fft.rfft2(density.reshape(padded, padded))
    kernel_x, kernel_y = _kernel_spectra(size)
    field_x = np.fft.irfft2(spectrum * kernel_x, s=(padded, padded)).ravel()
    field_y = np.fft.irfft2(spectrum * kernel_y, s=(padded, padded)).ravel()
    field = np.zeros(len(pos), dtype=np.complex128)
    for du, dv, share in corners:
        flat = (iu + du) * padded + (iv + dv)
        field += share * (field_x[flat] + 1j * field_y[flat])
    return field / cell


_KERNELS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _kernel_spectra(size: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the real and imaginary parts of 1 / d^* = d / |d|^2 on a 2G grid, d in cells."""
    if size not in _KERNELS:
        padded = 2 * size
        offsets = np.fft.fftfreq(padded, 1 / padded)  # 0, 1, ..., G-1, -G, ..., -1
        du, dv = np.meshgrid(offsets, offsets, indexing="ij")
        square = du * du + dv * dv
        square[0, 0] = 1.0  # d = 0: the numerators are 0 there, so no self-force
        _KERNELS[size] = (np.fft.rfft2(du / square), np.fft.rfft2(dv / square))
    return _KERNELS[size]
