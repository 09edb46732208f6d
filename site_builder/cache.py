"""Memoised pure work, kept between builds in .site-builder-cache/ and keyed by content hash.

A cache entry is only ever a function of its key (file bytes, engine version, settings), so it can
never be trusted over the source: a changed file has a new key, and unused keys are dropped.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
CACHE_DIR = ".site-builder-cache"


def engine_fingerprint() -> str:
    """A hash of site-builder's own code: a new engine never reads an old engine's results."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class BuildCache:
    """Memo tables by name (e.g. 'items', 'bodies'); saved whole, pruned to what a build used."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.version = engine_fingerprint()
        self.tables: dict[str, dict[str, Any]] = {}
        self.used: dict[str, dict[str, Any]] = {}
        if folder is not None:
            try:
                with (folder / "memo.pickle").open("rb") as file:
                    saved = pickle.load(file)
                if saved.get("version") == self.version:
                    self.tables = saved["tables"]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError, TypeError):
                self.tables = {}  # a missing or damaged cache only costs time

    def memo(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """compute(), or the value it returned for the same key in this or an earlier build."""
        stored = self.tables.setdefault(table, {})
        used = self.used.setdefault(table, {})
        if key in used:
            return used[key]  # type: ignore[no-any-return]
        value = stored[key] if key in stored else compute()
        used[key] = value
        return value

    def save(self) -> None:
        """Write what this build used (nothing else) atomically; the in-memory tables carry on."""
        self.tables, self.used = self.used, {}
        if self.folder is None:
            return
        self.folder.mkdir(exist_ok=True)
        staging = self.folder / f"memo.pickle.{os.getpid()}"
        with staging.open("wb") as file:
            pickle.dump({"version": self.version, "tables": self.tables}, file, protocol=5)
        staging.replace(self.folder / "memo.pickle")


def content_key(*parts: str | bytes) -> str:
    """A hash of everything a result depends on."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
