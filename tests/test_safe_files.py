"""safe_files.py: no symlink followed, no half-written file, no project folder overwritten."""

from __future__ import annotations

import errno
import os
import resource
import signal
import threading
from pathlib import Path

import pytest
from conftest import snapshot, write_files

from site_builder.safe_files import (
    failure,
    find_leftovers,
    is_empty,
    project_overlap,
    read_no_follow,
    remove_empty_parents,
    write_atomically,
)


def test_write_atomically_writes_and_replaces(tmp_path: Path) -> None:
    dest = tmp_path / "index.html"
    write_atomically(dest, b"old")
    write_atomically(dest, b"new")
    assert snapshot(tmp_path) == {"index.html": b"new"}


def test_write_atomically_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = write_files(tmp_path, {"victim.txt": "outside\n"}) / "victim.txt"
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").symlink_to(victim)
    write_atomically(folder / "index.html", b"ours")
    assert not (folder / "index.html").is_symlink()
    assert (folder / "index.html").read_bytes() == b"ours"
    assert victim.read_text() == "outside\n"


def test_a_failed_write_leaves_the_old_bytes_and_no_partial_file(tmp_path: Path) -> None:
    # a file size limit makes the write fail with EFBIG, as a full disk would, without one
    dest = write_files(tmp_path, {"index.html": "old"}) / "index.html"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        with pytest.raises(OSError) as refused:
            write_atomically(dest, b"x" * 10_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert refused.value.errno == errno.EFBIG
    assert snapshot(tmp_path) == {"index.html": b"old"}


def test_a_reader_sees_the_old_file_or_the_new_never_half(tmp_path: Path) -> None:
    dest = tmp_path / "index.html"
    versions = [b"a" * 200_000, b"b" * 300_000]
    write_atomically(dest, versions[0])
    done = threading.Event()

    def keep_writing() -> None:
        for turn in range(200):
            write_atomically(dest, versions[turn % 2])
        done.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    seen: set[bytes] = set()
    while not done.is_set():
        seen.add(dest.read_bytes())
    writer.join()
    assert seen <= set(versions)


def test_a_write_into_a_missing_folder_fails_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "missing" / "index.html", b"new")
    assert snapshot(tmp_path) == {}


def test_read_no_follow_reads_a_file_and_refuses_a_symlink(tmp_path: Path) -> None:
    write_files(tmp_path, {"real.txt": "real"})
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_no_follow(tmp_path / "real.txt") == b"real"
    with pytest.raises(OSError) as refused:
        read_no_follow(tmp_path / "link.txt")
    assert refused.value.errno == errno.ELOOP


def test_find_leftovers_finds_only_our_partial_files_beside_known_files(tmp_path: Path) -> None:
    ours = [
        "people/.index.html.site-builder-partial-0123456789abcdef",
        "people/ada/.index.html.site-builder-27763",
        "..site-builder-publish.json.site-builder-partial-89abcdef01234567",
    ]
    look_alikes = [
        "people/.index.html.site-builder-partial-0123",
        "people/.index.html.site-builder-partial-0123456789ABCDEF",
        "people/.other.html.site-builder-partial-0123456789abcdef",
        "people/ada/index.html.site-builder-27763",
        "unknown/.index.html.site-builder-partial-0123456789abcdef",
    ]
    write_files(tmp_path, {path: "partial" for path in [*ours, *look_alikes]})
    (tmp_path / "people/ada/.about.html.site-builder-partial-0123456789abcdef").symlink_to(tmp_path)
    known = [
        "people/index.html",
        "people/ada/index.html",
        "people/ada/about.html",
        ".site-builder-publish.json",
        "gone/index.html",
    ]
    assert find_leftovers(tmp_path, known) == sorted(ours)


def test_is_empty(tmp_path: Path) -> None:
    assert is_empty(tmp_path)
    write_files(tmp_path, {".hidden": ""})
    assert not is_empty(tmp_path)


def test_remove_empty_parents_stops_at_a_folder_with_files_and_at_stop(tmp_path: Path) -> None:
    top = write_files(tmp_path / "site", {"a/keep.txt": "", "a/b/c/gone.txt": ""})
    (top / "a/b/c/gone.txt").unlink()
    remove_empty_parents(top / "a/b/c/gone.txt", top)
    assert snapshot(tmp_path) == {"site/a/keep.txt": b""}
    (top / "a/keep.txt").unlink()
    remove_empty_parents(top / "a/keep.txt", top)
    assert top.is_dir() and is_empty(top)


def test_remove_empty_parents_never_removes_a_symlink_or_leaves_stop(tmp_path: Path) -> None:
    top = tmp_path / "site"
    (tmp_path / "elsewhere/empty").mkdir(parents=True)
    top.mkdir()
    (top / "linked").symlink_to(tmp_path / "elsewhere/empty", target_is_directory=True)
    remove_empty_parents(top / "linked/gone.txt", top)
    assert (top / "linked").is_symlink()
    remove_empty_parents(tmp_path / "elsewhere/empty/gone.txt", top)  # not below stop
    assert (tmp_path / "elsewhere/empty").is_dir()


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("project/public", None),
        ("project/public/deep", None),
        ("elsewhere", None),
        ("project", ("project", False)),
        (".", ("project", False)),
        ("project/content", ("project/content", False)),
        ("project/content/people", ("project/content", True)),
        ("project/templates/static", ("project/templates", True)),
    ],
)
def test_project_overlap(tmp_path: Path, folder: str, expected: tuple[str, bool] | None) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    overlap = project_overlap(root, tmp_path / folder)
    if expected is None:
        assert overlap is None
    else:
        assert overlap is not None
        assert (overlap.project_folder, overlap.inside) == ((tmp_path / expected[0]).resolve(), expected[1])


def test_project_overlap_sees_through_a_symlink(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (tmp_path / "out").symlink_to(root / "content", target_is_directory=True)
    overlap = project_overlap(root, tmp_path / "out")
    assert overlap is not None and overlap.project_folder == (root / "content").resolve()


def test_failure_is_one_line_naming_the_action_and_the_path(tmp_path: Path) -> None:
    error = OSError(errno.EACCES, os.strerror(errno.EACCES))
    assert str(failure("write", tmp_path / "x", error)) == f"cannot write {tmp_path / 'x'}: Permission denied"
