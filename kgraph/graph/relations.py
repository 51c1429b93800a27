"""Relation metadata from kgraph.ttl: labels, PLOVER, CAMEO, Goldstein, symmetry, object kind."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kgraph.errors import OntologyError
from kgraph.graph.namespaces import KG
from kgraph.resources import ontology_dir

__all__ = ["RelationInfo", "load_relations"]


@dataclass(frozen=True)
class RelationInfo:
    """What the ontology says about one relation, e.g. ``suppliesWeaponsTo``."""

    name: str  # local name under kg:, e.g. "suppliesWeaponsTo"
    label_en: str
    label_id: str
    plover: str | None  # PLOVER category, e.g. "AID"; None where the ontology has none
    cameo: str | None  # CAMEO code as written, e.g. "07" or "02/10"
    symmetric: bool
    object_kind: str  # "actor", "thing", "actor or place" or "actor or thing"
    state_level: bool = False  # officials acting in it act for their country
    goldstein: float | None = None  # -10 (conflict) .. +10 (cooperation); None without CAMEO


def load_relations(path: Path | None = None) -> dict[str, RelationInfo]:
    """Every ``kg:Relation`` of the ontology, by local name.

    Parameters
    ----------
    path
        An ontology file in Turtle; by default ``kgraph.ttl`` in
        :func:`kgraph.resources.ontology_dir`, read once per process.

    Raises
    ------
    OntologyError
        If a relation lacks a label, its symmetry flag or its object kind.

    Examples
    --------
    >>> info = load_relations()["suppliesWeaponsTo"]
    >>> info.plover, info.cameo, info.goldstein, info.symmetric, info.label_id
    ('AID', '07', 7.0, False, 'memasok senjata kepada')
    """
    if path is None:
        return dict(_default_relations())
    return _read_relations(path)


@cache
def _default_relations() -> dict[str, RelationInfo]:
    return _read_relations(ontology_dir() / "kgraph.ttl")


def _read_relations(path: Path) -> dict[str, RelationInfo]:
    graph = Graph().parse(path, format="turtle")
    relations = {}
    for term in sorted(graph.subjects(RDF.type, KG.Relation)):
        if not isinstance(term, URIRef) or term not in KG:
            raise OntologyError(f"{path}: relation {term} is not a term of the kg: namespace")
        name = term.removeprefix(str(KG._NS))
        relations[name] = RelationInfo(
            name=name,
            label_en=_required(graph, path, term, RDFS.label, "en"),
            label_id=_required(graph, path, term, RDFS.label, "id"),
            plover=_optional(graph, term, KG.plover),
            cameo=_optional(graph, term, KG.cameo),
            symmetric=_required(graph, path, term, KG.symmetric).lower() == "true",
            state_level=(_optional(graph, term, KG.stateLevel) or "").lower() == "true",
            object_kind=_required(graph, path, term, KG.objectKind),
            goldstein=_number(graph, path, term, KG.goldstein),
        )
    return relations


def _optional(graph: Graph, term: URIRef, prop: URIRef, lang: str | None = None) -> str | None:
    for value in graph.objects(term, prop):
        if isinstance(value, Literal) and (lang is None or value.language == lang):
            return str(value)
    return None


def _number(graph: Graph, path: Path, term: URIRef, prop: URIRef) -> float | None:
    value = _optional(graph, term, prop)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        message = f"{path}: relation {term} has a {prop} that is no number: {value!r}"
        raise OntologyError(message) from None


def _required(graph: Graph, path: Path, term: URIRef, prop: URIRef, lang: str | None = None) -> str:
    value = _optional(graph, term, prop, lang)
    if value is None:
        where = f"@{lang} " if lang else ""
        raise OntologyError(f"{path}: relation {term} has no {where}value for {prop}")
    return value
