"""One sentence as the relation rules see it: actor mentions, trigger hits, clause limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kgraph.entities.mention import Mention
from kgraph.function_words import (
    BOUNDARY_PUNCT,
    CLAUSE_BOUNDARIES,
    CLITIC,
    COORDINATORS,
    PREPOSITIONS,
    RELATIVIZERS,
    looks_like_verb,
    words,
)
from kgraph.relations.lexicon import Trigger

_ALSO_ADJECTIVES = frozenset(["sementara"])
_PARTITIVES = frozenset(["thousands", "hundreds", "dozens", "millions", "scores", "tens"])
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "its", "their", "our"])


@dataclass
class Hit:
    """A lexicon row matched at tokens ``[start, end)``."""

    trigger: Trigger
    start: int
    end: int
    clitic: bool = False  # the last word carries "-nya": a pronoun possessor or object

    @property
    def relation(self) -> str:
        return self.trigger.relation


@dataclass
class SentenceView:
    """Mentions, hits and clause limits of one sentence."""

    doc: Doc
    sent: Span
    lang: str
    units: list[Mention]
    hits: list[Hit]
    unit_at: dict[int, Mention] = field(default_factory=dict)
    boundaries: set[int] = field(default_factory=set)
    ignored: set[int] = field(default_factory=set)  # tokens of cue phrases: never arguments

    def __post_init__(self) -> None:
        for unit in self.units:
            self.add_unit(unit)
        stops = words(CLAUSE_BOUNDARIES, self.lang)
        for token in self.sent:
            if token.i in self.unit_at:
                continue  # "Komisi Pemilihan Umum (KPU)": brackets inside a name end nothing
            adjective = (  # "dermaga sementara": temporary, not "while"
                token.lower_ in _ALSO_ADJECTIVES
                and token.i > self.sent.start
                and self.doc[token.i - 1].is_lower
                and self.doc[token.i - 1].is_alpha
            )
            if (token.lower_ in stops and not adjective) or token.text in BOUNDARY_PUNCT:
                self.boundaries.add(token.i)
        self.boundaries -= self._scare_quotes()
        for hit in self.hits:
            if hit.relation == "@say":
                self.boundaries.update(range(hit.start, hit.end))
            elif hit.trigger.is_cue:
                self.ignored.update(range(hit.start, hit.end))

    def _scare_quotes(self) -> set[int]:
        """Quote marks around a few words inside a clause ('stood "fully behind" Warsaw',
        'were "gravely concerned" by'): no clause boundary, unlike a quotation."""
        out: set[int] = set()
        quotes = [t.i for t in self.sent if t.is_quote and t.text != "'"]
        for opening, closing in zip(quotes[::2], quotes[1::2], strict=False):
            before = self.doc[opening - 1] if opening > self.sent.start else None
            inside = closing - opening - 1
            if 0 < inside <= 3 and before is not None and before.is_alpha:
                out.update((opening, closing))
        return out

    def add_unit(self, unit: Mention) -> None:
        """Make ``unit`` an actor mention here ("kami" once its speaker is known)."""
        for i in range(unit.start, unit.end):
            self.unit_at[i] = unit

    @property
    def start(self) -> int:
        return self.sent.start

    @property
    def end(self) -> int:
        return self.sent.end

    def text(self, start: int, end: int) -> str:
        return self.doc[start:end].text

    def lower(self, i: int) -> str:
        return self.doc[i].lower_

    def clause_start(self, i: int) -> int:
        """First token of the clause that holds token ``i``."""
        j = i - 1
        while j >= self.start and j not in self.boundaries:
            j -= 1
        return j + 1

    def clause_end(self, i: int, *, through: frozenset[str] = frozenset()) -> int:
        """Token after the clause that holds token ``i`` (``through``: boundaries to cross)."""
        j = i
        while j < self.end and (j not in self.boundaries or self.lower(j) in through):
            j += 1
        return j

    def prep_before(self, mention: Mention) -> str | None:
        """The preposition that governs a mention: "ke Rusia", "of the G7", and also "di ZEE
        Indonesia" (a noun or two may stand between), if any."""
        i = mention.start - 1
        if i > self.start and self.lower(i) in _DETERMINERS:
            i -= 1
        for _ in range(3):
            if i < self.start:
                return None
            if self.lower(i) in words(PREPOSITIONS, self.lang):
                if i > self.start and self.lower(i - 1) in _PARTITIVES:
                    return None  # "thousands of Armenians protested": the Armenians did
                return self.lower(i)
            token = self.doc[i]
            nominal = token.is_alpha and i not in self.unit_at and i not in self.boundaries
            if not nominal or looks_like_verb(token.lower_, self.lang) or self._hit_at(i):
                return None
            i -= 1
        return None

    def _hit_at(self, i: int) -> bool:
        return any(h.start <= i < h.end for h in self.hits)

    def is_argument(self, mention: Mention) -> bool:
        return mention.start not in self.ignored

    def unit_after(self, i: int, *, limit: int = 3) -> Mention | None:
        """A mention starting within ``limit`` tokens after ``i`` with no boundary between."""
        for j in range(i, min(i + limit + 1, self.end)):
            if j in self.boundaries:
                return None
            unit = self.unit_at.get(j)
            if unit is not None:
                return unit if unit.start == j and self.is_argument(unit) else None
        return None

    def is_relativizer(self, i: int) -> bool:
        return self.lower(i) in words(RELATIVIZERS, self.lang)

    def relative_clause_end(self, i: int) -> int | None:
        """The comma closing the relative clause ", yang ... ," / ", which ... ," that token
        ``i`` stands in, if it does."""
        opened = next(
            (
                j
                for j in range(i, self.start, -1)
                if self.doc[j - 1].text == "," and self.is_relativizer(j)
            ),
            None,
        )
        if opened is None or any(self.doc[k].text == "," for k in range(opened, i)):
            return None
        return next((k for k in range(i, self.end) if self.doc[k].text == ","), None)

    def starts_predicate(self, i: int) -> bool:
        """Whether "dan"/"and" at ``i`` joins a second verb rather than a longer phrase."""
        if self.lower(i) not in words(COORDINATORS, self.lang) or i + 1 >= self.end:
            return False
        nxt = i + 1
        return looks_like_verb(self.lower(nxt), self.lang) or any(
            h.start == nxt and h.trigger.pos == "V" for h in self.hits
        )

    def has_clitic(self, token_index: int) -> bool:
        clitic = CLITIC.get(self.lang)
        return bool(clitic) and self.lower(token_index).endswith(clitic)
