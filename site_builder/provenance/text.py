"""Matching a quote against its source: typography folded, the closest passage found."""

from __future__ import annotations

import difflib
import re
from array import array

from ..model import Source
from ..records import frozen

QUOTE_MARKS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
TYPOGRAPHY = str.maketrans({**dict.fromkeys(QUOTE_MARKS, "'"), **dict.fromkeys(DASHES, "-"), "\u2026": "..."})
TOKEN_RE = re.compile(r"\w(?:\S*\w)?|\S")
"""A word, from its first letter or digit to its last (so `easy-to-digest`, `we've`, `9.7` and
`U.S` are each one word), or else one mark: every character but white space is in one token."""
OPENERS = "[\"'\u2018\u201c(\\[]"
CLOSERS = "[\"'\u2019\u201d)\\]]*"
NOT_ABBREVIATION = (  # the full stop of these is not the end of a sentence
    r"(?<!\b[A-Za-z]\.)"  # an initial, or the last letter of U.S., e.g. or i.e.
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|vs)\.)"
    r"(?<!\b(?:Mrs|Gen|Col|Sgt|Rev|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)"
    r"(?<!\b(?:Sept|Prof|Capt)\.)"
)
SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])" + NOT_ABBREVIATION + r"(?<!\.\.\.)" + CLOSERS + r"\s+"
    r"|(?:(?<=\u2026)|(?<=\.\.\.))" + CLOSERS + r"\s+(?=" + OPENERS + r"?[A-Z0-9])"
    r"|[ \t]*\n\s*(?=" + OPENERS + r"?[A-Z0-9])"
)
"""Where one passage of a paragraph ends and the next begins: after a full stop, question mark or
exclamation mark (and any closing quote marks or brackets) whatever follows, so a sentence
starting with a citation marker `[13]`, a quotation mark or a small letter is a passage of its
own; but not after a title, a month or an initial (`Mr.`, `Aug.`, `U.S.`), a decimal point
(`9.7%`: no space follows it), nor after an ellipsis unless a capital or a digit follows
(`heavy losses... but need help` is one passage). A line break before a capital or a digit ends a
passage too: captions and headlines stand on lines of their own without a full stop."""


# --- matching text against a source -------------------------------------------------------


@frozen(eq=False, repr=False)
class NormalText:
    """Text with typography folded away, and where each character came from in the original."""

    text: str
    origin: array[int]
    """Each character's offset in the original: C ints, not a tuple of Python ints (the bench
    site's source of every quote has 800,000 characters at 16,000 items: 3 MB instead of about
    30, held in the build cache's memory until it is saved)."""


FOLDED_RE = re.compile(
    r"^\s+|\s{2,}|[^\S ]|[" + re.escape(DASHES) + r"]\s*|[" + re.escape(QUOTE_MARKS) + "\u2026]"
)
"""What normalise changes: white space at the start, a run of it or any but a space, a dash
(with the white space after it, which goes), a quote mark, an ellipsis. The text between two
is kept in one slice, single spaces and all: a third of the time of a loop over characters."""


def normalise(text: str) -> NormalText:
    """Fold quote marks, dashes, ellipses and runs of white space: all that may differ."""
    pieces: list[str] = [""]
    origin = array("I")
    kept_to = 0
    for found in FOLDED_RE.finditer(text):
        start = found.start()
        if start > kept_to:
            pieces.append(text[kept_to:start])
            origin.extend(range(kept_to, start))
        last = pieces[-1][-1:]
        if text[start].isspace():  # one space, unless at the start or after a dash
            if last and last not in " -":
                pieces.append(" ")
                origin.append(start)
        else:
            folded = text[start].translate(TYPOGRAPHY)
            if folded == "-" and last == " ":  # spaced and closed-up dashes are the same
                pieces[-1] = pieces[-1][:-1]
                origin.pop()
            pieces.append(folded)
            origin.extend([start] * len(folded))
        kept_to = found.end()
    if kept_to < len(text):
        pieces.append(text[kept_to:])
        origin.extend(range(kept_to, len(text)))
    folded_text = "".join(pieces)
    if folded_text.endswith(" "):
        folded_text = folded_text[:-1]
        origin.pop()
    return NormalText(folded_text, origin)


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


@frozen(eq=False, repr=False)
class Token:
    """A word or a mark of a normalised text, where it stands, and whether a space comes before it."""

    text: str
    start: int
    end: int
    spaced: bool

    @property
    def is_word(self) -> bool:
        """Whether this is a word rather than a mark."""
        return self.text[0].isalnum() or self.text[0] == "_"


def tokens_of(text: str) -> list[Token]:
    """Every token of a normalised text: joined again with their spaces, they are the text."""
    return [
        Token(match[0], match.start(), match.end(), text[match.start() - 1 : match.start()] == " ")
        for match in TOKEN_RE.finditer(text)
    ]


def token_keys(tokens: list[Token]) -> list[tuple[str, bool]]:
    """What two runs of tokens must share to be the same words: each token and the space before
    it (none before the first, which has nothing before it in a quote)."""
    return [(token.text, token.spaced and i > 0) for i, token in enumerate(tokens)]


def closest_passage(quote: str, source: Source, normal: NormalText) -> tuple[int, str, str]:
    """(offset in the body, passage as the source words it, the quote with differences marked)
    for the run of source tokens nearest the quote."""
    quote_tokens = tokens_of(normalise(quote).text)
    tokens = tokens_of(normal.text)
    folded = [token.text.casefold() for token in tokens]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2([token.text.casefold() for token in quote_tokens])
    width = len(quote_tokens) + 2  # room for words the quote dropped
    best_ratio, best_start = -1.0, 0
    for start in range(max(len(tokens) - width, 0) + 1):
        matcher.set_seq1(folded[start : start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    # trimming sees a little beyond the best window: windows that tie may each miss a word
    # the quote starts or ends inside of
    window = trim_window(tokens[max(best_start - 2, 0) : best_start + width + 2], quote_tokens)
    if not window:
        return 0, "", ""
    # the passage shows whole words: the marks and word parts around the window too
    first = normal.text.rfind(" ", 0, window[0].start) + 1
    last = normal.text.find(" ", window[-1].end)
    start = normal.origin[first]
    end = normal.origin[(last if last >= 0 else len(normal.text)) - 1] + 1
    return (
        start,
        " ".join(source.body[start:end].split()),
        mark_difference(window, source.body, normal, quote),
    )


def trim_window(window: list[Token], quote_tokens: list[Token]) -> list[Token]:
    """The source tokens of a window that line up with the quote, without the extras around it.

    Where the quote replaces source tokens at its start or end, as many of them are kept (to show
    as the difference) as best spell what replaces them, so `easy to digest` keeps
    `easy-to-digest` but not the word before it. A word the quote starts or ends inside of is
    cut to the part the quote covers: find_quote allows that too."""
    matcher = difflib.SequenceMatcher(
        None,
        [token.text.casefold() for token in window],
        [token.text.casefold() for token in quote_tokens],
        autojunk=False,
    )
    opcodes = matcher.get_opcodes()
    if all(tag in ("delete", "insert") for tag, *_ in opcodes):
        return []
    if len(opcodes) > 1:
        tag, a_start, a_end, _, b_end = opcodes[0]
        first = a_end if tag == "delete" else a_start
        if tag == "replace":  # counted from the inside out: from the end of the run
            first = a_end - edge_kept(
                window[a_start:a_end][::-1],
                quote_tokens[:b_end][::-1],
                window[a_end].spaced == quote_tokens[b_end].spaced,
            )
        tag, a_start, a_end, b_start, b_end = opcodes[-1]
        last = a_start if tag == "delete" else a_end
        if tag == "replace":
            last = a_start + edge_kept(
                window[a_start:a_end],
                quote_tokens[b_start:b_end],
                window[a_start].spaced == quote_tokens[b_start].spaced,
            )
        window = window[first:last]
    return cut_words(window, quote_tokens)


def edge_kept(replaced: list[Token], replacing: list[Token], spaced_alike: bool) -> int:
    """How many source tokens to keep, counted from the inside out, of those the quote replaces
    at one of its ends (both runs are given inside out): as many as spell most like the quote's
    tokens there. With nothing in common, one if it is of the same kind (word or mark) as the
    quote's innermost token and `spaced_alike`, to show the mark the quote has in its place
    (`2001[-.-]{+,+}`); else none."""
    wanted = joined(sorted(replacing, key=lambda token: token.start)).casefold()
    best_count, best_ratio = 0, 0.0
    for count in range(1, len(replaced) + 1):
        text = joined(sorted(replaced[:count], key=lambda token: token.start)).casefold()
        ratio = difflib.SequenceMatcher(None, text, wanted, autojunk=False).ratio()
        if ratio > best_ratio:
            best_count, best_ratio = count, ratio
    if best_ratio == 0 and replaced[0].is_word == replacing[0].is_word and spaced_alike:
        return 1
    return best_count


def joined(tokens: list[Token]) -> str:
    """A run of tokens as text again."""
    return "".join((" " if token.spaced and i else "") + token.text for i, token in enumerate(tokens))


def cut_words(window: list[Token], quote_tokens: list[Token]) -> list[Token]:
    """The window, its first word cut to the quote's first if the quote starts inside it
    (`Taliban` of `anti-Taliban`), and its last to the quote's last if the quote ends inside it."""
    if not window or not quote_tokens:
        return window
    head, tail = quote_tokens[0].text, quote_tokens[-1].text
    first = window[0]
    if len(first.text) > len(head) and same_but_first_case(first.text[-len(head) :], head):
        window = [Token(first.text[-len(head) :], first.end - len(head), first.end, False), *window[1:]]
    last = window[-1]
    if len(last.text) > len(tail) and last.text.startswith(tail):
        window = [*window[:-1], Token(tail, last.start, last.start + len(tail), last.spaced)]
    return window


def same_but_first_case(text: str, other: str) -> bool:
    """Whether two texts are the same but for the case of their first letter."""
    return text[1:] == other[1:] and text[:1].casefold() == other[:1].casefold()


def first_letter_variants(text: str) -> list[str]:
    """The text, then with its first letter in the other case: find_quote accepts either."""
    first_letter = next((i for i, char in enumerate(text) if char.isalpha()), None)
    if first_letter is None:
        return [text]
    letter = text[first_letter]
    return [
        text,
        *(
            text[:first_letter] + variant + text[first_letter + 1 :]
            for variant in (letter.lower(), letter.upper())
            if variant != letter
        ),
    ]


def mark_difference(window: list[Token], body: str, normal: NormalText, quote: str) -> str:
    """The quote, with [-source text it lacks-] and {+text the source lacks+}: every token
    that differs, marks and spaces included, as each text writes it; nothing else.
    The case of the quote's first letter is free, so it never shows as a difference."""
    quote_normal = normalise(quote)
    source_keys = token_keys(window)

    def likeness(tokens: list[Token]) -> float:
        return difflib.SequenceMatcher(None, source_keys, token_keys(tokens), autojunk=False).ratio()

    quote_tokens = max((tokens_of(text) for text in first_letter_variants(quote_normal.text)), key=likeness)
    matcher = difflib.SequenceMatcher(None, source_keys, token_keys(quote_tokens), autojunk=False)
    marked = ""

    def add(text: str, spaced: bool) -> None:
        nonlocal marked
        marked += (" " if marked and spaced else "") + text

    def quoted(b_start: int, b_end: int) -> str:
        return as_written(quote, quote_normal, quote_tokens[b_start].start, quote_tokens[b_end - 1].end)

    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            add(quoted(b_start, b_end), quote_tokens[b_start].spaced)
            continue
        if a_end > a_start:
            source_text = as_written(body, normal, window[a_start].start, window[a_end - 1].end)
            add(f"[-{source_text}-]", window[a_start].spaced and a_start > 0)
        if b_end > b_start:
            first = quote_tokens[b_start]
            add(f"{{+{quoted(b_start, b_end)}+}}", first.spaced or (a_end > a_start and first.is_word))
    return marked


def as_written(text: str, normal: NormalText, start: int, end: int) -> str:
    """The original text behind normal.text[start:end], its runs of white space made one space."""
    return " ".join(text[normal.origin[start] : normal.origin[end - 1] + 1].split())


def line_in_body(source: Source, offset: int) -> int:
    """File line of a character offset in a source's body."""
    return source.body_line + source.body.count("\n", 0, offset)
