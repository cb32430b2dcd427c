"""Source reliability (Admiralty Code, STANAG 2511: A-F), with reasons: one source graded from
the outcomes of the claims it makes itself (judge/stance.py) and its provenance (publisher,
byline, date), never from the credibility grades. The rule table is read top to bottom, as the
credibility table of judge/grading.py is.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtrace.judge.grading import Graded, Rule, graded_by, listed, otherwise
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND, RELIABILITY_MEANINGS

MIN_CHECKED = 2
"""Fewer confirmed-or-contradicted claims than this and a source's reliability cannot be judged."""


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
    record_evidence: str = ""
    """For the official record, how many of its rows are of each kind of evidence."""


def _checkable(e: SourceEvidence) -> int:
    return e.confirmed + e.contradicted + e.unconfirmed


def _weak_provenance(e: SourceEvidence) -> bool:
    """Publisher, byline or date missing."""
    return not (e.has_publisher and e.has_byline and e.has_date)


def _unknown_provenance(e: SourceEvidence) -> bool:
    """No known publisher, or neither byline nor date: nobody answers for the text."""
    return not e.has_publisher or not (e.has_byline or e.has_date)


def _attributes(names: tuple[str, ...]) -> str:
    """Attribute keys as a reader says them: `agreement_name` -> `agreement name`."""
    return listed(tuple(name.replace("_", " ") for name in names))


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
        "the official record: public statements, each row cited with the kind of evidence it is "
        "(primary, participant, wire, secondary)",
        _is_the_record,
        lambda e: f"the official record: {e.record_evidence}; each row cited",
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
        otherwise,
        _outcomes,
    ),
)


def reliability(evidence: SourceEvidence) -> Graded[str]:
    """The source's reliability (A-F), its rule and reason, by RELIABILITY_RULES."""
    return graded_by(RELIABILITY_RULES, evidence)
