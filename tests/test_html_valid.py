"""The Nu HTML Checker reports no error on any page of the explainer, the second fixture or the
picture fixture."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_main, write_files
from site_server import REPO
from test_media import media_project

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
"""A short run's JVM: the quick compiler only and one GC thread take half the CPU time of the
defaults (2.0 s of CPU instead of 4.5 s for the explainer); with the quick compiler the
checker's schema needs a larger thread stack than the default (it says so if not)."""


def vnu_errors(*sites: Path) -> tuple[list[int], str]:
    """Run vnu --errors-only over every HTML page of the sites in one Java process (its start is
    most of the time); (page count per site, its error output, which names each file)."""
    pages = [sorted(str(p) for p in site.rglob("*.html")) for site in sites]
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", *(p for ps in pages for p in ps)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [len(ps) for ps in pages], result.stderr + result.stdout


def test_vnu_and_java_are_installed() -> None:
    assert VNU.is_file(), "run `npm ci` in the repo root to install vnu-jar"
    assert shutil.which("java"), "the Nu HTML Checker needs a Java runtime"


def test_explainer_second_explainer_and_picture_pages_are_valid_html(
    built_explainer: Path, tmp_path: Path
) -> None:
    """Every page of the explainer, of the second fixture and of the picture fixture (the pages
    that show pictures), in one run of the checker: its JVM's start is most of a run's CPU."""
    project = tmp_path / "flood"
    shutil.copytree(REPO / "tests" / "fixtures" / "second-explainer", project)
    result = run_main("build", "--root", project, "--out", tmp_path / "site")
    if result.returncode != 0:
        pytest.fail(result.stderr)
    pictures = write_files(tmp_path / "pictures", media_project())
    result = run_main("build", "--root", pictures, "--out", tmp_path / "pictures-site", "--no-cache")
    if result.returncode != 0:
        pytest.fail(result.stderr)
    counts, errors = vnu_errors(built_explainer, tmp_path / "site", tmp_path / "pictures-site")
    explainer_count, second_count, picture_count = counts
    assert explainer_count > 10 and second_count > 5 and picture_count > 5
    assert errors == ""
