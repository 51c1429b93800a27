"""``kgraph push`` against a real Virtuoso, started and stopped by the fixture (tests/virtuoso.py).

The examples are built once into a store folder; every test pushes that store and counts
in Virtuoso with queries scoped to the pushed graphs, since even an empty Virtuoso holds
triples of its own. Tests run in file order on one server; each one checks only what its
own push must leave behind.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import PushError
from kgraph.push import REFERENCE_GRAPHS, default_graphs, named_graphs, push
from kgraph.store import FACTS_GRAPH, open_source

from conftest import EXAMPLES, assert_valid, require

KG = "https://w3id.org/kgraph/ontology#"
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The examples built by ``kgraph build`` into OUT; the store is OUT/store."""
    out = tmp_path_factory.mktemp("built")
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_valid(out / "store")
    return out


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    return open_source(built / "store")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    import virtuoso as vt

    require(vt.available(), "virtuoso-t not installed (apt-get install virtuoso-opensource)")
    with vt.running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def _values(graphs: list[str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def remote_triples(server, graphs: list[str]) -> dict[str, int]:
    rows = server.select(
        "SELECT ?g (COUNT(*) AS ?n)"
        f" {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ {_values(graphs)} }} }} GROUP BY ?g"
    )
    return {row["g"]: int(row["n"]) for row in rows}


def remote_statements(server, graphs: list[str]) -> int:
    return server.count(
        f"PREFIX kg: <{KG}> SELECT (COUNT(DISTINCT ?s) AS ?n)"
        f" {{ GRAPH ?g {{ ?s a kg:Statement }} VALUES ?g {{ {_values(graphs)} }} }}"
    )


def local_triples(store: ox.Store, graphs: list[str]) -> dict[str, int]:
    counts = {
        g: len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in graphs
    }
    return {g: n for g, n in counts.items() if n}


def local_statements(store: ox.Store, graphs: list[str]) -> int:
    query = (
        f"PREFIX kg: <{KG}> SELECT (COUNT(DISTINCT ?s) AS ?n)"
        f" {{ GRAPH ?g {{ ?s a kg:Statement }} VALUES ?g {{ {_values(graphs)} }} }}"
    )
    (row,) = store.query(query)
    return int(row["n"].value)


def assert_same(server, store: ox.Store, graphs: list[str]) -> None:
    assert remote_triples(server, graphs) == local_triples(store, graphs)
    assert remote_statements(server, graphs) == local_statements(store, graphs)


def test_store_has_article_and_data_graphs(store):
    graphs = default_graphs(store)
    assert FACTS_GRAPH.value in graphs
    assert sum("/resource/article/" in g for g in graphs) == 11
    assert not set(REFERENCE_GRAPHS) & set(graphs)


def test_push_finds_every_statement_in_virtuoso(virtuoso, store):
    graphs = default_graphs(store)
    report = push(store, virtuoso.sparql_auth, user=virtuoso.user, password=virtuoso.password)
    local = local_statements(store, graphs)
    assert local >= 20  # 104 when written; the examples hold many more than 20
    assert remote_statements(virtuoso, graphs) == local
    assert remote_triples(virtuoso, graphs) == local_triples(store, graphs)
    assert report.url == virtuoso.graph_store
    assert [g.graph for g in report.graphs] == graphs
    assert report.triples == sum(local_triples(store, graphs).values())


def test_push_replaces_graphs(virtuoso, store):
    graphs = default_graphs(store)
    stale = ox.Store()
    stale.add(
        ox.Quad(
            ox.NamedNode("https://example.org/stale"),
            ox.NamedNode(f"{KG}note"),
            ox.Literal("left over"),
            FACTS_GRAPH,
        )
    )
    push(stale, virtuoso.sparql_auth, user=virtuoso.user, password=virtuoso.password)
    assert remote_triples(virtuoso, [FACTS_GRAPH.value]) == {FACTS_GRAPH.value: 1}
    for _ in range(2):
        push(store, virtuoso.sparql_auth, user=virtuoso.user, password=virtuoso.password)
        assert_same(virtuoso, store, graphs)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_in_small_batches(virtuoso, store, method):
    graphs = default_graphs(store)
    report = push(
        store,
        virtuoso.sparql_auth,
        user=virtuoso.user,
        password=virtuoso.password,
        method=method,
        batch_size=50,
    )
    assert max(g.requests for g in report.graphs) > 10  # the facts graph went in many parts
    assert_same(virtuoso, store, graphs)


def test_wrong_password_names_endpoint_and_401(virtuoso, store):
    with pytest.raises(PushError) as caught:
        push(store, virtuoso.sparql_auth, user=virtuoso.user, password="not-the-password")
    message = str(caught.value)
    assert message.startswith("[E050]")
    assert virtuoso.graph_store in message and "401" in message


def test_no_password_is_refused_too(virtuoso, store):
    with pytest.raises(PushError, match=r"\[E050\].*401"):
        push(store, virtuoso.sparql_auth, method="update")


def test_cli_push_with_ontology(virtuoso, built, store):
    result = runner.invoke(
        app,
        [
            "push",
            str(built / "store"),
            "--endpoint",
            virtuoso.sparql_auth,
            "--user",
            virtuoso.user,
            "--with-ontology",
            "--batch",
            "3000",
        ],
        env={"KGRAPH_PUSH_PASSWORD": virtuoso.password},
    )
    assert result.exit_code == 0, result.output
    graphs = named_graphs(store)
    assert set(REFERENCE_GRAPHS) <= set(graphs)
    total = sum(local_triples(store, graphs).values())
    assert f"Pushed {len(graphs)} graphs, {total} triples" in result.stdout
    assert_same(virtuoso, store, graphs)


def test_cli_wrong_password_fails_with_one_line(virtuoso, built):
    result = runner.invoke(
        app,
        ["push", str(built / "store"), "--endpoint", virtuoso.sparql_auth, "--user", "dba"],
        env={"KGRAPH_PUSH_PASSWORD": "wrong"},
    )
    assert result.exit_code == 1
    assert "[E050]" in result.stderr and "401" in result.stderr
    assert "Traceback" not in result.output


def test_connection_refused_names_endpoint(store):
    with socket.socket() as s:  # a port that was free a moment ago: nobody listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}/sparql-auth"
    with pytest.raises(PushError, match=r"\[E057\] http://127\.0\.0\.1:\d+/sparql-graph-crud-auth"):
        push(store, endpoint, user="dba", password="dba")


def test_turtle_file_has_nothing_to_push(built):
    result = runner.invoke(
        app, ["push", str(built / "graph.ttl"), "--endpoint", "http://127.0.0.1:9/sparql"]
    )
    assert result.exit_code == 1
    assert "[E058]" in result.stderr
