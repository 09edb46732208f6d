"""Argument parsing and exit codes only: 0 ok, 1 content errors, 2 usage errors, 3 the
environment failed (a write, a permission, a full disk, Pagefind or git)."""

from __future__ import annotations

import argparse
import errno
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from .errors import BuildFailed, EnvironmentFailure, SiteError, UsageError, printable
from .progress import Progress


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default .)")


def _add_now(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="DATETIME",
        help="judge embargoes at this moment, e.g. 2026-12-03T09:00:00+00:00 "
        "(default: SOURCE_DATE_EPOCH when set, else the clock)",
    )


def base_url(text: str) -> str:
    """--base-url's type: the rule site.yaml's base_url follows (an absolute http(s) URL), so a
    URL without its scheme, or an empty one, is a usage error instead of broken canonical links."""
    from .urls import is_http_url  # not validate's: that would import yaml on every build

    if is_http_url(text):
        return text
    rest = "".join(text.split()).split("://", 1)[-1].lstrip("/")
    if not rest or urlsplit(rest).scheme:  # nothing, or not a web address at all (javascript:)
        rest = "news.example.org/explainers/story/"
    raise argparse.ArgumentTypeError(
        f"{text!r} is not an absolute http(s) URL: write it with https://, like https://{rest}"
    )


class VersionAction(argparse.Action):
    """--version: prints `site_builder.__version__`, the one place the version is written (the
    package metadata is built from it). The package is imported already, so reading it costs
    nothing, and the answer is right from a clean install, an editable one, or a checkout."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from . import __version__

        print(f"site-builder {__version__}")  # on stdout, as argparse's own version action does
        parser.exit()


def make_parser() -> argparse.ArgumentParser:
    """The command line: new, build, serve, check, draft, publish."""
    parser = argparse.ArgumentParser(
        prog="site-builder", description="Build explainer microsites from Markdown content."
    )
    parser.add_argument("--version", action=VersionAction, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="start an explainer, or add a file to one",
        usage="%(prog)s DIR\n       %(prog)s KIND SLUG [--root DIR]",
        description="new DIR: write a small example explainer into DIR (new or empty) that "
        "builds and checks as it stands. new KIND SLUG: write content/KIND/SLUG.md with every "
        "field of its kind, each explained, the optional ones commented out.",
    )
    new.add_argument(
        "target",
        metavar="TARGET",
        help="without SLUG: the folder DIR to start an explainer in; with SLUG: the "
        "KIND of file, one of people, places, figures, events, glossary, pages, "
        "sources (or person, place, figure, event, term, page, source)",
    )
    new.add_argument(
        "slug",
        metavar="SLUG",
        nargs="?",
        help="with a KIND: the new file's slug (its name without .md: a-z, 0-9, -)",
    )
    new.add_argument(
        "--root", type=Path, metavar="DIR", help="with KIND SLUG: the project to add to (default .)"
    )

    build = commands.add_parser("build", help="build the site into public/")
    _add_root(build)
    build.add_argument("--out", type=Path, help="output folder (default ROOT/public)")
    build.add_argument(
        "--base-url",
        type=base_url,
        metavar="URL",
        help="absolute URL the site will live at (overrides site.yaml)",
    )
    build.add_argument("--no-cache", action="store_true", help="ignore and do not update the build cache")
    build.add_argument(
        "--drafts",
        action="store_true",
        help="include drafts and embargoed items, each with a banner and noindex",
    )
    _add_now(build)

    serve = commands.add_parser("serve", help="preview with live reload")
    _add_root(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--no-drafts", action="store_true", help="preview as published: leave drafts and embargoed items out"
    )

    check = commands.add_parser("check", help="validate everything, write nothing")
    _add_root(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--sources", action="store_true", help="print what each source supports")
    check.add_argument("--base-url", type=base_url, metavar="URL", help="absolute URL the site will live at")
    check.add_argument("--drafts", action="store_true", help="check drafts and embargoed items too")
    _add_now(check)

    draft = commands.add_parser(
        "draft",
        help="propose content files from a source article",
        description="draft SOURCE_SLUG: read content/sources/SOURCE_SLUG.md and write the people, "
        "places, figures, events and glossary terms it names, each with draft: true and its "
        "quotes copied exactly; nothing existing is overwritten, and a candidate an existing "
        "item already names is left out.",
    )
    draft.add_argument("source", metavar="SOURCE_SLUG", help="the source's slug (its file name without .md)")
    _add_root(draft)
    draft.add_argument("--dry-run", action="store_true", help="print the proposals as a table, write nothing")
    draft.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: the proposals, for tools"
    )

    publish = commands.add_parser("publish", help="build, check and ship the site")
    _add_root(publish)
    publish.add_argument("--to", choices=("git", "dir", "archive"), required=True)
    publish.add_argument("target", nargs="?", help="folder (dir) or archive file (archive)")
    publish.add_argument("--remote", default="origin", help="git remote (default origin)")
    publish.add_argument("--branch", default="gh-pages", help="git branch (default gh-pages)")
    publish.add_argument("--force", action="store_true", help="dir: sync into a folder we did not create")
    publish.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")
    publish.add_argument("--max-deletions", type=int, default=100, help="dir: refuse to delete more")
    publish.add_argument(
        "--base-url", type=base_url, metavar="URL", help="absolute URL the site will live at"
    )
    _add_now(publish)
    return parser


def require_content(root: Path) -> None:
    """--root must be an explainer project."""
    if not (root / "content").is_dir():
        raise UsageError(f"{root / 'content'} does not exist: --root must hold a content/ folder")


def run_build(args: argparse.Namespace) -> int:
    """site-builder build."""
    from .cache import CACHE_DIR, BuildCache
    from .drafts import build_moment
    from .uptodate import check_output

    require_content(args.root)
    out_dir = args.out if args.out is not None else args.root / "public"
    overrides = {"base_url": args.base_url, "drafts": args.drafts or None}
    moment = build_moment(args.now)
    started = time.perf_counter()
    cache = BuildCache(None if args.no_cache else args.root / CACHE_DIR, freeze_reads=True)
    freshness = check_output(args.root, out_dir, overrides, moment, cache)
    if freshness.unchanged is not None:  # told before the stages are imported (uptodate.py)
        seconds = time.perf_counter() - started
        print(f"{printable(str(out_dir))} is up to date ({freshness.unchanged} files) in {seconds:.2f} s")
        return 0
    # The engine (jinja2, markdown-it, yaml, every stage: about 0.45 s to import), only for a
    # build with work to do.
    from .arenas import full_collections_deferred, one_malloc_arena
    from .build import build
    from .render.workers import available_workers

    one_malloc_arena()  # before the build starts its pools' threads (arenas.py)

    progress = Progress(sys.stderr)
    try:
        with full_collections_deferred():
            result = build(
                args.root,
                out_dir,
                overrides,
                use_cache=not args.no_cache,
                workers=available_workers(),
                cache=cache,
                moment=moment,
                progress=progress,
                freshness=freshness,
                keep_files=False,  # pages are written as they are rendered, not held
            )
    finally:
        cache.resume_collection(freeze=False)  # a build that failed before it rendered
        progress.finish()
    stats = result.stats
    assert stats is not None
    print(
        f"built {stats.written + stats.unchanged} files into {printable(str(out_dir))} "
        f"({stats.written} written, {stats.unchanged} unchanged) in {result.seconds:.2f} s"
    )
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """site-builder serve."""
    from .serve import serve

    require_content(args.root)
    return serve(args.root, args.host, args.port, drafts=not args.no_drafts)


def run_check(args: argparse.Namespace) -> int:
    """site-builder check."""
    from .check import run_check as check
    from .drafts import build_moment

    require_content(args.root)
    return check(
        args.root,
        args.format,
        args.sources,
        {"base_url": args.base_url, "drafts": args.drafts or None},
        build_moment(args.now),
        Progress(sys.stderr),
    )


def run_new(args: argparse.Namespace) -> int:
    """site-builder new DIR, or new KIND SLUG."""
    from .scaffold import run_new as new

    print(new(args.target, args.slug, args.root))
    return 0


def run_draft(args: argparse.Namespace) -> int:
    """site-builder draft SOURCE_SLUG."""
    from .proposals.command import run_draft as draft

    print(draft(args.root, args.source, args.dry_run, args.format))
    return 0


def run_publish(args: argparse.Namespace) -> int:
    """site-builder publish: the flags as a typed target for publish()."""
    from .drafts import build_moment
    from .publish import ArchiveTarget, FolderTarget, GitBranchTarget, PublishTarget, publish

    require_content(args.root)
    if args.to != "git" and not args.target:
        raise UsageError(
            f"publish --to {args.to} needs a target: the "
            f"{'folder' if args.to == 'dir' else 'archive file'} to write"
        )
    if args.to == "git" and args.target:
        raise UsageError("publish --to git takes no target; use --remote and --branch")
    if args.max_deletions < 0:
        raise UsageError("--max-deletions must be 0 or more")
    target: PublishTarget
    if args.to == "git":
        target = GitBranchTarget(args.remote, args.branch)
    elif args.to == "dir":
        target = FolderTarget(Path(args.target), args.force, args.max_deletions)
    else:
        target = ArchiveTarget(Path(args.target))
    progress = Progress(sys.stderr)
    try:
        return publish(
            args.root,
            target,
            dry_run=args.dry_run,
            base_url=args.base_url,
            moment=build_moment(args.now),
            progress=progress,
        )
    finally:
        progress.finish()


REFUSALS = frozenset((errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO))
"""OSErrors that are the machine's doing, wherever they surface: exit 3, not a traceback."""

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": run_build,
    "serve": run_serve,
    "check": run_check,
    "publish": run_publish,
    "new": run_new,
    "draft": run_draft,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; only our own errors are caught, anything else is a bug with a traceback."""
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BuildFailed as e:
        print(e.report(), file=sys.stderr)
        print("nothing was written; the previous output is unchanged", file=sys.stderr)
        return 1
    except SiteError as e:
        print(e, file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"site-builder: error: {printable(str(e))}", file=sys.stderr)
        return 2
    except EnvironmentFailure as e:
        print(f"site-builder: failed: {printable(str(e))}", file=sys.stderr)
        return 3
    except OSError as e:  # the system refused a read or a write (a content file, say): exit 3
        if e.errno not in REFUSALS:
            raise  # a missing file we meant to read is more likely a bug: show its traceback
        where = f"{printable(str(e.filename))}: " if e.filename is not None else ""
        print(f"site-builder: failed: {where}{e.strerror or e}", file=sys.stderr)
        return 3


def run() -> NoReturn:
    """The command (`site-builder`, `python -m site_builder`): main(), then the exit, which skips
    looking through what the command leaves: gc.freeze puts it out of the sight of the
    interpreter's last collections, and the process's end frees it all (0.06 s less after the
    explainer's build, of about 0.07 s spent exiting). Not in main(): the tests call it in
    their own process, which goes on."""
    code = main()
    gc.freeze()
    raise SystemExit(code)
