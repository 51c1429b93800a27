"""SPARQL over a graph file or store: inline queries, query files and named queries.

Named queries live in ``ontologies/queries/NAME.rq``. The first comment line says
what the query answers (``# arms-transfers: who supplies weapons ...``); further
header comments declare parameters::

    # param since: a date such as 2024-01-01
    # param actor (actor): the actor's name in English or Indonesian, an alias, or its IRI

A plain parameter is bound with pyoxigraph's substitutions (SEP-0007): an IRI
(``http(s)://...`` or a CURIE such as ``kgr:PRK``) as an IRI, anything else as a
string. Substitutions only bind variables of the top-level SELECT, so such a query
projects the parameter; printed results leave parameter columns out (``hide``).

An ``(actor)`` parameter is first resolved to the entities it names (case-insensitive
match on rdfs:label, skos:prefLabel and skos:altLabel, or the IRI as given), and the
query's ``VALUES ?actor { UNDEF }`` line is filled with their IRIs. Why not a
substitution: Oxigraph plans the query before it substitutes, so a bound actor
does not steer the joins; with the IRIs in a VALUES block an actor's statements are
index lookups (0.006 s instead of 0.2 s on 1.2M triples, benchmarks/sparql_store.py),
and a case-insensitive name filter inside the query cost 0.8 s. Run elsewhere
without kgraph, ``UNDEF`` leaves the actor open: the query then covers every actor.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import Errors, QueryError
from kgraph.graph.namespaces import PREFIXES
from kgraph.resources import ontology_dir

#: File suffix → RDF format, for loading graphs.
GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = ("table", "csv", "tsv", "json")


Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((\w+)\))?\s*:\s*(.*)")
PARAM_KINDS = ("value", "actor")
#: Entities are minted under this namespace; ontology terms (kg:) are not actors.
_RESOURCES = PREFIXES["kgr"]
#: Language tags of names (the gazetteer's languages).
LANGUAGES = ("en", "id")
_FIND_EXACT = """
SELECT DISTINCT ?entity WHERE {
  VALUES ?label { ?spellings }
  ?entity rdfs:label|skos:prefLabel|skos:altLabel ?label .
  FILTER (STRSTARTS(STR(?entity), STR(kgr:)))
}
ORDER BY ?entity
"""
_FIND_ACTOR = """
SELECT DISTINCT ?name ?entity WHERE {
  ?entity rdfs:label|skos:prefLabel|skos:altLabel ?label .
  FILTER (LCASE(STR(?label)) = LCASE(STR(?name)) && STRSTARTS(STR(?entity), STR(kgr:)))
}
ORDER BY ?entity
"""
_IRI = re.compile(r"https?://\S+")
_SYNTAX_AT = re.compile(r"error at (\d+):(\d+):\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    #: "value" (bound as given) or "actor" (a name or IRI, resolved to entities).
    kind: str = "value"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    path: Path
    #: Parameters by name, in the order the header declares them.
    params: dict[str, Param] = field(default_factory=dict)


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file in ``ontologies/queries`` by name (the file's stem)."""
    folder = folder or ontology_dir() / "queries"
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = _header(text)
        first = header[0] if header else ""
        description = first.lstrip("#").strip()
        if description.lower().startswith(path.stem.lower() + ":"):
            description = description[len(path.stem) + 1 :].strip()
        params = {
            m[1]: Param(m[1], m[3].strip(), m[2] or "value")
            for line in header
            if (m := _PARAM_LINE.fullmatch(line))
        }
        queries[path.stem] = NamedQuery(path.stem, description, text, path, params)
    return queries


def _header(text: str) -> list[str]:
    """The comment lines before the first line of SPARQL."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            break
        if line:
            lines.append(line)
    return lines


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(Errors.E020.format(name=name, available=", ".join(sorted(queries))))
    return queries[name]


def load_graph(path: Path) -> ox.Store:
    """Read an RDF file into an in-memory store (format from the file's suffix)."""
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        detail = f"unknown suffix; use one of {', '.join(GRAPH_FORMATS)}"
        raise QueryError(Errors.E022.format(path=path, detail=detail))
    store = ox.Store()
    try:
        if fmt.supports_datasets:
            store.bulk_load(path=str(path), format=fmt)
        else:
            store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    except (OSError, SyntaxError, ValueError) as exc:
        raise QueryError(Errors.E022.format(path=path, detail=exc)) from None
    return store


def with_prefixes(query: str) -> str:
    """Prepend kgraph's PREFIX declarations that the query uses but does not declare."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in query.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    missing = [
        f"PREFIX {p}: <{iri}>"
        for p, iri in PREFIXES.items()
        if p not in declared and f"{p}:" in query
    ]
    return "\n".join([*missing, query]) if missing else query


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``["actor=Korea Utara"]`` → ``{"actor": "Korea Utara"}`` (the value may hold '=').

    >>> parse_params(["actor=Korea Utara", "a=x=y"])
    {'actor': 'Korea Utara', 'a': 'x=y'}
    """
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise QueryError(Errors.E023.format(param=item))
        params[key] = value
    return params


def param_term(value: str) -> ox.NamedNode | ox.Literal:
    """An IRI (``http(s)://...``, ``<...>`` or a kgraph CURIE such as ``kgr:PRK``) or a string.

    >>> param_term("kgr:PRK").value
    'https://w3id.org/kgraph/resource/PRK'
    >>> param_term("Korea Utara")
    <Literal value=Korea Utara datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> param_term("kgr:a<b").value  # no IRI can hold '<': a string
    'kgr:a<b'
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    iri = None
    if _IRI.fullmatch(text):
        iri = text
    elif sep and prefix in PREFIXES and local and not any(c.isspace() for c in local):
        iri = PREFIXES[prefix] + local
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError:  # "kgr:a<b" is no IRI: a name to look up, not a crash
            pass
    return ox.Literal(value)


def check_params(query: NamedQuery, params: Mapping[str, str]) -> None:
    """Raise when a declared parameter is missing or a given one is not declared."""
    for key in params:
        if key not in query.params:
            known = ", ".join(query.params) or "none"
            raise QueryError(Errors.E025.format(param=key, known=f"{known} ({query.name})"))
    missing = [key for key in query.params if key not in params]
    if missing:
        usage = " ".join(f"{key}=..." for key in missing)
        detail = "; ".join(f"{key}: {query.params[key].description}" for key in missing)
        raise QueryError(Errors.E024.format(name=query.name, missing=f"{detail}", usage=usage))


def find_actor(store: ox.Store, value: str) -> list[ox.NamedNode]:
    """The entities ``value`` names: an IRI as given, else a case-insensitive label match."""
    term = param_term(value)
    if isinstance(term, ox.NamedNode):
        return [term]
    # The name as written, in each language, is an index lookup; the case-insensitive
    # match scans every label (0.06 s on 1.2M triples), so it only runs when that fails.
    spellings = [ox.Literal(value), *(ox.Literal(value, language=lang) for lang in LANGUAGES)]
    exact = _FIND_EXACT.replace("?spellings", " ".join(str(term) for term in spellings))
    found = [solution["entity"] for solution in run_query(store, exact)]
    if not found:
        found = [solution["entity"] for solution in run_query(store, _FIND_ACTOR, {"name": value})]
    if not found:
        raise QueryError(Errors.E026.format(name=value))
    return found


def bind_actors(store: ox.Store, query: NamedQuery, params: Mapping[str, str]) -> str:
    """The query's text with each actor parameter's ``VALUES ?p { UNDEF }`` lines filled in."""
    text = query.text
    for key, param in query.params.items():
        if param.kind != "actor" or key not in params:
            continue
        pattern = re.compile(rf"VALUES\s+[?$]{key}\s*\{{\s*UNDEF\s*\}}", re.IGNORECASE)
        if not pattern.search(text):
            detail = f"{query.path}: actor parameter '{key}' needs a line VALUES ?{key} {{ UNDEF }}"
            raise QueryError(Errors.E021.format(detail=detail))
        iris = " ".join(str(node) for node in find_actor(store, params[key]))
        # Every occurrence: a subquery is planned on its own and needs the actor too.
        values = f"VALUES ?{key} {{ {iris} }}".replace("\\", "\\\\")
        text = pattern.sub(values, text)
    return text


def prepare_named(
    store: ox.Store, name: str, params: Mapping[str, str] | None = None
) -> tuple[str, dict[str, str]]:
    """A named query's text with its actors bound, and the parameters left to substitute."""
    query = named_query(name)
    params = dict(params or {})
    check_params(query, params)
    text = bind_actors(store, query, params)
    rest = {k: v for k, v in params.items() if query.params[k].kind != "actor"}
    return text, rest


def run_named(store: ox.Store, name: str, params: Mapping[str, str] | None = None) -> Results:
    """Run a named query with its parameters (checked against its header)."""
    text, rest = prepare_named(store, name, params)
    return run_query(store, text, rest)


def run_query(store: ox.Store, query: str, params: Mapping[str, str] | None = None) -> Results:
    """Run a SPARQL query; ``params`` bind variables of the query (see :func:`param_term`).

    Syntax errors become :class:`QueryError` with the line and column in ``query``.
    """
    text = with_prefixes(query)
    substitutions = {}
    for key, value in (params or {}).items():
        if not re.search(rf"[?$]{key}\b", query):
            raise QueryError(Errors.E025.format(param=key, known="the query's variables"))
        substitutions[ox.Variable(key)] = param_term(value)
    try:
        return store.query(
            text, use_default_graph_as_union=True, substitutions=substitutions or None
        )
    except SyntaxError as exc:
        shift = text.count("\n") - query.count("\n")  # PREFIX lines added in front
        raise QueryError(Errors.E021.format(detail=syntax_detail(str(exc), query, shift))) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(Errors.E021.format(detail=exc)) from None


def syntax_detail(message: str, query: str, shift: int = 0) -> str:
    """Oxigraph's ``error at 4:12: expected one of ...`` as one readable line.

    >>> print(syntax_detail('error at 2:7: expected one of [a-z], "}"', "SELECT *\\nWHERE {"))
    syntax error at line 2, column 7: expected one of "}" (near 'WHERE {')
    """
    found = _SYNTAX_AT.match(message)
    if not found:
        return " ".join(message.split())
    line, column = int(found[1]) - shift, int(found[2])
    rest = message[found.end() :]
    # Drop the character classes ([...]) of the grammar: they say nothing to a reader.
    rest = re.sub(r"\[[^\]]*\]", "", rest, flags=re.DOTALL)
    head, _, options = rest.partition("expected one of")
    expected = [o.strip() for o in options.split(",") if o.strip()]
    what = " ".join(head.split()) or (f"expected one of {', '.join(expected)}" if expected else "")
    lines = query.splitlines()
    near = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    detail = f"syntax error at line {line}, column {column}"
    detail += f": {what}" if what else ""
    return detail + (f" (near {near[:80]!r})" if near else "")


def rows(results: ox.QuerySolutions, hide: Iterable[str] = ()) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of plain strings (IRIs and literal values, '' for unbound).

    ``hide`` leaves out variables such as a query's parameters, which every row repeats.
    """
    hidden = set(hide)
    names = [v.value for v in results.variables if v.value not in hidden]
    table = []
    for solution in results:
        table.append([_plain(solution[name]) for name in names])
    return names, table


def _plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    return term.value


def format_results(results: Results, fmt: str, hide: Iterable[str] = ()) -> str:
    """Serialise results for ``--format`` csv, tsv or json (table is drawn by the CLI)."""
    if isinstance(results, ox.QueryBoolean):
        return (
            json.dumps({"boolean": bool(results)}) if fmt == "json" else str(bool(results)).lower()
        )
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        data = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))
        hidden = set(hide)
        if hidden:
            data["head"]["vars"] = [v for v in data["head"]["vars"] if v not in hidden]
            for binding in data["results"]["bindings"]:
                for name in hidden & binding.keys():
                    del binding[name]
        return json.dumps(data, ensure_ascii=False) + "\n"
    names, table = rows(results, hide)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(names)
    writer.writerows(table)
    return buffer.getvalue()
