"""Image derivatives, cold: 30 photos of 4000x3000 px to WebP at 480, 960 and 1600 px plus a JPEG
fallback each, in one worker process and in two (the machines have two cores).

    python bench/images.py [--photos 30] [--runs 3]

The photos are made once into bench/out/images/photos/ (deterministic: shapes, strokes and
sensor-like noise, EXIF with a GPS position, JPEG quality 90, 3-4 MB each, like a phone's).
Each run starts new worker processes (spawn) and writes every derivative into a new folder, as a
cold build would. Prints the median wall time of the runs, seconds per photo, the peak resident
size of one worker, and the output sizes. The no-change case comes with the wiring: there the
build's cache (keyed by images.derivative_key) re-encodes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder.images import make_derivatives  # noqa: E402  (after the path is set)

OUT = REPO / "bench" / "out" / "images"
SIZE = (4000, 3000)


def make_photo(seed: int, dest_path: Path) -> None:
    """A photo-like 4000x3000 JPEG: hundreds of shapes and thousands of strokes for detail, softened
    a little, with sensor-like noise and a planted GPS position (3-4 MB, like a phone's)."""
    chance = random.Random(seed)

    def colour() -> tuple[int, int, int]:
        return chance.randrange(256), chance.randrange(256), chance.randrange(256)

    half = Image.new("RGB", (SIZE[0] // 2, SIZE[1] // 2), colour())
    draw = ImageDraw.Draw(half)
    for _ in range(400):
        x, y, size = (
            chance.randrange(-200, half.width),
            chance.randrange(-200, half.height),
            chance.randrange(10, 600),
        )
        draw.ellipse((x, y, x + size, y + size * chance.uniform(0.3, 1.5)), fill=colour())
    for _ in range(6000):
        x, y = chance.randrange(half.width), chance.randrange(half.height)
        draw.line(
            (x, y, x + chance.randrange(-60, 60), y + chance.randrange(-60, 60)),
            fill=colour(),
            width=chance.randrange(1, 4),
        )
    photo = half.filter(ImageFilter.GaussianBlur(1)).resize(SIZE, Image.Resampling.BICUBIC)
    photo = Image.blend(photo, Image.effect_noise(SIZE, 40).convert("RGB"), 0.12)
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (35.0, 18.0, 0.0)
    photo.save(dest_path, quality=90, exif=exif.tobytes())


Written = list[tuple[str, int, int]]
"""(MIME type, width, bytes) of each file written for one photo."""


def derive_file(src_path: Path, dest_dir: Path) -> tuple[Written, int]:
    """One photo's derivatives written to dest_dir, and the worker's peak resident size (KiB)."""
    result = make_derivatives(src_path.read_bytes(), f"content/media/{src_path.name}")
    written = []
    for derivative in (*result.sources, result.fallback):
        (dest_dir / derivative.file_name).write_bytes(derivative.data)
        written.append((derivative.mime_type, derivative.width, len(derivative.data)))
    return written, peak_resident_kib()


def peak_resident_kib() -> int:
    """This process's peak resident size: Linux's VmHWM, which starts afresh at exec; ru_maxrss
    would carry over the parent's peak into a spawned worker (fork, then exec)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(photos: list[Path], workers: int, dest_dir: Path) -> tuple[float, int, list[Written]]:
    """Wall time of one cold run with `workers` new processes, the largest worker's peak resident
    size (KiB), and what each photo gave."""
    shutil.rmtree(dest_dir, ignore_errors=True)
    dest_dir.mkdir(parents=True)
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(derive_file, photos, [dest_dir] * len(photos)))
    elapsed = time.perf_counter() - start
    return elapsed, max(peak for _, peak in results), [written for written, _ in results]


def main() -> None:
    """Make the photos if needed, time the runs, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    photo_dir = OUT / "photos"
    photo_dir.mkdir(parents=True, exist_ok=True)
    photos = [photo_dir / f"photo-{index:02}.jpg" for index in range(args.photos)]
    for index, photo in enumerate(photos):
        if not photo.exists():
            make_photo(index, photo)
    source_bytes = sum(photo.stat().st_size for photo in photos)
    print(
        f"{len(photos)} photos of {SIZE[0]}x{SIZE[1]} px, {source_bytes / 1e6:,.1f} MB of JPEG; "
        f"{os.cpu_count()} cores, load average before: {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| workers | median wall time (runs) | per photo | peak RSS of a worker |")
    print("| ---: | ---: | ---: | ---: |")
    outputs: list[Written] = []
    for workers in (1, 2):
        times, peaks = [], []
        for _ in range(args.runs):
            elapsed, peak_kib, outputs = run(photos, workers, OUT / "derivatives")
            times.append(elapsed)
            peaks.append(peak_kib)
        median = statistics.median(times)
        print(
            f"| {workers} | {median:.2f} s ({', '.join(f'{t:.1f}' for t in times)}) | "
            f"{median / len(photos):.3f} s | {max(peaks) / 1024:.0f} MB |"
        )
    sizes: dict[tuple[str, int], list[int]] = defaultdict(list)
    for photo_outputs in outputs:
        for mime_type, width, size in photo_outputs:
            sizes[(mime_type, width)].append(size)
    print()
    print("| output | mean size | total |")
    print("| --- | ---: | ---: |")
    for (mime_type, width), values in sorted(sizes.items()):
        print(
            f"| {mime_type} {width} px | {statistics.mean(values) / 1000:,.0f} kB | "
            f"{sum(values) / 1e6:,.1f} MB |"
        )


if __name__ == "__main__":
    main()
