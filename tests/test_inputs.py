"""The digest of a build's input files, on which a no-change rebuild rests: it must change with
anything a build reads, and refuse what it cannot vouch for."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, texts_of, write_files

from site_builder import inputs
from site_builder.build import build
from site_builder.cache import CACHE_DIR, BuildCache, content_key
from site_builder.drafts import build_moment
from site_builder.inputs import FILE_KEYS, Read, Unhashable, source_digest
from site_builder.uptodate import Freshness, check_output

NO_OVERRIDES = {"base_url": None, "drafts": None}


def digest(root: Path, overrides: dict[str, object] = NO_OVERRIDES) -> str:
    return source_digest(root, overrides, "engine")


def test_the_digest_follows_every_file_a_build_reads(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    first = digest(root)
    assert digest(root) == first
    seen = {first}
    for path, data in [
        ("content/people/ada.md", SMALL_PROJECT["content/people/ada.md"] + "More.\n"),
        ("content/site.yaml", SMALL_PROJECT["content/site.yaml"] + "\n"),
        ("templates/strings.yaml", "search.label: Find\n"),
        ("content/media/map.svg", "<svg/>"),
    ]:
        write_files(root, {path: data})
        seen.add(digest(root))
    (root / "content/media/map.svg").rename(root / "content/media/plan.svg")
    seen.add(digest(root))
    seen.add(digest(root, {"base_url": "https://example.org/", "drafts": None}))
    seen.add(source_digest(root, NO_OVERRIDES, "another engine"))
    assert len(seen) == 8


def test_editor_temporaries_in_content_do_not_count(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    before = digest(root)
    write_files(root, {"content/people/.ada.md.swp": "x", "content/people/ada.md~": "y"})
    assert digest(root) == before


def test_a_symlinked_folder_is_not_vouched_for(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    (root / "shared").mkdir()
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/partials").symlink_to(root / "shared")
    with pytest.raises(Unhashable):
        digest(root)


def test_the_markdown_hashed_is_kept_for_the_build_pictures_are_not(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, "content/media/map.svg": "<svg/>"})
    content: Read = {}
    assert source_digest(root, NO_OVERRIDES, "engine", content) == digest(root)
    markdown = sorted(str(path) for path in (root / "content").glob("*/*.md"))
    assert sorted(content) == markdown
    ada = SMALL_PROJECT["content/people/ada.md"].encode()
    assert content[str(root / "content/people/ada.md")] == (ada, content_key(ada), len(ada))


def test_a_build_parses_the_bytes_its_up_to_date_check_hashed(tmp_path: Path) -> None:
    """The CLI's build reads each content file once, in the up-to-date check: a file saved
    again between the check and the build is built as it was hashed (the output and its stamp
    agree), and the next build finds the newer bytes."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, keep_files=False)
    ada = root / "content/people/ada.md"
    ada.write_text(SMALL_PROJECT["content/people/ada.md"] + "Checked.\n", "utf-8")
    cache = BuildCache(root / CACHE_DIR)
    freshness = check_output(root, out_dir, {}, build_moment(), cache)
    assert freshness.unchanged is None and freshness.content
    ada.write_text(SMALL_PROJECT["content/people/ada.md"] + "Saved after the check.\n", "utf-8")
    build(root, out_dir, {}, cache=cache, freshness=freshness, keep_files=False)
    [main] = texts_of(out_dir / "people/ada/index.html", "main")
    assert "Checked." in main and "Saved after the check." not in main
    build(root, out_dir, {}, keep_files=False)
    [main] = texts_of(out_dir / "people/ada/index.html", "main")
    assert "Saved after the check." in main


def test_a_file_is_keyed_alike_whether_the_check_hashed_it_or_the_build(tmp_path: Path) -> None:
    """The CLI's build keys each content file by the key its up-to-date check made of the
    bytes (hashed once); a build that reads the files itself (serve) makes the same keys, so
    each finds the other's parsed items in the cache, and parses nothing again."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out_dir = tmp_path / "public"
    cache = BuildCache(root / CACHE_DIR)
    freshness = check_output(root, out_dir, {}, build_moment(), cache)
    assert freshness.content
    build(root, out_dir, {}, cache=cache, freshness=freshness, keep_files=False)
    checked = set(BuildCache(root / CACHE_DIR).stored("items"))
    read = BuildCache(root / CACHE_DIR)
    build(root, tmp_path / "served", {}, cache=read)  # keep_files: reads and hashes the files
    assert set(read.stored("items")) == checked  # the same keys, none parsed anew


def test_a_settled_file_is_taken_by_its_stat_until_it_changes(tmp_path: Path) -> None:
    """With a cache, a file whose stat signature is the one it had when hashed is not read
    again (its bytes are None in the Read), and the digest is the one of its bytes; a save
    that keeps its size and sets its modification time back still changes its change time,
    so it is read and the digest follows it. A file changed too recently is always read."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    ada = root / "content/people/ada.md"
    cache = BuildCache(root / CACHE_DIR)
    first: Read = {}
    assert source_digest(root, NO_OVERRIDES, "engine", first, cache, settled_ns=0) == digest(root)
    cache.save()
    taken: Read = {}
    cache = BuildCache(root / CACHE_DIR)
    assert source_digest(root, NO_OVERRIDES, "engine", taken, cache, settled_ns=0) == digest(root)
    assert taken.keys() == first.keys()
    assert all(data is None and (key, size) == first[path][1:] for path, (data, key, size) in taken.items())
    cache.save()
    time.sleep(0.05)  # past the clock tick of the first save's change time
    text = SMALL_PROJECT["content/people/ada.md"]
    stat = ada.stat()
    ada.write_text(text.replace("Ada", "Adu", 1), "utf-8")  # the same size
    os.utime(ada, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again: Read = {}
    cache = BuildCache(root / CACHE_DIR)
    assert source_digest(root, NO_OVERRIDES, "engine", again, cache, settled_ns=0) == digest(root)
    assert again[str(ada)][0] == ada.read_bytes() != first[str(ada)][0]
    recent: Read = {}
    source_digest(root, NO_OVERRIDES, "engine", recent, BuildCache(root / CACHE_DIR), settled_ns=10**12)
    assert all(data is not None for data, _, _ in recent.values())


def test_a_file_taken_by_its_stat_is_read_when_its_item_is_not_cached(tmp_path: Path) -> None:
    """The CLI's build parses a file its up-to-date check did not read (by its stat) from the
    cache's item; with no item for its key (a cache whose items were lost), it reads the file."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, keep_files=False)
    cache = BuildCache(root / CACHE_DIR)
    source_digest(root, NO_OVERRIDES, "engine", {}, cache, settled_ns=0)
    cache.carry_over()  # the other tables stay as they are
    cache.save()
    lost = list((root / CACHE_DIR / "memo").glob("items-*"))
    assert lost
    for items in lost:
        items.unlink()
    cache = BuildCache(root / CACHE_DIR)
    content: Read = {}
    sources = source_digest(root, NO_OVERRIDES, "engine", content, cache, settled_ns=0)
    assert content[str(root / "content/people/ada.md")][0] is None
    build(root, out_dir, {}, cache=cache, freshness=Freshness(sources, content=content), keep_files=False)
    [main] = texts_of(out_dir / "people/ada/index.html", "main")
    assert "Ada" in main


def test_a_no_change_rebuild_keeps_the_keys_of_files_settled_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build reads the project's files it was given just written (not settled) and keeps
    no key of theirs; the no-change rebuild after it, with them settled, keeps their keys, so
    that the edit after that takes every other file by its stat."""
    root = write_files(tmp_path / "project", SMALL_PROJECT)
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, keep_files=False)

    def project_files_kept() -> set[str]:
        kept = BuildCache(root / CACHE_DIR).stored(FILE_KEYS)
        return {signature.partition("\0")[0] for signature in kept if signature.startswith(str(root))}

    assert not project_files_kept()
    monkeypatch.setattr(inputs, "SETTLED_NS", 0)
    freshness = check_output(root, out_dir, {}, build_moment(), BuildCache(root / CACHE_DIR))
    assert freshness.unchanged
    assert project_files_kept() == {str(root / path) for path in SMALL_PROJECT if path.startswith("content/")}
