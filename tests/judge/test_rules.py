"""The assessment rules on small hand-made corpora: comparisons, independence, grades, conflicts.

Each corpus is built in the test from a few rows, so every expectation can be checked by eye.
Claims are normalised with the real entities module, as `load_corpus` does.
"""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import assess
from claimtrace.judge.comparison import AGREES, DISAGREES, compare_values
from claimtrace.judge.grading import CREDIBILITY_RULES, RELIABILITY_RULES, grading_rules
from claimtrace.judge.origins import shared_runs
from tests.factories import STORY, build, claim, conflicts_as_exported, record, source


def claims_by_id(corpus: Corpus) -> pd.DataFrame:
    return assess(corpus).claims.set_index("claim_id")


# Comparing values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "value", "other_attribute", "other", "verdict"),
    [
        ("date", "2022-10", "date", "2022-10-11", AGREES),  # month vs day precision
        ("date", "2018", "date", "2018-04-21", AGREES),
        ("date", "2022-12-17", "date", "2022-12-16", DISAGREES),
        ("date", "2022-11", "date", "2022-10-11", DISAGREES),
        ("signatories", "anand; iwaya", "signatories", "iwaya; anand", AGREES),
        ("signatories", "anand", "signatories", "anand; iwaya", DISAGREES),
        ("place", "ottawa", "place", "tokyo", DISAGREES),
        ("includes", "india; usa", "items", "australia; india; usa", AGREES),
        ("includes", "india; china", "items", "australia; india; usa", DISAGREES),
        ("includes", "india", "includes", "india; usa", AGREES),
        ("includes", "china", "includes", "india; usa", None),  # two partial lists: no verdict
        ("items", "india; usa", "includes", "india", None),  # consistent, confirms only part
        ("items", "india; usa", "includes", "china", DISAGREES),
        ("count", "6", "items", "a; b; c; d; e", DISAGREES),
        ("count", "5", "items", "a; b; c; d; e", AGREES),
        ("amount", "78000000 CAD", "amount", "78000000 CAD", AGREES),
        ("description", "a pact", "description", "a pact", None),  # never compared
        ("role", "foreign_minister_canada", "role", "foreign_minister_canada", None),
    ],
)
def test_compare_values_follows_the_vocabulary(
    attribute: str, value: str, other_attribute: str, other: str, verdict: str | None
) -> None:
    assert compare_values(attribute, value, other_attribute, other) == verdict


def test_day_and_month_precision_of_one_date_confirm_each_other() -> None:
    corpus = build(
        [source("wire")],
        [claim("wire-1", "plan-adopted", "date", "2022-10")],
        [record("R05", "plan-adopted", "date", "2022-10-11")],
    )
    result = assess(corpus)
    assert result.claims.set_index("claim_id").loc["wire-1", "status"] == "confirmed"
    assert result.conflicts.empty


def test_signing_and_entry_into_force_are_different_events_not_a_conflict() -> None:
    corpus = build(
        [source("blog")],
        [
            claim("blog-1", "acsa-in-force", "date", "2019"),
            claim("blog-2", "acsa-signed", "date", "2018"),
        ],
        [record("R02", "acsa-signed", "date", "2018-04-21")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert result.conflicts.empty
    assert claims.loc["blog-2", "status"] == "confirmed"
    assert claims.loc["blog-1", "status"] == "unconfirmed"  # the record is silent on 2019


def test_an_alias_or_misspelling_of_one_person_is_not_a_conflict() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "plan-adopted", "participants", "Jolly; Hayashi Yoshimasa"),
            claim("blog-1", "plan-adopted", "participants", "Mélanie Joly; Yoshimasa Hayashi"),
        ],
        [record("R06", "plan-adopted", "participants", "Melanie Joly; Hayashi")],
    )
    result = assess(corpus)
    assert result.conflicts.empty
    assert set(result.claims["status"]) == {"confirmed"}


def test_a_wrong_name_is_contradicted_while_its_alias_would_agree() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "plan-adopted", "agreement_name", "General Data Protection Agreement"),
            claim("blog-1", "plan-adopted", "agreement_name", "ISA"),
        ],
        [record("R08", "plan-adopted", "agreement_name", "isa")],
    )
    claims = claims_by_id(corpus)
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert claims.loc["blog-1", ["status", "credibility"]].tolist() == ["confirmed", 1]


def test_a_wrong_agreement_name_is_contradicted_by_the_agreement_the_record_is_about() -> None:
    corpus = build(
        [source("wire")],
        [claim("wire-1", "isa-signed", "agreement_name", "General Data Protection Agreement")],
        [record("R12", "isa-signed", "date", "2025-07-08")],
    )
    result = assess(corpus)
    assert result.claims["credibility_reason"].tolist() == [
        "contradicted by the official record (R12: isa)"
    ]
    assert conflicts_as_exported(result)["values"].tolist() == ["gdpa (wire) ≠ isa (record R12)"]


# Independence ---------------------------------------------------------------------------------


def test_shared_runs_fold_case_and_punctuation() -> None:
    a = "They aim to reach an agreement “as soon as possible” to facilitate information sharing."
    b = "THE TWO SIDES AIM TO REACH AN AGREEMENT AS SOON AS POSSIBLE, TO FACILITATE INFORMATION"
    assert shared_runs(a, b) == [
        "aim to reach an agreement as soon as possible to facilitate information"
    ]
    assert shared_runs("a free and open Indo-Pacific region", "no words in common here") == []


def test_a_derivative_copy_is_one_origin_and_does_not_corroborate() -> None:
    copy = (
        STORY.replace("Tuesday", "Tuesday, officials said,")
        .replace("ministers adopted", "ministers approved")
        .replace("Both sides aim", "Both hope")
    )
    corpus = build(
        [source("wire"), source("aggregator", author="")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("aggregator-1", "centre-opens", "place", "ottawa"),
        ],
        [],
        seeds={"wire": STORY, "aggregator": copy},
    )
    result = assess(corpus)
    origins = result.origins.set_index("source_id")
    assert origins.loc["wire", "origin_group"] == origins.loc["aggregator", "origin_group"]
    assert origins.loc["aggregator", "origin_basis"] == (
        "shares 4 runs of 6+ words with wire (longest 18 words)"
    )
    claims = result.claims.set_index("claim_id")
    assert claims.loc["aggregator-1", ["status", "credibility"]].tolist() == ["unconfirmed", 3]
    assert claims.loc["aggregator-1", "corroborating_origins"] == ""


def test_a_verbatim_repost_is_one_long_run_and_one_origin() -> None:
    corpus = build(
        [source("wire"), source("mirror")], [], [], seeds={"wire": STORY, "mirror": STORY}
    )
    reuse = assess(corpus).reuse
    assert reuse[["shared_runs", "derivative"]].values.tolist() == [[1, True]]
    assert reuse["longest_run_words"].iloc[0] == len(STORY.split())


def test_an_independent_origin_does_corroborate() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("blog-1", "centre-opens", "place", "Ottawa"),
        ],
        [],
        seeds={"wire": STORY, "blog": "An unrelated text about a centre in Ottawa."},
    )
    claims = claims_by_id(corpus)
    assert claims.loc["blog-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    assert claims.loc["blog-1", "corroborating_origins"] == "wire"


def test_sources_relying_on_one_outlet_or_on_each_other_form_one_origin() -> None:
    corpus = build(
        [
            source("a", relies_on="South China Morning Post"),
            source("b", relies_on="south china  morning post"),
            source("c", relies_on="a"),
            source("d"),
        ],
        [],
        [],
    )
    origins = assess(corpus).origins.set_index("source_id")
    assert set(origins["origin_group"]) == {"record", "a+b+c", "d"}
    assert "relies on South China Morning Post, as does b" in origins.loc["a", "origin_basis"]
    assert origins.loc["c", "origin_basis"] == "relies on a"
    assert origins.loc["record", "origin_basis"] == "the official record is its own origin"


# Credibility ----------------------------------------------------------------------------------


def test_analysis_and_forecast_are_graded_6() -> None:
    corpus = build(
        [source("blog")],
        [
            claim("blog-1", "isa-signed", "place", "tokyo", kind="analysis"),
            claim("blog-2", "isa-signed", "date", "2025-07", kind="forecast"),
            claim("blog-3", "isa-signed", "date", ""),  # a relative date with no anchor
        ],
        [record("R12", "isa-signed", "place", "tokyo")],
    )
    claims = claims_by_id(corpus)
    assert claims["credibility"].tolist() == [6, 6, 6]
    assert claims["status"].tolist() == ["not_judged"] * 3
    assert (
        claims.loc["blog-1", "credibility_reason"] == "analysis: a judgement, not a checkable fact"
    )


def test_contradicted_by_the_record_is_5_and_the_source_is_doubtful_on_that_event() -> None:
    corpus = build(
        [source("web", author="", published=""), source("rips")],
        [
            claim("web-1", "isa-signed", "place", "Ottawa"),
            claim("web-2", "isa-signed", "description", "an intelligence pact"),
            claim("rips-1", "isa-signed", "place", "Tokyo"),
            claim("rips-2", "isa-signed", "description", "a landmark pact"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert (
        claims.loc["web-1", "credibility_reason"]
        == "contradicted by the official record (R12: tokyo)"
    )
    assert claims.loc["web-2", "credibility"] == 4
    assert (
        "other details of the event are contradicted (place)"
        in claims.loc["web-2", "credibility_reason"]
    )
    assert claims.loc["rips-2", ["status", "credibility"]].tolist() == ["not_judged", 2]
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["values"] == "ottawa (web) ≠ tokyo (record R12, rips)"
    assert conflict["scope"] == "against_record"
    assert conflict["record_supports"] == "tokyo"
    assert conflict["claim_ids"] == "rips-1; web-1"


def test_independent_disagreement_with_the_record_silent_is_4_on_both_sides() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("blog-1", "centre-opens", "place", "tokyo"),
        ],
        [],
    )
    result = assess(corpus)
    assert result.claims["credibility"].tolist() == [4, 4]
    assert result.claims["status"].tolist() == ["contradicted", "contradicted"]
    conflict = conflicts_as_exported(result).iloc[0]
    assert (conflict["scope"], conflict["record_supports"]) == ("between_sources", "")
    assert conflict["values"] == "tokyo (blog) ≠ ottawa (wire)"


def test_event_attested_by_record_is_2_and_only_within_own_origin_is_3() -> None:
    corpus = build(
        [source("blog")],
        [
            claim("blog-1", "isa-signed", "amount", "78000000 CAD"),
            claim("blog-2", "centre-opens", "count", "35"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08")],
    )
    claims = claims_by_id(corpus)
    assert claims["credibility"].tolist() == [2, 3]
    assert claims.loc["blog-1", "credibility_reason"] == (
        "not confirmed itself; its event is attested by record"
    )


def test_role_is_checked_against_dated_roles_at_the_event_date() -> None:
    corpus = build(
        [source("web")],
        [
            claim("web-1", "isa-signed", "role", "foreign_minister_canada", subject="joly"),
            claim("web-2", "plan-adopted", "role", "foreign_minister_canada", subject="joly"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert "anand held it then" in claims.loc["web-1", "credibility_reason"]
    assert claims.loc["web-2", ["status", "credibility"]].tolist() == ["confirmed", 1]
    conflict = conflicts_as_exported(result).set_index("conflict_id").loc["isa-signed-role-joly"]
    assert conflict["record_supports"] == (
        "joly held foreign_minister_canada 2021-10-26 to 2025-05-13, not on 2025-07-08; "
        "anand held it then"
    )


def test_a_count_against_its_own_list_with_the_record_silent_makes_both_doubtful() -> None:
    corpus = build(
        [source("cips")],
        [
            claim("cips-1", "plan-adopted", "count", "6"),
            claim("cips-2", "plan-adopted", "items", "a; b"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims["credibility"].tolist() == [4, 4]
    assert "inconsistent with its own claim cips-2" in claims.loc["cips-1", "credibility_reason"]
    assert result.conflicts["scope"].tolist() == ["internal"]
    assert conflicts_as_exported(result)["record_supports"].tolist() == [""]


def test_a_count_against_its_own_shorter_list_is_an_internal_conflict() -> None:
    priorities = "rule-of-law; peacekeeping; health; trade; climate"
    corpus = build(
        [source("cips")],
        [
            claim("cips-1", "plan-adopted", "count", "6"),
            claim("cips-2", "plan-adopted", "items", priorities),
        ],
        [record("R07", "plan-adopted", "items", priorities + "; energy")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["cips-2", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert claims.loc["cips-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    scopes = conflicts_as_exported(result).set_index("scope")
    assert set(scopes.index) == {"against_record", "internal"}
    internal = scopes.loc["internal"]
    assert internal["values"] == "5 items (cips items) ≠ 6 items (record R07) / 6 (cips count)"
    assert internal["detail"].endswith("; per the record R07, cips lacks energy")
    against = scopes.loc["against_record"]
    assert against["detail"].endswith("; per the record R07, cips lacks energy")


# Reliability ----------------------------------------------------------------------------------


def _graded_sources(sources: list[dict], claims: list[dict], reference: list[dict]) -> pd.Series:
    return assess(build(sources, claims, reference)).sources.set_index("source_id")["reliability"]


def test_reliability_grades_follow_outcomes_and_provenance() -> None:
    reference = [
        record("R1", "isa-signed", "date", "2025-07-08", place="Tokyo"),
        record("R2", "acsa-signed", "date", "2018-04-21"),
        record("R3", "plan-adopted", "date", "2022-10-11"),
    ]
    claims = [
        # good: three confirmed, full provenance -> B
        claim("good-1", "isa-signed", "date", "2025-07-08"),
        claim("good-2", "acsa-signed", "date", "2018"),
        claim("good-3", "plan-adopted", "date", "2022-10"),
        # anon: wrong place and no byline or date -> E
        claim("anon-1", "isa-signed", "place", "ottawa"),
        claim("anon-2", "isa-signed", "date", "2025-07"),
        # mixed: two confirmed, one contradicted -> C
        claim("mixed-1", "isa-signed", "date", "2025-07-08"),
        claim("mixed-2", "acsa-signed", "date", "2018-04-21"),
        claim("mixed-3", "plan-adopted", "date", "2022-11"),
        # poor: one confirmed, two contradicted, full provenance -> D
        claim("poor-1", "isa-signed", "date", "2025-07-08"),
        claim("poor-2", "acsa-signed", "date", "2017"),
        claim("poor-3", "plan-adopted", "date", "2021"),
        # thin: one checkable claim -> F
        claim("thin-1", "isa-signed", "date", "2025"),
    ]
    sources = [
        source("good"),
        source("anon", author="", published=""),
        source("mixed"),
        source("poor"),
        source("thin"),
    ]
    grades = _graded_sources(sources, claims, reference)
    assert grades.to_dict() == {
        "record": "A",
        "good": "B",
        "anon": "E",
        "mixed": "C",
        "poor": "D",
        "thin": "F",
    }


def test_reliability_reason_counts_outcomes_and_names_missing_provenance() -> None:
    corpus = build(
        [source("anon", author="", published="")],
        [
            claim("anon-1", "isa-signed", "place", "ottawa"),
            claim("anon-2", "isa-signed", "date", "2025-07"),
        ],
        [record("R1", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    reason = assess(corpus).sources.set_index("source_id").loc["anon", "reason"]
    assert reason == (
        "1 of 2 checkable claims confirmed, 1 contradicted (1 by the official record), "
        "0 unconfirmed; no byline, no date; contradicted on place"
    )


def test_credibility_does_not_depend_on_who_the_source_is() -> None:
    claims = [
        claim("x-1", "isa-signed", "place", "tokyo"),
        claim("x-2", "centre-opens", "count", "3"),
    ]
    reference = [record("R1", "isa-signed", "date", "2025-07-08", place="Tokyo")]
    reputable = assess(build([source("x")], claims, reference)).claims
    anonymous = assess(
        build([source("x", author="", published="", publisher="")], claims, reference)
    ).claims
    assert reputable["credibility"].tolist() == anonymous["credibility"].tolist() == [1, 3]


def test_grading_rules_print_both_tables_in_the_order_applied() -> None:
    rules = grading_rules()
    assert len(rules) == len(CREDIBILITY_RULES) + len(RELIABILITY_RULES)
    assert rules["grade"].tolist() == [
        "6",
        "6",
        "5",
        "4",
        "1",
        "4",
        "2",
        "3",
        "A",
        "F",
        "E",
        "D",
        "B",
        "C",
    ]
