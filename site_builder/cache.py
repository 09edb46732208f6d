"""Memoised pure work, kept between builds in .site-builder-cache/ and keyed by content hash.

A cache entry is only ever a function of its key (file bytes, engine version, settings), so it can
never be trusted over the source: a changed file has a new key, and unused keys are dropped.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

T = TypeVar("T")
CACHE_DIR = ".site-builder-cache"


OUTPUT_LIBRARIES = ("jinja2", "markdown-it-py", "pyyaml", "pagefind-bin", "pillow")
"""Libraries whose version can change what a build writes."""


@functools.cache
def engine_fingerprint() -> str:
    """A hash of site-builder's own code and data (the maps' outlines) and the versions of the
    libraries that shape output: a new engine (or a new markdown-it) never reads an old one's
    results. Worked out once per process (12 ms): the code and libraries a process runs do not
    change under it, and serve builds many times."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *(package / "data").glob("*")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in OUTPUT_LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()[:16]


def user_cache_dir() -> Path:
    """This user's folder for what site-builder keeps between projects (not a project's cache):
    the signing key, and the default theme compiled (render/theme.py)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "site-builder"


def user_key() -> bytes | None:
    """This user's secret for signing caches (made on first use), or None if it can't be kept."""
    path = user_cache_dir() / "key"
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError:
        return None
    if len(key) == 32:
        return key
    key = os.urandom(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:
            file.write(key)
    except OSError:
        return None
    return key


class SignedWriter:
    """A file that pickle writes to a frame at a time, signing what it writes as it goes: the
    pickled tables (tens of MB for a large site) are never held in memory whole, or twice."""

    def __init__(self, file: BinaryIO, signature: hmac.HMAC) -> None:
        self.file = file
        self.signature = signature

    def write(self, data: bytes) -> int:
        self.signature.update(data)
        return self.file.write(data)


class BuildCache:
    """Memo tables by name (e.g. 'items', 'bodies'); saved whole, pruned to what a build used."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.version = engine_fingerprint()
        self.tables: dict[str, dict[str, Any]] = {}
        self.used: dict[str, dict[str, Any]] = {}
        self.dirty = False
        """Whether this build computed anything the saved file lacks."""
        self.live: dict[object, Any] = {}
        """Objects kept in memory only, across the builds of one process (serve)."""
        self.live_used: set[object] = set()
        """Keys of `live` this build asked for; save() forgets the others."""
        self.warned = False
        """Whether this build already said the cache could not be saved (once is enough)."""
        self.key = user_key() if folder is not None else None
        if folder is None or self.key is None:
            self.folder = None  # nowhere safe to keep a signing key: build without a cache
            return
        try:
            signed = (folder / "memo.pickle").read_bytes()
            signature, payload = signed[:32], signed[32:]
            # Unpickling runs code, so only a file this user's own builds signed is read: a
            # cache that came with somebody else's project folder is ignored, never executed.
            if hmac.compare_digest(signature, hmac.digest(self.key, payload, "sha256")):
                saved = pickle.loads(payload)
                if saved.get("version") == self.version:
                    self.tables = saved["tables"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError, TypeError):
            self.tables = {}  # a missing or damaged cache only costs time

    def memo(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """compute(), or the value it returned for the same key in this or an earlier build."""
        stored = self.tables.setdefault(table, {})
        used = self.used.setdefault(table, {})
        if key in used:
            return cast(T, used[key])
        if key in stored:
            value: T = stored[key]
        else:
            value = compute()
            self.dirty = True
        used[key] = value
        return value

    def has(self, table: str, key: str) -> bool:
        """Whether memo(table, key, ...) would find a value without computing it."""
        return key in self.used.get(table, {}) or key in self.tables.get(table, {})

    def remember(self, table: str, key: str, value: Any) -> None:
        """Record a value for the next build (like memo, but the value is already known)."""
        if self.tables.get(table, {}).get(key, self) != value:
            self.dirty = True
        self.used.setdefault(table, {})[key] = value

    def carry_over(self) -> None:
        """Keep every stored result for the next build, as if this build had used it."""
        for table, stored in self.tables.items():
            self.used.setdefault(table, {}).update(stored)
        self.live_used.update(self.live)

    def keep(self, key: object, compute: Callable[[], T]) -> T:
        """compute() once per process for this key (never saved: e.g. a Jinja environment),
        kept while the builds that follow ask for it (see save)."""
        self.live_used.add(key)
        if key not in self.live:
            self.live[key] = compute()
        return cast(T, self.live[key])

    def save(self) -> None:
        """Write what this build used (nothing else) atomically; the in-memory tables carry on.

        A cache that cannot be written (a full disk, a read-only folder) is a warning, never a
        failure: it only makes the next build slower.
        """
        unchanged = (
            not self.dirty
            and all(self.tables.get(name, {}).keys() == used.keys() for name, used in self.used.items())
            and self.tables.keys() <= self.used.keys()
        )
        self.tables, self.used, self.dirty = self.used, {}, False
        # What this build did not ask for (an old theme's environment, the matcher for aliases
        # since edited) would otherwise stay in a long-running serve's memory for good.
        self.live = {key: value for key, value in self.live.items() if key in self.live_used}
        self.live_used = set()
        try:
            if self.folder is None or unchanged:  # nothing new, nothing to prune: keep the file
                return
            assert self.key is not None
            staging = self.folder / f"memo.pickle.{os.getpid()}"
            try:
                self.folder.mkdir(exist_ok=True)
                for leftover in self.folder.glob("memo.pickle.*"):
                    if not process_alive(leftover.suffix[1:]):  # left by a build that was killed
                        leftover.unlink(missing_ok=True)
                with staging.open("wb") as file:
                    file.write(bytes(32))  # the signature's place, filled in below
                    signed = SignedWriter(file, hmac.new(self.key, digestmod="sha256"))
                    pickle.dump({"version": self.version, "tables": self.tables}, signed, protocol=5)
                    file.seek(0)
                    file.write(signed.signature.digest())
                staging.replace(self.folder / "memo.pickle")
            except OSError as error:
                with contextlib.suppress(OSError):
                    staging.unlink(missing_ok=True)
                self.warn_unsaved(error)
        finally:
            self.warned = False  # the next build says it again if it fails again

    def warn_unsaved(self, error: OSError) -> None:
        """Say, once per build, that the cache could not be written (here or in Jinja's
        bytecode cache below it) and why."""
        if self.warned:
            return
        self.warned = True
        print(
            f"site-builder: warning: could not save the build cache in {self.folder}: "
            f"{error.strerror or error}; the next build will be slower",
            file=sys.stderr,
        )


def process_alive(pid: str) -> bool:
    """Whether a process with this id runs (another build may be saving right now)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def content_key(*parts: str | bytes) -> str:
    """A hash of everything a result depends on."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
