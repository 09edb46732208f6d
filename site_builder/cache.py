"""Memoised pure work, kept between builds in .site-builder-cache/ and keyed by content hash.

A cache entry is only ever a function of its key (file bytes, engine version, settings), so it can
never be trusted over the source: a changed file has a new key, and unused keys are dropped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import hmac
import inspect
import io
import itertools
import operator
import os
import pickle
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar, cast

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
        version = library_version(name)
        digest.update(f"{name}=={version}".encode() if version else f"{name} missing".encode())
    return digest.hexdigest()[:16]


def library_version(name: str) -> str | None:
    """An installed distribution's version, read from the name of its `<name>-<version>.dist-info`
    (or `.egg-info`) folder, the first on sys.path; else from importlib.metadata, which finds
    the rarer kinds too (zipped, eggs); None when it is not installed.

    Importing importlib.metadata costs 20-50 ms of CPU (email, zipfile, csv), a fifth of the
    import floor, for five folder names every build reads."""
    wanted = _distribution_name(name)
    for entry in sys.path:
        try:
            found = sorted(os.listdir(entry or "."))
        except OSError:  # a zip file, a path hook's name, a folder gone
            continue
        for folder in found:
            if folder.endswith((".dist-info", ".egg-info")):
                named, dash, version = folder.rpartition(".")[0].partition("-")
                if dash and _distribution_name(named) == wanted:
                    return version
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _distribution_name(name: str) -> str:
    """A distribution's name as its folders spell it (PEP 503 with underscores, lower case)."""
    return re.sub(r"[-_.]+", "_", name).lower()


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


MEMO_DIR = "memo"
"""In the cache folder: the memo tables, each in SHARDS parts (see BuildCache)."""
SHARDS = 16
"""Parts per table: a one-file edit rewrites the few parts its new and dropped keys fall in."""


@functools.lru_cache(maxsize=1 << 16)
def shard_of(key: str) -> int:
    """Which part of its table a key is kept in (stable across processes, unlike hash()).
    Remembered: a save after a one-file edit asks it of every key of each table written
    (20,000 at 4,000 items), and serve saves after every build."""
    return zlib.crc32(key.encode()) % SHARDS


class BuildCache:
    """Memo tables by name (e.g. 'items', 'bodies'), kept on disk in parts: a table is read
    when a build first asks for it, and a save writes only the parts whose entries changed,
    pruned to what the build used. Each part is signed and stamped with the engine's
    fingerprint, its table and its number; one that is missing, damaged, foreign or from
    another engine is ignored (it only costs time)."""

    def __init__(self, folder: Path | None, freeze_reads: bool = False) -> None:
        self.folder = folder
        self.freeze_reads = freeze_reads
        """Freeze what a table read loads (see read_table): for a process that builds once."""
        self.version = engine_fingerprint()
        self.tables: dict[str, dict[str, Any]] = {}
        """The tables read so far (all of them in memory, between the builds of serve)."""
        self.part_keys: dict[str, list[tuple[str, ...]]] = {}
        """Table -> the keys of each of its parts as on disk (see save), where known."""
        self.used: dict[str, dict[str, Any]] = {}
        self.fresh: dict[str, set[str]] = {}
        """Table -> keys this build computed or remembered anew: their parts must be written."""
        self.live: dict[object, Any] = {}
        """Objects kept in memory only, across the builds of one process (serve)."""
        self.live_used: set[object] = set()
        """Keys of `live` this build asked for; save() forgets the others."""
        self.unread: dict[str, set[str]] = {}
        """Table -> keys this build used without reading the table (keep_unread)."""
        self.carried = False
        """Whether this build kept everything as it was (carry_over): nothing to prune."""
        self.warned = False
        """Whether this build already said the cache could not be saved (once is enough)."""
        self.paused = False
        """Whether pause_collection turned the garbage collector off (resume_collection)."""
        self.key = user_key() if folder is not None else None
        if folder is None or self.key is None:
            self.folder = None  # nowhere safe to keep a signing key: build without a cache

    def stored(self, table: str) -> dict[str, Any]:
        """The entries earlier builds saved in a table (read from disk on the first ask)."""
        found = self.tables.get(table)
        if found is None:
            found = self.tables[table] = self.read_table(table)
            self.keep_unread(table, self.unread.pop(table, ()))
        return found

    def keep_unread(self, table: str, keys: Iterable[str]) -> None:
        """Keep these entries of a table for the next build, as if this build had used them,
        without reading the table when it has not been read: the next save leaves its parts on
        disk as they are (the card PNGs of a one-file edit: 21 MB at 4,000 items, whose files
        the output holds already). Such a table is pruned by the next build that reads it."""
        found = self.tables.get(table)
        if found is None:
            self.unread.setdefault(table, set()).update(keys)
            return
        used = self.used.setdefault(table, {})
        for key in keys:
            if key in found:
                used.setdefault(key, found[key])

    def pause_collection(self) -> None:
        """With `freeze_reads` (one build, then the process ends): no garbage collection until
        resume_collection. Linking and planning a site taken from the cache make some 10^5
        objects that live until the build ends, and no cycles to speak of: at 4,000 items, a
        one-file edit ran about 150 collections that walked them and freed a few hundred
        objects. Not for a cold build (build.py asks only when the cache holds the output's
        page records): it renders every body while it links, which makes cycles that the
        freeze would keep (7 MB more at its peak at 4,000 items)."""
        if self.freeze_reads and gc.isenabled():
            gc.disable()
            self.paused = True

    def resume_collection(self, freeze: bool = True) -> None:
        """The collector on again after pause_collection, with what is alive frozen out of its
        sight (gc.freeze: it lives until the build ends; else the first collections would walk
        it all); `freeze=False` after a failure (the tests' process goes on)."""
        if self.paused:
            self.paused = False
            if freeze:
                gc.freeze()
            gc.enable()

    def read_table(self, table: str) -> dict[str, Any]:
        """Every sound part of a table on disk, merged.

        With `freeze_reads` (the CLI: one build, then the process ends), what was loaded is
        frozen out of the garbage collector's sight (gc.freeze): it lives until the build ends
        and none of it is garbage, and the full collections the rest of the build triggers
        would walk the 10^5 objects of its items, bodies and links again and again (about a
        tenth of a one-file edit's CPU at 4,000 items). A freeze moves everything alive into
        the permanent generation, cycles made earlier included, so a process that builds
        many times (serve, the tests) does not ask for it. A table with no entries (a cold
        build) freezes nothing."""
        entries: dict[str, Any] = {}
        if self.folder is None:
            return entries
        with collection_paused():
            parts = [self.read_part(table, shard) for shard in range(SHARDS)]
            for part in parts:
                entries.update(part)
        self.part_keys[table] = [tuple(part) for part in parts]
        if entries and self.freeze_reads:
            gc.freeze()
        return entries

    def read_part(self, table: str, shard: int) -> dict[str, Any]:
        """One part's entries, or {} when it is missing, damaged, foreign or from another engine."""
        assert self.folder is not None and self.key is not None
        try:
            signed = (self.folder / MEMO_DIR / part_name(table, shard)).read_bytes()
            # Unpickling runs code, so only a file this user's own builds signed is read: a
            # cache that came with somebody else's project folder is ignored, never executed.
            # The payload as a view and the stream over the bytes read, past the signature: a
            # copy of each part (33 MB at 4,000 items) cost its page faults and its copying.
            payload = memoryview(signed)[32:]
            if not hmac.compare_digest(signed[:32], hmac.digest(self.key, payload, "sha256")):
                return {}
            # The header first, alone: another engine's entries are never unpickled, so they
            # cannot import what this engine lacks or (an older part) the whole engine.
            # Two pickles, each loaded by its own unpickler (one would carry its memo over).
            stream = io.BytesIO(signed)
            stream.seek(32)
            if pickle.load(stream) != (self.version, table, shard):
                return {}
            return cast(dict[str, Any], pickle.load(stream))
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return {}

    def memo(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """compute(), or the value it returned for the same key in this or an earlier build."""
        used = self.used.get(table)
        if used is None:
            used = self.used[table] = {}
        found = used.get(key, used)  # the dict itself: not found
        if found is not used:
            return cast(T, found)
        stored = self.tables.get(table)
        if stored is None:
            stored = self.stored(table)
        value: T = stored.get(key, stored)
        if value is stored:
            value = compute()
            self.fresh.setdefault(table, set()).add(key)
        used[key] = value
        return value

    def has(self, table: str, key: str) -> bool:
        """Whether memo(table, key, ...) would find a value without computing it."""
        return key in self.used.get(table, {}) or key in self.stored(table)

    def reuse(self, table: str, key: str, value: Any) -> None:
        """Use again what memo or remember gave for `key` in this process's last build (serve),
        without looking it up or comparing it: it is in the table already."""
        used = self.used.get(table)
        if used is None:
            used = self.used[table] = {}
        used[key] = value

    def remember(self, table: str, key: str, value: Any) -> None:
        """Record a value for the next build (like memo, but the value is already known)."""
        if self.stored(table).get(key, self) != value:
            self.fresh.setdefault(table, set()).add(key)
        self.used.setdefault(table, {})[key] = value

    def carry_over(self) -> None:
        """Keep every stored result for the next build, as if this build had used it (the
        tables not read stay on disk as they are)."""
        for table, stored in self.tables.items():
            self.used.setdefault(table, {}).update(stored)
        self.live_used.update(self.live)
        self.carried = True

    def keep(self, key: object, compute: Callable[[], T]) -> T:
        """compute() once per process for this key (never saved: e.g. a Jinja environment),
        kept while the builds that follow ask for it (see save)."""
        self.live_used.add(key)
        if key not in self.live:
            self.live[key] = compute()
        return cast(T, self.live[key])

    def hold(self, key: object, value: Any) -> None:
        """Keep `value` in memory for the next build of this process (never saved), in place of
        what was kept under `key`; like keep(), it is forgotten once a build does not ask."""
        self.live[key] = value
        self.live_used.add(key)

    def save(self) -> None:
        """Write the parts whose entries changed (what this build used, nothing else)
        atomically, part by part; the in-memory tables carry on. A table this build never
        asked for is dropped, unless the build kept everything (carry_over).

        Parts are independent: every entry is a function of its key alone, so a build killed
        between two parts leaves a cache that is merely older in some tables. A cache that
        cannot be written (a full disk, a read-only folder) is a warning, never a failure: it
        only makes the next build slower.
        """
        writes: list[tuple[str, int, dict[str, Any]]] = []  # (table, part, entries: none to remove)
        part_keys: dict[str, list[tuple[str, ...]]] = {}
        for table, used in self.used.items():
            stored = self.tables.get(table, {})
            fresh = self.fresh.get(table, set())
            known = self.part_keys.get(table)
            if not fresh and used.keys() == stored.keys():
                if known is not None:
                    part_keys[table] = known
                continue
            keys = list(known) if known is not None else keys_by_part(stored)
            parts = changed_parts(used, stored, fresh, keys)
            writes += [(table, shard, entries) for shard, entries in parts.items()]
            for shard, entries in parts.items():
                keys[shard] = tuple(entries)
            part_keys[table] = keys
        kept = None if self.carried else {*self.used, *self.unread}
        if self.carried:  # the tables not asked for stay as they were, in memory too
            for table, stored in self.tables.items():
                self.used.setdefault(table, stored)
                if table in self.part_keys:
                    part_keys.setdefault(table, self.part_keys[table])
        self.part_keys = part_keys
        self.tables, self.used, self.fresh, self.carried = self.used, {}, {}, False
        self.unread = {}
        # What this build did not ask for (an old theme's environment, the matcher for aliases
        # since edited) would otherwise stay in a long-running serve's memory for good.
        self.live = {key: value for key, value in self.live.items() if key in self.live_used}
        self.live_used = set()
        try:
            if self.folder is None or (not writes and kept is None):
                return  # nothing new, nothing to prune: keep the files
            self.write_parts(self.folder / MEMO_DIR, writes, kept)
        finally:
            self.warned = False  # the next build says it again if it fails again

    def write_parts(
        self, memo_dir: Path, writes: list[tuple[str, int, dict[str, Any]]], kept: set[str] | None
    ) -> None:
        """Replace each part written (remove it when it has no entries), each atomically, and
        remove the parts of tables not in `kept` (None: keep every table)."""
        assert self.key is not None
        staging: Path | None = None
        plans: dict[type, DataclassPlan | None] = {}
        try:
            if kept is not None and not writes and not memo_dir.is_dir():
                return
            memo_dir.mkdir(parents=True, exist_ok=True)
            for found in memo_dir.iterdir():
                if found.suffix != ".pickle":  # a staging file (x.pickle.<pid>)
                    if not process_alive(found.suffix[1:]):  # left by a build that was killed
                        found.unlink(missing_ok=True)
                elif kept is not None and found.name.rpartition("-")[0] not in kept:
                    found.unlink(missing_ok=True)  # a table this build did not use
            (memo_dir.parent / "memo.pickle").unlink(missing_ok=True)  # the one-file cache of old
            for table, shard, entries in sorted(writes, key=lambda write: write[:2]):
                target = memo_dir / part_name(table, shard)
                if not entries:
                    target.unlink(missing_ok=True)
                    continue
                payload = pickle.dumps((self.version, table, shard), protocol=5)
                payload += dump_entries(entries, plans)
                staging = target.with_name(f"{target.name}.{os.getpid()}")
                staging.write_bytes(hmac.digest(self.key, payload, "sha256") + payload)
                staging.replace(target)
                staging = None
        except OSError as error:
            if staging is not None:
                with contextlib.suppress(OSError):
                    staging.unlink(missing_ok=True)
            self.warn_unsaved(error)

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


def keys_by_part(entries: dict[str, Any]) -> list[tuple[str, ...]]:
    """The keys of each part of a table (shard_of), for a table whose parts' keys were not kept
    (BuildCache.part_keys): made before it was ever read or saved."""
    parts: list[list[str]] = [[] for _ in range(SHARDS)]
    for key in entries:
        parts[shard_of(key)].append(key)
    return [tuple(part) for part in parts]


def changed_parts(
    used: dict[str, Any], stored: dict[str, Any], fresh: set[str], known: list[tuple[str, ...]]
) -> dict[int, dict[str, Any]]:
    """Part -> its entries now, for each part of a table that a save must write: those holding a
    key computed anew (`fresh`), added or dropped since the table was read (`stored`, whose keys
    are `known` part by part). Only the keys that changed are placed by shard_of: a one-file
    edit's save placed all 20,000 keys of its tables, a Python call each."""
    added_to: dict[int, list[str]] = {}
    for key in used.keys() - stored.keys():
        added_to.setdefault(shard_of(key), []).append(key)
    touched = {shard_of(key) for key in fresh}
    touched.update(added_to)
    touched.update(shard_of(key) for key in stored.keys() - used.keys())
    parts: dict[int, dict[str, Any]] = {}
    for shard in touched:
        parts[shard] = {key: used[key] for key in known[shard] if key in used}
        parts[shard].update((key, used[key]) for key in added_to.get(shard, ()))
    return parts


def dump_entries(entries: dict[str, Any], plans: dict[type, DataclassPlan | None] | None = None) -> bytes:
    """A part's entries pickled, each frozen dataclass as its class and field values (see
    DataclassPickler): read back by pickle.load like any pickle. `plans` keeps how each class
    is written, for the next parts."""
    buffer = io.BytesIO()
    with collection_paused():
        DataclassPickler(buffer, 5, plans).dump(entries)
    return buffer.getvalue()


class DataclassPickler(pickle.Pickler):
    """A pickler that writes an instance of a slotted dataclass as its class and its field
    values. Python's own way pickles the fields' names and, when read, sets them one by one
    through dataclasses.fields(), per instance: a cache part of 250 rendered bodies (2,500
    link objects) then loads about twice as slowly, and a one-file edit reads every part of
    the tables that hold every item and body. Instances that refer to themselves cannot be
    pickled this way: no cached value does."""

    def __init__(
        self, file: IO[bytes], protocol: int, plans: dict[type, DataclassPlan | None] | None = None
    ) -> None:
        super().__init__(file, protocol)
        self.plans = {} if plans is None else plans
        """Class -> its dataclass_plan, worked out once (per save, given `plans`)."""

    def reducer_override(self, obj: Any) -> Any:
        """(class, values) where calling the class rebuilds obj; else (rebuild, (class, names,
        values)); NotImplemented for anything else, pickled the usual way."""
        cls = type(obj)
        if cls not in self.plans:
            self.plans[cls] = dataclass_plan(cls)
        plan = self.plans[cls]
        if plan is None:
            return NotImplemented
        values, names = plan
        return (cls, values(obj)) if names is None else (rebuild, (cls, names, values(obj)))


DataclassPlan = tuple[Callable[[Any], tuple[Any, ...]], tuple[str, ...] | None]
"""What reads an instance's field values as a tuple, and the fields' names when calling the
class with the values would not rebuild it (None when it would)."""


def dataclass_plan(cls: type) -> DataclassPlan | None:
    """How DataclassPickler writes an instance of cls: for one of site-builder's slotted
    dataclasses, without InitVars or pickling of its own; else None (the usual way)."""
    own = cls.__dict__
    fields = own.get("__dataclass_fields__")
    if (
        fields is None
        or "__slots__" not in own
        or not cls.__module__.startswith("site_builder.")
        or "__reduce__" in own
        or "__reduce_ex__" in own
        or tuple(field.name for field in dataclasses.fields(cls)) != tuple(fields)  # an InitVar
        or not fields
    ):
        return None
    names = tuple(fields)
    getter = operator.attrgetter(*names)
    values = getter if len(names) > 1 else lambda obj: (getter(obj),)
    by_init = (  # the generated __init__: it takes the values in order, and nothing runs after
        own["__dataclass_params__"].init
        and not hasattr(cls, "__post_init__")
        and all(field.init and not field.kw_only for field in fields.values())
        and tuple(inspect.signature(cls).parameters) == names
    )
    return values, None if by_init else names


def rebuild(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """An instance of a slotted dataclass from its fields' names and values, without calling
    __init__, as Python's own unpickling does (keyword-only fields, say)."""
    instance: Any = object.__new__(cls)
    # any() runs the setattrs (each returns None) with no Python step per field: a sixth
    # faster than a for loop over the 4,000 items of a large site, each with ~15 fields
    any(map(object.__setattr__, itertools.repeat(instance), names, values))
    return instance


def part_name(table: str, shard: int) -> str:
    """The file of one part of a table: 'items-07.pickle'."""
    return f"{table}-{shard:02d}.pickle"


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside: unpickling a table (or pickling a site for the render
    workers) makes ~10^5 objects, and the collections that many allocations trigger, each
    walking the whole heap, would double the time. Nothing made inside is garbage, so nothing
    is missed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def process_alive(pid: str) -> bool:
    """Whether a process with this id runs (another build may be saving right now)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def bytes_key(data: bytes) -> str:
    """content_key(data), with no copy of data made: a file's bytes are hashed once a build
    (inputs.source_digest), and its memo keys are made of this key (build.file_key)."""
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(b"\0")
    return digest.hexdigest()


def joined_key(*parts: str) -> str:
    """A key made of parts that are digests already, or hold no NUL (a URL, a flag): joined by
    NUL rather than hashed again, as content_key would (some 11,000 hashes of a one-file edit
    at 4,000 items). It never equals a content_key, which has no NUL."""
    return "\0".join(parts)


def content_key(*parts: str | bytes) -> str:
    """A hash of everything a result depends on: each part, as UTF-8, followed by a NUL byte
    (hashed as one string when every part is one: a build makes some 12,000 keys)."""
    try:
        data = "\0".join((*parts, "")).encode()  # type: ignore[arg-type]
    except TypeError:  # some part is bytes
        data = b"".join((part if isinstance(part, bytes) else part.encode()) + b"\0" for part in parts)
    return hashlib.blake2b(data, digest_size=20).hexdigest()
