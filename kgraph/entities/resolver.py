"""Resolve mentions within an article: surnames, coordinated actors and pronouns.

Runs after the recogniser and rewrites ``doc._.kgraph_mentions``:

- a surname ("Park", "Blinken") becomes a mention of the person whose full name
  appeared earlier in the article, unless two people seen so far share it;
- actors joined by "dan"/"serta"/"and" become one group mention
  ("Korea Utara dan Rusia"), so a verb after them applies to each;
- personal pronouns (dia, ia, mereka, he, she, it, they) become mentions of
  the person or group they most likely refer to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.entities.gazetteer import DefiniteNoun
from kgraph.entities.mention import Mention
from kgraph.function_words import (
    ACTOR_NOUNS,
    CARDINALS,
    COORDINATORS,
    COUNTRY_NOUNS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    THING_PRONOUNS,
    VP_ADVERBS,
    for_language,
    looks_like_verb,
    words,
)
from kgraph.model import Entity
from kgraph.tokens import sentence_bounds, token_table, watch

_OF = frozenset(["of", "dari"])
_THAT_WORDS = frozenset(["that", "bahwa"])
_POSSESSIVE_ENDINGS = frozenset(["'s", "’s", "'", "’"])
_LED_BY = frozenset(["pimpinan", "dipimpin", "led"])
#: words after "the military" that make it the subject, not a modifier
_NOT_HEAD_NOUNS = frozenset(
    ["said", "says", "told", "will", "would", "could", "can", "may", "might", "must", "should",
     "did", "does", "had", "has", "have", "is", "was", "were", "are", "also", "then"]
)  # fmt: skip
_DEMONSTRATIVES = frozenset(["itu", "tersebut", "ini"])
_PAIRING = frozenset(["between", "antara"])  # "antara X dan Y" always pairs
#: "A, B" and "A, the B": a comma alone lists only when "and" closes the list.
_BARE_COMMAS = ([","], [",", "the"])
_FINITE = frozenset(["said", "says", "has", "have", "had", "is", "are", "was", "were", "will"])


@dataclass
class _Discourse:
    """What the article has talked about so far, for pronouns."""

    person: Mention | None = None
    plural: Mention | None = None
    actor: Mention | None = None  # last non-person actor
    #: entity ids, most recent last (a dict: moving an id to the end costs no list scan)
    recent: dict[str, None] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)  # entity id → mentions so far
    groups: list[Mention] = field(default_factory=list)  # every group so far, most recent last
    by_role: dict[str, Mention] = field(default_factory=dict)  # office → last person holding it
    roles: dict[str, set[str]] = field(default_factory=dict)  # person id → offices seen
    described: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "junta" → (MMR,)

    def update(self, mention: Mention, entities: dict[str, Entity], *, oblique: bool) -> None:
        """Remember ``mention``; ``oblique`` (after a preposition, or a possessor) actors are
        less salient."""
        if mention.title_of and mention.title_of in entities:  # "NATO Secretary General X"
            self.update(
                Mention(mention.start, mention.start, (mention.title_of,)), entities, oblique=True
            )
        for entity_id in mention.entities:
            self.recent.pop(entity_id, None)
            self.recent[entity_id] = None
            self.counts[entity_id] += 1
        if mention.is_group:
            self.plural = mention
            self.groups.append(mention)
            if mention.kind == "office" and mention.title is not None:  # "G7 foreign ministers"
                self.by_role[mention.title.role] = mention
            return
        entity = entities.get(mention.entities[0])
        if entity is None:
            return
        held = self.roles.get(entity.id)
        if held is None:  # (setdefault would make a set on every call)
            held = self.roles[entity.id] = set()
        held.update(mention.roles)
        if mention.title is not None:
            held.add(mention.title.role)
        for role in held:
            self.by_role[role] = mention
        if entity.type == "Person":
            if not oblique:
                self.person = mention
        elif (entity.is_actor or mention.stands_for) and (not oblique or self.actor is None):
            self.actor = mention

    def holder(self, role: str) -> Mention | None:
        """The person last seen in an office; "menteri" also finds a foreign minister."""
        found = [m for r, m in self.by_role.items() if r == role or r.endswith("_" + role)]
        return max(found, key=lambda m: m.start) if found else None


class EntityResolver:
    """See the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kgraph_resolver",
        *,
        definite_nouns: dict[tuple[str, str], DefiniteNoun] | None = None,
        force_nouns: Iterable[str] = (),
    ):
        self.name = name
        self.lang = nlp.lang
        self.words = for_language(self.lang)
        self.definite_nouns = {
            noun: row for (lang, noun), row in (definite_nouns or {}).items() if lang == self.lang
        }
        #: words that may start a unit that is no mention: pronouns, number words, and the
        #: nouns of definite descriptions ("the alliance", "kelompok itu", "lembaganya")
        self.cue_words = (
            words(PERSON_PRONOUNS, self.lang)
            | words(PLURAL_PRONOUNS, self.lang)
            | words(THING_PRONOUNS, self.lang)
            | frozenset(NUMBER_WORDS.get(self.lang, {}))
            | frozenset(self.definite_nouns)
            | frozenset(noun + "nya" for noun in self.definite_nouns if self.lang == "id")
        )
        #: "its fighters", "their troops", "pasukannya": the forces of the actor just named
        self.force_nouns = {tuple(noun.lower().split()) for noun in force_nouns}
        if self.lang == "id":
            owned = {parts[0] + "nya" for parts in self.force_nouns if len(parts) == 1}
            self.cue_words |= owned
            self.owned_forces = frozenset(owned)
        else:
            self.cue_words |= frozenset(("its", "their", "his", "her"))
            self.owned_forces = frozenset()
        watch(self.cue_words, lower=True)  # found in one pass with the other sets of a Doc

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.resolve(doc)
        self.set_annotations(doc, mentions)
        return doc

    def resolve(self, doc: Doc) -> list[Mention]:
        ext = doc._  # (each doc._ makes an Underscore object)
        entities: dict[str, Entity] = ext.kgraph_entities
        mentions = self._with_short_names(doc, ext.kgraph_mentions, entities)
        by_start = {m.start: m for m in mentions}
        table = token_table(doc)
        # only these tokens can start a unit: visiting the others costs a Token each
        cues = self.cue_words
        candidates = sorted(set(by_start).union(table.positions(cues, lower=True)))
        discourse = _Discourse()
        resolved: list[Mention] = []
        bounds = sentence_bounds(doc)
        sent_starts = {start for start, _ in bounds}  # for _list_closes, which seldom runs
        for sent_start, sent_end in bounds:
            units: list[Mention] = []
            i = sent_start
            while True:
                k = bisect_left(candidates, i)
                if k == len(candidates) or candidates[k] >= sent_end:
                    break
                i = candidates[k]
                mention = by_start.get(i)
                if mention is None:
                    mention = self._speaker_pronoun(table.lower, i, units, entities)
                if mention is None:
                    mention = self._pronoun(table.lower[i], i, discourse)
                if mention is None:
                    mention = self._owned_force(table.lower, i, sent_end, discourse, entities)
                if mention is None:
                    opening = units[0].entities if units else ()
                    mention = self._counted(
                        doc, i, sent_end, by_start, discourse, entities, opening=opening
                    )
                if mention is None:
                    mention = self._definite(doc, i, sent_end, by_start, discourse, entities)
                if mention is not None and mention.kind == "office" and mention.title is not None:
                    mention = self._office_holder(mention, discourse, entities)
                if mention is not None and mention.title is not None and mention.title_of is None:
                    mention = self._title_owner(doc, mention, discourse, entities)
                if mention is not None and mention.kind == "title":
                    mention = self._title(doc, mention, sent_end, by_start, discourse, entities)
                    if mention.kind == "title":  # "the minister" with no minister seen yet
                        i = mention.end
                        continue
                if mention is None:
                    i += 1
                    continue
                units = self._coordinate(doc, units, mention, by_start, sent_starts)
                oblique = self._oblique(table.lower, units[-1])
                if mention.kind == "sector":  # "Myanmar's junta": "the junta" is Myanmar's
                    for word in table.lower[max(mention.start - 1, 0) : mention.end]:
                        if word in self.definite_nouns:
                            discourse.described[word] = mention.entities
                discourse.update(units[-1], entities, oblique=oblique)
                i = mention.end
            resolved.extend(units)
        return resolved

    def _with_short_names(
        self, doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
    ) -> list[Mention]:
        """Add mentions for surnames of people named in full earlier in the article."""
        found = {m.entities[0] for m in mentions if m.entities}
        surnames = {  # person id → the parts of the name
            e.id: _surnames(e)
            for e in map(entities.get, found)
            if e is not None and e.type == "Person"
        }
        parts = {part for names in surnames.values() for part in names}
        if not parts:
            return list(mentions)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        table = token_table(doc)
        # in token order; a mention before a word at the same place
        events = [(m.start, 0, m) for m in mentions]
        events += [
            (i, 1, None) for i, text in enumerate(table.text) if text in parts and i not in taken
        ]
        events.sort(key=itemgetter(0, 1))
        short: dict[str, str | None] = {}
        out: list[Mention] = []
        for i, _, mention in events:
            if mention is not None:
                out.append(mention)
                entity = entities.get(mention.entities[0]) if mention.entities else None
                if entity is not None and entity.type == "Person":
                    for part in surnames[entity.id]:
                        seen = short.setdefault(part, entity.id)
                        if seen != entity.id:
                            short[part] = None  # two people share it: never guess
            elif short.get(table.text[i]):
                out.append(Mention(i, i + 1, (short[table.text[i]],), kind="short"))
        return out

    def _oblique(self, lower: list[str], unit: Mention) -> bool:
        """Whether ``unit`` follows a preposition or is a possessor ("Moscow's closest
        ally"): no subject."""
        start, stop = unit.start, unit.end
        return (start > 0 and lower[start - 1] in self.words.prepositions) or (
            stop < len(lower) and lower[stop] in _POSSESSIVE_ENDINGS
        )

    def _speaker_pronoun(
        self, lower: list[str], i: int, units: list[Mention], entities: dict[str, Entity]
    ) -> Mention | None:
        """ "Egypt, which ... since Ethiopia began ..., said it backed ...": a pronoun right
        after "said (that)" is the speaker, when it fits: the subject right before "said",
        or the one before an inserted clause; otherwise the usual latest actor."""
        words, word = self.words, lower[i]
        j = i - 1 if i > 0 and lower[i - 1] not in _THAT_WORDS else i - 2
        if j < 0 or lower[j] not in words.say_verbs or not units:
            return None

        def subject_like(unit: Mention) -> bool:
            return unit.start < j and not self._oblique(lower, unit)

        commas = [k for k in range(units[0].start, j) if lower[k] == ","]
        last_comma = commas[-1] if commas else -1
        near = [u for u in units if u.start > last_comma and subject_like(u)]
        head = [u for u in units if commas and u.end <= commas[0] and subject_like(u)]
        speaker = near[-1] if near else head[0] if head else None
        if speaker is None:
            return None
        people = [entities[e].type == "Person" for e in speaker.entities if e in entities]
        many = (
            speaker.plural
            or len(speaker.entities) > 1
            # "Lithuanian prosecutors said they ...": a plural sector noun
            or (speaker.kind == "sector" and lower[speaker.end - 1].endswith("s"))
        )
        fits = people and (
            (word in words.person_pronouns and all(people) and not many)
            or (word in words.thing_pronouns and not any(people) and not many)
            or (word in words.plural_pronouns and many)
        )
        if not fits:
            return None
        return Mention(i, i + 1, speaker.entities, kind="pronoun", plural=speaker.plural)

    def _pronoun(self, lower: str, i: int, discourse: _Discourse) -> Mention | None:
        if lower in self.words.person_pronouns:
            antecedent = discourse.person
        elif lower in self.words.plural_pronouns:
            antecedent = discourse.plural
        elif lower in self.words.thing_pronouns:
            antecedent = discourse.actor
        else:
            return None
        if antecedent is None:
            return None
        return Mention(i, i + 1, antecedent.entities, kind="pronoun", plural=antecedent.plural)

    def _title(
        self,
        doc: Doc,
        title: Mention,
        end: int,
        by_start: dict[int, Mention],
        discourse: _Discourse,
        entities: dict[str, Entity],
    ) -> Mention:
        """A bare title: "the foreign ministers of the three allies" stands for the allies,
        "the minister" for the last person seen in that office."""
        i, lower = title.end, token_table(doc).lower
        if i + 1 < end and lower[i] in _OF:
            of = by_start.get(i + 1) or self._pronoun(lower[i + 1], i + 1, discourse)
            of = of or self._counted(doc, i + 1, end, by_start, discourse, entities)
            if of is not None and of.entities:
                return Mention(title.start, of.end, of.entities, kind="office", plural=True)
        holder = discourse.holder(title.title.role)
        if title.plural:  # "the ministers": the ministers of a body named before
            if holder is None or holder.kind != "office" or not holder.plural:
                return title
            return Mention(title.start, title.end, holder.entities, kind="pronoun", plural=True)
        if holder is None:
            return title
        return Mention(title.start, title.end, holder.entities, kind="pronoun")

    @staticmethod
    def _office_holder(
        office: Mention, discourse: _Discourse, entities: dict[str, Entity]
    ) -> Mention:
        """ "the Philippine minister": the person of that country last seen in such an office."""
        if office.plural:
            return office
        holder = discourse.holder(office.title.role)
        person = entities.get(holder.entities[0]) if holder is not None else None
        if person is None or person.country not in office.entities:
            return office
        return Mention(office.start, office.end, holder.entities, kind="pronoun")

    def _counted(
        self,
        doc: Doc,
        i: int,
        end: int,
        by_start: dict[int, Mention],
        discourse: _Discourse,
        entities: dict[str, Entity],
        *,
        opening: tuple[str, ...] = (),
    ) -> Mention | None:
        """ "kedua negara", "keduanya", "the two", "the three allies", "both": the last N actors.

        The latest group of N members counts; otherwise the N actors (people
        for "kedua menteri", states for "kedua negara") mentioned most recently.
        "Both Moscow and Pyongyang" names its members and is left to coordination.
        "Both sides", "kedua pihak" are the parties to a dispute: the actors the article
        has named most, other than the actors the sentence opened with (who urge them).
        """
        lower = token_table(doc).lower
        count = NUMBER_WORDS.get(self.lang, {}).get(lower[i])
        if count is None:
            return None
        start, stop = i, i + 1
        named = by_start.get(stop)
        if lower[i] == "both" and lower[stop] == "the" and stop + 1 in by_start:
            return None  # "both the EU and NATO": coordination names the members
        qualified = (  # "the three European powers": a demonym before the noun
            named is not None
            and named.kind == "demonym"
            and named.end < end
            and lower[named.end] in words(ACTOR_NOUNS, self.lang)
        )
        if qualified:
            stop = named.end
        elif named is not None and named.kind != "title":
            return None
        if self.lang == "en" and lower[i] != "both":
            if i == 0 or lower[i - 1] != "the":
                return None  # "two missiles", not "the two"
            start = i - 1
        noun = lower[stop] if stop < end else ""
        if noun in words(PERSON_NOUNS, self.lang) | words(ACTOR_NOUNS, self.lang):
            stop += 1
        elif lower[i] in ("kedua", "ketiga") or (self.lang == "en" and start != i and noun):
            return None  # "kedua kalinya", "the two missiles": a count of something else

        def wanted(entity_id: str) -> bool:
            entity = entities.get(entity_id)
            if entity is None or not entity.is_actor:
                return False
            if noun in words(PERSON_NOUNS, self.lang):
                return entity.type == "Person"
            if noun in words(COUNTRY_NOUNS, self.lang):
                return entity.type == "Country"
            if noun in words(ACTOR_NOUNS, self.lang):
                return entity.type != "Person"
            return True

        def as_states(ids: tuple[str, ...]) -> tuple[str, ...]:
            """ "Putin dan Kim ... kedua negara": the leaders' states stand for them."""
            if noun not in words(COUNTRY_NOUNS, self.lang):
                return ids
            out = []
            for entity_id in ids:
                entity = entities.get(entity_id)
                # (and "Tehran and Washington ... both governments": the capitals' states)
                country = (
                    entity.country
                    if entity is not None and entity.type in ("Person", "Location")
                    else None
                )
                out.append(country if country in entities else entity_id)
            return tuple(dict.fromkeys(out))

        parties = noun in _PARTIES
        group = next(
            (
                g
                for g in reversed(discourse.groups)
                if len(as_states(g.entities)) == count and all(map(wanted, as_states(g.entities)))
            ),
            None,
        )
        if parties:  # "Qatar dan Mesir ... mendesak kedua pihak": not the mediators
            group = None
            opening_states = set(as_states(opening)) | set(opening)
            base = wanted
            wanted = lambda e: base(e) and e not in opening_states  # noqa: E731
        if group is not None:
            chosen = as_states(group.entities)
        else:
            # "urged both sides": the parties the article has named most, then the latest
            recent = [e for e in discourse.recent if wanted(e)]
            ranked = sorted(recent, key=lambda e: (discourse.counts[e], recent.index(e)))
            chosen = tuple(e for e in recent if e in ranked[-count:])
        if len(chosen) < count:
            return None
        return Mention(start, stop, tuple(chosen), kind="pronoun", plural=True)

    def _owned_force(
        self,
        lower: list[str],
        i: int,
        end: int,
        discourse: _Discourse,
        entities: dict[str, Entity],
    ) -> Mention | None:
        """ "The Polisario Front said its fighters had shelled ...", "pasukannya": the forces
        stand for the last actor ("their" for the last group, if there is one)."""
        word = lower[i]
        if word in self.owned_forces:
            stop = i + 1
        elif word in ("its", "their", "his", "her"):
            stop = next(
                (
                    i + 1 + n
                    for n in (2, 1)
                    if lower[i + 1 : i + 1 + n]
                    and tuple(lower[i + 1 : i + 1 + n]) in self.force_nouns
                    and i + 1 + n <= end
                ),
                None,
            )
            if stop is None:
                return None
        else:
            return None
        owner = discourse.plural if word == "their" and discourse.plural else discourse.actor
        person = discourse.person
        if word != "their" and person is not None and (owner is None or person.start > owner.start):
            # "Netanyahu said his troops ...": the forces of the country the person serves
            # ("Juru bicara militer Houthi, Yahya Saree, ... pasukannya": the Houthis')
            entity = entities.get(person.entities[0])
            side = person.title_of or (entity.country if entity is not None else None)
            return Mention(i, stop, (side,), kind="pronoun") if side in entities else None
        if owner is None:
            return None
        return Mention(i, stop, owner.entities, kind="pronoun", plural=owner.plural)

    def _title_owner(
        self, doc: Doc, mention: Mention, discourse: _Discourse, entities: dict[str, Entity]
    ) -> Mention:
        """ "Its spokesman, X", "Juru bicara junta, X": whose the title is, from context."""
        if mention.kind not in ("new", "role"):
            return mention
        lower = token_table(doc).lower
        owner: tuple[str, ...] = ()
        before = lower[mention.start - 1] if mention.start > 0 else ""
        if POSSESSIVE_PRONOUNS.get(self.lang, {}).get(before) == "thing" and discourse.actor:
            owner = discourse.actor.entities
        for word in lower[mention.start : mention.end]:
            if owner or word == ",":
                break
            owner = discourse.described.get(word, ())
        if not owner or owner[0] not in entities:
            return mention
        person = entities.get(mention.entities[0])
        if person is not None and person.country is None:
            owner_entity = entities[owner[0]]
            country = owner_entity.country_id
            entities[person.id] = replace(person, country=country)
        return replace(mention, title_of=owner[0])

    def _definite(
        self,
        doc: Doc,
        i: int,
        end: int,
        by_start: dict[int, Mention],
        discourse: _Discourse,
        entities: dict[str, Entity],
    ) -> Mention | None:
        """At a noun: "the alliance", "the Western bloc", "kelompok itu", "lembaganya",
        "pesawat tempur junta": the latest actor of that kind."""
        lower = token_table(doc).lower
        noun = lower[i]
        row = self.definite_nouns.get(noun)
        if noun in _GOVERNMENTS and i + 2 < end and lower[i + 1] in _IN:
            # "pemerintah di Tripoli", "the authorities in Niamey": that place's state
            place = by_start.get(i + 2)
            state = _state_of_place(place, entities) if place is not None else None
            if state is not None:
                start = i - 1 if self.lang == "en" and i > 0 and lower[i - 1] == "the" else i
                return Mention(start, place.end, (state,), kind="pronoun")
        if self.lang == "en":
            # "the group of experts", "the group-stage"; but "accused the bloc of failing"
            of_what = i + 2 < end and lower[i + 1] in _OF and lower[i + 2].endswith("ing")
            if row is None or (i + 1 < end and lower[i + 1] in _OF | {"-"} and not of_what):
                return None
            if row.adjective and i + 1 < end and self._modified_noun(doc, i + 1):
                return None  # "the military build-up", "the military operation"
            if row.bare and noun not in discourse.described:
                led = self._led_by(lower, i + 1, end, by_start, entities)
                if led is not None:  # "the junta led by Min Aung Hlaing"
                    discourse.described[noun] = led
            for j in range(i - 1, max(i - 4, 0) - 1, -1):
                if lower[j] == "the":
                    # "the Iran-backed group": the mention is the noun, "Iran" stays a name
                    named = any(k in by_start for k in range(j + 1, i))
                    return self._latest(noun, i if named else j, i + 1, discourse, entities)
                if not (lower[j].isalpha() or lower[j] == "-"):
                    break
            return None
        if row is not None and i + 1 < end and lower[i + 1] in _DEMONSTRATIVES:
            return self._latest(noun, i, i + 2, discourse, entities)
        if noun.endswith("nya") and noun[:-3] in self.definite_nouns:  # "lembaganya"
            return self._latest(noun[:-3], i, i + 1, discourse, entities)
        if row is not None and row.bare and noun in discourse.described:  # "pesawat tempur junta"
            return Mention(i, i + 1, discourse.described[noun], kind="pronoun")
        if row is not None and row.bare:
            led = self._led_by(lower, i + 1, end, by_start, entities)
            if led is not None:  # "junta militer pimpinan Jenderal Min Aung Hlaing"
                discourse.described[noun] = led
                return Mention(i, i + 1, led, kind="pronoun")
        return None

    def _led_by(
        self,
        lower: list[str],
        i: int,
        end: int,
        by_start: dict[int, Mention],
        entities: dict[str, Entity],
    ) -> tuple[str, ...] | None:
        """The country of the person named after "(militer) pimpinan"/"dipimpin (oleh)" at
        ``i``: a regime is its leader's country's."""
        k = i + (i < end and lower[i] in self.definite_nouns)  # "junta militer pimpinan"
        if k >= end or lower[k] not in _LED_BY:
            return None
        k += 1 + (k + 1 < end and lower[k + 1] in self.words.agent_markers)
        leader = by_start.get(k)
        person = entities.get(leader.entities[0]) if leader and leader.entities else None
        if person is None or person.type != "Person" or person.country not in entities:
            return None
        return (person.country,)

    def _modified_noun(self, doc: Doc, i: int) -> bool:
        """Whether the English word at ``i`` reads as a noun after a modifier: lower case,
        no function word, auxiliary or past form ("the military said", "... has")."""
        table = token_table(doc)
        word = table.lower[i]
        words = self.words
        return (
            word.isalpha()
            and table.text[i] == word
            and not word.endswith(("ed", "s"))
            and word not in _NOT_HEAD_NOUNS
            and word not in words.prepositions
            and word not in words.coordinators
            and word not in words.relativizers
            and word not in words.clause_boundaries
        )

    def _latest(
        self, noun: str, start: int, end: int, discourse: _Discourse, entities: dict[str, Entity]
    ) -> Mention | None:
        if noun in discourse.described:
            return Mention(start, end, discourse.described[noun], kind="pronoun")
        types = self.definite_nouns[noun].types
        found = [e for e in discourse.recent if e in entities and entities[e].type in types]
        named = [e for e in found if noun in entities[e].label.lower()]  # "the agency"
        chosen = (named or found)[-1:]
        if not chosen:
            return None
        return Mention(start, end, tuple(chosen), kind="pronoun")

    def _coordinate(
        self,
        doc: Doc,
        units: list[Mention],
        mention: Mention,
        by_start: dict[int, Mention],
        sent_starts: set[int],
    ) -> list[Mention]:
        """Append ``mention``, joining it to the previous unit when "and" stands between."""
        lower = token_table(doc).lower
        if len(units) > 1 and self._after_place_phrase(doc, units, mention):
            # "bertemu Xi Jinping di Beijing dan Joe Biden di Gedung Putih": Xi and Biden
            return [*units[:-2], _joined(units[-2], mention)]
        # _joins needs one to three words between ("dan", ", dan", "and the")
        if units and 0 < mention.start - units[-1].end <= 3:
            previous = units[-1]
            between = lower[previous.end : mention.start]
            first = previous.members[0] if previous.members else previous
            # "attacked Kharkiv in Ukraine and Poland condemned it": a new clause
            new_clause = (
                first.start > 0
                and lower[first.start - 1] in self.words.prepositions
                and lower[first.start - 1] not in _PAIRING
                and mention.end < len(doc)
                and self._verb_like(lower[mention.end])
            )
            if (
                not new_clause
                and self._joins(doc, previous, between)
                and (
                    between not in _BARE_COMMAS
                    or self._list_closes(doc, mention.end, by_start, sent_starts)
                )
            ):
                return [*units[:-1], _joined(previous, mention)]
        # "Amerika Serikat serta sekutunya": plural, though only one member is named
        end = mention.end
        if (
            end + 2 <= len(lower)
            and lower[end] in self.words.coordinators
            and lower[end + 1] in self.words.ally_words
        ):
            mention = Mention(
                mention.start,
                mention.end + 2,
                mention.entities,
                kind="group",
                plural=True,
                members=(mention,),
            )
        return [*units, mention]

    def _after_place_phrase(self, doc: Doc, units: list[Mention], mention: Mention) -> bool:
        """Whether ``mention`` follows "ACTOR di/in PLACE dan", coordinated with ACTOR."""
        first, place = units[-2], units[-1]
        if first.end != place.start - 1 or mention.start != place.end + 1:
            return False  # the usual case: not one word before the place and one after it
        lower = token_table(doc).lower
        return (
            lower[first.end] in self.words.place_prepositions
            and lower[place.end] in self.words.coordinators
            and not place.is_group
            and place.kind != "demonym"  # "the IAEA since Israeli and U.S. strikes"
            and first.kind in ("name", "role", "new")
            and mention.kind in ("name", "role", "new")
            # "... di Beijing dan Poland condemned it": a new clause, not a list
            and not (mention.end < len(doc) and self._verb_like(lower[mention.end]))
        )

    def _verb_like(self, lower: str) -> bool:
        if self.lang == "en":
            return lower.endswith("ed") or lower in _FINITE
        return looks_like_verb(lower, self.lang) and lower not in words(VP_ADVERBS, self.lang)

    def _list_closes(
        self, doc: Doc, i: int, by_start: dict[int, Mention], sent_starts: set[int]
    ) -> bool:
        """Whether "A, B" goes on to "..., dan C": a bare comma only lists when "and" ends it.

        "If Russia attacks Poland, NATO will respond" is not a list.
        """
        coordinators = words(COORDINATORS, self.lang)
        table = token_table(doc)
        while i < len(doc) and i not in sent_starts:  # not doc[i].is_sent_start
            if table.lower[i] in coordinators:  # "..., Canada and (the) Netherlands"
                return i + 1 in by_start or (table.lower[i + 1] == "the" and i + 2 in by_start)
            if table.text[i] == ",":
                i += 1
            elif i in by_start:
                i = by_start[i].end
            else:
                return False
        return False

    def _joins(self, doc: Doc, previous: Mention, between: list[str]) -> bool:
        """Whether the words ``between`` two mentions coordinate them ("dan", ", dan", ",")."""
        coordinators = self.words.coordinators
        if between[-1:] == ["the"]:  # "NATO and the EU"
            between = between[:-1]
        if len(between) == 1 and between[0] in coordinators:
            return True
        if (  # "tujuh perusahaan Iran dan tiga perusahaan Belarus", "dua bank ... tiga bank ..."
            len(between) in (2, 3)
            and between[0] in coordinators
            and (between[1].isdigit() or between[1] in words(CARDINALS, self.lang))
            and (
                between[2:] == []
                or between[2:] == token_table(doc).lower[previous.start - 1 : previous.start]
            )
        ):
            return True
        # the word before the first member: "of OPEC and of the SCO", "Di Jepang, Blinken"
        first = previous.members[0] if previous.members else previous
        before = token_table(doc).lower[first.start - 1] if first.start > 0 else ""
        if (  # "a member of OPEC and of the SCO": the preposition said again
            len(between) == 2
            and between[0] in coordinators
            and between[1] == before
            and before in self.words.prepositions
        ):
            return True
        if (  # "Penny Wong and her Indonesian counterpart Retno Marsudi"
            len(between) == 2
            and between[0] in coordinators
            and between[1] in POSSESSIVE_PRONOUNS.get(self.lang, {})
        ):
            return True
        comma_list = len(between) == 2 and between[0] == "," and between[1] in coordinators
        if between == [","] or comma_list:
            # "Di Jepang, Blinken ...", "di Gaza, dan Amerika Serikat ...": a comma closes a
            # fronted place phrase; it does not start a list
            # ("ditolak oleh Mesir, Yordania, dan Arab Saudi": an agent list goes on)
            return before not in self.words.prepositions or before in self.words.agent_markers
        return False

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        doc._.kgraph_mentions = mentions


_IN = frozenset(["in", "di"])
_GOVERNMENTS = frozenset(["government", "authorities", "pemerintah", "pemerintahan", "otoritas"])


def _state_of_place(place: Mention, entities: dict[str, Entity]) -> str | None:
    """The country a place mention is in (a capital stands for its state)."""
    if place.stands_for and place.stands_for[0] in entities:
        return place.stands_for[0]
    entity = entities.get(place.entities[0]) if place.entities else None
    if entity is None or entity.type not in ("Country", "Location"):
        return None
    return entity.country_id if entity.country_id in entities else None


#: nouns of "both sides", "kedua pihak": the parties to a dispute
_PARTIES = frozenset(["sides", "pihak", "parties"])


def _joined(first: Mention, mention: Mention) -> Mention:
    """The group of ``first`` (itself maybe a group) and ``mention``: "Japan and Australia"."""
    members = (first.members or (first,)) + (mention,)
    return Mention(
        first.start,
        mention.end,
        tuple(dict.fromkeys(e for m in members for e in m.entities)),
        kind="group",
        plural=True,
        members=members,
    )


def _surnames(person: Entity) -> list[str]:
    """Parts of a person's name that may stand for them alone ("Blinken", "Cho Tae-yul")."""
    return [part for part in person.label.split() if len(part) >= 3 and part[0].isupper()]
