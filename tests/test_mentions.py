"""First-mention links: tricky text, the rules on case and overlap, switches, and how a browser's
accessibility tree presents a glossary link."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import SMALL_PROJECT, run_main, write_files
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.build import load_site
from site_builder.errors import BuildFailed
from site_builder.mentions import (
    PIECE,
    SEPARATOR,
    SPLIT_OVER,
    SPLIT_WORDS,
    compile_aliases,
    compile_matcher,
    find_mentions,
    link_mentions,
    site_matcher,
)
from site_builder.model import Site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PEOPLE = {
    "content/people/ahmad-shah-massoud.md": (
        "---\nname: Ahmad Shah Massoud\nrole: Commander\nsummary: The father.\n---\n"
    ),
    "content/people/ahmad-massoud.md": (
        "---\nname: Ahmad Massoud\nrole: Leader\nsummary: The son.\naliases: [Massoud]\n---\n"
    ),
    "content/places/panjshir-valley.md": (
        "---\nname: Panjshir Valley\nkind: valley\nsummary: A valley.\n---\n"
    ),
    "content/glossary/civil-war.md": (
        "---\nterm: Civil war\ndefinition: A war between groups in one country.\n---\n"
    ),
    "content/glossary/nrf.md": (
        "---\nterm: National Resistance Front\nabbr: NRF\n"
        "definition: An armed group <resisting> the Taliban & others.\n---\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = write_files(tmp_path_factory.mktemp("mentions"), {**SMALL_PROJECT, **PEOPLE})
    return load_site(root, {})


class Parsed(HTMLParser):
    """Links (href, text, what encloses them) and the text a reader sees, tooltips left out."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str, tuple[str, ...]]] = []
        self.mention_links: list[tuple[str, str]] = []
        """Links the linker added (class="mention")."""
        self.text: list[str] = []
        self.tips: dict[str, str] = {}
        self.described_by: dict[str, str] = {}
        self._stack: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._tip: str | None = None
        self._tip_level = 0
        self._is_mention = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            assert self._href is None, "a link inside a link"
            self._href, self._link_text = str(attributes["href"]), []
            self._is_mention = attributes.get("class") == "mention"
            if attributes.get("aria-describedby"):
                self.described_by[str(attributes["href"])] = str(attributes["aria-describedby"])
        if attributes.get("role") == "tooltip":
            self._tip, self._tip_level = str(attributes["id"]), len(self._stack)
            self.tips[self._tip] = ""
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text), tuple(self._stack)))
            if self._is_mention:
                self.mention_links.append(self.links[-1][:2])
            self._href = None
        if self._tip is not None and len(self._stack) <= self._tip_level:
            self._tip = None

    def handle_data(self, data: str) -> None:
        if self._tip is not None:
            self.tips[self._tip] += data
            return
        self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)

    @property
    def mentions(self) -> list[tuple[str, str]]:
        return [(href, text) for href, text, _ in self.links]


def link(site: Site, body: str, page_url: str = "/") -> Parsed:
    html = f"<header><p>Ahmad Massoud</p></header><main>{body}</main><footer>NRF</footer>"
    linked = link_mentions(html, page_url, site)
    parsed = Parsed(linked)
    assert "".join(parsed.text) == "".join(Parsed(html).text), "the reader's text changed"
    return parsed


WORDS = ["the", "The", "THE", "Taliban", "taliban", "war", "War", "1990", "Kābul", "s", "NRF", "a_b", "ß"]
SEPARATORS = [" ", "  ", "\n", "-", "'", "\u2019", ", ", ". ", "\u0304", " ("]


@st.composite
def common_first_word(draw: st.DrawFn) -> tuple[tuple[tuple[str, str], ...], str]:
    """More aliases starting with one word than are compiled as one regex ('the', or '1990',
    whose case-free first letter is in the next word), and a text of the same words."""
    first = draw(st.sampled_from(["the", "1990"]))
    tails = st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(WORDS)), max_size=3)
    texts = draw(
        st.lists(
            tails.map(lambda tail: first + "".join(sep + word for sep, word in tail)),
            min_size=SPLIT_OVER + 1,
            max_size=SPLIT_OVER + 20,
            unique=True,
        )
    )
    pieces = st.tuples(st.sampled_from(SEPARATORS), st.sampled_from([*WORDS, first]))
    text = "".join(sep + word for sep, word in draw(st.lists(pieces, max_size=40)))
    return tuple(sorted((alias, f"item-{number}") for number, alias in enumerate(texts))), text


@settings(max_examples=150, deadline=None)
@given(common_first_word())
def test_a_common_first_word_finds_what_one_regex_of_its_aliases_finds(
    case: tuple[tuple[tuple[str, str], ...], str],
) -> None:
    """A first word that starts many aliases is compiled in small regexes by the text's next
    word (then whole, past SPLIT_WORDS next words): every mention found is the one a regex of
    all its aliases finds."""
    aliases, text = case
    split, whole = compile_matcher(aliases), compile_matcher(aliases)
    for word, texts in whole.by_first_word.items():
        assert not isinstance(texts, re.Pattern)
        whole.by_first_word[word] = compile_aliases(texts)
    assert list(find_mentions(split, text)) == list(find_mentions(whole, text))
    for word, found in split.by_first_word.items():  # split, or whole past SPLIT_WORDS
        assert not (isinstance(found, re.Pattern) and word in split.by_next_word)


def test_a_common_first_word_is_compiled_whole_once_many_of_its_second_words_follow_it() -> None:
    """A page or two compile a common first word's aliases by the few of their second words
    they hold (any other next word shares one regex); a text with more of them than
    SPLIT_WORDS gets them in one regex, and finds the same."""
    aliases = tuple((f"The {number} group", f"group-{number}") for number in range(SPLIT_OVER + 10))
    few = " ".join(f"the {number} group" for number in range(SPLIT_WORDS))
    others = " ".join(f"the {word} group" for word in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    many = " ".join(f"the {number} group" for number in range(SPLIT_WORDS + 3))
    matcher = compile_matcher(aliases)
    found = [text for _, _, text in find_mentions(matcher, f"{few} {others}")]
    assert found == [f"the {number} group" for number in range(SPLIT_WORDS)]
    assert not isinstance(matcher.by_first_word["the"], re.Pattern)
    assert sorted(matcher.by_next_word["the"].patterns) == ["", *sorted(map(str, range(SPLIT_WORDS)))]
    found = [text for _, _, text in find_mentions(matcher, many)]
    assert found == [f"the {number} group" for number in range(SPLIT_WORDS + 3)]
    assert isinstance(matcher.by_first_word["the"], re.Pattern)
    assert "the" not in matcher.by_next_word
    assert [text for _, _, text in find_mentions(compile_matcher(aliases), many)] == found


def test_a_long_page_is_searched_in_pieces_that_miss_no_mention() -> None:
    """A page's text longer than PIECE is split into words a piece at a time, cut at the run
    separators: every mention of every run is found, at its place, as in the run alone (the
    runs are all names, so a piece cut anywhere else would break one)."""
    matcher = compile_matcher((("Ahmad Massoud", "massoud"), ("Kabul", "kabul"), ("Khost", "khost")))
    runs = [" ".join(["Kabul Khost Ahmad\nMassoud"] * (n % 7 + 1)) for n in range(3 * PIECE // 80)]
    text = SEPARATOR.join(runs)
    assert len(text) > 2 * PIECE
    expected, offset = [], 0
    for run in runs:
        expected += [
            (start + offset, end + offset, found) for start, end, found in find_mentions(matcher, run)
        ]
        offset += len(run) + len(SEPARATOR)
    assert list(find_mentions(matcher, text)) == expected


def test_longest_name_wins_and_each_item_is_linked_once(site: Site) -> None:
    page = link(
        site,
        "<p>Ahmad Shah Massoud led. His son Ahmad Massoud leads; Massoud says "
        "Ahmad Shah Massoud inspired him.</p>",
    )
    assert page.mentions == [
        ("people/ahmad-shah-massoud/", "Ahmad Shah Massoud"),
        ("people/ahmad-massoud/", "Ahmad Massoud"),
    ]


def test_a_matcher_compiles_only_the_first_words_the_texts_hold(site: Site) -> None:
    """A few pages of a site of thousands of names compile a few regexes, not thousands; a
    later page reuses them and links as a new matcher does."""
    matcher = site_matcher(site)
    assert matcher is not None
    html = "<main><p>Ahmad Shah Massoud led; then NRF fought.</p></main>"
    first = link_mentions(html, "/", site, matcher)
    compiled = {word for word, found in matcher.by_first_word.items() if isinstance(found, re.Pattern)}
    assert compiled == {"ahmad", "massoud", "nrf"}
    assert len(matcher.by_first_word) > len(compiled)
    assert link_mentions(html, "/", site, matcher) == first == link_mentions(html, "/", site)
    assert Parsed(first).mentions == [
        ("people/ahmad-shah-massoud/", "Ahmad Shah Massoud"),
        ("glossary/#nrf", "NRF"),
    ]


def test_a_shorter_alias_is_not_found_inside_a_longer_name(site: Site) -> None:
    page = link(site, "<p>Ahmad Shah Massoud was a commander.</p>")
    assert page.mentions == [("people/ahmad-shah-massoud/", "Ahmad Shah Massoud")]


def test_names_in_links_and_headings_are_left_alone(site: Site) -> None:
    page = link(
        site,
        '<h2>Ahmad Massoud and the NRF</h2><p><a href="x/">Ahmad Massoud</a> '
        "spoke for the NRF.</p><p>Ahmad Massoud again.</p>",
    )
    # the heading is not linked; the existing link already is the first mention of Massoud
    assert [(href, text) for href, text, _ in page.links] == [
        ("x/", "Ahmad Massoud"),
        ("glossary/#nrf", "NRF"),
    ]
    assert all("h2" not in enclosing for _, _, enclosing in page.links)


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "&#39;", "&#x27;"])
def test_possessives_link_the_name(site: Site, apostrophe: str) -> None:
    page = link(site, f"<p>Massoud{apostrophe}s forces held.</p>")
    assert page.mentions == [("people/ahmad-massoud/", "Massoud")]


def test_a_name_at_the_start_and_at_the_end_of_a_paragraph(site: Site) -> None:
    page = link(site, "<p>Panjshir Valley fighters backed Ahmad Massoud</p>\n<p>NRF</p>")
    assert page.mentions == [
        ("places/panjshir-valley/", "Panjshir Valley"),
        ("people/ahmad-massoud/", "Ahmad Massoud"),
        ("glossary/#nrf", "NRF"),
    ]


def test_html_special_characters_survive(site: Site) -> None:
    body = (
        "<p>AT&amp;T &lt;b&gt; said &quot;Ahmad Massoud&quot; &amp; the NRF &lt;3 "
        "Panjshir Valley&#8217;s people.</p>"
    )
    page = link(site, body)
    assert page.mentions == [
        ("people/ahmad-massoud/", "Ahmad Massoud"),
        ("glossary/#nrf", "NRF"),
        ("places/panjshir-valley/", "Panjshir Valley"),
    ]
    assert 'AT&T <b> said "Ahmad Massoud" & the NRF <3 Panjshir Valley\u2019s' in "".join(page.text)


def test_names_across_a_line_break_are_found(site: Site) -> None:
    page = link(site, "<p>His son Ahmad\nMassoud spoke.</p>")
    assert page.mentions == [("people/ahmad-massoud/", "Ahmad\nMassoud")]


def test_whole_words_only(site: Site) -> None:
    page = link(site, "<p>Massoudi, NRFs, anti-NRF groups and NRF-led units.</p>")
    assert page.mentions == []


def test_case_rules(site: Site) -> None:
    # First letter free (headword "Civil war" is found in "a civil war"); the rest as written;
    # abbreviations exactly.
    page = link(site, "<p>nrf and Nrf are not it, panjshir valley neither; a civil war is.</p>")
    assert page.mentions == [("glossary/#civil-war", "civil war")]


@pytest.mark.parametrize("wrapper", ["code", "pre", "nav", "header", "footer", "button"])
def test_code_and_page_chrome_are_skipped(site: Site, wrapper: str) -> None:
    page = link(site, f"<{wrapper}>Ahmad Massoud</{wrapper}><p>Ahmad Massoud</p>")
    assert [enclosing[-1] for _, _, enclosing in page.links] == ["p"]


def test_script_and_style_are_skipped(site: Site) -> None:
    body = (
        "<script>var s = '<p>Ahmad Massoud</p>';</script><style>/* NRF */</style>"
        "<p>Ahmad Massoud and the NRF</p>"
    )
    linked = link_mentions(f"<main>{body}</main>", "/", site)
    assert linked.startswith(
        "<main><script>var s = '<p>Ahmad Massoud</p>';</script><style>/* NRF */</style><p>"
    )
    assert Parsed(linked).mentions == [("people/ahmad-massoud/", "Ahmad Massoud"), ("glossary/#nrf", "NRF")]


def test_only_main_is_linked(site: Site) -> None:
    page = link(site, "<p>Nothing to see.</p>")
    assert page.mentions == []  # header and footer both name items


def test_an_item_is_not_linked_on_its_own_page(site: Site) -> None:
    page = link(
        site,
        "<p>Ahmad Massoud, son of Ahmad Shah Massoud. Massoud said.</p>",
        page_url="/people/ahmad-massoud/",
    )
    assert page.mentions == [("../ahmad-shah-massoud/", "Ahmad Shah Massoud")]


def test_a_glossary_link_carries_its_definition(site: Site) -> None:
    page = link(site, "<p>The NRF fights.</p>", page_url="/places/panjshir-valley/")
    assert page.mentions == [("../../glossary/#nrf", "NRF")]
    tip_id = page.described_by["../../glossary/#nrf"]
    assert page.tips[tip_id] == "An armed group <resisting> the Taliban & others."


# --- switches and errors, through real builds ------------------------------------------------


def mention_links(out_dir: Path, page: str) -> list[tuple[str, str]]:
    return Parsed((out_dir / page).read_text(encoding="utf-8")).mention_links


HOME = "---\ntitle: Home\n{extra}---\nAhmad Massoud leads the NRF.\n"


@pytest.mark.parametrize(
    ("site_yaml", "page", "linked"),
    [
        ("", "", True),
        ("mentions: false\n", "", False),
        ("", "mentions: false\n", False),
    ],
)
def test_mentions_can_be_turned_off(tmp_path: Path, site_yaml: str, page: str, linked: bool) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            **PEOPLE,
            "content/site.yaml": SMALL_PROJECT["content/site.yaml"] + site_yaml,
            "content/pages/index.md": HOME.format(extra=page),
        },
    )
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 0, result.stderr
    found = mention_links(tmp_path / "public", "index.html")
    assert found == ([("people/ahmad-massoud/", "Ahmad Massoud"), ("glossary/#nrf", "NRF")] if linked else [])


def test_the_same_alias_on_two_items_is_an_error_naming_both_files(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            **PEOPLE,
            "content/people/ahmad-shah-massoud.md": (
                "---\nname: Ahmad Shah Massoud\nrole: Commander\nsummary: The father.\n"
                "aliases: [massoud]\n---\n"
            ),
        },
    )
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 1
    assert (
        "content/people/ahmad-shah-massoud.md:5:1: 'massoud' (aliases) is also an alias of "
        "content/people/ahmad-massoud.md: a mention of it could link to either, so keep it on "
        "one of them only"
    ) in result.stderr.splitlines()
    with pytest.raises(BuildFailed):
        load_site(root, {})


# --- in a real browser -----------------------------------------------------------------------


def test_glossary_links_in_chromiums_accessibility_tree(tmp_path: Path, browser: Browser) -> None:
    root = write_files(
        tmp_path / "project", {**SMALL_PROJECT, **PEOPLE, "content/pages/index.md": HOME.format(extra="")}
    )
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    definition = "An armed group <resisting> the Taliban & others."
    page = browser.new_page()
    page.goto((out_dir / "index.html").as_uri())
    tip = page.get_by_role("tooltip", include_hidden=True)
    assert tip.count() == 1 and not tip.is_visible()

    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    links = [
        node
        for node in nodes
        if node.get("role", {}).get("value") == "link" and node.get("name", {}).get("value") == "NRF"
    ]
    assert len(links) == 1
    assert links[0]["description"]["value"] == definition
    assert not links[0].get("ignored")
    # the hidden tooltip is not read out a second time as page text
    assert not any(
        definition in node.get("name", {}).get("value", "")
        for node in nodes
        if node.get("role", {}).get("value") == "StaticText"
    )

    link = page.get_by_role("link", name="NRF")
    for _ in range(30):  # keyboard only: Tab until the glossary link has focus
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    assert link.evaluate("element => element === document.activeElement")
    assert tip.is_visible() and tip.inner_text() == definition
    page.keyboard.press("Tab")
    assert not tip.is_visible()
    link.hover()
    assert tip.is_visible()
    page.close()
