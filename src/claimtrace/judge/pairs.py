"""Every comparison between a claim and another statement on the same event, with its verdict.

Claims are compared on normalised values (entity ids, sorted sets), per event, attribute and
subject, with the vocabulary's semantics (judge/comparison.py). A `role` is checked against the
dated roles on file at the event's date (judge/roles.py). Claims about different events are
never compared: a signing and an entry into force are two events.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from claimtrace.judge.comparison import COMPARABLE, compare_values
from claimtrace.judge.roles import role_finding, role_rows, role_spans
from claimtrace.vocabulary import CHECKABLE_KINDS, UNCOMPARED_ATTRIBUTES

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
    itself); and, for a `role`, the dated roles at its event's date. `origin_of` maps each
    claim id to its origin group (judge/origins.py); the record is its own, `record_source`.
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
            found = role_finding(
                roles, spans, claim.subject, claim.value_normalised, event_dates[claim.event_id]
            )
            others = []
            if found:
                verdict, basis, finding = found
                others = [(basis, record_source, "role", finding, verdict)]
        else:
            met = sorted(
                (
                    (position, other)
                    for attribute in COMPARABLE[claim.attribute]
                    for position, other in claims_by_topic.get(
                        (claim.event_id, claim.subject, attribute), ()
                    )
                    if _meets(claim, other)
                ),
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
                origin_of[claim.claim_id],
                claim.event_id,
                claim.subject,
                claim.attribute,
                claim.value_normalised,
                other_id,
                other_source,
                record_source if other_source == record_source else origin_of[other_id],
                other_attribute,
                other_value,
                verdict,
            )
            for other_id, other_source, other_attribute, other_value, verdict in others
            if verdict is not None
        ]
    return pd.DataFrame.from_records(rows, columns=PAIR_COLUMNS)
