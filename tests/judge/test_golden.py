"""Golden checks on the real corpus: what a careful reader of the five seeds and the record finds.

Each expectation comes from reading the seeds against shared/reference/official_record.csv, not
from running the code: 000 (mediawall) puts the ISA signing in Ottawa with Joly as foreign
minister; 002 (canadian-press) calls the agreement the "General Data Protection Agreement"; 003
(cips) dates the NSS December 17 and lists five of "Six Shared Priorities"; 002 and 004 share
whole sentences.
"""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.vocabulary import STATUSES
from tests.factories import LIVE_DATA, conflicts_as_exported

DATA = LIVE_DATA


@pytest.fixture(scope="module")
def result() -> Assessment:
    return assess(load_corpus(DATA))


@pytest.fixture(scope="module")
def claims(result: Assessment) -> pd.DataFrame:
    return result.claims.set_index("claim_id")


@pytest.fixture(scope="module")
def conflicts(result: Assessment) -> pd.DataFrame:
    return conflicts_as_exported(result).set_index("conflict_id")


def test_isa_signing_place_ottawa_is_contradicted_by_the_record_tokyo(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    assert claims.loc["mediawall-04", ["value_normalised", "status", "credibility"]].tolist() == [
        "ottawa",
        "contradicted",
        5,
    ]
    place = conflicts.loc["isa-signed-place"]
    assert place["values"] == "ottawa (mediawall) ≠ tokyo (record R12+R13, rips)"
    assert (place["scope"], place["record_supports"]) == ("against_record", "tokyo")


def test_joly_was_no_longer_foreign_minister_at_the_isa_signing(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    joly = claims.loc["mediawall-06"]
    assert (joly["subject"], joly["status"], joly["credibility"]) == ("joly", "contradicted", 5)
    assert "not on 2025-07-08; anand held it then" in joly["credibility_reason"]
    assert conflicts.loc["isa-signed-role-joly", "scope"] == "against_record"


def test_isa_signed_in_tokyo_on_2025_07_08_by_anand_and_iwaya_is_confirmed(
    claims: pd.DataFrame,
) -> None:
    rips = claims.loc[["rips-01", "rips-02", "rips-03", "rips-06"]]
    assert rips["value_normalised"].tolist() == [
        "2025-07-08",
        "anand; iwaya",
        "foreign_minister_canada",
        "tokyo",
    ]
    assert set(rips["status"]) == {"confirmed"}
    assert set(rips["credibility"]) == {1}


def test_general_data_protection_agreement_is_a_wrong_name(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    wrong = claims.loc["canadian-press-08"]
    assert (wrong["value_normalised"], wrong["status"], wrong["credibility"]) == (
        "gdpa",
        "contradicted",
        5,
    )
    name = conflicts.loc["isa-talks-announced-agreement-name"]
    assert name["values"] == "gdpa (canadian-press) ≠ isa (record R08, cips, indiablooms)"
    assert name["record_supports"] == "isa"


def test_nss_date_december_17_is_a_day_off_the_record(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    assert claims.loc["cips-31", ["value", "status", "credibility"]].tolist() == [
        "2022-12-17",
        "contradicted",
        5,
    ]
    assert conflicts.loc["japan-nss-approved-date", "record_supports"] == "2022-12-16"


def test_six_shared_priorities_listed_as_five_missing_energy_security(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    assert claims.loc["cips-23", ["value", "status"]].tolist() == ["6", "confirmed"]
    assert claims.loc["cips-24", ["status", "credibility"]].tolist() == ["contradicted", 5]
    priorities = conflicts[conflicts["event_id"] == "action-plan-adopted"]
    assert sorted(priorities["scope"]) == ["against_record", "internal"]
    for detail in priorities["detail"]:
        assert detail.endswith("per the record R07, cips lacks energy_security")


def test_acsa_in_force_2019_is_confirmed_and_not_confused_with_the_2018_signing(
    claims: pd.DataFrame, result: Assessment
) -> None:
    assert claims.loc["cips-07", ["event_id", "value", "status"]].tolist() == [
        "acsa-in-force",
        "2019",
        "confirmed",
    ]
    assert claims.loc["rips-09", ["event_id", "value", "status"]].tolist() == [
        "acsa-signed",
        "2018",
        "confirmed",
    ]
    assert not result.conflicts["event_id"].str.startswith("acsa").any()


def test_spellings_of_joly_do_not_make_a_conflict(result: Assessment) -> None:
    disputed = result.conflicts[result.conflicts["event_id"] == "action-plan-adopted"]
    assert "participants" not in set(disputed["attribute"])
    participants = result.claims[
        (result.claims["event_id"] == "action-plan-adopted")
        & (result.claims["attribute"] == "participants")
    ]
    assert set(participants["status"]) == {"confirmed"}


def test_canadian_press_and_indiablooms_are_one_origin_and_do_not_corroborate_each_other(
    result: Assessment, claims: pd.DataFrame
) -> None:
    origins = result.origins.set_index("source_id")
    assert origins.loc["canadian-press", "origin_group"] == "canadian-press+indiablooms"
    assert origins.loc["indiablooms", "origin_group"] == "canadian-press+indiablooms"
    assert "runs of 6+ words with canadian-press" in origins.loc["indiablooms", "origin_basis"]
    others = set(origins["origin_group"]) - {"canadian-press+indiablooms"}
    assert others == {"mediawall", "rips", "cips", "record"}
    # indiablooms-12 and canadian-press-13 both date the Action Plan 2022-10-11; only cips and
    # the record count as corroboration.
    assert claims.loc["indiablooms-12", "corroborating_origins"] == "record; cips"


def test_conflict_ids_are_unique_slugs(result: Assessment) -> None:
    ids = result.conflicts["conflict_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"[a-z0-9][a-z0-9-]*").all()


def test_every_claim_has_a_status_and_a_grade_with_a_reason(result: Assessment) -> None:
    assert set(result.claims["status"]) == set(STATUSES)
    assert result.claims["credibility"].between(1, 6).all()
    assert (result.claims["credibility_reason"] != "").all()
    assert (result.sources["reason"] != "").all()


def test_analysis_and_forecasts_are_graded_6(result: Assessment) -> None:
    judgements = result.claims[result.claims["kind"].isin(["analysis", "forecast"])]
    assert len(judgements) > 10
    assert set(judgements["credibility"]) == {6}


def test_the_record_is_a_and_mediawall_is_graded_lowest(result: Assessment) -> None:
    grades = result.sources.set_index("source_id")["reliability"]
    assert grades["record"] == "A"
    assert grades["mediawall"] == "E"
    others = grades.drop(["record", "mediawall"])
    assert (others < grades["mediawall"]).all()  # A best ... F worst; E below every other seed
    assert grades["rips"] == "B"


def test_timeline_marks_the_disputed_events(result: Assessment) -> None:
    timeline = result.timeline.set_index("event_id")
    disputed = set(timeline.index[timeline["conflict"]])
    assert disputed == {
        "isa-signed",
        "isa-talks-announced",
        "japan-nss-approved",
        "action-plan-adopted",
    }
    assert timeline.loc["isa-signed", "disputed_attributes"] == "place; role"
    assert timeline.loc["isa-signed", "attesting_sources"] == "mediawall; record; rips"
    assert timeline.loc["isa-signed", "n_origins"] == 3


def test_source_reasons_name_what_was_contradicted_in_words(result: Assessment) -> None:
    reasons = result.sources.set_index("source_id")["reason"]
    assert reasons["canadian-press"].endswith("contradicted on agreement name")
    assert reasons["mediawall"].endswith("no byline, no date; contradicted on place, role")
