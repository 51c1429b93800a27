"""Facts, entities and articles as RDF (see ``docs/graph-shape.md``), in an Oxigraph store.

IRIs are minted deterministically from content, so the same input always
gives the same graph and the same fact from two articles is one
``kg:Statement`` with two ``kg:evidence`` nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import pyoxigraph as ox

from kgraph.graph.merge import Fact
from kgraph.graph.namespaces import KG, KGR, PREFIXES
from kgraph.model import Article, Entity, Evidence, Statement, stable_id

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


#: The resource namespace as a plain string: joining strings is much cheaper than
#: rdflib's Namespace lookup, and a build mints millions of IRIs.
_KGR = str(KGR)


@cache
def kg(term: str) -> ox.NamedNode:
    """``kg:term`` as an Oxigraph node (``KG`` raises on a term the ontology lacks)."""
    return ox.NamedNode(str(getattr(KG, term)))


# What an IRI path may hold as it is (RFC 3987 ipchar, and "/"): ASCII letters and digits,
# "-._~", the sub-delims and ":@", and the ucschar ranges of other code points.
_IRI_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
)
_UCSCHAR = (
    # from U+00C0: U+00A0-U+00BF are symbols, and rdflib writes "kgr:µ" (not Turtle) for ª µ º
    (0xC0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)
# Allowed by the grammar, but invisible or turning text around (RFC 3987 4.1 forbids the
# bidi controls): a fixed list, so that IRIs do not change with Python's Unicode version.
_INVISIBLE = re.compile(
    "[\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]"
)
# The names kgraph makes itself (gazetteer ids, "thing/slug", "sub/000_abc"), taken as they are.
_PLAIN = re.compile(r"[A-Za-z0-9_\-./]*")
_DOT_SEGMENT = re.compile(r"(?<![^/])\.\.?(?![^/])")
_TROUBLE_DOT = re.compile(r"(?<![^/])\.\.?(?![^/])|\.$")


def iri_path(name: str) -> str:
    """``name`` as the path of an IRI: what an IRI may not hold is percent-encoded.

    Names made of ASCII letters, digits, "-", "_", "." and "/" come back unchanged;
    spaces, "%", "#", "?", quotes, ``<>{}|\\^``, controls, invisible characters and
    code points outside RFC 3987's ``ucschar`` (and Latin-1's symbols) are encoded
    (as UTF-8), as are the dots of a "." or ".." segment, which IRI resolution would
    remove, and a final ".". Other letters stay.

    >>> iri_path("sub/000_abc"), iri_path("Korea Utara#1?"), iri_path("Jürgen_Müller")
    ('sub/000_abc', 'Korea%20Utara%231%3F', 'Jürgen_Müller')
    >>> iri_path('50% "off"/../x'), iri_path("U.S.")
    ('50%25%20%22off%22/%2E%2E/x', 'U.S%2E')
    """
    if _PLAIN.fullmatch(name) and not ("." in name and _TROUBLE_DOT.search(name)):
        return name
    encoded = "".join(map(_iri_char, name))
    if "." not in encoded:
        return encoded
    encoded = _DOT_SEGMENT.sub(_encode_dots, encoded)
    # A last "." is valid, but Turtle writes it "kgr:x\\." and rdflib cannot read that back.
    return encoded[:-1] + "%2E" if encoded.endswith(".") else encoded


def _iri_char(char: str) -> str:
    if char in _IRI_ASCII:
        return char
    point = ord(char)
    ucschar = any(low <= point <= high for low, high in _UCSCHAR)
    if ucschar and not _INVISIBLE.match(char):
        return char
    # "surrogatepass": a lone surrogate (from a JSON "\\ud800") still gets an IRI of its own
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def _encode_dots(match: re.Match[str]) -> str:
    return match.group().replace(".", "%2E")


def resource_iri(name: str) -> str:
    """The ``kgr:`` IRI minted from ``name`` (an entity id, ``article/...``), as a string."""
    return _KGR + iri_path(name)


def entity_iri(entity_id: str) -> ox.NamedNode:
    return ox.NamedNode(_KGR + iri_path(entity_id))


def article_iri(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{_KGR}article/{iri_path(article_id)}")


def fact_iri(fact: Fact) -> ox.NamedNode:
    return ox.NamedNode(f"{_KGR}stmt/{fact.id}")


def evidence_iri(fact: Fact, evidence: Evidence) -> ox.NamedNode:
    key = (fact.id, evidence.article, str(evidence.start), evidence.trigger, evidence.rule)
    return ox.NamedNode(f"{_KGR}ev/{stable_id(*key)}")


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
    facts = list(facts)
    for article in articles:
        yield from _article(article, article_iri(article.id))
    for fact in facts:
        node = fact_iri(fact)
        for evidence in fact.evidence:
            yield from _evidence(fact, node, evidence, article_iri(evidence.article))
    yield from fact_quads(facts, entities)


def article_quads(article: Article, statements: Iterable[Statement]) -> Iterator[ox.Quad]:
    """The graph of one article: the article, and each statement's evidence found in it.

    What :func:`graph_quads` puts in the article's graph, from the article's own
    statements alone: a statement's IRI depends only on its subject, relation, object
    and polarity, not on what other articles say, so this graph can be written as soon
    as the article is extracted.
    """
    graph = article_iri(article.id)
    yield from _article(article, graph)
    for statement in statements:
        fact = Fact(
            statement.subject,
            statement.relation,
            statement.object,
            statement.polarity,
            statement.symmetric,
        )
        yield from _evidence(fact, fact_iri(fact), statement.evidence, graph)


def fact_quads(facts: Iterable[Fact], entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """The merged statements (``FACTS_GRAPH``) and the entities they use (``ENTITIES_GRAPH``)."""
    facts = list(facts)
    for fact in facts:
        yield from fact_identity_quads(fact)
    yield from fact_summary_quads(facts, entities)


def fact_identity_quads(fact: Fact) -> Iterator[ox.Quad]:
    """What a fact is: its types, subject, predicate, object and polarity (``FACTS_GRAPH``).

    These never change as evidence comes in, so a large build writes them as soon as
    it meets the fact, and only the summary at the end (see `fact_summary_quads`).
    """
    graph = FACTS_GRAPH
    node = fact_iri(fact)
    yield ox.Quad(node, TYPE, kg("Statement"), graph)
    yield ox.Quad(node, TYPE, RDF_STATEMENT, graph)
    yield ox.Quad(node, RDF_SUBJECT, entity_iri(fact.subject.id), graph)
    yield ox.Quad(node, RDF_PREDICATE, kg(fact.relation), graph)
    yield ox.Quad(node, RDF_OBJECT, entity_iri(fact.object.id), graph)
    yield ox.Quad(node, kg("polarity"), ox.Literal(fact.polarity), graph)


def fact_summary_quads(facts: Iterable[Fact], entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """What the evidence of facts sums up to (modality, confidence, claimants, disputes,
    the direct triple), in ``FACTS_GRAPH``, and the entities they use (``ENTITIES_GRAPH``)."""
    facts = list(facts)
    used: dict[str, Entity] = {}
    for fact in facts:
        for entity in (fact.subject, fact.object):
            used.setdefault(entity.id, entity)
        for entity_id in [*fact.claimed_by, *fact.disputed_by, *fact.object.about]:
            if entity_id in entities:
                used.setdefault(entity_id, entities[entity_id])
    for entity in used.values():
        yield from _entity(entity, ENTITIES_GRAPH)
    for fact in facts:
        yield from _fact_summary(fact, FACTS_GRAPH)


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
        yield from _entity(entity, graph)


def _entity(entity: Entity, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    node = entity_iri(entity.id)
    yield ox.Quad(node, TYPE, kg(entity.type), graph)
    yield ox.Quad(node, LABEL, _text(entity.label, _label_lang(entity)), graph)
    for lang, name in entity.labels:
        yield ox.Quad(node, PREF_LABEL, _text(name, lang), graph)
    for lang, name in entity.aliases:
        yield ox.Quad(node, ALT_LABEL, _text(name, lang), graph)
    if entity.type == "Country":
        yield ox.Quad(node, kg("country"), ox.Literal(entity.id), graph)
    elif entity.country:
        yield ox.Quad(node, kg("country"), ox.Literal(entity.country), graph)
    if entity.sector:
        yield ox.Quad(node, kg("sector"), ox.Literal(entity.sector), graph)
    for actor in entity.about:
        yield ox.Quad(node, kg("about"), entity_iri(actor), graph)


def _label_lang(entity: Entity) -> str | None:
    for lang, name in entity.labels:
        if name == entity.label:
            return lang
    return None


def _fact_summary(fact: Fact, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    node = fact_iri(fact)
    yield ox.Quad(node, kg("modality"), ox.Literal(fact.modality), graph)
    yield ox.Quad(node, kg("confidence"), _decimal(fact.confidence), graph)
    for claimant in fact.claimed_by:
        yield ox.Quad(node, kg("claimedBy"), entity_iri(claimant), graph)
    for disputant in fact.disputed_by:
        yield ox.Quad(node, kg("disputedBy"), entity_iri(disputant), graph)
    for disputed in fact.disputes:
        yield ox.Quad(node, kg("disputes"), ox.NamedNode(f"{_KGR}stmt/{disputed}"), graph)
    if fact.is_direct:
        subject, obj = entity_iri(fact.subject.id), entity_iri(fact.object.id)
        yield ox.Quad(subject, kg(fact.relation), obj, graph)


def _evidence(
    fact: Fact, statement: ox.NamedNode, evidence: Evidence, graph: ox.NamedNode
) -> Iterator[ox.Quad]:
    node = evidence_iri(fact, evidence)
    article = article_iri(evidence.article)
    yield ox.Quad(statement, kg("evidence"), node, graph)
    yield ox.Quad(node, TYPE, kg("Evidence"), graph)
    yield ox.Quad(node, TYPE, PROV_ENTITY, graph)
    yield ox.Quad(node, PROV_DERIVED, article, graph)
    yield ox.Quad(node, kg("article"), article, graph)
    yield ox.Quad(node, kg("sentence"), ox.Literal(evidence.sentence), graph)
    yield ox.Quad(node, kg("sentenceIndex"), _integer(evidence.sentence_index), graph)
    yield ox.Quad(node, kg("start"), _integer(evidence.start), graph)
    yield ox.Quad(node, kg("end"), _integer(evidence.end), graph)
    yield ox.Quad(node, kg("trigger"), ox.Literal(evidence.trigger), graph)
    yield ox.Quad(node, kg("rule"), ox.Literal(evidence.rule), graph)
    yield ox.Quad(node, kg("confidence"), _decimal(evidence.confidence), graph)
    yield ox.Quad(node, kg("modality"), ox.Literal(evidence.modality), graph)
    for claimant in evidence.claimed_by:
        yield ox.Quad(node, kg("claimedBy"), entity_iri(claimant), graph)
    if evidence.event_date:
        yield ox.Quad(node, kg("eventDate"), _date(evidence.event_date), graph)


def _article(article: Article, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    node = article_iri(article.id)
    yield ox.Quad(node, TYPE, kg("Article"), graph)
    yield ox.Quad(node, TYPE, PROV_ENTITY, graph)
    if article.path:
        yield ox.Quad(node, kg("file"), ox.Literal(article.path), graph)
    if article.title:
        yield ox.Quad(node, DCT_TITLE, ox.Literal(article.title), graph)
    if article.date:
        yield ox.Quad(node, DCT_DATE, _date(article.date), graph)
    if article.language:
        yield ox.Quad(node, DCT_LANGUAGE, ox.Literal(article.language), graph)
    if article.place:
        yield ox.Quad(node, kg("place"), ox.Literal(article.place), graph)
    if article.agency:
        yield ox.Quad(node, kg("agency"), ox.Literal(article.agency), graph)
    if article.source:
        yield ox.Quad(node, DCT_PUBLISHER, ox.Literal(article.source), graph)
    if article.url:
        yield ox.Quad(node, DCT_SOURCE, ox.Literal(article.url, datatype=XSD_ANY_URI), graph)
    for author in article.authors:
        yield ox.Quad(node, DCT_CREATOR, ox.Literal(author), graph)
    for editor in article.editors:
        yield ox.Quad(node, kg("editor"), ox.Literal(editor), graph)


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
