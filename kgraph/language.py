"""Language detection (en, id, unknown) and checking of user-given language codes."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from kgraph.errors import Errors, KgraphError

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["SUPPORTED_LANGUAGES", "check_language", "detect_language"]

#: Languages kgraph can extract statements from.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "id")

#: How much of an article the detector looks at: the lead is enough and keeps it fast
#: (lingua's time grows with the text: 1.3 ms for 2,000 characters, 0.5 ms for 600;
#: on the project's 179 articles the answers are the same).
SAMPLE_CHARS = 600
#: Below this many letters (or words) detection is guesswork, so the answer is "unknown".
MIN_LETTERS = 20
MIN_WORDS = 3
#: The winning language group must have at least this share of lingua's confidence.
MIN_CONFIDENCE = 0.5

# lingua language names -> kgraph codes. Malay is folded into Indonesian: the two
# are close enough that lingua often splits its vote between them on news text.
_TARGETS = {
    "ENGLISH": "en",
    "INDONESIAN": "id",
    "MALAY": "id",
}
# Other Latin-script languages common in news, so that their text is not forced
# into "en" or "id" (the detector only ever chooses among the languages it knows).
_DISTRACTORS = (
    "GERMAN",
    "FRENCH",
    "SPANISH",
    "DUTCH",
    "PORTUGUESE",
    "ITALIAN",
    "TAGALOG",
)

_WORD = re.compile(r"[^\W\d_]{2,}")


#: From this many characters on, lingua's low-accuracy mode (trigrams only) is as good
#: (the same answers on the project's 179 articles) and starts in 0.1 s instead of 2.2 s:
#: a worker process pays that start once per build.
LOW_ACCURACY_CHARS = 120


@cache
def _detector(low_accuracy: bool) -> LanguageDetector:
    """Build a lingua detector once; its models load on first use."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in (*_TARGETS, *_DISTRACTORS)]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def _is_mostly_latin(letters: list[str]) -> bool:
    """True when most letters are Latin script (up to Latin Extended-B)."""
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    return latin >= 0.8 * len(letters)


_NON_BLANK = re.compile(r"\S+")


def _lead(text: str) -> str:
    """The first SAMPLE_CHARS characters of ``text`` with its blank runs squeezed."""
    words, size = [], 0
    for match in _NON_BLANK.finditer(text):
        words.append(match.group())
        size += len(words[-1]) + 1
        if size > SAMPLE_CHARS:
            break
    return " ".join(words)[:SAMPLE_CHARS]


def detect_language(text: str) -> str:
    """Detect whether ``text`` is English or Indonesian.

    Parameters
    ----------
    text : str
        Article text; only the first ~600 non-blank characters are looked at.

    Returns
    -------
    str
        ``"en"``, ``"id"`` (Malay counts as Indonesian) or ``"unknown"`` for other
        languages, very short text and text that is not words.

    Examples
    --------
    >>> detect_language("Presiden mengatakan bahwa pemerintah akan membangun jembatan baru.")
    'id'
    >>> detect_language("The president said the government would build a new bridge.")
    'en'
    >>> detect_language("12 34 56 !!")
    'unknown'
    """
    # Blanked datelines and bylines leave runs of spaces: squeeze them so the
    # sample holds real words (word by word: the text may be megabytes long).
    sample = _lead(text)
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS or len(_WORD.findall(sample)) < MIN_WORDS:
        return "unknown"
    if not _is_mostly_latin(letters):
        return "unknown"
    scores: dict[str, float] = {}
    detector = _detector(low_accuracy=len(sample) >= LOW_ACCURACY_CHARS)
    for value in detector.compute_language_confidence_values(sample):
        code = _TARGETS.get(value.language.name, "other")
        scores[code] = scores.get(code, 0.0) + value.value
    best = max(scores, key=scores.__getitem__)
    if best == "other" or scores[best] < MIN_CONFIDENCE:
        return "unknown"
    return best


def check_language(lang: str) -> str:
    """Return ``lang`` as a supported code, or raise if kgraph cannot handle it.

    Parameters
    ----------
    lang : str
        A language code such as ``"en"`` or ``"ID"`` (case and spaces are ignored).

    Returns
    -------
    str
        The lower-case code, one of `SUPPORTED_LANGUAGES`.

    Raises
    ------
    KgraphError
        [E013] when the code is not supported; the message lists the supported codes.

    Examples
    --------
    >>> check_language(" ID ")
    'id'
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    kgraph.errors.KgraphError: [E013] Unsupported language 'fr'. Supported: en, id
    """
    code = lang.strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise KgraphError(Errors.E013.format(lang=lang, supported=", ".join(SUPPORTED_LANGUAGES)))
    return code
