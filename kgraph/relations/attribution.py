"""Who says what: speech verbs ("X mengatakan", "kata X", "menurut X", "X said") and quotes.

Each speech verb opens a scope of tokens whose statements are claimed by its
speaker. A quoted sentence with no speech verb of its own continues the
previous quote's speaker within the same paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Protocol

from kgraph.entities.mention import Mention
from kgraph.function_words import PREPOSITIONS, WE_PRONOUNS, words
from kgraph.model import Entity
from kgraph.relations.arguments import ArgumentFinder, Discourse
from kgraph.relations.sentence import Hit, SentenceView

_OPEN_QUOTES = frozenset(["“", '"', "‘", "«"])
_CLOSE_QUOTES = frozenset(["”", "»"])
_DETERMINERS = frozenset(["the", "a", "an"])
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES
_BEFORE_SPEAKER = frozenset([",", "”", '"', "’", "»"])


@dataclass(frozen=True)
class Scope:
    """Tokens ``[start, end)`` whose statements ``claimants`` (entity ids) stand behind."""

    start: int
    end: int
    claimants: tuple[str, ...]

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


class Claimed(Protocol):
    """Anything that collects claimants (the extractor's statements in the making)."""

    claimants: list[str]


@dataclass
class QuoteTracker:
    """Quotes that run over several sentences: “A. B,” kata X — A is X's claim too.

    Feed it every sentence in order; statements found inside a quote that has not
    closed yet wait until the sentence that closes it names the speaker.
    """

    open: bool = False
    pending: list[Claimed] = field(default_factory=list)

    def read(self, view: SentenceView, found: list[Claimed], scopes: list[Scope]) -> None:
        closes = False
        at, texts = view.tokens.positions(_QUOTES), view.tokens.text
        for k in range(bisect_left(at, view.start), bisect_left(at, view.end)):
            text = texts[at[k]]
            if text in _CLOSE_QUOTES or (text == '"' and self.open):
                closes, self.open = closes or self.open, False
            elif text in _OPEN_QUOTES:
                self.open = True
        if closes and self.pending:
            speakers = [c for s in scopes if s.start == view.start for c in s.claimants]
            for item in self.pending:
                item.claimants.extend(c for c in speakers if c not in item.claimants)
        if closes or not self.open:
            self.pending = []
        if self.open:
            self.pending.extend(item for item in found if not item.claimants)


def speech_scopes(view: SentenceView, finder: ArgumentFinder, discourse: Discourse) -> list[Scope]:
    """The attribution scopes of one sentence; updates ``discourse.speaker``."""
    scopes = []
    for hit in view.hits:
        if hit.relation != "@say":
            continue
        scope = _scope(view, finder, discourse, hit)
        if scope is not None and scope.claimants:
            scopes.append(scope)
            discourse.speaker = scope.claimants
    first = view.tokens.text[view.start]
    if not scopes and first in _OPEN_QUOTES and discourse.speaker and not _new_paragraph(view):
        scopes.append(Scope(view.start, view.end, discourse.speaker))
    return scopes


def we_mentions(
    view: SentenceView, scopes: list[Scope], entities: dict[str, Entity]
) -> list[Mention]:
    """ "Kami", "we" inside a speaker's scope: the speaker's side.

    An official speaks for their country ("“We will support Manila,” Wong said" →
    Australia); anyone else for themselves or their organisation.
    """
    if not scopes:
        return []  # no speaker whose side "we" could be
    out = []
    # the sentence's share of the Doc's "we" words (a scan per sentence cost more)
    at = view.tokens.positions(words(WE_PRONOUNS, view.lang), lower=True)
    for i in at[bisect_left(at, view.start) : bisect_left(at, view.end)]:
        if i in view.unit_at:
            continue
        claimants = [c for s in scopes if s.covers(i) for c in s.claimants]
        if not claimants:
            continue
        side = []
        for claimant in claimants:
            entity = entities.get(claimant)
            if entity is None:
                continue
            official = entity.type == "Person" and entity.sector in ("GOV", "MIL")
            side.append(entity.country if official and entity.country in entities else claimant)
        if side:
            out.append(Mention(i, i + 1, tuple(dict.fromkeys(side)), kind="pronoun"))
    return out


def _scope(
    view: SentenceView, finder: ArgumentFinder, discourse: Discourse, hit: Hit
) -> Scope | None:
    speaker: Mention | None = None
    if hit.trigger.voice == "left":
        speaker = finder.speaker_left(hit.start)
        if speaker is not None:
            k = speaker.start - 1
            if k > view.start and view.lowercase[k] in _DETERMINERS:
                k -= 1  # '"...," the U.S. ambassador said'
            before = view.tokens.text[k] if k >= view.start else ""
            after = _words(view, hit.end)
            # "In Moscow, Zakharova said Russia ...": a fronted phrase, not what was said
            fronted = (
                before == ","
                and view.lowercase[view.start] in words(PREPOSITIONS, view.lang)
                and not any(
                    view.tokens.text[j] in _BEFORE_SPEAKER - {","} for j in range(view.start, k)
                )
            )
            if (before in _BEFORE_SPEAKER and not fronted) or after < 3:
                return Scope(view.start, speaker.start, _actors(speaker, finder))
            return Scope(hit.end, _said_end(view, hit.end), _actors(speaker, finder))
    # voice right, or a left verb with the speaker after it ("..., said Blinken"); but in
    # "Officials said China rejected ..." China is what was said, not who said it
    preceded = hit.start > view.start and view.tokens.text[hit.start - 1] in _BEFORE_SPEAKER
    if hit.trigger.voice == "left" and not preceded:
        return None
    speaker = view.unit_after(hit.end, limit=1)
    claimants = _actors(speaker, finder) if speaker is not None else ()
    if speaker is not None:
        # "yang menurut mereka merupakan ...": the speaker is not an argument of what follows
        view.boundaries.update(range(speaker.start, speaker.end))
    if not claimants and view.has_clitic(hit.end - 1):
        claimants = discourse.speaker  # "tambahnya", "katanya": the last speaker
    if not claimants:
        return None
    content_end = speaker.end if speaker is not None else hit.end
    if not preceded and _words(view, content_end) >= 3:
        return Scope(content_end, view.end, claimants)
    return Scope(view.start, hit.start, claimants)


def _said_end(view: SentenceView, start: int) -> int:
    """Where what was said ends: at ", and" before a new subject ("X said it was sheltering
    people, and Japan pledged aid": Japan's pledge is told by the writer), else the
    sentence end."""
    return next((k for k in range(start, view.end - 2) if view.comma_and_subject(k)), view.end)


def _actors(unit: Mention, finder: ArgumentFinder) -> tuple[str, ...]:
    return finder.actor_ids(unit)


def _words(view: SentenceView, start: int) -> int:
    """How many tokens from ``start`` to the end of the sentence are not punctuation."""
    return view.tokens.is_punct[start : view.end].count(False)


def _new_paragraph(view: SentenceView) -> bool:
    """Whether a line break stands between this sentence and the previous one."""
    # a token's whitespace_ is at most one space: line breaks are inside token texts
    return view.start == 0 or "\n" in view.tokens.text[view.start - 1]
