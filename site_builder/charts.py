"""Inline, accessible SVG pictures drawn at build time (issue 6; stub)."""

from __future__ import annotations

from typing import Any

from .model import Site


def template_globals(site: Site) -> dict[str, Any]:
    """Functions templates may call to draw the timeline strip, figure bars and place diagrams."""
    return {}
