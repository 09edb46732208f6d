"""Translations: files beside their originals, each language's pages in its folder, links
between the languages (tests/fixtures/languages-en-fr: English and French)."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, run_main, texts_of, write_files

from site_builder.render.theme import find_theme, is_plural_form, language_strings, placeholders, plural_other
from site_builder.strings import COUNTED, STRINGS, count_text, plural_categories

FIXTURE = REPO / "tests" / "fixtures" / "languages-en-fr"


class PageFacts(HTMLParser):
    """What a test reads of a page: <html> attributes, alternates, the switcher, every <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.alternates: list[tuple[str | None, str | None]] = []
        self.switcher: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self.in_switcher = False
        self.h1 = ""
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html = found
        elif tag == "link" and found.get("rel") == "alternate" and "hreflang" in found:
            self.alternates.append((found.get("hreflang"), found.get("href")))
        elif tag == "nav" and found.get("class") == "language-switcher":
            self.in_switcher = True
        elif tag == "a":
            (self.switcher if self.in_switcher else self.links).append(found)
        elif tag == "h1":
            self.in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.in_switcher = False
        elif tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.in_h1:
            self.h1 += data


def read_page(path: Path) -> PageFacts:
    facts = PageFacts()
    facts.feed(path.read_text(encoding="utf-8"))
    return facts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English and French fixture, built once."""
    out = tmp_path_factory.mktemp("en-fr") / "public"
    result = run_main("build", "--root", FIXTURE, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    return out


def test_each_language_has_its_pages_in_its_folder(built: Path) -> None:
    """English at the root, French under fr/, each page with its own lang and dir."""
    english, french = read_page(built / "index.html"), read_page(built / "fr/index.html")
    assert (english.html, english.h1) == ({"lang": "en", "dir": "ltr"}, "Home")
    assert (french.html, french.h1) == ({"lang": "fr", "dir": "ltr"}, "Accueil")
    assert read_page(built / "fr/people/anna/index.html").h1 == "Anna Berg"
    assert "Maire" in (built / "fr/people/anna/index.html").read_text(encoding="utf-8")


def test_an_untranslated_item_is_left_out_of_that_language(built: Path) -> None:
    """The parade has no French translation: the French timeline does not list it, and a
    [[link]] to it from a French page goes to the English timeline, marked hreflang="en"."""
    assert 'id="parade"' in (built / "timeline/index.html").read_text(encoding="utf-8")
    assert 'id="parade"' not in (built / "fr/timeline/index.html").read_text(encoding="utf-8")
    to_parade = [a for a in read_page(built / "fr/index.html").links if "parade" in (a.get("href") or "")]
    assert to_parade == [{"href": "../timeline/#parade", "hreflang": "en", "lang": "en"}]
    to_anna = [a for a in read_page(built / "fr/index.html").links if "anna" in (a.get("href") or "")]
    assert to_anna[0] == {"href": "people/anna/"}


def test_a_reference_to_an_untranslated_item_says_its_language(built: Path) -> None:
    """Regatta's see_also names the towpath, which has no French translation: the French
    glossary links to the English entry, marked so; the English glossary links on the page."""
    french = [
        a for a in read_page(built / "fr/glossary/index.html").links if "towpath" in (a.get("href") or "")
    ]
    english = [
        a for a in read_page(built / "glossary/index.html").links if "towpath" in (a.get("href") or "")
    ]
    assert french == [{"href": "../../glossary/#towpath", "hreflang": "en", "lang": "en"}]
    assert english == [{"href": "#towpath"}]


def test_switcher_and_alternates_link_the_same_page_in_each_language(built: Path) -> None:
    french = read_page(built / "fr/people/anna/index.html")
    assert french.switcher == [
        {"href": "../../../people/anna/", "hreflang": "en", "lang": "en"},
        {"href": "./", "hreflang": "fr", "lang": "fr", "aria-current": "page"},
    ]
    base = "https://news.example.org/festival/"
    assert french.alternates == [
        ("en", base + "people/anna/"),
        ("fr", base + "fr/people/anna/"),
        ("x-default", base + "people/anna/"),
    ]
    assert read_page(built / "people/anna/index.html").alternates == french.alternates


def test_a_not_found_page_has_no_alternates(built: Path) -> None:
    """Each language has its 404 page (test_language_outputs), but a host serves it at any
    missing address of the language: it is no other page's translation."""
    for path in ("404.html", "fr/404.html"):
        page = read_page(built / path)
        assert (page.alternates, page.switcher) == ([], []), path


def test_sitemap_lists_every_language(built: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    base = "https://news.example.org/festival/"
    assert base + "people/anna/" in locs
    assert base + "fr/people/anna/" in locs
    assert base + "fr/" in locs
    assert len(locs) == len(set(locs)) == 20


def test_check_notes_untranslated_items() -> None:
    result = run_main("check", "--root", FIXTURE)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [
        "note: content/pages/index.fr.md:5:69: [[parade]] links to the 'en' page: 'parade' has no "
        "'fr' translation",
        "note: 2 items are not translated into 'fr' and left out of its pages (links to them go to "
        "'en'): content/events/parade.md, content/glossary/towpath.md",
    ]


def copy_fixture(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return write_files(root, files)


def test_require_translations_makes_an_untranslated_item_an_error(tmp_path: Path) -> None:
    site_yaml = (FIXTURE / "content/site.yaml").read_text(encoding="utf-8")
    root = copy_fixture(tmp_path, {"content/site.yaml": site_yaml + "require_translations: true\n"})
    result = run_main("build", "--root", root, "--no-cache")
    assert result.returncode == 1
    assert (
        "content/events/parade.md: no 'fr' translation (site.yaml has require_translations: true): "
        "add content/events/parade.fr.md"
    ) in result.stderr
    assert not (root / "public").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"content/events/opening.fr.md": "---\ntitle: Ouverture\ndate: 1969-07-21\n---\n"},
            "content/events/opening.fr.md:3:1: 'date' comes from the original (content/events/opening.md) "
            "and may not be repeated in a translation, which gives only title, summary, attribution, "
            "image_alt, image_caption, quote and the body; delete this line",
            id="date-repeated",
        ),
        pytest.param(
            {"content/people/anna.fr.md": "---\nname: Anna Berg\naffiliations: [regatta]\n---\n"},
            "content/people/anna.fr.md:3:1: 'affiliations' comes from the original "
            "(content/people/anna.md) and may not be repeated in a translation, which gives only "
            "name, role, summary, aliases, image_alt, image_caption, quote, quotes and the body; "
            "delete this line",
            id="reference-repeated",
        ),
        pytest.param(
            {"content/people/anna.fr.md": "---\nnmae: Anna Berg\n---\n"},
            "content/people/anna.fr.md:2:1: unknown field 'nmae' (did you mean 'name'?)",
            id="unknown-field",
        ),
        pytest.param(
            {"content/people/ana.fr.md": "---\nname: Ana\n---\n"},
            "content/people/ana.fr.md:1:1: translation of no item: content/people/ana.md does not "
            "exist (did you mean 'anna'?)",
            id="no-original",
        ),
        pytest.param(
            {"content/pages/index.fr.md": "---\ntitle: Accueil\n---\nVoir [[anna-b]].\n"},
            "content/pages/index.fr.md:4:6: [[anna-b]] links to no item (did you mean 'anna'?)",
            id="bad-link",
        ),
        pytest.param(
            {"content/people/anna.de.md": "---\nname: Anna Berg\n---\n"},
            "content/people/anna.de.md: 'de' is not one of the site's other languages (fr): a "
            "translation's file name ends in one of them, like x.fr.md; add it to 'languages' in "
            "site.yaml, or rename the file",
            id="unknown-language",
        ),
        pytest.param(
            {"content/pages/fr.md": "---\ntitle: French\n---\n"},
            "content/pages/fr.md:1:1: page slug 'fr' would overwrite the folder of the 'fr' pages "
            "(/fr/); rename the file",
            id="page-named-like-a-language",
        ),
        pytest.param(
            {"content/events/opening.fr.md": "---\ntitle: Ouverture\nquote: Le festival s'ouvre.\n---\n"},
            "content/events/opening.fr.md:3:1: 'quote' in 'fr' is not found in the 'fr' sources "
            "(avis); quote a source in this language word for word, or add translated: true if it "
            "translates the original's quote",
            id="own-quote-in-no-source",
        ),
        pytest.param(
            {"content/people/anna.fr.md": "---\nquotes:\n  - text: La maire a ouvert le festival.\n---\n"},
            "content/people/anna.fr.md:3:5: 'quotes[1]' in 'fr' is not found in the 'fr' sources "
            "(avis); quote a source in this language word for word, or add translated: true if it "
            "translates the original's quote",
            id="own-quotes-item-in-no-source",
        ),
        pytest.param(
            {"content/sources/avis.md": "---\ntitle: Avis\nlanguage: en\n---\nPlus de 300 bateaux.\n"},
            "content/figures/boats.fr.md:5:1: 'quote' in 'fr' is not found in any source: no source "
            "says language: fr; quote a source in this language word for word, or add translated: "
            "true if it translates the original's quote",
            id="own-quote-without-sources-in-its-language",
        ),
        pytest.param(
            {"content/sources/avis.md": "---\ntitle: Avis\nlanguage: de\n---\nPlus de 300 bateaux.\n"},
            "content/sources/avis.md:3:1: 'language' is 'de', which is not one of the site's "
            "languages (en, fr)",
            id="source-language-not-the-sites",
        ),
        pytest.param(
            {"content/sources/avis.md": "---\ntitle: Avis\nlanguage: le français\n---\nTexte.\n"},
            "content/sources/avis.md:3:11: 'language' must be a BCP 47 tag like 'en' or 'fr-CA', "
            "not 'le français'",
            id="source-language-not-a-tag",
        ),
        pytest.param(
            {
                "content/figures/boats.fr.md": (
                    "---\nlabel: Bateaux\nquote: Plus de 300 bateaux ont pris part au défilé de "
                    "bateaux.\n---\n"
                ),
                "content/figures/boats.md": (
                    "---\nlabel: Boats\nvalue: 400\nunit: boats\nquote: More than 300 boats took part\n---\n"
                ),
            },
            "content/figures/boats.fr.md:3:1: the quote does not contain the figure's number (400 "
            "boats, shown as '400 boats'); it should say it in some form, e.g. 400, four hundred",
            id="own-figure-quote-without-its-number",
        ),
        pytest.param(
            {"content/people/anna.fr.md": "---\nquote: Elle a ouvert le festival.\ntranslated: true\n---\n"},
            "content/people/anna.fr.md:1:1: 'quote' translates nothing: "
            "content/people/anna.md gives no quote",
            id="quote-translating-nothing",
        ),
        pytest.param(
            {
                "content/people/anna.fr.md": (
                    "---\nquotes:\n  - text: Le fleuve est à tous.\n    translated: true\n"
                    "  - text: Et à toutes.\n    translated: true\n---\n"
                )
            },
            "content/people/anna.fr.md:3:1: 'quotes' gives 2 quotes, but content/people/anna.md has 1: "
            "a translation translates each one, in order",
            id="quotes-count",
        ),
    ],
)
def test_bad_translations_are_errors_at_their_line(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    """Exit 1, the error at its line, nothing written."""
    root = copy_fixture(tmp_path, files)
    result = run_main("build", "--root", root, "--no-cache")
    assert (result.returncode, message in result.stderr.splitlines()) == (1, True), result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "public").exists()


FA_FIXTURE = REPO / "tests" / "fixtures" / "languages-fa"


@pytest.fixture(scope="module")
def built_fa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Persian fixture (Persian the default, English under en/), built once."""
    out = tmp_path_factory.mktemp("fa") / "public"
    result = run_main("build", "--root", FA_FIXTURE, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    return out


def event_dates(path: Path) -> list[str]:
    """The text of each event's date line on a timeline page."""

    class Dates(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "p" and dict(attrs).get("class") == "event-date":
                self.found.append("")
                self.depth = 1

        def handle_endtag(self, tag: str) -> None:
            if tag == "p":
                self.depth = 0

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data

    parser = Dates()
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(text.split()) for text in parser.found]


def test_a_right_to_left_default_language(built_fa: Path) -> None:
    """Persian at the root reads right to left in Persian words; English under en/ left to right."""
    persian, english = read_page(built_fa / "index.html"), read_page(built_fa / "en/index.html")
    assert (persian.html, persian.h1) == ({"lang": "fa", "dir": "rtl"}, "خانه")
    assert (english.html, english.h1) == ({"lang": "en", "dir": "ltr"}, "Home")
    assert read_page(built_fa / "timeline/index.html").h1 == "گاه‌شمار"
    assert [a["hreflang"] for a in persian.switcher] == ["fa", "en"]
    assert [a.get("lang") for a in persian.switcher] == ["fa", "en"]


def test_dates_follow_each_language(built: Path, built_fa: Path) -> None:
    """CLDR's forms through Babel: French month names, Persian digits, bounded dates in words
    of the page's language; the English table keeps its own forms."""
    assert event_dates(built / "fr/timeline/index.html") == ["20 juillet 1969"]
    assert event_dates(built / "timeline/index.html") == ["July 1969", "20 July 1969"]
    assert event_dates(built_fa / "timeline/index.html") == ["میان مه و ۲۰ ژوئیه ۱۹۶۹", "۲۰ ژوئیه ۱۹۶۹"]
    assert event_dates(built_fa / "en/timeline/index.html") == [
        "between May and 20 July 1969",
        "20 July 1969",
    ]


def with_german(tmp_path: Path, files: dict[str, str]) -> Path:
    """The English and French fixture with German added: its home page translated, no strings."""
    site_yaml = (FIXTURE / "content/site.yaml").read_text(encoding="utf-8")
    return copy_fixture(
        tmp_path,
        {
            "content/site.yaml": site_yaml.replace("[en, fr]", "[en, fr, de]"),
            "content/pages/index.de.md": "---\ntitle: Startseite\n---\n",
            **files,
        },
    )


def test_a_language_without_strings_is_an_error(tmp_path: Path) -> None:
    root = with_german(tmp_path, {})
    result = run_main("build", "--root", root, "--no-cache")
    assert result.returncode == 1
    assert (
        "templates/strings.de.yaml: no strings for language 'de': the default theme has none, so "
        f"templates/strings.de.yaml must give all {len(STRINGS)} (docs/theming.md, 'Adding a language')"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("search.label", "missing string 'search.label' in language 'de'"),
        (  # one form of a counted string
            "chart.years.one",
            "missing plural form 'chart.years.one' in language 'de' (CLDR's categories for it are "
            "one, other)",
        ),
    ],
)
def test_a_missing_string_names_the_string_and_the_language(
    tmp_path: Path, missing: str, message: str
) -> None:
    """A table for German that gives every string but one."""
    table = {**STRINGS, "date.locale": "de"}
    lines = [f"{key}: {json.dumps(value)}" for key, value in table.items() if key != missing]
    root = with_german(tmp_path, {"templates/strings.de.yaml": "\n".join(lines) + "\n"})
    result = run_main("build", "--root", root, "--no-cache")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"templates/strings.de.yaml: {message}: add it to templates/strings.de.yaml"
    )


def test_the_built_in_tables_give_every_string() -> None:
    """French and Persian: every key of the English table, with the same placeholders, and a
    form of each counted string per plural category of the language (French: one, many, other)."""
    tables = language_strings(find_theme(FIXTURE), FIXTURE, ["en", "fr", "fa"])
    for tag, table in tables.items():
        forms = {f"{key}.{category}" for key in COUNTED for category in plural_categories(table)}
        assert set(table) == {key for key in STRINGS if not is_plural_form(key)} | forms, tag
        for key, text in table.items():
            assert placeholders(text) <= placeholders(
                STRINGS[key if key in STRINGS else plural_other(key)]
            ), key
    assert tables["fr"]["date.month.7"] == "juillet"
    assert plural_categories(tables["fr"]) == ("many", "one", "other")


@pytest.mark.parametrize(
    ("tag", "counts"),
    [
        ("en", {0: "0 years", 1: "1 year", 2: "2 years", 1000: "1000 years"}),
        (
            "fr",
            {0: "0 an", 1: "1 an", 2: "2 ans", 1000: "1\u202f000 ans", 1000000: "1\u202f000\u202f000 d'ans"},
        ),
        # Persian digits one and two, and the Persian thousands separator (U+066C)
        ("fa", {1: "\u06f1 سال", 2: "۲ سال", 1234: "\u06f1\u066c۲۳۴ سال"}),
    ],
)
def test_counts_follow_each_languages_plural_rules_and_digits(tag: str, counts: dict[int, str]) -> None:
    """CLDR's plural rules pick the form: French counts 0 and 1 as one and a million as many;
    the count is written in the language's format and digits."""
    table = language_strings(find_theme(FIXTURE), FIXTURE, [tag])[tag]
    for count, text in counts.items():
        assert count_text("chart.years", count, table) == text, count


def svg_texts(path: Path) -> tuple[list[str], list[str]]:
    """The <desc> and every <text> of the pictures on a page."""

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.descs: list[str] = []
            self.texts: list[str] = []
            self.into: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.into = self.descs if tag == "desc" else self.texts if tag == "text" else None
            if self.into is not None:
                self.into.append("")

        def handle_endtag(self, tag: str) -> None:
            self.into = None

        def handle_data(self, data: str) -> None:
            if self.into is not None:
                self.into[-1] += data

    parser = Texts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.descs, parser.texts


def test_pages_count_in_their_languages_words_and_digits(built: Path, built_fa: Path) -> None:
    """French reads "1 événement" (not "1 événements"), English "1 key figure"; the timeline
    picture's description and axis are in Persian digits on Persian pages."""
    french = (built / "fr/index.html").read_text(encoding="utf-8")
    assert "<figcaption>1 événement sur un axe du temps ;" in french
    assert ">1 chiffre clé</a>" in french
    assert ">1 key figure</a>" in (built / "index.html").read_text(encoding="utf-8")
    descs, texts = svg_texts(built / "fr/index.html")
    assert descs == ["1 événement, daté 20 juillet 1969."]
    descs, texts = svg_texts(built_fa / "timeline/index.html")
    assert descs == ["۲ رویداد: نخستین به تاریخ میان مه و ۲۰ ژوئیه ۱۹۶۹، واپسین ۲۰ ژوئیه ۱۹۶۹."]
    assert texts == ["۸ ژوئن ۱۹۶۹", "۲۲", "۶", "۲۰"]
    assert svg_texts(built_fa / "en/timeline/index.html")[1] == ["8 Jun 1969", "22", "6", "20"]


def blockquote_langs(path: Path) -> list[str | None]:
    """The lang of each <blockquote> on a page, in order."""

    class Quotes(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.langs: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "blockquote":
                self.langs.append(dict(attrs).get("lang"))

    quotes = Quotes()
    quotes.feed(path.read_text(encoding="utf-8"))
    return quotes.langs


def test_a_quote_from_a_source_in_the_translations_language(built: Path) -> None:
    """boats.fr.md quotes the French source (language: fr) in French, without translated: true:
    the French page shows those words as French (no lang), not "(traduction)", and links them
    under that source on the French sources page, where the source's title has no lang; the
    English sources page marks the French source's title lang="fr"."""
    page = built / "fr/figures/index.html"
    french = page.read_text(encoding="utf-8")
    assert "<blockquote><p>Plus de 300 bateaux ont pris part au défilé de bateaux.</p></blockquote>" in french
    assert blockquote_langs(page) == [None]
    assert "quote-translated" not in french
    href = [a["href"] for a in read_page(page).links if "#q-" in (a.get("href") or "")]
    assert len(href) == 1
    anchor = (href[0] or "").partition("#")[2]
    sources = (built / "fr/sources/index.html").read_text(encoding="utf-8")
    avis = sources[sources.index('<section class="source" id="avis"') :]
    avis = avis[: avis.index("</section>")]
    assert f'<li id="{anchor}">' in avis
    assert '<h2 id="avis-title">' in avis
    assert '<h2 id="avis-title" lang="fr">' in (built / "sources/index.html").read_text(encoding="utf-8")


def test_quotes_stay_in_the_original_language_marked_so(tmp_path: Path) -> None:
    """A translation gives no quote: its pages show the original's, with the original's lang."""
    root = copy_fixture(tmp_path, {"content/figures/boats.fr.md": "---\nlabel: Bateaux du défilé\n---\n"})
    built = root / "public"
    assert run_main("build", "--root", root, "--out", built, "--no-cache").returncode == 0

    for path, langs in (("fr/figures/index.html", ["en"]), ("figures/index.html", [None])):
        assert blockquote_langs(built / path) == langs, path
    assert "More than 300 boats took part" in (built / "fr/figures/index.html").read_text(encoding="utf-8")


def test_site_title_and_description_in_each_language(built: Path) -> None:
    """content/site.fr.yaml gives the French pages the site's title and description."""

    class Head(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.title = ""
            self.in_title = False
            self.description: str | None = None
            self.seen_head_end = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "title" and not self.seen_head_end:
                self.in_title = True
            elif tag == "meta" and found.get("name") == "description":
                self.description = found.get("content")

        def handle_endtag(self, tag: str) -> None:
            self.in_title = False
            self.seen_head_end = self.seen_head_end or tag == "head"

        def handle_data(self, data: str) -> None:
            if self.in_title:
                self.title += data

    for path, title, description in (
        (
            "fr/people/index.html",
            "Personnes | Le festival de la rivière",
            "Qui est qui : toutes les personnes nommées dans ce dossier.",
        ),
        ("fr/index.html", "Le festival de la rivière", "Le festival de la rivière, en français."),
        ("people/index.html", "People | The river festival", "Who's who: everyone named in this explainer."),
    ):
        head = Head()
        head.feed((built / path).read_text(encoding="utf-8"))
        assert (head.title, head.description) == (title, description), path


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"content/site.de.yaml": "title: Das Flussfest\n"},
            "content/site.de.yaml: 'de' is not one of the site's other languages (the site's other "
            "languages are fr)",
            id="unlisted-language",
        ),
        pytest.param(
            {"content/site.fr.yaml": "title: Le festival\nbase_url: https://example.org/fr/\n"},
            "content/site.fr.yaml:2:1: 'base_url' comes from content/site.yaml: content/site.fr.yaml "
            "gives only title and description",
            id="not-a-text",
        ),
    ],
)
def test_bad_site_translations_are_errors(tmp_path: Path, files: dict[str, str], message: str) -> None:
    root = copy_fixture(tmp_path, files)
    result = run_main("build", "--root", root, "--no-cache")
    assert (result.returncode, message in result.stderr.splitlines()) == (1, True), result.stderr


def test_search_has_an_index_per_language(tmp_path: Path) -> None:
    """Pagefind reads each page's lang: one index for Persian, one for English."""
    root = tmp_path / "project"
    shutil.copytree(FA_FIXTURE, root)
    with (root / "content/site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("search: true\n")
    result = run_main("build", "--root", root, "--no-cache")
    assert result.returncode == 0, result.stderr
    entry = json.loads((root / "public/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {language: index["page_count"] for language, index in entry["languages"].items()} == {
        "fa": 7,
        "en": 7,
    }


def test_a_translated_quote_says_so_and_links_the_original_in_its_source(built: Path) -> None:
    """opening.fr.md translates the event's quote: the French page shows it in French (no lang
    of its own), says "(traduction)", and links the same quote on the sources page as the
    English page does, where the French sources page lists the original's words."""
    french = (built / "fr/timeline/index.html").read_text(encoding="utf-8")
    english = (built / "timeline/index.html").read_text(encoding="utf-8")
    assert "<blockquote><p>Le festival de la rivière s'est ouvert le 20 juillet 1969 à " in french
    assert '<span class="quote-translated">(traduction)</span>' in french
    href = [
        a["href"] for a in read_page(built / "timeline/index.html").links if "#q-" in (a.get("href") or "")
    ]
    assert [
        a["href"] for a in read_page(built / "fr/timeline/index.html").links if "#q-" in (a.get("href") or "")
    ] == href
    anchor = (href[0] or "").partition("#")[2]
    assert f'id="{anchor}"' in (built / "fr/sources/index.html").read_text(encoding="utf-8")
    assert "quote-translated" not in english
    person = (built / "fr/people/anna/index.html").read_text(encoding="utf-8")
    assert "<blockquote><p>La maire Anna Berg l&#39;a ouvert.</p></blockquote>" in person
    assert "Anna Berg, dans l&#39;avis de la mairie" in person


def test_counts_take_the_languages_digits(built_fa: Path) -> None:
    """The home page's timeline caption counts its events in Persian digits on the Persian
    page, in ASCII digits on the English one."""

    class Captions(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.captions: list[str] = []
            self.inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "figcaption":
                self.inside = True
                self.captions.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "figcaption":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.captions[-1] += data

    def first_caption(path: Path) -> str:
        parser = Captions()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser.captions[0]

    assert first_caption(built_fa / "index.html").startswith("۲ رویداد روی یک محور زمان")
    assert first_caption(built_fa / "en/index.html").startswith("2 events on one time axis")


class LinkedData(HTMLParser):
    """A page's JSON-LD blocks, parsed, and the ids of its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[dict[str, object]] = []
        self.ids: set[str] = set()
        self.in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        self.in_json = tag == "script" and found.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self.in_json = False

    def handle_data(self, data: str) -> None:
        if self.in_json:
            self.blocks.append(json.loads(data))


@pytest.mark.parametrize(
    ("page", "terms"), [("glossary", ["Regatta", "Towpath"]), ("fr/glossary", ["Régate"])]
)
def test_a_glossarys_linked_data_names_only_the_terms_on_it(built: Path, page: str, terms: list[str]) -> None:
    """The French glossary's DefinedTermSet lists the terms translated into French, each at an
    anchor of that page: not the untranslated term, whose entry is on the English page only."""
    parsed = LinkedData()
    parsed.feed((built / page / "index.html").read_text(encoding="utf-8"))
    [block] = parsed.blocks
    graph = block["@graph"]
    assert isinstance(graph, list)
    [term_set] = [node for node in graph if node["@type"] == "DefinedTermSet"]
    defined = term_set["hasDefinedTerm"]
    assert [term["name"] for term in defined] == terms
    assert all(term["url"].partition("#")[2] in parsed.ids for term in defined)


def test_a_list_of_figures_is_punctuated_in_the_pages_language(built_fa: Path) -> None:
    """Persian separates with its own comma and semicolon (، ؛), English with , and ;."""
    [persian] = [text for text in texts_of(built_fa / "figures/index.html", "figcaption") if "۱۲۰" in text]
    assert "قایق‌های بادبانی، ۱۲۰ قایق؛" in " ".join(persian.split())
    [english] = [text for text in texts_of(built_fa / "en/figures/index.html", "figcaption") if "120" in text]
    assert ", 120" in english and ";" in english and "،" not in english
