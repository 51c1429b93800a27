"""kgraph validate: the SHACL shapes (ontologies/shapes.ttl) on built and hand-broken graphs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.model import ENTITY_TYPES, MODALITIES, POLARITIES
from kgraph.store import ENTITIES_GRAPH
from kgraph.validate import SH, load_shapes, shapes_path, validate

from conftest import EXAMPLES

runner = CliRunner()
KG = "https://w3id.org/kgraph/ontology#"
RES = "https://w3id.org/kgraph/resource/"
VALID = re.compile(r": valid \((\d+) statements, (\d+) pieces of evidence checked\)")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The examples built into OUT, in every RDF format build writes; the store is OUT/store."""
    out = tmp_path_factory.mktemp("built")
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(out), "-f", "trig,jsonld,nt"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def lines(built: Path) -> list[str]:
    """The built graph as N-Triples lines, to break by hand."""
    return (built / "graph.nt").read_text(encoding="utf-8").splitlines()


def statement_with_one_evidence(lines: list[str]) -> tuple[str, str]:
    """A statement IRI and its only evidence IRI."""
    links: dict[str, list[str]] = {}
    for line in lines:
        s, p, o = line.split(" ", 2)
        if p == f"<{KG}evidence>":
            links.setdefault(s, []).append(o.removesuffix(" ."))
    return next((s, evs[0]) for s, evs in sorted(links.items()) if len(evs) == 1)


def short(iri: str) -> str:
    """<https://w3id.org/kgraph/resource/stmt/1a2b> → stmt:1a2b, as the report writes it."""
    iri = iri.strip("<>")
    for prefix in ("stmt", "ev"):
        if iri.startswith(f"{RES}{prefix}/"):
            return f"{prefix}:{iri.removeprefix(f'{RES}{prefix}/')}"
    return "kgr:" + iri.removeprefix(RES)


def run_on(lines: list[str], path: Path) -> tuple[int, str]:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    return result.exit_code, result.stdout


# ---------------------------------------------------------------- what build writes


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.jsonld", "graph.nt", "store"])
def test_every_graph_build_writes_is_valid(built: Path, name: str):
    result = runner.invoke(app, ["validate", str(built / name)])
    assert result.exit_code == 0, result.output
    found = VALID.search(result.stdout)
    assert found, result.stdout
    statements, evidence = int(found[1]), int(found[2])
    assert statements >= 20 and evidence >= statements
    # The counts are of the graph's kg:Statement and kg:Evidence nodes, whatever the format.
    graph = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    assert statements == len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(KG + "Statement"))))
    assert evidence == len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(KG + "Evidence"))))


def test_the_shapes_speak_the_models_values():
    """The value lists in shapes.ttl are kgraph/model.py's: a new modality needs both."""
    shapes = load_shapes()

    def listed(path: str) -> set[frozenset[str]]:
        found = set()
        for prop in shapes.subjects(SH.path, rdflib.URIRef(path)):
            for members in shapes.objects(prop, SH["in"]):
                found.add(frozenset(str(v) for v in Collection(shapes, members)))
        return found

    assert listed(KG + "polarity") == {frozenset(POLARITIES)}
    assert listed(KG + "modality") == {frozenset(MODALITIES)}  # statements and evidence
    types = listed("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert types == {frozenset(KG + t for t in ENTITY_TYPES)}


# pySHACL reads SHACL's own shapes into an rdflib Dataset the old way (rdflib 7.6 warns).
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_the_shapes_are_well_formed_shacl():
    import pyshacl

    # meta_shacl: pySHACL first checks the shapes graph against SHACL's own shapes.
    conforms, _, text = pyshacl.validate(
        rdflib.Graph(), shacl_graph=str(shapes_path()), meta_shacl=True, inference="none"
    )
    assert conforms, text


# ---------------------------------------------------------------- hand-broken graphs


def test_a_statement_without_evidence_fails(lines, tmp_path):
    statement, evidence = statement_with_one_evidence(lines)
    broken = [x for x in lines if not x.startswith(f"{statement} <{KG}evidence> ")]
    code, output = run_on(broken, tmp_path / "graph.nt")
    assert code == 1
    assert (
        f"{short(statement)} kg:evidence: a statement needs at least one piece of evidence"
        in output
    )
    # The evidence it had now supports nothing.
    assert f"{short(evidence)} ^kg:evidence: evidence must support a statement" in output
    assert "not valid, 2 problems" in output


def test_a_polarity_that_is_not_positive_or_negative_fails(lines, tmp_path):
    statement, _ = statement_with_one_evidence(lines)
    polarity = f"{statement} <{KG}polarity> "
    broken = [f'{polarity}"maybe" .' if x.startswith(polarity) else x for x in lines]
    code, output = run_on(broken, tmp_path / "graph.nt")
    assert code == 1
    assert f"{short(statement)} kg:polarity: a statement needs exactly one polarity" in output
    assert '(found "maybe")' in output


def test_an_actor_without_a_label_fails(lines, tmp_path):
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    broken = [x for x in lines if not x.startswith(f"<{RES}RUS> {label} ")]
    code, output = run_on(broken, tmp_path / "graph.nt")
    assert code == 1
    assert "kgr:RUS rdfs:label: an entity needs exactly one label" in output
    assert "not valid, 1 problem " in output


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        ('"twelve"', '"twelve"'),
        ('"12"', '"12"'),
        ('"1.5e3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1.5e3"^^xsd:integer'),
    ],
)
def test_an_evidence_offset_that_is_not_an_integer_fails(lines, tmp_path, start, shown):
    _, evidence = statement_with_one_evidence(lines)
    prefix = f"{evidence} <{KG}start> "
    broken = [f"{prefix}{start} ." if x.startswith(prefix) else x for x in lines]
    code, output = run_on(broken, tmp_path / "graph.nt")
    assert code == 1
    assert f"{short(evidence)} kg:start: evidence needs exactly one start offset" in output
    assert f"(found {shown})" in output


def test_an_evidence_that_ends_before_it_starts_fails(lines, tmp_path):
    _, evidence = statement_with_one_evidence(lines)
    prefix = f"{evidence} <{KG}start> "
    big = '"999999"^^<http://www.w3.org/2001/XMLSchema#integer>'
    broken = [f"{prefix}{big} ." if x.startswith(prefix) else x for x in lines]
    code, output = run_on(broken, tmp_path / "graph.nt")
    assert code == 1
    assert f"{short(evidence)} kg:start: the start offset (kg:start) must be before" in output
    assert "(found 999999)" in output


def test_a_broken_store_fails_too(built: Path, tmp_path):
    """A store is checked as the union of its graphs: entities, facts and articles."""
    store_folder = tmp_path / "store"
    shutil.copytree(built / "store", store_folder)
    store = ox.Store(str(store_folder / "oxigraph"))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for quad in list(
        store.quads_for_pattern(ox.NamedNode(RES + "RUS"), label, None, ENTITIES_GRAPH)
    ):
        store.remove(quad)
    store.flush()
    del store  # Oxigraph holds a lock on the folder while the store is open
    result = runner.invoke(app, ["validate", str(store_folder)])
    assert result.exit_code == 1
    assert "kgr:RUS rdfs:label: an entity needs exactly one label" in result.stdout


def test_many_problems_are_capped(lines, tmp_path):
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    broken = [x for x in lines if f" {label} " not in x]  # every entity loses its label
    path = tmp_path / "graph.nt"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--limit", "5"])
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    total = int(re.search(r"not valid, (\d+) problems", out[-1])[1])
    assert total > 5
    assert len(out) == 7 and out[5] == f"… and {total - 5} more"
    report = validate(path)
    assert len(report.problems) == total
    assert {p.path for p in report.problems} == {"rdfs:label"}


def test_missing_graph_and_bad_shapes_are_clear_errors(built: Path, tmp_path):
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 1 and "[E022]" in missing.stderr
    folder = runner.invoke(app, ["validate", str(tmp_path)])
    assert folder.exit_code == 1 and "not a kgraph store" in folder.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("kg: nonsense", encoding="utf-8")
    broken = runner.invoke(app, ["validate", str(built / "graph.ttl"), "--shapes", str(bad)])
    assert broken.exit_code == 1 and "[E070]" in broken.stderr and "line 1" in broken.stderr
    # A graph without shapes in it would pass everything: refused rather than "valid".
    empty = runner.invoke(
        app, ["validate", str(built / "graph.ttl"), "--shapes", str(built / "graph.ttl")]
    )
    assert empty.exit_code == 1 and "[E071]" in empty.stderr
