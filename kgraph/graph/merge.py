"""Merge statements from many sentences into facts, and link denials to what they deny.

The same subject–relation–object–polarity found in several sentences (or
articles) is one :class:`Fact` with several pieces of evidence. A ``denies``
statement disputes the positive facts of its subject whose relation its object
phrase names ("membantah adanya transaksi senjata" → arms transfers of
the denier); a negative statement claimed by someone disputes its positive twin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kgraph.model import FACTUAL_MODALITIES, MODALITIES, Entity, Evidence, Statement, stable_id

DENIAL = "denies"
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Fact:
    """One statement of the graph with all its evidence.

    ``modality``, ``confidence`` and ``claimed_by`` sum up the evidence as it is added
    (`add`, `support`), so a fact can be merged without keeping its evidence: large
    builds keep only these (see :mod:`kgraph.incremental`).
    """

    subject: Entity
    relation: str
    object: Entity
    polarity: str
    symmetric: bool
    evidence: list[Evidence] = field(default_factory=list)
    modality: str = MODALITIES[-1]  # the most factual modality among the evidence
    confidence: float = 0.0  # the highest among the evidence
    claimed_by: tuple[str, ...] = ()  # entity ids, in first-seen order
    # Tuples, not lists: most facts have none, and an empty list costs 56 bytes a fact.
    disputed_by: tuple[str, ...] = ()  # entity ids
    disputes: tuple[str, ...] = ()  # Fact ids, for denials

    @property
    def id(self) -> str:
        a, b = self.subject.id, self.object.id
        if self.symmetric and b < a:
            a, b = b, a
        return stable_id(a, self.relation, b, self.polarity)

    @property
    def is_direct(self) -> bool:
        """Whether the fact also becomes a plain triple (positive and not merely planned)."""
        return self.polarity == "positive" and self.modality in FACTUAL_MODALITIES

    @property
    def participants(self) -> set[str]:
        return {self.subject.id, self.object.id}

    def add(self, evidence: Evidence) -> None:
        """Keep ``evidence`` (once) and count it in the summary."""
        if evidence not in self.evidence:
            self.evidence.append(evidence)
            self.support(evidence)

    def support(self, evidence: Evidence) -> None:
        """Count ``evidence`` in the modality, confidence and claimants, without keeping it."""
        if _RANK[evidence.modality] < _RANK[self.modality]:
            self.modality = evidence.modality
        self.confidence = max(self.confidence, evidence.confidence)
        for claimant in evidence.claimed_by:
            if claimant not in self.claimed_by:
                self.claimed_by += (claimant,)


_RANK = {modality: rank for rank, modality in enumerate(MODALITIES)}
Facts = dict[tuple[str, str, str, str], Fact]


def merge_statements(
    statements: Iterable[Statement], topic_words: Mapping[str, frozenset[str]] | None = None
) -> list[Fact]:
    """Group statements into facts, in first-seen order, and link denials.

    ``topic_words`` maps a relation to words that name it in a denied phrase
    (see :meth:`kgraph.relations.lexicon.Lexicon.topic_words`).
    """
    facts: Facts = {}
    for statement in statements:
        add_statement(facts, statement)
    merged = list(facts.values())
    link_disputes(merged, topic_words or {})
    return merged


def add_statement(facts: Facts, statement: Statement, *, keep_evidence: bool = True) -> Fact:
    """Merge ``statement`` into ``facts`` (keyed by `Statement.key`) and return its fact.

    ``keep_evidence=False`` sums the evidence up without keeping it: what the facts
    graph needs, in a fraction of the memory.
    """
    fact = facts.get(statement.key)
    if fact is None:
        fact = facts[statement.key] = Fact(
            subject=statement.subject,
            relation=statement.relation,
            object=statement.object,
            polarity=statement.polarity,
            symmetric=statement.symmetric,
        )
    if keep_evidence:
        fact.add(statement.evidence)
    else:
        fact.support(statement.evidence)
    return fact


def link_disputes(facts: list[Fact], topic_words: Mapping[str, frozenset[str]]) -> None:
    """Fill ``disputed_by`` and ``disputes`` (see the module docstring)."""
    positive = [f for f in facts if f.polarity == "positive" and f.relation != DENIAL]
    by_key = {(f.subject.id, f.relation, f.object.id): f for f in positive}
    owners = {word: rel for rel, ws in _unique_topics(topic_words).items() for word in ws}
    # The facts each actor takes part in, per relation, in their order in ``positive``:
    # a denial is then checked against its denier's facts only, not against all of them
    # (77 s at 10,000 articles when it was).
    involving: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, fact in enumerate(positive):
        for participant in fact.participants:
            involving[participant, fact.relation].append(number)
    for denial in facts:
        if denial.relation != DENIAL or denial.polarity != "positive":
            continue
        denier = denial.subject.id
        named = {owners[w] for w in _words(denial.object.label) if w in owners}
        about = set(denial.object.about) - {denier}
        candidates = sorted(
            {n for relation in named for n in involving.get((denier, relation), ())}
        )
        for fact in (positive[n] for n in candidates):
            if about and not (fact.participants - {denier}) & about:
                continue
            _dispute(fact, denier)
            if fact.id not in denial.disputes:
                denial.disputes += (fact.id,)
    for negative in facts:
        if negative.polarity != "negative":
            continue
        twin = by_key.get((negative.subject.id, negative.relation, negative.object.id))
        if twin is None and negative.symmetric:
            twin = by_key.get((negative.object.id, negative.relation, negative.subject.id))
        if twin is not None:
            for claimant in negative.claimed_by:
                _dispute(twin, claimant)


def _dispute(fact: Fact, entity_id: str) -> None:
    if entity_id not in fact.disputed_by:
        fact.disputed_by += (entity_id,)


def _unique_topics(topic_words: Mapping[str, frozenset[str]]) -> dict[str, set[str]]:
    """Keep words that name one relation only: "senjata" does, "militer" does not."""
    owners: dict[str, set[str]] = {}
    for relation, found in topic_words.items():
        for word in found:
            owners.setdefault(word, set()).add(relation)
    out: dict[str, set[str]] = {}
    for word, relations in owners.items():
        if len(relations) == 1:
            out.setdefault(next(iter(relations)), set()).add(word)
    return out


def _words(text: str) -> set[str]:
    """Lower-case words, with the Indonesian "-nya" clitic also stripped."""
    words = set()
    for word in _WORD.findall(text.lower()):
        words.add(word)
        if word.endswith("nya") and len(word) > 5:
            words.add(word[:-3])
    return words
