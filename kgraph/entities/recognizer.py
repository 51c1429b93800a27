"""Find actors in a Doc: gazetteer names, and people introduced by a title.

The recogniser writes ``doc._.kgraph_mentions`` (a sorted list of
:class:`~kgraph.entities.mention.Mention`) and ``doc._.kgraph_entities`` (id →
:class:`~kgraph.model.Entity` for every entity mentioned, known or new). It
also sets ``doc.ents`` for name mentions so displaCy can show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise
from operator import attrgetter, itemgetter
from typing import TypeVar

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kgraph.entities.gazetteer import Gazetteer, Role, RoleTitle, SectorWord
from kgraph.entities.mention import Mention
from kgraph.function_words import POSSESSIVE_PRONOUNS, for_language, looks_like_verb
from kgraph.model import ENTITY_TYPES, Entity
from kgraph.tokens import TokenTable, sentence_starts, token_table, watch

#: Articles that may stand between a comma and an appositive title ("Kim, an analyst at ...").
#: ENT_IOB values: a token begins an entity, is inside one, or outside all.
_BEGIN, _INSIDE, _OUTSIDE = 3, 1, 2
_APPOSITION_ARTICLES = frozenset(["a", "an", "the", "seorang", "sang", "salah", "satu"])
#: verbs after "yang"/"who" that give the office named next ("yang menjabat ketua EAC")
_OFFICE_VERBS = frozenset(
    ["menjabat", "merupakan", "adalah", "sebagai", "selaku", "is", "was", "serves", "served",
     "became", "becomes", "now", "currently", "kini"]
)  # fmt: skip
_MAX_NAME_TOKENS = 4
#: Words after which a title opens a clause of its own (its holder is a subject)
_CLAUSE_OPENERS = frozenset(
    [",", ";", "and", "but", "while", "dan", "tetapi", "namun", "sementara", '"', "“", "”", "—"]
)
#: English -ed words that do modify a title ("newly appointed Foreign Minister X")
_TITLE_PARTICIPLES = frozenset(["appointed", "elected", "designated", "retired", "exiled"])
K = TypeVar("K")


#: "5 juta dolar AS", "200 million Australian dollars": a currency, not an actor
_CURRENCY_BEFORE = frozenset(["dolar", "dollar"])
_CURRENCY_AFTER = frozenset(["dollar", "dollars", "dolar"])


def _names_currency(table: TokenTable, mention: Mention) -> bool:
    if mention.kind not in ("name", "demonym"):
        return False
    before = table.lower[mention.start - 1] if mention.start > 0 else ""
    after = table.lower[mention.end] if mention.end < table.length else ""
    return before in _CURRENCY_BEFORE or after in _CURRENCY_AFTER


def entity_id_for_name(name: str) -> str:
    """The IRI local name minted for an entity that is not in the gazetteer.

    >>> entity_id_for_name("Doyeon  Kim")
    'Doyeon_Kim'
    """
    return "_".join(re.sub(r"[^\w\-]", " ", name).split())


class EntityRecognizer:
    """Mark gazetteer names and titled people; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kgraph_entities",
        *,
        gazetteer: Gazetteer,
        actor_words: dict[tuple[str, str], str] | None = None,
    ):
        self.name = name
        self.lang = nlp.lang
        self.words = for_language(self.lang)
        # place nouns and speech verbs of every Doc, found in one pass with the other sets
        watch(self.words.place_nouns, lower=True)
        watch(_SPEECH_VERBS.get(self.lang, frozenset()), lower=True)
        self.gazetteer = gazetteer
        self.actor_words = {
            w: t for (lang, w), t in (actor_words or {}).items() if lang == nlp.lang
        }
        # names and demonyms in one matcher (a call costs even when nothing matches);
        # recognize() splits its matches back into the two lists, names first as before
        self.name_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        #: match id → (entity id, whether a demonym); a dict lookup costs less than the
        #: StringStore's, which decodes a new string every time
        self._ids: dict[int, tuple[str, bool]] = {}
        self._name_ids: set[str] = set()
        #: entity type → the key of its label ("COUNTRY"), added to the vocab once
        self._labels = {t: nlp.vocab.strings.add(t.upper()) for t in ENTITY_TYPES}
        # titles and sector nouns in one matcher: a PhraseMatcher call costs even when
        # nothing matches; _word_keys tells the two kinds of match apart
        self.word_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._word_keys: dict[int, tuple[str, str]] = {}  # match id → ("title"|"sector", key)
        self.titles: dict[str, RoleTitle] = {}
        self.title_words: set[str] = {"mayor", "major"}  # one-word titles and ranks
        #: role id → affiliatedWith or leaderOf, as the titles that name it say
        self.role_relations = {t.role: t.relation for t in gazetteer.role_titles}
        #: (role, institution) → the people who held it, with the dates, for "Presiden Indonesia"
        self.offices: dict[tuple[str, str], list[tuple[str, Role]]] = {}
        for person_id, entry in gazetteer.entries.items():
            for role in entry.roles:
                if role.of:
                    self.offices.setdefault((role.role, role.of), []).append((person_id, role))
        self._add_names(nlp, gazetteer.names())
        #: lower-case names of countries and places, for datelines ("SEOUL")
        self.place_names = {
            name.lower(): entity_id
            for name, entity_id in gazetteer.names()
            if gazetteer.get(entity_id).type in ("Country", "Location")
        }
        self._add_titles(nlp, gazetteer.role_titles)
        # "Russian", "North Korean": stand for their country; the first one is its adjective
        self.demonym_of: dict[str, str] = {}
        for lang, demonym, entity_id in gazetteer.demonyms:
            if entity_id in gazetteer:
                match_id = f"demonym:{entity_id}"
                self.name_matcher.add(match_id, [nlp.make_doc(demonym)])
                self._ids[nlp.vocab.strings.add(match_id)] = (entity_id, True)
                if lang == "en":
                    self.demonym_of.setdefault(entity_id, demonym)
        # "Russian troops", "tentara Israel", "pengunjuk rasa Korea Selatan"
        self.sector_words: dict[str, SectorWord] = {}
        for row in gazetteer.sector_words:
            key = row.word.lower()
            if row.lang == self.lang and key not in self.sector_words:
                self.sector_words[key] = row
                self._add_word(nlp, "sector", key, row.word)

    def __len__(self) -> int:
        return len(self._name_ids)

    def __call__(self, doc: Doc) -> Doc:
        mentions, new_entities = self.recognize(doc)
        self.set_annotations(doc, mentions, new_entities)
        return doc

    def _add_names(self, nlp: Language, names: Iterable[tuple[str, str]]) -> None:
        by_id: dict[str, list[Doc]] = {}
        for name, entity_id in names:
            by_id.setdefault(entity_id, []).append(nlp.make_doc(name))
        for entity_id, docs in by_id.items():
            self.name_matcher.add(entity_id, docs)
            self._ids[nlp.vocab.strings.add(entity_id)] = (entity_id, False)
            self._name_ids.add(entity_id)

    def _add_titles(self, nlp: Language, titles: Iterable[RoleTitle]) -> None:
        for title in titles:
            if title.lang != self.lang:
                continue  # Indonesian "Mayor" is a rank, not a city's mayor
            forms = [title.title]
            if title.lang == "en" and not title.title.endswith("s"):
                forms.append(title.title + "s")  # "G7 foreign ministers"
            for form in forms:
                key = form.lower()
                if " " not in key:
                    self.title_words.add(key)
                if key not in self.titles:
                    self.titles[key] = title
                    self._add_word(nlp, "title", key, form)

    def _add_word(self, nlp: Language, kind: str, key: str, phrase: str) -> None:
        match_id = f"{kind}:{key}"
        self._word_keys[nlp.vocab.strings.add(match_id)] = (kind, key)
        self.word_matcher.add(match_id, [nlp.make_doc(phrase)])

    def _title_and_sector_words(
        self, doc: Doc
    ) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
        """The matches of titles and of sector nouns, each list in the matcher's order."""
        found: dict[str, list[tuple[str, int, int]]] = {"title": [], "sector": []}
        for match_id, start, end in self.word_matcher(doc):
            kind, key = self._word_keys[match_id]
            found[kind].append((key, start, end))
        return found["title"], found["sector"]

    def recognize(self, doc: Doc) -> tuple[list[Mention], dict[str, Entity]]:
        """Return the mentions in ``doc`` and the entities they refer to."""
        found: list[tuple[str, int, int]] = []
        demonyms: list[tuple[str, int, int]] = []
        ids = self._ids
        for key, start, end in self.name_matcher(doc):
            entity_id, demonym = ids[key]
            (demonyms if demonym else found).append((entity_id, start, end))
        adjectives = {(start, end) for _, start, end in demonyms}
        names = {
            (start, end): Mention(
                start, end, (key,), kind="demonym" if (start, end) in adjectives else "name"
            )
            for key, start, end in _longest(found + demonyms)
        }
        entities: dict[str, Entity] = {}
        known: dict[str, tuple[tuple[str, ...], str | None]] = {}  # id → roles, seat of power
        date = _article_date(doc)
        for mention in names.values():
            entity_id = mention.entities[0]
            if entity_id not in known:  # names recur: look each entity up once
                entities[entity_id] = self.gazetteer.get(entity_id)
                seat_of = self.gazetteer.stands_for(entity_id)
                seat_of = seat_of if seat_of is not None and seat_of in self.gazetteer else None
                known[entity_id] = (self._roles_on(entity_id, date), seat_of)
            mention.roles, seat_of = known[entity_id]
            if seat_of is not None:
                mention.stands_for = (seat_of,)
                entities[seat_of] = self.gazetteer.get(seat_of)
        title_matches, sector_matches = self._title_and_sector_words(doc)
        # "Niger's military ruler": the title, not the sector noun "military"
        sector_matches = [
            (key, start, end)
            for key, start, end in sector_matches
            if not any(ts <= start < te and te > end for _, ts, te in title_matches)
        ]
        names = self._with_sectors(doc, names, entities, sector_matches)
        names = _with_bracketed_aliases(doc, names)
        starts = {m.start: m for m in names.values()}
        ends = {m.end: m for m in names.values()}
        mentions = list(names.values())
        titles = _longest(title_matches)
        in_names = {i for m in names.values() for i in range(m.start, m.end)}
        # a title word inside a name ("Secretary" in an organisation name) is none
        own_titles = [(key, start, end) for key, start, end in titles if start not in in_names]
        # organisations first, so that "Peneliti Pusat Kajian Maritim, X" is X of that centre
        title_words = [Mention(start, end, ()) for _, start, end in own_titles]
        sent_starts = sentence_starts(doc)
        organisations = self._unknown_organisations(
            doc, mentions + title_words, entities, sent_starts
        )
        organisations += self._unknown_places(doc, mentions + organisations, entities, sent_starts)
        mentions += organisations
        names.update({(m.start, m.end): m for m in organisations})
        starts.update({m.start: m for m in organisations})
        ends.update({m.end: m for m in organisations})
        previous: tuple[int, int, Mention | None] | None = None
        for key, start, end in own_titles:
            mention = self._titled(
                doc, (start, end), self.titles[key], starts, ends, entities, sent_starts
            )
            if mention is not None and previous is not None:
                mention = self._double_title(doc, previous, start, mention, mentions)
            if mention is not None:
                mentions.append(mention)
            previous = (start, end, mention)
        self._appositions(doc, names, entities, mentions, titles, sent_starts)
        mentions += self._speakers(doc, mentions, entities, sent_starts)
        table = token_table(doc)
        mentions = [m for m in _without_overlaps(mentions) if not _names_currency(table, m)]
        for entity in list(entities.values()):  # officials act for their country
            if (
                entity.country
                and entity.country not in entities
                and entity.country in self.gazetteer
            ):
                entities[entity.country] = self.gazetteer.get(entity.country)
        return mentions, entities

    def _titled(
        self,
        doc: Doc,
        title_span: tuple[int, int],
        title: RoleTitle,
        starts: dict[int, Mention],
        ends: dict[int, Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> Mention | None:
        """A title with its institution and the person named after it.

        "Menteri Luar Negeri Korea Selatan Cho Tae-yul" → Cho Tae-yul (role, of KOR);
        "U.S. Secretary of State Antony Blinken" → Blinken (of USA);
        "para menteri G7" → G7 (the office stands for the institution).
        """
        title_start, title_end = title_span
        start, cursor = title_span
        table = token_table(doc)
        lower = table.lower
        if start > 0 and lower[start - 1] in _NOT_HOLDER:
            start -= 1  # "Wakil Sekretaris Jenderal PBB X": a deputy, affiliated with the office
            if title.relation == "leaderOf":
                title = replace(title, relation="affiliatedWith")
        plural = lower[title_end - 1].endswith("s") and title.lang == "en"
        of: Mention | None = None
        # institution before the title: "Japan's Foreign Minister X", "G7 foreign ministers",
        # "the Houthis' military spokesman" (up to two modifiers between)
        modifiers = start
        while (
            modifiers > 0
            and start - modifiers < 2
            # "ECOWAS Commission President X": an organisation word may stand between
            and (self._modifier(doc, modifiers - 1) or lower[modifiers - 1] in self.actor_words)
        ):
            modifiers -= 1
        for before in (start, modifiers):
            if before > 0 and lower[before - 1] in self.words.possessive_markers:
                before -= 1
            if before in ends and self._is_institution(ends[before], entities):
                of = ends[before]
                start = of.start
                break
        if start > 0 and lower[start - 1] in self.words.plural_markers:
            start -= 1
            plural = True
        # institution after the title: "Menteri Luar Negeri Amerika Serikat X"
        after = starts.get(cursor)
        if (
            of is None
            and after is not None
            and self._is_institution(after, entities)
            # "Defence Minister Wellington Koo": a seat of power before a name is a given name
            and not (
                after.stands_for and _name_run(table, after.end, starts, sent_starts) > after.end
            )
        ):
            of = after
            cursor = of.end
        if of is not None and _bracketed_acronym(table, cursor):
            cursor += 3  # "Kepala Badan Nasional Penanggulangan Bencana (BNPB) Suharyanto"
        field = starts.get(cursor)
        if (
            of is None
            and title.relation == "affiliatedWith"
            and (field is None or entities[field.entities[0]].type == "Location")
        ):
            # "Pengamat Timur Tengah dari Pusat Studi X, Rizal Mahendra": a field, then
            # "dari"/"at" and the institution, then the name after a comma
            found = self._institution_after_field(doc, cursor, starts, entities, sent_starts)
            if found is not None:
                of, cursor = found, found.end
        person = starts.get(cursor)
        named = person is not None and entities[person.entities[0]].type == "Person"
        # "Juru bicara militer Houthi, X": an institution after a modifier or two
        for k in (cursor + 1, cursor + 2):
            if named or of is not None or k >= len(doc) or not self._modifier(doc, k - 1):
                break
            if k in starts and self._is_institution(starts[k], entities):
                of, cursor = starts[k], starts[k].end
                break
        # "Moscow's envoy in Vienna, X", "Duta Besar Rusia untuk organisasi-organisasi
        # internasional di Wina, X", "Juru bicara junta, X", "Its spokesman, X": the name
        # after the comma that closes the title's phrase
        comma = None if named else self._phrase_comma(doc, cursor, starts, sent_starts)
        possessive = start > 0 and lower[start - 1] in POSSESSIVE_PRONOUNS.get(self.lang, {})
        anaphoric = of is None and comma is not None and (possessive or comma - cursor <= 2)
        if comma is not None and (of is not None or anaphoric):
            cursor = comma
        if (
            not named
            and (of is not None or anaphoric)
            and cursor + 1 < len(doc)
            and table.text[cursor] == ","
        ):
            # "The Houthis' military spokesman, Yahya Saree, said": the name after a comma
            after = starts.get(cursor + 1)
            if after is not None and entities[after.entities[0]].type == "Person":
                person = after  # the mention runs from the institution to the name
            else:  # "Juru bicara junta, Mayor Jenderal Zaw Min Tun": ranks are no part of a name
                rank_end = self._after_ranks(doc, cursor + 1)
                if _name_run(table, rank_end, starts, sent_starts) - rank_end >= 2:
                    cursor = rank_end
        if person is not None and entities[person.entities[0]].type == "Person":
            # "Menteri Luar Negeri Sugiono": the gazetteer knows whose minister he is
            title_of = _institution(of) if of else self._office_held(person.entities[0], title, doc)
            if title.role == "counterpart" and title_of is not None:
                # "his Rwandan counterpart Paul Kagame": the counterpart of a president leads
                # the country, as the gazetteer knows he does on the article's date
                roles = self._roles_on(person.entities[0], _article_date(doc))
                if any(self.role_relations.get(r) == "leaderOf" for r in roles):
                    title = replace(title, relation="leaderOf")
            if title_of is None and title.relation == "affiliatedWith":
                # "Deputy Prime Minister Richard Marles": an office the gazetteer does not
                # list, of the person's own country
                title_of = entities[person.entities[0]].country
            if title_of is not None and title_of not in entities:
                entities[title_of] = self.gazetteer.get(title_of)
            return Mention(
                start, person.end, person.entities, kind="role", title=title, title_of=title_of
            )
        # the name may begin with a place's name ("Wellington Koo"), never with another actor
        given = after is not None and after.stands_for and of is None and after.start == cursor
        taken = {k: v for k, v in starts.items() if k != cursor} if given else starts
        if not given:  # "junta leader General Abdourahamane Tiani": a rank is no part of a name
            ranked = self._after_ranks(doc, cursor)
            if ranked > cursor and _name_run(table, ranked, taken, sent_starts) - ranked >= 2:
                cursor = ranked
        name_end = _name_run(table, cursor, taken, sent_starts)
        # one capitalised word is too weak a name, except an Indonesian one-word name
        # between an institution and a verb ("Kepala BNPB Suharyanto mengatakan")
        mononym = (
            self.lang == "id"
            and of is not None
            and name_end - cursor == 1
            and name_end < len(doc)
            and looks_like_verb(lower[name_end], "id")
        )
        if (name_end - cursor >= 2 or mononym) and not plural:
            name = table.span_text(cursor, name_end)
            ministry = self._office_before(lower, title_start)
            if ministry is not None and title.sector not in ("GOV", "MIL"):
                # "Foreign ministry spokesman Meles Alem": a government's spokesman
                title = replace(title, sector=ministry)
            if of is None and title.sector in ("GOV", "MIL") and not anaphoric:
                # "The Netherlands said ..., and Defense Minister X announced": a minister the
                # gazetteer does not know is most likely of the state the sentence opened
                # with; else, in a story from a capital ("WARSAW ... Foreign Minister
                # Radoslaw Sikorski"), of that country
                opening = start - 2 if ministry is not None and start == title_start else start
                home = self._sentence_country(doc, opening, starts, entities, sent_starts)
                home = home or self._dateline_country(doc)
                if home is not None:
                    entities.setdefault(home, self.gazetteer.get(home))
                    of = Mention(cursor, cursor, (home,), kind="dateline")
            entity = Entity(
                id=entity_id_for_name(name),
                label=name,
                type="Person",
                country=self._country_of(of, entities),
                sector=title.sector,
            )
            entities.setdefault(entity.id, entity)
            return Mention(
                start,
                name_end,
                (entity.id,),
                kind="new",
                title=title,
                title_of=_institution(of) if of else None,
            )
        if of is not None:
            end = max(of.end, title_end)
            # "wakil menteri luar negeri Korea Utara" is a deputy, not the minister
            deputy = title_start > 0 and lower[title_start - 1] in _NOT_HOLDER
            holder = None if plural or deputy else self._holder(title, _institution(of), doc)
            if holder is not None:  # "Presiden Indonesia" in October 2024: Prabowo
                entities.setdefault(holder, self.gazetteer.get(holder))
                return Mention(
                    start, end, (holder,), kind="role", title=title, title_of=_institution(of)
                )
            return Mention(
                start, end, (_institution(of),), kind="office", plural=plural, title=title
            )
        return Mention(start, title_end, (), kind="title", title=title, plural=plural)

    def _with_sectors(
        self,
        doc: Doc,
        names: dict[tuple[int, int], Mention],
        entities: dict[str, Entity],
        sector_matches: list[tuple[str, int, int]],
    ) -> dict[tuple[int, int], Mention]:
        """Grow country mentions over a sector noun: "Russian troops" → Russia, and
        "pengunjuk rasa Korea Selatan" → a new group, South Korean protesters."""
        hits = _longest(sector_matches)
        after = {start: (key, start, end) for key, start, end in hits}
        before = {end: (key, start, end) for key, start, end in hits}
        lower = token_table(doc).lower
        grown: dict[tuple[int, int], Mention] = {}
        used: set[int] = set()
        for (start, end), mention in names.items():
            entity = entities.get(mention.entities[0])
            if (
                entity is not None
                and entity.type == "Location"
                and entity.country in self.gazetteer
            ):
                entity = self.gazetteer.get(entity.country)  # "warga Gaza": people of Palestine
                entities.setdefault(entity.id, entity)
            span = None
            if entity is not None and entity.type == "Country":
                if self.lang != "en":
                    span = before.get(start)
                elif end < len(doc) and lower[end] in self.words.possessive_markers:
                    span = after.get(end + 1)  # "South Korea's military"
                else:
                    span = after.get(end)
            row = self.sector_words.get(span[0]) if span is not None else None
            if row is None:
                grown[(start, end)] = mention
                continue
            used.add(span[1])
            first, last = min(start, span[1]), max(end, span[2])
            entity_id = entity.id
            if row.kind == "group":
                group = self._group(entity, row)
                entities.setdefault(group.id, group)
                entity_id = group.id
            grown[(first, last)] = replace(
                mention, start=first, end=last, entities=(entity_id,), kind="sector"
            )
        taken = {i for start, end in grown for i in range(start, end)}
        texts = token_table(doc).text
        for key, start, end in hits:
            row = self.sector_words.get(key)
            proper = end - start > 1 and all(t[:1].isupper() for t in texts[start:end])
            if start in used or row is None or row.kind != "country" or not proper:
                continue
            if not taken.isdisjoint(range(start, end)):
                continue
            # "Kementerian Luar Negeri memanggil ...": a national body named on its own is
            # the dateline country's
            home = self._dateline_country(doc)
            if home is not None:
                entities.setdefault(home, self.gazetteer.get(home))
                grown[(start, end)] = Mention(start, end, (home,))
        return grown

    def _group(self, country: Entity, row: SectorWord) -> Entity:
        """A group of a country's people named by a noun: "South Korean protesters"."""
        english = f"{self.demonym_of.get(country.id, country.label)} {row.english}"
        labels = [("en", english)]
        local = next((name for lang, name in country.labels if lang == "id"), None)
        if self.lang == "id" and local:
            labels.append(("id", f"{row.word} {local}"))
        return Entity(
            id=f"{country.id}_{entity_id_for_name(row.english)}",
            label=english,
            type="Group",
            country=country.id,
            sector=row.sector,
            labels=tuple(labels),
        )

    def _unknown_places(
        self,
        doc: Doc,
        mentions: list[Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> list[Mention]:
        """Names after a place noun the gazetteer lacks: "desa Novodmytrivka", "the village
        of Mykolaivka", "negara bagian Rakhine"."""
        table = token_table(doc)
        lower, text = table.lower, table.text
        at = table.positions(self.words.place_nouns, lower=True)
        if not at:
            return []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for i in at:
            start = i + 1
            if not text[i].islower():
                # "Koridor Netzarim", "Galwan Valley" inside a sentence: the noun is part of the
                # name; at a sentence start or before a known name ("Kota Gaza") it is not used
                if sent_starts[i] or i in taken or start in taken:
                    continue
                start = i
                if i > 0 and (lower[i - 1], lower[i]) == ("negara", "bagian"):
                    start = i - 1  # "Negara Bagian Shan": a state, named with both words
            if self.lang == "en" and start < len(lower) and lower[start] == "of":
                start += 1
            elif self.lang == "en" and text[i].islower():
                # "the Ta Moan Thom temple", "Sisaket province": the name comes first
                before = _capitalised_run_before(table, i, taken, sent_starts)
                if before is not None:
                    found.append(_new_mention(table, before, i, "Location", entities))
                    taken.update(range(before, i))
                    continue
            end = start
            while end < len(lower) and end - start < 3 and end not in taken:
                if not (text[end].istitle() and text[end].isalpha()) or (
                    end > start and sent_starts[end]
                ):
                    break
                end += 1
            if end == start or (start == i and end - start < 2):
                continue
            found.append(_new_mention(table, start, end, "Location", entities))
            taken.update(range(start, end))
        return found

    def _first_of_two(self, lower: list[str], start: int, end: int) -> int:
        """ "Ocean Lark Ltd and Tai Feng Maritime": two names, each ending in a word that
        makes it an organisation, not one (but "Centre for Strategic and ... Studies")."""
        words = self.actor_words
        for k in range(start + 1, end - 1):
            if lower[k] == "and" and lower[k - 1] in words and lower[end - 1] in words:
                return k
        return end

    def _unknown_organisations(
        self,
        doc: Doc,
        mentions: list[Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> list[Mention]:
        """Capitalised names the gazetteer lacks, typed by a word in them ("Badan Intelijen ...").

        An acronym in brackets right after the name becomes an alias ("... Nasional (NIS)").
        """
        taken = {i for m in mentions for i in range(m.start, m.end)}
        places = frozenset(
            i
            for m in mentions
            if m.entities and entities[m.entities[0]].type == "Location"
            for i in range(m.start, m.end)
        )
        countries = {
            m.start: m
            for m in mentions
            if m.kind == "name" and m.entities and entities[m.entities[0]].type == "Country"
        }
        country_tokens = frozenset(i for m in countries.values() for i in range(m.start, m.end))
        table = token_table(doc)
        lower, text = table.lower, table.text
        found = []
        resume = 0  # names do not overlap: the next one starts here or later
        # "Black Sea Grain Initiative": a name may start with a sea's or a region's name
        # (not with a country's place: "Gaza Health Ministry" is Gaza's)
        free = {
            m.start
            for m in mentions
            if m.entities
            and entities[m.entities[0]].type == "Location"
            and (
                not entities[m.entities[0]].country
                # "the Dhaka Institute of Border Studies": a city naming an institution
                or (m.end < len(lower) and lower[m.end] in self.actor_words)
            )
        }
        starts = [
            i
            for i, t in enumerate(text)
            if t[0].isupper() and t.isalpha() and (i not in taken or i in free)  # (never empty)
        ]
        for i in starts:  # capitalised words outside the mentions
            if i < resume:
                continue
            end = _capitalised_run(table, sent_starts, i, taken, places, country_tokens)
            end = self._first_of_two(lower, i, end)
            kind = next((self.actor_words[w] for w in lower[i:end] if w in self.actor_words), None)
            if kind is None and end - i >= 2 and self._named_group(lower, i, end):
                kind = "ArmedGroup"  # "the Viv Ansanm gang", "kelompok Jamaah Ansharut Daulah"
            if lower[i] == "the" and end - i > 2:
                i += 1  # "The Polisario Front said ...": the article is no part of the name
            if end - i < 2 or kind is None:
                resume = max(end, i + 1)
                continue
            row = self.sector_words.get(" ".join(lower[i:end]))
            home = (
                self._dateline_country(doc) if row is not None and row.kind == "country" else None
            )
            if home is not None and end not in countries:
                # "Kementerian Luar Negeri menyebut ...", "the Foreign Office said": an office
                # named without its country is the dateline country's
                entities.setdefault(home, self.gazetteer.get(home))
                found.append(Mention(i, end, (home,), kind="sector"))
                resume = end
                continue
            if row is not None and row.kind == "country" and end not in countries:
                resume = end  # "Foreign Office" with no dateline: some state's, not a name
                continue
            country = countries.get(end) if self.lang == "id" else None
            if country is not None and kind == "Organization":
                # "Biro Perikanan Filipina": an office of that state, like "Kementerian
                # Pertahanan Filipina"; the country stands for it
                found.append(replace(country, start=i, kind="sector"))
                resume = country.end
                continue
            name = table.span_text(i, end)
            aliases: tuple[tuple[str, str], ...] = ()
            stop = end
            text = table.text
            bracketed = end + 2 < len(doc) and text[end] == "(" and text[end + 2] == ")"
            if bracketed and text[end + 1].isupper():  # token.is_upper
                aliases = ((self.lang, text[end + 1]),)
                stop = end + 3  # the mention takes in "(KPU)"
            entity = Entity(
                id=entity_id_for_name(name),
                label=name,
                type=kind,
                labels=((self.lang, name),),
                aliases=aliases,
            )
            entities.setdefault(entity.id, entity)
            found.append(Mention(i, stop, (entity.id,), kind="new"))
            resume = stop
        return found

    def _institution_after_field(
        self,
        doc: Doc,
        i: int,
        starts: dict[int, Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> Mention | None:
        """The institution after an expert's field and "dari"/"at"/"from", if one is there."""
        table = token_table(doc)
        k = _field_preposition(table, i, starts, entities, steps=5)
        if k is None:
            return None
        after = starts.get(k + 1)
        named = (  # only when the person's name follows: ", Rizal Mahendra,"
            after is not None
            and after.end + 1 < table.length
            and table.text[after.end] == ","
            and _name_run(table, after.end + 1, starts, sent_starts) - after.end - 1 >= 2
        )
        return after if named and self._is_institution(after, entities) else None

    def _speakers(
        self,
        doc: Doc,
        mentions: list[Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> list[Mention]:
        """People the gazetteer lacks, named next to a speech verb: '"...," said Dren Gashi',
        "Jimmy Cherizier said", "kata Rizal Mahendra". Two to four name words, none of
        them an organisation's."""
        table = token_table(doc)
        lower = table.lower
        at = list(table.positions(_SPEECH_VERBS.get(self.lang, frozenset()), lower=True))
        # "Jimmy Cherizier, the former police officer who ...,": a name opening a sentence,
        # described by an apposition
        at += [
            c + 1
            for c in table.positions(_COMMA)
            if c >= 2
            and c + 2 < table.length
            and lower[c + 1] in _APPOSITION_ARTICLES
            and table.text[c + 2].islower()
        ]
        if not at:
            return []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for i in at:
            if lower[i] in _APPOSITION_ARTICLES:
                end = i - 1
                start = _name_run_backwards(table, sent_starts, end, {})
                if not sent_starts[start]:
                    continue  # only a name that opens its sentence
            else:
                # after the verb ("said Dren Gashi"), or before it ("Jimmy Cherizier said")
                start = i + 1
                end = _name_run(table, start, {}, sent_starts)
                if end - start < 2:
                    end = i
                    start = _name_run_backwards(table, sent_starts, end, {})
            if end - start < 2 or not taken.isdisjoint(range(start, end)):
                continue
            if any(w in self.actor_words or w in _NOT_PERSON_WORDS for w in lower[start:end]):
                continue
            found.append(_new_mention(table, start, end, "Person", entities))
            taken.update(range(start, end))
        return found

    def _named_group(self, lower: list[str], start: int, end: int) -> bool:
        """Whether a group noun stands after (English) or before (Indonesian) a name."""
        if self.lang == "en":
            return end < len(lower) and lower[end] in _GROUP_NOUNS
        return start > 0 and lower[start - 1] in _GROUP_NOUNS

    def _after_ranks(self, doc: Doc, i: int) -> int:
        """The first token after title words such as "Mayor Jenderal" at ``i``."""
        lower = token_table(doc).lower
        while i < len(doc) and lower[i] in self.title_words:
            i += 1
        return i

    @staticmethod
    def _double_title(
        doc: Doc,
        previous: tuple[int, int, Mention | None],
        start: int,
        mention: Mention,
        mentions: list[Mention],
    ) -> Mention:
        """ "Wakil Perdana Menteri sekaligus Menteri Pertahanan Australia Richard Marles": the
        person's mention starts at the first title."""
        first_start, first_end, first_mention = previous
        lower = token_table(doc).lower
        joined = first_end + 1 == start and lower[first_end] in _TITLE_JOINERS
        if not joined or mention.kind not in ("role", "new") or mention.start != start:
            return mention
        if first_mention is not None:
            if first_mention.kind not in ("title", "office") or first_mention not in mentions:
                return mention
            mentions.remove(first_mention)
        return replace(mention, start=first_start)

    def _modifier(self, doc: Doc, i: int) -> bool:
        """A lower-case noun or adjective ("militer", "senior"), not a verb or function word."""
        table = token_table(doc)
        lower, text = table.lower[i], table.text[i]
        return (
            (text.islower() or lower in _NOT_HOLDER)  # "Chinese Vice Foreign Minister X"
            and text.isalpha()
            and not looks_like_verb(lower, self.lang)
            # "Eritrea accused Prime Minister X": a past tense, not a modifier of the title
            and not (self.lang == "en" and lower.endswith("ed") and lower not in _TITLE_PARTICIPLES)
            and lower not in self.words.vp_adverbs
            and lower not in self.words.prepositions
            and lower not in self.words.coordinators
            # "Sudan recalled its ambassador": a possessive starts the title's phrase
            and lower not in POSSESSIVE_PRONOUNS.get(self.lang, {})
            and lower not in _APPOSITION_ARTICLES  # "Mali expelled the ambassador of France"
        )

    def _phrase_comma(
        self, doc: Doc, i: int, starts: dict[int, Mention], sent_starts: list[bool]
    ) -> int | None:
        """The comma that ends a title's phrase within a few words of ``i``, if only
        lower-case words, prepositions and names stand before it."""
        table = token_table(doc)
        texts, lowers = table.text, table.lower
        j = i
        placed = False  # after "untuk"/"in", a name may follow: "untuk Laut Filipina Barat"
        while j < table.length and j - i <= 8:
            text = texts[j]
            if text == ",":
                return j
            if j in starts:
                j = starts[j].end
                continue
            if sent_starts[j] and j > i:
                return None
            if not (text.islower() or text == "-" or (placed and text.istitle())):
                return None
            placed = placed or lowers[j] in self.words.prepositions
            j += 1
        return None

    def _office_before(self, lower: list[str], start: int) -> str | None:
        """The sector of a state's office named in the two words before ``start``
        ("foreign ministry", "Defence Ministry"), if any."""
        if start < 2:
            return None
        row = self.sector_words.get(f"{lower[start - 2]} {lower[start - 1]}")
        return row.sector if row is not None and row.kind == "country" else None

    def _sentence_country(
        self,
        doc: Doc,
        before: int,
        starts: dict[int, Mention],
        entities: dict[str, Entity],
        sent_starts: list[bool],
    ) -> str | None:
        """The country named first in the sentence, as a subject, before token ``before``,
        when the title opens a new clause ("X said ..., and Defense Minister Y announced"),
        not when it is an object ("Eritrea accused Prime Minister Y")."""
        table = token_table(doc)
        lower, text = table.lower, table.text
        k = before  # back over the rest of the title: "Eritrean Information Minister"
        while k > 0 and not sent_starts[k] and text[k - 1].istitle() and k - 1 not in starts:
            k -= 1
        own = starts.get(k - 1) if k > 0 else None
        if own is not None and own.end == k and own.entities:
            entity = entities.get(own.entities[0])
            if entity is not None and entity.type == "Country":
                return entity.id
        if k > 0 and not sent_starts[k] and lower[k - 1] not in _CLAUSE_OPENERS:
            return None
        first = before
        while first > 0 and not sent_starts[first]:
            first -= 1
        if first == k and first > 0:
            # "Croatia's foreign ministry rejected ... . Foreign Minister X denied ...": a
            # title opening its sentence is of the country the sentence before opened with
            first -= 1
            while first > 0 and not sent_starts[first]:
                first -= 1
        for i in range(first, before):
            mention = starts.get(i)
            if mention is None or not mention.entities:
                continue
            entity = entities.get(mention.entities[0])
            if entity is not None and mention.stands_for:  # "Islamabad had recalled ..."
                entity = entities.get(mention.stands_for[0])
            oblique = i > 0 and lower[i - 1] in self.words.prepositions
            # "Serbian President Aleksandar Vucic ... accused Prime Minister Albin Kurti": the
            # country of another office holder's title is not this minister's
            titled = mention.end < before and lower[mention.end] in self.title_words
            if entity is not None and entity.type == "Country" and not oblique and not titled:
                return entity.id
        return None

    def _dateline_country(self, doc: Doc) -> str | None:
        """The country whose capital (or own name) the article's dateline gives."""
        article = doc._.kgraph_article
        place = (article.place or "").strip().lower() if article is not None else ""
        entity_id = self.place_names.get(place)
        if entity_id is None:
            return None
        entity = self.gazetteer.get(entity_id)
        if entity.type == "Country":
            return entity_id
        capital_of = self.gazetteer.stands_for(entity_id)
        seat = self.gazetteer.get(capital_of) if capital_of else None
        return capital_of if seat is not None and seat.type == "Country" else None

    def _holder(self, title: RoleTitle, of: str, doc: Doc) -> str | None:
        """Who held the office on the article's (full) date, when the gazetteer knows one person.

        Only for offices one person holds at a time (leaders and ministers): "the U.S.
        ambassador" could be any of many.
        """
        date = _article_date(doc)
        if date is None or not (title.relation == "leaderOf" or title.role.endswith("minister")):
            return None
        holders = [
            person
            for person, role in self.offices.get((title.role, of), [])
            if (role.start or "") <= date <= (role.end or "9999")
        ]
        return holders[0] if len(set(holders)) == 1 else None

    def _roles_on(self, person_id: str, date: str | None) -> tuple[str, ...]:
        """Offices a known person holds on ``date``, the article's (all, without a date)."""
        entry = self.gazetteer.entries.get(person_id)
        if entry is None or not entry.roles:
            return ()
        return tuple(
            r.role
            for r in entry.roles
            if date is None or (r.start or "") <= date <= (r.end or "9999")
        )

    def _office_held(self, person_id: str, title: RoleTitle, doc: Doc) -> str | None:
        """Where a known person held the office a title names, on the article's date.

        Without a full article date, the latest such office counts.
        """
        entry = self.gazetteer.entries.get(person_id)
        if entry is None:
            return None
        known = [r for r in entry.roles if r.of in self.gazetteer]
        # "Foreign Minister X" names the office; "leader X", "Menteri X" only its kind
        held = [r for r in known if r.role == title.role] or [
            r for r in known if r.role.endswith("_" + title.role)
        ]
        if not held and title.relation == "leaderOf":
            held = [r for r in known if self.role_relations.get(r.role) == "leaderOf"]
        date = _article_date(doc)
        if date is not None:
            current = [r for r in held if (r.start or "") <= date <= (r.end or "9999")]
            held = current or held
        held.sort(key=lambda r: r.start or "")
        return held[-1].of if held else None

    def _appositions(
        self,
        doc: Doc,
        names: dict[tuple[int, int], Mention],
        entities: dict[str, Entity],
        mentions: list[Mention],
        titles: list[tuple[str, int, int]],
        sent_starts: list[bool],
    ) -> None:
        """People described by an apposition, which then belongs to their mention.

        "Doyeon Kim, seorang analis di CNAS", "Penny Wong, Australia's foreign minister",
        "Retno Marsudi, the Indonesian foreign minister": the person's mention grows to
        cover the title and its institution, so that "Indonesia" inside it is not read
        as an actor of its own. ``titles`` are the title matches, longest where they overlap.
        """
        starts = {m.start: m for m in names.values()}
        ends = {m.end: m for m in names.values()}
        table = token_table(doc)
        lower, text = table.lower, table.text
        for key, start, end in titles:
            title = self.titles[key]
            of: Mention | None = None
            cursor = start - 1
            # "Cambodia's former prime minister": a former (or deputy) holder is affiliated
            # with the office's state, not its leader
            while cursor >= 1 and lower[cursor] in _NOT_HOLDER and start - cursor <= 2:
                if title.relation == "leaderOf":
                    title = replace(title, relation="affiliatedWith")
                cursor -= 1
            possessive = cursor >= 1 and lower[cursor] in self.words.possessive_markers
            if possessive and cursor in ends and self._is_institution(ends[cursor], entities):
                of = ends[cursor]  # "Australia's foreign minister"
            elif cursor + 1 in ends and self._is_institution(ends[cursor + 1], entities):
                of = ends[cursor + 1]  # "the Indonesian foreign minister"
            field = ends.get(cursor + 1) if of is None else None
            if field is not None and entities[field.entities[0]].type == "Location":
                cursor = field.start - 1  # "a South Caucasus analyst at ...": a field
            if (
                of is not None
                and not possessive
                and title.relation == "affiliatedWith"
                and end < table.length
                and lower[end] in _FIELD_PREPOSITIONS
            ):
                # "a North Korea researcher at the X Institute": the country is the field
                cursor, of = of.start - 1, None
            if of is not None:
                cursor = of.start - 1
                # "the former Indonesian foreign minister"
                while cursor >= 1 and lower[cursor] in _NOT_HOLDER:
                    if title.relation == "leaderOf":
                        title = replace(title, relation="affiliatedWith")
                    cursor -= 1
            # "Carmela Reyes, a maritime security analyst at ...": modifiers, then an article
            # an expert's field may be capitalised: "a South Caucasus analyst at ..."
            expert = (
                title.relation == "affiliatedWith"
                and end < table.length
                and lower[end] in _FIELD_PREPOSITIONS
            )
            for _ in range(3):
                # token.is_lower and token.is_alpha
                if (
                    of is None
                    and cursor >= 0
                    and (text[cursor].islower() or expert)
                    and text[cursor].isalpha()
                ):
                    if lower[cursor] in _APPOSITION_ARTICLES:
                        break
                    cursor -= 1
            while cursor >= 0 and lower[cursor] in _APPOSITION_ARTICLES:
                cursor -= 1
            if cursor < 1 or text[cursor] != ",":
                continue
            if self._relative_predicate(lower, cursor + 1, start):
                continue  # "Prabowo, yang bertemu Presiden China Xi": not China's president
            person = ends.get(cursor)
            if person is None:
                name_start = _name_run_backwards(table, sent_starts, cursor, names)
                for _, title_start, title_end in titles:
                    if title_start <= name_start < title_end:
                        # "Forum Secretary General Baron Waqa, a former ...": no title in a name
                        name_start = title_end
                if cursor - name_start < 2:
                    continue
                person = _new_mention(table, name_start, cursor, "Person", entities)
                mentions.append(person)
            elif entities[person.entities[0]].type != "Person":
                continue
            last = end
            if of is None:  # "analis di Y", "foreign minister of Y"
                after = end
                # "peneliti Afrika di Pusat Kajian ...", "pengamat keamanan internasional dari
                # ...": an expert's field of up to three words comes first
                field_end = _field_preposition(
                    table, after, starts, entities, steps=4, before=end + 3
                )
                if field_end is not None:
                    after = field_end
                if after < len(doc) and lower[after] in self.words.prepositions:
                    after += 1
                if after < len(doc) and lower[after] in _APPOSITION_ARTICLES:
                    after += 1  # "an analyst at the Pacific Straits Institute"
                place = starts.get(after)
                if (
                    place is not None
                    and place.end + 1 < len(doc)
                    and text[place.end] == "-"
                    and lower[place.end + 1] in ("based", "headquartered")
                ):
                    after = place.end + 2  # "at the Nairobi-based Horn Policy Institute"
                if after in starts and self._is_institution(starts[after], entities):
                    of = starts[after]
                    last = of.end
            if of is None:
                continue
            # the title the person came with stays theirs too
            # ("Presiden Kenya William Ruto, yang menjabat ketua EAC": the role mention)
            previous = next(
                (
                    m
                    for m in mentions
                    if m.end == person.end and m.entities == person.entities and m.title
                ),
                person,
            )
            kept = previous.earlier_titles
            if (
                previous.title is not None
                and previous.title_of is not None
                and previous.title_of != _institution(of)
            ):
                kept += ((previous.title, previous.title_of),)
            person = previous
            grown = Mention(
                person.start,
                last,
                person.entities,
                kind=person.kind,
                title=title,
                title_of=_institution(of),
                earlier_titles=kept,
            )
            # a person may have two titles in one apposition: replace whichever is there now
            at = next(
                (
                    i
                    for i, m in enumerate(mentions)
                    if (m.start, m.entities) == (person.start, person.entities)
                ),
                None,
            )
            if at is None:
                mentions.append(grown)
            else:
                mentions[at] = grown
            entity = entities[person.entities[0]]
            if person.kind == "new" and entity.country is None:
                entities[entity.id] = replace(entity, country=self._country_of(of, entities))

    def _relative_predicate(self, lower: list[str], i: int, title_start: int) -> bool:
        """Whether ``lower[i:title_start]`` opens a relative clause with a verb other than
        one that gives an office ("yang bertemu", "who met"; not "yang menjabat")."""
        if i >= title_start or lower[i] not in self.words.relativizers:
            return False
        j = i + 1
        while j < title_start and lower[j] in self.words.vp_adverbs:
            j += 1
        return j < title_start and lower[j] not in _OFFICE_VERBS

    @staticmethod
    def _is_institution(mention: Mention, entities: dict[str, Entity]) -> bool:
        """Whether a title can be "of" it: a state or organisation, or a seat of power
        standing for one ("Moscow's envoy")."""
        return bool(mention.stands_for) or entities[mention.entities[0]].type not in (
            "Person",
            "Thing",
            "Location",
        )

    @staticmethod
    def _country_of(of: Mention | None, entities: dict[str, Entity]) -> str | None:
        if of is None:
            return None
        entity = entities.get(_institution(of)) or entities[of.entities[0]]
        return entity.country_id

    def set_annotations(
        self, doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
    ) -> None:
        ext = doc._  # (each doc._ makes an Underscore object)
        ext.kgraph_mentions = mentions
        ext.kgraph_entities = entities
        # a bare title has no entity yet: the resolver links it
        named = [(entities[m.entities[0]], m.start, m.end) for m in mentions if m.entities]
        if any(a[2] > b[1] for a, b in pairwise(named)):  # not in order, or overlapping
            named = _longest(named)
        labels, strings = self._labels, doc.vocab.strings
        if not len(doc) or any(start >= end for _, start, end in named):
            ents = [
                Span(doc, start, end, label=entity.type.upper(), kb_id=entity.id)
                for entity, start, end in named
            ]
            doc.set_ents(ents, default="outside")
            return
        # what `doc.set_ents(spans, default="outside")` does, in one from_array and
        # without a Span per entity: B, I or O, the label and the entity id per token
        size = len(doc)
        iob, types, kb_ids = [_OUTSIDE] * size, [0] * size, [0] * size
        for entity, start, end in named:
            width = end - start
            iob[start:end] = [_BEGIN] + [_INSIDE] * (width - 1)
            types[start:end] = [labels.get(entity.type) or strings.add(entity.type.upper())] * width
            kb_ids[start:end] = [strings.add(entity.id)] * width
        table = numpy.array([iob, types, kb_ids], dtype="uint64").T
        doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], table)


def _longest(matches: list[tuple[K, int, int]]) -> list[tuple[K, int, int]]:
    """``spacy.util.filter_spans`` for match tuples (making Spans cost more than matching):
    the longest (then first) match wins where matches overlap; sorted by start."""
    by_start = sorted(matches, key=itemgetter(1))
    if all(m[1] < m[2] for m in by_start) and all(a[2] <= b[1] for a, b in pairwise(by_start)):
        return by_start  # no overlaps (titles, sector nouns): every match stays
    ranked = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    seen: set[int] = set()
    kept = []
    for match in ranked:
        if match[1] not in seen and match[2] - 1 not in seen:
            kept.append(match)
            seen.update(range(match[1], match[2]))
    return sorted(kept, key=itemgetter(1))


def _institution(mention: Mention) -> str:
    """The institution a title's "of" names: a seat of power stands for its government."""
    return mention.stands_for[0] if mention.stands_for else mention.entities[0]


def _bracketed_acronym(table: TokenTable, i: int) -> bool:
    """Whether "(ACRONYM)" starts at token ``i``."""
    return (
        i + 2 < table.length
        and table.text[i] == "("
        and table.text[i + 2] == ")"
        and table.text[i + 1].isupper()
    )


def _capitalised_run_before(
    table: TokenTable, i: int, taken: set[int], sent_starts: list[bool]
) -> int | None:
    """Start of one to three capitalised words right before token ``i``, none of them
    part of a mention or opening a sentence."""
    start = i
    while start > 0 and i - start < 3:
        j = start - 1
        if (
            j in taken
            or sent_starts[j]
            or not (table.text[j].istitle() and table.text[j].isalpha())
        ):
            break
        start = j
    return start if start < i else None


def _new_mention(
    table: TokenTable, start: int, end: int, entity_type: str, entities: dict[str, Entity]
) -> Mention:
    """A mention of an entity the gazetteer lacks, named by tokens ``[start, end)``."""
    name = table.span_text(start, end)
    entity = Entity(id=entity_id_for_name(name), label=name, type=entity_type)
    entities.setdefault(entity.id, entity)
    return Mention(start, end, (entity.id,), kind="new")


def _article_date(doc: Doc) -> str | None:
    """The article's date as YYYY-MM-DD, when it has a full one."""
    article = doc._.kgraph_article
    date = article.date if article is not None else None
    return date if date and len(date) == 10 else None


def _is_name_token(table: TokenTable, i: int) -> bool:
    return _looks_like_name(table.text[i]) and not table.is_stop(i)


def _looks_like_name(word: str) -> bool:
    """Capitalised, with a lower-case letter after the first, letters of any script and
    apostrophes or hyphens only: "Yván", "Gusmão", "O'Brien", "Jean-Pierre"; not "NATO"."""
    rest = word[1:]
    return word[:1].isupper() and rest != rest.upper() and _NAME_CHARACTERS.match(word) is not None


_NAME_CHARACTERS = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*\Z")


def _name_run(
    table: TokenTable, start: int, taken: dict[int, Mention], sent_starts: list[bool]
) -> int:
    """End of a run of capitalised name tokens starting at ``start`` (``start`` if none).

    A lower-case particle between two name tokens belongs to the name ("Staffan de
    Mistura", "Luiz Inácio Lula da Silva") and does not count towards its length.
    """
    end, parts = start, 0
    while (
        end < table.length
        and parts < _MAX_NAME_TOKENS
        and end not in taken
        and _is_name_token(table, end)
        and not (end > start and sent_starts[end])
    ):
        end += 1
        parts += 1
        end = _hyphenated_syllable(table, end)
        if (
            end + 1 < table.length
            and table.lower[end] in _NAME_PARTICLES
            and table.text[end].islower()
            and end + 1 not in taken
            and _is_name_token(table, end + 1)
        ):
            end += 1
    return end


def _field_preposition(
    table: TokenTable,
    i: int,
    starts: dict[int, Mention],
    entities: dict[str, Entity],
    *,
    steps: int,
    before: int | None = None,
) -> int | None:
    """Where "dari"/"at"/"from" stands after an expert's field of words and places that starts
    at ``i`` ("peneliti Afrika di ...", "Pengamat Timur Tengah dari ..."), within ``steps``
    words or places and, with ``before``, not past that token; None if no field ends so."""
    for _ in range(steps):
        if i >= table.length:
            return None
        if table.lower[i] in _FIELD_PREPOSITIONS:
            return i
        if before is not None and i >= before:
            return None
        mention = starts.get(i)
        if mention is not None and entities[mention.entities[0]].type != "Location":
            return None  # an actor, not a field ("Timur Tengah" is one)
        if not table.text[i].isalpha():
            return None
        i = mention.end if mention is not None else i + 1
    return None


def _hyphenated_syllable(table: TokenTable, end: int) -> int:
    """Past "-te" in "Lai Ching-te", "Jae-myung", "Jean-Pierre": a name part after a hyphen."""
    if (
        end + 1 < table.length
        and table.text[end] == "-"
        and not table.has_space[end - 1]
        and not table.has_space[end]
        and table.text[end + 1].isalpha()
        and (table.text[end + 1].islower() or table.text[end + 1].istitle())  # "Jean-Pierre"
        and len(table.text[end + 1]) <= 8
    ):
        return end + 2
    return end


_COMMA = frozenset([","])
#: Lower-case particles inside personal names
_NAME_PARTICLES = frozenset(
    ["de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ter",
     "bin", "binti", "ibn", "la", "le"]
)  # fmt: skip
#: Speech verbs next to which an unknown two-word name is a person ("said Dren Gashi").
_SPEECH_VERBS = {
    "en": frozenset(["said", "says", "told", "added", "stressed", "warned", "wrote"]),
    "id": frozenset(["kata", "ujar", "mengatakan", "menyatakan", "menegaskan", "menurut"]),
}
#: Words that make a capitalised run something other than a person's name.
_NOT_PERSON_WORDS = frozenset(
    ["watch", "international", "news", "times", "post", "house", "street", "journal", "press",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "senin",
     "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "the", "a", "an"]
)  # fmt: skip

#: Prepositions between an expert's title and field and their institution.
_FIELD_PREPOSITIONS = frozenset(["dari", "di", "pada", "at", "from", "with"])

#: Lower-case nouns that make an unknown name an armed group: "the Viv Ansanm gang",
#: "kelompok Abu Sayyaf".
_GROUP_NOUNS = frozenset(
    ["gang", "militia", "rebels", "cartel", "insurgents", "kelompok", "milisi", "geng",
     "pemberontak", "faksi"]
)  # fmt: skip

#: Words between two titles of one person: "Wakil Perdana Menteri sekaligus Menteri Pertahanan".
_TITLE_JOINERS = frozenset(["sekaligus", "merangkap", "and", "dan", "serta"])

#: Words before a title that make its bearer someone else than the office holder.
_NOT_HOLDER = frozenset(["wakil", "deputy", "vice", "mantan", "former", "ex", "acting"])

#: Lower-case words allowed inside a name: "Center for a New American Security".
_NAME_JOINERS = frozenset(["for", "of", "the", "a", "and", "untuk", "dan", "bagi"])


def _with_bracketed_aliases(
    doc: Doc, names: dict[tuple[int, int], Mention]
) -> dict[tuple[int, int], Mention]:
    """ "Badan Keamanan Laut (Bakamla)": one mention over the name and its bracketed alias,
    so that the brackets end no clause."""
    by_start = {start: m for (start, _), m in names.items()}
    texts = token_table(doc).text
    out = dict(names)
    for (start, end), mention in names.items():
        alias = by_start.get(end + 1)
        closes = alias is not None and alias.end < len(doc) and texts[alias.end] == ")"
        if closes and texts[end] == "(" and alias.entities == mention.entities:
            out.pop((start, end), None)
            out.pop((alias.start, alias.end), None)
            out[(start, alias.end + 1)] = replace(mention, end=alias.end + 1)
    return out


def _capitalised_run(
    table: TokenTable,
    sent_starts: list[bool],
    start: int,
    taken: set[int],
    places: frozenset[int] = frozenset(),
    countries: frozenset[int] = frozenset(),
) -> int:
    """End of the longest run of capitalised words (with joiners inside) from ``start``;
    a place name may end it ("Pusat Kajian Maritim Nusantara"), and a country's name may
    stand inside it after "of" or before more of the name ("Central University of
    Venezuela", "Institut Studi Amerika Latin Jakarta")."""
    end = start
    last_capital = start

    def inside(k: int) -> bool:
        if k not in countries or k == start:
            return False
        after = k + 1
        while after in countries:
            after += 1
        more = after < table.length and after not in taken and table.text[after][:1].isupper()
        # "Institut Kajian Maritim Indonesia (IKMI)": the acronym spells the whole name
        spelled = _bracketed_acronym(table, after) and table.text[after + 1] == "".join(
            w[0] for w in table.text[start:after] if w[:1].isupper()
        )
        return table.lower[k - 1] in _NAME_JOINERS or more or k - 1 in countries or spelled

    while (
        end < table.length
        and (end not in taken or end in places or inside(end))
        and end - start < 8
    ):
        if end > start and sent_starts[end]:
            break
        hyphen = table.text[end] == "-" and not table.has_space[end - 1]  # "Indo-Pasifik"
        word = table.text[end]
        if word.isalpha() and word[0].isupper():  # capitalised ("Badan", "NATO")
            last_capital = end + 1
        elif not (end > start and (table.lower[end] in _NAME_JOINERS or hyphen)):
            break
        end += 1
    return last_capital


def _name_run_backwards(
    table: TokenTable, sent_starts: list[bool], end: int, names: dict[tuple[int, int], Mention]
) -> int:
    """Start of a run of capitalised tokens ending before ``end`` (``end`` if none)."""
    inside = {i for m in names.values() for i in range(m.start, m.end)}
    start = end
    while start > 0 and end - start < _MAX_NAME_TOKENS and start - 1 not in inside:
        if (
            start >= 3
            and _hyphenated_syllable(table, start - 2) == start
            and _is_name_token(table, start - 3)
        ):
            start -= 2  # "Chen Yu-ting": the syllable and its hyphen
        if (
            start >= 2
            and start < end
            and table.lower[start - 1] in _NAME_PARTICLES
            and table.text[start - 1].islower()
            and _is_name_token(table, start - 2)
        ):
            start -= 1  # "Staffan de Mistura": the particle between two name parts
        if not _is_name_token(table, start - 1):
            break
        start -= 1
        if sent_starts[start]:
            break
    return start if end - start >= 2 else end  # a single capitalised word is too weak


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where mentions overlap; sort by position."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    kept = []
    for mention in ranked:
        tokens = range(mention.start, mention.end)
        if not taken.isdisjoint(tokens):
            continue
        taken.update(tokens)
        kept.append(mention)
    return sorted(kept, key=attrgetter("start"))
