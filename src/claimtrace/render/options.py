"""How a render was asked to run (where reports go, which formats and PDF engine, where jobs
run), and how it tells what it does.

Its own module, importing nothing heavy, so that the command line and a render that has nothing
to do (render/unchanged.py) need not import what rendering needs.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from claimtrace.render.pdf import DEFAULT_PDF_ENGINE
from claimtrace.render.runlog import marked

LOCAL = "local"
DASK = "dask"
"""The executors' names (render/executors.py): this machine's worker processes, a Dask cluster."""


@dataclass(frozen=True)
class RenderOptions:
    reports_dir: Path = Path("reports")
    formats: tuple[str, ...] | None = None  # None: each job's own formats
    pdf_engine: str = DEFAULT_PDF_ENGINE
    force: bool = False
    workers: int = os.cpu_count() or 1
    executor: str = LOCAL  # a name in render/executors.py's EXECUTORS
    cluster: str | None = None  # the Dask scheduler's address, for the "dask" executor


def progress(line: str) -> None:
    """A line of the render's log, marked with the time and the run (render/runlog.py)."""
    # One write per line, so lines from parallel workers do not run into each other.
    sys.stdout.write(marked(f"render: {line}") + "\n")
    sys.stdout.flush()
