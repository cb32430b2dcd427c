"""Kernels started ahead: a report runs on one exactly as on a kernel of its own, the last jobs
start none in vain, and a render leaves no kernel behind."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill
import pytest

from claimtrace.render.kernel import KERNEL, Kernel, KernelsAhead
from claimtrace.render.workers import worker_pool
from tests.factories import FIXTURE_NOTEBOOK, processes_in

pytestmark = pytest.mark.slow  # real kernels

PROBE = """\
import sys
print(sorted(name for name in globals() if not name.startswith("_")))
print("claimtrace.present.report" in sys.modules)
"""
"""What a notebook can see of the kernel it runs on: its names, and the report module loaded."""


@pytest.fixture
def probe(tmp_path: Path) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    path = tmp_path / "probe.ipynb"
    nbformat.write(notebook, path)
    return path


def run(notebook: Path, kernel: Kernel | None = None) -> tuple[int, str]:
    """The probe's execution count and what it printed, on `kernel` or on one papermill starts."""
    given = {"km": kernel.manager} if kernel else {}
    executed = papermill.execute_notebook(
        str(notebook), None, kernel_name=KERNEL, cwd=str(notebook.parent), progress_bar=False,
        **given,
    )  # fmt: skip
    (cell,) = executed.cells
    return cell.execution_count, "".join(output.get("text", "") for output in cell.outputs)


def test_a_kernel_started_ahead_shows_a_notebook_what_a_new_kernel_would(probe: Path) -> None:
    count, printed = run(probe)  # a kernel started by papermill, with nothing of ours
    ahead = KernelsAhead(multiprocessing.get_context("spawn").Value("i", 2))
    first = ahead.take(probe.parent)
    try:
        assert run(probe, first) == (count, printed.replace("False", "True"))
    finally:
        ahead.start_next(probe.parent)  # a job still waits: its kernel starts now
        first.stop()
    spare = ahead.spare
    assert spare is not None
    second = ahead.take(probe.parent)
    assert second is spare and ahead.spare is None
    try:
        assert run(probe, second) == (1, printed.replace("False", "True"))
    finally:
        ahead.start_next(probe.parent)
        second.stop()
    assert ahead.spare is None  # both jobs had their kernel: none is started in vain


def test_a_spare_kernel_in_another_folder_is_not_used(probe: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ahead = KernelsAhead(multiprocessing.get_context("spawn").Value("i", 2))
    ahead.start_next(elsewhere)
    spare = ahead.spare
    assert spare is not None
    kernel = ahead.take(probe.parent)
    try:
        assert kernel is not spare and kernel.cwd == probe.parent
        assert run(probe, kernel)[0] == 1
    finally:
        kernel.stop()
    assert processes_in(elsewhere) == []  # the unsuitable spare was stopped


def test_a_render_leaves_no_kernel_behind(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, tmp_path / "notebooks" / "report.ipynb")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": 6}, "formats": ["html"]}
    jobs = {f"demo-{number}": job for number in range(3)}  # two workers: kernels start ahead
    (tmp_path / "reports.yaml").write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "claimtrace.cli", "render", "--workers", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(f"demo-{number}: ok in" in done.stdout for number in range(3))
    assert processes_in(tmp_path) == []


def spare_kernel() -> str:
    """In a worker of the pool: the connection file of the kernel it started ahead."""
    from claimtrace.render import workers

    assert workers.AHEAD is not None and workers.AHEAD.spare is not None
    return workers.AHEAD.spare.manager.connection_file


def test_a_worker_starts_a_kernel_as_it_starts_and_stops_it_when_it_ends(tmp_path: Path) -> None:
    with worker_pool(1, {}, jobs=2, cwd=tmp_path) as pool:
        connection_file = Path(pool.submit(spare_kernel).result())
        assert connection_file.exists() and processes_in(tmp_path)
    assert processes_in(tmp_path) == []
    assert not connection_file.exists()  # stopped, not left to notice its parent had gone


def test_a_kernel_that_cannot_start_ahead_is_left_to_the_job_to_report(tmp_path: Path) -> None:
    unclaimed = multiprocessing.get_context("spawn").Value("i", 1)
    ahead = KernelsAhead(unclaimed)
    connection_files = set(Path(tempfile.gettempdir()).glob("tmp*.json"))
    ahead.start_next(tmp_path / "gone")  # no such folder: the kernel cannot start there
    assert ahead.spare is None and unclaimed.value == 1
    assert set(Path(tempfile.gettempdir()).glob("tmp*.json")) <= connection_files
