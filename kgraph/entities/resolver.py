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
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.entities.mention import Mention
from kgraph.function_words import (
    ACTOR_NOUNS,
    ALLY_WORDS,
    COORDINATORS,
    COUNTRY_NOUNS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    THING_PRONOUNS,
    words,
)
from kgraph.model import Entity
from kgraph.tokens import token_table

_OF = frozenset(["of", "dari"])


@dataclass
class _Discourse:
    """What the article has talked about so far, for pronouns."""

    person: Mention | None = None
    plural: Mention | None = None
    actor: Mention | None = None  # last non-person actor
    recent: list[str] = field(default_factory=list)  # entity ids, most recent last
    groups: list[Mention] = field(default_factory=list)  # every group so far, most recent last
    by_role: dict[str, Mention] = field(default_factory=dict)  # office → last person holding it
    roles: dict[str, set[str]] = field(default_factory=dict)  # person id → offices seen

    def update(self, mention: Mention, entities: dict[str, Entity], *, oblique: bool) -> None:
        """Remember ``mention``; ``oblique`` (after a preposition) people are less salient."""
        for entity_id in mention.entities:
            if entity_id in self.recent:
                self.recent.remove(entity_id)
            self.recent.append(entity_id)
        if mention.is_group:
            self.plural = mention
            self.groups.append(mention)
            return
        entity = entities.get(mention.entities[0])
        if entity is None:
            return
        held = self.roles.setdefault(entity.id, set())
        held.update(mention.roles)
        if mention.title is not None:
            held.add(mention.title.role)
        for role in held:
            self.by_role[role] = mention
        if entity.type == "Person":
            if not oblique:
                self.person = mention
        elif entity.is_actor:
            self.actor = mention

    def holder(self, role: str) -> Mention | None:
        """The person last seen in an office; "menteri" also finds a foreign minister."""
        found = [m for r, m in self.by_role.items() if r == role or r.endswith("_" + role)]
        return max(found, key=lambda m: m.start) if found else None


class EntityResolver:
    """See the module docstring."""

    def __init__(self, nlp: Language, name: str = "kgraph_resolver"):
        self.name = name
        self.lang = nlp.lang
        #: words that may start a unit that is no mention: pronouns and number words
        self.cue_words = (
            words(PERSON_PRONOUNS, self.lang)
            | words(PLURAL_PRONOUNS, self.lang)
            | words(THING_PRONOUNS, self.lang)
            | frozenset(NUMBER_WORDS.get(self.lang, {}))
        )

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.resolve(doc)
        self.set_annotations(doc, mentions)
        return doc

    def resolve(self, doc: Doc) -> list[Mention]:
        entities: dict[str, Entity] = doc._.kgraph_entities
        mentions = self._with_short_names(doc, doc._.kgraph_mentions, entities)
        by_start = {m.start: m for m in mentions}
        table = token_table(doc)
        # only these tokens can start a unit: visiting the others costs a Token each
        cues = self.cue_words
        candidates = sorted(
            set(by_start).union(i for i, word in enumerate(table.lower) if word in cues)
        )
        discourse = _Discourse()
        resolved: list[Mention] = []
        for sent in doc.sents:
            units: list[Mention] = []
            i = sent.start
            while True:
                k = bisect_left(candidates, i)
                if k == len(candidates) or candidates[k] >= sent.end:
                    break
                i = candidates[k]
                mention = by_start.get(i)
                if mention is None:
                    mention = self._pronoun(table.lower[i], i, discourse)
                if mention is None:
                    mention = self._counted(doc, i, sent.end, by_start, discourse, entities)
                if mention is not None and mention.kind == "office" and mention.title is not None:
                    mention = self._office_holder(mention, discourse, entities)
                if mention is not None and mention.kind == "title":
                    mention = self._title(doc, mention, sent.end, by_start, discourse, entities)
                    if mention.kind == "title":  # "the minister" with no minister seen yet
                        i = mention.end
                        continue
                if mention is None:
                    i += 1
                    continue
                units = self._coordinate(doc, units, mention, by_start)
                start = units[-1].start
                oblique = start > 0 and table.lower[start - 1] in words(PREPOSITIONS, self.lang)
                discourse.update(units[-1], entities, oblique=oblique)
                i = mention.end
            resolved.extend(units)
        return resolved

    def _with_short_names(
        self, doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
    ) -> list[Mention]:
        """Add mentions for surnames of people named in full earlier in the article."""
        found = [entities.get(m.entities[0]) for m in mentions if m.entities]
        people = [e for e in found if e is not None and e.type == "Person"]
        parts = {part for person in people for part in _surnames(person)}
        if not parts:
            return list(mentions)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        table = token_table(doc)
        # in token order; a mention before a word at the same place
        events = [(m.start, 0, m) for m in mentions]
        events += [
            (i, 1, None) for i, text in enumerate(table.text) if text in parts and i not in taken
        ]
        events.sort(key=lambda event: event[:2])
        short: dict[str, str | None] = {}
        out: list[Mention] = []
        for i, _, mention in events:
            if mention is not None:
                out.append(mention)
                entity = entities.get(mention.entities[0]) if mention.entities else None
                if entity is not None and entity.type == "Person":
                    for part in _surnames(entity):
                        seen = short.setdefault(part, entity.id)
                        if seen != entity.id:
                            short[part] = None  # two people share it: never guess
            elif short.get(table.text[i]):
                out.append(Mention(i, i + 1, (short[table.text[i]],), kind="short"))
        return out

    def _pronoun(self, lower: str, i: int, discourse: _Discourse) -> Mention | None:
        if lower in words(PERSON_PRONOUNS, self.lang):
            antecedent = discourse.person
        elif lower in words(PLURAL_PRONOUNS, self.lang):
            antecedent = discourse.plural
        elif lower in words(THING_PRONOUNS, self.lang):
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
        i = title.end
        if i + 1 < end and doc[i].lower_ in _OF:
            of = by_start.get(i + 1) or self._pronoun(doc[i + 1].lower_, i + 1, discourse)
            of = of or self._counted(doc, i + 1, end, by_start, discourse, entities)
            if of is not None and of.entities:
                return Mention(title.start, of.end, of.entities, kind="office", plural=True)
        if title.plural:
            return title
        holder = discourse.holder(title.title.role)
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
    ) -> Mention | None:
        """ "kedua negara", "keduanya", "the two", "the three allies", "both": the last N actors.

        The latest group of N members counts; otherwise the N actors (people
        for "kedua menteri", states for "kedua negara") mentioned most recently.
        "Both Moscow and Pyongyang" names its members and is left to coordination.
        """
        count = NUMBER_WORDS.get(self.lang, {}).get(doc[i].lower_)
        if count is None:
            return None
        start, stop = i, i + 1
        named = by_start.get(stop)
        qualified = (  # "the three European powers": a demonym before the noun
            named is not None
            and named.kind == "demonym"
            and named.end < end
            and doc[named.end].lower_ in words(ACTOR_NOUNS, self.lang)
        )
        if qualified:
            stop = named.end
        elif named is not None and named.kind != "title":
            return None
        if self.lang == "en" and doc[i].lower_ != "both":
            if i == 0 or doc[i - 1].lower_ != "the":
                return None  # "two missiles", not "the two"
            start = i - 1
        noun = doc[stop].lower_ if stop < end else ""
        if noun in words(PERSON_NOUNS, self.lang) | words(ACTOR_NOUNS, self.lang):
            stop += 1
        elif doc[i].lower_ in ("kedua", "ketiga") or (self.lang == "en" and start != i and noun):
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

        group = next(
            (
                g
                for g in reversed(discourse.groups)
                if len(g.entities) == count and all(map(wanted, g.entities))
            ),
            None,
        )
        if group is not None:
            chosen = group.entities
        else:
            chosen = tuple(e for e in discourse.recent if wanted(e))[-count:]
        if len(chosen) < count:
            return None
        return Mention(start, stop, tuple(chosen), kind="pronoun", plural=True)

    def _coordinate(
        self, doc: Doc, units: list[Mention], mention: Mention, by_start: dict[int, Mention]
    ) -> list[Mention]:
        """Append ``mention``, joining it to the previous unit when "and" stands between."""
        lower = token_table(doc).lower
        if units:
            previous = units[-1]
            between = lower[previous.end : mention.start]
            bare_comma = between in ([","], [",", "the"])
            if self._joins(doc, previous, between) and (
                not bare_comma or self._list_closes(doc, mention.end, by_start)
            ):
                members = (previous.members or (previous,)) + (mention,)
                group = Mention(
                    previous.start,
                    mention.end,
                    tuple(dict.fromkeys(e for m in members for e in m.entities)),
                    kind="group",
                    plural=True,
                    members=members,
                )
                return [*units[:-1], group]
        # "Amerika Serikat serta sekutunya": plural, though only one member is named
        after = lower[mention.end : mention.end + 2]
        if (
            len(after) == 2
            and after[0] in words(COORDINATORS, self.lang)
            and after[1] in words(ALLY_WORDS, self.lang)
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

    def _list_closes(self, doc: Doc, i: int, by_start: dict[int, Mention]) -> bool:
        """Whether "A, B" goes on to "..., dan C": a bare comma only lists when "and" ends it.

        "If Russia attacks Poland, NATO will respond" is not a list.
        """
        coordinators = words(COORDINATORS, self.lang)
        table = token_table(doc)
        while i < len(doc) and not doc[i].is_sent_start:
            if table.lower[i] in coordinators:
                return i + 1 in by_start
            if table.text[i] == ",":
                i += 1
            elif i in by_start:
                i = by_start[i].end
            else:
                return False
        return False

    def _joins(self, doc: Doc, previous: Mention, between: list[str]) -> bool:
        """Whether the words ``between`` two mentions coordinate them ("dan", ", dan", ",")."""
        coordinators = words(COORDINATORS, self.lang)
        if between[-1:] == ["the"]:  # "NATO and the EU"
            between = between[:-1]
        if len(between) == 1 and between[0] in coordinators:
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
            first = previous.members[0] if previous.members else previous
            before = token_table(doc).lower[first.start - 1] if first.start > 0 else ""
            return before not in words(PREPOSITIONS, self.lang)
        return False

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        doc._.kgraph_mentions = mentions


def _surnames(person: Entity) -> list[str]:
    """Parts of a person's name that may stand for them alone ("Blinken", "Park Jin")."""
    return [part for part in person.label.split() if len(part) >= 3 and part[0].isupper()]
