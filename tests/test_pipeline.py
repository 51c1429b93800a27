"""Extraction rules on short sentences written for these tests, in both languages."""

from __future__ import annotations

import pytest
import spacy

from kgraph.documents import clean_article
from kgraph.model import Article
from kgraph.pipeline import extract_statements, load_pipeline


def facts(text: str, lang: str) -> set[tuple]:
    """(subject, relation, object, polarity, modality) of every statement in ``text``."""
    article = clean_article(Article(id="t", text=text, language=lang))
    return {
        (s.subject.id, s.relation, s.object.id, s.polarity, s.modality)
        for s in extract_statements(article)
    }


def claims(text: str, lang: str) -> dict[tuple[str, str, str], tuple[str, ...]]:
    article = clean_article(Article(id="t", text=text, language=lang))
    return {
        (s.subject.id, s.relation, s.object.id): s.claimed_by for s in extract_statements(article)
    }


def test_factories_work_with_add_pipe():
    nlp = spacy.blank("id")
    nlp.add_pipe("kgraph_sentences")
    nlp.add_pipe("kgraph_entities")
    nlp.add_pipe("kgraph_resolver")
    nlp.add_pipe("kgraph_relations")
    doc = nlp("Rusia menyerang Ukraina.")
    assert [(s.subject.id, s.relation, s.object.id) for s in doc._.kgraph_statements] == [
        ("RUS", "attacks", "UKR")
    ]
    assert nlp.pipe_names == load_pipeline("id").pipe_names


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "Russia attacked Ukraine. Kyiv said so!\nHeadline\n\nThe talks (in Doha.) ended?! Yes",
        'He said: "No." And?.. Then "it" ended . . with x.\n',
        "Rusia menyerang Ukraina . . . Kata dia (\u00bbya\u00ab) \u3002 lalu \u0964 tamat",
    ],
)
def test_kgraph_sentences_splits_as_line_breaks_and_the_sentencizer(lang, text):
    # kgraph_sentences does in one component what these two did
    two = spacy.blank(lang)
    two.add_pipe("kgraph_line_breaks")
    two.add_pipe("sentencizer")
    one = spacy.blank(lang)
    one.add_pipe("kgraph_sentences")
    expected, doc = two(text), one(text)
    assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in expected]
    assert [s.start for s in doc.sents] == [s.start for s in expected.sents]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Rusia menyerang Ukraina.", ("RUS", "attacks", "UKR", "positive", "asserted")),
        ("en", "Russia attacked Ukraine.", ("RUS", "attacks", "UKR", "positive", "asserted")),
        # passive with an agent
        (
            "id",
            "Vietnam diserang oleh Tiongkok.",
            ("CHN", "attacks", "VNM", "positive", "asserted"),
        ),
        ("en", "Vietnam was attacked by China.", ("CHN", "attacks", "VNM", "positive", "asserted")),
        # the receiver is the grammatical subject
        (
            "id",
            "Vietnam menerima bantuan teknis dari Jepang.",
            ("JPN", "providesTechnicalSupportTo", "VNM", "positive", "asserted"),
        ),
        # a noun with its possessor and its goal
        (
            "id",
            "Kunjungan tiga hari Retno Marsudi ke Tiongkok berakhir kemarin.",
            ("Retno_Marsudi", "visits", "CHN", "positive", "asserted"),
        ),
        (
            "en",
            "Russia's invasion of Ukraine continued.",
            ("RUS", "attacks", "UKR", "positive", "asserted"),
        ),
        # a weapons transfer named by its source and destination
        (
            "id",
            "Para analis melacak aliran senjata dari Iran ke Rusia.",
            ("IRN", "suppliesWeaponsTo", "RUS", "positive", "asserted"),
        ),
        # the giver, the recipient inside the trigger, then the goods
        (
            "id",
            "Korea Utara memberi Rusia senjata.",
            ("PRK", "suppliesWeaponsTo", "RUS", "positive", "asserted"),
        ),
        # a relative clause takes the actor before "yang"
        (
            "id",
            "Sanksi baru menyasar Iran, yang sedang mengembangkan rudal jarak jauh.",
            ("IRN", "develops", "thing/rudal-jarak-jauh", "positive", "asserted"),
        ),
        # negation, intention, report, condition
        (
            "id",
            "Indonesia tidak akan memasok senjata kepada Myanmar.",
            ("IDN", "suppliesWeaponsTo", "MMR", "negative", "intended"),
        ),
        (
            "en",
            "Japan reportedly sent humanitarian aid to the Philippines.",
            ("JPN", "providesHumanitarianAidTo", "PHL", "positive", "reported"),
        ),
        (
            "id",
            "Jika Rusia menyerang Polandia, NATO akan bertindak.",
            ("RUS", "attacks", "POL", "positive", "hypothetical"),
        ),
        (
            "en",
            "If Russia attacks Poland, NATO will respond.",
            ("RUS", "attacks", "POL", "positive", "hypothetical"),
        ),
    ],
)
def test_extracts(lang, text, expected):
    assert expected in facts(text, lang)


def test_compound_subject_gives_a_statement_per_member():
    found = facts("Korea Utara dan Rusia membantah kesepakatan senjata itu.", "id")
    assert ("PRK", "denies", "thing/kesepakatan-senjata-itu", "positive", "asserted") in found
    assert ("RUS", "denies", "thing/kesepakatan-senjata-itu", "positive", "asserted") in found


def test_symmetric_relation_between_members_of_a_group():
    found = facts("Indonesia dan Australia bertemu di Bali.", "id")
    assert ("IDN", "meetsWith", "AUS", "positive", "asserted") in found


def test_denial_makes_the_denied_event_negative():
    for text, lang in [
        ("Tiongkok membantah menyerang Vietnam.", "id"),
        ("China denied attacking Vietnam.", "en"),
    ]:
        found = facts(text, lang)
        assert ("CHN", "attacks", "VNM", "negative", "asserted") in found, text
        assert not any(f[1] == "attacks" and f[3] == "positive" for f in found), text


def test_a_list_needs_and_a_comma_alone_is_not_one():
    found = facts("If Russia attacks Poland, NATO will respond.", "en")
    assert not any(f[2] == "NATO" for f in found)


def test_a_comma_and_the_after_an_actor_does_not_make_a_list():
    found = facts("If Iran attacks Israel, the US will attack Iran.", "en")
    assert found == {
        ("IRN", "attacks", "ISR", "positive", "hypothetical"),
        ("USA", "attacks", "IRN", "positive", "hypothetical"),
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("North Korea threatened to attack South Korea.", "en"),
        ("Korea Utara mengancam akan menyerang Korea Selatan.", "id"),
    ],
)
def test_a_threat_to_attack_is_a_threat_and_an_intended_attack(text, lang):
    assert facts(text, lang) == {
        ("PRK", "threatens", "KOR", "positive", "asserted"),
        ("PRK", "attacks", "KOR", "positive", "intended"),
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia agreed to withdraw its troops from Georgia.", "en"),
        ("Rusia sepakat untuk menarik pasukannya dari Georgia.", "id"),
    ],
)
def test_what_is_agreed_to_has_not_happened_yet(text, lang):
    assert facts(text, lang) == {("RUS", "withdrawsFrom", "GEO", "positive", "intended")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The EU urged Serbia to withdraw its troops from Kosovo.", "en"),
        ("Uni Eropa mendesak Serbia untuk menarik pasukan dari Kosovo.", "id"),
    ],
)
def test_the_actor_urged_to_act_is_the_subject_of_the_requested_act(text, lang):
    assert facts(text, lang) == {
        ("EU", "urges", "SRB", "positive", "asserted"),
        ("SRB", "withdrawsFrom", "XKX", "positive", "hypothetical"),
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [("China refused to meet Japan.", "en"), ("China menolak untuk bertemu Jepang.", "id")],
)
def test_a_refusal_negates_the_refused_act(text, lang):
    assert facts(text, lang) == {("CHN", "meetsWith", "JPN", "negative", "asserted")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "NATO leaders met in The Hague. Later the alliance said it stood behind Poland.",
            "en",
            ("NATO", "supports", "POL", "positive", "asserted"),
        ),
        (
            "Hamas menyerang Israel. Kelompok itu menolak Mesir.",
            "id",
            ("Hamas", "rejects", "EGY", "positive", "asserted"),
        ),
        (
            "Myanmar's junta bombed Sagaing. ASEAN has barred the junta from its summits.",
            "en",
            ("ASEAN", "reducesRelationsWith", "MMR", "positive", "asserted"),
        ),
    ],
)
def test_a_definite_description_refers_to_the_latest_actor_of_its_kind(text, lang, expected):
    assert expected in facts(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "person", "owner"),
    [
        (
            "Junta militer Myanmar membebaskan nelayan. Juru bicara junta, Mayor Jenderal "
            "Zaw Min Tun, membantah tuduhan itu.",
            "id",
            "Zaw_Min_Tun",
            "MMR",
        ),
        (
            "Myanmar's junta denied it. Its spokesman, Major General Zaw Min Tun, spoke later.",
            "en",
            "Zaw_Min_Tun",
            "MMR",
        ),
        (
            "Duta Besar Rusia untuk organisasi-organisasi internasional di Wina, Mikhail "
            "Ulyanov, menyebutnya pemerasan.",
            "id",
            "Mikhail_Ulyanov",
            "RUS",
        ),
        (
            "Peneliti Pusat Kajian Maritim Samudra, Arif Wicaksono, menilai kapal itu pergi.",
            "id",
            "Arif_Wicaksono",
            "Pusat_Kajian_Maritim_Samudra",
        ),
    ],
)
def test_a_name_after_a_title_phrase_and_a_comma_holds_the_title(text, lang, person, owner):
    assert (person, "affiliatedWith", owner, "positive", "asserted") in facts(text, lang)


def test_an_unknown_minister_is_of_the_state_the_sentence_opened_with():
    article = clean_article(
        Article(
            id="t",
            text="KYIV, Ukraine, Sept. 27, 2024 (AP) — The Netherlands said it had sent jets "
            "to Ukraine, and Defense Minister Ruben Brekelmans announced more aid.",
            language="en",
        )
    )
    found = {(s.subject.id, s.relation, s.object.id) for s in extract_statements(article)}
    assert ("Ruben_Brekelmans", "affiliatedWith", "NLD") in found
    assert ("Ruben_Brekelmans", "affiliatedWith", "UKR") not in found


def test_two_people_each_at_a_place_are_both_met():
    found = facts(
        "Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Beijing dan "
        "Presiden Amerika Serikat Joe Biden di Gedung Putih.",
        "id",
    )
    assert ("Prabowo_Subianto", "meetsWith", "Joe_Biden", "positive", "asserted") in found
    assert ("Prabowo_Subianto", "meetsWith", "Xi_Jinping", "positive", "asserted") in found
    assert not any("Beijing" in (f[0], f[2]) for f in found)


def test_a_place_then_and_a_new_subject_is_not_a_list():
    found = facts("Russia attacked Kharkiv in Ukraine and Poland condemned the attack.", "en")
    assert not any(f[1] == "attacks" and f[2] == "POL" for f in found)


def test_a_relative_clause_keeps_its_objects_and_cues_to_itself():
    found = facts(
        "Amerika Serikat, yang berencana membangun dermaga sementara di lepas pantai Gaza "
        "untuk mempercepat masuknya bantuan, hingga kini tidak menghentikan pengiriman "
        "senjata ke Israel.",
        "id",
    )
    assert found == {("USA", "suppliesWeaponsTo", "ISR", "positive", "asserted")}


def test_a_person_with_two_titles_is_one_mention():
    found = facts(
        "Menteri Pertahanan Sjafrie Sjamsoeddin menerima kunjungan Wakil Perdana Menteri "
        "sekaligus Menteri Pertahanan Australia Richard Marles di Jakarta.",
        "id",
    )
    assert ("Richard_Marles", "visits", "IDN", "positive", "asserted") in found


def test_the_ministers_of_a_body_named_before_act_for_it():
    found = facts(
        "Southeast Asian foreign ministers urged Myanmar to stop. Later the ministers said "
        'they were "gravely concerned" by the violence and called for a ceasefire.',
        "en",
    )
    assert ("ASEAN", "urges", "MMR", "positive", "asserted") in found
    assert ("ASEAN", "expressesConcernAbout", "thing/the-violence", "positive", "asserted") in found
    assert ("ASEAN", "callsFor", "thing/ceasefire", "positive", "asserted") in found


def test_a_warning_of_force_threatens_its_target():
    found = facts(
        "Israel moved two brigades north. Defence Minister Yoav Gallant warned that the army "
        "could launch a full-scale offensive in Lebanon if talks failed.",
        "en",
    )
    assert ("ISR", "attacks", "LBN", "positive", "hypothetical") in found
    assert any(f[1:3] == ("threatens", "LBN") and f[3] == "positive" for f in found)
    assert not any(f[1] == "launches" for f in found)  # an offensive is no launched thing


def test_joined_is_membership_and_still_lends_its_subject():
    assert ("MMR", "memberOf", "ASEAN", "positive", "asserted") in facts(
        "ASEAN met. Myanmar, which joined the bloc in 1997, was not invited.", "en"
    )
    assert ("JPN", "cooperatesMilitarilyWith", "USA", "positive", "asserted") in facts(
        "Japan joined drills with the United States.", "en"
    )


def test_what_others_are_asked_to_let_happen_has_not_happened():
    found = facts(
        "Foreign Minister Andrii Sybiha urged Western partners to let Kyiv fire long-range "
        "weapons at airfields inside Russia.",
        "en",
    )
    assert ("UKR", "attacks", "RUS", "positive", "hypothetical") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mesir menyatakan keprihatinan mendalam atas eskalasi di Laut Merah.",
            ("EGY", "expressesConcernAbout", "thing/eskalasi", "positive", "asserted"),
        ),
        (
            "Australia akan memberikan pelatihan teknis bagi awak kapal selam Indonesia.",
            ("AUS", "providesTechnicalSupportTo", "IDN", "positive", "intended"),
        ),
    ],
)
def test_indonesian_speech_and_light_verbs_lend_their_subject(text, expected):
    assert expected in facts(text, "id")


def test_a_speech_verb_does_not_lend_its_subject_to_a_clause():
    found = facts(
        "Junta Myanmar membantah tuduhan itu dan menyatakan serangan udara hanya diarahkan "
        "ke markas Tentara Arakan.",
        "id",
    )
    assert not any(f[1] == "attacks" for f in found)


def test_a_rejected_call_is_not_the_rejecters_call():
    found = facts("Kim Jong Un has rejected calls for talks with Washington.", "en")
    assert {f[1] for f in found} == {"rejects"}


def test_a_meeting_named_as_a_venue_is_no_meeting():
    found = facts("Britain and France pressed for a resolution at a meeting of the board.", "en")
    assert not any(f[1] == "meetsWith" for f in found)


def test_attribution_before_and_after():
    said = claims("Retno mengatakan bahwa Indonesia mendukung Palestina.", "id")
    # "Retno" alone is not known: only the full name resolves, so no claimant is invented
    assert said[("IDN", "supports", "PSE")] == ()
    said = claims(
        "Menteri Luar Negeri Retno Marsudi mengatakan bahwa Indonesia mendukung Palestina.", "id"
    )
    assert said[("IDN", "supports", "PSE")] == ("Retno_Marsudi",)
    said = claims("Indonesia mendukung Palestina, kata Retno Marsudi.", "id")
    assert said[("IDN", "supports", "PSE")] == ("Retno_Marsudi",)
    said = claims("Japan backs the Philippines, Penny Wong said.", "en")
    assert said[("JPN", "supports", "PHL")] == ("Penny_Wong",)


def test_surname_resolves_to_the_full_name_seen_earlier():
    text = "Menteri Luar Negeri Retno Marsudi tiba di Canberra.\nRetno kemudian mengecam Israel."
    assert ("Retno_Marsudi", "condemns", "ISR", "positive", "asserted") in facts(text, "id")


def test_two_people_sharing_a_surname_are_never_merged():
    text = (
        "Kim Jong Un bertemu Vladimir Putin. Analis Doyeon Kim hadir.\n"
        "Kim kemudian mengecam Jepang."
    )
    assert not any(f[1] == "condemns" for f in facts(text, "id"))


def test_title_gives_affiliation_and_a_new_person():
    found = facts("Menteri Pertahanan Filipina Gilberto Teodoro mengunjungi Jepang.", "id")
    assert ("Gilberto_Teodoro", "affiliatedWith", "PHL", "positive", "asserted") in found
    assert ("Gilberto_Teodoro", "visits", "JPN", "positive", "asserted") in found


def test_byline_names_never_become_actors():
    text = (
        "JAKARTA, 3 Maret (Antara) – Indonesia mengecam Israel.\n\n"
        "(Laporan oleh Budi Santoso; Penyunting: Ani Wijaya)\n"
    )
    found = facts(text, "id")
    assert ("IDN", "condemns", "ISR", "positive", "asserted") in found
    names = {f[0] for f in found} | {f[2] for f in found}
    assert not names & {"Budi_Santoso", "Ani_Wijaya"}


def test_evidence_offsets_point_at_the_sentence():
    text = "Judul berita\n\nRusia menyerang Ukraina. Jepang mengecam Rusia."
    article = clean_article(Article(id="t", text=text, language="id"))
    statements = extract_statements(article)
    assert statements
    for s in statements:
        assert article.text[s.evidence.start : s.evidence.end] == s.evidence.sentence
        assert s.evidence.trigger in s.evidence.sentence


def test_capitals_stand_for_their_countries_and_other_places_stay_places():
    found = facts("Moskow mengecam Washington. Retno Marsudi mengunjungi Moskow.", "id")
    assert ("RUS", "condemns", "USA", "positive", "asserted") in found
    assert ("Retno_Marsudi", "visits", "RUS", "positive", "asserted") in found
    assert ("ISR", "attacks", "Gaza", "positive", "asserted") in facts(
        "Israel menyerang Gaza.", "id"
    )


def test_a_known_person_takes_the_office_the_title_names():
    text = "JAKARTA, 14 Maret 2024 (Antara) - Menteri Luar Negeri Retno Marsudi tiba di Tokyo."
    assert ("Retno_Marsudi", "affiliatedWith", "IDN", "positive", "asserted") in facts(text, "id")


def test_an_office_resolves_to_its_holder_on_the_article_date():
    before = "JAKARTA, 14 Maret 2024 (Antara) - Presiden Indonesia mendukung Palestina."
    after = "JAKARTA, 14 November 2024 (Antara) - Presiden Indonesia mendukung Palestina."
    assert ("Joko_Widodo", "supports", "PSE", "positive", "asserted") in facts(before, "id")
    assert ("Prabowo_Subianto", "supports", "PSE", "positive", "asserted") in facts(after, "id")


def test_a_bare_title_refers_to_the_last_person_holding_it():
    text = (
        "JAKARTA, 14 Maret 2024 (Antara) - Menteri Luar Negeri Retno Marsudi tiba di Tokyo.\n"
        "Menteri itu kemudian mengecam Israel."
    )
    assert ("Retno_Marsudi", "condemns", "ISR", "positive", "asserted") in facts(text, "id")


def test_apposition_gives_the_affiliation():
    found = facts("Penny Wong, Australia's foreign minister, criticised China on Monday.", "en")
    assert ("Penny_Wong", "affiliatedWith", "AUS", "positive", "asserted") in found
    assert ("Penny_Wong", "condemns", "CHN", "positive", "asserted") in found


def test_we_in_a_quote_is_the_speakers_side():
    said = claims('"We will support the Philippines," Foreign Minister Penny Wong said.', "en")
    assert said[("AUS", "supports", "PHL")] == ("Penny_Wong",)


def test_a_quote_over_two_sentences_is_claimed_by_its_speaker():
    text = (
        "“Korea Utara memasok senjata ke Rusia. Itu jelas,” kata Menteri Luar Negeri "
        "Korea Selatan Cho Tae-yul."
    )
    assert claims(text, "id")[("PRK", "suppliesWeaponsTo", "RUS")] == ("Cho_Tae_yul",)


def test_officials_act_for_their_state_in_state_level_relations():
    text = (
        "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Penny Wong.\n"
        "Kedua menteri sepakat memperluas kerja sama maritim."
    )
    found = facts(text, "id")
    assert ("Retno_Marsudi", "meetsWith", "Penny_Wong", "positive", "asserted") in found
    cooperation = {(f[0], f[2]) for f in found if f[1] == "cooperatesWith"}
    assert cooperation == {("IDN", "AUS")}


def test_event_dates_resolve_against_the_article_date():
    text = (
        "JAKARTA, 14 Maret 2024 (Antara) - Korea Utara meluncurkan rudal pada Kamis. "
        "Rusia dan Korea Utara bertemu September lalu."
    )
    article = clean_article(Article(id="t", text=text, language="id"))
    dates = {s.relation: s.evidence.event_date for s in extract_statements(article)}
    assert dates["launches"] == "2024-03-14"
    assert dates["meetsWith"] == "2023-09"


def test_indonesian_passives_are_derived_from_active_verbs():
    assert ("CHN", "condemns", "VNM", "positive", "asserted") in facts(
        "Vietnam dikecam oleh Tiongkok.", "id"
    )
    assert ("USA", "supports", "UKR", "positive", "asserted") in facts(
        "Ukraina didukung Amerika Serikat.", "id"
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Japan, a member of the G7, condemned Russia."),
        ("id", "Jepang, anggota G7, mengecam Rusia."),
    ],
)
def test_membership_in_an_apposition_and_the_subject_beyond_it(lang, text):
    found = facts(text, lang)
    assert ("JPN", "memberOf", "G7", "positive", "asserted") in found
    assert ("JPN", "condemns", "RUS", "positive", "asserted") in found


def test_alliance_after_a_copula():
    assert ("POL", "alliedWith", "USA", "positive", "asserted") in facts(
        "Polandia adalah sekutu Amerika Serikat.", "id"
    )


def test_unknown_organisations_are_typed_by_their_words():
    article = clean_article(
        Article(id="t", text="Komisi Pemilihan Umum (KPU) mengecam Rusia.", language="id")
    )
    (statement,) = extract_statements(article)
    assert statement.subject.label == "Komisi Pemilihan Umum"
    assert statement.subject.type == "Organization"
    assert ("id", "KPU") in statement.subject.aliases


def test_demonyms_and_sector_nouns_stand_for_the_country_or_a_group():
    found = facts(
        "Russian troops attacked Ukraine. Australian Foreign Minister Penny Wong spoke.", "en"
    )
    assert ("RUS", "attacks", "UKR", "positive", "asserted") in found
    assert ("Penny_Wong", "affiliatedWith", "AUS", "positive", "asserted") in found
    found = facts("Pengunjuk rasa Korea Selatan meminta Israel menghentikan serangan.", "id")
    assert ("KOR_protesters", "urges", "ISR", "positive", "asserted") in found
    assert ("ISR", "attacks", "Gaza", "positive", "asserted") in facts(
        "Tentara Israel menyerang Gaza.", "id"
    )
