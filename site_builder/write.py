"""The only module that writes into the output folder: build aside, then swap atomically."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shlex
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import EnvironmentFailure, UsageError
from .manifest import ManifestError, digest, manifest_bytes, marker_bytes, marker_digest, parse_manifest
from .progress import Progress
from .records import frozen
from .safe_files import failure, project_overlap, read_no_follow, remove_empty_parents, write_atomically

MANIFEST = ".site-builder-output"
"""Written into every output folder: marks it as ours. It holds a one-line marker naming the
sha256 of the folder's manifest (each file and its hash), which the build cache keeps as
<manifests>/<sha256>.json: hosts serve the folder as it is, and the list is not for readers.
A folder written before markers holds the manifest itself here, and is still read."""
AT_FDCWD = -100
RENAME_EXCHANGE = 2


@frozen(eq=False, repr=False)
class WriteStats:
    """What a write did: files whose bytes changed, and files carried over unchanged."""

    written: int
    unchanged: int
    removed: int


def check_out_dir(root: Path, out_dir: Path) -> None:
    """Refuse output folders whose replacement would destroy the user's own files."""
    try:
        _check_out_dir(root, out_dir)
    except OSError as e:  # a folder on the way we may not read: the machine's doing, not a typo
        raise failure("read", Path(e.filename or out_dir), e) from e


def _check_out_dir(root: Path, out_dir: Path) -> None:
    overlap = project_overlap(root, out_dir)
    if overlap is not None:
        relation = "is inside" if overlap.inside else "would replace"
        raise UsageError(f"refusing to build into {out_dir}: it {relation} {overlap.project_folder}")
    out = out_dir.resolve()
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to build into {out_dir}: it is a file")
    ancestor = next(parent for parent in out.parents if parent.exists())
    if not out.exists() and not ancestor.is_dir():
        raise UsageError(f"cannot build into {out_dir}: {ancestor} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UsageError(
            f"refusing to build into {out_dir}: it is not empty and site-builder did not create "
            "it (choose an empty or new folder)"
        )


KnownManifests = dict[str, dict[str, str]]
"""Manifests this process wrote or read, by their digest: serve's next build reads the two
its output and spare name from here (each some 30 ms to read, hash and check at 9,000 files)."""


HashedFiles = dict[str, tuple[bytes, str]]
"""Path -> the bytes last put there and their digest: serve's next build puts the same bytes
objects again for most files (pages taken as they were, cards from the cache), and need not
hash them again (some 50 ms for the 70 MB of a site of 4,000 items)."""


def read_manifest(
    out_dir: Path, manifests: Path | None = None, known: KnownManifests | None = None
) -> dict[str, str]:
    """Path -> sha256 of what the last build wrote, or {} for a new folder.

    The marker in out_dir names the manifest kept in `manifests` (the build cache's folder for
    out_dir), or is the manifest itself (an output written before markers). {} too for a marker
    or manifest that is a symlink, not sound (manifest.parse_manifest), or not in `manifests`
    with the digest the marker names: then nothing in the folder is reused or trusted, and every
    file is written anew. A manifest in `known` is not read again; one read goes into it.
    """
    try:
        data = read_no_follow(out_dir / MANIFEST)
        named = marker_digest(data)
        if named is None:
            return parse_manifest(data)
        if manifests is None:
            return {}
        if known is not None and named in known:
            return known[named]
        kept = read_no_follow(manifests / f"{named}.json")
        if digest(kept) != named:
            return {}
        parsed = parse_manifest(kept)
        if known is not None:
            known[named] = parsed
        return parsed
    except (OSError, ManifestError):
        return {}


def keep_manifest(manifests: Path, data: bytes, unsaved: Callable[[OSError], None]) -> bool:
    """Save a manifest in the cache under its digest, before the marker naming it goes live.

    A cache that cannot take it (full, read-only) is a warning (`unsaved`, the cache's), not a
    failure: the marker then names a manifest no one kept, so the next build trusts nothing in
    the folder and writes every file anew. True when kept."""
    path = manifests / f"{digest(data)}.json"
    partial = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        manifests.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        unsaved(error)
        return False
    return True


def prune_manifests(manifests: Path, folders: tuple[Path, ...]) -> None:
    """Delete the kept manifests no marker in `folders` (the output, its spare) names any more."""
    named = set()
    for folder in folders:
        try:
            named.add(f"{marker_digest(read_no_follow(folder / MANIFEST))}.json")
        except OSError:
            continue
    try:
        for path in manifests.iterdir():
            if path.name not in named:
                path.unlink(missing_ok=True)
    except OSError:  # a manifest left over costs a few bytes of cache, not correctness
        pass


def remove_leftovers(out_dir: Path) -> None:
    """Delete temporary folders a killed build left beside the output (only ours)."""
    for path in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        if path.is_dir() and not path.is_symlink():
            remove_folder(path, "a folder an earlier build left")


def remove_folder(folder: Path, what: str) -> bool:
    """Delete a folder of ours; where the system refuses, say in one line what is left where
    and how to remove it (the build goes on: a leftover costs disk space, not correctness)."""
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return True
    except OSError as e:
        quoted = shlex.quote(str(folder))
        print(
            f"site-builder: warning: could not remove {what} in {folder}: {e.strerror or e}; "
            f"remove it with: chmod -R u+w {quoted} && rm -rf {quoted}",
            file=sys.stderr,
        )
        return False
    return True


def unwritable_folder(top: Path, listed: Iterable[str]) -> Path | None:
    """The first folder of a site (top, or one holding a listed file: its manifest's) whose
    entries this process may not delete or add, or None: checked before anything is moved.

    Every build asks this of its output and of its spare, some 4,600 folders each at 4,000
    items: strings, not paths, and one access() a folder, relative to top where the system
    allows (about half the cost of resolving every full path)."""
    folders = folders_of(listed)
    with _opened(top) as top_fd:
        if top_fd is None:
            base = os.fspath(top)
            blocked = [folder for folder in folders if not _may_change(os.path.join(base, folder))]
        else:
            blocked = [folder for folder in folders if not _may_change(folder or ".", top_fd)]
    if not blocked:
        return None
    first = min(blocked, key=lambda folder: folder.split("/") if folder else [])  # PurePosixPath's order
    return top.joinpath(*first.split("/")) if first else top


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder that holds one of these relative paths, at any depth: '' (the top), 'a',
    'a/b'... As strings: PurePosixPath.parents costs ~1 s for 9,000 files."""
    folders = {""}
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder not in folders:  # its parents are in already
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


@contextlib.contextmanager
def _opened(folder: Path) -> Iterator[int | None]:
    """A descriptor of folder that paths relative to it can be looked up from, or None where
    the system cannot do that (then full paths are used)."""
    flags = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0)
    descriptor = None
    if os.access in os.supports_dir_fd:
        with contextlib.suppress(OSError):
            descriptor = os.open(folder, flags)
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _may_change(path: str, top_fd: int | None = None) -> bool:
    """Whether this process may add and delete entries in the folder at path (relative to
    top_fd if given); True for what is no folder, as nothing would be removed from it."""
    if os.access(path, os.W_OK | os.X_OK, dir_fd=top_fd):
        return True
    try:
        return not stat.S_ISDIR(os.stat(path, dir_fd=top_fd).st_mode)
    except OSError:
        return True


def _free_path(path: Path) -> Path:
    """path, or path-1, path-2...: the first name nothing uses (an old leftover may)."""
    candidate, number = path, 0
    while os.path.lexists(candidate):
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return bool(result == 0)


def write_site(
    files: dict[str, bytes],
    out_dir: Path,
    spare_dir: Path | None = None,
    reuse: bool = True,
    manifests: Path | None = None,
    unsaved: Callable[[OSError], None] = lambda error: None,
    progress: Progress | None = None,
) -> WriteStats:
    """Write `files` as the new content of out_dir; readers see the old or the new, never half.

    open_staging, every file put, then Staging.finish: see those for what each step does."""
    staging = open_staging(out_dir, spare_dir, reuse, manifests, unsaved)
    return staging.put_all(files, progress).finish()


def open_staging(
    out_dir: Path,
    spare_dir: Path | None = None,
    reuse: bool = True,
    manifests: Path | None = None,
    unsaved: Callable[[OSError], None] = lambda error: None,
    known: KnownManifests | None = None,
    hashed: HashedFiles | None = None,
    in_place: bool = False,
) -> Staging:
    """Begin the new content of out_dir: a staging folder beside it, which a build fills file
    by file as it makes them (Staging.put) and swaps in atomically at the end (finish), or
    removes when the build fails (abort): out_dir is untouched until the swap.

    With spare_dir (kept in the build cache), the folder the previous swap retired is kept there
    and brought up to date next time instead of being deleted and rebuilt: on this kind of disk
    creating thousands of folders after deleting thousands is what makes a rebuild slow.
    With reuse=False nothing is taken from the previous output: every file is written anew.
    `manifests` (in the build cache) keeps the manifest the folder's marker names; without it
    the next write cannot trust the folder, and writes every file anew. `unsaved` hears why the
    cache could not keep it. `known` (kept by a long-running caller, serve) holds the manifests
    read and written, so the next build need not read them from the cache (see KnownManifests),
    and `hashed` the digests of the bytes put (see HashedFiles). With `in_place` (serve), a
    folder whose manifest is known is updated where it is (InPlaceUpdate), not swapped.

    What the machine refuses before the swap (a read-only folder, a full disk) raises
    EnvironmentFailure and leaves out_dir as it was; what fails after it (removing the previous
    site) is a warning, as the new site is already in place.
    """
    out_dir = out_dir.absolute()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(out_dir.parent, os.W_OK | os.X_OK):
            raise EnvironmentFailure(f"cannot build into {out_dir}: {out_dir.parent} is not writable")
        current = read_manifest(out_dir, manifests, known)
        if in_place and reuse and current:
            return InPlaceUpdate(out_dir, current, spare_dir, manifests, unsaved, known, hashed)
        if current:
            _refuse_blocked(out_dir, current)
        remove_leftovers(out_dir)
        if spare_dir is not None:  # a spare half-linked by a build killed after its swap
            remove_leftovers(spare_dir)
        staging = _free_path(out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}")
        staging, previous = _stage(staging, spare_dir, manifests, known)
    except OSError as e:  # a folder we may not write, a full disk: the old site is still in place
        raise EnvironmentFailure(f"could not write the site into {out_dir}: {e.strerror or e}") from e
    return Staging(
        out_dir,
        staging,
        current,
        current if reuse else {},
        previous,
        spare_dir,
        manifests,
        unsaved,
        known,
        hashed,
        spare_after=not in_place,
    )


def _refuse_blocked(out_dir: Path, listed: Iterable[str]) -> None:
    """EnvironmentFailure if out_dir has a folder (of `listed` files) we could swap out but
    never remove or reuse."""
    blocked = unwritable_folder(out_dir, listed) if out_dir.is_dir() else None
    if blocked is not None:
        raise EnvironmentFailure(
            f"cannot replace {out_dir}: {blocked} is not writable, so the previous site could "
            f"not be removed; make it writable (chmod -R u+w {shlex.quote(str(out_dir))}) or "
            "build into another --out"
        )


class Staging:
    """The new site, filled in a staging folder as a build makes its files (open_staging).

    Files may come in any order, and a path put again replaces what it held (the last bytes
    win, as in a dict). `previous` lists what the folder already holds (a reused spare). Its
    files may share inodes with the live site through hard links, so a file is never rewritten
    in place: it is unlinked and made anew.
    """

    def __init__(
        self,
        out_dir: Path,
        folder: Path,
        current: dict[str, str],
        old: dict[str, str],
        previous: dict[str, str],
        spare_dir: Path | None,
        manifests: Path | None,
        unsaved: Callable[[OSError], None],
        known: KnownManifests | None = None,
        hashed: HashedFiles | None = None,
        spare_after: bool = False,
    ) -> None:
        self.out_dir = out_dir
        self.folder = folder
        self.current = current
        """What out_dir holds (its manifest): checked before the swap when it says nothing."""
        self.old = old
        """Path -> digest of out_dir's files that may be hard-linked instead of written."""
        self.held = dict(previous)
        """Path -> digest of each file the staging folder holds now."""
        self.spare_dir = spare_dir
        self.manifests = manifests
        self.unsaved = unsaved
        self.known = known
        self.hashed = hashed
        self.spare_after = spare_after
        """Whether a swap that retires no folder (the first into out_dir) leaves a spare of
        hard links for the next build (link_spare); not for serve, which updates in place."""
        self.manifest: dict[str, str] = {}
        """Path -> digest of every file put (the new site's manifest)."""
        self.made: dict[str, bool] = {}
        """Path -> whether its bytes were written (else they were there or hard-linked)."""
        self.held_dirs = folders_of(previous) - {""}
        """Folders (relative) that previous files are in: a new file there must clear the way."""
        self.made_dirs: set[str] = {""}
        """Folders (relative, '' the top) known to exist in the staging folder."""
        self.into = os.path.join(os.fspath(folder), "")
        self.source = os.path.join(os.fspath(out_dir), "")
        """The two folders as strings ending in a separator: the paths of the 9,000 files a
        one-file edit links are joined as strings (pathlib's joins cost more than the links)."""
        self.swapped = False

    def put(self, rel_path: str, data: bytes) -> None:
        """Make the file rel_path hold data in the new site."""
        remembered = self.hashed.get(rel_path) if self.hashed is not None else None
        if remembered is not None and remembered[0] is data:  # the very object: held, not reused
            data_digest = remembered[1]
        else:
            data_digest = digest(data)
            if self.hashed is not None and type(data) is bytes:  # immutable: the digest holds
                self.hashed[rel_path] = (data, data_digest)
        if self.manifest.get(rel_path) == data_digest:
            return  # put again, the same bytes
        self.manifest[rel_path] = data_digest
        try:
            self.made[rel_path] = self._place(rel_path, data, data_digest)
        except OSError as e:
            self.abort()
            raise EnvironmentFailure(
                f"could not write the site into {self.out_dir}: {e.strerror or e}"
            ) from e

    def put_unread(self, rel_path: str, data_digest: str) -> bool:
        """put, for bytes out_dir's manifest says its file rel_path holds (`old`), without
        reading them: the staging folder keeps or hard-links that file, as put would for those
        bytes. False when it cannot (another digest, no manifest, no hard link): put them."""
        if self.old.get(rel_path) != data_digest or self.manifest.get(rel_path, data_digest) != data_digest:
            return False
        if self.held.get(rel_path) != data_digest:
            try:
                dest = self._make_way(rel_path)
                self.held.pop(rel_path, None)
                os.link(self.source + rel_path, dest)
            except OSError:
                return False
            self.held[rel_path] = data_digest
        self.manifest[rel_path] = data_digest
        self.made[rel_path] = False
        return True

    def put_all(self, files: dict[str, bytes], progress: Progress | None = None) -> Staging:
        """put every file, in path order; this staging."""
        if progress:
            progress.stage("writing", len(files))
        for rel_path in sorted(files):
            if progress:
                progress.advance()
            self.put(rel_path, files[rel_path])
        return self

    def _make_way(self, rel_path: str) -> str:
        """The path of rel_path in the staging folder, made ready for a new file: a folder in
        its way cleared, its parent made, the file the folder held there unlinked (never
        rewritten in place: it may share its inode with the live site)."""
        dest = self.into + rel_path
        if self.held_dirs:
            self._clear_way(rel_path)
        parent = rel_path.rpartition("/")[0]
        if parent not in self.made_dirs:
            os.makedirs(self.into + parent, exist_ok=True)
            self.made_dirs.add(parent)
        if rel_path in self.held:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(dest)
        return dest

    def _place(self, rel_path: str, data: bytes, data_digest: str) -> bool:
        """Put one file's bytes in place; whether they had to be written."""
        if self.held.get(rel_path) == data_digest:
            return False  # already there, the same bytes
        dest = self._make_way(rel_path)
        self.held[rel_path] = data_digest
        if self.old.get(rel_path) == data_digest:
            try:  # a hard link costs no new inode and keeps the file's mtime for browsers
                os.link(self.source + rel_path, dest)
                return False
            except OSError:
                pass
        Path(dest).write_bytes(data)
        return True

    def _clear_way(self, rel_path: str) -> None:
        """Remove held files that are not in the new site and stand where rel_path's folders
        or rel_path itself (as a folder) must go."""
        parts = rel_path.split("/")
        for end in range(1, len(parts)):
            above = "/".join(parts[:end])
            if above in self.held and above not in self.manifest:
                self._remove(above)
        if rel_path in self.held_dirs:
            for path in [path for path in self.held if path.startswith(rel_path + "/")]:
                if path not in self.manifest:
                    self._remove(path)

    def _remove(self, rel_path: str) -> None:
        """Delete a held file from the staging folder, and the folders that leaves empty."""
        (self.folder / rel_path).unlink(missing_ok=True)
        remove_empty_parents(self.folder / rel_path, self.folder)
        del self.held[rel_path]
        self.made_dirs = {""}  # a folder of ours may be gone

    def finish(self) -> WriteStats:
        """Drop what the new site does not have, write its marker, and swap it into out_dir."""
        try:
            for rel_path in sorted(set(self.held) - set(self.manifest)):
                self._remove(rel_path)
            if not self.current:
                _refuse_blocked(self.out_dir, self.manifest)
            manifest_data = manifest_bytes(self.manifest)
            kept = self.manifests is not None and keep_manifest(self.manifests, manifest_data, self.unsaved)
            (self.folder / MANIFEST).write_bytes(marker_bytes(manifest_data))
        except EnvironmentFailure:
            self.abort()
            raise
        except OSError as e:  # a folder we may not write, a full disk: the old site is still in place
            self.abort()
            raise EnvironmentFailure(
                f"could not write the site into {self.out_dir}: {e.strerror or e}"
            ) from e
        removed = len(set(self.old) - set(self.manifest))
        self.swapped = True  # from here on the folder is not ours to remove (abort)
        try:
            retired = _swap(self.folder, self.out_dir)
        except OSError as e:
            remove_folder(self.folder, "the new site")
            raise EnvironmentFailure(
                f"could not swap the new site into {self.out_dir}: {e.strerror or e}"
            ) from e
        if retired is not None:
            _retire(retired, self.spare_dir)
        elif self.spare_after and self.spare_dir is not None and kept:
            link_spare(self.out_dir, self.manifest, marker_bytes(manifest_data), self.spare_dir)
        if self.manifests is not None and kept:  # a cache that could not take it is left as it was
            spare = (self.spare_dir,) if self.spare_dir is not None else ()
            prune_manifests(self.manifests, (self.out_dir, *spare))
            if self.known is not None:  # the new output's, and the retired one's (the spare's)
                old = {named: listed for named, listed in self.known.items() if listed is self.current}
                self.known.clear()
                self.known.update(old)
                self.known[digest(manifest_data)] = self.manifest
        if self.hashed is not None:  # the bytes of files no longer in the site: not kept
            for rel_path in self.hashed.keys() - self.manifest.keys():
                del self.hashed[rel_path]
        written = sum(self.made.values())
        return WriteStats(written, len(self.made) - written, removed)

    def failure(self, error: OSError) -> EnvironmentFailure:
        """What the machine refused before the swap: the old site is still in place."""
        return EnvironmentFailure(f"could not write the site into {self.out_dir}: {error.strerror or error}")

    def abort(self, keep_as_spare: bool = False) -> None:
        """Remove the unfinished new site (the build failed); out_dir stays as it was. With
        `keep_as_spare` (the build failed on its content or templates, so every file in the
        folder is whole), the folder becomes the build cache's spare instead, with a manifest
        of what it holds: the next build updates it rather than making every folder again."""
        if self.swapped:
            return
        if keep_as_spare and self._keep_as_spare():
            return
        remove_folder(self.folder, "the unfinished new site")

    def _keep_as_spare(self) -> bool:
        """Move the folder to spare_dir, its marker naming a manifest of `held`; whether done."""
        if self.spare_dir is None or self.manifests is None or os.path.lexists(self.spare_dir):
            return False
        manifest_data = manifest_bytes(self.held)
        if not keep_manifest(self.manifests, manifest_data, self.unsaved):
            return False
        try:
            (self.folder / MANIFEST).write_bytes(marker_bytes(manifest_data))
            self.spare_dir.parent.mkdir(parents=True, exist_ok=True)
            self.folder.rename(self.spare_dir)
        except OSError:
            return False
        return True


UNTRUSTED_MARKER = marker_bytes(b"an update in place is under way")
"""The marker an output folder holds while InPlaceUpdate changes it: it names a manifest no
one keeps, so a build that finds it (this one failed halfway) trusts nothing in the folder."""


class InPlaceUpdate(Staging):
    """The new site, made by changing only what differs in out_dir itself, once the build has
    made every file: serve's way, where a save changes a few of 9,000 files and a new folder
    of hard links, its swap and the old folder's removal cost more than the build's writes.

    No one may read out_dir while it changes: serve's folder is its own, and the thread that
    answers its requests is the one that builds, so no request sees a half-updated site. The
    files put are held (they are the bytes the build keeps anyway) and written only in finish:
    a build that fails leaves out_dir as it was. Each file is replaced by a rename
    (safe_files.write_atomically), never
    written in place (it may share its inode with the spare folder, see Staging)."""

    def __init__(
        self,
        out_dir: Path,
        current: dict[str, str],
        spare_dir: Path | None,
        manifests: Path | None,
        unsaved: Callable[[OSError], None],
        known: KnownManifests | None,
        hashed: HashedFiles | None,
    ) -> None:
        super().__init__(out_dir, out_dir, current, current, {}, spare_dir, manifests, unsaved, known, hashed)
        self.pending: dict[str, bytes] = {}
        """Path -> the bytes to write there: the files whose digest is not out_dir's."""

    def _place(self, rel_path: str, data: bytes, data_digest: str) -> bool:
        """Hold the bytes for finish unless out_dir has them; whether they are to be written."""
        if self.current.get(rel_path) == data_digest:
            self.pending.pop(rel_path, None)  # put again, back to what out_dir holds
            return False
        self.pending[rel_path] = data
        return True

    def put_unread(self, rel_path: str, data_digest: str) -> bool:
        """put, for bytes out_dir's manifest says its file rel_path holds: nothing to do."""
        if (
            self.current.get(rel_path) != data_digest
            or self.manifest.get(rel_path, data_digest) != data_digest
        ):
            return False
        self.manifest[rel_path] = data_digest
        self.made[rel_path] = False
        return True

    def finish(self) -> WriteStats:
        """Remove the files the new site has not, write those whose bytes changed, then the
        marker naming the new manifest."""
        gone = sorted(self.current.keys() - self.manifest.keys())
        if not gone and not self.pending:
            return WriteStats(0, len(self.manifest), 0)
        manifest_data = manifest_bytes(self.manifest)
        marker = self.out_dir / MANIFEST
        try:
            kept = self.manifests is not None and keep_manifest(self.manifests, manifest_data, self.unsaved)
            write_atomically(marker, UNTRUSTED_MARKER)
            for rel_path in gone:
                (self.out_dir / rel_path).unlink(missing_ok=True)
                remove_empty_parents(self.out_dir / rel_path, self.out_dir)
            for rel_path in sorted(self.pending):
                dest = self.out_dir / rel_path
                dest.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(dest, self.pending[rel_path])
            write_atomically(marker, marker_bytes(manifest_data))
        except OSError as e:
            raise EnvironmentFailure(f"could not update the site in {self.out_dir}: {e.strerror or e}") from e
        finally:
            if self.known is not None:  # what out_dir holds now is known only when all went well
                self.known.clear()
        if self.manifests is not None and kept:
            spare = (self.spare_dir,) if self.spare_dir is not None else ()
            prune_manifests(self.manifests, (self.out_dir, *spare))
            if self.known is not None:
                self.known[digest(manifest_data)] = self.manifest
        if self.hashed is not None:
            for rel_path in self.hashed.keys() - self.manifest.keys():
                del self.hashed[rel_path]
        return WriteStats(len(self.pending), len(self.manifest) - len(self.pending), len(gone))

    def abort(self, keep_as_spare: bool = False) -> None:
        """Drop the bytes held: out_dir was not touched."""
        self.pending.clear()


def _stage(
    staging: Path, spare_dir: Path | None, manifests: Path | None, known: KnownManifests | None = None
) -> tuple[Path, dict[str, str]]:
    """Make the staging folder, from the spare when it can be updated; (the folder, what it
    holds). On failure no staging folder is left."""
    previous = _take_spare(spare_dir, staging, manifests, known)
    if previous is not None:
        try:
            # Removed first, so a build killed while updating never trusts a half-updated folder.
            (staging / MANIFEST).unlink()
            return staging, previous
        except OSError:  # the spare could not be brought up to date: start afresh
            if not remove_folder(staging, "the build cache's spare copy of the site"):
                staging = _free_path(staging)
    staging.mkdir()
    return staging, {}


def _take_spare(
    spare_dir: Path | None, staging: Path, manifests: Path | None, known: KnownManifests | None = None
) -> dict[str, str] | None:
    """Move the spare folder (a former output, with its manifest) to staging; its manifest.

    None (staging not made) without a spare this process can update: one on another file
    system, or with a folder it may not write in, stays where it is for _retire to replace.
    """
    if spare_dir is None:
        return None
    previous = read_manifest(spare_dir, manifests, known)
    if not previous or unwritable_folder(spare_dir, previous) is not None:
        return None
    try:
        spare_dir.rename(staging)
    except OSError:  # another file system, say
        return None
    return previous


def _swap(staging: Path, out_dir: Path) -> Path | None:
    """Put staging in out_dir's place; the folder that now holds the previous site, if any."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return None
    if _exchange(staging, out_dir):
        return staging  # staging now holds the previous site
    # No atomic exchange here: two renames, a brief gap.
    retired = _free_path(out_dir.parent / f".{out_dir.name}.tmp-old-{os.getpid()}")
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except OSError:
        retired.rename(out_dir)  # the previous site back in its place
        raise
    return retired


def link_spare(out_dir: Path, listed: Iterable[str], marker: bytes, spare_dir: Path) -> None:
    """Make spare_dir a copy of out_dir in hard links, with out_dir's marker (`marker`), unless
    a spare is there already; never raises (a build without a spare only makes a new folder).

    The first swap into an output folder retires none, so the next build (a one-file edit)
    would link every unchanged file into a new staging folder (9,227 links at 4,000 items)
    before it could swap; linked now, after the swap, that build takes this folder as its
    staging and rewrites only what changed. Every later swap retires the previous site into
    the spare. Its files share their inodes with the live site's: a staging folder never
    writes into a file, it replaces it (Staging)."""
    if os.path.lexists(spare_dir):
        return
    folder = _free_path(spare_dir.parent / f".{spare_dir.name}.tmp-{os.getpid()}")
    source, into = os.path.join(os.fspath(out_dir), ""), os.path.join(os.fspath(folder), "")
    made = {""}
    try:
        os.makedirs(folder)
        for rel_path in listed:
            parent = rel_path.rpartition("/")[0]
            if parent not in made:
                os.makedirs(into + parent, exist_ok=True)
                made.add(parent)
            os.link(source + rel_path, into + rel_path)
        (folder / MANIFEST).write_bytes(marker)
        folder.rename(spare_dir)
    except OSError:  # no hard links here, a full disk: no spare, the next build links anew
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


def _retire(folder: Path, spare_dir: Path | None) -> None:
    """Keep a swapped-out site as the next build's spare, or delete it; never raises (the new
    site is in place): what cannot be removed is a warning naming it."""
    if spare_dir is not None:
        if os.path.lexists(spare_dir) and not remove_folder(
            spare_dir, "the build cache's spare copy of the site"
        ):
            remove_folder(folder, "the previous site")
            return
        try:
            spare_dir.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(spare_dir)
            return
        except OSError:  # another file system, a cache we may not write in: delete it
            pass
    remove_folder(folder, "the previous site")
