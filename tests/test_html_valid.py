"""The Nu HTML Checker reports no error on any page of the explainer or the second fixture."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_main
from site_server import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site: Path) -> tuple[int, str]:
    """Run vnu --errors-only over every HTML page; (page count, its error output)."""
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *pages],
                            capture_output=True, text=True, timeout=300, check=False)
    return len(pages), result.stderr + result.stdout


def test_vnu_and_java_are_installed() -> None:
    assert VNU.is_file(), "run `npm ci` in the repo root to install vnu-jar"
    assert shutil.which("java"), "the Nu HTML Checker needs a Java runtime"


def test_explainer_pages_are_valid_html(built_explainer: Path) -> None:
    count, errors = vnu_errors(built_explainer)
    assert count > 10
    assert errors == ""


def test_second_explainer_pages_are_valid_html(tmp_path: Path) -> None:
    project = tmp_path / "flood"
    shutil.copytree(REPO / "tests" / "fixtures" / "second-explainer", project)
    result = run_main("build", "--root", project, "--out", tmp_path / "site")
    if result.returncode != 0:
        pytest.fail(result.stderr)
    count, errors = vnu_errors(tmp_path / "site")
    assert count > 5
    assert errors == ""
