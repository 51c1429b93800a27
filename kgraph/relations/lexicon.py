"""Relation triggers and cue words, read from ``ontologies/lexicon/{lang}.tsv``.

One row per trigger, tab-separated, with a header::

    pattern               relation           pos  voice    object  preps      note
    memasok senjata       suppliesWeaponsTo  V    active   actor   ke,kepada,-
    aliran senjata        suppliesWeaponsTo  N    active   actor   ke,kepada
    kata                  @say               V    right

- ``pattern``: words matched case-insensitively; ``a|b`` gives alternatives for
  one word; ``*`` stands for up to five words of any kind ("memberi * peralatan
  militer"); ``;`` separates alternative phrases. In Indonesian the last word
  also matches with the clitic ``-nya``.
- ``relation``: a relation of the ontology ("urges|callsFor": the first with an actor
  object, the second with a thing: "urged Israel" / "urged a ceasefire"), or a cue:
  ``@say`` (speech verb; voice ``left`` = speaker before it, ``right`` = speaker after
  it), ``@negation``,
  ``@reported``, ``@alleged``, ``@intended``, ``@hypothetical``, ``@light`` (a light
  verb whose subject does the noun after it: "expand cooperation"), ``@stop`` (a verb of
  stopping: "tidak menghentikan pengiriman senjata" means the deliveries go on).
- ``pos``: ``V`` (verb: subject before it) or ``N`` (noun: "kunjungan X ke Y").
- ``voice``: ``active``; ``passive`` (the agent follows "oleh"/"by"; Indonesian
  one-word meN- verbs get their di- passive automatically, see
  :mod:`kgraph.relations.morphology`); ``relational`` (nouns: the possessor is the
  object, "Ukraine's backer", "sekutu AS"); ``receive``
  (the giver follows "dari"/"from": "menerima bantuan dari X"); ``compound`` (a
  participle after a hyphen: "the Iran-backed group", subject before the hyphen).
- ``object``: ``actor``, ``actor|place``, ``thing``, ``actor|thing`` (an actor that
  opens the phrase after the trigger and its preposition, else the phrase as a thing:
  "concern about North Korea" / "concern about the clash"), or ``organization`` (an
  organisation, IGO or armed group only: "left ECOWAS", not "left Kyiv"); empty = the
  ontology's kind.
- ``preps``: prepositions that may introduce the object, ``-`` meaning none
  ("menyerang X"); empty = any.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kgraph.errors import Errors, LexiconError
from kgraph.function_words import CLITIC
from kgraph.relations.morphology import passive_forms
from kgraph.resources import ontology_dir
from kgraph.tokens import token_table

CUES = (
    "@say",
    "@negation",
    "@reported",
    "@alleged",
    "@intended",
    "@hypothetical",
    "@light",
    "@stop",
    "@retaliate",
)
VOICES = {
    "V": ("active", "passive", "receive", "compound"),
    "N": ("active", "passive", "receive", "relational"),
}
SAY_VOICES = ("left", "right")
OBJECT_KINDS = ("actor", "actor|place", "thing", "actor|thing", "organization")
GAP_WIDTH = 5  # words a "*" stands for


@dataclass(frozen=True)
class Trigger:
    """One lexicon row."""

    pattern: str
    relation: str
    pos: str = "-"
    voice: str = "active"
    object: str = "actor"
    preps: frozenset[str] | None = None  # None: any preposition (or none) may introduce the object
    line: int = 0
    thing_relation: str | None = None  # "urges|callsFor": the relation when the object is a thing
    #: a cue ("@say", "@negation", ...) rather than a relation; set from ``relation``
    is_cue: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_cue", self.relation.startswith("@"))

    def allows_prep(self, prep: str | None) -> bool:
        return self.preps is None or (prep or "-") in self.preps


@dataclass
class Lexicon:
    """All rows of one language's lexicon, and a spaCy Matcher over them."""

    lang: str
    triggers: list[Trigger] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.triggers)

    def matcher(self, nlp: Language) -> LexiconMatcher:
        """A matcher for ``nlp``'s Docs whose matches are ``(row, start, end)``, ``row``
        indexing ``triggers``."""
        return LexiconMatcher(nlp, self)

    def topic_words(self, relation: str) -> frozenset[str]:
        """Content words of the relation's noun triggers ("senjata" for arms transfers).

        A denial of "kesepakatan senjata" disputes statements whose relation
        shares such a word.
        """
        out: set[str] = set()
        for trigger in self.triggers:
            if trigger.relation == relation and trigger.pos == "N":
                for word in trigger.pattern.replace(";", " ").split():
                    out.update(w for w in word.split("|") if w != "*" and len(w) > 3)
        return frozenset(out)


#: The match id of the first words of gapped rows (row match ids are row numbers).
FIRST_WORD = "first word"


class LexiconMatcher:
    """Finds a lexicon's rows in a Doc: ``matcher(doc)`` gives ``(row, start, end)`` triples,
    sorted by position.

    Rows without a ``*`` are phrases of a PhraseMatcher on lower-case forms, one phrase
    per combination of ``a|b`` alternatives (and ``-nya`` forms), tokenized as text is.
    A token Matcher would test every row's set of forms at every token, in Python: that
    was most of the extraction time. Rows with a gap are followed word by word from each
    place where one of their first words occurs (a token Matcher called there costs more
    than the walk).
    """

    def __init__(self, nlp: Language, lexicon: Lexicon):
        clitic = CLITIC.get(lexicon.lang)
        # phrases and the first words of gapped rows in one matcher (a call costs even when
        # nothing matches): the first words are the phrases of FIRST_WORD
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rows: dict[int, int] = {}  # match id → row
        #: first word of a gapped phrase → (row, what follows it: forms, or None for a gap)
        self.gapped: dict[str, list[tuple[int, list[frozenset[str] | None]]]] = {}
        for row, trigger in enumerate(lexicon.triggers):
            key = str(row)
            self.rows[nlp.vocab.strings.add(key)] = row
            for phrase in (p for p in trigger.pattern.split(";") if p.strip()):
                words = phrase.split()
                forms = [
                    _forms(w, clitic if i == len(words) - 1 else None) for i, w in enumerate(words)
                ]
                if "*" not in words:
                    phrases = [" ".join(c) for c in itertools.product(*forms)]
                    self.phrases.add(key, [nlp.make_doc(p) for p in phrases])
                    continue
                pairs = zip(words, forms, strict=True)
                steps = [None if word == "*" else frozenset(f) for word, f in pairs]
                for form in forms[0]:
                    self.gapped.setdefault(form, []).append((row, steps[1:]))
        self.first_word = nlp.vocab.strings.add(FIRST_WORD)
        if self.gapped:
            self.phrases.add(FIRST_WORD, [nlp.make_doc(w) for w in sorted(self.gapped)])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        firsts = []
        for key, start, end in self.phrases(doc):
            if key == self.first_word:
                firsts.append(start)
            else:
                found.add((self.rows[key], start, end))
        if firsts:
            lower = token_table(doc).lower
            gaps: dict[int, list[int]] = {}  # rows with the same first word share their gaps
            for start in firsts:
                for row, steps in self.gapped.get(lower[start], ()):
                    ends = _ends(lower, start + 1, steps, gaps)
                    found.update((row, start, end) for end in ends)
        # by position, then row: sorting (start, end, row) tuples needs no key function
        return [(row, start, end) for start, end, row in sorted((s, e, r) for r, s, e in found)]


def _ends(
    lower: list[str],
    start: int,
    steps: list[frozenset[str] | None],
    gaps: dict[int, list[int]] | None = None,
) -> set[int]:
    """Every end of ``steps`` (forms of one word, or None for a gap) matched from ``start``.

    ``gaps`` keeps :func:`_gap_ends` by position for the calls on one Doc."""
    if gaps is None:
        gaps = {}
    ends = {start}
    for step in steps:
        if step is None:  # up to GAP_WIDTH words of any kind, as many as fit
            gapped: set[int] = set()
            for e in ends:
                reach = gaps.get(e)
                if reach is None:
                    reach = gaps[e] = _gap_ends(lower, e)
                gapped.update(reach)
            ends = gapped
        else:
            ends = {e + 1 for e in ends if e < len(lower) and lower[e] in step}
    return ends


def _gap_ends(lower: list[str], start: int) -> list[int]:
    """Where a gap from ``start`` may end: after up to GAP_WIDTH words, not counting
    numbers, hyphens and the words of a quantity ("more than 30,000 ready-to-eat meals")."""
    out = [start]
    cost, i = 0, start
    while i < len(lower) and i - start < 3 * GAP_WIDTH:
        word = lower[i]
        free = (
            word == "-"
            or (i > start and lower[i - 1] == "-")
            or word.replace(",", "").replace(".", "").isdigit()
            or word in _QUANTITY_WORDS
        )
        cost += 0 if free else 1
        if cost > GAP_WIDTH:
            break
        i += 1
        out.append(i)
    return out


#: Words of a quantity, which a gap does not count: "dropped more than 30,000 meals".
_QUANTITY_WORDS = frozenset(
    ["more", "than", "at", "least", "about", "some", "nearly", "over", "around", "almost",
     "up", "to", "lebih", "dari", "sekitar", "hampir", "sedikitnya", "setidaknya"]
)  # fmt: skip


def _forms(word: str, clitic: str | None = None) -> list[str]:
    """The lower-case forms a pattern word stands for ("Kata|ujar" → kata, ujar)."""
    forms = [w.lower() for w in word.split("|")]
    if clitic:
        forms += [f + clitic for f in forms if not f.endswith(clitic)]
    return forms


def read_lexicon(path: Path, lang: str, relations: dict[str, str]) -> Lexicon:
    """Read a lexicon file; ``relations`` maps each relation to its ontology object kind."""
    lexicon = Lexicon(lang)
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not row[0].strip() or row[0].startswith("#") or row[0] == "pattern":
                continue
            lexicon.triggers.append(_parse_row(row, path, line, relations))
    if lang == "id":
        lexicon.triggers += _derived_passives(lexicon.triggers)
    # longer patterns first, so that an overlap is resolved toward the more specific row
    lexicon.triggers.sort(key=lambda t: -len(t.pattern.split()))
    return lexicon


def _derived_passives(triggers: list[Trigger]) -> list[Trigger]:
    """di- passives of one-word active Indonesian verbs ("mengecam" → "dikecam").

    A form the lexicon already lists (as a cue or a row of its own) is left to that row.
    """
    listed = {form for t in triggers for word in t.pattern.split() for form in word.split("|")}
    derived = []
    for trigger in triggers:
        if trigger.pos != "V" or trigger.voice != "active" or " " in trigger.pattern.strip():
            continue
        forms = [
            form
            for verb in trigger.pattern.split("|")
            for form in passive_forms(verb.lower())
            if form not in listed
        ]
        if forms:
            derived.append(replace(trigger, pattern="|".join(forms), voice="passive"))
    return derived


def _parse_row(row: list[str], path: Path, line: int, relations: dict[str, str]) -> Trigger:
    cells = [c.strip() for c in row] + [""] * (6 - len(row))
    pattern, relation, pos, voice, obj, preps = cells[:6]

    def fail(detail: str) -> LexiconError:
        return LexiconError(Errors.E011.format(path=path, line=line, detail=detail))

    if any(phrase.split()[:1] == ["*"] for phrase in pattern.split(";")):
        raise fail("a * stands between words; it cannot open a phrase")
    relation, _, thing_relation = relation.partition("|")
    for name in (relation, thing_relation or relation):
        if name not in relations and name not in CUES:
            known = ", ".join(sorted(relations) + list(CUES))
            raise LexiconError(Errors.E010.format(path=path, line=line, rel=name, known=known))
    if relation == "@say":
        if voice not in SAY_VOICES:
            raise fail(f"a speech verb needs voice {' or '.join(SAY_VOICES)}, not {voice!r}")
        return Trigger(pattern, relation, pos or "V", voice, line=line)
    if relation.startswith("@"):
        return Trigger(pattern, relation, "-", "", line=line)
    if pos not in VOICES:
        raise fail(f"pos must be V or N, not {pos!r}")
    voice = voice or "active"
    if voice not in VOICES[pos]:
        raise fail(f"voice must be one of {', '.join(VOICES[pos])}, not {voice!r}")
    obj = obj or relations[relation]
    if obj not in OBJECT_KINDS:
        raise fail(f"object must be one of {', '.join(OBJECT_KINDS)}, not {obj!r}")
    prep_set = frozenset(p.strip().lower() for p in preps.split(",")) if preps else None
    if thing_relation and obj != "actor|thing":
        raise fail(f"'{relation}|{thing_relation}' needs the object kind actor|thing")
    return Trigger(pattern, relation, pos, voice, obj, prep_set, line, thing_relation or None)


def object_kinds() -> dict[str, str]:
    """Relation name → object kind in lexicon notation ("actor or place" → ``actor|place``)."""
    from kgraph.graph.relations import load_relations

    return {name: info.object_kind.replace(" or ", "|") for name, info in load_relations().items()}


@cache
def load_lexicon(lang: str, path: Path | None = None) -> Lexicon:
    """The lexicon of ``lang`` (``ontologies/lexicon/{lang}.tsv``), read once per process."""
    return read_lexicon(path or ontology_dir() / "lexicon" / f"{lang}.tsv", lang, object_kinds())
