"""The gazetteer data files under ontologies/gazetteer/ are well-formed and consistent."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kgraph.model import ENTITY_TYPES
from kgraph.resources import ontology_dir

GAZETTEER = ontology_dir() / "gazetteer"
ID_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECTORS = {"GOV", "MIL", "IGO", "REB", "NGO", "BUS", "MED", "EDU", "OPP", "PTY", "JUD", "CVL"}
ROLE_RELATIONS = {"affiliatedWith", "leaderOf"}
RECORD_KEYS = {
    "id",
    "type",
    "names",
    "country",
    "sector",
    "short",
    "roles",
    "affiliation",
    "capital_of",
}


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    records = []
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip():
            records.append((line, json.loads(text)))
    return records


@pytest.fixture(scope="module")
def records() -> dict[str, list[tuple[int, dict]]]:
    files = sorted(GAZETTEER.glob("*.jsonl"))
    assert files, f"no .jsonl files in {GAZETTEER}"
    return {path.name: read_jsonl(path) for path in files}


@pytest.fixture(scope="module")
def countries(records) -> dict[str, dict]:
    return {record["id"]: record for _, record in records["countries.jsonl"]}


@pytest.fixture(scope="module")
def role_rows() -> list[dict[str, str]]:
    with (GAZETTEER / "roles.tsv").open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def all_records(records):
    for name, rows in records.items():
        for line, record in rows:
            yield f"{name}:{line}", record


def test_records_are_well_formed(records):
    for where, record in all_records(records):
        assert isinstance(record, dict), where
        assert set(record) <= RECORD_KEYS, f"{where}: unknown keys {set(record) - RECORD_KEYS}"
        assert ID_PATTERN.match(record.get("id", "")), f"{where}: bad id {record.get('id')!r}"
        assert record.get("type") in ENTITY_TYPES, f"{where}: bad type {record.get('type')!r}"
        names = record.get("names")
        assert isinstance(names, dict) and names, f"{where}: no names"
        for lang, lang_names in names.items():
            assert lang in {"en", "id"}, f"{where}: unexpected language {lang!r}"
            assert isinstance(lang_names, list) and lang_names, f"{where}: empty {lang} names"
            for name in lang_names:
                assert isinstance(name, str) and name == name.strip() and name, where
            assert len(set(lang_names)) == len(lang_names), f"{where}: duplicate {lang} name"
        if "sector" in record:
            assert record["sector"] in SECTORS, f"{where}: unknown sector {record['sector']!r}"
        for short in record.get("short", []):
            assert short[:1].isupper() and " " not in short, f"{where}: bad short name {short!r}"
        if record["type"] == "Country":
            assert ALPHA3.match(record["id"]), f"{where}: a country id is ISO alpha-3"


def test_country_codes_and_references_are_known(records, countries):
    known_ids = {record["id"] for _, record in all_records(records)}
    for where, record in all_records(records):
        if "country" in record:
            assert record["country"] in countries, f"{where}: unknown country {record['country']}"
        if record["type"] == "Country":
            assert record["id"] in countries, f"{where}: country {record['id']} not generated"
        if "affiliation" in record:
            assert record["affiliation"] in known_ids, where


def test_roles_of_people(records, role_rows):
    role_ids = {row["role"] for row in role_rows}
    known_ids = {record["id"] for _, record in all_records(records)}
    for where, record in all_records(records):
        for role in record.get("roles", []):
            assert record["type"] == "Person", f"{where}: only people have roles"
            assert set(role) <= {"role", "of", "from", "to"}, where
            assert role["role"] in role_ids, f"{where}: role {role['role']!r} not in roles.tsv"
            assert role.get("of") in known_ids, f"{where}: role of unknown id {role.get('of')!r}"
            for key in ("from", "to"):
                if key in role:
                    assert DATE.match(role[key]), f"{where}: {key} is not YYYY-MM-DD"
            if "from" in role and "to" in role:
                assert role["from"] < role["to"], where


def test_ids_are_unique_within_a_file(records):
    for name, rows in records.items():
        ids = [record["id"] for _, record in rows]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"


def test_no_name_refers_to_two_entities(records):
    owners = defaultdict(set)
    for _, record in all_records(records):
        for lang_names in record["names"].values():
            for name in lang_names:
                owners[name].add(record["id"])
        for name in record.get("short", []):
            owners[name].add(record["id"])
    assert {n: ids for n, ids in owners.items() if len(ids) > 1} == {}


def test_countries_cover_iso_3166(countries):
    assert len(countries) >= 240
    assert list(countries) == sorted(countries), "countries.jsonl is sorted by id"
    assert {"PSE", "XKX", "TWN"} <= set(countries)
    for record in countries.values():
        assert record["country"] == record["id"]
        assert record["names"]["en"] and record["names"]["id"], record["id"]


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("PRK", "en", "North Korea"),
        ("PRK", "id", "Korea Utara"),
        ("KOR", "en", "South Korea"),
        ("KOR", "id", "Korea Selatan"),
        ("USA", "id", "Amerika Serikat"),
        ("CHN", "id", "Tiongkok"),
        ("RUS", "id", "Rusia"),
        ("JPN", "id", "Jepang"),
        ("UKR", "id", "Ukraina"),
    ],
)
def test_countries_have_their_cldr_names(countries, code, lang, name):
    assert countries[code]["names"][lang][0] == name


def test_sample_actors_are_known(records):
    names = defaultdict(set)
    for _, record in all_records(records):
        for lang_names in record["names"].values():
            for name in lang_names:
                names[name].add(record["id"])
    expected = {
        "Antony Blinken": "Antony_Blinken",
        "Park Jin": "Park_Jin",
        "Doyeon Kim": "Doyeon_Kim",
        "Center for a New American Security": "CNAS",
        "G7": "G7",
        "Hamas": "Hamas",
        "Dewan Keamanan PBB": "UNSC",
        "Korut": "PRK",
        "AS": "USA",
    }
    for name, entity_id in expected.items():
        assert names[name] == {entity_id}, name


def test_ambiguous_surnames_are_not_short_names(records):
    shorts = {s for _, record in all_records(records) for s in record.get("short", [])}
    assert not shorts & {"Park", "Kim", "Lee", "Wang", "Wong", "Harris", "Austin"}


def test_roles_tsv_is_well_formed(role_rows):
    path = GAZETTEER / "roles.tsv"
    assert path.read_text(encoding="utf-8").startswith("lang\ttitle\trole\trelation\tsector\n")
    assert role_rows
    seen = set()
    for row in role_rows:
        assert None not in row and all(v is not None for v in row.values()), row
        assert row["lang"] in {"en", "id"}, row
        assert row["title"] and row["title"] == row["title"].strip(), row
        assert re.match(r"^[a-z_]+$", row["role"]), row
        assert row["relation"] in ROLE_RELATIONS, row
        assert row["sector"] == "" or row["sector"] in SECTORS, row
        key = (row["lang"], row["title"])
        assert key not in seen, f"duplicate title {key}"
        seen.add(key)
    titles = {(row["lang"], row["title"]) for row in role_rows}
    assert {("en", "Foreign Minister"), ("id", "Menteri Luar Negeri"), ("id", "Menlu")} <= titles
