"""``kgraph serve``: the graph page and a read-only SPARQL 1.1 Protocol endpoint.

``/`` is the graph page with a query box, ``/sparql`` answers SPARQL queries (GET, and
POST as a form or as ``application/sparql-query``) in the format the ``Accept`` header or
a ``format`` parameter asks for, and ``/queries`` lists the named queries as JSON.

Queries come from anyone who can reach the port, so the server assumes they are hostile:

* it listens on 127.0.0.1 unless told otherwise, and answers only requests addressed to
  it by that name (a Host check, against DNS rebinding);
* a request from a web page of another origin is refused unless that origin is allowed;
* SPARQL Update (and so LOAD, the only way SPARQL reads files) is refused with 403, and
  could not run anyway: only ``Store.query`` is ever called;
* SERVICE, which makes Oxigraph fetch other endpoints, is refused unless switched on;
* each query runs in a process of its own that the kernel ends when its time is up
  (pyoxigraph has no timeout and a thread cannot be stopped) or when it asks for more
  than ``max_memory`` bytes (Linux: a sorted cross join fills gigabytes in a second);
  an answer holds at most ``max_rows`` rows or triples, saying so when it was cut, and
  at most ``max_bytes`` bytes (one value can be huge: CONCAT doubles a string).

The query processes are forked from one process that is forked before the server
starts any thread, so every fork copies a single-threaded process; the store is shared
copy-on-write. This needs ``os.fork`` (Linux, macOS).
"""

from __future__ import annotations

import contextlib
import faulthandler
import ipaddress
import json
import os
import re
import select
import signal
import socket
import struct
import threading
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kgraph.errors import KgraphError, QueryError
from kgraph.graph.namespaces import PREFIXES

__all__ = ["KgraphServer", "ServerSettings", "check_query", "make_server", "negotiate", "serve"]

#: What the endpoint can answer, by media type; the first of each is the default.
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
}
#: The ``format`` parameter's short names, as the Accept header they stand for.
FORMAT_NAMES = {
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
#: Response headers that tell a client how many rows an answer may hold and whether it was cut.
ROW_LIMIT_HEADER = "Kgraph-Row-Limit"
TRUNCATED_HEADER = "Kgraph-Truncated"

MAX_BODY = 1_000_000  # bytes of a POSTed query
MAX_ANSWER_BYTES = 50_000_000  # 10,000 rows of news sentences are about 10 MB
MAX_QUERY_MEMORY = 2_000_000_000  # bytes a query process may add to what it shares
GRACE = 2.0  # seconds the server waits for a query process beyond its timeout
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
# The page runs its own inline scripts and talks to this server only.
PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

READ_ONLY = "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, ...) is refused."
NO_SERVICE = (
    "SERVICE (querying another endpoint) is switched off; start the server with "
    "--allow-service to allow it. (A prefix or name beginning with 'service' right after "
    "punctuation also counts: rename it.)"
)
TIMED_OUT = "The query was stopped: it ran longer than the {timeout:g} s limit."
OUT_OF_MEMORY = (
    "The query was stopped: it needed more than the {memory:,} bytes of memory a query "
    "may use (or its process failed)."
)
TOO_BIG = (
    "The answer was refused: it is larger than the {limit:,} bytes limit. Ask for fewer "
    "or shorter values (LIMIT, SUBSTR)."
)
BUSY = "The server is busy with other queries; try again."
FOREIGN = "Cross-origin request refused: {origin} may not use this server (see --allow-origin)."
WRONG_HOST = "Request refused: this server does not answer to the host name {host}."


class HttpError(KgraphError):
    """A request the server answers with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# ------------------------------------------------------------------ checking a query

# One lexeme of SPARQL at a time: what is not a comment, string or IRI is code. An
# unfinished string or IRI falls to `code` one character at a time, so the rest is
# read as code too: when in doubt, text is code, and code is checked.
_LEXEMES = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '(?:[^'\\\r\n]|\\.)*'
               | "(?:[^"\\\r\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<escape>\\.)
    | (?P<code>[^#'"<\\]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
# Oxigraph reads keywords without looking at their neighbours ("SERVICE<x>{...}" and
# "SERVICEex:e{...}" both call ex:e), so only what makes it part of a name, a variable
# or a prefixed name's local part keeps the word from being the keyword.
_SERVICE = re.compile(r"(?<![\w?$:])service", re.IGNORECASE)
# What looks like an IRI is a less-than and a greater-than sign inside an expression
# (FILTER(?a<?b)...>), so a SERVICE can hide in one, with a '#' to comment out the '>':
# "FILTER(?a<?b).SERVICE?e#>". Real IRIs rarely hold "service" before a '#' like that.
_SERVICE_IN_IRI = re.compile(
    r"(?<![A-Za-z0-9/_\-])service(?:silent)?(?:[?$]\w*|[\w.\-]*:[\w.\-:%]*)?\#",
    re.IGNORECASE,
)
_FIRST_KEYWORD = re.compile(r"\s*(?:(?:PREFIX\s*[^\s:]*:|BASE)\s*)*([A-Za-z]+)", re.IGNORECASE)


def _code(text: str) -> tuple[str, list[str]]:
    """The query's code with comments, strings and IRIs blanked out, and the IRIs."""
    code, iris = [], []
    for lexeme in _LEXEMES.finditer(text):
        kind = lexeme.lastgroup
        if kind == "code":
            code.append(lexeme.group())
        elif kind == "escape":  # an escaped character inside a prefixed name's local part
            code.append("_")
        else:
            code.append(" ")
            if kind == "iri":
                iris.append(lexeme.group()[1:-1])
    return "".join(code), iris


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Refuse an update (403) and, unless allowed, a query that uses SERVICE (403).

    The check reads SPARQL's lexemes, so words in strings, comments and IRIs do not count.
    It errs on the side of refusing; a query that passes is still only ever run with
    ``Store.query``, which cannot change the store or read files.

    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/> {}" } # SERVICE')
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kgraph.server.HttpError: SERVICE (querying another endpoint) is switched off; ...
    >>> check_query("PREFIX ex: <http://example.org/>\\nINSERT DATA { ex:a ex:b ex:c }")
    Traceback (most recent call last):
    kgraph.server.HttpError: This endpoint is read-only: ...
    """
    code, iris = _code(text)
    first = _FIRST_KEYWORD.match(code)
    if first and first[1].upper() in UPDATE_KEYWORDS:
        raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY)
    if allow_service:
        return
    if _SERVICE.search(code) or any(_SERVICE_IN_IRI.search(iri) for iri in iris):
        raise HttpError(HTTPStatus.FORBIDDEN, NO_SERVICE)


# -------------------------------------------------------------- content negotiation


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer an Accept header prefers: the first offer if it states none, None if it
    accepts none of them.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["text/turtle", "text/csv",
    ...           "application/sparql-results+json"])
    'application/sparql-results+json'
    >>> negotiate("*/*", ["text/turtle", "text/csv"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.setdefault(media.lower(), quality)
    best, best_quality = None, 0.0
    for offer in offers:
        # The most specific range that matches decides the offer's quality.
        for media in (offer, offer.split("/")[0] + "/*", "*/*"):
            if media in ranges:
                if ranges[media] > best_quality:
                    best, best_quality = offer, ranges[media]
                break
    return best


# ----------------------------------------------------------- answering, in a worker


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    """A term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _term(v) for k, v in parts.items()}}
    literal = {"type": "literal", "value": term.value}
    if term.language:
        literal["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        literal["datatype"] = term.datatype.value
    return literal


def _solutions(results: ox.QuerySolutions, media: str, max_rows: int) -> tuple[bytes, bool]:
    """SELECT results in ``media``, cut at ``max_rows``, and whether they were cut."""
    names = [v.value for v in results.variables]
    rows = list(islice(results, max_rows + 1))
    truncated = len(rows) > max_rows
    bindings = [
        {name: _term(row[i]) for i, name in enumerate(names) if row[i] is not None}
        for row in rows[:max_rows]
    ]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    fmt = RESULT_TYPES[media]
    if fmt == ox.QueryResultsFormat.JSON:
        if truncated:
            document["head"].update(truncated=True, maxRows=max_rows)
        return json.dumps(document, ensure_ascii=False).encode("utf-8"), truncated
    # pyoxigraph cannot make results from rows, but it reads them back from JSON.
    cut = ox.parse_query_results(json.dumps(document).encode(), format=ox.QueryResultsFormat.JSON)
    return cut.serialize(format=fmt), truncated


def _triples(results: ox.QueryTriples, media: str, max_rows: int) -> tuple[bytes, bool]:
    """CONSTRUCT or DESCRIBE results in ``media``, cut at ``max_rows`` triples."""
    triples = list(islice(results, max_rows + 1))
    truncated = len(triples) > max_rows
    fmt = GRAPH_TYPES[media]
    body = ox.serialize(triples[:max_rows], format=fmt, prefixes=PREFIXES)
    if truncated and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        note = f"# Cut at the row limit: only the first {max_rows} triples.\n"
        body = note.encode() + body
    return body, truncated


def _run(store: ox.Store, job: dict) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    from kgraph import query as q

    # Parameters are bound the way `kgraph query --named NAME --param k=v` binds them.
    if job.get("named"):
        return q.run_named(store, job["named"], job["params"])
    if job["params"]:
        return q.run_query(store, job["query"], job["params"])
    return q.run_query(store, job["query"])


def answer(store: ox.Store, job: dict) -> tuple[int, dict[str, str], bytes]:
    """Run one query job and return the HTTP status, headers and body of its answer.

    ``job`` holds ``query`` (or ``named``, a named query), ``params`` (parameter → value),
    ``results`` and ``graph``
    (the media types negotiated for SELECT/ASK and for CONSTRUCT/DESCRIBE, or None when
    the client accepts none), ``max_rows`` and ``max_bytes`` (an answer longer than
    that is refused with 503).
    """
    plain = "text/plain; charset=utf-8"
    max_rows = job["max_rows"]
    try:
        results = _run(store, job)
        kind, media = (
            ("graph", job["graph"])
            if isinstance(results, ox.QueryTriples)
            else ("results", job["results"])
        )
        if media is None:
            offered = ", ".join(GRAPH_TYPES if kind == "graph" else RESULT_TYPES)
            message = f"This query's answer can be given as {offered}; the request accepts none."
            return HTTPStatus.NOT_ACCEPTABLE, {"Content-Type": plain}, message.encode()
        if isinstance(results, ox.QueryBoolean):
            body, truncated = results.serialize(format=RESULT_TYPES[media]), False
        elif isinstance(results, ox.QuerySolutions):
            body, truncated = _solutions(results, media, max_rows)
        else:
            body, truncated = _triples(results, media, max_rows)
    except QueryError as exc:
        return HTTPStatus.BAD_REQUEST, {"Content-Type": plain}, str(exc).encode()
    except MemoryError:  # Python's side of the memory limit (Oxigraph's ends the process)
        message = OUT_OF_MEMORY.format(memory=job.get("max_memory", MAX_QUERY_MEMORY))
        return HTTPStatus.SERVICE_UNAVAILABLE, {"Content-Type": plain}, message.encode()
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:  # while evaluating
        message = f"The query failed: {exc}"
        return HTTPStatus.INTERNAL_SERVER_ERROR, {"Content-Type": plain}, message.encode()
    limit = job.get("max_bytes", MAX_ANSWER_BYTES)
    if len(body) > limit:
        message = TOO_BIG.format(limit=limit)
        return HTTPStatus.SERVICE_UNAVAILABLE, {"Content-Type": plain}, message.encode()
    fmt = GRAPH_TYPES[media] if kind == "graph" else RESULT_TYPES[media]
    content_type = fmt.media_type
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"
    headers = {
        "Content-Type": content_type,
        ROW_LIMIT_HEADER: str(max_rows),
        TRUNCATED_HEADER: "true" if truncated else "false",
    }
    return HTTPStatus.OK, headers, body


def _limit_memory(budget: int) -> None:
    """Let this process map at most ``budget`` bytes more than it has now, and dump no core.

    The forked process already maps the store and the interpreter, shared with its
    parent, so the limit is counted from there. Where ``/proc`` or ``RLIMIT_AS`` is
    missing (macOS), only the timeout bounds a query.
    """
    import resource  # Unix only, as os.fork is: imported where the fork is

    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # not gigabytes of core on disk
    faulthandler.disable()  # an abort at the limit is expected: no traceback dump for it
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = mapped + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, AttributeError):
        pass


def _work(store: ox.Store, job: dict, fd: int, timeout: float, memory: int) -> NoReturn:
    """A query process: answer the job into ``fd`` and exit; the kernel ends it at ``timeout``,
    and an allocation beyond ``memory`` more bytes fails (Oxigraph then aborts the process)."""
    status = 1
    out = open(fd, "wb")  # noqa: SIM115 (closed by os._exit, whatever happens)
    try:
        # SIGALRM's default action ends the process wherever it is, inside Oxigraph too.
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        _limit_memory(memory)
        job["max_memory"] = memory
        code, headers, body = answer(store, job)
        status = 0
    except Exception:  # the traceback is for whoever runs the server
        traceback.print_exc()
        # Answered, so that the server tells a failure from a process the kernel ended.
        code, headers = HTTPStatus.INTERNAL_SERVER_ERROR, {"Content-Type": "text/plain"}
        body = b"The query process failed; the server's log says why."
    try:
        head = json.dumps({"status": int(code), "headers": headers, "length": len(body)})
        out.write(head.encode() + b"\n" + body)
        out.flush()
    except Exception:
        status = 1
    finally:
        os._exit(status)


def _receive(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _fork_loop(sock: socket.socket, store: ox.Store, timeout: float, memory: int) -> None:
    """The fork server: for each job the HTTP server sends, fork a query process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which ends us
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the query processes
    while True:
        header, fds, _, _ = socket.recv_fds(sock, 4, 1)
        if not header:  # the server closed its end
            return
        try:
            header += _receive(sock, 4 - len(header))
            job = json.loads(_receive(sock, struct.unpack("!I", header)[0]))
        except EOFError:
            return
        if fds and os.fork() == 0:
            sock.close()
            _work(store, job, fds[0], timeout, memory)
        for fd in fds:
            os.close(fd)


class _QueryProcesses:
    """Runs each query in a process of its own, forked by a fork server (see the module)."""

    def __init__(
        self,
        store: ox.Store,
        *,
        timeout: float,
        concurrent: int,
        memory: int = MAX_QUERY_MEMORY,
        max_bytes: int = MAX_ANSWER_BYTES,
    ):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                ours.close()
                _fork_loop(theirs, store, timeout, memory)
                status = 0
            finally:
                os._exit(status)
        theirs.close()
        self.timeout = timeout
        self.memory = memory
        self.max_bytes = max_bytes
        self._socket = ours
        self._send = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrent)

    def run(self, job: dict) -> tuple[int, dict[str, str], bytes]:
        """The answer to ``job``: status, headers and body (503 if it ran out of time)."""
        if not self._slots.acquire(timeout=self.timeout):
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, BUSY)
        try:
            return self._run(job)
        finally:
            self._slots.release()

    def _run(self, job: dict) -> tuple[int, dict[str, str], bytes]:
        read_end, write_end = os.pipe()
        payload = json.dumps(job).encode()
        try:
            with self._send:
                socket.send_fds(self._socket, [struct.pack("!I", len(payload))], [write_end])
                self._socket.sendall(payload)
        finally:
            os.close(write_end)
        started = time.monotonic()
        # The head line, and an answer the process refuses itself if it is longer: never
        # more is read into this process, whatever a query process writes.
        limit = self.max_bytes + 64 * 1024
        data = _read_all(read_end, started + self.timeout + GRACE, limit)
        if len(data) > limit:
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, TOO_BIG.format(limit=self.max_bytes))
        head, _, body = data.partition(b"\n")
        try:
            meta = json.loads(head)
            if len(body) == meta["length"]:
                return meta["status"], meta["headers"], body
        except (ValueError, KeyError):
            pass
        if time.monotonic() - started >= self.timeout * 0.9:
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, TIMED_OUT.format(timeout=self.timeout))
        # Python errors are answered (500) by the process itself: one that ends without a
        # word was ended by the kernel, and before its time, that is Oxigraph's abort when
        # an allocation failed at the memory limit.
        raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, OUT_OF_MEMORY.format(memory=self.memory))

    def close(self) -> None:
        """End the fork server (it sees the socket close) and wait for it."""
        self._socket.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _read_all(fd: int, deadline: float, limit: int) -> bytes:
    """Everything written to pipe ``fd`` until it closes, or what came before ``deadline``;
    reading stops once more than ``limit`` bytes came."""
    chunks, size = [], 0
    try:
        while (left := deadline - time.monotonic()) > 0 and size <= limit:
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                break
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)  # a process still writing gets EPIPE and exits
    return b"".join(chunks)


# ------------------------------------------------------------------------ HTTP


@dataclass(frozen=True)
class ServerSettings:
    """What the server allows; see :func:`make_server`."""

    timeout: float = 10.0
    max_rows: int = 10_000
    allow_service: bool = False
    allowed_origins: frozenset[str] = frozenset()
    max_bytes: int = MAX_ANSWER_BYTES
    max_memory: int = MAX_QUERY_MEMORY


class _Handler(BaseHTTPRequestHandler):
    server: KgraphServer
    server_version = "kgraph"
    timeout = 30  # seconds a client may take to send its request

    # -- entry points
    def do_GET(self) -> None:
        self._handle(self._get)

    def do_POST(self) -> None:
        self._handle(self._post)

    def do_OPTIONS(self) -> None:
        self._handle(self._preflight)

    def _handle(self, method) -> None:
        self._cors_origin = None
        try:
            url = urlsplit(self.path)
            self._guard(url.path)
            method(url)
        except HttpError as exc:
            self._send(exc.status, str(exc).encode(), "text/plain; charset=utf-8")

    # -- who may ask
    def _guard(self, path: str) -> None:
        """Refuse requests addressed to another host name, or sent by another origin's page."""
        settings = self.server.settings
        host = self.headers.get("Host")
        if host and not self.server.answers_to(host):
            raise HttpError(HTTPStatus.FORBIDDEN, WRONG_HOST.format(host=host))
        origin = self.headers.get("Origin")
        allowed = origin is not None and origin in settings.allowed_origins
        if origin is not None and not allowed and origin.lower() != f"http://{host}".lower():
            raise HttpError(HTTPStatus.FORBIDDEN, FOREIGN.format(origin=origin))
        # Browsers send no Origin with a cross-site <img>, <script> or GET form, but do send
        # Sec-Fetch-Site; only a link to the page itself may come from another site.
        site = self.headers.get("Sec-Fetch-Site", "")
        navigation = path == "/" and self.headers.get("Sec-Fetch-Mode") == "navigate"
        if site in ("cross-site", "same-site") and not allowed and not navigation:
            raise HttpError(HTTPStatus.FORBIDDEN, FOREIGN.format(origin=origin or "another site"))
        self._cors_origin = origin if allowed else None

    # -- routes
    def _get(self, url) -> None:
        if url.path == "/":
            self._send(
                HTTPStatus.OK,
                self.server.page,
                "text/html; charset=utf-8",
                {"Content-Security-Policy": PAGE_POLICY},
            )
        elif url.path == "/queries":
            body = json.dumps(self.server.named_queries, ensure_ascii=False).encode()
            self._send(HTTPStatus.OK, body, "application/json")
        elif url.path == "/favicon.ico":  # browsers ask; there is none
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif url.path == "/sparql":
            self._sparql(_fields(url.query))
        else:
            raise HttpError(HTTPStatus.NOT_FOUND, f"Not found: {url.path} (try / or /sparql)")

    def _post(self, url) -> None:
        if url.path != "/sparql":
            raise HttpError(HTTPStatus.NOT_FOUND, f"Not found: {url.path} (POST to /sparql)")
        fields = _fields(url.query)
        media = self.headers.get_content_type()
        body = self._body()
        if media == "application/x-www-form-urlencoded":
            for key, values in _fields(body.decode("utf-8", "replace")).items():
                fields.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            fields.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif media == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY)
        else:
            raise HttpError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a form (query=...) or application/sparql-query.",
            )
        self._sparql(fields)

    def _preflight(self, url) -> None:
        if url.path != "/sparql" or self._cors_origin is None:
            raise HttpError(HTTPStatus.FORBIDDEN, FOREIGN.format(origin=self.headers["Origin"]))
        self._send(
            HTTPStatus.NO_CONTENT,
            b"",
            "text/plain",
            {
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "600",
            },
        )

    def _sparql(self, fields: dict[str, list[str]]) -> None:
        settings = self.server.settings
        if "update" in fields:
            raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY)
        queries = fields.get("query", [])
        named, name = fields.get("named", []), None
        if named and not queries:  # kgraph's own: a named query by name, with $parameters
            known = {item["name"]: item["text"] for item in self.server.named_queries}
            if len(named) != 1 or named[0] not in known:
                available = ", ".join(known)
                raise HttpError(HTTPStatus.BAD_REQUEST, f"Unknown named query; use {available}.")
            name, queries = named[0], [known[named[0]]]
        if len(queries) != 1:
            raise HttpError(HTTPStatus.BAD_REQUEST, "Give one SPARQL query as 'query'.")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri and named-graph-uri are not supported: use FROM or GRAPH.",
            )
        check_query(queries[0], allow_service=settings.allow_service)
        accept = self.headers.get("Accept")
        if "format" in fields:
            short = fields["format"][-1].strip().lower()
            if short not in FORMAT_NAMES and "/" not in short:
                known = ", ".join(FORMAT_NAMES)
                raise HttpError(HTTPStatus.BAD_REQUEST, f"Unknown format {short!r}: use {known}.")
            accept = FORMAT_NAMES.get(short, short)
        job = {
            "query": queries[0],
            "named": name,
            # RDF4J's convention: $name=value binds ?name (the named queries' parameters).
            "params": {k[1:]: v[-1] for k, v in fields.items() if k.startswith("$") and k[1:]},
            "results": negotiate(accept, list(RESULT_TYPES)),
            "graph": negotiate(accept, list(GRAPH_TYPES)),
            "max_rows": settings.max_rows,
            "max_bytes": settings.max_bytes,
        }
        status, headers, body = self.server.processes.run(job)
        content_type = headers.pop("Content-Type")
        headers.update({"Cache-Control": "no-store", "Vary": "Accept, Origin"})
        self._send(status, body, content_type, headers)

    # -- reading and writing
    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "A POST needs a Content-Length.")
        if int(length) > MAX_BODY:
            raise HttpError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"A query may be at most {MAX_BODY} bytes."
            )
        return self.rfile.read(int(length))

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self._cors_origin:
            self.send_header("Access-Control-Allow-Origin", self._cors_origin)
            self.send_header(
                "Access-Control-Expose-Headers", f"{ROW_LIMIT_HEADER}, {TRUNCATED_HEADER}"
            )
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


def _fields(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=200)
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"Cannot read the parameters: {exc}") from None


def _is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class KgraphServer(ThreadingHTTPServer):
    """The HTTP server of ``kgraph serve``; make one with :func:`make_server`."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        *,
        page: bytes,
        named_queries: list[dict],
        settings: ServerSettings,
        processes: _QueryProcesses,
    ):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.page = page
        self.named_queries = named_queries
        self.settings = settings
        self.processes = processes
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """The address to open in a browser, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def answers_to(self, host_header: str) -> bool:
        """Whether a request's Host names this server: a loopback name, or the address it
        listens on (any name when it listens on all addresses)."""
        try:
            parts = urlsplit("//" + host_header)
            name, port = parts.hostname or "", parts.port or 80
        except ValueError:
            return False
        bound = self.server_address[0]
        if port != self.server_address[1]:
            return False
        return bound in ("0.0.0.0", "::") or name == bound or _is_loopback(name)

    def server_close(self) -> None:
        super().server_close()
        self.processes.close()


def _named_queries() -> list[dict]:
    from kgraph.query import named_queries

    return [
        {
            "name": item.name,
            "description": item.description,
            "text": item.text,
            "params": {
                name: getattr(param, "description", str(param))
                for name, param in getattr(item, "params", {}).items()
            },
        }
        for item in named_queries().values()
    ]


def _open(source: Path) -> ox.Store:
    from kgraph.store import open_source

    return open_source(source)


def make_server(
    source: Path | str | ox.Store,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    allow_service: bool = False,
    allowed_origins: Iterable[str] = (),
    title: str | None = None,
    max_bytes: int = MAX_ANSWER_BYTES,
    max_memory: int = MAX_QUERY_MEMORY,
) -> KgraphServer:
    """A server for a graph file, a store folder or a store, listening but not yet serving.

    Parameters
    ----------
    source
        A graph file (read into memory), a store folder written by ``kgraph build``
        (opened read-only), or a ``pyoxigraph.Store``.
    host, port
        Where to listen; 127.0.0.1 keeps the server to this machine, port 0 takes a free one.
    timeout
        Seconds a query may run; then its process is ended and the answer is 503.
    max_rows
        The most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer holds; a longer
        one is cut, and says so in the ``Kgraph-Truncated`` header (and JSON's ``head``).
    allow_service
        Let queries use SERVICE, so that this machine fetches other endpoints.
    allowed_origins
        Web origins (``https://example.org``) whose pages may query the endpoint.
    max_bytes
        The longest answer, in bytes; a longer one is refused (503), not cut.
    max_memory
        Bytes of memory a query process may allocate beyond what it shares with the
        server (Linux); a query that needs more is stopped (503).

    Call ``serve_forever()`` (or :func:`serve`), and ``server_close()`` when done.
    """
    from kgraph.export.html import render_html

    if timeout <= 0 or max_rows < 1 or max_bytes < 1 or max_memory < 1:
        raise ValueError("timeout, max_rows, max_bytes and max_memory must be positive")
    store = source if isinstance(source, ox.Store) else _open(Path(source))
    if title is None:
        title = "kgraph" if isinstance(source, ox.Store) else f"kgraph: {Path(source).name}"
    queries = _named_queries()
    page = render_html(store, title=title, query_box={"endpoint": "/sparql", "queries": queries})
    origins = frozenset(origin.rstrip("/") for origin in allowed_origins)
    settings = ServerSettings(timeout, max_rows, allow_service, origins, max_bytes, max_memory)
    # Forked now, before the HTTP server starts a thread or opens its socket.
    processes = _QueryProcesses(
        store,
        timeout=timeout,
        concurrent=max(2, os.cpu_count() or 2),
        memory=max_memory,
        max_bytes=max_bytes,
    )
    try:
        return KgraphServer(
            (host, port),
            page=page.encode("utf-8"),
            named_queries=queries,
            settings=settings,
            processes=processes,
        )
    except BaseException:
        processes.close()
        raise


def serve(server: KgraphServer) -> None:
    """Answer requests until Ctrl-C, then stop the server and its query processes."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
