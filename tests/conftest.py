"""Shared test helpers: write a project from a dict, run the CLI, snapshot an output folder;
the explainer built once per run, and Chromium for the tests marked `browser`."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from markdown_it import MarkdownIt
from site_server import CHROMIUM, CHROMIUM_ARGS, build_explainer

from site_builder.build import build
from site_builder.cli import main

if TYPE_CHECKING:  # Playwright is imported by the browser fixture only: `-m "not browser"` runs without it
    from playwright.sync_api import Browser

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
        "---\nname: The Town\nkind: town\nsummary: Where the talks took place.\n---\n"
    ),
    "content/glossary/nrf.md": (
        "---\nterm: National Resistance Front\nabbr: NRF\ndefinition: An armed group.\n---\n"
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


class ElementTexts(HTMLParser):
    """The text of every <tag> of a page, one string per element, in order."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag = tag
        self.texts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def texts_of(path: Path, tag: str) -> list[str]:
    """The text of every <tag> of the page at path."""
    parser = ElementTexts(tag)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


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
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=env,
        timeout=120,
        check=False,
    )


def run_main(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`site-builder ARGS` through cli.main in this process, what it prints captured: run_cli's
    result without starting an interpreter (a third of a command's time), for tests of what a
    command does rather than of the process (test_cli runs those as a user would)."""
    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or REPO), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's usage errors
            code = e.code if isinstance(e.code, int) else int(e.code is not None)
    return subprocess.CompletedProcess(["site-builder", *argv], code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder (relative path -> bytes): equal snapshots mean identical trees."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
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
    """Build root into out_dir with the CLI's main: exit 1, exactly the expected errors as the
    user reads them, out_dir as it was before.

    Returns stderr so callers can check more.
    """
    before = snapshot(out_dir)
    assert before, "build a good site into out_dir first"
    result = run_main("build", "--root", root, "--out", out_dir, cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert error_lines(result.stderr) == expected, result.stderr
    assert snapshot(out_dir) == before
    return result.stderr


def project_with_people(root: Path, people: int) -> Path:
    """SMALL_PROJECT and `people` more people in a ring, each linking the next and Ada: a build
    as large as a test needs (the render pool's threshold, a progress line's second)."""
    files = dict(SMALL_PROJECT)
    for index in range(people):
        files[f"content/people/extra-{index}.md"] = (
            f"---\nname: Extra Person {index}\nrole: Witness\nsummary: Person {index}.\n---\n"
            f"Met [[extra-{(index + 1) % people}]] and [[ada]].\n"
        )
    return write_files(root, files)


@pytest.fixture
def built_project(tmp_path: Path) -> tuple[Path, Path]:
    """(project root, output folder): SMALL_PROJECT written and built once, successfully."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})  # the build function: the broken build after it goes through the CLI
    return root, out_dir


MEMORY_DIR = Path("/dev/shm")
"""A folder in memory, on Linux: where the suite's temporary folders go when it is there."""
MEMORY_PREFIX = "site-builder-tests-"
MEMORY_RUN = pytest.StashKey[Path]()
"""This run's folder in MEMORY_DIR, when pytest_configure made one."""


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """The tests' temporary folders in memory (MEMORY_DIR) when the machine has it and no
    --basetemp is given: the suite makes and deletes some 90,000 files a run, and on a disk that
    slows every file made after many were deleted (ext4 passing over freed inodes), which times
    the disk, not the engine. The files are as real there (hard links, renames, permissions).
    One folder per run (runs at the same time do not share one); a run's folder is removed when
    it passes, and a failed run's when a later run finds its pytest gone."""
    if config.option.basetemp or hasattr(config, "workerinput") or not os.access(MEMORY_DIR, os.W_OK):
        return
    for left in MEMORY_DIR.glob(f"{MEMORY_PREFIX}*"):
        pid = left.name.removeprefix(MEMORY_PREFIX).partition("-")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(left, ignore_errors=True)
    config.option.basetemp = tempfile.mkdtemp(prefix=f"{MEMORY_PREFIX}{os.getpid()}-", dir=MEMORY_DIR)
    config.stash[MEMORY_RUN] = Path(config.option.basetemp)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remove this run's folder in memory when every test passed (a failed run's stays to look at)."""
    folder = session.config.stash.get(MEMORY_RUN, None)
    if folder is not None and exitstatus == 0:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Write the engine's bytecode once, as `pip install` does: under PYTHONDONTWRITEBYTECODE
    (set on the development machines) every `python -m site_builder` the tests start would
    otherwise compile the whole engine again (compile_dir skips what is up to date)."""
    import compileall

    compileall.compile_dir(REPO / "site_builder", quiet=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses Chromium (the `browser` fixture, directly or through another fixture)
    carries the `browser` mark, so `-m "not browser"` deselects exactly those."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one per test process (each xdist worker launches its own)."""
    from playwright.sync_api import expect, sync_playwright

    # How long an expect() may wait for a condition to come true before the test fails: what a
    # loaded two-core machine needs, not a timing assertion.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def built_explainer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's explainer (content/), built once per test run with the real CLI.

    Shared by every test that only reads it, across the xdist workers too: the first to need it
    builds it into the run's common temporary folder under a file lock, the others wait and
    reuse it. Never write into it; a test that changes a built site builds or copies its own.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's basetemp is popen-gwN in the run's folder
        shared = shared.parent
    out_dir = shared / "explainer-site"
    with open(shared / "explainer-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not out_dir.is_dir():  # the build swaps its output in whole: a folder there is complete
            build_explainer(out_dir)
    return out_dir
