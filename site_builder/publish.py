"""publish: build and check in memory, then ship to a git branch, a folder or an archive."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gzip
import hashlib
import io
import json
import os
import re
import secrets
import stat
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .check import check_project
from .drafts import build_moment
from .errors import BuildFailed, EnvironmentFailure, UsageError

PUBLISH_MANIFEST = ".site-builder-publish.json"
"""Kept in a folder we publish into: what we wrote there, so we delete only that."""
ARCHIVE_TIME = 315532800
"""1980-01-01 00:00 UTC, the timestamp of every archive entry (zip cannot go earlier)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SHA256 = re.compile(r"[0-9a-f]{64}")
DRIVE = re.compile(r"[A-Za-z]:")
"""A Windows drive letter ('C:'), refused at the start of a path even on POSIX."""
PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-partial-[0-9a-f]{16}")
"""A file being written beside NAME ('.index.html.site-builder-partial-' and 16 hex digits)."""
OLD_PARTIAL_NAME = re.compile(r"\.(?P<name>.+)\.site-builder-[0-9]+")
"""What site-builder 0.1 named them ('.index.html.site-builder-' and its PID)."""


def publish(args: argparse.Namespace) -> int:
    """site-builder publish: nothing ships unless the build and check both pass."""
    root: Path = args.root
    if args.to != "git" and not args.target:
        raise UsageError(f"publish --to {args.to} needs a target: the "
                         f"{'folder' if args.to == 'dir' else 'archive file'} to write")
    if args.to == "git" and args.target:
        raise UsageError("publish --to git takes no target; use --remote and --branch")
    if args.max_deletions < 0:
        raise UsageError("--max-deletions must be 0 or more")
    result = check_project(root, {"base_url": args.base_url}, build_moment(args.now))
    if not result.ok:
        raise BuildFailed(result.problems, result.skipped)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    files = result.files
    refuse_odd_site_paths(files)
    if args.to == "git":
        return publish_git(root, files, args.remote, args.branch, args.dry_run)
    target = Path(args.target)
    if args.to == "dir":
        return publish_dir(root, files, target, args.force, args.dry_run, args.max_deletions)
    return publish_archive(files, target, args.dry_run)


# --- git -----------------------------------------------------------------------------------


def git(repo: Path, *args: str, stdin: str = "", env: Mapping[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in repo; with check, a failure (a remote that is not there, a rejected push)
    is the environment's: one line naming the command and what git said (exit 3).

    Callers that can tell a user's mistake (not a repository, the checked-out branch) pass
    check=False and raise UsageError themselves.
    """
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo), *args], input=stdin, capture_output=True, text=True,
            # GIT_OPTIONAL_LOCKS=0: `git status` must not refresh (rewrite) the user's index
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", **(env or {})}, check=False,
        )
    except OSError as e:
        raise EnvironmentFailure(f"cannot run git (is it installed and on PATH?): "
                                 f"{e.strerror or e}") from e
    if check and completed.returncode != 0:
        said = "; ".join(line.strip() for line in completed.stderr.splitlines() if line.strip())
        raise EnvironmentFailure(f"git {' '.join(args)} failed (exit {completed.returncode})"
                                 + (f": {said}" if said else ""))
    return completed


def source_description(root: Path) -> str:
    """Which commit the site was built from, and whether the tree had uncommitted changes."""
    head = git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).stdout.strip()
    if not head:
        return "a repository with no commits yet"
    dirty = git(root, "status", "--porcelain", "--", ".").stdout.strip()
    return head + (" with uncommitted changes" if dirty else "")


def remote_tip(root: Path, remote: str, branch: str) -> str:
    """The commit the remote branch points at (fetched), or '' when it has none yet."""
    listed = git(root, "ls-remote", "--heads", remote, f"refs/heads/{branch}").stdout.split()
    if not listed:
        return ""
    git(root, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, f"refs/heads/{branch}")
    return listed[0]


def write_tree(root: Path, files: Mapping[str, bytes]) -> str:
    """Store the files as blobs and a tree, through a private index: the user's stays untouched."""
    with tempfile.TemporaryDirectory(prefix="site-builder-publish-") as scratch:
        site_dir = Path(scratch) / "site"
        paths = sorted(files)
        for path in paths:
            dest = site_dir / path
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(files[path])
            except OSError as e:
                raise failure("write", dest, e) from e
        blobs = git(root, "hash-object", "-w", "--no-filters", "--stdin-paths",
                    stdin="".join(f"{site_dir / path}\n" for path in paths)).stdout.split()
        index_env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        index_info = "".join(f"100644 {blob}\t{path}\n" for blob, path in zip(blobs, paths, strict=True))
        git(root, "update-index", "--add", "--index-info", stdin=index_info, env=index_env)
        return git(root, "write-tree", env=index_env).stdout.strip()


def publish_git(root: Path, files: Mapping[str, bytes], remote: str, branch: str,
                dry_run: bool) -> int:
    """Commit the site as the whole content of `branch` on top of its history, and push it."""
    if git(root, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise UsageError(f"publish --to git needs a git repository: {root} is not in one")
    current = git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if current == branch:
        raise UsageError(f"you are on branch {branch!r}, the one publish would replace; "
                         "switch to your source branch first")
    local_ref = f"refs/heads/{branch}"
    parent = remote_tip(root, remote, branch)
    local_tip = git(root, "rev-parse", "--verify", "--quiet", local_ref, check=False).stdout.strip()
    if not parent and local_tip:  # never pushed, but published locally before: keep that history
        parent = local_tip
    tree = write_tree(root, files)
    if parent and git(root, "rev-parse", f"{parent}^{{tree}}").stdout.strip() == tree:
        print(f"{remote} {branch} already holds this site ({parent[:12]}); nothing to publish")
        return 0
    changes = changed_paths(root, parent, tree)
    message = f"Publish site built from {source_description(root)}\n\nBuilt by site-builder publish.\n"
    commit = git(root, "commit-tree", tree, *(("-p", parent) if parent else ()), stdin=message,
                 env=committer_env(root)).stdout.strip()
    if dry_run:
        print(changes)
        print(f"dry run: would push {commit[:12]} ({len(files)} files) to {remote} {branch}")
        return 0
    git(root, "push", "--quiet", remote, f"{commit}:{local_ref}")
    if not local_tip or git(root, "merge-base", "--is-ancestor", local_tip, commit,
                            check=False).returncode == 0:
        git(root, "update-ref", "-m", "site-builder publish", local_ref, commit)
    else:
        print(f"note: local branch {branch} has commits the remote lacks; left it alone",
              file=sys.stderr)
    print(changes)
    print(f"published {len(files)} files to {remote} {branch} as {commit[:12]}")
    return 0


def changed_paths(root: Path, parent: str, tree: str) -> str:
    """'A path' / 'M path' / 'D path' lines between the last publish and this one."""
    if not parent:
        names = git(root, "ls-tree", "-r", "--name-only", tree).stdout.splitlines()
        return "\n".join(f"A {name}" for name in names)
    diff = git(root, "diff-tree", "-r", "--name-status", parent, tree).stdout.rstrip()
    return "\n".join(line.replace("\t", " ", 1) for line in diff.splitlines())


def committer_env(root: Path) -> dict[str, str]:
    """An identity for the publish commit on machines (CI) where git has none configured."""
    if git(root, "var", "GIT_COMMITTER_IDENT", check=False).returncode == 0:
        return {}
    return {"GIT_AUTHOR_NAME": "site-builder", "GIT_AUTHOR_EMAIL": "site-builder@localhost",
            "GIT_COMMITTER_NAME": "site-builder", "GIT_COMMITTER_EMAIL": "site-builder@localhost"}


# --- dir -----------------------------------------------------------------------------------


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


def refuse_project_folders(root: Path, target: Path) -> None:
    """Never sync over the project itself or its content/ and templates/."""
    resolved = target.resolve()
    for protected in (root.resolve(), (root / "content").resolve(), (root / "templates").resolve()):
        if resolved == protected or protected.is_relative_to(resolved) or (
            protected != root.resolve() and resolved.is_relative_to(protected)
        ):
            raise UsageError(f"refusing to publish into {target}: it would overwrite {protected}")


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


# --- archive -------------------------------------------------------------------------------


def publish_archive(files: Mapping[str, bytes], target: Path, dry_run: bool) -> int:
    """Write the site as a reproducible .tar.gz or .zip: same site, same bytes; remove the
    partial archive a killed publish left beside it."""
    name = target.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        data = tar_gz_bytes(files)
    elif name.endswith(".zip"):
        data = zip_bytes(files)
    else:
        raise UsageError(f"cannot tell the archive format of {target}: name it .tar.gz, .tgz or .zip")
    if target.is_dir():
        raise UsageError(f"refusing to write the archive over {target}: it is a folder")
    leftovers = [target.parent / name for name in find_leftovers(target.parent, [target.name])]
    for leftover in leftovers:
        print(f"{'would ' if dry_run else ''}remove {leftover}")
    if dry_run:
        print(f"dry run: would write {target} ({len(files)} files, {len(data)} bytes)")
        return 0
    for leftover in leftovers:
        try:
            leftover.unlink(missing_ok=True)
        except OSError as e:
            raise failure("delete", leftover, e) from e
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise failure("create folder", target.parent, e) from e
    write_atomically(target, data)
    print(f"wrote {target} ({len(files)} files, {len(data)} bytes)")
    return 0


def tar_gz_bytes(files: Mapping[str, bytes]) -> bytes:
    """A .tar.gz with sorted entries, fixed times and owners, and no name or time in the gzip header."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as compressed, \
            tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(files):
            info = tarfile.TarInfo(path)
            info.size = len(files[path])
            info.mtime = ARCHIVE_TIME
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(files[path]))
    return buffer.getvalue()


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A .zip with sorted entries and fixed times and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below mean what they say
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()
