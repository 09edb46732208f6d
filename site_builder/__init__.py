"""site-builder: a static site generator for explainer microsites."""

# The one place the version is written: pyproject.toml reads it from here
# ([tool.setuptools.dynamic]), and `site-builder --version` prints it. Bump it with CHANGELOG.md.
__version__ = "0.1.0"
