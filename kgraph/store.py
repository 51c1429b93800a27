"""kgraph's store folder, and opening a graph for reading from a file or a store.

A store folder holds an Oxigraph database in ``oxigraph/`` with one named graph per
article (named by the article's IRI), the merged statements in ``FACTS_GRAPH``, their
entities in ``ENTITIES_GRAPH``, and the ontology and gazetteer in graphs of their own;
beside it, what :mod:`kgraph.incremental` needs to rebuild only what changed. rdflib
users can read the database through oxrdflib, or read ``graph.ttl``/``graph.trig``.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import Errors, QueryError
from kgraph.graph.rdf import (
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    GAZETTEER_GRAPH,
    ONTOLOGY_GRAPH,
)

__all__ = [
    "ENTITIES_GRAPH",
    "FACTS_GRAPH",
    "GAZETTEER_GRAPH",
    "ONTOLOGY_GRAPH",
    "REFERENCE_GRAPHS",
    "data_quads",
    "export_copy",
    "is_store",
    "open_source",
    "open_store",
    "staged_store",
]

DATABASE = "oxigraph"
#: Where a build writes (a copy of the database) until it has finished, and where the
#: database it replaces waits during the swap.
STAGING = DATABASE + ".next"
RETIRED = DATABASE + ".old"
#: Graphs that describe the vocabulary and the known actors, not what articles said.
REFERENCE_GRAPHS = frozenset({ONTOLOGY_GRAPH, GAZETTEER_GRAPH})


def is_store(path: Path) -> bool:
    """Whether ``path`` is a kgraph store folder."""
    return (Path(path) / DATABASE).is_dir()


def open_store(folder: Path) -> ox.Store:
    """The store in ``folder`` for reading and writing, created if it does not exist."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(folder / DATABASE))


@contextmanager
def staged_store(folder: Path, *, empty: bool = False) -> Iterator[ox.Store]:
    """A copy of the database in ``folder`` to write to, which replaces it only on success.

    The copy is a RocksDB checkpoint (hard links, so it costs little whatever the size);
    ``empty`` starts from nothing instead. If the block raises (an error, Ctrl-C, or
    SIGTERM turned into an exception by the CLI) or the process is killed, the database
    stays as it was: the copy is dropped now, or by `recover_store` next time.
    """
    folder = Path(folder)
    recover_store(folder)
    database, staging = folder / DATABASE, folder / STAGING
    folder.mkdir(parents=True, exist_ok=True)
    if database.is_dir() and not empty:
        ox.Store(str(database)).backup(str(staging))
    store = ox.Store(str(staging))
    try:
        yield store
        store.flush()
    except BaseException:
        del store
        _drop(staging)
        raise
    del store
    gc.collect()  # RocksDB closes when its last reference goes; rename only after that
    if database.is_dir():
        database.rename(folder / RETIRED)
    staging.rename(database)
    _drop(folder / RETIRED)


def recover_store(folder: Path) -> None:
    """Undo what an interrupted build left: its copy, or a swap cut between its renames."""
    folder = Path(folder)
    database, retired = folder / DATABASE, folder / RETIRED
    if not database.exists() and retired.is_dir():
        retired.rename(database)
    _drop(folder / STAGING)
    _drop(retired)


def _drop(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def open_source(path: Path) -> ox.Store:
    """A graph to query: a graph file read into memory, or a store folder opened read-only.

    A read-only store can be opened while a build writes to it; it sees the data as it
    was when opened. Query it with ``use_default_graph_as_union=True`` to see all graphs.
    """
    from kgraph.query import load_graph

    path = Path(path)
    if path.is_dir():
        if not is_store(path):
            detail = f"a folder, but not a kgraph store (no {DATABASE}/ in it)"
            raise QueryError(Errors.E022.format(path=path, detail=detail))
        try:
            return ox.Store.read_only(str(path / DATABASE))
        except OSError as exc:
            raise QueryError(Errors.E022.format(path=path, detail=exc)) from None
    return load_graph(path)


def data_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The quads of what articles said: every graph but the ontology's and the gazetteer's."""
    for quad in store:
        if quad.graph_name not in REFERENCE_GRAPHS:
            yield quad


def export_copy(store: ox.Store) -> ox.Store:
    """An in-memory copy of the store's data graphs, for the exporters."""
    copy = ox.Store()
    copy.bulk_extend(data_quads(store))
    return copy
