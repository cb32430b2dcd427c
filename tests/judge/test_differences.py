"""What changed between two assessments, on small hand-made corpora checked by eye."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.judge.assess import Assessment
from claimtrace.judge.differences import CLAIM_GRADES, compare
from tests.factories import assess_claims as assessed
from tests.factories import claim

RIPS = claim("rips-1", "isa-signed", "place", "tokyo")
WIRE_OTTAWA = claim("wire-1", "isa-signed", "place", "ottawa")
WIRE_TOKYO = claim("wire-1", "isa-signed", "place", "tokyo")
WIRE_DATE = claim("wire-2", "isa-signed", "date", "2025-07-08")
"""With its date confirmed, the wire has two checked claims: enough for a grade."""


def test_a_new_source_brings_its_claims_grade_and_the_disagreement_it_opens() -> None:
    change = compare(assessed(RIPS), assessed(RIPS, WIRE_OTTAWA))
    assert change.sources_added["source_id"].tolist() == ["wire"]
    assert set(change.sources_added[["reliability", "reason"]].iloc[0]) != {""}
    assert change.claims_added["claim_id"].tolist() == ["wire-1"]
    assert change.claims_added.loc[0, "status"] == "contradicted"
    assert change.conflicts_opened["conflict_id"].tolist() == ["isa-signed-place"]
    assert change.sources_removed.empty and change.claims_removed.empty
    assert change.conflicts_closed.empty and not change.nothing_changed


def test_a_source_that_leaves_takes_its_claims_and_closes_its_disagreement() -> None:
    change = compare(assessed(RIPS, WIRE_OTTAWA), assessed(RIPS))
    assert change.sources_removed["source_id"].tolist() == ["wire"]
    assert change.claims_removed["claim_id"].tolist() == ["wire-1"]
    assert change.conflicts_closed["conflict_id"].tolist() == ["isa-signed-place"]
    assert change.sources_added.empty and change.conflicts_opened.empty


def test_a_corrected_claim_moves_its_grade_and_its_source_grade_with_reasons() -> None:
    change = compare(assessed(RIPS, WIRE_OTTAWA, WIRE_DATE), assessed(RIPS, WIRE_TOKYO, WIRE_DATE))
    regraded = change.claims_regraded.set_index("claim_id")
    assert regraded.loc["wire-1", "status_before"] == "contradicted"
    assert regraded.loc["wire-1", "status_after"] == "confirmed"
    wire = regraded.loc["wire-1"]
    assert wire["credibility_after"] < wire["credibility_before"]
    assert "record" in regraded.loc["wire-1", "credibility_reason_before"]
    moved = change.grades_moved.set_index("source_id")
    assert list(moved.index) == ["wire"]
    assert moved.loc["wire", "reliability_before"] != moved.loc["wire", "reliability_after"]
    assert moved.loc["wire", "reason"] != moved.loc["wire", "reason_before"]
    assert change.conflicts_closed["conflict_id"].tolist() == ["isa-signed-place"]
    assert change.claims_added.empty and change.sources_added.empty


def test_a_new_voice_in_an_old_disagreement_changes_its_sides() -> None:
    news = claim("news-1", "isa-signed", "place", "ottawa")
    change = compare(assessed(RIPS, WIRE_OTTAWA), assessed(RIPS, WIRE_OTTAWA, news))
    changed = change.conflicts_changed.set_index("conflict_id")
    assert "news" not in changed.loc["isa-signed-place", "source_ids_before"]
    assert "news" in changed.loc["isa-signed-place", "source_ids_after"]
    assert change.conflicts_opened.empty


def test_the_same_assessment_has_no_change() -> None:
    same = assessed(RIPS, WIRE_OTTAWA)
    assert compare(same, same).nothing_changed


def test_a_column_the_earlier_code_did_not_have_is_not_read_as_a_change() -> None:
    before, after = assessed(RIPS, WIRE_OTTAWA), assessed(RIPS, WIRE_OTTAWA)
    older = Assessment(**{**before.__dict__, "claims": before.claims.drop(columns="status")})
    assert compare(older, after).nothing_changed


def with_claims(assessment: Assessment, claims: pd.DataFrame) -> Assessment:
    return Assessment(**{**assessment.__dict__, "claims": claims})


def test_a_reason_the_earlier_code_did_not_give_is_not_read_as_a_change() -> None:
    before, after = assessed(RIPS, WIRE_OTTAWA), assessed(RIPS, WIRE_OTTAWA)
    older = with_claims(before, before.claims.drop(columns="credibility_reason"))
    assert compare(older, after).nothing_changed


@pytest.mark.parametrize("grade", CLAIM_GRADES)
def test_either_grade_of_a_claim_moving_alone_regrades_it(grade: str) -> None:
    before = assessed(RIPS, WIRE_OTTAWA, WIRE_DATE)
    claims = before.claims.copy()
    claims.loc[claims["claim_id"] == "wire-1", grade] = "moved" if grade == "status" else 6
    regraded = compare(before, with_claims(before, claims)).claims_regraded
    assert regraded["claim_id"].tolist() == ["wire-1"]
    row = regraded.iloc[0]
    assert row[f"{grade}_before"] != row[f"{grade}_after"]


def test_a_grade_the_earlier_code_typed_otherwise_is_compared_by_its_text() -> None:
    before, after = assessed(RIPS, WIRE_OTTAWA), assessed(RIPS, WIRE_OTTAWA)
    as_text = with_claims(before, before.claims.astype({"credibility": str}))
    assert compare(as_text, after).nothing_changed
    claims = before.claims.astype({"credibility": str})
    claims.loc[claims["claim_id"] == "wire-1", "credibility"] = "6"
    regraded = compare(with_claims(before, claims), after).claims_regraded
    assert regraded["claim_id"].tolist() == ["wire-1"]
    assert regraded.loc[0, "credibility_before"] == "6"


def test_rows_that_arrive_or_leave_are_the_rows_as_they_were_numbered_afresh() -> None:
    before, after = assessed(RIPS), assessed(RIPS, WIRE_OTTAWA, WIRE_DATE)
    change = compare(before, after)
    added = after.claims[after.claims["source_id"] == "wire"].reset_index(drop=True)
    pd.testing.assert_frame_equal(change.claims_added, added, check_index_type=True)
    pd.testing.assert_frame_equal(compare(after, before).claims_removed, added)
    pd.testing.assert_frame_equal(change.events_before, before.timeline)
