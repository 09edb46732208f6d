"""A proposed content file, before and after its references are turned into slugs."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ..records import frozen


@frozen
class Ref:
    """A reference by name to another item (a proposal's or an existing one), made a slug once
    every proposal is known and those matching existing items are dropped."""

    kind: str
    name: str


@frozen
class Proposal:
    """One proposed item: its kind, its front-matter fields and the source line it comes from."""

    kind: str
    """The content folder: people, places, figures, events or glossary."""
    slug: str
    fields: dict[str, Any]
    """Front-matter values: text, numbers, lists, and Refs (or lists of them) to resolve."""
    line: int
    """File line of the source that the proposal comes from."""
    words: str
    """The source words it comes from, shown in the file's comment and the dry-run table."""
    names: tuple[str, ...] = field(default=())
    """Its name, aliases and abbreviation: what an existing item may already be called."""

    @property
    def title(self) -> str:
        """What the proposal is called in tables: its name, label or title."""
        for key in ("name", "term", "title", "label"):
            if key in self.fields:
                return str(self.fields[key])
        return self.slug
