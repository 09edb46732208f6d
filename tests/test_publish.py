"""site-builder publish: to a git branch (a real bare repo), a folder and an archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import REPO, run_main, snapshot, write_files

from site_builder.errors import UsageError

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
MANIFEST = ".site-builder-publish.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the second explainer, free to edit."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def built_files(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What `build` makes of root (without its own manifest): what publish must ship."""
    out_dir = tmp_path / "reference-build"
    shutil.rmtree(out_dir, ignore_errors=True)
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr
    files = snapshot(out_dir)
    del files[".site-builder-output"]
    return files


# --- git -----------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return completed.stdout.strip()


@pytest.fixture
def git_project(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(the user's repo holding the project, a bare repo as its remote 'origin')."""
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Test Author")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "author@example.org")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(project, "init", "-q", "-b", "main")
    write_files(project, {"README.md": "notes\n", "draft.md": "draft\n"})
    git(project, "add", "content", "README.md", "draft.md")
    git(project, "commit", "-q", "-m", "First version")
    git(project, "remote", "add", "origin", str(bare))
    return project, bare


def user_state(repo: Path) -> dict[str, object]:
    """Everything of the user's that publish must not touch."""
    git_dir = repo / ".git"
    return {
        "branch": git(repo, "symbolic-ref", "HEAD"),
        "head": git(repo, "rev-parse", "HEAD"),
        "index": (git_dir / "index").read_bytes(),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "tree": {path: data for path, data in snapshot(repo).items() if not path.startswith(".git/")},
    }


def make_uncommitted_changes(repo: Path) -> None:
    """A staged edit, an unstaged edit and an untracked file, as a user mid-work has."""
    (repo / "README.md").write_text("notes, staged\n")
    git(repo, "add", "README.md")
    (repo / "draft.md").write_text("draft, not staged\n")
    (repo / "scratch.txt").write_text("untracked\n")


def branch_files(bare: Path, ref: str) -> dict[str, bytes]:
    """Path -> bytes of every file in a commit of the bare repo."""
    names = git(bare, "ls-tree", "-r", "--name-only", ref).splitlines()
    return {
        name: subprocess.run(
            ["git", "-C", str(bare), "cat-file", "blob", f"{ref}:{name}"], capture_output=True, check=True
        ).stdout
        for name in names
    }


def publish_git(repo: Path) -> subprocess.CompletedProcess[str]:
    return run_main("publish", "--root", repo, "--to", "git", "--remote", "origin", "--branch", "gh-pages")


def test_publish_to_git_twice(git_project: tuple[Path, Path], tmp_path: Path) -> None:
    repo, bare = git_project
    make_uncommitted_changes(repo)
    before = user_state(repo)
    first = publish_git(repo)
    assert first.returncode == 0, first.stderr
    assert user_state(repo) == before
    assert git(bare, "rev-list", "--count", "gh-pages") == "1"
    assert branch_files(bare, "gh-pages") == built_files(repo, tmp_path)
    source = before["head"]
    message = git(bare, "log", "-1", "--format=%B", "gh-pages")
    assert f"from {source} with uncommitted changes" in message
    assert git(repo, "rev-parse", "gh-pages") == git(bare, "rev-parse", "gh-pages")

    person = repo / "content/people/tomas-quill.md"
    person.write_text(person.read_text().replace("---\n", "---\nupdated: 2024-03-09\n", 1))
    git(repo, "commit", "-q", "-m", "Update Tomas", "--", "content/people/tomas-quill.md")
    before = user_state(repo)
    second = publish_git(repo)
    assert second.returncode == 0, second.stderr
    assert user_state(repo) == before
    assert git(bare, "rev-list", "--count", "gh-pages") == "2"
    first_commit = git(bare, "rev-parse", "gh-pages~1")
    assert git(bare, "rev-parse", "gh-pages^") == first_commit
    files = branch_files(bare, "gh-pages")
    assert files == built_files(repo, tmp_path)
    assert b"2024-03-09" in files["people/tomas-quill/index.html"]
    assert ".site-builder-output" not in files
    assert f"from {before['head']} with uncommitted changes" in git(
        bare, "log", "-1", "--format=%B", "gh-pages"
    )
    assert "M\tpeople/tomas-quill/index.html" in git(bare, "diff", "--name-status", "gh-pages^", "gh-pages")

    third = publish_git(repo)  # nothing changed: no empty commit
    assert third.returncode == 0, third.stderr
    assert "nothing to publish" in third.stdout
    assert git(bare, "rev-list", "--count", "gh-pages") == "2"


def test_publish_to_git_ships_nothing_when_check_fails(git_project: tuple[Path, Path]) -> None:
    repo, bare = git_project
    home = repo / "content/pages/index.md"
    home.write_text(home.read_text() + "\n[Broken](nowhere/)\n")
    result = publish_git(repo)
    assert result.returncode == 1
    assert "content/pages/index.md:" in result.stderr
    assert "nowhere/" in result.stderr
    assert git(bare, "for-each-ref") == ""
    assert (
        subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "gh-pages"],
            capture_output=True,
            check=False,
        ).returncode
        != 0
    )


def test_publish_to_git_refuses_the_checked_out_branch(git_project: tuple[Path, Path]) -> None:
    repo, _ = git_project
    result = run_main("publish", "--root", repo, "--to", "git", "--branch", "main")
    assert result.returncode == 2
    assert "you are on branch 'main'" in result.stderr


def failure_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line an environment failure prints (exit 3), after any notes: no traceback."""
    assert result.returncode == 3, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("note: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("site-builder: failed: "), result.stderr
    return lines[0]


def test_publish_to_git_a_remote_that_does_not_exist_is_a_failure(git_project: tuple[Path, Path]) -> None:
    repo, _ = git_project
    result = run_main("publish", "--root", repo, "--to", "git", "--remote", "nowhere")
    assert failure_line(result).startswith(
        "site-builder: failed: git ls-remote --heads nowhere refs/heads/gh-pages failed (exit 128): "
        "fatal: 'nowhere' does not appear to be a git repository; "
    )


def test_publish_to_git_a_rejected_push_is_a_failure(git_project: tuple[Path, Path]) -> None:
    repo, bare = git_project
    hook = write_files(bare, {"hooks/pre-receive": "#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n"})
    (hook / "hooks/pre-receive").chmod(0o755)
    line = failure_line(publish_git(repo))
    assert line.startswith("site-builder: failed: git push --quiet origin ")
    assert ":refs/heads/gh-pages failed (exit 1): remote: no pushes today; " in line
    assert git(bare, "for-each-ref") == ""


def test_publish_to_git_without_git_is_a_failure(git_project: tuple[Path, Path]) -> None:
    repo, _ = git_project
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "publish", "--root", str(repo), "--to", "git"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": python_path, "PATH": str(repo / "no-such-folder")},
    )
    assert (
        failure_line(result) == "site-builder: failed: cannot run git (is it installed and on "
        "PATH?): No such file or directory"
    )


# --- dir -----------------------------------------------------------------------------------


def publish_dir(root: Path, target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_main("publish", "--root", root, "--to", "dir", target, *args)


def linked_page(root: Path, slug: str, title: str) -> None:
    """Add a page the home page links to."""
    write_files(root, {f"content/pages/{slug}.md": f"---\ntitle: {title}\n---\nText.\n"})
    home = root / "content/pages/index.md"
    home.write_text(home.read_text() + f"\nSee [[{slug}]].\n")


def without_manifest(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if path != MANIFEST}


def test_dir_sync_adds_updates_and_deletes(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    linked_page(project, "extra", "Extra page")
    first = publish_dir(project, target)
    assert first.returncode == 0, first.stderr
    assert without_manifest(snapshot(target)) == built_files(project, tmp_path)
    (target / "from-the-host.txt").write_text("not ours\n")

    home = project / "content/pages/index.md"
    home.write_text(home.read_text().replace("\nSee [[extra]].\n", ""))
    (project / "content/pages/extra.md").unlink()
    linked_page(project, "fresh", "Fresh page")
    person = project / "content/people/tomas-quill.md"
    person.write_text(person.read_text().replace("---\n", "---\nupdated: 2024-03-09\n", 1))
    second = publish_dir(project, target)
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    assert "add fresh/index.html" in lines
    assert "update people/tomas-quill/index.html" in lines
    assert "delete extra/index.html" in lines
    after = snapshot(target)
    assert after.pop("from-the-host.txt") == b"not ours\n"
    assert without_manifest(after) == built_files(project, tmp_path)
    assert not (target / "extra").exists()


def test_dir_dry_run_lists_changes_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    assert publish_dir(project, target).returncode == 0
    before = snapshot(target)
    linked_page(project, "fresh", "Fresh page")
    result = publish_dir(project, target, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would add fresh/index.html" in result.stdout.splitlines()
    assert "would update index.html" in result.stdout.splitlines()
    assert snapshot(target) == before


def test_dir_refuses_a_folder_it_did_not_publish_unless_forced(project: Path, tmp_path: Path) -> None:
    target = write_files(tmp_path / "bucket", {"index.html": "theirs\n", "keep/me.txt": "mine\n"})
    refused = publish_dir(project, target)
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert snapshot(target) == {"index.html": b"theirs\n", "keep/me.txt": b"mine\n"}
    forced = publish_dir(project, target, "--force")
    assert forced.returncode == 0, forced.stderr
    after = snapshot(target)
    assert after.pop("keep/me.txt") == b"mine\n"
    assert without_manifest(after) == built_files(project, tmp_path)


def test_dir_max_deletions_stops_a_large_delete(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    linked_page(project, "extra", "Extra page")
    assert publish_dir(project, target).returncode == 0
    before = snapshot(target)
    home = project / "content/pages/index.md"
    home.write_text(home.read_text().replace("\nSee [[extra]].\n", ""))
    (project / "content/pages/extra.md").unlink()
    refused = publish_dir(project, target, "--max-deletions", "0")
    assert refused.returncode == 2
    assert "it would delete 1 files, more than --max-deletions 0" in refused.stderr
    assert snapshot(target) == before
    assert publish_dir(project, target, "--max-deletions", "1").returncode == 0
    assert not (target / "extra").exists()


def test_dir_keeps_a_file_changed_by_hand(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    linked_page(project, "extra", "Extra page")
    assert publish_dir(project, target).returncode == 0
    (target / "extra/index.html").write_text("edited on the server\n")
    home = project / "content/pages/index.md"
    home.write_text(home.read_text().replace("\nSee [[extra]].\n", ""))
    (project / "content/pages/extra.md").unlink()
    result = publish_dir(project, target)
    assert result.returncode == 0, result.stderr
    assert "kept extra/index.html" in result.stderr
    assert (target / "extra/index.html").read_text() == "edited on the server\n"


def test_dir_refuses_the_project_itself(project: Path) -> None:
    result = publish_dir(project, project / "content", "--force")
    assert result.returncode == 2
    assert "refusing to publish" in result.stderr


# --- dir: a hostile target -----------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_to_manifest(target: Path, entries: dict[str, str]) -> None:
    """Add entries to the publish manifest in target, as an attacker with write access would."""
    manifest = target / MANIFEST
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), **entries}))


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("../victim.txt", "a '..' segment"),
        ("pages/../../victim.txt", "a '..' segment"),
        ("ABSOLUTE", "absolute"),
        ("C:/victim.txt", "drive letter"),
        ("c:victim.txt", "drive letter"),
        ("..\\victim.txt", "backslash"),
        ("people//index.html", "an empty segment"),
        ("people/", "an empty segment"),
        ("", "empty"),
        ("./index.html", "a '.' segment"),
        ("index.html\0../victim.txt", "control character U+0000"),
        ("index\n.html", "control character U+000A"),
        ("index\x1b[2J.html", "control character U+001B"),
        ("index\x85.html", "control character U+0085"),
    ],
)
def test_dir_refuses_a_manifest_entry_outside_the_target(
    project: Path, tmp_path: Path, entry: str, problem: str
) -> None:
    target = tmp_path / "mirror"
    assert publish_dir(project, target).returncode == 0
    victim = write_files(tmp_path, {"victim.txt": "outside the target\n"}) / "victim.txt"
    if entry == "ABSOLUTE":
        entry = str(victim)
    add_to_manifest(target, {entry: sha256(victim.read_bytes())})
    before = snapshot(tmp_path)
    for extra in (["--dry-run"], []):
        result = publish_dir(project, target, *extra)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert (
            f"{target / MANIFEST}: entry {entry!r} is not a plain relative path inside the folder "
            f"(it " in result.stderr
        )
        assert f"{problem}); nothing was changed" in result.stderr
        assert "\x1b" not in result.stderr and "\x85" not in result.stderr
        assert result.stdout == ""
        assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        ('["index.html"]', "is not a manifest"),
        ('{"index.html": 5}', "entry 'index.html' has no sha256"),
        ('{"index.html": "not a digest"}', "entry 'index.html' has no sha256"),
        ("{not json", "is unreadable"),
        (b"\xff\xfe{}", "is unreadable"),
    ],
)
def test_dir_refuses_a_corrupt_manifest(
    project: Path, tmp_path: Path, manifest: str | bytes, problem: str
) -> None:
    target = write_files(tmp_path / "mirror", {MANIFEST: manifest, "index.html": "ours\n"})
    before = snapshot(target)
    result = publish_dir(project, target)
    assert result.returncode == 2, result.stderr
    assert f"site-builder: error: {target / MANIFEST}" in result.stderr
    assert problem in result.stderr
    assert snapshot(target) == before


def test_publish_refuses_a_site_file_name_that_is_not_a_plain_path(project: Path, tmp_path: Path) -> None:
    # a theme's static file may be named anything the file system allows; what publish writes
    # it must be able to read back from its manifest, so the rule is the manifest's
    write_files(project, {"templates/static/odd\\name.txt": "text\n"})
    target, archive = tmp_path / "mirror", tmp_path / "site.zip"
    for args in (["--to", "dir", target], ["--to", "archive", archive]):
        result = run_main("publish", "--root", project, *args)
        assert result.returncode == 2, result.stderr
        assert "the site has a file 'assets/odd\\\\name." in result.stderr
        assert "(it has a backslash)" in result.stderr
    assert not target.exists() and not archive.exists()


def swap_for_symlink(path: Path, elsewhere: Path) -> None:
    """Move path to elsewhere/<name> and leave a symlink to it in its place."""
    elsewhere.mkdir(exist_ok=True)
    moved = path.rename(elsewhere / path.name)
    path.symlink_to(moved, target_is_directory=moved.is_dir())


def remove_extra_page(root: Path) -> None:
    home = root / "content/pages/index.md"
    home.write_text(home.read_text().replace("\nSee [[extra]].\n", ""))
    (root / "content/pages/extra.md").unlink()


def update_person(root: Path) -> None:
    person = root / "content/people/tomas-quill.md"
    person.write_text(person.read_text().replace("---\n", "---\nupdated: 2024-03-09\n", 1))


@pytest.mark.parametrize("link", ["people", "extra", "index.html", MANIFEST])
def test_dir_never_follows_a_symlink_in_the_target(project: Path, tmp_path: Path, link: str) -> None:
    # people/: a file to write below it; extra/: a file to delete; index.html: the file itself
    target, elsewhere = tmp_path / "mirror", tmp_path / "elsewhere"
    linked_page(project, "extra", "Extra page")
    assert publish_dir(project, target).returncode == 0
    swap_for_symlink(target / link, elsewhere)
    remove_extra_page(project)
    update_person(project)
    outside, inside = snapshot(elsewhere), snapshot(target)
    for args in (["--dry-run"], []):
        result = publish_dir(project, target, *args)
        assert result.returncode == 2, result.stdout + result.stderr
        assert (
            f"site-builder: error: refusing to publish into {target}: {target / link} is a "
            "symlink; publish never follows a symlink inside the folder" in result.stderr
        )
        assert result.stdout == ""
    assert snapshot(elsewhere) == outside
    assert snapshot(target) == inside
    assert (target / link).is_symlink()


def test_dir_refuses_a_file_where_the_site_has_a_folder(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    assert publish_dir(project, target).returncode == 0
    shutil.rmtree(target / "people")
    (target / "people").write_text("a file\n")
    shutil.rmtree(target / "timeline")
    (target / "timeline/index.html").parent.mkdir(parents=True)
    (target / "timeline/index.html").mkdir()
    before = snapshot(target)
    result = publish_dir(project, target)
    assert result.returncode == 2, result.stderr
    assert f"refusing to publish into {target}: {target / 'people'} is not a folder" in result.stderr
    assert snapshot(target) == before


def test_dir_follows_the_target_itself_when_it_is_a_symlink(project: Path, tmp_path: Path) -> None:
    real, link = tmp_path / "real-mirror", tmp_path / "mirror"
    real.mkdir()
    link.symlink_to(real, target_is_directory=True)
    assert publish_dir(project, link).returncode == 0
    update_person(project)
    result = publish_dir(project, link)
    assert result.returncode == 0, result.stderr
    assert "update people/tomas-quill/index.html" in result.stdout.splitlines()
    assert without_manifest(snapshot(real)) == built_files(project, tmp_path)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nothing-here", target_is_directory=True)
    result = publish_dir(project, dangling)
    assert result.returncode == 2, result.stderr  # was a FileExistsError traceback
    assert f"refusing to publish into {dangling}: it is a symlink to nothing" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_dir_checks_again_just_before_writing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a folder swapped for a symlink between the plan and the writes is still never followed
    from site_builder.check import check_project
    from site_builder.publish import folder as publish

    target, elsewhere = tmp_path / "mirror", tmp_path / "elsewhere"
    assert publish_dir(project, target).returncode == 0
    update_person(project)
    files = check_project(project, {}).files
    plan_sync = publish.plan_sync

    def plan_then_swap(
        files: Mapping[str, bytes], folder: Path, manifest: Mapping[str, str]
    ) -> publish.SyncPlan:
        plan = plan_sync(files, folder, manifest)
        swap_for_symlink(target / "people", elsewhere)
        return plan

    monkeypatch.setattr(publish, "plan_sync", plan_then_swap)
    outside = {f"people/{path}": data for path, data in snapshot(target / "people").items()}
    with pytest.raises(UsageError, match="people is a symlink"):
        publish.publish_dir(project, files, target, False, False, 100)
    assert snapshot(elsewhere) == outside


# An interrupted publish leaves its partial file beside the file it was writing. The old
# name (.NAME.site-builder-PID) and today's; the rest look alike but are not ours.
LEFTOVERS = [
    "people/tomas-quill/.index.html.site-builder-27763",
    "..site-builder-publish.json.site-builder-partial-0123456789abcdef",
    "people/.index.html.site-builder-partial-89abcdef01234567",
]
LOOK_ALIKES = [
    "people/tomas-quill/.index.html.site-builder-notes",
    "people/tomas-quill/index.html.site-builder-27763",
    "people/tomas-quill/.other.html.site-builder-27763",
    "people/.index.html.site-builder-partial-0123",
    "people/.index.html.site-builder-partial-0123456789ABCDEF",
    "people/.index.html.site-builder-partial-0123456789abcdef.txt",
    ".site-builder-publish.json.site-builder-27763",
]


def test_dir_removes_leftovers_of_an_interrupted_publish(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    assert publish_dir(project, target).returncode == 0
    write_files(target, {path: "partial\n" for path in [*LEFTOVERS, *LOOK_ALIKES]})
    (target / "people/.extra.html.site-builder-partial-0123456789abcdef").symlink_to(tmp_path)
    dry = publish_dir(project, target, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert sorted(line for line in dry.stdout.splitlines() if line.startswith("would remove ")) == sorted(
        f"would remove {path}" for path in LEFTOVERS
    )
    assert "3 leftovers of an interrupted publish removed" in dry.stdout
    result = publish_dir(project, target)
    assert result.returncode == 0, result.stderr
    assert "3 leftovers of an interrupted publish removed" in result.stdout
    after = snapshot(target)
    for path in LOOK_ALIKES:
        assert after.pop(path) == b"partial\n"
    assert without_manifest(after) == built_files(project, tmp_path)
    assert (target / "people/.extra.html.site-builder-partial-0123456789abcdef").is_symlink()


KILL_AT_RENAME = """
import os, signal, sys
from site_builder.cli import main
target, kind, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
replace, calls = os.replace, []
def replace_or_die(src, dst, *args, **kwargs):
    is_manifest = os.path.basename(dst) == ".site-builder-publish.json"
    if str(dst).startswith(target + os.sep) and is_manifest == (kind == "manifest"):
        calls.append(dst)
        if len(calls) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    return replace(src, dst, *args, **kwargs)
os.replace = replace_or_die
sys.exit(main(sys.argv[4:]))
"""


@pytest.mark.parametrize(("kind", "kill_at"), [("manifest", 1), ("file", 1), ("file", 5), ("manifest", 2)])
def test_dir_publish_killed_midway_is_cleaned_up_next_time(
    project: Path, tmp_path: Path, kind: str, kill_at: int
) -> None:
    # SIGKILL just before the kill_at-th rename of a manifest or a site file into the target:
    # the manifest naming old and new files, a site file after it, the final manifest
    target = tmp_path / "mirror"
    linked_page(project, "extra", "Extra page")
    assert publish_dir(project, target).returncode == 0
    remove_extra_page(project)
    linked_page(project, "fresh", "Fresh page")
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_AT_RENAME,
            str(target),
            kind,
            str(kill_at),
            "publish",
            "--root",
            str(project),
            "--to",
            "dir",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    expected = built_files(project, tmp_path)
    leftovers = sorted(set(snapshot(target)) - {*expected, MANIFEST, "extra/index.html"})
    assert len(leftovers) == 1, leftovers
    dry = publish_dir(project, target, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"would remove {leftovers[0]}" in dry.stdout.splitlines()
    result = publish_dir(project, target)
    assert result.returncode == 0, result.stderr
    assert without_manifest(snapshot(target)) == expected


def run_cli_without_root_powers(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """run_cli, where file permissions hold even when the tests run as root.

    Root ignores permissions through two capabilities; the process runs as root without them
    (setpriv --bounding-set), so a folder of mode 555 refuses it as it refuses any user.
    Running it as nobody instead (setpriv --reuid=65534) would need the interpreter and its
    packages readable by nobody, and here they live under /root, which is 700.
    """
    command = [sys.executable, "-m", "site_builder", *map(str, args)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip(
                "running as root, which ignores file permissions, and setpriv (util-linux) "
                "is missing to drop that power"
            )
        command = [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", *command]
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": python_path},
    )


@pytest.mark.parametrize(
    ("locked", "mode", "expected"),
    [
        ("", 0o555, "cannot write {target}/.site-builder-publish.json: Permission denied"),
        ("extra", 0o555, "cannot delete {target}/extra/index.html: Permission denied"),
        ("index.html", 0o000, "cannot read {target}/index.html: Permission denied"),
        (MANIFEST, 0o000, "cannot read {target}/.site-builder-publish.json: Permission denied"),
        ("people", 0o000, "cannot read {target}/people/index.html: Permission denied"),
    ],
)
def test_dir_a_folder_or_file_we_may_not_change_is_a_failure(
    project: Path, tmp_path: Path, locked: str, mode: int, expected: str
) -> None:
    target = tmp_path / "mirror"
    linked_page(project, "extra", "Extra page")
    assert publish_dir(project, target).returncode == 0
    remove_extra_page(project)
    update_person(project)
    before = snapshot(target)
    (target / locked).chmod(mode)
    try:
        result = run_cli_without_root_powers("publish", "--root", project, "--to", "dir", target)
    finally:
        (target / locked).chmod(0o755 if (target / locked).is_dir() else 0o644)
    assert failure_line(result) == f"site-builder: failed: {expected.format(target=target)}"
    if locked != "extra":  # a delete fails after the writes: the manifest names old and new
        assert snapshot(target) == before


def test_archive_into_a_folder_we_may_not_write_is_a_failure(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir(mode=0o555)
    result = run_cli_without_root_powers("publish", "--root", project, "--to", "archive", folder / "site.zip")
    assert failure_line(result) == f"site-builder: failed: cannot write {folder}/site.zip: Permission denied"
    assert list(folder.iterdir()) == []


def test_dir_a_full_disk_is_a_failure_and_leaves_no_partial_file(project: Path, tmp_path: Path) -> None:
    # RLIMIT_FSIZE: a write past 1 KB fails with EFBIG as a full disk fails with ENOSPC
    target = tmp_path / "mirror"
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "publish", "--root", str(project), "--to", "dir", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": python_path},
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024)),
    )
    assert (
        failure_line(result)
        == f"site-builder: failed: cannot write {target}/.site-builder-publish.json: File too large"
    )
    assert list(target.iterdir()) == []


# --- archive -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["site.tar.gz", "site.zip"])
def test_archive_is_reproducible(project: Path, tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "one" / name, tmp_path / "two" / name
    first.parent.mkdir()
    second.parent.mkdir()
    assert publish_archive(project, first).returncode == 0
    for path in (project / "content").rglob("*.md"):  # new mtimes must not leak into the archive
        os.utime(path, (1_900_000_000, 1_900_000_000))
    assert publish_archive(project, second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert archive_files(first) == built_files(project, tmp_path)


def publish_archive(root: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return run_main("publish", "--root", root, "--to", "archive", target)


def archive_files(path: Path) -> dict[str, bytes]:
    """Path -> bytes of every member."""
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    with tarfile.open(path, "r:gz") as archive:
        files = {}
        for member in archive.getmembers():
            assert (member.uid, member.gid, member.mtime) == (0, 0, 315532800)
            extracted = archive.extractfile(member)
            assert extracted is not None
            files[member.name] = extracted.read()
        return files


def test_archive_gzip_header_has_no_time_or_name(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "site.tgz"
    assert publish_archive(project, target).returncode == 0
    header = target.read_bytes()[:10]
    assert header[4:8] == b"\0\0\0\0"  # MTIME
    assert header[3] & 0x08 == 0  # FNAME flag
    with tarfile.open(fileobj=io.BytesIO(target.read_bytes()), mode="r:gz") as archive:
        names = archive.getnames()
    assert names == sorted(names)


def test_archive_with_unknown_extension_is_refused(project: Path, tmp_path: Path) -> None:
    result = publish_archive(project, tmp_path / "site.rar")
    assert result.returncode == 2
    assert ".tar.gz, .tgz or .zip" in result.stderr


def test_archive_removes_leftovers_of_an_interrupted_publish(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    leftovers = [".site.zip.site-builder-partial-0123456789abcdef", ".site.zip.site-builder-4242"]
    look_alikes = [
        ".other.zip.site-builder-partial-0123456789abcdef",
        "site.zip.site-builder-4242",
        ".site.zip.site-builder-partial-notes",
    ]
    write_files(folder, {name: "partial\n" for name in [*leftovers, *look_alikes]})
    dry = run_main("publish", "--root", project, "--to", "archive", folder / "site.zip", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert sorted(line for line in dry.stdout.splitlines() if line.startswith("would remove ")) == sorted(
        f"would remove {folder / name}" for name in leftovers
    )
    assert sorted(path.name for path in folder.iterdir()) == sorted([*leftovers, *look_alikes])
    assert publish_archive(project, folder / "site.zip").returncode == 0
    assert sorted(path.name for path in folder.iterdir()) == sorted(["site.zip", *look_alikes])


# --- what readers never get: the build's mark on its own output folder ----------------------


@pytest.mark.parametrize("to", ["git", "dir", "archive"])
def test_no_target_ships_the_output_folders_marker_or_manifest(
    git_project: tuple[Path, Path], tmp_path: Path, to: str
) -> None:
    """public/ exists (built before), and what each target ships is the site alone: no
    .site-builder-output, nothing that is the build's manifest or names its digest."""
    repo, bare = git_project
    assert run_main("build", "--root", repo).returncode == 0
    assert (repo / "public" / ".site-builder-output").is_file()
    if to == "git":
        assert publish_git(repo).returncode == 0
        shipped = branch_files(bare, "gh-pages")
    elif to == "dir":
        assert publish_dir(repo, tmp_path / "mirror").returncode == 0
        shipped = without_manifest(snapshot(tmp_path / "mirror"))
    else:
        assert publish_archive(repo, tmp_path / "site.zip").returncode == 0
        shipped = archive_files(tmp_path / "site.zip")
    assert ".site-builder-output" not in shipped
    assert shipped == built_files(repo, tmp_path)
    assert [path for path, data in shipped.items() if b"site-builder output folder" in data] == []
