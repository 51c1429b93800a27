"""The named queries on a 1M-triple graph: Oxigraph against rdflib's default store.

Run from the repository root (kgraph installed, e.g. ``pip install -e .``)::

    python benchmarks/sparql_store.py                         # 20,000 nodes (~1.18M triples)
    python benchmarks/sparql_store.py --keep /tmp/kg-1m.nt    # write the graph there, reuse it
    python benchmarks/sparql_store.py --repeat 5 --rdflib-timeout 120

The graph is ``benchmarks/html_scale.py``'s ``synthetic_store(--nodes)``: the ontology
and a seeded, build-shaped graph (entities with labels in en/id and aliases, reified
statements with polarity, modality, claimants, 1-3 pieces of evidence each, articles
with dates). It is written once as N-Triples, and every engine loads that file:

- Oxigraph in memory (``Store()``) and on disk (``Store(folder)``), ``bulk_load``;
- rdflib's default store (``Graph()``, the Memory store), ``parse(format="nt")``.

Parameters come from the data: the top actor of ``top-actors`` for actor-profile and
timeline, and it and its most frequent partner for relations-between. Each named query
then runs ``--repeat`` times on each Oxigraph store (the median is shown; the time is
:func:`kgraph.query.run_named` and reading every row, so it includes resolving the
actor's name), and once on rdflib, with the same text (the actor already resolved),
stopped after ``--rdflib-timeout`` seconds. Row counts must agree. The exit status is
1 when a named query takes more than 0.5 s on Oxigraph in memory.
"""

from __future__ import annotations

import argparse
import platform
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from html_scale import synthetic_store

from kgraph import query as q

from provenance import kgraph_source

BUDGET = 0.5  # seconds per named query on Oxigraph


def graph_file(path: Path, nodes: int) -> float:
    """Write the synthetic graph to ``path`` as N-Triples; the seconds it took."""
    start = time.perf_counter()
    store = synthetic_store(nodes)
    store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return time.perf_counter() - start


def load_oxigraph(path: Path, folder: Path | None) -> tuple[ox.Store, float]:
    start = time.perf_counter()
    store = ox.Store(str(folder)) if folder else ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.flush()
    return store, time.perf_counter() - start


def load_rdflib(path: Path) -> tuple[rdflib.Graph, float]:
    start = time.perf_counter()
    graph = rdflib.Graph()  # the default store: Memory
    graph.parse(str(path), format="nt")
    return graph, time.perf_counter() - start


def default_params(store: ox.Store) -> dict[str, dict[str, str]]:
    """The top actor, and the actor it shares most statements with."""
    top = next(iter(q.run_named(store, "top-actors")))["actor"].value
    (actor,) = q.find_actor(store, top)[:1]
    partner_query = f"""
        SELECT ?label (COUNT(*) AS ?n) WHERE {{
          {{ ?s rdf:subject {actor} ; rdf:object ?x }}
          UNION {{ ?s rdf:object {actor} ; rdf:subject ?x }}
          ?x rdfs:label ?label . FILTER (?x != {actor})
        }} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1"""
    partner = next(iter(q.run_query(store, partner_query)))["label"].value
    params = {}
    for name, item in q.named_queries().items():
        values = [top, partner]
        params[name] = {key: values.pop(0) if values else top for key in item.params}
    return params


def time_oxigraph(
    store: ox.Store, name: str, params: dict[str, str], repeat: int
) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(list(q.run_named(store, name, params)))
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def time_rdflib(graph: rdflib.Graph, text: str, timeout: float) -> tuple[float | str, int | None]:
    """Seconds and rows; or why there are none: the query ran out of time (rdflib is pure
    Python, so a SIGALRM stops it between two steps), or rdflib raised an error."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        rows = len(list(graph.query(q.with_prefixes(text))))
    except Timeout:
        return f"> {timeout:.0f} s", None
    except Exception as exc:  # an engine's failure is a result here
        return f"{type(exc).__name__}: {exc}", None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start, rows


def _s(seconds: float, digits: int) -> str:
    return f"{seconds:.{digits}f} s"


def _row(name: str, *cells: object) -> str:
    """One line of the table: right-aligned cells, then the verdict as it is."""
    widths = (13, 14, 14, 10, 6)
    text = f"{name:22}" + "".join(f" {cell!s:>{w}}" for cell, w in zip(cells, widths, strict=False))
    return f"{text}  {cells[-1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--nodes", type=int, default=20_000, help="entities (20,000 ≈ 1.18M triples)"
    )
    parser.add_argument("--keep", type=Path, help="N-Triples file to reuse, or to write and keep")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per query on Oxigraph")
    parser.add_argument(
        "--rdflib-timeout", type=float, default=90.0, help="seconds per rdflib query"
    )
    args = parser.parse_args(argv)

    print(kgraph_source())
    print(
        f"pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}, "
        f"Python {platform.python_version()}, "
        f"{platform.machine()} {platform.processor() or platform.platform()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "graph.nt"
        if path.exists():
            print(f"graph: {path} (reused)")
        else:
            seconds = graph_file(path, args.nodes)
            print(f"graph: {path}, {args.nodes:,} nodes, generated in {seconds:.1f} s")
        memory, memory_load = load_oxigraph(path, None)
        disk, disk_load = load_oxigraph(path, Path(tmp) / "oxigraph")
        print(f"triples: {len(memory):,} ({path.stat().st_size / 1e6:.0f} MB of N-Triples)")
        graph, rdflib_load = load_rdflib(path)
        assert len(graph) == len(memory), (len(graph), len(memory))

        params = default_params(memory)
        print("parameters: " + "; ".join(f"{n} {p}" for n, p in params.items() if p))
        print()
        print(
            _row(
                "", "Oxigraph mem", "Oxigraph disk", "rdflib Memory", "rdflib/Ox", "rows", "≤ 0.5 s"
            )
        )
        ratio = f"{rdflib_load / memory_load:.0f}×"
        print(_row("load", _s(memory_load, 1), _s(disk_load, 1), _s(rdflib_load, 1), ratio, "", ""))
        failed, errors = [], []
        for name, item_params in params.items():
            ox_time, ox_rows = time_oxigraph(memory, name, item_params, args.repeat)
            disk_time, _ = time_oxigraph(disk, name, item_params, args.repeat)
            text, rest = q.prepare_named(memory, name, item_params)
            assert not rest  # every parameter of the named queries is an actor
            rd_time, rd_rows = time_rdflib(graph, text, args.rdflib_timeout)
            ok = ox_time <= BUDGET
            failed += [] if ok else [name]
            timed = not isinstance(rd_time, str)
            rd = _s(rd_time, 2) if timed else rd_time
            if timed:
                ratio_text = f"{rd_time / ox_time:.0f}×"
            elif rd_time.startswith(">"):
                ratio_text = f"> {args.rdflib_timeout / ox_time:.0f}×"
            else:
                rd, ratio_text = rd_time.split(":")[0], "-"
                errors.append(f"{name}: {rd_time}")
            verdict = "yes" if ok else "NO"
            if rd_rows not in (None, ox_rows):
                verdict += f" (rdflib gave {rd_rows} rows)"
            print(_row(name, _s(ox_time, 3), _s(disk_time, 3), rd, ratio_text, ox_rows, verdict))
            sys.stdout.flush()
        del disk
    for error in errors:
        print(f"rdflib failed on {error}")
    if failed:
        print(f"\nover {BUDGET} s on Oxigraph: {', '.join(failed)}")
        return 1
    print(f"\nevery named query ≤ {BUDGET} s on Oxigraph in memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())
