"""Files for hosts and other tools: sitemap, robots, timeline.json, data.json (issue 4; stub)."""

from __future__ import annotations

from .model import Site


def render_outputs(site: Site, page_urls: list[str]) -> dict[str, bytes]:
    """Output path -> bytes for every non-page file the site ships."""
    return {}
