"""The font Japanese text is printed in: IPAex Gothic as shipped by matplotlib-fontja. Without it
WeasyPrint draws Japanese as empty boxes."""

from __future__ import annotations

import functools
import html
import importlib.util
from pathlib import Path

from claimtrace.errors import RenderError

JAPANESE_FAMILY = "IPAexGothic"
RADICALS = range(0x2E80, 0x2FE0)
"""The CJK radicals: IPAex draws each with the glyph of its ideograph (⽇ U+2F47 as 日 U+65E5)."""


@functools.cache
def japanese_font() -> Path:
    package = importlib.util.find_spec("matplotlib_fontja")
    if package is None or package.origin is None:
        raise RenderError("the font package matplotlib-fontja is not installed; run make setup")
    return Path(package.origin).parent / "fonts/ipaexg.ttf"


def font_face_css(font: Path) -> str:
    """The @font-face rule that names `font` as the Japanese family."""
    address = html.escape(font.as_uri())
    return f'@font-face {{ font-family: "{JAPANESE_FAMILY}"; src: url("{address}"); }}'


def without_radicals(font: Path, copy: Path) -> Path:
    """Write a copy of `font` whose characters include no CJK radical, and return it.

    A PDF says which character each glyph stands for by one of the characters drawn with it;
    Chromium picks the lowest, the radical, so a reader searching its PDF for 日本 would not
    find it. Without the radicals the glyph stands for its ideograph."""
    from fontTools.ttLib import TTFont

    edited = TTFont(str(font), lazy=True)  # only the character map is read and written again
    for table in edited["cmap"].tables:
        for code in [code for code in table.cmap if code in RADICALS]:
            del table.cmap[code]
    edited.save(str(copy))
    return copy
