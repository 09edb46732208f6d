"""Editorial integrity: quotes and figures checked against their sources (issue 5; stub)."""

from __future__ import annotations

from .errors import SiteError
from .model import Site


def check_provenance(site: Site) -> list[SiteError]:
    """Every problem with quotes and figures against their sources."""
    return []
