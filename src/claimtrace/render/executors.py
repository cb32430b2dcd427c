"""Where a render's jobs run, with executors registered by name: this machine's worker processes
("local", the default) or a Dask distributed cluster ("dask", `--cluster ADDRESS`).

Either way only the render's own process publishes (render/run.py), so the atomic publish,
reports/.lock and the manifests keep their guarantees. A local worker renders straight into the
job's staging folder. A cluster worker may be on another machine with no access to reports/: it
renders into a temporary folder of its own and sends back every file it made (the executed
notebook, the HTML, the PDF, the kernel's log), which the render writes into the staging folder.
Cluster workers need the same environment (requirements.lock) and the project checked out at the
same path, since a job names its notebook and data by absolute path; each worker checks that its
files are those the render hashed before it renders (render/cluster.py).

An executor is opened before the corpus is assessed, so an unusable cluster is one line and
exit code 2 (ExitCode.BAD_INPUT) before anything else is done.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrace.render.options import DASK, LOCAL

if TYPE_CHECKING:
    from claimtrace.render.execute import Attempt
    from claimtrace.render.options import RenderOptions
    from claimtrace.render.prepared import PreparedJob

Finished = Iterator[tuple["PreparedJob", "Attempt"]]
Runner = Callable[[Mapping[str, Path]], Finished]
"""Renders the jobs it was opened for, each into its staging folder (by job name), and yields
each job with how its render went, in the order they finish."""
Executor = Callable[
    ["RenderOptions", Mapping[str, str], Sequence["PreparedJob"]], AbstractContextManager[Runner]
]
"""Opens a runner for the jobs of a render with these options, whose kernels have this
environment added (STORE_ENV: where they find the store)."""
EXECUTORS: dict[str, Executor] = {}


def executor(name: str) -> Callable[[Executor], Executor]:
    """Register the decorated function as the executor `name`."""

    def register(opener: Executor) -> Executor:
        EXECUTORS[name] = opener
        return opener

    return register


def open_executor(
    options: RenderOptions, environment: Mapping[str, str], jobs: Sequence[PreparedJob]
) -> AbstractContextManager[Runner]:
    """The executor `options.executor` names, opened for the jobs of one render."""
    return EXECUTORS[options.executor](options, environment, jobs)


@executor(LOCAL)
@contextmanager
def _local(
    options: RenderOptions, environment: Mapping[str, str], jobs: Sequence[PreparedJob]
) -> Iterator[Runner]:
    """Worker processes of this machine, one kernel each, at most `options.workers` at once.
    The workers start as the executor opens, each with a kernel started ahead, so the kernels
    boot while the render assesses the corpus (they read the store only once a job runs)."""
    from concurrent.futures import as_completed

    from claimtrace.render.execute import worker_died
    from claimtrace.render.workers import render_in_worker, worker_pool

    workers = max(1, min(options.workers, len(jobs)))
    cwd = jobs[0].job.notebook.parent if jobs else Path.cwd()
    # One browser per worker prints all its reports: launching one costs more than a print.
    keep_browser = options.pdf_engine == "chromium" and any(
        "pdf" in job.inputs["formats"] for job in jobs
    )
    with worker_pool(workers, environment, len(jobs), cwd, keep_browser) as pool:

        def run(staged: Mapping[str, Path]) -> Finished:
            futures = {
                pool.submit(render_in_worker, _shipped(job), options, staged[job.job.name]): job
                for job in jobs
            }
            for future in as_completed(futures):
                try:
                    attempt = future.result()
                except Exception as error:  # a worker process died: report it, keep the others
                    attempt = worker_died(error)
                yield futures[future], attempt

        yield run


@dataclass(frozen=True)
class Rendered:
    """What a cluster worker sends back: how the render went and every file it made."""

    attempt: Attempt
    files: dict[str, bytes]


def render_elsewhere(
    job: PreparedJob,
    options: RenderOptions,
    environment: Mapping[str, str],
    expected: Mapping[str, str],
) -> Rendered:
    """On a cluster worker: render `job` into a temporary folder and return its files, unless
    the files it would read here are not those the render hashed (`expected`)."""
    import datetime as dt

    from distributed import get_worker

    from claimtrace.render.cluster import differences
    from claimtrace.render.execute import Attempt, render_job

    differ = differences(expected, job.job.notebook, job.effective)
    if differ:
        refusal = (
            f"refused by worker {get_worker().address}: its {', '.join(differ)} differ from "
            "what this render read (another checkout or version there)"
        )
        return Rendered(Attempt(dt.datetime.now(dt.UTC), 0.0, refusal), {})
    # The kernel inherits this process's environment; every job of a render adds the same.
    os.environ.update(environment)
    scratch = Path(tempfile.mkdtemp(prefix=f"claimtrace-{job.job.name}-"))
    try:
        attempt = render_job(job, options, scratch)
        files = {path.name: path.read_bytes() for path in scratch.iterdir() if path.is_file()}
        return Rendered(attempt, files)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@executor(DASK)
@contextmanager
def _dask(
    options: RenderOptions, environment: Mapping[str, str], jobs: Sequence[PreparedJob]
) -> Iterator[Runner]:
    """The workers of the Dask scheduler at `options.cluster`, one task per job. Every wait is
    bounded (render/cluster.py): an address that is no scheduler, or one without a worker, is
    ClusterUnreachable within CONNECT_SECONDS; jobs still out when the cluster has had no worker
    for LOST_SECONDS, or has gone, fail."""
    import logging

    from distributed import Client

    from claimtrace.render.cluster import (
        CONNECT_SECONDS,
        bounded,
        check_scheduler,
        files_read,
        refused,
    )
    from claimtrace.render.execute import worker_died

    address = str(options.cluster)
    check_scheduler(address)
    # Dask's own log lines (a lost connection, a closing client) would follow the render's one
    # line; what went wrong is said by the render.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        cause = " ".join(str(error).split()) or type(error).__name__
        raise refused(address, f"no Dask scheduler answers there ({cause})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError):
            raise refused(
                address, f"the scheduler has no worker (none joined within {CONNECT_SECONDS:g} s)"
            ) from None

        def run(staged: Mapping[str, Path]) -> Finished:
            # pure=False: two renders of one job name (other reports folders) are two tasks.
            futures = {
                client.submit(
                    render_elsewhere,
                    _shipped(job),
                    options,
                    dict(environment),
                    files_read(job.job.notebook, job.effective),
                    pure=False,
                ): job
                for job in jobs
            }
            for future, outcome in bounded(client, list(futures)):
                job = futures[future]
                if isinstance(outcome, BaseException):
                    yield job, worker_died(outcome)
                else:
                    yield job, _kept(outcome, staged[job.job.name])

        yield run


def _kept(rendered: Rendered, staging: Path) -> Attempt:
    """The worker's files written into the staging folder; how the render went."""
    from claimtrace.render.execute import describe

    try:
        for name, content in rendered.files.items():
            (staging / name).write_bytes(content)
    except OSError as error:  # a full disk here: the report is not published
        detail = f"cannot keep what the worker sent: {describe(error)}"
        return replace(rendered.attempt, error=detail)
    return rendered.attempt


def _shipped(job: PreparedJob) -> PreparedJob:
    """The job as a worker needs it: without the corpus, which only this process checks."""
    return replace(job, data=None)
