"""A long command shows its progress on a terminal, redrawn in place, and nothing elsewhere."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, project_with_people

from site_builder.progress import CLEAR_LINE, DELAY, Progress


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def terminal() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A real pseudo-terminal: (its slave end as a text stream, its master's descriptor)."""
    master, slave = pty.openpty()
    stream = open(slave, "w", encoding="utf-8")  # noqa: SIM115  # closed below
    try:
        yield stream, master
    finally:
        stream.close()
        os.close(master)


def read_all(master: int) -> str:
    """Everything written to the terminal so far."""
    chunks = []
    while select.select([master], [], [], 0.05)[0]:
        chunks.append(os.read(master, 65536))
    return b"".join(chunks).decode()


def test_progress_shows_after_a_second_and_is_erased(terminal: tuple[io.TextIOWrapper, int]) -> None:
    stream, master = terminal
    clock = Clock()
    progress = Progress(stream, clock)
    progress.stage("reading", 40)
    progress.advance(40)
    assert read_all(master) == ""  # a quick command stays quiet
    clock.now += DELAY
    progress.stage("rendering", 200)
    clock.now += 0.5
    progress.advance(50)
    clock.now += 0.01
    progress.advance(10)  # too soon to redraw
    clock.now += 0.5
    progress.advance(40)
    progress.finish()
    assert read_all(master) == (
        f"{CLEAR_LINE}rendering: 0/200{CLEAR_LINE}rendering: 50/200, 100/s"
        f"{CLEAR_LINE}rendering: 100/200, 99/s{CLEAR_LINE}"
    )


def test_progress_writes_nothing_when_not_on_a_terminal() -> None:
    stream = io.StringIO()
    clock = Clock()
    progress = Progress(stream, clock)
    clock.now += 10
    progress.stage("rendering", 10)
    progress.advance(10)
    progress.finish()
    assert stream.getvalue() == ""


def build_with_stderr_on(stderr: int, root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--root", str(root), "--out", str(out), "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )


def test_a_long_build_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    root = project_with_people(tmp_path / "project", 2000)  # a build of some seconds
    master, slave = pty.openpty()
    try:
        on_terminal = build_with_stderr_on(slave, root, tmp_path / "one")
        shown = read_all(master)
    finally:
        os.close(slave)
        os.close(master)
    assert on_terminal.returncode == 0
    assert on_terminal.stdout.startswith("built ")  # the summary line is as it was
    # Which stages show depends on how fast the machine gets through the first second (on a
    # fast one rendering is over by then): some stage's line, with its count and rate, shows.
    assert re.search(r"\x1b\[K(reading|rendering|writing): \d+/\d+, \d+/s", shown), shown
    assert shown.endswith(CLEAR_LINE)  # erased before the summary
    piped = build_with_stderr_on(subprocess.PIPE, root, tmp_path / "two")
    assert piped.returncode == 0
    assert piped.stderr == ""
