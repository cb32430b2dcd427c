"""What a reader is shown of an assessment: its claims, sources, conflicts and timeline.

One type for the four frames that a report's selection (present/selection.py), a publication in
the history (store/history.py) and a comparison of two of them (judge/differences.py) share;
their columns are those of the Assessment's frames of the same names (judge/frames.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SHOWN_PARTS = ("claims", "sources", "conflicts", "timeline")
"""The parts of an assessment a reader is shown, in the order of Judged's fields."""


@dataclass(frozen=True)
class Judged:
    """The frames a reader was (or will be) shown: an assessment's, or part of them."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    timeline: pd.DataFrame
