"""PLOVER event records from ``kgraph extract --format plover``, on sentences shaped like
PLOVER's gold-standard records (examples/plover/sentences.json, written for kgraph)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kgraph.cli import app

from conftest import REPO

SENTENCES = REPO / "examples" / "plover" / "sentences.json"
#: POLECAT's sixteen PLOVER categories, as the ontology uses them.
CATEGORIES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
runner = CliRunner()


def plover(args: list[str], text: str | None = None) -> list[dict]:
    result = runner.invoke(app, ["extract", *args, "--format", "plover"], input=text)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_record_has_a_plover_category_and_the_gold_one_is_found():
    gold = {r["id"]: r["event"] for r in json.loads(SENTENCES.read_text(encoding="utf-8"))}
    records = plover([str(SENTENCES)])
    assert records and all(r["event"] in CATEGORIES for r in records)
    assert all(r["source"] and r["text"] and r["language"] == "en" for r in records)
    found: dict[str, set[str]] = {}
    for r in records:
        found.setdefault(r["kgraph"]["doc"], set()).add(r["event"])
    right = sum(event in found.get(doc, ()) for doc, event in gold.items())
    assert right / len(gold) >= 0.9, {d: found.get(d) for d, e in gold.items()}
    # every category of the set is produced by some sentence
    assert set(gold.values()) <= {r["event"] for r in records}


def test_non_events_make_no_record_and_officials_code_as_their_country():
    records = plover(
        ["-", "--lang", "en"],
        "Russia did not attack Georgia. If Iran attacks Israel, the US will strike Iran. "
        "Foreign Minister Penny Wong of Australia visited Jakarta.",
    )
    assert [(r["event"], r["kgraph"]["relation"]) for r in records] == [("CONSULT", "visits")]
    (visit,) = records
    assert visit["source"][0]["code"] == "AUS" and visit["target"][0]["code"] == "IDN"
