"""write.py against a hostile machine: a read-only output or folder, a spare that cannot be
reused, a full disk. What can be judged before the swap fails with exit 3 and leaves the old
site untouched; what goes wrong after it (the new site is in place) is a one-line warning saying
what is left where and how to remove it. Never a traceback, never a half site.

Also the other environment failures of a build that end in exit 3: an unreadable content file,
an unreadable output folder, Pagefind failing (tests/test_search.py covers what search makes)."""

from __future__ import annotations

import errno
import functools
import os
import shlex
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ADA, REPO, SMALL_PROJECT, person, run_cli, snapshot, write_files

from site_builder.build import build
from site_builder.cache import CACHE_DIR
from site_builder.cli import main
from site_builder.errors import BuildFailed, EnvironmentFailure
from site_builder.write import MANIFEST, write_site

DROPPED_CAPABILITIES = "-dac_override,-dac_read_search,-fowner"


@functools.cache
def refused_prefix() -> tuple[str, ...] | str:
    """The command prefix that makes a process obey file permissions, or why there is none.

    Root ignores file permissions. The brief's way round that, running as nobody with setpriv
    --reuid=65534, cannot work here: the interpreter and site-packages live under /root (mode
    0700), so nobody cannot even import jinja2. So the CLI runs as root without the capabilities
    that override permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER): for the
    root-owned files of these tests it is refused exactly as any owner is by a missing bit.
    Another user needs no prefix: permissions apply to it anyway.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return "setpriv (util-linux) is missing: as root, file permissions cannot be made to apply"
    prefix = (setpriv, f"--bounding-set={DROPPED_CAPABILITIES}")
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import site_builder.build"],
        capture_output=True,
        text=True,
        env=cli_env(),
        check=False,
    )
    if probe.returncode != 0:
        return f"setpriv cannot drop the permission-override capabilities: {probe.stderr.strip()}"
    return prefix


def cli_env() -> dict[str, str]:
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": python_path}


def run_refused(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m site_builder ARGS` in a process that file permissions apply to."""
    prefix = refused_prefix()
    if isinstance(prefix, str):
        pytest.skip(prefix)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "site_builder", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=cli_env(),
        timeout=120,
        check=False,
    )


def make_read_only(folder: Path) -> None:
    folder.chmod(stat.S_IMODE(folder.stat().st_mode) & ~0o222)


@pytest.fixture
def restore_permissions(tmp_path: Path) -> Iterator[None]:
    """Make everything under tmp_path writable again, so it can be deleted (not only by root)."""
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path.is_dir() and not path.is_symlink() and not path.is_mount():
            path.chmod(0o755)


@pytest.fixture
def small_disk() -> Iterator[Callable[[Path, int], Path]]:
    """mount(folder, kib): a tmpfs of that size on folder, unmounted after the test."""
    mounted: list[Path] = []

    def mount(folder: Path, kib: int) -> Path:
        if os.geteuid() != 0:
            pytest.skip("full-disk tests mount a small tmpfs, which needs root")
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs to fill up: {result.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", str(folder)], check=True)


def fill_up(folder: Path) -> None:
    """Write a file in folder until its file system is full."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        while True:
            try:
                filler.write(b"\0" * 4096)
            except OSError as e:
                assert e.errno == errno.ENOSPC, e
                return


def leftovers(parent: Path) -> list[str]:
    """Temporary folders of ours beside an output."""
    return sorted(path.name for path in parent.iterdir() if ".tmp-" in path.name)


def edit_project(root: Path) -> None:
    """A change every build after it must write: ada's summary, on several pages."""
    write_files(root, {ADA: person().replace("Led the talks.", "Led the talks, twice.")})


def reference_build(root: Path, out_dir: Path) -> dict[str, bytes]:
    build(root, out_dir, {}, use_cache=False)
    return snapshot(out_dir)


def first_folder(out_dir: Path) -> Path:
    """A folder of the built site (assets/, say)."""
    return sorted(path for path in out_dir.iterdir() if path.is_dir() and not path.is_symlink())[0]


# Before the swap: refused with exit 3, the old site untouched.


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
@pytest.mark.parametrize("where", ["output", "subfolder"])
def test_a_read_only_output_is_refused_before_the_swap(
    tmp_path: Path, restore_permissions: None, where: str, cache: bool
) -> None:
    """The previous site could be swapped out but never removed: say so, change nothing."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    edit_project(root)
    locked = out_dir if where == "output" else first_folder(out_dir)
    make_read_only(locked)
    before = snapshot(out_dir)

    result = run_refused(
        "build", "--root", root, "--out", out_dir, *([] if cache else ["--no-cache"]), cwd=tmp_path
    )

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"site-builder: failed: cannot replace {out_dir}: {locked} is not writable, so the "
        f"previous site could not be removed; make it writable (chmod -R u+w {out_dir}) or "
        "build into another --out"
    ]
    assert snapshot(out_dir) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("existing", [True, False], ids=["old-site", "new-output"])
def test_an_output_in_a_read_only_folder_is_refused(
    tmp_path: Path, restore_permissions: None, existing: bool
) -> None:
    """The new site is made beside the output: a folder we may not write in is exit 3."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    parent = tmp_path / "locked"
    parent.mkdir()
    out_dir = parent / "public"
    if existing:
        build(root, out_dir, {})
        edit_project(root)
    before = snapshot(parent)
    make_read_only(parent)

    result = run_refused("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"site-builder: failed: cannot build into {out_dir}: {parent} is not writable"
    ]
    assert snapshot(parent) == before


def test_an_unreadable_output_is_refused(tmp_path: Path, restore_permissions: None) -> None:
    """An output folder we may not even list is exit 3, not a traceback."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    out_dir.chmod(0o000)

    result = run_refused("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [f"site-builder: failed: cannot read {out_dir}: Permission denied"]


def test_a_full_disk_leaves_the_old_site(tmp_path: Path, small_disk: Callable[[Path, int], Path]) -> None:
    """No space for the new site: exit 3 naming the output, the old site as it was, no staging."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    disk = small_disk(tmp_path / "disk", 512)
    out_dir = disk / "public"
    assert run_cli("build", "--root", root, "--out", out_dir, cwd=tmp_path).returncode == 0
    fill_up(disk)
    write_files(
        root,
        {
            "content/site.yaml": SMALL_PROJECT["content/site.yaml"].replace(
                "Small explainer", "Small explainer, retitled"
            )
        },
    )  # every page changes
    before = snapshot(out_dir)

    result = run_cli("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"site-builder: failed: could not write the site into {out_dir}: No space left on device"
    ]
    assert snapshot(out_dir) == before
    assert leftovers(disk) == []


# After the swap: the new site stands, a warning says what is left where.


def test_a_previous_site_that_cannot_be_removed_is_a_warning(
    tmp_path: Path, restore_permissions: None
) -> None:
    """A read-only folder made by hand in the output is found only while removing the old site:
    the new site is in place (exit 0), one line says where the rest is and how to remove it."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    write_files(out_dir, {"notes/by-hand.txt": "not ours"})
    make_read_only(out_dir / "notes")
    edit_project(root)
    reference = reference_build(root, tmp_path / "reference")

    result = run_refused("build", "--root", root, "--out", out_dir, "--no-cache", cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(out_dir) == reference
    [left] = leftovers(tmp_path)
    quoted = shlex.quote(str(tmp_path / left))
    assert result.stderr.splitlines() == [
        f"site-builder: warning: could not remove the previous site in {tmp_path / left}: "
        f"Permission denied; remove it with: chmod -R u+w {quoted} && rm -rf {quoted}"
    ]

    # The next build tries again and says so again; the advice given works.
    again = run_refused("build", "--root", root, "--out", out_dir, "--no-cache", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == [
        f"site-builder: warning: could not remove a folder an earlier build left in "
        f"{tmp_path / left}: Permission denied; remove it with: chmod -R u+w {quoted} && "
        f"rm -rf {quoted}"
    ]
    subprocess.run(f"chmod -R u+w {quoted} && rm -rf {quoted}", shell=True, check=True)
    clean = run_refused("build", "--root", root, "--out", out_dir, "--no-cache", cwd=tmp_path)
    assert (clean.returncode, clean.stderr, leftovers(tmp_path)) == (0, "", [])
    assert snapshot(out_dir) == reference


def test_a_spare_that_cannot_be_reused_does_not_break_the_build(
    tmp_path: Path, restore_permissions: None
) -> None:
    """The cache keeps the retired site to update next time; one made read-only is left alone,
    the build starts afresh and succeeds, and a warning says where it is and how to remove it."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    build(root, out_dir, {"base_url": "https://example.org/"})  # the first swap: a spare
    [spare] = (root / CACHE_DIR / "spare-outputs").iterdir()
    assert (spare / MANIFEST).is_file()
    make_read_only(first_folder(spare))
    edit_project(root)
    reference = reference_build(root, tmp_path / "reference")

    result = run_refused("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(out_dir) == reference
    quoted = shlex.quote(str(spare))
    assert result.stderr.splitlines() == [
        f"site-builder: warning: could not remove the build cache's spare copy of the site in "
        f"{spare}: Permission denied; remove it with: chmod -R u+w {quoted} && rm -rf {quoted}"
    ]
    assert leftovers(tmp_path) == []


def test_a_name_taken_beside_the_output_is_not_a_failure(tmp_path: Path) -> None:
    """The staging folder's name is taken (in life: a leftover an earlier build with the same
    process id could not remove; here a file, which is never ours to remove): use another."""
    out_dir = tmp_path / "public"
    write_site({"index.html": b"old"}, out_dir)
    taken = tmp_path / f".public.tmp-{os.getpid()}"
    taken.write_text("someone's", "utf-8")

    write_site({"index.html": b"new"}, out_dir)

    assert snapshot(out_dir) == {"index.html": b"new", MANIFEST: (out_dir / MANIFEST).read_bytes()}
    assert taken.read_text("utf-8") == "someone's"


# Other environment failures of a build: exit 3, one line naming the path or the command.


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_unreadable_content_file_is_an_environment_failure(
    tmp_path: Path, restore_permissions: None, command: str
) -> None:
    """Not a content error (its bytes are fine): the machine refuses to read it. Exit 3."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    (root / ADA).chmod(0o000)

    result = run_refused(command, "--root", root, cwd=tmp_path)

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [f"site-builder: failed: {root / ADA}: Permission denied"]
    assert not (root / "public").exists()


@pytest.fixture
def searched_project(tmp_path: Path) -> Path:
    site_yaml = SMALL_PROJECT["content/site.yaml"] + "search: true\n"
    return write_files(tmp_path / "project", {**SMALL_PROJECT, "content/site.yaml": site_yaml})


@pytest.mark.parametrize(
    ("script", "message"),
    [
        pytest.param(
            "#!/bin/sh\necho 'Error: the index is on fire' >&2\nexit 4\n",
            "search: {pagefind} failed (exit code 4): Error: the index is on fire",
            id="fails",
        ),
        pytest.param(None, "search: could not run {pagefind}: Permission denied", id="not-executable"),
    ],
)
def test_pagefind_failing_is_an_environment_failure(
    tmp_path: Path,
    searched_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: str | None,
    message: str,
) -> None:
    """Exit 3 naming the command; the output folder is not created."""
    pagefind = tmp_path / "pagefind"
    pagefind.write_text(script or "not a program", "utf-8")
    pagefind.chmod(0o755 if script else 0o644)
    monkeypatch.setattr("site_builder.search.get_executable", lambda: pagefind)

    code = main(["build", "--root", str(searched_project), "--out", str(tmp_path / "public")])

    assert code == 3
    assert capsys.readouterr().err.splitlines() == [
        "site-builder: failed: " + message.format(pagefind=pagefind)
    ]
    assert not (tmp_path / "public").exists()


def test_a_build_that_fails_while_pagefind_reads_its_pages_leaves_no_pagefind(searched_project: Path) -> None:
    """Pagefind starts before the pages render; a template error stops it with the build."""
    write_files(
        searched_project,
        {"templates/person.html": "{% extends 'base.html' %}{% block main %}{{ nope.nope }}{% endblock %}"},
    )
    children = Path(f"/proc/self/task/{threading.get_native_id()}/children")
    before = set(children.read_text().split()) if children.exists() else set()

    with pytest.raises(BuildFailed):
        build(searched_project, searched_project / "public", {})

    if children.exists():
        left = set(children.read_text().split()) - before
        assert not [pid for pid in left if "pagefind" in Path(f"/proc/{pid}/cmdline").read_text()], left


def test_a_missing_pagefind_is_an_environment_failure(
    searched_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.search.get_executable", lambda: None)
    with pytest.raises(EnvironmentFailure, match=r"^search: true needs Pagefind's binary"):
        build(searched_project, None, {})


def test_serve_takes_the_manifests_it_wrote_from_memory(tmp_path: Path) -> None:
    """Builds that share a cache (serve) keep the manifests of the output and of its spare in
    memory: with the cache's copies gone, the next build still updates the spare file by file
    (the pages that show the edit written, not the whole site) and the output is a clean
    build's."""
    from site_builder.cache import BuildCache

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    cache = BuildCache(root / CACHE_DIR)
    build(root, out_dir, {}, cache=cache)
    edit_project(root)
    build(root, out_dir, {}, cache=cache, changed=[ADA])  # the first swap: a spare
    write_files(root, {ADA: person().replace("Led the talks.", "Led the talks, thrice.")})
    shutil.rmtree(root / CACHE_DIR / "output-manifests")

    result = build(root, out_dir, {}, cache=cache, changed=[ADA])

    assert result.stats is not None
    assert (result.stats.written, result.stats.unchanged) == (5, 23), result.stats
    assert snapshot(out_dir) == reference_build(root, tmp_path / "reference")


def test_put_unread_takes_a_file_by_the_digest_the_manifest_holds(tmp_path: Path) -> None:
    """A page the build knows is unchanged goes into the new site without being read: by a
    hard link to the file the previous site's manifest lists with that digest, else not at all
    (put_unread says so, and the caller puts the bytes)."""
    from site_builder.manifest import digest
    from site_builder.write import open_staging

    out_dir, manifests = tmp_path / "public", tmp_path / "manifests"
    write_site({"a.html": b"old a", "d/b.html": b"old b"}, out_dir, manifests=manifests)
    staging = open_staging(out_dir, manifests=manifests)
    assert staging.put_unread("d/b.html", digest(b"old b"))
    assert not staging.put_unread("a.html", digest(b"new a"))  # not what the folder holds
    assert not staging.put_unread("c.html", digest(b"old b"))  # not in the folder at all
    staging.put("a.html", b"new a")
    stats = staging.finish()
    built = snapshot(out_dir)
    assert {path: built[path] for path in built if path != MANIFEST} == {
        "a.html": b"new a",
        "d/b.html": b"old b",
    }
    assert (stats.written, stats.unchanged) == (1, 1)


def test_the_first_site_in_a_folder_leaves_a_spare_in_hard_links(tmp_path: Path) -> None:
    """The first swap into a folder retires no old site, so it links one into the cache: the
    next write takes it as its staging folder and writes only what changed (the first
    one-file edit after a clean build links no 9,000 files), and its output is what writing
    the files afresh makes. serve's first build (updated in place after it) leaves none."""
    from site_builder.write import open_staging

    out_dir, spare, manifests = tmp_path / "public", tmp_path / "cache/spare", tmp_path / "cache/manifests"
    old = {"a.html": b"old a", "d/b.html": b"b", "d/e/c.html": b"c"}
    write_site(old, out_dir, spare, manifests=manifests)
    first = snapshot(out_dir)
    assert snapshot(spare) == first
    assert all((spare / path).stat().st_ino == (out_dir / path).stat().st_ino for path in old)
    spare_inode = spare.stat().st_ino
    new = {"a.html": b"new a", "d/b.html": b"b", "n/new.html": b"added"}

    stats = write_site(new, out_dir, spare, manifests=manifests)

    assert out_dir.stat().st_ino == spare_inode, "the spare, brought up to date, swapped in"
    assert (stats.written, stats.unchanged, stats.removed) == (2, 1, 1)
    write_site(new, tmp_path / "afresh", manifests=tmp_path / "other-manifests")
    assert snapshot(out_dir) == snapshot(tmp_path / "afresh")
    assert snapshot(spare) == first, "the site it replaced is the next spare"
    half_linked = spare.with_name(f".{spare.name}.tmp-1")  # a build killed in link_spare
    shutil.copytree(spare, half_linked)
    write_site(old, out_dir, spare, manifests=manifests)
    assert sorted(path.name for path in spare.parent.iterdir()) == ["manifests", "spare"]
    served, served_spare = tmp_path / "served", tmp_path / "cache/served-spare"
    open_staging(served, served_spare, manifests=manifests, in_place=True).put_all(new).finish()
    assert sorted(snapshot(served)) == sorted([*new, MANIFEST])
    assert not served_spare.exists()


def test_an_update_in_place_writes_only_what_changed(tmp_path: Path) -> None:
    """serve's rebuilds change the folder where it is: a file whose bytes changed is replaced
    (a new inode: the old one may be the spare's too), an unchanged one is left alone, one the
    new site has not is removed with the folders that leaves empty, and the folder, marker
    included, is what writing the same files afresh makes."""
    from site_builder.write import open_staging

    out_dir, manifests = tmp_path / "public", tmp_path / "manifests"
    old = {"a.html": b"old a", "d/b.html": b"b", "d/e/c.html": b"c", "style.css": b"css"}
    write_site(old, out_dir, manifests=manifests)
    inodes = {path: (out_dir / path).stat().st_ino for path in old}
    folder_inode = out_dir.stat().st_ino
    new = {"a.html": b"new a", "d/b.html": b"b", "n/new.html": b"added", "style.css": b"css"}

    update = open_staging(out_dir, manifests=manifests, in_place=True)
    update.put_all(new)
    assert snapshot(out_dir)["a.html"] == b"old a", "nothing is written before finish"
    stats = update.finish()

    assert out_dir.stat().st_ino == folder_inode, "updated where it is, not swapped"
    assert (out_dir / "d/b.html").stat().st_ino == inodes["d/b.html"]
    assert (out_dir / "a.html").stat().st_ino != inodes["a.html"]
    assert not (out_dir / "d/e").exists()
    assert (stats.written, stats.unchanged, stats.removed) == (2, 2, 1)
    write_site(new, tmp_path / "afresh", manifests=tmp_path / "other-manifests")
    assert snapshot(out_dir) == snapshot(tmp_path / "afresh")
    assert sorted(path.name for path in out_dir.iterdir() if path.name.startswith(".")) == [MANIFEST]


def test_an_update_in_place_that_is_dropped_leaves_the_folder(tmp_path: Path) -> None:
    """A build that fails after putting files (a template error on a later page) drops them:
    the folder serve shows is the last good build's, byte for byte."""
    from site_builder.write import open_staging

    out_dir, manifests = tmp_path / "public", tmp_path / "manifests"
    write_site({"a.html": b"a", "b.html": b"b"}, out_dir, manifests=manifests)
    before = snapshot(out_dir)
    update = open_staging(out_dir, manifests=manifests, in_place=True)
    update.put("a.html", b"half a build")
    update.abort(keep_as_spare=True)
    assert snapshot(out_dir) == before


def test_an_update_in_place_that_fails_halfway_is_trusted_no_more(tmp_path: Path) -> None:
    """A file no build listed stands where the new site needs a folder, so the update fails
    halfway, as an environment failure. The folder's marker then names no manifest: the next
    build trusts nothing in it, swaps in a new folder, and the stray file is gone."""
    from site_builder.write import open_staging, read_manifest

    out_dir, manifests = tmp_path / "public", tmp_path / "manifests"
    write_site({"a.html": b"a"}, out_dir, manifests=manifests)
    (out_dir / "n").write_bytes(b"put here by hand")
    update = open_staging(out_dir, manifests=manifests, in_place=True)
    update.put_all({"a.html": b"new a", "n/new.html": b"added"})
    with pytest.raises(EnvironmentFailure, match=f"could not update the site in {out_dir}"):
        update.finish()
    assert read_manifest(out_dir, manifests) == {}

    staging = open_staging(out_dir, manifests=manifests, in_place=True)
    staging.put_all({"a.html": b"new a", "n/new.html": b"added"})
    staging.finish()
    built = snapshot(out_dir)
    assert {path: built[path] for path in built if path != MANIFEST} == {
        "a.html": b"new a",
        "n/new.html": b"added",
    }
    assert read_manifest(out_dir, manifests).keys() == {"a.html", "n/new.html"}
