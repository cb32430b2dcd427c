"""The real briefing, rendered from the real notebook and data, says what the seeds support."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories import ROOT

pytestmark = pytest.mark.slow  # renders the real briefing

WEB_FETCH = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def render(reports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimtrace.cli", "render", "--reports-dir", str(reports)]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("reports")
    done = render(reports, "--job", "briefing")
    assert done.returncode == 0, done.stderr
    return reports / "briefing"


def test_briefing_pdf_states_the_findings_the_seeds_support(briefing: Path) -> None:
    pages = PdfReader(briefing / "report.pdf").pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Canada–Japan security cooperation: briefing" in text
    assert "mediawall gives the place as Ottawa; the record (R12, R13) and rips give Tokyo" in text
    assert "“called the General Data Protection Agreement”" in text
    assert "six priorities" in text and "missing: energy security (record R07)" in text
    assert "Page 1 of" in text


def test_briefing_html_is_self_contained(briefing: Path) -> None:
    html = (briefing / "report.html").read_text(encoding="utf-8")
    assert not WEB_FETCH.search(html)
    assert "Grading rules, in the order applied" in html


def test_an_unknown_source_is_refused_before_any_kernel_starts(tmp_path: Path) -> None:
    notebook = str(ROOT / "notebooks" / "03_source_reliability.ipynb")
    done = render(tmp_path, "--notebook", notebook, "-p", "sources", "[reuters]")
    assert done.returncode == 2
    assert "reuters" in done.stderr and "canadian-press" in done.stderr
    assert "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir())
