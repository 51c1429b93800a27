"""Polarity and modality of a statement from the cue words around its trigger."""

from __future__ import annotations

from functools import cache

from kgraph.dates import MONTHS, WEEKDAYS
from kgraph.entities.mention import Mention
from kgraph.function_words import INFINITIVE_MARKERS, looks_like_verb, words
from kgraph.model import MODALITIES
from kgraph.relations.sentence import Hit, SentenceView

_CUE_MODALITY = {
    "@reported": "reported",
    "@alleged": "alleged",
    "@intended": "intended",
    "@hypothetical": "hypothetical",
}
#: Relations that set a condition rather than depend on it.
CONDITIONING_RELATIONS = frozenset(["threatens", "urges", "callsFor"])
#: Relations whose verb takes an infinitive that has not happened: "agreed to withdraw",
#: "threatened to attack", "urged Russia to withdraw", "mengancam akan menyerang".
CONTROL_MODALITY = {
    "agreesWith": "intended",
    "threatens": "intended",
    "urges": "hypothetical",
    "callsFor": "hypothetical",
}
#: Future and purpose words that also open such an infinitive in Indonesian.
_CONTROL_MARKERS = {"id": frozenset(["akan", "agar", "supaya"])}
_FINITE_AUXILIARIES = frozenset(
    ["has", "have", "had", "is", "are", "was", "were", "telah", "sudah", "juga"]
)
_ARTICLES = frozenset(["the", "a", "an"])
_LET = frozenset(["let", "allow", "help", "enable", "membiarkan", "mengizinkan", "membantu"])
_TIME_WORDS = frozenset(
    ["on", "in", "last", "this", "next", "pada", "hari", "lalu", "ini", "year", "week", "month"]
)
_NEGATION_WINDOW = 4  # "tidak akan menyerang", "did not attack", "tidak menghentikan pengiriman"
_NOUN_WINDOW = 6
#: "so-called" and "apa yang mereka katakan sebagai" qualify the words right after them.
_ALLEGED_WINDOW = 2


def polarity(view: SentenceView, hit: Hit) -> str:
    """``negative`` when a negation cue stands just before the trigger, in the same clause."""
    for cue in view.hits:
        if cue.relation != "@negation" or not (
            hit.start - _NEGATION_WINDOW <= cue.start < hit.start
        ):
            continue
        between = range(cue.end, hit.start)
        if any(i in view.boundaries or i in view.unit_at for i in between):
            continue
        stopped = any(s.relation == "@stop" and s.start in between for s in view.hits)
        return "positive" if stopped else "negative"  # "not stop supplying": still supplying
    return "positive"


def modality(view: SentenceView, hit: Hit, subject_start: int | None) -> str:
    """The least factual modality cued for ``hit``.

    A conditional conjunction makes the sentence hypothetical ("Jika ada hubungan ...,
    Korea Utara harus dikutuk"), except a threat or demand before it that sets the
    condition; a modal such as "could" only the predicate it stands before. "So-called"
    cues count right
    before the trigger; others between the subject and the trigger, or in the
    few words before a noun trigger.
    """
    cues = [cue for cue in view.hits if cue.relation in _CUE_MODALITY]
    if not cues:
        return "asserted"  # the usual case: nothing to weigh
    # the conjunction that opens the clause counts too: "agar Timor-Leste diterima"
    window = max(view.start, view.clause_start(hit.start) - 1)
    if subject_start is not None and subject_start < hit.start:
        window = max(window, subject_start - 2)
    else:
        window = max(window, hit.start - _NOUN_WINDOW)
    found = {"asserted"}
    for cue in cues:
        kind = _CUE_MODALITY[cue.relation]
        if kind == "alleged" and not (hit.start - _ALLEGED_WINDOW <= cue.end <= hit.start):
            continue
        # "Jika ..., X harus dikutuk", "Seoul bisa mengirim senjata apabila ...": a conditional
        # makes the sentence hypothetical, except a threat or demand made on that condition
        # ("threatened sanctions if Iran did not ...")
        conditional = (
            kind == "hypothetical"
            and cue.start in view.boundaries
            and (cue.start < hit.start or hit.relation not in CONDITIONING_RELATIONS)
        )
        if conditional or (
            window <= cue.start < hit.start
            and not _inside_relative_clause(view, cue.start, hit.start)
            and not _new_predicate(view, cue.end, hit.start)
        ):
            found.add(kind)
    return max(found, key=MODALITIES.index)


def _inside_relative_clause(view: SentenceView, cue: int, end: int) -> bool:
    """Whether a relative clause holds the cue and closes before ``end``: "X, yang
    berencana ..., tidak ..."."""
    closing = view.relative_clause_end(cue)
    return closing is not None and closing < end


def _new_predicate(view: SentenceView, start: int, end: int) -> bool:
    """Whether "and has ...", "dan telah ..." opens a second predicate between two tokens."""
    coordinators, lower = view.words.coordinators, view.tokens.lower
    return any(
        lower[j] in coordinators and lower[j + 1] in _FINITE_AUXILIARIES
        for j in range(start, end - 1)
    )


def time_word(word: str) -> bool:
    """A word of a time phrase: "on Tuesday", "last year", "pada Senin", "3 March"."""
    return word in MONTHS or word in WEEKDAYS or word in _TIME_WORDS or word.isdigit()


@cache
def _markers(lang: str) -> frozenset[str]:
    """Words that open an infinitive a controlling verb takes: "to", "untuk", "akan"."""
    return words(INFINITIVE_MARKERS, lang) | _CONTROL_MARKERS.get(lang, frozenset())


def controller(view: SentenceView, hit: Hit) -> tuple[Hit, Mention | None] | None:
    """The trigger whose infinitive ``hit`` is ("threatened to | attack", "sepakat untuk |
    menarik"), with the actor it was asked of ("urged Serbia to | withdraw"); None for a
    main verb."""
    markers = _markers(view.lang)
    start = hit.start
    if hit.trigger.pos == "N":  # "agreed to hold talks": the infinitive is the light verb
        for j in range(hit.start - 1, max(view.start, hit.start - 4) - 1, -1):
            light = j in view.light_starts
            if light or looks_like_verb(view.lowercase[j], view.lang):
                start = j
                break
    # "urged partners to let Kyiv fire ...": the act of whoever is let
    unit = view.unit_at.get(start - 1)
    if unit is not None and unit.start - 2 >= view.start and view.lowercase[unit.start - 1] in _LET:
        start = unit.start - 1
    if start <= view.start or view.lowercase[start - 1] not in markers:
        return None
    for outer in view.hits:
        if outer.relation not in CONTROL_MODALITY or outer.end > start:
            continue
        end, asked = outer.end, None
        if end + 1 < start and view.lowercase[end] in _ARTICLES and end + 1 in view.unit_at:
            end += 1  # "asked the U.N. Security Council to ..."
        if end < start and end in view.unit_at:
            asked = view.unit_at[end]
            end = asked.end
        while end < start and time_word(view.lowercase[end]):  # "agreed on Tuesday to ..."
            end += 1
        # "urged Western partners to ...": a few words naming whoever is asked
        if outer.relation == "urges" and asked is None:
            k = end
            while k < start and k - end < 3 and view.lowercase[k] not in markers:
                k += 1
            if k < start and view.lowercase[k] in markers and k not in view.boundaries:
                end = k
        if end < start and view.lowercase[end] in markers:
            end += 1
        if end == start:
            return outer, asked
    return None
