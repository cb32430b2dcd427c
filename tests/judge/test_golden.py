"""Golden checks on the real five-seed corpus, frozen in tests/fixtures/corpus/: what a careful
reader of the five seeds and the record finds.

Each expectation comes from reading the seeds against the official record (the frozen copy's
data/reference.csv), not from running the code: 000 (mediawall) puts the ISA signing in Ottawa
with Joly as foreign minister; 002 (canadian-press) calls the agreement the "General Data
Protection Agreement"; 003 (cips) dates the NSS December 17 and lists five of "Six Shared
Priorities"; 002 and 004 share whole sentences (the "On Tuesday ... joint exercises between the"
sentence, the "as soon as possible" and "eight countries" paragraphs), and each has paragraphs
of its own (002's Canadian paragraphs and its agreement name, 004's SCMP-credited name); the
October 2022 stories expect the Indo-Pacific Strategy that was launched on 2022-11-27.
"""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.dates import end_of, start_of
from claimtrace.corpus.entities import split_list
from claimtrace.corpus.load import Corpus, load_corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.vocabulary import CHECKABLE_KINDS, STATUSES
from tests.factories import FROZEN_DATA, conflicts_as_exported

DATA = FROZEN_DATA


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(DATA)


@pytest.fixture(scope="module")
def result(corpus: Corpus) -> Assessment:
    return assess(corpus)


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
    assert place["facets"] == "against_record; between_sources"  # rips is independent


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
    # The two October stories word the name in their own sentences: two witnesses, one each
    # side, so cips's name is confirmed by indiablooms and contradicted by canadian-press.
    cips = claims.loc["cips-09"]
    assert cips[["status", "credibility"]].tolist() == ["confirmed", 1]
    assert cips[["corroborating_origins", "contradicted_by"]].tolist() == [
        "record; indiablooms",
        "canadian-press",
    ]


def test_nss_date_december_17_is_a_day_off_the_record(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    assert claims.loc["cips-31", ["value", "status", "credibility"]].tolist() == [
        "2022-12-17",
        "contradicted",
        5,
    ]
    nss = conflicts.loc["japan-nss-approved-date"]
    assert (nss["record_supports"], nss["claim_ids"]) == ("2022-12-16", "cips-31")


def test_six_shared_priorities_listed_as_five_missing_energy_security(
    claims: pd.DataFrame, conflicts: pd.DataFrame
) -> None:
    assert claims.loc["cips-23", ["value", "status", "credibility"]].tolist() == [
        "6",
        "confirmed",
        1,
    ]
    assert claims.loc["cips-24", ["status", "credibility"]].tolist() == ["contradicted", 5]
    # One defect (energy security left out) is one finding: short of the record's six, and
    # of the six cips itself announces.
    priorities = conflicts[conflicts["event_id"] == "action-plan-adopted"]
    assert priorities.index.tolist() == ["action-plan-adopted-count-items"]
    finding = priorities.iloc[0]
    assert (finding["scope"], finding["facets"]) == ("against_record", "against_record; internal")
    assert finding["claim_ids"] == "cips-23; cips-24"
    assert finding["detail"].endswith("per the record R07, cips lacks energy_security")


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


def test_canadian_press_and_indiablooms_are_one_witness_for_their_shared_sentences_only(
    result: Assessment, claims: pd.DataFrame
) -> None:
    reuse = result.reuse.set_index(["source_a", "source_b"])
    assert reuse.loc[("canadian-press", "indiablooms"), "derivative"]
    assert not reuse.drop(("canadian-press", "indiablooms"))["derivative"].any()  # stock phrases
    shared = claims.loc["canadian-press-13", "origin_group"]  # "On Tuesday, ... military ties"
    assert claims.loc["indiablooms-12", "origin_group"] == shared
    groups = result.origin_groups.set_index("origin_group")
    assert groups.loc[shared, "members"] == "canadian-press; indiablooms"
    assert len(shared) <= len("canadian-press+1")
    # The "as soon as possible" and "eight countries" paragraphs are the shared wire too.
    for claim_id in ("canadian-press-09", "canadian-press-10", "indiablooms-09", "indiablooms-10"):
        assert claims.loc[claim_id, "origin_group"] == shared
    # Each story's own sentences are its own witness.
    for claim_id in ("canadian-press-08", "canadian-press-12", "canadian-press-17"):
        assert claims.loc[claim_id, "origin_group"] == "canadian-press"
    assert claims.loc["indiablooms-04", "origin_group"] == "indiablooms"
    # The shared sentence dates the plan to the day; cips's "in October" confirms no day.
    assert claims.loc["indiablooms-12", "corroborating_origins"] == "record"
    assert claims.loc["cips-20", "corroborating_origins"] == f"record; {shared}"
    others = set(result.origin_groups["origin_group"]) - {shared}
    assert others == {"mediawall", "rips", "cips", "record", "canadian-press", "indiablooms"}


def test_no_origin_group_both_corroborates_and_contradicts_a_claim(result: Assessment) -> None:
    for agree, disagree in zip(
        result.claims["corroborating_origins"], result.claims["contradicted_by"], strict=True
    ):
        assert not set(split_list(agree)) & set(split_list(disagree))


def test_the_five_eyes_lists_of_canadian_press_and_mediawall_are_judged_alike(
    claims: pd.DataFrame,
) -> None:
    five_eyes = claims.loc[["canadian-press-12", "mediawall-11"]]
    assert five_eyes["attribute"].tolist() == ["includes", "items"]
    assert five_eyes["value_normalised"].nunique() == 1
    assert five_eyes[["status", "credibility"]].values.tolist() == [["confirmed", 1]] * 2
    assert five_eyes["corroborating_origins"].tolist() == ["mediawall", "canadian-press"]


def test_a_claim_the_record_confirms_is_1_whatever_its_source_got_wrong(
    result: Assessment, claims: pd.DataFrame
) -> None:
    by_record = result.claims["corroborating_origins"].map(lambda o: "record" in split_list(o))
    assert by_record.sum() > 30
    assert set(result.claims.loc[by_record, "credibility"]) == {1}
    # canadian-press gets the agreement's name wrong on this event, and that is its own error:
    # that talks began reads alike from canadian-press and from indiablooms.
    talks = claims.loc[["canadian-press-01", "indiablooms-01"]]
    assert talks["credibility"].tolist() == [3, 3]  # an unconfirmed detail of a real event
    assert set(talks["credibility_reason"].str.contains("attested by the official record")) == {
        True
    }


def test_what_no_one_else_reports_cannot_be_judged(claims: pd.DataFrame) -> None:
    # mediawall's Vancouver centre and its $78 million: no other source, nothing in the record.
    uncorroborated = claims.loc[["mediawall-25", "mediawall-33"]]
    assert uncorroborated[["status", "credibility"]].values.tolist() == [["unconfirmed", 6]] * 2
    assert (uncorroborated["credibility"] > claims.loc["canadian-press-01", "credibility"]).all()


def test_the_october_2022_stories_anticipate_the_strategy_and_attest_nothing_of_it(
    result: Assessment, corpus: Corpus
) -> None:
    ips = result.timeline.set_index("event_id").loc["canada-ips-launched"]
    assert ips["attesting_sources"] == "cips; record"
    assert ips["anticipating_sources"] == "canadian-press; indiablooms"
    assert ips["n_origins"] == 2
    # No claim attests an event it could only foresee: forecasts, or sources published before.
    published = corpus.sources.set_index("source_id")["published"]
    dated = corpus.events.set_index("event_id")["date"]
    attesting = result.claims[result.claims["attests_event"]]
    assert set(attesting["kind"]) <= CHECKABLE_KINDS
    for source_id, event_id in zip(attesting["source_id"], attesting["event_id"], strict=True):
        when, happened = published[source_id], dated[event_id]
        assert not (when and happened) or end_of(when) >= start_of(happened)
    # cips's count of mentions of Japan in the strategy: only the record attests the launch.
    assert result.claims.set_index("claim_id").loc["cips-26", "credibility_reason"] == (
        "not confirmed itself; its event is attested by the official record"
    )


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


def test_the_true_disagreements_stay_found_and_no_other_appears(result: Assessment) -> None:
    assert sorted(result.conflicts["conflict_id"]) == [
        "action-plan-adopted-count-items",
        "isa-signed-place",
        "isa-signed-role-joly",
        "isa-talks-announced-agreement-name",
        "japan-nss-approved-date",
    ]


def test_source_reasons_name_what_was_contradicted_in_words(result: Assessment) -> None:
    reasons = result.sources.set_index("source_id")["reason"]
    assert reasons["canadian-press"].endswith("contradicted on agreement name")
    assert reasons["mediawall"].endswith("no byline, no date; contradicted on place, role")


def test_mediawalls_unconfirmed_details_are_at_best_possibly_true(claims: pd.DataFrame) -> None:
    # Its access-to-information transcript and the Privacy Commissioner's review: details no one
    # else gives, of a signing that did happen.
    mediawall = claims[claims["source_id"] == "mediawall"]
    assert set(mediawall["credibility"]) <= {1, 3, 4, 5, 6}
    assert claims.loc["mediawall-19", "credibility"] == 3
    # Joly "during the closed-door signing ceremony", in the sentence that makes her foreign
    # minister two months after her term ended, is read with it.
    joly_there = claims.loc["mediawall-07"]
    assert (joly_there["credibility"], joly_there["contradicted_in_sentence"]) == (
        4,
        "mediawall-06",
    )
