"""Render workers: a large site renders in a process pool exactly as in one process, and a
failure in a worker reaches the user as it would from one process, with the worker's traceback."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, SMALL_PROJECT, project_with_people, run_cli, run_main, write_files

from site_builder.arenas import POOL_SWITCH_INTERVAL
from site_builder.build import build, load_site
from site_builder.errors import BuildFailed, ContentError
from site_builder.markup import RenderedBody
from site_builder.render import PagePlan, find_theme, plan_pages
from site_builder.render.renderer import Renderer
from site_builder.render.workers import (
    JOB_FILE_PREFIX,
    PARALLEL_MIN_PAGES,
    RenderJob,
    available_workers,
    dumps,
    make_chunks,
    remove_orphan_job_files,
    render_in_pool,
    render_pool,
    travels,
)
from site_builder.serve.preview import Preview

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def make_job(root: Path) -> RenderJob:
    site = load_site(root, {})
    theme = find_theme(root)
    return RenderJob(site, theme, tuple(plan_pages(site, theme.strings)), "/", None)


def children(pid: int) -> list[int]:
    """The processes whose parent is pid."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # it exited while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def is_fork_server(pid: int) -> bool:
    """Whether process pid is a multiprocessing fork server (by its command line)."""
    try:
        return b"multiprocessing.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it exited while we looked
        return False


def grandchildren(pid: int) -> list[int]:
    """The render workers of process pid: children of the fork server it started (not, say, the
    Chromium under the Playwright driver a browser test of this process started)."""
    return [worker for child in children(pid) if is_fork_server(child) for worker in children(child)]


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_parallel_build_equals_a_serial_build(tmp_path: Path) -> None:
    """Every file of the site, byte for byte. Compared as the builds return them: the pool
    renders, the parent writes what it returns, and writing 2,000 files twice took half the
    test's time."""
    root = project_with_people(tmp_path / "project", PARALLEL_MIN_PAGES)
    serial = build(root, None, {}, use_cache=False, workers=1).files
    assert len(serial) > PARALLEL_MIN_PAGES
    assert build(root, None, {}, use_cache=False, workers=3).files == serial


def first_page(root: Path) -> PagePlan:
    """A page of the first chunk, which a worker renders (this process takes chunks from the
    end): the first of the pages that list a kind (they are dealt first)."""
    return next(plan for plan in make_job(root).plans if plan.item is None)


def break_first_page(root: Path, mistake: str) -> str:
    """Make the first page's template (only) fail on the first page; its name."""
    page = first_page(root)
    write_files(
        root,
        {
            f"templates/{page.template}": (
                f'{{% extends "default/{page.template}" %}}\n'
                f"{{% block main %}}{{% if page_url == '{page.url}' %}}{mistake}{{% endif %}}"
                "{% endblock %}\n"
            )
        },
    )
    return page.template


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the CLI renders in a pool with 2+ CPUs")
def test_a_template_error_in_a_worker_reads_as_in_a_serial_build(tmp_path: Path) -> None:
    root = project_with_people(tmp_path / "project", PARALLEL_MIN_PAGES)
    template = break_first_page(root, "{{ item.nmae }}")
    with pytest.raises(BuildFailed) as serial:
        build(root, None, {}, use_cache=False, workers=1)
    # The CLI renders this site in a pool (one worker per CPU): what it prints is the serial
    # build's report, word for word.
    assert available_workers() >= 2
    result = run_main("build", "--root", root, "--out", tmp_path / "out", "--no-cache")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *serial.value.report().splitlines(),
        "nothing was written; the previous output is unchanged",
    ]
    assert serial.value.report().splitlines() == [
        f"templates/{template}:2:1: undefined in template: 'None' has no attribute 'nmae'",
        "1 error",
    ]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the CLI renders in a pool with 2+ CPUs")
def test_a_bug_in_a_worker_shows_the_workers_traceback(tmp_path: Path) -> None:
    root = project_with_people(tmp_path / "project", PARALLEL_MIN_PAGES)
    break_first_page(root, "{{ containing_places(none) }}")  # a call our code cannot handle
    with pytest.raises(AttributeError) as serial:
        build(root, None, {}, use_cache=False, workers=1)
    assert str(serial.value) == "'NoneType' object has no attribute 'part_of'"
    # The CLI renders this site in a pool (one worker per CPU), and ends in the serial build's
    # exception: the worker's traceback, then ours, each ending in it.
    result = run_cli("build", "--root", root, "--out", tmp_path / "out", "--no-cache")
    assert result.returncode == 1
    worker_part, _, parent_part = result.stderr.partition(
        "The above exception was the direct cause of the following exception:"
    )
    assert "in render_chunk\n" in worker_part and "in containing_places\n" in worker_part
    assert "in worker_result\n" in parent_part
    message = f"AttributeError: {serial.value}"
    assert worker_part.count(message) == 1
    assert parent_part.rstrip().endswith(message)


def test_the_pool_works_when_started_from_a_thread(tmp_path: Path) -> None:
    """As in `serve`, whose server and watcher threads run while a rebuild renders."""
    job = make_job(write_files(tmp_path / "project", SMALL_PROJECT))
    serial = Renderer(job.site, job.theme).render_pages(job.plans)
    results: list[object] = []
    idle = threading.Event()
    bystander = threading.Thread(target=idle.wait)  # another thread, as serve has
    bystander.start()
    try:
        worker = threading.Thread(
            target=lambda: results.append(render_in_pool(Renderer(job.site, job.theme), job, 3))
        )
        worker.start()
        worker.join(timeout=120)
    finally:
        idle.set()
        bystander.join()
    assert results == [serial]


def test_threads_get_the_gil_quickly_while_a_pool_renders(tmp_path: Path) -> None:
    """The pool's threads here read each chunk a worker sends: while it renders, a thread
    waiting for the GIL gets it within POOL_SWITCH_INTERVAL; the interval is put back after."""
    job = make_job(write_files(tmp_path / "project", SMALL_PROJECT))
    before = sys.getswitchinterval()
    with render_pool(job, 2) as render:
        during = sys.getswitchinterval()
        render(Renderer(job.site, job.theme))
    assert during == POOL_SWITCH_INTERVAL < before
    assert sys.getswitchinterval() == before


def test_when_rendering_fails_no_worker_is_left(tmp_path: Path) -> None:
    """Every page raises, here and in the workers: the pool is shut down before the exception
    goes on, its workers exited and reaped."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    for template in ("home.html", "page.html", "person.html", "place.html", "404.html"):
        write_files(root, {f"templates/{template}": "{{ containing_places(none) }}\n"})
    job = make_job(root)
    with pytest.raises(AttributeError):
        render_in_pool(Renderer(job.site, job.theme), job, 3)
    # The workers have exited; the fork server reaps them on its own, a moment later (and a pool
    # another test of this process ran may still be going the same way): wait for that.
    assert wait_for(lambda: grandchildren(os.getpid()) == [], 10)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the CLI renders in a pool with 2+ CPUs")
def test_workers_exit_when_the_build_is_killed(tmp_path: Path) -> None:
    """SIGKILL a build while a worker renders: the worker and the fork server go too."""
    root = project_with_people(tmp_path / "project", PARALLEL_MIN_PAGES)
    break_first_page(root, "{% for i in range(10 ** 9) %}{% endfor %}")  # a worker renders on
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    build_process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--root",
            str(root),
            "--no-cache",
            "--out",
            str(tmp_path / "out"),
        ],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    assert_killing_it_ends_its_workers(build_process)


def assert_killing_it_ends_its_workers(process: subprocess.Popen[bytes]) -> None:
    """Once `process` has workers (grandchildren, from its fork server), SIGKILL it: the workers
    and the fork server must end within 5 s (whatever is left is killed after)."""
    servers: list[int] = []
    workers: list[int] = []
    try:
        assert wait_for(lambda: grandchildren(process.pid), 60), "no worker started"
        servers = children(process.pid)
        workers = grandchildren(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in [*workers, *servers]), 5)
    finally:
        process.kill()
        process.wait(timeout=10)
        for pid in [*workers, *servers]:
            if Path(f"/proc/{pid}").exists():
                os.kill(pid, signal.SIGKILL)


CARD_POOL_THEN_SLEEP = """
import time
from pathlib import Path
from site_builder.render import find_theme
from site_builder.render.social_card import CardDrawing, CardPool, CardText, read_card_colours
colours = read_card_colours(find_theme(Path(".")))
texts = [CardText("Rivermouth flood", "People", f"Person {n}") for n in range(5000)]
CardPool({f"key-{n}": CardDrawing(text, colours, "") for n, text in enumerate(texts)}, 1)
time.sleep(60)
"""


def test_card_workers_exit_when_the_build_is_killed(tmp_path: Path) -> None:
    """SIGKILL a process while its card pool draws (a large cold build links meanwhile): the
    card worker and the fork server go too, instead of waiting for cards for good."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen([sys.executable, "-c", CARD_POOL_THEN_SLEEP], cwd=tmp_path, env=env)
    assert_killing_it_ends_its_workers(process)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the CLI renders in a pool with 2+ CPUs")
def test_a_killed_worker_fails_the_build_naming_it(tmp_path: Path) -> None:
    """A worker killed mid-render (the out-of-memory killer, say): the build stops, exit 1, with
    a traceback whose last line says what happened; nothing is written."""
    root = project_with_people(tmp_path / "project", PARALLEL_MIN_PAGES)
    break_first_page(root, "{% for i in range(10 ** 9) %}{% endfor %}")  # a worker renders on
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    build_process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--root",
            str(root),
            "--no-cache",
            "--out",
            str(tmp_path / "out"),
        ],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: grandchildren(build_process.pid), 60), "no worker started"
        for worker in grandchildren(build_process.pid):
            os.kill(worker, signal.SIGKILL)
        _, stderr = build_process.communicate(timeout=60)
    finally:
        build_process.kill()
        build_process.wait(timeout=10)
    assert build_process.returncode == 1
    assert stderr.rstrip().splitlines()[-1] == (
        "site_builder.render.workers.RenderWorkerFailed: a render worker stopped abruptly "
        "(killed by a signal: the out-of-memory killer, kill -9?) while rendering; nothing was "
        "written"
    )
    assert not (tmp_path / "out").exists()


def test_a_job_arrives_as_it_was_sent_but_for_the_link_lists(tmp_path: Path) -> None:
    job = make_job(write_files(tmp_path / "project", SMALL_PROJECT))
    received = pickle.loads(dumps(job))
    assert received.site.bodies.keys() == job.site.bodies.keys()
    for slug, body in job.site.bodies.items():
        assert received.site.bodies[slug] == RenderedBody(body.html, ())
    assert dataclasses.replace(received, site=job.site) == job
    assert dataclasses.replace(received.site, bodies=job.site.bodies) == job.site


class Unpicklable(Exception):
    def __init__(self, reason: str, code: int) -> None:  # pickle cannot call this again
        super().__init__(f"{reason} ({code})")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ContentError("content/people/ada.md", 4, 1, "unknown field"), True),
        (KeyError("no such key"), True),
        (BuildFailed([ContentError("templates/a.html", 2, 1, "x")]), True),
        (Unpicklable("refuses", 3), False),
    ],
)
def test_which_exceptions_travel(error: Exception, expected: bool) -> None:
    assert travels(error) is expected


def test_serve_rebuilds_a_small_site_in_one_process(tmp_path: Path) -> None:
    """The first build may use a pool, as `build` does; a rebuild of a site under
    SERVE_PARALLEL_MIN_PAGES pages renders in the preview's own process."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    preview = Preview(root, tmp_path / "site", "http://127.0.0.1:8000/")
    assert preview.workers() == (os.cpu_count() or 1)
    preview.rebuild([])
    assert preview.errors == ()
    assert preview.workers() == 1


def test_chunks_hold_every_page_once_with_the_heavy_ones_at_both_ends(tmp_path: Path) -> None:
    plans = make_job(project_with_people(tmp_path / "project", 40)).plans
    chunks = make_chunks(plans, 8)
    assert sorted(number for chunk in chunks for number in chunk) == list(range(len(plans)))
    heavy = [number for number, plan in enumerate(plans) if plan.item is None]
    assert len(heavy) >= 4
    assert chunks[0][0] == heavy[0] and chunks[-1][0] == heavy[1]
    assert chunks[1][0] == heavy[2] and chunks[-2][0] == heavy[3]
    assert max(map(len, chunks)) - min(map(len, chunks)) <= 2


def test_a_killed_builds_job_file_is_removed_by_the_next_pool(tmp_path: Path) -> None:
    """A build killed with SIGKILL cannot remove its job file: the next pool removes the job
    files of processes that are gone, and leaves a running build's and other files alone."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    orphan = tmp_path / f"{JOB_FILE_PREFIX}{dead_pid}-abc.pickle"
    running = tmp_path / f"{JOB_FILE_PREFIX}{os.getpid()}-def.pickle"
    other = tmp_path / f"{JOB_FILE_PREFIX}notapid.pickle"
    for path in (orphan, running, other):
        path.write_bytes(b"job")
    remove_orphan_job_files(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([running.name, other.name])
