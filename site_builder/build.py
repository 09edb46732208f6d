"""The pipeline, in order: config, load, validate, link, render, write."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .config import load_config
from .errors import BuildFailed, SiteError
from .link import link_site
from .load import load_entries
from .markup import make_markdown
from .model import Item, Site
from .outputs import render_outputs
from .provenance import check_provenance
from .render import Renderer, find_theme, plan_pages
from .validate import validate_entry
from .write import WriteStats, check_out_dir, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, and what it cost."""

    site: Site
    files: dict[str, bytes]
    """Output path -> bytes, the whole site."""
    stats: WriteStats | None
    seconds: float


def load_site(root: Path, overrides: Mapping[str, Any]) -> Site:
    """Read and check everything; raise BuildFailed with every problem found."""
    config = load_config(root, overrides)
    raw_entries, errors = load_entries(root / "content", root, config.max_file_bytes)
    problems: list[SiteError] = list(errors)
    items: list[Item] = []
    for raw in raw_entries:
        item, item_errors = validate_entry(raw, config.default_source)
        problems.extend(item_errors)
        if item is not None:
            items.append(item)
    site, link_errors = link_site(config, items, make_markdown(config.raw_html))
    problems.extend(link_errors)
    if not problems:  # provenance needs a linked site
        problems.extend(check_provenance(site))
    if problems:
        raise BuildFailed(problems)
    return site


def render_site(site: Site, root: Path) -> dict[str, bytes]:
    """Every output file of the site, in memory."""
    root_path = urlsplit(site.config.base_url).path or "/"
    renderer = Renderer(site, find_theme(root), make_markdown(site.config.raw_html), root_path)
    plans = plan_pages(site)
    files, errors = renderer.render_all(plans)
    if errors:
        raise BuildFailed(errors)
    files.update(render_outputs(site, [plan.url for plan in plans]))
    return files


def build(root: Path, out_dir: Path | None, overrides: Mapping[str, Any]) -> BuildResult:
    """Build the project at root into out_dir (None: check only, write nothing)."""
    started = time.perf_counter()
    if out_dir is not None:
        check_out_dir(root, out_dir)
    site = load_site(root, overrides)
    files = render_site(site, root)
    stats = write_site(files, out_dir) if out_dir is not None else None
    return BuildResult(site, files, stats, time.perf_counter() - started)


__all__ = ["BuildFailed", "BuildResult", "build", "load_site", "render_site"]
