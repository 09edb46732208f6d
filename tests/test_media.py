"""Pictures in a project: content/media/ with sidecars, references from items and bodies, the
limits in site.yaml; every mistake is an error at path:line:column with exit 1 and the last
output untouched (the image core itself is tested in test_images.py)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import (
    ADA,
    REPO,
    SMALL_PROJECT,
    assert_fails_leaving_output,
    error_lines,
    person,
    run_main,
    snapshot,
    write_files,
)
from PIL import ExifTags, Image

from site_builder.build import build, load_site
from site_builder.cache import CACHE_DIR, BuildCache
from site_builder.model import Event, Person, Place
from site_builder.render.pictures import picture_keys

GPS_DATUM = "PLANTED-GPS-DATUM"


def photo(width: int = 1200, height: int = 800, orientation: int = 1) -> bytes:
    """A JPEG photo with a planted EXIF GPS position and an orientation tag."""
    image = Image.new("RGB", (width, height), (200, 40, 40))
    image.paste((40, 40, 200), (0, height // 2, width, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 5.0, 59.0)
    gps[ExifTags.GPS.GPSMapDatum] = GPS_DATUM
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def cmyk_jpeg() -> bytes:
    """A JPEG in CMYK, as print desks send them."""
    buffer = io.BytesIO()
    Image.new("CMYK", (600, 400), (0, 200, 200, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


def transparent_png() -> bytes:
    """A PNG with an alpha channel (a logo)."""
    image = Image.new("RGBA", (500, 300), (0, 0, 0, 0))
    image.paste((20, 120, 20, 255), (100, 50, 400, 250))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def animated_gif() -> bytes:
    """A GIF of three frames."""
    frames = [Image.new("RGB", (300, 200), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
    b'<rect width="400" height="200" fill="#246"/></svg>'
)


def sidecar(
    alt: str = "A red and blue field", credit: str = "Test Desk / Test Press", extra: str = ""
) -> str:
    """A sidecar's text."""
    return f"alt: {alt}\ncredit: {credit}\n{extra}"


def media_project(**extra_files: str | bytes) -> dict[str, str | bytes]:
    """SMALL_PROJECT with a picture of every kind, each with its sidecar, and uses of them."""
    files: dict[str, str | bytes] = {
        **SMALL_PROJECT,
        "content/media/portrait.jpg": photo(1200, 1600, orientation=6),
        "content/media/portrait.jpg.yaml": sidecar(
            "Ada at the talks",
            "Test Desk / Test Press",
            "caption: Ada Lovelace in September.\n"
            "license: All rights reserved\n"
            "source_url: https://example.org/ada\n",
        ),
        "content/media/places/town.jpg": cmyk_jpeg(),
        "content/media/places/town.jpg.yaml": sidecar("The town hall", "Print Desk"),
        "content/media/logo.png": transparent_png(),
        "content/media/logo.png.yaml": sidecar("The front's logo", "The front"),
        "content/media/crowd.gif": animated_gif(),
        "content/media/crowd.gif.yaml": sidecar("A crowd", "Reader"),
        "content/media/map.svg": SVG,
        "content/media/map.svg.yaml": sidecar("A blue box", "Graphics desk"),
        ADA: person(
            "image: media/portrait.jpg\naffiliations: [nrf]\n",
            "Ada lives in [[town]].\n\n![Ada speaking](media/logo.png)\n",
        ),
        "content/places/town.md": (
            "---\nname: The Town\nkind: town\nsummary: Where the talks "
            "took place.\nimage: media/places/town.jpg\n"
            "image_caption: The hall, from the square.\n---\n"
        ),
        "content/events/talks.md": (
            "---\ntitle: Talks resume\ndate: 2021-09-02\nsummary: The "
            "talks resumed.\npeople: [ada]\nplaces: [town]\n"
            "image: media/crowd.gif\nimage_alt: The crowd outside\n---\n"
        ),
        "content/pages/index.md": (
            "---\ntitle: Home\nsummary: What happened in the town.\n"
            "image: media/map.svg\n---\n"
            "The talks involved [[ada]] and [[nrf|the front]].\n"
        ),
    }
    files.update(extra_files)
    return files


@pytest.fixture
def media_root(tmp_path: Path) -> Path:
    """A project using pictures of every kind, not yet built."""
    return write_files(tmp_path / "project", media_project())


@pytest.fixture(scope="module")
def media_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the picture project (project/) and its output (public/), built once per
    module without a cache: never changed, built_media hands each test a copy."""
    folder = tmp_path_factory.mktemp("media-build")
    root = write_files(folder / "project", media_project())
    build(root, folder / "public", {}, use_cache=False)
    return folder


@pytest.fixture
def built_media(media_build: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(root, output folder) of the picture project, built successfully: a copy of media_build
    (copying it costs a tenth of making its pictures again), for the test to break."""
    shutil.copytree(media_build, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path / "project", tmp_path / "public"


def test_pictures_and_their_sidecars_are_loaded_into_the_site(media_root: Path) -> None:
    site = load_site(media_root, {})
    assert sorted(site.media) == [
        "media/crowd.gif",
        "media/logo.png",
        "media/map.svg",
        "media/places/town.jpg",
        "media/portrait.jpg",
    ]
    portrait = site.media["media/portrait.jpg"]
    assert (portrait.path, portrait.sidecar) == (
        "content/media/portrait.jpg",
        "content/media/portrait.jpg.yaml",
    )
    assert (portrait.alt, portrait.credit, portrait.caption) == (
        "Ada at the talks",
        "Test Desk / Test Press",
        "Ada Lovelace in September.",
    )
    assert (portrait.license, portrait.source_url) == ("All rights reserved", "https://example.org/ada")
    assert (portrait.info.width, portrait.info.height) == (1600, 1200)  # turned upright
    assert site.media["media/crowd.gif"].info.frames == 3
    assert site.media["media/logo.png"].info.has_alpha
    assert site.media["media/map.svg"].info.format == "svg"
    ada, town, talks = site.items["ada"], site.items["town"], site.items["talks"]
    assert isinstance(ada, Person) and isinstance(town, Place) and isinstance(talks, Event)
    assert ada.image == "media/portrait.jpg"
    assert town.image_caption == "The hall, from the square."
    assert talks.image_alt == "The crowd outside"


def test_a_project_with_pictures_builds(built_media: tuple[Path, Path]) -> None:
    _, out_dir = built_media
    assert (out_dir / "people" / "ada" / "index.html").is_file()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"content/media/portrait.jpg.yaml": sidecar(extra="credt: x\n")},
            ["content/media/portrait.jpg.yaml:3:1: unknown field 'credt' (did you mean 'credit'?)"],
            id="unknown-key",
        ),
        pytest.param(
            {"content/media/portrait.jpg.yaml": "credit: Test Desk\n"},
            ["content/media/portrait.jpg.yaml:1:1: missing required field 'alt'"],
            id="missing-alt",
        ),
        pytest.param(
            {"content/media/portrait.jpg.yaml": "alt: A field\ncredit: 1989\n"},
            [
                "content/media/portrait.jpg.yaml:2:9: 'credit' must be text, but YAML reads "
                "'1989' as a number; put it in quotes: credit: \"1989\""
            ],
            id="wrong-type",
        ),
        pytest.param(
            {"content/media/portrait.jpg.yaml": sidecar(extra="source_url: example.org\n")},
            [
                "content/media/portrait.jpg.yaml:3:13: 'source_url' must be an absolute "
                "http(s) URL, not 'example.org'"
            ],
            id="bad-url",
        ),
        pytest.param(
            {"content/media/portrait.jpg.yaml": "alt: [a\n"},
            ["content/media/portrait.jpg.yaml:2:1: invalid YAML: did not find expected ',' or ']'"],
            id="bad-yaml",
        ),
        pytest.param(
            {"content/media/portrait.jpg.yml": sidecar()},
            [
                "content/media/portrait.jpg.yml: content/media/ holds pictures (.jpg, .jpeg, "
                ".png, .webp, .gif, .svg), each with a sidecar named after it plus .yaml"
            ],
            id="other-file",
        ),
        pytest.param(
            {"content/media/archive/1998-flood.webp.yaml": sidecar()},
            [
                "content/media/archive/1998-flood.webp.yaml: sidecar without its picture: "
                "there is no content/media/archive/1998-flood.webp"
            ],
            id="lone-sidecar",
        ),
        pytest.param(
            {"content/media/portait.jpg.yaml": sidecar()},
            [
                "content/media/portait.jpg.yaml: sidecar without its picture: there is no "
                "content/media/portait.jpg (did you mean 'media/portrait.jpg'?)"
            ],
            id="lone-sidecar-typo",
        ),
        pytest.param(
            {"content/media/extra.png": b"\x89PNG\r\n\x1a\n"},
            [
                "content/media/extra.png: picture without a sidecar: add "
                "content/media/extra.png.yaml with its alt (what it shows) and credit (who "
                "made it)"
            ],
            id="no-sidecar",
        ),
        pytest.param(
            {ADA: person("image: media/portrait.jpeg\n")},
            [
                "content/people/ada.md:5:1: 'image': no picture 'media/portrait.jpeg' in "
                "content/media/ (did you mean 'media/portrait.jpg'?)"
            ],
            id="missing-image",
        ),
        pytest.param(
            {ADA: person("image: portrait.jpg\n")},
            [
                "content/people/ada.md:5:8: 'image' names a picture in content/media/, like "
                "image: media/portrait.jpg, not 'portrait.jpg'"
            ],
            id="not-in-media",
        ),
        pytest.param(
            {ADA: person("imag: media/portrait.jpg\n")},
            ["content/people/ada.md:5:1: unknown field 'imag' (did you mean 'image'?)"],
            id="unknown-field",
        ),
        pytest.param(
            {ADA: person("", "Intro.\n\n![Ada](media/portrit.jpg)\n")},
            [
                "content/people/ada.md:8:1: no picture 'media/portrit.jpg' in content/media/ "
                "(did you mean 'media/portrait.jpg'?)"
            ],
            id="missing-body-image",
        ),
        pytest.param(
            {ADA: person("", "Ada, ![Ada](media/portrait.jpg) here.\n")},
            [
                "content/people/ada.md:6:6: picture 'media/portrait.jpg' is inside a line of "
                "text: give it a paragraph of its own (a blank line before and after), where "
                "it shows with its caption and credit"
            ],
            id="inline-body-image",
        ),
    ],
)
def test_each_mistake_is_an_error_at_its_place(
    built_media: tuple[Path, Path],
    files: dict[str, str | bytes],
    expected: list[str],
) -> None:
    root, out_dir = built_media
    write_files(root, files)
    assert_fails_leaving_output(root, out_dir, expected)


def failed_build(root: Path, out_dir: Path) -> list[str]:
    """The errors a build that must fail reports (exit 1, no traceback, out_dir untouched)."""
    before = snapshot(out_dir)
    result = run_main("build", "--root", root, "--out", out_dir, cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out_dir) == before
    return error_lines(result.stderr)


def bomb() -> bytes:
    """A 70-megapixel PNG of a few kilobytes: over the default limit of 60."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 7_000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "portrait.jpg",
            b"this is not a picture",
            "content/media/portrait.jpg: not an image (JPEG, PNG, WebP, GIF or SVG)",
        ),
        ("portrait.jpg", photo()[:400], "content/media/portrait.jpg: "),
        (
            "portrait.jpg",
            bomb(),
            "content/media/portrait.jpg: 10000x7000 pixels is 70.0 megapixels: "
            "over the limit of 60 megapixels (site.yaml max_image_megapixels); not decoded",
        ),
        ("map.svg", SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "content/media/map.svg"),
        ("map.svg", SVG.replace(b"<rect", b'<rect onclick="alert(1)"'), "content/media/map.svg"),
    ],
)
def test_a_bad_picture_file_is_an_error_naming_it(
    built_media: tuple[Path, Path],
    name: str,
    data: bytes,
    message: str,
) -> None:
    root, out_dir = built_media
    write_files(root, {f"content/media/{name}": data})
    errors = failed_build(root, out_dir)
    assert len(errors) == 1 and errors[0].startswith(message), errors  # not also the reference


def test_limits_come_from_site_yaml(built_media: tuple[Path, Path]) -> None:
    root, out_dir = built_media
    site_yaml = str(SMALL_PROJECT["content/site.yaml"])
    write_files(root, {"content/site.yaml": site_yaml + "max_image_megapixels: 1\n"})
    assert failed_build(root, out_dir) == [
        "content/media/portrait.jpg: 1200x1600 pixels is 1.9 megapixels: over the limit of 1 "
        "megapixels (site.yaml max_image_megapixels); not decoded: make it smaller, or it may "
        "be a decompression bomb"
    ]
    write_files(root, {"content/site.yaml": site_yaml + "max_image_mb: 0.02\n"})
    assert failed_build(root, out_dir) == [
        f"content/media/portrait.jpg: the file is "
        f"{(root / 'content/media/portrait.jpg').stat().st_size:,} bytes, over the limit of "
        "0.02 MB (site.yaml max_image_mb): make it smaller"
    ]


def test_a_limit_must_be_positive(built_media: tuple[Path, Path]) -> None:
    root, out_dir = built_media
    write_files(root, {"content/site.yaml": str(SMALL_PROJECT["content/site.yaml"]) + "max_image_mb: 0\n"})
    assert_fails_leaving_output(
        root, out_dir, ["content/site.yaml:5:15: 'max_image_mb' must be more than 0, not 0"]
    )


def test_files_other_than_markdown_are_still_refused_outside_media(
    built_media: tuple[Path, Path],
) -> None:
    root, out_dir = built_media
    write_files(root, {"content/people/photo.jpg": photo(40, 30), "content/medias/x.md": "---\n---\n"})
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            "content/medias: unknown content folder 'medias' (did you mean 'media'?); kinds are: "
            "sources, pages, people, places, figures, events, glossary",
            "content/people/photo.jpg: content files end in .md",
        ],
    )


# --- what readers get -----------------------------------------------------------------------

BASE_URL = "https://news.example.org/small/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the picture project, built once with a base_url, through the CLI."""
    root = write_files(tmp_path_factory.mktemp("pictures") / "project", media_project())
    out_dir = root.parent / "public"
    result = run_main("build", "--root", root, "--out", out_dir, "--base-url", BASE_URL, cwd=root)
    assert result.returncode == 0, result.stderr
    return out_dir


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside each <figcaption>."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open: list[str] = []
        self.captions: list[str] = []
        self.credits: list[str] = []
        self.json_ld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "figcaption":
            self.captions.append("")
        if "picture-credit" in attributes.get("class", "").split():
            self.credits.append("")
        self.open.append(attributes.get("class", "") if tag == "span" else tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        in_script = bool(self.open) and self.open[-1] == "script"
        if in_script and self.elements[-1][1].get("type") == "application/ld+json":
            self.json_ld.append(data)
        if "figcaption" in self.open:
            self.captions[-1] += data
        if "picture-credit" in self.open:
            self.credits[-1] += data

    def all(self, tag: str) -> list[dict[str, str]]:
        """The attributes of every element of a kind."""
        return [attributes for name, attributes in self.elements if name == tag]

    def meta(self, key: str) -> str:
        """A <meta property|name=key>'s content ('' when absent)."""
        for attributes in self.all("meta"):
            if key in (attributes.get("property"), attributes.get("name")):
                return attributes["content"]
        return ""


def parse(path: Path) -> Elements:
    """A built page, parsed."""
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def image_at(page: Path, src: str) -> Image.Image:
    """The image file a page's relative URL names, opened."""
    return Image.open(page.parent / src)


def test_a_person_page_shows_the_portrait_first_and_eagerly(published: Path) -> None:
    page = published / "people" / "ada" / "index.html"
    html = parse(page)
    sources, images = html.all("source"), [img for img in html.all("img")]
    portrait = images[0]
    assert portrait["alt"] == "Ada at the talks"
    assert portrait["fetchpriority"] == "high" and "loading" not in portrait
    with image_at(page, portrait["src"]) as fallback:
        assert fallback.format == "JPEG"
        assert (str(fallback.width), str(fallback.height)) == (portrait["width"], portrait["height"])
        assert fallback.size == (1600, 1200)  # the EXIF orientation applied
    assert sources[0]["type"] == "image/webp"
    assert sources[0]["sizes"] == "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"
    candidates = [candidate.split() for candidate in sources[0]["srcset"].split(", ")]
    assert [width for _, width in candidates] == ["480w", "960w", "1600w"]
    for src, width in candidates:
        with image_at(page, src) as derivative:
            assert derivative.format == "WEBP" and f"{derivative.width}w" == width
    assert html.captions[0] == "Ada Lovelace in September. Picture: Test Desk / Test Press"
    assert html.credits[0] == "Picture: Test Desk / Test Press"


def test_a_body_picture_is_a_lazy_figure_with_its_alt_override(published: Path) -> None:
    page = published / "people" / "ada" / "index.html"
    html = parse(page)
    logo = html.all("img")[1]
    assert logo["alt"] == "Ada speaking"
    assert (logo["loading"], logo["decoding"]) == ("lazy", "async")
    assert "fetchpriority" not in logo
    with image_at(page, logo["src"]) as fallback:
        assert fallback.format == "PNG" and fallback.mode == "RGBA"  # transparency kept
    assert html.credits[1] == "Picture: The front"
    text = page.read_text(encoding="utf-8")
    assert "\x00" not in text and "<p><figure" not in text


def test_a_place_page_a_timeline_entry_and_the_home_page_show_theirs(published: Path) -> None:
    place = parse(published / "places" / "town" / "index.html")
    assert place.all("img")[0]["alt"] == "The town hall"
    assert place.captions[0] == "The hall, from the square. Picture: Print Desk"
    timeline_page = published / "timeline" / "index.html"
    timeline = parse(timeline_page)
    thumbnail = timeline.all("img")[0]
    assert thumbnail["alt"] == "The crowd outside" and thumbnail["loading"] == "lazy"
    assert timeline.all("source")[0]["sizes"] == "8rem"
    with image_at(timeline_page, thumbnail["src"]) as still:
        assert getattr(still, "n_frames", 1) == 1  # a still of the animated GIF
    home_page = published / "index.html"
    home = parse(home_page)
    lead = home.all("img")[0]
    assert lead["src"].endswith(".svg") and lead["fetchpriority"] == "high"
    assert (lead["width"], lead["height"]) == ("400", "200")
    assert not [source for source in home.all("source")]  # an SVG has no WebP
    assert SVG.decode() not in home_page.read_text(encoding="utf-8")  # never inlined
    assert (home_page.parent / lead["src"]).read_bytes() == SVG


def test_pages_with_a_raster_picture_share_it(published: Path) -> None:
    ada = parse(published / "people" / "ada" / "index.html")
    image_url = ada.meta("og:image")
    assert image_url.startswith(BASE_URL + "media/portrait-1600.") and image_url.endswith(".jpg")
    assert (published / image_url.removeprefix(BASE_URL)).is_file()
    assert (ada.meta("og:image:width"), ada.meta("og:image:height")) == ("1600", "1200")
    assert ada.meta("og:image:alt") == "Ada at the talks"
    assert ada.meta("twitter:image") == image_url
    assert ada.meta("twitter:card") == "summary_large_image"
    graph = json.loads(ada.json_ld[0])["@graph"]  # structured data names the same picture
    assert graph[0]["primaryImageOfPage"] == {"@type": "ImageObject", "url": image_url}
    assert next(node for node in graph if node["@type"] == "Person")["image"] == image_url
    # An SVG (no social site shows one) and no picture at all: the generated card instead.
    for page in (parse(published / "index.html"), parse(published / "glossary" / "index.html")):
        card = page.meta("og:image")
        assert card.startswith(BASE_URL + "social/") and card.endswith(".png")
        assert (published / card.removeprefix(BASE_URL)).is_file()
        assert page.meta("twitter:card") == "summary_large_image"


def test_data_json_gives_each_picture_as_published(published: Path) -> None:
    """Tools reading data.json get the picture readers see (its URL, size, alt text, caption and
    credit), not the name of a file in content/media/ that is never published."""
    data = json.loads((published / "data.json").read_text(encoding="utf-8"))
    ada = next(person for person in data["people"] if person["slug"] == "ada")
    assert ada["image"] == {
        "url": parse(published / "people" / "ada" / "index.html").meta("og:image"),
        "width": 1600,
        "height": 1200,
        "type": "image/jpeg",
        "alt": "Ada at the talks",
        "caption": "Ada Lovelace in September.",
        "credit": "Test Desk / Test Press",
        "license": "All rights reserved",
        "source_url": "https://example.org/ada",
    }
    town = next(place for place in data["places"] if place["slug"] == "town")
    assert town["image"]["caption"] == "The hall, from the square."  # the item's own caption
    assert "image_caption" not in town and "image_alt" not in town
    talks = next(event for event in data["events"] if event["slug"] == "talks")
    assert talks["image"]["alt"] == "The crowd outside"
    assert (published / talks["image"]["url"].removeprefix(BASE_URL)).is_file()
    assert all("image" not in term for term in data["glossary"])


def test_no_metadata_leaves_in_any_published_picture(published: Path) -> None:
    files = sorted((published / "media").iterdir())
    assert len(files) >= 10
    for path in files:
        data = path.read_bytes()
        assert GPS_DATUM.encode() not in data and b"Exif" not in data, path.name
        if path.suffix == ".svg":
            continue
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not {"exif", "xmp", "icc_profile", "comment"} & image.info.keys(), path.name
            assert image.mode in ("RGB", "RGBA"), path.name  # the CMYK photo converted


def test_only_used_pictures_are_published_and_an_unused_one_is_a_note(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        media_project(
            **{
                "content/media/spare.png": transparent_png(),
                "content/media/spare.png.yaml": sidecar("A spare", "Desk"),
            }
        ),
    )
    result = run_main("check", "--root", root, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "note: content/media/spare.png: no page shows this picture (name it in an item's "
        "image: or a body's ![alt](media/spare.png), or remove it)"
    ) in result.stderr
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir, cwd=root).returncode == 0
    assert not list((out_dir / "media").glob("spare*"))


def test_a_site_without_pictures_publishes_no_picture_stylesheet(
    built_project: tuple[Path, Path],
) -> None:
    _, out_dir = built_project
    assert not list((out_dir / "assets").glob("pictures*"))
    assert not (out_dir / "media").exists()
    assert "pictures" not in (out_dir / "index.html").read_text(encoding="utf-8")


def test_pictures_are_made_again_only_when_they_change(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", media_project())
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir, cwd=root).returncode == 0
    site = load_site(root, {})
    keys = picture_keys(site, root)
    cache = BuildCache(root / CACHE_DIR)
    assert len(keys) == 5 and all(cache.has("pictures", key) for key in keys.values())
    before = snapshot(out_dir)
    assert "up to date" in run_main("build", "--root", root, "--out", out_dir, cwd=root).stdout
    write_files(root, {"content/media/places/town.jpg": photo(900, 600)})
    changed = picture_keys(load_site(root, {}), root)
    assert [ref for ref, key in changed.items() if not cache.has("pictures", key)] == [
        "media/places/town.jpg"
    ]
    assert run_main("build", "--root", root, "--out", out_dir, cwd=root).returncode == 0
    after = snapshot(out_dir)
    assert {path for path in after if path not in before and path.startswith("media/")} == {
        path for path in after if path.startswith("media/town-")
    }
    clean = tmp_path / "clean"
    assert run_main("build", "--root", root, "--out", clean, "--no-cache", cwd=root).returncode == 0
    assert snapshot(clean) == after  # the cached pictures are the ones a clean build makes


def test_a_build_run_from_a_script_on_standard_input_makes_its_pictures(
    media_root: Path, tmp_path: Path
) -> None:
    """`python -` has a main module worker processes cannot import again: the pictures are then
    made in the build's own process, instead of the pool breaking with a traceback."""
    out_dir = tmp_path / "public"
    script = (
        "from site_builder.cli import main\n"
        f"arguments = ['build', '--root', {str(media_root)!r}, '--out', {str(out_dir)!r}, '--no-cache']\n"
        "raise SystemExit(main(arguments))\n"
    )
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    ran = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": python_path},
        timeout=120,
        check=False,
    )
    assert (ran.returncode, ran.stderr) == (0, "")
    assert len(list((out_dir / "media").rglob("*.webp"))) >= 4
