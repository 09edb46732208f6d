"""The only module that writes into the output folder: build aside, then swap atomically."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import EnvironmentFailure, UsageError
from .manifest import ManifestError, digest, manifest_bytes, marker_bytes, marker_digest, parse_manifest
from .progress import Progress
from .safe_files import failure, project_overlap, read_no_follow, remove_empty_parents

MANIFEST = ".site-builder-output"
"""Written into every output folder: marks it as ours. It holds a one-line marker naming the
sha256 of the folder's manifest (each file and its hash), which the build cache keeps as
<manifests>/<sha256>.json: hosts serve the folder as it is, and the list is not for readers.
A folder written before markers holds the manifest itself here, and is still read."""
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
    try:
        _check_out_dir(root, out_dir)
    except OSError as e:  # a folder on the way we may not read: the machine's doing, not a typo
        raise failure("read", Path(e.filename or out_dir), e) from e


def _check_out_dir(root: Path, out_dir: Path) -> None:
    overlap = project_overlap(root, out_dir)
    if overlap is not None:
        relation = "is inside" if overlap.inside else "would replace"
        raise UsageError(f"refusing to build into {out_dir}: it {relation} {overlap.project_folder}")
    out = out_dir.resolve()
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


def read_manifest(out_dir: Path, manifests: Path | None = None) -> dict[str, str]:
    """Path -> sha256 of what the last build wrote, or {} for a new folder.

    The marker in out_dir names the manifest kept in `manifests` (the build cache's folder for
    out_dir), or is the manifest itself (an output written before markers). {} too for a marker
    or manifest that is a symlink, not sound (manifest.parse_manifest), or not in `manifests`
    with the digest the marker names: then nothing in the folder is reused or trusted, and every
    file is written anew.
    """
    try:
        data = read_no_follow(out_dir / MANIFEST)
        named = marker_digest(data)
        if named is None:
            return parse_manifest(data)
        if manifests is None:
            return {}
        kept = read_no_follow(manifests / f"{named}.json")
        return parse_manifest(kept) if digest(kept) == named else {}
    except (OSError, ManifestError):
        return {}


def keep_manifest(manifests: Path, data: bytes, unsaved: Callable[[OSError], None]) -> bool:
    """Save a manifest in the cache under its digest, before the marker naming it goes live.

    A cache that cannot take it (full, read-only) is a warning (`unsaved`, the cache's), not a
    failure: the marker then names a manifest no one kept, so the next build trusts nothing in
    the folder and writes every file anew. True when kept."""
    path = manifests / f"{digest(data)}.json"
    partial = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        manifests.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        unsaved(error)
        return False
    return True


def prune_manifests(manifests: Path, folders: tuple[Path, ...]) -> None:
    """Delete the kept manifests no marker in `folders` (the output, its spare) names any more."""
    named = set()
    for folder in folders:
        try:
            named.add(f"{marker_digest(read_no_follow(folder / MANIFEST))}.json")
        except OSError:
            continue
    try:
        for path in manifests.iterdir():
            if path.name not in named:
                path.unlink(missing_ok=True)
    except OSError:  # a manifest left over costs a few bytes of cache, not correctness
        pass


def remove_leftovers(out_dir: Path) -> None:
    """Delete temporary folders a killed build left beside the output (only ours)."""
    for path in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        if path.is_dir() and not path.is_symlink():
            remove_folder(path, "a folder an earlier build left")


def remove_folder(folder: Path, what: str) -> bool:
    """Delete a folder of ours; where the system refuses, say in one line what is left where
    and how to remove it (the build goes on: a leftover costs disk space, not correctness)."""
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return True
    except OSError as e:
        quoted = shlex.quote(str(folder))
        print(
            f"site-builder: warning: could not remove {what} in {folder}: {e.strerror or e}; "
            f"remove it with: chmod -R u+w {quoted} && rm -rf {quoted}",
            file=sys.stderr,
        )
        return False
    return True


def unwritable_folder(top: Path, listed: Iterable[str]) -> Path | None:
    """The first folder of a site (top, or one holding a listed file: its manifest's) whose
    entries this process may not delete or add, or None: checked before anything is moved."""
    folders: set[tuple[str, ...]] = {()}
    for rel_path in listed:  # as strings: PurePosixPath.parents costs ~1 s for 9,000 files
        parts = tuple(rel_path.split("/"))[:-1]
        while parts not in folders:
            folders.add(parts)
            parts = parts[:-1]
    for rel_folder in sorted(folders):  # PurePosixPath's order: part by part
        folder = top.joinpath(*rel_folder)
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            return folder
    return None


def _free_path(path: Path) -> Path:
    """path, or path-1, path-2...: the first name nothing uses (an old leftover may)."""
    candidate, number = path, 0
    while os.path.lexists(candidate):
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return bool(result == 0)


def write_site(
    files: dict[str, bytes],
    out_dir: Path,
    spare_dir: Path | None = None,
    reuse: bool = True,
    manifests: Path | None = None,
    unsaved: Callable[[OSError], None] = lambda error: None,
    progress: Progress | None = None,
) -> WriteStats:
    """Write `files` as the new content of out_dir; readers see the old or the new, never half.

    The new site is assembled in a staging folder beside out_dir and swapped in atomically. With
    spare_dir (kept in the build cache), the folder the previous swap retired is kept there and
    brought up to date next time instead of being deleted and rebuilt: on this kind of disk
    creating thousands of folders after deleting thousands is what makes a rebuild slow.
    With reuse=False nothing is taken from the previous output: every file is written anew.
    `manifests` (in the build cache) keeps the manifest the folder's marker names; without it
    the next write cannot trust the folder, and writes every file anew. `unsaved` hears why the
    cache could not keep it.

    What the machine refuses before the swap (a read-only folder, a full disk) raises
    EnvironmentFailure and leaves out_dir as it was; what fails after it (removing the previous
    site) is a warning, as the new site is already in place.
    """
    out_dir = out_dir.absolute()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(out_dir.parent, os.W_OK | os.X_OK):
            raise EnvironmentFailure(f"cannot build into {out_dir}: {out_dir.parent} is not writable")
        current = read_manifest(out_dir, manifests)
        # Without the manifest (a build without the cache that keeps it), the folders the new
        # site has too: most of the old site's.
        blocked = unwritable_folder(out_dir, current or files) if out_dir.is_dir() else None
        if blocked is not None:  # it could be swapped out, but never removed or reused
            raise EnvironmentFailure(
                f"cannot replace {out_dir}: {blocked} is not writable, so the previous site could "
                f"not be removed; make it writable (chmod -R u+w {shlex.quote(str(out_dir))}) or "
                "build into another --out"
            )
        remove_leftovers(out_dir)
        staging = _free_path(out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}")
        old = current if reuse else {}
        staging, (written, unchanged, manifest_data) = _stage(
            files, old, out_dir, staging, spare_dir, manifests, progress
        )
        try:
            kept = manifests is not None and keep_manifest(manifests, manifest_data, unsaved)
            (staging / MANIFEST).write_bytes(marker_bytes(manifest_data))
        except OSError:
            remove_folder(staging, "the unfinished new site")
            raise
    except OSError as e:  # a folder we may not write, a full disk: the old site is still in place
        raise EnvironmentFailure(f"could not write the site into {out_dir}: {e.strerror or e}") from e
    removed = len(set(old) - set(files))
    try:
        retired = _swap(staging, out_dir)
    except OSError as e:
        remove_folder(staging, "the new site")
        raise EnvironmentFailure(f"could not swap the new site into {out_dir}: {e.strerror or e}") from e
    if retired is not None:
        _retire(retired, spare_dir)
    if manifests is not None and kept:  # a cache that could not take it is left as it was
        prune_manifests(manifests, (out_dir, *((spare_dir,) if spare_dir is not None else ())))
    return WriteStats(written, unchanged, removed)


def _stage(
    files: dict[str, bytes],
    old: dict[str, str],
    out_dir: Path,
    staging: Path,
    spare_dir: Path | None,
    manifests: Path | None,
    progress: Progress | None = None,
) -> tuple[Path, tuple[int, int, bytes]]:
    """Fill a staging folder with the new site, from the spare when it can be updated;
    (the staging folder, (written, unchanged, the manifest's bytes)). On failure no staging
    folder is left."""
    previous = _take_spare(spare_dir, staging, manifests)
    if previous is not None:
        try:
            # Removed first, so a build killed while updating never trusts a half-updated folder.
            (staging / MANIFEST).unlink()
            return staging, _fill_staging(files, old, out_dir, staging, previous, progress)
        except OSError:  # the spare could not be brought up to date: start afresh
            if not remove_folder(staging, "the build cache's spare copy of the site"):
                staging = _free_path(staging)
    staging.mkdir()
    try:
        return staging, _fill_staging(files, old, out_dir, staging, {}, progress)
    except OSError:
        remove_folder(staging, "the unfinished new site")
        raise


def _take_spare(spare_dir: Path | None, staging: Path, manifests: Path | None) -> dict[str, str] | None:
    """Move the spare folder (a former output, with its manifest) to staging; its manifest.

    None (staging not made) without a spare this process can update: one on another file
    system, or with a folder it may not write in, stays where it is for _retire to replace.
    """
    if spare_dir is None:
        return None
    previous = read_manifest(spare_dir, manifests)
    if not previous or unwritable_folder(spare_dir, previous) is not None:
        return None
    try:
        spare_dir.rename(staging)
    except OSError:  # another file system, say
        return None
    return previous


def _swap(staging: Path, out_dir: Path) -> Path | None:
    """Put staging in out_dir's place; the folder that now holds the previous site, if any."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return None
    if _exchange(staging, out_dir):
        return staging  # staging now holds the previous site
    # No atomic exchange here: two renames, a brief gap.
    retired = _free_path(out_dir.parent / f".{out_dir.name}.tmp-old-{os.getpid()}")
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except OSError:
        retired.rename(out_dir)  # the previous site back in its place
        raise
    return retired


def _retire(folder: Path, spare_dir: Path | None) -> None:
    """Keep a swapped-out site as the next build's spare, or delete it; never raises (the new
    site is in place): what cannot be removed is a warning naming it."""
    if spare_dir is not None:
        if os.path.lexists(spare_dir) and not remove_folder(
            spare_dir, "the build cache's spare copy of the site"
        ):
            remove_folder(folder, "the previous site")
            return
        try:
            spare_dir.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(spare_dir)
            return
        except OSError:  # another file system, a cache we may not write in: delete it
            pass
    remove_folder(folder, "the previous site")


def _fill_staging(
    files: dict[str, bytes],
    old: dict[str, str],
    out_dir: Path,
    staging: Path,
    previous: dict[str, str],
    progress: Progress | None = None,
) -> tuple[int, int, bytes]:
    """Make staging hold exactly `files` (their marker is write_site's); (written, unchanged,
    their manifest's bytes).

    `previous` lists what staging already holds (a reused spare). Its files may share inodes
    with the live site through hard links, so a file is never rewritten in place: it is
    unlinked and made anew.
    """
    manifest: dict[str, str] = {}
    made_dirs: set[Path] = {staging}
    written = unchanged = 0
    for rel_path in sorted(set(previous) - set(files)):
        (staging / rel_path).unlink(missing_ok=True)
        remove_empty_parents(staging / rel_path, staging)
    if progress:
        progress.stage("writing", len(files))
    for rel_path in sorted(files):
        if progress:
            progress.advance()
        data = files[rel_path]
        data_digest = digest(data)
        manifest[rel_path] = data_digest
        dest = staging / rel_path
        if previous.get(rel_path) == data_digest:
            unchanged += 1  # already there, the same bytes
            continue
        if dest.parent not in made_dirs:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(dest.parent)
        if rel_path in previous:
            dest.unlink(missing_ok=True)
        if old.get(rel_path) == data_digest:
            try:  # a hard link costs no new inode and keeps the file's mtime for browsers
                os.link(out_dir / rel_path, dest)
                unchanged += 1
                continue
            except OSError:
                pass
        dest.write_bytes(data)
        written += 1
    return written, unchanged, manifest_bytes(manifest)
