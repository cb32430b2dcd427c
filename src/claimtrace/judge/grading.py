"""Admiralty Code grades (NATO AJP-2.1 / STANAG 2511; FM 2-22.3 appendix B), with reasons.

Two grades, judged apart. Information credibility (1-6) rates one claim from the evidence about
that claim and its event: the official record, other origin groups, the source's own statements
that disagree with it. It never looks at who the source is, nor at how the source's other
claims fared: a claim the record confirms is 1 whoever said it. Source reliability (A-F) rates
one source from the outcomes of its checkable claims and its provenance (publisher, byline,
date). It never looks at the credibility grades, only at how its claims fared.

Each rule table is read top to bottom and the first rule that applies gives the grade; the
tables are the single statement of the rules (the report's methods section prints them) and each
rule carries the code that tests it, so the two cannot drift apart. Every grade comes with a
one-line reason written from the evidence. The credibility table is here; the reliability table
is in judge/reliability.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from claimtrace.vocabulary import (
    ASSERTS,
    CHECKABLE_KINDS,
    CREDIBILITY_MEANINGS,
    UNCOMPARED_ATTRIBUTES,
)

E = TypeVar("E")
G = TypeVar("G")


class ClaimEvidence(NamedTuple):
    """What is known about one claim, as `assess` found it. A named tuple, not a dataclass: a
    large corpus makes one per claim, and a tuple is made several times faster."""

    kind: str
    attribute: str
    has_event: bool
    has_value: bool
    status: str
    record_agrees: tuple[str, ...] = ()
    """What agrees on the record's side: 'the official record (R12)', 'the dated roles on file
    (R14)'."""
    record_disagrees: tuple[str, ...] = ()
    """What disagrees on the record's side, with what it says: 'the official record (R12:
    tokyo)'."""
    agreeing_origins: tuple[str, ...] = ()
    """Other origin groups whose claims agree (the record excluded), none of them disagreeing."""
    disagreeing_origins: tuple[str, ...] = ()
    """Other origin groups whose claims disagree, none of them agreeing."""
    divided_origins: tuple[str, ...] = ()
    """Other origin groups with claims on both sides: they neither corroborate nor contradict."""
    same_origin_disputes: tuple[str, ...] = ()
    """Sources of the same origin group whose claims disagree: copies that differ."""
    internal_disputes: tuple[str, ...] = ()
    """Claims of the same source that disagree with this one (a count against its own list)."""
    record_consistent: tuple[str, ...] = ()
    """What on the record's side is consistent with it without confirming it, with what it
    says: 'the official record (R12: 2025-07-08)' for a date given in another local time."""
    consistent_origins: tuple[str, ...] = ()
    """Other origin groups whose claims are consistent with it without confirming it (a month
    for its day, a range holding its number, part of its list)."""
    event_in_record: bool = False
    """Whether the official record attests the claim's event."""
    event_attested_by: tuple[str, ...] = ()
    """Other origin groups with a claim that attests the claim's event (a report of it, not a
    forecast or plan: see judge/claims.py)."""
    stance: str = ASSERTS
    """Whether its source asserts, relays, denies or withdraws the value (judge/stance.py)."""
    speaker: str = ""
    """Whose evidence it is: its source, the corpus source it relays, or no one."""
    contradicted_in_sentence: tuple[str, ...] = ()
    """Claims its source makes in the same sentence that are contradicted."""


@dataclass(frozen=True)
class Rule(Generic[E]):
    """One row of a grading table: its key (recorded with every grade it gives, so a report
    words the reason of the rule that applied rather than guessing it again), the grade, its
    Admiralty meaning, when it applies, and the code that tests it (a named function, so that
    mutation testing reaches it) and writes the reason."""

    key: str
    grade: str
    meaning: str
    applies_when: str
    test: Callable[[E], bool]
    reason: Callable[[E], str]


def listed(items: tuple[str, ...]) -> str:
    return ", ".join(items)


def _prefix(e: ClaimEvidence) -> str:
    return "description, not compared; " if e.attribute in UNCOMPARED_ATTRIBUTES else ""


def _disputes(e: ClaimEvidence) -> list[str]:
    disputes = []
    if e.agreeing_origins and e.disagreeing_origins:
        disputes.append(
            f"origin groups disagree ({listed(e.agreeing_origins)} agree, "
            f"{listed(e.disagreeing_origins)} disagree)"
        )
    if e.divided_origins:
        disputes.append(f"{listed(e.divided_origins)} both agree and disagree")
    if e.same_origin_disputes:
        disputes.append(f"disputed by {listed(e.same_origin_disputes)} (same origin group)")
    if e.internal_disputes:
        disputes.append(f"inconsistent with its own claim {listed(e.internal_disputes)}")
    return disputes


def _attested_by(e: ClaimEvidence) -> str:
    by = (["the official record"] if e.event_in_record else []) + list(e.event_attested_by)
    return " and by ".join(by)


def _confirmations(e: ClaimEvidence) -> str:
    by = []
    if e.record_agrees:
        by.append(listed(e.record_agrees))
    if e.agreeing_origins:
        by.append(listed(e.agreeing_origins))
    return "confirmed by " + " and by ".join(by)


def _is_judgement(e: ClaimEvidence) -> bool:
    return e.kind not in CHECKABLE_KINDS


def _is_retracted(e: ClaimEvidence) -> bool:
    return e.stance == "retracts"


def _is_reported_elsewhere(e: ClaimEvidence) -> bool:
    return e.stance == "reports" and not e.speaker


def _shares_a_contradicted_sentence(e: ClaimEvidence) -> bool:
    return bool(e.contradicted_in_sentence)


def _partly_supported(e: ClaimEvidence) -> bool:
    return bool(e.record_consistent or e.consistent_origins)


def _support(e: ClaimEvidence) -> str:
    by = [*e.record_consistent, *e.consistent_origins]
    return f"{_prefix(e)}not confirmed itself; consistent with {' and with '.join(by)}"


def _has_nothing_to_check(e: ClaimEvidence) -> bool:
    return not e.has_event or (not e.has_value and e.attribute not in UNCOMPARED_ATTRIBUTES)


def _contradicted_by_record(e: ClaimEvidence) -> bool:
    return bool(e.record_disagrees)


def _is_confirmed(e: ClaimEvidence) -> bool:
    return e.status == "confirmed"


def _is_contradicted(e: ClaimEvidence) -> bool:
    return e.status == "contradicted"


def _is_disputed(e: ClaimEvidence) -> bool:
    return bool(_disputes(e))


def _event_in_record(e: ClaimEvidence) -> bool:
    return e.event_in_record


def _event_attested_elsewhere(e: ClaimEvidence) -> bool:
    return bool(e.event_attested_by)


def otherwise(e: object) -> bool:
    return True


CREDIBILITY_RULES: tuple[Rule[ClaimEvidence], ...] = (
    Rule(
        "judgement",
        "6",
        CREDIBILITY_MEANINGS[6],
        "analysis or forecast: a judgement, not a fact",
        _is_judgement,
        lambda e: f"{e.kind}: a judgement, not a checkable fact",
    ),
    Rule(
        "retracted",
        "6",
        CREDIBILITY_MEANINGS[6],
        "withdrawn by the source's own correction: kept and shown, judged against no one",
        _is_retracted,
        lambda e: "withdrawn by the source's own correction; not judged",
    ),
    Rule(
        "reported_elsewhere",
        "6",
        CREDIBILITY_MEANINGS[6],
        "relayed from someone outside the corpus: reported elsewhere, the source's claim "
        "neither for nor against it, and no one's evidence",
        _is_reported_elsewhere,
        lambda e: "relayed from someone outside the corpus (reported elsewhere); not judged",
    ),
    Rule(
        "nothing_to_check",
        "6",
        CREDIBILITY_MEANINGS[6],
        "no event, or no comparable value (a relative date with no anchor, …)",
        _has_nothing_to_check,
        lambda e: "no event to check it against" if not e.has_event else "no comparable value",
    ),
    Rule(
        "contradicted_by_record",
        "5",
        CREDIBILITY_MEANINGS[5],
        "contradicted by the official record (or by the dated roles on file)",
        _contradicted_by_record,
        lambda e: f"contradicted by {'; '.join(e.record_disagrees)}",
    ),
    Rule(
        "confirmed",
        "1",
        CREDIBILITY_MEANINGS[1],
        "confirmed by the official record, or by another origin group with none disagreeing, "
        "whoever said it and however its source fared elsewhere",
        _is_confirmed,
        _confirmations,
    ),
    Rule(
        "contradicted_by_other_origin",
        "4",
        CREDIBILITY_MEANINGS[4],
        "contradicted by another origin group, none agreeing, the record silent",
        _is_contradicted,
        lambda e: f"contradicted by {listed(e.disagreeing_origins)}; the record is silent",
    ),
    Rule(
        "disputed",
        "4",
        CREDIBILITY_MEANINGS[4],
        "unconfirmed and disputed: origin groups split, one origin group says both, copies "
        "within one origin group differ, or the source contradicts itself on it",
        _is_disputed,
        lambda e: _prefix(e) + "; ".join(_disputes(e)),
    ),
    Rule(
        "shares_a_contradicted_sentence",
        "4",
        CREDIBILITY_MEANINGS[4],
        "not confirmed itself, and the same sentence of its source makes a claim that is "
        "contradicted: the sentence is judged as a whole",
        _shares_a_contradicted_sentence,
        lambda e: (
            f"{_prefix(e)}not confirmed itself; its sentence also makes "
            f"{listed(e.contradicted_in_sentence)}, which is contradicted"
        ),
    ),
    Rule(
        "partly_supported",
        "2",
        CREDIBILITY_MEANINGS[2],
        "not confirmed itself, nothing disputes it, and the record or another origin group "
        "partly supports it (the same date at a coarser precision or in another local time, a "
        "range holding its number, part of its list)",
        _partly_supported,
        _support,
    ),
    Rule(
        "event_in_record",
        "3",
        CREDIBILITY_MEANINGS[3],
        "not confirmed itself (a description is never compared), nothing disputes it or "
        "supports it in part, and the official record attests its event: an unconfirmed "
        "detail of an event that happened",
        _event_in_record,
        lambda e: f"{_prefix(e)}not confirmed itself; its event is attested by {_attested_by(e)}",
    ),
    Rule(
        "event_attested_elsewhere",
        "3",
        CREDIBILITY_MEANINGS[3],
        "not confirmed itself, nothing disputes it or supports it in part, and another origin "
        "group reports that its event happened (a forecast or a plan does not), the record "
        "silent on it",
        _event_attested_elsewhere,
        lambda e: f"{_prefix(e)}not confirmed itself; its event is attested by {_attested_by(e)}",
    ),
    Rule(
        "nothing_to_judge_by",
        "6",
        CREDIBILITY_MEANINGS[6],
        "nothing to judge it by: neither the record nor another origin group reports its event",
        otherwise,
        lambda e: f"{_prefix(e)}neither the record nor another origin group reports its event",
    ),
)


class Graded(NamedTuple, Generic[G]):
    """A grade, the key of the rule that gave it, and the reason that rule wrote."""

    grade: G
    rule: str
    reason: str


def graded_by(rules: tuple[Rule[E], ...], evidence: E) -> Graded[str]:
    rule = next(rule for rule in rules if rule.test(evidence))
    return Graded(rule.grade, rule.key, rule.reason(evidence))


def credibility(evidence: ClaimEvidence) -> Graded[int]:
    """The claim's information credibility (1-6), its rule and reason, by CREDIBILITY_RULES."""
    grade, rule, reason = graded_by(CREDIBILITY_RULES, evidence)
    return Graded(int(grade), rule, reason)
