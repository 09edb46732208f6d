"""publish --to git: commit the site as the whole content of a branch and push it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import EnvironmentFailure, UsageError
from ..safe_files import failure


def git(
    repo: Path, *args: str, stdin: str = "", env: Mapping[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run git in repo; with check, a failure (a remote that is not there, a rejected push)
    is the environment's: one line naming the command and what git said (exit 3).

    Callers that can tell a user's mistake (not a repository, the checked-out branch) pass
    check=False and raise UsageError themselves.
    """
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            text=True,
            # GIT_OPTIONAL_LOCKS=0: `git status` must not refresh (rewrite) the user's index
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", **(env or {})},
            check=False,
        )
    except OSError as e:
        raise EnvironmentFailure(f"cannot run git (is it installed and on PATH?): {e.strerror or e}") from e
    if check and completed.returncode != 0:
        said = "; ".join(line.strip() for line in completed.stderr.splitlines() if line.strip())
        raise EnvironmentFailure(
            f"git {' '.join(args)} failed (exit {completed.returncode})" + (f": {said}" if said else "")
        )
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
        blobs = git(
            root,
            "hash-object",
            "-w",
            "--no-filters",
            "--stdin-paths",
            stdin="".join(f"{site_dir / path}\n" for path in paths),
        ).stdout.split()
        index_env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        index_info = "".join(f"100644 {blob}\t{path}\n" for blob, path in zip(blobs, paths, strict=True))
        git(root, "update-index", "--add", "--index-info", stdin=index_info, env=index_env)
        return git(root, "write-tree", env=index_env).stdout.strip()


def publish_git(root: Path, files: Mapping[str, bytes], remote: str, branch: str, dry_run: bool) -> int:
    """Commit the site as the whole content of `branch` on top of its history, and push it."""
    if git(root, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise UsageError(f"publish --to git needs a git repository: {root} is not in one")
    current = git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if current == branch:
        raise UsageError(
            f"you are on branch {branch!r}, the one publish would replace; switch to your source branch first"
        )
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
    commit = git(
        root, "commit-tree", tree, *(("-p", parent) if parent else ()), stdin=message, env=committer_env(root)
    ).stdout.strip()
    if dry_run:
        print(changes)
        print(f"dry run: would push {commit[:12]} ({len(files)} files) to {remote} {branch}")
        return 0
    git(root, "push", "--quiet", remote, f"{commit}:{local_ref}")
    if (
        not local_tip
        or git(root, "merge-base", "--is-ancestor", local_tip, commit, check=False).returncode == 0
    ):
        git(root, "update-ref", "-m", "site-builder publish", local_ref, commit)
    else:
        print(f"note: local branch {branch} has commits the remote lacks; left it alone", file=sys.stderr)
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
    return {
        "GIT_AUTHOR_NAME": "site-builder",
        "GIT_AUTHOR_EMAIL": "site-builder@localhost",
        "GIT_COMMITTER_NAME": "site-builder",
        "GIT_COMMITTER_EMAIL": "site-builder@localhost",
    }
