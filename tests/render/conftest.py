"""Every real report rendered once per test session, for the tests that read them back: the
real notebooks and jobs over the frozen five-seed corpus (tests/fixtures/corpus/), so what they
expect does not move when an article is added to data/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.factories import FROZEN, ROOT

JOBS = tuple(yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))["jobs"])
"""The scheduled reports, in reports.yaml's order."""
FILTERED_PARAMETERS = ("-p", "sources", "[cips, rips]", "-p", "date_from", "2023-01-01")
FILTERED = "03-source-reliability-filtered"
"""An ad hoc report filtered by source and date, published under this name."""


def render(reports: Path, *args: str, project: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`claimtrace render` run in `project`'s folder, publishing into `reports`."""
    command = [sys.executable, "-m", "claimtrace.cli", "render", "--reports-dir", str(reports)]
    return subprocess.run(
        [*command, *args], cwd=project, capture_output=True, text=True, check=False
    )


def frozen_project(root: Path) -> Path:
    """A copy of the project's notebooks and jobs under `root`, with the frozen corpus as its
    data/ and seeds/."""
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copyfile(ROOT / "reports.yaml", root / "reports.yaml")
    for part in ("data", "seeds"):
        shutil.copytree(FROZEN / part, root / part)
    return root


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports folder after rendering every job of reports.yaml and the filtered report."""
    project = frozen_project(tmp_path_factory.mktemp("project"))
    reports = tmp_path_factory.mktemp("reports")
    done = render(reports, project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    notebook = str(project / "notebooks" / "03_source_reliability.ipynb")
    done = render(reports, "--notebook", notebook, *FILTERED_PARAMETERS, project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    (adhoc,) = (p for p in reports.glob("03-source-reliability-*") if p.is_dir())
    adhoc.rename(reports / FILTERED)
    return reports
