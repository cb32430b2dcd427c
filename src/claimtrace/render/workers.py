"""The worker processes a render runs its jobs in, bound to the render's lifetime.

Workers are spawned, not forked: a forked child would inherit the descriptor that holds
reports/.lock and keep the lock after its parent died. Each worker watches its parent from its
first moment (this module imports nothing heavy, so the watch starts before papermill loads)
and ends as soon as the render is gone; its kernel follows, as ipykernel ends with its parent.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

PARENT_POLL_SECONDS = 0.2
"""How often a worker looks whether the render that started it is still there."""


def worker_pool(workers: int, environment: Mapping[str, str]) -> ProcessPoolExecutor:
    """A pool of `workers` processes that end with this one, with `environment` added to theirs
    (the kernels they start inherit it)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(), dict(environment)),
    )


def _start_worker(parent: int, environment: dict[str, str]) -> None:
    os.environ.update(environment)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as `parent` is no longer its parent, so a
    killed render leaves no worker rendering on its own."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
