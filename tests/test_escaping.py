"""Untrusted names and sentences come out of every export exactly, and never as code.

A gazetteer entry (added the way a user adds one, in a copy of ontologies/ named by
KGRAPH_ONTOLOGIES) gives actors labels full of quotes, backslashes, line breaks,
markup and spreadsheet formulas; an article names them in sentences just as hostile.
The build's outputs must read back with the exact strings: RDF in every syntax, the
CSV through the csv module (formulas neutralised), GraphML and GEXF through networkx,
and the HTML page with the markup only as escaped JSON data.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kgraph.graph.namespaces import KG
from kgraph.graph.rdf import entity_iri
from kgraph.resources import ontology_dir

from conftest import assert_valid

SCRIPT = "<script>alert(1)</script>"
# rdfs:label is the first English name; the article names the actor by its second one.
LABEL = f'Front "\'\\ \n """ {SCRIPT} & <b>co</b>'
FORMULA = '=HYPERLINK("http://evil.example/","open")'
HOSTILE_ID = 'Hostile Front <#1> "x"'  # an id a user may write: its IRI must still be valid
ENTRIES = [
    {
        "id": HOSTILE_ID,
        "type": "ArmedGroup",
        "sector": "REB",
        "names": {"en": [LABEL, "Hostile Front", SCRIPT], "id": [LABEL, "Front Jahat"]},
    },
    {"id": "Formula_Party", "type": "Organization", "names": {"en": [FORMULA, "Formula Party"]}},
]
ARTICLE = (
    "Militia raid on a border post\n\n"
    "PONTIANAK, March 3, 2025 - Hostile Front attacked Malaysia on Monday, officials said.\n\n"
    'Formula Party condemned Hostile Front for the raid, "a \\ """ crime" & a '
    f"{SCRIPT} trick.\n\n"
    f"=1+2 {SCRIPT} Indonesia condemned Hostile Front.\n"
)
FORMATS = ["ttl", "trig", "jsonld", "nt", "csv", "graphml", "gexf", "html"]
OPTIONS = ["--lang", "en", "--format", ",".join(FORMATS)]
RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
}
RDFLIB_FORMATS = {"graph.ttl": "turtle", "graph.jsonld": "json-ld", "graph.nt": "nt"}
KGNS = rdflib.Namespace(str(KG._NS))
HOSTILE = rdflib.URIRef(entity_iri(HOSTILE_ID).value)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The output folder of `kgraph build` over the hostile article, in every format."""
    work = tmp_path_factory.mktemp("escaping")
    ontologies = work / "ontologies"
    shutil.copytree(ontology_dir(), ontologies)
    lines = "".join(json.dumps(entry) + "\n" for entry in ENTRIES)
    (ontologies / "gazetteer" / "zz-hostile.jsonl").write_text(lines, encoding="utf-8")
    articles = work / "articles"
    articles.mkdir()
    (articles / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    out = work / "out"
    # A process of its own: the pipeline and the gazetteer are cached per process.
    run = subprocess.run(
        [sys.executable, "-m", "kgraph", "build", str(articles), "-o", str(out), *OPTIONS],
        env=dict(os.environ, KGRAPH_ONTOLOGIES=str(ontologies)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def graph(built) -> rdflib.Graph:
    return rdflib.Graph().parse(built / "graph.ttl", format="turtle")


def _sentences(graph: rdflib.Graph) -> set[str]:
    return {str(s) for s in graph.objects(None, KGNS.sentence)}


def test_the_build_found_the_hostile_actors_and_sentences(built, graph):
    assert_valid(built / "graph.ttl")
    assert str(graph.value(HOSTILE, rdflib.RDFS.label)) == LABEL
    subjects = set(graph.objects(None, rdflib.RDF.subject))
    assert HOSTILE in subjects or HOSTILE in set(graph.objects(None, rdflib.RDF.object))
    sentences = _sentences(graph)
    assert any('"a \\ """ crime" & a <script>' in s for s in sentences), sentences
    assert any(s.startswith("=1+2 <script>") for s in sentences), sentences


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_every_rdf_syntax_reads_back_with_the_exact_strings(built, graph, name):
    store = ox.Store()
    store.load(path=str(built / name), format=RDF_FILES[name])
    literals = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert LABEL in literals and FORMULA in literals
    assert _sentences(graph) <= literals
    # the article text, as cut by the evidence offsets, is each sentence exactly
    text = ARTICLE
    for quad in store.quads_for_pattern(None, ox.NamedNode(KGNS.start), None):
        end = next(store.quads_for_pattern(quad.subject, ox.NamedNode(KGNS.end), None))
        sentence = next(store.quads_for_pattern(quad.subject, ox.NamedNode(KGNS.sentence), None))
        assert text[int(quad.object.value) : int(end.object.value)] == sentence.object.value
    if name in RDFLIB_FORMATS:
        other = rdflib.Graph().parse(built / name, format=RDFLIB_FORMATS[name])
        assert str(other.value(HOSTILE, rdflib.RDFS.label)) == LABEL
        assert _sentences(other) == _sentences(graph)
    else:
        dataset = rdflib.Dataset().parse(built / name, format="trig")
        labels = {str(q[2]) for q in dataset.quads((HOSTILE, rdflib.RDFS.label, None, None))}
        assert labels == {LABEL}


def test_csv_cells_read_back_exactly_and_formulas_do_not_run(built, graph):
    text = (built / "statements.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows
    cells = [cell for row in rows for cell in row.values()]
    # No cell starts a formula: a spreadsheet shows each as text.
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    labels = {row["subject_label"] for row in rows} | {row["object_label"] for row in rows}
    assert LABEL in labels  # quotes, a backslash, a line break and markup, exactly
    assert "'" + FORMULA in labels  # a formula, with the quote that keeps it text
    sentences = {row["example_sentence"] for row in rows}
    expected = {"'" + s if s[:1] in "=+-@" else s for s in _sentences(graph)}
    assert sentences <= expected
    assert any(s.startswith("'=1+2 ") for s in sentences)


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf"])
def test_network_files_read_back_with_the_exact_labels(built, name):
    read = nx.read_graphml if name.endswith("graphml") else nx.read_gexf
    network = read(built / name)
    labels = {data.get("label") for _, data in network.nodes(data=True)}
    assert LABEL in labels and FORMULA in labels
    assert str(HOSTILE) in set(network.nodes)


def test_the_page_holds_the_markup_only_as_escaped_json(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>co" not in page
    island = re.search(r'<script id="kgraph-data" type="application/json">(.*?)</script>', page)
    # The data cannot close its element or open another: it holds no "<" at all...
    assert "<" not in island[1]
    # ...and the names are nowhere else in the page (its title is the page's own).
    for start in (m.start() for m in re.finditer(re.escape("alert(1)"), page)):
        assert island.start(1) <= start < island.end(1)
    data = json.loads(island[1])
    node = next(n for n in data["nodes"] if n["id"] == str(HOSTILE))
    assert node["labels"]["en"] == LABEL
    evidence = [item["sentence"] for edge in data["edges"] for item in edge["evidence"]]
    assert any(SCRIPT in sentence for sentence in evidence)


def test_control_characters_from_an_article_do_not_break_the_xml_exports(tmp_path):
    """GraphML and GEXF are XML, which has no way to write most control characters."""
    from kgraph.build import extract_corpus, write_outputs
    from kgraph.model import Article

    # The phrase after "rejected" becomes a Thing whose label holds the \x01.
    text = "Indonesia rejected the deal\x01 \x0b.\n"
    corpus = extract_corpus([Article(id="a", text=text, language="en")])
    labels = {s.object.label for s in corpus.statements}
    assert any("\x01" in label for label in labels), labels
    write_outputs(corpus, tmp_path, ["graphml", "gexf", "ttl", "csv"])
    for network in (
        nx.read_graphml(tmp_path / "graph.graphml"),
        nx.read_gexf(tmp_path / "graph.gexf"),
    ):
        shown = {data["label"] for _, data in network.nodes(data=True)}
        assert {
            label.replace("\x01", "\ufffd").replace("\x0b", "\ufffd") for label in labels
        } <= shown
    # The other formats keep the characters as they are.
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert labels <= {str(o) for o in graph.objects(None, rdflib.RDFS.label)}
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "statements.csv").read_text("utf-8-sig"), newline="")
        )
    )
    assert labels <= {row["object_label"] for row in rows}
