"""Where a build's inputs are on disk, and one digest of their bytes.

Kept apart from the stages (and from jinja2, markdown-it and yaml): the up-to-date check of a
no-change rebuild hashes these files before anything that parses them is imported.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from .cache import BuildCache, bytes_key, content_key

FILE_KEYS = "file-keys"
"""The build cache's table of input files' keys (cache.bytes_key) by their stat signature."""
SETTLED_NS = 2_000_000_000
"""How long ago a file must have last changed for its stat signature to stand for its bytes: a
file saved again within one tick of the clock that stamps it (or of a coarse file system's)
could keep its size and times, so a file changed this recently is always read and hashed."""


def default_theme_dir() -> Path:
    """The default theme: the repo's templates/, installed as the package site_builder.theme."""
    spec = importlib.util.find_spec("site_builder.theme")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / "base.html").is_file():
                return Path(location)
    return Path(__file__).resolve().parents[1] / "templates"


def is_ignored(name: str) -> bool:
    """Editor temporaries and hidden files never count as content."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


class Unhashable(Exception):
    """A tree the digest cannot vouch for (a symlinked folder, an unreadable file): the build
    must read it the long way, which also reports what is wrong."""


Read = dict[str, tuple[bytes | None, str, int]]
"""A Markdown file's path (os.scandir's) -> its bytes (None: not read, its stat signature is
the one its key was made for), their key (cache.bytes_key) and its size."""


class StatSignature(NamedTuple):
    """What a file's stat says of its bytes: a file whose signature is the one it had when it
    was read holds the same bytes (as make, rsync and git take it). An edit or a save changes
    the change time, which no program can set back short of the clock; a rename the inode."""

    size: int
    inode: int
    device: int
    modified_ns: int
    changed_ns: int
    links: int
    """Its count of hard links: a file with more may be changed through another name."""


def stat_signature(stat: os.stat_result) -> StatSignature:
    """The signature of a file with this stat (StatSignature)."""
    return StatSignature(
        stat.st_size, stat.st_ino, stat.st_dev, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_nlink
    )


class FileKeys:
    """The keys of the input files by their path and StatSignature, kept in the build cache: a
    file whose signature is the one it had when a build hashed it is taken by that key, neither
    read nor hashed; a file that changed less than SETTLED_NS before the signature was taken is
    not kept (its next save might keep it). `serve` trusts the same signature (build.read_known)."""

    def __init__(self, cache: BuildCache, settled_ns: int) -> None:
        self.cache = cache
        self.before = time.time_ns() - settled_ns
        """Files whose times are older than this are settled."""

    def key(self, path: str, stat: os.stat_result, read: Callable[[], str]) -> str:
        """The key of the file at `path` with this stat: the cache's, or read() (kept when settled)."""
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.before:
            return read()
        signature = "\0".join(map(str, (path, *stat_signature(stat))))
        return self.cache.memo(FILE_KEYS, signature, read)


def source_digest(
    root: Path,
    overrides: Mapping[str, Any],
    engine: str,
    content: Read | None = None,
    cache: BuildCache | None = None,
    settled_ns: int | None = None,
) -> str:
    """A hash of everything a build's output is made of but the moment: the engine, the
    command line's overrides, and the path and bytes (by their key) of every file in content/
    (editor temporaries aside), the project's templates/ and the default theme. Raises
    Unhashable. `content` gets the bytes of each Markdown file of content/ read and their
    key, by its path as os.scandir gives it, so that a build need neither read them again nor
    hash them (pictures are not kept: a build reads them its own way, and they may be large).
    With a `cache`, a file whose stat signature is the one it had when hashed before is not
    read (FileKeys): at 4,000 items, a stat of each file instead of reading and hashing 7 MB."""
    parts: list[str] = [engine, repr(sorted(overrides.items())), str(root.absolute())]
    settled = SETTLED_NS if settled_ns is None else settled_ns
    keys = FileKeys(cache, settled) if cache is not None and cache.folder is not None else None
    for label, folder, skip, read in (
        ("content", root / "content", is_ignored, content),
        ("templates", root / "templates", None, None),
        ("theme", default_theme_dir(), None, None),
    ):
        parts.append(label)
        for path, key in tree_files(str(folder), "", skip, read, keys):
            parts += [path, key]
    return content_key(*parts)


def tree_files(
    folder: str,
    prefix: str,
    skip: Callable[[str], bool] | None,
    read: Read | None = None,
    keys: FileKeys | None = None,
) -> Iterator[tuple[str, str]]:
    """(relative path, key of its bytes) of every file below `folder`, sorted; a symlinked
    file by its target too (the build refuses one that points out of the project). `read`
    gets each Markdown file's bytes and key by its path (os.scandir's); `keys`: the keys of
    files by their stat signature."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        return
    except OSError as error:
        raise Unhashable(folder) from error
    for entry in entries:
        if skip is not None and skip(entry.name):
            continue
        shown = prefix + entry.name
        try:
            if entry.is_symlink():
                if entry.is_dir():
                    raise Unhashable(entry.path)  # a loop, or files outside what is hashed
                shown += " -> " + os.readlink(entry.path)
            if entry.is_dir():
                yield from tree_files(entry.path, shown + "/", skip, read, keys)
            elif not entry.is_file():
                raise Unhashable(entry.path)  # a pipe or a device: never read it here
            else:
                kept = read if read is not None and entry.name.endswith(".md") else None
                if keys is None:
                    yield shown, read_key(entry.path, kept)
                    continue
                stat = entry.stat()
                key = keys.key(entry.path, stat, partial(read_key, entry.path, kept))
                if kept is not None and entry.path not in kept:
                    kept[entry.path] = (None, key, stat.st_size)
                yield shown, key
        except OSError as error:
            raise Unhashable(entry.path) from error


def read_key(path: str, read: Read | None) -> str:
    """The key of a file's bytes, read now; `read` gets them, their key and their length."""
    with open(path, "rb") as file:
        data = file.read()
    key = bytes_key(data)
    if read is not None:
        read[path] = (data, key, len(data))
    return key
