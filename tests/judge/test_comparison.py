"""Comparing two statements: the vocabulary's semantics, precision, lists, families.

A verdict says whether the other statement vouches for everything this one says: a coarser value
is consistent with a finer one and confirms none of its extra precision.
"""

from __future__ import annotations

import pytest

from claimtrace.judge.assess import assess
from claimtrace.judge.comparison import (
    AGREES,
    COMPARABLE,
    CONSISTENT,
    DISAGREES,
    compare_statements,
    compare_values,
    family,
)
from claimtrace.vocabulary import ATTRIBUTES
from tests.factories import build, claim, conflicts_as_exported, record, source


@pytest.mark.parametrize(
    ("attribute", "value", "other_attribute", "other", "verdict"),
    [
        # Dates: the other vouches for this one only if it is at least as precise.
        ("date", "2022-10", "date", "2022-10-11", AGREES),  # the day vouches for its month
        ("date", "2022-10-11", "date", "2022-10", CONSISTENT),  # the month confirms no day
        ("date", "2018", "date", "2018-04-21", AGREES),
        ("date", "2018-04-21", "date", "2018", CONSISTENT),
        ("date", "2022", "date", "2022-12", AGREES),
        ("date", "2022-12", "date", "2022", CONSISTENT),
        ("date", "2022-10", "date", "2022-10", AGREES),
        ("date", "2022-12-16", "date", "2022-12-16", AGREES),
        ("date", "2022-12-17", "date", "2022-12-16", DISAGREES),
        ("date", "2022-11", "date", "2022-10-11", DISAGREES),  # apart at the coarser precision
        ("date", "2022-10-11", "date", "2022-11", DISAGREES),
        ("date", "2021", "date", "2022-01", DISAGREES),
        # Sets and lists.
        ("signatories", "anand; iwaya", "signatories", "iwaya; anand", AGREES),
        ("signatories", "anand", "signatories", "anand; iwaya", DISAGREES),
        ("participants", "joly; hayashi", "participants", "joly", DISAGREES),
        ("items", "a; b", "items", "b; a", AGREES),
        ("items", "a; b", "items", "a; b; c", DISAGREES),
        ("includes", "india; usa", "items", "australia; india; usa", AGREES),
        ("includes", "india; china", "items", "australia; india; usa", DISAGREES),
        ("includes", "india", "includes", "india; usa", AGREES),
        ("includes", "china", "includes", "india; usa", None),  # two partial lists: no verdict
        ("includes", "india; usa", "includes", "india", CONSISTENT),  # part of it in common
        ("items", "india; usa", "includes", "india", CONSISTENT),  # confirms only part
        ("items", "india; usa", "includes", "china", DISAGREES),
        # A partial list naming exactly the members of a complete list says what it says.
        ("includes", "canada; uk; us", "items", "us; uk; canada", AGREES),
        ("items", "us; uk; canada", "includes", "canada; uk; us", AGREES),
        # A count meets a list through its length.
        ("count", "6", "items", "a; b; c; d; e", DISAGREES),
        ("count", "5", "items", "a; b; c; d; e", AGREES),
        ("items", "a; b; c; d; e", "count", "5", AGREES),
        ("items", "a; b; c; d; e", "count", "6", DISAGREES),
        ("count", "2", "includes", "a; b", None),  # a partial list has no length to meet
        ("includes", "a; b", "count", "2", None),
        # Exact values.
        ("amount", "78000000 CAD", "amount", "78000000 CAD", AGREES),
        ("amount", "78000000 CAD", "amount", "78000000 USD", DISAGREES),
        ("duration", "P3Y", "duration", "P3Y", AGREES),
        ("count", "8", "count", "9", DISAGREES),
        ("place", "ottawa", "place", "tokyo", DISAGREES),
        ("place", "tokyo", "agreement_name", "tokyo", None),  # different attributes
        ("description", "a pact", "description", "a pact", None),  # never compared
        ("role", "foreign_minister_canada", "role", "foreign_minister_canada", AGREES),
        ("role", "foreign_minister_canada", "role", "prime_minister_japan", None),  # two posts
    ],
)
def test_compare_values_follows_the_vocabulary(
    attribute: str, value: str, other_attribute: str, other: str, verdict: str | None
) -> None:
    assert compare_values(attribute, value, other_attribute, other) == verdict


def test_attributes_compared_with_one_another_are_one_family() -> None:
    assert family("count") == family("items") == family("includes") == "count"
    alone = ("date", "place", "signatories", "participants", "role", "description")
    assert [family(a) for a in alone] == list(alone)
    for attribute, others in COMPARABLE.items():
        assert {family(other) for other in others} == {family(attribute)}


SAID = {
    "date": "2025-07-08",
    "place": "tokyo",
    "signatories": "anand; iwaya",
    "participants": "anand; iwaya",
    "agreement_name": "isa",
    "role": "foreign-minister",
    "count": "2",
    "amount": "5 CAD",
    "duration": "P3Y",
    "items": "anand; iwaya",
    "includes": "anand",
    "description": "signed",
}
"""A value of each attribute, one that would meet every other attribute's as far as it can."""


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_an_attribute_reaches_a_verdict_only_against_those_comparable_with_it(
    attribute: str,
) -> None:
    # Pairing meets a claim only with the statements of attributes it reaches (judge/pairs.py).
    assert set(SAID) == set(ATTRIBUTES)
    value = SAID[attribute]
    judged = {
        other
        for other in ATTRIBUTES
        for denied in (False, True)
        if compare_statements((attribute, value, denied), (other, SAID[other], False))
        or compare_statements((attribute, value, False), (other, SAID[other], denied))
    }
    assert judged == COMPARABLE.get(attribute, frozenset())


def test_equal_lists_under_includes_and_items_are_judged_alike() -> None:
    corpus = build(
        [source("wire"), source("web")],
        [
            claim("wire-1", "centre-opens", "includes", "Canada; Australia; UK", subject="five"),
            claim("web-1", "centre-opens", "items", "UK; Canada; Australia", subject="five"),
        ],
        [],
    )
    claims = assess(corpus).claims.set_index("claim_id")
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    assert claims.loc["web-1", "corroborating_origins"] == "wire"


# Precision --------------------------------------------------------------------------------------


def test_a_month_does_not_confirm_a_day_it_is_consistent_with() -> None:
    corpus = build(
        [source("blog"), source("wire")],
        [
            claim("blog-1", "centre-opens", "date", "2022-12-17"),
            claim("wire-1", "centre-opens", "date", "2022-12"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["blog-1", ["status", "corroborating_origins"]].tolist() == ["unconfirmed", ""]
    assert claims.loc["wire-1", ["status", "corroborating_origins"]].tolist() == [
        "confirmed",
        "blog",
    ]
    assert result.conflicts.empty


def test_day_and_month_precision_of_one_date_confirm_the_month() -> None:
    corpus = build(
        [source("wire")],
        [claim("wire-1", "plan-adopted", "date", "2022-10")],
        [record("R05", "plan-adopted", "date", "2022-10-11")],
    )
    result = assess(corpus)
    assert result.claims.set_index("claim_id").loc["wire-1", "status"] == "confirmed"
    assert result.conflicts.empty


def test_a_month_is_no_side_in_a_conflict_about_the_day() -> None:
    corpus = build(
        [source("blog"), source("wire")],
        [
            claim("blog-1", "plan-adopted", "date", "2022-10-12"),
            claim("wire-1", "plan-adopted", "date", "2022-10"),
        ],
        [record("R05", "plan-adopted", "date", "2022-10-11")],
    )
    result = assess(corpus)
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["claim_ids"] == "blog-1"
    assert conflict["values"] == "2022-10-12 (blog) ≠ 2022-10-11 (record R05)"
    assert set(result.conflict_statements["statement_id"]) == {"blog-1", "R05"}
    claims = result.claims.set_index("claim_id")
    assert claims.loc["blog-1", "corroborating_origins"] == ""  # not by wire's month
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["confirmed", 1]


def test_a_month_that_excludes_the_day_is_a_side() -> None:
    corpus = build(
        [source("blog"), source("wire")],
        [
            claim("blog-1", "plan-adopted", "date", "2022-10-11"),
            claim("wire-1", "plan-adopted", "date", "2022-11"),
        ],
        [record("R05", "plan-adopted", "date", "2022-10-11")],
    )
    result = assess(corpus)
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["values"] == "2022-11 (wire) ≠ 2022-10-11 (record R05, blog)"
    claims = result.claims.set_index("claim_id")
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["contradicted", 5]


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


def test_a_signing_date_contradicted_on_the_entry_into_force_is_found() -> None:
    corpus = build(
        [source("blog")],
        [claim("blog-1", "acsa-in-force", "date", "2018")],
        [record("R04", "acsa-in-force", "date", "2019")],
    )
    result = assess(corpus)
    assert result.claims["status"].tolist() == ["contradicted"]
    assert result.conflicts["conflict_id"].tolist() == ["acsa-in-force-date"]


# Names --------------------------------------------------------------------------------------------


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
    claims = assess(corpus).claims.set_index("claim_id")
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
