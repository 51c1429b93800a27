"""Generate ontologies/gazetteer/countries.jsonl from CLDR (via Babel) and ISO 3166-1 (pycountry).

Usage: ``pip install -e '.[data]' && python scripts/make_countries.py``

One record per ISO 3166-1 country, plus Kosovo (CLDR ``XK``, alpha-3 ``XKX``), sorted by id:

- id and ``country``: the ISO alpha-3 code;
- English names: CLDR's display name (preferred), then pycountry's ``common_name``,
  ``name`` and ``official_name``;
- Indonesian names: CLDR's display name (preferred), then the Indonesian translations
  of those pycountry names from the iso-codes catalogue that pycountry ships.

No name is typed here. Names in ISO's inverted form ("Korea, Republic of") are skipped,
since no text says them that way; a parenthesised part is also offered cut off
("Myanmar (Burma)" → "Myanmar"), and a curly apostrophe also as a straight one.
Short forms that CLDR lacks (US, DPRK, Korut, ...) are hand-written in
country-aliases.jsonl, because Babel does not expose CLDR's ``-alt-short`` and
``-alt-variant`` names.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
from importlib.metadata import version
from pathlib import Path

import babel
import pycountry
from babel import Locale

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "ontologies" / "gazetteer" / "countries.jsonl"

#: Territories CLDR names that ISO 3166-1 has not (yet) coded: alpha-2 → alpha-3.
#: XKX is the user-assigned code the EU, the IMF and the UN's own lists use for Kosovo.
EXTRA_TERRITORIES = {"XK": "XKX"}
PYCOUNTRY_FIELDS = ("common_name", "name", "official_name")


def variants(name: str) -> list[str]:
    """``name`` and the forms of it text actually uses; [] for ISO's inverted forms."""
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if ", " in name:  # "Korea, Republic of", "Palestine, State of"
        return []
    forms = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare != name:
        forms.append(bare)
    forms += [f.replace("’", "'") for f in forms if "’" in f]
    return forms


def unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def country_records() -> list[dict]:
    english, indonesian = Locale("en").territories, Locale("id").territories
    iso_id = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes.update(EXTRA_TERRITORIES)
    records = []
    for alpha2, alpha3 in codes.items():
        iso = pycountry.countries.get(alpha_2=alpha2)
        iso_names = [getattr(iso, f) for f in PYCOUNTRY_FIELDS if getattr(iso, f, None)]
        en = [english.get(alpha2, ""), *iso_names]
        id_ = [indonesian.get(alpha2, ""), *(iso_id.gettext(n) for n in iso_names)]
        names = {
            "en": unique([v for n in en if n for v in variants(n)]),
            "id": unique([v for n in id_ if n for v in variants(n)]),
        }
        if not names["en"] or not names["id"]:
            raise SystemExit(f"no English or Indonesian name for {alpha2}/{alpha3}")
        records.append(
            {"id": alpha3, "type": "Country", "country": alpha3, "sector": "GOV", "names": names}
        )
    return sorted(records, key=lambda r: r["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    records = country_records()
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    args.output.write_text(text, encoding="utf-8")
    print(
        f"wrote {len(records)} countries to {args.output} "
        f"(Babel {babel.__version__}, CLDR {babel.core.get_cldr_version()}, "
        f"pycountry {version('pycountry')})"
    )


if __name__ == "__main__":
    main()
