"""The Assessment's eight frames are what judge/frames.py writes down: a real assessment of the
frozen corpus satisfies every model, and a frame that strays from its model is caught."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd
import pandera.errors
import pandera.pandas as pa
import pytest

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.judge.frames import ASSESSMENT_FRAMES, ClaimsFrame, ComparisonsFrame
from tests.factories import FROZEN_DATA


@pytest.fixture(scope="module")
def result() -> Assessment:
    return assess(load_corpus(FROZEN_DATA))


def test_every_frame_of_a_real_assessment_is_as_written_down(result: Assessment) -> None:
    assert list(ASSESSMENT_FRAMES) == [field.name for field in fields(Assessment)]
    for name, model in ASSESSMENT_FRAMES.items():
        frame = getattr(result, name)
        assert len(frame) > 0, name  # the frozen corpus has rows of every kind
        model.validate(frame, lazy=True)


def problems(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> str:
    """What validating `frame` against `model` reports; '' when it passes."""
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as error:
        return str(error)
    return ""


def test_a_column_left_unwritten_a_column_missing_or_a_value_outside_its_set_is_caught(
    result: Assessment,
) -> None:
    claims = result.claims
    assert problems(ClaimsFrame, claims) == ""
    assert "column 'unwritten' not in" in problems(ClaimsFrame, claims.assign(unwritten=""))
    assert "column 'stance' not in dataframe" in problems(
        ClaimsFrame, claims.drop(columns="stance")
    )
    assert "isin" in problems(ClaimsFrame, claims.assign(credibility=7))
    assert "field_uniqueness" in problems(ClaimsFrame, claims.assign(claim_id="same"))
    assert "isin" in problems(ComparisonsFrame, result.comparisons.assign(verdict="maybe"))
