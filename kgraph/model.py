"""The data kgraph passes between its stages: articles, entities, statements, evidence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Entity classes of the ontology (local names under ``kg:``).
ENTITY_TYPES = (
    "Country",
    "Organization",
    "IntergovernmentalOrganization",
    "ArmedGroup",
    "Person",
    "Group",
    "Location",
    "Thing",
)
#: Types that can act (subject or object of actor relations).
ACTOR_TYPES = frozenset(ENTITY_TYPES) - {"Location", "Thing"}

POLARITIES = ("positive", "negative")
#: Ordered from most to least factual; a merged statement takes the most factual.
MODALITIES = ("asserted", "reported", "alleged", "intended", "hypothetical")
#: Modalities whose positive statements also become direct triples (X rel Y).
FACTUAL_MODALITIES = frozenset({"asserted", "reported", "alleged"})


@dataclass(slots=True)
class Article:
    """One news article, its text and its metadata.

    ``text`` keeps the character positions of the original document: parts that
    are metadata or boilerplate (dateline, byline, "More Stories") are blanked
    with spaces rather than cut, so evidence offsets point into the file's text.
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    date: str | None = None  # ISO 8601 date of publication, when known
    place: str | None = None  # dateline place, e.g. "SEOUL"
    agency: str | None = None  # dateline agency, e.g. "Reuters"
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place or thing. ``id`` is the IRI local name under ``kgr:``."""

    id: str
    label: str
    type: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, ...
    labels: tuple[tuple[str, str], ...] = ()  # (language, preferred label)
    aliases: tuple[tuple[str, str], ...] = ()  # (language, other name)
    about: tuple[str, ...] = ()  # for a Thing: ids of the actors its phrase names

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES

    @property
    def country_id(self) -> str | None:
        """The country this entity is, or the one it belongs to."""
        return self.id if self.type == "Country" else self.country


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a statement was found, and what that place says about it."""

    article: str  # Article.id
    sentence: str  # the sentence text, exactly as at [start, end) in the article
    start: int
    end: int
    sentence_index: int
    trigger: str  # the words that fired the rule
    rule: str  # extractor and rule, e.g. "lexicon:id:verb:active"
    confidence: float
    modality: str = "asserted"
    claimed_by: tuple[str, ...] = ()  # Entity ids of who says it
    event_date: str | None = None


@dataclass(slots=True)
class Statement:
    """A subject–relation–object fact with one piece of evidence."""

    subject: Entity
    relation: str
    object: Entity
    evidence: Evidence
    polarity: str = "positive"
    symmetric: bool = False

    @property
    def modality(self) -> str:
        return self.evidence.modality

    @property
    def claimed_by(self) -> tuple[str, ...]:
        return self.evidence.claimed_by

    @property
    def confidence(self) -> float:
        return self.evidence.confidence

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity of the fact: the same key from two sentences is one statement."""
        a, b = self.subject.id, self.object.id
        if self.symmetric and b < a:
            a, b = b, a
        return (a, self.relation, b, self.polarity)


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex digest of ``parts``: the same input always gives the same id.

    >>> stable_id("PRK", "suppliesWeaponsTo", "RUS", "positive")
    '629d79775be7a267'
    """
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]
