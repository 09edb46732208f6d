"""A source body cut the way `draft` reads it: paragraphs, their passages (sentences) and the
quotations in them, each with its offsets in the body, so every proposed quote is a slice of
the source as written and every proposal can name its line."""

from __future__ import annotations

import re

from ..model import Source
from ..provenance.text import SENTENCE_END_RE
from ..records import frozen

CITATION_RE = re.compile(r"\[(?:\d{1,3}|citation needed|[a-z])\]")
"""Citation markers of encyclopedia text ([13], [a], [citation needed]): not words of the text."""
PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")
DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f'
OPENS_AFTER = " \t\n([{:;\u2014\u2013-"
"""A double quote mark opens a quotation at the start of a paragraph or after one of these."""


@frozen
class Span:
    """A slice of the source body: [start, end) offsets and its text as written."""

    start: int
    end: int
    text: str


@frozen
class Quotation:
    """Words between quote marks (or from an opening mark to the end of its paragraph)."""

    span: Span
    paragraph: int


@frozen
class Passage:
    """One sentence (or caption line) of a paragraph, citation markers left out of its ends."""

    span: Span
    paragraph: int
    masked: str
    """The passage's text with citation markers blanked out (same length as span.text)."""


@frozen
class Reading:
    """A source body read once: what the rules of every kind work on."""

    source: Source
    paragraphs: tuple[Span, ...]
    passages: tuple[Passage, ...]
    quotations: tuple[Quotation, ...]

    def line(self, offset: int) -> int:
        """File line of a body offset."""
        return self.source.body_line + self.source.body.count("\n", 0, offset)

    def passage_at(self, offset: int) -> Passage:
        """The passage holding a body offset (the last one before it, between passages)."""
        found = self.passages[0]
        for passage in self.passages:
            if passage.span.start > offset:
                break
            found = passage
        return found


def mask_citations(text: str) -> str:
    """The text with each citation marker replaced by as many spaces: offsets are kept."""
    return CITATION_RE.sub(lambda match: " " * len(match[0]), text)


def trimmed(body: str, start: int, end: int) -> Span:
    """The slice without white space, citation markers or dangling commas at its ends."""
    while True:
        text = body[start:end]
        stripped = text.strip()
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        marker = CITATION_RE.search(body, start, end)
        if marker is not None and marker.end() == end:
            end = marker.start()
            continue
        if marker is not None and marker.start() == start:
            start = marker.end()
            continue
        if end > start and body[end - 1] in ",;:":
            end -= 1
            continue
        return Span(start, end, body[start:end])


def split_paragraphs(body: str) -> list[Span]:
    """The body's paragraphs: runs of text between blank lines."""
    spans: list[Span] = []
    start = 0
    for match in [*PARAGRAPH_RE.finditer(body), None]:
        end = match.start() if match else len(body)
        span = trimmed(body, start, end)
        if span.text:
            spans.append(span)
        start = match.end() if match else len(body)
    return spans


def split_passages(body: str, paragraph: Span, index: int) -> list[Passage]:
    """A paragraph's passages, cut where check --sources cuts them (provenance.text), but with
    citation markers blanked first so `board.[7] The` ends a sentence too."""
    masked = mask_citations(paragraph.text)
    passages: list[Passage] = []
    start = 0
    for match in [*SENTENCE_END_RE.finditer(masked), None]:
        end = match.start() if match else len(masked)
        span = trimmed(body, paragraph.start + start, paragraph.start + end)
        if span.text:
            local = span.start - paragraph.start
            passages.append(Passage(span, index, masked[local : local + len(span.text)]))
        start = match.end() if match else len(masked)
    return passages


def find_quotations(body: str, paragraph: Span, index: int) -> list[Quotation]:
    """Double-quoted words of a paragraph. Straight and curly marks pair with each other (an
    article may open with one and close with the other); a quotation still open at the end of
    its paragraph runs to that end, as a quote continued in the next paragraph does."""
    text = paragraph.text
    quotations: list[Quotation] = []
    opened: int | None = None
    for offset, char in enumerate(text):
        if char not in DOUBLE_MARKS:
            continue
        before = text[offset - 1] if offset else " "
        if opened is None:
            if before in OPENS_AFTER or char in "\u201c\u201e":
                opened = offset + 1
            continue
        span = trimmed(body, paragraph.start + opened, paragraph.start + offset)
        if span.text:
            quotations.append(Quotation(span, index))
        opened = None
    if opened is not None:
        span = trimmed(body, paragraph.start + opened, paragraph.end)
        span = unquoted_end(body, span)
        if span.text:
            quotations.append(Quotation(span, index))
    return quotations


def unquoted_end(body: str, span: Span) -> Span:
    """An open quotation without the stray closing marks at its paragraph's end (a closing
    double and a closing single quote mark after the full stop, say)."""
    end = span.end
    while end > span.start and body[end - 1] in "'\u2019\u201d\"":
        end -= 1
    return Span(span.start, end, body[span.start : end])


def read_source(source: Source) -> Reading:
    """Cut a source's body into paragraphs, passages and quotations."""
    body = source.body
    paragraphs = split_paragraphs(body)
    passages: list[Passage] = []
    quotations: list[Quotation] = []
    for index, paragraph in enumerate(paragraphs):
        passages.extend(split_passages(body, paragraph, index))
        quotations.extend(find_quotations(body, paragraph, index))
    return Reading(source, tuple(paragraphs), tuple(passages), tuple(quotations))
