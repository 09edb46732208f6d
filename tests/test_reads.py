"""A page is rendered again only when something it read changed, and the output is always what a
clean build makes (render/reads.py)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, SMALL_PROJECT, snapshot, write_files

from site_builder import inputs
from site_builder.build import build
from site_builder.cache import CACHE_DIR, BuildCache
from site_builder.render.reads import ReadDigests, Reads, SavedReads, read_site, templates_read_raw_bodies

PEOPLE = 8


def edit_project() -> dict[str, str]:
    """SMALL_PROJECT with people who link to each other, mention each other by name and take
    part in events, so that most pages read only a few items."""
    files: dict[str, str] = dict(SMALL_PROJECT)
    for index in range(PEOPLE):
        files[f"content/people/p{index}.md"] = (
            f"---\nname: Person Number{index}\nrole: Witness\nsummary: Witness {index}.\n---\n"
            f"Knows [[p{(index + 1) % PEOPLE}]] and met Person Number{(index + 3) % PEOPLE} in [[town]].\n"
        )
    files["content/people/p0.md"] = files["content/people/p0.md"].replace(
        "role:", 'quotes:\n  - text: "the talks would resume"\nrole:'
    )
    files["content/events/meeting.md"] = (
        "---\ntitle: A meeting\ndate: 2021-09-05\nsummary: They met.\npeople: [p1, p2]\n---\n"
    )
    return files


EDITS = [
    "body",
    "front matter",
    "rename",
    "delete",
    "add",
    "alias",
    "template",
    "site.yaml",
    "date",
    "redirect",
    "picture",
    "correction",
    "body text",
    "summary",
    "listed",
    "quote",
    "source",
]
"""Every kind of edit; the sequence has each once, and more edits of bodies and front matter."""
SHOWN = ["content/places/town.md", "content/glossary/nrf.md", "content/events/talks.md"]
"""Items lists show (/places/, /glossary/, /timeline/) beside the people's."""
WITH_BODY = [*SHOWN, "content/figures/attendance.md", "content/pages/index.md"]


def edit(root: Path, rng: random.Random, step: int, choice: str) -> None:
    """One edit a writer makes, to a file chosen at random; the project stays valid."""
    content = root / "content"
    people = sorted(path for path in (content / "people").glob("p*.md"))
    loners = sorted((content / "people").glob("loner-*.md"))
    if choice == "body":
        path = rng.choice(people)
        other = rng.randrange(PEOPLE)
        path.write_text(path.read_text("utf-8") + f"\nStep {step} names [[p{other}]].\n", "utf-8")
    elif choice == "body text":  # the body alone: no link, so nothing refers to anything anew
        path = rng.choice([*people, *(root / name for name in WITH_BODY)])
        mentioned = rng.choice(["Person Number3", "The Town", "NRF", "Alias1", "Lonely Soul2"])
        path.write_text(path.read_text("utf-8") + f"\nStep {step} saw {mentioned} there.\n", "utf-8")
    elif choice == "summary":  # shown on the lists, the home page and the cards
        path = rng.choice([*people, *(root / name for name in SHOWN[::2])])
        path.write_text(path.read_text("utf-8").replace("summary: ", f"summary: S{step} ", 1), "utf-8")
    elif choice == "listed":  # what the glossary, the figures' and the timeline's lists show
        path, field = rng.choice(
            [
                (content / "glossary" / "nrf.md", "definition: "),
                (content / "figures" / "attendance.md", "label: "),
                (content / "events" / "talks.md", "title: "),
                (content / "places" / "town.md", "kind: "),
            ]
        )
        path.write_text(path.read_text("utf-8").replace(field, f"{field}L{step} ", 1), "utf-8")
    elif choice == "quote":  # a person quotes the source, or quotes other words of it
        path = rng.choice(people)
        text = path.read_text("utf-8")
        if "quotes:" in text:
            text = text.replace("the talks would resume", "More than 300 people came", 1)
        else:
            text = text.replace("role:", 'quotes:\n  - text: "the talks would resume"\nrole:', 1)
        path.write_text(text, "utf-8")
    elif choice == "source":  # the source's text: which of its quotes comes first on /sources/
        path = content / "sources" / "article.md"
        text = path.read_text("utf-8")
        start = text.index("---\n", 4) + 4
        if text[start:].startswith("Step"):
            path.write_text(text[:start] + text[start:].partition(" hall. ")[2], "utf-8")
        else:
            said = f"Step {step}: More than 300 people came to the town hall. "
            path.write_text(text[:start] + said + text[start:], "utf-8")
    elif choice == "front matter":
        path = rng.choice(people)
        field = rng.choice(["summary: ", "role: ", "name: Person "])
        path.write_text(path.read_text("utf-8").replace(field, f"{field}S{step} ", 1), "utf-8")
    elif choice == "rename" and loners:
        loners[0].rename(content / "people" / f"loner-{step}.md")
    elif choice == "delete" and loners:
        loners[-1].unlink()
    elif choice in ("add", "rename", "delete"):
        (content / "people" / f"loner-{step}.md").write_text(
            f"---\nname: Lonely Soul{step}\nrole: Bystander\nsummary: Saw it.\n---\n"
            "Saw [[ada]] and Person Number2.\n",
            "utf-8",
        )
    elif choice == "alias":  # a new name mentions link, or one more
        path = rng.choice(people)
        text = path.read_text("utf-8")
        if "aliases:" not in text:
            path.write_text(text.replace("role:", f"aliases: [Alias{step}]\nrole:", 1), "utf-8")
        else:
            path.write_text(text.replace("aliases: [", f"aliases: [Also{step}, ", 1), "utf-8")
    elif choice == "template":
        footer = (REPO / "templates" / "partials" / "footer.html").read_text("utf-8")
        write_files(
            root, {"templates/partials/footer.html": footer.replace("<ul>", f"<ul data-step='{step}'>")}
        )
    elif choice == "redirect":  # a page at the old URL, a line in _redirects, an anchor
        path = rng.choice(people)
        path.write_text(path.read_text("utf-8").replace("role:", f"redirect_from: [was-{step}]\nrole:", 1))
    elif choice == "picture":  # a new picture (a new file name) on a person's page and in data.json
        colour = f"#{rng.randrange(0x1000000):06x}"
        write_files(
            root,
            {
                "content/media/pic.svg": f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                f'<rect width="40" height="20" fill="{colour}"/></svg>',
                "content/media/pic.svg.yaml": f"alt: A box, step {step}\ncredit: Test Desk\n",
            },
        )
        path = rng.choice(people)
        text = path.read_text("utf-8")
        if "image:" not in text:
            path.write_text(text.replace("role:", "image: media/pic.svg\nrole:", 1), "utf-8")
    elif choice == "correction":  # the corrections page, the feed, the item's page
        path = rng.choice(people)
        text = path.read_text("utf-8")
        if "corrections:" not in text:
            entry = f'[{{date: 2021-09-{step % 28 + 1:02d}, text: "Step {step} fixed a name."}}]'
            path.write_text(text.replace("role:", f"corrections: {entry}\nrole:", 1), "utf-8")
    elif choice == "site.yaml":
        path = content / "site.yaml"
        path.write_text(path.read_text("utf-8").replace("description: ", f"description: ({step}) ", 1))
    else:
        path = content / "events" / "meeting.md"
        day = rng.randrange(1, 28)
        text = path.read_text("utf-8")
        start = text.index("date: ")
        path.write_text(f"{text[:start]}date: 2021-08-{day:02d}{text[start + 16 :]}", "utf-8")


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as settled as soon as it is written (inputs.SETTLED_NS): the builds'
    up-to-date checks take the files not edited since by their stat, not their bytes."""
    monkeypatch.setattr(inputs, "SETTLED_NS", 0)


def test_incremental_builds_match_clean_builds_after_random_edits(
    tmp_path: Path, settled_at_once: None
) -> None:
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    rng = random.Random(18)
    sequence = [*EDITS, *["body", "body text"] * 3, "summary", "alias", "quote", "picture"]
    rng.shuffle(sequence)
    shared = {"base_url": "https://example.org/x/"}  # embed codes, the feed, social cards
    build(root, out_dir, shared)
    fewer = 0
    for step, choice in enumerate(sequence, 1):
        edit(root, rng, step, choice)
        # every other build as the CLI's: unchanged pages go straight to the staging folder
        result = build(root, out_dir, shared, keep_files=step % 2 == 0)
        clean = tmp_path / f"clean-{step}"
        build(root, clean, shared, use_cache=False)
        built = snapshot(out_dir)
        assert built == snapshot(clean), f"step {step} ({choice}) differs from a clean build"
        fewer += result.rendered < len(built) - 8  # fewer pages than the site has
    assert fewer >= 5  # edits that re-rendered only some pages: the records were used


P5 = "content/people/p5.md"


def test_an_edit_renders_only_the_pages_that_read_it(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    first = build(root, out_dir, {})
    p5 = (root / P5).read_text("utf-8")
    write_files(root, {P5: p5.replace("summary: ", "summary: Now ")})
    second = build(root, out_dir, {})
    # p5's page and its embed page; p6's and the town's (p5 links to them: their lists of
    # what refers to them show p5); the home page and the index of people (they list every
    # person); /sources/ and /corrections/ (they read every item). Not p4's, which links to
    # p5, nor p2's, which mentions it: they show only its name and URL, which did not change.
    # The first build renders the 19 pages and the 13 embed pages.
    assert (first.rendered, second.rendered) == (32, 8)
    assert second.stats is not None and second.stats.written == 5


def test_a_body_edit_renders_only_the_pages_that_show_the_body(tmp_path: Path) -> None:
    """The index of people, the home page, /sources/ and the pages that list what refers to p5
    show its name, summary and URL, never its body: an edit of the body alone renders its
    own page, the one page showing the body, and the output is a clean build's."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    people = (out_dir / "people" / "index.html").read_bytes()
    write_files(root, {P5: (root / P5).read_text("utf-8") + "One more sentence.\n"})
    result = build(root, out_dir, {})
    assert result.rendered == 1
    assert result.stats is not None and result.stats.written == 2  # p5's page and data.json
    assert "One more sentence." in (out_dir / "people" / "p5" / "index.html").read_text("utf-8")
    assert (out_dir / "people" / "index.html").read_bytes() == people
    clean = tmp_path / "clean"
    build(root, clean, {}, use_cache=False)
    assert snapshot(out_dir) == snapshot(clean)


def test_reused_pages_are_the_bytes_last_rendered(tmp_path: Path) -> None:
    """A page edited by hand in the output is not taken as what the build made (the write
    then keeps the hand-edited file, as it does for any unchanged page: see test_cache)."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    page = out_dir / "people" / "p0" / "index.html"
    original = page.read_bytes()
    page.unlink()
    page.write_bytes(original.replace(b"Witness", b"Vandal"))
    write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})
    result = build(root, out_dir, {})
    assert result.files["people/p0/index.html"] == original


def test_serve_rebuilds_render_only_what_changed(tmp_path: Path) -> None:
    from site_builder.serve.preview import Preview

    root = write_files(tmp_path / "project", edit_project())
    preview = Preview(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.rebuild([])
    write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})
    assert preview.rebuild([P5]) == "*"
    clean = tmp_path / "clean"
    build(root, clean, {"base_url": "http://127.0.0.1:8000/", "drafts": True}, use_cache=False)
    assert snapshot(tmp_path / "preview") == snapshot(clean)


def test_a_serve_session_keeps_the_records_of_public(tmp_path: Path) -> None:
    """serve builds into a folder of its own with the same build cache: a `build` after it
    still renders only the pages an edit changed in public/, as it would without serve."""
    from site_builder.serve.preview import Preview

    def body_edit(root: Path) -> None:
        write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})

    alone = write_files(tmp_path / "alone", edit_project())  # the same edit, no serve between
    everything = build(alone, tmp_path / "alone-public", {}, keep_files=False).rendered
    body_edit(alone)
    expected = build(alone, tmp_path / "alone-public", {}, keep_files=False).rendered
    assert 0 < expected < everything

    root = write_files(tmp_path / "project", edit_project())
    public = tmp_path / "public"
    build(root, public, {}, keep_files=False)
    preview = Preview(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.rebuild([])
    body_edit(root)
    preview.rebuild([P5])

    assert build(root, public, {}, keep_files=False).rendered == expected
    assert snapshot(public) == snapshot(tmp_path / "alone-public")


def test_serve_rebuilds_after_random_edits_match_clean_builds(tmp_path: Path) -> None:
    """serve keeps the content files' bytes (by their stat) and the pages it wrote in memory:
    edits its watcher does not name are still read, and each preview is a clean build's."""
    from site_builder.serve.preview import Preview

    root = write_files(tmp_path / "project", edit_project())
    preview = Preview(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.rebuild([])
    rng = random.Random(1818)
    for step, choice in enumerate(["body", "front matter", "add", "rename", "body", "site.yaml"], 1):
        edit(root, rng, step, choice)
        preview.rebuild([])  # the watcher's list aside: the files' stat tells what changed
        clean = tmp_path / f"clean-{step}"
        build(root, clean, {"base_url": "http://127.0.0.1:8000/", "drafts": True}, use_cache=False)
        assert snapshot(tmp_path / "preview") == snapshot(clean), f"step {step} ({choice})"


def test_reads_of_a_site_are_noted_by_name(tmp_path: Path) -> None:
    from site_builder.build import load_site

    site = load_site(write_files(tmp_path / "project", edit_project()), {})
    reads = Reads()
    tracked = read_site(site, reads)
    assert tracked.items["ada"] is site.items["ada"]
    assert tracked.bodies.get("p1") is site.bodies["p1"]
    assert "town" in tracked.items  # presence is site-wide: not noted
    tracked.backlinks.get("town")
    assert tracked.name_of("p2") == "Person Number2"
    assert reads.current == {"item:ada", "body:p1", "backlinks:town", "name:p2"}
    reads.current = set()
    tracked.of_kind("places")
    list(tracked.timeline)
    assert reads.current == {"kind:places", "kind:events"}
    reads.current = set()
    list(tracked.items.values())
    assert reads.current == {"all"}
    reads.current = set()
    list(tracked.bodies.values())
    assert reads.current == {"bodies"}


def test_sticky_notes_what_the_first_call_read_on_every_call() -> None:
    reads = Reads()
    memory: list[int] = []

    def remembered() -> int:
        if not memory:
            reads.note("item:x")
            memory.append(1)
        return memory[0]

    sticky = reads.sticky(remembered)
    sticky()
    reads.current = set()
    assert sticky() == 1
    assert reads.current == {"item:x"}


LANGUAGE_EDITS = ["translate", "untranslate", "edit translation", "edit original", "languages", "languages"]
"""Every kind of edit to a site in several languages; the sequence has each, and more."""
LANGUAGES_FIXTURE = REPO / "tests" / "fixtures" / "languages-en-fr"


def edit_languages(root: Path, rng: random.Random, step: int, choice: str) -> None:
    """One edit to the English and French fixture; the project stays valid."""
    content = root / "content"
    towpath = content / "glossary" / "towpath.fr.md"
    parade = content / "events" / "parade.fr.md"
    persian_home = content / "pages" / "index.fa.md"
    riverton = content / "places" / "riverton.fr.md"  # named alike in both: only hreflang tells
    translations = {
        towpath: f"---\nterm: Chemin de halage {step}\ndefinition: Le chemin.\n---\n",
        parade: f"---\ntitle: Le défilé {step}\nsummary: Les bateaux.\n---\n",
        riverton: "---\nname: Riverton\nkind: ville\nsummary: Où le festival a lieu.\n---\n",
    }
    if choice == "translate":  # an item gains a translation: switchers, hreflang, links change
        missing = [path for path in translations if not path.exists()]
        if missing:
            path = rng.choice(missing)
            path.write_text(translations[path], "utf-8")
    elif choice == "untranslate":  # and loses it
        present = [path for path in translations if path.exists()]
        if present:
            rng.choice(present).unlink()
    elif choice == "edit translation":
        path = rng.choice(sorted(path for path in content.rglob("*.fr.md") if path.name != "index.fr.md"))
        text = path.read_text("utf-8")
        path.write_text(text.replace("summary: ", f"summary: ({step}) ", 1) + f"\nÉtape {step}.\n", "utf-8")
    elif choice == "edit original":
        path = rng.choice(sorted(path for path in content.glob("*/*.md") if path.name.count(".") == 1))
        target = "riverton" if path.stem == "anna" else "anna"
        path.write_text(path.read_text("utf-8") + f"\nStep {step} links [[{target}]].\n", "utf-8")
    else:  # a third language comes or goes (its home page with it: it must have one)
        site_yaml = content / "site.yaml"
        text = site_yaml.read_text("utf-8")
        if persian_home.exists():
            persian_home.unlink()
            site_yaml.write_text(text.replace("languages: [en, fr, fa]", "languages: [en, fr]"), "utf-8")
        else:
            persian_home.write_text(f"---\ntitle: خانه {step}\nsummary: جشنواره.\n---\n", "utf-8")
            site_yaml.write_text(text.replace("languages: [en, fr]", "languages: [en, fr, fa]"), "utf-8")


def test_incremental_builds_of_a_site_in_several_languages_match_clean_builds(
    tmp_path: Path, settled_at_once: None
) -> None:
    """A page's language switcher, hreflang alternates and links to untranslated items are
    part of what it read: pages of every language are reused, and the output is a clean
    build's, byte for byte, after each edit."""
    root = tmp_path / "project"
    shutil.copytree(LANGUAGES_FIXTURE, root)
    out_dir = tmp_path / "public"
    rng = random.Random(20)
    sequence = [
        *LANGUAGE_EDITS,
        *["edit translation"] * 2,
        *["edit original"] * 2,
        "translate",
        "untranslate",
    ]
    rng.shuffle(sequence)
    build(root, out_dir, {})
    fewer = 0
    for step, choice in enumerate(sequence, 1):
        edit_languages(root, rng, step, choice)
        result = build(root, out_dir, {}, keep_files=step % 2 == 0)  # odd steps: as the CLI builds
        clean = tmp_path / f"clean-{step}"
        build(root, clean, {}, use_cache=False)
        built = snapshot(out_dir)
        assert built == snapshot(clean), f"step {step} ({choice}) differs from a clean build"
        pages = sum(path.endswith(".html") for path in built)
        fewer += result.rendered < pages - 8
    assert fewer >= 4  # most edits re-rendered only some pages, in both languages


def test_a_theme_that_reads_bodies_itself_renders_its_lists_again(tmp_path: Path) -> None:
    """`person.body` in a template is not noted as read (only `body(item)` is): a theme that
    names it makes every item's digest keep its body, so the list still shows the edit."""
    people = (REPO / "templates" / "people.html").read_text("utf-8")
    words = "<p class='words'>{{ person.body | wordcount }} words</p>\n{% include"
    files = {**edit_project(), "templates/people.html": people.replace("{% include", words)}
    root = write_files(tmp_path / "project", files)
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    write_files(root, {P5: (root / P5).read_text("utf-8") + "One more sentence.\n"})
    result = build(root, out_dir, {})
    assert result.rendered > 1
    clean = tmp_path / "clean"
    build(root, clean, {}, use_cache=False)
    assert snapshot(out_dir) == snapshot(clean)


def test_only_body_named_otherwise_than_called_counts_as_a_raw_read(tmp_path: Path) -> None:
    from site_builder.render.theme import find_theme

    assert not templates_read_raw_bodies(find_theme(REPO))  # the default theme: body(item) only
    for template, raw in [
        ("<body>{{ body(item) }}{% block in_body %}{% endblock %}</body>", False),
        ("{{ item.body }}", True),
        ("{% for line in item['body'].split() %}{% endfor %}", True),
        ("{{ items('people') | map(attribute='body') | join }}", True),
        ("{% set shown = body %}{{ shown(item) }}", True),
    ]:
        root = write_files(tmp_path / str(len(template)), {"templates/page.html": template})
        assert templates_read_raw_bodies(find_theme(root)) is raw, template


def forge_records(root: Path, out_dir: Path, forge: Callable[[SavedReads], object]) -> None:
    """Replace what the cache keeps of out_dir's pages by forge(what it keeps)."""
    cache = BuildCache(root / CACHE_DIR)
    key = str(out_dir.absolute())
    saved = cache.stored("pages")[key]
    assert isinstance(saved, SavedReads)
    cache.remember("pages", key, forge(saved))
    cache.save()


def test_records_of_another_form_are_ignored_not_trusted(tmp_path: Path) -> None:
    """What a build keeps of its pages' reads in another form (an earlier engine's mapping of
    records, an older SavedReads) is not used: every page is rendered, as without records."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    first = build(root, out_dir, {})
    forms: list[Callable[[SavedReads], object]] = [
        lambda saved: dict(saved.pages),  # the records alone, as the engine kept them before
        lambda saved: replace(saved, format=saved.format - 1),
    ]
    for step, forge in enumerate(forms):
        forge_records(root, out_dir, forge)
        write_files(root, {P5: (root / P5).read_text("utf-8") + f"Step {step}.\n"})
        result = build(root, out_dir, {})
        assert result.rendered == first.rendered
        clean = tmp_path / f"clean-{step}"
        build(root, clean, {}, use_cache=False)
        assert snapshot(out_dir) == snapshot(clean)
    write_files(root, {P5: (root / P5).read_text("utf-8") + "Once more.\n"})
    assert build(root, out_dir, {}).rendered == 1  # kept anew, in this form: used next time


def test_damaged_records_are_ignored(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    first = build(root, out_dir, {})
    parts = sorted((root / CACHE_DIR / "memo").glob("pages-*.pickle"))
    assert parts
    for part in parts:
        data = part.read_bytes()
        part.write_bytes(data[:40] + bytes(byte ^ 0xFF for byte in data[40:80]) + data[80:])
    write_files(root, {P5: (root / P5).read_text("utf-8") + "More.\n"})
    result = build(root, out_dir, {})
    assert result.rendered == first.rendered
    clean = tmp_path / "clean"
    build(root, clean, {}, use_cache=False)
    assert snapshot(out_dir) == snapshot(clean)


def test_an_item_moved_to_another_kind_matches_a_clean_build(tmp_path: Path) -> None:
    """The same slug, now a place: its URL, its kind's lists and whatever links to it change."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    (root / "content" / "people" / "p7.md").unlink()
    write_files(
        root,
        {"content/places/p7.md": "---\nname: Person Number7\nkind: village\nsummary: A place now.\n---\n"},
    )
    for keep_files in (False, True):
        build(root, out_dir, {}, keep_files=keep_files)
        clean = tmp_path / f"clean-{keep_files}"
        build(root, clean, {}, use_cache=False)
        assert snapshot(out_dir) == snapshot(clean)
        assert (out_dir / "places" / "p7" / "index.html").exists()
        assert not (out_dir / "people" / "p7").exists()
        write_files(root, {P5: (root / P5).read_text("utf-8") + "Again.\n"})


def test_only_the_names_of_the_item_edited_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build works out which names changed once: after a body edit, only that body's; after
    a link added, that body's and the backlinks of the item now linked (and the names of no
    one item, such as 'all', which lists what links to what)."""
    root = write_files(tmp_path / "project", edit_project())
    out_dir = tmp_path / "public"
    build(root, out_dir, {})
    seen: list[set[str] | None] = []
    changed = ReadDigests.changed

    def noted(digests: ReadDigests) -> set[str] | None:
        found = changed(digests)
        seen.append(found)
        return found

    monkeypatch.setattr(ReadDigests, "changed", noted)  # the real one, its answer noted
    text = (root / P5).read_text("utf-8")
    for added, expected in [("A sentence.\n", {"body:p5"}), ("Now [[ada]].\n", {"body:p5", "backlinks:ada"})]:
        write_files(root, {P5: text + added})
        seen.clear()
        build(root, out_dir, {})
        assert seen and seen[0] is not None
        assert {name for name in seen[0] if ":" in name} == expected
        clean = tmp_path / f"clean-{len(added)}"
        build(root, clean, {}, use_cache=False)
        assert snapshot(out_dir) == snapshot(clean)
