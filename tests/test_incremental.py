"""Incremental builds into a store: only new and changed files are extracted again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.incremental import fingerprint, update_store
from kgraph.store import REFERENCE_GRAPHS, data_quads, open_source

from conftest import EXAMPLES, assert_valid

runner = CliRunner()
KG = "https://w3id.org/kgraph/ontology#"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
EDITED = "en-01-indonesia-australia-maritime.txt"
DELETED = "en-04-eu-sanctions-iran-missiles.txt"
# Our own sentence, added to the edited article: a statement no other article makes.
ADDED = "\n\nJapan condemned North Korea on Friday over the missile launch.\n\n"


def build(folder: Path, out: Path) -> str:
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.stderr


def snapshot(store_folder: Path) -> set[ox.Quad]:
    return set(open_source(store_folder))


def evidence_by_statement(quads: set[ox.Quad]) -> set[tuple[str, str]]:
    link = ox.NamedNode(KG + "evidence")
    return {(q.subject.value, q.object.value) for q in quads if q.predicate == link}


def statements(quads: set[ox.Quad]) -> set[str]:
    kind = ox.NamedNode(KG + "Statement")
    return {q.subject.value for q in quads if q.predicate == TYPE and q.object == kind}


def article_graphs(quads: set[ox.Quad]) -> set[str]:
    return {q.graph_name.value for q in quads if "/article/" in str(q.graph_name)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_second_build_extracts_nothing_and_leaves_the_store_as_it_was(corpus, tmp_path):
    out = tmp_path / "out"
    first_log = build(corpus, out)
    assert "Files: 10 extracted, 0 unchanged, 0 withdrawn" in first_log
    before = snapshot(out / "store")
    manifest = (out / "store" / "manifest.json").read_bytes()
    ttl = (out / "graph.ttl").read_bytes()

    second_log = build(corpus, out)
    assert "Files: 0 extracted, 10 unchanged, 0 withdrawn" in second_log
    assert snapshot(out / "store") == before
    assert (out / "store" / "manifest.json").read_bytes() == manifest
    assert (out / "graph.ttl").read_bytes() == ttl
    # One graph per article (10 files, one of them a .jsonl of several), plus facts,
    # entities, ontology and gazetteer.
    graphs = {q.graph_name for q in before}
    built = int(first_log.split("Built ", 1)[1].split()[0])
    assert len(article_graphs(before)) == built > 10
    assert graphs >= REFERENCE_GRAPHS
    assert_valid(out / "store")


def test_editing_one_article_and_deleting_another_changes_exactly_their_statements(
    corpus, tmp_path
):
    out = tmp_path / "out"
    build(corpus, out)
    before = snapshot(out / "store")
    edited_iri = f"https://w3id.org/kgraph/resource/article/{EDITED.removesuffix('.txt')}"
    deleted_iri = f"https://w3id.org/kgraph/resource/article/{DELETED.removesuffix('.txt')}"

    def evidence_of(quads: set[ox.Quad], article: str) -> set[tuple[str, str]]:
        mine = {q.subject.value for q in quads if str(q.graph_name) == f"<{article}>"}
        return {(s, e) for s, e in evidence_by_statement(quads) if e in mine}

    # After the first paragraph: the article's tail ("More Stories") is not read.
    first, rest = (corpus / EDITED).read_text("utf-8").split("\n\n", 1)
    (corpus / EDITED).write_text(first + ADDED + rest, "utf-8")
    (corpus / DELETED).unlink()
    log = build(corpus, out)
    assert "Files: 1 extracted, 8 unchanged, 1 withdrawn" in log
    after = snapshot(out / "store")

    assert deleted_iri not in article_graphs(after)
    assert evidence_of(after, deleted_iri) == set()
    # Every other article's evidence is untouched; the edited one gained the new sentence.
    untouched = evidence_by_statement(before) - evidence_of(before, edited_iri)
    untouched -= evidence_of(before, deleted_iri)
    assert evidence_by_statement(after) - evidence_of(after, edited_iri) == untouched
    new = evidence_of(after, edited_iri) - evidence_of(before, edited_iri)
    sentences = {
        q.object.value
        for q in after
        if q.predicate.value == KG + "sentence" and q.subject.value in {e for _, e in new}
    }
    assert any("Japan condemned North Korea" in s for s in sentences)
    # A statement whose only evidence was in the deleted article is gone; the rest keep
    # exactly the evidence that still exists.
    only_deleted = {s for s, _ in evidence_of(before, deleted_iri)} - {
        s for s, _ in untouched | evidence_of(after, edited_iri)
    }
    assert only_deleted and not only_deleted & statements(after)
    assert statements(after) == {s for s, _ in evidence_by_statement(after)}
    # Withdrawing and re-extracting leaves a well-formed graph, in the store and the file.
    assert_valid(out / "store")
    assert_valid(out / "graph.ttl")

    # And the store equals one built from scratch from the edited folder.
    fresh = tmp_path / "fresh"
    build(corpus, fresh)
    assert set(data_quads(open_source(fresh / "store"))) == set(
        data_quads(open_source(out / "store"))
    )


def test_a_changed_pipeline_extracts_everything_again(corpus, tmp_path):
    store = tmp_path / "store"
    assert len(update_store([corpus], store).extracted) == 10
    assert fingerprint(extractor="lexicon", language=None) != fingerprint(
        extractor="lexicon", language="en"
    )
    again = update_store([corpus], store, language="en")
    assert len(again.extracted) == 10 and not again.reused
    manifest = json.loads((store / "manifest.json").read_text("utf-8"))
    assert manifest["fingerprint"] == fingerprint(extractor="lexicon", language="en")


def test_a_lost_database_is_rebuilt_from_the_kept_extractions(corpus, tmp_path):
    store = tmp_path / "store"
    update_store([corpus], store)
    expected = set(data_quads(open_source(store)))
    shutil.rmtree(store / "oxigraph")
    again = update_store([corpus], store)
    assert not again.extracted  # the extraction records were reused
    assert set(data_quads(open_source(store))) == expected


def test_two_worker_processes_build_what_one_process_builds(tmp_path):
    # 132 files: enough for two workers (FILES_PER_WORKER each), so the pool really runs.
    corpus = Path(__file__).resolve().parents[1] / "evaluation" / "dev" / "articles"
    from kgraph.incremental import FILES_PER_WORKER

    assert len(list(corpus.iterdir())) >= 2 * FILES_PER_WORKER
    one = update_store([corpus], tmp_path / "one", workers=1)
    two = update_store([corpus], tmp_path / "two", workers=2)
    assert len(two.extracted) == len(one.extracted) >= 2 * FILES_PER_WORKER
    assert set(data_quads(open_source(tmp_path / "one"))) == set(
        data_quads(open_source(tmp_path / "two"))
    )
    assert_valid(tmp_path / "two")  # the largest graph the tests build (the dev articles)
