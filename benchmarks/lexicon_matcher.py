"""A faster way to find lexicon triggers, checked against ``Lexicon.matcher``. A prototype only.

kgraph does not use this file. It backs the suggestion in benchmarks/README.md:
``Lexicon.matcher`` (kgraph/relations/lexicon.py) puts every lexicon row in one
token ``Matcher``, most rows as ``{"LOWER": {"IN": [...]}}``. spaCy then checks
those set predicates at every token for every pattern, and that is most of the
extraction time. Here:

- rows without a ``*`` gap become phrases of a ``PhraseMatcher(attr="LOWER")``
  (``a|b`` alternatives and the Indonesian ``-nya`` forms expanded);
- rows with a gap keep their token pattern, but the ``Matcher`` only runs on a
  short window after each place where one of their first words occurs (found by a
  second ``PhraseMatcher``).

It returns the same ``(match_id, start, end)`` triples. Run::

    python benchmarks/lexicon_matcher.py [--mb 3] [--lang en id]

to compare both on the benchmark corpus: matches per document must be identical.
``python benchmarks/lexicon_matcher.py --throughput [throughput.py options]`` runs
throughput.py with the relation extractor's matcher replaced by this one, in memory
(kgraph's files are not changed), to see what the change would give.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from kgraph.function_words import CLITIC
from kgraph.pipeline import load_pipeline
from kgraph.relations import lexicon as lexicon_module
from kgraph.relations.lexicon import Lexicon, load_lexicon

try:  # benchmarks/ is not a package: run as a script, throughput.py is beside this file
    import throughput
    from throughput import MB, build_corpus, source_articles, source_folders
except ImportError:  # pragma: no cover
    sys.exit("run this file as a script: python benchmarks/lexicon_matcher.py")


def _gap_width() -> int:
    """Most words a ``*`` stands for, read from the lexicon module's gap operator."""
    op = lexicon_module._GAP["OP"]  # e.g. "{,5}"
    return int(op.strip("{}").split(",")[-1])


class PhraseLexiconMatcher:
    """Same matches as ``lexicon.matcher(nlp.vocab)``; see the module docstring."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        clitic = CLITIC.get(lexicon.lang)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.anchors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.gapped = Matcher(nlp.vocab)
        self.unmatchable: list[
            str
        ] = []  # phrases the tokenizer splits: the Matcher missed them too
        anchor_words: set[str] = set()
        self.window = 1
        for index, trigger in enumerate(lexicon.triggers):
            for phrase in (p for p in trigger.pattern.split(";") if p.strip()):
                words = phrase.split()
                if "*" in words:
                    self.gapped.add(str(index), [lexicon_module._token_pattern(phrase, clitic)])
                    anchor_words.update(w.lower() for w in words[0].split("|"))
                    self.window = max(self.window, len(words) - 1 + _gap_width())
                    continue
                alternatives = []
                for position, word in enumerate(words):
                    forms = [w.lower() for w in word.split("|")]
                    if clitic and position == len(words) - 1:
                        forms += [f + clitic for f in forms if not f.endswith(clitic)]
                    alternatives.append(forms)
                docs = []
                for combination in itertools.product(*alternatives):
                    doc = nlp.make_doc(" ".join(combination))
                    if len(doc) == len(combination):
                        docs.append(doc)
                    else:
                        self.unmatchable.append(" ".join(combination))
                if docs:
                    self.phrases.add(str(index), docs)
        if anchor_words:
            self.anchors.add("anchor", [nlp.make_doc(w) for w in sorted(anchor_words)])

    def __call__(self, doc: Doc | Span) -> list[tuple[int, int, int]]:
        found = set(self.phrases(doc))
        for _, start, _ in self.anchors(doc):
            window = doc[start : min(len(doc), start + self.window)]
            found.update((key, start + s, start + e) for key, s, e in self.gapped(window) if s == 0)
        return sorted(found, key=lambda match: (match[1], match[2], match[0]))


def compare(lang: str, mb: float) -> bool:
    nlp = load_pipeline(lang)
    current = nlp.get_pipe("kgraph_relations").matcher
    proposed = PhraseLexiconMatcher(nlp, load_lexicon(lang))
    sources = source_articles(lang, source_folders())
    if not sources:
        print(f"[{lang}] no articles")
        return True
    docs = [nlp.make_doc(a.text) for a in build_corpus(sources, int(mb * MB))]
    current(docs[0])
    proposed(docs[0])
    start = time.perf_counter()
    old = [sorted(set(current(doc))) for doc in docs]
    t_old = time.perf_counter() - start
    start = time.perf_counter()
    new = [sorted(set(proposed(doc))) for doc in docs]
    t_new = time.perf_counter() - start
    same = sum(a == b for a, b in zip(old, new, strict=True))
    print(
        f"[{lang}] {len(docs)} docs, {sum(map(len, old)):,} matches: Lexicon.matcher "
        f"{t_old:.2f} s, PhraseLexiconMatcher {t_new:.2f} s ({t_old / t_new:.0f}x faster); "
        f"identical in {same}/{len(docs)} docs"
    )
    if proposed.unmatchable:
        print(f"  lexicon phrases the tokenizer splits (never matched): {proposed.unmatchable}")
    return same == len(docs)


def patched_throughput(argv: list[str]) -> int:
    """throughput.py with every kgraph pipeline's lexicon matcher replaced by this one."""
    for lang in ("en", "id"):
        nlp = load_pipeline(lang)
        relations = nlp.get_pipe("kgraph_relations")
        relations.matcher = PhraseLexiconMatcher(nlp, load_lexicon(lang))
    print("*** kgraph_relations.matcher replaced in memory by PhraseLexiconMatcher")
    return throughput.main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--throughput"]:
        return patched_throughput(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--lang", nargs="+", default=["en", "id"], choices=["en", "id"])
    args = parser.parse_args(argv)
    results = [compare(lang, args.mb) for lang in args.lang]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
