"""Pictures in a project: content/media/ with sidecars, references from items and bodies, the
limits in site.yaml; every mistake is an error at path:line:column with exit 1 and the last
output untouched (the image core itself is tested in test_images.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import (
    ADA,
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
from site_builder.model import Event, Person, Place

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
    frames = [Image.new("RGB", (300, 200), colour)
              for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
       b'<rect width="400" height="200" fill="#246"/></svg>')


def sidecar(alt: str = "A red and blue field", credit: str = "Test Desk / Test Press",
            extra: str = "") -> str:
    """A sidecar's text."""
    return f"alt: {alt}\ncredit: {credit}\n{extra}"


def media_project(**extra_files: str | bytes) -> dict[str, str | bytes]:
    """SMALL_PROJECT with a picture of every kind, each with its sidecar, and uses of them."""
    files: dict[str, str | bytes] = {
        **SMALL_PROJECT,
        "content/media/portrait.jpg": photo(1200, 1600, orientation=6),
        "content/media/portrait.jpg.yaml": sidecar("Ada at the talks", "Test Desk / Test Press",
                                                   "caption: Ada Lovelace in September.\n"
                                                   "license: All rights reserved\n"
                                                   "source_url: https://example.org/ada\n"),
        "content/media/places/town.jpg": cmyk_jpeg(),
        "content/media/places/town.jpg.yaml": sidecar("The town hall", "Print Desk"),
        "content/media/logo.png": transparent_png(),
        "content/media/logo.png.yaml": sidecar("The front's logo", "The front"),
        "content/media/crowd.gif": animated_gif(),
        "content/media/crowd.gif.yaml": sidecar("A crowd", "Reader"),
        "content/media/map.svg": SVG,
        "content/media/map.svg.yaml": sidecar("A blue box", "Graphics desk"),
        ADA: person("image: media/portrait.jpg\naffiliations: [nrf]\n",
                    "Ada lives in [[town]].\n\n![Ada speaking](media/logo.png)\n"),
        "content/places/town.md": ("---\nname: The Town\nkind: town\nsummary: Where the talks "
                                   "took place.\nimage: media/places/town.jpg\n"
                                   "image_caption: The hall, from the square.\n---\n"),
        "content/events/talks.md": ("---\ntitle: Talks resume\ndate: 2021-09-02\nsummary: The "
                                    "talks resumed.\npeople: [ada]\nplaces: [town]\n"
                                    "image: media/crowd.gif\nimage_alt: The crowd outside\n---\n"),
        "content/pages/index.md": ("---\ntitle: Home\nsummary: What happened in the town.\n"
                                   "image: media/map.svg\n---\n"
                                   "The talks involved [[ada]] and [[nrf|the front]].\n"),
    }
    files.update(extra_files)
    return files


@pytest.fixture
def media_root(tmp_path: Path) -> Path:
    """A project using pictures of every kind, not yet built."""
    return write_files(tmp_path / "project", media_project())


@pytest.fixture
def built_media(media_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(root, output folder) of the picture project, built once, successfully."""
    out_dir = tmp_path / "public"
    build(media_root, out_dir, {}, use_cache=False)
    return media_root, out_dir


def test_pictures_and_their_sidecars_are_loaded_into_the_site(media_root: Path) -> None:
    site = load_site(media_root, {})
    assert sorted(site.media) == ["media/crowd.gif", "media/logo.png", "media/map.svg",
                                  "media/places/town.jpg", "media/portrait.jpg"]
    portrait = site.media["media/portrait.jpg"]
    assert (portrait.path, portrait.sidecar) == ("content/media/portrait.jpg",
                                                 "content/media/portrait.jpg.yaml")
    assert (portrait.alt, portrait.credit, portrait.caption) == (
        "Ada at the talks", "Test Desk / Test Press", "Ada Lovelace in September.")
    assert (portrait.license, portrait.source_url) == ("All rights reserved",
                                                       "https://example.org/ada")
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


@pytest.mark.parametrize(("files", "expected"), [
    pytest.param({"content/media/portrait.jpg.yaml": sidecar(extra="credt: x\n")},
                 ["content/media/portrait.jpg.yaml:3:1: unknown field 'credt' (did you mean "
                  "'credit'?)"], id="unknown-key"),
    pytest.param({"content/media/portrait.jpg.yaml": "credit: Test Desk\n"},
                 ["content/media/portrait.jpg.yaml:1:1: missing required field 'alt'"],
                 id="missing-alt"),
    pytest.param({"content/media/portrait.jpg.yaml": "alt: A field\ncredit: 1989\n"},
                 ["content/media/portrait.jpg.yaml:2:9: 'credit' must be text, but YAML reads "
                  "'1989' as a number; put it in quotes: credit: \"1989\""], id="wrong-type"),
    pytest.param({"content/media/portrait.jpg.yaml": sidecar(extra="source_url: example.org\n")},
                 ["content/media/portrait.jpg.yaml:3:13: 'source_url' must be an absolute "
                  "http(s) URL, not 'example.org'"], id="bad-url"),
    pytest.param({"content/media/portrait.jpg.yaml": "alt: [a\n"},
                 ["content/media/portrait.jpg.yaml:2:1: invalid YAML: did not find expected ',' "
                  "or ']'"], id="bad-yaml"),
    pytest.param({"content/media/portrait.jpg.yml": sidecar()},
                 ["content/media/portrait.jpg.yml: content/media/ holds pictures (.jpg, .jpeg, "
                  ".png, .webp, .gif, .svg), each with a sidecar named after it plus .yaml"],
                 id="other-file"),
    pytest.param({"content/media/archive/1998-flood.webp.yaml": sidecar()},
                 ["content/media/archive/1998-flood.webp.yaml: sidecar without its picture: "
                  "there is no content/media/archive/1998-flood.webp"], id="lone-sidecar"),
    pytest.param({"content/media/portait.jpg.yaml": sidecar()},
                 ["content/media/portait.jpg.yaml: sidecar without its picture: there is no "
                  "content/media/portait.jpg (did you mean 'media/portrait.jpg'?)"],
                 id="lone-sidecar-typo"),
    pytest.param({"content/media/extra.png": b"\x89PNG\r\n\x1a\n"},
                 ["content/media/extra.png: picture without a sidecar: add "
                  "content/media/extra.png.yaml with its alt (what it shows) and credit (who "
                  "made it)"], id="no-sidecar"),
    pytest.param({ADA: person("image: media/portrait.jpeg\n")},
                 ["content/people/ada.md:5:1: 'image': no picture 'media/portrait.jpeg' in "
                  "content/media/ (did you mean 'media/portrait.jpg'?)"], id="missing-image"),
    pytest.param({ADA: person("image: portrait.jpg\n")},
                 ["content/people/ada.md:5:8: 'image' names a picture in content/media/, like "
                  "image: media/portrait.jpg, not 'portrait.jpg'"], id="not-in-media"),
    pytest.param({ADA: person("imag: media/portrait.jpg\n")},
                 ["content/people/ada.md:5:1: unknown field 'imag' (did you mean 'image'?)"],
                 id="unknown-field"),
    pytest.param({ADA: person("", "Intro.\n\n![Ada](media/portrit.jpg)\n")},
                 ["content/people/ada.md:8:1: no picture 'media/portrit.jpg' in content/media/ "
                  "(did you mean 'media/portrait.jpg'?)"], id="missing-body-image"),
    pytest.param({ADA: person("", "Ada, ![Ada](media/portrait.jpg) here.\n")},
                 ["content/people/ada.md:6:6: picture 'media/portrait.jpg' is inside a line of "
                  "text: give it a paragraph of its own (a blank line before and after), where "
                  "it shows with its caption and credit"], id="inline-body-image"),
])
def test_each_mistake_is_an_error_at_its_place(
    built_media: tuple[Path, Path], files: dict[str, str | bytes], expected: list[str],
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


@pytest.mark.parametrize(("data", "message"), [
    (b"this is not a picture", "content/media/portrait.jpg: not an image (JPEG, PNG, WebP, GIF or SVG)"),
    (photo()[:400], "content/media/portrait.jpg: "),
])
def test_a_bad_picture_file_is_an_error_naming_it(
    built_media: tuple[Path, Path], data: bytes, message: str,
) -> None:
    root, out_dir = built_media
    write_files(root, {"content/media/portrait.jpg": data})
    errors = failed_build(root, out_dir)
    assert len(errors) == 1 and errors[0].startswith(message), errors  # not also the reference


def test_limits_come_from_site_yaml(built_media: tuple[Path, Path]) -> None:
    root, out_dir = built_media
    site_yaml = str(SMALL_PROJECT["content/site.yaml"])
    write_files(root, {"content/site.yaml": site_yaml + "max_image_megapixels: 1\n"})
    assert failed_build(root, out_dir) == [
        "content/media/portrait.jpg: 1200x1600 pixels is 1.9 megapixels: over the limit of 1 "
        "megapixels (site.yaml max_image_megapixels); not decoded: make it smaller, or it may "
        "be a decompression bomb"]
    write_files(root, {"content/site.yaml": site_yaml + "max_image_mb: 0.02\n"})
    assert failed_build(root, out_dir) == [
        f"content/media/portrait.jpg: the file is "
        f"{(root / 'content/media/portrait.jpg').stat().st_size:,} bytes, over the limit of "
        "0.02 MB (site.yaml max_image_mb): make it smaller"]


def test_a_limit_must_be_positive(built_media: tuple[Path, Path]) -> None:
    root, out_dir = built_media
    write_files(root, {"content/site.yaml": str(SMALL_PROJECT["content/site.yaml"])
                       + "max_image_mb: 0\n"})
    assert_fails_leaving_output(root, out_dir, [
        "content/site.yaml:5:15: 'max_image_mb' must be more than 0, not 0"])


def test_files_other_than_markdown_are_still_refused_outside_media(
    built_media: tuple[Path, Path],
) -> None:
    root, out_dir = built_media
    write_files(root, {"content/people/photo.jpg": photo(40, 30),
                       "content/medias/x.md": "---\n---\n"})
    assert_fails_leaving_output(root, out_dir, [
        "content/medias: unknown content folder 'medias' (did you mean 'media'?); kinds are: "
        "sources, pages, people, places, figures, events, glossary",
        "content/people/photo.jpg: content files end in .md",
    ])
