"""Linking in a long-running process (serve) keeps what it found item by item (link.LinkMemo):
after any edit, the linked site and its errors are a fresh link's."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import write_files
from test_reads import EDITS, edit, edit_project

from site_builder.build import LINK_MEMO, load_site
from site_builder.cache import BuildCache
from site_builder.errors import BuildFailed
from site_builder.link import LinkMemo
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
