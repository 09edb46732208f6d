"""Files for hosts and other tools: sitemap, robots, timeline.json, data.json (issue 4; stub)."""

from __future__ import annotations

from typing import Any

from .model import Site


def render_outputs(site: Site, page_urls: list[str]) -> dict[str, bytes]:
    """Output path -> bytes for every non-page file the site ships."""
    return {}


def template_globals(site: Site) -> dict[str, Any]:
    """Functions templates may call: structured-data helpers for templates."""
    return {}
