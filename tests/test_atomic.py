"""The output swap is atomic: a build killed with SIGKILL at any write leaves public/ as the
complete old site or the complete new one, and the next build clears what the killed one left.

The kills land at chosen write points (every rename, exchange, folder made or removed, file
unlinked, and file writes at the start, middle and end, and the last one made while pages were
still being rendered: pages go into the staging folder as they are rendered), counted in the
killed process itself: deterministic, and a swap that is not atomic (the old site removed, then
the new one renamed into place) is caught at the point between its two steps."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SMALL_PROJECT, error_lines, project_with_people, run_main, snapshot, write_files

from site_builder.cli import main
from site_builder.render import social_card

NEW_PAGE = "content/pages/late-addition.md"

KILL_AT_WRITE = """
import json, os, shutil, signal, sys
from pathlib import Path
import site_builder.build
import site_builder.render.workers as workers
import site_builder.write as write
from site_builder.cli import main
from site_builder.render.renderer import Renderer
workers.PROGRESS_SLICE = 4  # pages are rendered, and written, a few at a time
calls, slices = [], []
rendered = [0]
area, kill_at = "", 0
real_render = Renderer.render_pages
def render_pages(self, plans):
    result = real_render(self, plans)
    rendered[0] += 1
    return result
Renderer.render_pages = render_pages
def wrap(owner, attr, name, argument=0):
    real = getattr(owner, attr)
    def wrapped(*args, **kwargs):
        if area and str(args[argument]).startswith(area):
            calls.append(name)
            slices.append(rendered[0])
            if len(calls) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(owner, attr, wrapped)
for attr in ("write_bytes", "rename", "mkdir", "unlink"):
    wrap(Path, attr, attr)
wrap(os, "link", "link", 1)
wrap(os, "makedirs", "mkdir")
wrap(os, "unlink", "unlink")
wrap(write, "_exchange", "exchange")
wrap(shutil, "rmtree", "rmtree")
for request in sys.stdin:
    area, kill_at, output, argv = json.loads(request)
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            with open(output, "w") as out:
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
            code = main(argv)
            print(" ".join(calls), file=sys.stderr)
            print(" ".join(f"{count}/{rendered[0]}" for count in slices), file=sys.stderr)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""
"""Builds, one process each, forked from this script's process once it has imported
site_builder (which a new interpreter per build would import again: most of a small build's
time): for each request (area, kill_at, a file for the build's output, CLI arguments) it runs
the CLI, SIGKILLing it at the kill_at-th write under `area` (0: never); the build prints the
write points it passed, then for each how many slices of pages were rendered before it, of how
many. The script prints each build's exit code (-9 when killed)."""


class KillingBuilds:
    """The KILL_AT_WRITE script running: builds on request, each in its own process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-c", KILL_AT_WRITE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    def build_killed_at(self, area: Path, kill_at: int, root: Path, out_dir: Path) -> tuple[int, str]:
        """(exit code, what it printed) of a build of root into out_dir, killed at write kill_at."""
        assert self.process.stdin is not None and self.process.stdout is not None
        output = self.folder / "build-output.txt"
        argv = ["build", "--root", str(root), "--out", str(out_dir)]
        self.process.stdin.write(json.dumps([str(area), kill_at, str(output), argv]) + "\n")
        self.process.stdin.flush()
        code = self.process.stdout.readline()
        assert code, "the KILL_AT_WRITE script stopped"
        return int(code), output.read_text("utf-8")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=120)


@pytest.fixture
def killing_builds(tmp_path: Path) -> Iterator[KillingBuilds]:
    builds = KillingBuilds(tmp_path)
    try:
        yield builds
    finally:
        builds.close()


def set_state(root: Path, new: bool) -> None:
    """Old: the project. New: another site title (every page changes) and one more page."""
    site_yaml = root / "content" / "site.yaml"
    text = site_yaml.read_text("utf-8").replace(
        "Small explainer", "Atomic new site" if new else "Small explainer"
    )
    site_yaml.write_text(
        text.replace("Atomic new site", "Atomic new site" if new else "Small explainer"), "utf-8"
    )
    page = root / NEW_PAGE
    if new:
        page.write_text("---\ntitle: A late addition\n---\nOnly the new site has this page.\n", "utf-8")
    else:
        page.unlink(missing_ok=True)


def chosen_points(calls: list[str], slices: list[str]) -> list[int]:
    """1-based positions to kill at: every step that moves or removes something (renames, the
    exchange, unlinks, removals), the first, middle and last folder made and file written, and
    the last file written while pages were still to be rendered (`slices`: 'done/all' at each)."""
    mid_render = [
        number
        for number, (call, count) in enumerate(zip(calls, slices, strict=True), 1)
        if call in ("write_bytes", "link") and 0 < int(count.split("/")[0]) < int(count.split("/")[1])
    ]
    assert mid_render, "no page was written while others were still to be rendered"
    chosen: set[int] = {mid_render[-1]}
    for kinds in (("write_bytes", "link"), ("mkdir",)):
        numbers = [number for number, call in enumerate(calls, 1) if call in kinds]
        chosen.update((numbers[0], numbers[len(numbers) // 2], numbers[-1]))
    chosen.update(
        number for number, call in enumerate(calls, 1) if call in ("rename", "exchange", "unlink", "rmtree")
    )
    return sorted(chosen)


def test_sigkill_at_any_write_never_leaves_a_half_site(tmp_path: Path, killing_builds: KillingBuilds) -> None:
    files = dict(SMALL_PROJECT)
    for index in range(6):
        files[f"content/people/extra-{index}.md"] = (
            f"---\nname: Extra Person {index}\nrole: Witness\nsummary: Person {index}.\n---\nMet [[ada]].\n"
        )
    template = tmp_path / "template"
    root = write_files(template / "project", files)
    references = {}
    for new in (False, True):
        set_state(root, new)
        reference = tmp_path / f"reference-{new}"
        assert main(["build", "--root", str(root), "--out", str(reference), "--no-cache"]) == 0
        references[new] = snapshot(reference)
    assert references[False].keys() != references[True].keys()
    set_state(root, new=False)
    for _ in range(2):  # the second build keeps a spare copy of the site in the cache
        assert main(["build", "--root", str(root), "--out", str(template / "site" / "public")]) == 0
    set_state(root, new=True)

    work = tmp_path / "work"
    used = 0

    def fresh_copy() -> tuple[Path, Path]:
        """The template (old site built, new content waiting) at the same place each time, so
        every build sees the same state and passes the same write points."""
        nonlocal used
        if work.exists():
            used += 1
            work.rename(tmp_path / f"used-{used}")  # renamed, not deleted: deleting is slow here
        shutil.copytree(template, work, symlinks=True)
        return work / "project", work / "site" / "public"

    code, printed = killing_builds.build_killed_at(work, 0, *fresh_copy())
    assert code == 0, printed
    calls, slices = (line.split() for line in printed.splitlines()[-2:])
    outcomes = []
    for kill_at in chosen_points(calls, slices):
        project, out_dir = fresh_copy()
        code, printed = killing_builds.build_killed_at(work, kill_at, project, out_dir)
        assert code == -signal.SIGKILL, f"not killed at write {kill_at} of {calls}: {printed}"
        after = snapshot(out_dir)
        where = f"write {kill_at} ({calls[kill_at - 1]})"
        assert after in (references[False], references[True]), f"a half site after {where}"
        outcomes.append(after == references[True])
    assert False in outcomes and True in outcomes  # kills before the swap and after it

    assert main(["build", "--root", str(project), "--out", str(out_dir)]) == 0
    assert snapshot(out_dir) == references[True]
    assert sorted(path.name for path in out_dir.parent.iterdir()) == ["public"]


def test_template_error_after_pages_were_written_leaves_the_old_site(tmp_path: Path) -> None:
    """A large site's pages go into the staging folder as they are rendered; a template error
    found after some were written still leaves public/ as it was, and nothing beside it."""
    root = project_with_people(tmp_path / "project", 150)  # rendered and written 64 pages at a time
    out_dir = tmp_path / "site" / "public"
    for _ in range(2):  # the second build keeps a spare copy of the site in the cache
        assert main(["build", "--root", str(root), "--out", str(out_dir)]) == 0
    before = snapshot(out_dir)
    write_files(root, {"templates/partials/footer.html": "<footer>\n{{ config.titel }}\n</footer>\n"})
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    assert errors and all(
        line.startswith("templates/partials/footer.html:2:1: undefined in template: ") for line in errors
    )
    assert snapshot(out_dir) == before
    assert sorted(path.name for path in out_dir.parent.iterdir()) == ["public"]
    (root / "templates/partials/footer.html").unlink()
    assert main(["build", "--root", str(root), "--out", str(out_dir)]) == 0
    assert snapshot(out_dir) == before


def test_a_build_that_fails_on_a_template_keeps_what_it_staged_as_the_spare(tmp_path: Path) -> None:
    """The pages a failed build staged are whole: the folder becomes the build cache's spare,
    and the next build, which updates it, gives exactly a clean build's output."""
    root = project_with_people(tmp_path / "project", 150)
    out_dir = tmp_path / "site" / "public"
    for _ in range(2):  # the second build keeps a spare copy of the site in the cache
        assert main(["build", "--root", str(root), "--out", str(out_dir)]) == 0
    before = snapshot(out_dir)
    person = root / "content/people/extra-7.md"
    person.write_text(person.read_text("utf-8").replace("summary: ", "summary: Now "), "utf-8")
    broken = "{% extends 'base.html' %}{% block content %}{{ config.titel }}{% endblock %}\n"
    write_files(root, {"templates/glossary.html": broken})  # one page fails, the rest are staged
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 1, result.stderr
    assert snapshot(out_dir) == before
    assert sorted(path.name for path in out_dir.parent.iterdir()) == ["public"]
    [spare] = (root / ".site-builder-cache" / "spare-outputs").iterdir()
    assert "Now Person 7" in (spare / "people/extra-7/index.html").read_text("utf-8")
    (root / "templates/glossary.html").unlink()
    assert main(["build", "--root", str(root), "--out", str(out_dir)]) == 0
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "clean"), "--no-cache"]) == 0
    assert snapshot(out_dir) == snapshot(tmp_path / "clean")


def test_a_card_that_fails_to_draw_fails_the_build_and_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cards are drawn while the pages render, after other files went into the staging folder:
    a card the machine refuses to draw (its font unreadable) still fails the build with exit 3
    and public/ as it was."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out_dir = tmp_path / "site" / "public"
    command = ["build", "--root", str(root), "--out", str(out_dir), "--base-url", "https://example.org/"]
    assert main(command) == 0
    before = snapshot(out_dir)
    assert any(path.startswith("social/") for path in before)
    set_state(root, new=True)  # another site title: every card is drawn again

    def refused(*args: object, **kwargs: object) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", "templates/social-card.ttf")

    monkeypatch.setattr(social_card, "draw_card", refused)
    capsys.readouterr()
    assert main(command) == 3
    assert capsys.readouterr().err == "site-builder: failed: templates/social-card.ttf: Permission denied\n"
    assert snapshot(out_dir) == before
    assert sorted(path.name for path in out_dir.parent.iterdir()) == ["public"]
    monkeypatch.undo()
    assert main(command) == 0
    assert snapshot(out_dir) != before
