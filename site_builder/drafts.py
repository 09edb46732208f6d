"""Drafts and embargo: which items a build publishes, decided once, before linking.

A draft (`draft: true`) or an item under embargo (`embargo:` in the future) is left out of the
site entirely, so no page, list, feed or index can show it; `--drafts` and serve keep it, marked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .errors import UsageError
from .records import frozen

if TYPE_CHECKING:  # the model is not imported by a no-change rebuild (uptodate.py)
    from .model import Item


def build_moment(now: str | None = None) -> datetime:
    """The moment embargoes are judged against: `--now`, else SOURCE_DATE_EPOCH, else the clock.

    SOURCE_DATE_EPOCH makes a scheduled build reproducible: the same inputs and the same epoch
    publish the same items."""
    if now:
        try:
            return parse_moment(now)
        except ValueError as e:
            raise UsageError(f"--now: {e}, like 2026-12-03T09:00:00+00:00") from e
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError) as e:
            raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}") from e
    return datetime.now(UTC)


def parse_moment(text: str) -> datetime:
    """ISO 8601 date-time with a zone ('Z' or +HH:MM); raises ValueError saying what is wrong."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date-time: write the date, 'T', the time and the time zone"
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no time zone: add one (+00:00 for UTC)")
    return moment


def is_withheld(item: Item, moment: datetime) -> bool:
    """A draft, or under embargo at `moment`."""
    return withheld_at(item.draft, item.embargo, moment)


def withheld_at(draft: bool, embargo: datetime | None, moment: datetime) -> bool:
    """is_withheld for an item known only by its draft flag and embargo (build's stamp)."""
    return draft or (embargo is not None and moment < embargo)


def split_drafts(items: Iterable[Item], moment: datetime) -> tuple[list[Item], list[Item]]:
    """(items to publish, items withheld as drafts or under embargo)."""
    published: list[Item] = []
    withheld: list[Item] = []
    for item in items:
        (withheld if is_withheld(item, moment) else published).append(item)
    return published, withheld


@frozen(eq=False, repr=False)
class Selection:
    """What one build publishes, and what it holds back."""

    items: list[Item]
    """The items to link and render."""
    withheld: dict[str, Item]
    """Slug -> draft or embargoed item left out (a reference to one is an error)."""
    drafts: frozenset[str]
    """Slugs of drafts built anyway (`--drafts`, serve), to be marked as such."""


def select_items(items: list[Item], include_drafts: bool, moment: datetime) -> Selection:
    """Leave drafts and embargoed items out, or keep them marked when drafts are included."""
    published, withheld = split_drafts(items, moment)
    if include_drafts:
        return Selection(items, {}, frozenset(item.slug for item in withheld))
    return Selection(published, {item.slug: item for item in withheld}, frozenset())
