"""Incremental builds: extract only new and changed files into a store, withdraw the rest.

A store folder (see :mod:`kgraph.store`) keeps, beside its database, what each input
file yielded (``extractions/``) and a manifest: each file's content hash, its
articles, and a fingerprint of the pipeline (kgraph's code, ontology, gazetteer and
lexicons, the extractor and language options). A rebuild

- extracts a file again only when its hash, its root or the fingerprint changed,
- drops the named graphs of the articles of changed and deleted files,
- merges the statements of all files again, so a merged statement keeps exactly the
  evidence that still exists, and rewrites the facts and entities graphs,
- does nothing at all when nothing changed, so the store stays byte for byte as it was.

The store mirrors the inputs of the last build: a file not among them is withdrawn.
A build writes to a copy of the database (see `kgraph.store.staged_store`) that
replaces it when the build is done, then writes the manifest; records are named by
file and content. An interrupted build thus leaves the store as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from sys import intern

import pyoxigraph as ox

import kgraph
from kgraph.build import extract_corpus, topic_words
from kgraph.documents import ReadProblem, iter_sources, load_file
from kgraph.entities.gazetteer import load_gazetteer
from kgraph.graph.merge import Facts, add_statement, link_disputes
from kgraph.graph.rdf import (
    article_iri,
    article_quads,
    entity_quads,
    fact_identity_quads,
    fact_summary_quads,
)
from kgraph.io import atomic_write
from kgraph.model import Article, Entity, Evidence, Statement, stable_id
from kgraph.resources import ontology_dir
from kgraph.store import (
    DATABASE,
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    GAZETTEER_GRAPH,
    ONTOLOGY_GRAPH,
    is_store,
    recover_store,
    staged_store,
)

MANIFEST = "manifest.json"
EXTRACTIONS = "extractions"
#: Bump when the layout of the manifest or of the extraction records changes.
FORMAT = 3
#: Quads per bulk write, and bytes of N-Quads per bulk load: bounded memory, few files.
WRITE_BATCH = 50_000
LOAD_BYTES = 8 << 20
#: Files in flight per worker process: enough to keep it busy while the main process
#: writes a batch (about half a second), few enough to hold little (~100 kB a file).
TASKS_PER_WORKER = 64


@dataclass
class Update:
    """What one build did to a store."""

    extracted: list[str] = field(default_factory=list)  # files read and extracted this time
    reused: list[str] = field(default_factory=list)  # files unchanged since the last build
    withdrawn: list[str] = field(default_factory=list)  # files gone since the last build
    problems: list[ReadProblem] = field(default_factory=list)
    articles: int = 0
    evidence: int = 0
    facts: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.extracted or self.withdrawn)


def update_store(
    inputs: Iterable[str | Path],
    folder: Path,
    *,
    language: str | None = None,
    extractor: str = "lexicon",
    on_file: Callable[[str, bool], None] | None = None,
    workers: int = 1,
    executor: Executor | None = None,
) -> Update:
    """Bring the store in ``folder`` up to date with the files under ``inputs``.

    Files to extract go to ``executor`` (any ``concurrent.futures.Executor``, e.g. a
    Dask client's) if given, else to ``workers`` processes; records come back in
    input order and are written as they come. ``on_file(path, extracted)`` is called
    once per input file, after it is done.
    """
    folder = Path(folder)
    manifest = _read_manifest(folder)
    print_ = fingerprint(extractor=extractor, language=language)
    same_pipeline = manifest.get("fingerprint") == print_
    old: dict[str, dict] = manifest.get("files", {}) if same_pipeline else {}
    update = Update()
    entries: dict[str, dict] = {}
    todo: list[tuple[str, Path, Path]] = []  # (key, file, root) of the files to extract
    plan: list[tuple[str, Path, dict | None]] = []  # every file, with its record if kept
    for source in iter_sources(inputs):
        if isinstance(source, ReadProblem):
            update.problems.append(source)
            continue
        path, root = source
        key = str(path.resolve())
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""  # unreadable: extract, so that the reader reports why
        known = old.get(key)
        record = None
        if known and digest and known["sha256"] == digest and known["root"] == str(root):
            record = _read_record(folder, key, digest)
        if record is None:
            todo.append((key, path, root))
        plan.append((key, path, record))
        entries[key] = {"sha256": digest, "root": str(root)}

    recover_store(folder)
    # A new pipeline, or a database lost beside a kept manifest: write every graph anew.
    rebuild = not same_pipeline or not _has_reference_graphs(folder)
    previous = manifest.get("files", {})
    update.withdrawn = sorted(set(previous) - set(entries))
    # Anything to write? If not, the store is not touched at all.
    write = rebuild or bool(todo) or bool(update.withdrawn)
    staged = staged_store(folder, empty=rebuild) if write else nullcontext(None)
    # closing(): stop the workers at once if the build is interrupted
    work = closing(_extract_all(todo, language, extractor, workers, executor))
    with work as extracted, staged as store:
        writer = _Writer(store) if store is not None else None
        if writer is not None:
            if rebuild:
                _load_reference_graphs(store)
            store.clear_graph(FACTS_GRAPH)
            store.clear_graph(ENTITIES_GRAPH)
        # Only the merged facts stay in memory, summed up without their evidence: the
        # article graphs (with the sentences) go to the store as each file comes back.
        facts: Facts = {}
        entities: dict[str, Entity] = {}
        shared = _Shared()
        article_ids: dict[str, list[str]] = {}
        for key, path, kept in plan:
            if kept is None:
                done = next(extracted)
                _write_record(folder, key, entries[key]["sha256"], done.record)
                record, quads = json.loads(done.record), done.quads
                update.extracted.append(key)
                for article_id in [] if rebuild else previous.get(key, {}).get("articles", []):
                    store.remove_graph(article_iri(article_id))
            else:
                record, quads = kept, record_quads(kept) if rebuild else b""
                update.reused.append(key)
            known = [shared.entity(values) for values in record["entities"]]
            for values in record["statements"]:
                statement = shared.statement(values, known, sentence=False)
                count = len(facts)
                fact = add_statement(facts, statement, keep_evidence=False)
                if writer is not None and len(facts) > count:  # a new fact
                    writer.add(fact_identity_quads(fact))
            if writer is not None:
                writer.load(quads)
            entities.update((name, known[number]) for name, number in record["named"].items())
            article_ids[key] = entries[key]["articles"] = [a["id"] for a in record["articles"]]
            update.articles += len(record["articles"])
            update.evidence += len(record["statements"])
            update.problems += [ReadProblem(*p) for p in record["problems"]]
            if on_file is not None:
                on_file(str(path), kept is None)

        merged = list(facts.values())
        link_disputes(merged, topic_words())
        update.facts = len(merged)
        if writer is not None:
            writer.flush()
            # An article id can move to another file (a.txt renamed a.md): keep its new graph.
            current = {article_id for ids in article_ids.values() for article_id in ids}
            for key in update.withdrawn:
                for article_id in set(previous[key].get("articles", [])) - current:
                    store.remove_graph(article_iri(article_id))
            writer.add(fact_summary_quads(merged, entities))
            writer.flush()
    if write:
        _write_manifest(folder, print_, entries)
        _drop_unused_records(folder, entries)
    return update


def _has_reference_graphs(folder: Path) -> bool:
    """Whether the database exists and holds the ontology (read-only: no lock is taken)."""
    if not is_store(folder):
        return False
    return ox.Store.read_only(str(folder / DATABASE)).contains_named_graph(ONTOLOGY_GRAPH)


class _Writer:
    """Quads to the store with the bulk loader, in batches.

    The bulk loader is about 5x faster than transactions and its memory stays bounded.
    It is not atomic, which is why builds write to a copy of the database.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.pending: list[ox.Quad] = []
        self.nquads: list[bytes] = []
        self.nquads_size = 0

    def add(self, quads: Iterable[ox.Quad]) -> None:
        for quad in quads:  # one by one: a whole graph's quads at once would not be bounded
            self.pending.append(quad)
            if len(self.pending) >= WRITE_BATCH:
                self._write_quads()

    def load(self, data: bytes) -> None:
        """N-Quads, as workers serialize them (see `record_quads`)."""
        self.nquads.append(data)
        self.nquads_size += len(data)
        if self.nquads_size >= LOAD_BYTES:
            self._write_nquads()

    def flush(self) -> None:
        self._write_quads()
        self._write_nquads()

    def _write_quads(self) -> None:
        if self.pending:
            self.store.bulk_extend(self.pending)
            self.pending = []

    def _write_nquads(self) -> None:
        if self.nquads_size:
            self.store.bulk_load(b"".join(self.nquads), ox.RdfFormat.N_QUADS)
        self.nquads, self.nquads_size = [], 0


#: Below this many files per worker, starting worker processes costs more than it saves:
#: a worker's start (an interpreter, spaCy, the pipelines: about 3 s) is worth about 50
#: news articles of extraction.
FILES_PER_WORKER = 64


def _extract_all(
    todo: list[tuple[str, Path, Path]],
    language: str | None,
    extractor: str,
    workers: int,
    executor: Executor | None,
) -> Iterator[Extracted]:
    """What the files in ``todo`` yield, in order, extracted here or by workers."""
    work = partial(extract_for_store, language=language, extractor=extractor)
    paths = [str(path) for _, path, _ in todo]
    roots = [str(root) for _, _, root in todo]
    if executor is not None:
        yield from executor.map(work, paths, roots)
        return
    workers = min(workers, len(todo) // FILES_PER_WORKER)
    if workers <= 1:
        yield from map(work, paths, roots)
        return
    # "spawn": a fresh interpreter per worker, not a fork of a process that runs threads
    # (the progress bar's); each worker loads the pipelines once.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        # A window of tasks, not all of them at once (as pool.map would): results
        # waiting for the main process must not pile up in its memory.
        pending: deque[Future[Extracted]] = deque()
        for path, root in zip(paths, roots, strict=True):
            pending.append(pool.submit(work, path, root))
            if len(pending) >= TASKS_PER_WORKER * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Interrupted: drop the files not started rather than wait for them.
        pool.shutdown(wait=True, cancel_futures=True)


def fingerprint(*, extractor: str, language: str | None) -> str:
    """A digest of everything besides the input files that decides what a build yields."""
    digest = hashlib.sha256(f"{FORMAT}|{kgraph.__version__}|{extractor}|{language}".encode())
    package = Path(kgraph.__file__).resolve().parent
    for base, pattern in ((package, "*.py"), (ontology_dir(), "*")):
        # Named queries and the SHACL shapes do not change what a build yields.
        found = (
            p
            for p in base.rglob(pattern)
            if p.is_file() and p.parent.name != "queries" and p.name != "shapes.ttl"
        )
        for path in sorted(found):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- store


def _load_reference_graphs(store: ox.Store) -> None:
    """The ontology and the gazetteer, each in its own graph, as the files now say."""
    store.clear_graph(ONTOLOGY_GRAPH)
    store.load(
        path=str(ontology_dir() / "kgraph.ttl"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ONTOLOGY_GRAPH,
    )
    store.clear_graph(GAZETTEER_GRAPH)
    entries = load_gazetteer().entries.values()
    store.extend(entity_quads((entry.entity for entry in entries), GAZETTEER_GRAPH))


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Extracted:
    """What extracting one file sends back to the process that writes the store."""

    record: str  # the record (see extract_file) as JSON, as kept in extractions/
    quads: bytes  # the graphs of the file's articles, N-Quads (see record_quads)


def extract_for_store(
    path: str | Path,
    root: str | Path,
    *,
    language: str | None = None,
    extractor: str = "lexicon",
    data: bytes | None = None,
) -> Extracted:
    """`extract_file`, and the serializing the store would otherwise wait for.

    Workers run this: the process that owns the store then only writes bytes and sums
    up statements, so it does not hold back the workers (it took half a core when it
    built the article graphs itself).
    """
    record = extract_file(path, root, language=language, extractor=extractor, data=data)
    return Extracted(json.dumps(record, ensure_ascii=False), record_quads(record))


def record_quads(record: dict) -> bytes:
    """The graphs of a record's articles (see `kgraph.graph.rdf.article_quads`), N-Quads."""
    shared = _Shared()
    known = [shared.entity(values) for values in record["entities"]]
    found: dict[str, list[Statement]] = {}
    for values in record["statements"]:
        statement = shared.statement(values, known)
        found.setdefault(statement.evidence.article, []).append(statement)
    quads = (
        quad
        for data in record["articles"]
        for quad in article_quads(Article(**data), found.get(data["id"], ()))
    )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def extract_file(
    path: str | Path,
    root: str | Path,
    *,
    language: str | None = None,
    extractor: str = "lexicon",
    data: bytes | None = None,
) -> dict:
    """What one file yields, as a JSON-ready record: articles, entities, statements, problems.

    A plain function of plain arguments, so that worker processes (and Dask workers)
    can run it and send the record back; ``data`` is the file's content when the
    file is not here (see `kgraph.documents.load_file`). Rows are field values in
    declaration order (``dataclasses.asdict`` took a third of the time), and each
    distinct entity is written once: statements name entities by their row number.
    """
    path, root = Path(path), Path(root)
    articles = load_file(path, root, language=language, data=data)
    corpus = extract_corpus(articles, extractor=extractor)
    rows: dict[Entity, int] = {}

    def row(entity: Entity) -> int:
        return rows.setdefault(entity, len(rows))

    statements = [
        [row(s.subject), s.relation, row(s.object), s.polarity, s.symmetric, _values(s.evidence)]
        for s in corpus.statements
    ]
    named = {key: row(entity) for key, entity in corpus.entities.items()}
    return {
        # The text is not needed to rebuild the graph (evidence keeps its sentences).
        "articles": [_values(a) | {"text": ""} for a in corpus.articles],
        "entities": [_values(entity) for entity in rows],
        "named": named,
        "statements": statements,
        "problems": [[p.path, p.message] for p in corpus.problems],
    }


def _values(item: Article | Entity | Evidence) -> dict | list:
    """An article as a dict of its fields; an entity or evidence as a row of values."""
    names = [f.name for f in dataclasses.fields(item)]
    if isinstance(item, Article):
        return {name: getattr(item, name) for name in names}
    return [getattr(item, name) for name in names]


def _record_path(folder: Path, key: str, digest: str) -> Path:
    """A record per file and content: a build never overwrites a record the manifest
    trusts, so an interrupted one leaves the store folder consistent."""
    return folder / EXTRACTIONS / f"{stable_id(key, digest)}.json"


def _read_record(folder: Path, key: str, digest: str) -> dict | None:
    try:
        return json.loads(_record_path(folder, key, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: extract the file again


def _write_record(folder: Path, key: str, digest: str, record: str) -> None:
    """A record's JSON, through a temporary file but without fsync: a record lost in a
    crash is only extracted again (a damaged one reads as missing), and 10,000 fsyncs
    cost seconds."""
    path = _record_path(folder, key, digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(record, encoding="utf-8")
    temporary.replace(path)


def _drop_unused_records(folder: Path, files: dict[str, dict]) -> None:
    """Delete the records the manifest no longer names (old versions, withdrawn files)."""
    wanted = {_record_path(folder, key, entry["sha256"]).name for key, entry in files.items()}
    for path in (folder / EXTRACTIONS).glob("*.json*"):
        if path.name not in wanted:
            path.unlink(missing_ok=True)


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if manifest.get("format") == FORMAT else {}


def _write_manifest(folder: Path, print_: str, files: dict[str, dict]) -> None:
    manifest = {"format": FORMAT, "fingerprint": print_, "files": files}
    atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


class _Shared:
    """Builds objects from records, sharing what repeats.

    A corpus names the same few thousand actors in every article and repeats the same
    relations, rules and triggers: one object each (strings interned) keeps the memory
    of a build near what its distinct content needs.
    """

    def __init__(self) -> None:
        self.entities: dict[Entity, Entity] = {}

    def entity(self, values: list) -> Entity:
        id_, label, type_, country, sector, labels, aliases, about = values
        entity = Entity(
            id_,
            label,
            type_,
            country,
            sector,
            tuple(map(tuple, labels)),
            tuple(map(tuple, aliases)),
            tuple(about),
        )
        return self.entities.setdefault(entity, entity)

    def statement(
        self, values: list, entities: list[Entity], *, sentence: bool = True
    ) -> Statement:
        """``sentence=False`` leaves the evidence's sentence out: once the article's graph
        is written, merging needs everything but the sentences, the bulk of the text."""
        subject, relation, obj, polarity, symmetric, found = values
        article, text, start, end, index, trigger, rule, *rest, claimed_by, event_date = found
        evidence = Evidence(
            intern(article),
            text if sentence else "",
            start,
            end,
            index,
            intern(trigger),
            intern(rule),
            *rest,
            claimed_by=tuple(map(intern, claimed_by)),
            event_date=event_date,
        )
        return Statement(
            entities[subject],
            intern(relation),
            entities[obj],
            evidence,
            intern(polarity),
            symmetric,
        )
