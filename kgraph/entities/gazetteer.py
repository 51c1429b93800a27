"""The gazetteer: known actors and their names, read from ``ontologies/gazetteer/``.

Each ``*.jsonl`` file holds one entity per line::

    {"id": "PRK", "type": "Country", "country": "PRK",
     "names": {"en": ["North Korea", "DPRK"], "id": ["Korea Utara", "Korut"]}}

The first name in each language is the preferred label. Records with the same
``id`` in several files are merged, so hand-written aliases can sit in a file of
their own beside the generated country list. ``roles.tsv`` lists the titles
("Foreign Minister", "Menteri Luar Negeri") that introduce a person.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from kgraph.errors import Errors, LexiconError
from kgraph.model import ENTITY_TYPES, Entity
from kgraph.resources import ontology_dir

ROLE_RELATIONS = ("affiliatedWith", "leaderOf")


@dataclass(frozen=True)
class Role:
    """An office a person holds, e.g. foreign minister of KOR from 2022-05-12."""

    role: str
    of: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class RoleTitle:
    """A title that introduces a person: ``Menteri Luar Negeri`` → foreign_minister."""

    lang: str
    title: str
    role: str
    relation: str  # affiliatedWith or leaderOf
    sector: str | None = None


@dataclass(frozen=True)
class SectorWord:
    """A noun that, beside a country, names its sector or a group of it ("Russian troops")."""

    lang: str
    word: str
    sector: str | None
    kind: str  # "country": the phrase stands for the country; "group": a new group of it
    position: str  # "after" the country (English) or "before" it (Indonesian)
    english: str  # the noun for English labels


@dataclass
class GazetteerEntry:
    entity: Entity
    short: tuple[str, ...] = ()  # unambiguous surnames, e.g. "Blinken"
    roles: tuple[Role, ...] = ()
    affiliation: str | None = None  # entity id of an employer, e.g. a think tank
    stands_for: str | None = None  # a seat of power: "the Kremlin", "Washington" → the government


@dataclass
class Gazetteer:
    """Known entities by id, and every name that refers to one of them."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    role_titles: list[RoleTitle] = field(default_factory=list)
    demonyms: list[tuple[str, str, str]] = field(default_factory=list)  # (lang, demonym, id)
    sector_words: list[SectorWord] = field(default_factory=list)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entity_id: str) -> Entity | None:
        entry = self.entries.get(entity_id)
        return entry.entity if entry else None

    def stands_for(self, entity_id: str) -> str | None:
        """What a seat of power stands for as an actor ("Pyongyang" → PRK, "Pentagon" → US_DoD)."""
        entry = self.entries.get(entity_id)
        target = entry.stands_for if entry else None
        return target if target in self.entries else None

    def names(self) -> Iterator[tuple[str, str]]:
        """Yield ``(name, entity id)`` for every preferred label and alias."""
        for entity_id, entry in self.entries.items():
            seen = set()
            for _lang, name in entry.entity.labels + entry.entity.aliases:
                if name not in seen:
                    seen.add(name)
                    yield name, entity_id
            for name in entry.short:
                if name not in seen:
                    seen.add(name)
                    yield name, entity_id

    def add(self, record: dict, *, source: str = "<record>", line: int = 0) -> None:
        """Add one JSON record, merging it into an existing entry with the same id."""
        entry = _entry_from_record(record, source=source, line=line)
        old = self.entries.get(entry.entity.id)
        self.entries[entry.entity.id] = _merge(old, entry) if old else entry


def _entry_from_record(record: dict, *, source: str, line: int) -> GazetteerEntry:
    def fail(detail: str) -> LexiconError:
        return LexiconError(Errors.E012.format(path=source, line=line, detail=detail))

    if not isinstance(record, dict):
        raise fail("a record must be a JSON object")
    entity_id = record.get("id")
    if not entity_id or not isinstance(entity_id, str):
        raise fail("missing 'id'")
    etype = record.get("type")
    if etype not in ENTITY_TYPES:
        raise fail(f"type {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
    names = record.get("names") or {}
    if not isinstance(names, dict):
        raise fail("'names' must map a language code to a list of names")
    labels: list[tuple[str, str]] = []
    aliases: list[tuple[str, str]] = []
    for lang, lang_names in names.items():
        if isinstance(lang_names, str):
            lang_names = [lang_names]
        for i, name in enumerate(lang_names):
            (labels if i == 0 else aliases).append((lang, name.strip()))
    label = next((n for lang, n in labels if lang == "en"), None) or (
        labels[0][1] if labels else entity_id.replace("_", " ")
    )
    roles = tuple(
        Role(role=r["role"], of=r.get("of"), start=r.get("from"), end=r.get("to"))
        for r in record.get("roles") or ()
    )
    entity = Entity(
        id=entity_id,
        label=label,
        type=etype,
        country=record.get("country"),
        sector=record.get("sector"),
        labels=tuple(labels),
        aliases=tuple(aliases),
    )
    return GazetteerEntry(
        entity=entity,
        short=tuple(record.get("short") or ()),
        roles=roles,
        affiliation=record.get("affiliation"),
        stands_for=record.get("stands_for") or record.get("capital_of"),
    )


def _merge(old: GazetteerEntry, new: GazetteerEntry) -> GazetteerEntry:
    """Union of names; the first file's labels stay preferred."""
    have = set(old.entity.labels + old.entity.aliases)
    langs_with_label = {lang for lang, _ in old.entity.labels}
    labels = list(old.entity.labels)
    aliases = list(old.entity.aliases)
    for lang, name in new.entity.labels + new.entity.aliases:
        if (lang, name) in have:
            continue
        if lang not in langs_with_label:
            labels.append((lang, name))
            langs_with_label.add(lang)
        else:
            aliases.append((lang, name))
    entity = replace(
        old.entity,
        labels=tuple(labels),
        aliases=tuple(aliases),
        country=old.entity.country or new.entity.country,
        sector=old.entity.sector or new.entity.sector,
    )
    return GazetteerEntry(
        entity=entity,
        short=tuple(dict.fromkeys(old.short + new.short)),
        roles=old.roles + new.roles,
        affiliation=old.affiliation or new.affiliation,
        stands_for=old.stands_for or new.stands_for,
    )


def read_role_titles(path: Path) -> list[RoleTitle]:
    """Read ``roles.tsv``: ``lang  title  role  relation  sector`` with a header row."""
    titles = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        for line, row in enumerate(rows, start=1):
            if not row or row[0].startswith("#") or (line == 1 and row[0] == "lang"):
                continue
            if len(row) < 4:
                raise LexiconError(
                    Errors.E012.format(path=path, line=line, detail="expected 4 or 5 columns")
                )
            lang, title, role, relation = (c.strip() for c in row[:4])
            if relation not in ROLE_RELATIONS:
                raise LexiconError(
                    Errors.E012.format(
                        path=path,
                        line=line,
                        detail=f"relation {relation!r} is not one of {', '.join(ROLE_RELATIONS)}",
                    )
                )
            sector = row[4].strip() if len(row) > 4 and row[4].strip() not in ("", "-") else None
            titles.append(RoleTitle(lang, title, role, relation, sector))
    return titles


def _tsv_rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated data file without its header and ``#`` comments."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0].startswith("#") or line == 1:
                continue
            if len(row) < columns:
                detail = f"expected {columns} tab-separated columns"
                raise LexiconError(Errors.E012.format(path=path, line=line, detail=detail))
            rows.append((line, [c.strip() for c in row]))
    return rows


def read_demonyms(path: Path) -> list[tuple[str, str, str]]:
    """``demonyms.tsv``: (language, demonym, entity id) rows."""
    return [(lang, demonym, entity_id) for _, (lang, demonym, entity_id, *_) in _tsv_rows(path, 3)]


def read_sector_words(path: Path) -> list[SectorWord]:
    """``sectors.tsv``: nouns that name a country's sector or a group of it."""
    words = []
    for line, (lang, word, sector, kind, position, english, *_) in _tsv_rows(path, 6):
        if kind not in ("country", "group") or position not in ("before", "after"):
            detail = "kind must be country or group, position before or after"
            raise LexiconError(Errors.E012.format(path=path, line=line, detail=detail))
        words.append(SectorWord(lang, word, sector or None, kind, position, english or word))
    return words


def read_gazetteer(folder: Path) -> Gazetteer:
    """Read every ``*.jsonl`` file, ``roles.tsv``, ``demonyms*.tsv`` and ``sectors.tsv``."""
    gazetteer = Gazetteer()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise LexiconError(
                        Errors.E012.format(path=path, line=line, detail=f"invalid JSON: {exc.msg}")
                    ) from None
                gazetteer.add(record, source=str(path), line=line)
    roles = folder / "roles.tsv"
    if roles.is_file():
        gazetteer.role_titles = read_role_titles(roles)
    # demonyms.tsv is hand-written; demonyms-*.tsv are generated (see SOURCE.md)
    for path in sorted(folder.glob("demonyms*.tsv")):
        gazetteer.demonyms += read_demonyms(path)
    if (folder / "sectors.tsv").is_file():
        gazetteer.sector_words = read_sector_words(folder / "sectors.tsv")
    return gazetteer


def read_actor_words(path: Path) -> dict[tuple[str, str], str]:
    """``actor-words.tsv``: (language, lower-case word) → the entity type it signals."""
    words: dict[tuple[str, str], str] = {}
    if not path.is_file():
        return words
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0].startswith("#") or row[0] == "lang":
                continue
            if len(row) < 3 or row[2].strip() not in ENTITY_TYPES:
                raise LexiconError(
                    Errors.E012.format(path=path, line=line, detail="expected lang, word, type")
                )
            words[(row[0].strip(), row[1].strip().lower())] = row[2].strip()
    return words


@dataclass(frozen=True)
class DefiniteNoun:
    """A row of ``definite-nouns.tsv``: what "the <noun>" may refer back to."""

    types: frozenset[str]
    bare: bool = False  # refers back even without "the"/"itu" once seen with a country
    adjective: bool = False  # often modifies a noun: "the military build-up" is no actor


def read_definite_nouns(path: Path) -> dict[tuple[str, str], DefiniteNoun]:
    """``definite-nouns.tsv``: (language, noun) → the entity types "the <noun>" refers to."""
    nouns: dict[tuple[str, str], DefiniteNoun] = {}
    if not path.is_file():
        return nouns
    for line, (lang, noun, types_cell, *rest) in _tsv_rows(path, 3):
        types = frozenset(t.strip() for t in types_cell.split("|"))
        if not types <= set(ENTITY_TYPES):
            raise LexiconError(
                Errors.E012.format(path=path, line=line, detail="expected lang, noun, types")
            )
        flags = set(rest[:1][0].split("|")) if rest[:1] else set()
        nouns[(lang, noun.lower())] = DefiniteNoun(types, "bare" in flags, "adjective" in flags)
    return nouns


@cache
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The gazetteer under ``ontologies/gazetteer`` (read once per process)."""
    return read_gazetteer(folder or ontology_dir() / "gazetteer")
