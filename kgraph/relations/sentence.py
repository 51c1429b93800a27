"""One sentence as the relation rules see it: actor mentions, trigger hits, clause limits."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span

from kgraph.dates import MONTHS, WEEKDAYS
from kgraph.entities.mention import Mention
from kgraph.function_words import (
    BOUNDARY_PUNCT,
    CLAUSE_BOUNDARIES,
    CLITIC,
    LanguageWords,
    for_language,
    looks_like_verb,
    words,
)
from kgraph.relations.lexicon import Trigger
from kgraph.tokens import TokenTable, cached_attribute, token_table

_ALSO_ADJECTIVES = frozenset(["sementara"])
_PARTITIVES = frozenset(
    ["thousands", "hundreds", "dozens", "millions", "scores", "tens", "members", "fighters",
     "elements", "units"]
)  # fmt: skip
#: "a faction of the TPLF", "the armed wing of Hamas": a part standing for the group
_PARTS_OF_GROUPS = frozenset(["faction", "factions", "wing", "branch", "splinter", "cell"])
_QUOTES = frozenset(['"', "“", "”", "«", "»"])
#: Nouns that end a time phrase: "sejak awal tahun", "since early this year".
#: "said on Wednesday it had sent ...": a month or a weekday ends the phrase as well.
_CLOCK_NOUNS = frozenset(
    ["tahun", "bulan", "pekan", "minggu", "hari", "malam", "pagi", "siang", "sore", "year",
     "month", "week", "day", "night", "morning", "evening", "afternoon"]
)  # fmt: skip
_TIME_NOUNS = _CLOCK_NOUNS | frozenset(MONTHS) | frozenset(WEEKDAYS)
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "its", "their", "our"])
_COMMA = frozenset([","])


@dataclass
class Hit:
    """A lexicon row matched at tokens ``[start, end)``."""

    trigger: Trigger
    start: int
    end: int
    clitic: bool = False  # the last word carries "-nya": a pronoun possessor or object
    #: a verb form used as a noun ("condemned the strikes"): names an event told before
    nominal: bool = False
    relation: str = field(init=False, repr=False, compare=False)  # the trigger's, read often

    def __post_init__(self) -> None:
        self.relation = self.trigger.relation


@dataclass
class SentenceView:
    """Mentions, hits and clause limits of one sentence."""

    doc: Doc
    start: int  # the sentence's tokens: [start, end)
    end: int
    lang: str
    units: list[Mention]
    hits: list[Hit]
    unit_at: dict[int, Mention] = field(default_factory=dict)
    boundaries: set[int] = field(default_factory=set)
    ignored: set[int] = field(default_factory=set)  # tokens of cue phrases: never arguments
    # set from the above; plain attributes because the rules read them very often
    tokens: TokenTable = field(init=False, repr=False, compare=False)
    words: LanguageWords = field(init=False, repr=False, compare=False)
    #: the Doc's lower-case words: ``view.lowercase[i]`` (the rules' most frequent read)
    lowercase: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # this runs for every sentence: locals, and nothing made that is not needed
        start, end = self.start, self.end
        tokens = self.tokens = token_table(self.doc)
        self.lowercase = self._lower = tokens.lower
        words = self.words = for_language(self.lang)
        self._prepositions = words.prepositions
        self._relativizers = words.relativizers
        self._coordinators = words.coordinators
        unit_at = self.unit_at
        for unit in self.units:  # add_unit, inlined
            for i in range(unit.start, unit.end):
                unit_at[i] = unit
        lang = self.lang
        stops = tokens.derived(
            ("clause boundaries", lang), lambda tokens: _clause_boundaries(tokens, lang)
        )
        first, last = bisect_left(stops, start), bisect_left(stops, end)
        if first < last:
            # "Komisi Pemilihan Umum (KPU)": brackets inside a name end nothing
            self.boundaries.update(i for i in stops[first:last] if i not in unit_at)
            quotes = tokens.positions(_QUOTES)
            first, last = bisect_left(quotes, start), bisect_left(quotes, end)
            if last - first > 1:  # quote marks are boundaries too: only a pair can be scare quotes
                self.boundaries -= self._scare_quotes(quotes[first:last])
        for hit in self.hits:
            if not hit.trigger.is_cue:
                continue
            if hit.relation == "@say":
                self.boundaries.update(range(hit.start, hit.end))
            else:
                self.ignored.update(range(hit.start, hit.end))

    @cached_attribute
    def sent(self) -> Span:
        """The sentence as a Span (made when asked: the rules read token positions)."""
        return self.doc[self.start : self.end]

    # the hits by token and by start, and where verb triggers lie: made when a rule asks
    @cached_attribute
    def hit_at(self) -> dict[int, Hit]:
        """The first hit over each token."""
        out: dict[int, Hit] = {}
        for hit in self.hits:
            for i in range(hit.start, hit.end):
                out.setdefault(i, hit)
        return out

    @cached_attribute
    def hit_starting(self) -> dict[int, Hit]:
        """The first hit that starts at each token."""
        out: dict[int, Hit] = {}
        for hit in self.hits:
            out.setdefault(hit.start, hit)
        return out

    @cached_attribute
    def light_starts(self) -> set[int]:
        """Where light verbs ("@light": "hold", "melakukan") start."""
        return {h.start for h in self.hits if h.relation == "@light"}

    @cached_attribute
    def verb_starts(self) -> set[int]:
        return {h.start for h in self.hits if h.trigger.pos == "V"}

    @cached_attribute
    def verb_tokens(self) -> set[int]:
        return {i for h in self.hits if h.trigger.pos == "V" for i in range(h.start, h.end)}

    def _scare_quotes(self, quotes: list[int]) -> set[int]:
        """Quote marks around a few words inside a clause ('stood "fully behind" Warsaw',
        'were "gravely concerned" by'): no clause boundary, unlike a quotation. ``quotes``
        are the sentence's quote marks."""
        out: set[int] = set()
        text = self.tokens.text
        for opening, closing in zip(quotes[::2], quotes[1::2], strict=False):
            inside = closing - opening - 1
            if inside > 0 and opening > self.start and text[opening - 1].isalpha():
                # a partial quote goes on with the clause before it ('said Russia "fully
                # supports Serbia"'); a short one ends nothing ('stood "fully behind" Warsaw')
                out.update((opening, closing) if inside <= 3 else (opening,))
        return out

    def add_unit(self, unit: Mention) -> None:
        """Make ``unit`` an actor mention here ("kami" once its speaker is known)."""
        self.unit_at.update(dict.fromkeys(range(unit.start, unit.end), unit))

    def text(self, start: int, end: int) -> str:
        return self.tokens.span_text(start, end)

    def lower(self, i: int) -> str:
        return self._lower[i]

    def clause_start(self, i: int) -> int:
        """First token of the clause that holds token ``i``."""
        start, boundaries = self.start, self.boundaries
        j = i - 1
        while j >= start and j not in boundaries:
            j -= 1
        return j + 1

    def clause_end(self, i: int, *, through: frozenset[str] = frozenset()) -> int:
        """Token after the clause that holds token ``i`` (``through``: boundaries to cross)."""
        end, boundaries, lower = self.end, self.boundaries, self._lower
        j = i
        while j < end and (j not in boundaries or lower[j] in through):
            j += 1
        return j

    def prep_before(self, mention: Mention) -> str | None:
        """The preposition that governs a mention: "ke Rusia", "of the G7", and also "di ZEE
        Indonesia" (a noun or two may stand between), if any."""
        i, start, lower = mention.start - 1, self.start, self._lower
        if i > start and lower[i] in _DETERMINERS:
            i -= 1
        for _ in range(5):  # "bagi awak kapal selam Indonesia", "kepada dua bank milik negara X"
            if i < start:
                return None
            word = lower[i]
            if word in self._prepositions:
                if i > start and lower[i - 1] in _PARTITIVES:
                    return None  # "thousands of Armenians protested": the Armenians did
                if word == "of" and i > start and lower[i - 1] in _PARTS_OF_GROUPS:
                    # "to a hardline faction of the TPLF": what governs the faction
                    return self._governing(i - 2)
                return word
            if word in _TIME_NOUNS:
                return None  # "sejak awal tahun pasukan Rusia meluncurkan": the phrase ended
            text = self.tokens.text[i]
            # "bagi 200 personel Kepolisian ...": a number may stand in the phrase too
            alpha = text.isalpha() or text.replace(".", "").replace(",", "").isdigit()
            nominal = alpha and i not in self.unit_at and i not in self.boundaries
            if not nominal or looks_like_verb(word, self.lang) or i in self.hit_at:
                return None
            i -= 1
        return None

    def _governing(self, i: int) -> str | None:
        """The preposition before a short noun phrase ending at token ``i``."""
        lower = self._lower
        for k in range(i, max(self.start, i - 3) - 1, -1):
            if lower[k] in self._prepositions:
                return lower[k]
            if k in self.unit_at or k in self.boundaries or not self.tokens.text[k].isalpha():
                return None
        return None

    def _hit_at(self, i: int) -> bool:
        return i in self.hit_at

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
        return self._lower[i] in self._relativizers

    def relative_clause_end(self, i: int) -> int | None:
        """The comma closing the relative clause ", yang ... ," / ", which ... ," that token
        ``i`` stands in, if it does."""
        commas, openings = self._commas, self._relative_openings
        k = bisect_right(openings, i) - 1  # the last ", yang" at or before i
        if k < 0 or openings[k] <= self.start:
            return None
        c = bisect_left(commas, openings[k])
        if c < len(commas) and commas[c] < i:
            return None  # a comma after "yang": the clause closed before i
        c = bisect_left(commas, i, c)
        return commas[c] if c < len(commas) and commas[c] < self.end else None

    @cached_attribute
    def _commas(self) -> list[int]:
        return self.tokens.positions(_COMMA)

    @cached_attribute
    def _relative_openings(self) -> list[int]:
        """Relativizers right after a comma: where a relative clause opens."""
        return self.tokens.derived(
            ("relative openings", self.lang), lambda tokens: _relative_openings(tokens, self.lang)
        )

    def comma_and_subject(self, k: int) -> bool:
        """Whether ", and <mention>" starts at token ``k``: a new clause with its own
        subject ("X said it was sheltering people, and Japan pledged aid")."""
        return (
            k + 2 < self.end
            and self.tokens.text[k] == ","
            and self._lower[k + 1] in self._coordinators
            and k + 2 in self.unit_at
        )

    def starts_predicate(self, i: int) -> bool:
        """Whether "dan"/"and" at ``i`` joins a second verb rather than a longer phrase."""
        if self._lower[i] not in self._coordinators or i + 1 >= self.end:
            return False
        nxt = i + 1
        return looks_like_verb(self._lower[nxt], self.lang) or nxt in self.verb_starts

    def has_clitic(self, token_index: int) -> bool:
        clitic = CLITIC.get(self.lang)
        return bool(clitic) and self._lower[token_index].endswith(clitic)


@cache
def clause_stops(lang: str) -> frozenset[str]:
    """The words and punctuation that end a clause (punctuation has no case: its lower
    form is its text)."""
    return words(CLAUSE_BOUNDARIES, lang) | BOUNDARY_PUNCT


def _clause_boundaries(tokens: TokenTable, lang: str) -> list[int]:
    """Positions of the Doc's words and punctuation that end a clause (outside names)."""
    lower, text = tokens.lower, tokens.text
    found = [
        i
        for i in tokens.positions(clause_stops(lang), lower=True)
        # "dermaga sementara": temporary, not "while"
        if not (
            lower[i] in _ALSO_ADJECTIVES and i and text[i - 1].isalpha() and text[i - 1].islower()
        )
    ]
    return [i for i in found if not _in_date_brackets(text, i)]


def _in_date_brackets(text: list[str], i: int) -> bool:
    """ "pada Rabu (8/1/2025) menolak": brackets around a date end no clause."""
    if text[i] == "(":
        j = i + 1
        while j < len(text) and j - i <= 6 and (text[j].isdigit() or text[j] == "/"):
            j += 1
        return j < len(text) and text[j] == ")" and j > i + 1
    if text[i] == ")":
        j = i - 1
        while j >= 0 and i - j <= 6 and (text[j].isdigit() or text[j] == "/"):
            j -= 1
        return j >= 0 and text[j] == "(" and j < i - 1
    return False


def _relative_openings(tokens: TokenTable, lang: str) -> list[int]:
    """Positions of the Doc's relativizers right after a comma (", yang", ", which")."""
    relativizers, lower = for_language(lang).relativizers, tokens.lower
    return [
        c + 1
        for c in tokens.positions(_COMMA)
        if c + 1 < tokens.length and lower[c + 1] in relativizers
    ]
