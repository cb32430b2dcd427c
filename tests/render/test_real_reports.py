"""The real reports, rendered from the real notebooks over the frozen five-seed corpus, read as a
reader reads them: the PDFs page by page, the landing page, and (in test_browser.py) the HTML in
a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from claimtrace.corpus.load import load_corpus
from tests.factories import FROZEN_DATA, ROOT, ids_used_as_names
from tests.pages import PDFTOPPM, page_fill
from tests.render.conftest import FILTERED, JOBS, render

pytestmark = pytest.mark.slow  # renders every real report

WEB_FETCH = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
ISO_DURATION = re.compile(r"\bP(?=\d|T\d)(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?\b")
APPENDIX = "About this report"


def pages_text(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def reader_pages(pdf: Path) -> list[str]:
    """The pages a reader reads: those before the 'About this report' appendix, and the part
    of the appendix's first page above its heading."""
    pages = []
    for text in pages_text(pdf):
        if APPENDIX in text:
            pages.append(text.split(APPENDIX, 1)[0])
            break
        pages.append(text)
    return pages


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_corpus(FROZEN_DATA).sources


def test_briefing_page_one_is_the_bottom_line_with_the_main_disagreements(
    rendered: Path,
) -> None:
    first = pages_text(rendered / "briefing" / "report.pdf")[0]
    assert first.casefold().startswith("claimtrace · analytical report canada–japan security")
    assert "Bottom line" in first and "Key judgements" in first
    assert (
        "The Agreement on the Security of Information was signed in Tokyo on 8 July 2025 by "
        "foreign ministers Anita Anand and Takeshi Iwaya" in first
    )
    assert "gives the place as Ottawa" in first
    assert "names Mélanie Joly as Canada's foreign minister" in first
    assert "not General Data Protection Agreement as Canadian Press has it" in first
    for tag in ("mediawall-04", "mediawall-06", "canadian-press-08"):
        assert tag in first
    assert "Data as of" in first
    assert "data_dir" not in first and "Notebook" not in first  # the run block is at the end


@pytest.mark.parametrize("job", [*JOBS, FILTERED])
def test_no_page_before_the_appendix_shows_a_key_a_duration_or_a_source_id(
    rendered: Path, sources: pd.DataFrame, job: str
) -> None:
    pdf = rendered / job / "report.pdf"
    pages = reader_pages(pdf)
    assert len(pages) < len(PdfReader(pdf).pages) + 1 and APPENDIX in " ".join(pages_text(pdf))
    for number, text in enumerate(pages, start=1):
        # Captions name the curated files (data/claims.csv …): paths, not words of the report.
        words = re.sub(r"\S+\.(?:csv|txt)\b", " ", text)
        assert not SNAKE_CASE.findall(words), (job, number, SNAKE_CASE.findall(words))
        assert not ISO_DURATION.findall(words), (job, number, ISO_DURATION.findall(words))
        assert not ids_used_as_names(words, sources), (
            job,
            number,
            ids_used_as_names(words, sources),
        )


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm not found: apt-get install poppler-utils")
@pytest.mark.parametrize("job", [*JOBS, FILTERED])
def test_no_page_but_the_last_is_more_than_half_blank(rendered: Path, job: str) -> None:
    fills = page_fill(rendered / job / "report.pdf")
    half_blank = [(page, f"{fill:.0%}") for page, fill in enumerate(fills[:-1], 1) if fill < 0.5]
    assert not half_blank, (job, fills)


def test_a_filtered_report_states_one_count_per_figure(rendered: Path) -> None:
    """The text of the filtered report: its summary and key figures count the same claims, and
    a grade over more than the selection says so. (The charts, images on paper, are checked
    against the same selection in tests/present/test_report.py.)"""
    text = " ".join(pages_text(rendered / FILTERED / "report.pdf"))
    claims = int(re.search(r"Claims (\d+)", text)[1])
    assert f"Of the {claims} claims in this selection" in text
    shown = [int(n) for n in re.findall(r"over all its \d+ claims \((\d+) in this selection", text)]
    assert len(shown) == 2 and sum(shown) == claims


def test_every_report_html_is_self_contained(rendered: Path) -> None:
    for job in [*JOBS, FILTERED]:
        document = (rendered / job / "report.html").read_text(encoding="utf-8")
        assert not WEB_FETCH.search(document), job
        assert document.index("Bottom line") < document.index(APPENDIX), job


def test_the_landing_page_lists_reports_in_reading_order(rendered: Path) -> None:
    index = (rendered / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r"<li><h2>([^<]*)</h2>", index)
    assert titles[0] == "Canada–Japan security cooperation: briefing"
    assert titles.index("Claims explorer") < titles.index("Agreements timeline")
    assert titles.index("Agreements timeline") < titles.index("Source reliability")
    assert 'href="briefing/report.pdf">Print (PDF)' in index
    assert "data as of 29 August 2025" in index
    assert "The bottom line first" in index  # what the briefing tells
    assert index.count("<details><summary>Operator details</summary>") == len(titles)


def test_an_unknown_source_is_refused_before_any_kernel_starts(tmp_path: Path) -> None:
    notebook = str(ROOT / "notebooks" / "03_source_reliability.ipynb")
    done = render(tmp_path, "--notebook", notebook, "-p", "sources", "[reuters]")
    assert done.returncode == 2
    assert "reuters" in done.stderr and "canadian-press" in done.stderr
    assert "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir())
