"""publish --to archive: the site as a reproducible .tar.gz or .zip, written atomically."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import UsageError
from ..safe_files import failure, find_leftovers, write_atomically

ARCHIVE_TIME = 315532800
"""1980-01-01 00:00 UTC, the timestamp of every archive entry (zip cannot go earlier)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def publish_archive(files: Mapping[str, bytes], target: Path, dry_run: bool) -> int:
    """Write the site as a reproducible .tar.gz or .zip: same site, same bytes; remove the
    partial archive a killed publish left beside it."""
    name = target.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        data = tar_gz_bytes(files)
    elif name.endswith(".zip"):
        data = zip_bytes(files)
    else:
        raise UsageError(f"cannot tell the archive format of {target}: name it .tar.gz, .tgz or .zip")
    if target.is_dir():
        raise UsageError(f"refusing to write the archive over {target}: it is a folder")
    try:
        leftovers = [target.parent / name for name in find_leftovers(target.parent, [target.name])]
    except OSError as e:
        raise failure("read folder", target.parent, e) from e
    for leftover in leftovers:
        print(f"{'would ' if dry_run else ''}remove {leftover}")
    if dry_run:
        print(f"dry run: would write {target} ({len(files)} files, {len(data)} bytes)")
        return 0
    for leftover in leftovers:
        try:
            leftover.unlink(missing_ok=True)
        except OSError as e:
            raise failure("delete", leftover, e) from e
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise failure("create folder", target.parent, e) from e
    try:
        write_atomically(target, data)
    except OSError as e:
        raise failure("write", target, e) from e
    print(f"wrote {target} ({len(files)} files, {len(data)} bytes)")
    return 0


def tar_gz_bytes(files: Mapping[str, bytes]) -> bytes:
    """A .tar.gz with sorted entries, fixed times and owners, and no name or time in the gzip header."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in sorted(files):
            info = tarfile.TarInfo(path)
            info.size = len(files[path])
            info.mtime = ARCHIVE_TIME
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(files[path]))
    return buffer.getvalue()


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A .zip with sorted entries and fixed times and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below mean what they say
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()
