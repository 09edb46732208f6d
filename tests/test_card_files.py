"""render/card_files.py: the social cards' PNGs are kept as files of the build cache, written as
they are drawn, so a build does not hold them in memory until the cache is saved; the memo
table keeps each card's SHA-256, and a file that is missing or changed is drawn again."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import REPO, run_main, snapshot

from site_builder import build as build_module
from site_builder.cache import CACHE_DIR, BuildCache
from site_builder.render.card_files import CARD_FOLDER, CardFiles, prune_card_files
from site_builder.render.social_card import CARD_TABLE

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
BASE_URL = "https://news.example.org/explainers/rivermouth/"


def drawing(png: bytes, drawn: list[bytes]) -> bytes:
    drawn.append(png)
    return png


def test_a_card_drawn_is_a_file_and_the_next_build_reads_it_back(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    drawn: list[bytes] = []
    assert (
        CardFiles(cache, hold=False).memo(CARD_TABLE, "k1", lambda: drawing(b"PNG one", drawn)) == b"PNG one"
    )
    assert (tmp_path / CARD_FOLDER / "k1.png").read_bytes() == b"PNG one"
    cache.save()
    assert cache.tables[CARD_TABLE] == {"k1": hashlib.sha256(b"PNG one").hexdigest()}  # not the bytes
    later = BuildCache(tmp_path)
    files = CardFiles(later, hold=False)
    assert later.has(CARD_TABLE, "k1")
    assert files.memo(CARD_TABLE, "k1", lambda: drawing(b"PNG one", drawn)) == b"PNG one"
    assert drawn == [b"PNG one"]  # drawn once


def test_a_card_file_missing_or_changed_is_drawn_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    files = CardFiles(cache, hold=False)
    for key in ("gone", "changed"):
        files.memo(CARD_TABLE, key, lambda key=key: f"PNG {key}".encode())
    cache.save()
    (tmp_path / CARD_FOLDER / "gone.png").unlink()
    (tmp_path / CARD_FOLDER / "changed.png").write_bytes(b"not what was drawn")
    drawn: list[bytes] = []
    files = CardFiles(BuildCache(tmp_path), hold=False)
    for key in ("gone", "changed"):
        assert files.memo(CARD_TABLE, key, lambda key=key: drawing(f"PNG {key}".encode(), drawn)) == (
            f"PNG {key}".encode()
        )
        assert (tmp_path / CARD_FOLDER / f"{key}.png").read_bytes() == f"PNG {key}".encode()
    assert drawn == [b"PNG gone", b"PNG changed"]


def test_the_files_of_cards_a_build_did_not_use_are_removed(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    files = CardFiles(cache, hold=False)
    for key in ("old", "kept"):
        files.memo(CARD_TABLE, key, lambda key=key: f"PNG {key}".encode())
    cache.save()
    prune_card_files(cache)
    (tmp_path / CARD_FOLDER / "kept.png.999999999").write_bytes(b"half")  # an older build's staging file
    files = CardFiles(cache, hold=False)
    files.memo(CARD_TABLE, "kept", lambda: b"PNG kept")
    cache.save()
    prune_card_files(cache)
    assert sorted(path.name for path in (tmp_path / CARD_FOLDER).iterdir()) == ["kept.png"]


def test_a_build_publishes_the_cards_of_the_cache_folder_byte_for_byte(tmp_path: Path) -> None:
    """The cards a build drew and those a later build took from the cache's files are the same
    files; a card file deleted from the cache is drawn again, the same."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    first = run_main("build", "--root", project, "--out", tmp_path / "first", "--base-url", BASE_URL)
    assert first.returncode == 0, first.stderr
    published = snapshot(tmp_path / "first")
    cards = {data for path, data in published.items() if path.startswith("social/")}
    kept = project / CACHE_DIR / CARD_FOLDER
    assert len(cards) > 10 and {path.read_bytes() for path in kept.iterdir()} == cards
    sorted(kept.iterdir())[0].unlink()
    second = run_main("build", "--root", project, "--out", tmp_path / "second", "--base-url", BASE_URL)
    assert second.returncode == 0, second.stderr
    assert snapshot(tmp_path / "second") == published
    assert {path.read_bytes() for path in kept.iterdir()} == cards


def test_serve_keeps_the_cards_in_memory_between_builds(tmp_path: Path) -> None:
    """A process that builds again (keep_files, as serve) takes the cards from memory: the
    second build publishes them with their files gone from the cache."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    cache = BuildCache(project / CACHE_DIR)
    overrides = {"base_url": BASE_URL}
    first = build_module.build(project, tmp_path / "out", overrides, cache=cache).files
    shutil.rmtree(project / CACHE_DIR / CARD_FOLDER)
    changed = ["content/people/mara-quill.md"]  # as serve's watcher says after a save
    again = build_module.build(project, tmp_path / "out", overrides, cache=cache, changed=changed).files
    assert sum(path.startswith("social/") for path in again) > 10
    assert again == first
    assert not (project / CACHE_DIR / CARD_FOLDER).exists()


def test_a_one_file_edit_that_places_its_cards_unread_keeps_their_files(tmp_path: Path) -> None:
    """A CLI edit puts the cards the output holds as they are, without reading the card table
    (BuildCache.keep_unread): their files stay in the cache, and a build into a new folder
    later takes them from there, drawing none."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    out = tmp_path / "public"
    first = run_main("build", "--root", project, "--out", out, "--base-url", BASE_URL)
    assert first.returncode == 0, first.stderr
    kept = project / CACHE_DIR / CARD_FOLDER
    files = {path.name: path.read_bytes() for path in kept.iterdir()}
    assert len(files) > 10
    body = project / "content" / "people" / "mara-quill.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edit = run_main("build", "--root", project, "--out", out, "--base-url", BASE_URL)
    assert edit.returncode == 0, edit.stderr
    assert {path.name: path.read_bytes() for path in kept.iterdir()} == files
