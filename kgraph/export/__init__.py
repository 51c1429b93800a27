"""Exporters, chosen by name and imported only when used (pyvis loads only for HTML).

>>> sorted(EXPORTERS)[:3]
['csv', 'gexf', 'graphml']
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import Errors, KgraphError

#: name → (module, function, file name); the function is ``write(store, path)``.
EXPORTERS: dict[str, tuple[str, str, str]] = {
    "ttl": ("kgraph.export.rdf", "write_turtle", "graph.ttl"),
    "trig": ("kgraph.export.rdf", "write_trig", "graph.trig"),
    "jsonld": ("kgraph.export.rdf", "write_jsonld", "graph.jsonld"),
    "nt": ("kgraph.export.rdf", "write_ntriples", "graph.nt"),
    "html": ("kgraph.export.html", "write_html", "graph.html"),
    "graphml": ("kgraph.export.tables", "write_graphml", "graph.graphml"),
    "gexf": ("kgraph.export.tables", "write_gexf", "graph.gexf"),
    "csv": ("kgraph.export.tables", "write_csv", "statements.csv"),
}
ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt"}
DEFAULT_FORMATS = ("ttl", "html")


def resolve_format(name: str) -> str:
    """The canonical exporter name for ``name`` (case-insensitive, aliases allowed)."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in EXPORTERS:
        available = ", ".join(sorted([*EXPORTERS, *ALIASES]))
        raise KgraphError(Errors.E030.format(name=name, available=available))
    return key


def export(store: ox.Store, name: str, outdir: Path) -> Path:
    """Write ``store`` in format ``name`` into ``outdir``; return the file's path."""
    module, function, filename = EXPORTERS[resolve_format(name)]
    path = Path(outdir) / filename
    getattr(import_module(module), function)(store, path)
    return path
