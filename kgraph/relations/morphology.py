"""Indonesian verb morphology: the passive (di-) forms of active meN- verbs.

The lexicon lists active verbs ("mengecam", "menyerang"); their passives
("dikecam", "diserang") are derived here so that a user adds one row, not two.
The nasal prefix swallows the root's first consonant (meN- + serang →
menyerang), which cannot always be undone without a dictionary (mengecam is
kecam, mengancam is ancam), so every candidate is returned: a form that is not
a word simply never matches.

>>> passive_forms("menyerang"), passive_forms("memasok"), passive_forms("mendukung")
(['diserang'], ['dimasok', 'dipasok'], ['didukung'])
>>> passive_forms("mengecam"), passive_forms("menuduh"), passive_forms("mengebom")
(['dicam', 'diecam', 'dikecam'], ['dinuduh', 'dituduh'], ['dibom', 'diebom', 'dikebom'])
"""

from __future__ import annotations

_VOWELS = tuple("aeiou")


def passive_forms(verb: str) -> list[str]:
    """Candidate di- passives of an active meN- verb (empty for other words)."""
    if verb.startswith("meny") and verb[4:5].startswith(_VOWELS):
        return ["dis" + verb[4:]]  # menyerang → diserang
    if verb.startswith("meng"):
        rest = verb[4:]
        forms = ["di" + rest, "dik" + rest] if rest.startswith(_VOWELS) else ["di" + rest]
        if verb.startswith("menge") and len(verb) <= 8:
            forms.insert(0, "di" + verb[5:])  # one-syllable roots: mengebom → dibom
        return forms
    if verb.startswith("mem"):
        rest = verb[3:]
        if rest.startswith(_VOWELS):
            return ["dim" + rest, "dip" + rest]  # meminta → diminta, memasok → dipasok
        return ["di" + rest]  # membantah → dibantah, memperkuat → diperkuat
    if verb.startswith("men"):
        rest = verb[3:]
        if rest.startswith(_VOWELS):
            return ["din" + rest, "dit" + rest]  # menanti → dinanti, menolak → ditolak
        return ["di" + rest]  # mendukung → didukung, mencabut → dicabut
    if verb.startswith("me") and verb[2:3] in tuple("lmnrwy"):
        return ["di" + verb[2:]]  # melanggar → dilanggar, meminta → diminta
    return []
