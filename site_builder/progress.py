"""Progress of a long build, check or publish on a terminal: the stage, how many of how many, and
the rate, redrawn in place on stderr. Nothing at all when stderr is not a terminal (CI logs stay
clean), and nothing before the command has run for DELAY seconds (a quick build stays quiet)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 1.0
"""Seconds a command runs before its progress shows."""
INTERVAL = 0.1
"""Seconds between redraws: often enough to look live, seldom enough to cost nothing."""
CLEAR_LINE = "\r\x1b[K"
"""Back to the start of the line and erase it (VT100, understood by every terminal emulator)."""


class Progress:
    """One command's progress line; make one per command and pass it down the pipeline."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.live = stream.isatty()
        """Whether anything is ever drawn: only on a terminal."""
        self.clock = clock
        self.started = clock()
        self.name = ""
        self.done = 0
        self.total = 0
        self.stage_started = self.started
        self.drawn_at: float | None = None
        """When the line was last drawn; None while nothing is on the screen."""

    def stage(self, name: str, total: int) -> None:
        """A new stage of `total` steps begins ('rendering', 1807)."""
        self.name, self.total, self.done = name, total, 0
        self.stage_started = self.clock()
        self.draw(force=True)

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the stage are done."""
        self.done += steps
        self.draw()

    def draw(self, force: bool = False) -> None:
        """Redraw the line, if it is time to."""
        if not self.live:
            return
        now = self.clock()
        if now - self.started < DELAY:
            return
        if not force and self.drawn_at is not None and now - self.drawn_at < INTERVAL:
            return
        elapsed = now - self.stage_started
        rate = f", {self.done / elapsed:.0f}/s" if elapsed > 0 and self.done else ""
        self.stream.write(f"{CLEAR_LINE}{self.name}: {self.done}/{self.total}{rate}")
        self.stream.flush()
        self.drawn_at = now

    def finish(self) -> None:
        """Erase the line, so what the command prints next starts on a clean line."""
        if self.drawn_at is not None:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.drawn_at = None
