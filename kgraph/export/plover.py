"""Statements as PLOVER event records: the JSON shape of PLOVER's gold-standard records.

PLOVER (https://github.com/openeventdata/PLOVER) codes events: a source acting on
a target, in one of its categories. Relations the ontology gives no PLOVER
category (``affiliatedWith``, ``leaderOf``, ``memberOf``, ``alliedWith``,
``develops``, ``violates``, ``expressesConcernAbout``) describe actors rather than
events, so they make no record; an official's office shows in the actor's code
and sector instead. Negative and hypothetical statements did not happen and make
no record either. Each record keeps kgraph's own fields under ``"kgraph"``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from kgraph.graph.relations import RelationInfo
from kgraph.model import Article, Entity, Statement

#: Modalities of events that happened or are announced; a conditional is not an event.
EVENT_MODALITIES = frozenset(["asserted", "reported", "alleged", "intended"])


def actor_record(entity: Entity) -> dict:
    """``{"actorText", "code", "sector"}``: ISO 3166 alpha-3 for states and their
    people, ``IGO`` for intergovernmental organisations, else kgraph's id."""
    if entity.type == "Country":
        code = entity.id
    elif entity.type == "IntergovernmentalOrganization":
        code = "IGO"
    else:
        code = entity.country or entity.id
    record = {"actorText": entity.label, "code": code}
    if entity.sector:
        record["sector"] = entity.sector
    return record


def plover_records(
    statements: Iterable[Statement],
    relations: dict[str, RelationInfo],
    articles: dict[str, Article],
) -> Iterator[dict]:
    """One PLOVER record per statement of an event that happened or is announced."""
    numbers: Counter[str] = Counter()
    for statement in statements:
        info = relations.get(statement.relation)
        evidence = statement.evidence
        if info is None or info.plover is None:
            continue
        if statement.polarity != "positive" or evidence.modality not in EVENT_MODALITIES:
            continue
        article = articles.get(evidence.article)
        numbers[evidence.article] += 1
        record = {
            "id": f"{evidence.article}-E{numbers[evidence.article]:03d}",
            "date": evidence.event_date or (article.date if article else None),
            "source": [actor_record(statement.subject)],
        }
        if statement.object.is_actor:
            record["target"] = [actor_record(statement.object)]
        record |= {
            "event": info.plover,
            "eventText": evidence.trigger,
            "mode": "",
            "context": "",
            "text": evidence.sentence,
            "language": article.language if article else None,
            "kgraph": {
                "relation": statement.relation,
                "object": statement.object.label,
                "modality": evidence.modality,
                "claimed_by": list(evidence.claimed_by),
                "cameo": info.cameo,
                "confidence": evidence.confidence,
                "doc": evidence.article,
                "sentence": evidence.sentence_index,
                "start": evidence.start,
                "end": evidence.end,
                "rule": evidence.rule,
            },
        }
        yield {key: value for key, value in record.items() if value is not None}
