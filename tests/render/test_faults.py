"""Faults during a real render: a SIGKILLed run, Ctrl-C and a disk that refuses to grow. None leaves
a process, a held lock or a lost report behind, and the next render succeeds."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import FIXTURE_NOTEBOOK, processes_in

pytestmark = pytest.mark.slow  # real renders

ORPHAN_SECONDS = 10.0
"""A killed render's workers and kernels must be gone within this time."""
KERNEL_START_SECONDS = 120.0
"""Time a kernel may take to start on a busy machine."""


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "claimtrace.cli", "render", *arguments]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose one job has a published report."""
    (tmp_path / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, tmp_path / "notebooks" / "report.ipynb")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": 6}, "formats": ["html"]}
    (tmp_path / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")
    done = subprocess.run(command(), cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_a_killed_render_leaves_nothing_running_and_the_next_one_succeeds(project: Path) -> None:
    before = snapshot(project / "reports" / "demo")
    killed = subprocess.Popen(
        command("--force"),
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the killed run's helpers may warn as they go
        text=True,
        start_new_session=True,
    )
    assert killed.stdout is not None
    assert "demo: start" in killed.stdout.readline()  # a worker is rendering …
    waited = time.monotonic()
    while not any("ipykernel" in process for process in processes_in(project)):
        assert time.monotonic() - waited < KERNEL_START_SECONDS, processes_in(project)
        time.sleep(0.1)
    time.sleep(1)  # … and its kernel is running the notebook
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    died = time.monotonic()
    while processes_in(project) and time.monotonic() - died < ORPHAN_SECONDS:
        time.sleep(0.1)
    assert processes_in(project) == []  # no worker, kernel or helper outlives the render
    gone_after = time.monotonic() - died
    assert snapshot(project / "reports" / "demo") == before  # nothing half-published

    started = time.monotonic()
    done = subprocess.run(  # --wait 0: the lock must be free at once
        command("--force", "--wait", "0"), cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "demo: ok in" in done.stdout and "Traceback" not in done.stderr
    assert not list((project / "reports").glob(".demo.*"))  # its staging folder was cleared
    assert processes_in(project) == []
    took = time.monotonic() - started
    print(f"processes gone {gone_after:.1f} s after SIGKILL; next render took {took:.1f} s")


def test_ctrl_c_ends_a_render_with_130_and_one_line(project: Path) -> None:
    before = snapshot(project / "reports" / "demo")
    interrupted = subprocess.Popen(
        command("--force"),
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert interrupted.stdout is not None
    assert "demo: start" in interrupted.stdout.readline()
    waited = time.monotonic()
    while not any("ipykernel" in process for process in processes_in(project)):
        assert time.monotonic() - waited < KERNEL_START_SECONDS, processes_in(project)
        time.sleep(0.1)
    time.sleep(1)
    os.killpg(interrupted.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    out, err = interrupted.communicate(timeout=60)
    assert interrupted.returncode == 130, out + err
    assert err.strip() == "claimtrace render: interrupted"
    assert "Traceback" not in out
    died = time.monotonic()
    while processes_in(project) and time.monotonic() - died < ORPHAN_SECONDS:
        time.sleep(0.1)
    assert processes_in(project) == []
    assert snapshot(project / "reports" / "demo") == before
    done = subprocess.run(
        command("--wait", "0"), cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr  # the lock is free


def limit_file_size() -> None:
    # Any file past 300 kB fails to grow, as on a full disk (Python ignores SIGXFSZ).
    resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))


def test_a_full_disk_fails_the_job_keeps_the_report_and_frees_the_space_next_time(
    project: Path,
) -> None:
    reports = project / "reports"
    before = snapshot(reports / "demo")
    full = subprocess.run(
        command("--force"),
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit_file_size,
    )
    assert full.returncode == 1, full.stdout + full.stderr
    assert "demo: failed" in full.stdout and "File too large" in full.stdout
    assert "Traceback" not in full.stdout + full.stderr
    assert snapshot(reports / "demo") == before
    assert (reports / "demo.failed.ipynb").exists()

    done = subprocess.run(command(), cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "demo: ok in" in done.stdout  # the failed attempt is retried, not skipped
    logged = [json.loads(line) for line in (reports / "runs.jsonl").read_text().splitlines()]
    _, failed, retried = logged  # the fixture's render, the full disk, the retry
    assert [run["exit_code"] for run in logged] == [0, 1, 0]
    assert failed["jobs"][0]["status"] == "failed"
    assert "File too large" in failed["jobs"][0]["cause"]
    assert retried["jobs"] == [
        {"job": "demo", "status": "ok", "seconds": retried["jobs"][0]["seconds"], "cause": ""}
    ]
    assert failed["start"] <= failed["end"] <= retried["start"] and failed["seconds"] > 0
    history = subprocess.run(
        [sys.executable, "-m", "claimtrace.cli", "history", "--reports-dir", "reports"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "(exit 1): demo: " in history.stdout and "File too large" in history.stdout
    assert not (reports / "demo.failed.ipynb").exists()  # and its notebook no longer takes space
