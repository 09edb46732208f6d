"""Whether an output folder is already what a build would write: the whole of a no-change rebuild.

It hashes the input files, compares the stamp the last build into the folder kept, and checks
that the folder still holds what was written, importing none of the stages (jinja2,
markdown-it, yaml, Babel, Pillow): a rebuild that has nothing to do costs little more than
starting Python. `build` stamps the folder after writing it (make_stamp).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import BuildCache, content_key
from .drafts import withheld_at
from .inputs import FILE_KEYS, Read, Unhashable, source_digest
from .records import frozen
from .write import MANIFEST, check_out_dir, read_manifest

if TYPE_CHECKING:  # only for the type: the model is not imported by a no-change rebuild
    from .model import Item


@frozen
class OutputStamp:
    """What the build that wrote an output folder was made of, kept in the cache: the digest
    of its inputs tied to the folder's manifest (output_stamp), and the drafts and embargoes of
    its items with the slugs withheld at its moment, so that the next build can tell whether
    its own moment withholds the same items without parsing any."""

    stamp: str
    holds: tuple[tuple[str, bool, datetime | None], ...]
    """(slug, draft, embargo) of each item that is a draft or has an embargo."""
    withheld: tuple[str, ...]

    def holds_at(self, moment: datetime) -> tuple[str, ...]:
        """The slugs these items withhold at `moment` (drafts.is_withheld)."""
        return tuple(slug for slug, draft, embargo in self.holds if withheld_at(draft, embargo, moment))


@frozen(eq=False, repr=False)
class Freshness:
    """What the check found for one output folder, before the build read anything else."""

    sources: str
    """The digest of the inputs (inputs.source_digest), '' when they could not be hashed."""
    unchanged: int | None = None
    """The number of files in the folder when it is up to date, else None."""
    content: Read | None = None
    """The bytes of each Markdown file of content/ as hashed (None for one taken by its stat
    signature), their key and size, by its path (os.scandir's): a build after the check
    parses these instead of reading the files again, and keys them without hashing them
    again (read_content)."""


def make_stamp(stamp: str, items: list[Item], moment: datetime) -> OutputStamp:
    """The OutputStamp of a build of these items at `moment`."""
    holds = tuple(
        sorted((item.slug, item.draft, item.embargo) for item in items if item.draft or item.embargo)
    )
    made = OutputStamp(stamp, holds, ())
    return replace(made, withheld=made.holds_at(moment))


def output_stamp(sources: str, out_dir: Path) -> str:
    """The input digest tied to the output folder's manifest: a build killed after its swap but
    before saving the cache must not make another build's output look current."""
    if not sources:
        return ""
    try:
        return content_key(sources, (out_dir / MANIFEST).read_bytes())
    except OSError:
        return ""


def kept_folders(cache: BuildCache, out_dir: Path) -> tuple[Path, Path] | None:
    """In the cache, the folder the swap retires (updated next time) and the manifests the
    output's marker names (write.MANIFEST: the output holds no list); None without a cache."""
    if cache.folder is None:
        return None
    output_key = content_key(str(out_dir.absolute()))[:16]
    return cache.folder / "spare-outputs" / output_key, cache.folder / "output-manifests" / output_key


def intact_files(out_dir: Path, manifests: Path | None) -> int | None:
    """How many files the output's manifest lists, if the folder still holds every one."""
    manifest = read_manifest(out_dir, manifests)
    folder = str(out_dir)
    # os.path on strings: a pathlib join and stat per file cost about three times as much
    if manifest and all(os.path.isfile(os.path.join(folder, path)) for path in manifest):
        return len(manifest)
    return None


def check_output(
    root: Path, out_dir: Path, overrides: Mapping[str, Any], moment: datetime, cache: BuildCache
) -> Freshness:
    """Whether out_dir holds what a build of root at `moment` would write (UsageError for an
    out_dir that must not be written), told from the input files' bytes alone (or their stat,
    for a file the cache has a key for: inputs.FileKeys).

    Linking, checking and rendering are pure functions of the items, the config, the theme
    and which items the moment withholds: if none changed since the build that wrote out_dir,
    neither would the output. A stamp is kept only by a build that succeeded, so inputs with
    its digest have no problems either."""
    check_out_dir(root, out_dir)
    folders = kept_folders(cache, out_dir)
    if folders is None:
        return Freshness("")
    content: Read = {}
    try:
        sources = source_digest(root, overrides, cache.version, content, cache)
    except Unhashable:
        return Freshness("")
    previous = cache.stored("outputs").get(str(out_dir.absolute()))
    if (
        isinstance(previous, OutputStamp)
        and previous.stamp
        and previous.stamp == output_stamp(sources, out_dir)
        and previous.holds_at(moment) == previous.withheld
    ):
        content.clear()  # let go before the manifest is read: a no-change rebuild's peak
        if cache.fresh.get(FILE_KEYS):  # files settled since they were last read: kept, so
            cache.carry_over()  # that the next builds take them by their stat (FileKeys)
            cache.save()
        return Freshness(sources, intact_files(out_dir, folders[1]))
    return Freshness(sources, content=content)
