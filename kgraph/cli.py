"""The ``kgraph`` command: build, extract, query, serve, push, validate, eval.

Each command is a thin wrapper over library functions. Data goes to stdout,
progress and problems to stderr, so output can be piped. Library errors
(:class:`~kgraph.errors.KgraphError`) become one red line and exit code 1.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kgraph import __version__
from kgraph.errors import KgraphError

app = typer.Typer(
    name="kgraph",
    help="Geopolitical knowledge graphs from English and Indonesian news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# No emoji codes: ":label:" in "rdfs:label:" or a file name would print as a picture.
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)  # one problem, one line


class Lang(str, Enum):
    auto = "auto"
    en = "en"
    id = "id"


class Extractor(str, Enum):
    lexicon = "lexicon"
    dependency = "dependency"
    both = "both"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"
    plover = "plover"


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _version(value: bool) -> None:
    if value:
        out.print(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Geopolitical knowledge graphs from English and Indonesian news articles."""


def _fail(exc: KgraphError) -> typer.Exit:
    # Escaped: a message names files and packages ("kgraph[dask]", "data[1].txt"), not markup.
    err.print(f"[red]{escape(str(exc))}[/red]", markup=True, highlight=False)
    return typer.Exit(code=1)


def _items(inputs: list[str], lang: Lang) -> Iterator:
    """Articles and read problems from paths, or from stdin for "-"."""
    from kgraph.documents import load_articles, read_text
    from kgraph.language import detect_language

    language = None if lang is Lang.auto else lang.value
    paths = [i for i in inputs if i != "-"]
    if "-" in inputs:
        article = read_text(sys.stdin.read(), id="stdin")
        article.language = language or detect_language(article.text)
        yield article
    if paths:
        yield from load_articles(paths, language=language)


def _count_files(inputs: list[str]) -> int:
    from kgraph.documents import iter_files

    return sum(1 for _ in iter_files([i for i in inputs if i != "-"])) + ("-" in inputs)


#: Cores this process may use (cgroup and affinity limits included, unlike os.cpu_count).
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

_PROGRESS_COLUMNS = (
    TextColumn("[progress.description]{task.description}"),
    BarColumn(),
    MofNCompleteColumn(),
    TextColumn("{task.fields[statements]} statements"),
    TimeRemainingColumn(),
)


def _corpus(inputs: list[str], lang: Lang, extractor: Extractor, *, progress: bool):
    """Run extraction over the inputs, with a progress bar on stderr when asked."""
    from kgraph.build import extract_corpus

    if not progress:
        return extract_corpus(_items(inputs, lang), extractor=extractor.value)
    with Progress(*_PROGRESS_COLUMNS, console=err, transient=True) as bar:
        task = bar.add_task("Extracting", total=_count_files(inputs), statements=0)
        files: set[str] = set()

        def on_item(item, corpus) -> None:
            path = getattr(item, "path", None) or getattr(item, "id", "")
            advance = 0 if path in files else 1
            files.add(path)
            bar.update(task, advance=advance, statements=len(corpus.statements))

        return extract_corpus(_items(inputs, lang), extractor=extractor.value, on_item=on_item)


def _report_problems(problems: Iterable) -> int:
    count = 0
    for problem in problems:
        err.print(f"[yellow]{escape(problem.message)}[/yellow]", markup=True, highlight=False)
        count += 1
    return count


InputsArg = Annotated[
    list[str],
    typer.Argument(help="Article files or folders (searched recursively); '-' reads stdin."),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", help="Language of the articles; 'auto' detects it per article.")
]
ExtractorOpt = Annotated[
    Extractor,
    typer.Option(
        "--extractor",
        help="Relation extractor: the lexicon rules, or rules over a trained English parser "
        "(dependency, or both together; needs requirements/parser.txt; other languages keep "
        "the lexicon).",
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Exit with code 1 if any input could not be read.")
]


@app.command()
def build(
    inputs: InputsArg,
    outdir: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the graph files.")
    ] = Path("output"),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Extra formats besides ttl and html, comma-separated: "
            "trig, jsonld, nt, graphml, gexf, csv.",
        ),
    ] = "",
    lang: LangOpt = Lang.auto,
    extractor: ExtractorOpt = Extractor.lexicon,
    strict: StrictOpt = False,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Store folder (Oxigraph, one graph per article) that makes rebuilds "
            "incremental; default: OUTDIR/store.",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-j", min=1, help="Processes that extract files; default: the cores."
        ),
    ] = _CORES,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Send extraction to a Dask cluster, e.g. tcp://scheduler:8786 "
            "(needs kgraph[dask] on the workers too).",
        ),
    ] = None,
    only_store: Annotated[
        bool,
        typer.Option("--only-store", help="Update the store; write no graph files."),
    ] = False,
) -> None:
    """Build the graph of INPUTS into OUTDIR (graph.ttl and graph.html by default).

    The store remembers what each file yielded: building again extracts only new and
    changed files, and withdraws what deleted files said. Stdin ('-') is not stored.
    """
    from kgraph.build import write_outputs
    from kgraph.export import DEFAULT_FORMATS, export, resolve_format

    try:
        terminate = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (a test runner's): Ctrl-C alone then
        terminate = None
    try:
        chosen = dict.fromkeys(
            [*DEFAULT_FORMATS, *(resolve_format(f) for f in formats.split(",") if f.strip())]
        )
        if "-" in inputs:
            corpus = _corpus(inputs, lang, extractor, progress=True)
            problems = _report_problems(corpus.problems)
            written = write_outputs(corpus, outdir, chosen)
            counts = (len(corpus.articles), len(corpus.facts()), len(corpus.statements))
            files = ""
        else:
            folder = store or outdir / "store"
            update = _update_store(inputs, folder, lang, extractor, workers, dask)
            problems = _report_problems(update.problems)
            written = []
            if not only_store:
                from kgraph.store import export_copy, open_source

                data = export_copy(open_source(folder))
                written = [export(data, fmt, outdir) for fmt in chosen]
            counts = (update.articles, update.facts, update.evidence)
            files = (
                f"Files: {len(update.extracted)} extracted, {len(update.reused)} unchanged,"
                f" {len(update.withdrawn)} withdrawn (store: {folder})."
            )
    except KgraphError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        err.print(
            "Interrupted: no half-written store or graph file was kept;"
            " run the same command again to finish."
        )
        raise typer.Exit(code=130) from None
    finally:
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)
    err.print(
        f"Built {counts[0]} articles into {counts[1]} statements"
        f" ({counts[2]} pieces of evidence); {problems} problem(s) reported."
    )
    if files:
        err.print(files)
    for path in written:
        err.print(f"  wrote {path}")
    if strict and problems:
        raise typer.Exit(code=1)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the build then drops its unfinished copy of the store."""
    raise KeyboardInterrupt


def _update_store(
    inputs: list[str],
    folder: Path,
    lang: Lang,
    extractor: Extractor,
    workers: int,
    dask: str | None,
):
    """Bring the store up to date, with a progress bar of files on stderr."""
    from contextlib import nullcontext

    from kgraph.incremental import update_store

    language = None if lang is Lang.auto else lang.value
    if dask is not None:
        from kgraph.cluster import dask_executor

        executor = dask_executor(dask)
    else:
        executor = nullcontext()
    columns = [c for c in _PROGRESS_COLUMNS if "statements" not in getattr(c, "text_format", "")]
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("Extracting", total=_count_files(inputs))

        def on_file(path: str, extracted: bool) -> None:
            bar.update(task, advance=1)

        with executor as pool:
            return update_store(
                inputs,
                folder,
                language=language,
                extractor=extractor.value,
                on_file=on_file,
                workers=workers,
                executor=pool,
            )


@app.command()
def extract(
    inputs: InputsArg,
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one statement per line; table: for reading; plover: one PLOVER "
            "event record per line (events only).",
        ),
    ] = ExtractFormat.jsonl,
    lang: LangOpt = Lang.auto,
    extractor: ExtractorOpt = Extractor.lexicon,
    strict: StrictOpt = False,
) -> None:
    """Print the statements found in INPUTS, one per line (jsonl) or as a table."""
    from kgraph.export.plover import plover_records
    from kgraph.export.statements import statement_record
    from kgraph.graph.relations import load_relations

    try:
        corpus = _corpus(inputs, lang, extractor, progress=False)
    except KgraphError as exc:
        raise _fail(exc) from None
    problems = _report_problems(corpus.problems)
    if fmt is ExtractFormat.plover:
        articles = {a.id: a for a in corpus.articles}
        records = plover_records(corpus.statements, load_relations(), articles)
    else:
        records = [statement_record(s, corpus.entities) for s in corpus.statements]
    if fmt in (ExtractFormat.jsonl, ExtractFormat.plover):
        for record in records:
            out.print(json.dumps(record, ensure_ascii=False), markup=False, highlight=False)
    else:
        table = Table(
            "subject", "relation", "object", "polarity", "modality", "claimed by", "doc:sent"
        )
        for r in records:
            claimed = r["claimed_by"]["label"] if r["claimed_by"] else ""
            table.add_row(
                r["subject"]["label"],
                r["relation"],
                r["object"]["label"],
                r["polarity"],
                r["modality"],
                claimed,
                f"{r['evidence']['doc']}:{r['evidence']['sentence']}",
            )
        out.print(table)
    if strict and problems:
        raise typer.Exit(code=1)


@app.command()
def query(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file (.ttl, .trig, .nt, .jsonld) or a store folder written by build."
        ),
    ] = None,
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the query from a .rq file.")
    ] = None,
    named: Annotated[
        str | None, typer.Option("--named", help="Run a named query (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="KEY=VALUE for a query parameter (repeatable). An IRI or kgr:CURIE binds "
            "an IRI, anything else a string; actors may be named in English or Indonesian.",
        ),
    ] = None,
    fmt: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="How to print results.")
    ] = ResultFormat.table,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the named queries and exit.")
    ] = False,
) -> None:
    """Run a SPARQL query over GRAPH (a graph file or a store folder)."""
    from kgraph import query as q
    from kgraph.store import open_source

    try:
        if list_queries:
            for name, item in q.named_queries().items():
                out.print(f"{name:24} {item.description}", markup=False)
                for key, param in item.params.items():
                    kind = f" ({param.kind})" if param.kind != "value" else ""
                    line = f"{'':24}   --param {key}=...{kind}  {param.description}"
                    out.print(line, markup=False)
            return
        sources = [s for s in (sparql, file, named) if s is not None]
        if graph is None or len(sources) != 1:
            err.print("[red]Give a graph file and one of: a query, --file or --named.[/red]")
            raise typer.Exit(code=2)
        params = q.parse_params(param or [])
        if named is not None:
            q.check_params(q.named_query(named), params)  # before loading a big graph
            results = q.run_named(open_source(graph), named, params)
        else:
            text = file.read_text(encoding="utf-8") if file is not None else sparql
            results = q.run_query(open_source(graph), text, params)
        if fmt is ResultFormat.table and hasattr(results, "variables"):
            names, rows = q.rows(results, hide=params)
            table = Table(*names)
            for row in rows:
                table.add_row(*row)
            out.print(table)
        else:
            table_fmt = "csv" if fmt is ResultFormat.table else fmt.value
            sys.stdout.write(q.format_results(results, table_fmt, hide=params))
    except KgraphError as exc:
        raise _fail(exc) from None


@app.command()
def serve(
    source: Annotated[
        Path, typer.Argument(help="A graph file (.ttl, .trig, ...) or a store folder from build.")
    ],
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 127.0.0.1 keeps the server to this machine."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on; 0 takes a free one.")] = 8000,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped.")
    ] = 10.0,
    max_rows: Annotated[
        int,
        typer.Option(
            min=1, help="Most rows (or triples) in one answer; a longer one is cut and says so."
        ),
    ] = 10_000,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service", help="Let queries use SERVICE (this machine fetches other URLs)."
        ),
    ] = False,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-origin",
            help="A web origin (https://host:port) whose pages may query the server; repeatable.",
        ),
    ] = None,
    max_mb: Annotated[
        int, typer.Option(min=1, help="Most MB in one answer; a larger one is refused (503).")
    ] = 50,
    memory_mb: Annotated[
        int,
        typer.Option(
            min=64, help="Most MB a query's process may allocate; past it the answer is 503."
        ),
    ] = 2000,
) -> None:
    """Serve SOURCE: the graph page at / and a read-only SPARQL endpoint at /sparql."""
    from kgraph import server

    try:
        running = server.make_server(
            source,
            host=host,
            port=port,
            timeout=timeout,
            max_rows=max_rows,
            allow_service=allow_service,
            allowed_origins=allow_origin or (),
            max_bytes=max_mb * 1_000_000,
            max_memory=memory_mb * 1_000_000,
        )
    except KgraphError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        err.print(f"Cannot listen on {host}:{port}: {exc}", style="red", markup=False)
        raise typer.Exit(code=1) from None
    out.print(f"Serving {source} at {running.url} (SPARQL: {running.url}sparql)", markup=False)
    err.print("Press Ctrl-C to stop.")
    server.serve(running)


class PushMethod(str, Enum):
    gsp = "gsp"
    update = "update"


@app.command()
def push(
    source: Annotated[
        Path,
        typer.Argument(help="A store folder written by build, or a TriG/N-Quads graph file."),
    ],
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="The server's SPARQL endpoint, e.g. http://localhost:8890/sparql-auth "
            "(Virtuoso). --method update sends to it.",
        ),
    ],
    graph_store: Annotated[
        str | None,
        typer.Option(
            "--graph-store",
            help="The Graph Store Protocol endpoint --method gsp sends to; default: "
            "Virtuoso's beside --endpoint (/sparql-graph-crud-auth).",
        ),
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", help="User name (Digest or Basic auth).")
    ] = None,
    password: Annotated[
        str | None,
        typer.Option("--password", envvar="KGRAPH_PUSH_PASSWORD", help="Password."),
    ] = None,
    batch: Annotated[
        int | None,
        typer.Option(
            "--batch", min=1, help="Triples per request (default 10,000 for gsp, 2,000 for update)."
        ),
    ] = None,
    method: Annotated[
        PushMethod,
        typer.Option(
            "--method",
            help="gsp: PUT each graph, POST further batches; update: DROP + INSERT DATA.",
        ),
    ] = PushMethod.gsp,
    with_ontology: Annotated[
        bool, typer.Option("--with-ontology", help="Also push the ontology and gazetteer.")
    ] = False,
) -> None:
    """Replace SOURCE's named graphs (articles, facts, entities) on a SPARQL 1.1 server."""
    from kgraph import push as remote
    from kgraph.store import open_source

    try:
        store = open_source(source)
        graphs = remote.named_graphs(store) if with_ontology else None
        report = remote.push(
            store,
            endpoint,
            graph_store=graph_store,
            user=user,
            password=password,
            graphs=graphs,
            batch_size=batch,
            method=method.value,
        )
    except KgraphError as exc:
        raise _fail(exc) from None
    out.print(
        f"Pushed {len(report.graphs)} graphs, {report.triples} triples, in {report.requests}"
        f" requests to {report.url} ({report.method}, {report.seconds:.1f} s).",
        markup=False,
    )


@app.command()
def validate(
    graph: Annotated[
        Path,
        typer.Argument(
            help="A graph file (.ttl, .trig, .nt, .nq, .jsonld) or a store folder written by build."
        ),
    ],
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", help="SHACL shapes (Turtle); default: kgraph's shapes.ttl."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Most problems to print; 0 prints them all."),
    ] = 50,
) -> None:
    """Check GRAPH against kgraph's SHACL shapes; exit 1 and list the problems if it fails."""
    from kgraph.validate import validate as check

    try:
        report = check(graph, shapes=shapes)
    except KgraphError as exc:
        raise _fail(exc) from None
    lines = report.lines  # with custom shapes, a valid graph may still have warnings
    shown = lines if limit == 0 else lines[:limit]
    if len(lines) > len(shown):
        shown = [*shown, f"… and {len(lines) - len(shown)} more"]
    checked = f"{report.statements} statements, {report.evidence} pieces of evidence checked"
    if report.conforms:
        summary = f"{graph}: valid ({checked})"
    else:
        summary = f"{graph}: not valid, {len(lines)} problem{'s' * (len(lines) != 1)} ({checked})"
    # No markup: a node or a value could hold [brackets].
    for line in [*shown, summary]:
        out.print(line, markup=False)
    if not report.conforms:
        raise typer.Exit(code=1)


@app.command("eval")
def eval_command(
    inputs: InputsArg,
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Gold statements (*.gold.jsonl), or a folder of NAME.gold.jsonl and "
            "NAME.forbid.jsonl files, each about the article NAME.",
        ),
    ],
    forbid: Annotated[
        Path | None, typer.Option("--forbid", help="Forbidden output (*.forbid.jsonl).")
    ] = None,
    lang: LangOpt = Lang.auto,
    extractor: ExtractorOpt = Extractor.lexicon,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the statements extracted from INPUTS against a gold file."""
    from kgraph import evaluate as ev
    from kgraph.graph.relations import load_relations

    try:
        if gold.is_dir():
            gold_lines, forbidden = ev.read_gold_folder(gold)
        else:
            gold_lines, forbidden = ev.read_gold(gold), []
        forbidden += ev.read_forbidden(forbid) if forbid else []
        corpus = _corpus(inputs, lang, extractor, progress=False)
    except KgraphError as exc:
        raise _fail(exc) from None
    _report_problems(corpus.problems)
    symmetric = frozenset(n for n, r in load_relations().items() if r.symmetric)
    report = ev.evaluate(
        corpus.facts(), gold_lines, forbidden, entities=corpus.entities, symmetric=symmetric
    )
    if as_json:
        out.print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), markup=False)
        return
    table = Table("relation", "gold", "found", "predicted", "correct", "P", "R", "F1")
    for name, s in sorted(report.per_relation.items()):
        table.add_row(
            name,
            str(s.gold),
            str(s.found),
            str(s.predicted),
            str(s.correct),
            f"{s.precision:.2f}",
            f"{s.recall:.2f}",
            f"{s.f1:.2f}",
        )
    table.add_row(
        "[b]all[/b]",
        str(report.gold),
        str(report.found),
        str(report.predicted),
        str(report.correct),
        f"[b]{report.precision:.2f}[/b]",
        f"[b]{report.recall:.2f}[/b]",
        f"[b]{report.f1:.2f}[/b]",
    )
    out.print(table)
    out.print(f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}")
    out.print(f"claims attributed right: {report.claims_right}/{report.claims_total}")
    out.print(f"forbidden hits: {len(report.forbidden_hits)}")
    for rule, fact in report.forbidden_hits:
        out.print(f"  [red]{rule}[/red]: {ev._describe(fact)}")
    for line in report.missed:
        out.print(f"  missed {line.id}: {line.subject[0]} —{line.relation[0]}→ {line.object[0]}")
    for fact in report.false_positives:
        out.print(f"  unexpected: {ev._describe(fact)}")
