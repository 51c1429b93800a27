"""Read articles from .txt, .md, .html, .json and .jsonl files, and clean them.

Cleaning never moves a character: a dateline, a byline or a "More Stories" tail
is overwritten with spaces (newlines are kept), so an offset into the cleaned
text is also an offset into the file's text (after line endings are made "\\n").
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import email.utils
import errno
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kgraph.dates import MONTHS
from kgraph.errors import Errors, InputError
from kgraph.language import SUPPORTED_LANGUAGES, check_language, detect_language
from kgraph.model import Article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ReadProblem",
    "clean_article",
    "iter_files",
    "load_articles",
    "read_file",
    "read_file_with_problems",
    "read_text",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})

#: Bytes looked at for NUL characters when deciding that a file is binary.
BINARY_SNIFF_BYTES = 8192
#: The longest article text read (spaCy's own default limit): a long novel is 500,000
#: characters; a larger "article" is a dump of many, or junk.
MAX_ARTICLE_CHARS = 1_000_000
#: A first line with fewer words than this (and no final period) can be a title.
TITLE_MAX_WORDS = 15

# JSON record fields, in order of preference.
_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("date", "published", "published_at", "datePublished")
_LANGUAGE_FIELDS = ("language", "lang")
_AUTHOR_FIELDS = ("authors", "author")
# A JSON object without text fields may wrap its records in one of these lists.
_WRAPPER_FIELDS = ("articles", "items", "data", "records")

# Language tags seen in metadata that mean a supported language.
_LANGUAGE_ALIASES = {"in": "id", "ind": "id", "indonesian": "id", "eng": "en", "english": "en"}


@dataclass(frozen=True)
class ReadProblem:
    """A file, or a record in it, that could not be read; reading goes on with the rest.

    ``message`` is one line that starts with the error code and names the file,
    e.g. ``"[E002] bad/x.bin: binary file, not text (NUL bytes)"``.
    """

    path: str
    message: str


# --------------------------------------------------------------------------- files


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path | ReadProblem]:
    """Yield the article files named by ``inputs``, and a problem for each missing path.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files and folders. A file is yielded as given, whatever its suffix (reading
        it later reports an unsupported type). A folder is walked recursively in
        sorted order, following symbolic links but never visiting a folder twice;
        hidden entries (``.git``, ``.DS_Store``) are skipped.

    Yields
    ------
    Path or ReadProblem
        Files to read, and [E009] for a path that does not exist, [E004] for a
        folder that cannot be listed or a broken link, [E005] for a file in a folder
        whose suffix is not in `SUPPORTED_SUFFIXES`, [E028] for a symbolic link loop.
    """
    seen: set[Path] = set()
    for item in inputs:
        yield from _walk(Path(item), seen)


def _walk(path: Path, seen: set[Path]) -> Iterator[Path | ReadProblem]:
    """Yield files under ``path``; ``seen`` holds resolved folders already walked."""
    if not path.exists():
        yield ReadProblem(str(path), Errors.E009.format(path=path))
        return
    if not path.is_dir():
        yield path
        return
    real = path.resolve()
    if real in seen:  # a symlink back to a folder already walked: stop the loop here
        if path.is_symlink():
            detail = f"leads back to {real}"
            yield ReadProblem(str(path), Errors.E028.format(path=path, detail=detail))
        return
    seen.add(real)
    try:
        entries = sorted(path.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadProblem(str(path), Errors.E004.format(path=path, detail=_os_detail(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif not entry.exists():  # a dangling link, or one in a loop (checked only then)
            if _is_link_loop(entry):
                detail = "a link that leads back to itself"
                yield ReadProblem(str(entry), Errors.E028.format(path=entry, detail=detail))
            else:
                detail = "broken symbolic link"
                yield ReadProblem(str(entry), Errors.E004.format(path=entry, detail=detail))
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES:
            yield entry
        else:  # not an article: say so, a folder of articles should hold only articles
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            message = Errors.E005.format(path=entry, suffix=entry.suffix, supported=supported)
            yield ReadProblem(str(entry), message)


def _is_link_loop(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises this for a loop
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _os_detail(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


# ------------------------------------------------------------------------ decoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: Path, *, html: bool = False) -> str:
    """Bytes to text with "\\n" line endings; raise InputError for binary or bad text."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding.lower())  # the codec reads and drops the BOM
            except UnicodeDecodeError as exc:
                raise InputError(
                    Errors.E015.format(path=path, encoding=encoding, offset=exc.start)
                ) from None
            return _check_not_empty(_normalise_newlines(text), path)
    bom_length = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(Errors.E002.format(path=path, detail="NUL bytes"))
    try:
        text = data[bom_length:].decode("utf-8")
    except UnicodeDecodeError as exc:
        charset = _html_charset(data) if html else None
        if charset is None:
            offset = bom_length + exc.start
            raise InputError(Errors.E003.format(path=path, offset=offset)) from None
        text = data.decode(charset, errors="replace")
    return _check_not_empty(_normalise_newlines(text), path)


def _html_charset(data: bytes) -> str | None:
    """The charset a legacy HTML page declares in a meta tag, if Python knows it."""
    match = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:BINARY_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_not_empty(text: str, path: Path | str) -> str:
    if not text.strip():
        raise InputError(Errors.E001.format(path=path))
    return text


# ------------------------------------------------------------------------- readers


def read_file_with_problems(
    path: Path, *, root: Path | None = None, data: bytes | None = None
) -> tuple[list[Article], list[ReadProblem]]:
    """Read one file into articles, collecting problems instead of raising.

    Parameters
    ----------
    path : Path
        The file. Its suffix picks the reader.
    root : Path, optional
        The folder the ids are relative to; default: the file's own folder.
    data : bytes, optional
        The file's content, when it was read elsewhere (a cluster worker gets the
        bytes, not the file); ``path`` then only names the articles.

    Returns
    -------
    articles : list of Article
        The articles read, not yet cleaned (see `clean_article`).
    problems : list of ReadProblem
        A whole-file problem (then ``articles`` is empty), or one problem per bad
        record of a .json/.jsonl file (the good records are still returned).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise InputError(Errors.E005.format(path=path, suffix=suffix, supported=supported))
        try:
            data = path.read_bytes() if data is None else data
        except OSError as exc:
            raise InputError(Errors.E004.format(path=path, detail=_os_detail(exc))) from None
        text = _decode(data, path, html=suffix in {".html", ".htm"})
        article_id = _relative_id(path, root)
        if suffix in {".json", ".jsonl"}:
            reader = _read_jsonl if suffix == ".jsonl" else _read_json
            return reader(text, path, article_id)
        if suffix in {".html", ".htm"}:
            return [_read_html(text, path, article_id)], []
        if suffix == ".md":
            return [_read_markdown(text, path, article_id)], []
        return [_read_plain(text, path, article_id)], []
    except InputError as exc:
        return [], [ReadProblem(str(path), str(exc))]


def read_file(path: Path, *, root: Path | None = None) -> list[Article]:
    """Read one file into (uncleaned) articles.

    Parameters
    ----------
    path : Path
        The file.
    root : Path, optional
        The folder the ids are relative to; default: the file's own folder.

    Returns
    -------
    list of Article
        The articles read. Bad records of a .json/.jsonl file are logged as
        warnings and skipped; use `read_file_with_problems` to get them.

    Raises
    ------
    InputError
        When nothing could be read; the message is the first problem's.
    """
    articles, problems = read_file_with_problems(path, root=root)
    if not articles and problems:
        raise InputError(problems[0].message)
    for problem in problems:
        log.warning(problem.message)
    return articles


def read_text(text: str, *, id: str = "stdin", title: str | None = None) -> Article:
    """Make a cleaned article from text that did not come from a file (stdin).

    Parameters
    ----------
    text : str
        The article text; line endings are made "\\n".
    id : str
        The article id.
    title : str, optional
        The title; default: guessed from a short first line, as for .txt files.

    Returns
    -------
    Article
        The article, cleaned with `clean_article`.

    Raises
    ------
    InputError
        [E001] when the text is empty or only whitespace.

    Examples
    --------
    >>> article = read_text("KYIV (AP) — Talks resumed on Monday.\\n")
    >>> article.place, article.agency, article.text.strip()
    ('KYIV', 'AP', 'Talks resumed on Monday.')
    """
    text = _normalise_newlines(text.removeprefix("\ufeff"))
    _check_not_empty(text, id)
    article = Article(id=id, text=text, title=title or _guess_title(text))
    return clean_article(article)


def load_articles(
    inputs: Iterable[str | Path], *, language: str | None = None
) -> Iterator[Article | ReadProblem]:
    """Find, read and clean the articles in ``inputs``, and set their language.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files and folders, as for `iter_files`. Ids are relative to the folder
        given (or to a file's own folder when the file is given directly).
    language : {"en", "id"}, optional
        Language of every article. Default: the language a JSON record states,
        else `kgraph.language.detect_language`.

    Returns
    -------
    iterator of Article or ReadProblem
        Cleaned articles, and problems in the order they are met.

    Raises
    ------
    KgraphError
        [E013] at once (not on iteration) when ``language`` is not supported.
    """
    lang = check_language(language) if language is not None else None
    return _load(list(inputs), lang)


def _load(inputs: list[str | Path], language: str | None) -> Iterator[Article | ReadProblem]:
    for found in iter_sources(inputs):
        if isinstance(found, ReadProblem):
            yield found
        else:
            yield from load_file(*found, language=language)


def iter_sources(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, Path] | ReadProblem]:
    """Like `iter_files`, with each file's root: the folder its article ids are relative to.

    Yields ``(file, root)`` pairs, and problems for missing or unreadable paths.
    """
    seen: set[Path] = set()
    for item in inputs:
        top = Path(item)
        root = top if top.is_dir() else top.parent
        for found in _walk(top, seen):
            yield found if isinstance(found, ReadProblem) else (found, root)


def load_file(
    path: Path, root: Path, *, language: str | None = None, data: bytes | None = None
) -> Iterator[Article | ReadProblem]:
    """Read and clean the articles of one file, setting their language (as `load_articles`).

    ``data`` is the file's content when it was read elsewhere (see `read_file_with_problems`).
    """
    articles, problems = read_file_with_problems(path, root=root, data=data)
    for article in articles:
        if len(article.text) > MAX_ARTICLE_CHARS:
            where = article.path or article.id
            size, limit = len(article.text), MAX_ARTICLE_CHARS
            yield ReadProblem(where, Errors.E019.format(path=where, size=size, limit=limit))
            continue
        article = clean_article(article)
        if language is not None:
            article.language = language
        elif article.language not in SUPPORTED_LANGUAGES:
            article.language = detect_language(article.text)
        yield article
    yield from problems


def _relative_id(path: Path, root: Path | None) -> str:
    """``sub/000_abc`` for ``ROOT/sub/000_abc.txt``: relative, POSIX, no suffix."""
    base = Path(root) if root is not None else path.parent
    try:
        relative = path.relative_to(base)
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _read_plain(text: str, path: Path, article_id: str) -> Article:
    return Article(id=article_id, text=text, path=str(path), title=_guess_title(text))


def _guess_title(text: str) -> str | None:
    """A short first line, without a final period, followed by a blank line."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 2 or lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or first.endswith(".") or len(first.split()) >= TITLE_MAX_WORDS:
        return None
    if _match_dateline(first, 0) or _credit_line_names(first):
        return None
    return first


_MD_HEADING = re.compile(r"\A(?P<lead>\s*)(?P<mark>#[ \t]+)(?P<title>[^\n]*?)[ \t#]*$", re.M)


def _read_markdown(text: str, path: Path, article_id: str) -> Article:
    """Like .txt, but a leading ``# Heading`` is the title; its ``#`` is blanked."""
    match = _MD_HEADING.match(text)
    if not match or not match.group("title").strip():
        return _read_plain(text, path, article_id)
    start, end = match.span("mark")
    text = text[:start] + " " * (end - start) + text[end:]
    return Article(id=article_id, text=text, path=str(path), title=match.group("title").strip())


# Page furniture removed before extraction: on a page with little text,
# trafilatura's fallback would otherwise return the menu as the article.
_HTML_CHROME = ["//nav", "//footer", "//*[@role='navigation']", "//*[@role='contentinfo']"]


def _read_html(html: str, path: Path, article_id: str) -> Article:
    """Main text and metadata of a web page, by trafilatura (no network)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            prune_xpath=_HTML_CHROME,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken pages
        detail = f"{exc.__class__.__name__}: {exc}".splitlines()[0]
        raise InputError(Errors.E014.format(path=path, detail=detail)) from None
    text = _normalise_newlines(getattr(document, "text", None) or "")
    if not text.strip():
        detail = "the page has no main text that trafilatura could find"
        raise InputError(Errors.E014.format(path=path, detail=detail))
    author = getattr(document, "author", None) or ""
    return Article(
        id=article_id,
        text=text,
        path=str(path),
        title=getattr(document, "title", None) or None,
        date=_iso_date(getattr(document, "date", None)),
        authors=_unique(name.strip() for name in author.split(";") if name.strip()),
        url=getattr(document, "url", None) or None,
        source=getattr(document, "sitename", None) or None,
    )


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_loads(text: str) -> Any:
    """``json.loads``, with lone surrogates ("\\ud800": valid JSON, but no UTF-8 can hold
    it, so writing it anywhere later would fail) replaced by U+FFFD."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except ValueError as exc:  # JSONDecodeError, or an integer of over 4,300 digits
        if isinstance(exc, json.JSONDecodeError):
            raise
        raise json.JSONDecodeError(str(exc), text, 0) from None
    return _no_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


def _no_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)  # (a valid pair was decoded into one character)
    if isinstance(value, list):
        return [_no_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    return value


def _read_json(text: str, path: Path, article_id: str) -> tuple[list[Article], list[ReadProblem]]:
    try:
        data = _json_loads(text)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        raise InputError(Errors.E006.format(path=path, detail=detail)) from None
    if isinstance(data, dict) and not any(key in data for key in _TEXT_FIELDS):
        wrapped = [data[key] for key in _WRAPPER_FIELDS if isinstance(data.get(key), list)]
        if wrapped:
            data = wrapped[0]
    records = data if isinstance(data, list) else [data]
    if not records:
        fields = ", ".join(_TEXT_FIELDS)
        raise InputError(Errors.E008.format(path=path, fields=fields))
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    for number, record in enumerate(records, start=1):
        where = f"{path}:record {number}"
        if not isinstance(record, dict):
            kind = type(record).__name__
            detail = f"record {number} is a {kind}, expected an object"
            problems.append(ReadProblem(str(path), Errors.E006.format(path=path, detail=detail)))
            continue
        try:
            articles.append(_record_article(record, path, f"{article_id}/{number}", where))
        except InputError as exc:
            problems.append(ReadProblem(str(path), str(exc)))
    return articles, problems


def _read_jsonl(text: str, path: Path, article_id: str) -> tuple[list[Article], list[ReadProblem]]:
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    number = 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        # Count every non-blank line, bad or good, so ids stay put when a bad line is fixed.
        number += 1
        try:
            record = _json_loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} at column {exc.colno}"
            message = Errors.E007.format(path=path, line=line_number, detail=detail)
            problems.append(ReadProblem(str(path), message))
            continue
        if not isinstance(record, dict):
            detail = f"expected a JSON object, got {type(record).__name__}"
            message = Errors.E007.format(path=path, line=line_number, detail=detail)
            problems.append(ReadProblem(str(path), message))
            continue
        try:
            where = f"{path}:{line_number}"
            articles.append(_record_article(record, path, f"{article_id}/{number}", where))
        except InputError as exc:
            problems.append(ReadProblem(str(path), str(exc)))
    return articles, problems


def _record_article(record: dict[str, Any], path: Path, default_id: str, where: str) -> Article:
    """An Article from one JSON record; [E008] when it has no text."""
    text = _first(record, _TEXT_FIELDS)
    if isinstance(text, list) and all(isinstance(part, str) for part in text):
        text = "\n\n".join(text)  # a body given as a list of paragraphs
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E008.format(path=where, fields=", ".join(_TEXT_FIELDS)))
    record_id = record.get("id")
    authors = _first(record, _AUTHOR_FIELDS)
    if isinstance(authors, str):
        authors = _NAME_SEPARATOR.split(authors)
    elif not isinstance(authors, list):
        authors = []
    return Article(
        id=str(record_id) if record_id not in (None, "") else default_id,
        text=_normalise_newlines(text),
        path=str(path),
        title=_text_or_none(record.get("title")),
        date=_iso_date(_first(record, _DATE_FIELDS)),
        authors=_unique(str(name).strip() for name in authors if str(name).strip()),
        language=_language_tag(_first(record, _LANGUAGE_FIELDS)),
        url=_text_or_none(record.get("url")),
        source=_text_or_none(record.get("source")),
    )


def _first(record: dict[str, Any], fields: Iterable[str]) -> Any:
    """The value of the first field present and not null/empty."""
    for name in fields:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _language_tag(value: Any) -> str | None:
    """``"en-US"`` -> ``"en"``, ``"in"`` (old code for Indonesian) -> ``"id"``."""
    if not isinstance(value, str) or not value.strip():
        return None
    primary = re.split(r"[-_\s]", value.strip().lower())[0]
    return _LANGUAGE_ALIASES.get(primary, primary)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- dates

_MONTHS = MONTHS
# Longest first, so that "Sept" is not read as "Sep" + "t".
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DAY_MONTH = rf"(?P<d1>\d{{1,2}})\s+(?i:(?P<m1>{_MONTH}))\.?(?:,?\s+(?P<y1>\d{{4}}))?"
_MONTH_DAY = rf"(?i:(?P<m2>{_MONTH}))\.?\s+(?P<d2>\d{{1,2}})(?:,?\s+(?P<y2>\d{{4}}))?"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TEXT_DATE = re.compile(rf"(?:^|\s){_DAY_MONTH}\b|(?:^|\s){_MONTH_DAY}\b")


def _iso_date(value: Any) -> str | None:
    """A metadata date as ``YYYY-MM-DD``, or None when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    match = _ISO_DATE.match(value)
    if match:
        return _make_date(*(int(part) for part in match.groups()))
    try:  # "Thu, 09 Nov 2023 10:00:00 GMT", as in RSS feeds
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _TEXT_DATE.search(value)
    if match:
        day, month, year = _date_parts(match)
        if year is not None:
            return _make_date(year, month, day)
    return None


def _date_parts(match: re.Match[str]) -> tuple[int, int, int | None]:
    """Day, month and year (or None) from a match of `_DAY_MONTH` or `_MONTH_DAY`."""
    if match.group("d1"):
        day, month, year = match.group("d1", "m1", "y1")
    else:
        day, month, year = match.group("d2", "m2", "y2")
    return int(day), _MONTHS[month.lower()], int(year) if year else None


def _make_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _dateline_date(day: int, month: int, year: int | None, known: str | None) -> str | None:
    """ISO date when a year is known (dateline, else metadata), else ``--MM-DD``."""
    if year is None and known and _ISO_DATE.match(known):
        published = dt.date.fromisoformat(known[:10])
        year = published.year
        candidate = _make_date(year, month, day)
        # A dateline of 31 December on an article published on 2 January is last year's.
        if candidate and dt.date.fromisoformat(candidate) > published + dt.timedelta(days=31):
            year -= 1
    if year is not None:
        return _make_date(year, month, day)
    if known:
        return None  # keep the metadata date rather than lose its year
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None  # 2000 is a leap year, so 29 February is accepted
    return f"--{month:02d}-{day:02d}"


# ------------------------------------------------------------------------ cleaning

# The place is one to four capitalised words ("SEOUL", "NEW YORK", "Jakarta",
# "KYIV/MOSCOW"); then an optional date, an optional (agency), and a dash.
_PLACE = r"(?P<place>[A-Z][\w'’./-]*(?:[ ][A-Z][\w'’./-]*){0,3})"
# "KYIV, Ukraine, Sept. 27, 2024 (AP) —", "PRISTINA, Kosovo (AP) —": the country may follow
_PLACE_COUNTRY = r"(?:,[ \t]*[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,2}(?=,|[ \t]*\())?"
_DATELINE = re.compile(
    rf"{_PLACE}{_PLACE_COUNTRY}"
    rf"(?:,[ \t]*(?:{_DAY_MONTH}|{_MONTH_DAY}))?"
    r"(?:[ \t]*\((?P<agency>[^\W\d_][^()\n]{0,39})\))?"
    r"[ \t]*[-–—]{1,2}[ \t]*"
)
# "JAKARTA, KOMPAS.com - " and "TEMPO.CO, Jakarta - ": the agency is a web address.
_WEB_AGENCY = r"(?P<web>[A-Z][\w-]*\.(?:com|co\.id|co|id|net|org)(?:\.[a-z]{2})?)"
# "Jakarta, CNN Indonesia -- ": a news outlet named without its web address
_OUTLET = (
    r"(?P<outlet>CNN Indonesia|CNBC Indonesia|detik(?:com|News)?|Liputan6|Republika|Kumparan"
    r"|Tirto|Okezone|Sindonews|Tribunnews|Metro TV|Kontan|Bisnis)"
)
_WEB_DATELINE = re.compile(
    rf"(?:{_PLACE},[ \t]*(?:{_WEB_AGENCY}|{_OUTLET})|(?P<web2>[A-Z][\w-]*\.(?:com|co|CO|id)),[ \t]*"
    r"(?P<place2>[A-Z][\w'’./-]*(?:[ ][A-Z][\w'’./-]*){0,3}))"
    r"[ \t]*[-–—]{1,2}[ \t]*"
)

_CREDIT_CUES: tuple[tuple[str, str | None], ...] = (
    (r"(?:additional\s+)?(?:reporting|writing)(?:\s+and\s+(?:reporting|writing))?\s+by", "authors"),
    (r"(?:written|compiled|prepared)\s+by", "authors"),
    (r"(?:editing|edited)\s+by", "editors"),
    (r"laporan(?:\s+tambahan)?\s+oleh", "authors"),
    (r"(?:ditulis|disiapkan|dihimpun)\s+oleh", "authors"),
    (r"(?:diedit|disunting)\s+oleh", "editors"),
    (r"(?:penulis|pewarta|reporter|wartawan)\s*:", "authors"),
    (r"(?:editor|penyunting|redaktur)\s*:", "editors"),
    # Credits that are neither author nor editor: recognised so that their names
    # do not run into the previous credit's list.
    (r"(?:translated|graphics?|photos?|video)\s+by|(?:diterjemahkan|alih\s+bahasa)\s+oleh", None),
)
_CUE_ROLES = {f"cue{index}": role for index, (_, role) in enumerate(_CREDIT_CUES)}
_CUE = re.compile(
    r"\b(?:" + "|".join(f"(?P<cue{i}>{cue})" for i, (cue, _) in enumerate(_CREDIT_CUES)) + ")",
    re.I,
)
_CUES_ONLY = "(?:" + "|".join(cue for cue, _ in _CREDIT_CUES) + ")"
_CREDIT_LINE = re.compile(rf"^\s*[(\[]?\s*{_CUES_ONLY}", re.I)
_CREDIT_IN_LINE = re.compile(rf"[(\[]\s*{_CUES_ONLY}", re.I)
_BY_LINE = re.compile(r"^\s*(?:by|oleh)\s*:?\s+(?P<names>.+?)\s*$", re.I)

# Where a list of names ends: a bracket, a spaced dash, or a full stop that is
# not after an initial ("John A. Smith").
_NAMES_END = re.compile(r"[()\[\]|]|\s[-–—]+\s|(?<!\b[A-Z])\.(?=\s|$)")
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b|\bdan\b|\bserta\b)\s*")
# "Muhammad untuk Buletin Arab", "Hyonhee Shin in Seoul": what follows is not the name.
_NAME_QUALIFIER = re.compile(r"\s+(?:for|untuk|in|di|at|from|dari)\b.*$")
_NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "binti",
        "da",
        "de",
        "del",
        "der",
        "di",
        "dos",
        "du",
        "el",
        "la",
        "le",
        "van",
        "von",
    }
)

# A line that starts the end-of-article furniture: all from there on goes.
_TAIL = re.compile(
    r"^[ \t]*(?:more stories|our standards|standar kami|related coverage)\b(?P<rest>[^\n]*)$",
    re.I | re.M,
)
# "Baca juga" / "Read more" alone starts a tail; with a headline after it, it is one link.
_READ_MORE = re.compile(
    r"^[ \t]*(?:read more|read also|also read|baca juga|lihat juga|simak juga)[ \t]*"
    r"(?:[:\-–—][ \t]*(?P<link>[^\n]*))?$",
    re.I | re.M,
)


def clean_article(article: Article) -> Article:
    """Move the dateline and credits into metadata and blank them and the boilerplate tail.

    Removed text is overwritten with spaces (newlines stay), so the text keeps
    its length and every character its offset. Cleaning twice changes nothing.

    - dateline at the start (``SEOUL, 9 November (Reuters) –``): ``place``,
      ``agency`` and ``date`` (ISO, or ``--MM-DD`` when no year is known);
    - credit lines (``Reporting by ...; Editing by ...``, ``Laporan oleh ...``,
      ``By ...``, ``Penulis: ...``): ``authors`` and ``editors``; the whole line goes;
    - from a ``More Stories`` / ``Our Standards`` / ``Standar kami`` /
      ``Related coverage`` line, or a bare ``Read more`` / ``Baca juga``, to the
      end; a ``Baca juga: <headline>`` line on its own.

    Parameters
    ----------
    article : Article
        The article; it is not changed.

    Returns
    -------
    Article
        A cleaned copy.

    Examples
    --------
    >>> raw = "JAKARTA, 12 Januari (ANTARA) - Hujan turun.\\nPenulis: Sari Dewi\\n"
    >>> cleaned = clean_article(Article(id="a", text=raw))
    >>> cleaned.place, cleaned.agency, cleaned.date, cleaned.authors
    ('JAKARTA', 'ANTARA', '--01-12', ['Sari Dewi'])
    >>> cleaned.text.split()
    ['Hujan', 'turun.']
    >>> len(cleaned.text) == len(raw)
    True
    """
    text = article.text
    chars = list(text)

    tail = _tail_start(text)
    if tail is not None:
        _blank(chars, tail, len(text))
    body_end = len(text) if tail is None else tail

    authors = list(article.authors)
    editors = list(article.editors)
    for start, line in _lines(text, body_end):
        if _READ_MORE.fullmatch(line):  # only inline links are left before the tail
            _blank(chars, start, start + len(line))
            continue
        credit = _credits_in_line(line)
        if credit is None:
            continue
        offset, found_authors, found_editors = credit
        authors.extend(found_authors)
        editors.extend(found_editors)
        _blank(chars, start + offset, start + len(line))

    changes: dict[str, Any] = {}
    if article.place is None and article.agency is None:
        # Skipped once set, so that a second cleaning cannot take the first body
        # line for a dateline.
        changes = _take_dateline(chars, article)
    return replace(
        article,
        text="".join(chars),
        authors=_unique(authors),
        editors=_unique(editors),
        **changes,
    )


def _blank(chars: list[str], start: int, end: int) -> None:
    """Overwrite ``chars[start:end]`` with spaces, keeping newlines."""
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def _lines(text: str, end: int) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for each line starting before ``end``."""
    start = 0
    for line in text[:end].split("\n"):
        yield start, line
        start += len(line) + 1


def _tail_start(text: str) -> int | None:
    """Offset of the line where end-of-article boilerplate begins, if any."""
    starts = []
    for match in _TAIL.finditer(text):
        rest = match.group("rest").strip()
        # "Our Standards: The Thomson Reuters Trust Principles." is a tail;
        # "Related coverage of the summit was ..." is a sentence.
        if not rest or rest[0] in ":-–—|" or len(rest.split()) <= 5:
            starts.append(match.start())
            break
    for match in _READ_MORE.finditer(text):
        if not (match.group("link") or "").strip():
            starts.append(match.start())
            break
    return min(starts, default=None)


def _credits_in_line(line: str) -> tuple[int, list[str], list[str]] | None:
    """Where a credit starts in ``line``, with its authors and editors; None if no credit."""
    names = _credit_line_names(line)
    if names:
        return 0, *names
    match = _CREDIT_IN_LINE.search(line)
    if match:  # "... said the minister. (Reporting by A; Editing by B)"
        authors, editors = _parse_credits(line[match.start() :])
        if authors or editors:
            return match.start(), authors, editors
    return None


def _credit_line_names(line: str) -> tuple[list[str], list[str]] | None:
    """Authors and editors when the whole line is a credit line, else None."""
    if _CREDIT_LINE.match(line):
        authors, editors = _parse_credits(line)
        return (authors, editors) if authors or editors else None
    match = _BY_LINE.match(line)
    if match and not match.group("names").endswith("."):
        pieces = [piece for piece in _NAME_SEPARATOR.split(match.group("names")) if piece]
        if pieces and all(_looks_like_name(piece) for piece in pieces):
            return pieces, []
    return None


def _parse_credits(fragment: str) -> tuple[list[str], list[str]]:
    """Names after each credit cue in ``fragment``, split into authors and editors."""
    found: dict[str, list[str]] = {"authors": [], "editors": []}
    cues = list(_CUE.finditer(fragment))
    for index, cue in enumerate(cues):
        end = cues[index + 1].start() if index + 1 < len(cues) else len(fragment)
        role = _CUE_ROLES[cue.lastgroup or ""]
        if role is not None:
            found[role].extend(_split_names(fragment[cue.end() : end]))
    return found["authors"], found["editors"]


def _split_names(segment: str) -> list[str]:
    """``"A, B dan C – "`` -> ``["A", "B", "C"]``; drops what does not look like a name."""
    segment = _NAMES_END.split(segment, maxsplit=1)[0]
    names = []
    for piece in _NAME_SEPARATOR.split(segment):
        name = _NAME_QUALIFIER.sub("", piece).strip(" \t.,;:")
        if _looks_like_name(name):
            names.append(name)
    return names


def _looks_like_name(text: str) -> bool:
    """One to six words, each capitalised or a particle such as "bin" or "van"."""
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    capitalised = [word[0].isupper() for word in words]
    particles = [word.lower() in _NAME_PARTICLES or word.startswith("al-") for word in words]
    return capitalised[0] and all(c or p for c, p in zip(capitalised, particles, strict=True))


def _take_dateline(chars: list[str], article: Article) -> dict[str, Any]:
    """Find the dateline near the top, blank it, and return the metadata it gives."""
    text = "".join(chars)
    examined = 0
    for start, line in _lines(text, len(text)):
        content = line.strip()
        if not content:
            continue
        if article.title and content.lstrip("# ") == article.title.strip():
            continue
        if _BYLINE_START.match(content):
            continue  # "By ARBEN DEMIRI Associated Press" above the dateline
        examined += 1
        indent = len(line) - len(line.lstrip())
        match = _match_dateline(line, indent)
        if match:
            _blank(chars, start + match.start(), start + match.end())
            return _dateline_fields(match, article)
        # A long line is body text: the dateline, if any, was its start (but a long
        # headline ends without a full stop, and the dateline follows it).
        headline = examined == 1 and not content.endswith((".", "!", "?", '"', "”"))
        if examined >= 2 or (len(content.split()) >= TITLE_MAX_WORDS and not headline):
            break
    return {}


_DATELINE_EVIDENCE = ("agency", "web", "web2", "outlet", "d1", "d2")
_BYLINE_START = re.compile(r"(?:By|BY|Oleh|OLEH)\s+[A-Z]")


def _match_dateline(line: str, pos: int) -> re.Match[str] | None:
    """A dateline at ``line[pos:]``; it must name an agency or a date."""
    for pattern in (_DATELINE, _WEB_DATELINE):
        match = pattern.match(line, pos)
        # "Jakarta - " or "Indonesia - Australia talks" alone is too easily not a dateline.
        if match and any(match.groupdict().get(key) for key in _DATELINE_EVIDENCE):
            return match
    return None


def _dateline_fields(match: re.Match[str], article: Article) -> dict[str, Any]:
    """Place, agency and date of a dateline match."""
    groups = match.groupdict()
    place = groups.get("place") or groups.get("place2") or ""
    agency = groups.get("agency") or groups.get("web") or groups.get("web2") or groups.get("outlet")
    has_date = bool(groups.get("d1") or groups.get("d2"))
    fields: dict[str, Any] = {"place": place.strip(), "agency": agency.strip() if agency else None}
    if has_date:
        day, month, year = _date_parts(match)
        date = _dateline_date(day, month, year, article.date)
        if date is not None:
            fields["date"] = date
    return fields
