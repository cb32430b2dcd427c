"""Distinct and repeated integers by sorting: the same answers numpy's `unique` gives."""

from __future__ import annotations

import numpy as np
import pytest

from claimtrace.judge.sorting import distinct_integers, repeated_integers

CASES = [
    np.array([], dtype=np.int64),
    np.array([7], dtype=np.int64),
    np.array([3, 1, 3, 2, 1, 3], dtype=np.int64),
    # Unsigned extremes: the first value's predecessor wraps around and must still differ.
    np.array([0, np.iinfo(np.uint64).max, 0, 5], dtype=np.uint64),
    np.random.default_rng(7).integers(0, 50, size=1_000),
]


@pytest.mark.parametrize("values", CASES)
def test_distinct_integers_are_numpys_unique_values(values: np.ndarray) -> None:
    found = distinct_integers(values)
    assert found.tolist() == np.unique(values).tolist()
    assert found.dtype == values.dtype


@pytest.mark.parametrize("values", CASES)
def test_repeated_integers_are_those_counted_more_than_once(values: np.ndarray) -> None:
    unique, counts = np.unique(values, return_counts=True)
    assert repeated_integers(values).tolist() == unique[counts > 1].tolist()
