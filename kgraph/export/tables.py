"""Exports for network tools: GraphML and GEXF (Gephi) through networkx, and a CSV of statements."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kgraph.io import atomic_open

_STATEMENTS = """
PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?statement ?s ?sLabel ?sType ?sCountry ?p ?o ?oLabel ?oType ?oCountry
       ?polarity ?modality ?confidence
       (GROUP_CONCAT(DISTINCT ?claimant; separator="; ") AS ?claimedBy)
       (GROUP_CONCAT(DISTINCT ?disputant; separator="; ") AS ?disputedBy)
       (COUNT(DISTINCT ?evidence) AS ?evidences)
       (SAMPLE(?sentence) AS ?example)
WHERE {
  ?statement a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             kg:polarity ?polarity ; kg:modality ?modality ; kg:confidence ?confidence ;
             kg:evidence ?evidence .
  ?evidence kg:sentence ?sentence .
  OPTIONAL { ?s rdfs:label ?sLabel } OPTIONAL { ?o rdfs:label ?oLabel }
  OPTIONAL { ?s a ?sType } OPTIONAL { ?o a ?oType }
  OPTIONAL { ?s kg:country ?sCountry } OPTIONAL { ?o kg:country ?oCountry }
  OPTIONAL { ?statement kg:claimedBy/rdfs:label ?claimant }
  OPTIONAL { ?statement kg:disputedBy/rdfs:label ?disputant }
}
GROUP BY ?statement ?s ?sLabel ?sType ?sCountry ?p ?o ?oLabel ?oType ?oCountry
         ?polarity ?modality ?confidence
ORDER BY ?statement
"""
COLUMNS = [
    "statement",
    "subject",
    "subject_label",
    "relation",
    "object",
    "object_label",
    "polarity",
    "modality",
    "confidence",
    "claimed_by",
    "disputed_by",
    "evidences",
    "example_sentence",
]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def statement_rows(store: ox.Store) -> list[dict[str, str]]:
    """One row per ``kg:Statement`` with labels, claims and the number of evidences."""
    rows: dict[str, dict[str, str]] = {}
    results = store.query(_STATEMENTS, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    for solution in results:
        value = {n: (solution[n].value if solution[n] is not None else "") for n in names}
        # an entity with several types gives several rows: keep the first
        rows.setdefault(value["statement"], value)
    return list(rows.values())


def to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, country), statements as edges (relation, polarity, ...)."""
    graph = nx.MultiDiGraph()
    for row in statement_rows(store):
        for side in ("s", "o"):
            graph.add_node(
                row[side],
                label=row[f"{side}Label"] or row[side],
                type=_local(row[f"{side}Type"]) if row[f"{side}Type"] else "",
                country=row[f"{side}Country"],
            )
        graph.add_edge(
            row["s"],
            row["o"],
            key=row["statement"],
            relation=_local(row["p"]),
            polarity=row["polarity"],
            modality=row["modality"],
            confidence=float(row["confidence"] or 0),
            claimed_by=row["claimedBy"],
            disputed_by=row["disputedBy"],
            evidences=int(row["evidences"] or 0),
        )
    return graph


# What XML 1.0 cannot hold, not even escaped: most C0 controls, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: object) -> object:
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _for_xml(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with each character XML cannot hold replaced by U+FFFD.

    A name or phrase from an article may hold a control character ("deal\\x01");
    lxml refuses to write it and networkx's GEXF writer would write a file no XML
    parser reads.
    """
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        clean.add_node(_xml_text(node), **{k: _xml_text(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        attributes = {k: _xml_text(v) for k, v in data.items()}
        clean.add_edge(_xml_text(source), _xml_text(target), key=_xml_text(key), **attributes)
    return clean


def write_graphml(store: ox.Store, path: Path) -> None:
    """The graph of `to_networkx` as GraphML (characters XML cannot hold become U+FFFD)."""
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(_for_xml(to_networkx(store)), handle)


def write_gexf(store: ox.Store, path: Path) -> None:
    """The graph of `to_networkx` as GEXF, for Gephi (characters XML cannot hold become U+FFFD)."""
    with atomic_open(path, "wb") as handle:
        nx.write_gexf(_for_xml(to_networkx(store)), handle)


#: What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """``value``, with a ``'`` in front when a spreadsheet would run it as a formula.

    >>> print(spreadsheet_cell("=1+2"), spreadsheet_cell("-5"), spreadsheet_cell("Korea Utara"))
    '=1+2 '-5 Korea Utara
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(store: ox.Store, path: Path) -> None:
    """One line per statement; spreadsheet programs open it directly (UTF-8 with BOM).

    Names and sentences come from articles, so a cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a ``'`` in front (see
    `spreadsheet_cell`): a spreadsheet then shows the text instead of running it as a
    formula. Other cells are exactly the graph's values; quotes, commas and line
    breaks are quoted the csv module's way.
    """
    with atomic_open(path, "w") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in statement_rows(store):
            cells = [
                row["statement"],
                row["s"],
                row["sLabel"],
                _local(row["p"]),
                row["o"],
                row["oLabel"],
                row["polarity"],
                row["modality"],
                row["confidence"],
                row["claimedBy"],
                row["disputedBy"],
                row["evidences"],
                row["example"],
            ]
            writer.writerow([spreadsheet_cell(cell) for cell in cells])
