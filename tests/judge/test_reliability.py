"""Source reliability (A-F): outcomes of a source's checkable claims and its provenance, each
rule tested at its boundaries; and the rule tables the briefing prints."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.judge.assess import assess
from claimtrace.judge.grading import CREDIBILITY_RULES
from claimtrace.judge.reliability import MIN_CHECKED, RELIABILITY_RULES, SourceEvidence, reliability
from claimtrace.present.html import grading_rules
from tests.factories import build, claim, record, source

FULL = {"has_publisher": True, "has_byline": True, "has_date": True}


def grade(
    confirmed: int,
    contradicted: int = 0,
    unconfirmed: int = 0,
    *,
    core: tuple[str, ...] = (),
    kind: str = "wire",
    **provenance: bool,
) -> str:
    evidence = SourceEvidence(
        kind=kind,
        confirmed=confirmed,
        contradicted=contradicted,
        contradicted_by_record=contradicted,
        unconfirmed=unconfirmed,
        core_contradicted=core,
        **(FULL | provenance),
    )
    return reliability(evidence)[0]


def test_the_record_is_a_whatever_its_counts() -> None:
    assert grade(0, 5, kind="official_record") == "A"


@pytest.mark.parametrize(
    ("confirmed", "contradicted", "expected"),
    [(MIN_CHECKED - 1, 0, "F"), (0, MIN_CHECKED - 1, "F"), (MIN_CHECKED, 0, "B"), (1, 1, "C")],
)
def test_fewer_than_min_checked_claims_cannot_be_judged(
    confirmed: int, contradicted: int, expected: str
) -> None:
    assert grade(confirmed, contradicted) == expected


def test_unconfirmed_claims_do_not_count_as_checked() -> None:
    assert grade(MIN_CHECKED - 1, 0, unconfirmed=9) == "F"


@pytest.mark.parametrize(
    ("provenance", "core", "expected"),
    [
        ({"has_byline": False, "has_date": False}, ("place",), "E"),
        ({"has_byline": True, "has_date": False}, ("place",), "C"),  # a byline answers for it
        ({"has_byline": False, "has_date": True}, ("place",), "C"),  # so does a date
        ({"has_byline": False, "has_date": False}, (), "C"),  # not on core facts: not E
    ],
)
def test_e_needs_core_facts_contradicted_and_neither_byline_nor_date(
    provenance: dict, core: tuple[str, ...], expected: str
) -> None:
    assert grade(3, 1, core=core, **provenance) == expected


@pytest.mark.parametrize(
    ("confirmed", "contradicted", "expected"),
    [(1, 2, "D"), (2, 2, "C"), (3, 2, "C")],  # more contradicted than confirmed; a tie is not
)
def test_d_when_more_claims_are_contradicted_than_confirmed(
    confirmed: int, contradicted: int, expected: str
) -> None:
    assert grade(confirmed, contradicted) == expected


@pytest.mark.parametrize(
    ("provenance", "confirmed", "unconfirmed", "expected"),
    [
        ({"has_publisher": False}, 2, 3, "D"),  # unknown publisher, under half confirmed
        ({"has_publisher": False}, 2, 2, "C"),  # exactly half: not D
        ({"has_byline": False, "has_date": False}, 2, 3, "D"),  # nobody answers for it
        ({"has_byline": False}, 2, 3, "C"),  # a date and a publisher answer for it
        ({"has_date": False}, 2, 3, "C"),
        ({}, 2, 3, "C"),
    ],
)
def test_d_when_unknown_provenance_and_under_half_confirmed(
    provenance: dict, confirmed: int, unconfirmed: int, expected: str
) -> None:
    assert grade(confirmed, 0, unconfirmed, **provenance) == expected


@pytest.mark.parametrize(
    ("confirmed", "contradicted", "unconfirmed", "provenance", "expected"),
    [
        (2, 0, 2, {}, "B"),  # exactly half confirmed
        (2, 0, 3, {}, "C"),  # under half
        (5, 1, 0, {}, "C"),  # one contradicted
        (4, 0, 0, {"has_byline": False}, "C"),  # weak provenance: any of the three missing
        (4, 0, 0, {"has_date": False}, "C"),
        (4, 0, 0, {"has_publisher": False}, "C"),
    ],
)
def test_b_needs_none_contradicted_half_confirmed_and_full_provenance(
    confirmed: int, contradicted: int, unconfirmed: int, provenance: dict, expected: str
) -> None:
    assert grade(confirmed, contradicted, unconfirmed, **provenance) == expected


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
            claim("anon-3", "isa-signed", "agreement_name", "gdpa"),
        ],
        [record("R1", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    sources = assess(corpus).sources.set_index("source_id")
    assert sources.loc["anon", "reason"] == (
        "1 of 3 checkable claims confirmed, 2 contradicted (2 by the official record), "
        "0 unconfirmed; no byline, no date; contradicted on agreement name, place"
    )
    counts = ["n_claims", "n_confirmed", "n_contradicted", "n_unconfirmed", "n_not_judged"]
    assert sources.loc["anon", counts].tolist() == [3, 1, 2, 0, 0]
    assert sources.loc["record", "n_claims"] == 1


def test_grading_rules_print_both_tables_in_the_order_applied() -> None:
    rules = grading_rules()
    assert len(rules) == len(CREDIBILITY_RULES) + len(RELIABILITY_RULES)
    assert rules["grade"].tolist() == [
        *["6", "6", "6", "6", "5", "1", "4", "4", "4", "2", "3", "3", "6"],
        *["A", "F", "E", "D", "B", "C"],
    ]
    assert set(rules["scale"]) == {"information credibility", "source reliability"}
    said = dict(zip(rules["grade"], rules["applies_when"], strict=False))
    assert "whoever said it" in said["1"]
    assert (rules["meaning"] != "").all()


def test_the_records_reason_counts_its_rows_by_kind_of_evidence_and_nothing_is_left_unjudged() -> (
    None
):
    corpus = build(
        [source("web"), source("quiet")],
        [
            claim("web-1", "isa-signed", "place", "ottawa"),
            claim("web-2", "centre-opens", "place", "tokyo"),
            claim("web-3", "centre-opens", "place", "ottawa", stance="reports", attributed_to=""),
        ],
        [
            record("R1", "isa-signed", "place", "tokyo", evidence="wire"),
            record("R2", "isa-signed", "date", "2025-07-08"),
            record("R3", "isa-signed", "signatories", "anand"),
        ],
    )
    graded = assess(corpus).sources.set_index("source_id")
    assert (
        graded.loc["record", "reason"]
        == "the official record: 2 rows primary, 1 wire; each row cited"
    )
    assert graded.loc["record", ["n_claims", "n_not_judged"]].tolist() == [3, 0]
    # A source with no claims has none of any kind; web's relayed claim is its row, not its claim.
    assert graded.loc["quiet", ["n_claims", "n_not_judged"]].tolist() == [0, 0]
    assert graded.loc["web", ["n_claims", "n_contradicted", "n_not_judged"]].tolist() == [3, 1, 1]
    assert "1 contradicted (1 by the official record)" in graded.loc["web", "reason"]


def test_a_source_contradicted_only_by_another_source_says_none_by_the_record() -> None:
    corpus = build(
        [source("web"), source("blog"), source("wire")],
        [
            claim("web-1", "centre-opens", "place", "ottawa"),
            claim("blog-1", "centre-opens", "place", "tokyo"),
            claim("wire-1", "centre-opens", "place", "tokyo"),
            claim("web-2", "isa-signed", "place", "tokyo"),
            claim("web-3", "isa-signed", "date", "2025-07-08"),
        ],
        [
            record("R1", "isa-signed", "place", "tokyo"),
            record("R2", "isa-signed", "date", "2025-07-08"),
        ],
    )
    reason = assess(corpus).sources.set_index("source_id").loc["web", "reason"]
    assert "1 contradicted (0 by the official record)" in reason
