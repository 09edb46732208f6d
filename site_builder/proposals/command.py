"""The `draft` command: read the project, propose from one source, then write or print."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from ..build import load_items
from ..cache import BuildCache
from ..config import load_config
from ..errors import BuildFailed, EnvironmentFailure, SiteError, UsageError, did_you_mean
from ..model import Item, Source
from ..sections import RESERVED_SLUGS
from . import KINDS, draft_source
from .files import as_json, prepare, table, write_files

HOME = "content/pages/index.md"


def home_page(source: Source) -> str:
    """A home page for a project that has none (`build` needs one): not a draft, and with no
    links to the drafts, so the site builds and checks with or without them."""
    title = json.dumps(source.title or "Explainer", ensure_ascii=False)
    return (
        "---\n"
        "# Written by site-builder draft because the project had no home page: rewrite it.\n"
        f"title: {title}\n"
        "---\n"
        "To write: the story in a few paragraphs. Link to an item with its slug in double square\n"
        "brackets once it is no longer a draft.\n"
    )


def write_home(root: Path, source: Source) -> None:
    """Write the home page, unless one appeared meanwhile."""
    path = root / HOME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(home_page(source))
    except FileExistsError:
        return
    except OSError as e:
        raise EnvironmentFailure(f"cannot write {path}: {e.strerror or e}") from e


def load_project(root: Path, slug: str) -> tuple[Source, list[SiteError], list[Item], str]:
    """The source to draft from, the project's problems, its items and its default source."""
    config, problems = load_config(root, {})
    items, item_problems, _ = load_items(root, config, BuildCache(None))
    sources = {item.slug: item for item in items if isinstance(item, Source)}
    if slug not in sources:
        on_disk = sorted(path.stem for path in (root / "content" / "sources").glob("*.md"))
        if slug in on_disk:  # there, but broken: the problems say why
            raise BuildFailed([*problems, *item_problems])
        known = f": the sources are {', '.join(on_disk)}" if on_disk else ": content/sources/ has none"
        raise UsageError(
            f"no source '{slug}' in {root / 'content' / 'sources'}{did_you_mean(slug, on_disk)}{known}"
        )
    return sources[slug], [*problems, *item_problems], items, config.default_source


def run_draft(root: Path, slug: str, dry_run: bool, output: str) -> str:
    """`site-builder draft SLUG`: propose content files from a source, write those that pass
    every check (or only list them), and say what was done."""
    if not (root / "content").is_dir():
        raise UsageError(
            f"{root / 'content'} does not exist: --root must hold a content/ folder "
            "(start an explainer with 'site-builder new DIR', then put the article in content/sources/)"
        )
    source, problems, items, default_source = load_project(root, slug)
    if problems:  # names of broken files are unknown: a proposal could duplicate them
        raise BuildFailed(problems)
    taken = {path.stem for path in (root / "content").glob("*/*.md")} | set(RESERVED_SLUGS)
    draft = draft_source(source, items, taken)
    files, refused = prepare(draft.proposals, source, default_source)
    home = "" if (root / HOME).exists() else HOME
    skipped = [
        {
            "kind": s.proposal.kind,
            "name": s.proposal.title,
            "line": str(s.proposal.line),
            "existing": s.existing,
        }
        for s in draft.skipped
    ]
    if not dry_run:
        files = write_files(root, files)
        if home:
            write_home(root, source)
    if output == "json":
        return as_json(files, KINDS, skipped, wrote=not dry_run, home=home)
    lines = [table(files)] if dry_run else []
    verb = "would write" if dry_run else "wrote"
    lines.append(f"{verb} {len(files)} files from {source.path} (each proposal with draft: true)")
    if not dry_run:
        lines += [f"  {file.path}  (line {file.proposal.line})" for file in files]
    if home:
        lines.append(f"{verb} {home}: the project had no home page, and build needs one")
    if skipped:
        lines.append(f"left out {len(skipped)} candidates an existing item already covers:")
        lines += [f"  {s['kind']}: {s['name']} (line {s['line']}), see {s['existing']}" for s in skipped]
    for proposal, why in refused:
        lines.append(f"left out {proposal.kind} '{proposal.title}' (line {proposal.line}): {why[0]}")
    quoted = shlex.quote(str(root))
    lines.append(f"next: site-builder serve --root {quoted}    # drafts show with a banner; edit, then check")
    return "\n".join(lines)
