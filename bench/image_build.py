"""Pictures in a whole build: a project whose home page shows 30 photos of 4000x3000 px, built
cold (no cache), again with nothing changed, and again after one photo changed.

    python bench/image_build.py [--photos 30]

The photos are bench/images.py's (made once into bench/out/images/photos/). Each build runs
`python -m site_builder build` as a user does, so the times include starting Python; cold starts
from an empty cache and output folder, the others reuse both. Prints each build's wall time, the
derivatives written, and their total size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from images import OUT, SIZE, make_photo  # noqa: E402  (after the path is set)

PROJECT = OUT / "project"


def write_project(photos: list[Path]) -> None:
    """A one-page explainer whose home page body shows every photo, each with its sidecar."""
    shutil.rmtree(PROJECT, ignore_errors=True)
    media = PROJECT / "content" / "media"
    media.mkdir(parents=True)
    (PROJECT / "content" / "pages").mkdir()
    (PROJECT / "content" / "site.yaml").write_text(
        "title: Pictures\ndescription: A benchmark of pictures.\nlanguage: en\n", encoding="utf-8"
    )
    body = []
    for photo in photos:
        shutil.copyfile(photo, media / photo.name)
        (media / f"{photo.name}.yaml").write_text(
            f"alt: Test picture {photo.stem}\ncredit: Bench desk\n", encoding="utf-8"
        )
        body.append(f"![](media/{photo.name})\n")
    (PROJECT / "content" / "pages" / "index.md").write_text(
        "---\ntitle: Pictures\n---\n" + "\n".join(body), encoding="utf-8"
    )


def timed_build(*extra: str) -> float:
    """Wall time of one `site-builder build` of the project."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--root",
            str(PROJECT),
            "--out",
            str(PROJECT / "public"),
            *extra,
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    """Make the photos and the project, time the three builds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=30)
    args = parser.parse_args()
    photo_dir = OUT / "photos"
    photo_dir.mkdir(parents=True, exist_ok=True)
    photos = [photo_dir / f"photo-{index:02}.jpg" for index in range(args.photos)]
    for index, photo in enumerate(photos):
        if not photo.exists():
            make_photo(index, photo)
    write_project(photos)
    source_mb = sum(photo.stat().st_size for photo in photos) / 1e6
    print(
        f"{len(photos)} photos of {SIZE[0]}x{SIZE[1]} px ({source_mb:,.1f} MB of JPEG) on one "
        f"page; {os.cpu_count()} cores, load average before: {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| build | wall time |")
    print("| --- | ---: |")
    print(f"| cold (no cache, no output) | {timed_build():.2f} s |")
    print(f"| nothing changed | {timed_build():.2f} s |")
    make_photo(1000, PROJECT / "content" / "media" / photos[0].name)
    print(f"| one photo changed | {timed_build():.2f} s |")
    derivatives = list((PROJECT / "public" / "media").iterdir())
    print()
    print(
        f"{len(derivatives)} derivatives, {sum(p.stat().st_size for p in derivatives) / 1e6:,.1f} MB in all"
    )


if __name__ == "__main__":
    main()
