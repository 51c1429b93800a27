"""The HTML export: the vis-network view of a graph, and the page in a real browser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph
import pytest

from kgraph.export.html import LAYOUT_THRESHOLD, page_data, write_html
from kgraph.export.view import (
    CONFLICT_COLOR,
    DASHES,
    DISPUTED_COLOR,
    GROUP_COLORS,
    NEGATIVE_COLOR,
    NEGATIVE_DASHES,
    NEUTRAL_COLOR,
    graph_view,
    scale_color,
)

DATA = Path(__file__).parent / "data"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output" / "test-screenshots"
KGR = "https://w3id.org/kgraph/resource/"
HOSTILE_LABELS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "</script><script>document.title='pwned';alert(3)</script>",
)


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=DATA / "small_graph.ttl", format=pyoxigraph.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def view(store):
    nodes, edges, articles = graph_view(store)
    return {n["id"]: n for n in nodes}, {e["id"]: e for e in edges}, articles


@pytest.fixture(scope="module")
def page(store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "small_graph.html"
    write_html(store, path, title="Small graph")
    return path


def edge(edges: dict, number: int) -> dict:
    return edges[f"{KGR}stmt/{number:016d}"]


# ---------------------------------------------------------------- graph_view


def test_one_node_per_entity_in_a_statement_and_one_edge_per_statement(view):
    nodes, edges, _ = view
    assert len(nodes) == 10
    assert len(edges) == 9
    assert f"{KGR}Unused_Org" not in nodes  # typed and labelled, but in no statement
    ends = {e["from"] for e in edges.values()} | {e["to"] for e in edges.values()}
    assert ends == set(nodes)


def test_node_labels_in_both_languages_groups_aliases_and_tooltips(view):
    nodes, _, _ = view
    asean = nodes[f"{KGR}ASEAN"]
    # rdfs:label@en before the longer skos:prefLabel
    assert asean["labels"] == {"en": "ASEAN", "id": "Perhimpunan Bangsa-Bangsa Asia Tenggara"}
    assert asean["aliases"] == ["Association of Southeast Asian Nations"]
    assert (asean["group"], asean["type"]) == ("Organization", "IntergovernmentalOrganization")
    assert nodes[f"{KGR}Front_Pembebasan"]["group"] == "Organization"  # an ArmedGroup
    assert "Negeri Kanguru" in nodes[f"{KGR}AUS"]["aliases"]
    person = nodes[f"{KGR}Sari_Wulandari"]
    assert person["labels"] == {"en": "Sari Wulandari", "id": "Sari Wulandari"}  # the fallback
    assert (person["group"], person["country"], person["sector"]) == ("Person", "IDN", "GOV")
    assert person["color"] == GROUP_COLORS["Person"]
    assert person["title"] == "Sari Wulandari (Person)"
    assert nodes[f"{KGR}thing/latihan-maritim-bersama"]["group"] == "Thing"
    assert nodes[f"{KGR}Laut_Arafura"]["group"] == "Location"
    assert {n["group"] for n in nodes.values()} <= set(GROUP_COLORS)
    assert nodes[f"{KGR}IDN"]["size"] > nodes[f"{KGR}Laut_Arafura"]["size"]  # 4 statements vs 1


def test_symmetric_edges_have_no_arrow_and_labels_come_from_the_ontology(view):
    _, edges, _ = view
    meets = edge(edges, 1)
    assert (meets["relation"], meets["arrows"]) == ("meetsWith", "")
    assert meets["labels"] == {"en": "meets with", "id": "bertemu dengan"}
    assert edge(edges, 3)["arrows"] == ""  # cooperatesMilitarilyWith is symmetric too
    assert edge(edges, 4)["arrows"] == "to"  # visits is not


def test_edge_colour_runs_from_conflict_to_cooperation():
    assert scale_color(-10) == CONFLICT_COLOR and scale_color(None) == NEUTRAL_COLOR
    red = [int(scale_color(score)[1:3], 16) for score in (-10, -7, -2, 0)]
    blue = [int(scale_color(score)[5:7], 16) for score in (0, 2, 7, 10)]
    assert red == sorted(red, reverse=True) and blue == sorted(blue)
    assert scale_color(-0.4) != NEUTRAL_COLOR  # even a weak score shows its side


def test_negative_and_disputed_edges_look_different(view):
    _, edges, _ = view
    negative = edge(edges, 2)  # Australia did not supply weapons
    assert (negative["color"], negative["dashes"]) == (NEGATIVE_COLOR, NEGATIVE_DASHES)
    assert negative["labels"]["en"] == "not supplies weapons to"
    assert negative["labels"]["id"].startswith("tidak ")
    disputed = edge(edges, 3)
    assert disputed["disputedBy"] == [f"{KGR}AUS"] and disputed["claimedBy"] == [
        f"{KGR}Sari_Wulandari"
    ]
    assert disputed["font"] == {"color": DISPUTED_COLOR}
    assert disputed["labels"]["en"].endswith("(disputed)")
    assert "font" not in edge(edges, 1)
    assert edge(edges, 8)["color"] == scale_color(-2.0)  # condemns: CAMEO 111
    assert edge(edges, 1)["color"] == scale_color(1.0)  # meets with: CAMEO 04


def test_only_asserted_edges_are_solid(view):
    _, edges, _ = view
    for number in (3, 5, 7, 9):  # reported, intended, alleged, hypothetical
        assert edge(edges, number)["dashes"] == DASHES
    assert edge(edges, 1)["dashes"] is False  # asserted


def test_edge_carries_its_evidence_with_article_and_dates(view):
    _, edges, articles = view
    assert set(articles) == {f"{KGR}article/001_test", f"{KGR}article/002_test"}
    meets = edge(edges, 1)
    assert meets["count"] == 2
    assert edge(edges, 1)["width"] > edge(edges, 4)["width"] > edge(edges, 8)["width"]
    first, second = meets["evidence"]  # best confidence first
    assert first["sentence"] == "Indonesia bertemu Australia di Darwin pada hari Senin."
    assert (first["trigger"], second["trigger"]) == ("bertemu", "met")
    assert articles[first["article"]] == {
        "title": "Latihan bersama di Laut Arafura",
        "date": "2024-12-02",
        "file": "articles/001_test.txt",
    }
    assert meets["dates"] == ["2024-12-02", "2025-03-04"]
    assert edge(edges, 3)["dates"] == ["2024-11-28"]  # the event's own date wins
    assert edge(edges, 4)["dates"] == ["2024-12-02"]  # an event day without its year: the article's
    assert edge(edges, 8)["evidence"] == [] and edge(edges, 8)["dates"] == []


def test_parallel_edges_bend_apart(view):
    _, edges, _ = view
    assert "smooth" not in edge(edges, 1)  # Indonesia meetsWith Australia: the default line
    assert edge(edges, 3)["smooth"]["type"].startswith("curved")  # a second edge, same pair
    assert "smooth" not in edge(edges, 4)


def test_empty_store_gives_an_empty_view():
    assert graph_view(pyoxigraph.Store()) == ([], [], {})


# ---------------------------------------------------------------- the page as text


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href"):
                self.links.append((tag, name, value or ""))


def test_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    parser = _Attributes()
    parser.feed(html)
    assert not [link for link in parser.links if "http://" in link[2] or "https://" in link[2]]
    assert not [link for link in parser.links if link[1] == "src"]  # everything is inline
    assert "fonts.googleapis" not in html
    assert '<meta charset="utf-8">' in html
    assert "window.network = network" in html
    assert 'type="application/json"' in html  # the data is JSON, never script


def test_page_escapes_hostile_labels(page):
    html = page.read_text(encoding="utf-8")
    for label in HOSTILE_LABELS:
        assert label not in html
    assert "<script>alert(" not in html
    parser = _Attributes()
    parser.feed(html)
    assert "img" not in parser.tags
    # Three script elements: vis-network, the data (JSON, not run) and the page's set-up.
    assert parser.tags.count("script") == 3
    assert "<b onmouseover" not in html


def test_page_data_lists_what_the_filters_offer(store):
    data = page_data(store)
    assert [r["name"] for r in data["relations"]][:3] == [
        "attacks",
        "condemns",
        "cooperatesMilitarilyWith",
    ]
    assert data["plover"] == sorted({r["plover"] for r in data["relations"] if r["plover"]})
    meets = next(r for r in data["relations"] if r["name"] == "meetsWith")
    assert (meets["plover"], meets["goldstein"]) == ("CONSULT", 1.0)
    cited = [a["iri"] for a in data["articles"]]
    assert all(cited[item["article"]] for e in data["edges"] for item in e["evidence"])
    assert data["modalities"] == ["alleged", "asserted", "hypothetical", "intended", "reported"]
    assert data["countries"] == ["AUS", "IDN"]
    assert "Person" in data["groups"]


def test_page_header_counts_and_legend(page):
    html = page.read_text(encoding="utf-8")
    assert '<span id="node-count">10</span> of 10 nodes' in html
    assert '<span id="edge-count">9</span> of 9 edges' in html
    for group, color in GROUP_COLORS.items():
        assert f'background: {color}"></span>{group}</li>' in html


def test_big_graph_has_positions_and_no_physics(tmp_path):
    store = pyoxigraph.Store()
    lines = ["@prefix kg: <https://w3id.org/kgraph/ontology#> ."]
    lines.append("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .")
    for i in range(LAYOUT_THRESHOLD // 2 + 1):
        lines.append(
            f"<urn:s{i}> a kg:Statement ; rdf:subject <urn:a{i}> ; "
            f"rdf:predicate kg:supports ; rdf:object <urn:b{i}> ."
        )
    store.load("\n".join(lines), format=pyoxigraph.RdfFormat.TURTLE)
    path = tmp_path / "big.html"
    write_html(store, path)
    html = path.read_text(encoding="utf-8")
    assert '"physics": {"enabled": false}' in html
    assert '"x": ' in html and '"y": ' in html


# ---------------------------------------------------------------- the page in Chromium


@pytest.mark.browser
def test_page_draws_in_chromium_without_errors_requests_or_alerts(browser, page):
    from browser import inspect_page

    report = inspect_page(browser, page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "small_graph.png"))
    assert report.nodes_drawn == 10
    assert report.edges_drawn == 9
    assert report.console_errors == []
    assert report.external_requests == []
    assert report.alerts == []
    assert report.title == "Small graph"  # the breakout label would have set it to 'pwned'
    labels = browser.execute_script("return window.nodes.get().map(n => n.label)")
    for label in HOSTILE_LABELS:
        assert label in labels  # shown as text, not run


@pytest.mark.browser
def test_inspect_page_sees_what_a_bad_page_does(browser, tmp_path):
    """The checks above can fail: a page that alerts, errs and fetches is caught."""
    from browser import inspect_page

    vis = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><meta charset='utf-8'><title>bad</title>"
        f"<script src='{(vis / 'vis-network.min.js').as_uri()}'></script>"
        "<script>alert('during load')</script>"
        "<img src='http://127.0.0.1:9/x.png'>"
        "<div id='network' style='width:400px;height:300px'></div><script>"
        "window.network = new vis.Network(document.getElementById('network'),"
        " {nodes: [{id: 1}, {id: 2}], edges: [{from: 1, to: 2}]}, {});"
        "undefinedFunction();</script>",
        encoding="utf-8",
    )
    report = inspect_page(browser, bad)
    assert (report.nodes_drawn, report.edges_drawn) == (2, 1)
    assert report.alerts == ["alert: during load"]
    assert report.external_requests == ["http://127.0.0.1:9/x.png"]
    assert any("undefinedFunction" in message for message in report.console_errors)
