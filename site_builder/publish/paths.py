"""Path safety every target shares: plain paths only, no symlink followed, no half-written file."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import EnvironmentFailure, UsageError

DRIVE = re.compile(r"[A-Za-z]:")
"""A Windows drive letter ('C:'), refused at the start of a path even on POSIX."""
PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-partial-[0-9a-f]{16}")
"""A file being written beside NAME ('.index.html.site-builder-partial-' and 16 hex digits)."""
OLD_PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-[0-9]+")
"""What site-builder 0.1 named them ('.index.html.site-builder-' and its PID)."""


def path_problem(path: str) -> str:
    """Why `path` is not a plain relative POSIX path inside a folder, or '' when it is."""
    if not path:
        return "it is empty"
    for char in path:
        if unicodedata.category(char) == "Cc":
            return f"it has the control character U+{ord(char):04X}"
    if "\\" in path:
        return "it has a backslash"
    if path.startswith("/"):
        return "it is absolute"
    if DRIVE.match(path):
        return "it starts with a drive letter"
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            return f"it has {f'a {segment!r}' if segment else 'an empty'} segment"
    return ""


def refuse_odd_site_paths(files: Mapping[str, bytes]) -> None:
    """What we ship must obey the manifest's rule: we read our own manifest back next time."""
    for path in sorted(files):
        problem = path_problem(path)
        if problem:
            raise UsageError(f"refusing to publish: the site has a file {path!r}, which is not a "
                             f"plain relative path ({problem}); rename the file it comes from")


def inspect_in_target(target: Path, path: str, make_folders: bool = False) -> int | None:
    """The lstat mode of target/path, or None when it does not exist; refuse a symlink on the
    way or at the end (the target itself may be one: that is the user's choice) and a file
    where a folder must be. With make_folders, create the missing folders on the way.

    Called while planning and again just before each write or delete, so a folder swapped for
    a symlink in between is still never followed.
    """
    parts = path.split("/")
    current = target
    for depth, part in enumerate(parts, start=1):
        current = current / part
        is_folder = depth < len(parts)
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            if not (is_folder and make_folders):
                return None
            try:
                with contextlib.suppress(FileExistsError):  # made meanwhile: checked just below
                    current.mkdir()
                mode = current.lstat().st_mode
            except OSError as e:
                raise failure("create folder", current, e) from e
        except OSError as e:
            raise failure("read", current, e) from e
        if stat.S_ISLNK(mode):
            raise UsageError(f"refusing to publish into {target}: {current} is a symlink; "
                             "publish never follows a symlink inside the folder")
        if is_folder and not stat.S_ISDIR(mode):
            raise UsageError(f"refusing to publish into {target}: {current} is not a folder, "
                             f"but {path} is meant to be inside it")
    return mode


def read_no_follow(path: Path) -> bytes:
    """A file's bytes; fails rather than follow a symlink that appeared since it was inspected."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(descriptor, "rb") as stream:
            return stream.read()
    except OSError as e:
        raise failure("read", path, e) from e


def failure(action: str, path: Path, error: OSError) -> EnvironmentFailure:
    """An OSError in a folder we publish into or an archive we write, as one line (exit 3)."""
    return EnvironmentFailure(f"cannot {action} {path}: {error.strerror or error}")


def find_leftovers(target: Path, known: Iterable[str]) -> list[str]:
    """Partial files a killed publish left in `folder`: named as we name them, beside a known
    file (one we write or wrote: the manifest names every file before it is written), and a
    plain file.

    Only the folders of known files are listed, not the whole target, whose other files are
    none of our business (and may be many).
    """
    names_by_folder: dict[str, set[str]] = {}
    for path in known:
        folder, _, name = path.rpartition("/")
        names_by_folder.setdefault(folder, set()).add(name)
    leftovers: list[str] = []
    for folder, names in sorted(names_by_folder.items()):
        try:  # every folder here was inspected on the way to a known path: none is a symlink
            entries = list(os.scandir(target / folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as e:
            raise failure("read folder", target / folder, e) from e
        for entry in entries:
            match = PARTIAL_NAME.fullmatch(entry.name) or OLD_PARTIAL_NAME.fullmatch(entry.name)
            if match and match["name"] in names and entry.is_file(follow_symlinks=False):
                leftovers.append(f"{folder}/{entry.name}" if folder else entry.name)
    return sorted(leftovers)


def write_atomically(dest: Path, data: bytes) -> None:
    """Readers of the folder (a host syncing it) see the old file or the new, never half.

    The partial file is created exclusively and without following a symlink, and replacing
    dest replaces a symlink there rather than writing through it. A write that fails (a full
    disk) removes its partial file; only a kill leaves one, for the next publish to remove.
    """
    partial = dest.with_name(f".{dest.name}.site-builder-partial-{secrets.token_hex(8)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        descriptor = os.open(partial, flags, 0o666)
    except OSError as e:
        raise failure("write", dest, e) from e
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(partial, dest)
    except BaseException as e:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(e, OSError):
            raise failure("write", dest, e) from e
        raise
