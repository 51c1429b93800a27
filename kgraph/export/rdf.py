"""RDF serialisations, written by Oxigraph through a temporary file.

Turtle is written sorted by subject, with ``rdf:type`` first, so the same graph
always gives the same file and a diff between two builds reads well.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kgraph.graph.namespaces import PREFIXES
from kgraph.io import atomic_open

_TYPE = PREFIXES["rdf"] + "type"


def _sort_key(triple: ox.Triple | ox.Quad) -> tuple[str, bool, str, str]:
    predicate = triple.predicate.value
    return (str(triple.subject), predicate != _TYPE, predicate, str(triple.object))


def _default_graph(store: ox.Store) -> list[ox.Triple]:
    """Every triple of the store, whatever its graph, once: the graph as one graph."""
    triples = {quad.triple for quad in store}
    return sorted(triples, key=_sort_key)


def write_turtle(store: ox.Store, path: Path) -> None:
    """The graph (its named graphs merged) as Turtle, sorted, with the kgraph prefixes."""
    with atomic_open(path, "wb") as handle:
        ox.serialize(_default_graph(store), handle, ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_ntriples(store: ox.Store, path: Path) -> None:
    """The graph as N-Triples, sorted (one triple per line: easy to diff and stream)."""
    with atomic_open(path, "wb") as handle:
        ox.serialize(_default_graph(store), handle, ox.RdfFormat.N_TRIPLES)


def write_jsonld(store: ox.Store, path: Path) -> None:
    """The graph as JSON-LD."""
    with atomic_open(path, "wb") as handle:
        ox.serialize(_default_graph(store), handle, ox.RdfFormat.JSON_LD, prefixes=PREFIXES)


def write_trig(store: ox.Store, path: Path) -> None:
    """Every graph of the store as TriG: one named graph per article, facts, entities."""
    with atomic_open(path, "wb") as handle:
        store.dump(handle, ox.RdfFormat.TRIG, prefixes=PREFIXES)
