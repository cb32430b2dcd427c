"""`claimtrace render --cluster ADDRESS`: the jobs run on a real Dask cluster, the render publishes.

The cluster is a LocalCluster on loopback with worker processes of their own, so a job crosses a
process boundary as it would between machines: the worker renders into its own folder and sends
the files back; only the render writes under reports/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from distributed import LocalCluster
from pypdf import PdfReader

from claimtrace.errors import ExitCode
from tests.factories import FIXTURE_NOTEBOOK

pytestmark = pytest.mark.slow  # a real cluster and a real papermill render

FILES = ["executed.ipynb", "manifest.json", "report.html", "report.pdf"]


def render(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimtrace.cli", "render", "--reports-dir", "reports", *args]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)


def write_jobs(workdir: Path) -> None:
    (workdir / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, workdir / "notebooks" / "report.ipynb")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": 7}}
    (workdir / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-worker cluster of separate processes, listening on loopback only."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def test_a_render_on_a_cluster_publishes_the_report_and_its_manifest(
    tmp_path: Path, scheduler: str
) -> None:
    write_jobs(tmp_path)
    done = render(tmp_path, "--cluster", scheduler)
    assert done.returncode == ExitCode.OK, done.stdout + done.stderr
    assert "demo: ok in" in done.stdout
    job_dir = tmp_path / "reports" / "demo"
    assert sorted(path.name for path in job_dir.iterdir()) == FILES
    manifest = json.loads((job_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["parameters"] == {"rows": 7}
    executed = nbformat.read(job_dir / "executed.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {"rows": 7}
    assert "Known line: 7 rows" in (job_dir / "report.html").read_text(encoding="utf-8")
    pages = PdfReader(job_dir / "report.pdf").pages
    assert "Known line: 7 rows" in "".join(page.extract_text() for page in pages)
    assert 'href="demo/report.html"' in (tmp_path / "reports" / "index.html").read_text()
    assert not list((tmp_path / "reports").glob(".demo.*"))  # no staging folder left behind

    again = render(tmp_path, "--cluster", scheduler)  # decided from the manifest, not the cluster
    assert again.returncode == ExitCode.OK and "demo: skipped (up to date)" in again.stdout


def test_a_failing_cell_on_a_cluster_keeps_the_failed_notebook(
    tmp_path: Path, scheduler: str
) -> None:
    write_jobs(tmp_path)
    notebook = str(tmp_path / "notebooks" / "report.ipynb")
    done = render(tmp_path, "--cluster", scheduler, "--notebook", notebook, "-p", "fail", "true")
    assert done.returncode == ExitCode.REPORT_FAILED, done.stdout + done.stderr
    assert "raised ValueError: fixture failure requested" in done.stdout
    (failed,) = (tmp_path / "reports").glob("report-*.failed.ipynb")
    assert "fixture failure requested" in failed.read_text(encoding="utf-8")


def test_an_unreachable_cluster_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write_jobs(tmp_path)
    done = render(tmp_path, "--cluster", "tcp://127.0.0.1:9")  # the discard port: nobody there
    assert done.returncode == ExitCode.BAD_INPUT
    assert done.stderr.startswith("--cluster 'tcp://127.0.0.1:9': no Dask scheduler answers there")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "reports" / "demo").exists()
