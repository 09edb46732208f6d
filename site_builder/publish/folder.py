"""publish --to dir: make a folder equal to the build, deleting only what we wrote there."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .paths import failure, find_leftovers, inspect_in_target, path_problem, read_no_follow, write_atomically

PUBLISH_MANIFEST = ".site-builder-publish.json"
"""Kept in a folder we publish into: what we wrote there, so we delete only that."""
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What making a folder equal to the build takes."""

    added: list[str]
    updated: list[str]
    deleted: list[str]
    kept: list[str]
    """Files of the last publish that were changed by hand since: never deleted."""
    leftovers: list[str]
    """Partial files an interrupted publish left beside the files it was writing."""


def digest(data: bytes) -> str:
    """The hash a manifest records."""
    return hashlib.sha256(data).hexdigest()


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
        data = json.loads(read_no_follow(manifest_path).decode("utf-8"))
    except ValueError as e:
        raise UsageError(f"{manifest_path} is unreadable ({e}); "
                         "delete it and publish with --force") from e
    if not isinstance(data, dict):
        raise UsageError(f"{manifest_path} is not a manifest; delete it and publish with --force")
    for path, recorded in data.items():
        problem = path_problem(path)
        if problem:
            raise UsageError(f"{manifest_path}: entry {path!r} is not a plain relative path inside "
                             f"the folder ({problem}); nothing was changed. Delete the entry, or "
                             "the manifest and publish with --force")
        if not isinstance(recorded, str) or not SHA256.fullmatch(recorded):
            raise UsageError(f"{manifest_path}: entry {path!r} has no sha256; nothing was changed. "
                             "Delete the manifest and publish with --force")
    return data


def refuse_project_folders(root: Path, target: Path) -> None:
    """Never sync over the project itself or its content/ and templates/."""
    resolved = target.resolve()
    for protected in (root.resolve(), (root / "content").resolve(), (root / "templates").resolve()):
        if resolved == protected or protected.is_relative_to(resolved) or (
            protected != root.resolve() and resolved.is_relative_to(protected)
        ):
            raise UsageError(f"refusing to publish into {target}: it would overwrite {protected}")


def plan_sync(files: Mapping[str, bytes], target: Path, manifest: Mapping[str, str]) -> SyncPlan:
    """Compare the build with the folder as it is on disk, and with what we wrote there last.

    Every path either names is inspected first, so nothing is read (or later written or
    deleted) through a symlink.
    """
    modes = {path: inspect_in_target(target, path) for path in sorted({*files, *manifest})}
    for path in sorted(files):
        mode = modes[path]
        if mode is not None and stat.S_ISDIR(mode):
            raise UsageError(f"refusing to publish into {target}: {target / path} is a folder "
                             "where the site has a file")
    added: list[str] = []
    updated: list[str] = []
    for path in sorted(files):
        mode = modes[path]
        if mode is None or not stat.S_ISREG(mode):
            added.append(path)
        elif read_no_follow(target / path) != files[path]:
            updated.append(path)
    deleted: list[str] = []
    kept: list[str] = []
    for path in sorted(set(manifest) - set(files)):
        mode = modes[path]
        if mode is None or not stat.S_ISREG(mode):
            continue
        (deleted if digest(read_no_follow(target / path)) == manifest[path] else kept).append(path)
    return SyncPlan(added, updated, deleted, kept, find_leftovers(target, [*modes, PUBLISH_MANIFEST]))


def publish_dir(root: Path, files: Mapping[str, bytes], target: Path, force: bool, dry_run: bool,
                max_deletions: int) -> int:
    """Make `target` equal to the build; delete only files our last publish there wrote."""
    refuse_project_folders(root, target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"refusing to publish into {target}: it is a file")
    if target.is_symlink() and not target.exists():
        raise UsageError(f"refusing to publish into {target}: it is a symlink to nothing")
    manifest = read_publish_manifest(target) if target.is_dir() else None
    if manifest is None and target.is_dir() and not is_empty(target) and not force:
        raise UsageError(
            f"refusing to publish into {target}: it is not empty and has no {PUBLISH_MANIFEST}, "
            "so site-builder did not publish there; use --force to sync into it anyway "
            "(files that are not part of the site are left alone)")
    plan = plan_sync(files, target, manifest or {})
    if len(plan.deleted) > max_deletions:
        raise UsageError(f"refusing to publish into {target}: it would delete {len(plan.deleted)} "
                         f"files, more than --max-deletions {max_deletions}")
    for verb, paths in (("add", plan.added), ("update", plan.updated), ("delete", plan.deleted),
                        ("remove", plan.leftovers)):
        for path in paths:
            print(f"{'would ' if dry_run else ''}{verb} {path}")
    for path in plan.kept:
        print(f"note: kept {path}: changed since site-builder published it", file=sys.stderr)
    counts = f"{len(plan.added)} added, {len(plan.updated)} updated, {len(plan.deleted)} deleted"
    if plan.leftovers:
        counts += (f", {len(plan.leftovers)} leftover{'s' if len(plan.leftovers) != 1 else ''} "
                   "of an interrupted publish removed")
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
    write_in_target(target, PUBLISH_MANIFEST, dump_manifest({**(manifest or {}), **new_manifest}))
    for path in [*plan.added, *plan.updated]:
        write_in_target(target, path, files[path])
    for path in plan.deleted:
        delete_in_target(target, path)
    write_in_target(target, PUBLISH_MANIFEST, dump_manifest(new_manifest))
    print(f"published to {target}: {counts}")
    return 0


def dump_manifest(manifest: Mapping[str, str]) -> bytes:
    """The manifest file's bytes."""
    return (json.dumps(dict(sorted(manifest.items())), indent=0) + "\n").encode("utf-8")


def is_empty(folder: Path) -> bool:
    """Whether a folder has no entries."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError as e:
        raise failure("read folder", folder, e) from e


def write_in_target(target: Path, path: str, data: bytes) -> None:
    """Write target/path, making its folders, never through a symlink."""
    inspect_in_target(target, path, make_folders=True)
    write_atomically(target / path, data)


def delete_in_target(target: Path, path: str) -> None:
    """Delete target/path and the folders that leaves empty, never through a symlink."""
    if inspect_in_target(target, path) is None:
        return
    try:
        (target / path).unlink(missing_ok=True)
    except OSError as e:
        raise failure("delete", target / path, e) from e
    remove_empty_parents(target / path, target)


def remove_empty_parents(path: Path, stop: Path) -> None:
    """Remove folders a deletion emptied, up to (not including) `stop`; never a symlink."""
    folder = path.parent
    while folder != stop:
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode) or not is_empty(folder):
                return
            folder.rmdir()
        except OSError as e:
            if e.errno in (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST):  # changed meanwhile
                return
            raise failure("remove folder", folder, e) from e
        folder = folder.parent
