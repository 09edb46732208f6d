"""The manifest format: a JSON object mapping each file we wrote in a folder to its sha256.

A build keeps its output folder's in the build cache, and in the folder only a one-line marker
naming the manifest's sha256 (write.py): hosts serve an output folder as it is, and readers have
no use for the list. `publish --to dir` keeps one in the folder it syncs (publish/folder.py).
Both are read back to decide what to reuse or delete, and anyone who can write the folder can
edit them, so a manifest is parsed as hostile input: every entry a plain relative path inside
the folder and a sha256, or the whole manifest is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Literal

SHA256 = re.compile(r"[0-9a-f]{64}")
"""A digest as a manifest records it: 64 lowercase hex digits."""
DRIVE = re.compile(r"[A-Za-z]:")
"""A Windows drive letter ('C:'), refused at the start of a path even on POSIX."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc)."""
SEGMENT = r"(?!\.\.?(?:/|\Z))[^/\\\x00-\x1f\x7f-\x9f]+"
PLAIN_PATH = re.compile(rf"(?![A-Za-z]:){SEGMENT}(?:/{SEGMENT})*")
"""A path in which path_problem finds nothing: one regex, as a manifest has thousands."""

MARKER_START = b"site-builder output folder; its manifest's sha256: "
"""How an output folder's marker starts; the manifest's digest and a newline follow."""

ManifestProblem = Literal["unreadable", "not a manifest", "bad path", "bad digest"]
"""What ManifestError.problem can say, for a reader to word it."""


class ManifestError(ValueError):
    """Why a manifest's bytes were refused; each reader words it for its own user."""

    def __init__(self, problem: ManifestProblem, entry: str = "", detail: str = "") -> None:
        self.problem = problem
        self.entry = entry
        """The offending path (for 'bad path' and 'bad digest')."""
        self.detail = detail
        """What the JSON decoder said ('unreadable'), or why the path is not plain ('bad path')."""
        where = f"entry {entry!r}: " if problem in ("bad path", "bad digest") else ""
        super().__init__(f"{where}{problem}" + (f" ({detail})" if detail else ""))


def digest(data: bytes) -> str:
    """The hash a manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def path_problem(path: str) -> str:
    """Why `path` is not a plain relative POSIX path inside a folder, or '' when it is."""
    return "" if PLAIN_PATH.fullmatch(path) else why_not_plain(path)


def why_not_plain(path: str) -> str:
    """path_problem's rules one by one, to say which one a path breaks ('' for none)."""
    if not path:
        return "it is empty"
    control = CONTROL.search(path)
    if control:
        return f"it has the control character U+{ord(control[0]):04X}"
    if "\\" in path:
        return "it has a backslash"
    if path.startswith("/"):
        return "it is absolute"
    if DRIVE.match(path):
        return "it starts with a drive letter"
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            return f"it has {f'a {segment!r}' if segment else 'an empty'} segment"
    return ""


def manifest_bytes(manifest: Mapping[str, str]) -> bytes:
    """A manifest file's bytes: sorted, one entry a line, the same manifest the same bytes.

    The bytes of json.dumps(manifest, indent=0, sort_keys=True), which every manifest written
    so far has (a marker names their digest), made with json's C string encoder: with an
    indent json encodes in Python, 30 ms for the 9,000 files of a large site, every build."""
    if not manifest:
        return b"{}"
    quote = json.encoder.encode_basestring_ascii
    entries = ",\n".join([f"{quote(path)}: {quote(manifest[path])}" for path in sorted(manifest)])
    return f"{{\n{entries}\n}}".encode()


def marker_bytes(manifest_data: bytes) -> bytes:
    """The marker an output folder holds in place of the manifest with these bytes."""
    return MARKER_START + digest(manifest_data).encode("ascii") + b"\n"


def marker_digest(data: bytes) -> str | None:
    """The manifest digest a marker names, or None when these bytes are no marker (an output
    written before markers holds its manifest itself there)."""
    if not data.startswith(MARKER_START) or not data.endswith(b"\n"):
        return None
    named = data[len(MARKER_START) : -1].decode("ascii", "replace")
    return named if SHA256.fullmatch(named) else None


def parse_manifest(data: bytes) -> dict[str, str]:
    """Path -> sha256 from a manifest file's bytes; ManifestError unless every entry is sound."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except ValueError as e:  # UnicodeDecodeError and JSONDecodeError both are
        raise ManifestError("unreadable", detail=str(e)) from e
    if not isinstance(parsed, dict):
        raise ManifestError("not a manifest")
    recorded_digests = parsed.values()
    if (  # the usual case, told without a Python step per entry
        all(map(PLAIN_PATH.fullmatch, parsed))
        and all(type(recorded) is str for recorded in recorded_digests)
        and all(map(SHA256.fullmatch, recorded_digests))
    ):
        return parsed
    for path, recorded in parsed.items():  # the first entry that is not sound, and why
        problem = path_problem(path)
        if problem:
            raise ManifestError("bad path", path, problem)
        if not isinstance(recorded, str) or not SHA256.fullmatch(recorded):
            raise ManifestError("bad digest", path)
    return parsed
