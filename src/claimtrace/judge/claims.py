"""Each claim's status and credibility, from the comparisons that involve it.

A claim attests that its event happened only if it reports a fact (not analysis or a forecast)
and its source could have seen the event: a source published before the event began speaks of
a plan, a promise or an expectation, whatever its verbs, and never attests the event.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from claimtrace.corpus.dates import end_of, start_of
from claimtrace.judge.comparison import AGREES, CONSISTENT, DISAGREES
from claimtrace.judge.grading import ClaimEvidence, credibility
from claimtrace.judge.pairs import is_compared
from claimtrace.judge.sentences import Sentence
from claimtrace.judge.sorting import distinct_integers, repeated_integers
from claimtrace.judge.stance import DENIES
from claimtrace.vocabulary import CHECKABLE_KINDS

JUDGEMENT_COLUMNS = [
    "speaker",
    "status",
    "credibility",
    "credibility_rule",
    "credibility_reason",
    "origin_group",
    "corroborating_origins",
    "contradicted_by",
    "contradicted_in_sentence",
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


def _record_labels(pairs: pd.DataFrame, by_value: bool) -> pd.Series:
    """Per pair, 'the official record (R12+R13: tokyo)' or 'the dated roles on file (R14):
    ...' (what the record says only `by_value`)."""
    said = ": " + pairs["other_value"] if by_value else ""
    roles = "the dated roles on file (" + pairs["other_id"] + ")" + said
    record = "the official record (" + pairs["other_id"] + said + ")"
    return roles.where(pairs["attribute"] == "role", record)


FINDINGS = (
    "record_agrees",
    "record_disagrees",
    "agreeing_origins",
    "disagreeing_origins",
    "divided_origins",
    "same_origin_disputes",
    "internal_disputes",
    "record_consistent",
    "consistent_origins",
)
"""What the comparisons can find about a claim, in the order of ClaimEvidence's fields."""
_AGREEING, _DISAGREEING, _DIVIDED = (
    FINDINGS.index(f"{f}_origins") for f in ("agreeing", "disagreeing", "divided")
)
Findings = list[tuple[tuple[str, ...], ...]]
_NOTHING_FOUND = ((),) * len(FINDINGS)


def claim_findings(pairs: pd.DataFrame, record_source: str, claim_ids: pd.Series) -> Findings:
    """Per claim of `claim_ids`, in their order, what the comparisons found, per finding in
    FINDINGS order, each sorted and distinct: record agreement and disagreement, other origin
    groups that agree, that disagree and that do both (divided: those are in neither of the
    first two), disputes within its origin group and within its source, and what is only
    consistent with it: the record, other origin groups.

    Found for all pairs at once, as one table of (claim, finding, value) rows, deduplicated and
    sorted as columns; only the finished tuples are made per claim."""
    agreeing, disagreeing = pairs["verdict"] == AGREES, pairs["verdict"] == DISAGREES
    consistent = pairs["verdict"] == CONSISTENT
    by_record = pairs["other_source"] == record_source
    own_source = pairs["other_source"] == pairs["source_id"]
    # A source's own statements never corroborate or contradict it, whatever their groups.
    other_origin = (pairs["other_origin"] != pairs["origin_group"]) & ~by_record & ~own_source
    same_origin = (pairs["other_origin"] == pairs["origin_group"]) & ~own_source
    chosen = {
        "record_agrees": (agreeing & by_record, lambda p: _record_labels(p, by_value=False)),
        "record_disagrees": (disagreeing & by_record, lambda p: _record_labels(p, by_value=True)),
        "agreeing_origins": (agreeing & other_origin, lambda p: p["other_origin"]),
        "disagreeing_origins": (disagreeing & other_origin, lambda p: p["other_origin"]),
        "same_origin_disputes": (disagreeing & same_origin, lambda p: p["other_source"]),
        "internal_disputes": (disagreeing & own_source, lambda p: p["other_id"]),
        "record_consistent": (consistent & by_record, lambda p: _record_labels(p, by_value=True)),
        "consistent_origins": (consistent & other_origin, lambda p: p["other_origin"]),
    }
    # Per finding: its number, the claim of each pair that found it, and what each found.
    parts = [
        (FINDINGS.index(finding), pairs.loc[rows, "claim_id"], said(pairs[rows]))
        for finding, (rows, said) in chosen.items()
    ]
    claims = pd.Index(claim_ids).get_indexer(pd.concat([ids for _, ids, _ in parts]))
    values, value_names = pd.factorize(pd.concat([said for _, _, said in parts]), sort=True)
    findings = np.repeat([finding for finding, _, _ in parts], [len(ids) for _, ids, _ in parts])
    # Each (claim, finding, value) as one integer, in that order of significance: sorting and
    # deduplicating integers is what makes this fast.
    width, depth = len(value_names), len(FINDINGS)
    found = distinct_integers((claims * depth + findings) * width + values)
    # An origin group on both sides of a claim is divided: in neither of the two.
    finding = found // width % depth
    sided = (finding == _AGREEING) | (finding == _DISAGREEING)
    claim_value = found // (width * depth) * width + found % width
    both = sided & np.isin(claim_value, repeated_integers(claim_value[sided]))
    found = distinct_integers(np.where(both, found + (_DIVIDED - finding) * width, found))
    return _per_claim(found, width, len(claim_ids), value_names.tolist())


def _per_claim(found: np.ndarray, width: int, claims: int, said: list[str]) -> Findings:
    """Per claim, its findings' values as tuples, from the sorted (claim position, finding,
    value) integers of `claim_findings`."""
    topics = found // width  # claim and finding
    starts = np.flatnonzero(np.diff(topics, prepend=-1))
    ends = np.flatnonzero(np.diff(topics, append=-1)) + 1
    values = [said[value] for value in (found % width).tolist()]
    by_claim: dict[int, list[tuple[str, ...]]] = {}
    for first, last, topic in zip(
        starts.tolist(), ends.tolist(), topics[starts].tolist(), strict=True
    ):
        claim, finding = divmod(topic, len(FINDINGS))
        by_claim.setdefault(claim, list(_NOTHING_FOUND))[finding] = tuple(values[first:last])
    found_per_claim: list[tuple[tuple[str, ...], ...]] = [_NOTHING_FOUND] * claims
    for claim, findings in by_claim.items():
        found_per_claim[claim] = tuple(findings)
    return found_per_claim


def attests_event(claims: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[bool]:
    """Per claim, whether it attests that its event happened: someone's assertion
    (judge/stance.py; a denial attests nothing) of a fact (CHECKABLE_KINDS) about an event,
    from a source not published before the event began (both dates as far as known)."""
    published = sources.set_index("source_id")["published"].to_dict()
    dated = events.set_index("event_id")["date"].to_dict()
    facts = (
        claims["kind"].isin(CHECKABLE_KINDS)
        & (claims["speaker"] != "")
        & (claims["stance"] != DENIES)
    ).tolist()
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
    sentences: list[Sentence | None],
) -> pd.DataFrame:
    """Claims with speaker (whose evidence it is), status, credibility, credibility_rule (the key
    of the grading rule that applied), credibility_reason, origin_group, corroborating_origins
    (the record and other origin groups that agree), contradicted_by, contradicted_in_sentence
    (the claims of its sentence that are contradicted, where its source speaks for itself) and
    attests_event.

    `claims` carry `stance` and `speaker` (judge/stance.py); `origin_of` maps each claim id to
    its origin group (judge/origins.py); `attesting` is `attests_event` of the claims;
    `sentences` is `sentence_of_claims` of them (judge/sentences.py)."""
    found = claim_findings(pairs, record_source, claims["claim_id"])
    event_origins: dict[str, set[str]] = {}
    witnesses = claims.loc[attesting]
    for event_id, claim_id in zip(
        witnesses["event_id"].tolist(), witnesses["claim_id"].tolist(), strict=True
    ):
        event_origins.setdefault(event_id, set()).add(origin_of[claim_id])
    origins_on = {event_id: tuple(sorted(origins)) for event_id, origins in event_origins.items()}
    in_record = set(record["event_id"])
    statuses = [
        _status(findings) if compared else "not_judged"
        for findings, compared in zip(found, is_compared(claims).tolist(), strict=True)
    ]
    contradicted_in = _contradicted_by_sentence(claims, statuses, sentences)
    rows = []
    # Columns as lists, zipped: pandas strings and named tuples iterate slowly.
    columns = ["claim_id", "source_id", "kind", "attribute", "event_id", "value_normalised"]
    for (claim_id, source_id, kind, attribute, event_id, value), origin, *judged in zip(
        zip(*(claims[column].tolist() for column in columns), strict=True),
        claims["claim_id"].map(origin_of).tolist(),
        claims["stance"].tolist(),
        claims["speaker"].tolist(),
        statuses,
        found,
        sentences,
        attesting,
        strict=True,
    ):
        stance, speaker, status, findings, sentence, attests = judged
        # A sentence is judged as a whole only where the source speaks for itself in it.
        mates = contradicted_in.get(sentence, ()) if speaker == source_id else ()
        # Positional, findings in FINDINGS order: one field each, which the checker cannot count.
        evidence = ClaimEvidence(  # type: ignore[call-arg]
            kind,
            attribute,
            bool(event_id),
            bool(value),
            status,
            *findings,
            event_id in in_record,
            _without(origins_on.get(event_id, ()), origin),
            stance,
            speaker,
            _without(mates, claim_id),
        )
        grade, rule, reason = credibility(evidence)
        corroborating = "; ".join(
            (["record"] if evidence.record_agrees else []) + list(evidence.agreeing_origins)
        )
        contradicted_by = "; ".join(
            (["record"] if evidence.record_disagrees else []) + list(evidence.disagreeing_origins)
        )
        in_sentence = "; ".join(evidence.contradicted_in_sentence)
        said = (status, grade, rule, reason, origin, corroborating, contradicted_by, in_sentence)
        rows.append((speaker, *said, attests))
    judged_claims = pd.DataFrame.from_records(rows, columns=JUDGEMENT_COLUMNS)
    curated = claims.drop(columns="speaker").reset_index(drop=True)
    return pd.concat([curated, judged_claims], axis=1)


def _contradicted_by_sentence(
    claims: pd.DataFrame, statuses: list[str], sentences: list[Sentence | None]
) -> dict[Sentence, tuple[str, ...]]:
    """Per sentence of a source, the claims it asserts there that are contradicted, sorted."""
    contradicted: dict[Sentence, list[str]] = {}
    for claim_id, speaker, source_id, status, sentence in zip(
        claims["claim_id"].tolist(),
        claims["speaker"].tolist(),
        claims["source_id"].tolist(),
        statuses,
        sentences,
        strict=True,
    ):
        if status == "contradicted" and speaker == source_id and sentence is not None:
            contradicted.setdefault(sentence, []).append(claim_id)
    return {sentence: tuple(sorted(ids)) for sentence, ids in contradicted.items()}
