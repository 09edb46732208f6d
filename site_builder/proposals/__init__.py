"""`site-builder draft`: content files proposed from a source article, every quote and number
copied from it exactly, so that a producer edits instead of typing.

Rules, not a language model: passages.py cuts the source, names.py finds and sorts names,
people.py, places.py, figures.py and events.py make proposals of each kind, this module puts
them together (references made slugs, candidates an existing item already covers left out),
files.py writes them or prints them. (drafts.py is another concept: what `draft: true` does
to a build.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..model import Event, Figure, Item, Person, Place, Source, Term
from ..provenance.text import normalise
from ..records import frozen
from .candidate import Proposal, Ref
from .events import find_dates, propose_events
from .figures import Attributable, propose_figures
from .names import gather, sort_names
from .passages import read_source
from .people import propose_people
from .places import propose_places, propose_terms

KINDS = ("people", "places", "figures", "events", "glossary")
"""The kinds `draft` proposes, in the order they are written and listed."""


@frozen
class Skipped:
    """A candidate left out because an existing item covers it."""

    proposal: Proposal
    existing: str
    """The existing item's file, as shown to the user."""


@frozen
class Draft:
    """What `draft` proposes from one source, and what it left out."""

    proposals: list[Proposal]
    skipped: list[Skipped]


def propose(source: Source) -> list[Proposal]:
    """Every candidate of every kind in one source, references still by name."""
    reading = read_source(source)
    found = gather(reading)
    names = sort_names(found)
    people, speakers = propose_people(reading, found, names)
    dates = find_dates(reading)
    sayers = Attributable(
        [named.name for named in names.terms],
        {p.title: [p.title, *p.fields.get("aliases", [])] for p in people},
    )
    return [
        *people,
        *propose_places(reading, names),
        *propose_figures(reading, dates, speakers, sayers),
        *propose_events(reading, dates),
        *propose_terms(reading, names),
    ]


def item_names(item: Item) -> list[str]:
    """What an existing item is called: name or term, aliases, abbreviation."""
    if isinstance(item, Person | Place):
        return [item.name, *item.aliases]
    if isinstance(item, Term):
        return [item.term, *item.aliases, *([item.abbr] if item.abbr else [])]
    return []


def covered_by(proposal: Proposal, item: Item) -> bool:
    """Whether an existing item already is this candidate: the same name or alias, or for a
    figure the same value and overlapping quote, for an event overlapping quotes."""
    if proposal.kind in ("people", "places", "glossary"):
        wanted = {name.casefold() for name in proposal.names}
        return any(name.casefold() in wanted for name in item_names(item))
    mine = normalise(str(proposal.fields.get("quote", ""))).text.casefold()
    if isinstance(item, Figure) and proposal.kind == "figures":
        theirs = normalise(item.quote).text.casefold()
        return item.value == proposal.fields["value"] and bool(theirs) and (theirs in mine or mine in theirs)
    if isinstance(item, Event) and proposal.kind == "events":
        theirs = normalise(item.quote).text.casefold()
        return bool(theirs) and (theirs in mine or mine in theirs)
    return False


def draft_source(source: Source, existing: Iterable[Item], taken_slugs: set[str]) -> Draft:
    """The proposals for one source in a project: candidates an existing item covers left out,
    slugs made unique against every file of the project, references made slugs."""
    items = [item for item in existing if item.kind in KINDS]
    kept: list[Proposal] = []
    skipped: list[Skipped] = []
    for proposal in propose(source):
        match = next((item for item in items if covered_by(proposal, item)), None)
        if match is not None:
            skipped.append(Skipped(proposal, match.path))
            continue
        slug = unique_slug(proposal.slug, taken_slugs)
        taken_slugs.add(slug)
        kept.append(replace(proposal, slug=slug))
    index = name_index(kept, items)
    resolved = [resolve(proposal, index) for proposal in kept]
    written = written_names(kept, items)
    return Draft([with_mentions(p, written) for p in resolved], skipped)


def unique_slug(slug: str, taken: set[str]) -> str:
    """The slug, or with -2, -3... when another file has it."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


NameIndex = dict[tuple[str, str], str]
"""(kind, casefolded name or alias) -> slug, for the proposals and the existing items."""


def name_index(proposals: list[Proposal], items: list[Item]) -> NameIndex:
    """Every name a reference may use, proposals first (existing items win on a clash)."""
    index: NameIndex = {}
    for proposal in proposals:
        for name in proposal.names:
            index.setdefault((proposal.kind, name.casefold()), proposal.slug)
    for item in items:
        for name in item_names(item):
            index[(item.kind, name.casefold())] = item.slug
    return index


def resolve(proposal: Proposal, index: NameIndex) -> Proposal:
    """The proposal with each Ref made a slug; a Ref to nothing known is dropped."""

    def slug_of(value: Any) -> Any:
        if isinstance(value, Ref):
            return index.get((value.kind, value.name.casefold()))
        if isinstance(value, list):
            kept = [slug_of(v) for v in value]
            return [v for v in kept if v is not None] or None
        if isinstance(value, dict):
            record = {k: slug_of(v) for k, v in value.items()}
            return None if None in record.values() else record
        return value

    fields = {key: slug_of(value) for key, value in proposal.fields.items()}
    return replace(proposal, fields={key: value for key, value in fields.items() if value is not None})


def written_names(proposals: list[Proposal], items: list[Item]) -> list[tuple[str, str, str]]:
    """(kind, name as written, slug) of every name a quote may mention: the case counts, so
    that `US` is not found in `than us`."""
    names = [(p.kind, name, p.slug) for p in proposals for name in p.names]
    return names + [(item.kind, name, item.slug) for item in items for name in item_names(item)]


def with_mentions(proposal: Proposal, names: list[tuple[str, str, str]]) -> Proposal:
    """A figure or event with the people, places and terms its quote names."""
    if proposal.kind not in ("figures", "events"):
        return proposal
    quote = str(proposal.fields.get("quote", ""))
    fields = dict(proposal.fields)
    for kind, key in (("people", "people"), ("places", "places"), ("glossary", "terms")):
        slugs = [
            slug
            for name_kind, name, slug in names
            if name_kind == kind and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", quote)
        ]
        if slugs:
            fields[key] = list(dict.fromkeys(slugs))
    return replace(proposal, fields=fields)


__all__ = ["KINDS", "Draft", "Proposal", "Skipped", "draft_source", "propose"]
