"""An executed notebook to one self-contained HTML file, and that file to an A4 PDF.

The HTML uses the packaged `claimtrace` nbconvert template: no CDN, no external CSS or fonts,
images inlined, code hidden unless asked. Hyperlinks to the web are reduced to their text and
anything that would still fetch from the network fails the export, so a report opens the same
offline, in an archive, or years later.
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from claimtrace.errors import RenderError

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAME = "claimtrace"
PDF_ENGINES = ("weasyprint", "chromium")
CHROMIUM = Path("/usr/lib/chromium/chromium")
# matplotlib-fontja ships IPAex Gothic; without it WeasyPrint draws Japanese as empty boxes.
JAPANESE_FONT = (
    Path(importlib.util.find_spec("matplotlib_fontja").origin).parent / "fonts/ipaexg.ttf"
)

_TOC_PLACEHOLDER = "<!-- claimtrace:toc -->"
_HEADING = re.compile(
    r'<h([1-3]) id="([^"]+)">(.*?)<a class="anchor-link" href="#[^"]*">', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_WEB_LINK = re.compile(
    r"""(<a\b[^>]*?)\s+href\s*=\s*(?:"(?:https?:)?//[^"]*"|'(?:https?:)?//[^']*'|(?:https?:)?//[^\s>]*)""",
    re.IGNORECASE,
)
_NETWORK_FETCH = re.compile(
    r"""\b(?:src|href|srcset|poster|action|data)\s*=\s*["']?\s*(?:https?:)?//[^\s"'>]*"""
    r"""|url\(\s*["']?\s*(?:https?:)?//[^)]*\)"""
    r"""|@import\s+["']?(?:https?:)?//[^\s"';]*"""
    r"""|\bimport\b[^;\n]*?["'](?:https?:)?//[^"']*["']""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TitleBlock:
    """What the report's first lines say about how it was made."""

    job: str
    title: str
    notebook: str
    run_date: str
    data_hash: str
    parameters: list[dict[str, object]]


def notebook_to_html(notebook: nbformat.NotebookNode, title: TitleBlock, show_code: bool) -> str:
    """The report as one HTML document with a title block and a table of contents."""
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE_NAME,
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"report": title})
    body = without_web_links(body)
    body = body.replace(_TOC_PLACEHOLDER, table_of_contents(body), 1)
    fetches = network_references(body)
    if fetches:
        raise RenderError(
            "the report would load from the network (itables must run with "
            f"init_notebook_mode(connected=False)): {fetches[:5]}"
        )
    return body


def table_of_contents(document: str) -> str:
    """A nav of the document's markdown headings (levels 1-3), linked to their anchors."""
    items = [
        f'<li class="ct-toc-{level}"><a href="#{anchor}">{_TAG.sub("", text).strip()}</a></li>'
        for level, anchor, text in _HEADING.findall(document)
    ]
    if not items:
        return ""
    return '<nav class="ct-toc"><h2>Contents</h2><ol>' + "".join(items) + "</ol></nav>"


def without_web_links(document: str) -> str:
    """Hyperlinks to the web reduced to their text: the report itself points nowhere."""
    return _WEB_LINK.sub(r"\1", document)


def network_references(document: str) -> list[str]:
    """Every place the document would fetch something from the network."""
    return [match.group(0)[:120] for match in _NETWORK_FETCH.finditer(document)]


def html_to_pdf(html_file: Path, pdf_file: Path, engine: str = "weasyprint") -> None:
    """Print the report to an A4 PDF with the chosen engine."""
    if engine == "weasyprint":
        _weasyprint(html_file, pdf_file)
    elif engine == "chromium":
        _chromium(html_file, pdf_file)
    else:
        raise RenderError(f"unknown PDF engine {engine!r}; valid: {', '.join(PDF_ENGINES)}")


def _font_face_css() -> str:
    return (
        '@font-face { font-family: "IPAexGothic"; '
        f'src: url("{html.escape(JAPANESE_FONT.as_uri())}"); }}'
    )


def _weasyprint(html_file: Path, pdf_file: Path) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    HTML(filename=str(html_file), media_type="print").write_pdf(
        str(pdf_file),
        stylesheets=[CSS(string=_font_face_css(), font_config=fonts)],
        font_config=fonts,
    )


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
