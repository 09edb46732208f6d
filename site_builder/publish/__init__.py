"""publish: build and check in memory, then ship to a git branch, a folder or an archive.

git_branch.py, folder.py and archive.py are the three targets; the manifest format is
site_builder/manifest.py's and the no-symlink, atomic file operations site_builder/safe_files.py's,
shared with write.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from ..check import check_project
from ..drafts import build_moment
from ..errors import BuildFailed, UsageError
from ..manifest import path_problem
from .archive import publish_archive
from .folder import plan_sync, publish_dir
from .git_branch import publish_git

__all__ = ["plan_sync", "publish", "publish_archive", "publish_dir", "publish_git"]


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


def refuse_odd_site_paths(files: Mapping[str, bytes]) -> None:
    """What we ship must obey the manifest's rule: we read our own manifest back next time."""
    for path in sorted(files):
        problem = path_problem(path)
        if problem:
            raise UsageError(f"refusing to publish: the site has a file {path!r}, which is not a "
                             f"plain relative path ({problem}); rename the file it comes from")
