"""The digest of a build's input files, on which a no-change rebuild rests: it must change with
anything a build reads, and refuse what it cannot vouch for."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, write_files

from site_builder.inputs import Unhashable, source_digest

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
