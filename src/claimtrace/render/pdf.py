"""Printing a report's HTML to an A4 PDF, with PDF engines registered by name.

The command line's choices, the validation of `--pdf-engine` and the conversion all read
PDF_ENGINES, so an engine is named in one place: the decorator that registers it. Engines
import their heavy libraries when they run, so listing them costs nothing.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from claimtrace.errors import RenderError

PdfEngine = Callable[[Path, Path], None]
"""Prints the HTML file (first) to the PDF file (second)."""
PDF_ENGINES: dict[str, PdfEngine] = {}
DEFAULT_PDF_ENGINE = "weasyprint"
CHROMIUM = Path("/usr/lib/chromium/chromium")


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


@functools.cache
def japanese_font() -> Path:
    """IPAex Gothic as shipped by matplotlib-fontja; without it WeasyPrint draws Japanese as
    empty boxes."""
    package = importlib.util.find_spec("matplotlib_fontja")
    if package is None or package.origin is None:
        raise RenderError("the font package matplotlib-fontja is not installed; run make setup")
    return Path(package.origin).parent / "fonts/ipaexg.ttf"


def _font_face_css() -> str:
    return (
        '@font-face { font-family: "IPAexGothic"; '
        f'src: url("{html.escape(japanese_font().as_uri())}"); }}'
    )


@pdf_engine("weasyprint")
def _weasyprint(html_file: Path, pdf_file: Path) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    HTML(filename=str(html_file), media_type="print").write_pdf(
        str(pdf_file),
        stylesheets=[CSS(string=_font_face_css(), font_config=fonts)],
        font_config=fonts,
    )


@pdf_engine("chromium")
def _chromium(html_file: Path, pdf_file: Path) -> None:
    if not CHROMIUM.exists():
        raise RenderError(f"--pdf-engine chromium needs {CHROMIUM}; it is not installed")
    with tempfile.TemporaryDirectory(prefix="claimtrace-chromium-") as scratch:
        # The font is only reachable as a local file, so it goes into a copy chromium prints.
        printable = Path(scratch) / "report.html"
        document = html_file.read_text(encoding="utf-8")
        style = f"<style>{_font_face_css()}</style></head>"
        printable.write_text(document.replace("</head>", style, 1), encoding="utf-8")
        command = [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--user-data-dir={scratch}/profile",
            f"--print-to-pdf={pdf_file}",
            printable.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or not pdf_file.exists():
        raise RenderError(f"chromium could not print {html_file}: {done.stderr.strip()[-500:]}")
