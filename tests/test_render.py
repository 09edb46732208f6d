"""Rendering in forked workers: the merge, and a worker that fails, is killed or is orphaned."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from conftest import REPO

from site_builder.errors import BuildFailed, ContentError, EnvironmentFailure, SiteError
from site_builder.render import PagePlan, Renderer
from site_builder.render.renderer import RenderWorkerFailed, render_forked
from site_builder.urls import output_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="render workers are forked")


class PlainRenderer(Renderer):
    """A Renderer whose pages are their URLs, with `hook` called on each chunk first."""

    def __init__(self, hook: Callable[[Sequence[PagePlan]], None] = lambda plans: None) -> None:
        self.hook = hook  # no site: render_forked needs render_pages only
        self.parent = os.getpid()

    def in_worker(self) -> bool:
        return os.getpid() != self.parent

    def render_pages(self, plans: Sequence[PagePlan]) -> tuple[dict[str, bytes], list[SiteError]]:
        self.hook(plans)
        files = {output_path(plan.url): plan.url.encode() for plan in plans}
        errors: list[SiteError] = [ContentError("templates/page.html", 3, 1, "same in every chunk")]
        return files, errors


def make_plans(count: int) -> list[PagePlan]:
    return [PagePlan(f"/page-{index}/", "page.html", f"Page {index}", "") for index in range(count)]


def test_merge_is_in_plan_order() -> None:
    """Three processes, one result: the serial one, in plan order, each error once."""
    plans = make_plans(30)
    renderer = PlainRenderer()
    files, errors = render_forked(renderer, plans, 3)
    serial_files, serial_errors = renderer.render_pages(plans)
    assert list(files.items()) == list(serial_files.items())
    assert [str(error) for error in errors] == [str(error) for error in serial_errors]


def explode_in_worker(renderer: PlainRenderer) -> None:
    if renderer.in_worker():
        {}["no such key"]  # the bug under test


def test_a_worker_bug_reaches_the_parent_with_its_traceback() -> None:
    """The parent's exception names the worker and carries the worker's own traceback."""
    renderer = PlainRenderer()
    renderer.hook = lambda plans: explode_in_worker(renderer)
    with pytest.raises(RenderWorkerFailed) as raised:
        render_forked(renderer, make_plans(4), 2)
    message = str(raised.value)
    assert re.match(r"render worker \d+ failed:\nTraceback \(most recent call last\):\n", message)
    assert "in explode_in_worker\n" in message
    assert '{}["no such key"]' in message
    assert message.endswith("KeyError: 'no such key'\n")


PASSED_ON = [
    pytest.param(ContentError("content/people/ada.md", 7, 3, "[[bob]] links to no item"),
                 id="site-error"),
    pytest.param(BuildFailed([ContentError("templates/a.html", 2, 1, "x")], "provenance"),
                 id="build-failed"),
    pytest.param(EnvironmentFailure("cannot write /srv/public"), id="environment-failure"),
    pytest.param(PermissionError(errno.EACCES, "Permission denied", "/srv/t.html"),
                 id="refused-by-the-system"),
]


@pytest.mark.parametrize("error", PASSED_ON)
def test_what_the_cli_reports_is_raised_as_itself(error: Exception) -> None:
    """An error the CLI reports by itself (exit 1, 2, 3) stays that error, as in one process;
    the worker's traceback is its cause."""
    def fail(plans: Sequence[PagePlan]) -> None:
        if renderer.in_worker():
            raise error

    renderer = PlainRenderer(fail)
    with pytest.raises(type(error)) as raised:
        render_forked(renderer, make_plans(4), 2)
    assert str(raised.value) == str(error)
    if isinstance(error, BuildFailed):
        assert isinstance(raised.value, BuildFailed)
        assert raised.value.report() == error.report()
    cause = raised.value.__cause__
    assert isinstance(cause, RenderWorkerFailed)
    assert f"{type(error).__name__}: " in str(cause)
    assert "raise error\n" in str(cause)


def test_a_killed_worker_is_named_with_its_signal() -> None:
    """A worker killed mid-render (the OOM killer, say): the message names it and the signal."""
    def die(plans: Sequence[PagePlan]) -> None:
        if renderer.in_worker():
            os.kill(os.getpid(), signal.SIGKILL)

    renderer = PlainRenderer(die)
    with pytest.raises(RenderWorkerFailed, match=r"^render worker \d+ was killed by SIGKILL$"):
        render_forked(renderer, make_plans(4), 2)


def is_gone(pid: int) -> bool:
    """True once pid has exited (a zombie waiting for init to reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rpartition(")")[2].split()[0] in ("Z", "X")


def wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not is_gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def read_pids(folder: Path, count: int, seconds: float = 10) -> list[int]:
    """The pids that `count` workers wrote to folder, once they all have."""
    deadline = time.monotonic() + seconds
    while len(files := sorted(folder.glob("*.pid"))) < count or any(
            not file.read_text() for file in files):
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.02)
    return [int(file.read_text()) for file in files]


def kill_leftovers(pids: list[int]) -> None:
    for pid in pids:
        if not is_gone(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_when_the_parent_fails_the_other_workers_are_stopped(tmp_path: Path) -> None:
    """The parent's own chunk raises while two workers are still busy: they are killed and
    reaped, not left rendering (or blocked on a full pipe) until the process ends."""
    def slow(plans: Sequence[PagePlan]) -> None:
        if renderer.in_worker():
            (tmp_path / f"{os.getpid()}.pid").write_text(str(os.getpid()))
            time.sleep(30)
        else:
            read_pids(tmp_path, 2)
            raise ZeroDivisionError("the parent's own bug")

    renderer = PlainRenderer(slow)
    try:
        with pytest.raises(ZeroDivisionError):
            render_forked(renderer, make_plans(6), 3)
        pids = read_pids(tmp_path, 2)
        for pid in pids:
            assert is_gone(pid)
            with pytest.raises(ChildProcessError):  # reaped already: no zombie left behind
                os.waitpid(pid, os.WNOHANG)
    finally:
        kill_leftovers([int(file.read_text()) for file in tmp_path.glob("*.pid")])


ORPHAN_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from site_builder.render import PagePlan, Renderer
    from site_builder.render.renderer import render_forked

    class Slow(Renderer):
        def __init__(self):
            self.parent = os.getpid()

        def render_pages(self, plans):
            if os.getpid() != self.parent:
                Path(sys.argv[1], f"{os.getpid()}.pid").write_text(str(os.getpid()))
            time.sleep(30)
            return {}, []

    plans = [PagePlan(f"/p{index}/", "page.html", "P", "") for index in range(4)]
    render_forked(Slow(), plans, 3)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG)")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """SIGKILL the process that forked the workers: they go too, within a second."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(tmp_path)], env=env)
    pids: list[int] = []
    try:
        pids = read_pids(tmp_path, 2)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        assert all(wait_gone(pid, 1.0) for pid in pids), "a worker outlived its parent"
    finally:
        parent.kill()
        parent.wait(timeout=10)
        kill_leftovers(pids)
