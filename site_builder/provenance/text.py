"""Matching a quote against its source: typography folded, the closest passage found."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import Source

QUOTE_MARKS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
TYPOGRAPHY = str.maketrans({**dict.fromkeys(QUOTE_MARKS, "'"), **dict.fromkeys(DASHES, "-"),
                            "\u2026": "..."})
WORD_RE = re.compile(r"[^\s-]+")
PUNCTUATION = ".,;:!?'()[]"
SENTENCE_END_RE = re.compile(  # after . ! ? or at a line break, before a capital: a new passage
    r"(?:(?<=[.!?\u2026])[\"'\u2019\u201d)]*[ \t]+|[ \t]*\n\s*)(?=[\"'\u2018\u201c(]?[A-Z0-9])")


# --- matching text against a source -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NormalText:
    """Text with typography folded away, and where each character came from in the original."""

    text: str
    origin: tuple[int, ...]


def normalise(text: str) -> NormalText:
    """Fold quote marks, dashes, ellipses and runs of white space: all that may differ."""
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        folded = char.translate(TYPOGRAPHY)
        if char.isspace():
            if chars and chars[-1] not in " -":
                chars.append(" ")
                origin.append(offset)
            continue
        if folded == "-" and chars and chars[-1] == " ":  # spaced and closed-up dashes are the same
            chars.pop()
            origin.pop()
        chars.extend(folded)
        origin.extend([offset] * len(folded))
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return NormalText("".join(chars), tuple(origin))


def find_quote(quote: str, source: NormalText) -> tuple[int, int] | None:
    """(start, end) offsets of the quote in the source's original text, or None."""
    wanted = normalise(quote).text
    first_letter = next((i for i, c in enumerate(wanted) if c.isalpha()), None)
    candidates = [wanted]
    if first_letter is not None:
        letter = wanted[first_letter]
        for variant in (letter.lower(), letter.upper()):
            if variant != letter:
                candidates.append(wanted[:first_letter] + variant + wanted[first_letter + 1 :])
    for candidate in candidates:
        start = source.text.find(candidate) if candidate else -1
        if start >= 0:
            end = start + len(candidate)
            return source.origin[start], source.origin[end - 1] + 1
    return None


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(word without surrounding punctuation, start, end) of each word of a normalised text."""
    found = []
    for match in WORD_RE.finditer(text):
        key = match[0].strip(PUNCTUATION)
        if key:
            found.append((key, match.start(), match.end()))
    return found


def closest_passage(quote: str, source: Source, normal: NormalText) -> tuple[int, str, str]:
    """(offset in the body, passage as the source words it, the quote's words with differences
    marked) for the run of source words nearest the quote."""
    quote_text = normalise(quote).text
    quote_words = words_of(quote_text)
    words = words_of(normal.text)
    folded = [key.casefold() for key, _, _ in words]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2([key.casefold() for key, _, _ in quote_words])
    width = len(quote_words) + 2  # room for words the quote dropped
    best_ratio, best_start = -1.0, 0
    for start in range(max(len(words) - width, 0) + 1):
        matcher.set_seq1(folded[start : start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    window = trim_window(words[best_start : best_start + width], quote_words)
    if not window:
        return 0, "", ""
    start = normal.origin[window[0][1]]
    end = normal.origin[window[-1][2] - 1] + 1
    return start, " ".join(source.body[start:end].split()), mark_difference(
        [key for key, _, _ in window], quote_text, quote_words)


def trim_window(
    window: list[tuple[str, int, int]], quote_words: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """The source words of a window that line up with the quote, without the extras around it."""
    matcher = difflib.SequenceMatcher(None, [w[0].casefold() for w in window],
                                      [w[0].casefold() for w in quote_words], autojunk=False)
    opcodes = matcher.get_opcodes()
    if len(opcodes) == 1:
        return window if opcodes[0][0] != "delete" else []
    tag, a_start, a_end, b_start, b_end = opcodes[0]
    first = a_end if tag == "delete" else a_start + max(0, (a_end - a_start) - (b_end - b_start))
    tag, a_start, a_end, b_start, b_end = opcodes[-1]
    last = a_start if tag == "delete" else a_end - max(0, (a_end - a_start) - (b_end - b_start))
    return window[first:last]


def mark_difference(source_keys: list[str], quote_text: str,
                    quote_words: list[tuple[str, int, int]]) -> str:
    """The quote's words, with [-source words it lacks-] and {+words the source lacks+}.
    The case of the quote's first letter is free, so it never shows as a difference."""
    quote_keys = [key for key, _, _ in quote_words]
    if quote_keys and source_keys and quote_keys[0][1:] == source_keys[0][1:] and (
            quote_keys[0][:1].casefold() == source_keys[0][:1].casefold()):
        quote_keys[0] = source_keys[0]
    matcher = difflib.SequenceMatcher(None, source_keys, quote_keys, autojunk=False)
    marked: list[str] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        quoted = " ".join(quote_text[s:e] for _, s, e in quote_words[b_start:b_end])
        if tag == "equal":
            marked.append(quoted)
            continue
        if a_end > a_start:
            marked.append("[-" + " ".join(source_keys[a_start:a_end]) + "-]")
        if b_end > b_start:
            marked.append("{+" + quoted + "+}")
    return " ".join(marked)


def line_in_body(source: Source, offset: int) -> int:
    """File line of a character offset in a source's body."""
    return source.body_line + source.body.count("\n", 0, offset)
