"""How full each page of a PDF is, measured from its page images (poppler's pdftoppm).

A page's fill is the share of its text area (inside the A4 margins of the report stylesheet,
so the running header and page number do not count) that is not blank: every run of blank pixel
rows taller than BLANK_RUN_MM counts as empty, the gaps between lines and paragraphs do not.

    .venv/bin/python -m tests.pages reports/*/report.pdf

prints, per report, its pages, each page's fill and the emptiest page before the last.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

DPI = 40
TOP_MM, BOTTOM_MM = 18, 20
"""The page margins of report.css (@page): the header and footer sit in them."""
BLANK_RUN_MM = 8
INK = 200
"""A pixel darker than this (0 black … 255 white) is ink."""
PDFTOPPM = shutil.which("pdftoppm")


def page_fill(pdf: Path) -> list[float]:
    """Each page's fill, 0 (blank) to 1 (full), in page order."""
    if PDFTOPPM is None:
        raise RuntimeError("pdftoppm not found: apt-get install poppler-utils")
    mm = DPI / 25.4
    fills = []
    with tempfile.TemporaryDirectory() as scratch:
        prefix = Path(scratch) / "page"
        subprocess.run(
            [PDFTOPPM, "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True
        )
        images = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for image in images:
            pixels = np.asarray(Image.open(image).convert("L"))
            area = pixels[int(TOP_MM * mm) : pixels.shape[0] - int(BOTTOM_MM * mm)]
            inked = (area < INK).any(axis=1)
            blank = run = 0
            for row_inked in [*inked, True]:
                if row_inked:
                    blank += run if run > BLANK_RUN_MM * mm else 0
                    run = 0
                else:
                    run += 1
            fills.append(1 - blank / len(inked))
    return fills


def summary(pdf: Path) -> str:
    """'briefing: 7 pages (96% 100% … 31%); emptiest before the last: page 3, 78% full'."""
    fills = page_fill(pdf)
    line = f"{pdf.parent.name}: {len(fills)} pages ({' '.join(f'{f:.0%}' for f in fills)})"
    if len(fills) > 1:
        emptiest = min(range(len(fills) - 1), key=fills.__getitem__)
        line += f"; emptiest before the last: page {emptiest + 1}, {fills[emptiest]:.0%} full"
    return line


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(summary(Path(name)))
