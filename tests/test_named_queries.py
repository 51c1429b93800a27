"""Named queries (ontologies/queries/*.rq) and their parameters, through ``kgraph query``.

The sample article is read from the shared folder (never copied here); the examples
are our own articles. Expected rows are checked against what the graph holds, found
with a separate SPARQL query, rather than against numbers written down here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.query import load_graph, named_queries, run_query

from conftest import assert_valid

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
PARAMS = {  # sensible parameters for the examples (our own articles)
    "actor-profile": ["actor=Russia"],
    "relations-between": ["a=Korea Utara", "b=Rusia"],
    "timeline": ["actor=Russia"],
}


def _build(articles: Path, out: Path) -> Path:
    result = runner.invoke(app, ["build", str(articles), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_valid(out / "graph.ttl")
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def sample_graph(shared_dir: Path, tmp_path_factory) -> Path:
    return _build(shared_dir / "articles", tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def examples_graph(tmp_path_factory) -> Path:
    return _build(EXAMPLES, tmp_path_factory.mktemp("examples"))


def query(graph: Path, name: str, *params: str, fmt: str = "csv") -> list[dict[str, str]]:
    args = ["query", str(graph), "--named", name, "--format", fmt]
    for param in params:
        args += ["--param", param]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def count(graph: Path, sparql: str) -> int:
    return int(next(iter(run_query(load_graph(graph), sparql)))["n"].value)


# --------------------------------------------------------------------------- the sample


def test_arms_transfers_names_north_korea_to_russia_with_claimants(sample_graph: Path):
    rows = query(sample_graph, "arms-transfers")
    row = next(r for r in rows if (r["supplier"], r["recipient"]) == ("North Korea", "Russia"))
    assert {"Antony Blinken", "United States"} <= set(row["claimants"].split("; "))
    assert {"North Korea", "Russia"} <= set(row["disputedBy"].split("; "))


def test_claims_and_denials_pairs_the_transfer_with_its_denial(sample_graph: Path):
    rows = query(sample_graph, "claims-and-denials")
    row = next(
        r
        for r in rows
        if (r["subject"], r["relation"], r["object"])
        == ("North Korea", "suppliesWeaponsTo", "Russia")
    )
    assert "Antony Blinken" in row["claimedBy"]
    assert {"North Korea", "Russia"} <= set(row["deniedBy"].split("; "))
    assert "membantah" in row["denialSentence"]  # the denial, not the claim
    assert "membantah" not in row["claimSentence"]


def test_actor_profile_is_the_same_whatever_name_is_given(sample_graph: Path):
    indonesian = query(sample_graph, "actor-profile", "actor=Korea Utara")
    assert indonesian == query(sample_graph, "actor-profile", "actor=North Korea")
    assert indonesian == query(sample_graph, "actor-profile", "actor=dprk")  # alias, any case
    assert indonesian == query(sample_graph, "actor-profile", "actor=kgr:PRK")
    assert {r["name"] for r in indonesian} == {"North Korea"}
    assert indonesian[0]["country"] == "PRK" and indonesian[0]["type"] == "Country"
    assert "Korea Utara@id" in indonesian[0]["names"]
    weapons = [r for r in indonesian if r["relation"] == "suppliesWeaponsTo"]
    assert [(w["role"], w["other"]) for w in weapons] == [("subject", "Russia")]
    statements = count(
        sample_graph,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:polarity ?p "
        "{ ?s rdf:subject kgr:PRK } UNION { ?s rdf:object kgr:PRK } }",
    )
    assert len(indonesian) == statements


def test_relations_between_north_korea_and_russia_only(sample_graph: Path):
    rows = query(sample_graph, "relations-between", "a=North Korea", "b=Russia")
    assert all({r["subject"], r["object"]} == {"North Korea", "Russia"} for r in rows)
    transfer = next(r for r in rows if r["relation"] == "suppliesWeaponsTo")
    assert (transfer["subject"], transfer["object"]) == ("North Korea", "Russia")
    assert "Antony Blinken" in transfer["claimedBy"]
    between = count(
        sample_graph,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:polarity ?p "
        "{ ?s rdf:subject kgr:PRK ; rdf:object kgr:RUS } UNION "
        "{ ?s rdf:subject kgr:RUS ; rdf:object kgr:PRK } }",
    )
    assert len(rows) == between
    assert query(sample_graph, "relations-between", "a=Rusia", "b=Korut") == rows


def _date_key(date: str) -> tuple:
    return (date == "", date.startswith("--"), date)


def test_timeline_is_in_date_order(sample_graph: Path, examples_graph: Path):
    rows = query(sample_graph, "timeline", "actor=Korea Utara")
    assert rows and all(r["sentence"] for r in rows)
    assert any(r["relation"] == "suppliesWeaponsTo" for r in rows)
    for graph in (sample_graph, examples_graph):
        dates = [r["date"] for r in query(graph, "timeline", "actor=Russia")]
        assert dates == sorted(dates, key=_date_key)
    # the examples have event dates and dated articles: both kinds of date appear
    dated = {r["dated"] for r in query(examples_graph, "timeline", "actor=Russia")}
    assert {"event", "article"} <= dated


def test_top_actors_starts_with_north_korea_and_russia(sample_graph: Path):
    rows = query(sample_graph, "top-actors")
    assert {"North Korea", "Russia"} <= {r["actor"] for r in rows[:3]}
    counts = [int(r["statements"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_who_condemns_whom_has_rows_of_the_right_shape(sample_graph: Path):
    rows = query(sample_graph, "who-condemns-whom")
    assert rows
    for row in rows:
        assert set(row) == {"actor", "relation", "target", "evidences"}
        assert row["relation"] in {"condemns", "accuses"} and int(row["evidences"]) >= 1
    assert ("G7", "condemns", "North Korea") in {
        (r["actor"], r["relation"], r["target"]) for r in rows
    }


# --------------------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_runs_on_the_examples(examples_graph: Path, name: str):
    rows = query(examples_graph, name, *PARAMS.get(name, []))
    assert rows, f"{name} returned no rows"


def test_every_parameterised_query_has_its_parameters_in_params():
    for name, item in named_queries().items():
        assert [p.split("=")[0] for p in PARAMS.get(name, [])] == list(item.params), name
        assert item.description, f"{name}.rq has no '# {name}: description' line"


def test_missing_and_unknown_parameters_are_clear_errors(examples_graph: Path):
    graph = str(examples_graph)
    missing = runner.invoke(app, ["query", graph, "--named", "relations-between", "-p", "a=Russia"])
    assert missing.exit_code == 1 and "[E024]" in missing.stderr and "parameter b" in missing.stderr
    unknown = runner.invoke(
        app, ["query", graph, "--named", "timeline", "-p", "actor=Russia", "-p", "who=x"]
    )
    assert unknown.exit_code == 1 and "[E025]" in unknown.stderr and "'who'" in unknown.stderr
    assert "actor" in unknown.stderr  # says which parameters there are
    none = runner.invoke(app, ["query", graph, "--named", "top-actors", "-p", "actor=Russia"])
    assert none.exit_code == 1 and "[E025]" in none.stderr
    malformed = runner.invoke(app, ["query", graph, "--named", "timeline", "-p", "Russia"])
    assert malformed.exit_code == 1 and "[E023]" in malformed.stderr
    nobody = runner.invoke(app, ["query", graph, "--named", "timeline", "-p", "actor=Atlantis"])
    assert nobody.exit_code == 1 and "[E026]" in nobody.stderr and "Atlantis" in nobody.stderr


def test_formats_of_a_named_query_with_parameters(examples_graph: Path):
    expected = query(examples_graph, "relations-between", *PARAMS["relations-between"])
    args = ["query", str(examples_graph), "--named", "relations-between"]
    args += [arg for p in PARAMS["relations-between"] for arg in ("--param", p)]
    as_json = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert as_json["head"]["vars"] == list(expected[0])
    assert [b["relation"]["value"] for b in as_json["results"]["bindings"]] == [
        r["relation"] for r in expected
    ]
    tsv = runner.invoke(app, [*args, "-f", "tsv"]).stdout
    assert list(csv.DictReader(io.StringIO(tsv), delimiter="\t")) == expected
    table = runner.invoke(app, [*args, "-f", "table"])
    assert table.exit_code == 0 and "subject" in table.stdout  # narrow terminal: cells cut


def test_list_shows_every_query_with_its_parameters():
    listing = runner.invoke(app, ["query", "--list"]).stdout
    for name, item in named_queries().items():
        line = next(line for line in listing.splitlines() if line.startswith(name + " "))
        assert item.description[:30] in line
        for key in item.params:
            assert f"--param {key}=" in listing
    for name in ("arms-transfers", "who-condemns-whom", "claims-and-denials", "actor-profile"):
        assert name in listing
    assert "relations-between" in listing and "timeline" in listing and "top-actors" in listing


def test_inline_query_with_a_parameter_and_syntax_error_position(examples_graph: Path):
    graph = str(examples_graph)
    text = "SELECT ?actor ?label WHERE { ?actor rdfs:label ?label }"
    result = runner.invoke(app, ["query", graph, text, "-p", "actor=kgr:RUS", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["label", "Russia"]  # the parameter column is left out
    bad = runner.invoke(
        app, ["query", graph, "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  FILTER(?x = )\n}"]
    )
    assert bad.exit_code == 1 and "[E021]" in bad.stderr
    assert "line 5, column 2" in bad.stderr  # where the parser gave up: the '}' after '= )'
    typo = runner.invoke(app, ["query", graph, "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  FILTR(?x)\n}"])
    assert "line 4, column" in typo.stderr and "FILTR(?x)" in typo.stderr
    # kgraph adds PREFIX lines for kg: and friends; the line is still the user's
    shifted = runner.invoke(
        app, ["query", graph, "SELECT ?x WHERE {\n ?x a kg:Statement ;\n kg:x }"]
    )
    assert "line 3, column" in shifted.stderr


# --------------------------------------------------------------------------- rdflib


def test_rdflib_reads_a_store_folder_through_oxrdflib(examples_graph: Path, tmp_path: Path):
    import oxrdflib  # a dependency of kgraph: its absence is a failure, not a skip
    import rdflib

    from kgraph.store import open_source, open_store

    store = open_store(tmp_path)
    store.bulk_load(
        path=str(examples_graph),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://example.org/g"),
    )
    store.flush()
    del store
    dataset = rdflib.Dataset(
        store=oxrdflib.OxigraphStore(store=open_source(tmp_path)), default_union=True
    )
    statements = dataset.query(
        "PREFIX kg: <https://w3id.org/kgraph/ontology#> "
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }"
    )
    expected = count(examples_graph, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }")
    assert [int(row.n) for row in statements] == [expected]
    russia = rdflib.URIRef("https://w3id.org/kgraph/resource/RUS")
    assert str(dataset.value(russia, rdflib.RDFS.label)) == "Russia"
