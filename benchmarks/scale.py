"""Scale: ``kgraph build --only-store`` on 1,000 and 10,000 generated articles, 1 and 2 workers.

    python benchmarks/scale.py                                # en and id, 1,000 and 10,000
    python benchmarks/scale.py --sizes 200,1000 --lang en     # a quick look
    python benchmarks/scale.py --keep /tmp/kgraph-scale       # keep (and reuse) the corpora

For each language and size, the corpus comes from ``make_corpus.generate`` (seeded,
so the same each run). Each timed run is ``kgraph build FOLDER -o OUT --only-store
--workers N`` in a subprocess with a fresh OUT, i.e. reading to store; wall time
includes starting Python and loading the pipeline. The process tree is polled for
memory: the main process's peak (VmHWM) and each worker's, and the largest sum of the
tree's RSS at one time. The baseline is ``spacy.blank(lang)`` + ``sentencizer`` over
the same files' text, in this process; its sentence count is the one all rates use.

Checks (exit status 1 if one is missed):

- at least 2,000 sentences per second per core with 1 worker, each language and size;
- 2 workers at least 1.7x faster than 1 at the largest size (10,000 by default);
- peak memory of the main process with 1 worker at the largest size at most 1.5x that
  at the smallest.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import spacy
from make_corpus import generate

from provenance import kgraph_source

SENTENCES_PER_CORE = 2000
SPEEDUP = 1.7
MEMORY_GROWTH = 1.5
POLL_SECONDS = 0.05
MB = 1024 * 1024


@dataclass
class Run:
    lang: str
    articles: int
    sentences: int
    workers: int
    seconds: float
    main_peak: float  # bytes, VmHWM of the main process
    tree_peak: float  # bytes, largest sum of RSS over the process tree
    worker_peaks: list[float] = field(default_factory=list)
    statements: int = 0
    store_bytes: int = 0

    @property
    def sentences_per_core(self) -> float:
        return self.sentences / self.seconds / self.workers


@dataclass
class Corpus:
    lang: str
    articles: int
    folder: Path
    bytes: int
    words: int
    sentences: int
    baseline: float  # seconds


# --------------------------------------------------------------------------- corpus


def make_corpus(root: Path, lang: str, articles: int, seed: int) -> Path:
    folder = root / f"corpus-{lang}-{articles}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        generate(folder, articles, lang, seed)
        done.write_text("")
        print(f"  generated {articles:,} {lang} articles in {time.perf_counter() - start:.1f} s")
    return folder


def baseline(lang: str, folder: Path, articles: int, repeat: int) -> Corpus:
    """Sentences by spaCy's blank pipeline + sentencizer, and its best time of ``repeat``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    assert len(texts) == articles, f"{folder} has {len(texts)} articles, not {articles}"
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    list(nlp.pipe(texts[:20]))  # warm-up
    times, sentences = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        times.append(time.perf_counter() - start)
        sentences = sum(1 for doc in docs for _ in doc.sents)
        del docs
    return Corpus(
        lang=lang,
        articles=articles,
        folder=folder,
        bytes=sum(len(t.encode("utf-8")) for t in texts),
        words=sum(len(t.split()) for t in texts),
        sentences=sentences,
        baseline=min(times),
    )


# --------------------------------------------------------------------------- a build


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def build(corpus: Corpus, workers: int, scratch: Path) -> Run:
    """``kgraph build --only-store`` of the corpus with a fresh OUT, timed and polled."""
    out = scratch / f"out-{corpus.lang}-{corpus.articles}-w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "kgraph",
        "build",
        str(corpus.folder),
        "-o",
        str(out),
        "--only-store",
        "--workers",
        str(workers),
    ]
    log = scratch / "build.log"
    start = time.perf_counter()
    with log.open("w") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
        main = psutil.Process(process.pid)
        main_peak = tree_peak = 0
        worker_peaks: dict[int, int] = {}
        while process.poll() is None:
            try:
                children = main.children(recursive=True)
            except psutil.NoSuchProcess:
                children = []
            main_peak = max(main_peak, _status_kb(process.pid, "VmHWM:"))
            total = _status_kb(process.pid, "VmRSS:")
            for child in children:
                peak = _status_kb(child.pid, "VmHWM:")
                if peak:
                    worker_peaks[child.pid] = max(worker_peaks.get(child.pid, 0), peak)
                total += _status_kb(child.pid, "VmRSS:")
            tree_peak = max(tree_peak, total)
            time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    output = log.read_text()
    if process.returncode != 0:
        raise SystemExit(f"kgraph build failed ({process.returncode}):\n{output[-3000:]}")
    match = re.search(r"into (\d+) statements", output)
    store = out / "store"
    store_bytes = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    shutil.rmtree(out, ignore_errors=True)
    return Run(
        lang=corpus.lang,
        articles=corpus.articles,
        sentences=corpus.sentences,
        workers=workers,
        seconds=seconds,
        main_peak=main_peak * 1024,
        tree_peak=max(tree_peak, main_peak) * 1024,
        worker_peaks=[kb * 1024 for kb in worker_peaks.values()],
        statements=int(match.group(1)) if match else 0,
        store_bytes=store_bytes,
    )


# --------------------------------------------------------------------------- report


def environment() -> str:
    cpu = "unknown"
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = match.group(1).strip() if match else cpu
    except OSError:
        pass
    return (
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"{platform.system()} {platform.machine()}\n"
        f"{kgraph_source()}\n"
        f"CPU: {cpu}, {len(os.sched_getaffinity(0))} usable cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB\n"
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


def table(corpora: dict[tuple[str, int], Corpus], runs: list[Run]) -> None:
    header = (
        f"{'lang':<5}{'articles':>9}{'sentences':>11}{'workers':>8}{'seconds':>9}"
        f"{'art/s':>8}{'sent/s/core':>12}{'main MB':>9}{'all MB':>8}{'workers MB':>12}"
        f"{'speed-up':>9}{'x blank':>8}{'stmts':>9}{'store MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        corpus = corpora[run.lang, run.articles]
        one = next(
            r for r in runs if (r.lang, r.articles, r.workers) == (run.lang, run.articles, 1)
        )
        speedup = f"{one.seconds / run.seconds:.2f}x" if run.workers > 1 else ""
        worker_mb = "/".join(f"{p / MB:.0f}" for p in run.worker_peaks) or "-"
        print(
            f"{run.lang:<5}{run.articles:>9,}{run.sentences:>11,}{run.workers:>8}"
            f"{run.seconds:>9.1f}{run.articles / run.seconds:>8.1f}"
            f"{run.sentences_per_core:>12,.0f}{run.main_peak / MB:>9.0f}"
            f"{run.tree_peak / MB:>8.0f}{worker_mb:>12}{speedup:>9}"
            f"{run.seconds / corpus.baseline:>7.1f}x{run.statements:>9,}"
            f"{run.store_bytes / MB:>9.1f}"
        )


def checks(runs: list[Run], sizes: list[int]) -> bool:
    ok = True

    def verdict(passed: bool, text: str) -> None:
        nonlocal ok
        ok &= passed
        print(f"  [{'ok' if passed else 'MISSED'}] {text}")

    print("\nchecks:")
    by_key = {(r.lang, r.articles, r.workers): r for r in runs}
    langs = sorted({r.lang for r in runs})
    for run in (r for r in runs if r.workers == 1):
        verdict(
            run.sentences_per_core >= SENTENCES_PER_CORE,
            f"{run.lang} {run.articles:,}: {run.sentences_per_core:,.0f} sentences/s/core "
            f"with 1 worker (>= {SENTENCES_PER_CORE:,})",
        )
    largest, smallest = max(sizes), min(sizes)
    for lang in langs:
        one, two = by_key.get((lang, largest, 1)), by_key.get((lang, largest, 2))
        if one and two:
            speedup = one.seconds / two.seconds
            verdict(
                speedup >= SPEEDUP,
                f"{lang} {largest:,}: 2 workers {speedup:.2f}x faster than 1 (>= {SPEEDUP})",
            )
        big, small = by_key.get((lang, largest, 1)), by_key.get((lang, smallest, 1))
        if big and small and largest != smallest:
            growth = big.main_peak / small.main_peak
            verdict(
                growth <= MEMORY_GROWTH,
                f"{lang}: peak RSS of the main process, 1 worker, {largest:,} / {smallest:,} "
                f"articles = {big.main_peak / MB:.0f} / {small.main_peak / MB:.0f} MB "
                f"= {growth:.2f}x (<= {MEMORY_GROWTH})",
            )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="articles, comma-separated")
    parser.add_argument("--lang", default="en,id", help="languages, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="builds per row; the best counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="folder for the corpora, reused next time")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    langs = args.lang.split(",")
    worker_counts = [int(w) for w in args.workers.split(",")]
    if args.repeat < 1 or min(sizes) < 1 or min(worker_counts) < 1:
        parser.error("--repeat, --sizes and --workers must be >= 1")
    if not set(langs) <= {"en", "id"}:
        parser.error("--lang takes en and id")

    print(environment(), flush=True)
    began = time.perf_counter()
    temp = None if args.keep else tempfile.TemporaryDirectory(prefix="kgraph-scale-")
    root = args.keep or Path(temp.name)
    root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="kgraph-scale-out-"))
    corpora: dict[tuple[str, int], Corpus] = {}
    runs: list[Run] = []
    try:
        for lang in langs:
            for size in sizes:
                print(f"[{lang} {size:,}]", flush=True)
                folder = make_corpus(root, lang, size, args.seed)
                corpus = corpora[lang, size] = baseline(lang, folder, size, args.repeat)
                print(
                    f"  {corpus.bytes / 1e6:.1f} MB, {corpus.words / size:.0f} words and "
                    f"{corpus.sentences / size:.1f} sentences an article; blank+sentencizer "
                    f"{corpus.baseline:.2f} s ({corpus.sentences / corpus.baseline:,.0f} "
                    "sentences/s)",
                    flush=True,
                )
                for workers in worker_counts:
                    tries = [build(corpus, workers, scratch) for _ in range(args.repeat)]
                    run = min(tries, key=lambda r: r.seconds)
                    if len(tries) > 1:
                        print(f"  times: {', '.join(f'{r.seconds:.1f}' for r in tries)} s")
                    runs.append(run)
                    print(
                        f"  {workers} worker(s): {run.seconds:.1f} s, "
                        f"{run.sentences_per_core:,.0f} sentences/s/core, main "
                        f"{run.main_peak / MB:.0f} MB, all {run.tree_peak / MB:.0f} MB, "
                        f"{run.statements:,} statements",
                        flush=True,
                    )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if temp:
            temp.cleanup()
    print()
    table(corpora, runs)
    print(
        f"\nmedian seconds per run: {statistics.median(r.seconds for r in runs):.1f}; "
        f"whole run {time.perf_counter() - began:.0f} s"
    )
    return 0 if checks(runs, sizes) else 1


if __name__ == "__main__":
    sys.exit(main())
