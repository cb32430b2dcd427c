"""Distinct and repeated values of large integer arrays, found by sorting.

numpy's `unique` finds distinct integers through a hash table before sorting them: on the
millions of scattered 64-bit codes and hashes a large corpus makes, that is several times slower
than one sort and a comparison of neighbours.
"""

from __future__ import annotations

import numpy as np


def distinct_integers(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted."""
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)  # the first of each run of equal values
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


def repeated_integers(values: np.ndarray) -> np.ndarray:
    """The values that occur more than once, sorted and distinct."""
    ordered = np.sort(values)
    return distinct_integers(ordered[1:][ordered[1:] == ordered[:-1]])
