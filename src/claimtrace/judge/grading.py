"""Admiralty Code grades (NATO AJP-2.1 / STANAG 2511; FM 2-22.3 appendix B), with reasons.

Two grades, judged apart. Information credibility (1-6) rates one claim from the evidence about
that claim and its event: the official record, other origin groups, the source's own statements
that disagree with it. It never looks at who the source is, nor at how the source's other
claims fared: a claim the record confirms is 1 whoever said it. Source reliability (A-F) rates
one source from the outcomes of its checkable claims and its provenance (publisher, byline,
date). It never looks at the credibility grades, only at how its claims fared.

Each rule table below is read top to bottom and the first rule that applies gives the grade; the
tables are the single statement of the rules (`grading_rules()` prints them for the report's
methods section) and each rule carries the code that tests it, so the two cannot drift apart.
Every grade comes with a one-line reason written from the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

import pandas as pd

from claimtrace.vocabulary import (
    CHECKABLE_KINDS,
    CREDIBILITY_MEANINGS,
    OFFICIAL_RECORD_KIND,
    RELIABILITY_MEANINGS,
    UNCOMPARED_ATTRIBUTES,
)

MIN_CHECKED = 2
"""Fewer confirmed-or-contradicted claims than this and a source's reliability cannot be judged."""

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
    event_in_record: bool = False
    """Whether the official record attests the claim's event."""
    event_attested_by: tuple[str, ...] = ()
    """Other origin groups with a claim that attests the claim's event (a report of it, not a
    forecast or plan: see judge/claims.py)."""


@dataclass(frozen=True)
class SourceEvidence:
    """How one source's claims fared, and its provenance."""

    kind: str
    confirmed: int
    contradicted: int
    contradicted_by_record: int
    unconfirmed: int
    core_contradicted: tuple[str, ...]
    has_publisher: bool
    has_byline: bool
    has_date: bool


def _checkable(e: SourceEvidence) -> int:
    return e.confirmed + e.contradicted + e.unconfirmed


def _weak_provenance(e: SourceEvidence) -> bool:
    """Publisher, byline or date missing."""
    return not (e.has_publisher and e.has_byline and e.has_date)


def _unknown_provenance(e: SourceEvidence) -> bool:
    """No known publisher, or neither byline nor date: nobody answers for the text."""
    return not e.has_publisher or not (e.has_byline or e.has_date)


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


def _listed(items: tuple[str, ...]) -> str:
    return ", ".join(items)


def _attributes(names: tuple[str, ...]) -> str:
    """Attribute keys as a reader says them: `agreement_name` -> `agreement name`."""
    return _listed(tuple(name.replace("_", " ") for name in names))


def _prefix(e: ClaimEvidence) -> str:
    return "description, not compared; " if e.attribute in UNCOMPARED_ATTRIBUTES else ""


def _disputes(e: ClaimEvidence) -> list[str]:
    disputes = []
    if e.agreeing_origins and e.disagreeing_origins:
        disputes.append(
            f"origin groups disagree ({_listed(e.agreeing_origins)} agree, "
            f"{_listed(e.disagreeing_origins)} disagree)"
        )
    if e.divided_origins:
        disputes.append(f"{_listed(e.divided_origins)} both agree and disagree")
    if e.same_origin_disputes:
        disputes.append(f"disputed by {_listed(e.same_origin_disputes)} (same origin group)")
    if e.internal_disputes:
        disputes.append(f"inconsistent with its own claim {_listed(e.internal_disputes)}")
    return disputes


def _attested_by(e: ClaimEvidence) -> str:
    by = (["the official record"] if e.event_in_record else []) + list(e.event_attested_by)
    return " and by ".join(by)


def _confirmations(e: ClaimEvidence) -> str:
    by = []
    if e.record_agrees:
        by.append(_listed(e.record_agrees))
    if e.agreeing_origins:
        by.append(_listed(e.agreeing_origins))
    return "confirmed by " + " and by ".join(by)


def _is_judgement(e: ClaimEvidence) -> bool:
    return e.kind not in CHECKABLE_KINDS


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


def _otherwise(e: object) -> bool:
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
        lambda e: f"contradicted by {_listed(e.disagreeing_origins)}; the record is silent",
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
        "event_in_record",
        "2",
        CREDIBILITY_MEANINGS[2],
        "not confirmed itself (a description is never compared), nothing disputes it, and the "
        "official record attests its event",
        _event_in_record,
        lambda e: f"{_prefix(e)}not confirmed itself; its event is attested by {_attested_by(e)}",
    ),
    Rule(
        "event_attested_elsewhere",
        "3",
        CREDIBILITY_MEANINGS[3],
        "not confirmed itself, nothing disputes it, and another origin group reports that its "
        "event happened (a forecast or a plan does not), the record silent on it",
        _event_attested_elsewhere,
        lambda e: f"{_prefix(e)}not confirmed itself; its event is attested by {_attested_by(e)}",
    ),
    Rule(
        "nothing_to_judge_by",
        "6",
        CREDIBILITY_MEANINGS[6],
        "nothing to judge it by: neither the record nor another origin group reports its event",
        _otherwise,
        lambda e: f"{_prefix(e)}neither the record nor another origin group reports its event",
    ),
)


def _provenance(e: SourceEvidence) -> str:
    missing = [
        label
        for label, present in (
            ("unknown publisher", e.has_publisher),
            ("no byline", e.has_byline),
            ("no date", e.has_date),
        )
        if not present
    ]
    return ", ".join(missing) if missing else "known publisher, byline and date"


def _outcomes(e: SourceEvidence) -> str:
    by_record = f" ({e.contradicted_by_record} by the official record)" if e.contradicted else ""
    core = f"; contradicted on {_attributes(e.core_contradicted)}" if e.core_contradicted else ""
    return (
        f"{e.confirmed} of {_checkable(e)} checkable claims confirmed, {e.contradicted} "
        f"contradicted{by_record}, {e.unconfirmed} unconfirmed; {_provenance(e)}{core}"
    )


def _is_the_record(e: SourceEvidence) -> bool:
    return e.kind == OFFICIAL_RECORD_KIND


def _too_few_checked(e: SourceEvidence) -> bool:
    return e.confirmed + e.contradicted < MIN_CHECKED


def _core_contradicted_and_anonymous(e: SourceEvidence) -> bool:
    return bool(e.core_contradicted) and not e.has_byline and not e.has_date


def _mostly_contradicted_or_unanswered(e: SourceEvidence) -> bool:
    return e.contradicted > e.confirmed or (
        _unknown_provenance(e) and 2 * e.confirmed < _checkable(e)
    )


def _uncontradicted_half_confirmed_and_known(e: SourceEvidence) -> bool:
    return e.contradicted == 0 and not _weak_provenance(e) and 2 * e.confirmed >= _checkable(e)


RELIABILITY_RULES: tuple[Rule[SourceEvidence], ...] = (
    Rule(
        "official_record",
        "A",
        RELIABILITY_MEANINGS["A"],
        "the official record: primary public sources, each row cited",
        _is_the_record,
        lambda e: "the official record: primary public sources, each row cited",
    ),
    Rule(
        "too_few_checked",
        "F",
        RELIABILITY_MEANINGS["F"],
        f"fewer than {MIN_CHECKED} claims confirmed or contradicted",
        _too_few_checked,
        _outcomes,
    ),
    Rule(
        "core_contradicted_and_anonymous",
        "E",
        RELIABILITY_MEANINGS["E"],
        "contradicted on core facts (who, what, when, where) and neither byline nor date",
        _core_contradicted_and_anonymous,
        _outcomes,
    ),
    Rule(
        "mostly_contradicted_or_unanswered",
        "D",
        RELIABILITY_MEANINGS["D"],
        "more claims contradicted than confirmed, or unknown provenance (no known publisher, "
        "or neither byline nor date) with fewer than half of its checkable claims confirmed",
        _mostly_contradicted_or_unanswered,
        _outcomes,
    ),
    Rule(
        "uncontradicted_and_known",
        "B",
        RELIABILITY_MEANINGS["B"],
        "none contradicted, at least half of its checkable claims confirmed; known publisher, "
        "byline and date",
        _uncontradicted_half_confirmed_and_known,
        _outcomes,
    ),
    Rule(
        "otherwise",
        "C",
        RELIABILITY_MEANINGS["C"],
        "otherwise: some contradicted but more confirmed, or confirmed but with publisher, "
        "byline or date missing, or none contradicted but fewer than half confirmed",
        _otherwise,
        _outcomes,
    ),
)


class Graded(NamedTuple, Generic[G]):
    """A grade, the key of the rule that gave it, and the reason that rule wrote."""

    grade: G
    rule: str
    reason: str


def _graded(rules: tuple[Rule[E], ...], evidence: E) -> Graded[str]:
    rule = next(rule for rule in rules if rule.test(evidence))
    return Graded(rule.grade, rule.key, rule.reason(evidence))


def credibility(evidence: ClaimEvidence) -> Graded[int]:
    """The claim's information credibility (1-6), its rule and reason, by CREDIBILITY_RULES."""
    grade, rule, reason = _graded(CREDIBILITY_RULES, evidence)
    return Graded(int(grade), rule, reason)


def reliability(evidence: SourceEvidence) -> Graded[str]:
    """The source's reliability (A-F), its rule and reason, by RELIABILITY_RULES."""
    return _graded(RELIABILITY_RULES, evidence)


def grading_rules() -> pd.DataFrame:
    """Both rule tables in the order they are applied: scale, grade, meaning, applies_when."""
    return pd.DataFrame(
        [
            {"scale": scale, "grade": r.grade, "meaning": r.meaning, "applies_when": r.applies_when}
            for scale, rules in (
                ("information credibility", CREDIBILITY_RULES),
                ("source reliability", RELIABILITY_RULES),
            )
            for r in rules
        ]
    )
