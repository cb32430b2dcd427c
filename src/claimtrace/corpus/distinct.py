"""Rows as the distinct combinations of a few of their cells, so that a rule or a conversion is
computed once per combination: a large table repeats the few values of most columns (dates,
attributes, entity ids), and a Python call per row costs seconds per million."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

Factorized = tuple[np.ndarray, np.ndarray]
"""A column as each row's code and the distinct values the codes number (pd.factorize)."""


def factorized(column: np.ndarray) -> Factorized:
    """The column's codes, numbered in the order first seen, and its distinct values. Its cells
    are strings, never NA (the tables are read as text), so no pass looks for NAs."""
    return pd.factorize(column)


def distinct_rows(columns: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number among the distinct combinations of its cells in `columns` (arrays of
    one length, at least one), numbered in the order first seen, and the first row of each."""
    return distinct_combinations([factorized(column) for column in columns])


def distinct_combinations(columns: Sequence[Factorized]) -> tuple[np.ndarray, np.ndarray]:
    """distinct_rows, of columns already factorized (at least one, their codes of one length)."""
    combination = np.zeros(len(columns[0][0]), "int64")
    for codes, values in columns:
        # Renumbered after each column, so the numbers stay below the number of rows.
        combination, _ = pd.factorize(combination * len(values) + codes)
    # Numbered as first seen: a row is the first of its combination when its number is higher
    # than every number before it.
    first = np.ones(len(combination), bool)
    first[1:] = combination[1:] > np.maximum.accumulate(combination)[:-1]
    return combination, np.flatnonzero(first)
