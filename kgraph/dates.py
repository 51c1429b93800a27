"""Dates in news text: month and weekday names, and relative expressions.

Event dates are resolved against the article's date and written in ISO 8601:
a day (``2023-11-09``), a month (``2023-09``), a year (``2023``) or a week as an
interval (``2023-10-30/2023-11-05``).

>>> from datetime import date
>>> resolve("pada Kamis", date(2023, 11, 9))     # the article is dated Thursday 9 November
'2023-11-09'
>>> resolve("September lalu", date(2023, 11, 9))
'2023-09'
>>> resolve("last week", date(2023, 11, 9))
'2023-10-30/2023-11-05'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "januari": 1, "jan": 1,
    "february": 2, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "march": 3, "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5, "mei": 5,
    "june": 6, "juni": 6, "jun": 6,
    "july": 7, "juli": 7, "jul": 7,
    "august": 8, "agustus": 8, "aug": 8, "agu": 8, "agt": 8, "agust": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oktober": 10, "oct": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11,
    "december": 12, "desember": 12, "dec": 12, "des": 12,
}  # fmt: skip
#: Weekday names, Monday = 0. Indonesian "Minggu" is Sunday only when capitalised
#: ("minggu lalu" is "last week"), which the patterns below respect.
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "ahad": 6,
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + "|minggu"
_PATTERNS = [  # (kind, regex); the first match in a text wins, so specific forms come first
    ("slash", rf"\b(?:{_WEEKDAY})?\s*\((\d{{1,2}})/(\d{{1,2}})(?:/(\d{{2,4}}))?\)"),
    ("day_month", rf"\b(\d{{1,2}})\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?\b"),
    ("month_day", rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b"),
    ("last_month_name", rf"\b(?:last|past)\s+({_MONTH})\b|\b({_MONTH})\s+(?:lalu|kemarin)\b"),
    ("next_weekday", rf"\bnext\s+({_WEEKDAY})\b|\b({_WEEKDAY})\s+depan\b"),
    ("weekday", rf"\b({_WEEKDAY})\b"),
    ("last_week", r"\b(?:last|past)\s+week\b|\b(?:pekan|minggu)\s+lalu\b"),
    ("last_month", r"\b(?:last|past)\s+month\b|\bbulan\s+lalu\b"),
    ("last_year", r"\b(?:last|past)\s+year\b|\btahun\s+lalu\b"),
    ("this_year", r"\bthis\s+year\b|\btahun\s+ini\b"),
    ("yesterday", r"\byesterday\b|\bkemarin\b"),
    ("today", r"\btoday\b|\bhari\s+ini\b"),
    ("tomorrow", r"\btomorrow\b|\bbesok\b"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS]
#: For each kind, two sets of words (runs of ``\w``, "/", or _DIGIT for any digit): a text
#: needs one of each to match (a kind that needs one word gives its set twice). Most
#: sentences lack them, and running the 13 patterns over every sentence was slow.
_WORDS = re.compile(r"\w+|/")
_DIGIT = "\\d"  # not a word: stands for "the text has a digit"
_ANY_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(w for day in WEEKDAYS for w in _WORDS.findall(day)) | {"minggu"}
_LAST = frozenset(["last", "past"])
_NEEDS = {
    "slash": (frozenset("/"), frozenset([_DIGIT])),
    "day_month": (_MONTH_WORDS, frozenset([_DIGIT])),
    "month_day": (_MONTH_WORDS, frozenset([_DIGIT])),
    "last_month_name": (_MONTH_WORDS, _LAST | {"lalu", "kemarin"}),
    "next_weekday": (_WEEKDAY_WORDS, frozenset(["next", "depan"])),
    "weekday": (_WEEKDAY_WORDS, _WEEKDAY_WORDS),
    "last_week": (_LAST | {"pekan", "minggu"}, frozenset(["week", "lalu"])),
    "last_month": (_LAST | {"bulan"}, frozenset(["month", "lalu"])),
    "last_year": (_LAST | {"tahun"}, frozenset(["year", "lalu"])),
    "this_year": (frozenset(["this", "tahun"]), frozenset(["year", "ini"])),
    "yesterday": (frozenset(["yesterday", "kemarin"]),) * 2,
    "today": (frozenset(["today", "hari"]), frozenset(["today", "ini"])),
    "tomorrow": (frozenset(["tomorrow", "besok"]),) * 2,
}
_ANY_NEEDED = frozenset().union(*(first for first, _ in _NEEDS.values()))


def article_day(value: str | None) -> date | None:
    """The article's date as a ``date`` when it is a full ISO date."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def find(text: str) -> list[tuple[int, int, str]]:
    """Character spans and kinds of the date expressions in ``text``, in order."""
    found = []
    taken: list[range] = []
    present = set(_WORDS.findall(text.casefold()))
    if present.isdisjoint(_ANY_NEEDED):
        return found
    if _ANY_DIGIT.search(text):
        present.add(_DIGIT)
    for kind, pattern in _COMPILED:
        first, second = _NEEDS[kind]
        if present.isdisjoint(first) or present.isdisjoint(second):
            continue
        for match in pattern.finditer(text):
            if kind == "weekday" and not _weekday_ok(match.group(1)):
                continue
            if any(match.start() in r or match.end() - 1 in r for r in taken):
                continue
            taken.append(range(match.start(), match.end()))
            found.append((match.start(), match.end(), kind))
    return sorted(found)


def _weekday_ok(word: str) -> bool:
    """Weekdays are capitalised in news; "minggu" in lower case means "week"."""
    return word[:1].isupper() and (word.lower() in WEEKDAYS or word.lower() == "minggu")


def resolve(expression: str, today: date) -> str | None:
    """The ISO 8601 date an expression refers to, seen from an article dated ``today``."""
    for kind, pattern in _COMPILED:
        match = pattern.search(expression)
        if match and (kind != "weekday" or _weekday_ok(match.group(1))):
            return _resolve(kind, [g for g in match.groups() if g], today)
    return None


def _resolve(kind: str, groups: list[str], today: date) -> str | None:
    try:
        if kind == "slash":
            day, month = int(groups[0]), int(groups[1])
            year = _year(groups[2]) if len(groups) > 2 else _recent_year(month, day, today)
            return date(year, month, day).isoformat()
        if kind in ("day_month", "month_day"):
            day, name = (groups[0], groups[1]) if kind == "day_month" else (groups[1], groups[0])
            month = MONTHS[name.lower()]
            year = int(groups[2]) if len(groups) > 2 else _recent_year(month, int(day), today)
            return date(year, month, int(day)).isoformat()
    except (ValueError, KeyError):
        return None
    if kind == "last_month_name":
        month = MONTHS[groups[0].lower()]
        year = today.year if month < today.month else today.year - 1
        return f"{year:04d}-{month:02d}"
    if kind in ("weekday", "next_weekday"):
        weekday = WEEKDAYS.get(groups[0].lower(), 6)  # "Minggu" is Sunday
        if kind == "next_weekday":
            return (today + timedelta(days=(weekday - today.weekday()) % 7 or 7)).isoformat()
        return (today - timedelta(days=(today.weekday() - weekday) % 7)).isoformat()
    if kind == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if kind == "last_month":
        first = today.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if kind == "last_year":
        return f"{today.year - 1:04d}"
    if kind == "this_year":
        return f"{today.year:04d}"
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    return (today + timedelta(days=offsets[kind])).isoformat()


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _recent_year(month: int, day: int, today: date) -> int:
    """The year that puts day/month on or before the article date (news looks back)."""
    try:
        ahead = date(today.year, month, day) - today
        return today.year if ahead <= timedelta(days=31) else today.year - 1
    except ValueError:
        return today.year
