"""Reading, writing and deleting files in a folder others can change: no symlink followed, no
half-written file, no project folder overwritten.

write.py (the output folder) and publish/ (a folder or an archive we ship to) both use these.
They raise the OSError itself: the caller knows whether it is a failure (exit 3, see
`failure`), a warning or a reason to fall back.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import EnvironmentFailure
from .records import frozen

PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-partial-[0-9a-f]{16}")
"""A file being written beside NAME ('.index.html.site-builder-partial-' and 16 hex digits)."""
OLD_PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-[0-9]+")
"""What site-builder 0.1 named them ('.index.html.site-builder-' and its PID)."""


@frozen(eq=False, repr=False)
class ProjectOverlap:
    """A project folder that writing into some folder would destroy."""

    project_folder: Path
    """The project root, its content/ or its templates/ (resolved)."""
    inside: bool
    """True when the folder is inside project_folder; False when it is it or holds it."""


def failure(action: str, path: Path, error: OSError) -> EnvironmentFailure:
    """An OSError as one line, 'cannot ACTION PATH: why' (exit 3): the machine's doing."""
    return EnvironmentFailure(f"cannot {action} {path}: {error.strerror or error}")


def project_overlap(root: Path, folder: Path) -> ProjectOverlap | None:
    """Whether replacing or syncing `folder` would overwrite the project or its sources.

    The root itself may hold the folder (public/ is the default), content/ and templates/ not.
    """
    resolved = folder.resolve()
    project_root = root.resolve()
    for project_folder in (project_root, (root / "content").resolve(), (root / "templates").resolve()):
        if resolved == project_folder or project_folder.is_relative_to(resolved):
            return ProjectOverlap(project_folder, inside=False)
        if project_folder != project_root and resolved.is_relative_to(project_folder):
            return ProjectOverlap(project_folder, inside=True)
    return None


def read_no_follow(path: Path) -> bytes:
    """A file's bytes; fails (ELOOP) rather than follow a symlink at the end of path."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read()


def write_atomically(dest: Path, data: bytes) -> None:
    """Readers of the folder (a host syncing it) see the old file or the new, never half.

    The partial file is created exclusively and without following a symlink, and replacing
    dest replaces a symlink there rather than writing through it. A write that fails (a full
    disk) removes its partial file; only a kill leaves one, for `find_leftovers` to find.
    """
    partial = dest.with_name(f".{dest.name}.site-builder-partial-{secrets.token_hex(8)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(partial, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(partial, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def find_leftovers(folder: Path, known: Iterable[str]) -> list[str]:
    """Partial files a killed write_atomically left in `folder`: named as it names them,
    beside a known file (one we write or wrote), and a plain file; sorted relative paths.

    Only the folders of known files are listed, not the whole folder, whose other files are
    none of our business (and may be many). Callers have checked that none is a symlink.
    """
    names_by_folder: dict[str, set[str]] = {}
    for path in known:
        subfolder, _, name = path.rpartition("/")
        names_by_folder.setdefault(subfolder, set()).add(name)
    leftovers: list[str] = []
    for subfolder, names in sorted(names_by_folder.items()):
        try:
            entries = list(os.scandir(folder / subfolder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            match = PARTIAL_NAME.fullmatch(entry.name) or OLD_PARTIAL_NAME.fullmatch(entry.name)
            if match and match["name"] in names and entry.is_file(follow_symlinks=False):
                leftovers.append(f"{subfolder}/{entry.name}" if subfolder else entry.name)
    return sorted(leftovers)


def is_empty(folder: Path) -> bool:
    """Whether a folder has no entries."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def remove_empty_parents(path: Path, stop: Path) -> None:
    """Remove the folders deleting `path` emptied, up to (not including) `stop`; never a
    symlink, never a folder outside stop. A folder that is not empty, or is gone (changed
    meanwhile), ends the walk; any other refusal raises, with the folder as its filename."""
    folder = path.parent
    while folder != stop and folder.is_relative_to(stop):
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode) or not is_empty(folder):
                return
            folder.rmdir()
        except OSError as e:
            if e.errno in (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST):
                return
            raise
        folder = folder.parent
