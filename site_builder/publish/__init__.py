"""publish: build and check in memory, then ship to a git branch, a folder or an archive.

git_branch.py, folder.py and archive.py are the three targets; the manifest format is
site_builder/manifest.py's and the no-symlink, atomic file operations site_builder/safe_files.py's,
shared with write.py.

From Python (the CLI is a thin layer over this)::

    from pathlib import Path
    from site_builder.publish import FolderTarget, publish

    publish(Path("explainer"), FolderTarget(Path("/srv/www/explainer")), dry_run=True)
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from ..check import check_project
from ..drafts import build_moment
from ..errors import BuildFailed, UsageError
from ..manifest import path_problem
from ..progress import Progress
from ..records import frozen
from .archive import publish_archive
from .folder import plan_sync, publish_dir
from .git_branch import publish_git

__all__ = [
    "ArchiveTarget",
    "FolderTarget",
    "GitBranchTarget",
    "PublishTarget",
    "plan_sync",
    "publish",
    "publish_archive",
    "publish_dir",
    "publish_git",
]


@frozen
class GitBranchTarget:
    """Commit the site as the whole content of a branch, on top of its history, and push it."""

    remote: str = "origin"
    branch: str = "gh-pages"
    """Never the branch checked out in the project's repository."""


@frozen
class FolderTarget:
    """Make a folder equal to the site, deleting only files an earlier publish wrote there."""

    path: Path
    force: bool = False
    """Sync into a folder that is not empty and that site-builder never published to (files
    that are not part of the site are left alone)."""
    max_deletions: int = 100
    """Refuse a publish that would delete more files than this."""

    def __post_init__(self) -> None:
        if self.max_deletions < 0:
            raise ValueError(f"max_deletions must be 0 or more, not {self.max_deletions}")


@frozen
class ArchiveTarget:
    """Write the site as a reproducible archive: its name ends in .tar.gz, .tgz or .zip."""

    path: Path


PublishTarget = GitBranchTarget | FolderTarget | ArchiveTarget
"""Where publish ships the site."""


def publish(
    root: Path,
    target: PublishTarget,
    *,
    dry_run: bool = False,
    base_url: str | None = None,
    moment: datetime | None = None,
    progress: Progress | None = None,
) -> int:
    """Build and check the project in `root` in memory and, only if both pass, ship it to
    `target`; print what changed (with dry_run, what would, changing nothing). Returns 0.

    base_url (an absolute http(s) URL) overrides site.yaml's; moment is when embargoes are
    judged (default: SOURCE_DATE_EPOCH when set, else the clock). Raises BuildFailed when
    the build or check fails, UsageError for what the user can fix (a target that is not
    ours, a hostile manifest) and EnvironmentFailure for what the machine refuses (a full
    disk, a rejected push): the CLI's exit codes 1, 2 and 3.
    """
    moment = moment if moment is not None else build_moment()
    result = check_project(root, {"base_url": base_url}, moment, progress)
    if progress:
        progress.finish()
    if not result.ok:
        raise BuildFailed(result.problems, result.skipped)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    files = result.files
    refuse_odd_site_paths(files)
    if isinstance(target, GitBranchTarget):
        return publish_git(root, files, target.remote, target.branch, dry_run)
    if isinstance(target, FolderTarget):
        return publish_dir(root, files, target.path, target.force, dry_run, target.max_deletions)
    return publish_archive(files, target.path, dry_run)


def refuse_odd_site_paths(files: Mapping[str, bytes]) -> None:
    """What we ship must obey the manifest's rule: we read our own manifest back next time."""
    for path in sorted(files):
        problem = path_problem(path)
        if problem:
            raise UsageError(
                f"refusing to publish: the site has a file {path!r}, which is not a "
                f"plain relative path ({problem}); rename the file it comes from"
            )
