"""A command imports only what it uses: `build` never loads the preview server's livereload or
the browser tests' Playwright, a site without pictures, social cards or search never loads
Pillow or Pagefind, and a build with nothing to do loads none of the stages (each costs
start-up time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SMALL_PROJECT, texts_of, write_files

NEVER_ON_BUILD = ("livereload", "tornado", "playwright")
ONLY_WHEN_USED = ("PIL", "pagefind_bin")
NOT_ON_BUILD = ("email",)
"""What importlib.metadata imports (20-50 ms): the engine's fingerprint reads the libraries'
versions from their folders' names instead (cache.library_version)."""
ONLY_WITH_POOLS = ("multiprocessing", "concurrent")
"""What only a build that renders, draws or encodes in worker processes needs (5-8 ms): a small
site's build has none."""
ONLY_ON_ODD_INPUT = ("site_builder.validate.pasted", "decimal")
"""What reads values pasted from elsewhere (a date written out, printed coordinates) or hints
at their fix: compiling its patterns and importing decimal cost 5-10 ms of a build whose
content has none."""
ONLY_WITH_WORK = ("jinja2", "markdown_it", "yaml", "babel", "PIL", "pagefind_bin")
"""What a no-change rebuild must not import: it only hashes the inputs and checks the stamp."""

SHOW_MODULES = """
import json, sys
from site_builder.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]))
"""


def imported_by(*args: str | Path) -> tuple[int, set[str]]:
    """Run the CLI in a new process; its exit code and the modules it imported (a package's
    submodule with the package)."""
    result = subprocess.run(
        [sys.executable, "-c", SHOW_MODULES, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    code, modules = json.loads(result.stdout.splitlines()[-1])
    return code, set(modules)


def test_build_of_a_plain_site_imports_no_preview_browser_pillow_or_pagefind(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    code, modules = imported_by("build", "--root", root, "--out", tmp_path / "out")
    assert code == 0
    unused = (*NEVER_ON_BUILD, *ONLY_WHEN_USED, *NOT_ON_BUILD, *ONLY_WITH_POOLS, *ONLY_ON_ODD_INPUT)
    assert modules.isdisjoint(unused), modules & set(unused)
    assert "site_builder" in modules  # the check itself works


def test_build_with_social_cards_imports_pillow_but_not_the_preview(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    code, modules = imported_by(
        "build", "--root", root, "--out", tmp_path / "out", "--base-url", "https://example.org/"
    )
    assert code == 0
    assert "PIL" in modules
    assert modules.isdisjoint(NEVER_ON_BUILD + ONLY_WITH_POOLS), modules & set(ONLY_WITH_POOLS)


def test_check_imports_no_preview_or_browser(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    code, modules = imported_by("check", "--root", root)
    assert code == 0
    assert modules.isdisjoint(NEVER_ON_BUILD + ONLY_WHEN_USED)


def test_no_change_rebuild_imports_no_stage_and_an_edit_still_builds(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out = tmp_path / "out"
    build = ("build", "--root", root, "--out", out, "--base-url", "https://example.org/")
    assert imported_by(*build)[0] == 0  # cards, so Pillow, on a build with work
    code, modules = imported_by(*build)
    assert code == 0
    assert modules.isdisjoint(ONLY_WITH_WORK), modules & set(ONLY_WITH_WORK)
    assert "site_builder" in modules
    page = next(root.glob("content/people/*.md"))
    page.write_text(page.read_text("utf-8") + "\nA sentence added.\n", "utf-8")
    code, modules = imported_by(*build)
    assert code == 0
    assert {"jinja2", "markdown_it", "yaml"} <= modules
    assert "A sentence added." in texts_of(out / "people" / page.stem / "index.html", "p")
