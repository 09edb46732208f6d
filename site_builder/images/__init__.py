"""Pictures: what an image file is (formats), the files a page serves for it (derivatives), and
the SVG checks (svg). Plain data in and out, so the build runs it in worker processes and memoises
it by derivative_key(); not yet wired into the build (issue 16)."""

from __future__ import annotations

from .derivatives import (
    DEFAULT_SETTINGS,
    Derivative,
    Derivatives,
    DerivativeSettings,
    derivative_key,
    derivative_widths,
    make_derivatives,
)
from .formats import DEFAULT_LIMITS, ImageInfo, ImageLimits, inspect_image, read_image_file

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_SETTINGS",
    "Derivative",
    "DerivativeSettings",
    "Derivatives",
    "ImageInfo",
    "ImageLimits",
    "derivative_key",
    "derivative_widths",
    "inspect_image",
    "make_derivatives",
    "read_image_file",
]
