"""Throughput of kgraph's extraction against a bare spaCy tokenizer + sentencizer.

Run from the repository root (kgraph installed, e.g. ``pip install -e .``)::

    python benchmarks/throughput.py                  # 3 MB per language, en and id, 3 rounds
    python benchmarks/throughput.py --mb 1 --lang id --repeat 5
    python benchmarks/throughput.py --profile --lang en --mb 1

For each language the script builds a corpus of ``--mb`` megabytes (10^6 bytes of
UTF-8 article text) by cycling through the project's own articles
(``examples/articles`` and ``evaluation/*/articles`` except the held-out
``evaluation/test``, read and cleaned by
:func:`kgraph.documents.load_articles`), each copy slightly changed so that no two
texts are byte-identical: the body paragraphs after the first are rotated, and a
counter "(n)" is written at the dateline (into the blanks cleaning left there, so
offsets do not move; before the first line when there are no blanks). Each copy is
the loaded Article with a new text and a unique id (``<id>~<n>``).

Then, interleaved, ``--repeat`` times, on the same texts:

- baseline: ``spacy.blank(lang)`` + ``sentencizer``, ``list(nlp.pipe(texts))``;
- extraction: ``kgraph.pipeline.analyze(article)`` per article, statements collected;
- end-to-end: ``kgraph.build.extract_corpus(articles)`` then
  ``write_outputs(corpus, tmpdir, ["ttl"])``.

Both pipelines are loaded (load time reported apart) and warmed up first. Times are
the median of the rounds (the best is shown beside it); the ratio
extraction / baseline uses the medians (the per-round ratios are printed too, as
other processes on the machine make single rounds noisy). Sentence and statement
counts come from a separate pass, which also times each component of the kgraph
pipeline once (and the relation extractor's lexicon matcher alone, called a second time):
the baseline's sentences are its sentencizer's, kgraph's are its own pipeline's
(which also starts a sentence at every line break), so the two differ. The exit
status is 1 when a ratio is above the 5x budget.

``--profile`` runs cProfile over the extraction path instead, for each language in
``--lang``, and prints the top 25 functions by cumulative and by total time.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import io
import os
import platform
import pstats
import re
import statistics
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from kgraph.build import extract_corpus, write_outputs
from kgraph.documents import load_articles
from kgraph.model import Article
from kgraph.pipeline import analyze, load_pipeline

from provenance import kgraph_source

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
WARMUP_ARTICLES = 20


# --------------------------------------------------------------------------- corpus


#: Evaluation sets left out: evaluation/README.md keeps "test" held out (run only to score).
HELD_OUT_SETS = frozenset({"test"})


def source_folders(root: Path = ROOT) -> list[Path]:
    """The folders of the project's own articles: examples, then each evaluation set but test."""
    folders = [root / "examples" / "articles"]
    folders += sorted(
        p for p in (root / "evaluation").glob("*/articles") if p.parent.name not in HELD_OUT_SETS
    )
    return [folder for folder in folders if folder.is_dir()]


def source_articles(lang: str, folders: list[Path]) -> list[Article]:
    """The cleaned articles of ``lang`` in ``folders`` (read problems are reported, skipped)."""
    found = []
    for item in load_articles(folders):
        if not isinstance(item, Article):
            print(f"  skipped: {item.message}", file=sys.stderr)
        elif item.language == lang and item.text.strip():
            found.append(item)
    return found


def _paragraphs(text: str) -> tuple[list[str], str]:
    """Paragraphs of ``text`` and the separator they were split on."""
    separator = "\n\n" if "\n\n" in text.strip() else "\n"
    return text.split(separator), separator


def variant(article: Article, n: int) -> Article:
    """Copy ``n`` of ``article``: body paragraphs rotated, counter at the dateline, new id."""
    parts, separator = _paragraphs(article.text)
    head, body = parts[0], parts[1:]
    if len(body) > 1:
        shift = n % len(body)
        body = body[shift:] + body[:shift]
    text = separator.join([head, *body])
    tag = f"({n}) "
    blanks = len(text) - len(text.lstrip(" \t"))
    # into the blanks where cleaning removed the dateline (offsets stay), else in front
    fits = blanks >= len(tag)
    text = text[: blanks - len(tag)] + tag + text[blanks:] if fits else tag + text
    return dataclasses.replace(article, id=f"{article.id}~{n}", text=text)


def build_corpus(sources: list[Article], size: int) -> list[Article]:
    """Variants of ``sources``, cycled in order, until their UTF-8 text reaches ``size`` bytes."""
    corpus: list[Article] = []
    total = 0
    n = 0
    while total < size:
        article = variant(sources[n % len(sources)], n)
        corpus.append(article)
        total += len(article.text.encode("utf-8"))
        n += 1
    return corpus


def corpus_bytes(articles: list[Article]) -> int:
    return sum(len(a.text.encode("utf-8")) for a in articles)


# --------------------------------------------------------------------------- the paths


def make_baseline(lang: str) -> spacy.language.Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def run_baseline(nlp: spacy.language.Language, texts: list[str]) -> list:
    return list(nlp.pipe(texts))


def run_extraction(articles: list[Article]) -> list:
    statements: list = []
    for article in articles:
        statements.extend(analyze(article)._.kgraph_statements)
    return statements


def run_end_to_end(articles: list[Article], timings: dict[str, float]) -> Path:
    """Articles to graph.ttl in a temporary folder; ``timings`` gets the two phases."""
    start = time.perf_counter()
    corpus = extract_corpus(articles)
    middle = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        (path,) = write_outputs(corpus, Path(tmp), ["ttl"])
        timings["ttl_bytes"] = path.stat().st_size
    end = time.perf_counter()
    timings["extract_corpus"] = middle - start
    timings["write_outputs"] = end - middle
    timings["problems"] = len(corpus.problems)
    return path


def timed(function: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- measuring


@dataclasses.dataclass
class Result:
    lang: str
    sources: int
    articles: int
    bytes: int
    words: int
    sentences_baseline: int
    sentences_kgraph: int
    statements: int
    load_baseline: float
    load_kgraph: float
    baseline: list[float]
    extraction: list[float]
    end_to_end: list[float]
    extract_corpus: list[float]
    write_outputs: list[float]
    ttl_bytes: int
    components: dict[str, float]


def count_kgraph(articles: list[Article], lang: str) -> tuple[int, int, dict[str, float]]:
    """Sentences and statements kgraph finds, and seconds per pipeline component.

    Does what :func:`kgraph.pipeline.analyze` does, one component at a time. A
    component with a ``matcher`` attribute (the relation extractor's lexicon
    matcher) also has that matcher timed alone, on a second call.
    """
    nlp = load_pipeline(lang)
    seconds: dict[str, float] = {"tokenizer (make_doc)": 0.0}
    sentences = statements = 0
    clock = time.perf_counter
    for article in articles:
        start = clock()
        doc = nlp.make_doc(article.text)
        seconds["tokenizer (make_doc)"] += clock() - start
        doc._.kgraph_article = article
        for name, component in nlp.pipeline:
            start = clock()
            doc = component(doc)
            seconds[name] = seconds.get(name, 0.0) + clock() - start
            matcher = getattr(component, "matcher", None)
            if callable(matcher):
                start = clock()
                matcher(doc)
                key = f"  of which {name}.matcher"
                seconds[key] = seconds.get(key, 0.0) + clock() - start
        sentences += sum(1 for _ in doc.sents)
        statements += len(doc._.kgraph_statements)
    return sentences, statements, seconds


def measure(lang: str, mb: float, repeat: int, folders: list[Path]) -> Result | None:
    sources = source_articles(lang, folders)
    if not sources:
        print(f"[{lang}] no articles of this language in {', '.join(map(str, folders))}")
        return None
    articles = build_corpus(sources, int(mb * MB))
    texts = [a.text for a in articles]
    assert len(set(texts)) == len(texts), "variants must not be byte-identical"
    print(
        f"[{lang}] {len(sources)} source articles -> {len(articles)} texts, "
        f"{corpus_bytes(articles) / MB:.2f} MB",
        flush=True,
    )

    start = time.perf_counter()
    baseline_nlp = make_baseline(lang)
    load_baseline = time.perf_counter() - start
    start = time.perf_counter()
    load_pipeline(lang)
    load_kgraph = time.perf_counter() - start

    # warm-up (tokenizer caches, lazy imports, topic words, RDF/export modules)
    warm = articles[:WARMUP_ARTICLES]
    run_baseline(baseline_nlp, [a.text for a in warm])
    run_extraction(warm)
    run_end_to_end(warm, {})

    # counting pass (not in the table): sentences, statements, and time per component
    sentences_baseline = sum(sum(1 for _ in doc.sents) for doc in baseline_nlp.pipe(texts))
    sentences_kgraph, statements, components = count_kgraph(articles, lang)

    baseline, extraction, end_to_end, phase_extract, phase_write = [], [], [], [], []
    ttl_bytes = 0
    for round_ in range(repeat):
        # the order of the paths turns each round, so none always runs first
        steps = ["baseline", "extraction", "end_to_end"]
        steps = steps[round_ % 3 :] + steps[: round_ % 3]
        for step in steps:
            if step == "baseline":
                baseline.append(timed(lambda: run_baseline(baseline_nlp, texts)))
            elif step == "extraction":
                extraction.append(timed(lambda: run_extraction(articles)))
            else:
                phases: dict[str, float] = {}
                end_to_end.append(timed(lambda phases=phases: run_end_to_end(articles, phases)))
                phase_extract.append(phases["extract_corpus"])
                phase_write.append(phases["write_outputs"])
                ttl_bytes = int(phases["ttl_bytes"])
        print(
            f"  round {round_ + 1}/{repeat}: baseline {baseline[-1]:.2f} s, "
            f"extraction {extraction[-1]:.2f} s, end-to-end {end_to_end[-1]:.2f} s",
            flush=True,
        )

    return Result(
        lang=lang,
        sources=len(sources),
        articles=len(articles),
        bytes=corpus_bytes(articles),
        words=sum(len(t.split()) for t in texts),
        sentences_baseline=sentences_baseline,
        sentences_kgraph=sentences_kgraph,
        statements=statements,
        load_baseline=load_baseline,
        load_kgraph=load_kgraph,
        baseline=baseline,
        extraction=extraction,
        end_to_end=end_to_end,
        extract_corpus=phase_extract,
        write_outputs=phase_write,
        ttl_bytes=ttl_bytes,
        components=components,
    )


def report(result: Result) -> None:
    med = statistics.median
    base = med(result.baseline)
    print()
    print(
        f"== {result.lang}: {result.bytes / MB:.2f} MB, {result.articles} articles "
        f"(from {result.sources}), {result.words:,} words; "
        f"sentences: {result.sentences_baseline:,} (sentencizer) / "
        f"{result.sentences_kgraph:,} (kgraph); statements found: {result.statements:,}"
    )
    print(
        f"   load: baseline {result.load_baseline:.2f} s, kgraph pipeline "
        f"{result.load_kgraph:.2f} s (not counted below)"
    )
    header = (
        f"   {'path':<22}{'median s':>10}{'best s':>9}{'sentences':>11}"
        f"{'sent/s':>10}{'words/s':>10}{'MB/s':>7}{'x base':>8}"
    )
    print(header)
    print("   " + "-" * (len(header) - 3))
    rows = [
        ("baseline", result.baseline, result.sentences_baseline),
        ("extraction", result.extraction, result.sentences_kgraph),
        ("end-to-end (ttl)", result.end_to_end, result.sentences_kgraph),
        ("  of which extract", result.extract_corpus, None),
        ("  of which write ttl", result.write_outputs, None),
    ]
    for name, times, sentences in rows:
        seconds = med(times)
        if sentences is None:  # a phase of the end-to-end path: rates would mislead
            print(f"   {name:<22}{seconds:>10.2f}{min(times):>9.2f}{seconds / base:>45.1f}x")
            continue
        print(
            f"   {name:<22}{seconds:>10.2f}{min(times):>9.2f}{sentences:>11,}"
            f"{sentences / seconds:>10,.0f}{result.words / seconds:>10,.0f}"
            f"{result.bytes / MB / seconds:>7.2f}{seconds / base:>7.1f}x"
        )
    ratio = med(result.extraction) / base
    best_ratio = min(result.extraction) / min(result.baseline)
    rounds = ", ".join(
        f"{e / b:.1f}x" for e, b in zip(result.extraction, result.baseline, strict=True)
    )
    verdict = "OK" if ratio <= 5 else "ABOVE the 5x budget"
    print(
        f"   ratio extraction / baseline (medians of {len(result.baseline)}): "
        f"{ratio:.2f}x  [{verdict}]; best/best {best_ratio:.2f}x; per round {rounds}"
    )
    print(f"   graph.ttl: {result.ttl_bytes / MB:.1f} MB")
    total = sum(v for k, v in result.components.items() if not k.startswith(" "))
    print(
        f"   kgraph pipeline by component (timed once, in the counting pass; {total:.2f} s in all):"
    )
    for name, seconds in result.components.items():
        print(f"     {name:<38}{seconds:>7.2f} s{seconds / base:>7.1f}x baseline")


# --------------------------------------------------------------------------- profile


def profile(lang: str, mb: float, folders: list[Path], top: int = 25) -> None:
    sources = source_articles(lang, folders)
    if not sources:
        print(f"[{lang}] no articles of this language")
        return
    articles = build_corpus(sources, int(mb * MB))
    load_pipeline(lang)
    run_extraction(articles[:WARMUP_ARTICLES])
    print(
        f"== profile of the extraction path, {lang}: {len(articles)} articles, "
        f"{corpus_bytes(articles) / MB:.2f} MB (cProfile slows the run down)",
        flush=True,
    )
    profiler = cProfile.Profile()
    profiler.enable()
    statements = run_extraction(articles)
    profiler.disable()
    print(f"   statements: {len(statements):,}")
    for key, label in (("cumulative", "cumulative"), ("tottime", "total (own)")):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats(key).print_stats(top)
        print(f"\n-- top {top} by {label} time ({lang})")
        print(_short_paths(stream.getvalue()))


def _short_paths(text: str) -> str:
    """Make profile paths relative to the repository and site-packages."""
    text = text.replace(str(ROOT) + os.sep, "")
    for key in ("purelib", "platlib", "stdlib"):
        prefix = sysconfig.get_paths().get(key)
        if prefix:
            text = text.replace(prefix + os.sep, f"<{key}>/")
    # drop the header lines pstats writes before the table
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


# --------------------------------------------------------------------------- environment


def environment() -> str:
    cpu = "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text()
        match = re.search(r"^model name\s*:\s*(.+)$", info, re.M)
        if match:
            cpu = match.group(1).strip()
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return (
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"{platform.system()} {platform.machine()}\n"
        f"{kgraph_source()}\n"
        f"CPU: {cpu}, {usable} usable cores (the run uses one)\n"
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="megabytes of text per language")
    parser.add_argument("--lang", nargs="+", default=["en", "id"], choices=["en", "id"])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the median is reported")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the extraction path instead"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.mb <= 0:
        parser.error("--repeat must be >= 1 and --mb > 0")

    print(environment())
    folders = source_folders()
    print("sources:", ", ".join(str(f.relative_to(ROOT)) for f in folders), flush=True)
    if args.profile:
        for lang in args.lang:
            profile(lang, args.mb, folders)
        return 0
    results = [r for lang in args.lang if (r := measure(lang, args.mb, args.repeat, folders))]
    for result in results:
        report(result)
    worst = max(
        (statistics.median(r.extraction) / statistics.median(r.baseline) for r in results),
        default=0.0,
    )
    return 0 if worst <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
