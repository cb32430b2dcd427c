"""One report rendered into a folder: papermill on the `claimtrace` kernel, then HTML and PDF.

This is what runs in a worker, local or on a cluster (render/executors.py); it writes only into
the folder it is given and says how the render went, so the process that started the render can
publish it (render/run.py).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from claimtrace.errors import ClaimtraceError
from claimtrace.render.convert import TitleBlock, notebook_to_html
from claimtrace.render.kernel import KERNEL, KERNEL_LOG, Kernel
from claimtrace.render.manifest import EXECUTED, REPORT_HTML, REPORT_PDF
from claimtrace.render.options import progress
from claimtrace.render.pdf import html_to_pdf

if TYPE_CHECKING:
    from claimtrace.render.kernel import KernelsAhead
    from claimtrace.render.options import RenderOptions
    from claimtrace.render.prepared import PreparedJob

DETAIL_CHARACTERS = 300
"""A failure's detail is cut to this length: the whole of it is in the failed notebook."""


@dataclass(frozen=True)
class Attempt:
    """What a worker reports of one render into its staging folder; the parent publishes it."""

    started: dt.datetime
    seconds: float
    error: str = ""  # empty when the report is complete in the staging folder


def render_job(
    job: PreparedJob, options: RenderOptions, staging: Path, ahead: KernelsAhead | None = None
) -> Attempt:
    """In a worker: execute and export one report into `staging`; say how it went. With
    `ahead`, the job may run on a kernel started ahead and starts the next job's."""
    progress(f"{job.job.name}: start")
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    executed = staging / EXECUTED
    cwd = job.job.notebook.parent
    try:
        kernel = ahead.take(cwd) if ahead is not None else Kernel.start(cwd)
        try:
            notebook = papermill.execute_notebook(
                str(job.job.notebook),
                str(executed),
                parameters=job.given,
                kernel_name=KERNEL,
                km=kernel.manager,
                cwd=str(cwd),
                progress_bar=False,
            )
        finally:
            if ahead is not None:
                ahead.start_next(cwd)
            kernel.stop(keep_log=staging / KERNEL_LOG)
        title = TitleBlock(
            job=job.job.name,
            title=job.title,
            notebook=job.job.notebook.name,
            run_date=started.strftime("%Y-%m-%d %H:%M UTC"),
            data_hash=str(job.inputs["data_hash"] or "none (the notebook reads no corpus)"),
            notebook_hash=str(job.inputs["notebook_sha256"]),
            seeds_hash=str(job.inputs["seeds_hash"] or "none"),
            versions=sorted(dict(job.inputs["versions"]).items()),
            parameters=[
                {
                    "name": parameter,
                    "value": json.dumps(value, ensure_ascii=False),
                    "help": job.declared[parameter].help,
                    "given": parameter in job.given,
                }
                for parameter, value in job.effective.items()
            ],
        )
        html_file = staging / REPORT_HTML
        html_file.write_text(notebook_to_html(notebook, title, job.job.show_code), encoding="utf-8")
        if "pdf" in job.inputs["formats"]:
            html_to_pdf(html_file, staging / REPORT_PDF, options.pdf_engine)
    except PapermillExecutionError as error:
        cell = _failing_cell(job.job.notebook, error)
        detail = f"{cell} raised {error.ename}: {brief_line(error.evalue)}"
        return Attempt(started, time.monotonic() - clock, detail)
    except OSError as error:  # a full disk, a folder gone: say where it was writing
        detail = describe(error)
        if not error.filename:
            detail += f" (writing into {staging})"
        return Attempt(started, time.monotonic() - clock, detail)
    except Exception as error:  # kernel death, export or PDF failure: one job's, not the run's
        return Attempt(started, time.monotonic() - clock, describe(error))
    return Attempt(started, time.monotonic() - clock)


def describe(error: Exception) -> str:
    """One line for a failure: a ClaimtraceError's own words, a file's name and the cause."""
    if isinstance(error, ClaimtraceError):
        return brief_line(str(error))
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return brief_line(repr(error))


def brief_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= DETAIL_CHARACTERS else line[:DETAIL_CHARACTERS] + "…"


def _failing_cell(notebook: Path, error: PapermillExecutionError) -> str:
    """Name the cell as the author knows it: its place and id in the source notebook."""
    first_line = next(iter(error.source.strip().splitlines()), "")
    cells = nbformat.read(notebook, as_version=4).cells
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "code" and cell.source == error.source:
            return (
                f"cell {number} of {notebook.name} (id {cell.get('id', '?')!r}, "
                f"In [{error.exec_count}]: {first_line!r})"
            )
    return f"In [{error.exec_count}] ({first_line!r})"


def worker_died(error: BaseException) -> Attempt:
    """What is known of a job whose worker process (or cluster worker) died before it could
    say how the render went."""
    return Attempt(dt.datetime.now(dt.UTC), 0.0, f"worker died: {brief_line(repr(error))}")
