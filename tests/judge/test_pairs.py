"""The comparisons table as the rest of judging and the reports read it."""

from __future__ import annotations

import pandas as pd

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.judge.pairs import PAIR_COLUMNS
from tests.factories import FROZEN_DATA


def test_the_comparisons_are_the_pair_columns_as_text_numbered_from_zero() -> None:
    pairs = assess(load_corpus(FROZEN_DATA)).comparisons
    assert list(pairs.columns) == PAIR_COLUMNS
    assert all(dtype == "str" for dtype in pairs.dtypes)
    pd.testing.assert_index_equal(pairs.index, pd.RangeIndex(len(pairs)))
    assert set(pairs["verdict"]) == {"agrees", "disagrees"}
    assert pairs["other_source"].eq("record").any()  # the record, the claims and the roles met
    assert pairs["attribute"].eq("role").any()
