"""publish --to dir: make a folder equal to the build, deleting only what we wrote there."""

from __future__ import annotations

import contextlib
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from ..errors import UsageError
from ..manifest import ManifestError, digest, manifest_bytes, parse_manifest
from ..records import frozen
from ..safe_files import (
    failure,
    find_leftovers,
    is_empty,
    project_overlap,
    read_no_follow,
    remove_empty_parents,
    write_atomically,
)

PUBLISH_MANIFEST = ".site-builder-publish.json"
"""Kept in a folder we publish into: what we wrote there, so we delete only that."""


@frozen
class SyncPlan:
    """What making a folder equal to the build takes."""

    added: list[str]
    updated: list[str]
    deleted: list[str]
    kept: list[str]
    """Files of the last publish that were changed by hand since: never deleted."""
    leftovers: list[str]
    """Partial files an interrupted publish left beside the files it was writing."""


def read_publish_manifest(target: Path) -> dict[str, str] | None:
    """Path -> sha256 of what the last publish wrote, or None when we never published here.

    The manifest is input like any other (anyone who can write the folder can edit it), so
    every entry must be a plain path inside the folder: nothing else is ever deleted.
    """
    manifest_path = target / PUBLISH_MANIFEST
    mode = inspect_in_target(target, PUBLISH_MANIFEST)
    if mode is None:
        return None
    if not stat.S_ISREG(mode):
        raise UsageError(f"{manifest_path} is not a file; delete it and publish with --force")
    try:
        return parse_manifest(read_in_target(manifest_path))
    except ManifestError as e:
        raise UsageError(manifest_refusal(manifest_path, e)) from e


def manifest_refusal(manifest_path: Path, error: ManifestError) -> str:
    """What to tell the user about a publish manifest we will not act on, and how to fix it."""
    force = "publish with --force"
    if error.problem == "unreadable":
        return f"{manifest_path} is unreadable ({error.detail}); delete it and {force}"
    if error.problem == "not a manifest":
        return f"{manifest_path} is not a manifest; delete it and {force}"
    if error.problem == "bad path":
        return (
            f"{manifest_path}: entry {error.entry!r} is not a plain relative path inside the "
            f"folder ({error.detail}); nothing was changed. Delete the entry, or the manifest "
            f"and {force}"
        )
    return (
        f"{manifest_path}: entry {error.entry!r} has no sha256; nothing was changed. Delete "
        f"the manifest and {force}"
    )


def refuse_project_folders(root: Path, target: Path) -> None:
    """Never sync over the project itself or its content/ and templates/."""
    overlap = project_overlap(root, target)
    if overlap is not None:
        raise UsageError(f"refusing to publish into {target}: it would overwrite {overlap.project_folder}")


def plan_sync(files: Mapping[str, bytes], target: Path, manifest: Mapping[str, str]) -> SyncPlan:
    """Compare the build with the folder as it is on disk, and with what we wrote there last.

    Every path either names is inspected first, so nothing is read (or later written or
    deleted) through a symlink.
    """
    modes = {path: inspect_in_target(target, path) for path in sorted({*files, *manifest})}
    for path in sorted(files):
        mode = modes[path]
        if mode is not None and stat.S_ISDIR(mode):
            raise UsageError(
                f"refusing to publish into {target}: {target / path} is a folder where the site has a file"
            )
    added: list[str] = []
    updated: list[str] = []
    for path in sorted(files):
        mode = modes[path]
        if mode is None or not stat.S_ISREG(mode):
            added.append(path)
        elif read_in_target(target / path) != files[path]:
            updated.append(path)
    deleted: list[str] = []
    kept: list[str] = []
    for path in sorted(set(manifest) - set(files)):
        mode = modes[path]
        if mode is None or not stat.S_ISREG(mode):
            continue
        (deleted if digest(read_in_target(target / path)) == manifest[path] else kept).append(path)
    return SyncPlan(added, updated, deleted, kept, leftovers_in_target(target, [*modes, PUBLISH_MANIFEST]))


def publish_dir(
    root: Path, files: Mapping[str, bytes], target: Path, force: bool, dry_run: bool, max_deletions: int
) -> int:
    """Make `target` equal to the build; delete only files our last publish there wrote."""
    refuse_project_folders(root, target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"refusing to publish into {target}: it is a file")
    if target.is_symlink() and not target.exists():
        raise UsageError(f"refusing to publish into {target}: it is a symlink to nothing")
    manifest = read_publish_manifest(target) if target.is_dir() else None
    if manifest is None and target.is_dir() and not folder_is_empty(target) and not force:
        raise UsageError(
            f"refusing to publish into {target}: it is not empty and has no {PUBLISH_MANIFEST}, "
            "so site-builder did not publish there; use --force to sync into it anyway "
            "(files that are not part of the site are left alone)"
        )
    plan = plan_sync(files, target, manifest or {})
    if len(plan.deleted) > max_deletions:
        raise UsageError(
            f"refusing to publish into {target}: it would delete {len(plan.deleted)} "
            f"files, more than --max-deletions {max_deletions}"
        )
    for verb, paths in (
        ("add", plan.added),
        ("update", plan.updated),
        ("delete", plan.deleted),
        ("remove", plan.leftovers),
    ):
        for path in paths:
            print(f"{'would ' if dry_run else ''}{verb} {path}")
    for path in plan.kept:
        print(f"note: kept {path}: changed since site-builder published it", file=sys.stderr)
    counts = f"{len(plan.added)} added, {len(plan.updated)} updated, {len(plan.deleted)} deleted"
    if plan.leftovers:
        counts += (
            f", {len(plan.leftovers)} leftover{'s' if len(plan.leftovers) != 1 else ''} "
            "of an interrupted publish removed"
        )
    if dry_run:
        print(f"dry run: {target} unchanged; publishing would leave it with {counts}")
        return 0
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise failure("create folder", target, e) from e
    for path in plan.leftovers:
        delete_in_target(target, path)
    new_manifest = {path: digest(data) for path, data in sorted(files.items())}
    # Until the sync completes, the manifest names old and new files, so a run that is cut
    # short still knows, next time, every file it may have written.
    write_in_target(target, PUBLISH_MANIFEST, manifest_bytes({**(manifest or {}), **new_manifest}))
    for path in [*plan.added, *plan.updated]:
        write_in_target(target, path, files[path])
    for path in plan.deleted:
        delete_in_target(target, path)
    write_in_target(target, PUBLISH_MANIFEST, manifest_bytes(new_manifest))
    print(f"published to {target}: {counts}")
    return 0


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
            raise UsageError(
                f"refusing to publish into {target}: {current} is a symlink; "
                "publish never follows a symlink inside the folder"
            )
        if is_folder and not stat.S_ISDIR(mode):
            raise UsageError(
                f"refusing to publish into {target}: {current} is not a folder, "
                f"but {path} is meant to be inside it"
            )
    return mode


def read_in_target(path: Path) -> bytes:
    """A file's bytes; fails rather than follow a symlink that appeared since it was inspected."""
    try:
        return read_no_follow(path)
    except OSError as e:
        raise failure("read", path, e) from e


def leftovers_in_target(target: Path, known: list[str]) -> list[str]:
    """Partial files a killed publish left beside the files it wrote (every folder on the way
    to a known path was inspected: none is a symlink)."""
    try:
        return find_leftovers(target, known)
    except OSError as e:
        raise failure("read folder", Path(e.filename or target), e) from e


def folder_is_empty(folder: Path) -> bool:
    """Whether a folder has no entries; one we may not list is a failure (exit 3)."""
    try:
        return is_empty(folder)
    except OSError as e:
        raise failure("read folder", folder, e) from e


def write_in_target(target: Path, path: str, data: bytes) -> None:
    """Write target/path atomically, making its folders, never through a symlink."""
    inspect_in_target(target, path, make_folders=True)
    try:
        write_atomically(target / path, data)
    except OSError as e:
        raise failure("write", target / path, e) from e


def delete_in_target(target: Path, path: str) -> None:
    """Delete target/path and the folders that leaves empty, never through a symlink."""
    if inspect_in_target(target, path) is None:
        return
    try:
        (target / path).unlink(missing_ok=True)
    except OSError as e:
        raise failure("delete", target / path, e) from e
    try:
        remove_empty_parents(target / path, target)
    except OSError as e:
        raise failure("remove folder", Path(e.filename or target), e) from e
