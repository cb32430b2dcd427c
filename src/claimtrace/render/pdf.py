"""Printing a report's HTML to an A4 PDF, with PDF engines registered by name.

The command line's choices, the validation of `--pdf-engine` and the conversion all read
PDF_ENGINES, so an engine is named in one place: the decorator that registers it. Engines
import their heavy libraries when they run, so listing them costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimtrace.errors import RenderError
from claimtrace.render.chromium import CHROMIUM, print_with_chromium
from claimtrace.render.fonts import font_face_css, japanese_font

PdfEngine = Callable[[Path, Path], None]
"""Prints the HTML file (first) to the PDF file (second)."""
PDF_ENGINES: dict[str, PdfEngine] = {}
DEFAULT_PDF_ENGINE = "chromium" if CHROMIUM.exists() else "weasyprint"
"""Chromium, kept open across a render's reports, prints them in about half WeasyPrint's time
(`make bench`, "pdf" rows); WeasyPrint prints where Debian's Chromium is not installed."""


def pdf_engine(name: str) -> Callable[[PdfEngine], PdfEngine]:
    """Register the decorated function as the PDF engine `name`."""

    def register(engine: PdfEngine) -> PdfEngine:
        PDF_ENGINES[name] = engine
        return engine

    return register


def html_to_pdf(html_file: Path, pdf_file: Path, engine: str = DEFAULT_PDF_ENGINE) -> None:
    """Print the report to an A4 PDF with the engine registered as `engine`."""
    if engine not in PDF_ENGINES:
        raise RenderError(f"unknown PDF engine {engine!r}; valid: {', '.join(PDF_ENGINES)}")
    PDF_ENGINES[engine](html_file, pdf_file)


PRINTED_CONTENTS_FROM = 5
"""A report of this many pages or more prints its contents, with page numbers, after its title;
a shorter one is read without them."""
PRINTED_CONTENTS_CSS = """
@media print {
  nav.ct-toc { display: block !important; margin-bottom: 0.6rem !important; }
  nav.ct-toc ol { columns: 2; column-gap: 2rem; }
  nav.ct-toc a::after { content: leader('.') target-counter(attr(href url), page) !important; }
}
"""


@pdf_engine("weasyprint")
def _weasyprint(html_file: Path, pdf_file: Path) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(filename=str(html_file), media_type="print")
    stylesheets = [CSS(string=font_face_css(japanese_font()), font_config=fonts)]
    rendered = document.render(stylesheets=stylesheets, font_config=fonts)
    if len(rendered.pages) >= PRINTED_CONTENTS_FROM:
        # Laid out again with the contents printed: only then are their page numbers known.
        stylesheets.append(CSS(string=PRINTED_CONTENTS_CSS, font_config=fonts))
        rendered = document.render(stylesheets=stylesheets, font_config=fonts)
    rendered.write_pdf(str(pdf_file))


@pdf_engine("chromium")
def _chromium(html_file: Path, pdf_file: Path) -> None:
    print_with_chromium(html_file, pdf_file, PRINTED_CONTENTS_FROM)
