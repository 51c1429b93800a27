"""Statements as plain records: the JSON Lines of ``kgraph extract`` (DESIGN output contract)."""

from __future__ import annotations

from functools import cache

from kgraph.graph.rdf import resource_iri
from kgraph.graph.relations import RelationInfo, load_relations
from kgraph.model import Entity, Statement


@cache
def _relations() -> dict[str, RelationInfo]:
    return load_relations()


def entity_record(entity: Entity) -> dict:
    """``{"iri", "label", "type", "country"}`` for one entity."""
    country = entity.country_id
    return {
        "iri": resource_iri(entity.id),
        "label": entity.label,
        "type": entity.type,
        "country": country,
    }


def statement_record(statement: Statement, entities: dict[str, Entity] | None = None) -> dict:
    """One statement with its evidence, as ``kgraph extract --format jsonl`` prints it.

    ``claimed_by`` is the first claimant (or null); ``claimed_by_all`` lists every one.
    """
    info = _relations().get(statement.relation)
    evidence = statement.evidence
    claimants = [
        entity_record(entities[c]) if entities and c in entities else {"iri": resource_iri(c)}
        for c in evidence.claimed_by
    ]
    return {
        "subject": entity_record(statement.subject),
        "relation": statement.relation,
        "object": entity_record(statement.object),
        "polarity": statement.polarity,
        "modality": evidence.modality,
        "claimed_by": claimants[0] if claimants else None,
        "claimed_by_all": claimants,
        "plover": info.plover if info else None,
        "cameo": info.cameo if info else None,
        "confidence": evidence.confidence,
        "evidence": {
            "doc": evidence.article,
            "sentence": evidence.sentence_index,
            "start": evidence.start,
            "end": evidence.end,
            "text": evidence.sentence,
            "trigger": evidence.trigger,
            "rule": evidence.rule,
            "event_date": evidence.event_date,
        },
    }
