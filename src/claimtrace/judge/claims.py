"""Each claim's status and credibility, from the comparisons that involve it.

A claim attests that its event happened only if it reports a fact (not analysis or a forecast)
and its source could have seen the event: a source published before the event began speaks of
a plan, a promise or an expectation, whatever its verbs, and never attests the event.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Mapping

import pandas as pd

from claimtrace.corpus.dates import end_of, start_of
from claimtrace.judge.comparison import AGREES, DISAGREES
from claimtrace.judge.grading import ClaimEvidence, credibility
from claimtrace.judge.pairs import is_compared
from claimtrace.vocabulary import CHECKABLE_KINDS

JUDGEMENT_COLUMNS = [
    "status",
    "credibility",
    "credibility_rule",
    "credibility_reason",
    "origin_group",
    "corroborating_origins",
    "contradicted_by",
    "attests_event",
]


def _status(found: tuple[tuple[str, ...], ...]) -> str:
    """A compared claim's status from its findings, in FINDINGS order."""
    record_agrees, record_disagrees, agreeing_origins, disagreeing_origins, *_ = found
    if record_disagrees:
        return "contradicted"
    if record_agrees:
        return "confirmed"
    if disagreeing_origins and not agreeing_origins:
        return "contradicted"
    if agreeing_origins and not disagreeing_origins:
        return "confirmed"
    return "unconfirmed"


def distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


def _without(ordered: tuple[str, ...], value: str) -> tuple[str, ...]:
    """A sorted tuple of distinct values without `value`, found by bisection: a claim's event
    may be attested by dozens of origin groups."""
    at = bisect.bisect_left(ordered, value)
    if at < len(ordered) and ordered[at] == value:
        return ordered[:at] + ordered[at + 1 :]
    return ordered


def _record_label(pair: tuple, by_value: bool) -> str:
    """'the official record (R12+R13: tokyo)' or 'the dated roles on file (R14): ...'."""
    said = f": {pair.other_value}" if by_value else ""
    if pair.attribute == "role":
        return f"the dated roles on file ({pair.other_id}){said}"
    return f"the official record ({pair.other_id}{said})"


FINDINGS = (
    "record_agrees",
    "record_disagrees",
    "agreeing_origins",
    "disagreeing_origins",
    "divided_origins",
    "same_origin_disputes",
    "internal_disputes",
)


Findings = dict[str, dict[str, tuple[str, ...]]]
_NOTHING_FOUND = ((),) * len(FINDINGS)


def _findings_by_claim(found: Findings) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Claim id -> its findings in FINDINGS order (the order of ClaimEvidence's fields), for
    the claims with any."""
    by_claim: dict[str, list[tuple[str, ...]]] = {}
    for index, finding in enumerate(FINDINGS):
        for claim_id, values in found[finding].items():
            by_claim.setdefault(claim_id, list(_NOTHING_FOUND))[index] = values
    return {claim_id: tuple(findings) for claim_id, findings in by_claim.items()}


def claim_findings(pairs: pd.DataFrame, record_source: str) -> Findings:
    """What the comparisons found, per finding (FINDINGS) and claim id, sorted and distinct:
    record agreement and disagreement, other origin groups that agree, that disagree and that do
    both (divided: those are in neither of the first two), disputes within its origin group and
    within its source. A claim with no such finding is left out.

    One pass over all pairs (not a filter per claim, which is quadratic in the claims), with one
    small tuple per claim and finding: sets per claim take gigabytes in a large corpus."""
    agreeing, disagreeing = pairs["verdict"] == AGREES, pairs["verdict"] == DISAGREES
    by_record = pairs["other_source"] == record_source
    own_source = pairs["other_source"] == pairs["source_id"]
    # A source's own statements never corroborate or contradict it, whatever their groups.
    other_origin = (pairs["other_origin"] != pairs["origin_group"]) & ~by_record & ~own_source
    same_origin = (pairs["other_origin"] == pairs["origin_group"]) & ~own_source

    def collect(chosen: pd.Series, values: Iterable[str]) -> dict[str, tuple[str, ...]]:
        found = sorted(set(zip(pairs.loc[chosen, "claim_id"].tolist(), values, strict=True)))
        return {
            claim_id: tuple(value for _, value in group)
            for claim_id, group in itertools.groupby(found, key=operator.itemgetter(0))
        }

    def column(chosen: pd.Series, name: str) -> list[str]:
        return pairs.loc[chosen, name].tolist()

    findings: Findings = {}
    for finding, verdict in (("record_agrees", agreeing), ("record_disagrees", disagreeing)):
        chosen = verdict & by_record
        labels = [
            _record_label(pair, by_value=finding == "record_disagrees")
            for pair in pairs[chosen].astype(object).itertuples(index=False)
        ]
        findings[finding] = collect(chosen, labels)
    for finding, chosen, name in (
        ("agreeing_origins", agreeing & other_origin, "other_origin"),
        ("disagreeing_origins", disagreeing & other_origin, "other_origin"),
        ("same_origin_disputes", disagreeing & same_origin, "other_source"),
        ("internal_disputes", disagreeing & own_source, "other_id"),
    ):
        findings[finding] = collect(chosen, column(chosen, name))
    agree, disagree = findings["agreeing_origins"], findings["disagreeing_origins"]
    divided = {
        claim_id: both
        for claim_id in agree.keys() & disagree.keys()
        if (both := tuple(sorted(set(agree[claim_id]) & set(disagree[claim_id]))))
    }
    for claim_id, both in divided.items():
        for by_claim in (agree, disagree):
            by_claim[claim_id] = tuple(o for o in by_claim[claim_id] if o not in both)
    findings["divided_origins"] = divided
    return findings


def attests_event(claims: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[bool]:
    """Per claim, whether it attests that its event happened: a fact (CHECKABLE_KINDS) about an
    event, from a source not published before the event began (both dates as far as known)."""
    published = sources.set_index("source_id")["published"].to_dict()
    dated = events.set_index("event_id")["date"].to_dict()
    facts = claims["kind"].isin(CHECKABLE_KINDS).tolist()
    columns = (claims["source_id"].tolist(), claims["event_id"].tolist(), facts)
    return [
        fact and bool(event_id) and not _before(published[source_id], dated[event_id])
        for source_id, event_id, fact in zip(*columns, strict=True)
    ]


def _before(published: str, happened: str) -> bool:
    """Whether a source published on `published` came out before an event of `happened` began;
    False when either is unknown."""
    return bool(published and happened) and end_of(published) < start_of(happened)


def judge_claims(
    claims: pd.DataFrame,
    pairs: pd.DataFrame,
    record: pd.DataFrame,
    record_source: str,
    origin_of: Mapping[str, str],
    attesting: list[bool],
) -> pd.DataFrame:
    """Claims with status, credibility, credibility_rule (the key of the grading rule that
    applied), credibility_reason, origin_group, corroborating_origins
    (the record and other origin groups that agree), contradicted_by and attests_event.

    `origin_of` maps each claim id to its origin group (judge/origins.py); `attesting` is
    `attests_event` of the claims."""
    found = _findings_by_claim(claim_findings(pairs, record_source))
    event_origins: dict[str, set[str]] = {}
    witnesses = claims.loc[attesting]
    for event_id, claim_id in zip(
        witnesses["event_id"].tolist(), witnesses["claim_id"].tolist(), strict=True
    ):
        event_origins.setdefault(event_id, set()).add(origin_of[claim_id])
    origins_on = {event_id: tuple(sorted(origins)) for event_id, origins in event_origins.items()}
    in_record = set(record["event_id"])
    rows = []
    # One string per distinct text: the same reasons and lists recur on many claims.
    shared: dict[str, str] = {}
    # Columns as lists, zipped: pandas strings and named tuples iterate slowly.
    columns = ["claim_id", "kind", "attribute", "event_id", "value_normalised"]
    for (claim_id, kind, attribute, event_id, value), compared, attests in zip(
        zip(*(claims[column].tolist() for column in columns), strict=True),
        is_compared(claims).tolist(),
        attesting,
        strict=True,
    ):
        origin = origin_of[claim_id]
        findings = found.get(claim_id, _NOTHING_FOUND)
        evidence = ClaimEvidence(
            kind,
            attribute,
            bool(event_id),
            bool(value),
            _status(findings) if compared else "not_judged",
            *findings,
            event_id in in_record,
            _without(origins_on.get(event_id, ()), origin),
        )
        grade, rule, reason = credibility(evidence)
        corroborating = "; ".join(
            (["record"] if evidence.record_agrees else []) + list(evidence.agreeing_origins)
        )
        contradicted_by = "; ".join(
            (["record"] if evidence.record_disagrees else []) + list(evidence.disagreeing_origins)
        )
        rows.append(
            (
                evidence.status,
                grade,
                rule,
                shared.setdefault(reason, reason),
                origin,
                shared.setdefault(corroborating, corroborating),
                shared.setdefault(contradicted_by, contradicted_by),
                attests,
            )
        )
    judged = pd.DataFrame.from_records(rows, columns=JUDGEMENT_COLUMNS)
    return pd.concat([claims.reset_index(drop=True), judged], axis=1)
