"""Language detection and language-code checking."""

from __future__ import annotations

import pytest

from kgraph.errors import KgraphError
from kgraph.language import SUPPORTED_LANGUAGES, check_language, detect_language

ENGLISH = (
    "The coastal state of Norland said on Tuesday it would open talks with its "
    "neighbour about shared fishing grounds, after months of tension at sea."
)
INDONESIAN = (
    "Pemerintah provinsi mengumumkan pada hari Selasa bahwa pembangunan pelabuhan "
    "baru akan dimulai tahun depan setelah izin lingkungan disetujui."
)
MALAY = (
    "Kerajaan negeri berkata projek lebuh raya itu akan disiapkan sebelum hujung "
    "tahun ini walaupun kos bahan binaan semakin meningkat."
)
GERMAN = (
    "Die Regierung kündigte am Dienstag an, dass der Bau des neuen Hafens im "
    "nächsten Jahr beginnen soll, sobald die Genehmigung vorliegt."
)
FRENCH = (
    "Le gouvernement a annoncé mardi que la construction du nouveau port "
    "commencera l'année prochaine, après l'accord des autorités."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        (INDONESIAN, "id"),
        (MALAY, "id"),  # Malay is folded into Indonesian
        (GERMAN, "unknown"),
        (FRENCH, "unknown"),
    ],
)
def test_detects_english_and_indonesian_only(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        "Halo",  # one word is a guess, not a detection
        "2024-03-05 12:30 +7 100% 42",
        "----- ***** =====",
        "政府周二宣布新港口将于明年开工建设，环境许可已经获得批准。",
    ],
)
def test_short_or_non_linguistic_text_is_unknown(text: str) -> None:
    assert detect_language(text) == "unknown"


def test_blanked_prefix_does_not_hide_the_language() -> None:
    # Cleaned articles start with the spaces left by a blanked dateline.
    assert detect_language(" " * 500 + "\n" * 20 + INDONESIAN) == "id"


def test_only_the_start_of_a_long_text_is_needed() -> None:
    text = ENGLISH + " " + " ".join([INDONESIAN] * 200)
    assert detect_language(text) == "id"  # the English lead is outvoted within the sample
    assert detect_language(ENGLISH * 20 + " " + INDONESIAN * 200) == "en"


@pytest.mark.parametrize(("given", "expected"), [("en", "en"), ("id", "id"), (" ID ", "id")])
def test_check_language_accepts_supported_codes(given: str, expected: str) -> None:
    assert check_language(given) == expected


@pytest.mark.parametrize("given", ["fr", "auto", "", "indonesian"])
def test_check_language_rejects_others_and_lists_supported(given: str) -> None:
    with pytest.raises(KgraphError) as info:
        check_language(given)
    message = str(info.value)
    assert message.startswith("[E013]")
    assert f"'{given}'" in message
    assert all(code in message for code in SUPPORTED_LANGUAGES)
