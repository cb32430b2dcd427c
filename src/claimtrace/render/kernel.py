"""The kernel a report runs on, writing its stderr to a log file rather than to the render's.

A kernel inherits the stderr of the worker that starts it, so whatever it logs reaches the
terminal or the cron mail of whoever ran `claimtrace render`. ipykernel 7.4 can log a
traceback while it shuts down after a notebook that ran fine (its IO thread and a last status
message race for a closed socket), which reads as a failure when nothing failed. Each job's
kernel therefore writes to `kernel.log` in the job's staging folder: dropped with a report
that succeeded, kept as reports/<job>.failed.log beside the failed notebook otherwise.
"""

from __future__ import annotations

from typing import IO, Any

from jupyter_client.manager import AsyncKernelManager

KERNEL_LOG = "kernel.log"


def kernel_manager_logging_to(log: IO[str]) -> type[AsyncKernelManager]:
    """A kernel manager class (as nbclient's `kernel_manager_class` wants) whose kernels write
    their stderr to `log`."""

    class KernelManagerLoggingToFile(AsyncKernelManager):
        async def _async_start_kernel(self, **kwargs: Any) -> None:
            await super()._async_start_kernel(**kwargs, stderr=log)

        start_kernel = _async_start_kernel

    return KernelManagerLoggingToFile
