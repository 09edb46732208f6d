"""The output swap is atomic: a build killed with SIGKILL at any write leaves public/ as the
complete old site or the complete new one, and the next build clears what the killed one left.

The kills land at chosen write points (every rename, exchange, folder made or removed, file
unlinked, and file writes at the start, middle and end), counted in the killed process itself:
deterministic, and a swap that is not atomic (the old site removed, then the new one renamed
into place) is caught at the point between its two steps."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SMALL_PROJECT, snapshot, write_files

from site_builder.cli import main

NEW_PAGE = "content/pages/late-addition.md"

KILL_AT_WRITE = """
import os, shutil, signal, sys
from pathlib import Path
import site_builder.write as write
from site_builder.cli import main
area, kill_at = sys.argv[1], int(sys.argv[2])
calls = []
def wrap(owner, attr, name, argument=0):
    real = getattr(owner, attr)
    def wrapped(*args, **kwargs):
        if str(args[argument]).startswith(area):
            calls.append(name)
            if len(calls) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(owner, attr, wrapped)
for attr in ("write_bytes", "rename", "mkdir", "unlink"):
    wrap(Path, attr, attr)
wrap(os, "link", "link", 1)
wrap(write, "_exchange", "exchange")
wrap(shutil, "rmtree", "rmtree")
code = main(sys.argv[3:])
print(" ".join(calls), file=sys.stderr)
sys.exit(code)
"""
"""Runs the CLI, SIGKILLing it at the kill_at-th write under `area` (0: never); prints the
write points it passed."""


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


def build_killed_at(area: Path, kill_at: int, root: Path, out_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_AT_WRITE,
            str(area),
            str(kill_at),
            "build",
            "--root",
            str(root),
            "--out",
            str(out_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def chosen_points(calls: list[str]) -> list[int]:
    """1-based positions to kill at: every step that moves or removes something (renames, the
    exchange, unlinks, removals), and the first, middle and last folder made and file written."""
    chosen: set[int] = set()
    for kinds in (("write_bytes", "link"), ("mkdir",)):
        numbers = [number for number, call in enumerate(calls, 1) if call in kinds]
        chosen.update((numbers[0], numbers[len(numbers) // 2], numbers[-1]))
    chosen.update(
        number for number, call in enumerate(calls, 1) if call in ("rename", "exchange", "unlink", "rmtree")
    )
    return sorted(chosen)


def test_sigkill_at_any_write_never_leaves_a_half_site(tmp_path: Path) -> None:
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

    counted = build_killed_at(work, 0, *fresh_copy())
    assert counted.returncode == 0, counted.stderr
    calls = counted.stderr.split()
    outcomes = []
    for kill_at in chosen_points(calls):
        project, out_dir = fresh_copy()
        killed = build_killed_at(work, kill_at, project, out_dir)
        assert killed.returncode == -signal.SIGKILL, f"not killed at write {kill_at} of {calls}"
        after = snapshot(out_dir)
        where = f"write {kill_at} ({calls[kill_at - 1]})"
        assert after in (references[False], references[True]), f"a half site after {where}"
        outcomes.append(after == references[True])
    assert False in outcomes and True in outcomes  # kills before the swap and after it

    assert main(["build", "--root", str(project), "--out", str(out_dir)]) == 0
    assert snapshot(out_dir) == references[True]
    assert sorted(path.name for path in out_dir.parent.iterdir()) == ["public"]
