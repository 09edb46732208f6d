"""Where a build's inputs are on disk, and one digest of their bytes.

Kept apart from the stages (and from jinja2, markdown-it and yaml): the up-to-date check of a
no-change rebuild hashes these files before anything that parses them is imported.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .cache import bytes_key, content_key


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


Read = dict[str, tuple[bytes, str]]
"""A Markdown file's path (os.scandir's) -> its bytes and their key (cache.bytes_key)."""


def source_digest(root: Path, overrides: Mapping[str, Any], engine: str, content: Read | None = None) -> str:
    """A hash of everything a build's output is made of but the moment: the engine, the
    command line's overrides, and the path and bytes (by their key) of every file in content/
    (editor temporaries aside), the project's templates/ and the default theme. Raises
    Unhashable. `content` gets the bytes of each Markdown file of content/ and their key, by
    its path as os.scandir gives it, so that a build need neither read them again nor hash
    them (pictures are not kept: a build reads them its own way, and they may be large)."""
    parts: list[str] = [engine, repr(sorted(overrides.items())), str(root.absolute())]
    for label, folder, skip, read in (
        ("content", root / "content", is_ignored, content),
        ("templates", root / "templates", None, None),
        ("theme", default_theme_dir(), None, None),
    ):
        parts.append(label)
        for path, key in tree_files(str(folder), "", skip, read):
            parts += [path, key]
    return content_key(*parts)


def tree_files(
    folder: str, prefix: str, skip: Callable[[str], bool] | None, read: Read | None = None
) -> Iterator[tuple[str, str]]:
    """(relative path, key of its bytes) of every file below `folder`, sorted; a symlinked
    file by its target too (the build refuses one that points out of the project). `read`
    gets each Markdown file's bytes and key by its path (os.scandir's)."""
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
                yield from tree_files(entry.path, shown + "/", skip, read)
            elif not entry.is_file():
                raise Unhashable(entry.path)  # a pipe or a device: never read it here
            else:
                with open(entry.path, "rb") as file:
                    data = file.read()
                key = bytes_key(data)
                if read is not None and entry.name.endswith(".md"):
                    read[entry.path] = (data, key)
                yield shown, key
        except OSError as error:
            raise Unhashable(entry.path) from error
