"""site-builder: a static site generator for explainer microsites."""

__version__ = "0.1.0"
