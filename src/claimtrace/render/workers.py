"""The worker processes a render runs its jobs in, bound to the render's lifetime.

Workers are spawned, not forked: a forked child would inherit the descriptor that holds
reports/.lock and keep the lock after its parent died. Each worker watches its parent from its
first moment (this module imports nothing heavy, so the watch starts before papermill loads)
and ends as soon as the render is gone; its kernel follows, as ipykernel ends with its parent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from claimtrace.render.execute import Attempt
    from claimtrace.render.kernel import KernelsAhead
    from claimtrace.render.options import RenderOptions
    from claimtrace.render.prepared import PreparedJob

PARENT_POLL_SECONDS = 0.2
"""How often a worker looks whether the render that started it is still there."""


AHEAD: KernelsAhead | None = None
"""In a worker: the kernel it starts ahead for its next job (render/kernel.py)."""


def worker_pool(
    workers: int,
    environment: Mapping[str, str],
    jobs: int,
    cwd: Path,
    keep_browser: bool = False,
) -> ProcessPoolExecutor:
    """A pool of `workers` processes for `jobs` jobs that end with this one, with `environment`
    added to theirs (the kernels they start inherit it). The workers start now, each starting
    a kernel in `cwd` for its first job and, with `keep_browser`, the browser that prints its
    reports (render/chromium.py)."""
    context = multiprocessing.get_context("spawn")
    unclaimed = context.Value("i", jobs)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), dict(environment), unclaimed, cwd, keep_browser),
    )
    for _ in range(workers):  # a pool starts a worker per task submitted while none is idle
        pool.submit(os.getpid)
    return pool


def _start_worker(
    parent: int,
    environment: dict[str, str],
    unclaimed: Synchronized[int],
    cwd: Path,
    keep_browser: bool,
) -> None:
    global AHEAD
    # Ctrl-C reaches the whole process group: the render answers it in one line, and each
    # worker ends at once without a traceback (its kernel ends with it).
    signal.signal(signal.SIGINT, lambda *_: os._exit(1))
    os.environ.update(environment)
    die_with_parent(parent)
    from claimtrace.render.kernel import KernelsAhead

    AHEAD = KernelsAhead(unclaimed)
    # A worker that ends normally stops its spare kernel (and removes its connection file).
    multiprocessing.util.Finalize(AHEAD, AHEAD.close, exitpriority=10)
    AHEAD.start_next(cwd)
    if keep_browser:
        _keep_browser_open()


def _keep_browser_open() -> None:
    """Launch the browser this worker prints every report through, while the corpus is
    assessed. If it does not start, each report launches its own and says why that failed."""
    from claimtrace.errors import RenderError
    from claimtrace.render.chromium import kept_open

    browser = contextlib.ExitStack()
    try:
        browser.enter_context(kept_open())
    except RenderError:
        return
    multiprocessing.util.Finalize(browser, browser.close, exitpriority=10)


def render_in_worker(job: PreparedJob, options: RenderOptions, staging: Path) -> Attempt:
    """Render `job` in this worker, on the kernel it started ahead when there is one."""
    from claimtrace.render.execute import render_job

    return render_job(job, options, staging, AHEAD)


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as `parent` is no longer its parent, so a
    killed render leaves no worker rendering on its own."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
