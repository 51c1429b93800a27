"""What the HTML page shows: the graph's actors and statements as vis-network data.

:func:`graph_view` reads a store with a few SPARQL queries and returns plain
dicts: one node per actor in a statement, one edge per ``kg:Statement`` whatever
its polarity or modality. Each carries what the page's side panel, filters and
search need (labels in both languages, aliases, evidence with its article), and
the look that tells edges apart: colour on the ontology's cooperation-conflict
(Goldstein) scale, dashes for what is only reported, dots for negative statements,
an orange label for disputed ones. All values are plain text; the page escapes them.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote

import pyoxigraph

from kgraph.graph.namespaces import PREFIXES
from kgraph.graph.relations import RelationInfo, load_relations

KG = PREFIXES["kg"]
LANGUAGES = ("en", "id")

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
#: Modalities drawn with a dashed line: not a fact stated by the article itself.
DASHED_MODALITIES = frozenset({"reported", "alleged", "intended", "hypothetical"})
DASHES = [8, 6]
NEGATIVE_DASHES = [2, 5]
NEGATIVE_COLOR = "#444444"
DISPUTED_COLOR = "#d35400"
#: Ends of the Goldstein scale and its middle (no score, or 0).
CONFLICT_COLOR = "#b2182b"
NEUTRAL_COLOR = "#9e9e9e"
COOPERATION_COLOR = "#2166ac"
#: A date with its year: xsd:date, gYearMonth or gYear.
_DATED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
#: Relations by which a person's roles are told in the panel.
ROLE_RELATIONS = ("leaderOf", "memberOf", "affiliatedWith")
#: Words put before a negative relation's label and after a disputed one's, per language.
NOT = {"en": "not ", "id": "tidak "}
DISPUTED = {"en": " (disputed)", "id": " (dibantah)"}

_STATEMENTS = """
SELECT ?stmt ?s ?p ?o ?polarity ?modality WHERE {
  ?stmt a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?stmt kg:polarity ?polarity }
  OPTIONAL { ?stmt kg:modality ?modality }
}"""
_CLAIMANTS = """
SELECT ?stmt ?role ?who WHERE {
  ?stmt a kg:Statement .
  VALUES ?role { kg:claimedBy kg:disputedBy }
  ?stmt ?role ?who .
}"""
_EVIDENCE = """
SELECT ?stmt ?ev ?sentence ?trigger ?confidence ?eventDate ?article WHERE {
  ?stmt a kg:Statement ; kg:evidence ?ev .
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev kg:trigger ?trigger }
  OPTIONAL { ?ev kg:confidence ?confidence }
  OPTIONAL { ?ev kg:eventDate ?eventDate }
  OPTIONAL { ?ev kg:article ?article }
}"""
_ARTICLES = """
SELECT ?article ?title ?date ?file WHERE {
  ?article a kg:Article .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?article kg:file ?file }
}"""
# Everything said about the actors of statements: types, labels, aliases, country, sector.
_ACTORS = """
SELECT ?e ?prop ?value WHERE {
  { SELECT DISTINCT ?e WHERE {
      ?stmt a kg:Statement .
      { ?stmt rdf:subject ?e } UNION { ?stmt rdf:object ?e } UNION { ?stmt kg:claimedBy ?e }
      UNION { ?stmt kg:disputedBy ?e }
  } }
  VALUES ?prop { rdf:type rdfs:label skos:prefLabel skos:altLabel kg:country kg:sector }
  ?e ?prop ?value .
}"""


def _query(store: pyoxigraph.Store, text: str) -> pyoxigraph.QuerySolutions:
    """``text`` with kgraph's prefixes, over all the store's graphs as one."""
    return store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)


def _key(term: object) -> str | None:
    """The node id of an RDF term: an IRI, or ``_:id`` for a blank node; None for anything else."""
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    return None


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def _value(term: object) -> str | None:
    return None if term is None else term.value


def scale_color(score: float | None) -> str:
    """The edge colour for a Goldstein score: red for conflict, grey for 0 or none, blue for
    cooperation, the shade growing with the score's size.

    >>> scale_color(-10), scale_color(None), scale_color(10)
    ('#b2182b', '#9e9e9e', '#2166ac')
    """
    if not score:
        return NEUTRAL_COLOR
    end = COOPERATION_COLOR if score > 0 else CONFLICT_COLOR
    share = min(abs(score), 10) / 10
    # Even a weak score moves a third of the way, so that the sign always shows.
    share = 1 / 3 + share * 2 / 3
    mixed = (
        round(int(NEUTRAL_COLOR[i : i + 2], 16) * (1 - share) + int(end[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{part:02x}" for part in mixed)


@dataclass
class _Actor:
    """What the store says about one actor, gathered from the rows of _ACTORS."""

    types: set[str] = field(default_factory=set)
    labels: dict[str, tuple[tuple[int, str], str]] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    sector: str | None = None

    def add(self, prop: str, value: object) -> None:
        name = local_name(prop)
        if name == "type" and isinstance(value, pyoxigraph.NamedNode):
            if value.value.startswith(KG) and value.value[len(KG) :] in TYPE_GROUPS:
                self.types.add(value.value[len(KG) :])
            return
        if not isinstance(value, pyoxigraph.Literal):
            return
        if name in ("label", "prefLabel"):
            language = (value.language or "").split("-")[0].lower()
            # rdfs:label before skos:prefLabel, ties broken by the text, so the choice is stable.
            rank = (0 if name == "label" else 1, value.value)
            for lang in LANGUAGES if not language else (language,):
                known = self.labels.get(lang)
                if known is None or rank < known[0]:
                    self.labels[lang] = (rank, value.value)
            self.aliases.add(value.value)
        elif name == "altLabel":
            self.aliases.add(value.value)
        elif name == "country":
            self.country = self.country or value.value
        elif name == "sector":
            self.sector = self.sector or value.value

    def label(self, lang: str) -> str | None:
        found = (
            self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), None)
        )
        return found[1] if found else None

    def type_name(self) -> str:
        for name in TYPE_GROUPS:  # the most specific first
            if name in self.types:
                return name
        return "Thing"


def _actors(store: pyoxigraph.Store) -> dict[str, _Actor]:
    actors: dict[str, _Actor] = defaultdict(_Actor)
    for row in _query(store, _ACTORS):
        key = _key(row["e"])
        if key is not None:
            actors[key].add(row["prop"].value, row["value"])
    return actors


def _articles(store: pyoxigraph.Store) -> dict[str, dict[str, str | None]]:
    """Title, date and file of each ``kg:Article``, by IRI."""
    articles: dict[str, dict[str, str | None]] = {}
    for row in _query(store, _ARTICLES):
        key = _key(row["article"])
        if key is not None and key not in articles:
            articles[key] = {
                "title": _value(row["title"]),
                "date": _value(row["date"]),
                "file": _value(row["file"]),
            }
    return articles


def _evidence(
    store: pyoxigraph.Store, statements: dict[str, dict]
) -> dict[str, list[dict[str, object]]]:
    """Each statement's evidence, best first (highest confidence, then IRI: reproducible).

    An item names its article by IRI: the article's title, date and file are told
    once, in :func:`_articles`, not again for each sentence.
    """
    found: dict[str, dict[str, tuple[float, dict[str, object]]]] = defaultdict(dict)
    for row in _query(store, _EVIDENCE):
        stmt, ev = _key(row["stmt"]), _key(row["ev"])
        if stmt not in statements or ev is None or ev in found[stmt]:
            continue
        try:
            confidence = float(row["confidence"].value) if row["confidence"] else 0.0
        except ValueError:
            confidence = 0.0
        found[stmt][ev] = (
            -confidence,
            {
                "sentence": _value(row["sentence"]) or "",
                "trigger": _value(row["trigger"]) or "",
                "eventDate": _value(row["eventDate"]),
                "article": _key(row["article"]),
            },
        )
    ranked = {
        stmt: sorted(by_ev.items(), key=lambda pair: (pair[1][0], pair[0]))
        for stmt, by_ev in found.items()
    }
    return {stmt: [item for _, (_, item) in pairs] for stmt, pairs in ranked.items()}


def _edge_look(
    relation: RelationInfo | None, name: str, polarity: str, modality: str, disputed: bool
) -> dict[str, object]:
    """Labels in both languages and the drawing style of one statement's edge."""
    labels = {
        lang: (getattr(relation, f"label_{lang}") if relation else name) for lang in LANGUAGES
    }
    negative = polarity == "negative"
    if negative:
        labels = {lang: NOT[lang] + label for lang, label in labels.items()}
    if disputed:
        labels = {lang: label + DISPUTED[lang] for lang, label in labels.items()}
    look: dict[str, object] = {
        "labels": labels,
        "arrows": "" if relation and relation.symmetric else "to",
        "color": NEGATIVE_COLOR if negative else scale_color(relation and relation.goldstein),
        "dashes": NEGATIVE_DASHES if negative else modality in DASHED_MODALITIES and DASHES,
    }
    if disputed:
        look["font"] = {"color": DISPUTED_COLOR}
    return look


class GraphView(NamedTuple):
    """What the page shows: vis-network nodes and edges, and the articles evidence cites."""

    nodes: list[dict]
    edges: list[dict]
    articles: dict[str, dict[str, str | None]]


def graph_view(store: pyoxigraph.Store) -> GraphView:
    """vis-network nodes and edges for the statements in the store (all its graphs).

    One edge per ``kg:Statement``; only entities that are the subject or object
    of a statement become nodes. Labels come in both languages (``labels``); the
    page picks ``label`` from them. A node's ``title`` (its tooltip) is plain text.

    Examples
    --------
    >>> store = pyoxigraph.Store()
    >>> store.load(b'''
    ... @prefix kg: <https://w3id.org/kgraph/ontology#> .
    ... @prefix kgr: <https://w3id.org/kgraph/resource/> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... kgr:IDN a kg:Country ; rdfs:label "Indonesia"@en ; kg:country "IDN" .
    ... kgr:AUS a kg:Country ; rdfs:label "Australia"@en, "Australia"@id ; kg:country "AUS" .
    ... kgr:stmt1 a kg:Statement ; rdf:subject kgr:IDN ; rdf:predicate kg:meetsWith ;
    ...     rdf:object kgr:AUS ; kg:polarity "positive" ; kg:modality "asserted" .
    ... ''', format=pyoxigraph.RdfFormat.TURTLE)
    >>> nodes, edges, articles = graph_view(store)
    >>> [(n["labels"]["en"], n["group"]) for n in nodes]
    [('Australia', 'Country'), ('Indonesia', 'Country')]
    >>> edges[0]["labels"], edges[0]["arrows"], edges[0]["dashes"]
    ({'en': 'meets with', 'id': 'bertemu dengan'}, '', False)
    """
    relations = load_relations()
    statements: dict[str, dict] = {}
    for row in _query(store, _STATEMENTS):
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
                "relation": local_name(predicate.value),
                "polarity": _value(row["polarity"]) or "positive",
                "modality": _value(row["modality"]) or "asserted",
            },
        )

    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _query(store, _CLAIMANTS):
        stmt, who = _key(row["stmt"]), _key(row["who"])
        if stmt in statements and who is not None:
            roles[stmt][local_name(row["role"].value)].add(who)
    evidence = _evidence(store, statements)
    articles = _articles(store)
    actors = _actors(store)

    degree: dict[str, int] = defaultdict(int)
    edges: list[dict] = []
    for stmt in sorted(statements):
        data = statements[stmt]
        name = data["relation"]
        relation = relations.get(name)
        claimed = sorted(roles.get(stmt, {}).get("claimedBy", ()))
        disputed = sorted(roles.get(stmt, {}).get("disputedBy", ()))
        items = evidence.get(stmt, [])
        # An event's own date where the text gives one, else its article's. Only dates
        # with a year can be placed in a date range ("--07-04" is a day of some year).
        dates = set()
        for item in items:
            for date in (item["eventDate"], articles.get(item["article"], {}).get("date")):
                if date and _DATED.match(date):
                    dates.add(date)
                    break
        edge = {
            "id": stmt,
            "from": data["from"],
            "to": data["to"],
            "relation": name,
            "polarity": data["polarity"],
            "modality": data["modality"],
            "claimedBy": claimed,
            "disputedBy": disputed,
            "evidence": items,
            "count": len(items),
            "dates": sorted(dates),
            "width": round(1 + 1.5 * math.log2(1 + len(items)), 2),
        }
        edge.update(_edge_look(relation, name, data["polarity"], data["modality"], bool(disputed)))
        edges.append(edge)
        degree[data["from"]] += 1
        degree[data["to"]] += 1
    _spread_parallel_edges(edges)

    def label_of(key: str, lang: str = "en") -> str:
        actor = actors.get(key)
        # an IRI minted from a name has it percent-encoded (kgraph.graph.rdf.iri_path)
        return (actor and actor.label(lang)) or unquote(local_name(key))

    nodes: list[dict] = []
    for key in sorted(degree):
        actor = actors.get(key) or _Actor()
        type_name = actor.type_name()
        group = TYPE_GROUPS[type_name]
        labels = {lang: label_of(key, lang) for lang in LANGUAGES}
        nodes.append(
            {
                "id": key,
                "labels": labels,
                "aliases": sorted(actor.aliases - set(labels.values())),
                "group": group,
                "color": GROUP_COLORS[group],
                "type": type_name,
                "country": actor.country,
                "sector": actor.sector,
                "statements": degree[key],
                "size": round(10 + 4 * math.log2(degree[key]), 2),
                "title": f"{labels['en']} ({type_name})",
            }
        )
    cited = {item["article"] for edge in edges for item in edge["evidence"]}
    return GraphView(nodes, edges, {key: articles[key] for key in sorted(cited & set(articles))})


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
