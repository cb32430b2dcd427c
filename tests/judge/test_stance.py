"""A source is judged only on what it asserts (judge/stance.py): what it relays is the relayed
party's, a denial is judged as the negation of its value, a withdrawn value is kept and never
held against its source. Each rule has its false alarm and its true alarm."""

from __future__ import annotations

import pandas as pd

from claimtrace.judge.assess import Assessment, assess
from tests.factories import ISA_RECORD, build, claim, conflicts_as_exported, source


def assessed(*claims: dict[str, str], sources: tuple[str, ...] = ()) -> Assessment:
    named = sorted({c["source_id"] for c in claims} | set(sources))
    return assess(build([source(s) for s in named], list(claims), ISA_RECORD))


def graded(result: Assessment) -> pd.DataFrame:
    return result.claims.set_index("claim_id")[
        ["status", "credibility", "credibility_rule", "speaker"]
    ]


def counts(result: Assessment, source_id: str) -> list[int]:
    row = result.sources.set_index("source_id").loc[source_id]
    return [int(row[c]) for c in ("n_confirmed", "n_contradicted", "n_unconfirmed")]


# Denials ----------------------------------------------------------------------------------------


def test_denying_a_false_report_agrees_with_the_record() -> None:
    result = assessed(claim("web-1", "isa-signed", "place", "ottawa", stance="denies"))
    assert graded(result).loc["web-1"].tolist() == ["confirmed", 1, "confirmed", "web"]
    assert result.conflicts.empty
    assert counts(result, "web") == [1, 0, 0]


def test_denying_a_true_fact_contradicts_the_record() -> None:
    result = assessed(claim("web-1", "isa-signed", "place", "tokyo", stance="denies"))
    assert graded(result).loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["values"] == "not tokyo (web) ≠ tokyo (record R12)"
    assert counts(result, "web") == [0, 1, 0]


def test_a_denial_and_the_claim_it_denies_disagree_and_two_denials_say_nothing() -> None:
    result = assessed(
        claim("web-1", "centre-opens", "place", "ottawa", stance="denies"),
        claim("wire-1", "centre-opens", "place", "ottawa"),
        claim("blog-1", "centre-opens", "place", "ottawa", stance="denies"),
    )
    claims = graded(result)
    assert claims.loc["wire-1", "status"] == "contradicted"
    assert claims.loc["web-1", "status"] == claims.loc["blog-1", "status"] == "contradicted"
    pairs = result.comparisons
    between_denials = pairs[(pairs["claim_id"] == "web-1") & (pairs["other_id"] == "blog-1")]
    assert between_denials.empty


# Relayed claims -------------------------------------------------------------------------------


def test_a_claim_relayed_from_a_source_of_the_corpus_is_that_sources_witness() -> None:
    result = assessed(
        claim("wire-1", "centre-opens", "place", "ottawa"),
        claim("blog-1", "centre-opens", "place", "ottawa", stance="reports", attributed_to="wire"),
        claim("web-1", "centre-opens", "place", "ottawa"),
    )
    claims = result.claims.set_index("claim_id")
    assert claims.loc["blog-1", ["speaker", "origin_group"]].tolist() == ["wire", "wire"]
    # One witness, not two: web is corroborated by wire once, and wire by web alone.
    assert claims.loc["web-1", "corroborating_origins"] == "wire"
    assert claims.loc["wire-1", "corroborating_origins"] == "web"
    # The relaying source is judged on nothing it only relays.
    assert counts(result, "blog") == [0, 0, 0]
    assert result.sources.set_index("source_id").loc["blog", "n_not_judged"] == 1


def test_a_relayed_claim_in_a_disagreement_stands_for_the_source_it_relays() -> None:
    result = assessed(
        claim("blog-1", "centre-opens", "place", "ottawa", stance="reports", attributed_to="wire"),
        claim("web-1", "centre-opens", "place", "tokyo"),
        sources=("wire",),
    )
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["values"] == "tokyo (web) ≠ ottawa (wire)"
    assert counts(result, "web") == [0, 1, 0]  # contradicted by wire's claim, as relayed
    assert counts(result, "blog") == [0, 0, 0]


def test_a_claim_relayed_from_outside_the_corpus_is_shown_and_never_judged() -> None:
    relayed = claim("web-1", "isa-signed", "place", "ottawa", stance="reports")
    result = assessed(relayed)
    assert graded(result).loc["web-1"].tolist() == ["not_judged", 6, "reported_elsewhere", ""]
    assert result.conflicts.empty
    assert counts(result, "web") == [0, 0, 0]
    # The same words asserted are the source's own false claim.
    asserted = assessed(claim("web-1", "isa-signed", "place", "ottawa"))
    assert graded(asserted).loc["web-1", ["status", "credibility"]].tolist() == [
        "contradicted",
        5,
    ]


# Corrections --------------------------------------------------------------------------------


def test_a_withdrawn_value_is_kept_and_never_counts_against_its_source() -> None:
    result = assessed(
        claim("web-1", "isa-signed", "date", "2025-07-09", stance="retracts"),
        claim("web-2", "isa-signed", "date", "2025-07-08"),
    )
    claims = graded(result)
    assert claims.loc["web-1"].tolist() == ["not_judged", 6, "retracted", ""]
    assert claims.loc["web-2", "status"] == "confirmed"
    assert result.conflicts.empty
    assert counts(result, "web") == [1, 0, 0]
    assert (result.claims["claim_id"] == "web-1").any()  # kept and shown


def test_a_correction_that_is_not_marked_is_the_sources_own_self_contradiction() -> None:
    result = assessed(
        claim("web-1", "isa-signed", "date", "2025-07-09"),
        claim("web-2", "isa-signed", "date", "2025-07-08"),
    )
    assert graded(result).loc["web-1", "status"] == "contradicted"
    assert "internal" in conflicts_as_exported(result).iloc[0]["facets"]


# A sentence read as a whole -------------------------------------------------------------------


SENTENCES = (
    "Joly, as foreign minister, attended the closed-door signing ceremony. "
    "The pact was welcomed by allies."
)


def test_a_detail_in_the_sentence_of_a_false_claim_is_doubtful_and_elsewhere_possibly_true() -> (
    None
):
    corpus = build(
        [source("web")],
        [
            claim(
                "web-1",
                "isa-signed",
                "role",
                "foreign_minister_canada",
                subject="joly",
                quote="Joly, as foreign minister",
            ),
            claim(
                "web-2",
                "isa-signed",
                "description",
                "a closed-door ceremony",
                quote="attended the closed-door signing ceremony",
            ),
            claim(
                "web-3",
                "isa-signed",
                "description",
                "welcomed by allies",
                quote="The pact was welcomed by allies",
            ),
        ],
        ISA_RECORD,
        seeds={"web": SENTENCES},
    )
    claims = assess(corpus).claims.set_index("claim_id")
    assert claims.loc["web-1", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert claims.loc["web-2", ["credibility", "credibility_rule"]].tolist() == [
        4,
        "shares_a_contradicted_sentence",
    ]
    assert claims.loc["web-2", "contradicted_in_sentence"] == "web-1"
    assert claims.loc["web-3", ["credibility", "credibility_rule"]].tolist() == [
        3,
        "event_in_record",
    ]
