"""From input paths to a graph: read, extract, merge, and write the exports.

The CLI commands ``build``, ``extract`` and ``eval`` are thin wrappers over
:func:`extract_corpus` and :func:`write_outputs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kgraph.documents import ReadProblem
from kgraph.errors import Errors
from kgraph.export import DEFAULT_FORMATS, export
from kgraph.graph.merge import Fact, merge_statements
from kgraph.graph.rdf import build_store
from kgraph.language import SUPPORTED_LANGUAGES
from kgraph.model import Article, Entity, Statement
from kgraph.pipeline import analyze
from kgraph.relations.dependency import DEPENDENCY_LANGUAGES
from kgraph.relations.extractor import MAX_SENTENCE_TOKENS
from kgraph.relations.lexicon import load_lexicon


@dataclass
class Corpus:
    """What a set of inputs yielded: articles, statements, and the files that failed."""

    articles: list[Article] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    problems: list[ReadProblem] = field(default_factory=list)

    def facts(self) -> list[Fact]:
        """The statements merged into facts, with denials linked."""
        return merge_statements(self.statements, topic_words())

    def store(self) -> ox.Store:
        """The graph in an in-memory Oxigraph store."""
        return build_store(self.facts(), self.articles, self.entities)


@cache
def topic_words() -> dict[str, frozenset[str]]:
    """Per relation, the words that name it in a denied phrase, in every language."""
    words: dict[str, set[str]] = {}
    for lang in SUPPORTED_LANGUAGES:
        lexicon = load_lexicon(lang)
        for relation in {t.relation for t in lexicon.triggers if not t.is_cue}:
            words.setdefault(relation, set()).update(lexicon.topic_words(relation))
    return {relation: frozenset(found) for relation, found in words.items()}


def extract_corpus(
    items: Iterable[Article | ReadProblem],
    *,
    extractor: str = "lexicon",
    on_item: Callable[[Article | ReadProblem, Corpus], None] | None = None,
) -> Corpus:
    """Run the pipeline over every article; collect problems instead of stopping.

    ``extractor`` ("lexicon", "dependency" or "both") applies to languages a
    trained parser exists for; the others always use the lexicon.
    """
    corpus = Corpus()
    for item in items:
        if isinstance(item, Article) and item.language not in SUPPORTED_LANGUAGES:
            item = ReadProblem(
                item.path or item.id,
                Errors.E016.format(
                    path=item.path or item.id, supported=" or ".join(SUPPORTED_LANGUAGES)
                ),
            )
        if isinstance(item, ReadProblem):
            corpus.problems.append(item)
        else:
            doc = analyze(
                item, extractor=extractor if item.language in DEPENDENCY_LANGUAGES else "lexicon"
            )
            corpus.articles.append(item)
            corpus.statements.extend(doc._.kgraph_statements)
            corpus.entities.update(doc._.kgraph_entities)
            where = item.path or item.id
            for offset, tokens in doc._.kgraph_too_long or ():
                message = Errors.E027.format(
                    path=where, offset=offset, tokens=tokens, limit=MAX_SENTENCE_TOKENS
                )
                corpus.problems.append(ReadProblem(where, message))
        if on_item is not None:
            on_item(item, corpus)
    return corpus


def write_outputs(
    corpus: Corpus, outdir: Path, formats: Iterable[str] = DEFAULT_FORMATS
) -> list[Path]:
    """Write the graph in each format into ``outdir``; return the files written."""
    store = corpus.store()
    return [export(store, fmt, outdir) for fmt in formats]
