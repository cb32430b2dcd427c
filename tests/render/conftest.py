"""Every real report rendered once per test session, for the tests that read them back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.factories import ROOT

JOBS = tuple(yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))["jobs"])
"""The scheduled reports, in reports.yaml's order."""
FILTERED_PARAMETERS = ("-p", "sources", "[cips, rips]", "-p", "date_from", "2023-01-01")
FILTERED = "03-source-reliability-filtered"
"""An ad hoc report filtered by source and date, published under this name."""


def render(reports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimtrace.cli", "render", "--reports-dir", str(reports)]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports folder after rendering every job of reports.yaml and the filtered report."""
    reports = tmp_path_factory.mktemp("reports")
    done = render(reports)
    assert done.returncode == 0, done.stdout + done.stderr
    notebook = str(ROOT / "notebooks" / "03_source_reliability.ipynb")
    done = render(reports, "--notebook", notebook, *FILTERED_PARAMETERS)
    assert done.returncode == 0, done.stdout + done.stderr
    (adhoc,) = (p for p in reports.glob("03-source-reliability-*") if p.is_dir())
    adhoc.rename(reports / FILTERED)
    return reports
