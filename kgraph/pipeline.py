"""kgraph's spaCy pipelines: one per language, all components registered here.

Importing this module registers the factories, so plain spaCy code works::

    nlp = spacy.blank("id")
    nlp.add_pipe("kgraph_sentences")
    nlp.add_pipe("kgraph_entities")
    nlp.add_pipe("kgraph_resolver")
    nlp.add_pipe("kgraph_relations")

:func:`load_pipeline` builds exactly that, and :func:`extract_statements` runs
it on an :class:`~kgraph.model.Article`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_PUNCT, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from kgraph.entities.gazetteer import (
    load_gazetteer,
    read_actor_words,
    read_definite_nouns,
    read_sector_words,
)
from kgraph.entities.recognizer import EntityRecognizer
from kgraph.entities.resolver import EntityResolver
from kgraph.errors import Errors, KgraphError
from kgraph.graph.relations import load_relations
from kgraph.language import SUPPORTED_LANGUAGES
from kgraph.model import Article, Statement
from kgraph.relations.dependency import (
    EXTRACTOR_CHOICES,
    make_dependency_relation_extractor,
    make_parsed_pipeline,
)
from kgraph.relations.extractor import RelationExtractor
from kgraph.relations.lexicon import load_lexicon
from kgraph.resources import ontology_dir
from kgraph.tokens import all_punctuation, token_table

for _name, _default in (
    ("kgraph_article", None),
    ("kgraph_mentions", None),
    ("kgraph_entities", None),
    ("kgraph_statements", None),
    ("kgraph_too_long", None),  # (character offset, tokens) of sentences not searched
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("kgraph_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs and headlines end there."""
    breaks = _line_breaks(doc)
    if breaks:  # as token.is_sent_start = True for each, without making the Tokens
        starts = doc.to_array([SENT_START])
        starts[breaks] = 1
        doc.from_array([SENT_START], starts)
    return doc


@Language.component("kgraph_sentences", assigns=["token.is_sent_start"])
def sentences(doc: Doc) -> Doc:
    """``kgraph_line_breaks`` followed by spaCy's ``sentencizer``, from the token lists.

    The two set the same sentence starts; the sentencizer makes a Token for every token
    of the Doc, which cost more than the rest of this component.
    """
    length = len(doc)
    if not length:
        return doc
    starts = doc.to_array([SENT_START])
    own = starts.view(numpy.int64)  # -1, 0 (not set) or 1
    own[_line_breaks(doc)] = 1
    unset = own == 0
    if unset.any():  # the sentencizer sets only these (its overwrite=False)
        own[unset] = numpy.where(_sentencizer_starts(doc)[unset], 1, -1)
    doc.from_array([SENT_START], starts)
    return doc


def _line_breaks(doc: Doc) -> list[int]:
    """The tokens that follow a line break."""
    # a token's whitespace_ is at most one space: line breaks are inside token texts
    texts = token_table(doc).text
    return [i for i, text in enumerate(texts[:-1], start=1) if "\n" in text]


#: The sentencizer's sentence-final characters ("." "!" "?" and their kin in other scripts).
_FINAL_CHARS = frozenset(Sentencizer.default_punct_chars)


def _sentencizer_starts(doc: Doc) -> numpy.ndarray:
    """The sentence starts spaCy's ``sentencizer`` (default punctuation) predicts: the
    first token, and the first token after each sentence-final character that is
    neither punctuation nor such a character."""
    table = token_table(doc)
    length, texts = len(doc), table.text
    if all_punctuation(_FINAL_CHARS, doc.vocab.lex_attr_getters[IS_PUNCT]):
        candidates: Iterable[int] = table.punct_positions  # as they are in spaCy's languages
    else:
        candidates = range(length)
    guesses = numpy.zeros(length, dtype=bool)
    guesses[0] = True
    punct, after = table.is_punct, 0
    for i in candidates:
        if i < after or texts[i] not in _FINAL_CHARS:
            continue  # (a final character in the run of punctuation already passed)
        after = i + 1
        while after < length and (punct[after] or texts[after] in _FINAL_CHARS):
            after += 1
        if after < length:
            guesses[after] = True
    return guesses


@Language.factory(
    "kgraph_entities",
    assigns=["doc._.kgraph_mentions", "doc._.kgraph_entities", "doc.ents"],
    default_config={"gazetteer_path": None},
)
def make_entity_recognizer(
    nlp: Language, name: str, gazetteer_path: str | None
) -> EntityRecognizer:
    gazetteer = load_gazetteer(Path(gazetteer_path) if gazetteer_path else None)
    actor_words = read_actor_words(ontology_dir() / "lexicon" / "actor-words.tsv")
    return EntityRecognizer(nlp, name, gazetteer=gazetteer, actor_words=actor_words)


@Language.factory(
    "kgraph_resolver",
    assigns=["doc._.kgraph_mentions"],
    requires=["doc._.kgraph_mentions", "doc.sents"],
    default_config={},
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    nouns = read_definite_nouns(ontology_dir() / "lexicon" / "definite-nouns.tsv")
    sectors = read_sector_words(ontology_dir() / "gazetteer" / "sectors.tsv")
    forces = [
        w.word for w in sectors if w.lang == nlp.lang and w.sector == "MIL" and w.kind == "country"
    ]
    return EntityResolver(nlp, name, definite_nouns=nouns, force_nouns=forces)


@Language.factory(
    "kgraph_relations",
    assigns=["doc._.kgraph_statements"],
    requires=["doc._.kgraph_mentions", "doc.sents"],
    default_config={"lexicon_path": None, "min_confidence": 0.0},
)
def make_relation_extractor(
    nlp: Language, name: str, lexicon_path: str | None, min_confidence: float
) -> RelationExtractor:
    lexicon = load_lexicon(nlp.lang, Path(lexicon_path) if lexicon_path else None)
    return RelationExtractor(
        nlp, name, lexicon=lexicon, relations=load_relations(), min_confidence=min_confidence
    )


# Needs a trained parser (see kgraph.relations.dependency); load_pipeline adds it only on request.
Language.factory(
    "kgraph_dep_relations",
    assigns=["doc._.kgraph_statements"],
    requires=["doc._.kgraph_mentions", "doc.sents", "token.dep", "token.lemma"],
    default_config={"lexicon_path": None, "min_confidence": 0.0, "merge": False, "titles": True},
    func=make_dependency_relation_extractor,
)


def load_pipeline(lang: str, extractor: str = "lexicon") -> Language:
    """The kgraph pipeline for ``lang`` ("en" or "id"), built once per process.

    ``extractor`` picks the relation extractor: ``"lexicon"`` (the default, a
    blank pipeline), or ``"dependency"`` or ``"both"``, which run on an
    installed trained English parser (see :func:`make_parsed_pipeline`).
    """
    # one cache entry however the call is spelled: functools.cache keys
    # load_pipeline("en") and load_pipeline("en", "lexicon") apart, and analyze() uses
    # the second, so the first built a second pipeline
    return _pipeline(lang, extractor)


@cache
def _pipeline(lang: str, extractor: str) -> Language:
    if lang not in SUPPORTED_LANGUAGES:
        raise KgraphError(Errors.E013.format(lang=lang, supported=", ".join(SUPPORTED_LANGUAGES)))
    if extractor not in EXTRACTOR_CHOICES:
        raise KgraphError(
            Errors.E018.format(extractor=extractor, choices=", ".join(EXTRACTOR_CHOICES))
        )
    if extractor != "lexicon":
        return make_parsed_pipeline(lang, extractors=extractor)
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "kgraph.Tokenizer.v1"}}})
    nlp.add_pipe("kgraph_sentences")
    nlp.add_pipe("kgraph_entities")
    nlp.add_pipe("kgraph_resolver")
    nlp.add_pipe("kgraph_relations")
    return nlp


#: Split "U.S.-led" into "U.S.", "-", "led" as "US-led" is split: spaCy's hyphen infix
#: wants a letter before the hyphen.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[a-z])"


@spacy.registry.tokenizers("kgraph.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer of the language, with `ABBREVIATION_HYPHEN` as an infix.

    Built with the infix from the start: setting ``infix_finditer`` afterwards makes the
    tokenizer add its special cases again, 1.6 s for Indonesian's 16,000 exceptions.
    """

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex([*defaults.infixes, ABBREVIATION_HYPHEN]).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


load_pipeline.cache_clear = _pipeline.cache_clear  # type: ignore[attr-defined]


def analyze(article: Article, lang: str | None = None, extractor: str = "lexicon") -> Doc:
    """Run the pipeline of the article's language over its text; the Doc holds everything."""
    nlp = load_pipeline(lang or article.language or "en", extractor)
    doc = nlp.make_doc(article.text)
    token_table(doc).made_from(article.text)  # its doc.text, without joining the tokens
    doc._.kgraph_article = article
    return nlp(doc)


def extract_statements(
    article: Article, lang: str | None = None, extractor: str = "lexicon"
) -> list[Statement]:
    """The statements of one article, each with its evidence."""
    return list(analyze(article, lang, extractor)._.kgraph_statements)
