"""Render: the site's pages through the theme's Jinja templates, all in memory.

theme.py finds the templates and makes the environment, pages.py plans the pages, renderer.py
renders them (workers.py: in a process pool for large sites), charts.py draws the inline SVG
pictures (chart_sizes.py reads their text sizes from the theme's stylesheet, basemap.py draws the
maps' land and borders), claims.py words figures and claims with who says so, provenance_view.py
gives templates the /sources/ and /corrections/ data, pictures.py shows content/media/'s pictures,
social_card.py draws each page's link-preview picture (og:image) when it has none of its own.
"""

from __future__ import annotations

from .pages import PagePlan, hashed_name, plan_pages
from .renderer import Renderer
from .theme import Theme, find_theme, make_environment, template_files

__all__ = [
    "PagePlan",
    "Renderer",
    "Theme",
    "find_theme",
    "hashed_name",
    "make_environment",
    "plan_pages",
    "template_files",
]
