"""Errors a user can fix: each names the file, line and column, and the CLI prints them all."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class SiteError(Exception):
    """One problem in the user's project, located as precisely as we can."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(path, line, column, message)
        self.path = path
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"
        return f"{self.path}: {self.message}"


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

    def report(self) -> str:
        """All errors, one per line, then a count (and what may follow once they are fixed)."""
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''}")
        if self.skipped:
            lines.append(f"more problems may follow once these are fixed: {self.skipped}")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
