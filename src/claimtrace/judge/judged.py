"""What a reader is shown of an assessment: its claims, sources, conflicts and timeline.

One type for the four frames that a report's selection (present/selection.py), a publication in
the history (store/history.py) and a comparison of two of them (judge/differences.py) share;
their columns are those of the Assessment's frames of the same names (judge/frames.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

import pandas as pd

Row: TypeAlias = Any
"""One row of a judged frame as `itertuples` gives it, its columns as attributes (judge/frames.py
names them). pandas ships no types, so the checker cannot follow a frame's columns into its rows;
the name tells the reader what the value is."""
SHOWN_PARTS = ("claims", "sources", "conflicts", "timeline")
"""The parts of an assessment a reader is shown, in the order of Judged's fields."""


@dataclass(frozen=True)
class Judged:
    """The frames a reader was (or will be) shown: an assessment's, or part of them."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    timeline: pd.DataFrame
