"""Rows as the distinct combinations of a few of their cells, so that a rule or a conversion is
computed once per combination: a large table repeats the few values of most columns (dates,
attributes, entity ids), and a Python call per row costs seconds per million."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def distinct_rows(columns: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number among the distinct combinations of its cells in `columns` (arrays of
    one length, at least one), numbered in the order first seen, and the first row of each."""
    combination = np.zeros(len(columns[0]), "int64")
    for column in columns:
        codes, values = pd.factorize(column, use_na_sentinel=False)
        # Renumbered after each column, so the numbers stay below the number of rows.
        combination, _ = pd.factorize(combination * len(values) + codes)
    _, first = np.unique(combination, return_index=True)
    return combination, first
