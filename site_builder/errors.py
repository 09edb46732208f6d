"""Errors a user can fix: each names the file, line and column, and the CLI prints them all."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence


class SiteError(Exception):
    """One problem in the user's project, located as precisely as we can."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(path, line, column, message)
        self.path = path
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        """'path:line:column: message', everything but the message's own layout escaped."""
        path = printable(self.path)
        message = CONTINUATION.join(printable(part) for part in self.message.split(CONTINUATION))
        if self.line:
            return f"{path}:{self.line}:{self.column or 1}: {message}"
        return f"{path}: {message}"


CONTINUATION = "\n    "
"""How a message goes on to another line of its own (a quote's closest passage, its
difference): a newline and four spaces. Any other newline in a message is escaped."""


def printable(text: str) -> str:
    """The text with every character a terminal would not show as itself escaped the way
    Python's repr does (\\x0b, \\x1b, \\t, \\n, \\u202e, \\udcff): C0 and C1 controls, DEL,
    invisible format characters, line and paragraph separators, spaces other than ' ' (a
    no-break space looks like one but is another character: \\xa0), and the lone surrogates
    that stand for undecodable bytes in file names (str.isprintable decides). User input
    reaches messages (slugs, field names, file names); a terminal escape in one must not clear
    the screen or retitle the window. A backslash is left as it is."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class ContentError(SiteError):
    """A problem in content/: front matter, a field, a slug or a link."""


class TemplateProblem(SiteError):
    """A problem in a theme template (syntax, undefined name, unsafe include)."""


class UsageError(Exception):
    """The command line asks for something we refuse to do (exit code 2)."""


class EnvironmentFailure(Exception):
    """The machine failed us, not the user's input: a write, a permission, a full disk, a tool
    (Pagefind, git) that failed (exit code 3). The message names the path or the command."""


class BuildFailed(Exception):
    """Every problem found in one pass; the build wrote nothing."""

    def __init__(self, errors: Iterable[SiteError], skipped: str = "") -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.column, e.message))
        self.skipped = skipped
        """What could not be checked because of these errors ('' when everything was)."""
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[BuildFailed], tuple[list[SiteError], str]]:
        """Pickled as its errors (its args are the report), so one raised in a render worker
        reaches the build's process intact."""
        return (BuildFailed, (self.errors, self.skipped))

    def report(self) -> str:
        """The errors, one per line (at most REPORT_LIMIT, the rest counted by kind), then a count
        (and what may follow once they are fixed)."""
        lines = report_lines(self.errors)
        count = len(self.errors)
        lines.append(f"{count:,} error{'s' if count != 1 else ''}")
        if self.skipped:
            lines.append(f"more problems may follow once these are fixed: {self.skipped}")
        return "\n".join(lines)


REPORT_LIMIT = 200
"""Errors printed one by one; a long line of 166,666 broken [[links]] is one mistake, and its
166,666 lines would bury everything else (`check --format json` still lists them all)."""


def report_lines(errors: Sequence[SiteError], limit: int = REPORT_LIMIT) -> list[str]:
    """The first `limit` errors as printed, then one line per kind of the rest with its count:

    ... and 166,467 more errors, by kind:
      166,466  [[…]] links to no item
            1  unknown field '…'
    """
    lines = [str(error) for error in errors[:limit]]
    rest = Counter(error_kind(error.message) for error in errors[limit:])
    if rest:
        lines.append(f"... and {rest.total():,} more error{'s' if rest.total() != 1 else ''}, by kind:")
        width = len(f"{max(rest.values()):,}")
        for kind, count in sorted(rest.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {count:>{width},}  {printable(kind)}")
    return lines


KIND_PATTERNS = [
    (r" \(did you mean .*?\?\)", ""),
    (r"\[\[.*?\]\]", "[[…]]"),
    (r"(?<!\w)'.*?'(?!\w)", "'…'"),
    (r'(?<!\w)".*?"(?!\w)', '"…"'),
    (r"""(?<![^\s(])[^\s'"(),;]*/[^\s'"(),;]*""", "…"),
    (r"\b\d+(?:[.,]\d+)*\b", "…"),
]
"""What varies between problems of one kind, in the order it is replaced: a did-you-mean hint
(dropped), [[links]], quoted names and values (a quote opens and closes outside a word, so
"the theme's" is not one), paths and URLs (words holding a '/'), numbers."""


@functools.cache
def kind_patterns() -> list[tuple[re.Pattern[str], str]]:
    """KIND_PATTERNS compiled, when a report first counts problems by kind: every command
    imports this module, and few print more than REPORT_LIMIT problems."""
    return [(re.compile(pattern), replacement) for pattern, replacement in KIND_PATTERNS]


def error_kind(message: str) -> str:
    """The kind of a problem, to count the ones not printed: the first line of its message with
    what varies between problems of one kind replaced by '…' (KIND_PATTERNS), so
    "[[x12]] links to no item (did you mean 'x1'?)" is of kind "[[…]] links to no item"."""
    kind = message.split("\n", 1)[0]
    for pattern, replacement in kind_patterns():
        kind = pattern.sub(replacement, kind)
    return kind


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint, or '' when nothing is close."""
    import difflib  # only for a problem's hint: every command imports this module

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
