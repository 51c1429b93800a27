"""Push a store's named graphs to a remote SPARQL 1.1 server, in batches.

Two ways to write, both replacing each graph so that a second push does not
duplicate anything:

* ``"gsp"`` — the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT`` the first batch of a
  graph as N-Triples (replaces the graph), ``POST`` the rest (appends).
* ``"update"`` — SPARQL 1.1 Update: ``DROP SILENT GRAPH <g>`` with the first
  ``INSERT DATA { GRAPH <g> { … } }``, then one ``INSERT DATA`` per further batch.

Only the standard library is used (urllib with Digest and Basic authentication), so
pushing adds no dependency. Virtuoso's conventions: ``/sparql`` and ``/sparql-graph-crud``
are anonymous (and read-only on a fresh database); ``/sparql-auth`` and
``/sparql-graph-crud-auth`` ask for Digest authentication.
"""

from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message

import pyoxigraph as ox

from kgraph import store as kgraph_store
from kgraph.errors import Errors, PushError

__all__ = [
    "DEFAULT_BATCH",
    "METHODS",
    "REFERENCE_GRAPHS",
    "GraphPush",
    "PushReport",
    "batches",
    "default_graphs",
    "graph_store_url",
    "named_graphs",
    "push",
]

#: Triples per request, by method. 10,000 N-Triples lines are about a megabyte: small enough
#: for a server's request limits, large enough that a million-triple graph needs 100
#: requests. Virtuoso 7's SPARQL parser runs out of stack ("SP030 ... memory exhausted")
#: near 5,000 triples in one INSERT DATA, so updates go in smaller batches.
DEFAULT_BATCH = {"gsp": 10_000, "update": 2_000}
METHODS = ("gsp", "update")
#: Graphs that every build carries unchanged (the store's, as IRIs); pushed only when asked for.
REFERENCE_GRAPHS = tuple(sorted(graph.value for graph in kgraph_store.REFERENCE_GRAPHS))
#: Seconds to wait for one request; loading a large batch can take the server a while.
TIMEOUT = 300

_NT_TYPE = "application/n-triples"
_UPDATE_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class GraphPush:
    """What was sent for one graph."""

    graph: str
    triples: int
    requests: int


@dataclass
class PushReport:
    """What a push sent, where, and how long it took."""

    url: str
    method: str
    graphs: list[GraphPush] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def requests(self) -> int:
        return sum(g.requests for g in self.graphs)


def named_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the store's named graphs, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def default_graphs(store: ox.Store) -> list[str]:
    """The store's named graphs, without the ontology and gazetteer (:data:`REFERENCE_GRAPHS`).

    >>> store = ox.Store()
    >>> for iri in ("https://example.org/a", REFERENCE_GRAPHS[0]):
    ...     store.add_graph(ox.NamedNode(iri))
    >>> default_graphs(store)
    ['https://example.org/a']
    """
    return [g for g in named_graphs(store) if g not in REFERENCE_GRAPHS]


def graph_store_url(endpoint: str, *, authenticated: bool = False) -> str:
    """Virtuoso's Graph Store URL beside a SPARQL endpoint URL.

    >>> graph_store_url("http://localhost:8890/sparql-auth")
    'http://localhost:8890/sparql-graph-crud-auth'
    >>> graph_store_url("http://localhost:8890/sparql", authenticated=True)
    'http://localhost:8890/sparql-graph-crud-auth'
    """
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/sparql-auth"):
        authenticated = True
    elif not path.endswith("/sparql"):
        raise PushError(Errors.E054.format(endpoint=endpoint))
    base = path.rsplit("/", 1)[0]
    suffix = "/sparql-graph-crud-auth" if authenticated else "/sparql-graph-crud"
    return urllib.parse.urlunsplit(parts._replace(path=base + suffix, query="", fragment=""))


def batches(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Split ``triples`` into lists of about ``size``, never splitting a blank node's triples.

    A server gives each request's blank nodes new identities, so triples that share a
    blank node must travel together (a batch grows past ``size`` to keep them so).

    >>> p = ox.NamedNode("http://example.org/p")
    >>> ts = [ox.Triple(ox.NamedNode(f"http://ex.org/{i}"), p, ox.Literal(0)) for i in range(5)]
    >>> [len(b) for b in batches(ts, 2)]
    [2, 2, 1]
    >>> b = ox.BlankNode()
    >>> ts += [ox.Triple(b, p, ox.Literal(i)) for i in range(3)]
    >>> [len(b) for b in batches(ts, 2)]
    [2, 2, 4]
    """
    if size < 1:
        raise PushError(Errors.E056.format(size=size))
    batch: list[ox.Triple] = []
    linked: list[ox.Triple] = []
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            linked.append(triple)
            continue
        batch.append(triple)
        if len(batch) >= size:
            yield batch
            batch = []
    for group in _blank_node_groups(linked):
        batch.extend(group)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(
    store: ox.Store,
    endpoint: str,
    *,
    graph_store: str | None = None,
    user: str | None = None,
    password: str | None = None,
    graphs: Iterable[str] | None = None,
    batch_size: int | None = None,
    method: str = "gsp",
) -> PushReport:
    """Replace each of ``graphs`` (default: :func:`default_graphs`) on the server with the store's.

    Parameters
    ----------
    store
        The local store; only its named graphs are pushed.
    endpoint
        The server's SPARQL endpoint (used by ``method="update"``), e.g. Virtuoso's
        ``http://host:8890/sparql-auth``.
    graph_store
        The Graph Store Protocol endpoint (used by ``method="gsp"``); by default Virtuoso's
        one beside ``endpoint`` (see :func:`graph_store_url`).
    user, password
        Credentials for Digest or Basic authentication, whichever the server asks for.
    graphs
        Graph IRIs to push. A graph absent from the store is emptied on the server.
    batch_size
        Triples per request; by default :data:`DEFAULT_BATCH` for the method.
    method
        ``"gsp"`` or ``"update"``.

    Returns
    -------
    PushReport
        The graphs and triples sent, the number of requests and the time taken.

    Raises
    ------
    PushError
        When the server cannot be reached or refuses a request; the message names the URL
        and the HTTP status.
    """
    if method not in METHODS:
        raise PushError(Errors.E055.format(method=method, choices=", ".join(METHODS)))
    batch_size = DEFAULT_BATCH[method] if batch_size is None else batch_size
    if batch_size < 1:
        raise PushError(Errors.E056.format(size=batch_size))
    if method == "gsp":
        url = graph_store or graph_store_url(endpoint, authenticated=user is not None)
    else:
        url = endpoint
    chosen = default_graphs(store) if graphs is None else list(graphs)
    if not chosen:
        raise PushError(Errors.E058.format(source="the store"))
    client = _Client(url, user, password)
    report = PushReport(url=url, method=method)
    started = time.perf_counter()
    for iri in chosen:
        graph = ox.NamedNode(iri)
        triples = (q.triple for q in store.quads_for_pattern(None, None, None, graph))
        send = _send_gsp if method == "gsp" else _send_update
        count = requests = 0
        for batch in batches(triples, batch_size):
            send(client, iri, batch, first=requests == 0)
            count += len(batch)
            requests += 1
        if requests == 0:  # nothing local: the remote graph must end up empty too
            send(client, iri, [], first=True)
            requests = 1
        report.graphs.append(GraphPush(iri, count, requests))
    report.seconds = time.perf_counter() - started
    return report


def _blank_node_groups(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples grouped so that two triples sharing a blank node are in the same group."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for t in triples:
        nodes = [n for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        for other in nodes[1:]:
            parent[root(other)] = root(nodes[0])
    groups: dict[ox.BlankNode, list[ox.Triple]] = {}
    for t in triples:
        node = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        groups.setdefault(root(node), []).append(t)
    return list(groups.values())


def _send_gsp(client: _Client, graph: str, batch: list[ox.Triple], *, first: bool) -> None:
    body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) if batch else b""
    target = f"{client.url}?{urllib.parse.urlencode({'graph': graph})}"
    client.send(target, graph, body, _NT_TYPE, "PUT" if first else "POST")


def _send_update(client: _Client, graph: str, batch: list[ox.Triple], *, first: bool) -> None:
    name = str(ox.NamedNode(graph))  # "<iri>", checked to be an IRI
    parts = [f"DROP SILENT GRAPH {name}"] if first else []
    if batch:
        data = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{data}}} }}")
    # The form encoding (not application/sparql-update) because every SPARQL 1.1 server,
    # Virtuoso 7 included, accepts it.
    body = urllib.parse.urlencode({"update": " ;\n".join(parts)}).encode("ascii")
    client.send(client.url, graph, body, _UPDATE_TYPE, "POST")


class _Client:
    """Sends requests to one endpoint, authenticated before any body goes out.

    urllib's auth handlers send each request without credentials first and repeat it after
    the server's 401. Virtuoso answers that 401 and closes the connection before reading a
    large body, so the upload fails with a broken pipe (and a wrong password would look
    like a network error). Here body-less HEAD requests fetch the challenge and check the
    credentials once; every request then carries its own Authorization header.
    """

    def __init__(self, url: str, user: str | None, password: str | None) -> None:
        self.url = url
        self._user = user
        self._password = password or ""
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, self._password)
        # Used only to compute Digest responses (nonce counts included), never as a handler.
        self._digest = urllib.request.HTTPDigestAuthHandler(passwords)
        self._challenge: str | None = None
        self._checked = False

    def send(self, url: str, graph: str, body: bytes, content_type: str, verb: str) -> None:
        if not self._checked:
            self._authenticate(url)
        for attempt in (1, 2):
            request = urllib.request.Request(
                url, data=body, method=verb, headers={"Content-Type": content_type}
            )
            self._sign(request)
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                # A 401 after the check means the nonce went stale: retry with a fresh one.
                if exc.code == 401 and attempt == 1 and self._challenge:
                    self._authenticate(url)
                    continue
                raise _refusal(exc, url, graph) from None
            except (urllib.error.URLError, OSError) as exc:
                # The same, when the server hung up on a large body to say 401.
                if attempt == 1 and self._challenge:
                    self._authenticate(url)
                    continue
                reason = getattr(exc, "reason", exc)
                raise PushError(Errors.E057.format(endpoint=_base(url), detail=reason)) from None

    def _authenticate(self, url: str) -> None:
        """Fetch the server's challenge, if it asks for credentials, and check ours."""
        self._challenge = _head(url).headers.get("WWW-Authenticate")
        self._checked = True
        if self._challenge is None:
            return  # the server asks for none (or asks only when a body comes)
        if self._user is None:
            raise PushError(Errors.E050.format(endpoint=_base(url)))
        request = urllib.request.Request(_base(url), method="HEAD")
        self._sign(request)
        response = _head(url, request)
        if response.code == 401:
            raise PushError(Errors.E050.format(endpoint=_base(url)))

    def _sign(self, request: urllib.request.Request) -> None:
        """Add the Authorization header the challenge asks for."""
        if self._user is None or not self._challenge:
            return
        scheme, _, params = self._challenge.partition(" ")
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{self._user}:{self._password}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif scheme.lower() == "digest":
            fields = urllib.request.parse_keqv_list(
                filter(None, urllib.request.parse_http_list(params))
            )
            response = self._digest.get_authorization(request, fields)
            if response:
                request.add_unredirected_header("Authorization", f"Digest {response}")


def _head(url: str, request: urllib.request.Request | None = None) -> _Answer:
    """A HEAD request's status and headers, whatever the status.

    HEAD, because a server that lets anyone read would answer a GET with a whole graph.
    """
    request = request or urllib.request.Request(_base(url), method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return _Answer(response.status, response.headers)
    except urllib.error.HTTPError as exc:
        return _Answer(exc.code, exc.headers)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(Errors.E057.format(endpoint=_base(url), detail=reason)) from None


@dataclass(frozen=True)
class _Answer:
    code: int
    headers: Message


def _refusal(exc: urllib.error.HTTPError, url: str, graph: str) -> PushError:
    """The error for an HTTP status the server answered with."""
    endpoint = _base(url)
    html = "html" in (exc.headers.get("Content-Type") or "")
    detail = _short(exc.read().decode("utf-8", "replace"), html=html)
    if exc.code == 401:
        return PushError(Errors.E050.format(endpoint=endpoint))
    if exc.code == 403:
        return PushError(Errors.E051.format(endpoint=endpoint, detail=detail))
    if exc.code == 404:
        return PushError(Errors.E052.format(endpoint=endpoint))
    return PushError(
        Errors.E053.format(
            endpoint=endpoint, status=exc.code, reason=exc.reason, graph=graph, detail=detail
        )
    )


def _base(url: str) -> str:
    """``url`` without its query string: the graph IRI would only clutter a message."""
    return url.split("?", 1)[0]


def _short(text: str, *, html: bool, limit: int = 300) -> str:
    """The server's error message as one line, without the HTML page some servers wrap it in.

    >>> _short("<html><h3>Error 42000</h3> <xmp>Permission denied</xmp></html>", html=True)
    'Error 42000 Permission denied'
    """
    if html:
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
