"""Generate news articles for benchmarks: English and Indonesian, any number, from a seed.

    python benchmarks/make_corpus.py OUT --articles 10000 [--lang en|id|both] [--seed 1]

Every article is a .txt file (``OUT/0000/en-000000.txt``, at most 1,000 files a
folder) in the house style of wire copy: a title line, a dateline ("CANBERRA, March 6
(Reuters) -" / "JAKARTA (ANTARA) -"), 8-20 short paragraphs with quoted statements
("...," X said / "...," kata X), a byline ("Reporting by ...; Editing by ..." /
"Pewarta: ... Editor: ...") and a boilerplate tail ("More Stories" / "Baca juga").

Text is composed from templates written here, with the actors of the gazetteer
(``kgraph.entities.gazetteer.load_gazetteer``), the role titles of
``ontologies/gazetteer/roles.tsv`` and the relation triggers of the lexicons
(``kgraph.relations.lexicon.load_lexicon``): active and passive sentences between two
actors, negations and denials, conditional threats, role mentions, pronouns and
relative dates. Nothing is copied from examples/ or evaluation/. The same seed gives
the same files. The corpus is for benchmarks, not for tests: nobody checked what each
sentence should yield.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kgraph.entities.gazetteer import load_gazetteer
from kgraph.relations.lexicon import load_lexicon
from kgraph.resources import ontology_dir

__all__ = ["Vocabulary", "article", "generate", "vocabulary"]

FILES_PER_FOLDER = 1000
LANGS = ("en", "id")

# --------------------------------------------------------------------------- word lists

DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
}
MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "id": [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ],
}  # fmt: skip
#: relative dates besides "on <day>" / "pada <day>"
WHEN = {
    "en": ["last week", "earlier this month", "on Monday", "late on Friday", "this week"],
    "id": ["pekan lalu", "awal bulan ini", "kemarin", "pekan ini", "bulan lalu"],
}
FIRST_NAMES = [
    "Adrian", "Bima", "Clara", "Dewi", "Elena", "Farid", "Grace", "Hendra", "Ines",
    "Joko", "Kirana", "Lukas", "Maya", "Nadia", "Omar", "Putri", "Rafael", "Sinta",
    "Tomas", "Wulan", "Yusuf", "Zara", "Arief", "Bella", "Citra", "Daniel",
]  # fmt: skip
LAST_NAMES = [
    "Hartono", "Lindqvist", "Prasetyo", "Moreau", "Kusuma", "Okafor", "Santoso",
    "Baranov", "Wibisono", "Castell", "Nugroho", "Delacroix", "Rahmawati", "Ferreira",
    "Setiawan", "Haldane", "Pratama", "Oyelaran", "Siregar", "Tanaka",
]  # fmt: skip
#: things a country develops, launches or discusses (no gazetteer names in them)
THINGS = {
    "en": [
        "a new ballistic missile", "a hypersonic glide vehicle", "a reconnaissance satellite",
        "a long-range drone", "a short-range rocket", "a submarine-launched missile",
    ],
    "id": [
        "rudal balistik baru", "kendaraan luncur hipersonik", "satelit pengintai",
        "drone jarak jauh", "roket jarak pendek", "rudal yang diluncurkan dari kapal selam",
    ],
}  # fmt: skip
TOPICS = {
    "en": [
        "maritime security", "food security", "energy transition", "border management",
        "the fishing dispute", "trade barriers", "the refugee crisis", "cyber attacks",
    ],
    "id": [
        "keamanan maritim", "ketahanan pangan", "transisi energi", "pengelolaan perbatasan",
        "sengketa perikanan", "hambatan perdagangan", "krisis pengungsi", "serangan siber",
    ],
}  # fmt: skip

#: English verbs whose first lexicon form is also the past participle, for passives
EN_PASSIVES = {
    "attacked", "condemned", "criticised", "accused", "sanctioned", "backed", "supported",
    "visited", "threatened", "praised", "invaded", "targeted", "bombed", "denounced",
    "blamed", "hosted", "endorsed", "summoned", "seized", "detained", "arrested",
}  # fmt: skip
#: Indonesian meN- verbs and their di- passives (checked against the lexicon's)
ID_PASSIVES = {
    "menyerang": "diserang", "mengecam": "dikecam", "mengutuk": "dikutuk",
    "mengkritik": "dikritik", "menuduh": "dituduh", "mendukung": "didukung",
    "mengunjungi": "dikunjungi", "mengancam": "diancam", "mengusir": "diusir",
    "menyita": "disita", "menangkap": "ditangkap", "memblokade": "diblokade",
    "mengebom": "dibom", "menembaki": "ditembaki", "memuji": "dipuji",
    "menginvasi": "diinvasi", "menuding": "dituding", "menjamu": "dijamu",
}  # fmt: skip
NEGATIONS = {"not", "never", "tidak", "tak"}
#: words after which a trigger needs more than an object
DANGLING = {
    "en": {"to", "million", "billion"},
    "id": {"akan", "untuk", "bahwa", "agar", "bahwa|agar", "akan|untuk"},
}
PREPOSITIONS = {
    "to", "with", "on", "in", "of", "from", "for", "at", "back", "out", "behind", "alongside",
    "dengan", "ke", "dari", "di",
}  # fmt: skip
#: fillers for a lexicon gap ("imposed * sanctions" → "imposed new sanctions"); a gap may
#: also be empty. Indonesian adjectives follow the noun, so its gaps stay empty.
GAP = {"en": ["", "", "new", "more"], "id": [""]}
#: lexicon rows that read badly as "SUBJECT surface OBJECT"
SKIP = {"concerned", "killed soldiers", "terlibat baku tembak bentrokan", "ditarik"}
#: the preposition taken when a trigger allows several
PREP_ORDER = {
    "en": ["to", "with", "on", "against", "from", "into", "at", "in", "for", "along", "near"],
    "id": ["dengan", "ke", "kepada", "terhadap", "dari", "atas", "di", "bagi", "untuk"],
}


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Verb:
    """A relation trigger as written in a sentence: ``surface prep OBJECT``."""

    relation: str
    surface: str
    prep: str  # "" when the object follows the verb directly
    passive: str | None  # participle / di- form, when the verb takes a passive
    organization_only: bool


@dataclass(frozen=True)
class Actor:
    id: str
    name: str  # as it opens a mention: "Foreign Minister Penny Wong", "Indonesia"
    short: str  # a second mention: "Wong", "Indonesia"
    person: bool
    kind: str  # Country, Person, IntergovernmentalOrganization, ...


@dataclass
class Vocabulary:
    lang: str
    verbs: list[Verb]
    countries: list[Actor]
    organizations: list[Actor]
    groups: list[Actor]
    people: list[Actor]
    capitals: list[str]


def _surface(pattern: str, lang: str) -> str | None:
    """The first phrase of a lexicon pattern as written, or None for one that reads badly.

    The first alternative of each word, except that an English verb takes its -ed
    form when it has one ("chairs|chaired" → "chaired"); a gap gets a filler word.
    """
    phrase = pattern.split(";")[0].split()
    if phrase[0].split("|")[0] in NEGATIONS or phrase[-1] in DANGLING[lang]:
        return None  # "not accept", "threatened to", "mengancam akan"
    if "*" in phrase and phrase[phrase.index("*") + 1].split("|")[0] in DANGLING[lang]:
        return None  # "gave * million", "memperingatkan * akan"
    if "*" in phrase and phrase[phrase.index("*") + 1].split("|")[0] in PREPOSITIONS:
        return None  # "placed * on * sanctions list", "stood * behind": the object is in the gap
    words = []
    for i, word in enumerate(phrase):
        forms = word.split("|")
        if i == 0 and lang == "en":
            forms = [f for f in forms if f.endswith("ed")] or forms
        words.append("{gap}" if word == "*" else forms[0])
    surface = " ".join(words)
    return None if surface.replace(" {gap}", "") in SKIP else surface


def _verbs(lang: str) -> list[Verb]:
    verbs = []
    for trigger in load_lexicon(lang).triggers:
        if trigger.is_cue or trigger.pos != "V" or trigger.voice != "active":
            continue
        if trigger.object not in ("actor", "actor|place", "actor|thing", "organization"):
            continue
        surface = _surface(trigger.pattern, lang)
        if surface is None:
            continue
        preps = sorted(trigger.preps or {"-"})
        real = [p for p in preps if p != "-"]
        # "attacked X", "met X"; "supplied new arms to X", "bekerja sama dengan X"
        real.sort(key=lambda p: (PREP_ORDER[lang] + [p]).index(p))
        prep = "" if not real or ("-" in preps and " " not in surface) else real[0]
        if surface.split()[-1] in PREPOSITIONS:
            prep = ""  # the preposition is part of the trigger ("called on", "travelled to")
        first = surface.split()[0]
        if lang == "en":
            passive = first if first in EN_PASSIVES and " " not in surface and not prep else None
        else:
            passive = ID_PASSIVES.get(surface) if not prep else None
        verbs.append(
            Verb(trigger.relation, surface, prep, passive, trigger.object == "organization")
        )
    return verbs


def _label(entity, lang: str) -> str:
    for label_lang, label in entity.labels:
        if label_lang == lang:
            return label
    return entity.label


def vocabulary(lang: str) -> Vocabulary:
    """Verbs of ``lang``'s lexicon and actors of the gazetteer, as they are written."""
    gazetteer = load_gazetteer()
    titles: dict[str, str] = {}
    for title in gazetteer.role_titles:
        if title.lang == lang and title.title[:1].isupper() and title.role not in titles:
            titles[title.role] = title.title
    # countries somebody in the gazetteer works for, or with a demonym: not "Bouvet Island"
    newsworthy = {e.entity.country for e in gazetteer.entries.values() if e.entity.type == "Person"}
    newsworthy |= {entity_id for _lang, _demonym, entity_id in gazetteer.demonyms}
    countries, organizations, groups, people, capitals = [], [], [], [], []
    for entity_id, entry in sorted(gazetteer.entries.items()):
        entity = entry.entity
        name = _label(entity, lang)
        if entity.type == "Country" and entity_id in newsworthy:
            countries.append(Actor(entity_id, name, name, False, entity.type))
        elif entity.type in ("IntergovernmentalOrganization", "Organization"):
            organizations.append(Actor(entity_id, name, name, False, entity.type))
        elif entity.type == "ArmedGroup":
            groups.append(Actor(entity_id, name, name, False, entity.type))
        elif entity.type == "Person":
            role = entry.roles[0].role if entry.roles else None
            title = titles.get(role or "")
            full = f"{title} {name}" if title else name
            short = entry.short[0] if entry.short else name
            people.append(Actor(entity_id, full, short, True, entity.type))
    with (ontology_dir() / "gazetteer" / "capitals.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            capitals.append(record["names"].get(lang, record["names"]["en"])[0])
    return Vocabulary(lang, _verbs(lang), countries, organizations, groups, people, capitals)


# --------------------------------------------------------------------------- sentences


class _Writer:
    """Sentences of one article; keeps who was mentioned, for pronouns and short names."""

    def __init__(self, vocab: Vocabulary, rng: random.Random):
        self.v = vocab
        self.rng = rng
        self.lang = vocab.lang
        # a story is about two or three actors, and sometimes a third party
        pick = rng.sample
        self.cast = pick(vocab.countries, 3) + pick(vocab.organizations, 1) + pick(vocab.groups, 1)
        self.speakers = pick(vocab.people, 3)
        self.mentioned: set[str] = set()

    # -- mentions
    def actor(self, organization: bool = False) -> Actor:
        rng = self.rng
        if organization:
            return self.cast[3]
        return rng.choice(self.cast[:3] if rng.random() < 0.8 else self.cast)

    def name(self, actor: Actor) -> str:
        if actor.id in self.mentioned:
            return actor.short
        self.mentioned.add(actor.id)
        return actor.name

    def when(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            day = rng.choice(DAYS[self.lang])
            return f"on {day}" if self.lang == "en" else f"pada {day}"
        return rng.choice(WHEN[self.lang])

    def pair(self, verb: Verb) -> tuple[Actor, Actor]:
        subject = self.actor()
        obj = self.actor(verb.organization_only)
        while obj.id == subject.id:
            obj = self.rng.choice(self.v.countries)
        return subject, obj

    def clause(self, verb: Verb, subject: str, obj: str) -> str:
        if self.lang == "en" and "{gap}" in verb.surface and not verb.prep:
            # the object in the gap: "expelled Russia's diplomats"
            return " ".join(filter(None, (subject, verb.surface.replace("{gap}", f"{obj}'s"))))
        surface = verb.surface.replace("{gap}", self.rng.choice(GAP[self.lang]))
        return " ".join(part for part in (subject, *surface.split(), verb.prep, obj) if part)

    # -- sentences with a relation
    def relation(self, attributed: bool = True) -> str:
        """A sentence with a relation between two actors, in one of several shapes."""
        rng = self.rng
        verb = rng.choice(self.v.verbs)
        subject, obj = self.pair(verb)
        s, o = self.name(subject), self.name(obj)
        roll = rng.random()
        en = self.lang == "en"
        source = ""
        if attributed:
            source = f", {self._source()} said" if en else f", kata {self._source()}"
        if verb.passive and roll < 0.2:
            if en:
                return f"{o} was {verb.passive} by {s} {self.when()}{source}."
            return f"{o} {verb.passive} oleh {s} {self.when()}{source}."
        if roll < 0.3:  # negation
            if en:
                return f"{self.clause(verb, f'{s} never', o)}{source}."
            return f"{s} tidak {self.clause(verb, '', o)}{source}."
        if roll < 0.38:  # denial
            if en:
                return f"{s} denied that it had {self.clause(verb, '', o).strip()} {self.when()}."
            return f"{s} membantah telah {self.clause(verb, '', o).strip()} {self.when()}."
        if roll < 0.46:  # conditional threat
            tail = self.clause(verb, "", self.name(self.actor()))
            if en:
                return f"{s} threatened to retaliate against {o} if it {tail} again."
            return f"{s} mengancam akan membalas {o} jika negara itu kembali {tail}."
        if roll < 0.7 and attributed:  # reported speech
            speaker = self.name(self.rng.choice(self.speakers))
            if en:
                return f"{speaker} said {self.when()} that {self.clause(verb, s, o)}."
            return f"{speaker} mengatakan {self.when()} bahwa {self.clause(verb, s, o)}."
        return f"{self.clause(verb, s, o)} {self.when()}."

    def quote(self) -> str:
        """A quoted statement with said/kata/ujar; now and then a pronoun after it."""
        rng = self.rng
        speaker = rng.choice(self.speakers)
        inner = self.relation(attributed=False).rstrip(".")
        if rng.random() < 0.5:
            inner = rng.choice(QUOTES[self.lang]).format(topic=rng.choice(TOPICS[self.lang]))
        name = self.name(speaker)
        if self.lang == "en":
            verb = rng.choice(["said", "said", "told reporters", "added"])
            text = f'"{inner}," {name} {verb}.'
            if rng.random() < 0.4:
                text += f" {rng.choice(['He', 'She'])} said {rng.choice(PRONOUN_TAILS['en'])}"
            return text
        verb = rng.choice(["kata", "ujar", "kata", "tutur"])
        text = f"“{inner},” {verb} {name}."
        if rng.random() < 0.4:
            text += f" Ia mengatakan {rng.choice(PRONOUN_TAILS['id'])}"
        return text

    def background(self) -> str:
        rng = self.rng
        template = rng.choice(BACKGROUND[self.lang])
        return template.format(
            a=self.name(self.actor()),
            topic=rng.choice(TOPICS[self.lang]),
            thing=rng.choice(THINGS[self.lang]),
            n=rng.randint(2, 90),
            when=self.when(),
            place=rng.choice(self.v.capitals),
        )

    def _source(self) -> str:
        return self.rng.choice(SOURCES[self.lang])


SOURCES = {
    "en": ["officials", "a government spokesperson", "diplomats", "state media", "analysts"],
    "id": ["pejabat setempat", "seorang juru bicara", "para diplomat", "media pemerintah"],
}
QUOTES = {
    "en": [
        "We have made it clear that {topic} cannot wait another year",
        "Nobody at this table wants a crisis over {topic}",
        "This is about {topic}, and we expect our partners to do their part",
        "Our position on {topic} has not changed and will not change",
        "We are ready to talk, but not under pressure",
    ],
    "id": [
        "Kami sudah menegaskan bahwa {topic} tidak bisa menunggu setahun lagi",
        "Tidak ada pihak yang menginginkan krisis soal {topic}",
        "Ini menyangkut {topic}, dan kami berharap mitra kami ikut bertanggung jawab",
        "Posisi kami soal {topic} tidak berubah",
        "Kami siap berdialog, tetapi tidak di bawah tekanan",
    ],
}
PRONOUN_TAILS = {
    "en": [
        "the talks would continue next month.",
        "further steps would depend on the other side.",
        "the government would publish its findings soon.",
    ],
    "id": [
        "pembicaraan akan dilanjutkan bulan depan.",
        "langkah berikutnya bergantung pada pihak lain.",
        "pemerintah akan segera mengumumkan hasilnya.",
    ],
}
BACKGROUND = {
    "en": [
        "The row over {topic} has simmered for {n} months.",
        "About {n} delegates attended the session in {place} {when}.",
        "{a} announced plans to test {thing} {when}, according to a statement.",
        "Markets in {place} were little changed after the news.",
        "The two sides last met in {place} {n} weeks ago to discuss {topic}.",
        "Analysts said the move reflected growing worries about {topic}.",
        "Officials in {place} gave no details on the timing.",
        "The statement did not mention {topic}, which has dominated past meetings.",
        "Some {n} people were evacuated from villages near the border {when}.",
        "Talks on {topic} are expected to resume in {place} later this year.",
    ],
    "id": [
        "Perselisihan soal {topic} sudah berlangsung selama {n} bulan.",
        "Sekitar {n} delegasi menghadiri sidang di {place} {when}.",
        "{a} berencana menguji {thing} {when}, menurut sebuah pernyataan.",
        "Pasar di {place} relatif stabil setelah kabar itu.",
        "Kedua pihak terakhir bertemu di {place} {n} pekan lalu untuk membahas {topic}.",
        "Para analis menilai langkah itu mencerminkan kekhawatiran soal {topic}.",
        "Pejabat di {place} tidak memberikan rincian soal waktunya.",
        "Sekitar {n} warga dievakuasi dari desa di dekat perbatasan {when}.",
        "Pembicaraan mengenai {topic} dijadwalkan dilanjutkan di {place} akhir tahun ini.",
    ],
}
HEADLINES = {
    "en": [
        "{a} and {b} agree to resume talks on {topic}",
        "{a} warns {b} over {topic}",
        "Talks on {topic} stall in {place}",
        "{a} hosts regional leaders for summit on {topic}",
    ],
    "id": [
        "{a} dan {b} sepakat lanjutkan pembicaraan soal {topic}",
        "{a} peringatkan {b} soal {topic}",
        "Pembicaraan soal {topic} di {place} menemui jalan buntu",
        "{a} jadi tuan rumah KTT soal {topic}",
    ],
}


# --------------------------------------------------------------------------- articles


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _headline(writer: _Writer) -> str:
    rng = writer.rng
    a, b = rng.sample(writer.v.countries, 2)
    return rng.choice(HEADLINES[writer.lang]).format(
        a=a.name,
        b=b.name,
        topic=rng.choice(TOPICS[writer.lang]),
        place=rng.choice(writer.v.capitals),
    )


def article(vocab: Vocabulary, rng: random.Random) -> str:
    """One article's text."""
    lang = vocab.lang
    writer = _Writer(vocab, rng)
    city = rng.choice(vocab.capitals)
    month, day = rng.randrange(12), rng.randint(1, 28)
    title = _headline(writer)
    if lang == "en":
        dateline = f"{city.upper()}, {MONTHS['en'][month]} {day} (Reuters) - "
    elif rng.random() < 0.5:
        dateline = f"{city.upper()} (ANTARA) - "
    else:
        dateline = f"{city.upper()}, {day} {MONTHS['id'][month]} (Antara) – "
    paragraphs = [dateline + writer.relation() + " " + writer.background()]
    for _ in range(rng.randint(9, 19)):
        roll = rng.random()
        if roll < 0.35:
            first = writer.quote()
        elif roll < 0.75:
            first = writer.relation()
        else:
            first = writer.background()
        if rng.random() < 0.65:  # mostly one or two sentences
            first += " " + rng.choice((writer.relation, writer.background, writer.quote))()
        paragraphs.append(first)
    if lang == "id" and rng.random() < 0.5:
        paragraphs.insert(rng.randint(2, len(paragraphs) - 1), f"Baca juga: {_headline(writer)}")
    if lang == "en":
        paragraphs.append(f"Reporting by {_person(rng)} in {city}; Editing by {_person(rng)}")
        paragraphs.append("More Stories\n" + "\n".join(_headline(writer) for _ in range(3)))
    else:
        paragraphs.append(
            f"Pewarta: {_person(rng)}\nEditor: {_person(rng)}\n"
            f"Copyright © ANTARA {2020 + rng.randrange(6)}"
        )
        if rng.random() < 0.5:
            paragraphs.append("Baca juga\n" + "\n".join(_headline(writer) for _ in range(2)))
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(out: Path | str, articles: int, lang: str = "both", seed: int = 1) -> list[Path]:
    """Write ``articles`` files under ``out``; ``lang`` is en, id or both (alternating)."""
    out = Path(out)
    langs = LANGS if lang == "both" else (lang,)
    vocabs = {code: vocabulary(code) for code in langs}
    rng = random.Random(seed)
    paths = []
    for n in range(articles):
        code = langs[n % len(langs)]
        folder = out / f"{n // FILES_PER_FOLDER:04d}"
        if n % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{code}-{n:06d}.txt"
        path.write_text(article(vocabs[code], rng), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the articles")
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--lang", choices=["en", "id", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--check",
        action="store_true",
        help="then run kgraph build --only-store on OUT and print statements per article",
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be >= 1")
    start = time.perf_counter()
    paths = generate(args.out, args.articles, args.lang, args.seed)
    size = sum(p.stat().st_size for p in paths)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(
        f"{len(paths):,} articles, {size / 1e6:.1f} MB, {words / len(paths):.0f} words an "
        f"article, in {args.out} ({time.perf_counter() - start:.1f} s)"
    )
    if args.check:
        statements = check(args.out)
        print(f"kgraph build: {statements:,} statements, {statements / len(paths):.1f} an article")
    return 0


def check(folder: Path) -> int:
    """Statements ``kgraph build --only-store`` finds in ``folder`` (a fresh store)."""
    with tempfile.TemporaryDirectory(prefix="kgraph-corpus-check-") as out:
        command = [sys.executable, "-m", "kgraph", "build", str(folder), "-o", out]
        done = subprocess.run(
            [*command, "--only-store"], capture_output=True, text=True, check=True
        )
    match = re.search(r"into (\d+) statements", done.stdout + done.stderr)
    return int(match.group(1)) if match else 0


if __name__ == "__main__":
    sys.exit(main())
