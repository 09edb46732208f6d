"""Time the place pages' locator maps alone, so their cost is not drowned by the rest of a build.

    python bench/maps.py ROOT [--rounds 5]

Loads the site at ROOT (e.g. a corpus.py project) through build.load_site, then draws every
place's own map (charts.place_locator) as place.html does, ROUND times. Prints, per round, the
seconds for all maps, then the median, and a SHA-256 of every map's SVG: two trees that print the
same digest drew the same bytes. The first round also pays for decoding the basemap data (once
per process), so it is reported but left out of the median.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from pathlib import Path

from site_builder.build import load_site
from site_builder.model import Place
from site_builder.render.chart_sizes import read_chart_sizes
from site_builder.render.charts import place_locator
from site_builder.render.theme import find_theme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    site = load_site(args.root, {})
    sizes = read_chart_sizes(find_theme(args.root))
    places = [item for item in site.of_kind("places") if isinstance(item, Place)]
    mapped = [p for p in places if p.coordinates]

    def url(item: Place) -> str:
        return site.urls[item.slug]

    seconds: list[float] = []
    digest = ""
    for round_no in range(args.rounds):
        started = time.process_time()
        svgs = [place_locator(p, places, url, sizes) for p in mapped]
        seconds.append(time.process_time() - started)
        digest = hashlib.sha256("\n".join(svgs).encode()).hexdigest()
        print(f"round {round_no + 1}: {len(mapped)} maps in {seconds[-1]:.3f} s CPU")
    measured = seconds[1:] or seconds
    print(f"median (rounds after the first): {statistics.median(measured):.3f} s CPU")
    print(f"sha256 of all maps: {digest}")


if __name__ == "__main__":
    main()
