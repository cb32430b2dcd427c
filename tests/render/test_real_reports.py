"""The real reports, rendered from the real notebooks over the frozen five-seed corpus, read as a
reader reads them: the PDFs page by page, the landing page, and (in test_browser.py) the HTML in
a real browser."""

from __future__ import annotations

import json
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
APPENDIX = "About this report How this report was made"
"""The appendix's heading and first words (the printed contents name it too)."""
REFERENCES = "References The official record's rows"
"""The reference list's heading and first words."""
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
FILE_PATH = re.compile(r"\b(?:data|seeds|notebooks|reports)/|\b[\w*-]+\.(?:csv|txt|ipynb|json)\b")
HEX_HASH = re.compile(r"\b[0-9a-f]{12,}\b")
DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|ca|jp|tr|ph|news|gov|uk)\b")


def pages_text(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def reader_pages(pdf: Path, end: str = APPENDIX) -> list[str]:
    """The pages a reader reads: those before `end` (the 'About this report' appendix), and
    the part of the page it starts on above it."""
    pages = []
    for text in pages_text(pdf):
        if end in text:
            pages.append(text.split(end, 1)[0])
            break
        pages.append(text)
    return pages


def bare_domains(text: str, names: set[str]) -> list[str]:
    """Web domains in a text that are not part of a curated name ('mediawall.news
    (unattributed)', 'Jiji Press via nippon.com' are names)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return DOMAIN.findall(text)


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
    # The references hold the addresses of the record's rows and sources, as written.
    pages = reader_pages(pdf, end=REFERENCES)
    assert len(pages) < len(PdfReader(pdf).pages) + 1 and APPENDIX in " ".join(pages_text(pdf))
    for number, words in enumerate(pages, start=1):
        assert not SNAKE_CASE.findall(words), (job, number, SNAKE_CASE.findall(words))
        assert not ISO_DURATION.findall(words), (job, number, ISO_DURATION.findall(words))
        assert not ids_used_as_names(words, sources), (
            job,
            number,
            ids_used_as_names(words, sources),
        )


@pytest.mark.parametrize("job", [*JOBS, FILTERED])
def test_nothing_before_the_references_is_an_iso_date_a_path_a_hash_or_a_domain(
    rendered: Path, sources: pd.DataFrame, job: str
) -> None:
    reference = load_corpus(FROZEN_DATA).reference
    names = {*sources["reader_name"], *sources["publisher"], *reference["publisher"]}
    pages = reader_pages(rendered / job / "report.pdf", end=REFERENCES)
    assert REFERENCES in " ".join(pages_text(rendered / job / "report.pdf")), job
    for number, text in enumerate(pages, start=1):
        assert not ISO_DATE.findall(text), (job, number, ISO_DATE.findall(text))
        assert not FILE_PATH.findall(text), (job, number, FILE_PATH.findall(text))
        assert not HEX_HASH.findall(text), (job, number, HEX_HASH.findall(text))
        assert not bare_domains(text, names), (job, number, bare_domains(text, names))


@pytest.mark.parametrize("job", [*JOBS, FILTERED])
def test_every_report_keeps_its_outline_and_prints_contents_when_long(
    rendered: Path, job: str
) -> None:
    reader = PdfReader(rendered / job / "report.pdf")

    def titles(outline: list) -> list[str]:
        return [
            t
            for item in outline
            for t in (titles(item) if isinstance(item, list) else [item.title])
        ]

    bookmarks = titles(reader.outline)
    assert "References" in bookmarks and "Bottom line" in bookmarks, (job, bookmarks)
    first = " ".join(reader.pages[0].extract_text().split())
    printed = re.search(r"Contents (?:1\. )?Bottom line \.+ ?1\b", first)
    assert bool(printed) == (len(reader.pages) > 4), (job, len(reader.pages))


WORDS = {"no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
WORDS |= {"eight": 8, "nine": 9}


def _count(said: str) -> int:
    return WORDS[said] if said in WORDS else int(said.replace(",", ""))


@pytest.mark.parametrize(
    "job", ["briefing", "source-reliability", "source-reliability-oct-2022-wire"]
)
def test_the_key_figures_agree_with_the_bottom_line_and_their_labels(
    rendered: Path, job: str
) -> None:
    text = " ".join(pages_text(rendered / job / "report.pdf"))
    said = re.search(
        r"Of the ([\w,]+) claims in this selection, ([\w,]+) can be checked: ([\w,]+) (?:is|are) "
        r"confirmed, ([\w,]+) unconfirmed and ([\w,]+) contradicted; the other ([\w,]+) ",
        text,
    )
    total, checkable, confirmed, unconfirmed, contradicted, rest = map(_count, said.groups())
    figures = {
        label: int(re.search(rf"{re.escape(label)} ([\d,]+)", text)[1].replace(",", ""))
        for label in ("Claims", "… contradicted", "… unconfirmed", "… confirmed", "… not checked")
    }
    assert figures == {
        "Claims": total,
        "… contradicted": contradicted,
        "… unconfirmed": unconfirmed,
        "… confirmed": confirmed,
        "… not checked": rest,
    }
    assert checkable == confirmed + unconfirmed + contradicted and total == checkable + rest
    disputed = int(re.search(r"Events [\d,]+, of them disputed: (\d+)", text)[1])
    kinds = re.search(
        r"Disagreements \(one may be of several kinds\) (\d+) … with the official record (\d+) "
        r"… setting sources against each other (\d+) … of a source with itself (\d+)",
        text,
    )
    disagreements, *by_kind = (int(n) for n in kinds.groups())
    assert disputed <= disagreements and max(by_kind) <= disagreements <= sum(by_kind)


def test_the_wire_report_cites_nothing_outside_its_two_stories(rendered: Path) -> None:
    """The agreement-name disagreement also involves the CIPS blog: the October 2022 wire report
    names neither it nor its claims, and its counts are of its selection."""
    job = "source-reliability-oct-2022-wire"
    text = " ".join(reader_pages(rendered / job / "report.pdf", end=REFERENCES))
    claims = load_corpus(FROZEN_DATA).claims
    cited = {s for c, s in zip(claims["claim_id"], claims["source_id"], strict=True) if c in text}
    assert cited == {"canadian-press", "indiablooms"}, cited
    assert "CIPS" not in text and "RIPS" not in text and "mediawall" not in text


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
        # Every cited record row or web page links to its entry in the reference list.
        linked = set(re.findall(r'href="#ref-([^"]+)"', document))
        assert linked and linked <= set(re.findall(r'id="ref-([^"]+)"', document)), job
        assert document.index("Bottom line") < document.index('id="About-this-report"'), job


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
    # Nothing was rendered or published; the run's summary line is all it leaves.
    assert [path.name for path in tmp_path.iterdir()] == ["runs.jsonl"]
    (summary,) = (tmp_path / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(summary)["exit_code"] == 2
