"""How big a graph can kgraph's HTML page take? Generation time, page size, drawing time.

Run from the repository root (kgraph installed, e.g. ``pip install -e .``; needs
Debian's chromium and chromedriver, as the browser tests do)::

    python benchmarks/html_scale.py                          # 500, 5,000 and 20,000 nodes, 1 round
    python benchmarks/html_scale.py --sizes 500,5000 --repeat 3
    python benchmarks/html_scale.py --keep /tmp/pages --screenshot /tmp/shots

For each size the script builds a synthetic Oxigraph store shaped like a real
build's (``kgraph build`` then ``graph.ttl``): the ontology ``ontologies/kgraph.ttl``
(so relations carry kg:symmetric, kg:plover, kg:cameo), entities typed kg:Country,
kg:Person, kg:Organization, kg:ArmedGroup, kg:Group, kg:Location or kg:Thing with
rdfs:label, skos:prefLabel in @en and @id, skos:altLabel, kg:country and kg:sector;
reified statements (``a kg:Statement, rdf:Statement``, rdf:subject / rdf:predicate /
rdf:object, kg:polarity, kg:modality, kg:confidence, sometimes kg:claimedBy or
kg:disputedBy, and the direct triple when positive and factual) with 1 to 3
kg:Evidence each (sentence, trigger, offsets, article, sometimes kg:eventDate); and
articles. Every relation of the ontology is used. The graph grows by preferential
attachment (a few hubs, many leaves), about 1.5 statements per node; names are made
up, and everything is drawn from a seeded generator, so a size always gives the
same store.

Then ``--repeat`` times: ``kgraph.export.html.write_html(store, path)`` is timed (all
of it: SPARQL reads, layout, rendering, writing), and the page is opened in headless
Chromium, which reports ``window.kgraphTimings`` (ms since navigation start: the
first drawing, and ``ready``, when the physics has settled or at once when there is
none). Medians are reported. Targets (exit status 1 when one is missed):

- 500 nodes: ready in <= 3 s;
- 20,000 nodes: page generated in <= 10 s and first drawn in <= 15 s.
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/browser.py

from kgraph.export.html import write_html  # noqa: E402
from tests.browser import chromium_driver  # noqa: E402

from provenance import kgraph_source  # noqa: E402

KG = "https://w3id.org/kgraph/ontology#"
KGR = "https://w3id.org/kgraph/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Entity types and their shares, roughly those of a real build (Things are objects
#: such as "claim" or "immediate humanitarian ceasefire").
TYPE_SHARES = {
    "Person": 0.34,
    "Organization": 0.14,
    "Thing": 0.22,
    "Location": 0.12,
    "Group": 0.08,
    "ArmedGroup": 0.04,
    "Country": 0.06,
}
SECTORS = ("GOV", "MIL", "IGO", "NGO", "BUS", "MED", "REL", "JUD")
MODALITY_SHARES = {
    "asserted": 0.6,
    "reported": 0.2,
    "alleged": 0.08,
    "intended": 0.08,
    "hypothetical": 0.04,
}
FACTUAL_MODALITIES = frozenset({"asserted", "reported", "alleged"})
STATEMENTS_PER_NODE = 1.5
ARTICLES_PER_NODE = 0.1
SYLLABLES = tuple(
    [
        "ka",
        "ri",
        "to",
        "na",
        "se",
        "mu",
        "lo",
        "ve",
        "di",
        "an",
        "ba",
        "su",
        "ra",
        "ko",
        "mi",
        "te",
        "ya",
        "go",
        "ha",
        "el",
        "pa",
        "ni",
        "ur",
        "sa",
        "lu",
        "de",
        "fi",
        "jo",
        "wa",
    ]
)

#: Seconds: (nodes, what, limit). ``ready`` for the small page, first drawing for the big one.
TARGETS = (
    (500, "ready", 3.0),
    (20_000, "generation", 10.0),
    (20_000, "first drawing", 15.0),
)


# --------------------------------------------------------------------------- the store


def _name(rng, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.integers(2, 4))).capitalize()
        for _ in range(words)
    )


def _sentence(rng, subject: str, trigger: str, obj: str) -> str:
    filler = " ".join(rng.choice(SYLLABLES) for _ in range(rng.integers(8, 25)))
    return f"{subject} {trigger} {obj}, {filler}."


def _preferential_pairs(rng, count: int) -> list[tuple[int, int]]:
    """Statement ends: a preferential-attachment tree (every node joins) plus extra edges.

    Each new node links to an end of an earlier edge, i.e. to a node picked with
    probability proportional to its degree; the extra edges, to make about
    STATEMENTS_PER_NODE per node, join two degree-weighted nodes too.
    """
    ends = [0, 1]
    pairs = [(1, 0)]
    for node in range(2, count):
        other = ends[rng.integers(len(ends))]
        pairs.append((node, other) if rng.random() < 0.5 else (other, node))
        ends += [node, other]
    for _ in range(int(count * (STATEMENTS_PER_NODE - 1))):
        a, b = ends[rng.integers(len(ends))], ends[rng.integers(len(ends))]
        if a != b:
            pairs.append((a, b))
    return pairs


def _relations(store: ox.Store) -> list[str]:
    query = f"SELECT ?r WHERE {{ ?r a <{KG}Relation> }} ORDER BY ?r"
    return [row["r"].value for row in store.query(query)]


def synthetic_store(count: int, *, seed: int = 0) -> ox.Store:
    """The ontology plus a graph of ``count`` entities in statements, as a build writes it."""
    import numpy as np

    rng = np.random.default_rng(seed)
    store = ox.Store()
    store.load(path=str(ROOT / "ontologies" / "kgraph.ttl"), format=ox.RdfFormat.TURTLE)
    relations = _relations(store)

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def text(value: str, lang: str | None = None) -> ox.Literal:
        return ox.Literal(value, language=lang) if lang else ox.Literal(value)

    def typed(value: object, datatype: str) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(XSD + datatype))

    a = iri(RDF + "type")
    triples: list[tuple] = []
    add = triples.append

    type_names = list(TYPE_SHARES)
    types = rng.choice(type_names, size=count, p=list(TYPE_SHARES.values()))
    country_codes = ["".join(rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 3)) for _ in range(200)]
    entities: list[ox.NamedNode] = []
    labels: list[str] = []
    for i, type_name in enumerate(types):
        if type_name == "Thing":
            label = " ".join(rng.choice(SYLLABLES) * 2 for _ in range(rng.integers(1, 4)))
            node = iri(f"{KGR}thing/{label.replace(' ', '-')}-{i}")
        else:
            label = _name(rng, 2 if type_name == "Person" else int(rng.integers(1, 4)))
            node = iri(f"{KGR}{label.replace(' ', '_')}_{i}")
        entities.append(node)
        labels.append(label)
        add((node, a, iri(KG + type_name)))
        lang = "en" if type_name != "Thing" or rng.random() < 0.5 else "id"
        add((node, iri(RDFS + "label"), text(label, lang)))
        add((node, iri(SKOS + "prefLabel"), text(label, lang)))
        if type_name != "Thing":
            add((node, iri(SKOS + "prefLabel"), text(label, "id" if lang == "en" else "en")))
            if rng.random() < 0.4:
                add((node, iri(SKOS + "altLabel"), text(_name(rng, 2), "en")))
            if rng.random() < 0.2:
                add((node, iri(SKOS + "altLabel"), text(_name(rng, 2), "id")))
            code = country_codes[rng.integers(len(country_codes))]
            if type_name == "Country" or rng.random() < 0.7:
                add((node, iri(KG + "country"), text(code)))
            if type_name not in ("Country", "Location"):
                add((node, iri(KG + "sector"), text(str(rng.choice(SECTORS)))))

    articles = []
    for i in range(max(1, int(count * ARTICLES_PER_NODE))):
        lang = "en" if i % 2 else "id"
        node = iri(f"{KGR}article/{lang}-{i:05d}-{_name(rng, 1).lower()}")
        articles.append(node)
        add((node, a, iri(KG + "Article")))
        add((node, a, iri(PROV + "Entity")))
        add((node, iri(DCT + "title"), text(_name(rng, 8))))
        add((node, iri(DCT + "date"), typed(f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "date")))
        add((node, iri(DCT + "language"), text(lang)))
        add((node, iri(KG + "file"), text(f"articles/{lang}-{i:05d}.txt")))

    modalities = list(MODALITY_SHARES)
    pairs = _preferential_pairs(rng, count)
    # Every relation at least once, then a random one per statement.
    chosen = relations + [relations[j] for j in rng.integers(len(relations), size=len(pairs))]
    for n, ((s, o), relation) in enumerate(zip(pairs, chosen, strict=False)):
        stmt = iri(f"{KGR}stmt/{n:016x}")
        subject, obj, predicate = entities[s], entities[o], iri(relation)
        polarity = "negative" if rng.random() < 0.1 else "positive"
        modality = str(rng.choice(modalities, p=list(MODALITY_SHARES.values())))
        confidence = f"{rng.choice([0.6, 0.7, 0.8, 0.9]):.2f}"
        add((stmt, a, iri(KG + "Statement")))
        add((stmt, a, iri(RDF + "Statement")))
        add((stmt, iri(RDF + "subject"), subject))
        add((stmt, iri(RDF + "predicate"), predicate))
        add((stmt, iri(RDF + "object"), obj))
        add((stmt, iri(KG + "polarity"), text(polarity)))
        add((stmt, iri(KG + "modality"), text(modality)))
        add((stmt, iri(KG + "confidence"), typed(confidence, "decimal")))
        if rng.random() < 0.1:
            add((stmt, iri(KG + "claimedBy"), entities[pairs[rng.integers(n + 1)][0]]))
        if rng.random() < 0.02:
            add((stmt, iri(KG + "disputedBy"), entities[pairs[rng.integers(n + 1)][1]]))
        if polarity == "positive" and modality in FACTUAL_MODALITIES:
            add((subject, predicate, obj))
        trigger = relation.rsplit("#", 1)[-1].lower()
        for e in range(int(rng.integers(1, 4))):
            ev = iri(f"{KGR}ev/{n:012x}{e:04x}")
            article = articles[rng.integers(len(articles))]
            start = int(rng.integers(0, 4000))
            sentence = _sentence(rng, labels[s], trigger, labels[o])
            add((stmt, iri(KG + "evidence"), ev))
            add((ev, a, iri(KG + "Evidence")))
            add((ev, a, iri(PROV + "Entity")))
            add((ev, iri(PROV + "wasDerivedFrom"), article))
            add((ev, iri(KG + "article"), article))
            add((ev, iri(KG + "confidence"), typed(confidence, "decimal")))
            add((ev, iri(KG + "modality"), text(modality)))
            add((ev, iri(KG + "sentence"), text(sentence)))
            add((ev, iri(KG + "sentenceIndex"), typed(int(rng.integers(0, 30)), "integer")))
            add((ev, iri(KG + "start"), typed(start, "integer")))
            add((ev, iri(KG + "end"), typed(start + len(sentence), "integer")))
            add((ev, iri(KG + "trigger"), text(trigger)))
            add((ev, iri(KG + "rule"), text(f"lexicon:en.tsv:{n % 300} V/active")))
            if rng.random() < 0.2:
                add((ev, iri(KG + "eventDate"), typed(f"2024-{n % 12 + 1:02d}-15", "date")))
    store.bulk_extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples)
    return store


# --------------------------------------------------------------------------- measuring


_TIMINGS = "var t = window.kgraphTimings; return t && t.ready !== null ? t : null;"


@dataclass
class Result:
    size: int
    nodes: int = 0
    edges: int = 0
    triples: int = 0
    megabytes: float = 0.0
    generation: list[float] = field(default_factory=list)
    first_drawing: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)

    def value(self, what: str) -> float:
        runs = {
            "generation": self.generation,
            "first drawing": self.first_drawing,
            "ready": self.ready,
        }[what]
        return statistics.median(runs) if runs else math.nan


def page_timings(driver, path: Path, *, timeout: float) -> dict:
    """``window.kgraphTimings`` of ``path`` once the page is ready, in ms."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(path.resolve().as_uri())
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script(_TIMINGS)
    )


def measure(
    size: int, repeat: int, folder: Path, driver, *, screenshots: Path | None, timeout: float
) -> Result:
    start = time.perf_counter()
    store = synthetic_store(size)
    result = Result(size=size, triples=len(store))
    print(
        f"{size:,} nodes: store of {len(store):,} triples in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    path = folder / f"graph-{size}.html"
    for round_ in range(repeat):
        start = time.perf_counter()
        write_html(store, path, title=f"kgraph: {size:,} nodes")
        result.generation.append(time.perf_counter() - start)
        timings = page_timings(driver, path, timeout=timeout)
        result.first_drawing.append(timings["firstDrawing"] / 1000)
        # With physics the page marks itself ready when stabilization ends, which comes
        # before the first drawing: usable means both done.
        result.ready.append(max(timings["ready"], timings["firstDrawing"]) / 1000)
        print(
            f"  round {round_ + 1}: generation {result.generation[-1]:.2f} s, "
            f"first drawing {result.first_drawing[-1]:.2f} s, "
            f"ready {result.ready[-1]:.2f} s",
            flush=True,
        )
    counts = driver.execute_script(
        "var b = window.network.body;return [b.nodeIndices.length, b.edgeIndices.length];"
    )
    result.nodes, result.edges = int(counts[0]), int(counts[1])
    result.megabytes = path.stat().st_size / 1e6
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(screenshots / f"graph-{size}.png"))
    return result


def verdicts(results: list[Result]) -> list[tuple[str, bool]]:
    """One line per target whose size was measured: what it says, and whether it holds."""
    by_size = {r.size: r for r in results}
    found = []
    for size, what, limit in TARGETS:
        if size in by_size:
            value = by_size[size].value(what)
            found.append((f"{size:,} nodes: {what} {value:.2f} s <= {limit:g} s", value <= limit))
    return found


def report(results: list[Result]) -> None:
    targets = {(size, what): limit for size, what, limit in TARGETS}

    def cell(result: Result, what: str) -> str:
        value = result.value(what)
        limit = targets.get((result.size, what))
        mark = "" if limit is None else (" ok" if value <= limit else " MISSED")
        return f"{value:.2f}{mark}"

    print()
    print("| nodes | edges | triples | generation s | page MB | first drawing s | ready s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.nodes:,} | {r.edges:,} | {r.triples:,} | {cell(r, 'generation')} "
            f"| {r.megabytes:.1f} | {cell(r, 'first drawing')} | {cell(r, 'ready')} |"
        )
    print()
    for text, holds in verdicts(results):
        print(f"{'ok    ' if holds else 'MISSED'} {text}")


# --------------------------------------------------------------------------- environment


def environment(driver) -> str:
    import numpy

    browser = driver.capabilities.get("browserVersion", "unknown")
    return (
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}, "
        f"numpy {numpy.__version__}, Chromium {browser} (headless), "
        f"{platform.system()} {platform.machine()}\n"
        f"{kgraph_source()}\n"
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,5000,20000", help="node counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median is reported")
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of each page in this folder")
    parser.add_argument(
        "--timeout", type=float, default=180, help="seconds to wait for a page to be ready"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 500,5000,20000")
    if args.repeat < 1 or not sizes or min(sizes) < 2:
        parser.error("--repeat must be >= 1 and every size >= 2")

    driver = chromium_driver()
    try:
        driver.set_page_load_timeout(args.timeout)
        print(environment(driver), flush=True)
        with tempfile.TemporaryDirectory(prefix="kgraph-html-") as tmp:
            folder = args.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            results = [
                measure(
                    size,
                    args.repeat,
                    folder,
                    driver,
                    screenshots=args.screenshot,
                    timeout=args.timeout,
                )
                for size in sizes
            ]
    finally:
        driver.quit()
    report(results)
    return 0 if all(holds for _, holds in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
