"""The gazetteer data files under ontologies/gazetteer/ are well-formed and consistent."""

from __future__ import annotations

import csv
import datetime
import itertools
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
# PLOVER actor sectors (the CAMEO-derived codes POLECAT uses)
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "PTY",
    "COP",
    "JUD",
    "SPY",
    "MED",
    "EDU",
    "BUS",
    "CRM",
    "CVL",
    "LAB",
    "REF",
    "HLH",
    "ENV",
    "NGO",
    "IGO",
}
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
    "stands_for",
}
#: Offices one person holds at a time: their dated terms must not overlap.
SINGLE_HOLDER_ROLES = {
    "president",
    "vice_president",
    "prime_minister",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "supreme_leader",
    "crown_prince",
    "foreign_minister",
    "defence_minister",
    "national_security_adviser",
    "secretary_general",
    "general_secretary",
    "chairperson",
    "foreign_policy_chief",
    "high_commissioner",
    "director_general",
    "commander_in_chief",
    "chief_of_general_staff",
    "chief_of_staff",
    "police_chief",
}
#: Surnames shared by too many people to name one on their own.
AMBIGUOUS_SURNAMES = {
    "Park",
    "Kim",
    "Lee",
    "Choi",
    "Cho",
    "Wang",
    "Li",
    "Zhang",
    "Chen",
    "Liu",
    "Wong",
    "Lim",
    "Tan",
    "Ng",
    "Nguyen",
    "Tran",
    "Khan",
    "Singh",
    "Ali",
    "Abbas",
    "Hasan",
    "Hassan",
    "Mohammed",
    "Muhammad",
    "Ibrahim",
    "Abdullah",
    "Salman",
    "Aoun",
    "Duterte",
    "Cohen",
    "Katz",
    "Harris",
    "Austin",
    "Johnson",
    "Smith",
    "Jones",
    "Brown",
    "Martin",
    "Miller",
    "Cooper",
    "Blair",
    "Wallace",
    "Cameron",
    "Michel",
    "Costa",
    "Hayashi",
    "Kishi",
    "Koizumi",
    "Anand",
    "Sullivan",
    "Russell",
}
#: Capitals the gazetteer must know: G20 members, ASEAN members and the states at war
#: or in major conflicts 2022-2025. Left out: Israel (Jerusalem's status is disputed, so
#: it has no capital_of), Palestine (Ramallah stands for the Palestinian Authority),
#: Singapore (a city-state) and Azerbaijan ("Baku" is an Indonesian word, as in "baku tembak").
CAPITALS_REQUIRED = {
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
    "BRN", "KHM", "LAO", "MYS", "MMR", "PHL", "THA", "VNM", "TLS",
    "UKR", "IRN", "LBN", "YEM", "SDN", "PRK", "SYR", "ARM", "AFG", "IRQ", "BLR", "GEO",
}  # fmt: skip


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
                    datetime.date.fromisoformat(role[key])  # a real calendar date
                    assert role[key] <= "2025-12-31", f"{where}: {key} is after the data's date"
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
    assert not shorts & AMBIGUOUS_SURNAMES


def test_a_single_holder_office_has_one_holder_at_a_time(records):
    terms = defaultdict(list)
    for _, record in all_records(records):
        for role in record.get("roles", []):
            if role["role"] in SINGLE_HOLDER_ROLES and "from" in role:
                key = (role["role"], role["of"])
                terms[key].append((role["from"], role.get("to", "9999-12-31"), record["id"]))
    for key, spans in terms.items():
        spans.sort()
        for (_, end, holder), (start, _, successor) in itertools.pairwise(spans):
            assert end <= start, f"{key}: {holder} (to {end}) overlaps {successor} (from {start})"


@pytest.mark.parametrize(
    ("role", "of", "date", "holder"),
    [
        ("prime_minister", "JPN", "2024-06-01", "Fumio_Kishida"),
        ("prime_minister", "JPN", "2025-01-01", "Shigeru_Ishiba"),
        ("prime_minister", "GBR", "2023-06-01", "Rishi_Sunak"),
        ("prime_minister", "GBR", "2025-01-01", "Keir_Starmer"),
        ("president", "KOR", "2023-01-01", "Yoon_Suk_Yeol"),
        ("president", "KOR", "2025-07-01", "Lee_Jae_myung"),
        ("president", "IDN", "2024-01-01", "Joko_Widodo"),
        ("president", "IDN", "2025-01-01", "Prabowo_Subianto"),
        ("foreign_minister", "IDN", "2024-01-01", "Retno_Marsudi"),
        ("foreign_minister", "IDN", "2025-01-01", "Sugiono"),
        ("foreign_minister", "USA", "2024-01-01", "Antony_Blinken"),
        ("foreign_minister", "USA", "2025-03-01", "Marco_Rubio"),
        ("defence_minister", "USA", "2024-01-01", "Lloyd_Austin"),
        ("defence_minister", "USA", "2025-03-01", "Pete_Hegseth"),
        ("defence_minister", "RUS", "2023-01-01", "Sergei_Shoigu"),
        ("defence_minister", "RUS", "2025-01-01", "Andrei_Belousov"),
        ("secretary_general", "NATO", "2023-01-01", "Jens_Stoltenberg"),
        ("secretary_general", "NATO", "2025-01-01", "Mark_Rutte"),
    ],
)
def test_role_dates_say_who_held_an_office(records, role, of, date, holder):
    holders = {
        record["id"]
        for _, record in all_records(records)
        for r in record.get("roles", [])
        if r["role"] == role
        and r.get("of") == of
        and r.get("from", "0000") <= date < r.get("to", "9999")
    }
    assert holders == {holder}


def test_minimum_sizes(records):
    assert len(records["organizations.jsonl"]) >= 65
    assert len(records["people.jsonl"]) >= 150


def test_places_point_at_what_they_stand_for(records, countries):
    known_ids = {record["id"] for _, record in all_records(records)}
    capitals = defaultdict(list)
    for where, record in all_records(records):
        for key in ("capital_of", "stands_for"):
            if key in record:
                assert record["type"] == "Location", f"{where}: only places have {key}"
                assert record[key] in known_ids, f"{where}: {key} of unknown id {record[key]!r}"
                assert record[key] != record["id"], where
        if "capital_of" in record:
            assert record["capital_of"] in countries, f"{where}: capital_of is a country id"
            capitals[record["capital_of"]].append(record["id"])
    assert {c: ids for c, ids in capitals.items() if len(ids) > 1} == {}
    assert CAPITALS_REQUIRED - set(capitals) == set()
    places = {record["id"]: record for _, record in records["places.jsonl"]}
    assert places["Brussels"]["capital_of"] == "BEL"
    assert places["Brussels"]["stands_for"] == "EU"
    assert places["Kremlin"]["stands_for"] == "RUS"
    assert places["White_House"]["stands_for"] == "USA"


def read_tsv(name: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """The header line and the ``(line number, row)`` pairs of a tab-separated file."""
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            assert len(cells) == len(header), f"{name}:{number}: expected {len(header)} columns"
            assert all(c == c.strip() and c for c in cells), f"{name}:{number}: empty cell"
            rows.append((number, dict(zip(header, cells, strict=True))))
    return lines[0], rows


def test_demonyms_tsv(records):
    header, rows = read_tsv("demonyms.tsv")
    assert header == "lang\tdemonym\tid"
    known_ids = {record["id"] for _, record in all_records(records)}
    names = {n for _, r in all_records(records) for ns in r["names"].values() for n in ns}
    seen = set()
    for number, row in rows:
        where = f"demonyms.tsv:{number}"
        assert row["lang"] in {"en", "id"}, where
        assert row["id"] in known_ids, f"{where}: unknown id {row['id']!r}"
        assert row["demonym"][:1].isupper(), f"{where}: demonyms are capitalised"
        # a word that is already a name would be claimed twice
        assert row["demonym"] not in names, f"{where}: {row['demonym']!r} is a gazetteer name"
        key = (row["lang"], row["demonym"])
        assert key not in seen, f"{where}: duplicate {key}"
        seen.add(key)
    demonyms = {row["demonym"]: row["id"] for _, row in rows}
    assert len(demonyms) >= 120
    for word, entity_id in {
        "Russian": "RUS",
        "North Korean": "PRK",
        "South Korean": "KOR",
        "American": "USA",
        "Israelis": "ISR",
        "Filipino": "PHL",
        "European": "EU",
    }.items():
        assert demonyms[word] == entity_id, word


def test_sectors_tsv():
    header, rows = read_tsv("sectors.tsv")
    assert header == "lang\tword\tsector\tkind\tposition\tenglish"
    seen = set()
    per_lang = defaultdict(int)
    for number, row in rows:
        where = f"sectors.tsv:{number}"
        assert row["lang"] in {"en", "id"}, where
        assert row["sector"] in SECTORS, f"{where}: unknown sector {row['sector']!r}"
        assert row["kind"] in {"country", "group"}, where
        # English puts the demonym first ("Russian troops"), Indonesian the word ("tentara Rusia")
        assert row["position"] == {"en": "after", "id": "before"}[row["lang"]], where
        assert re.match(r"^[a-z][a-z -]*$", row["english"]), f"{where}: english is a lowercase noun"
        key = (row["lang"], row["word"])
        assert key not in seen, f"{where}: duplicate {key}"
        seen.add(key)
        per_lang[row["lang"]] += 1
    assert per_lang["en"] >= 25 and per_lang["id"] >= 25
    words = {(row["lang"], row["word"]): row for _, row in rows}
    assert words[("en", "troops")]["kind"] == "country"
    assert words[("en", "troops")]["sector"] == "MIL"
    assert words[("id", "pengunjuk rasa")]["kind"] == "group"
    assert words[("id", "pengunjuk rasa")]["english"] == "protesters"


def test_sector_words_are_not_role_titles(role_rows):
    """A word is either a title (roles.tsv) or a sector noun (sectors.tsv), not both."""
    _, rows = read_tsv("sectors.tsv")
    titles = {(row["lang"], row["title"].lower()) for row in role_rows}
    for number, row in rows:
        assert (row["lang"], row["word"].lower()) not in titles, f"sectors.tsv:{number}"


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
