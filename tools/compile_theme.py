"""Compile the default theme's templates into site_builder/render/theme_code/.

Run after changing a file of templates/ (tests/test_theme_code.py fails until then):

    python tools/compile_theme.py

A build takes a template from there only while its source is the one compiled, by the same Jinja
version with the same settings (render/theme.py, THEME_CODE); any other it compiles itself.
"""

from __future__ import annotations

import shutil

from site_builder.render.theme import THEME_CODE, write_theme_code

if __name__ == "__main__":
    shutil.rmtree(THEME_CODE, ignore_errors=True)
    write_theme_code(THEME_CODE)
    print(f"compiled the default theme into {THEME_CODE}")
