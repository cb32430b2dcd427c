"""A claim's reason, in the reader's words, is the wording of the grading rule that gave its
credibility: one hand-made case per rule, and every rule has a wording."""

from __future__ import annotations

import pytest

from claimtrace.judge.assess import assess
from claimtrace.judge.grading import CREDIBILITY_RULES
from claimtrace.present.reasons import CLAIM_REASONS, Reasons
from claimtrace.present.wording import words_for
from tests.factories import (
    AGGREGATOR,
    IN_COPIED_TEXT,
    ISA_RECORD,
    WIRE,
    build,
    claim,
    source,
)

UNDATED = "centre-opens"
"""An event the record does not speak of."""


def reasons_of(
    *claims: dict[str, str], seeds: dict[str, str] | None = None
) -> dict[str, tuple[str, str]]:
    """Each claim's rule key and reason in words."""
    corpus = build(
        [source(s) for s in sorted({c["source_id"] for c in claims})],
        list(claims),
        ISA_RECORD,
        seeds,
    )
    assessment = assess(corpus)
    reasons = Reasons.of(assessment, words_for(corpus, assessment))
    return {
        c.claim_id: (c.credibility_rule, reasons.claim(c))
        for c in assessment.claims.itertuples(index=False)
    }


def test_every_credibility_rule_has_a_wording() -> None:
    assert set(CLAIM_REASONS) == {rule.key for rule in CREDIBILITY_RULES}


@pytest.mark.parametrize(
    ("claims", "claim_id", "rule", "reason"),
    [
        (
            [claim("wire-1", "isa-signed", "place", "tokyo")],
            "wire-1",
            "confirmed",
            "confirmed by the official record (Gov, an unknown date [R12]): Tokyo",
        ),
        (
            [claim("wire-1", "isa-signed", "place", "ottawa")],
            "wire-1",
            "contradicted_by_record",
            "contradicted by the official record (Gov, an unknown date [R12]): Tokyo",
        ),
        (
            [
                claim("wire-1", UNDATED, "place", "ottawa"),
                claim("blog-1", UNDATED, "place", "tokyo"),
            ],
            "wire-1",
            "contradicted_by_other_origin",
            "contradicted by Blog: Tokyo; the record is silent",
        ),
        (
            [
                claim("wire-1", UNDATED, "place", "ottawa"),
                claim("blog-1", UNDATED, "place", "tokyo"),
                claim("post-1", UNDATED, "place", "ottawa"),
            ],
            "wire-1",
            "disputed",
            "disputed: against it, Blog: Tokyo; for it, Post: Ottawa",
        ),
        (
            [claim("wire-1", "isa-signed", "description", "a pact")],
            "wire-1",
            "event_in_record",
            "a description, not compared; not confirmed itself; its event is attested by the "
            "official record",
        ),
        (
            [
                claim("wire-1", UNDATED, "description", "a centre"),
                claim("blog-1", UNDATED, "description", "a hub"),
            ],
            "wire-1",
            "event_attested_elsewhere",
            "a description, not compared; not confirmed itself; its event is attested by Blog",
        ),
        (
            [claim("wire-1", UNDATED, "description", "a centre")],
            "wire-1",
            "nothing_to_judge_by",
            "a description, not compared; nothing to judge it by: neither the record nor another "
            "source reports its event",
        ),
        (
            [claim("wire-1", "isa-signed", "place", "tokyo", kind="analysis")],
            "wire-1",
            "judgement",
            "analysis: a judgement, not a checkable fact",
        ),
        (
            [claim("wire-1", "", "place", "tokyo")],
            "wire-1",
            "nothing_to_check",
            "about no event: nothing to check it against",
        ),
    ],
)
def test_each_rule_is_worded_from_the_evidence(
    claims: list[dict[str, str]], claim_id: str, rule: str, reason: str
) -> None:
    assert reasons_of(*claims)[claim_id] == (rule, reason)


COPIES = {"wire": WIRE, "aggregator": AGGREGATOR}
"""Two seeds that share wording: claims quoting the shared text are one origin group."""


@pytest.mark.parametrize(
    ("claims", "claim_id", "reason"),
    [
        (
            [
                claim("wire-3", UNDATED, "place", "tokyo", quote=IN_COPIED_TEXT["wire"]),
                claim(
                    "aggregator-3", UNDATED, "place", "ottawa", quote=IN_COPIED_TEXT["aggregator"]
                ),
                claim("blog-3", UNDATED, "place", "tokyo"),
            ],
            "blog-3",
            "disputed: both ways by Aggregator and Wire (one shared story)",
        ),
        (
            [
                claim("wire-3", UNDATED, "place", "tokyo", quote=IN_COPIED_TEXT["wire"]),
                claim(
                    "aggregator-3", UNDATED, "place", "ottawa", quote=IN_COPIED_TEXT["aggregator"]
                ),
            ],
            "wire-3",
            "disputed: a copy of the same story (Aggregator) says otherwise",
        ),
        (
            [
                claim("wire-1", UNDATED, "place", "ottawa"),
                claim("wire-2", UNDATED, "place", "tokyo"),
                claim("blog-1", UNDATED, "place", "tokyo"),
                claim("post-1", UNDATED, "place", "ottawa"),
            ],
            "wire-1",
            "disputed: against it, Blog: Tokyo; for it, Post: Ottawa; the source contradicts "
            "itself ([wire-2])",
        ),
    ],
)
def test_a_dispute_says_who_disputes_it(
    claims: list[dict[str, str]], claim_id: str, reason: str
) -> None:
    assert reasons_of(*claims, seeds=COPIES)[claim_id] == ("disputed", reason)


def test_each_other_side_is_named_once_in_the_order_its_claims_come() -> None:
    # Zeta says Tokyo twice, and its first claim comes before Alpha's: not in name order.
    reasons = reasons_of(
        claim("wire-1", UNDATED, "place", "ottawa"),
        claim("zeta-1", UNDATED, "place", "tokyo"),
        claim("alpha-1", UNDATED, "place", "tokyo"),
        claim("zeta-2", UNDATED, "place", "tokyo"),
    )
    assert reasons["wire-1"] == (
        "contradicted_by_other_origin",
        "contradicted by Zeta: Tokyo; Alpha: Tokyo; the record is silent",
    )


def verdicts_of(*claims: dict[str, str]) -> dict[str, str]:
    """Each claim's verdict as a fact-checker words it, with its grade."""
    corpus = build(
        [source(s) for s in sorted({c["source_id"] for c in claims})], list(claims), ISA_RECORD
    )
    assessment = assess(corpus)
    reasons = Reasons.of(assessment, words_for(corpus, assessment))
    return {c.claim_id: reasons.verdict(c) for c in assessment.claims.itertuples(index=False)}


def test_a_verdict_says_true_or_false_in_words_with_what_the_record_gives() -> None:
    verdicts = verdicts_of(
        claim("wire-1", "isa-signed", "place", "tokyo"),
        claim("aggregator-1", "isa-signed", "place", "ottawa"),
        claim("aggregator-2", UNDATED, "place", "ottawa"),
        claim("aggregator-3", "isa-signed", "description", "a pact", kind="analysis"),
        claim("aggregator-4", "isa-signed", "description", "a pact"),
    )
    assert verdicts["wire-1"] == "True [R12] · confirmed by other sources (1)"
    assert verdicts["aggregator-1"] == (
        "False: the official record gives Tokyo [R12] · improbable (5)"
    )
    assert verdicts["aggregator-2"].startswith("Unproven: no one else gives it · ")
    assert verdicts["aggregator-3"].startswith("Not checked · ")
    assert verdicts["aggregator-4"] == "Not checked (its event is attested) · possibly true (3)"


def test_a_withdrawn_claim_is_said_to_be_withdrawn_whatever_its_status() -> None:
    corpus = build([source("wire")], [claim("wire-1", "isa-signed", "place", "ottawa")], ISA_RECORD)
    assessment = assess(corpus)
    reasons = Reasons.of(assessment, words_for(corpus, assessment))
    judged = assessment.claims.assign(stance="")
    assert reasons.verdict(next(judged.itertuples(index=False))).startswith("False")
    withdrawn = next(judged.assign(stance="retracts").itertuples(index=False))
    assert reasons.verdict(withdrawn) == "Withdrawn by a correction · improbable (5)"


def test_verdicts_word_partial_support_a_false_sentence_and_a_relayed_claim() -> None:
    corpus = build(
        [source("web"), source("blog")],
        [
            claim("web-1", "isa-signed", "date", "2025-07-07", time_zone="America/Toronto"),
            claim("web-2", "isa-signed", "place", "ottawa", stance="reports", attributed_to=""),
        ],
        ISA_RECORD,
    )
    result = assess(corpus)
    words = words_for(corpus, result)
    reasons = Reasons.of(result, words)
    verdicts = {c.claim_id: reasons.verdict(c) for c in result.claims.itertuples(index=False)}
    assert verdicts["web-1"].startswith("Partly supported [R13]")
    assert verdicts["web-2"].startswith("Relayed from elsewhere")
