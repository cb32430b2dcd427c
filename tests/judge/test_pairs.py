"""The comparisons table as the rest of judging and the reports read it."""

from __future__ import annotations

import pandas as pd

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.judge.pairs import PAIR_COLUMNS
from tests.factories import FROZEN_DATA, build, claim, source


def test_the_comparisons_are_the_pair_columns_as_text_numbered_from_zero() -> None:
    pairs = assess(load_corpus(FROZEN_DATA)).comparisons
    assert list(pairs.columns) == PAIR_COLUMNS
    assert all(dtype == "str" for dtype in pairs.dtypes)
    pd.testing.assert_index_equal(pairs.index, pd.RangeIndex(len(pairs)))
    assert set(pairs["verdict"]) == {"agrees", "disagrees", "consistent"}
    assert set(pairs["stance"]) == set(pairs["other_stance"]) == {"asserts"}
    assert pairs["other_source"].eq("record").any()  # the record, the claims and the roles met
    assert pairs["attribute"].eq("role").any()


def test_each_role_claim_meets_its_own_finding_in_the_dated_roles() -> None:
    corpus = build(
        [source("web")],
        [
            claim("web-1", "isa-signed", "role", "foreign_minister_canada", subject="joly"),
            claim("web-2", "plan-adopted", "role", "foreign_minister_canada", subject="joly"),
        ],
        [],
    )
    pairs = assess(corpus).comparisons
    said = pairs.set_index("claim_id")[["verdict", "other_value"]].apply(tuple, axis=1)
    assert len(pairs) == 2
    assert said["web-1"][0] == "disagrees"
    assert said["web-1"][1].endswith("not on 2025-07-08; anand held it then")
    assert said["web-2"] == ("agrees", "joly held foreign_minister_canada on 2022-10-11")
