"""The lexicon matcher finds what a token Matcher over the same rows finds, only faster."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from kgraph.errors import LexiconError
from kgraph.function_words import CLITIC
from kgraph.pipeline import load_pipeline
from kgraph.relations.lexicon import GAP_WIDTH, load_lexicon, read_lexicon

TEXTS = {
    "en": [
        "The U.S. imposed new sweeping sanctions on Iran, and Japan sent troops to the drills.",
        "Russia provided North Korea with fuel; China gave Laos technical assistance.",
        "Officials said the joint naval exercises with Manila would go ahead.",
    ],
    "id": [
        "Korea Utara mengirim ribuan tentara ke Rusia, katanya.",
        "Rusia memasok senjatanya dan memberikan bantuan kemanusiaan kepada Gaza.",
        "Latihan militer bilateral itu dikecam oleh China.",
    ],
}


def _token_pattern(phrase: str, clitic: str | None) -> list[dict]:
    words = phrase.split()
    out: list[dict] = []
    for position, word in enumerate(words):
        if word == "*":
            out.append({"OP": f"{{,{GAP_WIDTH}}}"})
            continue
        forms = [w.lower() for w in word.split("|")]
        if clitic and position == len(words) - 1:
            forms += [f + clitic for f in forms if not f.endswith(clitic)]
        out.append({"LOWER": {"IN": forms}})
    return out


def _token_matches(nlp, lexicon, doc) -> list[tuple[int, int, int]]:
    """The matches of one token Matcher with a pattern per row, as kgraph once had it."""
    matcher = Matcher(nlp.vocab)
    for row, trigger in enumerate(lexicon.triggers):
        phrases = [p for p in trigger.pattern.split(";") if p.strip()]
        matcher.add(str(row), [_token_pattern(p, CLITIC.get(lexicon.lang)) for p in phrases])
    found = {(int(nlp.vocab.strings[key]), s, e) for key, s, e in matcher(doc)}
    return sorted(found, key=lambda match: (match[1], match[2], match[0]))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_same_matches_as_a_token_matcher(lang):
    nlp = load_pipeline(lang)
    lexicon = load_lexicon(lang)
    matcher = lexicon.matcher(nlp)
    for text in TEXTS[lang]:
        doc = nlp.make_doc(text)
        expected = _token_matches(nlp, lexicon, doc)
        assert expected
        assert matcher(doc) == expected


def test_phrases_are_tokenized_like_the_text():
    nlp = load_pipeline("en")
    lexicon = load_lexicon("en")
    doc = nlp.make_doc("Russia held a so-called referendum.")
    found = [
        (lexicon.triggers[row].relation, doc[s:e].text) for row, s, e in lexicon.matcher(nlp)(doc)
    ]
    assert ("@alleged", "so-called") in found


def test_a_gap_cannot_open_a_phrase(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("pattern\trelation\n* sanctions\t@alleged\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        read_lexicon(path, "en", {})
