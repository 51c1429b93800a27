"""An interactive, self-contained HTML view of a graph (vis-network through pyvis).

The page embeds vis-network's script and style, so it opens from disk with no
network access. Every ``kg:Statement`` is one edge, whatever its polarity or
modality; the edge's look tells them apart (red for negative, dashed for
reported, alleged, intended and hypothetical).
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import pyoxigraph
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from kgraph.export.layout import spring_layout
from kgraph.io import atomic_write

KG = "https://w3id.org/kgraph/ontology#"

PREFIXES = """\
PREFIX kg:   <https://w3id.org/kgraph/ontology#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
"""

#: Colour of each legend group, in legend order.
GROUP_COLORS = {
    "Country": "#1f77b4",
    "Organization": "#2ca02c",
    "Person": "#ff7f0e",
    "Group": "#9467bd",
    "Location": "#8c564b",
    "Thing": "#7f7f7f",
}
#: Legend group of each entity type; a node with several types takes the first listed here.
TYPE_GROUPS = {
    "Person": "Person",
    "Country": "Country",
    "IntergovernmentalOrganization": "Organization",
    "ArmedGroup": "Organization",
    "Organization": "Organization",
    "Group": "Group",
    "Location": "Location",
    "Thing": "Thing",
}
#: Used when the store does not say whether a relation is symmetric.
SYMMETRIC_RELATIONS = frozenset(
    {
        "meetsWith",
        "agreesWith",
        "cooperatesWith",
        "cooperatesMilitarilyWith",
        "fightsWith",
        "alliedWith",
    }
)
#: Modalities drawn with a dashed line: not a fact stated by the article itself.
DASHED_MODALITIES = frozenset({"reported", "alleged", "intended", "hypothetical"})
NEGATIVE_COLOR = "#d62728"
EDGE_COLOR = "#848484"
MAX_EVIDENCE_SENTENCES = 3
#: From this many nodes on, the browser's physics is off and Python lays the graph out.
LAYOUT_THRESHOLD = 1000

_TEMPLATES = Path(__file__).resolve().parent / "templates"

_STATEMENTS = (
    PREFIXES
    + """
SELECT ?stmt ?s ?p ?o ?polarity ?modality WHERE {
  ?stmt a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?stmt kg:polarity ?polarity }
  OPTIONAL { ?stmt kg:modality ?modality }
}"""
)
_CLAIMANTS = (
    PREFIXES
    + """
SELECT ?stmt ?role ?who WHERE {
  ?stmt a kg:Statement .
  VALUES ?role { kg:claimedBy kg:disputedBy }
  ?stmt ?role ?who .
}"""
)
_EVIDENCE = (
    PREFIXES
    + """
SELECT ?stmt ?ev ?sentence ?confidence WHERE {
  ?stmt a kg:Statement ; kg:evidence ?ev .
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev kg:confidence ?confidence }
}"""
)
_SYMMETRIC = (
    PREFIXES
    + """
SELECT ?rel ?symmetric WHERE {
  { ?rel kg:symmetric ?symmetric }
  UNION
  { ?rel a owl:SymmetricProperty BIND(true AS ?symmetric) }
}"""
)
_TYPES = (
    PREFIXES
    + """
SELECT ?e ?type WHERE {
  ?stmt a kg:Statement .
  { ?stmt rdf:subject ?e } UNION { ?stmt rdf:object ?e } UNION { ?stmt kg:claimedBy ?e }
  UNION { ?stmt kg:disputedBy ?e }
  ?e a ?type .
}"""
)
_LABELS = (
    PREFIXES
    + """
SELECT ?e ?prop ?label WHERE {
  ?stmt a kg:Statement .
  { ?stmt rdf:subject ?e } UNION { ?stmt rdf:object ?e } UNION { ?stmt kg:claimedBy ?e }
  UNION { ?stmt kg:disputedBy ?e }
  VALUES ?prop { rdfs:label skos:prefLabel }
  ?e ?prop ?label .
}"""
)
_COUNTRIES = (
    PREFIXES
    + """
SELECT ?e ?country WHERE {
  ?stmt a kg:Statement .
  { ?stmt rdf:subject ?e } UNION { ?stmt rdf:object ?e }
  ?e kg:country ?country .
}"""
)


def _key(term: object) -> str | None:
    """The node id of an RDF term: an IRI, or ``_:id`` for a blank node; None for anything else."""
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    return None


def _local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def _value(term: object) -> str | None:
    return None if term is None else term.value


def _labels(store: pyoxigraph.Store) -> dict[str, str]:
    """The best label of each entity in a statement: English first, rdfs:label before prefLabel."""
    ranked: dict[str, tuple[tuple[int, int, str], str]] = {}
    for row in store.query(_LABELS):
        key = _key(row["e"])
        label = row["label"]
        if key is None or not isinstance(label, pyoxigraph.Literal):
            continue
        language = (label.language or "").lower()
        rank = (
            0 if language == "en" or language.startswith("en-") else 1,
            0 if row["prop"].value.endswith("#label") else 1,
            label.value,  # ties broken by the text itself, so the choice is stable
        )
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, label.value)
    return {key: label for key, (_, label) in ranked.items()}


def _types(store: pyoxigraph.Store) -> dict[str, str]:
    """The most specific known ``kg:`` type of each entity in a statement."""
    order = list(TYPE_GROUPS)
    found: dict[str, str] = {}
    for row in store.query(_TYPES):
        key = _key(row["e"])
        type_iri = row["type"].value
        if key is None or not type_iri.startswith(KG):
            continue
        name = type_iri[len(KG) :]
        if name not in TYPE_GROUPS:
            continue
        if key not in found or order.index(name) < order.index(found[key]):
            found[key] = name
    return found


def _symmetric_relations(store: pyoxigraph.Store) -> dict[str, bool]:
    """What the store says about each relation's symmetry (``kg:symmetric`` wins over OWL)."""
    said: dict[str, bool] = {}
    for row in store.query(_SYMMETRIC):
        key = _key(row["rel"])
        if key is None:
            continue
        flag = row["symmetric"].value.strip().lower() in ("true", "1")
        said[key] = flag or said.get(key, False)
    return said


def _node_title(label: str, type_name: str, country: str | None, iri: str) -> str:
    lines = [label, f"Type: {type_name}"]
    if country:
        lines.append(f"Country: {country}")
    lines.append(iri)
    return "\n".join(lines)


def graph_view(store: pyoxigraph.Store) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges for the statements in the store's default graph.

    One edge per ``kg:Statement``; only entities that are the subject or object
    of a statement become nodes. Tooltips (``title``) are plain text.

    Examples
    --------
    >>> store = pyoxigraph.Store()
    >>> store.load(b'''
    ... @prefix kg: <https://w3id.org/kgraph/ontology#> .
    ... @prefix kgr: <https://w3id.org/kgraph/resource/> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... kgr:IDN a kg:Country ; rdfs:label "Indonesia"@en ; kg:country "IDN" .
    ... kgr:AUS a kg:Country ; rdfs:label "Australia"@en ; kg:country "AUS" .
    ... kgr:stmt1 a kg:Statement ; rdf:subject kgr:IDN ; rdf:predicate kg:meetsWith ;
    ...     rdf:object kgr:AUS ; kg:polarity "positive" ; kg:modality "asserted" .
    ... ''', format=pyoxigraph.RdfFormat.TURTLE)
    >>> nodes, edges = graph_view(store)
    >>> [(n["label"], n["group"]) for n in nodes]
    [('Australia', 'Country'), ('Indonesia', 'Country')]
    >>> edges[0]["label"], edges[0]["arrows"], edges[0]["dashes"]
    ('meetsWith', '', False)
    """
    statements: dict[str, dict] = {}
    for row in store.query(_STATEMENTS):
        stmt, subject, obj = _key(row["stmt"]), _key(row["s"]), _key(row["o"])
        predicate = row["p"]
        if None in (stmt, subject, obj) or not isinstance(predicate, pyoxigraph.NamedNode):
            continue
        # A statement with several values for one property yields several rows; keep the first.
        statements.setdefault(
            stmt,
            {
                "from": subject,
                "to": obj,
                "relation": predicate.value,
                "polarity": _value(row["polarity"]) or "positive",
                "modality": _value(row["modality"]) or "asserted",
            },
        )

    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in store.query(_CLAIMANTS):
        stmt, who = _key(row["stmt"]), _key(row["who"])
        if stmt in statements and who is not None:
            roles[stmt][_local_name(row["role"].value)].add(who)

    evidence: dict[str, dict[str, tuple[float, str | None]]] = defaultdict(dict)
    for row in store.query(_EVIDENCE):
        stmt, ev = _key(row["stmt"]), _key(row["ev"])
        if stmt not in statements or ev is None:
            continue
        try:
            confidence = float(row["confidence"].value) if row["confidence"] else 0.0
        except ValueError:
            confidence = 0.0
        known = evidence[stmt].get(ev)
        if known is None or confidence > known[0]:
            evidence[stmt][ev] = (confidence, _value(row["sentence"]) or (known and known[1]))

    labels = _labels(store)
    types = _types(store)
    symmetric = _symmetric_relations(store)
    countries: dict[str, str] = {}
    for row in store.query(_COUNTRIES):
        key = _key(row["e"])
        if key is not None:
            countries.setdefault(key, row["country"].value)

    def label_of(key: str) -> str:
        return labels.get(key) or _local_name(key)

    degree: dict[str, int] = defaultdict(int)
    edges: list[dict] = []
    for stmt in sorted(statements):
        data = statements[stmt]
        relation = _local_name(data["relation"])
        is_symmetric = symmetric.get(data["relation"], relation in SYMMETRIC_RELATIONS)
        negative = data["polarity"] == "negative"
        # Best evidence first; ties in evidence IRI order so the page is reproducible.
        ranked = sorted(evidence.get(stmt, {}).items(), key=lambda item: (-item[1][0], item[0]))
        sentences = [sentence for _, (_, sentence) in ranked if sentence]
        title = [
            f"{label_of(data['from'])} {relation} {label_of(data['to'])}",
            f"Polarity: {data['polarity']}",
            f"Modality: {data['modality']}",
        ]
        for role, heading in (("claimedBy", "Claimed by"), ("disputedBy", "Disputed by")):
            who = roles.get(stmt, {}).get(role)
            if who:
                title.append(f"{heading}: " + ", ".join(sorted(label_of(w) for w in who)))
        title.append(f"Evidence: {len(ranked)}")
        title += [f"• {sentence}" for sentence in sentences[:MAX_EVIDENCE_SENTENCES]]
        edges.append(
            {
                "id": stmt,
                "from": data["from"],
                "to": data["to"],
                "label": relation,
                "arrows": "" if is_symmetric else "to",
                "dashes": data["modality"] in DASHED_MODALITIES,
                "color": NEGATIVE_COLOR if negative else EDGE_COLOR,
                "width": round(1 + 1.5 * math.log2(1 + len(ranked)), 2),
                "title": "\n".join(title),
                "polarity": data["polarity"],
                "modality": data["modality"],
            }
        )
        degree[data["from"]] += 1
        degree[data["to"]] += 1
    _spread_parallel_edges(edges)

    nodes: list[dict] = []
    for key in sorted(degree):
        type_name = types.get(key, "Thing")
        group = TYPE_GROUPS[type_name]
        label = label_of(key)
        nodes.append(
            {
                "id": key,
                "label": label,
                "group": group,
                "color": GROUP_COLORS[group],
                "type": type_name,
                "country": countries.get(key),
                "size": round(10 + 4 * math.log2(degree[key]), 2),
                "title": _node_title(label, type_name, countries.get(key), key),
            }
        )
    return nodes, edges


def _spread_parallel_edges(edges: list[dict]) -> None:
    """Curve the second and later edges between two nodes, so that none hides another.

    The first edge keeps the page's default line; the others bend to alternate
    sides, further each time. The side is taken relative to one fixed direction of
    the pair, so an edge back (B to A) does not land on an edge forth (A to B).
    """
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for edge in edges:
        pair = (edge["from"], edge["to"])
        forth = pair[0] <= pair[1]
        position = seen[pair if forth else pair[::-1]]
        seen[pair if forth else pair[::-1]] += 1
        if position == 0:
            continue
        clockwise = (position % 2 == 1) == forth
        edge["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if clockwise else "curvedCCW",
            "roundness": round(0.2 * ((position + 1) // 2), 2),
        }


def _options(large: bool) -> dict:
    options: dict = {
        "nodes": {"shape": "dot", "font": {"size": 14}},
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "smooth": {"enabled": not large, "type": "continuous"},
            "arrowStrikethrough": False,
        },
        "layout": {"randomSeed": 7},  # the same page looks the same each time it opens
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -8000,
                "springLength": 160,
                "springConstant": 0.03,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": True, "iterations": 500, "fit": True},
        }
    return options


def _environment() -> Environment:
    """Our templates first, then pyvis' own (for vis-network's script and style)."""
    import pyvis

    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(_TEMPLATES), FileSystemLoader(pyvis_templates)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def write_html(store: pyoxigraph.Store, path: Path, *, title: str = "kgraph") -> None:
    """Write the graph in ``store`` as one HTML page that loads nothing from the network.

    Up to LAYOUT_THRESHOLD nodes the browser lays the graph out (Barnes-Hut physics);
    bigger graphs get fixed positions from networkx and no physics.
    """
    from pyvis.network import Network

    nodes, edges = graph_view(store)
    large = len(nodes) >= LAYOUT_THRESHOLD
    if large:
        positions = spring_layout(nodes, edges)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]

    net = Network(heading=title, cdn_resources="in_line", directed=True)
    net.nodes = nodes
    net.edges = edges
    net.options = _options(large)

    template = _environment().get_template("graph.html")
    html = template.render(
        title=title,
        nodes=net.nodes,
        edges=net.edges,
        options=net.options,
        legend=list(GROUP_COLORS.items()),
    )
    atomic_write(path, html)
