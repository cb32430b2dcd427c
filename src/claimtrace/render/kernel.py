"""The kernel a report runs on: started by the render, ahead of its job where it can be, with its
stderr in a log of its own, and stopped as soon as the notebook has run.

Its log: a kernel inherits the stderr of the process that starts it, so whatever it logs would
reach the terminal or the cron mail of whoever ran `claimtrace render`. ipykernel 7.4 can log a
traceback while it shuts down after a notebook that ran fine (its IO thread and a last status
message race for a closed socket), which reads as a failure when nothing failed. Each kernel
therefore writes to a file of its own, copied to `kernel.log` in the job's staging folder: dropped
with a report that succeeded, kept as reports/<job>.failed.log beside the failed notebook
otherwise.

Started ahead: starting a kernel and importing what every report imports takes about two seconds.
A local worker starts the kernel for its next job as soon as the current notebook has run, so it
boots while the worker writes HTML and PDF. Every kernel, ahead or not, imports the report module
before its first cell (IPython's exec_lines keep no history and, with `del`, bind no name the
notebook could see), so a report runs in the same state either way. A kernel never runs a second
notebook: module state (matplotlib's rc, itables' options) would carry from one report into the
next.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import run_sync

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

KERNEL = "claimtrace"
KERNEL_LOG = "kernel.log"
KERNEL_ARGUMENTS = (
    # Start-up warnings (TCP transport) are noise in cron mail, and a report needs no command
    # history (whose database a full disk turns into a traceback on the kernel's stderr).
    "--log-level=ERROR",
    "--HistoryManager.enabled=False",
    "--IPKernelApp.exec_lines=import claimtrace.present.report",
    "--IPKernelApp.exec_lines=del claimtrace",
)


@dataclass
class Kernel:
    """A started kernel (not necessarily ready yet), the folder it runs in and its stderr."""

    manager: AsyncKernelManager
    cwd: Path
    log: IO[bytes]

    @classmethod
    def start(cls, cwd: Path) -> Kernel:
        """Launch a kernel in `cwd` and return at once; nbclient waits for it to be ready."""
        log = tempfile.TemporaryFile()  # noqa: SIM115 - stop() closes it
        manager = AsyncKernelManager(kernel_name=KERNEL)
        try:
            run_sync(manager.start_kernel)(
                extra_arguments=list(KERNEL_ARGUMENTS), stderr=log, cwd=str(cwd)
            )
        except BaseException:
            run_sync(manager.cleanup_resources)()  # its connection file, written before launch
            log.close()
            raise
        return cls(manager, cwd, log)

    def stop(self, keep_log: Path | None = None) -> None:
        """End the kernel at once (its notebook has run; it has nothing left to send) and copy
        what it logged to `keep_log`."""
        try:
            run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            if keep_log is not None:
                self.log.seek(0)
                keep_log.write_bytes(self.log.read())
            self.log.close()


class KernelsAhead:
    """One worker's kernel for its next job. `unclaimed` (shared by the workers) counts the jobs
    of the render that have neither started nor a kernel started ahead for them, so the last
    jobs start none in vain."""

    def __init__(self, unclaimed: Synchronized[int]) -> None:
        self.unclaimed = unclaimed
        self.spare: Kernel | None = None

    def take(self, cwd: Path) -> Kernel:
        """A kernel for a job whose notebook runs in `cwd`: the spare if it suits, else a new
        one."""
        spare, self.spare = self.spare, None
        if spare is None:
            with self.unclaimed.get_lock():
                self.unclaimed.value -= 1
        elif spare.cwd == cwd and run_sync(spare.manager.is_alive)():
            return spare
        else:
            spare.stop()
        return Kernel.start(cwd)

    def start_next(self, cwd: Path) -> None:
        """Start a kernel now for a job that still waits for a worker, if one does."""
        if self.spare is not None:
            return
        with self.unclaimed.get_lock():
            if self.unclaimed.value <= 0:
                return
            self.unclaimed.value -= 1
        try:
            self.spare = Kernel.start(cwd)
        except Exception:  # the job starts its own kernel and says what failed, as its error
            with self.unclaimed.get_lock():
                self.unclaimed.value += 1

    def close(self) -> None:
        if self.spare is not None:
            self.spare.stop()
            self.spare = None
