"""``kgraph serve``: the SPARQL 1.1 Protocol endpoint and its safety rules, over real HTTP."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import rdflib

from kgraph.graph.namespaces import KG, PREFIXES
from kgraph.server import HttpError, check_query, make_server

from conftest import EXAMPLES, REPO

STATEMENTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }"
EVERYTHING = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ALLOWED = "http://allowed.example"
MAX_ROWS = 1000
PASSWD = b"root:x:0:0:"  # the first line of /etc/passwd
SHOTS = REPO / "output" / "test-screenshots"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    from kgraph.build import extract_corpus, write_outputs
    from kgraph.documents import load_articles

    folder = tmp_path_factory.mktemp("served")
    corpus = extract_corpus(load_articles([EXAMPLES]))
    (path,) = write_outputs(corpus, folder, ["ttl"])
    return path


@pytest.fixture(scope="module")
def statements(graph_file) -> int:
    graph = rdflib.Graph().parse(graph_file)
    return len(set(graph.subjects(rdflib.RDF.type, KG.Statement)))


def _start(source, **options):
    server = make_server(source, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)
    with pytest.raises(ProcessLookupError):  # the fork server is gone too
        os.kill(server.processes.pid, 0)


@pytest.fixture(scope="module")
def server(graph_file):
    """The endpoint with its defaults, but a 1 s timeout and 1,000 rows."""
    running = _start(graph_file, timeout=1.0, max_rows=MAX_ROWS)
    yield running[0]
    _stop(*running)


@pytest.fixture(scope="module")
def open_server(graph_file):
    """The endpoint with SERVICE switched on and one other origin allowed."""
    running = _start(graph_file, allow_service=True, allowed_origins=[ALLOWED])
    yield running[0]
    _stop(*running)


class Reply:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


def call(server, method: str, path: str, body: bytes | str | None = None, **headers) -> Reply:
    """One HTTP request; header names use _ for - (Content_Type=...)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=15)
    try:
        data = body.encode() if isinstance(body, str) else body
        named = {key.replace("_", "-"): value for key, value in headers.items()}
        connection.request(method, path, body=data, headers=named)
        return Reply(connection.getresponse())
    finally:
        connection.close()


def query(server, text: str, accept: str = "application/sparql-results+json", **fields) -> Reply:
    form = urlencode({"query": text, **fields})
    return call(
        server,
        "POST",
        "/sparql",
        form,
        Content_Type="application/x-www-form-urlencoded",
        Accept=accept,
    )


def count(server, text: str = EVERYTHING) -> int:
    reply = query(server, text)
    assert reply.status == 200, reply.text
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


# ------------------------------------------------------------------- answers


def test_select_in_json_counts_the_statements_the_graph_file_holds(server, statements):
    reply = query(server, STATEMENTS)
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"] == "application/sparql-results+json"
    assert reply.json()["head"]["vars"] == ["n"]
    assert count(server, STATEMENTS) == statements > 50


def test_select_in_csv_tsv_and_xml_by_accept_header_or_format(server, statements):
    reply = query(server, STATEMENTS, accept="text/csv")
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(reply.text))) == [["n"], [str(statements)]]

    get = call(server, "GET", "/sparql?" + urlencode({"query": STATEMENTS, "format": "tsv"}))
    assert get.headers["Content-Type"].startswith("text/tab-separated-values")
    assert get.text.split() == ["?n", str(statements)]

    reply = query(server, STATEMENTS, accept="application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literal = ElementTree.fromstring(reply.body).find(".//r:binding[@name='n']/r:literal", ns)
    assert int(literal.text) == statements

    reply = query(server, STATEMENTS, accept="image/png")
    assert reply.status == 406


def test_construct_in_turtle_parses_with_rdflib(server, statements):
    reply = query(
        server,
        "CONSTRUCT { ?s a kg:Statement } WHERE { ?s a kg:Statement }",
        accept="text/turtle, */*;q=0.1",
    )
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=reply.text, format="turtle")
    assert len(graph) == statements
    assert f"@prefix kg: <{PREFIXES['kg']}>" in reply.text
    nt = query(server, "DESCRIBE kgr:PRK", accept="application/n-triples")
    assert nt.headers["Content-Type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=nt.text, format="nt")) > 0


def test_ask_answers_a_boolean(server):
    assert query(server, "ASK { ?s a kg:Statement }").json()["boolean"] is True
    assert query(server, "ASK { ?s a kg:NoSuchClass }").json()["boolean"] is False


def test_a_named_query_runs_by_name(server):
    reply = call(server, "GET", "/sparql?" + urlencode({"named": "top-actors"}))
    assert reply.status == 200, reply.text
    assert "actor" in reply.json()["head"]["vars"]
    assert reply.json()["results"]["bindings"]
    assert call(server, "GET", "/sparql?named=nope").status == 400


def test_a_named_query_parameter_is_bound_from_dollar_name(server):
    from kgraph.query import named_queries

    assert "actor" in named_queries()["actor-profile"].params
    fields = {"named": "actor-profile", "$actor": "Korea Utara"}
    reply = call(server, "GET", "/sparql?" + urlencode(fields))
    assert reply.status == 200, reply.text
    names = {b["name"]["value"] for b in reply.json()["results"]["bindings"]}
    assert names == {"North Korea"}


# ------------------------------------------------------------------ refusals


LOAD = "LOAD <file:///etc/passwd> INTO GRAPH <urn:stolen>"
INSERT = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", urlencode({"update": INSERT})),
        ("application/x-www-form-urlencoded", urlencode({"update": LOAD})),
        ("application/sparql-update", INSERT),
        ("application/sparql-update", "DROP ALL"),
        ("application/x-www-form-urlencoded", urlencode({"query": INSERT})),
        ("application/x-www-form-urlencoded", urlencode({"query": LOAD})),
        ("application/sparql-query", "# a comment\nDELETE WHERE { ?s ?p ?o }"),
    ],
    ids=["form", "form-load", "sparql-update", "drop", "as-query", "load-as-query", "delete"],
)
def test_updates_are_refused_with_403_and_change_nothing(server, content_type, body):
    before = count(server)
    reply = call(server, "POST", "/sparql", body, Content_Type=content_type)
    assert reply.status == 403
    assert "read-only" in reply.text
    assert call(server, "GET", "/sparql?" + urlencode({"update": "CLEAR ALL"})).status == 403
    assert count(server) == before


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE<http://127.0.0.1:9/sparql>{ ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1:9/>\nSELECT * WHERE { SERVICEe:s { ?s ?p ?o } }",
    "PREFIX : <http://127.0.0.1:9/>\nSELECT * WHERE { ?s ?p ?o .SERVICE:s { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o SERVICE # comment\n<http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 'x' SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    # The '<' of a comparison and a later '>' look like an IRI: the SERVICE is in between.
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) ?s ?p ?o "
    "FILTER(?s<?p).SERVICE?e#>\n{ ?s ?p ?o } }",
]
NOT_SERVICE = [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { }' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://127.0.0.1:9/> {}""" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX ex: <http://example.org/service/>\nSELECT * WHERE { ?s ex:SERVICE ?o }",
    "SELECT * WHERE { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?o }",
]


@pytest.mark.parametrize("text", SERVICE_QUERIES, ids=lambda _: "service")
def test_service_is_refused_unless_switched_on(server, open_server, text):
    reply = query(server, text)
    assert reply.status == 403
    assert "--allow-service" in reply.text
    # Switched on, the check lets it through (SILENT, and port 9 which Oxigraph never calls:
    # no request leaves this machine).
    silent = text.replace("SERVICE", "SERVICE SILENT", 1) if "SILENT" not in text.upper() else text
    assert query(open_server, silent).status in (200, 500)


@pytest.mark.parametrize("text", NOT_SERVICE, ids=lambda _: "not-service")
def test_service_in_strings_comments_names_and_iris_is_not_refused(server, text):
    assert query(server, text).status == 200


def test_the_service_check_refuses_every_query_oxigraph_would_send():
    """Oxigraph itself is the judge: it refuses port 9 when it tries to call a SERVICE."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    for text in SERVICE_QUERIES + NOT_SERVICE:
        try:
            list(store.query(text))
            called = False
        except (OSError, RuntimeError) as exc:  # port 9 refused, or no IRI for the service
            called = "port 9" in str(exc) or "service name is unbound" in str(exc)
        except SyntaxError:
            called = False
        refused = True
        try:
            check_query(text)
            refused = False
        except HttpError:
            pass
        assert refused or not called, text
        assert refused == (text in SERVICE_QUERIES), text


def test_a_slow_query_is_stopped_and_the_next_one_answers(server, statements):
    started = time.monotonic()
    reply = query(server, SLOW)
    elapsed = time.monotonic() - started
    assert reply.status == 503
    assert "1 s limit" in reply.text
    assert elapsed < 3
    assert count(server, STATEMENTS) == statements


CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # millions of rows


def test_a_cross_join_of_millions_of_rows_is_cut_at_the_row_limit(server):
    total = count(server)
    assert total**2 > 1_000_000
    started = time.monotonic()
    reply = query(server, CROSS_JOIN)
    assert reply.status == 200, reply.text
    assert reply.headers["Kgraph-Truncated"] == "true"
    assert len(reply.json()["results"]["bindings"]) == MAX_ROWS
    graph = query(server, "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", "text/turtle")
    assert graph.status == 200 and graph.headers["Kgraph-Truncated"] == "true"
    assert time.monotonic() - started < 5  # the rows are never all made


@pytest.fixture(scope="module")
def tight_server(graph_file):
    """The endpoint with small limits: 200 MB of memory a query, 1 MB answers (and 10 s)."""
    running = _start(graph_file, timeout=10.0, max_memory=200_000_000, max_bytes=1_000_000)
    yield running[0]
    _stop(*running)


def _doubled(times: int) -> str:
    """A query whose one value is a string of 16 x 2**times characters."""
    binds = ['BIND("0123456789abcdef" AS ?s0)']
    binds += [f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(times)]
    return f"SELECT ?s{times} WHERE {{ {' '.join(binds)} }}"


def test_a_huge_answer_is_refused_at_the_size_limit(tight_server):
    small = query(tight_server, _doubled(10))  # 16 KB
    assert small.status == 200 and len(small.body) > 16_000
    reply = query(tight_server, _doubled(17))  # 2 MB in one value: no row limit cuts it
    assert reply.status == 503, reply.status
    assert "1,000,000 bytes" in reply.text and len(reply.body) < 1000
    assert count(tight_server, STATEMENTS) > 0


@pytest.mark.parametrize(
    "text",
    [_doubled(25), CROSS_JOIN + " ORDER BY ?c ?f ?a"],  # 512 MB; sorting needs every row
    ids=["one-value", "sorted-cross-join"],
)
def test_a_query_that_needs_too_much_memory_is_stopped(tight_server, text):
    started = time.monotonic()
    reply = query(tight_server, text)
    assert reply.status == 503, (reply.status, reply.text)
    assert "200,000,000 bytes of memory" in reply.text
    assert time.monotonic() - started < 5  # stopped at the memory limit, not the timeout
    assert count(tight_server, STATEMENTS) > 0  # and the next query is answered


def test_the_row_limit_cuts_answers_and_says_so(server):
    total = count(server)
    assert total > MAX_ROWS
    reply = query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert reply.headers["Kgraph-Truncated"] == "true"
    assert reply.headers["Kgraph-Row-Limit"] == str(MAX_ROWS)
    data = reply.json()
    assert len(data["results"]["bindings"]) == MAX_ROWS
    assert data["head"]["truncated"] is True and data["head"]["maxRows"] == MAX_ROWS
    rows = query(server, "SELECT * WHERE { ?s ?p ?o }", accept="text/csv").text.splitlines()
    assert len(rows) == MAX_ROWS + 1
    turtle = query(server, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert turtle.headers["Kgraph-Truncated"] == "true"
    assert turtle.text.startswith(f"# Cut at the row limit: only the first {MAX_ROWS} triples.")
    assert len(rdflib.Graph().parse(data=turtle.text, format="turtle")) == MAX_ROWS
    small = query(server, STATEMENTS)
    assert small.headers["Kgraph-Truncated"] == "false"
    assert "truncated" not in small.json()["head"]


READ_FILE_QUERIES = [
    "LOAD <file:///etc/passwd>",
    "LOAD <file:///etc/passwd> INTO GRAPH <urn:stolen>",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("text", READ_FILE_QUERIES, ids=["load", "load-into", "file", "service"])
@pytest.mark.parametrize(
    "origin",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec_Fetch_Site": "cross-site"}],
    ids=["evil", "null", "no-origin"],
)
def test_a_foreign_origin_can_neither_update_nor_read_files(server, open_server, text, origin):
    before = count(server)
    for target in (server, open_server):  # open_server allows SERVICE, for its own origin
        requests = [
            ("POST", "/sparql", text, "application/sparql-update"),
            ("POST", "/sparql", urlencode({"update": text}), "application/x-www-form-urlencoded"),
            ("POST", "/sparql", urlencode({"query": text}), "application/x-www-form-urlencoded"),
            ("POST", "/sparql", text, "application/sparql-query"),
            ("GET", "/sparql?" + urlencode({"query": text}), None, None),
            ("GET", "/sparql?" + urlencode({"update": text}), None, None),
        ]
        for method, path, body, media in requests:
            headers = {**origin, **({"Content_Type": media} if media else {})}
            reply = call(target, method, path, body, **headers)
            assert reply.status == 403, (method, path, media)
            assert PASSWD not in reply.body
    assert count(server) == before
    assert count(server, "SELECT (COUNT(*) AS ?n) { GRAPH <urn:stolen> { ?s ?p ?o } }") == 0


def test_from_a_file_iri_reads_no_file(server):
    """FROM and GRAPH name graphs of the store: Oxigraph never fetches them."""
    text = "SELECT ?o WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }"
    reply = query(server, text)
    assert reply.status == 200
    assert reply.json()["results"]["bindings"] == []
    reply = query(server, "SELECT ?o FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert reply.status == 200
    assert PASSWD not in reply.body
    assert all(not b["o"]["value"].startswith("root:") for b in reply.json()["results"]["bindings"])


def test_requests_from_a_foreign_origin_are_refused(server, open_server):
    own = f"http://127.0.0.1:{server.server_address[1]}"
    assert query(server, "ASK {}", Origin=own).status == 200
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},  # a page opened from a file, or a sandboxed frame
        {"Sec_Fetch_Site": "cross-site"},  # an <img> or GET form on another site: no Origin
    ):
        form = urlencode({"query": "ASK {}"})
        reply = call(
            server,
            "POST",
            "/sparql",
            form,
            Content_Type="application/x-www-form-urlencoded",
            **headers,
        )
        assert reply.status == 403, headers
        assert "Cross-origin" in reply.text
    assert call(server, "GET", "/queries", Origin="http://evil.example").status == 403
    # The page itself may be linked to from elsewhere.
    page = call(server, "GET", "/", Sec_Fetch_Site="cross-site", Sec_Fetch_Mode="navigate")
    assert page.status == 200
    # An allowed origin may query, and its browser may read the answer (CORS).
    reply = call(open_server, "GET", "/sparql?query=ASK%7B%7D", Origin=ALLOWED)
    assert reply.status == 200
    assert reply.headers["Access-Control-Allow-Origin"] == ALLOWED
    preflight = call(open_server, "OPTIONS", "/sparql", Origin=ALLOWED)
    assert preflight.status == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert call(open_server, "OPTIONS", "/sparql", Origin="http://evil.example").status == 403
    other = call(open_server, "GET", "/sparql?query=ASK%7B%7D", Origin="http://x.example")
    assert other.status == 403


def test_a_request_for_another_host_name_is_refused(server):
    """DNS rebinding: a foreign name pointed at 127.0.0.1 sends its own Host (and Origin)."""
    port = server.server_address[1]
    reply = call(server, "GET", "/sparql?query=ASK%7B%7D", Host=f"evil.example:{port}")
    assert reply.status == 403
    assert call(server, "GET", "/", Host=f"localhost:{port}").status == 200


def test_bad_syntax_is_400_with_line_and_column(server):
    reply = query(server, "SELECT ?s\nWHERE { ?s ?p }")
    assert reply.status == 400
    assert re.search(r"line 2, column \d+|at 2:\d+", reply.text), reply.text
    assert call(server, "GET", "/sparql").status == 400  # no query at all


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/graph.ttl",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "//etc/passwd",
        "/./etc/passwd",
        "/sparql/../../etc/passwd",
        "/sparql/..%2f..%2fetc%2fpasswd",
        "/queries/../../etc/passwd",
        "/queries/..%2F..%2Fetc%2Fpasswd",
        "/..\\..\\etc\\passwd",
        "file:///etc/passwd",
        "/?file=/etc/passwd",
    ],
)
def test_static_paths_cannot_leave_the_served_folder(server, path):
    """There is no folder: only the page, /queries and /sparql are answered."""
    for method in ("GET", "POST"):
        reply = call(server, method, path, "", Content_Type="application/x-www-form-urlencoded")
        # "/?file=..." is the page itself (GET), whatever its query string says
        expected = (200, 404) if path.startswith("/?") else (400, 404)
        assert reply.status in expected, (method, reply.status)
        assert PASSWD not in reply.body


def test_the_page_is_self_contained_and_offers_the_named_queries(server):
    from kgraph.query import named_queries

    reply = call(server, "GET", "/")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "connect-src 'self'" in reply.headers["Content-Security-Policy"]
    html = reply.text
    assert 'id="query-box"' in html and 'id="kgraph-data"' in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?:", html)
    box = re.search(r'<script id="kgraph-query-box" type="application/json">(.*?)</script>', html)
    offered = {q["name"]: q for q in json.loads(box[1])["queries"]}
    assert set(offered) == set(named_queries())
    assert offered["top-actors"]["text"] == named_queries()["top-actors"].text
    assert call(server, "GET", "/queries").json() == json.loads(box[1])["queries"]


def _loopback_only(port: int) -> bool:
    """Whether nothing answers on this machine's other addresses (if it has one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # UDP: no packet is sent
        address = probe.getsockname()[0]
    if address.startswith("127."):
        return True
    with socket.socket() as other:
        other.settimeout(2)
        return other.connect_ex((address, port)) != 0


@contextmanager
def _kgraph_serve(graph_file: Path, *options: str) -> Iterator[str]:
    """``kgraph serve GRAPH --port 0 OPTIONS`` in a process of its own; yields its URL."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "kgraph", "serve", str(graph_file), "--port", "0", *options]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://\S+/", line)
        assert url, line + process.stderr.read()
        yield url[0]
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()


def _get(url: str, text: str) -> tuple[int, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/sparql?" + urlencode({"query": text}))
    response = connection.getresponse()
    answer = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return answer


def test_kgraph_serve_listens_on_127_0_0_1_by_default(graph_file):
    with _kgraph_serve(graph_file) as url:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1"
        assert _loopback_only(parts.port)
        assert _get(url, "ASK {}")[0] == 200


def test_kgraph_serve_takes_its_answer_size_limit_from_the_command_line(graph_file):
    with _kgraph_serve(graph_file, "--max-mb", "1") as url:
        assert _get(url, _doubled(10))[0] == 200  # 16 KB
        status, text = _get(url, _doubled(17))  # 2 MB
        assert status == 503 and "1,000,000 bytes" in text


# ------------------------------------------------------------------- browser


@pytest.mark.browser
def test_the_query_box_runs_a_named_query_into_a_table(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get_log("browser")
    browser.get(server.url)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return Boolean(window.kgraph)"))
    browser.find_element(By.CSS_SELECTOR, "#query-box summary").click()
    named = browser.find_element(By.ID, "query-named")
    Select(named).select_by_value("top-actors")
    assert "SELECT ?actor" in browser.find_element(By.ID, "query-text").get_property("value")
    browser.find_element(By.ID, "query-run").click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#query-results tbody tr")
    )
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#query-results th")]
    assert headers[0] == "actor"
    rows = browser.find_elements(By.CSS_SELECTOR, "#query-results tbody tr")
    assert len(rows) > 3
    assert "rows" in browser.find_element(By.ID, "query-status").text

    # A parameter: the query box shows a field for it, and the server binds the actor.
    offered = [o.get_property("value") for o in Select(named).options]
    if "actor-profile" in offered:
        Select(named).select_by_value("actor-profile")
        browser.find_element(By.CSS_SELECTOR, "#query-params input[name=actor]").send_keys(
            "Korea Utara"
        )
        browser.find_element(By.ID, "query-run").click()
        WebDriverWait(browser, 10).until(lambda d: _column(d) == "name")
        first = browser.find_element(By.CSS_SELECTOR, "#query-results tbody td")
        assert first.text == "North Korea @en"
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "query-box.png"))
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def _column(driver) -> str:
    """The first column's heading in the query box's results."""
    from selenium.webdriver.common.by import By

    headings = driver.find_elements(By.CSS_SELECTOR, "#query-results th")
    return headings[0].text if headings else ""
