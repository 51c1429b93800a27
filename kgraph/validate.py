"""Check a graph against kgraph's SHACL shapes (``ontologies/shapes.ttl``) with pySHACL.

A graph file or a store folder is read as one graph, the union of its data graphs:
a statement lives in the facts graph but its ``kg:evidence`` links and the evidence
in its articles' graphs, so no single named graph is well-formed alone. The
ontology and gazetteer graphs of a store are left out, as exports leave them out.

Each problem becomes one line a user can read: the node and the property in
kgraph's prefixes, the shape's message and the offending value, e.g.
``stmt:1a2b3c4d5e6f7a8b kg:evidence: a statement needs at least one piece of evidence``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kgraph.errors import Errors, ValidationError
from kgraph.graph.namespaces import KG, PREFIXES
from kgraph.resources import ontology_dir

SH = Namespace("http://www.w3.org/ns/shacl#")
_XSD = PREFIXES["xsd"]
_XSD_STRING = _XSD + "string"
#: Numbers print bare (5000, 0.8), as Turtle writes them.
_NUMBERS = frozenset({_XSD + "integer", _XSD + "decimal"})
#: Longest namespace first, so a statement reads stmt:… rather than kgr:stmt/….
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_VALUE_CHARS = 60


def shapes_path() -> Path:
    """``shapes.ttl`` beside the ontology (the repository's, or the wheel's copy)."""
    return ontology_dir() / "shapes.ttl"


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a node breaks a shape."""

    focus: str  # the node, shortened: stmt:1a2b…
    path: str  # the property, shortened (^kg:evidence for "what points here"); "" if none
    message: str
    value: str = ""  # the offending value, shortened; "" when a value is missing
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        found = f" (found {self.value})" if self.value and self.value != self.focus else ""
        # Only custom shapes (--shapes) have warnings; kgraph's are all violations.
        level = "" if self.severity in ("Violation", "") else f"{self.severity.lower()}: "
        return f"{where}: {level}{self.message}{found}"


@dataclass(slots=True)
class Report:
    """What validating one graph found."""

    source: str
    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    statements: int = 0
    evidence: int = 0
    triples: int = 0

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def validate(source: Path | Graph, *, shapes: Path | None = None) -> Report:
    """Validate a graph file, a store folder or an rdflib graph against the shapes.

    Raises :class:`~kgraph.errors.QueryError` (E022) when the graph cannot be read and
    :class:`~kgraph.errors.ValidationError` when the shapes cannot (E070) or are not
    SHACL that pySHACL can use (E071).
    """
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    with _quiet_literals():
        shapes_graph = load_shapes(shapes)
        data = source if isinstance(source, Graph) else load_data(Path(source))
        try:
            # inference="none": the shapes are about what kgraph writes, not what it
            # entails; inplace: the graph is ours, so pySHACL need not copy it first.
            conforms, results, _ = pyshacl.validate(
                data,
                shacl_graph=shapes_graph,
                inference="none",
                advanced=False,
                inplace=True,
                allow_infos=True,
                allow_warnings=True,
            )
        except ReportableRuntimeError as exc:  # a shape pySHACL cannot use
            path = shapes if shapes is not None else shapes_path()
            detail = _one_line(getattr(exc, "message", exc))
            raise ValidationError(Errors.E071.format(path=path, detail=detail)) from None
    # One line per problem: a value that breaks two constraints of one property shape
    # (an ill-typed offset is neither an integer nor >= 0) reads the same twice.
    found = sorted(set(problems(results)), key=lambda p: (p.focus, p.path, p.message, p.value))
    return Report(
        source=str(source) if not isinstance(source, Graph) else "graph",
        conforms=bool(conforms),
        problems=found,
        statements=len(set(data.subjects(RDF.type, KG.Statement))),
        evidence=len(set(data.subjects(RDF.type, KG.Evidence))),
        triples=len(data),
    )


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph: ``path``, or kgraph's own ``shapes.ttl``."""
    path = Path(path) if path is not None else shapes_path()
    try:
        graph = Graph().parse(path, format="turtle")
    except BadSyntax as exc:  # its text quotes the bytes around the error; the line is enough
        detail = f"bad Turtle syntax at line {exc.lines + 1} ({exc._why})"
        raise ValidationError(Errors.E070.format(path=path, detail=detail)) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(Errors.E070.format(path=path, detail=_one_line(exc))) from None
    # Without shapes every graph would pass: say so rather than call it valid.
    if not any((None, RDF.type, kind) in graph for kind in (SH.NodeShape, SH.PropertyShape)):
        detail = "no sh:NodeShape or sh:PropertyShape in it"
        raise ValidationError(Errors.E071.format(path=path, detail=detail))
    return graph


def load_data(path: Path) -> Graph:
    """A graph file or a store folder as one rdflib graph: the union of its data graphs.

    Read through :func:`kgraph.store.open_source`, so ``validate`` accepts exactly what
    ``query`` and ``serve`` do, and a store folder may be read while a build writes it.
    """
    from kgraph.store import data_quads, open_source

    graph = Graph()
    add = graph.add
    # Predicates, classes, entities and numbers recur: convert each term once.
    terms: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Node] = {}

    def term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        found = terms.get(node)
        if found is None:
            found = terms[node] = _term(node)
        return found

    for quad in data_quads(open_source(path)):
        add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def problems(results: Graph) -> Iterable[Problem]:
    """The readable problems of a pySHACL results graph."""
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        yield Problem(
            focus=short(focus) if focus is not None else "",
            path=_path(results, path) if path is not None else "",
            message=str(message) if message is not None else "does not conform",
            value=short(value) if value is not None else "",
            severity=short(severity).removeprefix("sh:") if severity is not None else "",
        )


def short(node: Node) -> str:
    """An IRI as prefix:local when a kgraph prefix fits, a literal as Turtle-ish text."""
    if isinstance(node, URIRef):
        iri = str(node)
        for prefix, namespace in _NAMESPACES:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        if iri.startswith(str(SH)):
            return f"sh:{iri[len(str(SH)) :]}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        text = str(node)
        if len(text) > _VALUE_CHARS:
            text = text[: _VALUE_CHARS - 1] + "…"
        shown = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if node.language:
            return f"{shown}@{node.language}"
        if str(node.datatype) in _NUMBERS and not node.ill_typed:
            return text
        if node.datatype is not None and str(node.datatype) != _XSD_STRING:
            return f"{shown}^^{short(URIRef(node.datatype))}"
        return shown
    return f"_:{node}"


def _path(results: Graph, path: Node) -> str:
    """A property path as a reader writes it: kg:evidence, ^kg:evidence."""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + short(inverse)
        return "(a path)"
    return short(path)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # A plain string is untyped in rdflib, as its own parsers read it.
    return (
        Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=datatype)
    )


@contextmanager
def _quiet_literals() -> Iterator[None]:
    """Silence rdflib's warnings on ill-typed literals and IRIs: the shapes report them."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
