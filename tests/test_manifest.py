"""manifest.py: the one manifest format (build output and publish folder), parsed as hostile
input; and the build's reader, which treats a manifest it cannot trust as none."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, run_main, snapshot, write_files

from site_builder.cache import CACHE_DIR
from site_builder.manifest import (
    CONTROL,
    PLAIN_PATH,
    ManifestError,
    digest,
    manifest_bytes,
    marker_bytes,
    parse_manifest,
    path_problem,
    why_not_plain,
)
from site_builder.write import MANIFEST, read_manifest, write_site

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_digest_is_the_sha256_hex_of_the_bytes() -> None:
    assert digest(b"") == EMPTY_SHA256
    assert digest(b"<p>hi</p>") == hashlib.sha256(b"<p>hi</p>").hexdigest()


def test_manifest_bytes_are_sorted_and_the_same_for_the_same_manifest() -> None:
    first = {"people/ada/index.html": digest(b"a"), "index.html": digest(b"i")}
    second = dict(reversed(first.items()))
    assert manifest_bytes(first) == manifest_bytes(second)
    assert (
        manifest_bytes(first)
        == (
            '{\n"index.html": "' + digest(b"i") + '",\n"people/ada/index.html": "' + digest(b"a") + '"\n}'
        ).encode()
    )


@pytest.mark.parametrize(
    "paths",
    [
        [],
        ["index.html"],
        ["people/zoë/index.html", "a b/c&d.html", 'q"uote\\/x', "日本/\u2028\x7f\U0001f600", "a-b", "a/b"],
    ],
)
def test_manifest_bytes_are_those_of_json_dumps_with_indent_0(paths: list[str]) -> None:
    """A marker names its manifest's digest: the bytes every earlier build wrote stay the same."""
    manifest = {path: digest(path.encode("utf-8", "surrogatepass")) for path in paths}
    assert manifest_bytes(manifest) == json.dumps(manifest, indent=0, sort_keys=True).encode()


@pytest.mark.parametrize(
    "manifest",
    [
        {},
        {"index.html": EMPTY_SHA256},
        {
            "people/zoë/index.html": digest(b"z"),
            "assets/style.1a2b3c4d5e.css": digest(b"s"),
            "a b/c&d.html": digest(b""),
        },
    ],
)
def test_a_manifest_round_trips(manifest: dict[str, str]) -> None:
    assert parse_manifest(manifest_bytes(manifest)) == manifest


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("", "it is empty"),
        ("../victim.txt", "it has a '..' segment"),
        ("pages/../../victim.txt", "it has a '..' segment"),
        ("/etc/passwd", "it is absolute"),
        ("C:/victim.txt", "it starts with a drive letter"),
        ("c:victim.txt", "it starts with a drive letter"),
        ("..\\victim.txt", "it has a backslash"),
        ("people//index.html", "it has an empty segment"),
        ("people/", "it has an empty segment"),
        ("./index.html", "it has a '.' segment"),
        ("index.html\0../victim.txt", "it has the control character U+0000"),
        ("index\n.html", "it has the control character U+000A"),
        ("index\x7f.html", "it has the control character U+007F"),
        ("index\x85.html", "it has the control character U+0085"),
        ("index.html", ""),
        ("people/ada-lovelace/index.html", ""),
        ("..hidden/.well-known/x", ""),
        ("zoë/地図.html", ""),
    ],
)
def test_path_problem(path: str, problem: str) -> None:
    assert path_problem(path) == problem


def test_the_fast_check_agrees_with_the_rules_one_by_one() -> None:
    # PLAIN_PATH is path_problem's fast path; why_not_plain says which rule a path breaks
    alphabet = ["a", ".", "/", "\\", ":", "C", "\0", "\x85", "é"]
    for length in range(6):
        for chars in itertools.product(alphabet, repeat=length):
            path = "".join(chars)
            assert bool(PLAIN_PATH.fullmatch(path)) == (why_not_plain(path) == ""), repr(path)


def test_control_characters_are_unicode_category_cc() -> None:
    # path_problem finds them with a regex (fast on thousands of paths); it must mean Cc
    every = "".join(map(chr, range(0x110000)))
    found = {match[0] for match in CONTROL.finditer(every)}
    assert found == {char for char in every if unicodedata.category(char) == "Cc"}


@pytest.mark.parametrize(
    ("data", "problem", "entry", "detail"),
    [
        (b"{not json", "unreadable", "", "Expecting property name enclosed in double quotes"),
        (b"\xff\xfe{}", "unreadable", "", "'utf-8' codec can't decode byte 0xff"),
        (b'["index.html"]', "not a manifest", "", ""),
        (b'"index.html"', "not a manifest", "", ""),
        (b'{"index.html": 5}', "bad digest", "index.html", ""),
        (b'{"index.html": "not a digest"}', "bad digest", "index.html", ""),
        (json.dumps({"index.html": EMPTY_SHA256.upper()}).encode(), "bad digest", "index.html", ""),
        (json.dumps({"index.html": EMPTY_SHA256[:-1]}).encode(), "bad digest", "index.html", ""),
        (
            json.dumps({"../victim.txt": EMPTY_SHA256}).encode(),
            "bad path",
            "../victim.txt",
            "it has a '..' segment",
        ),
        (json.dumps({"/etc/passwd": EMPTY_SHA256}).encode(), "bad path", "/etc/passwd", "it is absolute"),
        (
            json.dumps({"index.html": EMPTY_SHA256, "a/../../b": EMPTY_SHA256}).encode(),
            "bad path",
            "a/../../b",
            "it has a '..' segment",
        ),
    ],
)
def test_a_hostile_or_broken_manifest_is_refused_whole(
    data: bytes, problem: str, entry: str, detail: str
) -> None:
    with pytest.raises(ManifestError) as refused:
        parse_manifest(data)
    assert refused.value.problem == problem
    assert refused.value.entry == entry
    assert refused.value.detail.startswith(detail)
    assert isinstance(refused.value, ValueError)


def test_a_manifest_error_says_what_and_where() -> None:
    with pytest.raises(ManifestError, match=r"^entry '\.\./x': bad path \(it has a '\.\.' segment\)$"):
        parse_manifest(json.dumps({"../x": EMPTY_SHA256}).encode())
    with pytest.raises(ManifestError, match=r"^not a manifest$"):
        parse_manifest(b"[]")


# --- the build's reader (write.py): a manifest it cannot trust is no manifest ----------------


@pytest.mark.parametrize(
    "manifest",
    [
        b"{not json",
        b'["index.html"]',
        json.dumps({"index.html": "not a digest"}).encode(),
        json.dumps({"index.html": EMPTY_SHA256, "../victim.txt": EMPTY_SHA256}).encode(),
    ],
)
def test_the_build_ignores_an_output_manifest_it_cannot_trust(tmp_path: Path, manifest: bytes) -> None:
    write_files(tmp_path, {MANIFEST: manifest})
    assert read_manifest(tmp_path) == {}


def test_the_build_does_not_follow_a_symlinked_output_manifest(tmp_path: Path) -> None:
    elsewhere = write_files(tmp_path, {"elsewhere.json": manifest_bytes({"a": EMPTY_SHA256})})
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / MANIFEST).symlink_to(elsewhere / "elsewhere.json")
    assert read_manifest(tmp_path / "public") == {}


@pytest.mark.parametrize("where", ["in the cache", "in the folder, as before markers"])
def test_a_hostile_spare_manifest_deletes_nothing_outside_the_spare(tmp_path: Path, where: str) -> None:
    # the spare (a former output kept in the build cache) is brought up to date by deleting
    # what its manifest lists and the new site lacks: an entry '../victim.txt' once deleted
    # the file beside the staging folder
    out_dir, spare, manifests = (
        tmp_path / "public",
        tmp_path / "cache" / "spare",
        tmp_path / "cache" / "lists",
    )
    write_site({"index.html": b"one", "old/index.html": b"old"}, out_dir, spare, manifests=manifests)
    # the first site retires into the spare
    write_site({"index.html": b"two"}, out_dir, spare, manifests=manifests)
    victim = write_files(tmp_path, {"victim.txt": "not the site's\n"}) / "victim.txt"
    listed = read_manifest(spare, manifests)
    assert sorted(listed) == ["index.html", "old/index.html"]
    forged = manifest_bytes({**listed, "../victim.txt": digest(b"x")})
    if where == "in the cache":
        (manifests / f"{digest(forged)}.json").write_bytes(forged)
        (spare / MANIFEST).write_bytes(marker_bytes(forged))
    else:
        (spare / MANIFEST).write_bytes(forged)

    write_site({"index.html": b"three"}, out_dir, spare, manifests=manifests)

    assert victim.read_text() == "not the site's\n"
    assert snapshot(out_dir) == {
        "index.html": b"three",
        MANIFEST: marker_bytes(manifest_bytes({"index.html": digest(b"three")})),
    }


# --- the output folder: a marker, the list in the cache (nothing for readers) ----------------


def test_the_output_holds_a_marker_and_the_cache_the_list(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    built = snapshot(out_dir)
    marker = built.pop(MANIFEST)
    [kept] = (root / CACHE_DIR / "output-manifests").glob("*/*.json")
    assert marker == f"site-builder output folder; its manifest's sha256: {kept.stem}\n".encode()
    assert digest(kept.read_bytes()) == kept.stem
    assert parse_manifest(kept.read_bytes()) == {path: digest(data) for path, data in built.items()}


def test_an_output_written_before_markers_is_still_recognised(tmp_path: Path) -> None:
    """An output folder whose .site-builder-output is the whole list (as builds wrote it before)
    is the build's to replace, with or without the cache, and gets a marker."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    reference = tmp_path / "reference"
    assert run_main("build", "--root", root, "--out", reference, "--no-cache").returncode == 0
    for flags in ((), ("--no-cache",)):
        files = {**snapshot(reference), "gone/index.html": b"a page the site no longer has"}
        del files[MANIFEST]
        write_files(
            out_dir, {**files, MANIFEST: manifest_bytes({path: digest(data) for path, data in files.items()})}
        )
        result = run_main("build", "--root", root, "--out", out_dir, *flags)
        assert result.returncode == 0, result.stderr
        assert snapshot(out_dir) == snapshot(reference), flags
        shutil.rmtree(out_dir)


def test_a_folder_with_a_marker_alone_is_still_the_builds(tmp_path: Path) -> None:
    """Built without the cache (or with the cache deleted), the marker still marks the folder."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir, "--no-cache").returncode == 0
    assert not (root / CACHE_DIR).exists()
    write_files(root, {"content/places/town.md": SMALL_PROJECT["content/places/town.md"] + "Quiet.\n"})
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    assert b"Quiet." in (out_dir / "places" / "town" / "index.html").read_bytes()
