"""publish() from Python, as a script or another tool calls it: typed targets, no argparse."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO, snapshot, write_files

from site_builder.check import check_project
from site_builder.errors import UsageError
from site_builder.manifest import digest
from site_builder.publish import ArchiveTarget, FolderTarget, GitBranchTarget, publish

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
MOMENT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the second explainer, free to edit."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def site_files(root: Path) -> dict[str, bytes]:
    """What publish must ship: the checked build."""
    result = check_project(root, {"base_url": None}, MOMENT)
    assert result.ok
    return result.files


def test_publish_to_a_folder_writes_the_site_and_its_manifest(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mirror"
    expected = site_files(project)
    assert publish(project, FolderTarget(target), moment=MOMENT) == 0
    on_disk = snapshot(target)
    manifest = json.loads(on_disk.pop(".site-builder-publish.json"))
    assert on_disk == expected
    assert manifest == {path: digest(data) for path, data in expected.items()}
    assert f"published to {target}: {len(expected)} added, 0 updated, 0 deleted" in capsys.readouterr().out


def test_publish_dry_run_changes_nothing(project: Path, tmp_path: Path) -> None:
    target = write_files(tmp_path / "mirror", {})
    assert publish(project, FolderTarget(target), dry_run=True, moment=MOMENT) == 0
    assert snapshot(target) == {}


def test_publish_keeps_files_it_did_not_write_only_with_force(project: Path, tmp_path: Path) -> None:
    target = write_files(tmp_path / "mirror", {"from-the-host.txt": "not ours\n"})
    with pytest.raises(UsageError, match=r"it is not empty and has no \.site-builder-publish\.json"):
        publish(project, FolderTarget(target), moment=MOMENT)
    assert publish(project, FolderTarget(target, force=True), moment=MOMENT) == 0
    assert (target / "from-the-host.txt").read_text() == "not ours\n"


def test_publish_to_an_archive(project: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.zip"
    assert publish(project, ArchiveTarget(archive), moment=MOMENT) == 0
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as opened:
        assert {name: opened.read(name) for name in opened.namelist()} == site_files(project)


def test_publish_to_a_git_branch(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Test Author")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "author@example.org")
    bare = tmp_path / "remote.git"
    for command in (
        ["init", "-q", "--bare", "-b", "main", str(bare)],
        ["-C", str(project), "init", "-q", "-b", "main"],
        ["-C", str(project), "remote", "add", "site", str(bare)],
    ):
        subprocess.run(["git", *command], check=True, capture_output=True)
    assert publish(project, GitBranchTarget(remote="site", branch="pages"), moment=MOMENT) == 0
    listed = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "pages"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert sorted(listed) == sorted(site_files(project))


def test_a_negative_max_deletions_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="max_deletions must be 0 or more"):
        FolderTarget(Path("mirror"), max_deletions=-1)
