"""The build cache is never trusted over the source, and parallel rendering changes no byte."""

from __future__ import annotations

import gc
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
from conftest import ADA, REPO, SMALL_PROJECT, person, run_cli, run_main, snapshot, write_files
from test_reads import P5, edit_project
from test_write import fill_up, make_read_only, run_refused
from test_write import restore_permissions as restore_permissions  # a fixture, shared
from test_write import small_disk as small_disk  # a fixture, shared

from site_builder.build import build
from site_builder.cache import (
    CACHE_DIR,
    MEMO_DIR,
    OUTPUT_LIBRARIES,
    SHARDS,
    BuildCache,
    content_key,
    library_version,
    process_alive,
    shard_of,
)
from site_builder.render import find_theme, make_environment, theme
from site_builder.render.social_card import CARD_TABLE
from site_builder.render.theme import default_theme_dir

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"


def clean_build(root: Path, out_dir: Path) -> dict[str, bytes]:
    """A build with no cache at all, as the reference."""
    build(root, out_dir, {}, use_cache=False)
    return snapshot(out_dir)


def edit_randomly(root: Path, rng: random.Random, step: int) -> str:
    """One edit a writer might make: change a body, rename a file, delete or re-add one."""
    content = root / "content"
    people = sorted((content / "people").glob("*.md"))
    glossary = sorted((content / "glossary").glob("*.md"))
    choice = rng.choice(["body", "summary", "rename", "delete-add", "touch"])
    if choice == "body":
        path = rng.choice(people + glossary)
        path.write_text(path.read_text("utf-8") + f"\nEdit number {step}.\n", "utf-8")
    elif choice == "summary":
        path = rng.choice(people)
        text = path.read_text("utf-8").replace("summary: ", f"summary: (rev {step}) ", 1)
        path.write_text(text, "utf-8")
    elif choice == "rename":
        # A glossary term nobody references by slug can be renamed freely.
        path = content / "glossary" / f"extra-{step - 1}.md"
        if path.exists():
            path.rename(content / "glossary" / f"extra-{step}.md")
        else:
            (content / "glossary" / f"extra-{step}.md").write_text(
                f"---\nterm: Extra term {step}\ndefinition: Added in step {step}.\n---\n", "utf-8"
            )
    elif choice == "delete-add":
        for old in (content / "glossary").glob("extra-*.md"):
            old.unlink()
        (content / "glossary" / f"extra-{step}.md").write_text(
            f"---\nterm: Another term {step}\ndefinition: Re-added in step {step}.\n---\n", "utf-8"
        )
    else:
        path = rng.choice(people)
        path.write_bytes(path.read_bytes())  # same bytes, new mtime: must change nothing
    return choice


def test_cached_builds_match_clean_builds_after_random_edits(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    out_dir = tmp_path / "public"
    rng = random.Random(20211)
    build(root, out_dir, {})
    assert (root / CACHE_DIR).is_dir()
    for step in range(1, 13):
        choice = edit_randomly(root, rng, step)
        result = build(root, out_dir, {})  # uses the cache from the previous build
        reference = clean_build(root, tmp_path / f"clean-{step}")
        assert snapshot(out_dir) == reference, f"step {step} ({choice}) differs from a clean build"
        assert result.stats is not None


def test_no_change_build_renders_nothing_but_keeps_output(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    out_dir = tmp_path / "public"
    first = build(root, out_dir, {})
    before = snapshot(out_dir)
    second = build(root, out_dir, {})
    assert first.files and not second.files
    assert snapshot(out_dir) == before
    # A file deleted from the output by hand is noticed, and the build restores it.
    (out_dir / "index.html").unlink()
    third = build(root, out_dir, {})
    assert third.files
    assert snapshot(out_dir) == before


def test_a_damaged_cache_only_costs_time(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    build(root, tmp_path / "first", {})
    parts = sorted((root / CACHE_DIR / MEMO_DIR).iterdir())
    assert parts
    for number, part in enumerate(parts):  # damaged in every way a file can be
        data = part.read_bytes()
        part.write_bytes([b"not a pickle", data[:100], data[:-1] + b"x", b""][number % 4])
    build(root, tmp_path / "second", {})
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "first")


def test_a_part_from_another_engine_or_table_is_ignored(tmp_path: Path) -> None:
    """A part signed by this user but written by another engine version, or moved to another
    table's name, is read as empty."""
    folder = tmp_path / CACHE_DIR
    old = BuildCache(folder)
    old.version = "another engine"
    old.memo("items", "key", lambda: "old value")
    old.save()
    assert BuildCache(folder).memo("items", "key", lambda: "new value") == "new value"
    same = BuildCache(folder)
    same.memo("items", "key", lambda: "value")
    same.save()
    (part,) = (folder / MEMO_DIR).iterdir()
    part.rename(part.with_name(part.name.replace("items", "bodies")))
    assert BuildCache(folder).memo("bodies", "key", lambda: "fresh") == "fresh"


def test_a_part_from_another_engine_is_not_unpickled(tmp_path: Path) -> None:
    """Another engine's entries may name classes this engine lacks (an older site-builder
    reading a newer one's cache): the part is ignored without loading them."""
    module = tmp_path / "engine_of_tomorrow.py"
    module.write_text("class Stamp:\n    pass\n", "utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import engine_of_tomorrow

        folder = tmp_path / CACHE_DIR
        newer = BuildCache(folder)
        newer.version = "a newer engine"
        newer.remember("outputs", "out", engine_of_tomorrow.Stamp())
        newer.save()
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("engine_of_tomorrow", None)
    module.unlink()
    assert BuildCache(folder).stored("outputs") == {}
    assert "engine_of_tomorrow" not in sys.modules


def test_a_save_writes_only_the_parts_that_changed(tmp_path: Path) -> None:
    """Tables are read when first asked for and kept in parts: one changed entry rewrites one
    part; a table not used by a build is removed; a build that keeps everything writes nothing."""
    folder = tmp_path / CACHE_DIR
    cache = BuildCache(folder)
    for number in range(200):
        cache.memo("items", f"key {number}", lambda number=number: number)
    cache.memo("bodies", "body", lambda: "text")
    cache.save()
    parts = {path.name: path.stat().st_mtime_ns for path in (folder / MEMO_DIR).iterdir()}
    assert len([name for name in parts if name.startswith("items-")]) == SHARDS
    later = BuildCache(folder)
    for number in range(200):
        assert later.memo("items", f"key {number}", lambda: -1) == number
    assert later.memo("items", "new key", lambda: 5) == 5
    later.save()
    after = {path.name: path.stat().st_mtime_ns for path in (folder / MEMO_DIR).iterdir()}
    assert "bodies-" + "{:02d}".format(shard_of("body")) + ".pickle" not in after  # not used: dropped
    rewritten = [name for name in after if after[name] != parts.get(name)]
    assert rewritten == [f"items-{shard_of('new key'):02d}.pickle"]
    kept = BuildCache(folder)
    kept.stored("items")
    kept.carry_over()
    kept.save()
    assert {path.name: path.stat().st_mtime_ns for path in (folder / MEMO_DIR).iterdir()} == after


def test_saves_in_a_row_write_the_parts_of_the_keys_changed_and_keep_what_was_used(tmp_path: Path) -> None:
    """A process that builds many times (serve) saves after each build: every save writes the
    parts of the keys computed anew, added or dropped (and no other), and the cache then holds
    exactly what the build used, whether its table was read from disk or worked out before."""
    folder = tmp_path / CACHE_DIR
    rng = random.Random(18)
    cache = BuildCache(folder)
    live = {f"key {number}": number for number in range(120)}
    for key, value in live.items():
        cache.memo("items", key, lambda value=value: value)
    cache.save()
    for round_number in range(8):
        if round_number == 4:
            cache = BuildCache(folder)  # a new process: the parts' keys are read from disk
        dropped = set(rng.sample(sorted(live), 3))
        changed = set(rng.sample(sorted(live.keys() - dropped), 2))
        added = {f"new {round_number} {number}" for number in range(2)}
        for key in dropped:
            del live[key]
        for key in changed | added:
            live[key] = rng.random()
        for key, value in live.items():
            if key in changed:
                cache.remember("items", key, value)
            else:
                assert cache.memo("items", key, lambda value=value: value) == value
        # a part rewritten is replaced (a new inode), never edited in place
        inodes = {path.name: path.stat().st_ino for path in (folder / MEMO_DIR).iterdir()}
        cache.save()
        after = {path.name: path.stat().st_ino for path in (folder / MEMO_DIR).iterdir()}
        rewritten = {name for name in after if after[name] != inodes.get(name)}
        rewritten |= inodes.keys() - after.keys()  # a part left with no entries is removed
        assert rewritten == {f"items-{shard_of(key):02d}.pickle" for key in dropped | changed | added}
        assert BuildCache(folder).stored("items") == live


def make_large_project(root: Path, count: int) -> None:
    """Enough pages to take the parallel path (render.PARALLEL_MIN_PAGES)."""
    shutil.copytree(FIXTURE, root)
    people = root / "content" / "people"
    for index in range(count):
        (people / f"extra-person-{index}.md").write_text(
            f"---\nname: Extra Person {index}\nrole: Witness {index}\n"
            f"summary: Person number {index}.\n---\nSee [[extra-person-{(index + 1) % count}]].\n",
            "utf-8",
        )


def test_a_cache_from_elsewhere_is_never_unpickled(tmp_path: Path) -> None:
    """Unpickling runs code: a cache part this user's builds did not sign is ignored."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(marker),))

    import pickle

    (root / CACHE_DIR / MEMO_DIR).mkdir(parents=True)
    for table in ("items", "outputs", "pages", "bodies"):
        for shard in range(SHARDS):
            part = root / CACHE_DIR / MEMO_DIR / f"{table}-{shard:02d}.pickle"
            part.write_bytes(b"\0" * 32 + pickle.dumps(Exploit()))
    build(root, tmp_path / "out", {})
    assert not marker.exists()
    assert snapshot(tmp_path / "out") == clean_build(root, tmp_path / "clean")


def test_no_cache_rewrites_a_hand_edited_output(tmp_path: Path) -> None:
    """Unchanged files are hard-linked between builds; --no-cache takes nothing from before."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    build(root, out_dir, {"base_url": "https://example.org/"})  # a second build: links and spare
    with (out_dir / "index.html").open("ab") as page:  # edited in place, as an editor would
        page.write(b"<!-- edited by hand -->")
    build(root, out_dir, {"base_url": "https://example.org/"}, use_cache=False)
    assert snapshot(out_dir) == clean_build_with(root, tmp_path / "clean", "https://example.org/")


def clean_build_with(root: Path, out_dir: Path, base_url: str) -> dict[str, bytes]:
    build(root, out_dir, {"base_url": base_url}, use_cache=False)
    return snapshot(out_dir)


# The cache is an optimisation: one that cannot be written is one warning, and the build stands.


def unsaved(cache_dir: Path, reason: str) -> str:
    return (
        f"site-builder: warning: could not save the build cache in {cache_dir}: {reason}; "
        "the next build will be slower"
    )


def cache_leftovers(cache_dir: Path) -> list[str]:
    """Temporary files of a save that failed (memo/<part>.pickle.<pid>, Jinja's *.tmp)."""
    return sorted(
        path.name for path in cache_dir.rglob("*") if ".pickle." in path.name or path.name.endswith(".tmp")
    )


@pytest.mark.parametrize("when", ["first-build", "later-build"])
def test_a_full_disk_under_the_cache_is_one_warning(
    tmp_path: Path, small_disk: Callable[[Path, int], Path], when: str
) -> None:
    """The site is written (exit 0); the cache says once that it could not be saved, and
    leaves no temporary file. On a first build both Jinja's bytecode and the memo fail."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    cache_dir = small_disk(root / CACHE_DIR, 512)
    out_dir = tmp_path / "public"
    if when == "later-build":
        assert run_cli("build", "--root", root, "--out", out_dir, cwd=tmp_path).returncode == 0
    saved = snapshot(cache_dir / MEMO_DIR) if when == "later-build" else None
    fill_up(cache_dir)
    write_files(root, {ADA: person().replace("Led the talks.", "Led the talks, twice.")})

    result = run_cli("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == [unsaved(cache_dir, "No space left on device")]
    assert snapshot(out_dir) == clean_build(root, tmp_path / "clean")
    assert cache_leftovers(cache_dir) == []
    if saved is not None:
        # Each part is the last good one or a whole new one: never a torn file.
        reader = BuildCache(cache_dir)
        for name, data in snapshot(cache_dir / MEMO_DIR).items():
            table, _, shard = name.removesuffix(".pickle").rpartition("-")
            assert data == saved.get(name) or reader.read_part(table, int(shard)), name


def test_a_read_only_cache_is_one_warning(tmp_path: Path, restore_permissions: None) -> None:
    """A cache folder this user may not write in (run as a process permissions apply to)."""
    # A template of its own, compiled into the cache (the default theme's come compiled):
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, "templates/home.html": "own {{ title }}"})
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    cache_dir = root / CACHE_DIR
    for folder in (cache_dir, cache_dir / "jinja", cache_dir / MEMO_DIR):
        make_read_only(folder)
    write_files(root, {ADA: person().replace("Led the talks.", "Led the talks, twice.")})

    result = run_refused("build", "--root", root, "--out", out_dir, cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == [unsaved(cache_dir, "Permission denied")]
    assert snapshot(out_dir) == clean_build(root, tmp_path / "clean")
    assert cache_leftovers(cache_dir) == []


def test_save_warns_once_per_build_and_raises_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file where the cache folder should be: each build's save says so once."""
    cache_dir = tmp_path / CACHE_DIR
    cache_dir.write_text("not a folder", "utf-8")
    cache = BuildCache(cache_dir)
    for build_number in range(2):
        cache.memo("items", f"key {build_number}", lambda: "value")
        cache.warn_unsaved(OSError(28, "No space left on device"))  # as Jinja's cache would
        cache.save()
        assert capsys.readouterr().err.splitlines() == [unsaved(cache_dir, "No space left on device")]


def test_jinja_bytecode_that_cannot_be_saved_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Templates still compile and render when their bytecode cannot be written or read."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    write_files(tmp_path, {"templates/home.html": "{% block main %}own {{ 1 + 1 }}{% endblock %}"})
    bytecode_dir = tmp_path / "jinja"
    bytecode_dir.write_text("not a folder", "utf-8")
    failures: list[OSError] = []
    environment = make_environment(find_theme(tmp_path), bytecode_dir, failures.append)

    template = environment.get_template("home.html")

    assert template.blocks and template.render() == "own 2"
    assert failures and all(isinstance(failure, OSError) for failure in failures)


def test_content_key_depends_on_every_part_and_where_it_ends() -> None:
    assert content_key("a", "b") == content_key("a", b"b")  # text is hashed as its UTF-8 bytes
    assert content_key("a", "b") != content_key("ab")
    assert content_key("a", "b") != content_key("b", "a")
    assert content_key("a", "") != content_key("a")
    assert len(content_key("x")) == 40


def test_process_alive() -> None:
    assert process_alive(str(os.getpid()))
    assert not process_alive("not-a-pid")
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    assert not process_alive(finished.stdout.strip())  # gone (pids are not reused this fast)


def test_the_default_theme_compiled_by_one_project_is_loaded_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project's first build loads the default theme's bytecode that another project's build
    left in the user's cache instead of compiling it; a project's own templates stay its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    # As with another Jinja version, which the theme's shipped code was not compiled by:
    monkeypatch.setattr(theme, "_theme_code_index", lambda: ("", {}))
    first = write_files(tmp_path / "first", {**SMALL_PROJECT, "templates/home.html": "own {{ title }}"})
    build(first, tmp_path / "first-out", {})
    [shared] = (tmp_path / "user-cache" / "site-builder").glob("jinja-*")
    names = jinja2.bccache.BytecodeCache()
    own_home = f"__jinja2_{names.get_cache_key('home.html', str(first / 'templates' / 'home.html'))}.cache"
    assert (first / CACHE_DIR / "jinja" / own_home).is_file()
    assert not (shared / own_home).exists()  # the project's own template
    # The default base.html, as the user's cache holds it compiled, made to say something else:
    base = default_theme_dir() / "base.html"
    environment = make_environment(find_theme(first))
    bucket = jinja2.bccache.Bucket(
        environment, names.get_cache_key("base.html", str(base)), names.get_source_checksum(base.read_text())
    )
    bucket.code = environment.compile("loaded from the user cache", "base.html", str(base))
    with (shared / f"__jinja2_{bucket.key}.cache").open("wb") as file:
        bucket.write_bytecode(file)
    second = write_files(tmp_path / "second", dict(SMALL_PROJECT))

    build(second, tmp_path / "second-out", {})

    assert (tmp_path / "second-out" / "index.html").read_text("utf-8") == "loaded from the user cache"


def test_library_versions_are_those_importlib_metadata_reads() -> None:
    from importlib import metadata

    for name in OUTPUT_LIBRARIES:
        assert library_version(name) == metadata.version(name), name
    assert library_version("no-such-library-here") is None


def test_a_library_version_is_the_first_folder_on_the_path_spelled_any_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Markdown_It.Py-9.1.0.dist-info").mkdir(parents=True)
    (first / "markdown_it_pyx-1.0.dist-info").mkdir()
    (second / "markdown_it_py-8.0.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "absent"), str(first), str(second)])
    assert library_version("markdown-it-py") == "9.1.0"


def test_saved_dataclasses_come_back_equal_shared_and_unconstructed(tmp_path: Path) -> None:
    """The parts pickle site-builder's slotted dataclasses by their field values: a rendered
    body (positional fields, rebuilt by its __init__), an item (keyword-only fields) and a
    class whose __post_init__ refuses its own saved values are all read back equal, and an
    object two entries share is still one object."""
    from site_builder.build import typed_entry
    from site_builder.markup import BodyImage, RenderedBody
    from site_builder.publish import FolderTarget

    image = BodyImage(ref="media/a.jpg", alt="", line=1, column=2, alone=True)
    body = RenderedBody("<p>x</p>", (("ada", 1, 2),), (image, image))
    ada = typed_entry(person().encode(), "people", "ada", "content/people/ada.md", "src")
    assert ada[0] is not None and not ada[1]
    odd = FolderTarget(tmp_path, max_deletions=1)
    object.__setattr__(odd, "max_deletions", -1)  # what its __post_init__ would refuse
    values = {"body": body, "person": ada, "target": odd, "image": image}
    cache = BuildCache(tmp_path / CACHE_DIR)
    for key, value in values.items():
        cache.remember("things", key, value)
    cache.save()

    stored = BuildCache(tmp_path / CACHE_DIR).stored("things")

    assert stored == values
    assert stored["body"].images[0] is stored["body"].images[1]
    assert stored["target"].max_deletions == -1


def test_an_edit_takes_the_cards_the_output_holds_without_reading_them(tmp_path: Path) -> None:
    """A one-file edit that changes no card puts each card's file as the output holds it (its
    name is a hash of what it is drawn from): the cache's card parts are neither read, nor
    rewritten, nor dropped, and a later build into another folder finds every card there."""
    root = write_files(tmp_path / "project", edit_project())
    shared = {"base_url": "https://example.org/x/"}  # pages with social cards
    out_dir = tmp_path / "public"
    build(root, out_dir, shared, keep_files=False)
    memo_dir = root / CACHE_DIR / MEMO_DIR

    def card_parts() -> dict[str, bytes]:
        return {part.name: part.read_bytes() for part in sorted(memo_dir.glob(f"{CARD_TABLE}-*.pickle"))}

    kept = card_parts()
    assert kept
    for name in kept:  # a build that read them would find no card, draw each and write them
        (memo_dir / name).write_bytes(b"damaged")
    write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})
    build(root, out_dir, shared, keep_files=False)
    assert card_parts() == dict.fromkeys(kept, b"damaged")
    clean = tmp_path / "clean"
    build(root, clean, shared, use_cache=False)
    assert snapshot(out_dir) == snapshot(clean)
    assert any(path.startswith("social/") for path in snapshot(out_dir))

    for name, data in kept.items():
        (memo_dir / name).write_bytes(data)
    write_files(root, {P5: (root / P5).read_text("utf-8") + "Again.\n"})
    build(root, out_dir, shared, keep_files=False)
    build(root, tmp_path / "elsewhere", shared, keep_files=False)  # reads every card's PNG
    assert card_parts() == kept  # none drawn again, none dropped


def test_entries_kept_unread_stay_until_a_build_reads_their_table(tmp_path: Path) -> None:
    """keep_unread keeps a table's parts as they are while no build reads it; a build that
    reads it keeps what it used, those kept unread included, and drops the rest."""
    folder = tmp_path / CACHE_DIR
    first = BuildCache(folder)
    for key in ("a", "b", "c"):
        first.memo("cards", key, key.upper)
    first.save()
    unread = BuildCache(folder)
    unread.keep_unread("cards", ["a", "b"])
    unread.save()
    assert unread.tables.get("cards") is None  # never read
    assert BuildCache(folder).stored("cards") == {"a": "A", "b": "B", "c": "C"}
    later = BuildCache(folder)
    later.keep_unread("cards", ["a"])
    assert later.memo("cards", "b", lambda: "drawn") == "B"  # reads the table
    later.keep_unread("cards", ["c-gone"])  # not in it: nothing to keep
    later.save()
    assert BuildCache(folder).stored("cards") == {"a": "A", "b": "B"}


def test_a_one_build_process_freezes_what_it_reads_from_the_cache(tmp_path: Path) -> None:
    """freeze_reads (the CLI's) moves a table read from disk out of the collector's sight; a
    cache of a process that builds many times (serve, these tests) freezes nothing."""
    folder = tmp_path / CACHE_DIR
    first = BuildCache(folder)
    first.memo("items", "key", lambda: ["a value"])
    first.save()
    frozen = gc.get_freeze_count()  # serve's tests freeze what their builds leave
    BuildCache(folder).stored("items")
    assert gc.get_freeze_count() == frozen
    try:
        BuildCache(folder, freeze_reads=True).stored("nothing")  # no entries: nothing frozen
        assert gc.get_freeze_count() == frozen
        value = BuildCache(folder, freeze_reads=True).stored("items")["key"]
        assert gc.get_freeze_count() > frozen
        assert not gc.is_tracked(value) or all(value is not found for found in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_one_build_process_collects_nothing_until_an_edits_pages_render(tmp_path: Path) -> None:
    """The CLI's build after an edit runs no garbage collection while it links (what it makes
    there lives until it ends), and leaves the collector on, whether the build worked or
    failed; a cold build, and a build that goes on in its process (serve, a cache without
    freeze_reads), pause nothing."""
    root = write_files(tmp_path / "site", SMALL_PROJECT)
    out_dir = tmp_path / "out"
    linking: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe()
        while frame is not None and phase == "start":
            if frame.f_code.co_name == "link_checked":
                linking.append(frame.f_code.co_name)
                return
            frame = frame.f_back  # type: ignore[assignment]

    threshold = gc.get_threshold()
    gc.set_threshold(1)  # a collection at almost every allocation
    gc.callbacks.append(note)
    try:
        assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
        assert linking  # cold: collected
        linking.clear()
        write_files(root, {ADA: person(body="Edited.\n")})
        built = run_main("build", "--root", root, "--out", out_dir)
        assert (built.returncode, linking, gc.isenabled()) == (0, [], True)
        write_files(root, {ADA: person(body="See [[nobody]].\n")})
        failed = run_main("build", "--root", root, "--out", out_dir)
        assert (failed.returncode, linking, gc.isenabled()) == (1, [], True)
        write_files(root, {ADA: person(body="Edited again.\n")})
        build(root, out_dir, {})  # a cache without freeze_reads
        assert linking
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*threshold)
        gc.unfreeze()


def test_a_key_hashes_each_part_followed_by_a_nul() -> None:
    """Keys name what the cache keeps and, through the card keys, published files: however
    content_key is written, a key is BLAKE2b-160 of each part (UTF-8) and a NUL after it."""
    import hashlib

    from site_builder.cache import content_key

    for parts in [(), ("",), ("a", "é"), (b"\x00raw", "text"), ("x" * 5000, "", b"")]:
        expected = b"".join((part if isinstance(part, bytes) else part.encode()) + b"\0" for part in parts)
        assert content_key(*parts) == hashlib.blake2b(expected, digest_size=20).hexdigest()
