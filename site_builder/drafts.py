"""Drafts and embargo: which items a build publishes, decided once, before linking.

A draft (`draft: true`) or an item under embargo (`embargo:` in the future) is left out of the
site entirely, so no page, list, feed or index can show it; `--drafts` and serve keep it, marked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime

from .errors import UsageError
from .model import Item
from .validate.fields import parse_moment


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


def is_withheld(item: Item, moment: datetime) -> bool:
    """A draft, or under embargo at `moment`."""
    return item.draft or (item.embargo is not None and moment < item.embargo)


def split_drafts(items: Iterable[Item], moment: datetime) -> tuple[list[Item], list[Item]]:
    """(items to publish, items withheld as drafts or under embargo)."""
    published: list[Item] = []
    withheld: list[Item] = []
    for item in items:
        (withheld if is_withheld(item, moment) else published).append(item)
    return published, withheld
