"""A deterministic synthetic explainer of N items, and the same bodies as plain Markdown for peers.

The explainer uses every feature the content model has (all kinds, [[links]], aliases, every date
form, quotes taken verbatim from one generated source, figures whose quote holds their number), so
timing it times the real engine, not a happy path. The plain copy has the same bodies with
[[links]] turned into ordinary Markdown links and only a `title` in the front matter.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = (
    "ka",
    "ri",
    "mo",
    "na",
    "zu",
    "le",
    "ta",
    "bo",
    "si",
    "de",
    "fa",
    "ro",
    "mi",
    "ga",
    "lu",
    "ne",
    "pa",
    "shi",
    "to",
    "va",
)
FIRST_NAMES = (
    "Ada",
    "Bilal",
    "Chen",
    "Dara",
    "Emil",
    "Farah",
    "Gul",
    "Hamid",
    "Ines",
    "Javed",
    "Karim",
    "Laila",
    "Malik",
    "Nadia",
    "Omar",
    "Parwin",
    "Qasim",
    "Rana",
    "Samir",
    "Tahmina",
    "Umar",
    "Vida",
    "Wali",
    "Yasmin",
    "Zahir",
)
WORDS = (
    "valley",
    "road",
    "river",
    "supply",
    "talks",
    "ceasefire",
    "council",
    "fighters",
    "winter",
    "pass",
    "villages",
    "aid",
    "convoy",
    "radio",
    "statement",
    "province",
    "district",
    "market",
    "bridge",
    "elders",
    "commander",
    "front",
    "mountains",
    "report",
    "negotiations",
    "harvest",
    "checkpoint",
    "border",
    "refugees",
    "envoy",
)
PLACE_KINDS = ("valley", "province", "town", "district", "village", "pass")
CATEGORIES = ("organization", "concept", "event", "law")
UNITS = ("people", "days", "miles", "vehicles")
KIND_SHARES = (("people", 0.25), ("places", 0.15), ("figures", 0.15), ("events", 0.25), ("glossary", 0.15))
"""Share of the N items per kind; the rest are free pages (the home page is always one)."""
SECTION_URL = {
    "people": "/people/{}/",
    "places": "/places/{}/",
    "figures": "/figures/#{}",
    "events": "/timeline/#{}",
    "glossary": "/glossary/#{}",
    "pages": "/{}/",
}
WIKILINK_RE = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]*))?\]\]")


@dataclass(frozen=True, slots=True)
class Item:
    """One generated item: where it goes, its front matter (YAML text) and its Markdown body."""

    kind: str
    slug: str
    title: str
    front_matter: str
    body: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """The generated explainer: its items (source and home page included) and site.yaml."""

    items: tuple[Item, ...]
    site_yaml: str


def coined_word(index: int) -> str:
    """A pronounceable word unique to index (four syllables in base 20), e.g. 'Karimona'."""
    syllables = []
    for _ in range(4):
        index, digit = divmod(index, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return "".join(syllables).capitalize()


def slugify(text: str) -> str:
    """The slug of a generated name (names are ASCII letters and spaces only)."""
    return "-".join(text.lower().split())


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (generated text has no backslashes or double quotes)."""
    return f'"{text}"'


def kind_counts(total: int) -> dict[str, int]:
    """Items per kind for a corpus of `total` items: one source, at least one of each kind."""
    counts = {kind: max(1, int(total * share)) for kind, share in KIND_SHARES}
    counts["pages"] = max(1, total - 1 - sum(counts.values()))
    return counts


def make_corpus(total: int, seed: int = 7) -> Corpus:
    """The explainer of `total` items; the same total and seed always give the same bytes."""
    rng = random.Random(seed)
    counts = kind_counts(total)
    people = [f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {coined_word(i)}" for i in range(counts["people"])]
    places = [f"{coined_word(40_000 + i)}abad" for i in range(counts["places"])]
    terms = [f"{coined_word(80_000 + i)} Front" for i in range(counts["glossary"])]
    slugs = {
        "people": [slugify(name) for name in people],
        "places": [slugify(name) for name in places],
        "glossary": [slugify(term) for term in terms],
        "figures": [f"figure-{i + 1}" for i in range(counts["figures"])],
        "events": [f"event-{i + 1}" for i in range(counts["events"])],
        "pages": ["index", *(f"page-{i + 1}" for i in range(counts["pages"] - 1))],
    }
    every_slug = [slug for kind_slugs in slugs.values() for slug in kind_slugs]
    quotes: list[str] = []
    items: list[Item] = []

    def new_quote(text: str) -> str:
        quotes.append(text)
        return text

    def body(own_slug: str, topic: str) -> str:
        return make_body(rng, own_slug, topic, every_slug)

    for i, name in enumerate(people):
        slug, term, place = slugs["people"][i], terms[i % len(terms)], places[i % len(places)]
        said = f"The {WORDS[i % len(WORDS)]} of {place} will hold, said {name} in statement {i + 1}"
        lines = [
            f"name: {name}",
            f"role: Spokesman for the {term}",
            f"summary: {quoted(f'{name} speaks for the {term} in {place}.')}",
            f"aliases: [{name.split()[1]}]",
            f"age: {25 + i % 50}",
            f"affiliations: [{slugs['glossary'][i % len(terms)]}]",
        ]
        if i > 0:
            lines += ["relations:", f"  - person: {slugs['people'][i - 1]}", "    label: colleague of"]
        lines += ["quotes:", f"  - text: {quoted(new_quote(said))}", "    context: speaking to the radio"]
        if i < 3:  # the home page's who's who: a few featured people, by weight
            lines += ["featured: true", f"weight: {3 - i}"]
        items.append(Item("people", slug, name, "\n".join(lines), body(slug, name)))

    for i, name in enumerate(places):
        slug = slugs["places"][i]
        lines = [
            f"name: {name}",
            f"kind: {PLACE_KINDS[i % len(PLACE_KINDS)]}",
            f"summary: {quoted(f'{name} is a {PLACE_KINDS[i % len(PLACE_KINDS)]} in the north.')}",
            f"aliases: [{name} area]",
            f"coordinates: [{33 + (i * 7) % 400 / 100:.2f}, {67 + (i * 13) % 400 / 100:.2f}]",
        ]
        if i > 0:
            lines.append(f"part_of: {slugs['places'][(i - 1) // 4]}")
        items.append(Item("places", slug, name, "\n".join(lines), body(slug, name)))

    for i, slug in enumerate(slugs["figures"]):
        value, unit, word = 100 + (i * 37) % 9_900, UNITS[i % len(UNITS)], WORDS[i % len(WORDS)]
        display = f"{value:,} {unit}"
        label = f"The {WORDS[i % len(WORDS)]} count in {places[i % len(places)]}"
        lines = [
            f"label: {label}",
            f"value: {value}",
            f"unit: {unit}",
            f"display: {display}",
            "qualifier: about",
            f"as_of: {2000 + i % 24}-{1 + i % 12:02d}",
            f"attribution: {people[i % len(people)]}",
            f"quote: {quoted(new_quote(f'the {word} numbered {display} in figure {i + 1}'))}",
            f"people: [{slugs['people'][i % len(people)]}]",
            f"places: [{slugs['places'][i % len(places)]}]",
            f"terms: [{slugs['glossary'][i % len(terms)]}]",
        ]
        if i < 2:
            lines.append("featured: true")
        items.append(Item("figures", slug, label, "\n".join(lines), body(slug, label)))

    for i, slug in enumerate(slugs["events"]):
        place = places[i % len(places)]
        title = f"{WORDS[i % len(WORDS)].capitalize()} meeting {i + 1} in {place}"
        year = 1950 + i % 70
        dates = (
            f"date: {year}",
            f"date: {year}-{1 + i % 12:02d}",
            f"date: {year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            f"date: {year - year % 10}s",
            f"start: {year}-{1 + i % 12:02d}-01\nend: {year + 1}-{1 + i % 12:02d}",
        )
        lines = [
            f"title: {title}",
            dates[i % len(dates)],
            f"summary: {quoted(f'{people[i % len(people)]} met elders in {places[i % len(places)]}.')}",
            f"people: [{slugs['people'][i % len(people)]}]",
            f"places: [{slugs['places'][i % len(places)]}]",
            f"terms: [{slugs['glossary'][i % len(terms)]}]",
            f"quote: {quoted(new_quote(f'Elders met in {place} at meeting {i + 1}'))}",
        ]
        if i % 3 == 0:
            lines.append("approximate: true")
        if i % len(dates) == 2:  # a full date: some happen at a stated time
            lines.append(f'time: "{9 + i % 12:02d}:30"')
        items.append(Item("events", slug, title, "\n".join(lines), body(slug, title)))

    for i, term in enumerate(terms):
        slug = slugs["glossary"][i]
        lines = [
            f"term: {term}",
            f"abbr: F{i + 1}",
            f"definition: {quoted(f'The {term} is an armed group of the {WORDS[i % len(WORDS)]}.')}",
            f"aliases: [the {term.split()[0]} group]",
            f"category: {CATEGORIES[i % len(CATEGORIES)]}",
        ]
        if i > 0:
            lines.append(f"see_also: [{slugs['glossary'][i - 1]}]")
        items.append(Item("glossary", slug, term, "\n".join(lines), body(slug, term)))

    for i, slug in enumerate(slugs["pages"]):
        title = "Synthetic explainer" if slug == "index" else f"Background {i}"
        lines = [f"title: {title}", f"summary: {quoted(f'{title}, generated for the benchmark.')}"]
        if slug != "index":  # one page in the header, one in the footer (the default), the rest
            # only linked to, as in an explainer: no footer should list hundreds of pages
            lines += {1: ["nav: header", "weight: 1"], 2: []}.get(i, ["nav: none"])
        items.append(Item("pages", slug, title, "\n".join(lines), body(slug, title)))

    source_text = "\n\n".join(f"{quote}, the article said." for quote in quotes)
    items.insert(
        0,
        Item(
            "sources",
            "article",
            "The generated article",
            "title: The generated article\npublisher: Bench News\ndate: 2021-09",
            source_text + "\n",
        ),
    )
    site_yaml = (
        "title: Synthetic explainer\n"
        "description: A generated explainer for timing site-builder.\n"
        "language: en\nbase_url: https://bench.example.org/explainer/\n"
        "default_source: article\n"
    )
    return Corpus(tuple(items), site_yaml)


def make_body(rng: random.Random, own_slug: str, topic: str, every_slug: list[str]) -> str:
    """Three paragraphs of about 200 words with [[links]], emphasis and sometimes a list."""
    paragraphs = []
    for number in range(3):
        words = [rng.choice(WORDS) for _ in range(55)]
        for position in (12, 30, 45):
            target = rng.choice(every_slug)
            while target == own_slug:
                target = rng.choice(every_slug)
            custom = f"|the {words[position]}" if position == 30 else ""
            words[position] = f"[[{target}{custom}]]"
        words[5] = f"**{words[5]}**"
        paragraphs.append(f"{topic} " + " ".join(words) + ".")
        if number == 1 and rng.random() < 0.5:
            paragraphs.append("\n".join(f"- {rng.choice(WORDS)} and {rng.choice(WORDS)}" for _ in range(3)))
    paragraphs.insert(2, "## Background")
    return "\n\n".join(paragraphs) + "\n"


def plain_body(body: str, urls: dict[str, tuple[str, str]]) -> str:
    """The body with [[slug]] / [[slug|text]] as plain Markdown links, for the peers."""

    def replace(match: re.Match[str]) -> str:
        url, name = urls[match[1]]
        return f"[{match[2] or name}]({url})"

    return WIKILINK_RE.sub(replace, body)


def page_items(corpus: Corpus) -> Iterator[Item]:
    """Items the peers publish (sources are evidence, never pages)."""
    return (item for item in corpus.items if item.kind != "sources")


def write_corpus(corpus: Corpus, project: Path, plain: Path) -> None:
    """The site-builder project under `project`, the plain Markdown copy under `plain`."""
    content = project / "content"
    urls = {
        item.slug: (SECTION_URL.get(item.kind, "/{}/").format(item.slug), item.title) for item in corpus.items
    }
    urls["index"] = ("/", urls["index"][1])
    (content).mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(corpus.site_yaml, "utf-8")
    for item in corpus.items:
        path = content / item.kind / f"{item.slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\n{item.front_matter}\n---\n{item.body}", "utf-8")
    for item in page_items(corpus):
        path = plain / item.kind / f"{item.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {quoted(item.title)}\n---\n{plain_body(item.body, urls)}", "utf-8")
