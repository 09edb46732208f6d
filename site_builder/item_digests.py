"""One digest per item, for the memo keys of what is made from the item alone (its data.json
record, its oembed.json): worked out once per item object, not once per output and build.

An item parsed from a content file is a function of that file's memo key (parse_content
memoises it by that key), so the key is its digest, and no repr of 4,000 items is taken per
build. Any other item (an event dated by `after`, a translated item) is digested by its repr
(every field), once per object; serve's next build finds it again by identity while the
object lives on. Items are frozen, so an object's digest never goes stale.
"""

from __future__ import annotations

from .cache import BuildCache, content_key

LIVE_KEY = ("item digests",)
"""Where BuildCache.live keeps the current build's digests."""


class ItemDigests:
    """Item object -> its digest; calling it on any other value (None) digests its repr."""

    def __init__(self, earlier: ItemDigests | None = None) -> None:
        self.found: dict[int, tuple[object, str]] = {}
        """id(object) -> (the object, kept so that its id is not reused; its digest)."""
        self.earlier = earlier.found if earlier is not None else {}
        """The last build's, looked up by identity (the build before it is let go)."""

    def know(self, value: object, key: str) -> None:
        """`value` is what `key` makes and nothing else does (a memoised parse): its digest."""
        self.found[id(value)] = (value, "file:" + key)

    def of_file(self, value: object) -> str | None:
        """The digest `know` gave `value` in this build, else None (no repr is taken)."""
        found = self.found.get(id(value))
        return found[1] if found is not None and found[1].startswith("file:") else None

    def __call__(self, value: object) -> str:
        found = self.found.get(id(value))
        if found is None:
            found = self.earlier.get(id(value))
            if found is None or found[0] is not value:
                found = (value, "repr:" + content_key(repr(value)))
            self.found[id(value)] = found
        return found[1]


def start_item_digests(cache: BuildCache) -> ItemDigests:
    """A build's digests, carrying over the last build's of this process (serve)."""
    digests = ItemDigests(cache.live.get(LIVE_KEY))
    cache.hold(LIVE_KEY, digests)
    return digests


def item_digests(cache: BuildCache) -> ItemDigests:
    """The digests this build started (start_item_digests), or new ones."""
    return cache.keep(LIVE_KEY, ItemDigests)
