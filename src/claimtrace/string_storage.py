"""How claimtrace holds its text columns: as Python strings while it loads and judges, in Arrow
where frames come out of the store.

With pyarrow installed, pandas keeps every text column in Arrow. The judging stage walks its
columns as Python lists (`tolist`, `zip`), which an Arrow column must build anew, string by
string, at every walk: judging 10^5 claims on Arrow strings peaked at 645 MiB against 413 MiB on
Python strings. So loading and judging run under `python_strings()`. Frames read from the store
(store/database.py) stay in Arrow: DuckDB hands them over without making a Python object per
value, and a report mostly filters, counts and shows them (10^6 stored claims: 688 MiB in
Arrow, 1,857 MiB as Python strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import numpy as np
import pandas as pd


@contextmanager
def python_strings() -> Iterator[None]:
    """Within it (or in a function it decorates), new text columns hold Python strings."""
    with pd.option_context("mode.string_storage", "python"):
        yield


PYTHON_TEXT = pd.StringDtype("python", na_value=np.nan)
"""The dtype of a text column as loaded and judged (pandas' `str` on Python strings): what the
corpus schemas expect, since pandera takes plain `str` to mean Arrow whenever pyarrow is
installed."""
PythonText = Annotated[pd.StringDtype, "python", np.nan]
"""PYTHON_TEXT as a pandera model's column type (judge/frames.py)."""
