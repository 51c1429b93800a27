"""Where a statement was found: its sentence, offsets and date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from kgraph import dates
from kgraph.model import Evidence
from kgraph.relations.sentence import Hit, SentenceView
from kgraph.tokens import TokenTable, token_table


def date_expressions(view: SentenceView) -> list[tuple[int, str]]:
    """(token index, text) of each date expression in the sentence."""
    base = view.tokens.start_char(view.start)
    text = view.tokens.span_text(view.start, view.end)
    out = []
    for start, end, _kind in dates.find(text):
        token = view.doc.char_span(base + start, base + end, alignment_mode="expand")
        if token is not None:
            out.append((token.start, text[start:end]))
    return out


def event_date(
    view: SentenceView, hit: Hit, when: list[tuple[int, str]], day: date | None
) -> str | None:
    """The date the sentence gives the event: the nearest expression in the trigger's clause,
    else the sentence's only one."""
    if day is None or not when:
        return None
    start, end = view.clause_start(hit.start), view.clause_end(hit.end)
    near = [(abs(i - hit.start), text) for i, text in when if start <= i < end]
    if near:
        return dates.resolve(min(near)[1], day)
    return dates.resolve(when[0][1], day) if len(when) == 1 else None


def sentence_evidence(span: Span, index: int, article_id: str, **fields) -> Evidence:
    """Evidence located at sentence ``span`` (the ``index``-th non-empty one) of an article."""
    return Evidence(**sentence_location(span, index, article_id), **fields)


def sentence_location(span: Span, index: int, article_id: str) -> dict[str, str | int]:
    """The fields of :class:`Evidence` that locate sentence ``span``: computed once for all
    the statements of a sentence."""
    return location(token_table(span.doc), span.start, span.end, index, article_id)


def location(
    tokens: TokenTable, start: int, end: int, index: int, article_id: str
) -> dict[str, str | int]:
    """:func:`sentence_location` of the sentence at tokens ``[start, end)`` (not empty),
    without a Span."""
    return {
        "article": article_id,
        "sentence": tokens.span_text(start, end),
        "start": tokens.start_char(start),
        "end": tokens.end_char(end - 1),
        "sentence_index": index,
    }


def trimmed(sent: Span) -> Span | None:
    """The sentence without leading or trailing whitespace tokens (blanked boilerplate)."""
    doc = sent.doc
    start, end = trimmed_bounds(token_table(doc).text, sent.start, sent.end)
    if end == start:
        return None
    if (start, end) == (sent.start, sent.end):
        return sent  # nothing to trim: no new Span
    return doc[start:end]


def trimmed_bounds(texts: list[str], start: int, end: int) -> tuple[int, int]:
    """:func:`trimmed` on token bounds: ``start == end`` when only whitespace is there."""
    while start < end and texts[start].isspace():  # token.is_space
        start += 1
    while end > start and texts[end - 1].isspace():
        end -= 1
    return start, end
