"""Information credibility (1-6) on hand-made corpora: judged from the claim's own evidence,
never from who said it nor from how its source fared elsewhere; forecasts attest nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import assess
from claimtrace.judge.claims import JUDGEMENT_COLUMNS
from claimtrace.judge.grading import ClaimEvidence, credibility
from claimtrace.judge.roles import role_finding, role_rows, role_spans
from tests.factories import build, claim, conflicts_as_exported, record, source


def claims_by_id(corpus: Corpus) -> pd.DataFrame:
    return assess(corpus).claims.set_index("claim_id")


def test_analysis_and_forecast_are_graded_6() -> None:
    corpus = build(
        [source("blog")],
        [
            claim("blog-1", "isa-signed", "place", "tokyo", kind="analysis"),
            claim("blog-2", "isa-signed", "date", "2025-07", kind="forecast"),
            claim("blog-3", "isa-signed", "date", ""),  # a relative date with no anchor
            claim("blog-4", "", "place", "tokyo"),
        ],
        [record("R12", "isa-signed", "place", "tokyo")],
    )
    claims = claims_by_id(corpus)
    assert claims["credibility"].tolist() == [6, 6, 6, 6]
    assert claims["status"].tolist() == ["not_judged"] * 4
    # Only a reported fact about an event attests it, even one with no comparable value.
    assert claims["attests_event"].tolist() == [False, False, True, False]
    assert claims["credibility_reason"].tolist() == [
        "analysis: a judgement, not a checkable fact",
        "forecast: a judgement, not a checkable fact",
        "no comparable value",
        "no event to check it against",
    ]


def test_an_attributed_quote_is_a_checkable_fact() -> None:
    corpus = build(
        [source("blog")],
        [claim("blog-1", "isa-signed", "place", "ottawa", kind="attributed_quote")],
        [record("R12", "isa-signed", "place", "tokyo")],
    )
    assert claims_by_id(corpus).loc["blog-1", ["status", "credibility"]].tolist() == [
        "contradicted",
        5,
    ]


def test_a_confirmed_claim_is_1_however_its_source_fared_on_the_event() -> None:
    corpus = build(
        [source("web", author="", published=""), source("rips")],
        [
            claim("web-1", "isa-signed", "place", "Ottawa"),
            claim("web-2", "isa-signed", "date", "2025-07-08"),
            claim("web-3", "isa-signed", "description", "an intelligence pact"),
            claim("rips-1", "isa-signed", "place", "Tokyo"),
            claim("rips-3", "isa-signed", "description", "an intelligence pact"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert claims.loc["web-1", "credibility_reason"] == (
        "contradicted by the official record (R12: tokyo)"
    )
    assert claims.loc["web-1", "contradicted_by"] == "record; rips"
    assert (
        "1 contradicted (1 by the official record)"
        in result.sources.set_index("source_id").loc["web", "reason"]
    )
    curated = [*corpus.claims.columns]
    assert [*result.claims.columns] == [*curated, *JUDGEMENT_COLUMNS]
    assert claims.loc["web-2", ["status", "credibility"]].tolist() == ["confirmed", 1]
    # The same description grades alike from either source, whatever else each got wrong.
    # An unconfirmed detail of an event that happened is at best possibly true.
    assert claims.loc["web-3", "credibility"] == claims.loc["rips-3", "credibility"] == 3
    assert claims.loc["web-3", "credibility_reason"] == (
        "description, not compared; not confirmed itself; its event is attested by the "
        "official record and by rips"
    )
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["values"] == "ottawa (web) ≠ tokyo (record R12, rips)"
    assert (conflict["scope"], conflict["facets"]) == (
        "against_record",
        "against_record; between_sources",
    )
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
    assert result.claims["credibility_reason"].tolist() == [
        "contradicted by blog; the record is silent",
        "contradicted by wire; the record is silent",
    ]
    conflict = conflicts_as_exported(result).iloc[0]
    assert (conflict["scope"], conflict["record_supports"]) == ("between_sources", "")
    assert conflict["values"] == "tokyo (blog) ≠ ottawa (wire)"


def test_origin_groups_split_with_the_record_silent_is_4() -> None:
    corpus = build(
        [source("wire"), source("blog"), source("web")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("blog-1", "centre-opens", "place", "ottawa"),
            claim("web-1", "centre-opens", "place", "tokyo"),
        ],
        [],
    )
    claims = claims_by_id(corpus)
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["unconfirmed", 4]
    assert claims.loc["wire-1", "credibility_reason"] == (
        "origin groups disagree (blog agree, web disagree)"
    )
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 4]


@pytest.mark.parametrize(
    ("reported_by", "grade", "reason"),
    [
        # The record attests the event, not the detail: possibly true.
        (["record"], 3, "not confirmed itself; its event is attested by the official record"),
        # Only another origin group reports the event: possibly true.
        (["blog"], 3, "not confirmed itself; its event is attested by blog"),
        # Nothing else speaks of the event: truth cannot be judged.
        ([], 6, "neither the record nor another origin group reports its event"),
    ],
)
def test_an_unconfirmed_claim_is_graded_by_who_else_reports_its_event(
    reported_by: list[str], grade: int, reason: str
) -> None:
    claims = [claim("wire-1", "centre-opens", "amount", "78000000 CAD")]
    if "blog" in reported_by:
        claims.append(claim("blog-1", "centre-opens", "place", "ottawa"))
    reference = [record("R1", "centre-opens", "count", "3")] if "record" in reported_by else []
    judged = claims_by_id(build([source("wire"), source("blog")], claims, reference))
    assert judged.loc["wire-1", ["status", "credibility", "credibility_reason"]].tolist() == [
        "unconfirmed",
        grade,
        reason,
    ]


def test_a_claim_reporting_its_event_attests_it_but_a_forecast_does_not() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "amount", "78000000 CAD"),
            claim("blog-1", "centre-opens", "date", "2025-09", kind="forecast"),
            claim("blog-2", "centre-opens", "description", "a centre", kind="analysis"),
        ],
        [],
    )
    claims = claims_by_id(corpus)
    assert claims["attests_event"].tolist() == [True, False, False]
    assert claims.loc["wire-1", "credibility"] == 6  # no one else reports the opening


@pytest.mark.parametrize(
    ("published", "attests"),
    [
        ("2025-07-07", False),  # the day before the signing: at most a plan or an expectation
        ("2025-07-08", True),  # the day itself
        ("2025-07", True),  # the month of it, day unknown
        ("2025-06", False),
        ("2025", True),
        ("2024", False),
        ("", True),  # undated: nothing shows it was written before
    ],
)
def test_a_source_published_before_the_event_does_not_attest_it(
    published: str, attests: bool
) -> None:
    corpus = build(
        [source("wire", published=published), source("blog")],
        [
            claim("wire-1", "isa-signed", "description", "the agreement will be signed"),
            claim("blog-1", "isa-signed", "amount", "78000000 CAD"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert bool(claims.loc["wire-1", "attests_event"]) is attests
    assert claims.loc["blog-1", "credibility"] == (3 if attests else 6)
    timeline = result.timeline.set_index("event_id").loc["isa-signed"]
    assert (timeline["attesting_sources"], timeline["anticipating_sources"]) == (
        ("blog; wire", "") if attests else ("blog", "wire")
    )
    assert timeline["n_origins"] == (2 if attests else 1)


def test_an_undated_event_is_attested_by_any_report() -> None:
    corpus = build(
        [source("wire", published="2020-01-01")],
        [claim("wire-1", "centre-opens", "amount", "78000000 CAD")],
        [],
    )
    assert claims_by_id(corpus).loc["wire-1", "attests_event"]


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
    assert claims.loc["web-2", "credibility_reason"] == "confirmed by the dated roles on file (R14)"
    conflict = conflicts_as_exported(result).set_index("conflict_id").loc["isa-signed-role-joly"]
    roles_say = (
        "joly held foreign_minister_canada 2021-10-26 to 2025-05-13, not on 2025-07-08; "
        "anand held it then"
    )
    assert conflict["record_supports"] == roles_say
    assert conflict["values"] == f"foreign_minister_canada (web) ≠ {roles_say} (dated roles)"
    assert conflict["detail"] == (
        f"role of isa-signed (joly): web says foreign_minister_canada; dated roles says {roles_say}"
    )


def test_a_role_held_by_no_one_then_and_spans_without_end_or_basis_are_said_so() -> None:
    corpus = build([source("web")], [], [])
    entities = pd.concat(
        [
            corpus.entities,
            pd.DataFrame(
                [
                    ("kono", "person", "Taro Kono", "", "envoy", "2010", "2012", "", ""),
                    ("kono", "person", "Taro Kono", "", "envoy", "2014-01", "2015", "", ""),
                    ("hayashi", "person", "Hayashi", "", "envoy", "2016", "", "", ""),
                    ("iwaya", "person", "Iwaya", "", "envoy", "2014", "2019", "R2 (start)", ""),
                    ("iwaya", "person", "Iwaya", "", "envoy", "2021", "2022", "R3", ""),
                ],
                columns=corpus.entities.columns,
            ),
        ],
        ignore_index=True,
    )
    roles = role_rows(entities)
    spans = role_spans(roles)
    assert role_finding(roles, spans, "kono", "envoy", "2013-05-01") == (
        "disagrees",
        "entities.csv",
        "kono held envoy 2010 to 2012, 2014-01 to 2015, not on 2013-05-01",
    )
    assert role_finding(roles, spans, "hayashi", "envoy", "2017") == (
        "agrees",
        "entities.csv",
        "hayashi held envoy on 2017",
    )
    assert role_finding(roles, spans, "kono", "envoy", "2025-07-08")[2] == (
        "kono held envoy 2010 to 2012, 2014-01 to 2015, not on 2025-07-08; hayashi held it then"
    )
    assert role_finding(roles, spans, "kono", "envoy", "2017") == (
        "disagrees",
        "entities.csv",
        "kono held envoy 2010 to 2012, 2014-01 to 2015, not on 2017; hayashi, iwaya held it then",
    )
    assert role_finding(roles, spans, "iwaya", "envoy", "2018")[:2] == ("agrees", "R2 (start)+R3")
    assert role_finding(roles, spans, "anand", "envoy", "2017") is None  # no dated role
    assert role_finding(roles, spans, "hayashi", "envoy", "2015")[2] == (
        "hayashi held envoy 2016 to now, not on 2015; kono, iwaya held it then"
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
    assert reputable["credibility"].tolist() == anonymous["credibility"].tolist() == [1, 6]


@pytest.mark.parametrize(
    ("found", "grade", "rule"),
    [
        ({"status": "confirmed", "record_agrees": ("the official record (R1)",)}, 1, "confirmed"),
        (
            {"status": "confirmed", "agreeing_origins": ("b",), "internal_disputes": ("a-2",)},
            1,
            "confirmed",
        ),
        (
            {"status": "contradicted", "record_disagrees": ("the official record (R1: x)",)},
            5,
            "contradicted_by_record",
        ),
        (
            {"status": "contradicted", "disagreeing_origins": ("b",)},
            4,
            "contradicted_by_other_origin",
        ),
        (
            {"status": "unconfirmed", "divided_origins": ("b+1",), "event_in_record": True},
            4,
            "disputed",
        ),
        (
            {"status": "unconfirmed", "same_origin_disputes": ("c",), "event_in_record": True},
            4,
            "disputed",
        ),
        (
            {"status": "unconfirmed", "internal_disputes": ("a-2",), "event_in_record": True},
            4,
            "disputed",
        ),
        (
            {"status": "unconfirmed", "event_in_record": True, "event_attested_by": ("b",)},
            3,
            "event_in_record",
        ),
        ({"status": "unconfirmed", "event_attested_by": ("b",)}, 3, "event_attested_elsewhere"),
        # One side alone is no split: the rule needs origin groups on both.
        (
            {"status": "unconfirmed", "agreeing_origins": ("b",), "event_in_record": True},
            3,
            "event_in_record",
        ),
        (
            {"status": "unconfirmed", "disagreeing_origins": ("b",), "event_in_record": True},
            3,
            "event_in_record",
        ),
        ({"status": "unconfirmed"}, 6, "nothing_to_judge_by"),
        # What a source does not assert is never judged as its claim.
        ({"status": "not_judged", "stance": "retracts"}, 6, "retracted"),
        ({"status": "not_judged", "stance": "reports", "speaker": ""}, 6, "reported_elsewhere"),
        (  # relayed from a source of the corpus: judged as that source's claim
            {
                "status": "confirmed",
                "stance": "reports",
                "speaker": "b",
                "agreeing_origins": ("c",),
            },
            1,
            "confirmed",
        ),
        # Partial support: a coarser date, a range, part of a list, another local time.
        (
            {
                "status": "unconfirmed",
                "record_consistent": ("R1: 2025-07",),
                "event_in_record": True,
            },
            2,
            "partly_supported",
        ),
        ({"status": "unconfirmed", "consistent_origins": ("b",)}, 2, "partly_supported"),
        (  # a split outweighs partial support
            {"status": "unconfirmed", "divided_origins": ("b+1",), "consistent_origins": ("c",)},
            4,
            "disputed",
        ),
        # A sentence with a contradicted claim is judged as a whole.
        (
            {
                "status": "unconfirmed",
                "contradicted_in_sentence": ("a-2",),
                "record_consistent": ("R1: 2025",),
                "event_in_record": True,
            },
            4,
            "shares_a_contradicted_sentence",
        ),
        (
            {
                "status": "confirmed",
                "contradicted_in_sentence": ("a-2",),
                "agreeing_origins": ("b",),
            },
            1,
            "confirmed",
        ),
        ({"status": "not_judged", "kind": "forecast", "record_agrees": ("R1",)}, 6, "judgement"),
    ],
)
def test_credibility_rules_in_the_order_applied(found: dict, grade: int, rule: str) -> None:
    evidence = {"kind": "reported_fact", "attribute": "place", "has_event": True, "has_value": True}
    graded = credibility(ClaimEvidence(**(evidence | found)))
    assert (graded.grade, graded.rule) == (grade, rule)


@pytest.mark.parametrize(
    ("on", "holders"),
    [
        ("2025-05-12", ["joly"]),
        ("2025-05-13", ["joly", "anand"]),  # the day one hands over to the other
        ("2025-05-14", ["anand"]),
        ("2025-05", ["joly", "anand"]),
        ("2021-10-25", []),
        ("2021-10-26", ["joly"]),
    ],
)
def test_who_held_a_role_on_a_date_counts_both_ends_of_a_span(on: str, holders: list) -> None:
    entities = build([], [], []).entities
    spans = role_spans(role_rows(entities))
    assert spans["foreign_minister_canada"].held_on(on) == holders


def test_a_confirmation_names_the_record_and_each_agreeing_origin_group() -> None:
    corpus = build(
        [source("wire"), source("blog"), source("web")],
        [
            claim("wire-1", "isa-signed", "place", "tokyo"),
            claim("blog-1", "isa-signed", "place", "tokyo"),
            claim("web-1", "centre-opens", "place", "tokyo"),
            claim("wire-2", "centre-opens", "place", "tokyo"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    claims = claims_by_id(corpus)
    reasons = claims["credibility_reason"]
    assert reasons["wire-1"] == "confirmed by the official record (R12) and by blog"
    assert claims.loc["wire-1", "corroborating_origins"] == "record; blog"
    assert reasons["web-1"] == "confirmed by wire"
