"""The hostile corpus through `serve` and `publish`: errors shown or refused, never a crash.

`test_hostile.py` covers `build`. Here the same broken projects are previewed (the overlay must
list the exact errors `build` prints, and the server must stay up and stop cleanly) and
published (nothing may ship: the target folder and archive are left as they were).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_main
from test_hostile import expected_lines, make_case, snapshot
from test_serve import PageText, ServeProcess

# One case per layer: YAML bombs, unsafe tags, encoding, references, templates.
CASES = [
    "billion-laughs",
    "python-object-tag",
    "not-utf8",
    "part-of-cycle",
    "template-recursive-include",
    "symlink-outside-content",
]


def error_lines(case: str) -> list[str]:
    """The path:line: lines of a case's expected output (not the summary lines after them)."""
    return [
        line
        for line in expected_lines(case)
        if not line.endswith(("error", "errors"))
        and not line.startswith("nothing was written")
        and not line.startswith("    ")
    ]


@pytest.mark.parametrize("case", CASES)
def test_serve_shows_every_error_and_stays_up(case: str, tmp_path: Path) -> None:
    root = make_case(case, tmp_path)
    serving = ServeProcess(root)
    try:
        assert serving.seen[-1].startswith("first build: build failed with ")
        status, body = serving.get("/")
        assert status in (404, 500)
        shown = PageText(body).overlay_items
        assert error_lines(case)
        for line in error_lines(case):
            assert any(item.startswith(line) for item in shown), (line, shown)
        assert serving.process.poll() is None  # still serving
    finally:
        code, stderr = serving.stop()
    assert code == 0
    assert "Traceback" not in stderr


@pytest.mark.parametrize("case", CASES)
def test_publish_ships_nothing(case: str, tmp_path: Path) -> None:
    root = make_case(case, tmp_path)
    target = tmp_path / "mirror"
    target.mkdir()
    (target / "keep.txt").write_text("already here\n", "utf-8")
    before = snapshot(target)
    archive = tmp_path / "site.tar.gz"
    for command in (["--to", "dir", str(target), "--force"], ["--to", "archive", str(archive)]):
        # The CLI's main in this process, as test_hostile builds each case: a crash would raise
        # here; test_hostile's test_case_as_a_process runs one case per layer as a process.
        result = run_main("publish", "--root", root, *command, cwd=root)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert error_lines(case)[0] in result.stderr.splitlines()
    assert snapshot(target) == before
    assert not archive.exists()
