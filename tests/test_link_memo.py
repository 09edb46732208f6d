"""Linking keeps what it found item by item (link.LinkMemo), in a long-running process (serve)
and in the build cache (a new process): after any edit, the linked site and its errors are a
fresh link's."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from conftest import REPO, snapshot, write_files
from test_reads import EDITS, P5, edit, edit_project

from site_builder.build import LINK_MEMO, build, load_site
from site_builder.cache import CACHE_DIR, MEMO_DIR, BuildCache
from site_builder.errors import BuildFailed
from site_builder.link import LINK_TABLE, ItemLinks, LinkMemo
from site_builder.model import Site

MEETING = "content/events/meeting.md"
LINKING_EDITS = [
    "after",
    "after alone",
    "broken link",
    "bad reference",
    "draft",
    "rename draft",
    "other kind",
    "own link",
    "fix",
]
"""Edits that change what links find, errors included, beside test_reads' (rename, delete,
add, alias, redirect, body, front matter...)."""


def edit_links(root: Path, rng: random.Random, step: int, choice: str) -> None:
    """An edit of what links name; some make errors, which a later 'fix' takes back."""
    content = root / "content"
    people = sorted((content / "people").glob("p*.md"))
    path = rng.choice(people)
    text = path.read_text("utf-8")
    drafts = [person for person in people if "draft: true" in person.read_text("utf-8")]
    if choice == "after":  # the meeting follows the talks, or no longer does
        meeting = (root / MEETING).read_text("utf-8")
        if "after:" in meeting:
            meeting = meeting.replace("after: [talks]\n", "")
        else:
            meeting = meeting.replace("people:", "after: [talks]\npeople:", 1)
        write_files(root, {MEETING: meeting})
    elif choice == "after alone":  # an event dated by `after` only: linking dates it
        write_files(
            root,
            {f"content/events/then-{step}.md": "---\ntitle: Then\nafter: [meeting]\nsummary: Later.\n---\n"},
        )
    elif choice == "broken link":
        path.write_text(text + f"\nStep {step} names [[nobody-{step}]] and [[p{step % 3}]].\n", "utf-8")
    elif choice == "bad reference":
        write_files(
            root,
            {
                MEETING: (root / MEETING)
                .read_text("utf-8")
                .replace("people: [", f"people: [town, ghost-{step}, ", 1)
            },
        )
    elif choice == "draft":  # the links and references to it become errors naming its file
        path.write_text(text.replace("role:", "draft: true\nrole:", 1), "utf-8")
    elif choice == "rename draft" and drafts:  # no item changes: only what is withheld does
        drafts[0].rename(drafts[0].with_name(f"{drafts[0].stem.partition('-')[0]}-moved-{step}.md"))
    elif choice == "other kind":  # p2 becomes a glossary term: the meeting names it as a person
        moved = content / "glossary" / "p2.md"
        if (content / "people" / "p2.md").exists():
            (root / "p2.kept").write_bytes((content / "people" / "p2.md").read_bytes())
            (content / "people" / "p2.md").unlink()
            write_files(root, {"content/glossary/p2.md": "---\nterm: P2\ndefinition: Moved.\n---\n"})
        else:
            (content / "people" / "p2.md").write_bytes((root / "p2.kept").read_bytes())
            moved.unlink()
    elif choice == "own link":
        path.write_text(text + f"\nSelf [[{path.stem}]].\n", "utf-8")
    else:  # fix: no draft, no dangling link or reference left
        for person in people:
            if "-moved-" in person.name:
                person = person.rename(person.with_name(person.name.partition("-")[0] + ".md"))
            fixed = person.read_text("utf-8").replace("draft: true\n", "")
            fixed = "\n".join(line for line in fixed.split("\n") if "[[nobody-" not in line)
            fixed = fixed.replace(f"Self [[{person.stem}]].\n", "")
            person.write_text(fixed, "utf-8")
        if (content / "glossary" / "p2.md").exists():
            (content / "glossary" / "p2.md").unlink()
            (content / "people" / "p2.md").write_bytes((root / "p2.kept").read_bytes())
        meeting = (root / MEETING).read_text("utf-8")
        start, end = meeting.index("people: ["), meeting.index("\n", meeting.index("people: ["))
        write_files(root, {MEETING: meeting[:start] + "people: [p1, p2]" + meeting[end:]})


def linked(root: Path, cache: BuildCache) -> Site | list[str]:
    """The linked site, or its errors as printed with what was skipped."""
    try:
        return load_site(root, {}, cache)
    except BuildFailed as failure:
        return [*(str(problem) for problem in failure.errors), failure.skipped]


def test_a_site_linked_again_after_random_edits_is_a_fresh_link(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", edit_project())
    kept = BuildCache(None)  # one process's, as serve's
    assert isinstance(linked(root, kept), Site)
    rng = random.Random(28)
    reading = [edit for edit in EDITS if edit not in ("template", "picture")]  # not linking's
    sequence = [*reading, *LINKING_EDITS, *LINKING_EDITS, "body text", "body text", "fix"]
    rng.shuffle(sequence)
    reused = failed = 0
    tail = ["draft", "rename draft", "fix", "other kind", "fix"]  # whatever the shuffle gave
    for step, choice in enumerate([*sequence, *tail], 1):
        if choice in LINKING_EDITS:
            edit_links(root, rng, step, choice)
        else:
            edit(root, rng, step, choice)
        again = linked(root, kept)
        assert again == linked(root, BuildCache(None)), f"step {step} ({choice})"
        memo = kept.live[LINK_MEMO]
        assert isinstance(memo, LinkMemo)
        reused += sum(found is memo.earlier.get(key) for key, found in memo.found.items())
        failed += isinstance(again, list)
    assert isinstance(again, Site)  # the last fix leaves a site that links
    assert failed >= 3  # errors were compared too
    assert reused > 10 * len(sequence)  # most items' links were taken from the last build's


def test_an_edit_links_only_its_item_again(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", edit_project())
    kept = BuildCache(None)
    linked(root, kept)
    p3 = root / "content" / "people" / "p3.md"
    p3.write_text(p3.read_text("utf-8") + "\nNow names [[p5]].\n", "utf-8")
    site = linked(root, kept)
    assert isinstance(site, Site)
    memo = kept.live[LINK_MEMO]
    anew = [key for key, found in memo.found.items() if found is not memo.earlier.get(key)]
    assert len(anew) == 1
    assert [link.source_slug for link in site.backlinks["p5"]].count("p3") == 1


def linked_anew(root: Path) -> tuple[Site | list[str], int]:
    """The linked site (or its errors) as a new process links it with the build cache on disk,
    saved when linking succeeds (as `build` saves it), and how many items were linked anew."""
    cache = BuildCache(root / CACHE_DIR)  # nothing in memory: all from disk
    found = linked(root, cache)
    anew = len(cache.fresh.get(LINK_TABLE, ()))
    if isinstance(found, Site):
        cache.save()
    return found, anew


def test_links_kept_in_the_build_cache_after_random_edits_are_a_fresh_link(tmp_path: Path) -> None:
    """A new process (a `build` after an edit) takes each item's findings from the build cache:
    after any edit, the linked site and its errors are a fresh link's, and a body edit links
    only that item again."""
    root = write_files(tmp_path / "project", edit_project())
    site, anew = linked_anew(root)
    assert isinstance(site, Site) and anew == len(site.items)
    rng = random.Random(29)
    reading = [edit for edit in EDITS if edit not in ("template", "picture")]
    sequence = [*reading, *LINKING_EDITS, *LINKING_EDITS, "body text", "body text", "fix"]
    rng.shuffle(sequence)
    failed = 0
    for step, choice in enumerate([*sequence, "draft", "rename draft", "fix", "other kind", "fix"], 1):
        if choice in LINKING_EDITS:
            edit_links(root, rng, step, choice)
        else:
            edit(root, rng, step, choice)
        again, anew = linked_anew(root)
        assert again == linked(root, BuildCache(None)), f"step {step} ({choice})"
        failed += isinstance(again, list)
    assert isinstance(again, Site) and failed >= 3
    p3 = root / "content" / "people" / "p3.md"
    p3.write_text(p3.read_text("utf-8") + "\nNow names [[p5]] too.\n", "utf-8")
    site, anew = linked_anew(root)
    assert isinstance(site, Site) and anew == 1
    assert [link.source_slug for link in site.backlinks["p5"]].count("p3") == 1


def built_in_a_new_process(root: Path, out_dir: Path, seed: str, *options: str) -> dict[str, bytes]:
    """`site-builder build` run as a user runs it, under its own hash seed; the output."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--root", str(root), "--out", str(out_dir), *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return snapshot(out_dir)


def test_a_build_in_a_new_process_links_as_a_build_without_a_cache(tmp_path: Path) -> None:
    """The CLI's path: each build is a process of its own, with its own hash seed (sets and
    frozensets iterate in another order), and takes what linking found from the build cache."""
    root = write_files(tmp_path / "project", edit_project())
    first = built_in_a_new_process(root, tmp_path / "public", "1")
    assert 'href="../p3/"' not in first["people/p5/index.html"].decode()
    assert list((root / CACHE_DIR / MEMO_DIR).glob(f"{LINK_TABLE}-*.pickle"))
    p3 = root / "content" / "people" / "p3.md"
    p3.write_text(p3.read_text("utf-8") + "\nNow names [[p5]] and [[meeting]].\n", "utf-8")
    edited = built_in_a_new_process(root, tmp_path / "public", "2")
    assert edited == built_in_a_new_process(root, tmp_path / "clean", "3", "--no-cache")
    p5 = edited["people/p5/index.html"].decode()
    assert 'href="../p3/"' in p5  # the backlink the edit made


def test_damaged_or_foreign_links_in_the_cache_are_ignored(tmp_path: Path) -> None:
    """Parts of the links table that are damaged, or were written by another engine (here with
    every item's findings emptied: were they trusted, no page would list a backlink), are
    ignored: the build links anew and is a clean build's."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, keep_files=False)
    folder = root / CACHE_DIR
    parts = sorted((folder / MEMO_DIR).glob(f"{LINK_TABLE}-*.pickle"))
    assert parts
    for part in parts[::2]:
        data = part.read_bytes()
        part.write_bytes(data[:40] + bytes(byte ^ 0xFF for byte in data[40:80]) + data[80:])
    write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})
    build(root, out_dir, {}, keep_files=False)
    clean = tmp_path / "clean"
    build(root, clean, {}, use_cache=False)
    assert snapshot(out_dir) == snapshot(clean)

    kept = BuildCache(folder).stored(LINK_TABLE)
    assert len(kept) == len(list((root / "content").glob("*/*.md")))
    foreign = BuildCache(folder)
    foreign.version = "another engine"
    for key in kept:
        foreign.remember(LINK_TABLE, key, ItemLinks([], [], [], []))
    foreign.save()
    write_files(root, {P5: (root / P5).read_text("utf-8") + "Again.\n"})
    build(root, out_dir, {}, keep_files=False)
    build(root, tmp_path / "clean-2", {}, use_cache=False)
    assert snapshot(out_dir) == snapshot(tmp_path / "clean-2")
    assert b'href="../p3/"' in (out_dir / "people" / "p4" / "index.html").read_bytes()


def built(root: Path, out_dir: Path, use_cache: bool) -> dict[str, bytes] | list[str]:
    """The CLI's build (pages not kept; with a cache, a new BuildCache: all from disk): the
    output, or the errors as printed with what was skipped."""
    try:
        build(root, out_dir, {"base_url": "https://example.org/x/"}, use_cache=use_cache, keep_files=False)
    except BuildFailed as failure:
        return [*(str(problem) for problem in failure.errors), failure.skipped]
    return snapshot(out_dir)


def test_builds_after_linking_edits_match_clean_builds(tmp_path: Path) -> None:
    """test_reads' seeded random edits, with the edits of what links name: each build takes
    the links of unchanged items from the build cache, and its output (or its errors) is a
    `--no-cache` build's."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    built(root, out_dir, True)
    rng = random.Random(2918)
    sequence = [*LINKING_EDITS, "body text", "rename", "alias", "add", "delete", "redirect"]
    rng.shuffle(sequence)
    failed = 0
    for step, choice in enumerate([*sequence, "draft", "rename draft", "fix"], 1):
        if choice in LINKING_EDITS:
            edit_links(root, rng, step, choice)
        else:
            edit(root, rng, step, choice)
        again = built(root, out_dir, True)
        assert again == built(root, tmp_path / f"clean-{step}", False), f"step {step} ({choice})"
        failed += isinstance(again, list)
    assert isinstance(again, dict) and failed >= 2
    assert list((root / CACHE_DIR / MEMO_DIR).glob(f"{LINK_TABLE}-*.pickle"))
