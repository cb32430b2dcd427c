"""Where the store is: one answer for every process that reads or writes it.

The store is a file in the reports folder. A render, and a command given `--reports-dir`, name
that folder; a render tells its kernels the file through STORE_ENV. Any other process (a notebook
opened in JupyterLab, a command without `--reports-dir`) takes the file STORE_ENV names, else the
one in reports/ beside the data folder, where `claimtrace render` keeps it by default.

Its own module, importing nothing heavy, so the command line can find the store cheaply.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

STORE_FILE = "claimtrace.duckdb"
"""The store's file name, in the reports folder."""
STORE_ENV = "CLAIMTRACE_STORE"
"""The environment variable through which a render tells its kernels where the store is."""
CHECKED_DATA_ENV = "CLAIMTRACE_CHECKED_DATA"
"""The environment variable through which a render tells its kernels the data versions it
checked and stored (JSON: data folder, resolved -> data hash). A kernel of that render takes its
data folder's version from here rather than hashing every table and seed again (1.4 s at 10^6
claims), so every report of one render shows the version the render checked."""


def checked_data_hash(data_dir: Path | str) -> str | None:
    """The data hash a render told its kernels for `data_dir`; None outside such a kernel, or
    for a folder the render did not check."""
    told = os.environ.get(CHECKED_DATA_ENV)
    if not told:
        return None
    try:
        checked = json.loads(told)
    except ValueError:
        return None
    found = checked.get(str(Path(data_dir).resolve())) if isinstance(checked, dict) else None
    return found if isinstance(found, str) else None


def store_path(data_dir: Path | str = "data", reports_dir: Path | str | None = None) -> Path:
    """The store in `reports_dir` when it is given; else the file STORE_ENV names; else the one
    in reports/ beside `data_dir`."""
    if reports_dir is not None:
        return Path(reports_dir).resolve() / STORE_FILE
    told = os.environ.get(STORE_ENV)
    return Path(told) if told else Path(data_dir).resolve().parent / "reports" / STORE_FILE
