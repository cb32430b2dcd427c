"""The official record as statements, the one record source, and what a source's provenance
counts for."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.entities import alias_index
from claimtrace.errors import DataError
from claimtrace.judge.assess import assess
from claimtrace.judge.record import record_source_id, record_statements
from claimtrace.vocabulary import RECORD_EVIDENCE
from tests.factories import RECORD, build, claim, record, source


def statements_of(*rows: dict) -> pd.DataFrame:
    """The statements of a record of `rows` (made with `record`)."""
    corpus = build([], [], list(rows))
    return record_statements(corpus.reference, corpus.events, alias_index(corpus.entities))


def test_each_record_row_states_its_value_date_place_and_agreement_once() -> None:
    statements = statements_of(
        {**record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo"), "date": "2025-07-08"},
        {
            **record("R13", "isa-signed", "signatories", "Anand", place="tokyo"),
            "date": "2025-07-08",
        },
        record("R05", "plan-adopted", "date", "2022-10-11"),
    )
    assert statements.values.tolist() == [
        ["R12+R13", "isa-signed", "date", "2025-07-08", "primary", "A"],
        ["R12+R13", "isa-signed", "place", "tokyo", "primary", "A"],
        ["R12+R13", "isa-signed", "agreement_name", "isa", "primary", "A"],
        ["R13", "isa-signed", "signatories", "anand", "primary", "A"],
        ["R05", "plan-adopted", "date", "2022-10-11", "primary", "A"],
    ]


@pytest.mark.parametrize(
    ("first", "second", "best", "reliability"),
    [
        ("secondary", "primary", "primary", "A"),
        ("primary", "secondary", "primary", "A"),
        ("wire", "participant", "participant", "B"),
        ("secondary", "wire", "wire", "B"),
        ("secondary", "secondary", "secondary", "C"),
    ],
)
def test_a_statement_carries_the_best_evidence_of_the_rows_that_make_it(
    first: str, second: str, best: str, reliability: str
) -> None:
    statements = statements_of(
        record("R12", "isa-signed", "date", "2025-07-08", evidence=first),
        record("R13", "isa-signed", "signatories", "Anand", evidence=second),
    )
    graded = statements.set_index(["statement_id", "attribute"])[["evidence", "reliability"]]
    assert graded.loc[("R12", "date")].tolist() == [first, RECORD_EVIDENCE[first]]
    assert graded.loc[("R13", "signatories")].tolist() == [second, RECORD_EVIDENCE[second]]
    assert graded.loc[("R12+R13", "agreement_name")].tolist() == [best, reliability]


def test_there_is_exactly_one_official_record() -> None:
    sources = pd.DataFrame([RECORD, source("wire")])
    assert record_source_id(sources) == "record"
    for kinds in ([], [RECORD, {**RECORD, "source_id": "record-2"}]):
        with pytest.raises(DataError) as raised:
            record_source_id(pd.DataFrame([source("wire"), *kinds]))
        problem = raised.value.problems[0]
        assert (problem.file, problem.column) == ("sources.csv", "kind")
        assert problem.value == ", ".join(k["source_id"] for k in kinds)
        assert f"found {len(kinds)}" in problem.rule


@pytest.mark.parametrize(
    ("publisher", "author", "published", "reason"),
    [
        ("A Publisher", "A. Writer", "2025-08-01", "known publisher, byline and date"),
        ("unknown (seen on a mirror)", "A. Writer", "2025-08-01", "unknown publisher"),
        ("None", "A. Writer", "2025-08-01", "unknown publisher"),
        ("  ", "A. Writer", "2025-08-01", "unknown publisher"),
        ("A Publisher", "", "2025-08-01", "no byline"),
        ("A Publisher", "A. Writer", "", "no date"),
        ("", "", "", "unknown publisher, no byline, no date"),
    ],
)
def test_provenance_counts_only_what_is_known(
    publisher: str, author: str, published: str, reason: str
) -> None:
    corpus = build(
        [source("web", publisher=publisher, author=author, published=published)],
        [
            claim("web-1", "isa-signed", "place", "tokyo"),
            claim("web-2", "isa-signed", "date", "2025-07-08"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    graded = assess(corpus).sources.set_index("source_id").loc["web"]
    assert (
        graded["reason"]
        == f"2 of 2 checkable claims confirmed, 0 contradicted, 0 unconfirmed; {reason}"
    )


def test_a_source_contradicted_by_another_source_only_is_counted_so() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("wire-2", "plan-adopted", "date", "2022-10-11"),
            claim("blog-1", "centre-opens", "place", "tokyo"),
        ],
        [record("R05", "plan-adopted", "date", "2022-10-11")],
    )
    graded = assess(corpus).sources.set_index("source_id")
    assert graded.loc["wire", "reason"] == (
        "1 of 2 checkable claims confirmed, 1 contradicted (0 by the official record), "
        "0 unconfirmed; known publisher, byline and date; contradicted on place"
    )
    assert graded.loc["blog", "reliability"] == "F"


def test_each_source_counts_its_claims_by_outcome() -> None:
    corpus = build(
        [source("web")],
        [
            claim("web-1", "isa-signed", "place", "ottawa"),
            claim("web-2", "isa-signed", "date", "2025-07-08"),
            claim("web-3", "centre-opens", "place", "tokyo"),
            claim("web-4", "isa-signed", "date", "2025-07", kind="forecast"),
            claim("web-5", "isa-signed", "description", "a pact"),
        ],
        [record("R12", "isa-signed", "date", "2025-07-08", place="Tokyo")],
    )
    sources = assess(corpus).sources
    assert [*sources.columns] == [
        *["source_id", "seed_file", "title", "publisher", "author", "published", "kind"],
        *["relies_on", "n_claims", "n_confirmed", "n_contradicted", "n_unconfirmed"],
        *["n_not_judged", "reliability", "reliability_rule", "reason", "origin_basis"],
        "shared_origins",
    ]
    web = sources.set_index("source_id").loc["web"]
    counts = ["n_claims", "n_confirmed", "n_contradicted", "n_unconfirmed", "n_not_judged"]
    assert web[counts].tolist() == [5, 1, 1, 1, 2]
    assert web["reliability_rule"] == "otherwise"  # one contradicted, one confirmed: C
    assert web["reason"] == (
        "1 of 3 checkable claims confirmed, 1 contradicted (1 by the official record), "
        "1 unconfirmed; known publisher, byline and date; contradicted on place"
    )
