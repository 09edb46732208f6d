"""Shared test helpers: write a project from a dict, run the CLI, snapshot an output folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from playwright.sync_api import Browser, sync_playwright
from site_server import CHROMIUM, CHROMIUM_ARGS

from site_builder.build import build

REPO = Path(__file__).resolve().parent.parent

SMALL_PROJECT: dict[str, str] = {
    "content/site.yaml": (
        "title: Small explainer\n"
        "description: A tiny explainer the tests break one way at a time.\n"
        "language: en\n"
        "default_source: article\n"
    ),
    "content/sources/article.md": (
        "---\n"
        "title: Talks in the town\n"
        "publisher: Test Press\n"
        "date: 2021-09\n"
        "---\n"
        "Ada Lovelace said the talks would resume. More than 300 people came to the town hall.\n"
    ),
    "content/pages/index.md": (
        "---\n"
        "title: Home\n"
        "summary: What happened in the town.\n"
        "---\n"
        "The talks involved [[ada]] and [[nrf|the front]].\n"
    ),
    "content/people/ada.md": (
        "---\n"
        "name: Ada Lovelace\n"
        "role: Negotiator\n"
        "summary: Led the talks.\n"
        "affiliations: [nrf]\n"
        "---\n"
        "Ada lives in [[town]].\n"
    ),
    "content/places/town.md": (
        "---\n"
        "name: The Town\n"
        "kind: town\n"
        "summary: Where the talks took place.\n"
        "---\n"
    ),
    "content/glossary/nrf.md": (
        "---\n"
        "term: National Resistance Front\n"
        "abbr: NRF\n"
        "definition: An armed group.\n"
        "---\n"
    ),
    "content/events/talks.md": (
        "---\n"
        "title: Talks resume\n"
        "date: 2021-09-02\n"
        "summary: The talks resumed.\n"
        "people: [ada]\n"
        "places: [town]\n"
        "---\n"
    ),
    "content/figures/attendance.md": (
        "---\n"
        "label: People at the town hall\n"
        "value: 300\n"
        "unit: people\n"
        "qualifier: more than\n"
        'quote: "More than 300 people came to the town hall"\n'
        "places: [town]\n"
        "---\n"
    ),
}
"""A valid project using every kind once; tests copy it and break one file."""


ADA = "content/people/ada.md"
TALKS = "content/events/talks.md"


def person(extra: str = "", body: str = "") -> str:
    """SMALL_PROJECT's ada.md with extra front-matter lines and a body."""
    return f"---\nname: Ada Lovelace\nrole: Negotiator\nsummary: Led the talks.\n{extra}---\n{body}"


class LinkCollector(HTMLParser):
    """Every href of every <a> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a Markdown document, as markdown-it-py parses it."""

    info: str
    """The info string's first word, lowercased ('yaml', 'sh', '' for none)."""
    content: str
    line: int
    """1-based line of the block's first content line."""
    comments: tuple[str, ...]
    """HTML comments standing right before it (blank lines allowed, nothing else)."""


def fenced_blocks(text: str) -> list[Fence]:
    """Every fenced code block of a Markdown text, in order, found by a CommonMark parser."""
    found: list[Fence] = []
    comments: list[str] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "html_block" and token.content.lstrip().startswith("<!--"):
            comments += [line.strip() for line in token.content.splitlines() if line.strip()]
        elif token.type == "fence":
            assert token.map is not None
            info = token.info.split()[0].lower() if token.info.strip() else ""
            found.append(Fence(info, token.content, token.map[0] + 2, tuple(comments)))
            comments = []
        elif token.nesting >= 0 and token.level == 0:  # any other block: comments were its own
            comments = []
    return found


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root; returns root."""
    for rel_path, data in files.items():
        path = root / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m site_builder ARGS` as a user runs it: real process, real exit code."""
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": python_path}  # test this checkout, not another install
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or REPO, env=env, timeout=120, check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder (relative path -> bytes): equal snapshots mean identical trees."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def break_project(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Overwrite or add files under root; None deletes the file."""
    for rel_path, data in files.items():
        if data is None:
            (root / rel_path).unlink()
        else:
            write_files(root, {rel_path: data})


def error_lines(stderr: str) -> list[str]:
    """The reported errors: every stderr line before the 'N errors' count line."""
    lines = stderr.splitlines()
    count_at = next(i for i, line in enumerate(lines) if re.fullmatch(r"\d+ errors?", line))
    assert lines[count_at] == f"{count_at} error{'s' if count_at != 1 else ''}", stderr
    return lines[:count_at]


def assert_fails_leaving_output(root: Path, out_dir: Path, expected: list[str]) -> str:
    """Build root into out_dir: exit 1, exactly the expected errors, out_dir as it was before.

    Returns stderr so callers can check more.
    """
    before = snapshot(out_dir)
    assert before, "build a good site into out_dir first"
    result = run_cli("build", "--root", root, "--out", out_dir, cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert error_lines(result.stderr) == expected, result.stderr
    assert snapshot(out_dir) == before
    return result.stderr


@pytest.fixture
def built_project(tmp_path: Path) -> tuple[Path, Path]:
    """(project root, output folder): SMALL_PROJECT written and built once, successfully."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})  # in-process: the broken build after it is the one run as a user would
    return root, out_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one per test module."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
