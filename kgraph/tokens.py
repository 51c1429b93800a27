"""A Doc's token strings and flags as plain lists, made once per Doc and shared.

``doc[i].lower_`` builds a Token object on every call. kgraph's rules read tokens
hundreds of thousands of times per megabyte of text, and those objects were a
large part of its run time, so the components read these lists instead.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from functools import cache
from operator import add
from typing import Any, TypeVar

import numpy
from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SENT_START, SPACY
from spacy.lang import lex_attrs
from spacy.tokens import Doc

T = TypeVar("T")


class cached_attribute:
    """``functools.cached_property`` without the lock Python 3.11 takes on every first
    access: kgraph computes several such values per sentence, on one thread."""

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # later reads skip this method
        return value


#: One table per live Doc; the entry goes when the Doc does.
_TABLES: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()
#: The table token_table() gave last (it holds its Doc weakly).
_last: TokenTable | None = None

#: Strings by hash, as every StringStore has them (the hash is of the string itself):
#: a dict lookup is cheaper than the StringStore's.
_STRINGS: dict[int, str] = {}


class TokenTable:
    """Lexical attributes of every token of a Doc, each list computed on first use.

    Only attributes that do not change while the pipeline runs are here (not sentence
    starts, which components set). spaCy computes ``is_alpha`` and ``is_space`` with
    ``str.isalpha`` and ``str.isspace``: read them off ``text`` where needed.
    """

    def __init__(self, doc: Doc):
        self._doc = weakref.ref(doc)  # the table is stored per Doc: no cycle through it
        self.length = len(doc)
        self._derived: dict[Hashable, Any] = {}

    def _flags(self, attr: int) -> list[bool]:
        return self._doc().to_array(attr).astype(bool).tolist()

    def _strings(self, attr: int) -> list[str]:
        doc = self._doc()
        keys = doc.to_array(attr).tolist()
        try:
            return list(map(_STRINGS.__getitem__, keys))
        except KeyError:  # strings not seen before
            store = doc.vocab.strings
            for key in keys:
                if key not in _STRINGS:
                    _STRINGS[key] = store[key]
            return list(map(_STRINGS.__getitem__, keys))

    @cached_attribute
    def lower(self) -> list[str]:
        if self._doc().vocab.lex_attr_getters.get(LOWER) is lex_attrs.lower:
            # spaCy's own LOWER is str.lower: mapping it costs less than to_array
            return list(map(str.lower, self.text))
        return self._strings(LOWER)

    @cached_attribute
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @cached_attribute
    def is_punct(self) -> list[bool]:
        return self._punct.astype(bool).tolist()

    @cached_attribute
    def _punct(self) -> numpy.ndarray:
        return self._doc().to_array(IS_PUNCT)

    @cached_attribute
    def punct_positions(self) -> list[int]:
        """Sorted positions of the punctuation tokens."""
        return numpy.flatnonzero(self._punct).tolist()

    # Rules ask these of a few tokens per trigger (about 50 per Doc): a Token per question
    # (0.1 us) costs less than a list for the whole Doc (to_array: 10 us), and a Token's
    # flag less than calling the language's getter again.
    def is_quote(self, i: int) -> bool:
        """``doc[i].is_quote``."""
        return self._doc()[i].is_quote

    def like_num(self, i: int) -> bool:
        """``doc[i].like_num``."""
        return self._doc()[i].like_num

    def is_stop(self, i: int) -> bool:
        """``doc[i].is_stop``."""
        return self._doc()[i].is_stop

    @cached_attribute
    def _getters(self) -> dict[int, Callable[[str], Any]]:
        return self._doc().vocab.lex_attr_getters

    @cached_attribute
    def has_space(self) -> list[bool]:
        """Whether a space follows the token (``whitespace_`` is that space or nothing)."""
        return self._flags(SPACY)

    def derived(self, key: Hashable, make: Callable[[TokenTable], T]) -> T:
        """``make(self)``, computed once per Doc for ``key``: data that rules derive from
        the lists, such as the positions of some words."""
        if key not in self._derived:
            self._derived[key] = make(self)
        return self._derived[key]

    def positions(self, words: frozenset[str], *, lower: bool = False) -> list[int]:
        """Sorted positions of the tokens whose text (or lower-case form) is in ``words``,
        found once per Doc: rules then take a sentence's share with ``bisect``."""
        key = ("positions", words, lower)
        found = self._derived.get(key)
        if found is None:
            strings = self.lower if lower else self.text
            if all_punctuation(words, self._getters[IS_PUNCT]):
                # punctuation marks (commas, quotes) stand only where is_punct does
                found = [i for i in self.punct_positions if strings[i] in words]
            elif words in _WATCHED[lower]:
                self._find_watched(lower)  # all of them in one pass
                return self._derived[key]
            else:
                found = [i for i, word in enumerate(strings) if word in words]
            self._derived[key] = found
        return found

    def _find_watched(self, lower: bool) -> None:
        """:meth:`positions` of every watched word set, in one pass over the words."""
        owners = _owners(lower)
        found: dict[frozenset[str], list[int]] = {words: [] for words in _WATCHED[lower]}
        for i, word in enumerate(self.lower if lower else self.text):
            sets = owners.get(word)
            if sets is not None:
                for words in sets:
                    found[words].append(i)
        for words, at in found.items():
            self._derived.setdefault(("positions", words, lower), at)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with the spaces between them."""
        if end <= start:
            return ""
        offsets = self._offsets
        return self._doc_text[offsets[start] : offsets[end - 1] + len(self.text[end - 1])]

    def made_from(self, text: str) -> None:
        """Say that the Doc was made from ``text`` by the tokenizer, which keeps every
        character: ``doc.text`` is that string, and span texts are cut from it without
        joining the tokens again."""
        if self.length and len(text) != self.end_char(self.length - 1) + self.has_space[-1]:
            raise ValueError("the text is not the one the Doc was made from")
        self.__dict__["_doc_text"] = text

    @cached_attribute
    def _doc_text(self) -> str:
        """``doc.text`` (which makes every Token): each token with its ``whitespace_``."""
        spaces = numpy.where(self._doc().to_array(SPACY), " ", "").tolist()
        return "".join(map(add, self.text, spaces))

    def start_char(self, i: int) -> int:
        """``doc[i].idx``: where token ``i`` starts in the Doc's text."""
        return self._offsets[i]

    def end_char(self, i: int) -> int:
        """Where token ``i`` ends in the Doc's text (``span.end_char`` of a span ending with it)."""
        return self._offsets[i] + len(self.text[i])

    @cached_attribute
    def _offsets(self) -> list[int]:
        """``token.idx`` of every token: where it starts in the Doc's text."""
        return self._doc().to_array(IDX).tolist()


#: Word sets whose positions components ask of every Doc (see :func:`watch`), by whether
#: they are of lower-case forms: a Doc's first question finds all of them in one pass.
_WATCHED: dict[bool, dict[frozenset[str], None]] = {False: {}, True: {}}


def watch(words: frozenset[str], *, lower: bool = False) -> None:
    """Have :meth:`TokenTable.positions` of ``words`` found together with the other watched
    sets (components call this when they are made, for the sets they ask of every Doc:
    a pass over the words per set cost more)."""
    if words and words not in _WATCHED[lower]:
        _WATCHED[lower][words] = None
        _owners.cache_clear()


@cache
def _owners(lower: bool) -> dict[str, tuple[frozenset[str], ...]]:
    """Each word of the watched sets → the sets that hold it."""
    owners: dict[str, tuple[frozenset[str], ...]] = {}
    for words in _WATCHED[lower]:
        for word in words:
            owners[word] = (*owners.get(word, ()), words)
    return owners


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, made on first use (and again if the Doc was retokenized)."""
    global _last
    table = _last
    # components ask for the same Doc's table tens of thousands of times per megabyte,
    # and a WeakKeyDictionary lookup makes a weak reference each time
    if table is not None and table._doc() is doc and table.length == len(doc):
        return table
    table = _TABLES.get(doc)
    if table is None or table.length != len(doc):
        table = _TABLES[doc] = TokenTable(doc)
    _last = table
    return table


def sentence_starts(doc: Doc) -> list[bool]:
    """``token.is_sent_start`` of every token as it is now (components set it: the
    lists are made again when the Doc's sentence starts changed)."""
    return _sentences(doc)[1]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(sent.start, sent.end)`` of each sentence of ``doc.sents``, without making Spans."""
    return _sentences(doc)[2]


def _sentences(doc: Doc) -> tuple[bytes, list[bool], list[tuple[int, int]]]:
    """The Doc's SENT_START values, then :func:`sentence_starts` and :func:`sentence_bounds`
    from them, kept in its table while the values stay the same (the recogniser, the
    resolver and the extractor each ask)."""
    marks = doc.to_array(SENT_START)
    key = marks.tobytes()
    derived = token_table(doc)._derived
    found = derived.get("sentences")
    if found is not None and found[0] == key:
        return found
    is_start = marks == 1
    bounds: list[tuple[int, int]] = []
    if len(doc):
        starts = numpy.flatnonzero(is_start).tolist()
        if not starts or starts[0] != 0:  # doc.sents starts a sentence at the first token
            starts.insert(0, 0)
        bounds = list(zip(starts, [*starts[1:], len(doc)], strict=True))
    found = derived["sentences"] = (key, is_start.tolist(), bounds)
    return found


@cache
def all_punctuation(words: frozenset[str], is_punct: Callable[[str], bool]) -> bool:
    """Whether every word is punctuation as the lexemes' IS_PUNCT flag has it."""
    return bool(words) and all(is_punct(word) for word in words)
