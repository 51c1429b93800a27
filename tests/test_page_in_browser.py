"""The graph page as an analyst uses it, in headless Chromium: panel, filters, search, language.

The sample article's page (built from ../shared) is the one the issue names; the
hostile-actor page is built from an article of our own with a gazetteer entry whose
name is markup, the way a user would add an actor.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.resources import ontology_dir

from conftest import EXAMPLES, assert_valid

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "output" / "test-screenshots"
KGR = "https://w3id.org/kgraph/resource/"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def sample_page(shared_dir: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample-page")
    result = CliRunner().invoke(app, ["build", str(shared_dir / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_valid(out / "graph.ttl")
    return out / "graph.html"


@pytest.fixture
def opened(browser, sample_page: Path):
    """The sample page, loaded and laid out (physics done), with its load report."""
    from browser import inspect_page

    report = inspect_page(browser, sample_page)
    _wait(browser, "return window.kgraphTimings.ready !== null")
    return report


def _wait(driver, script: str, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def _data(driver) -> dict:
    return driver.execute_script("return window.kgraph.data")


def _visible_edges(driver) -> list[str]:
    return driver.execute_script("return window.network.body.edgeIndices.slice()")


def _panel_heading(driver) -> str:
    return driver.execute_script(
        "var p = document.getElementById('panel-body');"
        "return p.dataset.kind ? p.querySelector('h2').textContent : null"
    )


def _click_node(driver, node_id: str) -> None:
    """Bring the node to the middle of the canvas and click it there with the mouse."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver.execute_script(
        "var n = window.network; n.moveTo({position: n.getPosition(arguments[0]), scale: 2});",
        node_id,
    )
    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(driver).move_to_element(canvas).click().perform()


def test_sample_page_loads_offline_with_every_node_drawn(browser, opened, sample_page):
    from browser import inspect_page

    # Once more with the browser's network switched off: the page must not need it.
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        opened = inspect_page(browser, sample_page)
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    data = _data(browser)
    assert opened.nodes_drawn == len(data["nodes"]) > 10
    assert opened.edges_drawn == len(data["edges"])
    assert opened.console_errors == []
    assert opened.external_requests == []
    assert opened.alerts == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "sample-page.png"))
    assert (SHOTS / "sample-page.png").stat().st_size > 10_000


def test_clicking_a_node_opens_its_panel_with_its_statements(browser, opened):
    data = _data(browser)
    hub = max(data["nodes"], key=lambda n: n["statements"])
    _click_node(browser, hub["id"])
    _wait(browser, "return document.getElementById('panel-body').dataset.kind === 'node'")
    assert _panel_heading(browser) == hub["labels"]["en"]
    assert browser.execute_script("return window.network.getSelectedNodes()") == [hub["id"]]
    panel = browser.find_element("id", "panel").text
    assert f"Statements ({hub['statements']})" in panel
    assert f"Type\n{hub['type']}" in panel

    # A statement in the list opens the edge's panel: every piece of evidence, trigger marked.
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "#panel li button.link").click()
    edge_id = browser.execute_script("return document.getElementById('panel-body').dataset.id")
    edge = next(e for e in data["edges"] if e["id"] == edge_id)
    assert hub["id"] in (edge["from"], edge["to"])
    quotes = browser.find_elements(By.CSS_SELECTOR, "#panel blockquote")
    assert [q.text for q in quotes] == [ev["sentence"] for ev in edge["evidence"]]
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#panel blockquote mark")]
    assert marks and set(marks) <= {ev["trigger"] for ev in edge["evidence"]}
    articles = [data["articles"][ev["article"]] for ev in edge["evidence"]]
    sources = {a["title"] or a["file"] for a in articles}  # what the panel names the article by
    assert all(sources) and any(s in browser.find_element("id", "panel").text for s in sources)


def test_relation_filter_hides_the_other_edges_and_reset_shows_them(browser, opened):
    from selenium.webdriver.support.ui import Select

    data = _data(browser)
    wanted = "suppliesWeaponsTo"
    expected = {e["id"] for e in data["edges"] if e["relation"] == wanted}
    assert 0 < len(expected) < len(data["edges"])
    Select(browser.find_element("id", "filter-relation")).select_by_value(wanted)
    assert set(_visible_edges(browser)) == expected
    ends = {e[k] for e in data["edges"] if e["id"] in expected for k in ("from", "to")}
    assert set(browser.execute_script("return window.network.body.nodeIndices.slice()")) == ends
    assert browser.find_element("id", "edge-count").text == str(len(expected))

    Select(browser.find_element("id", "filter-polarity")).select_by_value("negative")
    negative = {e["id"] for e in data["edges"] if e["id"] in expected}
    negative &= {e["id"] for e in data["edges"] if e["polarity"] == "negative"}
    assert set(_visible_edges(browser)) == negative

    browser.find_element("id", "filter-reset").click()
    assert len(_visible_edges(browser)) == len(data["edges"])


def test_neighbourhood_of_an_actor_and_back(browser, opened):
    from selenium.webdriver.common.by import By

    data = _data(browser)
    prk = KGR + "PRK"
    browser.execute_script("window.kgraph.showNode(arguments[0])", prk)
    buttons = browser.find_elements(By.CSS_SELECTOR, "#panel p button.link")
    assert buttons[0].text == "Show only this actor and its neighbours"
    buttons[0].click()
    touching = [e for e in data["edges"] if prk in (e["from"], e["to"])]
    assert set(_visible_edges(browser)) == {e["id"] for e in touching}
    shown = set(browser.execute_script("return window.network.body.nodeIndices.slice()"))
    assert shown == {prk} | {e[k] for e in touching for k in ("from", "to")}
    browser.find_element("id", "filter-reset").click()
    assert len(_visible_edges(browser)) == len(data["edges"])


def test_minimum_evidence_filter(browser, opened):
    data = _data(browser)
    box = browser.find_element("id", "filter-min-evidence")
    box.clear()
    box.send_keys("2")
    wanted = {e["id"] for e in data["edges"] if e["count"] >= 2}
    assert 0 < len(wanted) < len(data["edges"])
    assert set(_visible_edges(browser)) == wanted
    browser.find_element("id", "filter-reset").click()


def test_date_filter_on_the_examples(browser, tmp_path_factory):
    """The sample's dateline has no year, so the examples (dated articles) test the range."""
    from browser import inspect_page

    out = tmp_path_factory.mktemp("examples-page")
    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    inspect_page(browser, out / "graph.html")
    data = _data(browser)
    dates = sorted({d for e in data["edges"] for d in e["dates"]})
    assert len(dates) > 2
    middle = dates[len(dates) // 2]

    def set_date(box: str, value: str) -> None:
        browser.execute_script(
            "var box = document.getElementById(arguments[0]); box.value = arguments[1];"
            "box.dispatchEvent(new Event('change'));",
            box,
            value,
        )

    set_date("filter-from", middle)
    later = {e["id"] for e in data["edges"] if any(d >= middle for d in e["dates"])}
    assert 0 < len(later) < len(data["edges"])
    assert set(_visible_edges(browser)) == later
    set_date("filter-to", middle)
    assert set(_visible_edges(browser)) == {e["id"] for e in data["edges"] if middle in e["dates"]}
    browser.find_element("id", "filter-reset").click()
    assert len(_visible_edges(browser)) == len(data["edges"])


def test_searching_korea_utara_focuses_north_korea(browser, opened):
    from selenium.webdriver.common.keys import Keys

    prk = KGR + "PRK"
    search = browser.find_element("id", "search")
    search.send_keys("Korea Utara")
    hits = browser.find_elements("css selector", "#search-results button")
    assert hits and hits[0].text.startswith("North Korea")
    search.send_keys(Keys.ENTER)
    assert browser.execute_script("return window.network.getSelectedNodes()") == [prk]
    assert _panel_heading(browser) == "North Korea"
    # The view moves to the node (a 300 ms animation).
    _wait(
        browser,
        "var n = window.network, v = n.getViewPosition(), p = n.getPosition(arguments[0]);"
        "return Math.hypot(v.x - p.x, v.y - p.y) < 1;".replace("arguments[0]", json.dumps(prk)),
    )
    position = browser.execute_script(
        "return window.network.canvasToDOM(window.network.getPosition(arguments[0]))", prk
    )
    size = browser.execute_script(
        "var c = document.querySelector('#network canvas');"
        "return {w: c.clientWidth, h: c.clientHeight}"
    )
    assert math.hypot(position["x"] - size["w"] / 2, position["y"] - size["h"] / 2) < 5


def test_language_toggle_relabels_nodes_and_edges(browser, opened):
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "language")).select_by_value("id")
    labels = browser.execute_script("return window.nodes.get(arguments[0]).label", KGR + "PRK")
    assert labels == "Korea Utara"
    data = _data(browser)
    edge = data["edges"][0]
    shown = browser.execute_script("return window.edges.get(arguments[0]).label", edge["id"])
    assert shown == edge["labels"]["id"] != edge["labels"]["en"]


# ---------------------------------------------------------------- an actor named <script>


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Path:
    """The page of an article naming an actor the gazetteer calls <script>alert(1)</script>."""
    work = tmp_path_factory.mktemp("hostile")
    ontologies = work / "ontologies"
    shutil.copytree(ontology_dir(), ontologies)
    entry = {
        "id": "Hostile_Front",
        "type": "ArmedGroup",
        "sector": "REB",
        "names": {"en": [HOSTILE, '"><img src=x onerror=alert(2)>'], "id": [HOSTILE]},
    }
    (ontologies / "gazetteer" / "zz-hostile.jsonl").write_text(
        json.dumps(entry) + "\n", encoding="utf-8"
    )
    articles = work / "articles"
    articles.mkdir()
    (articles / "en-hostile.txt").write_text(
        "Title: Militia raid on a border post\n\n"
        f"PONTIANAK, March 3, 2025 - {HOSTILE} attacked Malaysia on Monday, officials said.\n\n"
        f"Indonesia condemned {HOSTILE} for the raid.\n",
        encoding="utf-8",
    )
    env = dict(os.environ, KGRAPH_ONTOLOGIES=str(ontologies))
    out = work / "out"
    run = subprocess.run(
        [sys.executable, "-m", "kgraph", "build", str(articles), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Hostile_Front" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert_valid(out / "graph.ttl")  # labels that are markup are still just labels
    return out / "graph.html"


def test_an_actor_named_script_does_not_run(browser, hostile_page: Path):
    from browser import inspect_page

    report = inspect_page(browser, hostile_page)
    assert report.alerts == []
    assert report.console_errors == []
    node = KGR + "Hostile_Front"
    assert browser.execute_script("return window.nodes.get(arguments[0]).label", node) == HOSTILE
    # Open everything that shows the name: its panel, and the panel of each of its edges.
    browser.execute_script("window.kgraph.focusNode(arguments[0])", node)
    assert _panel_heading(browser) == HOSTILE
    connected = "return window.network.getConnectedEdges(arguments[0])"
    for edge_id in browser.execute_script(connected, node):
        browser.execute_script("window.kgraph.showEdge(arguments[0])", edge_id)
        assert HOSTILE in _panel_heading(browser)
    search = browser.find_element("id", "search")
    search.send_keys("<script>")
    assert browser.find_element("css selector", "#search-results button").text.startswith(HOSTILE)
    ran = browser.execute_script(
        "return {dialogs: window.__kgraphDialogs || [], title: document.title,"
        " scripts: Array.from(document.scripts).map(s => s.textContent.trim())"
        "   .filter(t => t.startsWith('alert(')).length,"
        " images: document.querySelectorAll('img').length}"
    )
    assert ran == {"dialogs": [], "title": "kgraph", "scripts": 0, "images": 0}
