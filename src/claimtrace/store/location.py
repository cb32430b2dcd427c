"""Where the store is: one answer for every process that reads or writes it.

The store is a file in the reports folder. A render, and a command given `--reports-dir`, name
that folder; a render tells its kernels the file through STORE_ENV. Any other process (a notebook
opened in JupyterLab, a command without `--reports-dir`) takes the file STORE_ENV names, else the
one in reports/ beside the data folder, where `claimtrace render` keeps it by default.

Its own module, importing nothing heavy, so the command line can find the store cheaply.
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILE = "claimtrace.duckdb"
"""The store's file name, in the reports folder."""
STORE_ENV = "CLAIMTRACE_STORE"
"""The environment variable through which a render tells its kernels where the store is."""


def store_path(data_dir: Path | str = "data", reports_dir: Path | str | None = None) -> Path:
    """The store in `reports_dir` when it is given; else the file STORE_ENV names; else the one
    in reports/ beside `data_dir`."""
    if reports_dir is not None:
        return Path(reports_dir).resolve() / STORE_FILE
    told = os.environ.get(STORE_ENV)
    return Path(told) if told else Path(data_dir).resolve().parent / "reports" / STORE_FILE
