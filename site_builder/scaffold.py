"""`site-builder new`: an example explainer that builds as it stands, or one new content file
with every field of its kind.

Which fields a file has, in which order, and the one-line comment above each come from the
schemas in validate (SCHEMAS, COMMON, SITE_SCHEMA); this module supplies only values: the
example story, the placeholders of a new file and an example for each optional field.
Each value is YAML text, written as an author would write it.
"""

from __future__ import annotations

import shlex
from dataclasses import field
from pathlib import Path

from .errors import EnvironmentFailure, UsageError, did_you_mean
from .records import frozen
from .sections import RESERVED_SLUGS
from .validate import COMMON, SCHEMAS, SITE_SCHEMA, SLUG_RE
from .validate.fields import Field, suggest_slug

KIND_NAMES: dict[str, str] = {
    **{kind: kind for kind in SCHEMAS},
    "person": "people",
    "place": "places",
    "figure": "figures",
    "event": "events",
    "term": "glossary",
    "page": "pages",
    "source": "sources",
}
"""What `new KIND SLUG` accepts as KIND, plural or singular -> the content folder."""

REQUIRED_IN_PRACTICE: dict[str, tuple[str, ...]] = {"events": ("date",)}
"""Optional in the schema only because a span gives `start` instead."""

OPTIONAL_HINT = "# Optional: to use a field, remove the '# ' in front of it."

# --- the example story: a made-up flood in a made-up town ----------------------------------

SOURCE = "flood-notice"
PERSON, PLACE, FIGURE, EVENT, TERM = (
    "mara-quill",
    "wrenmouth",
    "homes-flooded",
    "wren-floods",
    "town-council",
)

SITE_VALUES = {
    "title": '"Wrenmouth floods: an example explainer"',
    "description": "A made-up flood in a made-up town, to replace with your own story.",
    "language": "en",
    "default_source": SOURCE,
}
SITE_EXAMPLES = {
    "languages": "[en, fr]",
    "require_translations": "true",
    "base_url": "https://news.example.org/explainers/wrenmouth/",
    "cname": "news.example.org",
    "mentions": "false",
    "raw_html": "true",
    "search": "true",
    "social_cards": "false",
    "embeds": "false",
    "embed_origins": "[https://news.example.org, https://www.example.com]",
    "max_file_mb": "5",
    "max_image_mb": "25",
    "max_image_megapixels": "60",
}

SOURCE_TEXT = """\
[PLACEHOLDER: a made-up press release about a made-up town, here so that this example
explainer builds. Replace this whole text with the verbatim text of your own source.]

WRENMOUTH TOWN COUNCIL - PRESS RELEASE

Flood defences to be reviewed after the River Wren bursts its banks

The River Wren burst its banks in the early hours of Saturday, flooding 214 homes in the
lower town. "The water rose 1.8 metres in under six hours," said Mayor Mara Quill, who visited
the emergency shelter at the Corn Exchange on Sunday. "Nobody in Wrenmouth has seen anything
like it, and we will not let it happen again."

The Wren Valley Flood Board, which looks after the embankments along the river, said its
gauges had recorded the highest level since records began. The council will ask the board to
review every flood defence in the town before the winter.
"""

HOME_TEXT = """\
**This is a made-up example.** Wrenmouth, its river, its mayor and its flood do not exist: they
are here so that the site builds from the first minute. Replace each file in `content/` with
your own story, keeping the shape, and run `site-builder check` as you go.

The River Wren burst its banks in March 2025 ([[wren-floods]]), flooding
[[homes-flooded|214 homes]] in [[wrenmouth]]. [[mara-quill]], the mayor, promised it would not
happen again, and [[town-council]] will ask for every flood defence to be reviewed.

The [[timeline]] puts what happened in order.
"""

ABOUT_TEXT = """\
Who made this explainer, how, and how to reach the newsroom: a placeholder to replace with your
own words.

A free page like this one is listed in the site's footer by itself; `nav` and `weight` in its
front matter move it to the header, hide it or reorder it.
"""

# --- a new file: placeholders for required fields, examples for optional ones ---------------
# Examples that name other items name the example story's, so that in a project started with
# `site-builder new DIR` every optional line can be uncommented as it stands.

COMMON_EXAMPLES = {
    "updated": "2025-03-12",
    "corrections": '[{date: 2025-03-12, text: "An earlier version gave the wrong day."}]',
    "draft": "true",
    "embargo": "2026-12-03T09:00:00+00:00",
    "redirect_from": "[its-old-slug]",
    # a picture is a file in content/media/ with a sidecar (docs/content.md, Images): the
    # example explainer ships this one, a drawing, so that the lines work as they stand
    "image": "media/flood.svg",
    "image_alt": "The lower town under water, drawn from the bridge",
    "image_caption": "The lower town on Saturday morning (a drawing).",
}

EXAMPLE_PICTURE = "content/media/flood.svg"
EXAMPLE_PICTURE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
<rect width="640" height="360" fill="#c9d6df"/>
<path fill="#7a5c4f"
 d="M40 230V150l60-45 60 45v80zM250 230V130l70-55 70 55v100zM470 230V160l55-40 55 40v70z"/>
<path d="M0 215q40-14 80 0t80 0 80 0 80 0 80 0 80 0 80 0 80 0V360H0z" fill="#3e6a8a"/>
</svg>
"""
EXAMPLE_PICTURE_SIDECAR = """\
# PLACEHOLDER: a made-up picture for the made-up story. Replace it with your own.
# What the picture shows, for someone who cannot see it:
alt: A drawing of three houses standing in floodwater under a grey sky
# Who made it, and for whom:
credit: site-builder example drawing
license: CC0 (public domain)
"""

NEW_VALUES: dict[str, dict[str, str]] = {
    "sources": {
        "title": "Headline or title of the source",
        "publisher": "Publisher name",
        "date": "2025-03-10",
        "url": "https://example.org/news/the-article",
        "language": "en",
    },
    "pages": {
        "title": "Page title",
        "summary": "One line for search engines and link previews.",
        "mentions": "false",
        "nav": "header",
        "weight": "10",
    },
    "people": {
        "name": "Firstname Lastname",
        "role": "What they are in this story",
        "summary": "One line on who they are.",
        "aliases": "[Another Name]",
        "age": "52",
        "affiliations": f"[{TERM}]",
        "relations": f"[{{person: {PERSON}, label: colleague of}}]",
        "quotes": '[{text: "The water rose 1.8 metres in under six hours", '
        f"context: at the emergency shelter, source: {SOURCE}}}]",
        "quote": '"the mayor of Wrenmouth"',
        "source": SOURCE,
        "featured": "true",
        "weight": "10",
    },
    "places": {
        "name": "Place name",
        "kind": "town",
        "summary": "One line on why it matters to the story.",
        "aliases": "[Another Name]",
        "part_of": PLACE,
        "coordinates": "[52.5, -1.5]",
        "quote": '"the market town of Wrenmouth"',
        "source": SOURCE,
        "featured": "true",
        "weight": "10",
    },
    "figures": {
        "label": "What the number counts",
        "value": "100",
        "unit": "people",
        "quote": '"The source\'s own words stating the number: some 100 people were there"',
        "display": '"100"',
        "qualifier": "more than",
        "as_of": "2025-03",
        "attribution": "the town council",
        "source": SOURCE,
        "people": f"[{PERSON}]",
        "places": f"[{PLACE}]",
        "terms": f"[{TERM}]",
        "featured": "true",
        "weight": "10",
    },
    "events": {
        "title": "What happened",
        "date": "2025-03-08",
        "summary": "One or two sentences on what happened.",
        "start": "2025-03-08",
        "end": "2025-03-09",
        "time": '"19:00"',
        "approximate": "true",
        "after": f"[{EVENT}]",
        "attribution": "the town council",
        "people": f"[{PERSON}]",
        "places": f"[{PLACE}]",
        "terms": f"[{TERM}]",
        "quote": '"The River Wren burst its banks in the early hours of Saturday"',
        "source": SOURCE,
        "featured": "true",
        "weight": "10",
    },
    "glossary": {
        "term": "The term in full",
        "definition": "One or two sentences saying what it means.",
        "short": "One neutral line, shown when a reader hovers over a mention.",
        "quote": '"the council, which runs the town"',
        "abbr": "ABC",
        "aliases": "[another name]",
        "category": "organization",
        "see_also": f"[{TERM}]",
        "source": SOURCE,
        "weight": "10",
    },
}

NEW_BODIES = {
    "sources": "Paste the full text of the source here, verbatim: every quote and figure is "
    "checked against it.\nIt is never published whole.\n",
    "pages": "Write the page here, in Markdown. To link to an item, put its slug in double "
    "square brackets.\n",
}
NEW_BODY = (
    "Optional: more about it, in Markdown. To link to an item, put its slug in double square brackets.\n"
)


@frozen
class ExampleFile:
    """One content file of the example explainer."""

    kind: str
    slug: str
    values: dict[str, str]
    """The fields written out, in schema order."""
    commented: dict[str, str] = field(default_factory=dict)
    """Fields shown commented out (the rest of the kind's fields, when `every_field`)."""
    body: str = ""
    every_field: bool = True
    """Show every field of the kind: those not in values commented out, with an example."""
    note: str = ""
    """A comment at the top of the front matter."""


EXAMPLE_FILES: tuple[ExampleFile, ...] = (
    ExampleFile(
        "sources",
        SOURCE,
        {
            "title": "Flood defences to be reviewed after the River Wren bursts its banks",
            "publisher": "Wrenmouth Town Council",
            "date": "2025-03-10",
        },
        {"url": "https://example.org/wrenmouth/press/flood-defences"},
        body=SOURCE_TEXT,
        note="PLACEHOLDER: a made-up source. Replace it with your own, pasted verbatim.",
    ),
    ExampleFile(
        "pages",
        "index",
        {
            "title": "What happened in Wrenmouth",
            "summary": "The River Wren flooded a made-up town. Who, where, what and when.",
        },
        body=HOME_TEXT,
        every_field=False,
        note="The home page: its body comes first, then who's who, key figures and events.",
    ),
    ExampleFile(
        "pages",
        "about",
        {
            "title": "About this explainer",
            "summary": "Who made this explainer, and how.",
            "nav": "footer",
            "weight": "1",
        },
        body=ABOUT_TEXT,
        every_field=False,
    ),
    ExampleFile(
        "people",
        PERSON,
        {
            "name": "Mara Quill",
            "role": "Mayor of Wrenmouth",
            "summary": "The mayor of the made-up town, who promised it would not flood again.",
            "aliases": "[Mayor Quill]",
            "affiliations": f"[{TERM}]",
            "quotes": '\n  - text: "The water rose 1.8 metres in under six hours"'
            "\n    context: at the emergency shelter in the Corn Exchange",
        },
        {"relations": "[{person: another-person, label: sister of}]"},
    ),
    ExampleFile(
        "places",
        PLACE,
        {
            "name": "Wrenmouth",
            "kind": "town",
            "summary": "A made-up market town on the River Wren, flooded in March 2025.",
            "image": "media/flood.svg",
        },
        {"part_of": "wren-valley"},
    ),
    ExampleFile(
        "figures",
        FIGURE,
        {
            "label": "Homes flooded in the lower town",
            "value": "214",
            "unit": "homes",
            "as_of": "2025-03",
            "attribution": "Wrenmouth Town Council",
            "quote": '"flooding 214 homes in the lower town"',
            "places": f"[{PLACE}]",
            "featured": "true",
        },
        {"display": '"214"'},
    ),
    ExampleFile(
        "events",
        EVENT,
        {
            "title": "The River Wren bursts its banks",
            "date": "2025-03-08",
            "summary": "Overnight, the river floods 214 homes in the lower town of Wrenmouth.",
            "approximate": "true",
            "people": f"[{PERSON}]",
            "places": f"[{PLACE}]",
            "quote": '"The River Wren burst its banks in the early hours of Saturday"',
        },
        {"time": '"04:30"'},
    ),
    ExampleFile(
        "glossary",
        TERM,
        {
            "term": "Wrenmouth Town Council",
            "definition": "The elected council that runs the made-up town of Wrenmouth.",
            "aliases": "[the council]",
            "category": "organization",
        },
        {"abbr": "WTC", "see_also": "[flood-board]"},
    ),
)


# --- writing YAML front matter from a schema -------------------------------------------------


def field_lines(key: str, spec: Field, value: str, commented: bool) -> list[str]:
    """A field with its doc comment above it; a commented-out field has '# ' on every line."""
    first, *rest = value.split("\n")
    lines = [f"{key}: {first}" if first else f"{key}:", *rest]
    prefix = "# " if commented else ""
    return [f"# {spec.doc}", *(prefix + line for line in lines)]


def example_file_text(example: ExampleFile) -> str:
    """The text of one file of the example explainer."""
    schema = {**SCHEMAS[example.kind][1], **COMMON}
    examples = {**NEW_VALUES[example.kind], **COMMON_EXAMPLES, **example.commented}
    lines = [f"# {example.note}"] if example.note else []
    for key, spec in schema.items():
        if key in example.values:
            lines += field_lines(key, spec, example.values[key], commented=False)
        elif example.every_field or key in example.commented:
            lines += field_lines(key, spec, examples[key], commented=True)
    return "---\n" + "\n".join(lines) + "\n---\n" + example.body


def site_yaml_text() -> str:
    """content/site.yaml of the example explainer: the usual keys set, the others commented."""
    lines: list[str] = []
    for key, spec in SITE_SCHEMA.items():
        if key in SITE_VALUES:
            lines += field_lines(key, spec, SITE_VALUES[key], commented=False)
        else:
            lines += field_lines(key, spec, SITE_EXAMPLES[key], commented=True)
    return "\n".join(lines) + "\n"


def example_files() -> dict[str, str]:
    """Every file of the example explainer: relative path -> text."""
    files = {"content/site.yaml": site_yaml_text()}
    for example in EXAMPLE_FILES:
        files[f"content/{example.kind}/{example.slug}.md"] = example_file_text(example)
    files[EXAMPLE_PICTURE] = EXAMPLE_PICTURE_SVG
    files[f"{EXAMPLE_PICTURE}.yaml"] = EXAMPLE_PICTURE_SIDECAR
    return files


def required_fields(kind: str) -> list[str]:
    """The fields a new file of this kind must fill in, in schema order."""
    needed = REQUIRED_IN_PRACTICE.get(kind, ())
    return [key for key, spec in SCHEMAS[kind][1].items() if spec.required or key in needed]


def new_file_text(kind: str) -> str:
    """A new file of this kind: required fields with placeholders, then every optional field
    commented out with an example, each under its one-line doc, then a body placeholder."""
    schema = {**SCHEMAS[kind][1], **COMMON}
    values = {**NEW_VALUES[kind], **COMMON_EXAMPLES}
    required = required_fields(kind)
    lines: list[str] = []
    for key in required:
        lines += field_lines(key, schema[key], values[key], commented=False)
    lines += ["", OPTIONAL_HINT]
    for key, spec in schema.items():
        if key not in required:
            lines += field_lines(key, spec, values[key], commented=True)
    return "---\n" + "\n".join(lines) + "\n---\n" + NEW_BODIES.get(kind, NEW_BODY)


# --- the command -----------------------------------------------------------------------------


def run_new(target: str, slug: str | None, root: Path | None) -> str:
    """`site-builder new DIR` or `new KIND SLUG [--root DIR]`; returns what to tell the user."""
    if slug is not None:
        return create_item(root if root is not None else Path("."), target, slug)
    if root is not None:
        raise UsageError(
            "--root goes with 'new KIND SLUG'; to start an explainer, give its folder: site-builder new DIR"
        )
    if target in KIND_NAMES:
        raise UsageError(
            f"'{target}' is a kind of item: add one with 'site-builder new {target} "
            f"SLUG'; to start an explainer in a folder of that name, "
            f"write it as ./{target}"
        )
    return create_project(Path(target))


def create_project(target: Path) -> str:
    """Write the example explainer into target (created with its parents if missing, refused
    unless empty); returns the files written and the commands to run next."""
    try:
        if target.exists() and not target.is_dir():
            raise UsageError(f"refusing to write into {target}: it is a file")
        if target.is_dir() and any(target.iterdir()):
            raise UsageError(
                f"refusing to write into {target}: it is not empty (choose a new or empty folder)"
            )
        files = example_files()
        for relative, text in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise EnvironmentFailure(f"cannot write into {target}: {e.strerror or e}") from e
    root = shlex.quote(str(target))
    return "\n".join(
        [
            f"wrote an example explainer (a made-up flood in a made-up town) into {target}:",
            *(f"  {relative}" for relative in files),
            "next:",
            f"  site-builder serve --root {root}    # preview it; pages reload as you edit",
            f"  site-builder check --root {root}    # check every field, link and quote",
            "then replace the example with your own story, one file at a time "
            "('site-builder new KIND SLUG --root DIR' adds a file).",
        ]
    )


def create_item(root: Path, kind_name: str, slug: str) -> str:
    """Write ROOT/content/<kind>/<slug>.md with every field of its kind, refusing to overwrite
    anything or to reuse a slug; returns what was written."""
    kind = KIND_NAMES.get(kind_name)
    if kind is None:
        raise UsageError(
            f"unknown kind '{kind_name}'{did_you_mean(kind_name, KIND_NAMES)}: "
            f"use one of {', '.join(SCHEMAS)} (or person, place, figure, event, "
            "term, page, source)"
        )
    if not SLUG_RE.fullmatch(slug):
        raise UsageError(
            f"'{slug}' is not a valid slug: use lowercase letters a-z, digits and "
            f"single hyphens, like '{suggest_slug(slug, 'flood-defences')}'"
        )
    if slug in RESERVED_SLUGS:
        raise UsageError(f"'{slug}' is taken by a section the site builds (/{slug}/): choose another slug")
    content = root / "content"
    if not content.is_dir():
        raise UsageError(
            f"{content} does not exist: --root must hold a content/ folder "
            "(start an explainer with 'site-builder new DIR')"
        )
    path = content / kind / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path} already exists; refusing to overwrite it")
    taken = sorted(content.glob(f"*/{slug}.md"))
    if taken:
        raise UsageError(
            f"slug '{slug}' is already used by {taken[0]} (slugs are shared by "
            "all kinds, so [[links]] stay unambiguous)"
        )
    try:
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(new_file_text(kind))
    except OSError as e:
        raise EnvironmentFailure(f"cannot write {path}: {e.strerror or e}") from e
    return (
        f"wrote {path}\nfill in the fields at the top, uncomment the optional ones you need, "
        f"then run: site-builder check --root {shlex.quote(str(root))}"
    )
