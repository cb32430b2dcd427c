"""Printing with a kept-open Chromium (render/chromium.py): what a reader relies on in the PDF
(printed contents with the right page numbers, the outline, searchable Japanese, the running
title and page numbers) and one browser for every report printed while it is kept open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from claimtrace.errors import RenderError
from claimtrace.render import chromium
from claimtrace.render.chromium import CHROMIUM, kept_open, print_with_chromium
from claimtrace.render.fonts import RADICALS, japanese_font, without_radicals
from claimtrace.render.pdf import PRINTED_CONTENTS_FROM, html_to_pdf

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: apt-get install chromium"
)

TALL = '<div style="height: 400mm"></div>'
"""More than a page: the section after it starts a page later than its place in order."""


def report(path: Path, sections: list[str]) -> Path:
    """A report as the template writes one: masthead, contents, a section per entry, each on
    a new page."""
    # The font stack of report.css: Japanese in IPAex Gothic.
    style = 'body { font-family: "DejaVu Sans", "IPAexGothic", sans-serif; }'
    style += " section + section { break-before: page; }"
    contents = "".join(
        f'<li class="ct-toc-2"><a href="#Part-{n}">Part {n}</a></li>'
        for n in range(1, len(sections) + 1)
    )
    body = "".join(
        f'<section><h2 id="Part-{n}">Part {n}</h2>{content}</section>'
        for n, content in enumerate(sections, start=1)
    )
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'><title>Demo</title>"
        f"<style>@media print {{ nav.ct-toc {{ display: none; }} }} {style}</style></head>"
        f'<body><h1 class="ct-title">Demo report</h1><nav class="ct-toc"><h2>Contents</h2>'
        f"<ol>{contents}</ol></nav>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def words(page: object) -> str:
    return " ".join(page.extract_text().split())  # type: ignore[attr-defined]


def outline_pages(reader: PdfReader, outline: list | None = None) -> dict[str, int]:
    """Each bookmark's title and page, nested ones included."""
    pages = {}
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            pages |= outline_pages(reader, item)
        else:
            pages[item.title] = reader.get_destination_page_number(item) + 1
    return pages


def test_the_copy_of_the_japanese_font_keeps_ideographs_and_drops_radicals(
    tmp_path: Path,
) -> None:
    from fontTools.ttLib import TTFont

    original = TTFont(str(japanese_font()))["cmap"].getBestCmap()
    assert 0x2F47 in original  # ⽇, drawn with the glyph of 日: what the copy is for
    copy = TTFont(str(without_radicals(japanese_font(), tmp_path / "font.ttf")))
    kept = copy["cmap"].getBestCmap()
    assert not [code for code in kept if code in RADICALS]
    assert kept[ord("日")] == original[ord("日")] and len(kept) > 0.9 * len(original)


@needs_chromium
def test_a_long_report_prints_its_contents_with_the_pages_its_sections_start_on(
    tmp_path: Path,
) -> None:
    sections = ["<p>One.</p>", "<p>Two.</p>", f"<p>Three.</p>{TALL}", "<p>Four.</p>"]
    sections += ["<p>Five.</p>"]
    pdf = tmp_path / "report.pdf"
    print_with_chromium(report(tmp_path / "report.html", sections), pdf, PRINTED_CONTENTS_FROM)
    reader = PdfReader(pdf)
    first = words(reader.pages[0])
    printed = dict(re.findall(r"\d\. (Part \d) \.+ ?(\d+)", first))
    assert {part: int(page) for part, page in printed.items()} == {
        "Part 1": 1,
        "Part 2": 2,
        "Part 3": 3,
        "Part 4": 5,
        "Part 5": 6,
    }
    assert outline_pages(reader) == {
        "Demo report": 1,
        "Contents": 1,
        "Part 1": 1,
        "Part 2": 2,
        "Part 3": 3,
        "Part 4": 5,
        "Part 5": 6,
    }
    # Masthead first, then the contents; the running title and page number close the page.
    assert first.startswith("Demo report Contents 1. Part 1")
    assert first.endswith("Demo report Page 1 of 6"), first


@needs_chromium
def test_a_short_report_keeps_its_outline_without_printed_contents(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    html = report(tmp_path / "report.html", ["<p>One.</p>", "<p>Two.</p>"])
    print_with_chromium(html, pdf, PRINTED_CONTENTS_FROM)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert "Contents" not in words(reader.pages[0])
    assert outline_pages(reader) == {"Demo report": 1, "Part 1": 1, "Part 2": 2}


@needs_chromium
def test_japanese_text_is_printed_in_ipaex_and_read_back_as_written(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    html = report(tmp_path / "report.html", ["<p>日本語の段落: 日本とカナダの防衛協力。</p>"])
    html_to_pdf(html, pdf, "chromium")
    reader = PdfReader(pdf)
    assert "日本とカナダの防衛協力" in words(reader.pages[0])
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("IPAex" in font for font in fonts), fonts


@needs_chromium
def test_reports_printed_while_a_browser_is_kept_open_are_printed_through_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launches = []
    launch = chromium.Chromium.__enter__

    def counted(self: chromium.Chromium) -> chromium.Chromium:
        launches.append(self)
        return launch(self)

    monkeypatch.setattr(chromium.Chromium, "__enter__", counted)
    html = report(tmp_path / "report.html", ["<p>One.</p>"])
    with kept_open():
        for name in ("a.pdf", "b.pdf", "c.pdf"):
            print_with_chromium(html, tmp_path / name, PRINTED_CONTENTS_FROM)
    assert len(launches) == 1 and chromium.KEPT is None
    print_with_chromium(html, tmp_path / "d.pdf", PRINTED_CONTENTS_FROM)
    assert len(launches) == 2  # none kept open: the report launches its own
    assert all((tmp_path / name).stat().st_size > 0 for name in ("a.pdf", "c.pdf", "d.pdf"))


@needs_chromium
def test_a_report_that_cannot_be_printed_is_one_line_naming_it_and_the_next_prints(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone.html"
    with kept_open() as browser:
        with pytest.raises(RenderError, match=r"chromium could not print .*gone\.html: ") as raised:
            browser.print_pdf(missing, tmp_path / "gone.pdf", PRINTED_CONTENTS_FROM)
        html = report(tmp_path / "report.html", ["<p>One.</p>"])
        browser.print_pdf(html, tmp_path / "report.pdf", PRINTED_CONTENTS_FROM)
    assert "\n" not in str(raised.value)
    assert not (tmp_path / "gone.pdf").exists()
    assert "One." in words(PdfReader(tmp_path / "report.pdf").pages[0])


def test_without_chromium_the_engine_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "no-chromium")
    html = report(tmp_path / "report.html", ["<p>One.</p>"])
    with pytest.raises(RenderError, match=r"needs .*no-chromium; it is not installed"):
        print_with_chromium(html, tmp_path / "report.pdf", PRINTED_CONTENTS_FROM)


def browser_kept_here() -> bool:
    """In a worker of the pool: whether it keeps a browser open for its reports."""
    return chromium.KEPT is not None


@needs_chromium
@pytest.mark.parametrize("keep", [True, False])
def test_a_render_worker_keeps_a_browser_only_when_it_prints_with_chromium(
    tmp_path: Path, keep: bool
) -> None:
    from claimtrace.render.workers import worker_pool

    with worker_pool(1, {}, jobs=1, cwd=tmp_path, keep_browser=keep) as pool:
        assert pool.submit(browser_kept_here).result() is keep
