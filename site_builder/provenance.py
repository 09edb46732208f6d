"""Editorial integrity: quotes and figures checked against their sources (issue 5; stub)."""

from __future__ import annotations

from typing import Any

from .errors import SiteError
from .model import Site


def check_provenance(site: Site) -> list[SiteError]:
    """Every problem with quotes and figures against their sources."""
    return []


def template_globals(site: Site) -> dict[str, Any]:
    """Functions templates may call: quote anchors and source lookups for templates."""
    return {}


def sources_report(site: Site) -> str:
    """The `check --sources` table: per source, what cites it and which passages nothing uses."""
    return ""
