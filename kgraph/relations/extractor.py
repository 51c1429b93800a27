"""The relation extractor component: lexicon triggers → statements with evidence.

For every sentence it matches the lexicon, finds each trigger's arguments
(:mod:`kgraph.relations.arguments`), who claims it
(:mod:`kgraph.relations.attribution`) and how sure the text is
(:mod:`kgraph.relations.modality`), and writes ``doc._.kgraph_statements``.
People introduced by a title ("Menteri Luar Negeri Korea Selatan Cho Tae-yul")
also give an ``affiliatedWith``/``leaderOf`` statement.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from kgraph import dates
from kgraph.entities.mention import Mention
from kgraph.function_words import WE_PRONOUNS, words
from kgraph.graph.relations import RelationInfo
from kgraph.model import MODALITIES, Entity, Evidence, Statement
from kgraph.relations.arguments import SPEECH_ACT_RELATIONS, ArgumentFinder, Discourse, Frame
from kgraph.relations.attribution import QuoteTracker, Scope, speech_scopes, we_mentions
from kgraph.relations.evidence import (
    date_expressions,
    event_date,
    location,
    sentence_evidence,
    trimmed_bounds,
)
from kgraph.relations.lexicon import Lexicon
from kgraph.relations.modality import CONTROL_MODALITY, controller, modality, polarity
from kgraph.relations.sentence import Hit, SentenceView, clause_stops
from kgraph.tokens import TokenTable, sentence_bounds, token_table, watch

#: Relations whose object phrase states an event the subject stands behind:
#: "X mengutuk transfer senjata Y ke Z" → X claims that Y supplies Z.
CLAIMING_RELATIONS = frozenset(["condemns", "accuses"])
#: A denial negates the events in its object phrase: "X denied supplying arms to Y".
DENIAL_RELATIONS = frozenset(["denies"])
#: A rejection's object phrase is what others proposed: "rejected calls for talks".
REJECTING_RELATIONS = frozenset(["rejects"])
_THAT = frozenset(["bahwa", "that"])
_THE = frozenset(["the"])
_IF = frozenset(["if", "jika", "apabila", "bila", "kalau"])
_CONDITION_REACH = 12  # words from "would respond" to its "if"
#: "warned that X would pay a price", "X akan menanggung akibatnya": a threat to X
_WOULD = frozenset(["would", "will", "could", "akan"])
_CONSEQUENCES = frozenset(["pay", "face", "suffer", "regret", "menanggung", "menghadapi"])
#: What a warning may threaten with: "warned that the army could launch an offensive".
#: Prepositions before the target of a launch: "fired rockets at", "meluncurkan drone ke".
_TARGET_PREPOSITIONS = frozenset(["at", "towards", "toward", "into", "against", "ke", "terhadap"])
_FORCE_RELATIONS = frozenset(["attacks", "mobilizesAgainst", "sanctions", "coerces"])
#: relations that set two actors against each other (see _remember_rivals)
_HOSTILE = _FORCE_RELATIONS | frozenset(
    ["accuses", "condemns", "threatens", "fightsWith", "protestsAgainst", "reducesRelationsWith"]
)
_VENUE_PREPOSITIONS = frozenset(["at", "during", "di", "dalam", "pada"])
_CONFIDENCE = {"V": 0.8, "N": 0.7}
_TITLE_CONFIDENCE = 0.9
#: Symmetric relations done jointly: "X and Y drilled with Z" puts X with Y too
#: (unlike "X and Y fought Z", or "X and Y met Z", who may have come as rivals).
_JOINT = frozenset(["cooperatesMilitarilyWith"])
#: bodies a secretary-general leads (an international body's one serves it)
_LED_BODIES = frozenset(["ArmedGroup", "Organization"])
#: English words after which a verb form is a noun told before ("a protest" is new: a
#: light verb's object, "lodged a protest with Pyongyang")
_NOUN_DETERMINERS = frozenset(
    ["the", "its", "their", "his", "her", "this", "these", "those", "our", "my"]
)
_OFFICIAL_SECTORS = frozenset(["GOV", "MIL"])
_FALLBACK_PENALTY = 0.15
_Starts = TypeVar("_Starts", Mention, Hit)


@dataclass
class _Found:
    """A statement before its evidence is frozen (claims and polarity may still change)."""

    hit: Hit
    frame: Frame
    subject: Entity
    object: Entity
    polarity: str
    modality: str
    claimants: list[str] = field(default_factory=list)
    event_date: str | None = None
    relation: str = ""  # the row's relation, or its thing relation


#: Sentences longer than this many tokens are not searched: news sentences stay well
#: under 150, a longer "sentence" is a run of text without punctuation (a table, a list,
#: junk), and the rules would pair every name in it with every other (20,000 words gave
#: 9,900 statements in 3.8 s).
MAX_SENTENCE_TOKENS = 400


class RelationExtractor:
    """See the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kgraph_relations",
        *,
        lexicon: Lexicon,
        relations: dict[str, RelationInfo],
        min_confidence: float = 0.0,
    ):
        self.name = name
        self.lang = nlp.lang
        self.lexicon = lexicon
        self.relations = relations
        self.symmetric = frozenset(r for r, info in relations.items() if info.symmetric)
        self.state_level = frozenset(r for r, info in relations.items() if info.state_level)
        self.min_confidence = min_confidence
        self.matcher = lexicon.matcher(nlp)
        # the clause ends and "we" words of every Doc, found in one pass with the others
        watch(clause_stops(self.lang), lower=True)
        watch(words(WE_PRONOUNS, self.lang), lower=True)
        #: each row's forms of its last word: a match ending in "-nya" that is not one of
        #: them carries a clitic
        self._last_forms = [
            frozenset(t.pattern.split()[-1].lower().split("|")) for t in lexicon.triggers
        ]

    def __len__(self) -> int:
        return len(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        statements = self.extract(doc)
        self.set_annotations(doc, statements)
        return doc

    def set_annotations(self, doc: Doc, statements: list[Statement]) -> None:
        doc._.kgraph_statements = statements

    # -- extraction --------------------------------------------------------------------------
    def extract(self, doc: Doc) -> list[Statement]:
        """All statements of ``doc``, in the order of their sentences."""
        ext = doc._  # (each doc._ makes an Underscore object)
        article = ext.kgraph_article
        article_id = article.id if article is not None else "doc"
        entities: dict[str, Entity] = ext.kgraph_entities or {}
        mentions: list[Mention] = ext.kgraph_mentions or []
        hits = self._hits(doc, mentions)
        seats = {
            m.entities[0]: m.stands_for[0]
            for unit in mentions
            for m in (unit.members or (unit,))
            if m.stands_for
        }
        day = dates.article_day(article.date if article is not None else None)
        discourse = Discourse()
        quotes = QuoteTracker()
        sentences: list[tuple[list[_Found], int, int, int]] = []
        titles: list[Statement] = []
        index = 0
        units_in, hits_in = _starting_in(mentions), _starting_in(hits)
        # units holding a person with a title and its institution: most sentences have none
        titled_in = _starting_in(
            [
                unit
                for unit in mentions
                if any(
                    m.title is not None and m.title_of is not None for m in unit.members or (unit,)
                )
            ]
        )
        table = token_table(doc)
        texts = table.text
        too_long: list[tuple[int, int]] = []
        for start, end in sentence_bounds(doc):  # doc.sents, without Spans
            first, last = trimmed_bounds(texts, start, end)  # the evidence's tokens
            if first == last:
                continue  # blank lines and blanked boilerplate
            index += 1
            if last - first > MAX_SENTENCE_TOKENS:
                too_long.append((doc[first].idx, last - first))
                continue
            units = units_in(start, end)
            view = SentenceView(doc, start, end, self.lang, units, hits_in(start, end))
            found, scopes = self._sentence(view, entities, discourse, seats, day)
            quotes.read(view, found, scopes)  # may still add claimants to earlier sentences
            sentences.append((found, first, last, index))
            if titled_in(start, end):
                titles.extend(
                    self.title_statements(view, entities, doc[first:last], index, article_id)
                )
            discourse.previous_units = units
        statements = [
            s
            for found, first, last, i in sentences
            if found  # (most sentences have no statement)
            for s in self._statements(found, table, first, last, i, article_id)
        ]
        statements += titles
        ext.kgraph_too_long = too_long
        return [s for s in statements if s.confidence >= self.min_confidence]

    def _hits(self, doc: Doc, mentions: list[Mention]) -> list[Hit]:
        """Lexicon matches, longest first where they overlap, never inside an actor's name."""
        in_name = {i for m in mentions if m.kind != "pronoun" for i in range(m.start, m.end)}
        # "kerja sama militer Rusia": a trigger may end on the sector noun of a mention, and
        # "expelled the French ambassador" on the title of an office
        sector_words = {
            i for m in mentions if m.kind in ("sector", "office") for i in range(m.start, m.end)
        }
        table = token_table(doc)
        text, has_space, lower = table.text, table.has_space, table.lower
        triggers, last_forms = self.lexicon.triggers, self._last_forms
        # "Russian strikes", but not "Armenians protested" (a people, then its verb)
        after_demonym = {
            m.end for m in mentions if m.kind == "demonym" and not lower[m.end - 1].endswith("s")
        }
        candidates = []
        for row, start, end in self.matcher(doc):
            trigger = triggers[row]
            if start in in_name or ((end - 1) in in_name and (end - 1) not in sector_words):
                continue
            compound = start > 0 and text[start - 1] == "-" and not has_space[start - 2]
            if compound != (trigger.voice == "compound"):
                continue  # "anti-ship": part of a compound word, not a verb; "Iran-backed"
            last = lower[end - 1]
            clitic = self.lang == "id" and last.endswith("nya") and last not in last_forms[row]
            # "analysing the launches", "condemned the strikes": a noun, not a verb
            nominal = (
                trigger.pos == "V"
                and start > 0
                and (lower[start - 1] in _NOUN_DETERMINERS or start in after_demonym)
            )  # ... and "damaged by Russian strikes"
            # sorted as is: longest first, then leftmost, then the earlier row
            candidates.append((start - end, start, row, end, clitic, nominal))
        candidates.sort()
        taken: set[int] = set()
        gapped: dict[int, str] = {}  # start of a "fired * at" hit → its relation
        hits = []
        for _, start, row, end, clitic, nominal in candidates:
            span = range(start, end)
            trigger = triggers[row]
            if taken.isdisjoint(span):
                taken.update(span)
                hits.append(Hit(trigger, start, end, clitic, nominal))
                if " * " in trigger.pattern:
                    gapped[start] = trigger.relation
            elif trigger.object == "thing" and gapped.get(start, trigger.relation) != (
                trigger.relation
            ):
                # "fired a ballistic missile at X": an attack, and the launch of what was fired
                hits.append(Hit(trigger, start, end, clitic, nominal))
        return sorted(hits, key=lambda h: h.start)

    def _sentence(
        self,
        view: SentenceView,
        entities: dict[str, Entity],
        discourse: Discourse,
        seats: dict[str, str],
        day: date | None,
    ) -> tuple[list[_Found], list[Scope]]:
        finder = ArgumentFinder(view, entities, discourse, self.symmetric, seats)
        scopes = speech_scopes(view, finder, discourse)
        for unit in we_mentions(view, scopes, entities):
            view.add_unit(unit)
        when: list[tuple[int, str]] | None = None  # the date expressions, once a hit needs them
        found: list[_Found] = []
        controlled: list[tuple[Hit, int]] = []  # (controlling hit, index of first inner _Found)
        warnings: list[Hit] = []
        for hit in view.hits:
            if hit.trigger.is_cue or hit.nominal or _venue(view, hit) or _across_clauses(view, hit):
                continue
            frame = finder.find(hit)
            empty = frame is None or not (frame.object or frame.thing or frame.pairs)
            if empty and hit.relation == "threatens":  # "warned that the army could attack Y"
                warnings.append(hit)
            if frame is None:
                continue
            pol = polarity(view, hit)
            mod = modality(view, hit, frame.subject_start)
            control = controller(view, hit)
            if control is not None:  # "agreed to withdraw": not done yet
                outer, asked = control
                mod = max(mod, CONTROL_MODALITY[outer.relation], key=MODALITIES.index)
                controlled.append((outer, len(found)))
                if asked is not None and outer.relation == "urges" and not frame.pairs:
                    frame.subject = finder.ids(
                        asked
                    )  # "urged Serbia to withdraw": Serbia would do it
            relation = frame.relation or hit.relation
            if frame.thing is not None and hit.trigger.thing_relation:
                relation = hit.trigger.thing_relation  # "mendesak penghentian pertempuran"
            pairs = self._pairs(frame, entities, relation)
            if pairs:  # (a third of the frames give none: no dates or claims to find for them)
                if when is None:
                    when = date_expressions(view) if day is not None else []
                when_done = event_date(view, hit, when, day)
                claims = _claimants_at(scopes, hit.start)
            first = len(found)
            for subject, obj in pairs:
                found.append(  # each its own list of claimants: quotes and denials add to it
                    _Found(hit, frame, subject, obj, pol, mod, list(claims), when_done, relation)
                )
            _remember_rivals(found[first:], entities, discourse)  # "... and warned its neighbour"
            if found[first:] and pol == "positive":  # an event told, not a bare noun
                discourse.events.pop(hit.relation, None)  # the latest event last
                discourse.events[hit.relation] = frame.subject
        found += self._conditional_threats(view, finder, entities, scopes, warnings)
        if not found and not warnings:  # (four sentences in ten) the rules below start
            return found, scopes  # from statements found
        found += self._threats(view, found, controlled)
        found += self._warnings(view, finder, entities, found, warnings)
        found += self._launch_targets(view, finder, entities, found)
        self._embed(view, found)
        return self._without_rejected(view, found), scopes

    def _threats(
        self, view: SentenceView, found: list[_Found], controlled: list[tuple[Hit, int]]
    ) -> list[_Found]:
        """ "X threatened to attack Y" threatens Y, though "threatened" has no object itself."""
        out = []
        for outer, first in controlled:
            if outer.relation != "threatens" or any(f.hit is outer for f in found):
                continue
            inner = [f for f in found[first:] if f.hit is found[first].hit]
            pol = polarity(view, outer)
            for f in inner:
                # "memperingatkan akan memberlakukan sanksi PBB": the UN's sanctions, but the
                # threat is the warner's (see _warnings)
                if f.object.is_actor and "subject=possessor" not in f.frame.how:
                    mod = modality(view, outer, f.frame.subject_start)
                    out.append(
                        _Found(
                            outer,
                            f.frame,
                            f.subject,
                            f.object,
                            pol,
                            mod,
                            list(f.claimants),
                            f.event_date,
                            "threatens",
                        )
                    )
        return out

    def _launch_targets(
        self,
        view: SentenceView,
        finder: ArgumentFinder,
        entities: dict[str, Entity],
        found: list[_Found],
    ) -> list[_Found]:
        """ "Russia launched 78 drones at Ukraine", "meluncurkan 800 drone ke kota-kota
        Ukraina": what is launched at an actor or a place attacks it."""
        out = []
        for f in found:
            if f.relation != "launches" or f.object.is_actor:
                continue
            for j in range(f.hit.end, view.clause_end(f.hit.end)):
                if view.lowercase[j] not in _TARGET_PREPOSITIONS:
                    continue
                if j + 1 < view.end and view.lowercase[j + 1] in ("arah", "direction"):
                    j += 1  # "ke arah kapal induk AS"
                unit = view.unit_after(j + 1, limit=3)
                if unit is None or not (finder._is_actor(unit) or finder._is_place(unit)):
                    continue
                if unit.kind == "demonym":
                    break  # "at a Greek-owned bulk carrier": a ship, not Greece
                frame = Frame(
                    subject=(f.subject.id,),
                    object=finder.ids(unit, places=True),
                    how=f"{f.frame.how} object=target",
                    fallback=f.frame.fallback,
                )
                for subject, obj in self._pairs(frame, entities, "attacks"):
                    out.append(
                        replace(f, frame=frame, subject=subject, object=obj, relation="attacks")
                    )
                break
        return out

    def _pairs(
        self, frame: Frame, entities: dict[str, Entity], relation: str
    ) -> list[tuple[Entity, Entity]]:
        lift = relation in self.state_level
        subjects = _actors(frame.subject, entities, lift)
        if relation == "visits":  # "menerima kunjungan X": a host official stands for the country
            frame.object = tuple(
                state_of(entities[i], entities).id for i in frame.object if i in entities
            )
        if frame.pairs and relation not in self.symmetric:
            # "Russia and Ukraine each released 150 prisoners": each did it to the other
            pairs = _pairs_of(subjects)
            return pairs + [(b, a) for a, b in pairs]
        if frame.pairs:
            return _pairs_of(subjects)
        objects = _actors(frame.object, entities, lift)
        if frame.thing is not None:
            objects.append(frame.thing)
        found = [(s, o) for s in subjects for o in objects if s.id != o.id]
        if relation in _JOINT and objects:
            # "Japan and the Philippines will join drills with the US": all three together
            found += _pairs_of(subjects)
        return found

    def _embed(self, view: SentenceView, found: list[_Found]) -> None:
        """Claims carried by condemnations, negation carried by denials."""
        for outer in found:
            relation = outer.relation
            if relation not in CLAIMING_RELATIONS | DENIAL_RELATIONS:
                continue
            through = _THAT if relation in DENIAL_RELATIONS else frozenset()
            region = range(outer.hit.end, view.clause_end(outer.hit.end, through=through))
            for inner in found:
                if inner.hit.start not in region or inner.hit is outer.hit:
                    continue
                if _sibling_predicate(inner.frame, outer.hit, inner.relation):
                    continue  # "denied that ... and urged the Council": the denier also urged
                if relation in CLAIMING_RELATIONS and inner.relation in DENIAL_RELATIONS:
                    continue  # "accused Chad of ..., a charge N'Djamena denied": Chad's own word
                if outer.subject.id not in inner.claimants:
                    inner.claimants.append(outer.subject.id)
                if relation in DENIAL_RELATIONS:
                    inner.polarity = "negative"

    def _warnings(
        self,
        view: SentenceView,
        finder: ArgumentFinder,
        entities: dict[str, Entity],
        found: list[_Found],
        warnings: list[Hit],
    ) -> list[_Found]:
        """ "Gallant warned that the army could launch an offensive in Lebanon": a threat
        against whoever the warned-of force would hit."""
        out = []
        for outer in warnings:
            # "ancaman Washington untuk mengebom ...": a threat noun's owner follows it
            owner = finder.possessor_after(outer) if outer.trigger.pos == "N" else None
            unit, how = (owner, "possessor") if owner else finder.left_subject(outer.start)
            if unit is None:
                continue
            region = range(outer.end, view.clause_end(outer.end, through=_THAT))
            targets = [
                (inner.object.id, inner)
                for inner in found
                if inner.hit.start in region
                and inner.relation in _FORCE_RELATIONS
                and inner.object.is_actor
            ]
            warned = _warned_of_consequences(view, outer.end)
            if warned is not None:  # "warned that the allies would pay a dear price"
                targets += [(actor_id, None) for actor_id in finder.ids(warned)]
            for target, inner in targets:
                frame = Frame(
                    subject=finder.ids(unit),
                    object=(target,),
                    how=f"subject={how} object=warned",
                )
                for subject, obj in self._pairs(frame, entities, "threatens"):
                    mod = modality(view, outer, unit.start)
                    pol = polarity(view, outer)
                    out.append(
                        _Found(
                            outer,
                            frame,
                            subject,
                            obj,
                            pol,
                            mod,
                            list(inner.claimants) if inner else [],
                            inner.event_date if inner else None,
                            "threatens",
                        )
                    )
        return out

    def _conditional_threats(
        self,
        view: SentenceView,
        finder: ArgumentFinder,
        entities: dict[str, Entity],
        scopes: list[Scope],
        warnings: list[Hit],
    ) -> list[_Found]:
        """ "Polish troops would respond with full force if Belarusian soldiers crossed the
        line", "akan membalas jika Kamboja ...": a retaliation promised on a condition, or a
        threat without an object, threatens the actor of the condition."""
        out = []
        lower = view.lowercase
        promised = [
            h
            for h in view.hits
            if h.relation == "@retaliate"
            and any(lower[k] in _WOULD for k in range(max(view.start, h.start - 2), h.start))
        ]
        # a spokesman's warning that his state would respond: the state's threat only
        for cue in promised or warnings:
            target = _condition_actor(view, cue.end)
            if target is None:
                continue
            unit, how = finder.left_subject(cue.start)
            if unit is None:
                continue
            frame = Frame(
                subject=finder.ids(unit), object=finder.ids(target), how=f"subject={how} object=if"
            )
            claims = _claimants_at(scopes, cue.start)
            # the cue word is the statement's trigger, read as a verb of threat
            hit = Hit(replace(cue.trigger, relation="threatens", pos="V"), cue.start, cue.end)
            for subject, obj in self._pairs(frame, entities, "threatens"):
                out.append(
                    _Found(
                        hit,
                        frame,
                        subject,
                        obj,
                        "positive",
                        "asserted",
                        list(claims),
                        None,
                        "threatens",
                    )
                )
        return out

    @staticmethod
    def _without_rejected(view: SentenceView, found: list[_Found]) -> list[_Found]:
        """ "Kim rejected calls for talks": the calls and the talks are not Kim's."""
        dropped: set[int] = set()
        attacks = [f.hit.start for f in found if f.relation == "attacks"]
        for n, outer in enumerate(found):  # "launched an offensive": an attack, not a launch
            if outer.relation == "launches" and any(
                0 <= start - outer.hit.end <= 5 for start in attacks
            ):
                dropped.add(n)
        for outer in found:
            if outer.relation not in REJECTING_RELATIONS or outer.object.is_actor:
                continue
            end = view.clause_end(outer.hit.end)
            # "menolak sanksi itu dan membantah memasok drone": a second predicate is no
            # part of what was rejected
            end = next((j for j in range(outer.hit.end, end) if view.starts_predicate(j)), end)
            region = range(outer.hit.end, end)
            for n, inner in enumerate(found):
                if inner.hit.start in region and inner.subject.id == outer.subject.id:
                    dropped.add(n)
        return [f for n, f in enumerate(found) if n not in dropped]

    # -- statements --------------------------------------------------------------------------
    def _statements(
        self,
        found: list[_Found],
        table: TokenTable,
        first: int,
        last: int,
        index: int,
        article_id: str,
    ) -> list[Statement]:
        """The statements of the sentence whose evidence is tokens ``[first, last)``."""
        out: list[Statement] = []
        if not found:
            return out
        located = location(table, first, last, index, article_id)
        for item in found:
            trigger = item.hit.trigger
            confidence = _CONFIDENCE[trigger.pos] - (
                _FALLBACK_PENALTY if item.frame.fallback else 0.0
            )
            evidence = Evidence(
                **located,
                trigger=table.span_text(item.hit.start, item.hit.end),
                rule=f"lexicon:{self.lang}.tsv:{trigger.line} "
                f"{trigger.pos}/{trigger.voice} {item.frame.how}",
                confidence=round(confidence, 2),
                modality=item.modality,
                claimed_by=tuple(dict.fromkeys(item.claimants)),
                event_date=item.event_date,
            )
            out.append(
                Statement(
                    subject=item.subject,
                    relation=item.relation,
                    object=item.object,
                    evidence=evidence,
                    polarity=item.polarity,
                    symmetric=item.relation in self.symmetric,
                )
            )
        return out

    def title_statements(
        self,
        view: SentenceView,
        entities: dict[str, Entity],
        span: Span,
        index: int,
        article_id: str,
    ) -> list[Statement]:
        """ "Menteri Luar Negeri Korea Selatan Cho Tae-yul" → Cho Tae-yul affiliatedWith KOR."""
        out = []
        for unit in view.units:
            for mention in unit.members or (unit,):
                if mention.title is None or mention.title_of is None:
                    continue
                person = entities.get(mention.entities[0])
                for title, of in (*mention.earlier_titles, (mention.title, mention.title_of)):
                    institution = entities.get(of)
                    if person is None or institution is None or person.id == institution.id:
                        continue
                    evidence = sentence_evidence(
                        span,
                        index,
                        article_id,
                        trigger=title.title,
                        rule=f"title:{title.lang}:{title.role}",
                        confidence=_TITLE_CONFIDENCE,
                    )
                    relation = title.relation
                    if title.role == "secretary_general" and institution.type in _LED_BODIES:
                        relation = "leaderOf"  # Hezbollah's secretary-general leads it
                    out.append(Statement(person, relation, institution, evidence))
        return out


def _across_clauses(view: SentenceView, hit: Hit) -> bool:
    """A gap pattern that reached into the next clause: "mengirim senjata ke Kyiv apabila
    pasukan ..." is no sending of troops."""
    if hit.end - hit.start < 3:
        return False  # no token inside
    return any(i in view.boundaries for i in range(hit.start + 1, hit.end - 1))


def _venue(view: SentenceView, hit: Hit) -> bool:
    """ "at a meeting of the agency's board": a meeting named as the place of something else."""
    if hit.trigger.pos != "N" or hit.relation != "meetsWith" or hit.end >= view.end:
        return False
    i = hit.start - 1
    while i > view.start and view.lowercase[i] in ("a", "an", "the"):
        i -= 1
    return view.lowercase[i] in _VENUE_PREPOSITIONS and view.lowercase[hit.end] in ("of", "dari")


def _actors(ids: tuple[str, ...], entities: dict[str, Entity], lift: bool) -> list[Entity]:
    """The entities of ``ids``, each once; with ``lift``, the states officials act for."""
    found = [entities[i] for i in ids if i in entities]
    if lift:  # "kedua menteri sepakat memperluas kerja sama": their states cooperate
        found = [state_of(e, entities) for e in found]
    if len(found) == 1:
        return found  # nothing to deduplicate
    return list({e.id: e for e in found}.values())


def _claimants_at(scopes: list[Scope], i: int) -> list[str]:
    """Who claims what is said at token ``i``: the speakers of the scopes covering it."""
    return [c for scope in scopes if scope.covers(i) for c in scope.claimants]


def _condition_actor(view: SentenceView, start: int) -> Mention | None:
    """The actor right after the "if"/"jika" that follows token ``start`` in its sentence."""
    lower = view.lowercase
    for k in range(start, min(view.end - 1, start + _CONDITION_REACH)):
        if lower[k] in _IF:
            after = k + 1 + (lower[k + 1] in _THE)
            unit = view.unit_at.get(after)
            return unit if unit is not None and view.is_argument(unit) else None
    return None


def _warned_of_consequences(view: SentenceView, i: int) -> Mention | None:
    """The actor in "warned (that) (the) X would pay / will face ..." after token ``i``."""
    lower = view.lowercase
    for word in (_THAT, _THE):
        if i < view.end and lower[i] in word:
            i += 1
    unit = view.unit_at.get(i)
    if unit is None or unit.end + 1 >= view.end:
        return None
    after = unit.end + 1
    while after < view.end - 1 and view.tokens.is_quote(after):
        after += 1  # 'would "pay a dear price"'
    return unit if lower[unit.end] in _WOULD and lower[after] in _CONSEQUENCES else None


def _sibling_predicate(frame: Frame, outer: Hit, relation: str) -> bool:
    """Whether a verb takes, by coordination, the subject that stands before ``outer``: a
    second predicate of the same speaker, outside what ``outer`` reports. A speech act
    ("... had opened fire first and urged the Council") is the speaker's too."""
    unit = frame.subject_unit
    if not frame.how.startswith("subject=coordination "):
        return False
    speech_act = relation in SPEECH_ACT_RELATIONS or relation == "expressesConcernAbout"
    return speech_act or (unit is not None and unit.end <= outer.start)


def _pairs_of(actors: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Every pair of ``actors``, in their order."""
    return [(a, b) for n, a in enumerate(actors) for b in actors[n + 1 :]]


def _starting_in(items: list[_Starts]) -> Callable[[int, int], list[_Starts]]:
    """A function giving the ``items`` that start in a sentence's bounds, in their order."""
    starts = [item.start for item in items]
    if starts != sorted(starts):
        return lambda start, end: [x for x in items if start <= x.start < end]
    # sorted (as the recogniser and _hits leave them): each sentence takes a slice
    return lambda start, end: items[bisect_left(starts, start) : bisect_left(starts, end)]


def _remember_rivals(
    found: list[_Found], entities: dict[str, Entity], discourse: Discourse
) -> None:
    """Note who is in conflict with whom, people and bodies also by their states."""
    for f in found:
        if f.relation not in _HOSTILE or f.polarity != "positive" or not f.object.is_actor:
            continue
        one, other = state_of(f.subject, entities), state_of(f.object, entities)
        if one.id == other.id:
            continue
        for a, b in ((f.subject, other), (one, other), (f.object, one), (other, one)):
            discourse.rivals[a.id] = b.id


def state_of(entity: Entity, entities: dict[str, Entity]) -> Entity:
    """The country an official or a state body acts for ("TNI" → Indonesia); anyone else
    stands for themselves."""
    official = entity.type in ("Person", "Organization") and entity.sector in _OFFICIAL_SECTORS
    if official and entity.country in entities:
        return entities[entity.country]
    return entity
