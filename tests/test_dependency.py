"""The dependency-based relation extractor (kgraph/relations/dependency.py).

Most tests build the parse by hand, as spaCy's own tests do, so they need no
trained model and do not change when a model does: each token is given as
``(word, head, dep, pos, lemma)``, with ``head`` the index of its head token.
Our recogniser and resolver then run on that Doc, then the extractor.
Tests marked ``model`` run the real English pipeline where it is installed.
"""

from __future__ import annotations

import dataclasses
import importlib.util

import pytest
import spacy
from spacy.tokens import Doc

from kgraph.errors import KgraphError
from kgraph.graph.relations import load_relations
from kgraph.model import Article, Entity, Evidence, Statement
from kgraph.pipeline import load_pipeline
from kgraph.relations import dependency
from kgraph.relations.dependency import (
    PARSER_PACKAGES,
    DependencyRelationExtractor,
    make_parsed_pipeline,
    merge_by_sentence,
)
from kgraph.relations.lexicon import load_lexicon

from conftest import require

Token = tuple[str, int, str, str, str]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("en")


@pytest.fixture(scope="module")
def extractor(nlp):
    return DependencyRelationExtractor(nlp, lexicon=load_lexicon("en"), relations=load_relations())


def parsed(nlp, tokens: list[Token]) -> Doc:
    """A Doc with the given parse, mentions found by our recogniser and resolver."""
    words, heads, deps, pos, lemmas = (list(column) for column in zip(*tokens, strict=True))
    spaces = [i + 1 < len(words) and words[i + 1] not in ".,'s" for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc._.kgraph_article = Article(id="t", text=doc.text, language="en")
    nlp.get_pipe("kgraph_entities")(doc)
    nlp.get_pipe("kgraph_resolver")(doc)
    return doc


def facts(extractor, doc: Doc) -> set[tuple]:
    return {
        (s.subject.id, s.relation, s.object.id, s.polarity, s.modality)
        for s in extractor(doc)._.kgraph_statements
    }


# "Russia attacked Ukraine."
ACTIVE = [
    ("Russia", 1, "nsubj", "PROPN", "Russia"),
    ("attacked", 1, "ROOT", "VERB", "attack"),
    ("Ukraine", 1, "dobj", "PROPN", "Ukraine"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_active_verb(nlp, extractor):
    doc = parsed(nlp, ACTIVE)
    (statement,) = extractor(doc)._.kgraph_statements
    assert (statement.subject.id, statement.relation, statement.object.id) == (
        "RUS",
        "attacks",
        "UKR",
    )
    assert (statement.polarity, statement.modality) == ("positive", "asserted")
    evidence = statement.evidence
    assert evidence.rule.startswith("dependency:en:V/active subject=nsubj object=dobj")
    assert (evidence.article, evidence.sentence, evidence.sentence_index) == (
        "t",
        "Russia attacked Ukraine.",
        1,
    )
    assert (evidence.start, evidence.end, evidence.trigger) == (0, len(doc.text), "attacked")


def test_passive_with_agent_swaps_the_arguments(nlp, extractor):
    # "Vietnam was attacked by China."
    doc = parsed(
        nlp,
        [
            ("Vietnam", 2, "nsubjpass", "PROPN", "Vietnam"),
            ("was", 2, "auxpass", "AUX", "be"),
            ("attacked", 2, "ROOT", "VERB", "attack"),
            ("by", 2, "agent", "ADP", "by"),
            ("China", 3, "pobj", "PROPN", "China"),
            (".", 2, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {("CHN", "attacks", "VNM", "positive", "asserted")}


def test_passive_without_agent_names_no_one(nlp, extractor):
    # "Vietnam was attacked."
    doc = parsed(
        nlp,
        [
            ("Vietnam", 2, "nsubjpass", "PROPN", "Vietnam"),
            ("was", 2, "auxpass", "AUX", "be"),
            ("attacked", 2, "ROOT", "VERB", "attack"),
            (".", 2, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == set()


def test_conjoined_subjects_each_get_a_statement(nlp, extractor):
    # "Russia and Belarus attacked Ukraine."
    doc = parsed(
        nlp,
        [
            ("Russia", 3, "nsubj", "PROPN", "Russia"),
            ("and", 0, "cc", "CCONJ", "and"),
            ("Belarus", 0, "conj", "PROPN", "Belarus"),
            ("attacked", 3, "ROOT", "VERB", "attack"),
            ("Ukraine", 3, "dobj", "PROPN", "Ukraine"),
            (".", 3, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {
        ("RUS", "attacks", "UKR", "positive", "asserted"),
        ("BLR", "attacks", "UKR", "positive", "asserted"),
    }


def test_negation_and_lemma(nlp, extractor):
    # "Russia did not attack Ukraine."; "attack" matches the row by its lemma
    doc = parsed(
        nlp,
        [
            ("Russia", 3, "nsubj", "PROPN", "Russia"),
            ("did", 3, "aux", "AUX", "do"),
            ("not", 3, "neg", "PART", "not"),
            ("attack", 3, "ROOT", "VERB", "attack"),
            ("Ukraine", 3, "dobj", "PROPN", "Ukraine"),
            (".", 3, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {("RUS", "attacks", "UKR", "negative", "asserted")}


def test_unlisted_inflection_matches_by_lemma(nlp, extractor):
    # "Japan is backing Ukraine.": the lexicon lists backed|backs|back, not "backing"
    doc = parsed(
        nlp,
        [
            ("Japan", 2, "nsubj", "PROPN", "Japan"),
            ("is", 2, "aux", "AUX", "be"),
            ("backing", 2, "ROOT", "VERB", "back"),
            ("Ukraine", 2, "dobj", "PROPN", "Ukraine"),
            (".", 2, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {("JPN", "supports", "UKR", "positive", "asserted")}


def test_a_noun_is_not_a_verb_trigger(nlp, extractor):
    # "Russia's attack failed.": "attack" is a noun here; the noun row needs "on"/"against"
    doc = parsed(
        nlp,
        [
            ("Russia", 2, "poss", "PROPN", "Russia"),
            ("'s", 0, "case", "PART", "'s"),
            ("attack", 3, "nsubj", "NOUN", "attack"),
            ("failed", 3, "ROOT", "VERB", "fail"),
            (".", 3, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == set()


# "Antony Blinken said North Korea supplied weapons to Russia."
SPEECH = [
    ("Antony", 1, "compound", "PROPN", "Antony"),
    ("Blinken", 2, "nsubj", "PROPN", "Blinken"),
    ("said", 2, "ROOT", "VERB", "say"),
    ("North", 4, "compound", "PROPN", "North"),
    ("Korea", 5, "nsubj", "PROPN", "Korea"),
    ("supplied", 2, "ccomp", "VERB", "supply"),
    ("weapons", 5, "dobj", "NOUN", "weapon"),
    ("to", 5, "prep", "ADP", "to"),
    ("Russia", 7, "pobj", "PROPN", "Russia"),
    (".", 2, "punct", "PUNCT", "."),
]


def test_speech_verb_subject_claims_its_clause(nlp, extractor):
    doc = parsed(nlp, SPEECH)
    (statement,) = extractor(doc)._.kgraph_statements
    assert (statement.subject.id, statement.relation, statement.object.id) == (
        "PRK",
        "suppliesWeaponsTo",
        "RUS",
    )
    assert statement.claimed_by == ("Antony_Blinken",)
    assert statement.evidence.trigger == "supplied weapons"


def test_a_quote_belongs_to_the_speaker_who_closes_it(nlp, extractor):
    # '"Russia attacked Ukraine. It attacked Poland," Antony Blinken said.'
    doc = parsed(
        nlp,
        [
            ('"', 2, "punct", "PUNCT", '"'),
            ("Russia", 2, "nsubj", "PROPN", "Russia"),
            ("attacked", 2, "ROOT", "VERB", "attack"),
            ("Ukraine", 2, "dobj", "PROPN", "Ukraine"),
            (".", 2, "punct", "PUNCT", "."),
            ("It", 6, "nsubj", "PRON", "it"),
            ("attacked", 12, "ccomp", "VERB", "attack"),
            ("Poland", 6, "dobj", "PROPN", "Poland"),
            (",", 12, "punct", "PUNCT", ","),
            ('"', 12, "punct", "PUNCT", '"'),
            ("Antony", 11, "compound", "PROPN", "Antony"),
            ("Blinken", 12, "nsubj", "PROPN", "Blinken"),
            ("said", 12, "ROOT", "VERB", "say"),
            (".", 12, "punct", "PUNCT", "."),
        ],
    )
    claims = {
        (s.subject.id, s.object.id, s.evidence.sentence_index): s.claimed_by
        for s in extractor(doc)._.kgraph_statements
    }
    assert claims[("RUS", "UKR", 1)] == ("Antony_Blinken",)


def test_object_control_and_intention(nlp, extractor):
    # "China urged Russia to withdraw from Ukraine."
    doc = parsed(
        nlp,
        [
            ("China", 1, "nsubj", "PROPN", "China"),
            ("urged", 1, "ROOT", "VERB", "urge"),
            ("Russia", 1, "dobj", "PROPN", "Russia"),
            ("to", 4, "aux", "PART", "to"),
            ("withdraw", 1, "xcomp", "VERB", "withdraw"),
            ("from", 4, "prep", "ADP", "from"),
            ("Ukraine", 5, "pobj", "PROPN", "Ukraine"),
            (".", 1, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {
        ("CHN", "urges", "RUS", "positive", "asserted"),
        ("RUS", "withdrawsFrom", "UKR", "positive", "asserted"),
    }


def test_conditional_clause_and_main_clause_are_hypothetical(nlp, extractor):
    # "If Iran attacks Israel, the US will attack Iran."
    doc = parsed(
        nlp,
        [
            ("If", 2, "mark", "SCONJ", "if"),
            ("Iran", 2, "nsubj", "PROPN", "Iran"),
            ("attacks", 8, "advcl", "VERB", "attack"),
            ("Israel", 2, "dobj", "PROPN", "Israel"),
            (",", 8, "punct", "PUNCT", ","),
            ("the", 6, "det", "DET", "the"),
            ("US", 8, "nsubj", "PROPN", "US"),
            ("will", 8, "aux", "AUX", "will"),
            ("attack", 8, "ROOT", "VERB", "attack"),
            ("Iran", 8, "dobj", "PROPN", "Iran"),
            (".", 8, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {
        ("IRN", "attacks", "ISR", "positive", "hypothetical"),
        ("USA", "attacks", "IRN", "positive", "hypothetical"),
    }


def test_denial_negates_the_denied_event(nlp, extractor):
    # "China denied attacking Vietnam."
    doc = parsed(
        nlp,
        [
            ("China", 1, "nsubj", "PROPN", "China"),
            ("denied", 1, "ROOT", "VERB", "deny"),
            ("attacking", 1, "xcomp", "VERB", "attack"),
            ("Vietnam", 2, "dobj", "PROPN", "Vietnam"),
            (".", 1, "punct", "PUNCT", "."),
        ],
    )
    found = facts(extractor, doc)
    assert ("CHN", "attacks", "VNM", "negative", "asserted") in found
    assert ("CHN", "denies", "thing/attacking-vietnam", "positive", "asserted") in found


def test_possessor_of_a_noun_trigger(nlp, extractor):
    # "Russia's invasion of Ukraine continued."
    doc = parsed(
        nlp,
        [
            ("Russia", 2, "poss", "PROPN", "Russia"),
            ("'s", 0, "case", "PART", "'s"),
            ("invasion", 5, "nsubj", "NOUN", "invasion"),
            ("of", 2, "prep", "ADP", "of"),
            ("Ukraine", 3, "pobj", "PROPN", "Ukraine"),
            ("continued", 5, "ROOT", "VERB", "continue"),
            (".", 5, "punct", "PUNCT", "."),
        ],
    )
    assert facts(extractor, doc) == {("RUS", "attacks", "UKR", "positive", "asserted")}


def test_a_doc_without_a_parse_gives_nothing(nlp, extractor):
    doc = nlp.make_doc("Russia attacked Ukraine.")
    doc[0].is_sent_start = True
    nlp.get_pipe("kgraph_entities")(doc)
    assert extractor(doc)._.kgraph_statements == []


def test_factory_and_merge_keep_earlier_statements(nlp):
    blank = spacy.blank("en")
    component = blank.add_pipe("kgraph_dep_relations", config={"merge": True})
    assert isinstance(component, DependencyRelationExtractor)
    doc = parsed(nlp, ACTIVE)
    nlp.get_pipe("kgraph_relations")(doc)  # the lexicon extractor finds the same fact
    lexicon_statements = list(doc._.kgraph_statements)
    assert lexicon_statements
    component(doc)
    assert doc._.kgraph_statements == lexicon_statements


def test_no_parser_installed(monkeypatch):
    monkeypatch.setattr(dependency.importlib.util, "find_spec", lambda name: None)
    assert dependency.load_parser() is None
    with pytest.raises(KgraphError, match="E017"):
        make_parsed_pipeline("en")


def test_unsupported_language():
    with pytest.raises(KgraphError, match="E013"):
        DependencyRelationExtractor(
            spacy.blank("id"), lexicon=load_lexicon("id"), relations=load_relations()
        )


def _statement(subject: str, obj: str, sentence: int, claimed_by=()) -> Statement:
    evidence = Evidence("a", "s", 0, 1, sentence, "t", "r", 0.8, claimed_by=claimed_by)
    return Statement(
        Entity(subject, subject, "Country"), "attacks", Entity(obj, obj, "Country"), evidence
    )


def test_merge_drops_duplicates_per_sentence_and_keeps_claimants():
    first = [_statement("RUS", "UKR", 1)]
    second = [
        _statement("RUS", "UKR", 1, claimed_by=("USA",)),  # the same, with a claimant
        _statement("RUS", "UKR", 2),  # the same fact in another sentence
        _statement("BLR", "UKR", 1),
    ]
    merged = merge_by_sentence(first, second)
    assert [(s.subject.id, s.evidence.sentence_index) for s in merged] == [
        ("RUS", 1),
        ("BLR", 1),
        ("RUS", 2),
    ]
    assert merged[0].claimed_by == ("USA",)
    assert dataclasses.replace(merged[0].evidence, claimed_by=()) == first[0].evidence


# -- with the trained English pipeline ------------------------------------------------------
def _parser_installed() -> bool:
    return any(importlib.util.find_spec(p) is not None for p in PARSER_PACKAGES)


@pytest.fixture(scope="module")
def parsed_nlp():
    require(_parser_installed(), "en_core_web_sm not installed")
    return make_parsed_pipeline("en", extractors="dependency")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine.", ("RUS", "attacks", "UKR", "positive", "asserted")),
        ("Vietnam was attacked by China.", ("CHN", "attacks", "VNM", "positive", "asserted")),
        (
            "North Korea has reportedly shipped more than a million artillery shells to Russia.",
            ("PRK", "suppliesWeaponsTo", "RUS", "positive", "reported"),
        ),
        (
            "Germany said it would send weapons to Ukraine.",
            ("DEU", "suppliesWeaponsTo", "UKR", "positive", "intended"),
        ),
    ],
)
def test_trained_parser(parsed_nlp, text, expected):
    doc = parsed_nlp(text)
    assert expected in {
        (s.subject.id, s.relation, s.object.id, s.polarity, s.modality)
        for s in doc._.kgraph_statements
    }


@pytest.mark.model
def test_trained_parser_keeps_the_blank_pipeline_sentences(parsed_nlp):
    text = "Iran and Russia have deepened their cooperation.\nIran and Russia met."
    assert [s.text for s in parsed_nlp(text).sents] == [
        s.text for s in load_pipeline("en")(text).sents
    ]


@pytest.mark.model
def test_trained_parser_we_in_a_quote_is_the_speakers_side(parsed_nlp):
    doc = parsed_nlp('"We will support the Philippines," Foreign Minister Penny Wong said.')
    claims = {
        (s.subject.id, s.relation, s.object.id): s.claimed_by for s in doc._.kgraph_statements
    }
    assert claims[("AUS", "supports", "PHL")] == ("Penny_Wong",)
