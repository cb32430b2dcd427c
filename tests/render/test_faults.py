"""Faults during a real render: a SIGKILLed run, Ctrl-C and a disk that refuses to grow. None leaves
a process, a held lock or a lost report behind, and the next render succeeds."""

from __future__ import annotations

import fcntl
import http.server as http_server
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import nbformat
import pytest
from distributed import Client

from claimtrace.render.cluster import CONNECT_SECONDS, LOST_SECONDS
from tests.factories import FIXTURE_NOTEBOOK, GOOD, processes_in

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


# A render on a Dask cluster: every wait bounded, a worker that would read other files refused.
DASK = Path(sys.executable).with_name("dask")
REFUSED_SECONDS = CONNECT_SECONDS + 15.0
"""The bound on an unusable --cluster: the scheduler's wait, and the render's own start."""
LOST_JOB_SECONDS = LOST_SECONDS + 30.0
"""The bound on a job whose worker was lost: the wait for a worker, and the render's own start."""
SLOW_CELL = "import time\ntime.sleep(600)  # a job that would outlast any wait"


def notebook_with(project: Path, name: str, cell: str = "", parameter: str = "") -> str:
    """A copy of the fixture notebook with one more cell and one more parameter."""
    notebook = nbformat.read(project / "notebooks" / "report.ipynb", as_version=4)
    if parameter:
        (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        parameters.source += "\n" + parameter
    if cell:
        notebook.cells.append(nbformat.v4.new_code_cell(cell))
    nbformat.write(notebook, project / "notebooks" / name)
    return f"notebooks/{name}"


def started(*arguments: str, wrapper: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*wrapper, str(DASK), *arguments],
        cwd="/",  # not the project's: processes_in(project) sees only the render's
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def cluster(workers: int = 1, wrapper: tuple[str, ...] = ()) -> Iterator[tuple[str, list]]:
    """A `dask scheduler` on loopback with `workers` workers of their own processes (no nanny,
    so a SIGKILLed worker stays dead); its address and the processes."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [started("scheduler", "--host", "127.0.0.1", "--port", f"{port}", "--no-dashboard")]
    try:
        processes += [
            started("worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                    wrapper=wrapper)
            for _ in range(workers)
        ]  # fmt: skip
        with Client(address, timeout=KERNEL_START_SECONDS) as client:  # the scheduler is up
            if workers:
                client.wait_for_workers(workers, timeout=KERNEL_START_SECONDS)
        yield address, processes
    finally:
        for process in processes:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def rendered_on(project: Path, address: str, *arguments: str) -> tuple[int, str, float]:
    began = time.monotonic()
    done = subprocess.run(
        command("--force", "--cluster", address, *arguments),
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - began


def lock_is_free(project: Path) -> bool:
    with open(project / "reports" / ".lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
    return True


def assert_ended_cleanly(project: Path, before: dict[str, bytes], output: str) -> None:
    assert "Traceback" not in output and "distributed." not in output, output
    assert snapshot(project / "reports" / "demo") == before
    assert lock_is_free(project)
    waited = time.monotonic()
    while processes_in(project) and time.monotonic() - waited < ORPHAN_SECONDS:
        time.sleep(0.1)
    assert processes_in(project) == []


class Listener:
    """A loopback port that accepts and never speaks (or, `http`, an HTTP server; or, `says`,
    one that speaks first, as a proxy refusing the connection does)."""

    def __init__(self, http: bool, says: bytes = b"") -> None:
        self.says = says
        self.port = free_port()
        handler = http_server.SimpleHTTPRequestHandler if http else None
        if handler is not None:
            self.server = http_server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
            threading.Thread(target=self.server.serve_forever, daemon=True).start()
        else:
            self.server = socket.create_server(("127.0.0.1", self.port))
            self.accepted: list[socket.socket] = []
            threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with suppress(OSError):
            while True:
                self.accepted.append(self.server.accept()[0])
                self.accepted[-1].sendall(self.says)

    def close(self) -> None:
        if isinstance(self.server, socket.socket):
            self.server.close()
        else:
            self.server.shutdown()


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("not an address!", "is not an address of the form tcp://HOST:PORT"),
        ("tcp://127.0.0.1:9", "no Dask scheduler answers there (Connection refused)"),
        ("ucx://127.0.0.1:8786", "only tcp:// addresses are supported, not ucx://"),
        ("silent", f"nothing answered as a Dask scheduler within {CONNECT_SECONDS:g} s"),
        ("http", f"nothing answered as a Dask scheduler within {CONNECT_SECONDS:g} s"),
        ("proxy", "what answers is not a Dask scheduler (it began b'HTTP/1.1')"),
        ("no worker", f"the scheduler has no worker (none joined within {CONNECT_SECONDS:g} s)"),
    ],
)
def test_an_unusable_cluster_is_one_line_and_exit_2_within_the_bound(
    project: Path, where: str, words: str
) -> None:
    before = snapshot(project / "reports" / "demo")
    with ExitStack() as stack:
        address = where
        if where in ("silent", "http", "proxy"):
            refusal = b"HTTP/1.1 502 Bad Gateway\r\n\r\n" if where == "proxy" else b""
            listener = Listener(http=where == "http", says=refusal)
            stack.callback(listener.close)
            address = f"tcp://127.0.0.1:{listener.port}"
        elif where == "no worker":
            address, _ = stack.enter_context(cluster(workers=0))
        code, output, took = rendered_on(project, address)
    assert code == 2, output
    assert output.strip() == f"--cluster {address!r}: {words}"
    assert took < REFUSED_SECONDS
    assert_ended_cleanly(project, before, output)


def test_a_worker_killed_mid_render_fails_its_job_within_the_bound(project: Path) -> None:
    before = snapshot(project / "reports" / "demo")
    slow = notebook_with(project, "slow.ipynb", cell=SLOW_CELL)
    with cluster(workers=1) as (address, processes):
        render = subprocess.Popen(
            command("--cluster", address, "--notebook", slow),
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        waited = time.monotonic()
        while not any("ipykernel" in process for process in processes_in(project)):
            assert time.monotonic() - waited < KERNEL_START_SECONDS, processes_in(project)
            time.sleep(0.1)
        os.killpg(processes[1].pid, signal.SIGKILL)  # the worker, as the OOM killer would
        killed = time.monotonic()
        out, err = render.communicate(timeout=LOST_JOB_SECONDS + 60)
        took = time.monotonic() - killed
    assert render.returncode == 1, out + err
    assert "failed" in out and ("job lost" in out or "worker died" in out), out + err
    assert took < LOST_JOB_SECONDS
    assert_ended_cleanly(project, before, out + err)


def test_a_worker_that_would_read_other_data_refuses_the_job(project: Path) -> None:
    """The worker sees an older data folder at the project's path (its own mount namespace),
    as a worker whose checkout was not updated would."""
    for part in ("data", "seeds"):
        shutil.copytree(GOOD / part, project / part)
    older = project.parent / f"{project.name}-older-data"
    shutil.copytree(GOOD / "data", older)
    claims = (older / "claims.csv").read_text(encoding="utf-8")
    (older / "claims.csv").write_text(claims.replace("\n", "\n", 1) + "\n", encoding="utf-8")
    mounted = ("unshare", "--mount", "--propagation", "private", "sh", "-c",
               f'mount --bind "{older}" "{project / "data"}" && exec "$0" "$@"')  # fmt: skip
    probe = subprocess.run([*mounted, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot give a worker its own mount here: {probe.stderr!r}")
    reader = notebook_with(project, "reads_data.ipynb", parameter='data_dir: str = "../data"')
    before = snapshot(project / "reports" / "demo")
    with cluster(workers=1, wrapper=mounted) as (address, _):
        code, output, _ = rendered_on(project, address, "--notebook", reader)
    assert code == 1, output
    (line,) = [line for line in output.splitlines() if "failed" in line]
    assert "refused by worker tcp://127.0.0.1:" in line
    assert "its data differ from what this render read" in line
    assert not list((project / "reports").glob("reads_data*/report.html"))
    assert_ended_cleanly(project, before, output)
