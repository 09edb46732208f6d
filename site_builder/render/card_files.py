"""Social cards kept as files in the build cache's folder, not in its memo table.

A large site's cards are the most a cold build holds while its pages render: about 7,200 PNGs
of 13 kB at 16,000 items, drawn beside the pages, and a memo table keeps every value in memory
until the cache is saved at the end. Here each card goes to a file of the cache
(`cards/<key>.png`) as it comes, and the memo table keeps only the SHA-256 of its bytes. The
table is signed (BuildCache), so a file is used only when its bytes are those this user's build
drew; a card whose file is missing or changed is drawn again.

A process that builds again (serve) keeps the bytes in memory too (`hold`): it would otherwise
read every card back from disk on each rebuild.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from ..cache import BuildCache
from ..manifest import digest
from .social_card import CARD_TABLE

T = TypeVar("T")

CARD_FOLDER = "cards"
"""In the cache folder: one PNG per card key."""
HELD = ("card bytes",)
"""Where BuildCache.live keeps the cards' bytes for the next build of this process (serve)."""


class CardFiles:
    """The build cache's memo, with the cards' bytes in files of the cache folder (as
    Cards.files calls it; the table keeps each card's digest, the one output manifests keep);
    without a cache folder, the cache's
    own memo, which keeps them in memory."""

    def __init__(self, cache: BuildCache, hold: bool) -> None:
        self.cache = cache
        self.folder = cache.folder / CARD_FOLDER if cache.folder is not None else None
        self.held: dict[str, bytes] | None = cache.keep(HELD, dict) if hold else None
        """Key -> PNG of the cards read or drawn by this process's builds (serve), else None."""
        self.made = False
        """Whether the folder is known to exist (made, if need be, before the first write)."""

    def memo(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """BuildCache.memo; a card's bytes from its file (or drawn again, and the file
        written, when it is missing or changed), a card drawn written to its file."""
        if self.folder is None or table != CARD_TABLE:
            return self.cache.memo(table, key, compute)
        drawn: list[bytes] = []

        def draw() -> str:
            png = cast(bytes, compute())
            drawn.append(png)
            self.write(key, png)
            return digest(png)

        expected: str = self.cache.memo(table, key, draw)
        if drawn:
            return cast(T, drawn[0])
        held = self.held.get(key) if self.held is not None else None
        png = held if held is not None else self.read(key)
        if png is None or (held is None and digest(png) != expected):
            png = cast(bytes, compute())
            self.write(key, png)
            self.cache.remember(table, key, digest(png))
        elif self.held is not None:
            self.held[key] = png
        return cast(T, png)

    def read(self, key: str) -> bytes | None:
        """The bytes of a card's file, or None when it cannot be read."""
        assert self.folder is not None
        try:
            return (self.folder / f"{key}.png").read_bytes()
        except OSError:
            return None

    def write(self, key: str, png: bytes) -> None:
        """A card's file (a warning when it cannot be written: the next build is only slower).
        Not atomically, which would cost a rename per card (0.12 s of CPU against 0.04 s for
        1,806 cards): a file cut short, by a build killed while writing it, does not match the
        SHA-256 the table keeps, and is drawn again."""
        assert self.folder is not None
        if self.held is not None:
            self.held[key] = png
        try:
            if not self.made:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.made = True
            with open(self.folder / f"{key}.png", "wb") as file:
                file.write(png)
        except OSError as error:
            self.cache.warn_unsaved(error)


def prune_card_files(cache: BuildCache) -> None:
    """After the cache is saved: remove the files of the cards its table no longer names. Not
    when this build kept the table unread (BuildCache.keep_unread: a one-file edit whose cards
    the output held already): the table then names every card it did, and the next build that
    reads it prunes."""
    kept: dict[str, Any] | None = cache.tables.get(CARD_TABLE)
    if cache.folder is None or kept is None:
        return
    held: dict[str, bytes] | None = cache.live.get(HELD)
    if held is not None:
        for key in held.keys() - kept.keys():
            del held[key]
    try:
        found = list(os.scandir(cache.folder / CARD_FOLDER))
    except OSError:
        return
    for entry in found:
        if entry.name.removesuffix(".png") not in kept:
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
