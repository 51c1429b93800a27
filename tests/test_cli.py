"""The kgraph command as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import rdflib
from typer.testing import CliRunner

from kgraph import __version__
from kgraph.cli import app

from conftest import EXAMPLES, assert_valid

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_build_examples_writes_turtle_and_html(tmp_path):
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    kg = rdflib.Namespace("https://w3id.org/kgraph/ontology#")
    articles = set(graph.subjects(rdflib.RDF.type, kg.Article))
    assert len(articles) == 11  # 9 files, one of them a JSON Lines file with two records
    assert len(set(graph.subjects(rdflib.RDF.type, kg.Statement))) >= 20
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Built 11 articles" in result.stderr
    assert_valid(tmp_path / "graph.ttl")
    assert_valid(tmp_path / "store")


def test_build_extra_formats_are_read_back_by_networkx(tmp_path):
    import networkx as nx

    result = runner.invoke(
        app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--format", "graphml,gexf,csv"]
    )
    assert result.exit_code == 0, result.output
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "statements.csv").read_text("utf-8-sig"))))
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    query = "SELECT ?s { ?s a <https://w3id.org/kgraph/ontology#Statement> }"
    statements = len(list(store.query(query)))
    assert graphml.number_of_edges() == gexf.number_of_edges() == len(rows) == statements
    query = """SELECT (COUNT(DISTINCT ?e) AS ?n) {
      ?s a <https://w3id.org/kgraph/ontology#Statement> .
      { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?e }
      UNION { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?e } }"""
    actors = int(next(iter(store.query(query)))["n"].value)
    assert graphml.number_of_nodes() == gexf.number_of_nodes() == actors


def test_unknown_format_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 1
    assert "[E030]" in result.stderr and "graphml" in result.stderr


def test_extract_reads_stdin_and_prints_the_output_contract():
    text = "Menteri Luar Negeri Retno Marsudi mengatakan bahwa Indonesia mengecam Israel.\n"
    result = runner.invoke(app, ["extract", "-", "--lang", "id", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    condemn = next(r for r in records if r["relation"] == "condemns")
    assert condemn["subject"] == {
        "iri": "https://w3id.org/kgraph/resource/IDN",
        "label": "Indonesia",
        "type": "Country",
        "country": "IDN",
    }
    assert condemn["object"]["label"] == "Israel"
    assert condemn["claimed_by"]["label"] == "Retno Marsudi"
    assert (condemn["polarity"], condemn["modality"]) == ("positive", "asserted")
    assert (condemn["plover"], condemn["cameo"]) == ("ACCUSE", "111")
    evidence = condemn["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert evidence["doc"] == "stdin" and evidence["sentence"] == 1


def test_extract_table_format():
    result = runner.invoke(
        app, ["extract", "-", "--lang", "en", "--format", "table"], input="Russia attacked Ukraine."
    )
    assert result.exit_code == 0
    assert "attacks" in result.stdout and "Ukraine" in result.stdout


def make_junk(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text("Rusia menyerang Ukraina pada Kamis.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xffPNG\x00\x00data")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))


def test_extract_reports_each_bad_file_and_fails_only_when_strict(tmp_path):
    junk = tmp_path / "junk"
    make_junk(junk)
    result = runner.invoke(app, ["extract", str(junk), "--lang", "id"])
    assert result.exit_code == 0, result.output
    problems = result.stderr.strip().splitlines()
    assert any("binary.txt" in line and "[E002]" in line for line in problems)
    assert any("empty.txt" in line and "[E001]" in line for line in problems)
    assert any("latin.txt" in line and "[E003]" in line for line in problems)
    assert "good.txt" not in result.stderr
    assert '"relation": "attacks"' in result.stdout
    strict = runner.invoke(app, ["extract", str(junk), "--lang", "id", "--strict"])
    assert strict.exit_code == 1
    assert '"relation": "attacks"' in strict.stdout  # the good file is still processed


def test_build_with_bad_files_still_builds_the_good_ones(tmp_path):
    junk = tmp_path / "junk"
    make_junk(junk)
    result = runner.invoke(app, ["build", str(junk), "-o", str(tmp_path / "out"), "--lang", "id"])
    assert result.exit_code == 0
    assert "3 problem(s) reported" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    assert_valid(tmp_path / "out" / "graph.ttl")
    strict = runner.invoke(app, ["build", str(junk), "-o", str(tmp_path / "o2"), "--strict"])
    assert strict.exit_code == 1


def test_query_inline_named_and_errors(tmp_path):
    runner.invoke(app, ["build", str(EXAMPLES), "-o", str(tmp_path)])
    graph = str(tmp_path / "graph.ttl")
    result = runner.invoke(
        app, ["query", graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    count = int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])
    assert count >= 20
    listing = runner.invoke(app, ["query", "--list"])
    assert "arms-transfers" in listing.stdout and "claims-and-denials" in listing.stdout
    bad = runner.invoke(app, ["query", graph, "SELECT ?x WHERE { ?x"])
    assert bad.exit_code == 1 and "[E021]" in bad.stderr
    missing = runner.invoke(app, ["query", graph, "--named", "nope"])
    assert missing.exit_code == 1 and "[E020]" in missing.stderr
    assert "arms-transfers" in missing.stderr  # the error lists what is available


def test_extractor_without_a_parser_is_a_clear_error_and_indonesian_keeps_the_lexicon(
    monkeypatch,
):
    from kgraph.pipeline import load_pipeline
    from kgraph.relations import dependency

    monkeypatch.setattr(dependency.importlib.util, "find_spec", lambda name: None)
    load_pipeline.cache_clear()  # a parsed pipeline built by another test would hide the error
    try:
        english = runner.invoke(
            app,
            ["extract", "-", "--lang", "en", "--extractor", "dependency"],
            input="Russia attacked Ukraine.",
        )
        indonesian = runner.invoke(
            app,
            ["extract", "-", "--lang", "id", "--extractor", "both"],
            input="Rusia menyerang Ukraina.",
        )
    finally:
        load_pipeline.cache_clear()
    assert english.exit_code == 1
    assert "[E017]" in english.stderr and "requirements/parser.txt" in english.stderr
    assert indonesian.exit_code == 0, indonesian.output
    assert '"relation": "attacks"' in indonesian.stdout


def test_eval_forbid_rules_weigh_only_their_own_articles_evidence(tmp_path: Path) -> None:
    # the same fact is asserted in one article and only planned in the other: the
    # planned article's forbid rule must not be hit by the other article's evidence
    (tmp_path / "done.txt").write_text("Chile attacked Peru on Monday.\n", encoding="utf-8")
    (tmp_path / "plan.txt").write_text("Chile plans to attack Peru.\n", encoding="utf-8")
    line = {"subject": ["Chile"], "relation": ["attacks"], "object": ["Peru"]}
    (tmp_path / "done.gold.jsonl").write_text(json.dumps({"id": "g", "line": 1, **line}) + "\n")
    (tmp_path / "plan.gold.jsonl").write_text("")
    rule = {"id": "f-planned", "reason": "only a plan", "entities": [], "statements": [line]}
    (tmp_path / "plan.forbid.jsonl").write_text(json.dumps(rule) + "\n")
    inputs = [str(tmp_path / "done.txt"), str(tmp_path / "plan.txt")]
    result = runner.invoke(
        app, ["eval", "--gold", str(tmp_path), "--lang", "en", "--json", *inputs]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["forbidden_hits"] == []
    assert report["found"] == 1


def test_eval_json_names_the_article_of_each_miss(tmp_path: Path) -> None:
    # gold ids repeat from file to file in a folder: a miss must say which article it is in
    for name, text in (("one", "Chile attacked Peru.\n"), ("two", "Nothing happened.\n")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        line = {"id": "s01", "line": 1, "subject": ["Chile"], "relation": ["attacks"]}
        (tmp_path / f"{name}.gold.jsonl").write_text(json.dumps({**line, "object": ["Peru"]}))
    result = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(tmp_path),
            "--lang",
            "en",
            "--json",
            *map(str, tmp_path.glob("*.txt")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["missed"] == [{"id": "s01", "article": "two", "line": 1}]


def test_messages_keep_brackets_in_file_names(tmp_path):
    # Rich markup would eat "[draft]" from the name; messages are printed escaped.
    missing = tmp_path / "report[draft].txt"
    result = runner.invoke(app, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert f"[E009] {missing}: no such file" in result.stderr
