"""Properties that hold for any input, checked by Hypothesis on 500 examples each.

Readers and extraction never crash, evidence points at its sentence, the same input
always gives the same IRIs, and every IRI minted from a name is a valid IRI. Texts
are short mixes of real names (the gazetteer), real triggers (the lexicons),
punctuation and random Unicode, so that many examples do yield statements.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, example, given, settings, target
from hypothesis import strategies as st
from typer.testing import CliRunner

from kgraph.build import extract_corpus
from kgraph.cli import app
from kgraph.documents import (
    SUPPORTED_SUFFIXES,
    ReadProblem,
    clean_article,
    load_file,
    read_file_with_problems,
    read_text,
)
from kgraph.entities.gazetteer import load_gazetteer
from kgraph.errors import InputError
from kgraph.graph.namespaces import KG, PREFIXES
from kgraph.graph.rdf import article_iri, entity_iri, graph_quads, iri_path
from kgraph.model import Article
from kgraph.relations.lexicon import load_lexicon

from conftest import assert_valid

LANGUAGES = ("en", "id")
KGNS = rdflib.Namespace(str(KG._NS))
# Hypothesis's own check that generation is quick enough trips on a slow shared machine.
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


# ------------------------------------------------------------------ the words texts use


@cache
def _names(lang: str, *, actors: bool = False) -> list[str]:
    """Every name the gazetteer knows in ``lang`` (only actors' names, if ``actors``)."""
    names = set()
    for entry in load_gazetteer().entries.values():
        if actors and not entry.entity.is_actor:
            continue
        for name_lang, name in entry.entity.labels + entry.entity.aliases:
            if name_lang == lang:
                names.add(name)
    return sorted(names)


@cache
def _phrases(lang: str, *, relations: bool = False) -> list[str]:
    """Each lexicon row as words (the first of each ``a|b``, gaps left out): triggers and
    cues, or only the triggers of relations if ``relations``."""
    phrases = set()
    for trigger in load_lexicon(lang).triggers:
        if relations and trigger.is_cue:
            continue
        for variant in trigger.pattern.split(";"):
            words = [word.split("|")[0] for word in variant.split() if word != "*"]
            if words:
                phrases.add(" ".join(words))
    return sorted(phrases)


FILLERS = {
    "en": ["the", "and", "that", "on Monday", "officials said", "of", "in", "with", "weapons"],
    "id": ["yang", "dan", "bahwa", "pada Senin", "kata pejabat", "di", "dengan", "senjata"],
}
PUNCTUATION = [*".,;:!?-—–()[]/…", '"', "'", "“", "”", "‘", "’", "«", "»", '"""', "\\"]
DATELINES = ["", "SEOUL, 9 November (Reuters) - ", "JAKARTA, 12 Januari (ANTARA) - "]
CREDITS = ["", "\nReporting by Jo Min Park; Editing by Ed Davies\n", "\nPenulis: Sari Dewi\n"]


def _words(lang: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_names(lang)),
        st.sampled_from(_phrases(lang)),
        st.sampled_from(FILLERS[lang]),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(["\n", "\n\n", "\t", "  "]),
        st.text(max_size=6),  # any Unicode but lone surrogates, which no file decodes to
    )


def _sentence(lang: str) -> st.SearchStrategy[str]:
    """A sentence: actor, trigger, actor (most yield a statement), or a random run of words."""
    shaped = st.tuples(
        st.sampled_from(_names(lang, actors=True)),
        st.sampled_from(_phrases(lang, relations=True)),
        st.sampled_from(_names(lang, actors=True)),
        st.sampled_from([".", ",", "!", " on Monday.", "", '."', "\n"]),
    ).map(lambda parts: f"{parts[0]} {parts[1]} {parts[2]}{parts[3]}")
    loose = st.lists(_words(lang), max_size=12).map(" ".join)
    return st.one_of(shaped, shaped, loose)  # two in three shaped


def texts(lang: str) -> st.SearchStrategy[str]:
    """Short article texts in ``lang``: one to four sentences, with quotes and line breaks."""
    joiner = st.sampled_from([" ", "\n", "\n\n", ' "', '" ', "", "\r\n"])
    parts = st.lists(st.tuples(_sentence(lang), joiner), min_size=1, max_size=4)
    return parts.map(lambda items: "".join(sentence + join for sentence, join in items))


def article_texts(lang: str) -> st.SearchStrategy[str]:
    """Texts as they come in files: with a dateline and credit lines to clean away."""
    return st.tuples(st.sampled_from(DATELINES), texts(lang), st.sampled_from(CREDITS)).map("".join)


# ---------------------------------------------------------------- 1. readers never crash

JSON_FIELDS = ["text", "body", "content", "id", "title", "date", "language", "authors", "url"]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["2023-11-09", "9 November 2023", "id", "en-US", "in", "Jo; Ed"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(JSON_FIELDS) | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {"text": st.one_of(texts("en"), st.lists(st.text(max_size=20), max_size=3))},
    optional={name: json_values for name in JSON_FIELDS if name != "text"},
)
HTML_PIECES = [
    "<html>", "<head>", "<title>", "</title>", "</head>", "<body>", "<article>", "<p>",
    "</p>", "<nav>", "</nav>", "<footer>", "<script>", "</script>", "<br>", "<!--", "-->",
    '<meta charset="latin-1">', '<meta name="author" content="Jo; Ed">', "<![CDATA[", "&amp;",
    "&#0;", "&nbsp;", "<h1>", "</h1>", '<a href="x">', "</a>", "<", ">", "</body></html>",
]  # fmt: skip
html_texts = st.lists(
    st.one_of(st.sampled_from(HTML_PIECES), texts("en"), st.text(max_size=10)), max_size=15
).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"])


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(text, encodings).map(lambda pair: pair[0].encode(pair[1], "replace"))


file_contents = st.one_of(
    st.binary(max_size=300),
    _encoded(st.text(max_size=200)),
    _encoded(article_texts("en") | article_texts("id")),
    _encoded(st.lists(records | json_values, max_size=3).map(json.dumps)),
    _encoded(records.map(json.dumps)),
    _encoded(json_values.map(json.dumps)),
    _encoded(
        st.lists(st.one_of(records.map(json.dumps), st.text(max_size=20)), max_size=4).map(
            "\n".join
        )
    ),
    _encoded(html_texts),
)

# JSON that Python's json.loads refuses with other errors than JSONDecodeError (deeper
# than the recursion limit, an integer of more digits than int() converts), and "\ud800"
# escapes, which decode to lone surrogates that no later stage can encode.
HOSTILE_JSON = {
    "deep-nesting": b"[" * 5000 + b"]" * 5000,
    "long-integer": b'{"text": "a", "id": ' + b"1" * 5000 + b"}",
    "surrogate-in-text": b'{"text": "Indonesia condemned Israel \\ud800."}',
    "surrogate-in-id": b'{"text": "Indonesia condemned Israel.", "id": "\\udfff"}',
}
file_contents = st.one_of(
    file_contents,
    st.integers(0, 1500).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(4000, 4600).map(lambda digits: b'{"text": "a", "id": ' + b"1" * digits + b"}"),
    st.sampled_from(sorted(HOSTILE_JSON)).map(HOSTILE_JSON.__getitem__),  # (a short repr)
)


def _read_everything(path: Path, data: bytes) -> None:
    """Read ``data`` as the file ``path`` both ways a build does; check what comes out."""
    articles, problems = read_file_with_problems(path, root=Path("root"), data=data)
    assert isinstance(articles, list) and isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, ReadProblem) and problem.message.startswith("[E")
    for article in articles:
        _check_article(article)
    for item in load_file(path, Path("root"), data=data):
        if isinstance(item, Article):
            _check_article(item)
            assert item.language is None or isinstance(item.language, str)
        else:
            assert item.message.startswith("[E")


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_readers_never_crash_on_any_bytes(suffix):
    found = Counter()

    @settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
    @given(data=file_contents, name=st.text(min_size=1, max_size=12))
    def check(data: bytes, name: str) -> None:
        # A file name may hold anything but "/" and NUL; the root is its folder's parent.
        stem = name.replace("/", "_").replace("\x00", "_")
        found["examples"] += 1
        _read_everything(Path("root") / "sub" / f"{stem}{suffix}", data)

    check()
    # (Hypothesis reports no statistics for a property inside a test: count here.)
    assert found["examples"] >= 500, found


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
@pytest.mark.parametrize("case", sorted(HOSTILE_JSON))
def test_readers_never_crash_on_hostile_json(case, suffix):
    """The cases of HOSTILE_JSON one by one, for a failure that names its input."""
    _read_everything(Path("root") / f"hostile{suffix}", HOSTILE_JSON[case])


def _check_article(article: Article) -> None:
    """What every later stage needs of an article: text it can encode, an id it can mint."""
    assert isinstance(article.id, str) and isinstance(article.text, str)
    article.text.encode("utf-8")  # spaCy, Oxigraph and the output files all need UTF-8
    article.id.encode("utf-8")
    article_iri(article.id)  # raises if the id cannot name an article


@settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
@given(text=st.one_of(st.text(max_size=300), article_texts("en"), article_texts("id")))
def test_read_text_and_clean_article_never_crash_and_keep_offsets(text):
    try:
        article = read_text(text)
    except InputError as exc:  # only an empty text is refused
        assert str(exc).startswith("[E001]")
        assert not text.removeprefix("\ufeff").strip()
        return
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert len(article.text) == len(normalised)
    # Cleaning only blanks characters: every other character keeps its place.
    for before, after in zip(normalised, article.text, strict=True):
        assert after == before or (after == " " and before != "\n")
    raw = Article(id="a", text=text)
    cleaned = clean_article(raw)
    assert raw.text == text  # not changed in place
    assert clean_article(cleaned) == cleaned  # cleaning twice changes nothing


# ----------------------------------------------------- 2. extraction never crashes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_extraction_never_crashes_and_often_finds_statements(lang):
    found = Counter()

    @settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
    @given(text=texts(lang))
    def check(text: str) -> None:
        article = Article(id="prop", text=text, language=lang)
        corpus = extract_corpus([article])
        assert [a.id for a in corpus.articles] == ["prop"]
        found["examples"] += 1
        found["with statements"] += bool(corpus.statements)
        target(float(len(corpus.statements)), label="statements")
        for statement in corpus.statements:
            assert statement.evidence.article == "prop"
            assert statement.relation in KG.__annotations__
            assert statement.polarity in ("positive", "negative")

    check()
    # Not vacuous: the texts are made so that a good share of them say something.
    assert found["examples"] >= 500 and found["with statements"] >= 75, found


# ------------------------------------------------- 3. evidence points at its sentence


@pytest.mark.parametrize("lang", LANGUAGES)
def test_evidence_offsets_are_the_sentence_in_the_article(lang):
    found = Counter()

    @settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
    @given(text=article_texts(lang))
    def check(text: str) -> None:
        try:
            article = read_text(text, id="prop")
        except InputError:
            return
        article.language = lang
        corpus = extract_corpus([article])
        found["examples"] += 1
        found["statements"] += len(corpus.statements)
        for statement in corpus.statements:
            evidence = statement.evidence
            assert 0 <= evidence.start < evidence.end <= len(article.text)
            assert article.text[evidence.start : evidence.end] == evidence.sentence
            assert evidence.sentence.strip()

    check()
    assert found["examples"] >= 450 and found["statements"] >= 100, found


# -------------------------------------------------- 4. the same input, the same IRIs


def _quads(corpus) -> set[str]:
    return {str(quad) for quad in graph_quads(corpus.facts(), corpus.articles, corpus.entities)}


def _iris(corpus) -> set[str]:
    quads = graph_quads(corpus.facts(), corpus.articles, corpus.entities)
    terms = (term for q in quads for term in (q.subject, q.object, q.graph_name))
    return {term.value for term in terms if isinstance(term, ox.NamedNode)}


def _article_graphs(corpus) -> set[str]:
    graphs = {article_iri(article.id) for article in corpus.articles}
    quads = graph_quads(corpus.facts(), corpus.articles, corpus.entities)
    return {str(quad) for quad in quads if quad.graph_name in graphs}


def _said(corpus, article_id: str) -> list[tuple]:
    return [(s.key, s.evidence) for s in corpus.statements if s.evidence.article == article_id]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_input_gives_the_same_iris_whatever_came_before(lang):
    found = Counter()

    @settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
    @given(first=texts(lang), second=texts(lang))
    def check(first: str, second: str) -> None:
        def articles(*order: str) -> list[Article]:
            texts_by_id = {"a": first, "b": second}
            return [Article(id=i, text=texts_by_id[i], language=lang) for i in order]

        once, again = extract_corpus(articles("a")), extract_corpus(articles("a"))
        found["examples"] += 1
        found["statements"] += len(once.statements)
        assert [s.key for s in once.statements] == [s.key for s in again.statements]
        assert [f.id for f in once.facts()] == [f.id for f in again.facts()]
        assert _quads(once) == _quads(again)

        # What an article says, and its IRIs, do not depend on the articles read before it.
        forth, back = extract_corpus(articles("a", "b")), extract_corpus(articles("b", "a"))
        assert _said(forth, "a") == _said(back, "a") == _said(once, "a")
        assert _said(forth, "b") == _said(back, "b")
        assert {f.id for f in forth.facts()} == {f.id for f in back.facts()}
        assert _iris(forth) == _iris(back)
        # Each article's own graph too; the entities' labels may differ: two phrases with
        # one slug ("ADB", "ADB\n") are one Thing, described as the first article has it.
        assert _article_graphs(forth) == _article_graphs(back)

    check()
    assert found["examples"] >= 500 and found["statements"] >= 100, found


# ---------------------------------------------- B. IRIs minted from names are valid

# Every code point, lone surrogates (a JSON "\ud800") included.
any_name = st.text(st.characters(exclude_categories=[]), max_size=20)
plain_ids = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}(/[A-Za-z0-9_.\-]{1,8}){0,2}", fullmatch=True)


@settings(max_examples=500, deadline=None, suppress_health_check=SLOW_OK)
@given(name=any_name)
@example(name='a b#c?"<>{}|\\^`%')
@example(name="../..")
@example(name="U.S.")
@example(name="µ ª º ¡")
@example(name="Jürgen Müller/مصر/\u202e\u200b")
def test_iris_minted_from_any_name_are_valid_and_round_trip(name):
    entity, article = entity_iri(name), article_iri(name)  # pyoxigraph checks the syntax
    for node in (entity, article):
        assert rdflib.term._is_valid_uri(node.value)
        assert "#" not in node.value and "?" not in node.value
    assert article.value.startswith(PREFIXES["article"])
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in name):
        assert unquote(iri_path(name)) == name  # the page shows an unknown id decoded
    # Through files: Oxigraph writes, rdflib reads; rdflib writes, Oxigraph reads.
    triple = ox.Triple(entity, ox.NamedNode(KGNS.article), article)
    for fmt, name_in_rdflib in ((ox.RdfFormat.TURTLE, "turtle"), (ox.RdfFormat.N_TRIPLES, "nt")):
        data = ox.serialize([triple], format=fmt, prefixes=PREFIXES)
        graph = rdflib.Graph().parse(data=data.decode("utf-8"), format=name_in_rdflib)
        assert set(graph) == {
            (rdflib.URIRef(entity.value), KGNS.article, rdflib.URIRef(article.value))
        }
        for key, value in PREFIXES.items():
            graph.bind(key, value, override=True)
        back = ox.parse(graph.serialize(format="turtle").encode("utf-8"), ox.RdfFormat.TURTLE)
        assert [quad.triple for quad in back] == [triple]


@settings(max_examples=500, deadline=None)
@given(name=plain_ids, other=any_name)
def test_plain_ids_keep_their_iris_and_distinct_names_get_distinct_iris(name, other):
    # Dot segments and a last "." are encoded: IRI resolution and rdflib would lose them.
    if "/./" not in f"/{name}/" and "/../" not in f"/{name}/" and not name.endswith("."):
        assert iri_path(name) == name
        assert entity_iri(name).value == "https://w3id.org/kgraph/resource/" + name
    assert (iri_path(name) == iri_path(other)) == (name == other)


FILE_NAMES = [
    "a b.txt",
    "c#d?.txt",
    "50%.txt",
    'say "hi".md',
    "it's (1).txt",
    "<x>{y}|z^`\\.txt",
    "Jürgen café.txt",
    "sub dir/مصر é.md",
    "tab\there.txt",
]


def test_a_build_of_files_with_any_names_gives_a_graph_rdflib_reads(tmp_path):
    articles = tmp_path / "in"
    text = "Indonesia condemned Israel on Monday.\n\nJapan supplied weapons to Ukraine.\n"
    for name in FILE_NAMES:
        (articles / name).parent.mkdir(parents=True, exist_ok=True)
        (articles / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(articles), "-o", str(out), "--format", "ttl,trig,nt,jsonld,csv,html"]
    )
    assert result.exit_code == 0, result.output
    expected = {
        rdflib.URIRef(article_iri(name.rsplit(".", 1)[0]).value): name for name in FILE_NAMES
    }
    for file, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        graph = rdflib.Graph().parse(out / file, format=fmt)
        assert set(graph.subjects(rdflib.RDF.type, KGNS.Article)) == set(expected), file
        for iri, name in expected.items():
            assert str(graph.value(iri, KGNS.file)).endswith(name)
            # each article's evidence names it: the IRI is the same everywhere
            assert len(set(graph.subjects(KGNS.article, iri))) == 2, name
    assert_valid(out / "graph.ttl")
    dataset = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert {g.identifier for g in dataset.graphs()} >= set(expected)
    page = (out / "graph.html").read_text(encoding="utf-8")
    island = re.search(r'<script id="kgraph-data" type="application/json">(.*?)</script>', page)
    cited = {item["iri"] for item in json.loads(island[1])["articles"]}
    assert cited == {str(iri) for iri in expected}
    rows = list(csv.DictReader(io.StringIO((out / "statements.csv").read_text("utf-8-sig"))))
    assert {row["subject_label"] for row in rows} == {"Indonesia", "Japan"}


def test_characters_of_plain_ids_are_left_alone():
    alphabet = string.ascii_letters + string.digits + "-_./"
    assert iri_path(alphabet) == alphabet
