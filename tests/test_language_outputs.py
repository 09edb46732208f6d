"""The files beside the pages, in every language: each language's feed, embeds and oEmbed,
redirects, data.json, timeline.json and 404 page in its folder, in its words, with nothing of an
item it leaves out (tests/fixtures/languages-en-fr, with updates, corrections and renames added;
tests/fixtures/languages-fa, whose default language is right to left)."""

from __future__ import annotations

import json
import shutil
import tomllib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, fenced_blocks, run_main, write_files

from site_builder.render.theme import read_strings

FIXTURE = REPO / "tests" / "fixtures" / "languages-en-fr"
FA_FIXTURE = REPO / "tests" / "fixtures" / "languages-fa"
BASE = "https://news.example.org/festival/"
A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHANGES = {
    # Anna is translated: her update, her correction and her old slug reach the French site too.
    "content/people/anna.md": (
        "---\nname: Anna Berg\nrole: Mayor\nsummary: Opened the festival.\nquotes:\n"
        '  - text: "Mayor Anna Berg opened it."\n    context: in the town hall\'s notice\n'
        "updated: 1969-07-25\nredirect_from: [anna-b]\n"
        "corrections: [{date: 1969-07-22, text: An earlier version called her deputy mayor.}]\n---\n"
    ),
    # Bob is not: nothing of him may show in French.
    "content/people/bob.md": (
        "---\nname: Bob Stone\nrole: Boatman\nsummary: Sailed first.\nupdated: 1969-07-28\n"
        "redirect_from: [robert]\n"
        "corrections: [{date: 1969-07-27, text: An earlier version spelt his name wrong.}]\n---\n"
    ),
}


def build(root: Path, out: Path, *args: str) -> Path:
    result = run_main("build", "--root", root, "--out", out, "--no-cache", *args)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English and French fixture with CHANGES, built once."""
    where = tmp_path_factory.mktemp("outputs-en-fr")
    shutil.copytree(FIXTURE, where / "project")
    return build(write_files(where / "project", dict(CHANGES)), where / "public")


@pytest.fixture(scope="module")
def built_fa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Persian fixture (Persian at the root, English under en/), with a base_url."""
    where = tmp_path_factory.mktemp("outputs-fa")
    return build(FA_FIXTURE, where / "public", "--base-url", "https://example.org/jashn/")


class Head(HTMLParser):
    """<html>'s attributes, every <link> in a page, every <a>, and its <h1> text."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.links: list[dict[str, str | None]] = []
        self.anchors: list[dict[str, str | None]] = []
        self.metas: list[dict[str, str | None]] = []
        self.textareas: list[str] = []
        self.h1 = ""
        self.inside = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html = found
        elif tag == "link":
            self.links.append(found)
        elif tag == "meta":
            self.metas.append(found)
        elif tag == "a":
            self.anchors.append(found)
        elif tag in ("h1", "textarea"):
            self.inside = tag
            if tag == "textarea":
                self.textareas.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            self.inside = ""

    def handle_data(self, data: str) -> None:
        if self.inside == "h1":
            self.h1 += data
        elif self.inside == "textarea":
            self.textareas[-1] += data

    def link(self, rel: str, kind: str | None) -> list[str | None]:
        """The href of every <link rel=... type=...>."""
        return [link.get("href") for link in self.links if (link.get("rel"), link.get("type")) == (rel, kind)]


def read_page(path: Path) -> Head:
    page = Head()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def feed_entries(path: Path) -> tuple[ET.Element, list[dict[str, str]]]:
    """A feed's root, and each entry's title, summary (and its xml:lang), updated, id and link."""
    feed = ET.parse(path).getroot()
    found = []
    for entry in feed.iter(f"{A}entry"):
        summary = entry.find(f"{A}summary")
        assert summary is not None
        found.append(
            {
                "title": entry.findtext(f"{A}title") or "",
                "summary": summary.text or "",
                "summary_lang": summary.get(XML_LANG, ""),
                "updated": entry.findtext(f"{A}updated") or "",
                "id": entry.findtext(f"{A}id") or "",
                "link": entry.find(f"{A}link").get("href", ""),  # type: ignore[union-attr]
            }
        )
    return feed, found


def test_each_language_has_its_own_feed(built: Path) -> None:
    """/fr/feed.xml speaks French: its language, title, links and entries; a correction's text,
    which only the original gives, is marked as English; the dates are the content's."""
    feed, entries = feed_entries(built / "fr/feed.xml")
    assert feed.get(XML_LANG) == "fr"
    assert feed.findtext(f"{A}title") == "Le festival de la rivière : corrections et mises à jour"
    assert feed.findtext(f"{A}id") == BASE + "fr/feed.xml"
    assert {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")} == {
        "self": BASE + "fr/feed.xml",
        "alternate": BASE + "fr/corrections/",
    }
    assert entries == [
        {
            "title": "Mis à jour : Anna Berg",
            "summary": "Anna Berg a été mis à jour le 25 juillet 1969.",
            "summary_lang": "",
            "updated": "1969-07-25T00:00:00Z",
            "id": BASE + "fr/feed.xml#anna/updated/1969-07-25",
            "link": BASE + "fr/people/anna/",
        },
        {
            "title": "Corrigé : Anna Berg",
            "summary": "An earlier version called her deputy mayor.",
            "summary_lang": "en",
            "updated": "1969-07-22T00:00:00Z",
            "id": BASE + "fr/feed.xml#anna/corrected/1969-07-22",
            "link": BASE + "fr/people/anna/",
        },
    ]


def test_the_default_language_feed_keeps_every_item(built: Path) -> None:
    feed, entries = feed_entries(built / "feed.xml")
    assert feed.get(XML_LANG) == "en"
    assert [entry["title"] for entry in entries] == [
        "Updated: Bob Stone",
        "Corrected: Bob Stone",
        "Updated: Anna Berg",
        "Corrected: Anna Berg",
    ]
    assert {entry["summary_lang"] for entry in entries} == {""}


def test_a_right_to_left_default_language_has_its_feed_at_the_root(built_fa: Path) -> None:
    persian, _ = feed_entries(built_fa / "feed.xml")
    english, _ = feed_entries(built_fa / "en/feed.xml")
    persian_title = read_strings(REPO / "site_builder/data/strings-fa.yaml", REPO, {})["feed.title"]
    assert (persian.get(XML_LANG), persian.findtext(f"{A}title")) == (
        "fa",
        persian_title.format(site_title="جشنواره رودخانه"),
    )
    assert (english.get(XML_LANG), english.findtext(f"{A}id")) == (
        "en",
        "https://example.org/jashn/en/feed.xml",
    )
    page = read_page(built_fa / "en/people/anna/index.html")
    assert page.link("alternate", "application/atom+xml") == ["../../feed.xml"]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("index.html", "feed.xml"),
        ("people/anna/index.html", "../../feed.xml"),
        ("fr/index.html", "feed.xml"),
        ("fr/people/anna/index.html", "../../feed.xml"),
        ("fr/corrections/index.html", "../feed.xml"),
    ],
)
def test_pages_link_the_feed_of_their_language(built: Path, page: str, feed: str) -> None:
    assert read_page(built / page).link("alternate", "application/atom+xml") == [feed]


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_each_language_has_its_own_data_json(built: Path) -> None:
    """fr/data.json: the French words and URLs, the same slugs as the English, and only the
    items translated into French (Anna, not Bob; the opening, not the parade)."""
    english, french = load_json(built / "data.json"), load_json(built / "fr/data.json")
    assert french["site"] == {
        "title": "Le festival de la rivière",
        "description": "Qui, où et quand lors d'un festival de rivière inventé.",
        "language": "fr",
        "base_url": BASE,
    }
    assert english["site"]["language"] == "en"
    slugs = {kind: [record["slug"] for record in english[kind]] for kind in english if kind != "site"}
    assert slugs == {
        "people": ["anna", "bob"],
        "places": ["riverton"],
        "figures": ["boats"],
        "events": ["parade", "opening"],
        "glossary": ["regatta", "towpath"],
        "pages": ["index"],
        "sources": ["avis", "notice"],  # the French notice too: sources are in every language
    }
    assert {kind: [record["slug"] for record in french[kind]] for kind in slugs} == {
        **slugs,
        "people": ["anna"],
        "events": ["opening"],
        "glossary": ["regatta"],
    }
    anna = french["people"][0]
    assert (anna["role"], anna["url"]) == ("Maire", BASE + "fr/people/anna/")
    assert [quote["text"] for quote in anna["quotes"]] == ["La maire Anna Berg l'a ouvert."]
    boats = french["figures"][0]
    assert (boats["headline"], boats["shown"], boats["url"]) == (
        "Bateaux du défilé",
        "plus de 300 bateaux",
        BASE + "fr/figures/#boats",
    )
    assert french["sources"] == english["sources"]  # evidence: shown as it is in every language


def test_each_language_has_its_own_timeline_json(built: Path) -> None:
    french = load_json(built / "fr/timeline.json")
    assert french["title"]["text"]["headline"] == "Le festival de la rivière"
    assert [event["unique_id"] for event in french["events"]] == ["opening"]
    slide = french["events"][0]["text"]
    assert slide["headline"] == "Le festival s&#x27;ouvre"
    link = ET.fromstring(f"<div>{slide['text']}</div>").find("p/a")
    assert link is not None
    assert (link.get("href"), link.text) == (BASE + "fr/timeline/#opening", "En savoir plus")
    english = load_json(built / "timeline.json")
    assert [event["unique_id"] for event in english["events"]] == ["parade", "opening"]


def test_a_right_to_left_default_language_has_its_words_at_the_root(built_fa: Path) -> None:
    """Persian is the default: data.json and timeline.json at the root are in Persian (a
    bounded date's display_date too, with Persian digits), those in en/ in English."""
    persian, english = load_json(built_fa / "data.json"), load_json(built_fa / "en/data.json")
    assert (persian["site"]["language"], english["site"]["language"]) == ("fa", "en")
    assert persian["people"][0]["name"] == "آنا برگ"
    assert english["people"][0]["name"] == "Anna Berg"
    assert english["people"][0]["url"] == "https://example.org/jashn/en/people/anna/"
    persian_slides = load_json(built_fa / "timeline.json")["events"]
    english_slides = load_json(built_fa / "en/timeline.json")["events"]
    assert [s["unique_id"] for s in persian_slides] == [s["unique_id"] for s in english_slides]
    assert "بیشتر" in persian_slides[0]["text"]["text"]
    assert ">More<" in english_slides[0]["text"]["text"]
    assert persian_slides[0]["display_date"] == "میان مه و ۲۰ ژوئیه ۱۹۶۹"
    assert english_slides[0]["display_date"] == "between May and 20 July 1969"


def test_each_language_has_its_own_embed_pages(built: Path, built_fa: Path) -> None:
    """fr/embed/...: the French words, lang and dir, the canonical and "From" links to the French
    page; none for an item without a French translation."""
    page = read_page(built / "fr/embed/people/anna/index.html")
    assert (page.html, page.h1) == ({"lang": "fr", "dir": "ltr"}, "Anna Berg")
    assert page.link("canonical", None) == [BASE + "fr/people/anna/"]
    assert {"href": "../../../people/anna/"} in page.anchors
    assert "Maire" in (built / "fr/embed/people/anna/index.html").read_text(encoding="utf-8")
    timeline = read_page(built / "fr/embed/timeline/index.html")
    assert timeline.h1 == "Chronologie"
    assert {"href": "../../timeline/#opening"} in timeline.anchors
    assert not any("parade" in (anchor.get("href") or "") for anchor in timeline.anchors)
    for path in ("embed/people/bob/index.html", "embed/glossary/towpath/index.html"):
        assert (built / path).is_file()
        assert not (built / "fr" / path).exists()
    assert read_page(built_fa / "embed/people/anna/index.html").html == {"lang": "fa", "dir": "rtl"}
    assert read_page(built_fa / "en/embed/people/anna/index.html").html == {"lang": "en", "dir": "ltr"}


def test_french_pages_offer_the_french_embed_and_oembed(built: Path) -> None:
    """The code on a French page frames the French embed (the script that sizes it is shared);
    its oEmbed discovery link and JSON are the French ones."""
    page = read_page(built / "fr/people/anna/index.html")
    frame = ET.fromstring(page.textareas[0].split("\n")[0])
    assert (frame.tag, frame.get("src"), frame.get("title")) == (
        "iframe",
        BASE + "fr/embed/people/anna/",
        "Anna Berg, de Le festival de la rivière",
    )
    assert page.textareas[0].split("\n")[1] == f'<script src="{BASE}embed.js" async></script>'
    oembed_url = BASE + "fr/embed/people/anna/oembed.json"
    assert page.link("alternate", "application/json+oembed") == [oembed_url]
    oembed = load_json(built / oembed_url.removeprefix(BASE))
    assert (oembed["title"], oembed["provider_name"], oembed["provider_url"]) == (
        "Anna Berg",
        "Le festival de la rivière",
        BASE + "fr/",
    )
    assert oembed["html"] == page.textareas[0]
    english = read_page(built / "people/anna/index.html")
    assert english.link("alternate", "application/json+oembed") == [BASE + "embed/people/anna/oembed.json"]
    assert BASE + "embed/people/anna/" in english.textareas[0]
    timeline = read_page(built / "fr/timeline/index.html")
    assert timeline.link("alternate", "application/json+oembed") == [BASE + "fr/embed/timeline/oembed.json"]
    assert not (built / "fr/embed/people/bob/oembed.json").exists()


def header_rules(path: Path) -> list[tuple[str, str]]:
    """_headers as (path pattern, header) pairs."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(pattern, header.strip()) for pattern, header in zip(lines[::2], lines[1::2], strict=True)]


def matches(pattern: str, url: str) -> bool:
    """Whether a _headers path pattern matches a URL path, as Netlify and Cloudflare read it."""
    return url.startswith(pattern[:-1]) if pattern.endswith("*") else url == pattern


def test_headers_let_each_languages_embeds_be_framed(built: Path) -> None:
    """Every embed page, in every language, gets only the embeds' policy; every other page gets
    frame-ancestors 'none'."""
    rules = header_rules(built / "_headers")
    pages = [path.relative_to(built).as_posix() for path in built.rglob("*.html")]
    embeds = [page for page in pages if page.startswith(("embed/", "fr/embed/"))]
    assert "fr/embed/people/anna/index.html" in embeds
    for page in pages:
        url = "/festival/" + page.removesuffix("index.html")
        policies = {header for pattern, header in rules if matches(pattern, url) and "frame" in header}
        if page in embeds:
            assert policies == {"Content-Security-Policy: frame-ancestors *"}, page
        else:
            assert policies == {"Content-Security-Policy: frame-ancestors 'none'"}, page


def test_without_embeds_no_language_has_any(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    site_yaml = (root / "content/site.yaml").read_text(encoding="utf-8")
    write_files(root, {"content/site.yaml": site_yaml + "embeds: false\n"})
    out = build(root, tmp_path / "public")
    assert not (out / "embed").exists()
    assert not (out / "fr/embed").exists()
    assert read_page(out / "fr/people/anna/index.html").textareas == []
    assert "embed/*" not in (out / "_headers").read_text(encoding="utf-8")


def test_a_renamed_item_redirects_in_each_language_that_has_it(built: Path) -> None:
    """Anna was anna-b: /fr/people/anna-b/ sends French readers to /fr/people/anna/, and her old
    French embed to her French embed; Bob (robert) has no French pages, old or new."""
    page = read_page(built / "fr/people/anna-b/index.html")
    assert page.html == {"lang": "fr", "dir": "ltr"}
    assert page.h1 == "Page déplacée"
    refresh = [meta.get("content") for meta in page.metas if meta.get("http-equiv") == "refresh"]
    assert refresh == ["0; url=../anna/"]
    assert page.link("canonical", None) == [BASE + "fr/people/anna/"]
    assert {"href": "../anna/"} in page.anchors
    embed = read_page(built / "fr/embed/people/anna-b/index.html")
    assert [meta.get("content") for meta in embed.metas if meta.get("http-equiv") == "refresh"] == [
        "0; url=../anna/"
    ]
    assert embed.link("canonical", None) == [BASE + "fr/embed/people/anna/"]
    assert (built / "people/robert/index.html").is_file()
    assert not (built / "fr/people/robert").exists()
    assert not (built / "fr/embed/people/robert").exists()
    assert (built / "_redirects").read_text(encoding="utf-8").splitlines() == [
        "/festival/embed/people/anna-b/ /festival/embed/people/anna/ 301",
        "/festival/embed/people/robert/ /festival/embed/people/bob/ 301",
        "/festival/people/anna-b/ /festival/people/anna/ 301",
        "/festival/people/robert/ /festival/people/bob/ 301",
        "/festival/fr/embed/people/anna-b/ /festival/fr/embed/people/anna/ 301",
        "/festival/fr/people/anna-b/ /festival/fr/people/anna/ 301",
    ]


def test_each_language_has_its_own_not_found_page(built: Path, built_fa: Path) -> None:
    """fr/404.html: French, with links built for where hosts serve it (root-based, in the French
    folder), out of the sitemap; the Persian site's, right to left at the root, English in en/."""
    page = read_page(built / "fr/404.html")
    assert (page.html, page.h1) == ({"lang": "fr", "dir": "ltr"}, "Page introuvable")
    text = (built / "fr/404.html").read_text(encoding="utf-8")
    assert 'Essayez la <a href="/festival/fr/">page d&#39;accueil</a>, la ' in text
    hrefs = {anchor.get("href") for anchor in page.anchors} - {"#main"}
    assert hrefs and all((href or "").startswith("/festival/fr/") for href in hrefs), hrefs
    assert page.link("alternate", "application/atom+xml") == ["/festival/fr/feed.xml"]
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "404" not in sitemap
    persian, english = read_page(built_fa / "404.html"), read_page(built_fa / "en/404.html")
    assert (persian.html, persian.h1) == ({"lang": "fa", "dir": "rtl"}, "صفحه پیدا نشد")
    assert (english.html, english.h1) == ({"lang": "en", "dir": "ltr"}, "Page not found")
    assert {"href": "/jashn/en/"} in english.anchors


@pytest.mark.parametrize("fixture", [FIXTURE, FA_FIXTURE])
def test_check_stays_clean(tmp_path: Path, fixture: Path) -> None:
    """Every language's feed, embeds, redirects and 404 page are linked, titled and reachable
    as check wants (with CHANGES on the English and French fixture): notes, no problems."""
    root = tmp_path / "project"
    shutil.copytree(fixture, root)
    if fixture == FIXTURE:
        write_files(root, dict(CHANGES))
    result = run_main("check", "--root", root, "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(": no problems"), result.stdout + result.stderr


def test_the_netlify_rules_in_the_docs_send_a_language_to_its_404(built: Path) -> None:
    """publishing.md's netlify.toml rule parses, and sends /fr/* to the page the build wrote."""
    text = (REPO / "docs/publishing.md").read_text(encoding="utf-8")
    rules = [
        rule
        for block in fenced_blocks(text)
        if block.info == "toml"
        for rule in tomllib.loads(block.content).get("redirects", [])
    ]
    assert rules == [{"from": "/fr/*", "to": "/fr/404.html", "status": 404}]
    assert (built / rules[0]["to"].lstrip("/")).is_file()
