"""The only module that writes into the output folder: build aside, then swap atomically."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

MANIFEST = ".site-builder-output"
"""Written into every output folder: marks it as ours and maps each file to its hash."""
AT_FDCWD = -100
RENAME_EXCHANGE = 2


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What a write did: files whose bytes changed, and files carried over unchanged."""

    written: int
    unchanged: int
    removed: int


def check_out_dir(root: Path, out_dir: Path) -> None:
    """Refuse output folders whose replacement would destroy the user's own files."""
    out = out_dir.resolve()
    protected = [root.resolve(), (root / "content").resolve(), (root / "templates").resolve()]
    for path in protected:
        if out == path or path.is_relative_to(out):
            raise UsageError(f"refusing to build into {out_dir}: it would replace {path}")
        if path != protected[0] and out.is_relative_to(path):
            raise UsageError(f"refusing to build into {out_dir}: it is inside {path}")
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to build into {out_dir}: it is a file")
    ancestor = next(parent for parent in out.parents if parent.exists())
    if not out.exists() and not ancestor.is_dir():
        raise UsageError(f"cannot build into {out_dir}: {ancestor} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UsageError(
            f"refusing to build into {out_dir}: it is not empty and site-builder did not create "
            "it (choose an empty or new folder)"
        )


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Path -> sha256 of what the last build wrote, or {} for a new folder."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remove_leftovers(out_dir: Path) -> None:
    """Delete temporary folders a killed build left beside the output (only ours)."""
    for path in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    return bool(result == 0)


def write_site(
    files: dict[str, bytes], out_dir: Path, spare_dir: Path | None = None, reuse: bool = True
) -> WriteStats:
    """Write `files` as the new content of out_dir; readers see the old or the new, never half.

    The new site is assembled in a staging folder beside out_dir and swapped in atomically. With
    spare_dir (kept in the build cache), the folder the previous swap retired is kept there and
    brought up to date next time instead of being deleted and rebuilt: on this kind of disk
    creating thousands of folders after deleting thousands is what makes a rebuild slow.
    With reuse=False nothing is taken from the previous output: every file is written anew.
    """
    out_dir = out_dir.absolute()
    staging = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        previous = _reuse_spare(spare_dir, staging)
        old = read_manifest(out_dir) if reuse else {}
        written, unchanged = _fill_staging(files, old, out_dir, staging, previous)
    except OSError as e:  # a folder we may not write, a full disk: the old site is still in place
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(f"could not write the site into {out_dir}: {e.strerror or e}") from e
    removed = len(set(old) - set(files))
    if out_dir.exists() and _exchange(staging, out_dir):
        _retire(staging, spare_dir)  # staging now holds the previous site
    elif out_dir.exists():  # no atomic exchange here: two renames, a brief gap
        retired = out_dir.parent / f".{out_dir.name}.tmp-old-{os.getpid()}"
        out_dir.rename(retired)
        staging.rename(out_dir)
        _retire(retired, spare_dir)
    else:
        staging.rename(out_dir)
    return WriteStats(written, unchanged, removed)


def _reuse_spare(spare_dir: Path | None, staging: Path) -> dict[str, str]:
    """Move the spare folder (a former output, with its manifest) to staging; its manifest.

    Without a usable spare, staging starts empty and the result is {}. The spare's manifest is
    removed first, so a build killed while updating staging never trusts a half-updated folder.
    """
    if spare_dir is not None and (spare_dir / MANIFEST).is_file():
        try:
            spare_dir.rename(staging)  # fails across file systems: then start afresh
        except OSError:
            shutil.rmtree(spare_dir, ignore_errors=True)
        else:
            previous = read_manifest(staging)
            (staging / MANIFEST).unlink()
            return previous
    staging.mkdir()
    return {}


def _retire(folder: Path, spare_dir: Path | None) -> None:
    """Keep a swapped-out site as the next build's spare, or delete it."""
    if spare_dir is not None:
        try:
            shutil.rmtree(spare_dir, ignore_errors=True)
            spare_dir.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(spare_dir)
            return
        except OSError:
            pass
    shutil.rmtree(folder)


def _fill_staging(
    files: dict[str, bytes], old: dict[str, str], out_dir: Path, staging: Path,
    previous: dict[str, str],
) -> tuple[int, int]:
    """Make staging hold exactly `files` and their manifest; (written, unchanged).

    `previous` lists what staging already holds (a reused spare). Its files may share inodes
    with the live site through hard links, so a file is never rewritten in place: it is
    unlinked and made anew.
    """
    manifest: dict[str, str] = {}
    made_dirs: set[Path] = {staging}
    written = unchanged = 0
    for rel_path in sorted(set(previous) - set(files)):
        (staging / rel_path).unlink(missing_ok=True)
        _remove_empty_parents(staging / rel_path, staging)
    for rel_path in sorted(files):
        data = files[rel_path]
        digest = hashlib.sha256(data).hexdigest()
        manifest[rel_path] = digest
        dest = staging / rel_path
        if previous.get(rel_path) == digest:
            unchanged += 1  # already there, the same bytes
            continue
        if dest.parent not in made_dirs:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(dest.parent)
        if rel_path in previous:
            dest.unlink(missing_ok=True)
        if old.get(rel_path) == digest:
            try:  # a hard link costs no new inode and keeps the file's mtime for browsers
                os.link(out_dir / rel_path, dest)
                unchanged += 1
                continue
            except OSError:
                pass
        dest.write_bytes(data)
        written += 1
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=0, sort_keys=True), "utf-8")
    return written, unchanged


def _remove_empty_parents(path: Path, top: Path) -> None:
    """Delete the folders a deleted file leaves empty, up to (not including) top."""
    folder = path.parent
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
