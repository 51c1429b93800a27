"""SPARQL over a graph file: inline queries, query files and named queries.

Named queries live in ``ontologies/queries/NAME.rq``; the first comment line
says what the query answers (``# arms-transfers: who supplies weapons ...``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import Errors, QueryError
from kgraph.graph.namespaces import PREFIXES
from kgraph.resources import ontology_dir

#: File suffix → RDF format, for loading graphs.
GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    path: Path


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file in ``ontologies/queries`` by name (the file's stem)."""
    folder = folder or ontology_dir() / "queries"
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        description = first.lstrip("#").strip() if first.startswith("#") else ""
        if description.lower().startswith(path.stem.lower() + ":"):
            description = description[len(path.stem) + 1 :].strip()
        queries[path.stem] = NamedQuery(path.stem, description, text, path)
    return queries


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(Errors.E020.format(name=name, available=", ".join(sorted(queries))))
    return queries[name]


def load_graph(path: Path) -> ox.Store:
    """Read an RDF file into an in-memory store (format from the file's suffix)."""
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        detail = f"unknown suffix; use one of {', '.join(GRAPH_FORMATS)}"
        raise QueryError(Errors.E022.format(path=path, detail=detail))
    store = ox.Store()
    try:
        if fmt.supports_datasets:
            store.bulk_load(path=str(path), format=fmt)
        else:
            store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    except (OSError, SyntaxError, ValueError) as exc:
        raise QueryError(Errors.E022.format(path=path, detail=exc)) from None
    return store


def with_prefixes(query: str) -> str:
    """Prepend kgraph's PREFIX declarations that the query uses but does not declare."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in query.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    missing = [
        f"PREFIX {p}: <{iri}>"
        for p, iri in PREFIXES.items()
        if p not in declared and f"{p}:" in query
    ]
    return "\n".join([*missing, query]) if missing else query


def run_query(store: ox.Store, query: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a SPARQL query; syntax errors become :class:`QueryError` with line and column."""
    try:
        return store.query(with_prefixes(query), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(Errors.E021.format(detail=exc)) from None
    except (OSError, ValueError) as exc:
        raise QueryError(Errors.E021.format(detail=exc)) from None


def rows(results: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of plain strings (IRIs and literal values, '' for unbound)."""
    names = [v.value for v in results.variables]
    table = []
    for solution in results:
        table.append([_plain(solution[name]) for name in names])
    return names, table


def _plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    return term.value


def format_results(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> str:
    """Serialise results for ``--format`` csv, tsv or json (table is drawn by the CLI)."""
    if isinstance(results, ox.QueryBoolean):
        return (
            json.dumps({"boolean": bool(results)}) if fmt == "json" else str(bool(results)).lower()
        )
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        return results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    names, table = rows(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(names)
    writer.writerows(table)
    return buffer.getvalue()
