"""The ontology file, the generated KG namespace and the DESIGN relation table agree."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kgraph.graph.namespaces import KG, KGR, PREFIXES
from kgraph.graph.relations import RelationInfo, load_relations
from kgraph.resources import ontology_dir

KG_IRI = "https://w3id.org/kgraph/ontology#"

#: The relation table of DESIGN.md: name, PLOVER, CAMEO, symmetric, object kind.
DESIGN_RELATIONS = [
    ("meetsWith", "CONSULT", "04", True, "actor"),
    ("visits", "CONSULT", "042", False, "actor or place"),
    ("agreesWith", "AGREE", "03", True, "actor"),
    ("supports", "SUPPORT", "05", False, "actor"),
    ("cooperatesWith", "COOPERATE", "06", True, "actor"),
    ("cooperatesMilitarilyWith", "COOPERATE", "062", True, "actor"),
    ("providesAidTo", "AID", "07", False, "actor"),
    ("suppliesWeaponsTo", "AID", "07", False, "actor"),
    ("providesTechnicalSupportTo", "AID", "07", False, "actor"),
    ("providesHumanitarianAidTo", "AID", "073", False, "actor"),
    ("concedesTo", "CONCEDE", "08", False, "actor"),
    ("withdrawsFrom", "RETREAT", "087", False, "actor or place"),
    ("urges", "REQUEST", "02/10", False, "actor"),
    ("callsFor", "REQUEST", "02", False, "thing"),
    ("accuses", "ACCUSE", "112", False, "actor"),
    ("condemns", "ACCUSE", "111", False, "actor"),
    ("investigates", "ACCUSE", "09", False, "actor"),
    ("rejects", "REJECT", "12", False, "actor or thing"),
    ("denies", "REJECT", "016", False, "actor or thing"),
    ("threatens", "THREATEN", "13", False, "actor"),
    ("protestsAgainst", "PROTEST", "14", False, "actor"),
    ("sanctions", "SANCTION", "163", False, "actor"),
    ("reducesRelationsWith", "SANCTION", "16", False, "actor"),
    ("mobilizesAgainst", "MOBILIZE", "15", False, "actor"),
    ("coerces", "COERCE", "17", False, "actor"),
    ("attacks", "ASSAULT", "18/19", False, "actor or place"),
    ("fightsWith", "ASSAULT", "19", True, "actor"),
    ("expressesConcernAbout", None, "012", False, "actor or thing"),
    ("develops", None, None, False, "thing"),
    ("launches", "MOBILIZE", "15", False, "thing"),
    ("violates", None, None, False, "thing"),
    ("affiliatedWith", None, None, False, "actor"),
    ("leaderOf", None, None, False, "actor"),
    ("memberOf", None, None, False, "actor"),
    ("alliedWith", None, None, True, "actor"),
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "kgraph.ttl", format="turtle")


def kg_terms(graph: Graph) -> set[URIRef]:
    return {
        s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(KG_IRI)
    }


def test_design_table_has_35_distinct_relations():
    assert len({row[0] for row in DESIGN_RELATIONS}) == len(DESIGN_RELATIONS) == 35


def test_every_ontology_term_is_in_kg_and_back(ontology):
    in_ontology = kg_terms(ontology)
    in_namespace = set(dir(KG))
    assert in_ontology - in_namespace == set(), "run scripts/make_namespace.py"
    assert in_namespace - in_ontology == set(), "run scripts/make_namespace.py"


def test_kg_namespace_is_closed():
    assert KG.suppliesWeaponsTo == URIRef(KG_IRI + "suppliesWeaponsTo")
    with pytest.raises(AttributeError):
        _ = KG.suppliesArmsTo


def test_prefixes():
    standard = {"rdf", "rdfs", "skos", "prov", "dcterms", "xsd", "owl"}
    minted = {"stmt", "ev", "article", "thing"}
    assert set(PREFIXES) == {"kg", "kgr"} | standard | minted
    assert PREFIXES["kg"] == KG_IRI
    assert PREFIXES["kgr"] == str(KGR)
    for kind in minted:  # one prefix per kind of minted node, all under kgr:
        assert PREFIXES[kind] == f"{KGR}{kind}/"


def test_relations_match_design_table(ontology):
    declared = {str(s).removeprefix(KG_IRI) for s in ontology.subjects(RDF.type, KG.Relation)}
    assert declared == {row[0] for row in DESIGN_RELATIONS}
    relations = load_relations()
    for name, plover, cameo, symmetric, object_kind in DESIGN_RELATIONS:
        info = relations[name]
        assert (info.plover, info.cameo, info.symmetric, info.object_kind) == (
            plover,
            cameo,
            symmetric,
            object_kind,
        ), name
        term = KG[name]
        assert (term, RDF.type, OWL.ObjectProperty) in ontology
        assert ((term, RDF.type, OWL.SymmetricProperty) in ontology) == symmetric, name
        assert (term, RDFS.domain, KG.Actor) in ontology, name


def test_every_relation_has_english_and_indonesian_labels(ontology):
    for term in ontology.subjects(RDF.type, KG.Relation):
        langs = [lit.language for lit in ontology.objects(term, RDFS.label)]
        assert sorted(langs) == ["en", "id"], term
        assert list(ontology.objects(term, RDFS.comment)), term


def test_every_term_has_an_english_label_and_a_comment(ontology):
    for term in kg_terms(ontology):
        labels = [x for x in ontology.objects(term, RDFS.label) if isinstance(x, Literal)]
        assert any(label.language == "en" for label in labels), term
        assert list(ontology.objects(term, RDFS.comment)), term


def test_goldstein_scores_order_cooperation_above_conflict():
    relations = load_relations()
    for info in relations.values():
        # A CAMEO code is what the score comes from: one without the other is a data error.
        assert (info.cameo is None) == (info.goldstein is None), info.name
        assert info.goldstein is None or -10 <= info.goldstein <= 10, info.name
    score = {name: info.goldstein for name, info in relations.items()}
    assert score["attacks"] < score["threatens"] < score["condemns"] < 0
    assert 0 < score["meetsWith"] < score["suppliesWeaponsTo"]


def test_load_relations_from_a_path_and_cached_default():
    path = ontology_dir() / "kgraph.ttl"
    from_path = load_relations(path)
    assert from_path == load_relations()
    assert from_path["meetsWith"] == RelationInfo(
        name="meetsWith",
        label_en="meets with",
        label_id="bertemu dengan",
        plover="CONSULT",
        cameo="04",
        goldstein=1.0,
        symmetric=True,
        object_kind="actor",
    )
    # The cached default is not shared with callers that change their copy.
    load_relations().pop("meetsWith")
    assert "meetsWith" in load_relations()


def test_ontology_parses_with_pyoxigraph(ontology):
    store = pyoxigraph.Store()
    store.load(path=str(ontology_dir() / "kgraph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(ontology)
    ask = f'ASK {{ <{KG_IRI}urges> <{KG_IRI}cameo> "02/10" }}'
    assert store.query(ask)
