"""The graph as one self-contained HTML page (vis-network, from pyvis' copy, and our template).

The page embeds vis-network's script and style and its data as JSON, so it opens
from disk with no network access. What it shows comes from :mod:`kgraph.export.view`;
the template adds the side panel, filters, search and the language toggle, and puts
every text from the data into the page as text, never as markup.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from kgraph.export.layout import spring_layout
from kgraph.export.view import (
    CONFLICT_COLOR,
    COOPERATION_COLOR,
    GROUP_COLORS,
    NEUTRAL_COLOR,
    ROLE_RELATIONS,
    graph_view,
)
from kgraph.graph.rdf import resource_iri
from kgraph.graph.relations import load_relations
from kgraph.io import atomic_write

#: From this many nodes on, the browser's physics is off and Python lays the graph out.
LAYOUT_THRESHOLD = 300

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _options(large: bool) -> dict:
    options: dict = {
        "nodes": {"shape": "dot", "font": {"size": 14}},
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "smooth": {"enabled": not large, "type": "continuous"},
            "arrowStrikethrough": False,
        },
        "layout": {"randomSeed": 7},  # the same page looks the same each time it opens
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        # Labels stay readable when a small graph is zoomed out to fit the window.
        options["nodes"]["scaling"] = {"label": {"drawThreshold": 3}}
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -8000,
                "springLength": 160,
                "springConstant": 0.03,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": True, "iterations": 500, "fit": True},
        }
    return options


def _environment() -> Environment:
    """Our templates first, then pyvis' own (for vis-network's script and style)."""
    import pyvis

    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(_TEMPLATES), FileSystemLoader(pyvis_templates)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def page_data(store: pyoxigraph.Store) -> dict:
    """Everything the page shows, as one JSON-ready dict: nodes, edges, the articles they
    cite, and what the legend, filters and language toggle offer.

    Evidence names its article by position in ``articles``: big graphs cite a few
    articles thousands of times, and the page's size is what a browser must parse.
    """
    nodes, edges, articles = graph_view(store)
    if len(nodes) >= LAYOUT_THRESHOLD:
        positions = spring_layout(nodes, edges)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    position = {key: i for i, key in enumerate(articles)}
    for edge in edges:
        for item in edge["evidence"]:
            item["article"] = position.get(item["article"])
    relations = load_relations()
    countries = sorted({node["country"] for node in nodes if node["country"]})
    used = sorted({edge["relation"] for edge in edges})
    known = [relations.get(name) for name in used]
    return {
        "nodes": nodes,
        "edges": edges,
        "articles": [{"iri": key, **fields} for key, fields in articles.items()],
        "groups": GROUP_COLORS,
        "actorGroups": [g for g in GROUP_COLORS if any(n["group"] == g for n in nodes)],
        "relations": [
            {
                "name": name,
                "labels": {"en": info.label_en, "id": info.label_id}
                if info
                else {"en": name, "id": name},
                "plover": info and info.plover,
                "goldstein": info and info.goldstein,
            }
            for name, info in zip(used, known, strict=True)
        ],
        "plover": sorted({info.plover for info in known if info and info.plover}),
        "modalities": sorted({edge["modality"] for edge in edges}),
        "countries": countries,
        # the node of each country code: IRIs are minted from ids (see iri_path), so the
        # page does not join the base and the code itself
        "countryNodes": {code: resource_iri(code) for code in countries},
        "roleRelations": list(ROLE_RELATIONS),
        "scale": {
            "conflict": CONFLICT_COLOR,
            "neutral": NEUTRAL_COLOR,
            "cooperation": COOPERATION_COLOR,
        },
    }


def render_html(
    store: pyoxigraph.Store, *, title: str = "kgraph", query_box: dict | None = None
) -> str:
    """The graph in ``store`` as one HTML page that loads nothing from the network.

    Up to LAYOUT_THRESHOLD nodes the browser lays the graph out (Barnes-Hut physics);
    bigger graphs get fixed positions from :func:`spring_layout` and no physics.
    ``query_box`` (``{"endpoint": "/sparql", "queries": [...]}``) adds a SPARQL query
    box, for the page that ``kgraph serve`` serves.
    """
    data = page_data(store)
    template = _environment().get_template("graph.html")
    return template.render(
        title=title,
        data=data,
        options=_options(len(data["nodes"]) >= LAYOUT_THRESHOLD),
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
        query_box=query_box,
    )


def write_html(store: pyoxigraph.Store, path: Path, *, title: str = "kgraph") -> None:
    """Write the graph in ``store`` as one HTML page (see :func:`render_html`)."""
    atomic_write(path, render_html(store, title=title))
