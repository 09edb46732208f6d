"""Linking items: slugs in front matter, [[links]] in bodies, duplicates, loops, knock-on errors."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import (
    ADA,
    SMALL_PROJECT,
    TALKS,
    assert_fails_leaving_output,
    break_project,
    person,
    write_files,
)

from site_builder.build import build
from site_builder.errors import BuildFailed

INDEX = "content/pages/index.md"


def event(extra: str) -> str:
    """talks.md with extra front-matter lines."""
    return f"---\ntitle: Talks resume\ndate: 2021\nsummary: The talks resumed.\n{extra}---\n"


LINK_ERRORS = [
    pytest.param(
        {"content/glossary/ada.md": "---\nterm: Ada\ndefinition: A language.\n---\n"},
        [
            f"{ADA}:1:1: duplicate slug 'ada': content/glossary/ada.md has it too "
            "(slugs are shared by all kinds, so [[links]] stay unambiguous)"
        ],
        id="duplicate-slug-across-kinds",
    ),
    pytest.param(
        {TALKS: event("people: [ada, adda]\n")},
        [f"{TALKS}:5:1: 'people' names unknown person 'adda' (did you mean 'ada'?)"],
        id="unknown-slug-in-list",
    ),
    pytest.param(
        {TALKS: event("people:\n  - ada\n  - bob\n")},
        [f"{TALKS}:7:1: 'people' names unknown person 'bob'"],
        id="unknown-slug-in-block-list-at-its-line",
    ),
    pytest.param(
        {TALKS: event("people: [town]\n")},
        [f"{TALKS}:5:1: 'people' must name a person, but 'town' is a place (content/places/town.md)"],
        id="slug-of-wrong-kind",
    ),
    pytest.param(
        {ADA: person("affiliations: [ada]\n")},
        [
            f"{ADA}:5:1: 'affiliations' must name a glossary term, but 'ada' is a person "
            "(content/people/ada.md)"
        ],
        id="affiliation-not-a-term",
    ),
    pytest.param(
        {"content/glossary/nrf.md": "---\nterm: NRF\ndefinition: A group.\nsee_also: [talibn]\n---\n"},
        ["content/glossary/nrf.md:4:1: 'see_also' names unknown glossary term 'talibn'"],
        id="see-also-unknown",
    ),
    pytest.param(
        {ADA: person("source: articel\n")},
        [f"{ADA}:5:1: 'source' names unknown source 'articel' (did you mean 'article'?)"],
        id="source-unknown",
    ),
    pytest.param(
        {ADA: person("quotes:\n  - text: the talks would resume\n    source: articel\n")},
        [f"{ADA}:6:1: 'quotes' names unknown source 'articel' (did you mean 'article'?)"],
        id="quote-source-unknown",
    ),
    pytest.param(
        {ADA: person("relations:\n  - person: bob\n    label: son of\n")},
        [f"{ADA}:6:1: 'relations' names unknown person 'bob'"],
        id="relation-unknown",
    ),
    pytest.param(
        {INDEX: "---\ntitle: Home\n---\nFirst line.\n\nSee [[adda]] and [[nrf|the front]] and [[tonw|x]].\n"},
        [
            f"{INDEX}:6:5: [[adda]] links to no item (did you mean 'ada'?)",
            f"{INDEX}:6:40: [[tonw]] links to no item (did you mean 'town'?)",
        ],
        id="wikilink-unknown",
    ),
    pytest.param(
        {
            INDEX: "---\ntitle: Home\n---\n- one\n- two [[zzz]]\n\n> quote [[yyy]]\n\n"
            "| a | b |\n|---|---|\n| [[xxx]] | c |\n"
        },
        [
            f"{INDEX}:5:7: [[zzz]] links to no item",
            f"{INDEX}:7:9: [[yyy]] links to no item",
            f"{INDEX}:11:3: [[xxx]] links to no item",
        ],
        id="wikilink-in-list-quote-and-table",
    ),
    pytest.param(
        {INDEX: b"---\r\ntitle: Home\r\n---\r\nline\r\n\r\n[[adda]]\r\n"},
        [f"{INDEX}:6:1: [[adda]] links to no item (did you mean 'ada'?)"],
        id="wikilink-with-crlf-line-endings",
    ),
    pytest.param(
        {ADA: person(body="Me: [[ada]].\n")},
        [f"{ADA}:6:5: [[ada]] links to the page itself"],
        id="wikilink-to-itself",
    ),
    pytest.param(
        {"content/places/town.md": "---\nname: T\nkind: town\nsummary: x\npart_of: town\n---\n"},
        ["content/places/town.md:5:1: 'part_of' names the item itself"],
        id="part-of-itself",
    ),
    pytest.param(
        {
            "content/places/town.md": "---\nname: T\nkind: town\nsummary: x\npart_of: city\n---\n",
            "content/places/city.md": "---\nname: C\nkind: city\nsummary: x\npart_of: town\n---\n",
        },
        [
            "content/places/city.md:5:1: 'part_of' loops: city -> town -> city",
            "content/places/town.md:5:1: 'part_of' loops: town -> city -> town",
        ],
        id="part-of-loop",
    ),
    pytest.param(
        {"content/pages/people.md": "---\ntitle: People\n---\n"},
        [
            "content/pages/people.md:1:1: page slug 'people' would overwrite the built /people/ "
            "section ([[people]] links there); rename the file"
        ],
        id="page-slug-reserved",
    ),
    pytest.param(
        {"content/glossary/timeline.md": "---\nterm: Timeline\ndefinition: A list of dates.\n---\n"},
        [
            "content/glossary/timeline.md:1:1: slug 'timeline' is reserved for the built /timeline/ "
            "section ([[timeline]] links there); rename the file"
        ],
        id="any-kind-slug-reserved",
    ),
    pytest.param(
        {INDEX: "---\ntitle: Home\n---\nSee [[timline]] and [[people]].\n"},
        [f"{INDEX}:4:5: [[timline]] links to no item (did you mean 'timeline'?)"],
        id="section-link-typo",
    ),
    pytest.param(
        {INDEX: None, "content/pages/about.md": "---\ntitle: About\n---\n"},
        [f"{INDEX}: the home page is missing: create content/pages/index.md"],
        id="no-home-page",
    ),
    pytest.param(
        {"content/site.yaml": SMALL_PROJECT["content/site.yaml"].replace("article", "artcle")},
        [
            "content/site.yaml: default_source 'artcle' is not a source in content/sources/ "
            "(did you mean 'article'?)"
        ],
        id="default-source-unknown",
    ),
]


@pytest.mark.parametrize(("files", "expected"), LINK_ERRORS)
def test_link_error_is_located_and_output_untouched(
    built_project: tuple[Path, Path], files: dict[str, str | bytes | None], expected: list[str]
) -> None:
    """Each bad reference is reported where it is written; public/ keeps the last good site."""
    root, out_dir = built_project
    break_project(root, files)
    assert_fails_leaving_output(root, out_dir, expected)


@pytest.mark.parametrize(
    ("broken_ada", "expected"),
    [
        pytest.param(
            "name: Ada\n",
            f"{ADA}:1:1: missing front matter: the first line must be "
            "'---'. Did you forget to add '---' before the fields?",
            id="missing-dashes",
        ),
        pytest.param(
            "---\nname: Ada Lovelace\nrole: no\nsummary: Led.\n---\n",
            f"{ADA}:3:7: 'role' must be text, but YAML reads 'no' as true/false; "
            'put it in quotes: role: "no"',
            id="bad-field",
        ),
        pytest.param(
            b"---\nname: Ada \xff\n---\n",
            f"{ADA}:2:11: file is not UTF-8 (byte 0xff); save it as UTF-8",
            id="not-utf8",
        ),
    ],
)
def test_a_broken_file_causes_no_knock_on_errors(
    built_project: tuple[Path, Path], broken_ada: str | bytes, expected: str
) -> None:
    """ada.md is named by three files; when it breaks, only ada.md's own error is shown."""
    root, out_dir = built_project
    break_project(root, {ADA: broken_ada})
    assert_fails_leaving_output(root, out_dir, [expected])


def test_broken_default_source_is_reported_once(built_project: tuple[Path, Path]) -> None:
    """Every item inherits default_source; its breaking is one error, not one per item."""
    root, out_dir = built_project
    break_project(root, {"content/sources/article.md": "---\ntitle: [T\n---\n"})
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            "content/sources/article.md:3:1: invalid YAML: did not find expected ',' or ']'",
        ],
    )


SECTION_LINKS = {
    # [[link]] -> (expected text, output file it must lead to)
    "[[timeline]]": ("Timeline", "timeline/index.html"),
    "[[people|everyone named]]": ("everyone named", "people/index.html"),
    "[[places]]": ("Places", "places/index.html"),
    "[[figures]]": ("Key figures", "figures/index.html"),
    "[[glossary]]": ("Glossary", "glossary/index.html"),
    "[[sources]]": ("Sources", "sources/index.html"),
    "[[corrections]]": ("Corrections", "corrections/index.html"),
    "[[index|the home page]]": ("the home page", "index.html"),
}


class BodyLinks(HTMLParser):
    """(href, text) of every link inside the page's <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._main = False
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._main = True
        elif tag == "a" and self._main:
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._main = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


@pytest.mark.parametrize("base_url", ["", "https://news.example.org/explainers/deep/story/"])
def test_section_links_lead_to_the_sections_under_any_sub_path(tmp_path: Path, base_url: str) -> None:
    body = "".join(f"Link {number}: {link}.\n\n" for number, link in enumerate(SECTION_LINKS))
    files = {
        **SMALL_PROJECT,
        "content/pages/about.md": f"---\ntitle: About\n---\n{body}",
        "content/people/ada.md": person(
            "corrections:\n  - date: 2021-09-03\n    text: Her role was corrected.\n"
        ),
    }
    root = write_files(tmp_path / "project", dict(files))
    out_dir = tmp_path / "public"
    build(root, out_dir, {"base_url": base_url})
    page = BodyLinks()
    page.feed((out_dir / "about" / "index.html").read_text(encoding="utf-8"))
    found = {text: href for href, text in page.links}
    for text, target in SECTION_LINKS.values():
        href = found[text]
        assert not href.startswith(("/", "http")), href  # relative: right under any sub-path
        resolved = posixpath.normpath(posixpath.join("about", href.split("#")[0]))
        resolved = resolved + "/index.html" if resolved != "." else "index.html"
        assert resolved.removeprefix("./") == target, (text, href)
        assert (out_dir / target).is_file()


def test_a_link_to_a_section_the_site_does_not_build(tmp_path: Path) -> None:
    files: dict[str, str] = {
        path: text.replace("places: [town]\n", "").replace("[[town]]", "the town")
        for path, text in SMALL_PROJECT.items()
        if path != "content/places/town.md"
    }
    files[INDEX] = "---\ntitle: Home\n---\nNo [[places]] here, but [[people]].\n"
    root = write_files(tmp_path / "project", files)
    with pytest.raises(BuildFailed) as failure:
        build(root, None, {})
    assert [str(e) for e in failure.value.errors] == [
        f"{INDEX}:4:4: [[places]] links to the places section, which is not built: the site has "
        "no place items (content/places/ is empty)"
    ]
