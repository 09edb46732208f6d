"""Argument parsing and exit codes only: 0 ok, 1 content errors, 2 usage errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import BuildFailed, SiteError, UsageError


def make_parser() -> argparse.ArgumentParser:
    """The command line: build, serve, check, publish."""
    parser = argparse.ArgumentParser(
        prog="site-builder", description="Build explainer microsites from Markdown content."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="build the site into public/")
    build.add_argument("--root", type=Path, default=Path("."), help="project folder (default .)")
    build.add_argument("--out", type=Path, help="output folder (default ROOT/public)")
    build.add_argument("--base-url", help="absolute URL the site will live at")
    return parser


def run_build(args: argparse.Namespace) -> int:
    """site-builder build."""
    from .build import build

    root: Path = args.root
    if not (root / "content").is_dir():
        raise UsageError(f"{root / 'content'} does not exist: --root must hold a content/ folder")
    out_dir = args.out if args.out is not None else root / "public"
    result = build(root, out_dir, {"base_url": args.base_url})
    stats = result.stats
    assert stats is not None
    print(
        f"built {len(result.files)} files into {out_dir} "
        f"({stats.written} written, {stats.unchanged} unchanged) in {result.seconds:.2f} s"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; only our own errors are caught, anything else is a bug with a traceback."""
    args = make_parser().parse_args(argv)
    try:
        return {"build": run_build}[args.command](args)
    except BuildFailed as e:
        print(e.report(), file=sys.stderr)
        print("nothing was written; the previous output is unchanged", file=sys.stderr)
        return 1
    except SiteError as e:
        print(e, file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"site-builder: error: {e}", file=sys.stderr)
        return 2
