"""Printing reports with a headless Chromium kept open across them: Playwright drives Debian's
Chromium (its own browser download is never used).

Launching the browser costs more than printing a short report, so a render keeps one open per
worker process (render/workers.py) and prints every report of the worker through it; a report
printed where none is kept open (a cluster worker) launches its own.

Chromium has no `target-counter()`, so a report is printed twice: first with its contents shown,
to read from that PDF on which page each section starts (its named destinations, which the
contents' links create); then with those page numbers written in, or, for a report shorter than
`contents_from` pages, with the contents left out. The second print reuses the first's layout
and costs a fraction of it.
"""

from __future__ import annotations

import contextlib
import html
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrace.errors import RenderError
from claimtrace.render.fonts import font_face_css, japanese_font, without_radicals

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path("/usr/lib/chromium/chromium")
PRINT_TIMEOUT_MS = 300_000
"""A report that takes longer than this to load or print fails (the longest print in 100,000
claims takes a few seconds)."""
PAGE_PLACEHOLDER = "00"
"""Stands for a page number in the first print; the leader dots take up any difference."""

PRINT_CSS = """
/* The running title and page number are printed as Chromium's header and footer instead:
   Chromium draws the page's own margin boxes before the page, so their words would come first in
   the PDF's text, and it cannot take the title from the report (`string-set`). */
@page { @top-right { content: none; } @bottom-center { content: none; } }
@media print {
  /* A reader searching the PDF for "confirmed" finds it: no "fi" ligature glyph. */
  body { font-variant-ligatures: no-common-ligatures; }
  nav.ct-toc { display: block !important; margin-bottom: 0.6rem !important; }
  nav.ct-toc ol { columns: 2; column-gap: 2rem; }
  nav.ct-toc li > span.ct-toc-line { display: flex; align-items: baseline; }
  nav.ct-toc .ct-toc-leader { flex: 1 1 1em; overflow: hidden; white-space: nowrap; }
  nav.ct-toc .ct-toc-page { flex: none; padding-left: 0.2em; }
}
"""
LEADER = "\u00a0" + "." * 200
"""The dots between a section's name in the contents and its page, cut where the line ends; the
space before them is kept (a flex item's leading space would not be)."""
RUNNING_STYLE = (
    "font: 8pt 'DejaVu Sans', sans-serif; color: #5b6572; width: 100%; "
    "margin: 0 15mm; font-variant-ligatures: no-common-ligatures"
)
"""As report.css prints its margin boxes (@page), inside its 15 mm side margins."""
RUNNING_FOOTER = (
    f'<div style="{RUNNING_STYLE}; text-align: center">'
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)

# Wraps each entry of the contents in a line with its leader and a placeholder page number.
SHOW_CONTENTS = """([placeholder, leader]) => {
  for (const link of document.querySelectorAll('nav.ct-toc li > a')) {
    const line = document.createElement('span');
    line.className = 'ct-toc-line';
    link.replaceWith(line);
    const dots = Object.assign(document.createElement('span'), {className: 'ct-toc-leader'});
    dots.textContent = leader;
    const page = Object.assign(document.createElement('span'), {className: 'ct-toc-page'});
    page.textContent = placeholder;
    line.append(link, dots, page);
  }
  return document.querySelectorAll('nav.ct-toc a').length;
}"""
# Writes in each entry's page, looked up by its link's target id.
FILL_PAGES = """(pages) => {
  for (const line of document.querySelectorAll('nav.ct-toc span.ct-toc-line')) {
    const id = decodeURIComponent(line.querySelector('a').hash.slice(1));
    line.querySelector('.ct-toc-page').textContent = String(pages[id] ?? '');
  }
}"""
TITLE = "() => (document.querySelector('.ct-title')?.textContent ?? document.title).trim()"
LEAVE_OUT_CONTENTS = "() => document.querySelector('nav.ct-toc')?.remove()"


class Chromium:
    """One headless Chromium: launched as the context opens, closed as it ends."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._page: Page | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._style = PRINT_CSS

    def __enter__(self) -> Chromium:
        if not CHROMIUM.exists():
            raise RenderError(f"--pdf-engine chromium needs {CHROMIUM}; it is not installed")
        from playwright.sync_api import Error, sync_playwright

        self._scratch = tempfile.TemporaryDirectory(prefix="claimtrace-chromium-")
        font = japanese_font()
        searchable = without_radicals(font, Path(self._scratch.name) / font.name)
        self._style = font_face_css(searchable) + PRINT_CSS
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
        except Error as error:
            self._playwright.stop()
            self._scratch.cleanup()
            raise RenderError(f"chromium did not start: {error.message}") from None
        return self

    def __exit__(self, *exception: object) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        if self._scratch is not None:
            self._scratch.cleanup()

    def print_pdf(self, html_file: Path, pdf_file: Path, contents_from: int) -> None:
        """Print `html_file` to an A4 PDF, its contents printed with page numbers when it has
        `contents_from` pages or more."""
        from playwright.sync_api import Error

        if self._browser is None:
            raise RenderError("the browser is not open")
        try:
            if self._page is None:
                self._page = self._print_page(self._browser)
            printed = self._printed(self._page, html_file, contents_from)
        except Error as error:
            if self._page is not None:  # it may be left mid-print: the next report gets another
                with contextlib.suppress(Error):
                    self._page.close()
                self._page = None
            message = " ".join(error.message.split())[:300]
            raise RenderError(f"chromium could not print {html_file}: {message}") from None
        pdf_file.write_bytes(printed)

    @staticmethod
    def _print_page(browser: Browser) -> Page:
        # One page prints report after report: a page per report would start a renderer
        # process for each. It lays out for print from the start.
        page = browser.new_page()
        page.set_default_timeout(PRINT_TIMEOUT_MS)
        page.emulate_media(media="print")
        return page

    def _printed(self, page: Page, html_file: Path, contents_from: int) -> bytes:
        page.goto(html_file.resolve().as_uri())
        page.add_style_tag(content=self._style)
        page.evaluate("document.fonts.ready.then(() => true)")
        entries = page.evaluate(SHOW_CONTENTS, [PAGE_PLACEHOLDER, LEADER])
        title = html.escape(page.evaluate(TITLE))
        header = f'<div style="{RUNNING_STYLE}; text-align: right">{title}</div>'
        if not entries:
            return _print(page, header, final=True)
        count, starts = section_pages(_print(page, header, final=False))
        if count >= contents_from:
            page.evaluate(FILL_PAGES, starts)
        else:
            page.evaluate(LEAVE_OUT_CONTENTS)
        return _print(page, header, final=True)


def _print(page: Page, header: str, final: bool) -> bytes:
    # The outline (bookmarks) comes from the headings of a tagged PDF; the first of two prints,
    # read only for its pages, goes without both (it is quicker so).
    return page.pdf(
        format="A4",
        print_background=True,
        prefer_css_page_size=True,
        outline=final,
        tagged=final,
        display_header_footer=True,
        header_template=header,
        footer_template=RUNNING_FOOTER,
    )


def section_pages(pdf: bytes) -> tuple[int, dict[str, int]]:
    """The PDF's page count and the page (from 1) of each named destination: an element a link
    of the report points to, named by its id."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    starts = {}
    for name, destination in reader.named_destinations.items():
        index = reader.get_destination_page_number(destination)
        if index is not None:  # None: a destination on no page of the document
            starts[name.removeprefix("/")] = index + 1
    return len(reader.pages), starts


KEPT: Chromium | None = None
"""The browser this process prints through, while `kept_open` holds one open."""


@contextmanager
def kept_open() -> Iterator[Chromium]:
    """One browser for every report this process prints until the context ends."""
    global KEPT
    with Chromium() as browser:
        KEPT = browser
        try:
            yield browser
        finally:
            KEPT = None


def print_with_chromium(html_file: Path, pdf_file: Path, contents_from: int) -> None:
    """Print through the browser kept open in this process, or through one launched for this
    report alone."""
    if KEPT is not None:
        KEPT.print_pdf(html_file, pdf_file, contents_from)
        return
    with Chromium() as browser:
        browser.print_pdf(html_file, pdf_file, contents_from)
