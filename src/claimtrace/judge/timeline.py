"""The events in date order, with who attests each one and whether anything about it is disputed."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import split_list

TIMELINE_COLUMNS = [
    "event_id",
    "title",
    "event_type",
    "agreement",
    "date",
    "date_precision",
    "place",
    "attesting_sources",
    "n_origins",
    "anticipating_sources",
    "conflict",
    "disputed_attributes",
]


def build_timeline(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    reference: pd.DataFrame,
    record_source: str,
    conflicts: pd.DataFrame,
) -> pd.DataFrame:
    """One row per event (TIMELINE_COLUMNS), dated events first in date order, undated last.

    `claims` are judged claims (judge/claims.py: origin_group, attests_event). attesting_sources
    are the sources with a claim that attests the event, the record included when it has a row
    for it; n_origins counts their origin groups (independent lines of evidence).
    anticipating_sources are the others that speak of it ahead, in a forecast or a plan, or
    before it began; they attest nothing.
    """
    attesting: dict[str, set[str]] = {}
    origins: dict[str, set[str]] = {}
    anticipating: dict[str, set[str]] = {}
    # Neither attesting nor analysis: a forecast, or a fact reported before the event began.
    ahead = (claims["kind"] != "analysis") & ~claims["attests_event"]
    # As lists: iterating pandas string columns costs seconds per million claims.
    for event_id, source_id, origin, attests, early in zip(
        claims["event_id"].tolist(),
        claims["source_id"].tolist(),
        claims["origin_group"].tolist(),
        claims["attests_event"].tolist(),
        ahead.tolist(),
        strict=True,
    ):
        if attests:
            attesting.setdefault(event_id, set()).add(source_id)
            origins.setdefault(event_id, set()).add(origin)
        elif early:
            anticipating.setdefault(event_id, set()).add(source_id)
    for event_id in reference["event_id"]:
        attesting.setdefault(event_id, set()).add(record_source)
    # The record is its own origin group, none of the claims'.
    in_record = set(reference["event_id"])
    disputed: dict[str, set[str]] = {}
    for event_id, attribute in zip(conflicts["event_id"], conflicts["attribute"], strict=True):
        disputed.setdefault(event_id, set()).update(split_list(attribute))
    rows = []
    for event in events.itertuples(index=False):
        sources = attesting.get(event.event_id, set())
        rows.append(
            {
                "event_id": event.event_id,
                "title": event.title,
                "event_type": event.event_type,
                "agreement": event.agreement,
                "date": event.date,
                "date_precision": event.date_precision,
                "place": event.place,
                "attesting_sources": "; ".join(sorted(sources)),
                "n_origins": len(origins.get(event.event_id, ())) + (event.event_id in in_record),
                "anticipating_sources": "; ".join(
                    sorted(anticipating.get(event.event_id, set()) - sources)
                ),
                "conflict": event.event_id in disputed,
                "disputed_attributes": "; ".join(sorted(disputed.get(event.event_id, set()))),
            }
        )
    timeline = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    starts = [start_of(date) if date else dt.date.max for date in timeline["date"]]
    ordered = timeline.assign(_start=starts).sort_values("_start", kind="stable")
    return ordered.drop(columns="_start").reset_index(drop=True)
