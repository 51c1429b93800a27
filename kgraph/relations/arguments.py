"""Find who does what to whom around a trigger, without a parser.

Indonesian and English news both put the subject before the verb, so the rules
read left for the subject and right for the object, inside one clause:

- verb, active: the nearest actor to the left that is not inside a
  prepositional phrase ("Di Jepang, Blinken ... mengutuk"); an actor before
  "yang"/"which" ("Korea Utara, yang sedang mengembangkan ..."); after
  "dan"/"and" + verb, the subject of the previous verb. The object is the first
  actor to the right whose preposition the lexicon row allows.
- verb, passive: the object is on the left, the agent follows "oleh"/"by".
- receive: "X menerima bantuan dari Y" gives Y → X.
- noun: the possessor after it ("kunjungan Blinken ke Seoul"), before it
  ("Russia's invasion"), a "-nya" clitic, "oleh"/"by", "dari"/"from", or
  "antara X dan Y"; a noun after a verb-like word ("menjanjikan kerja sama")
  takes that verb's subject.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kgraph.entities.mention import Mention
from kgraph.function_words import (
    AGENT_MARKERS,
    POSSESSIVE_PRONOUNS,
    SOURCE_MARKERS,
    looks_like_verb,
    words,
)
from kgraph.model import Entity
from kgraph.relations.modality import time_word
from kgraph.relations.sentence import Hit, SentenceView

_MAX_THING_TOKENS = 10
#: events whose noun takes its agent as a modifier: "Israeli strikes", "U.S. aid to Kyiv"
#: (not "the Caribbean Community member Guyana", "NATO ally Greece")
_MODIFIER_AGENT_RELATIONS = frozenset(
    ["attacks", "launches", "mobilizesAgainst", "coerces", "providesAidTo",
     "providesHumanitarianAidTo", "suppliesWeaponsTo", "sanctions"]
)  # fmt: skip
#: "-based", "-registered": a place in a compound that only says where something is;
#: "-backed": a backer, not the party itself ("fighting with U.N.-backed troops")
_SEAT_PARTICIPLES = frozenset(
    ["based", "registered", "flagged", "headquartered", "backed", "funded", "sponsored"]
)
_NEGATED_PREDICATE = frozenset(["tidak", "belum", "tak"])
#: acts of speech: coordinated after "X said that ..." (or after a denial, see the extractor),
#: they are the speaker's own
SPEECH_ACT_RELATIONS = frozenset(
    ["accuses", "urges", "callsFor", "condemns", "threatens", "rejects"]
)
_REPORTED_SPEECH_ACTS = SPEECH_ACT_RELATIONS | {"denies"}  # "said that ..., and denied ..."
_AUXILIARIES = frozenset(
    ["has", "have", "had", "will", "would", "was", "were", "telah", "sudah", "akan"]
)
_SLUG_PARTS = re.compile(r"[a-z0-9]+")


@dataclass
class Frame:
    """The arguments found for one hit."""

    subject: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    thing: Entity | None = None
    subject_start: int | None = None  # where the subject phrase begins (for modality cues)
    subject_unit: Mention | None = None  # the mention the subject came from, when there is one
    how: str = ""
    fallback: bool = False  # found by a weaker rule (ellipsis, coordination, clitic)
    relation: str | None = None  # the relation the arguments call for, if not the row's
    pairs: bool = False  # symmetric relation among the members of the subject


@dataclass
class Discourse:
    """What the extractor remembers while it reads an article."""

    previous_units: list[Mention] = field(default_factory=list)  # of the previous sentence
    speaker: tuple[str, ...] = ()  # the last speaker, for "tambahnya", "katanya"
    #: relation → subject ids of its latest statement: "condemned the launch" → who launched
    events: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: actor id → the actor it last attacked, accused, threatened ... or was by: the other
    #: side of "the border" and of "vowed to retaliate"
    rivals: dict[str, str] = field(default_factory=dict)


def thing_entity(label: str, lang: str, about: tuple[str, ...] = ()) -> Entity:
    """A :class:`Entity` of type Thing for a phrase; its id is a slug of the phrase.

    >>> thing_entity("kesepakatan senjata apa pun", "id").id
    'thing/kesepakatan-senjata-apa-pun'
    """
    ascii_text = unicodedata.normalize("NFKD", label.lower()).encode("ascii", "ignore").decode()
    slug = "-".join(_SLUG_PARTS.findall(ascii_text))[:80] or "x"
    return Entity(
        id=f"thing/{slug}", label=label, type="Thing", labels=((lang, label),), about=about
    )


class ArgumentFinder:
    """Argument rules for the hits of one sentence."""

    def __init__(
        self,
        view: SentenceView,
        entities: dict[str, Entity],
        discourse: Discourse,
        symmetric: frozenset[str],
        seats: dict[str, str] | None = None,
    ):
        self.view = view
        self.symmetric = symmetric
        self.seats = seats or {}  # place id → the actor it stands for
        self.lang = view.lang
        self.words = view.words
        self.entities = entities
        self.discourse = discourse
        self.verb_subject: Mention | None = None  # subject of the last verb, for "dan + verb"
        self.object_starts: set[int] = set()  # where the objects found so far start
        #: token → relation of events told before: verb forms used as nouns ("the
        #: launches"), event nouns with a demonstrative ("peluncuran itu")
        self.told_events = {
            k: h.relation
            for h in view.hits
            if h.nominal or (h.trigger.pos == "N" and self._anaphoric(h))
            for k in range(h.start, h.end)
        }
        self.noun_subjects: dict[int, tuple[str, ...]] = {}  # noun hit start → its subject
        self.speakers: dict[int, Mention] = {}  # speech verb start → its speaker (on the left)
        self.relation_frames: dict[str, Frame] = {}  # for "... dan kunjungan ke Jepang"

    # -- entry point -------------------------------------------------------------------------
    def find(self, hit: Hit) -> Frame | None:
        trigger = hit.trigger
        if trigger.pos == "N":
            frame = self._noun(hit)
        elif trigger.voice == "passive" or self._english_passive(hit):
            frame = self._passive(hit)
        elif trigger.voice == "receive":
            frame = self._receive(hit)
        elif trigger.voice == "compound":
            frame = self._compound(hit)
        else:
            frame = self._verb(hit)
        if frame is not None and frame.subject:
            self.relation_frames[trigger.relation] = frame
        return frame

    def actor_ids(self, unit: Mention) -> tuple[str, ...]:
        """The actors a mention stands for (seats of power included: "the Kremlin said")."""
        return self.ids(unit)

    def speaker_left(self, i: int) -> Mention | None:
        """The speaker of "X mengatakan", "X said" (the subject to the left of ``i``).

        The speaker is also the subject a later "and urged ..." coordinates with.
        """
        unit, _ = self.left_subject(i)
        if unit is not None:
            self.verb_subject = unit
            self.speakers[i] = unit
        return unit

    # -- frames ------------------------------------------------------------------------------
    def _verb(self, hit: Hit) -> Frame | None:
        unit, how = self.left_subject(hit.start)
        if unit is None:
            return None
        # "accused Morocco of killing ... and warned", "menuduh Ukraina menyerang ... dan
        # mengancam": a verb whose subject is another verb's object is that verb's complement,
        # and a later "and" joins the outer verb
        if not self._infinitive(hit.start) and unit.start not in self.object_starts:
            self.verb_subject = unit
        frame = Frame(
            subject=self.ids(unit),
            subject_unit=unit,
            # a coordinated verb's cues sit after "dan", not before its distant subject
            subject_start=None if how == "coordination" else unit.start,
            how=f"subject={how}",
            fallback=how != "left",
        )
        self._object(hit, frame, exclude=frame.subject)
        return frame

    def _passive(self, hit: Hit) -> Frame | None:
        # "Korea Utara harus dikutuk" names no agent: no statement
        return self._reversed(hit, AGENT_MARKERS, "passive")

    def _compound(self, hit: Hit) -> Frame | None:
        """ "The Iran-backed group", "Russian-supplied drones": the actor before the hyphen
        does it to the actor the compound modifies."""
        view = self.view
        backer = view.unit_at.get(hit.start - 2)
        if backer is None or not self._is_actor(backer):
            return None
        backed = view.unit_after(hit.end, limit=2)
        if backed is None or not self._is_actor(backed):
            return None
        return Frame(
            subject=self.ids(backer),
            object=self.ids(backed),
            subject_start=backer.start,
            how="compound",
        )

    def _receive(self, hit: Hit) -> Frame | None:
        return self._reversed(hit, SOURCE_MARKERS, "receive")

    def _reversed(self, hit: Hit, markers: dict[str, frozenset[str]], voice: str) -> Frame | None:
        """The grammatical subject is the object; the subject follows "oleh"/"dari"/"by"/"from".

        Indonesian passives may put the agent right after the verb ("dikembangkan
        Pyongyang"); a place inside the patient phrase is the patient of an attack
        ("a block in Kharkiv was struck by ..."); a thing before "yang" is the patient
        of a thing relation ("rudal yang dikembangkan Pyongyang").
        """
        agent = self._after_marker(hit, markers)
        if agent is None and (voice == "receive" or self.lang == "id"):
            # "dikembangkan Pyongyang", "menerima kunjungan Menlu Malaysia": no marker needed
            agent = self.view.unit_after(hit.end, limit=0)
            agent = agent if agent is not None and self._is_actor(agent) else None
        if agent is None:
            return None
        if hit.trigger.object == "thing":
            thing = self._thing_before(hit.start)
            if thing is None:
                return None
            return Frame(subject=self.ids(agent), thing=thing, how=f"{voice} object=thing-before")
        if hit.trigger.object == "actor|thing":
            # "tuduhan yang dibantah Moskow", "Tuduhan itu dibantah Moskow": a thing denied
            thing = self._thing_before(hit.start, opening=True)
            if thing is not None:
                return Frame(
                    subject=self.ids(agent), thing=thing, how=f"{voice} object=thing-before"
                )
        if hit.relation in _TRANSFER_RELATIONS:
            # "arms supplied by the UAE to the RSF": what is left of the verb is the goods
            recipient = self._recipient_after(agent)
            if recipient is not None:
                return Frame(
                    subject=self.ids(agent),
                    object=self.ids(recipient),
                    how=f"{voice} object=recipient subject=marker",
                )
        patient, how = self.left_subject(hit.start)
        places = "place" in hit.trigger.object
        if patient is None:  # "terhadap junta militer pimpinan X": the noun it follows
            patient, how = self._unit_ending_near(hit.start), "adjacent"
        if patient is None and places:
            patient, how = self._place_before(hit.start), "place"
        if patient is None:
            return None
        return Frame(
            subject=self.ids(agent),
            object=self.ids(patient, places=places),
            subject_start=patient.start,
            how=f"{voice} object={how} subject=marker",
            fallback=how != "left",
        )

    def _noun(self, hit: Hit) -> Frame | None:
        if hit.trigger.voice == "relational":
            return self._relational(hit)
        between = self._between(hit)
        if between is not None:
            first, rest = between
            return Frame(subject=first, object=rest, subject_start=hit.start, how="between")
        subject: tuple[str, ...] = ()
        how, fallback = "", False
        start: int | None = hit.start
        clitic = hit.clitic or (  # "kunjungan perdananya": the clitic on the modifier after it
            hit.end < self.view.end
            and self.view.has_clitic(hit.end)
            and hit.end not in self.view.unit_at
        )
        if clitic:
            # "Dalam kunjungan perdananya ke Dili, Sugiono ...": the subject after the comma
            unit = self._fronted_subject(hit) or self._clitic_antecedent(hit.start, exclude=())
            if unit is not None:
                subject, how, fallback, start = self.ids(unit), "clitic", True, unit.start
        if not subject:
            unit = self._possessor_before(hit)
            if unit is not None:
                subject, how, start = self.ids(unit), "possessor-before", unit.start
        if not subject and self._anaphoric(hit):
            return None  # "serangan ini", "this attack": an event told before, not a new one
        if not subject and hit.relation == "violates":
            agents = self._described_event(hit)
            if agents:  # "condemned the launch as a violation of ...": the launcher's
                subject, how, fallback, start = agents, "event", True, None
        bare_object = hit.trigger.preps is not None and "-" in hit.trigger.preps
        if not subject and hit.trigger.object != "thing" and not bare_object:
            # "pelanggaran resolusi Dewan Keamanan": after a thing-noun comes the thing's owner;
            # "anggota G7", "sekutu AS": a relational noun's complement is its object
            unit = self.possessor_after(hit)
            if unit is not None:
                subject, how = self.ids(unit), "possessor"
        if not subject:
            unit = self._after_marker(hit, AGENT_MARKERS) or (
                None
                if hit.trigger.preps and self.words.source_markers & hit.trigger.preps
                else self._after_marker(hit, SOURCE_MARKERS)
            )
            if unit is not None:
                subject, how = self.ids(unit), "agent"
        light_verb = self._light_verb(hit)
        if not subject and light_verb is not None:
            unit, left_how = self.left_subject(light_verb)
            # "what it said were deliveries of missiles to Russia": who speaks is not who
            # the copula's subject is
            if left_how == "speaker" and self.view.lowercase[light_verb] in _COPULAS:
                unit = None
            if unit is not None:
                subject, how = self.ids(unit), f"light-verb+{left_how}"
                start = None if left_how == "coordination" else unit.start
                fallback = left_how != "left"
        if not subject:
            unit = self._apposed(hit.start)
            if unit is not None:  # "Japan, a G7 member", "Jepang, sekutu AS"
                subject, how, start = self.ids(unit), "apposition", unit.start
        if not subject:
            unit, left_how = self.left_subject(hit.start)
            if unit is not None and left_how == "relative":
                # "perusahaan Korea Utara yang terlibat dalam transfer senjata ke Rusia"
                subject, how, start = self.ids(unit), "relative", unit.start
        earlier = self.relation_frames.get(hit.relation)
        if not subject and earlier is not None:
            subject, how, fallback = earlier.subject, "ellipsis", True
        if not subject and hit.relation in _MEETING and self.verb_subject is not None:
            # "..., Iwaya said after talks with his counterpart": the sentence's actor talked
            subject, how, fallback = self.ids(self.verb_subject), "sentence", True
        if not subject:
            return None
        frame = Frame(subject=subject, subject_start=start, how=f"subject={how}", fallback=fallback)
        self._object(hit, frame, exclude=subject)
        if how == "ellipsis" and not (frame.object or frame.thing) and earlier is not None:
            # "met a Hamas delegation for a third day of talks": the same parties
            frame.object, frame.thing, frame.pairs = earlier.object, earlier.thing, earlier.pairs
        self.noun_subjects[hit.start] = subject
        return frame

    def _anaphoric(self, hit: Hit) -> bool:
        """ "serangan ini", "kunjungan tersebut", "this attack": an event noun with a
        demonstrative refers to one told before."""
        view, lower = self.view, self.view.lowercase
        if self.lang == "id":
            return hit.end < view.end and lower[hit.end] in _DEMONSTRATIVES
        return hit.start > view.start and lower[hit.start - 1] in _DEMONSTRATIVES

    def _described_event(self, hit: Hit) -> tuple[str, ...]:
        """ "condemned the launch as a violation of ...", "menyebut insiden itu sebagai
        pelanggaran ...", "called the attack a violation of ...": whoever did the event
        described (a trigger, or an incident word for the latest hostile event)."""
        view, lower = self.view, self.view.lowercase
        first = max(view.clause_start(hit.start), hit.start - 8)
        marked = False
        for j in range(hit.start - 1, first - 1, -1):
            word = lower[j]
            if word in _AS:
                marked = True
                continue
            if not marked:
                continue
            event = next((h for h in view.hits if h.start <= j < h.end), None)
            if event is not None and not event.trigger.is_cue and event.relation != "violates":
                # "the launch" was told before; "North Korea's launch" names its agent
                return self.discourse.events.get(event.relation) or self.noun_subjects.get(
                    event.start, ()
                )
            if word in _INCIDENT_NOUNS:
                hostile = [r for r in self.discourse.events if r in _HOSTILE_EVENTS]
                return self.discourse.events[hostile[-1]] if hostile else ()
        return ()

    def _relational(self, hit: Hit) -> Frame | None:
        """ "Poland is one of Ukraine's backers", "Minsk, Moscow's closest ally", "sekutu AS":
        the noun's possessor is the object; the subject is who the noun describes."""
        before = self.view.lowercase[hit.start - 1] if hit.start > self.view.start else ""
        if before in _OBLIQUE:  # "a gun battle with members of the gang": no membership
            return None
        owner = self._possessor_before(hit)
        if owner is None and hit.relation == "memberOf":
            # "Japan, a G7 member", "Zagreb, a NATO member since 2009": the body before the noun
            # ("called on NATO members to ...": members addressed, not a description)
            unit = self.view.unit_at.get(hit.start - 1)
            if (
                unit is not None
                and unit.end == hit.start
                and unit.start > self.view.start
                and self.view.lowercase[unit.start - 1] in ("a", "an")
                and self._is_actor(unit)
            ):
                owner = unit
        probe = owner.start if owner is not None else hit.start
        subject, how = self._apposed(probe), "apposition"
        if owner is None and subject is None:
            # "The Caribbean Community, of which Guyana is a founding member, ..."
            found = self._of_which(probe)
            if found is not None:
                subject, owner = found
                how = "of-which"
        if subject is None:  # "Poland ... has been one of Ukraine's backers"
            subject, how = self.left_subject(probe)
        if subject is None:
            return None
        frame = Frame(
            subject=self.ids(subject),
            subject_unit=subject,
            subject_start=subject.start,
            how=f"subject={how}",
        )
        if owner is not None and not set(self.ids(owner)) & set(frame.subject):
            frame.object, frame.how = self.ids(owner), frame.how + " object=possessor"
        else:
            self._object(hit, frame, exclude=frame.subject)
        if (
            not frame.object
            and not frame.pairs
            and len(frame.subject) > 1
            and hit.relation in self.symmetric
        ):
            # "Australia dan Selandia Baru, dua sekutu dekat": allies of each other
            frame.pairs, frame.how = True, frame.how + " object=pairs"
        return frame if frame.object or frame.pairs else None

    # -- objects -----------------------------------------------------------------------------
    def _object(self, hit: Hit, frame: Frame, *, exclude: tuple[str, ...]) -> None:
        """Fill ``frame.object`` or ``frame.thing`` following the lexicon row."""
        trigger = hit.trigger
        kind = trigger.object
        # "menyerangnya": the clitic on a verb is its object; on the noun of "menarik
        # pasukannya" it is only a possessive
        if hit.clitic and trigger.pos == "V" and kind != "thing" and hit.end - hit.start == 1:
            unit = self._clitic_antecedent(hit.start, exclude=exclude)
            if unit is not None:
                frame.object, frame.how = self.ids(unit), frame.how + " object=clitic"
                frame.fallback = True
            return
        if kind == "organization":  # "left ECOWAS": only a body one can leave, not "left Kyiv"
            unit = self._right_object(hit, exclude, places=False)
            if unit is not None and all(
                (e := self.entities.get(i)) is not None and e.type in _BODIES for i in unit.entities
            ):
                frame.object, frame.how = self.ids(unit), frame.how + " object=right"
            return
        if kind in ("actor", "actor|place"):
            places = kind == "actor|place"
            # "mengutuk peluncuran itu sebagai pelanggaran ... Dewan Keamanan": the event
            # named right after the verb decides the object before any actor further on
            agents = self._event_agents(hit, exclude)
            unit = None if agents else self._right_object(hit, exclude, places=places)
            if (
                unit is not None
                and hit.relation == "mobilizesAgainst"
                and self._home(unit, exclude)
            ):
                unit = None  # "ordered troops into the Catatumbo region": its own soil
            if hit.relation == "mobilizesAgainst" and (unit is None or self._is_place(unit)):
                # "mengerahkan dua kapal patroli untuk membayangi kapal China": the purpose
                # names the adversary, not the place the forces went to
                purpose = self._purpose_target(hit, exclude)
                if purpose is not None and self.view.lowercase[purpose[1]] in _HELPING_VERBS:
                    # "sending troops across the border to help M23 rebels": beside them
                    frame.relation = "cooperatesMilitarilyWith"
                unit = purpose[0] if purpose is not None else unit
            if unit is not None:
                frame.object = self.ids(unit, places=places)
                frame.how += " object=right"
                if hit.relation == "mobilizesAgainst" and self._sent_to_partner(unit, frame):
                    # "sent thousands of troops to Russia": to fight beside it, not against it
                    frame.relation = "cooperatesMilitarilyWith"
            elif agents:
                frame.object, frame.how = agents, frame.how + " object=event"
                frame.fallback = True
            elif len(frame.subject) > 1 and (
                hit.relation in self.symmetric or self._reciprocal(frame, hit)
            ):
                frame.pairs, frame.how = True, frame.how + " object=pairs"
            elif hit.relation in _COUNTERPART_RELATIONS:
                other = self._counterpart(hit, frame.subject)
                if other:
                    frame.object, frame.how = other, frame.how + " object=counterpart"
                    frame.fallback = True
            elif hit.relation in _WHERE_RELATIONS:
                where = self._where(hit, frame.subject, places=places)
                if where:
                    frame.object, frame.how = where, frame.how + " object=where"
                    frame.fallback = True
            if not frame.object and hit.relation in _OWNED_TARGET_RELATIONS:
                owner = self._owner_of_target(hit, frame.subject)
                if owner is not None:  # "strikes on its nuclear sites", "fired on its positions"
                    frame.object, frame.how = self.ids(owner), frame.how + " object=its"
                    frame.fallback = True
            return
        span = self._phrase(hit)
        if span is None:
            claim = self._claim_before_subject(frame)
            if claim is not None:  # "..., a charge Yerevan flatly denied"
                frame.thing, frame.how = claim, frame.how + " object=gap"
            return
        # an actor opening the phrase ("denied Russia's claims") is the object, but never
        # the subject of a that-clause ("denied that Russian forces had targeted ...")
        clause = span[0] > hit.end and self.view.lowercase[span[0] - 1] in _THAT
        if kind == "actor|thing" and not clause:
            # the actor may follow one modifier: "mendesak junta militer Myanmar"
            # ... but not after a verb: "membantah mempersenjatai junta" denies a clause
            # ... but "menolak usulan Australia" rejects a proposal, not Australia
            lead = self.view.lowercase[span[0]]
            head = lead in _ACTOR_HEADS or lead in self.words.actor_nouns
            one_more = head and not self._predicate_at(span[0])
            for k in (span[0], span[0] + 1) if one_more else (span[0],):
                unit = self.view.unit_at.get(k)
                if (
                    unit is not None
                    # ("urged the army and the RSF": the unit takes in the "the" skipped)
                    and (unit.start == k or hit.end <= unit.start < k)
                    and (self._is_actor(unit) or self._is_place(unit))
                    and not set(self.ids(unit, places=True)) & set(exclude)
                    # "membantah negaranya berupaya membuat bom": a clause, not an actor
                    and not (hit.relation in _CLAUSAL and self._heads_predicate(unit))
                    # "rejected the European decision": the decision, not the EU
                    and not (
                        hit.relation in _CLAUSAL | {"rejects"}
                        and unit.kind == "demonym"
                        and self._modifies_noun(unit)
                    )
                    # "denied Thai media reports that ...": the reports are what is denied
                    and not (
                        hit.relation in _CLAUSAL | {"rejects"}
                        and unit.end < self.view.end
                        and self.view.lowercase[unit.end] in _REPORT_NOUNS
                    )
                ):
                    frame.object = self.ids(unit, places=True)
                    frame.how += " object=right"
                    return
        if kind == "actor|thing" and not clause and hit.relation == "investigates":
            suspect = self._suspect(span, exclude)
            if suspect is not None:  # "menyelidiki dugaan keterlibatan pejabat Ethiopia"
                frame.object, frame.how = self.ids(suspect), frame.how + " object=suspect"
                return
        if clause and hit.trigger.thing_relation:
            # "demanded that the Houthis halt attacks": the one told to act is urged
            view = self.view
            lead = span[0] + (view.lowercase[span[0]] in _ARTICLES)
            unit = view.unit_at.get(lead)
            if unit is not None and self._is_actor(unit) and not self._possessor(unit):
                frame.object, frame.how = self.ids(unit), frame.how + " object=that-subject"
                return
        if hit.trigger.thing_relation and self._addressed(span):
            return  # "urged Western partners to ...": an addressee, not a demand
        frame.thing, frame.how = self._thing_of(*span), frame.how + " object=thing"

    def _home(self, unit: Mention, subject: tuple[str, ...]) -> bool:
        """Whether ``unit`` is a place in the subject's own country."""
        homes = set()
        for actor_id in subject:
            entity = self.entities.get(actor_id)
            if entity is not None:
                homes.add(entity.country_id)
        for place_id in unit.entities:
            place = self.entities.get(place_id)
            if place is None or place.type != "Location" or place.country not in homes:
                return False
        return True

    def _of_which(self, i: int) -> tuple[Mention, Mention] | None:
        """(member, body) for "BODY, of which MEMBER is a member" before token ``i``."""
        view, lower = self.view, self.view.lowercase
        for j in range(i - 1, max(view.start + 2, i - 7), -1):
            if lower[j] != "which" or lower[j - 1] != "of" or view.tokens.text[j - 2] != ",":
                continue
            member, body = view.unit_at.get(j + 1), view.unit_at.get(j - 3)
            if member is not None and body is not None and self._is_actor(body):
                return member, body
        return None

    def _sent_to_partner(self, unit: Mention, frame: Frame) -> bool:
        """Whether forces sent "to"/"ke" an actor go to a partner: one the subject has not
        been in conflict with."""
        if self.view.prep_before(unit) not in _RECIPIENT_PREPOSITIONS:
            return False
        if not all(self._is_actor(m) for m in unit.members or (unit,)):
            return False  # "to the Cambodian border", a place
        if self._possessor(unit):
            return False  # "closer to Russia's borders": a place of Russia's
        rivals = self.discourse.rivals
        return not any(rivals.get(s) in frame.object for s in frame.subject)

    def _recipient_after(self, agent: Mention) -> Mention | None:
        """The actor after "to"/"ke"/"kepada" right behind a passive's agent."""
        view = self.view
        k = agent.end
        if k < view.end and view.lowercase[k] in _RECIPIENT_PREPOSITIONS:
            k = self._skip_thing_words(k + 1)
            unit = view.unit_at.get(k)
            if unit is not None and unit.start == k and self._is_actor(unit):
                return unit
        return None

    def _suspect(self, span: tuple[int, int], exclude: tuple[str, ...]) -> Mention | None:
        """The first actor in what is investigated: "new reports of mass killings by the RSF",
        "dugaan kejahatan perang yang dilakukan RSF", "sel al-Shabaab"."""
        view = self.view
        end = view.clause_end(span[0], through=_RELATIVE_THROUGH)
        closing = view.relative_clause_end(span[0])  # "Finland, which is investigating X, ..."
        for k in range(span[0], min(end, closing) if closing is not None else end):
            unit = view.unit_at.get(k)
            if (
                unit is not None
                and unit.start == k
                and self._is_actor(unit)
                and not set(self.ids(unit)) & set(exclude)
            ):
                return unit
        return None

    def _claim_before_subject(self, frame: Frame) -> Entity | None:
        """ "a charge Yerevan flatly denied", "the claims that Moscow rejected": the claim
        noun right before the subject is what the verb, with no object of its own, takes."""
        unit, view = frame.subject_unit, self.view
        if unit is None or unit.start <= view.start:
            return None
        k = unit.start - 1
        if view.lowercase[k] in _THAT | {"which"} and k > view.start:
            k -= 1
        return self._thing_of(k, k + 1) if view.lowercase[k] in _CLAIM_NOUNS else None

    def _where(self, hit: Hit, subject: tuple[str, ...], *, places: bool) -> tuple[str, ...]:
        """ "humanitarian assistance for Rohingya refugees in Bangladesh", "bantuan untuk
        korban gempa di Vanuatu": aid for people in a country goes to that country;
        "menembaki sejumlah desa di Hermel": an attack on things in a place hits the place."""
        view = self.view
        if hit.start > view.start and view.lowercase[hit.start - 1] in _PURPOSE:
            return ()  # "supaya bantuan kemanusiaan bisa sampai ke pengungsi": a hope
        for j in range(hit.end, view.clause_end(hit.end)):
            if view.lowercase[j] in _TEMPORAL:
                break  # "pelatihan sebelum diterjunkan ke medan perang di Ukraina"
            unit = view.unit_at.get(j)
            if unit is None or unit.start != j or view.lowercase[j - 1] not in _IN:
                continue
            countries = []
            for entity_id in self.ids(unit, places=True):
                entity = self.entities.get(entity_id)
                if entity is None:
                    continue
                country = entity.country_id
                if places and entity.type in ("Country", "Location") and country:
                    countries.append(entity.id)  # (a place in no country, a sea, is no target)
                elif entity.type in ("Country", "Location") and country in self.entities:
                    countries.append(country)
            if countries and not set(countries) & set(subject):
                return tuple(countries)
        return ()

    def _counterpart(self, hit: Hit, subject: tuple[str, ...]) -> tuple[str, ...]:
        """The other side, for a deployment or a threat that names none: "to its border with
        Belarus", "massing near the Eritrean border", "near the border", "warned its
        neighbour", "vowed to retaliate" (the last two and a bare border: the actor the
        subject was last in conflict with)."""
        view, lower = self.view, self.view.lowercase
        end = view.clause_end(hit.end)
        implicit = any(lower[k] in _RETALIATION for k in range(hit.start, hit.end))
        for j in range(hit.end, end):
            word = lower[j]
            if word in _BORDER_WORDS:
                k = j + 2 if j + 1 < end and lower[j + 1] in _WITH else j + 1
                for unit in (view.unit_at.get(k), view.unit_at.get(j - 1)):
                    if unit is None or not view.is_argument(unit):
                        continue
                    if self._is_actor(unit) or self._is_place(unit):
                        ids = self.ids(unit, places=True)
                        if not set(ids) & set(subject):
                            return ids
                implicit = True
                break
            if word in _NEIGHBOURS and hit.relation == "threatens":
                implicit = True
                break
        if not implicit:
            return ()
        for actor_id in subject:
            entity = self.entities.get(actor_id)
            rival = self.discourse.rivals.get(actor_id) or (
                self.discourse.rivals.get(entity.country) if entity and entity.country else None
            )
            if rival is not None and rival not in subject:
                return (rival,)
        return ()

    def _addressed(self, span: tuple[int, int]) -> bool:
        """Whether a request's phrase is someone asked to act ("para sekutu mempercepat ...",
        "partners to ...") rather than what is asked for ("penghentian pertempuran")."""
        view = self.view
        markers = self.words.infinitive_markers | {"agar"}

        def infinitive(k: int) -> bool:  # "partners to let ...", not "a halt to the fighting"
            nominal = k + 1 >= view.end or k + 1 in view.unit_at or view.tokens.like_num(k + 1)
            return (
                view.lowercase[k] in markers
                and not nominal
                and view.lowercase[k + 1] not in _NOMINAL
            )

        return any(infinitive(k) for k in range(span[0] + 1, min(span[1] + 1, view.end))) or any(
            self._predicate_at(k) for k in range(span[0] + 1, span[1])
        )

    def _right_object(self, hit: Hit, exclude: tuple[str, ...], *, places: bool) -> Mention | None:
        view = self.view
        after = hit.end
        if (
            view.lowercase[hit.end - 1] in _CONTROL_ENDINGS
            and after < view.end
            and looks_like_verb(view.lowercase[after], self.lang)
            # ("memperingatkan Manila akan menghadapi ...": the one warned is inside)
            and not any(k in view.unit_at for k in range(hit.start + 1, hit.end))
        ):
            return None  # "memperingatkan akan memberlakukan sanksi PBB": the verb's object
        while after < view.end and view.tokens.is_quote(after):  # stood "fully behind" Warsaw
            after += 1
        end = view.clause_end(after)
        closing = view.relative_clause_end(hit.start)  # "X, yang ... bantuan, ... ke Israel"
        end = min(end, closing) if closing is not None else end
        i = hit.start + 1
        shared = False  # past "and <verb>": only a recipient the two verbs share
        lower, unit_at, ignored = view.lowercase, view.unit_at, view.ignored
        coordinators, relativizers = self.words.coordinators, self.words.relativizers
        while i < end:
            if (
                i > hit.end
                and lower[i] in _NEGATED_PREDICATE
                and i + 1 < end
                and looks_like_verb(lower[i + 1], self.lang)
            ):
                return None  # "menyerang kapal ... tidak terlepas dari ...": a new predicate
            if i in ignored:  # "mengecam apa yang disebutnya sebagai ...": skip the cue
                i += 1
                continue
            unit = unit_at.get(i)
            if unit is not None:
                hyphened = (
                    unit.end < view.end
                    and view.tokens.text[unit.end] == "-"
                    and not view.tokens.has_space[unit.end - 1]
                )
                compound = hyphened and (  # "at a Greek-owned bulk carrier": the ship;
                    # "in the Moscow-led CSTO": the bloc ("al Qaeda-linked militants": al Qaeda)
                    unit.kind == "demonym"
                    or view.unit_after(unit.end + 2, limit=1) is not None
                    # "two Hong Kong-based firms, A and B": where the firms are, not who
                    or (unit.end + 1 < view.end and lower[unit.end + 1] in _SEAT_PARTICIPLES)
                )
                if (
                    not compound
                    and view.is_argument(unit)
                    and (self._is_actor(unit) or (places and self._is_place(unit)))
                ):
                    prep = view.prep_before(unit)
                    if (
                        prep is None
                        and hit.trigger.voice == "relational"
                        and lower[hit.end] in self.words.prepositions
                        and unit.start - hit.end - 1 <= (lower[hit.end + 1] in _ARTICLES)
                    ):
                        # "members of BRICS": the trigger is no partitive ("members of the
                        # gang protested"); the preposition after it governs the unit
                        prep = lower[hit.end]
                    if prep is None and view.tokens.text[unit.start - 1] == ",":
                        # "sanctions on two firms, A and B": the apposition's preposition
                        prep = self._head_preposition(hit.end, unit.start - 1)
                    if (
                        hit.trigger.allows_prep(prep)
                        and (not shared or prep in _RECIPIENT_PREPOSITIONS)
                        and prep not in self.words.agent_markers
                        and not set(self.ids(unit, places=places)) <= set(exclude)
                    ):
                        self.object_starts.add(unit.start)
                        return unit
                i = unit.end
                continue
            word = lower[i]
            if (
                i >= hit.end
                and not shared
                and hit.relation in _TRANSFER_RELATIONS
                and word in coordinators
                and view.starts_predicate(i)
            ):
                # "shipped millions of shells and sent thousands of troops to Russia": both
                # went to Russia
                shared = True
                i += 1
                continue
            if i >= hit.end and (
                (word in coordinators and view.starts_predicate(i))
                or word in relativizers  # view.is_relativizer(i)
                or word in _THAT
                # "was sheltering people, and Japan pledged ...": a new clause and subject
                or (i + 2 < end and view.comma_and_subject(i))
            ):
                return None  # "warned that the army ...": a clause, not an object
            if (
                hit.trigger.preps == _BARE
                and i >= hit.end
                and (
                    i - hit.end >= _BARE_REACH or view.lowercase[i] in self.words.infinitive_markers
                )
            ):
                return None  # "urged Western partners to let Kyiv ...": the partners, not Kyiv
            i += 1
        return None

    def _possessor(self, unit: Mention) -> bool:
        """Whether "'s" follows ``unit`` ("Peru's claims"): it owns what comes next."""
        view = self.view
        return unit.end < view.end and view.lowercase[unit.end] in self.words.possessive_markers

    def _unit_ending_near(self, i: int) -> Mention | None:
        """An actor ending right before token ``i``, or one word before it."""
        view = self.view
        for j in (i - 1, i - 2):
            unit = view.unit_at.get(j) if j >= view.start else None
            if unit is not None:
                return unit if unit.end >= i - 1 and self._is_actor(unit) else None
        return None

    def _modifies_noun(self, unit: Mention) -> bool:
        """Whether an English demonym stands before a lower-case noun ("the European
        decision"), not as a people ("the Europeans")."""
        view = self.view
        after = unit.end
        return (
            self.lang == "en"
            and after < view.end
            and view.tokens.text[after].isalpha()
            and view.tokens.text[after].islower()
            and after not in view.verb_starts
        )

    def _head_preposition(self, start: int, comma: int) -> str | None:
        """The preposition opening a plain noun phrase from ``start`` to ``comma``: "on
        two Hong Kong-based shipping firms"."""
        view = self.view
        if start >= comma or view.lowercase[start] not in self.words.prepositions:
            return None
        for k in range(start + 1, comma):
            word = view.lowercase[k]
            if k in view.boundaries or word == "," or word in self.words.prepositions:
                return None  # "to its border with Belarus, Prime Minister X said"
        return view.lowercase[start]

    def _thing(self, hit: Hit) -> Entity | None:
        """The noun phrase after the trigger, as a Thing ("senjata nuklir dan rudalnya")."""
        span = self._phrase(hit)
        return self._thing_of(*span) if span is not None else None

    def _phrase(self, hit: Hit) -> tuple[int, int] | None:
        """Tokens of the noun phrase after a trigger; after "that"/"bahwa", the clause."""
        view = self.view
        start = self._skip_thing_words(hit.end)
        if start < view.end and view.lowercase[start] in _THAT:
            start += 1  # "denied that any weapons had changed hands"
        elif hit.trigger.preps and start < view.end:
            for k in (start, start + 1):  # "concern about ...", "kekhawatiran nyata mengenai ..."
                if k < view.end and view.lowercase[k] in hit.trigger.preps:
                    start = k + 1
                    break
        # "concern about what she called Belarus's provocations" (Indonesian "tuduhan" is a
        # cue and the thing itself)
        for cue in view.hits:
            if cue.start == start and cue.relation == "@alleged" and self.lang == "en":
                start = cue.end
        if (
            start >= view.end
            or view.lowercase[start] in self.words.prepositions
            or view.lowercase[start] in _NOT_THING_START
            or hit.clitic
        ):
            return None
        end = start
        # per token of the phrase: locals, and the word-set tests before any call
        words, lowercase, text = self.words, view.lowercase, view.tokens.text
        is_punct, boundaries, verb_starts = view.tokens.is_punct, view.boundaries, view.verb_starts
        clausal = hit.relation in _CLAUSAL
        while end < view.end and end - start < _MAX_THING_TOKENS:
            lower = lowercase[end]
            if lower in words.possessive_markers or text[end] == "-":
                end += 1  # "the allies' joint statement", "anti-ship missiles"
                continue
            if end > start and lower in words.place_prepositions:
                break  # "missiles at a bulk carrier in the Gulf": the thing ends at its place
            verb = (
                end > start
                and not clausal
                and end in verb_starts  # (end is past this hit: another one)
            )  # "denied attacking Vietnam": a thing may begin with a verb, not contain one,
            # except what is denied: "membantah pasukannya menembaki warga sipil"
            # "weapons and has rejected ...": a coordinator before a verb ends the thing
            second_predicate = (
                end > start
                and lower in words.coordinators
                and end + 1 < view.end
                and (view.starts_predicate(end + 1) or lowercase[end + 1] in _AUXILIARIES)
            )
            if (
                (end in boundaries and end > start)
                or second_predicate
                or is_punct[end]
                or lower in words.relativizers  # view.is_relativizer(end)
                or (lower in words.coordinators and view.starts_predicate(end))
                or verb
                or (end > start and lower in _THING_ENDS)
            ):
                break
            end += 1
        if end - start == 1 and view.lowercase[start] in _PRONOUN_THINGS:
            return None  # "denied it": nothing to name
        if all(
            view.lowercase[k] in _ORDINALS or view.lowercase[k].isdigit() for k in range(start, end)
        ):
            return None  # "upaya peluncuran ketiga": an ordinal names no thing
        return (start, end) if end > start else None

    def _thing_of(self, start: int, end: int) -> Entity:
        view = self.view
        named = {u.start: u for i in range(start, end) if (u := view.unit_at.get(i)) is not None}
        about = tuple(
            dict.fromkeys(e for u in named.values() if self._is_actor(u) for e in u.entities)
        )
        return thing_entity(view.text(start, end), self.lang, about)

    def _skip_thing_words(self, i: int) -> int:
        skip, view = self.words.thing_skip, self.view
        lower, is_quote = view.tokens.lower, view.tokens.is_quote
        while i < view.end and (lower[i] in skip or is_quote(i)):
            i += 1
        return i

    def _heads_predicate(self, unit: Mention) -> bool:
        """Whether an actor is the subject of a verb after it, or owns an intention before
        it ("upaya Korea Utara untuk meluncurkan")."""
        if any(h.relation == "@intended" and h.end == unit.start for h in self.view.hits):
            return True
        j, adverbs, lower = unit.end, self.words.vp_adverbs, self.view.tokens.lower
        while j < self.view.end and (lower[j] in adverbs or lower[j] in _ASPECT):
            j += 1
        return j < self.view.end and self._predicate_at(j)

    def _predicate_at(self, j: int) -> bool:
        """Whether a verb (a verb trigger, or an Indonesian verbal prefix) stands at ``j``."""
        view = self.view
        return j in view.verb_starts or looks_like_verb(view.lowercase[j], self.lang)

    def _place_before(self, i: int) -> Mention | None:
        """The nearest place named in the clause before token ``i``."""
        view = self.view
        for j in range(i - 1, view.clause_start(i) - 1, -1):
            unit = view.unit_at.get(j)
            if unit is not None and self._is_place(unit):
                return unit
        return None

    def _thing_before(self, i: int, *, opening: bool = False) -> Entity | None:
        """ "rudal balistik yang terus dikembangkan": the noun phrase before "yang"; with
        ``opening``, also a noun phrase that opens the clause ("Tuduhan itu dibantah X")."""
        view = self.view
        j, adverbs, lower = i - 1, self.words.vp_adverbs, view.tokens.lower
        while j >= view.start and (
            lower[j] in adverbs or lower[j] in _ASPECT or lower[j] in self.words.passive_auxiliaries
        ):
            j -= 1
        if j < view.start:
            return None
        if not view.is_relativizer(j):
            if not opening or j in view.unit_at:
                return None
            end = j + 1
            start = end
            while start > view.start and self._modifier(start - 1):
                start -= 1
            clause = view.clause_start(i)
            return self._thing_of(start, end) if start == clause and end > start else None
        end = j
        start = end
        while start > view.start and end - start < _MAX_THING_TOKENS and self._modifier(start - 1):
            start -= 1
        return self._thing_of(start, end) if end > start else None

    def _event_agents(self, hit: Hit, exclude: tuple[str, ...]) -> tuple[str, ...]:
        """ "mengutuk peluncuran itu", "condemned the launch": who did the event named after it.

        The event is a trigger right after this one (past "the"/"this"); its agent is the
        subject of the latest statement of that relation in the article so far.
        """
        view = self.view
        i = self._skip_thing_words(hit.end)
        if i < view.end and view.lowercase[i] in _DEMONSTRATIVES:
            i += 1
        event = next((h for h in view.hits if h.start == i and not h.trigger.is_cue), None)
        if event is None:
            return ()
        after = view.unit_after(event.end, limit=1)
        # "condemned the attack on Kyiv by Russia" is left to the object scan; "condemned the
        # strikes in Paktika" names where an event told before happened, "host talks in Kuala
        # Lumpur" a new event
        told = view.lowercase[i - 1] in _DEMONSTRATIVES | {"the"} or (
            event.end < view.end and view.lowercase[event.end] in _DEMONSTRATIVES
        )
        if after is not None and (view.prep_before(after) not in _IN or not told):
            return ()
        agents = self.noun_subjects.get(event.start) or self.discourse.events.get(
            event.relation, ()
        )
        return tuple(a for a in agents if a not in exclude)

    # -- subjects ----------------------------------------------------------------------------
    def left_subject(self, i: int) -> tuple[Mention | None, str]:
        """The subject of a predicate at token ``i`` and how it was found."""
        view = self.view
        lower_limit = view.clause_start(i)
        # "Kyiv menggunakan rudal buatan Amerika Serikat untuk menyerang": the subject of
        # an Indonesian infinitive is an actor that heads a predicate, not one inside a noun
        infinitive = self.lang == "id" and self._infinitive(i)
        speaker = self._speaker_before(lower_limit, i)
        if speaker is not None:  # "..., kata Sugiono seusai bertemu X": the speaker met X
            return speaker, "speaker"
        if (
            self.lang == "en"
            and self.verb_subject is not None
            and i > view.start
            and view.tokens.text[i - 1] == ","
            and view.lowercase[i].endswith("ing")
        ):  # "Washington sanctioned the army chief, X, accusing ...": Washington accuses
            return self.verb_subject, "coordination"
        contrast = self._after_contrast(i)
        if contrast is not None:  # "Sybiha welcomed the sanctions but urged the EU to ..."
            first = self.verb_subject or self._clause_subject(view.clause_start(contrast), contrast)
            if first is not None:
                return first, "coordination"
        if self._after_coordinator(i):
            speaker = self._speaker_of_clause(i)
            if speaker is not None:  # "X said that Y were massing ..., and accused Z of ..."
                return speaker, "coordination"
            # (not a speaker further on: "... and expelled diplomats it said were spies")
            if self.verb_subject is not None and self.verb_subject.start < i:
                return self.verb_subject, "coordination"
            first = self._clause_subject(lower_limit, i)
            if first is not None:  # "Kemlu memanggil Dubes China dan menyampaikan nota protes"
                return first, "coordination"
        j = i - 1
        # the loop visits most tokens of the clause: locals, and no call for plain words
        unit_at, text, lower = view.unit_at, view.tokens.text, view.lowercase
        relativizers = self.words.relativizers
        while j >= lower_limit:
            unit = unit_at.get(j)
            if unit is not None:
                if (
                    view.is_argument(unit)
                    and self._is_actor(unit)
                    and view.prep_before(unit) is None
                    and (not infinitive or self._heads_predicate(unit))
                ):
                    return unit, "left"
                j = unit.start - 1
                continue
            agents = self._noun_subject_at(j) if self.noun_subjects else None
            if not agents and self.told_events and j >= i - 2:
                # "saying the launches violated ...": an event told before, by its agent, as
                # the subject right before the verb
                relation = self.told_events.get(j)
                agents = self.discourse.events.get(relation) if relation else None
            if agents:  # "pengiriman senjata dari Korea Utara melanggar ...": the event's agent
                return Mention(j, j + 1, agents, kind="event"), "event"
            if lower[j] in relativizers:  # view.is_relativizer(j)
                k = j - 1
                if k >= view.start and text[k] == ",":
                    k -= 1
                unit = unit_at.get(k)
                if unit is None and self.lang == "en" and k > view.start and text[k].islower():
                    # "Islamic State militants who ...": the group the noun belongs to
                    unit = unit_at.get(k - 1)
                    unit = unit if unit is not None and unit.end == k else None
                if unit is not None and self._is_actor(unit) and view.is_argument(unit):
                    return unit, "relative"
            if text[j] == ",":
                head = self._apposition_head(j)
                if head is not None:  # "Jepang, anggota G7, mengecam": skip the apposition
                    return head, "apposition"
            j -= 1
        # "Indonesia ... menyatakan akan menyalurkan bantuan": the speaker does what is said
        say = next((h for h in view.hits if h.relation == "@say" and h.end == lower_limit), None)
        if say is None or say.start not in self.speakers:
            return None, ""
        # ... but not "menilai keberadaan kapal itu melanggar ...": the clause has a subject
        adverbs, lower = self.words.vp_adverbs, view.tokens.lower
        bare = all(
            lower[k] in adverbs
            or lower[k] in _ASPECT
            or lower[k] in _CONTROL_WORDS
            or k in view.ignored
            for k in range(lower_limit, i)
        )
        if bare:
            return self.speakers[say.start], "speaker"
        return None, ""

    def _noun_subject_at(self, j: int) -> tuple[str, ...] | None:
        """The subject found for a noun trigger that covers token ``j``, if any."""
        if not self.noun_subjects:  # the usual case: no generator to make
            return None
        view = self.view
        found = (s for start, s in self.noun_subjects.items() if start <= j < _end_of(view, start))
        return next(found, None)

    def _apposition_head(self, comma: int) -> Mention | None:
        """For "ACTOR, apposition, <verb>" and "ACTOR, which ..., <verb>": the actor.

        Seen from the second comma. An apposition has no verb of its own; a
        relative clause may ("Saudi Arabia and Oman, which have both held talks ...,").
        """
        view = self.view
        has_verb = False
        for k in range(comma - 1, max(view.start, comma - 25) - 1, -1):
            if k in view.boundaries and view.tokens.text[k] not in _BRACKETS:
                return None  # (but "Somalia, Selasa (24/9), menuduh": a date in brackets)
            has_verb = has_verb or k in view.verb_tokens
            if view.tokens.text[k] == ",":
                if has_verb and not view.is_relativizer(k + 1):
                    return None
                unit = view.unit_at.get(k - 1)
                if unit is not None and self._is_actor(unit) and view.prep_before(unit) is None:
                    return unit
                return None
        return None

    def _fronted_subject(self, hit: Hit) -> Mention | None:
        """ "Dalam kunjungannya ke Dili, Sugiono ...": a phrase fronted before the comma
        belongs to the main clause's subject after it."""
        view = self.view
        if view.lowercase[view.start] not in self.words.prepositions:
            return None
        comma = next((k for k in range(hit.end, view.end) if view.tokens.text[k] == ","), None)
        return self._clause_subject(comma + 1, view.end) if comma is not None else None

    def _speaker_before(self, clause_start: int, i: int) -> Mention | None:
        """The speaker of "kata X" right before "seusai/setelah <verb>" at ``i``."""
        view = self.view
        # usually the first word between is no such word: stop there
        if clause_start >= i or view.lowercase[clause_start] not in _TEMPORAL:
            return None  # the usual case, settled by the first word
        if not all(view.lowercase[k] in _TEMPORAL for k in range(clause_start + 1, i)):
            return None
        unit = view.unit_at.get(clause_start - 1)
        return unit if unit is not None and self._is_actor(unit) else None

    def _clause_subject(self, start: int, end: int) -> Mention | None:
        """The first actor of a clause that no preposition introduces."""
        view = self.view
        for j in range(start, end):
            unit = view.unit_at.get(j)
            if unit is not None and unit.start == j and self._is_actor(unit):
                return unit if view.prep_before(unit) is None else None
        return None

    def _speaker_of_clause(self, i: int) -> Mention | None:
        """For a speech act at ``i`` coordinated after "X said (that) ...": X, whose act it
        is, rather than the subject of what X said."""
        view, subject = self.view, self.verb_subject
        act = next((h for h in view.hits if h.start == i), None)
        if act is None or act.relation not in _REPORTED_SPEECH_ACTS or subject is None:
            return None
        for say in view.hits:
            if say.relation == "@say" and say.end <= subject.start and say.start in self.speakers:
                speaker = self.speakers[say.start]
                return speaker if speaker.start < say.start else None
        return None

    def _after_coordinator(self, i: int) -> bool:
        """Whether the predicate at ``i`` follows "dan"/"and" that joins two predicates."""
        view = self.view
        j = i - 1
        # "and last year expelled 15 diplomats", "and has shipped": adverbs, time phrases
        # and auxiliaries stand between
        while j >= view.start and (
            view.lowercase[j] in self.words.vp_adverbs
            or time_word(view.lowercase[j])
            or view.lowercase[j] in _AUXILIARIES
        ):
            j -= 1
        # "dan" + verb: the verb after it is a second predicate ("... untuk Indonesia dan
        # menyampaikan nota protes"), whatever stands before "dan"
        skipped = j + 1 < i  # then the predicate at i is what "and" joins
        return j >= view.start and (
            view.starts_predicate(j) or (skipped and view.lowercase[j] in self.words.coordinators)
        )

    def _reciprocal(self, frame: Frame, hit: Hit) -> bool:
        """ "Russia and Ukraine each released ...", "saling menyerang": to one another."""
        view = self.view
        start = frame.subject_start if frame.subject_start is not None else hit.start
        return any(view.lowercase[j] in _EACH for j in range(start, min(hit.end + 1, view.end)))

    def _after_contrast(self, i: int) -> int | None:
        """Where "but"/"tetapi" stands right before the predicate at ``i`` (past adverbs)."""
        view = self.view
        j = i - 1
        while j >= view.start and view.lowercase[j] in self.words.vp_adverbs:
            j -= 1
        return j if j > view.start and view.lowercase[j] in _CONTRAST else None

    def _light_verb(self, hit: Hit) -> int | None:
        """The verb that carries a noun trigger: "menjanjikan kerja sama", "pledged further aid".

        A light verb ("@light" in the lexicon), an intention cue, or in Indonesian any
        word with a verbal prefix, up to three modifiers before the noun. A verb that
        is itself a relation ("mengecam serangan ...") is not one: its subject
        condemns the attack, it does not make it.
        """
        view = self.view
        words_left = 4  # "launch a full-scale offensive"
        for j in range(hit.start - 1, view.start - 1, -1):
            cue = view.hit_at.get(j)
            if cue is not None:
                light = cue.relation in ("@light", "@intended", "@stop") or (
                    cue.relation in _LIGHT_RELATIONS and cue.trigger.pos == "V"
                )
                # "menyatakan keprihatinan", "menegaskan dukungan penuh": a speech verb
                # right before the noun says it
                light = light or (
                    cue.relation == "@say"
                    and hit.start - cue.end <= 1
                    and hit.relation in _SAYABLE_RELATIONS
                )
                return cue.start if light else None
            if self._amount(j) and view.lowercase[j - 1] in _MORE:
                continue  # "given more than $600 million in aid"
            if view.lowercase[j] in _NOT_IN_NOUN_PHRASE:  # "condemned the launch as a violation"
                return None
            if looks_like_verb(view.lowercase[j], self.lang):
                # "meningkatnya serangan": a verb with -nya is a noun ("the rise of")
                return None if view.lowercase[j].endswith("nya") else j
            if self._amount(j) or view.tokens.text[j] == "-":  # "$200 million in aid", "full-scale"
                continue
            if not self._modifier(j) and view.lowercase[j] not in self.words.vp_adverbs:
                return None
            words_left -= 1
            if not words_left:
                return None
        return None

    def _amount(self, j: int) -> bool:
        tokens = self.view.tokens
        return tokens.lower[j] in self.words.amount_words or tokens.like_num(j)

    def _infinitive(self, i: int) -> bool:
        """Whether the verb at ``i`` follows "untuk"/"to" (an embedded, purpose verb)."""
        return i > self.view.start and self.view.lowercase[i - 1] in self.words.infinitive_markers

    def possessor_after(self, hit: Hit) -> Mention | None:
        """ "Kunjungan dua hari Blinken ke Seoul", "transfer senjata Iran ke Rusia"."""
        view = self.view
        end = min(hit.end + 4, view.end)
        signed = False
        for j in range(hit.end, end):
            if signed:  # "pakta yang diteken Kairo dan Somalia": the signatories are its parties
                signed = False
                continue
            word = view.lowercase[j]
            if word in self.words.relativizers and j + 1 < end and view.lowercase[j + 1] in _SIGNED:
                signed = True
                continue
            if j in view.boundaries or view.tokens.is_punct[j]:
                return None
            unit = view.unit_at.get(j)
            if unit is not None:
                if (
                    view.prep_before(unit) is None
                    and self._is_actor(unit)
                    and view.is_argument(unit)
                ):
                    return unit
                return None
            if word in self.words.prepositions or word in self.words.relativizers:
                return None  # "gencatan senjata yang ditengahi AS": a mediator, no possessor
            if view.starts_predicate(j):
                return None
        return None

    def _possessor_before(self, hit: Hit) -> Mention | None:
        """English "Russia's invasion of Ukraine", "its invasion"."""
        view = self.view
        for j in range(hit.start - 1, max(view.start, hit.start - 4) - 1, -1):
            lower = view.lowercase[j]
            if lower in self.words.possessive_markers:
                unit = view.unit_at.get(j - 1)
                return unit if unit is not None and self._is_actor(unit) else None
            kind = POSSESSIVE_PRONOUNS.get(self.lang, {}).get(lower)
            if kind is not None:  # "his visit": a person's; "its", "their": anyone's
                return self._clitic_antecedent(j, exclude=(), person=kind == "person")
            unit = view.unit_at.get(j)
            if (
                unit is not None
                and unit.end == j + 1
                and self.lang == "en"
                and hit.relation in _MODIFIER_AGENT_RELATIONS
            ):
                # "Israeli strikes on Iran", "Israeli and U.S. strikes": an actor used as
                # a modifier of the event noun does the event
                return unit if self._is_actor(unit) else None
            if not self._modifier(j):
                return None  # "Retno's two-day visit": only modifiers may stand between
        return None

    def _apposed(self, i: int) -> Mention | None:
        """The actor a noun phrase starting before ``i`` is in apposition to: "Japan, a member"."""
        view = self.view
        j = i - 1
        while j > view.start and (view.lowercase[j] in _APPOSITION_WORDS or self._modifier(j)):
            if view.tokens.text[j] == ",":
                break
            j -= 1
        if j <= view.start or view.tokens.text[j] != ",":
            return None
        unit = view.unit_at.get(j - 1)
        # "condemned by the US, the Philippines' ally": the head may follow a preposition
        return unit if unit is not None and self._is_actor(unit) else None

    def _modifier(self, j: int) -> bool:
        """A word that may stand inside a noun phrase (not punctuation, a name, a function word)."""
        view = self.view
        lower = view.lowercase[j]
        return view.tokens.text[j] == "-" or not (  # "two-day", "full-scale"
            view.tokens.is_punct[j]
            or j in view.boundaries
            or j in view.unit_at
            or lower in self.words.prepositions
            or lower in self.words.coordinators
        )

    def _between(self, hit: Hit) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """ "antara Israel dan Hamas" right after the trigger."""
        view = self.view
        j = hit.end
        if j + 1 < view.end and view.lowercase[j] in self.words.place_prepositions:
            place = view.unit_at.get(j + 1)  # "talks in Beijing between X and Y"
            if place is not None and place.start == j + 1:
                j = place.end
        if j < view.end and view.lowercase[j] in self.words.between_markers:
            # "antara lembaga penjaga pantai kedua negara": a few nouns may come first
            for k in range(j + 1, min(j + 5, view.end)):
                unit = view.unit_at.get(k)
                if unit is not None:
                    return (
                        (unit.entities[:1], unit.entities[1:]) if len(unit.entities) > 1 else None
                    )
                if not self._modifier(k):
                    return None
        return None

    def _after_marker(self, hit: Hit, markers: dict[str, frozenset[str]]) -> Mention | None:
        """The actor after "oleh"/"by" (or "dari"/"from") following the trigger, same clause."""
        view = self.view
        marker_words = words(markers, self.lang)
        end = view.clause_end(hit.end)
        lower = view.tokens.lower
        for j in range(hit.end, end - 1):
            if j > hit.end and self._predicate_at(j):
                return (
                    None  # "transfer senjata ke Rusia ... dijatuhi sanksi oleh UE": not its agent
                )
            if lower[j] in marker_words:
                k = self._skip_thing_words(j + 1)  # "by the G7"
                for _ in range(3):  # "oleh puluhan drone Ukraina": the drones' owner
                    unit = view.unit_at.get(k)
                    if unit is not None or k >= end or not self._modifier(k):
                        break
                    k += 1
                if unit is not None and unit.start == k and self._is_actor(unit):
                    return unit
        return None

    def _purpose_target(self, hit: Hit, exclude: tuple[str, ...]) -> tuple[Mention, int] | None:
        """The first state or armed group after "untuk"/"to" + verb following ``hit``, and
        where that verb stands."""
        view = self.view
        end = min(view.end, hit.end + _PURPOSE_REACH)
        markers = self.words.infinitive_markers
        start = next((k for k in range(hit.end, end) if view.lowercase[k] in markers), None)
        if start is None or start + 1 >= view.end or not self._verb_after_marker(start + 1):
            return None
        for k in range(start + 2, min(view.end, start + 2 + _PURPOSE_REACH)):
            if k in view.boundaries:
                return None
            unit = view.unit_at.get(k)
            if unit is not None and unit.start == k:
                ids = self.ids(unit)
                if set(ids) & set(exclude) or not self._all_of_types(ids, _PURPOSE_ACTORS):
                    continue
                return unit, start + 1
        return None

    def _verb_after_marker(self, k: int) -> bool:
        """Whether the word after "untuk"/"to" reads as a verb ("untuk membayangi", "to
        shadow"), not as a noun phrase ("to the border", "to Bolivar state")."""
        view = self.view
        word = view.lowercase[k]
        if self.lang != "en":
            return looks_like_verb(word, self.lang)
        return (
            view.tokens.text[k].islower()
            and word.isalpha()
            and k not in view.unit_at
            and word not in _ARTICLES
            and word not in POSSESSIVE_PRONOUNS.get(self.lang, {})
            and not word.endswith("s")
        )

    def _owner_of_target(self, hit: Hit, subject: tuple[str, ...]) -> Mention | None:
        """Whom "its"/"their" right after the trigger (and its preposition) refers to."""
        view = self.view
        k = hit.end + (hit.end < view.end and view.lowercase[hit.end] in self.words.prepositions)
        if k + 1 >= view.end or view.lowercase[k] not in _THING_OWNERS:
            return None
        if view.lowercase[k + 1] in _RELATIONAL_AFTER_ITS or view.lowercase[hit.start].startswith(
            "target"
        ):
            return None  # "invade its neighbour" (a counterpart); sanctions "targeting its banks"

        def fits(unit: Mention) -> bool:  # a state or an armed group owns targets
            ids = self.ids(unit)  # (a capital: its state)
            return (
                bool(ids)
                and not set(ids) & set(subject)
                and self._all_of_types(ids, _TARGET_OWNERS)
            )

        return self._nearest_before(hit.start, fits)

    def _all_of_types(self, ids: tuple[str, ...], types: frozenset[str]) -> bool:
        """Whether every entity of ``ids`` is known and of one of ``types``."""
        return all((e := self.entities.get(i)) is not None and e.type in types for i in ids)

    def _nearest_before(self, i: int, fits: Callable[[Mention], bool]) -> Mention | None:
        """The nearest mention before token ``i`` that ``fits``, in this sentence or the
        one before."""
        view = self.view
        for j in range(i - 1, view.start - 1, -1):
            unit = view.unit_at.get(j)
            if unit is not None and fits(unit):
                return unit
        return next((u for u in reversed(self.discourse.previous_units) if fits(u)), None)

    def _clitic_antecedent(
        self, i: int, *, exclude: tuple[str, ...], person: bool = False
    ) -> Mention | None:
        """What "-nya" (or "its"/"their"; "his"/"her" with ``person``) refers to: the
        nearest actor before ``i``, in this sentence or the one before."""

        def fits(unit: Mention) -> bool:
            return (
                self._is_actor(unit)
                and not set(unit.entities) & set(exclude)
                and (not person or self._is_person(unit))
            )

        return self._nearest_before(i, fits)

    def _is_person(self, unit: Mention) -> bool:
        return any(
            (e := self.entities.get(i)) is not None and e.type == "Person" for i in unit.entities
        )

    def _english_passive(self, hit: Hit) -> bool:
        """ "was attacked by": a participle after "be" (not "is developing", a progressive)."""
        if (
            self.lang != "en"
            or hit.trigger.pos != "V"
            or self.view.lowercase[hit.start].endswith("ing")
        ):
            return False
        j = hit.start - 1
        view = self.view
        adverbs = self.words.vp_adverbs
        while j >= view.start and (
            view.lowercase[j] in adverbs or view.lowercase[j] in _REPORTEDLY
        ):
            j -= 1
        if j >= view.start and view.lowercase[j] in self.words.passive_auxiliaries:
            return True
        # "The RSF, led by X, ...": a participle between commas, its agent after "by"
        return (
            j == hit.start - 1
            and j >= view.start
            and view.tokens.text[j] == ","
            and hit.end < view.end
            and view.lowercase[hit.end] == "by"
        )

    # -- helpers -----------------------------------------------------------------------------
    def ids(self, unit: Mention, *, places: bool = False) -> tuple[str, ...]:
        """The actors a mention stands for; a capital or seat of power stands for its
        government ("Moskow" → RUS, also in "mengunjungi Moskow"); other places stay
        places where a place is wanted ("menyerang Gaza")."""
        if len(unit.entities) == 1:  # the usual case: no generator and no dict to make
            found = self._actor_id(unit.entities[0], places)
            return (found,) if found is not None else ()
        found_ids = (self._actor_id(entity_id, places) for entity_id in unit.entities)
        return tuple(dict.fromkeys(x for x in found_ids if x is not None))

    def _actor_id(self, entity_id: str, places: bool) -> str | None:
        """What one entity of a mention stands for in :meth:`ids`, if anything."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        if entity.is_actor or (
            places and entity.type == "Location" and entity_id not in self.seats
        ):
            return entity_id
        return self.seats.get(entity_id)  # a capital or seat of power, even when visited

    def _is_actor(self, unit: Mention) -> bool:
        for i in unit.entities:  # a loop: this runs for every mention a rule looks at
            entity = self.entities.get(i)
            if entity is not None and (entity.is_actor or i in self.seats):
                return True
        return False

    def _is_place(self, unit: Mention) -> bool:
        return any(
            (e := self.entities.get(i)) is not None and e.type == "Location" for i in unit.entities
        )


_THAT = frozenset(["that", "bahwa"])
_COUNTERPART_RELATIONS = frozenset(["mobilizesAgainst", "threatens"])
#: "fired on its positions": the attacked is whose positions they are
_OWNED_TARGET_RELATIONS = frozenset(["attacks", "coerces"])
_THING_OWNERS = frozenset(["its", "their"])
_TARGET_OWNERS = frozenset(["Country", "ArmedGroup"])
_PURPOSE_ACTORS = _TARGET_OWNERS | {"Group"}  # ("to help Bolivian rebels")
_PURPOSE_REACH = 8  # words from the deployment to its "untuk"/"to", and from there on
#: "troops sent to help M23", "untuk mendukung M23": forces sent beside an actor
_HELPING_VERBS = frozenset(
    ["help", "support", "back", "assist", "aid", "reinforce", "protect", "defend", "bolster",
     "membantu", "mendukung", "melindungi", "memperkuat", "membela"]
)  # fmt: skip
_RELATIONAL_AFTER_ITS = frozenset(
    ["neighbour", "neighbours", "neighbor", "neighbors", "ally", "allies", "rival", "partner"]
)
#: relations whose object may be where the aid or the blows land (see _where)
_WHERE_RELATIONS = frozenset(
    ["providesAidTo", "providesHumanitarianAidTo", "providesTechnicalSupportTo", "attacks"]
)
_IN = frozenset(["in", "di"])
_ARTICLES = frozenset(["the", "a", "an"])
#: nouns that head a phrase naming an actor: "junta militer Myanmar", "para jenderal"
_ACTOR_HEADS = frozenset(
    ["junta", "rezim", "regime", "otoritas", "authorities", "para", "pasukan", "tentara",
     "kelompok", "pemerintahan", "menteri", "presiden", "pemimpin", "the"]
)  # fmt: skip
#: "yang diteken X dan Y": the verb after "yang" that makes X and Y a pact's parties
_SIGNED = frozenset(["diteken", "ditandatangani", "disepakati", "signed"])
#: relations that move goods from the subject to the object
_TRANSFER_RELATIONS = frozenset(["suppliesWeaponsTo", "providesAidTo", "providesHumanitarianAidTo"])
_RECIPIENT_PREPOSITIONS = frozenset(["to", "ke", "kepada"])
#: clause boundaries a suspect may stand beyond: "kejahatan perang yang dilakukan RSF"
_RELATIVE_THROUGH = frozenset(["yang", "which", "that"])
_PURPOSE = frozenset(["agar", "supaya", "sehingga", "that"])
_CLAIM_NOUNS = frozenset(
    ["charge", "charges", "accusation", "accusations", "allegation", "allegations", "claim",
     "claims", "tuduhan", "klaim", "tudingan"]
)  # fmt: skip
_BORDER_WORDS = frozenset(["border", "borders", "frontier", "boundary", "perbatasan"])
_WITH = frozenset(["with", "dengan"])
_NEIGHBOURS = frozenset(["neighbour", "neighbor", "neighbours", "neighbors", "tetangganya"])
_RETALIATION = frozenset(["retaliate", "membalas"])
_REPORTEDLY = frozenset(["reportedly", "allegedly"])
#: A bare object ("menyerang X", "urged X") stands within a few words of its verb.
_BARE = frozenset(["-"])
_BARE_REACH = 4
#: "seusai bertemu", "after meeting": the verb's subject is whoever was just named.
_TEMPORAL = frozenset(["seusai", "usai", "setelah", "sesudah", "sebelum", "after", "before"])
#: Relations whose object phrase may be a whole clause.
_CLAUSAL = frozenset(["denies"])
#: Nouns of meeting take the sentence's actor when they name no one ("after talks with X").
_MEETING = frozenset(["meetsWith"])
_APPOSITION_WORDS = frozenset(["a", "an", "the", "one", "of", "seorang", "sebuah", "salah", "satu"])
#: Aspect words between "yang" and a verb: "yang terus dikembangkan", "yang telah diluncurkan".
#: Words that open an adverbial, not a thing: "condemned the launch as a violation".
#: Relation verbs that also lend their subject to a noun: "joined drills", "launched an
#: offensive" (their own statement needs an object of their own kind).
_LIGHT_RELATIONS = frozenset(["memberOf", "launches"])
#: Relations a speech verb can carry as a noun: "menyatakan keprihatinan", "expressed
#: support" (not "menyatakan serangan ... diarahkan ke", where the noun starts a clause).
_SAYABLE_RELATIONS = frozenset(
    ["expressesConcernAbout", "supports", "rejects", "condemns", "protestsAgainst", "callsFor"]
)
_NOT_IN_NOUN_PHRASE = frozenset(["as", "than", "like", "sebagai", "daripada"])
_MORE = frozenset(["more", "less", "fewer", "lebih"])
_EACH = frozenset(["each", "saling", "masing-masing"])
_BRACKETS = frozenset(["(", ")"])
#: Nouns after an actor that make it their owner, not what is denied: "Thai media reports".
_REPORT_NOUNS = frozenset(
    ["reports", "report", "claims", "claim", "allegations", "accusations", "laporan", "tuduhan",
     "klaim"]
)  # fmt: skip
#: What "left"/"keluar dari" can take as an object: organisations, not states or places.
_BODIES = frozenset(["Organization", "IntergovernmentalOrganization", "ArmedGroup"])
_CONTROL_ENDINGS = frozenset(["akan", "untuk"])
_PRONOUN_THINGS = frozenset(["it", "this", "that", "them", "these", "those", "ini", "itu"])
_NOT_THING_START = frozenset(["as", "while", "when", "after", "before", "since", "because"])
_ORDINALS = frozenset(
    ["pertama", "kedua", "ketiga", "keempat", "kelima", "first", "second", "third", "fourth",
     "fifth", "another", "lagi"]
)  # fmt: skip
#: Prepositions before a relational noun that make it an oblique phrase, not a predicate.
_OBLIQUE = frozenset(["with", "against", "among", "by", "on", "dengan", "terhadap", "oleh"])
_COPULAS = frozenset(["is", "are", "was", "were", "be", "been", "adalah", "merupakan", "ialah"])
#: Words that join a second predicate of the same subject: "welcomed X but urged Y".
_CONTRAST = frozenset(["but", "yet", "tetapi", "tapi", "namun"])
#: Subordinators that end a noun phrase: "peluncuran satelit ketiga setelah gagal dua kali".
_THING_ENDS = _NOT_THING_START | frozenset(
    ["if", "until", "unless", "setelah", "sebelum", "sejak", "karena", "ketika", "saat",
     "jika", "apabila", "hingga", "sampai", "sementara", "seusai", "usai", "meskipun"]
)  # fmt: skip
#: Words that open a noun phrase, so that "to" before them is a preposition.
_NOMINAL = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
     "para", "rakyat", "warga", "pihak"]
)  # fmt: skip
_AUXILIARIES = frozenset(["has", "have", "had", "is", "are", "was", "were", "will", "would"])
_CONTROL_WORDS = frozenset(["akan", "will", "would", "to", "untuk", "bahwa", "that", "it", "ia"])
_ASPECT = frozenset(
    ["terus", "telah", "sudah", "sedang", "tengah", "masih", "akan", "sempat", "pernah", "has",
     "have", "been"]
)  # fmt: skip
_DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such", "itu", "ini", "tersebut"])
#: "as a violation", "sebagai pelanggaran", "called the attack a violation"
_AS = frozenset(["as", "sebagai", "a", "an"])
#: nouns that name whatever happened last: "menyebut insiden itu sebagai pelanggaran"
_INCIDENT_NOUNS = frozenset(
    ["incident", "incidents", "move", "step", "act", "insiden", "tindakan", "langkah", "aksi"]
)
_HOSTILE_EVENTS = frozenset(
    ["attacks", "launches", "coerces", "mobilizesAgainst", "sanctions", "develops", "fightsWith"]
)


def _end_of(view: SentenceView, start: int) -> int:
    """End of the hit that starts at ``start``."""
    hit = view.hit_starting.get(start)
    return hit.end if hit is not None else start + 1
