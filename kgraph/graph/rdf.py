"""Facts, entities and articles as RDF (see ``docs/graph-shape.md``), in an Oxigraph store.

IRIs are minted deterministically from content, so the same input always
gives the same graph and the same fact from two articles is one
``kg:Statement`` with two ``kg:evidence`` nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kgraph.graph.merge import Fact
from kgraph.graph.namespaces import KG, KGR, PREFIXES
from kgraph.model import Article, Entity, Evidence, stable_id

_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
_PROV = PREFIXES["prov"]
_DCT = PREFIXES["dcterms"]
_XSD = PREFIXES["xsd"]

TYPE = ox.NamedNode(_RDF + "type")
LABEL = ox.NamedNode(_RDFS + "label")
PREF_LABEL = ox.NamedNode(_SKOS + "prefLabel")
ALT_LABEL = ox.NamedNode(_SKOS + "altLabel")
RDF_STATEMENT = ox.NamedNode(_RDF + "Statement")
RDF_SUBJECT = ox.NamedNode(_RDF + "subject")
RDF_PREDICATE = ox.NamedNode(_RDF + "predicate")
RDF_OBJECT = ox.NamedNode(_RDF + "object")
PROV_ENTITY = ox.NamedNode(_PROV + "Entity")
PROV_DERIVED = ox.NamedNode(_PROV + "wasDerivedFrom")
DCT_TITLE = ox.NamedNode(_DCT + "title")
DCT_DATE = ox.NamedNode(_DCT + "date")
DCT_LANGUAGE = ox.NamedNode(_DCT + "language")
DCT_CREATOR = ox.NamedNode(_DCT + "creator")
DCT_SOURCE = ox.NamedNode(_DCT + "source")
DCT_PUBLISHER = ox.NamedNode(_DCT + "publisher")
XSD_DATE = ox.NamedNode(_XSD + "date")
XSD_GYEARMONTH = ox.NamedNode(_XSD + "gYearMonth")
XSD_GYEAR = ox.NamedNode(_XSD + "gYear")
XSD_GMONTHDAY = ox.NamedNode(_XSD + "gMonthDay")
XSD_INTEGER = ox.NamedNode(_XSD + "integer")
XSD_DECIMAL = ox.NamedNode(_XSD + "decimal")
XSD_ANY_URI = ox.NamedNode(_XSD + "anyURI")


def kg(term: str) -> ox.NamedNode:
    """``kg:term`` as an Oxigraph node (``KG`` raises on a term the ontology lacks)."""
    return ox.NamedNode(str(getattr(KG, term)))


def entity_iri(entity_id: str) -> ox.NamedNode:
    return ox.NamedNode(str(KGR[entity_id]))


def article_iri(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(str(KGR[f"article/{article_id}"]))


def fact_iri(fact: Fact) -> ox.NamedNode:
    return ox.NamedNode(str(KGR[f"stmt/{fact.id}"]))


def evidence_iri(fact: Fact, evidence: Evidence) -> ox.NamedNode:
    key = (fact.id, evidence.article, str(evidence.start), evidence.trigger, evidence.rule)
    return ox.NamedNode(str(KGR[f"ev/{stable_id(*key)}"]))


#: Named graphs of a store besides the articles' own (each article's graph is its IRI).
GRAPH_BASE = "https://w3id.org/kgraph/graph/"
FACTS_GRAPH = ox.NamedNode(GRAPH_BASE + "facts")
ENTITIES_GRAPH = ox.NamedNode(GRAPH_BASE + "entities")
ONTOLOGY_GRAPH = ox.NamedNode(GRAPH_BASE + "ontology")
GAZETTEER_GRAPH = ox.NamedNode(GRAPH_BASE + "gazetteer")


def graph_quads(
    facts: Iterable[Fact], articles: Iterable[Article], entities: dict[str, Entity]
) -> Iterator[ox.Quad]:
    """Every quad of the graph, each in the named graph it belongs to.

    An article's graph (named by the article's IRI) holds the article and the
    evidence found in it, with the links from statements to that evidence: dropping
    the graph withdraws exactly what the article said. The merged statements and the
    direct triples are in ``FACTS_GRAPH``, the entities they use in ``ENTITIES_GRAPH``.
    """
    for article in articles:
        graph = article_iri(article.id)
        yield from (ox.Quad(*t, graph) for t in _article(article))
    facts = list(facts)
    used: dict[str, Entity] = {}
    for fact in facts:
        for entity in (fact.subject, fact.object):
            used.setdefault(entity.id, entity)
        for entity_id in [*fact.claimed_by, *fact.disputed_by, *fact.object.about]:
            if entity_id in entities:
                used.setdefault(entity_id, entities[entity_id])
    for entity in used.values():
        yield from (ox.Quad(*t, ENTITIES_GRAPH) for t in _entity(entity))
    for fact in facts:
        node = fact_iri(fact)
        yield from (ox.Quad(*t, FACTS_GRAPH) for t in _fact(fact))
        for evidence in fact.evidence:
            graph = article_iri(evidence.article)
            yield from (ox.Quad(*t, graph) for t in _evidence(fact, node, evidence))


def build_store(
    facts: Iterable[Fact], articles: Iterable[Article], entities: dict[str, Entity]
) -> ox.Store:
    """An in-memory Oxigraph store holding the graph in named graphs (see graph_quads)."""
    store = ox.Store()
    store.bulk_extend(graph_quads(facts, articles, entities))
    return store


def entity_quads(entities: Iterable[Entity], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The triples describing ``entities``, in ``graph`` (the gazetteer's, for one)."""
    for entity in entities:
        yield from (ox.Quad(*t, graph) for t in _entity(entity))


def _entity(entity: Entity) -> Iterator[ox.Triple]:
    node = entity_iri(entity.id)
    yield ox.Triple(node, TYPE, kg(entity.type))
    yield ox.Triple(node, LABEL, _text(entity.label, _label_lang(entity)))
    for lang, name in entity.labels:
        yield ox.Triple(node, PREF_LABEL, _text(name, lang))
    for lang, name in entity.aliases:
        yield ox.Triple(node, ALT_LABEL, _text(name, lang))
    if entity.type == "Country":
        yield ox.Triple(node, kg("country"), ox.Literal(entity.id))
    elif entity.country:
        yield ox.Triple(node, kg("country"), ox.Literal(entity.country))
    if entity.sector:
        yield ox.Triple(node, kg("sector"), ox.Literal(entity.sector))
    for actor in entity.about:
        yield ox.Triple(node, kg("about"), entity_iri(actor))


def _label_lang(entity: Entity) -> str | None:
    for lang, name in entity.labels:
        if name == entity.label:
            return lang
    return None


def _fact(fact: Fact) -> Iterator[ox.Triple]:
    node = fact_iri(fact)
    subject, obj = entity_iri(fact.subject.id), entity_iri(fact.object.id)
    predicate = kg(fact.relation)
    yield ox.Triple(node, TYPE, kg("Statement"))
    yield ox.Triple(node, TYPE, RDF_STATEMENT)
    yield ox.Triple(node, RDF_SUBJECT, subject)
    yield ox.Triple(node, RDF_PREDICATE, predicate)
    yield ox.Triple(node, RDF_OBJECT, obj)
    yield ox.Triple(node, kg("polarity"), ox.Literal(fact.polarity))
    yield ox.Triple(node, kg("modality"), ox.Literal(fact.modality))
    yield ox.Triple(node, kg("confidence"), _decimal(fact.confidence))
    for claimant in fact.claimed_by:
        yield ox.Triple(node, kg("claimedBy"), entity_iri(claimant))
    for disputant in fact.disputed_by:
        yield ox.Triple(node, kg("disputedBy"), entity_iri(disputant))
    for disputed in fact.disputes:
        yield ox.Triple(node, kg("disputes"), ox.NamedNode(str(KGR[f"stmt/{disputed}"])))
    if fact.is_direct:
        yield ox.Triple(subject, predicate, obj)


def _evidence(fact: Fact, statement: ox.NamedNode, evidence: Evidence) -> Iterator[ox.Triple]:
    node = evidence_iri(fact, evidence)
    article = article_iri(evidence.article)
    yield ox.Triple(statement, kg("evidence"), node)
    yield ox.Triple(node, TYPE, kg("Evidence"))
    yield ox.Triple(node, TYPE, PROV_ENTITY)
    yield ox.Triple(node, PROV_DERIVED, article)
    yield ox.Triple(node, kg("article"), article)
    yield ox.Triple(node, kg("sentence"), ox.Literal(evidence.sentence))
    yield ox.Triple(node, kg("sentenceIndex"), _integer(evidence.sentence_index))
    yield ox.Triple(node, kg("start"), _integer(evidence.start))
    yield ox.Triple(node, kg("end"), _integer(evidence.end))
    yield ox.Triple(node, kg("trigger"), ox.Literal(evidence.trigger))
    yield ox.Triple(node, kg("rule"), ox.Literal(evidence.rule))
    yield ox.Triple(node, kg("confidence"), _decimal(evidence.confidence))
    yield ox.Triple(node, kg("modality"), ox.Literal(evidence.modality))
    for claimant in evidence.claimed_by:
        yield ox.Triple(node, kg("claimedBy"), entity_iri(claimant))
    if evidence.event_date:
        yield ox.Triple(node, kg("eventDate"), _date(evidence.event_date))


def _article(article: Article) -> Iterator[ox.Triple]:
    node = article_iri(article.id)
    yield ox.Triple(node, TYPE, kg("Article"))
    yield ox.Triple(node, TYPE, PROV_ENTITY)
    if article.path:
        yield ox.Triple(node, kg("file"), ox.Literal(article.path))
    if article.title:
        yield ox.Triple(node, DCT_TITLE, ox.Literal(article.title))
    if article.date:
        yield ox.Triple(node, DCT_DATE, _date(article.date))
    if article.language:
        yield ox.Triple(node, DCT_LANGUAGE, ox.Literal(article.language))
    if article.place:
        yield ox.Triple(node, kg("place"), ox.Literal(article.place))
    if article.agency:
        yield ox.Triple(node, kg("agency"), ox.Literal(article.agency))
    if article.source:
        yield ox.Triple(node, DCT_PUBLISHER, ox.Literal(article.source))
    if article.url:
        yield ox.Triple(node, DCT_SOURCE, ox.Literal(article.url, datatype=XSD_ANY_URI))
    for author in article.authors:
        yield ox.Triple(node, DCT_CREATOR, ox.Literal(author))
    for editor in article.editors:
        yield ox.Triple(node, kg("editor"), ox.Literal(editor))


def _text(value: str, lang: str | None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=XSD_DECIMAL)


def _date(value: str) -> ox.Literal:
    """An ISO 8601 date with the XSD type of its precision; an interval as plain text.

    "2023-11-09" xsd:date, "2023-09" xsd:gYearMonth, "2023" xsd:gYear, "--11-09"
    xsd:gMonthDay (a dateline without a year), "2023-10-30/2023-11-05" a week.
    """
    if value.startswith("--"):
        return ox.Literal(value, datatype=XSD_GMONTHDAY)
    datatype = {10: XSD_DATE, 7: XSD_GYEARMONTH, 4: XSD_GYEAR}.get(len(value))
    return ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)
