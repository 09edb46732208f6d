"""Subset DejaVu Sans Bold into the social cards' default font: site_builder/data/card-font.ttf.

Run once, by hand, when the font or its coverage should change; the build never needs
fontTools (the output ships in the wheel, as the basemap does):

    pip install --target /tmp/fonttools fonttools==4.55.0
    PYTHONPATH=/tmp/fonttools python tools/make_card_font.py \
        /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf site_builder/data/card-font.ttf

The input is DejaVu Sans Bold 2.37 (Debian's fonts-dejavu-core, or dejavu-fonts.github.io).
The subset keeps the scripts a newsroom's titles use most (every Latin letter, Vietnamese
included; Greek; Cyrillic; the Arabic letters of Arabic and Persian, with Persian digits, and
Hebrew), general punctuation (dashes, curly quotes, the zero-width (non-)joiners Persian needs),
currency signs, letterlike symbols and arrows, and the OpenType features that join Arabic letters
and place marks (Pillow's Raqm layout shapes with them): 144 kB instead of 709 kB (106 kB
without Arabic and Hebrew). Hinting is dropped (the cards are drawn at 30 px and up, where
FreeType's own hinting does as well). The font keeps its name, which holds neither "Bitstream",
"Vera" nor "Arev", as the licences ask of a modified font (site_builder/data/DEJAVU.md).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-not-found]  # a tool's own dependency

UNICODES = (
    "U+0020-007E,U+00A0-024F,U+1E00-1EFF,"  # Latin: Basic, Latin-1, Extended-A and -B, Additional
    "U+0370-03FF,U+0400-04FF,"  # Greek and Coptic, Cyrillic
    "U+0590-05FF,U+0600-06FF,"  # Hebrew, Arabic (Persian letters and digits included)
    "U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF"  # punctuation, currency, letterlike, arrows
)


def main(source: Path, target: Path) -> None:
    subset.main(
        [
            str(source),
            f"--unicodes={UNICODES}",
            f"--output-file={target}",
            # kern and liga for every script; the rest join Arabic letters and place marks
            "--layout-features=kern,liga,ccmp,init,medi,fina,rlig,mark,mkmk",
            "--no-hinting",
            "--desubroutinize",
        ]
    )
    print(f"{source} (sha256 {hashlib.sha256(source.read_bytes()).hexdigest()[:16]}…)")
    print(f"-> {target}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
