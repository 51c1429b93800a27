"""Closed-class words the rules rely on, per language (lower case).

These are grammar, not knowledge: prepositions, conjunctions, pronouns. Words
that carry meaning a user may want to extend (relation triggers, speech verbs,
negation and modality cues) live in ``ontologies/lexicon/{lang}.tsv``.
Sources: standard Indonesian grammar (Tata Bahasa Baku Bahasa Indonesia) and
English function-word lists; kept short on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

PREPOSITIONS: dict[str, frozenset[str]] = {
    "id": frozenset(
        [
            "di",
            "ke",
            "dari",
            "pada",
            "kepada",
            "dengan",
            "terhadap",
            "oleh",
            "untuk",
            "bagi",
            "tentang",
            "mengenai",
            "atas",
            "antara",
            "dalam",
            "sejak",
            "menuju",
            "bersama",
            "melawan",
            "soal",
            "seperti",
            "tanpa",
            "demi",
            "menurut",  # "Menurut X, A dan B ...": X is no member of the list after it
            "sebagai",  # "Malaysia sebagai ketua ASEAN": the role is no subject
            "selaku",
        ]
    ),
    "en": frozenset(
        [
            "in",
            "at",
            "on",
            "to",
            "from",
            "with",
            "by",
            "for",
            "about",
            "against",
            "of",
            "into",
            "over",
            "between",
            "among",
            "toward",
            "towards",
            "across",
            "during",
            "under",
            "without",
            "within",
            "near",
            "via",
        ]
    ),
}

#: Prepositions of place and time: a thing's phrase ends at them ("missiles at a carrier").
PLACE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "id": frozenset(["di", "ke", "pada", "sejak", "selama", "menuju", "dalam"]),
    "en": frozenset(["at", "in", "on", "near", "into", "onto", "across", "during", "since"]),
}

#: Words that end one clause and start another: argument search does not cross them.
CLAUSE_BOUNDARIES: dict[str, frozenset[str]] = {
    "id": frozenset(
        [
            "bahwa",
            "sementara",
            "sedangkan",
            "tetapi",
            "namun",
            "meskipun",
            "walaupun",
            "padahal",
            "karena",
            "sebab",
            "ketika",
            "saat",
            "agar",
            "supaya",
            "sehingga",
            "jika",
            "bila",
            "apabila",
            "kalau",
        ]
    ),
    "en": frozenset(
        [
            "that",
            "while",
            "whereas",
            "but",
            "although",
            "though",
            "because",
            "when",
            "whether",
            "if",
            "unless",
            "so",
        ]
    ),
}

#: Punctuation that ends a clause for argument search (a comma does not).
BOUNDARY_PUNCT = frozenset([";", ":", "(", ")", "“", "”", '"', "«", "»", "—", "–"])

#: Relative pronouns: "Korea Utara, yang sedang mengembangkan ..." takes the actor before them.
RELATIVIZERS: dict[str, frozenset[str]] = {
    "id": frozenset(["yang"]),
    "en": frozenset(["who", "which", "that"]),
}

COORDINATORS: dict[str, frozenset[str]] = {
    "id": frozenset(["dan", "serta", "maupun", "bersama", "&"]),
    "en": frozenset(["and", "&"]),
}

#: "the US and its allies": the group is plural even though the allies are not named.
ALLY_WORDS: dict[str, frozenset[str]] = {
    "id": frozenset(["sekutunya", "sekutu-sekutunya", "mitranya", "mitra-mitranya"]),
    "en": frozenset(["allies", "partners"]),
}

#: Personal pronouns that refer to one person.
PERSON_PRONOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["dia", "ia", "beliau"]),
    "en": frozenset(["he", "she", "him"]),
}
#: Pronouns that refer to one non-person actor (a country, an organisation).
THING_PRONOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(),
    "en": frozenset(["it"]),
}
PLURAL_PRONOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["mereka"]),
    "en": frozenset(["they", "them"]),
}
#: Verbs after which a pronoun is usually the speaker: "Egypt, which ..., said it backed".
SAY_VERBS: dict[str, frozenset[str]] = {
    "id": frozenset(["mengatakan", "menyatakan", "menegaskan"]),
    "en": frozenset(["said", "says", "added", "stated", "insisted", "announced"]),
}
#: Words that count the actors a phrase refers back to: "kedua negara", "the three allies".
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "id": {"kedua": 2, "keduanya": 2, "ketiga": 3, "ketiganya": 3, "keempat": 4},
    "en": {"both": 2, "two": 2, "three": 3, "four": 4},
}
#: Cardinal numbers written as words: "tujuh perusahaan Iran dan tiga perusahaan Belarus".
CARDINALS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "belasan", "puluhan", "ratusan"]
    ),
    "en": frozenset(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "dozens", "hundreds"]
    ),
}  # fmt: skip
#: Nouns that introduce a place name the gazetteer may lack: "desa Novodmytrivka",
#: "the village of Mykolaivka", "negara bagian Rakhine".
PLACE_NOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["desa", "kota", "kampung", "wilayah", "provinsi", "kabupaten", "distrik", "pulau",
         "bagian", "kawasan", "daerah", "pelabuhan", "kecamatan", "koridor", "lembah"]
    ),
    "en": frozenset(
        ["village", "town", "city", "region", "province", "district", "island", "port",
         "state", "oblast", "corridor", "valley", "temple"]
    ),
}  # fmt: skip
#: Words of a sum of money or an amount before a noun: "$200 million in aid", "senilai
#: 5 juta dolar", "thousands of".
AMOUNT_WORDS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["ribu", "juta", "miliar", "triliun", "dolar", "euro", "rupiah", "senilai", "sebesar",
         "ribuan", "ratusan", "puluhan", "jutaan", "us$", "rp"]
    ),
    "en": frozenset(
        ["thousand", "million", "billion", "trillion", "dollars", "euros", "pounds", "worth",
         "in", "of", "thousands", "hundreds", "dozens", "millions", "tens", "$", "€", "£",
         "us$", "mln", "bln", "more", "than", "less", "about", "nearly", "almost", "around"]
    ),
}  # fmt: skip
#: Nouns after a number word that mean people ("kedua menteri") or states and sides.
PERSON_NOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["menteri", "pemimpin", "presiden", "kepala", "tokoh", "diplomat"]),
    "en": frozenset(["ministers", "leaders", "presidents", "men", "women", "diplomats"]),
}
ACTOR_NOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["negara", "pihak", "pemerintah", "sekutu", "angkatan", "militer"]),
    "en": frozenset(
        [
            "countries", "sides", "nations", "governments", "allies", "navies", "militaries",
            "states", "powers", "juntas", "regimes",
        ]
    ),
}  # fmt: skip
#: Of those, the nouns that mean countries only ("the three countries", "kedua negara").
COUNTRY_NOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["negara", "pemerintah", "angkatan", "militer"]),
    "en": frozenset(
        ["countries", "nations", "governments", "navies", "militaries", "states", "powers"]
    ),
}

#: "We" inside a quote is the speaker's side: "“Kami mendukung Ukraina,” kata Wong".
WE_PRONOUNS: dict[str, frozenset[str]] = {
    "id": frozenset(["kami", "kita"]),
    "en": frozenset(["we", "us"]),
}

#: Possessive determiners before a nominal trigger ("its invasion of ...").
POSSESSIVE_PRONOUNS: dict[str, dict[str, str]] = {
    "id": {},
    "en": {"his": "person", "her": "person", "its": "thing", "their": "plural"},
}
#: The Indonesian clitic that marks a possessor or object pronoun: perangnya, mendesaknya.
CLITIC = {"id": "nya", "en": None}

#: Words to skip at the start of a thing ("membantah melakukan pengiriman senjata").
THING_SKIP: dict[str, frozenset[str]] = {
    "id": frozenset(["melakukan", "adanya", "apa", "pun", "segala", "setiap", "semua", "sebuah"]),
    "en": frozenset(["the", "a", "an", "any", "all", "having", "some", "its", "their"]),
}

#: Adverbs allowed between "and" and a coordinated verb ("dan juga mendesak").
VP_ADVERBS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["juga", "kemudian", "lalu", "pun", "turut", "segera", "selalu", "langsung", "kerap",
         "tetap", "masih"]
    ),
    "en": frozenset(
        ["also", "then", "later", "subsequently", "again", "flatly", "swiftly", "quickly",
         "immediately", "repeatedly", "firmly", "strongly", "promptly", "still"]
    ),
}  # fmt: skip

#: Words before an infinitive ("untuk meluncurkan", "to launch"): such a verb is embedded,
#: so a later "dan + verb" coordinates with the main verb, not with it.
INFINITIVE_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(["untuk", "guna"]),
    "en": frozenset(["to"]),
}

#: Forms of "be" that make an English participle passive ("was attacked by").
PASSIVE_AUXILIARIES: dict[str, frozenset[str]] = {
    "id": frozenset(),
    "en": frozenset(["is", "are", "was", "were", "be", "been", "being"]),
}
#: The word that introduces the agent of a passive.
AGENT_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(["oleh"]),
    "en": frozenset(["by"]),
}
#: Source prepositions: "aliran senjata dari X", "arms transfers from X".
SOURCE_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(["dari"]),
    "en": frozenset(["from"]),
}
#: "antara X dan Y", "between X and Y".
BETWEEN_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(["antara"]),
    "en": frozenset(["between"]),
}
#: Plural markers before a title: "para menteri G7".
PLURAL_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(["para"]),
    "en": frozenset(),
}
#: English possessive clitic.
POSSESSIVE_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(),
    "en": frozenset(["'s", "’s", "'"]),
}

#: Indonesian verbs start with these prefixes; used only to tell "dan + verb" (a second
#: predicate) from "dan + noun" (a longer noun phrase).
VERB_PREFIXES: dict[str, tuple[str, ...]] = {
    "id": ("me", "di", "ber", "ter", "mem", "men", "meng", "meny"),
    "en": (),
}
#: Common nouns that look like verbs by their prefix.
NOT_VERBS: dict[str, frozenset[str]] = {
    "id": frozenset(["menteri", "media", "medan", "meja", "merdeka", "mereka", "dia", "dinas"]),
    "en": frozenset(),
}


def words(table: dict[str, frozenset[str]], lang: str) -> frozenset[str]:
    """The set for ``lang`` in ``table`` (empty when the language has none)."""
    return table.get(lang, frozenset())


def looks_like_verb(lower: str, lang: str) -> bool:
    """Whether an Indonesian word has a verbal prefix (English: never guessed)."""
    prefixes = VERB_PREFIXES.get(lang)
    return (
        bool(prefixes)
        and len(lower) > 4
        and lower.startswith(prefixes)
        and lower not in _not_verbs(lang)
    )


@cache
def _not_verbs(lang: str) -> frozenset[str]:
    """Words with a verbal prefix that are no verbs: nouns, and prepositions ("mengenai",
    "menuju"). Rules ask ~50,000 times per megabyte: one set, made once."""
    return words(NOT_VERBS, lang) | words(PREPOSITIONS, lang)


@dataclass(frozen=True)
class LanguageWords:
    """One language's word sets as attributes (``for_language("id").prepositions``).

    The rules test words against these sets hundreds of thousands of times per
    megabyte; an attribute is cheaper than a :func:`words` call each time.
    """

    prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    clause_boundaries: frozenset[str]
    relativizers: frozenset[str]
    coordinators: frozenset[str]
    ally_words: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    say_verbs: frozenset[str]
    place_nouns: frozenset[str]
    amount_words: frozenset[str]
    person_nouns: frozenset[str]
    actor_nouns: frozenset[str]
    country_nouns: frozenset[str]
    we_pronouns: frozenset[str]
    thing_skip: frozenset[str]
    vp_adverbs: frozenset[str]
    infinitive_markers: frozenset[str]
    passive_auxiliaries: frozenset[str]
    agent_markers: frozenset[str]
    source_markers: frozenset[str]
    between_markers: frozenset[str]
    plural_markers: frozenset[str]
    possessive_markers: frozenset[str]


@cache
def for_language(lang: str) -> LanguageWords:
    """The word sets of ``lang`` (empty ones where the language has none)."""
    tables = globals()
    return LanguageWords(
        **{f.name: words(tables[f.name.upper()], lang) for f in fields(LanguageWords)}
    )
