"""Statements → RDF: merging, deterministic IRIs, direct triples, round trips."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from kgraph.build import extract_corpus
from kgraph.documents import clean_article
from kgraph.export import export
from kgraph.graph.namespaces import KG, KGR
from kgraph.model import Article

from conftest import assert_valid

KGNS = rdflib.Namespace(str(KG._NS))


def corpus_of(*texts: tuple[str, str]):
    articles = [
        clean_article(Article(id=f"a{i}", text=text, language=lang, path=f"a{i}.txt"))
        for i, (text, lang) in enumerate(texts)
    ]
    return extract_corpus(articles)


def turtle(corpus, folder: Path) -> rdflib.Graph:
    path = export(corpus.store(), "ttl", folder)
    assert_valid(path)
    return rdflib.Graph().parse(path, format="turtle")


def test_same_fact_in_two_articles_is_one_statement_with_two_evidences(tmp_path):
    corpus = corpus_of(
        ("Korea Utara memberi Rusia senjata.", "id"),
        ("North Korea supplied Russia with artillery shells.", "en"),
    )
    graph = turtle(corpus, tmp_path)
    statements = list(graph.subjects(rdflib.RDF.predicate, KGNS.suppliesWeaponsTo))
    assert len(statements) == 1
    evidences = list(graph.objects(statements[0], KGNS.evidence))
    assert len(evidences) == 2
    articles = {graph.value(e, KGNS.article) for e in evidences}
    assert articles == {rdflib.URIRef(KGR["article/a0"]), rdflib.URIRef(KGR["article/a1"])}
    assert (rdflib.URIRef(KGR.PRK), KGNS.suppliesWeaponsTo, rdflib.URIRef(KGR.RUS)) in graph


def test_rebuilding_gives_the_same_file(tmp_path):
    texts = (("Rusia menyerang Ukraina. Jepang mengecam Rusia.", "id"),)
    first = export(corpus_of(*texts).store(), "ttl", tmp_path / "1").read_bytes()
    second = export(corpus_of(*texts).store(), "ttl", tmp_path / "2").read_bytes()
    assert first == second


def test_only_positive_factual_statements_are_direct_triples(tmp_path):
    corpus = corpus_of(
        (
            "Indonesia tidak akan memasok senjata kepada Myanmar. "
            "Jika Rusia menyerang Polandia, NATO akan bertindak. "
            "Jepang dilaporkan mengirim bantuan kemanusiaan kepada Filipina.",
            "id",
        )
    )
    graph = turtle(corpus, tmp_path)
    idn, mmr = rdflib.URIRef(KGR.IDN), rdflib.URIRef(KGR.MMR)
    rus, pol = rdflib.URIRef(KGR.RUS), rdflib.URIRef(KGR.POL)
    jpn, phl = rdflib.URIRef(KGR.JPN), rdflib.URIRef(KGR.PHL)
    assert (idn, KGNS.suppliesWeaponsTo, mmr) not in graph
    assert (rus, KGNS.attacks, pol) not in graph
    assert (jpn, KGNS.providesHumanitarianAidTo, phl) in graph
    # but every one of them is a kg:Statement with its polarity and modality
    modes = {
        (
            str(graph.value(s, rdflib.RDF.predicate)),
            str(graph.value(s, KGNS.polarity)),
            str(graph.value(s, KGNS.modality)),
        )
        for s in graph.subjects(rdflib.RDF.type, KGNS.Statement)
    }
    assert (str(KGNS.suppliesWeaponsTo), "negative", "intended") in modes
    assert (str(KGNS.attacks), "positive", "hypothetical") in modes


def test_denial_disputes_the_fact_it_names(tmp_path):
    corpus = corpus_of(
        (
            "Korea Utara memasok senjata kepada Rusia, kata Amerika Serikat.\n"
            "Pyongyang dan Moskow membantah adanya transaksi senjata di antara mereka.",
            "id",
        )
    )
    graph = turtle(corpus, tmp_path)
    (arms,) = graph.subjects(rdflib.RDF.predicate, KGNS.suppliesWeaponsTo)
    assert set(graph.objects(arms, KGNS.disputedBy)) == {
        rdflib.URIRef(KGR.PRK),
        rdflib.URIRef(KGR.RUS),
    }
    assert set(graph.objects(arms, KGNS.claimedBy)) == {rdflib.URIRef(KGR.USA)}
    denials = set(graph.subjects(KGNS.disputes, arms))
    assert len(denials) == 2


def test_turtle_round_trips_through_rdflib_and_oxigraph(tmp_path):
    corpus = corpus_of(("Rusia menyerang Ukraina, kata Jepang.", "id"))
    path = export(corpus.store(), "ttl", tmp_path)
    first = rdflib.Graph().parse(path, format="turtle")
    again = rdflib.Graph().parse(data=first.serialize(format="turtle"), format="turtle")
    assert isomorphic(first, again)
    assert len(list(ox.parse(path=str(path)))) == len(first)
    for fmt in ("nt", "jsonld", "trig"):
        written = export(corpus.store(), fmt, tmp_path)
        assert written.stat().st_size > 0
        assert_valid(written)


def test_evidence_offsets_and_sentence_in_the_graph(tmp_path):
    text = "Judul\n\nRusia menyerang Ukraina. Jepang mengecam Rusia."
    corpus = corpus_of((text, "id"))
    graph = turtle(corpus, tmp_path)
    article = corpus.articles[0]
    for evidence in graph.subjects(rdflib.RDF.type, KGNS.Evidence):
        start = int(graph.value(evidence, KGNS.start))
        end = int(graph.value(evidence, KGNS.end))
        assert article.text[start:end] == str(graph.value(evidence, KGNS.sentence))
