"""First-mention links on each page (issue 5; stub)."""

from __future__ import annotations

from .model import Site


def link_mentions(html: str, page_url: str, site: Site) -> str:
    """The page with the first mention of each person, place and term linked."""
    return html
