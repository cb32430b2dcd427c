"""Compare claims about one event across sources and against the official record; grade them.

Claims are compared on normalised values (entity ids, sorted sets), per event, attribute and
subject, with the vocabulary's semantics (data/README.md): dates at the coarser precision, sets as
sets, an `includes` list against the other side's complete `items`, a `count` against the length
of the source's own `items` or the record's, a `role` against the dated roles on file at the
event's date.
Claims about different events are never compared: a signing and an entry into force are two
events. Descriptions are never compared. Analysis and forecasts are judgements, not facts.

The record has no `subject` column: its rows speak of the event itself and meet every claim on
that event and attribute. Besides its own attribute and value, each record row also states the
event's date, place and agreement, and those are compared too (see `record_statements`).

`assess(corpus)` is the entry point; everything below it is a pure function over frames.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gc
import itertools
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claimtrace.comparison import AGREES, COMPARABLE, DISAGREES, compare_values
from claimtrace.conflicts import find_conflicts
from claimtrace.corpus import Corpus
from claimtrace.dates import end_of, start_of
from claimtrace.entities import alias_index, normalise_value, resolve_name, spans_held
from claimtrace.errors import DataError, Problem
from claimtrace.grading import (
    CHECKABLE_KINDS,
    CORE_ATTRIBUTES,
    UNCOMPARED_ATTRIBUTES,
    ClaimEvidence,
    SourceEvidence,
    credibility,
    reliability,
)
from claimtrace.origins import OFFICIAL_RECORD_KIND, origin_groups, text_reuse
from claimtrace.timeline import build_timeline

STATUSES = ("confirmed", "contradicted", "unconfirmed", "not_judged")
JUDGEMENT_COLUMNS = [
    "status",
    "credibility",
    "credibility_reason",
    "origin_group",
    "corroborating_origins",
    "contradicted_by",
]
PAIR_COLUMNS = [
    "claim_id",
    "source_id",
    "origin_group",
    "event_id",
    "subject",
    "attribute",
    "value",
    "other_id",
    "other_source",
    "other_origin",
    "other_attribute",
    "other_value",
    "verdict",
]


@dataclass(frozen=True)
class Assessment:
    """Everything the report shows, derived from one corpus.

    claims: one row per claim with status, credibility (1-6) and reason. sources: one row per
    source with its origin group, outcome counts, reliability (A-F) and reason. conflicts: one
    row per disagreement. timeline: one row per event. origins: source_id, origin_group,
    origin_basis. reuse: pairs of seeds sharing runs of words. comparisons: every pair of
    statements compared, with the verdict (the evidence behind every status).
    """

    claims: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    timeline: pd.DataFrame
    origins: pd.DataFrame
    reuse: pd.DataFrame
    comparisons: pd.DataFrame


def record_source_id(sources: pd.DataFrame) -> str:
    """The source_id of the official record; DataError unless exactly one source is one."""
    ids = list(sources.loc[sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"])
    if len(ids) != 1:
        rule = f"needs exactly one source of kind '{OFFICIAL_RECORD_KIND}', found {len(ids)}"
        raise DataError([Problem("sources.csv", rule, column="kind", value=", ".join(ids))])
    return ids[0]


def record_statements(
    reference: pd.DataFrame, events: pd.DataFrame, names: Mapping[str, str]
) -> pd.DataFrame:
    """The record as statements (statement_id, event_id, attribute, value_normalised).

    Each row states its attribute and value, and its `date` and `place` as the event's date and
    place. The rows of an event that concerns an agreement (`events.agreement`) also name that
    agreement: R08 records the launch of talks on *a security of information agreement*, so a
    source naming that agreement otherwise uses a wrong name. Repeated statements are kept once,
    naming every record row that makes them (`R12+R13`).
    """
    agreement_of = dict(zip(events["event_id"], events["agreement"], strict=True))
    rows: dict[tuple[str, str, str], list[str]] = {}
    for record in reference.itertuples(index=False):
        stated = [
            (record.attribute, normalise_value(record.attribute, record.value, names)),
            ("date", record.date),
            ("place", resolve_name(record.place, names) or record.place),
            ("agreement_name", agreement_of.get(record.event_id, "")),
        ]
        for attribute, value in stated:
            if attribute and value:
                rows.setdefault((record.event_id, attribute, value), []).append(record.record_id)
    return pd.DataFrame(
        [
            {
                "statement_id": "+".join(dict.fromkeys(ids)),
                "event_id": event_id,
                "attribute": attribute,
                "value_normalised": value,
            }
            for (event_id, attribute, value), ids in rows.items()
        ],
        columns=["statement_id", "event_id", "attribute", "value_normalised"],
    )


def is_compared(claims: pd.DataFrame) -> pd.Series:
    """Which claims are checked against other statements: facts with an event, an attribute
    that is compared and a normalised value."""
    return (
        claims["kind"].isin(CHECKABLE_KINDS)
        & (claims["event_id"] != "")
        & (claims["attribute"] != "")
        & ~claims["attribute"].isin(UNCOMPARED_ATTRIBUTES)
        & (claims["value_normalised"] != "")
    )


RoleRows = dict[str, dict[str, list[tuple[str, str, str]]]]


def role_rows(entities: pd.DataFrame) -> RoleRows:
    """role -> entity_id -> its (role_start, role_end, role_basis) rows, in file order."""
    rows: RoleRows = {}
    for entity in entities[entities["role"] != ""].itertuples(index=False):
        spans = rows.setdefault(entity.role, {}).setdefault(entity.entity_id, [])
        spans.append((entity.role_start, entity.role_end, entity.role_basis))
    return rows


@dataclass(frozen=True)
class RoleSpans:
    """One role's dated spans as day numbers, to find who held it on a date without checking
    every holder's spans one by one (quadratic in a large corpus): holders in file order, and
    per span with a start: its holder's position, its first day and its last day."""

    holders: list[str]
    holder: np.ndarray
    first_day: np.ndarray
    last_day: np.ndarray

    def held_on(self, on: str) -> list[str]:
        """The holders `spans_held` finds holding the role on `on`: those with a span that has
        a start not after `on` and no end before it, at the coarser precision."""
        during = (self.first_day <= end_of(on).toordinal()) & (
            self.last_day >= start_of(on).toordinal()
        )
        return [self.holders[position] for position in np.unique(self.holder[during])]


def role_spans(roles: RoleRows) -> dict[str, RoleSpans]:
    """`RoleSpans` per role. A span without a start never settles that its holder held the role,
    so it is left out; a span without an end has no last day."""
    no_end = dt.date.max.toordinal()
    indexed = {}
    for role, holders in roles.items():
        spans = [
            (
                position,
                start_of(start).toordinal(),
                end_of(end).toordinal() if end.strip() else no_end,
            )
            for position, rows in enumerate(holders.values())
            for start, end, _ in rows
            if start.strip()
        ]
        table = np.array(spans, dtype=np.int64).reshape(-1, 3)
        indexed[role] = RoleSpans(list(holders), table[:, 0], table[:, 1], table[:, 2])
    return indexed


def role_finding(
    roles: RoleRows, spans: Mapping[str, RoleSpans], subject: str, role: str, on: str
) -> tuple[str | None, str, str]:
    """A role claim against the dated roles (`role_rows`, indexed by `role_spans`):
    (AGREES/DISAGREES/None, basis, what the roles say). The basis is the `role_basis` of the
    subject's dated role (a record id or an address)."""
    holders = roles.get(role, {})
    rows = holders.get(subject, [])
    held = spans_held(((start, end) for start, end, _ in rows), on)
    if held is None:
        return None, "", ""
    basis = "+".join(dict.fromkeys(b for _, _, b in rows if b)) or "entities.csv"
    if held:
        return AGREES, basis, f"{subject} held {role} on {on}"
    spans_of = ", ".join(f"{start} to {end or 'now'}" for start, end, _ in rows)
    then = spans[role].held_on(on)
    held_then = f"; {', '.join(then)} held it then" if then else ""
    return DISAGREES, basis, f"{subject} held {role} {spans_of}, not on {on}{held_then}"


def _meets(claim: tuple, other: tuple) -> bool:
    """Whether two claims on one event are compared: another claim, the same subject, and a
    `count` only against the same source's own list."""
    counted = "count" in {claim.attribute, other.attribute}
    return (
        other.claim_id != claim.claim_id
        and other.subject == claim.subject
        and not (counted and other.source_id != claim.source_id)
    )


def comparisons(
    claims: pd.DataFrame,
    record: pd.DataFrame,
    record_source: str,
    origin_of: Mapping[str, str],
    events: pd.DataFrame,
    entities: pd.DataFrame,
) -> pd.DataFrame:
    """Every comparison made, one row per (claim, other statement) with a verdict (PAIR_COLUMNS).

    A claim meets: record statements on its event and attribute; other compared claims on its
    event, attribute and subject (from any source, its own included: a source can contradict
    itself); and, for a `role`, the dated roles at its event's date.
    """
    # As plain objects: iterating pandas string columns costs seconds per million claims. Only
    # the columns compared: quotes and their context would be copied for nothing.
    columns = ["claim_id", "source_id", "event_id", "subject", "attribute", "value_normalised"]
    compared = claims.loc[is_compared(claims), columns].astype(object)
    event_dates = dict(zip(events["event_id"], events["date"], strict=True))
    roles = role_rows(entities)
    spans = role_spans(roles)
    # Statements indexed once by what they are about: scanning every claim of an event for each
    # of its claims is quadratic in the claims per event.
    record_by_event: dict[str, list[tuple[str, str, str, str]]] = {}
    for other in record.itertuples(index=False):
        record_by_event.setdefault(other.event_id, []).append(
            (other.statement_id, record_source, other.attribute, other.value_normalised)
        )
    listed = list(compared.itertuples(index=False))
    claims_by_topic: dict[tuple[str, str, str], list[tuple[int, tuple]]] = {}
    for position, other in enumerate(listed):
        topic = (other.event_id, other.subject, other.attribute)
        claims_by_topic.setdefault(topic, []).append((position, other))
    # Claims on one event mostly state the same few values: each distinct comparison once.
    verdict_of = functools.cache(compare_values)
    rows = []
    for claim in listed:
        if claim.attribute == "role":
            verdict, basis, finding = role_finding(
                roles, spans, claim.subject, claim.value_normalised, event_dates[claim.event_id]
            )
            others = [(basis, record_source, "role", finding, verdict)]
        else:
            met = sorted(
                (
                    (position, other)
                    for attribute in COMPARABLE.get(claim.attribute, ())
                    for position, other in claims_by_topic.get(
                        (claim.event_id, claim.subject, attribute), ()
                    )
                    if _meets(claim, other)
                ),
                key=lambda found: found[0],
            )
            others = record_by_event.get(claim.event_id, []) + [
                (other.claim_id, other.source_id, other.attribute, other.value_normalised)
                for _, other in met
            ]
            others = [
                (*other, verdict_of(claim.attribute, claim.value_normalised, *other[2:]))
                for other in others
            ]
        # Tuples in PAIR_COLUMNS order, not dicts: a large corpus makes millions of pairs.
        rows += [
            (
                claim.claim_id,
                claim.source_id,
                origin_of[claim.source_id],
                claim.event_id,
                claim.subject,
                claim.attribute,
                claim.value_normalised,
                other_id,
                other_source,
                origin_of[other_source],
                other_attribute,
                other_value,
                verdict,
            )
            for other_id, other_source, other_attribute, other_value, verdict in others
            if verdict is not None
        ]
    return pd.DataFrame.from_records(rows, columns=PAIR_COLUMNS)


def _status(evidence: Mapping[str, tuple[str, ...]]) -> str:
    if evidence["record_disagrees"]:
        return "contradicted"
    if evidence["record_agrees"]:
        return "confirmed"
    if evidence["disagreeing_origins"] and not evidence["agreeing_origins"]:
        return "contradicted"
    if evidence["agreeing_origins"] and not evidence["disagreeing_origins"]:
        return "confirmed"
    return "unconfirmed"


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
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
    "same_origin_disputes",
    "internal_disputes",
)


Findings = dict[str, dict[str, tuple[str, ...]]]


def claim_findings(pairs: pd.DataFrame, record_source: str) -> Findings:
    """What the comparisons found, per finding (FINDINGS) and claim id, sorted and distinct:
    record agreement and disagreement, agreeing and disagreeing other origin groups, disputes
    within its origin group and within its source. A claim with no such finding is left out.

    One pass over all pairs (not a filter per claim, which is quadratic in the claims), with one
    small tuple per claim and finding: sets per claim take gigabytes in a large corpus."""
    agreeing, disagreeing = pairs["verdict"] == AGREES, pairs["verdict"] == DISAGREES
    by_record = pairs["other_source"] == record_source
    own_source = pairs["other_source"] == pairs["source_id"]
    other_origin = (pairs["other_origin"] != pairs["origin_group"]) & ~by_record
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
    return findings


def judge_claims(
    claims: pd.DataFrame,
    pairs: pd.DataFrame,
    record: pd.DataFrame,
    record_source: str,
    origin_of: Mapping[str, str],
) -> pd.DataFrame:
    """Claims with status, credibility, credibility_reason, origin_group, corroborating_origins
    (the record and other origin groups that agree) and contradicted_by."""
    found = claim_findings(pairs, record_source)

    def findings(claim_id: str) -> dict[str, tuple[str, ...]]:
        return {finding: found[finding].get(claim_id, ()) for finding in FINDINGS}

    status = {
        claim_id: _status(findings(claim_id)) if compared else "not_judged"
        for claim_id, compared in zip(
            claims["claim_id"].tolist(), is_compared(claims).tolist(), strict=True
        )
    }
    attesting = claims[claims["kind"].isin(CHECKABLE_KINDS) & (claims["event_id"] != "")]
    event_origins: dict[str, set[str]] = {}
    for event_id, source_id in zip(
        attesting["event_id"].tolist(), attesting["source_id"].tolist(), strict=True
    ):
        event_origins.setdefault(event_id, set()).add(origin_of[source_id])
    for event_id in record["event_id"]:
        event_origins.setdefault(event_id, set()).add(origin_of[record_source])
    origins_on = {event_id: tuple(sorted(origins)) for event_id, origins in event_origins.items()}
    contradicted = claims[claims["claim_id"].map(status) == "contradicted"]
    contradicted_on: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for other in contradicted.itertuples(index=False):
        contradicted_on.setdefault((other.source_id, other.event_id), []).append(
            (other.claim_id, other.attribute)
        )
    rows = []
    # One string per distinct text: the name of an origin group of copies lists every member
    # (kilobytes in a large corpus), and the same texts recur on many claims.
    shared: dict[str, str] = {}
    # Columns as lists, zipped: pandas strings and named tuples iterate slowly.
    columns = ["claim_id", "source_id", "kind", "attribute", "event_id", "value_normalised"]
    for claim_id, source_id, kind, attribute, event_id, value in zip(
        *(claims[column].tolist() for column in columns), strict=True
    ):
        origin = origin_of[source_id]
        on_event = [
            other_attribute
            for other_id, other_attribute in contradicted_on.get((source_id, event_id), [])
            if other_id != claim_id
        ]
        evidence = ClaimEvidence(
            kind=kind,
            attribute=attribute,
            has_event=bool(event_id),
            has_value=bool(value),
            status=status[claim_id],
            contradicted_on_event=_distinct(on_event) if event_id else (),
            event_confirmed_by=_without(origins_on.get(event_id, ()), origin),
            **findings(claim_id),
        )
        grade, reason = credibility(evidence)
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
                shared.setdefault(reason, reason),
                origin,
                shared.setdefault(corroborating, corroborating),
                shared.setdefault(contradicted_by, contradicted_by),
            )
        )
    judged = pd.DataFrame.from_records(rows, columns=JUDGEMENT_COLUMNS)
    return pd.concat([claims.reset_index(drop=True), judged], axis=1)


def _known(field: str) -> bool:
    folded = field.strip().casefold()
    return bool(folded) and not folded.startswith(("unknown", "none"))


# The curated columns of sources.csv that a graded source carries with it.
SOURCE_COLUMNS = (
    "source_id",
    "seed_file",
    "title",
    "publisher",
    "author",
    "published",
    "kind",
    "relies_on",
)


def grade_sources(
    sources: pd.DataFrame,
    judged: pd.DataFrame,
    reference: pd.DataFrame,
    origins: pd.DataFrame,
) -> pd.DataFrame:
    """Sources with origin group, outcome counts of their claims, reliability and reason."""
    # Counted for all sources at once: a filter per source is quadratic in a large corpus.
    counts = judged.groupby(["source_id", "status"]).size()
    contradicted = judged[judged["status"] == "contradicted"]
    by_record = contradicted["contradicted_by"].str.split("; ").map(lambda by: "record" in by)
    contradicted_by_record = by_record.groupby(contradicted["source_id"]).sum()
    core = contradicted[contradicted["attribute"].isin(CORE_ATTRIBUTES)]
    core_contradicted = core.groupby("source_id")["attribute"].agg(_distinct)
    rows = []
    for source in sources.itertuples(index=False):

        def count(status: str, source_id: str = source.source_id) -> int:
            return int(counts.get((source_id, status), 0))

        evidence = SourceEvidence(
            kind=source.kind,
            confirmed=count("confirmed"),
            contradicted=count("contradicted"),
            contradicted_by_record=int(contradicted_by_record.get(source.source_id, 0)),
            unconfirmed=count("unconfirmed"),
            core_contradicted=core_contradicted.get(source.source_id, ()),
            has_publisher=_known(source.publisher),
            has_byline=_known(source.author),
            has_date=bool(source.published.strip()),
        )
        grade, reason = reliability(evidence)
        is_record = source.kind == OFFICIAL_RECORD_KIND
        rows.append(
            {
                "n_claims": len(reference) if is_record else sum(map(count, STATUSES)),
                "n_confirmed": evidence.confirmed,
                "n_contradicted": evidence.contradicted,
                "n_unconfirmed": evidence.unconfirmed,
                "n_not_judged": count("not_judged"),
                "reliability": grade,
                "reason": reason,
            }
        )
    graded = pd.concat(
        [sources[list(SOURCE_COLUMNS)].reset_index(drop=True), pd.DataFrame(rows)], axis=1
    )
    return graded.merge(origins, on="source_id", how="left")


def assess(corpus: Corpus) -> Assessment:
    """Compare, group, grade and date everything in a validated corpus.

    The cyclic garbage collector is paused meanwhile: the millions of tuples a large corpus
    makes (none in a cycle) would set it scanning them over and over, a sixth of the time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _assess(corpus)
    finally:
        if collecting:
            gc.enable()


def _assess(corpus: Corpus) -> Assessment:
    names = alias_index(corpus.entities)
    record_source = record_source_id(corpus.sources)
    reuse = text_reuse(corpus.seeds)
    origins = origin_groups(corpus.sources, reuse)
    origin_of = dict(zip(origins["source_id"], origins["origin_group"], strict=True))
    record = record_statements(corpus.reference, corpus.events, names)
    pairs = comparisons(
        corpus.claims, record, record_source, origin_of, corpus.events, corpus.entities
    )
    claims = judge_claims(corpus.claims, pairs, record, record_source, origin_of)
    sources = grade_sources(corpus.sources, claims, corpus.reference, origins)
    conflicts = find_conflicts(pairs, record_source)
    timeline = build_timeline(
        corpus.events, claims, corpus.reference, record_source, origin_of, conflicts
    )
    return Assessment(claims, sources, conflicts, timeline, origins, reuse, pairs)
