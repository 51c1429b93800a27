"""Acceptance on the shared sample article (read from ../shared, never copied here)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kgraph.build import extract_corpus
from kgraph.cli import app
from kgraph.documents import load_articles
from kgraph.evaluate import evaluate, read_forbidden, read_gold
from kgraph.graph.relations import load_relations

from conftest import assert_valid

runner = CliRunner()
KG = rdflib.Namespace("https://w3id.org/kgraph/ontology#")
KGR = rdflib.Namespace("https://w3id.org/kgraph/resource/")


@pytest.fixture(scope="module")
def built(shared_dir: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = runner.invoke(app, ["build", str(shared_dir / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_valid(out / "graph.ttl")
    assert_valid(out / "store")
    return out


@pytest.fixture(scope="module")
def graph(built: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(built / "graph.ttl", format="turtle")


def test_graph_parses_with_rdflib_and_pyoxigraph(built: Path, graph: rdflib.Graph):
    assert len(graph) > 100
    assert len(list(ox.parse(path=str(built / "graph.ttl")))) == len(graph)


def test_quality_floor_on_the_sample(shared_dir: Path, sample_article: Path):
    corpus = extract_corpus(load_articles([sample_article]))
    eval_dir = shared_dir / "eval"
    symmetric = frozenset(n for n, r in load_relations().items() if r.symmetric)
    report = evaluate(
        corpus.facts(),
        read_gold(eval_dir / "000_d9c482248d65fc47.gold.jsonl"),
        read_forbidden(eval_dir / "000_d9c482248d65fc47.forbid.jsonl"),
        entities=corpus.entities,
        symmetric=symmetric,
    )
    summary = report.as_dict()
    assert report.recall >= 0.85, summary
    assert report.precision >= 0.85, summary
    assert report.f1 >= 0.85, summary
    assert report.forbidden_hits == [], summary
    assert report.claims_total >= 5 and report.claim_accuracy >= 0.8, summary


def test_arms_transfer_is_one_statement_with_claims_and_denials(graph: rdflib.Graph):
    statements = [
        s
        for s in graph.subjects(rdflib.RDF.predicate, KG.suppliesWeaponsTo)
        if graph.value(s, rdflib.RDF.subject) == KGR.PRK
        and graph.value(s, rdflib.RDF.object) == KGR.RUS
        and str(graph.value(s, KG.polarity)) == "positive"
    ]
    assert len(statements) == 1
    (arms,) = statements
    assert len(set(graph.objects(arms, KG.evidence))) >= 3  # lines 6, 8 and 15
    claimants = set(graph.objects(arms, KG.claimedBy))
    assert {KGR.Antony_Blinken, KGR.USA} <= claimants
    assert KGR.G7 in claimants
    assert {KGR.PRK, KGR.RUS} <= set(graph.objects(arms, KG.disputedBy))
    # the denials point back at it, and their sentence is line 7's
    denials = set(graph.subjects(KG.disputes, arms))
    assert denials
    for denial in denials:
        sentence = str(graph.value(graph.value(denial, KG.evidence), KG.sentence))
        assert "membantah" in sentence


def test_nothing_from_the_byline_or_more_stories(graph: rdflib.Graph, sample_article: Path):
    raw = sample_article.read_text(encoding="utf-8")
    cut = raw.index("More Stories")
    for evidence in graph.subjects(rdflib.RDF.type, KG.Evidence):
        assert int(graph.value(evidence, KG.end)) < cut
        sentence = str(graph.value(evidence, KG.sentence))
        assert "Laporan oleh" not in sentence and "Ditulis oleh" not in sentence
    labels = {str(o) for o in graph.objects(None, rdflib.RDFS.label)}
    for name in ("Jo Min Park", "Jack Kim", "Ed Davies", "Donald Trump", "Kamala", "Pakistan"):
        assert name not in labels
    # the byline is kept as article metadata, not lost
    creators = {str(o) for o in graph.objects(None, rdflib.DCTERMS.creator)}
    assert {"Jo Min Park", "Jack Kim"} <= creators


def test_named_query_lists_arms_transfers_with_claimants(built: Path):
    result = runner.invoke(
        app, ["query", str(built / "graph.ttl"), "--named", "arms-transfers", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"supplier", "recipient", "claimants", "evidences"} <= set(rows[0])
    row = next(r for r in rows if (r["supplier"], r["recipient"]) == ("North Korea", "Russia"))
    assert "Antony Blinken" in row["claimants"] and "United States" in row["claimants"]
    assert int(row["evidences"]) >= 3


def test_eval_command_reports_scores(shared_dir: Path, sample_article: Path):
    eval_dir = shared_dir / "eval"
    result = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(eval_dir / "000_d9c482248d65fc47.gold.jsonl"),
            "--forbid",
            str(eval_dir / "000_d9c482248d65fc47.forbid.jsonl"),
            str(sample_article),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout and "recall" in result.stdout
    assert "forbidden hits: 0" in result.stdout


@pytest.mark.browser
def test_sample_page_draws_offline_in_chromium(browser, built: Path):
    from kgraph.export.view import graph_view
    from kgraph.query import load_graph

    from browser import inspect_page

    nodes, edges, _ = graph_view(load_graph(built / "graph.ttl"))
    report = inspect_page(browser, built / "graph.html")
    assert report.nodes_drawn == len(nodes) > 10
    assert report.edges_drawn == len(edges)
    assert report.console_errors == []
    assert report.external_requests == []
    shots = Path(__file__).resolve().parents[1] / "output" / "test-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(shots / "sample.png"))
